//! Non-resident streams (method.md §3.6): departments, community organisations, interview
//! sources and imported reports are not survey samples. They are counted, one source = one
//! vote per theme, and never mixed into the resident shares.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::error::WeightingError;
use super::respondent::SourceMention;
use crate::unit::Stream;

/// Organisational corroboration `C_t` of one theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeSources {
    /// Theme ID.
    pub theme: String,
    /// Distinct sources raising it, per stream.
    pub by_stream: BTreeMap<Stream, usize>,
    /// Distinct sources over all non-resident streams `C_t`.
    pub sources: usize,
}

/// Counts distinct sources per theme and stream; rejects resident-stream mentions.
pub fn count_sources(mentions: &[SourceMention]) -> Result<Vec<ThemeSources>, WeightingError> {
    let mut seen: BTreeMap<&str, BTreeSet<(Stream, &str)>> = BTreeMap::new();
    for m in mentions {
        if m.stream == Stream::Resident {
            return Err(WeightingError::ResidentSource(m.source.clone()));
        }
        seen.entry(&m.theme)
            .or_default()
            .insert((m.stream, m.source.as_str()));
    }
    Ok(seen
        .into_iter()
        .map(|(theme, sources)| {
            let mut by_stream = BTreeMap::new();
            for (stream, _) in &sources {
                *by_stream.entry(*stream).or_insert(0) += 1;
            }
            ThemeSources {
                theme: theme.to_owned(),
                by_stream,
                sources: sources.len(),
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(stream: Stream, source: &str, theme: &str) -> SourceMention {
        SourceMention {
            stream,
            source: source.into(),
            theme: theme.into(),
        }
    }

    #[test]
    fn one_source_one_vote() -> Result<(), WeightingError> {
        let counts = count_sources(&[
            m(Stream::CommunityOrganization, "cbo-1", "T-1"),
            m(Stream::CommunityOrganization, "cbo-1", "T-1"),
            m(Stream::CommunityOrganization, "cbo-2", "T-1"),
            m(Stream::Department, "dot", "T-1"),
            m(Stream::InterviewNotes, "int-4", "T-2"),
        ])?;
        assert_eq!(counts[0].sources, 3);
        assert_eq!(counts[0].by_stream[&Stream::CommunityOrganization], 2);
        assert_eq!(counts[1].sources, 1);
        assert!(count_sources(&[m(Stream::Resident, "r1", "T-1")]).is_err());
        Ok(())
    }
}
