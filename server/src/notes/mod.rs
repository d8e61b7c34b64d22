//! Interview notes partners upload: reading `.txt`, `.md`, `.docx` and `.pdf` files into
//! paragraphs ([`paragraphs`]), cutting those into paragraph-sized passages and redacting PII
//! before anything is stored ([`prepare`]). Nothing here touches the database, so the fuzz
//! targets in `server/fuzz` drive exactly what the upload handler runs; the handler runs it
//! through a [`NoteReader`]: off the async threads, a few at a time, within a time limit.

mod docx;
pub mod limits;
mod markdown;
mod passages;
mod pdf;
mod reader;

use analysis::text::pii::{PiiCounts, scrub};
use serde::{Deserialize, Serialize};

pub use limits::{Complexity, Deadline};
pub use passages::{MAX_PASSAGE_CHARS, passages};
pub use reader::NoteReader;

/// Longest text a document may hold after extraction (characters), about 300 pages.
pub const MAX_TEXT_CHARS: usize = 1_000_000;
/// Most passages one document may make.
pub const MAX_PASSAGES: usize = 2_000;

/// A file format that can be uploaded, known by the file name's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Txt,
    Md,
    Docx,
    Pdf,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Txt, Format::Md, Format::Docx, Format::Pdf];

    /// The format of `filename`, by its extension (any case).
    pub fn from_filename(filename: &str) -> Option<Format> {
        let (_, ext) = filename.rsplit_once('.')?;
        let ext = ext.to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.as_str() == ext || (ext == "markdown" && *f == Format::Md))
    }

    /// The extension, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Md => "md",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}

/// Why a file cannot be read; each says what the partner can do about it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("the file is empty")]
    Empty,
    #[error(
        "the file is not UTF-8 text (byte {0} is not valid UTF-8): save it as UTF-8 and upload it again"
    )]
    NotUtf8(usize),
    #[error("the file is not a valid .docx document: {0}")]
    BadDocx(String),
    #[error(
        "the file is password-protected (encrypted): remove the password, save it again and upload that copy"
    )]
    Encrypted,
    #[error("the file is not a readable PDF: {0}")]
    BadPdf(String),
    #[error("no text could be found in the document{0}")]
    NoText(&'static str),
    #[error(
        "the document is too long: at most {MAX_TEXT_CHARS} characters of text, or {MAX_PASSAGES} passages; split it into several files"
    )]
    TooLong,
    #[error(
        "it is too large or complex to read ({0}): save it as .txt or split it into several files"
    )]
    TooComplex(Complexity),
    #[error("the server is busy reading other documents: try again in a minute")]
    Busy,
}

/// The paragraphs of a file's text, in order; blank ones dropped. A `.docx` or `.pdf` stops
/// reading at `deadline`.
pub fn paragraphs(
    format: Format,
    bytes: &[u8],
    deadline: Deadline,
) -> Result<Vec<String>, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    let paragraphs = match format {
        Format::Txt => passages::blocks(utf8(bytes)?),
        Format::Md => markdown::paragraphs(utf8(bytes)?),
        Format::Docx => docx::paragraphs(bytes, deadline)?,
        Format::Pdf => pdf::paragraphs(bytes, deadline)?,
    };
    let chars: usize = paragraphs.iter().map(|p| p.chars().count()).sum();
    if chars > MAX_TEXT_CHARS {
        return Err(ReadError::TooLong);
    }
    if chars == 0 {
        return Err(ReadError::NoText(match format {
            Format::Pdf => {
                " (a scanned PDF holds pictures of pages, not text: export the text or run OCR first)"
            }
            _ => "",
        }));
    }
    Ok(paragraphs)
}

/// UTF-8 text, without a byte-order mark.
fn utf8(bytes: &[u8]) -> Result<&str, ReadError> {
    let text = std::str::from_utf8(bytes).map_err(|e| ReadError::NotUtf8(e.valid_up_to() + 1))?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// A document ready to preview: its passages with PII replaced, and what was replaced.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prepared {
    /// Passages as they will be stored and analysed (`[email]`, `[phone]`, … mark redactions).
    pub passages: Vec<String>,
    pub redactions: PiiCounts,
}

/// Reads `bytes`, cuts the text into passages and redacts each. No time limit: see
/// [`prepare_until`].
pub fn prepare(format: Format, bytes: &[u8]) -> Result<Prepared, ReadError> {
    prepare_until(format, bytes, Deadline::none())
}

/// [`prepare`], refusing the document as too complex if reading it is not done by `deadline`.
pub fn prepare_until(
    format: Format,
    bytes: &[u8],
    deadline: Deadline,
) -> Result<Prepared, ReadError> {
    let passages = passages(&paragraphs(format, bytes, deadline)?);
    deadline.check()?;
    if passages.len() > MAX_PASSAGES {
        return Err(ReadError::TooLong);
    }
    let mut prepared = Prepared::default();
    for passage in passages {
        let (clean, counts) = scrub(&passage);
        prepared.redactions.add(&counts);
        prepared.passages.push(clean);
    }
    Ok(prepared)
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn formats_come_from_the_extension() {
        assert_eq!(Format::from_filename("Notes.DOCX"), Some(Format::Docx));
        assert_eq!(Format::from_filename("a.b.pdf"), Some(Format::Pdf));
        assert_eq!(Format::from_filename("readme.markdown"), Some(Format::Md));
        assert_eq!(Format::from_filename("notes.doc"), None);
        assert_eq!(Format::from_filename("notes"), None);
    }

    #[test]
    fn text_is_split_and_redacted() {
        let text = "Maria said the bus stop at 123 Main St has no shade.\n\n\
                    Call her at 408-555-0199 about the food pantry hours.\n";
        let prepared = prepare(Format::Txt, text.as_bytes()).expect("reads");
        assert_eq!(
            prepared.passages,
            [
                "Maria said the bus stop at [address] has no shade.",
                "Call her at [phone] about the food pantry hours."
            ]
        );
        assert_eq!(prepared.redactions.total(), 2);
    }

    #[test]
    fn bad_text_is_refused_with_the_reason() {
        assert_eq!(prepare(Format::Txt, b""), Err(ReadError::Empty));
        assert_eq!(
            prepare(Format::Txt, b"ok \xff\xfe"),
            Err(ReadError::NotUtf8(4))
        );
        assert_eq!(
            prepare(Format::Txt, b"  \n\n \n"),
            Err(ReadError::NoText(""))
        );
        assert_eq!(
            prepare(Format::Txt, "\u{feff}bom".as_bytes())
                .expect("bom")
                .passages,
            ["bom"]
        );
    }
}
