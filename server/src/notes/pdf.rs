//! PDF notes, read with lopdf. A PDF has lines, not paragraphs: a paragraph ends at a blank
//! line, or after a line that ends a sentence and stops well short of the page's usual width.
//! A password-protected file is refused. Everything that unpacks or multiplies is bounded and
//! counted as it loads (see the limits below), so a hostile file is refused within moments.

use std::cell::RefCell;

use lopdf::{Document, LoadOptions, Object, ObjectId};

use super::ReadError;
use super::limits::{Complexity, Deadline, Tally};

/// Most pages read. Text extraction costs about a millisecond a page even when a page is empty.
pub const MAX_PAGES: usize = 2_000;
/// Largest single compressed stream unpacked while loading (object and cross-reference
/// streams). Producers put a hundred or so small dictionaries in one; a few MB is plenty.
const MAX_STREAM_BYTES: usize = 4 * 1024 * 1024;
/// Object streams unpacked in all. Parsed objects take about sixty times the bytes they were
/// written in, so this bounds what loading may hold, as [`MAX_ELEMENTS`] does.
const MAX_OBJECT_STREAM_BYTES: usize = 16 * 1024 * 1024;
/// Most values (numbers, names, array and dictionary entries) loaded: about 120 bytes each, so
/// some 120 MB. A 300-page text document has tens of thousands.
const MAX_ELEMENTS: usize = 1_000_000;
/// Largest decompressed content of one page. Decoding it takes about 100 bytes of memory and
/// 0.2 µs per byte; a page of text needs a few KB.
const MAX_PAGE_BYTES: usize = 1024 * 1024;
/// Page content unpacked in all (a page shared by many counts each time it is read).
const MAX_CONTENT_BYTES: usize = 32 * 1024 * 1024;

pub fn paragraphs(bytes: &[u8], deadline: Deadline) -> Result<Vec<String>, ReadError> {
    let mut doc = load(bytes, deadline)?;
    if doc.is_encrypted() {
        return Err(ReadError::Encrypted);
    }
    // Walked lazily: a page tree may list the same page a million times.
    let pages: Vec<ObjectId> = doc.page_iter().take(MAX_PAGES + 1).collect();
    if pages.is_empty() {
        return Err(ReadError::BadPdf("it has no pages".into()));
    }
    if pages.len() > MAX_PAGES {
        return Err(Complexity::Pages(MAX_PAGES).into());
    }
    let mut out = Vec::new();
    let mut tally = Tally::default();
    let mut content = 0;
    for (number, page) in (1u32..).zip(pages) {
        deadline.check()?;
        content += unpack_contents(&mut doc, page, number as usize, content)?;
        let text = doc
            .extract_text_with_limit(&[number], MAX_PAGE_BYTES)
            .map_err(|e| ReadError::BadPdf(format!("page {number}: {e}")))?;
        for paragraph in from_lines(&text) {
            tally.push(&mut out, paragraph)?;
        }
    }
    Ok(out)
}

/// The document, its objects counted as they load; refused once past a limit or the deadline.
fn load(bytes: &[u8], deadline: Deadline) -> Result<Document, ReadError> {
    LOADING.set(Some(Loading::new(deadline)));
    let options = LoadOptions {
        filter: Some(admit),
        max_decompressed_size: Some(MAX_STREAM_BYTES),
        ..LoadOptions::default()
    };
    let loaded = Document::load_mem_with_options(bytes, options);
    let refused = LOADING.take().and_then(|l| l.refused);
    if let Some(refusal) = refused {
        return Err(refusal);
    }
    loaded.map_err(|e| match e {
        lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_) => ReadError::Encrypted,
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. }) => {
            Complexity::ObjectStreams(MAX_STREAM_BYTES).into()
        }
        other => ReadError::BadPdf(other.to_string()),
    })
}

/// What loading has taken so far, for [`admit`] (lopdf's filter is a plain `fn`, so it is
/// reached through this thread's slot; one document loads on a thread at a time).
struct Loading {
    deadline: Deadline,
    elements: usize,
    unpacked: usize,
    refused: Option<ReadError>,
}

impl Loading {
    fn new(deadline: Deadline) -> Loading {
        Loading {
            deadline,
            elements: 0,
            unpacked: 0,
            refused: None,
        }
    }

    /// Counts `object` (unpacking it first if it is an object stream) against the limits.
    fn count(&mut self, object: &mut Object) -> Result<(), ReadError> {
        self.deadline.check()?;
        if let Object::Stream(stream) = object
            && stream.dict.has_type(b"ObjStm")
        {
            // Unpacked here, within what is left, and kept unpacked so lopdf reads it once.
            let left = MAX_OBJECT_STREAM_BYTES.saturating_sub(self.unpacked);
            match stream.get_plain_content_with_limit(left.min(MAX_STREAM_BYTES)) {
                Ok(plain) => {
                    self.unpacked += plain.len();
                    stream.set_plain_content(plain);
                }
                Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                    ..
                })) => {
                    return Err(Complexity::ObjectStreams(if left < MAX_STREAM_BYTES {
                        MAX_OBJECT_STREAM_BYTES
                    } else {
                        MAX_STREAM_BYTES
                    })
                    .into());
                }
                // Left for lopdf to report as it would.
                Err(_) => {}
            }
        }
        self.elements += elements(object, MAX_ELEMENTS.saturating_sub(self.elements) + 1);
        if self.elements > MAX_ELEMENTS {
            return Err(Complexity::Objects(MAX_ELEMENTS).into());
        }
        Ok(())
    }
}

thread_local! {
    static LOADING: RefCell<Option<Loading>> = const { RefCell::new(None) };
}

/// lopdf's load filter: keeps each object while the document is within its limits. Once one is
/// passed, every later object is dropped unread (and unpacked object streams are not unpacked),
/// and [`load`] reports the limit.
fn admit(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    LOADING.with_borrow_mut(|slot| {
        let Some(loading) = slot.as_mut() else {
            return Some((id, object.clone()));
        };
        if loading.refused.is_some() {
            return None;
        }
        match loading.count(object) {
            Ok(()) => Some((id, object.clone())),
            Err(refusal) => {
                loading.refused = Some(refusal);
                None
            }
        }
    })
}

/// Values in `object`, counting up to `cap` (a stream's content counts as one).
fn elements(object: &Object, cap: usize) -> usize {
    let mut count = 0;
    let mut stack = vec![object];
    while let Some(object) = stack.pop() {
        count += 1;
        if count >= cap {
            break;
        }
        match object {
            Object::Array(items) => stack.extend(items),
            Object::Dictionary(dict) => stack.extend(dict.iter().map(|(_, v)| v)),
            Object::Stream(stream) => stack.extend(stream.dict.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    count
}

/// Unpacks the content streams of `page` (page `number`) in place, so text extraction reads
/// them once, within the page's limit and what is left of the document's; returns the bytes.
fn unpack_contents(
    doc: &mut Document,
    page: ObjectId,
    number: usize,
    so_far: usize,
) -> Result<usize, ReadError> {
    let mut bytes = 0;
    for id in doc.get_page_contents(page) {
        let Ok(stream) = doc.get_object_mut(id).and_then(Object::as_stream_mut) else {
            continue;
        };
        let page_left = MAX_PAGE_BYTES - bytes;
        let doc_left = MAX_CONTENT_BYTES.saturating_sub(so_far + bytes);
        match stream.get_plain_content_with_limit(page_left.min(doc_left)) {
            Ok(plain) => {
                bytes += plain.len();
                stream.set_plain_content(plain);
            }
            Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                ..
            })) => {
                return Err(if doc_left < page_left {
                    Complexity::Content(MAX_CONTENT_BYTES)
                } else {
                    Complexity::Page(number, MAX_PAGE_BYTES)
                }
                .into());
            }
            // Left for text extraction to report.
            Err(_) => {}
        }
    }
    Ok(bytes)
}

/// Paragraphs from a page's lines.
fn from_lines(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let width = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let mut out = Vec::new();
    let mut current = String::new();
    for line in lines {
        if line.is_empty() {
            flush(&mut out, &mut current);
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(line);
        let ends_sentence = line.ends_with(['.', '?', '!', '。', '？', '！', ':']);
        if ends_sentence && line.chars().count() * 10 < width * 7 {
            flush(&mut out, &mut current);
        }
    }
    flush(&mut out, &mut current);
    out
}

fn flush(out: &mut Vec<String>, current: &mut String) {
    if !current.is_empty() {
        out.push(std::mem::take(current));
    }
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// A PDF of `objects`, numbered from 1 (the first the catalog), written by hand: lopdf drops
    /// object streams when it saves.
    fn raw_pdf(objects: &[Vec<u8>]) -> Vec<u8> {
        let mut out = b"%PDF-1.5\n".to_vec();
        let mut offsets = Vec::new();
        for (number, body) in (1..).zip(objects) {
            offsets.push(out.len());
            out.extend_from_slice(format!("{number} 0 obj\n").as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        let size = objects.len() + 1;
        out.extend_from_slice(format!("xref\n0 {size}\n0000000000 65535 f \n").as_bytes());
        for offset in offsets {
            out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
        }
        let trailer =
            format!("trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        out.extend_from_slice(trailer.as_bytes());
        out
    }

    /// A stream object's body; `deflate` compresses `content` first (when that makes it smaller).
    fn stream(dict: &str, content: &[u8], deflate: bool) -> Vec<u8> {
        let mut stream = lopdf::Stream::new(lopdf::Dictionary::new(), content.to_vec());
        if deflate {
            stream.compress().expect("deflate");
        }
        let filter = if stream.is_compressed() {
            " /Filter /FlateDecode"
        } else {
            ""
        };
        let length = stream.content.len();
        let mut out = format!("<< {dict}{filter} /Length {length} >>\nstream\n").into_bytes();
        out.extend_from_slice(&stream.content);
        out.extend_from_slice(b"\nendstream");
        out
    }

    /// A PDF of `pages` pages that all draw `content` (one shared stream), then `extra` objects.
    fn pages_pdf(pages: usize, content: &[u8], extra: &[Vec<u8>]) -> Vec<u8> {
        let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", i + 4)).collect();
        let mut objects = vec![
            b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
            format!(
                "<< /Type /Pages /Kids [{}] /Count {pages} /MediaBox [0 0 595 842] >>",
                kids.join(" ")
            )
            .into_bytes(),
            stream("", content, true),
        ];
        objects.extend(
            (0..pages).map(|_| b"<< /Type /Page /Parent 2 0 R /Contents 3 0 R >>".to_vec()),
        );
        objects.extend_from_slice(extra);
        raw_pdf(&objects)
    }

    /// An object stream holding one `null` after `padding` spaces.
    fn object_stream(padding: usize) -> Vec<u8> {
        let mut content = b"9999 0 ".to_vec();
        content.resize(content.len() + padding, b' ');
        let first = content.len();
        content.extend_from_slice(b"null");
        stream(
            &format!("/Type /ObjStm /N 1 /First {first}"),
            &content,
            true,
        )
    }

    fn refused(bytes: &[u8]) -> Option<Complexity> {
        match paragraphs(bytes, Deadline::none()) {
            Err(ReadError::TooComplex(reason)) => Some(reason),
            _ => None,
        }
    }

    #[test]
    fn the_helpers_make_a_readable_pdf() {
        let pdf = pages_pdf(
            2,
            b"BT 50 780 Td (Rent is the worry.) Tj ET",
            &[object_stream(10)],
        );
        assert!(paragraphs(&pdf, Deadline::none()).is_ok());
    }

    #[test]
    fn more_pages_than_the_limit_are_refused() {
        assert!(refused(&pages_pdf(MAX_PAGES, b" ", &[])).is_none());
        assert_eq!(
            refused(&pages_pdf(MAX_PAGES + 1, b" ", &[])),
            Some(Complexity::Pages(MAX_PAGES))
        );
    }

    #[test]
    fn more_values_than_the_limit_are_refused() {
        let array = format!("[{}]", "0 ".repeat(MAX_ELEMENTS));
        assert_eq!(
            refused(&pages_pdf(1, b" ", &[array.into_bytes()])),
            Some(Complexity::Objects(MAX_ELEMENTS))
        );
    }

    #[test]
    fn one_large_object_stream_is_refused() {
        assert_eq!(
            refused(&pages_pdf(1, b" ", &[object_stream(MAX_STREAM_BYTES)])),
            Some(Complexity::ObjectStreams(MAX_STREAM_BYTES))
        );
    }

    #[test]
    fn object_streams_are_counted_together() {
        let each = MAX_STREAM_BYTES - 1024;
        let streams = vec![object_stream(each); MAX_OBJECT_STREAM_BYTES / each + 1];
        assert_eq!(
            refused(&pages_pdf(1, b" ", &streams)),
            Some(Complexity::ObjectStreams(MAX_OBJECT_STREAM_BYTES))
        );
    }

    #[test]
    fn page_content_is_limited_per_page_and_in_all() {
        let page = vec![b' '; MAX_PAGE_BYTES + 1];
        assert_eq!(
            refused(&pages_pdf(1, &page, &[])),
            Some(Complexity::Page(1, MAX_PAGE_BYTES))
        );
        let shared = vec![b' '; MAX_PAGE_BYTES];
        let pages = MAX_CONTENT_BYTES / MAX_PAGE_BYTES + 1;
        assert_eq!(
            refused(&pages_pdf(pages, &shared, &[])),
            Some(Complexity::Content(MAX_CONTENT_BYTES))
        );
    }

    #[test]
    fn a_spent_deadline_stops_loading() {
        let pdf = pages_pdf(1, b"BT (text) Tj ET", &[]);
        assert_eq!(
            paragraphs(&pdf, Deadline::after(Duration::ZERO)),
            Err(ReadError::TooComplex(Complexity::Time(0)))
        );
    }

    #[test]
    fn short_sentence_ends_and_blank_lines_end_paragraphs() {
        let page = "The library closes early on weekends and students have\nnowhere to study.\nRent is the worry.\n\nNext topic here";
        assert_eq!(
            from_lines(page),
            [
                "The library closes early on weekends and students have nowhere to study.",
                "Rent is the worry.",
                "Next topic here"
            ]
        );
    }

    #[test]
    fn garbage_is_not_a_pdf() {
        assert!(matches!(
            paragraphs(b"%PDF-1.4 nothing else", Deadline::none()),
            Err(ReadError::BadPdf(_))
        ));
    }
}
