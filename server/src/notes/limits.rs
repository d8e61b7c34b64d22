//! What reading one document may cost, checked while it is read. The upload handler also stops
//! waiting after a time limit, but a blocking task cannot be cancelled from outside: the parsers
//! check a [`Deadline`] and count what they unpack and keep ([`Tally`]), so a hostile file (a zip
//! bomb, a huge object stream, thousands of pages) stops itself within the same limit.

use std::time::{Duration, Instant};

use super::{MAX_PASSAGES, MAX_TEXT_CHARS, ReadError};

/// Most non-blank paragraphs a document may have. A passage is cut once it holds 40 characters, so
/// it joins at most 21 paragraphs (20 of one character and a space each, then the one that passes
/// 40), and the last 20 join the passage before. More than this always makes more than
/// [`MAX_PASSAGES`] passages: stopping here refuses exactly what `prepare` would, only sooner.
pub const MAX_PARAGRAPHS: usize = 21 * MAX_PASSAGES + 20;

/// Why a document is too large or complex to read; each names the limit it reached.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Complexity {
    #[error("reading it took more than {0} seconds")]
    Time(u64),
    #[error("its text unpacks to more than {} MB of Word markup", .0 >> 20)]
    Unpacked(u64),
    #[error("it has more than {0} pages")]
    Pages(usize),
    #[error("its PDF structure has more than {0} parts")]
    Objects(usize),
    #[error("its compressed PDF structure unpacks to more than {} MB", .0 >> 20)]
    ObjectStreams(usize),
    #[error("page {page} holds more than {mb} MB of drawing instructions", page = .0, mb = .1 >> 20)]
    Page(usize, usize),
    #[error("its pages hold more than {} MB of drawing instructions", .0 >> 20)]
    Content(usize),
}

impl From<Complexity> for ReadError {
    fn from(complexity: Complexity) -> Self {
        ReadError::TooComplex(complexity)
    }
}

/// When reading must stop.
#[derive(Clone, Copy, Debug)]
pub struct Deadline {
    at: Option<Instant>,
    limit: Duration,
}

impl Deadline {
    /// No time limit (the fuzz targets, which have their own).
    pub fn none() -> Deadline {
        Deadline {
            at: None,
            limit: Duration::MAX,
        }
    }

    /// `limit` from now.
    pub fn after(limit: Duration) -> Deadline {
        Deadline {
            at: Instant::now().checked_add(limit),
            limit,
        }
    }

    /// The refusal, once the time is up.
    pub fn check(&self) -> Result<(), ReadError> {
        match self.at {
            Some(at) if Instant::now() >= at => Err(self.expired()),
            _ => Ok(()),
        }
    }

    /// The refusal for running out of time.
    pub fn expired(&self) -> ReadError {
        Complexity::Time(self.limit.as_secs()).into()
    }
}

/// Paragraphs kept so far, counted against [`MAX_TEXT_CHARS`] and [`MAX_PARAGRAPHS`].
#[derive(Debug, Default)]
pub struct Tally {
    chars: usize,
    paragraphs: usize,
}

impl Tally {
    /// Keeps `paragraph` in `out`, or refuses the document as too long.
    pub fn push(&mut self, out: &mut Vec<String>, paragraph: String) -> Result<(), ReadError> {
        self.chars += paragraph.chars().count();
        self.paragraphs += 1;
        if self.chars > MAX_TEXT_CHARS || self.paragraphs > MAX_PARAGRAPHS {
            return Err(ReadError::TooLong);
        }
        out.push(paragraph);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::passages;

    #[test]
    fn a_spent_deadline_refuses_naming_the_limit() {
        assert_eq!(Deadline::none().check(), Ok(()));
        assert_eq!(Deadline::after(Duration::from_secs(60)).check(), Ok(()));
        let spent = Deadline::after(Duration::ZERO).check();
        assert_eq!(spent, Err(ReadError::TooComplex(Complexity::Time(0))));
        let message = spent.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            message.contains("too large or complex to read (reading it took more than 0 seconds)")
                && message.contains("save it as .txt or split it"),
            "{message}"
        );
    }

    #[test]
    fn more_paragraphs_than_the_limit_always_make_too_many_passages() {
        // The worst case for the bound: one-character paragraphs.
        let tiny = vec!["a".to_owned(); MAX_PARAGRAPHS + 1];
        assert!(passages(&tiny).len() > MAX_PASSAGES);
        let mut tally = Tally::default();
        let mut out = Vec::new();
        for p in &tiny[..MAX_PARAGRAPHS] {
            assert_eq!(tally.push(&mut out, p.clone()), Ok(()));
        }
        assert_eq!(tally.push(&mut out, "a".into()), Err(ReadError::TooLong));
    }
}
