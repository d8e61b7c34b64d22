//! Word `.docx` notes: a zip archive whose `word/document.xml` holds the body. Paragraph text is
//! the `<w:t>` runs of each `<w:p>`; tabs and line breaks become spaces. Read with the zip and
//! quick-xml crates: a whole-document model (docx-rs) would parse styles, numbering and images
//! this needs none of.

use std::io::{BufRead, BufReader, Cursor, Read};

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};

use super::ReadError;
use super::limits::{Complexity, Deadline, Tally};

/// Largest `word/document.xml` read, uncompressed, counted while it inflates (a zip bomb stops
/// here, whatever its headers claim). Word writes about 5 to 10 bytes of markup per character of
/// text (run properties, revision ids), so this holds a document at the text limit
/// (`MAX_TEXT_CHARS`, a million characters) with room to spare, and takes well under a second to
/// inflate and scan.
pub const MAX_XML_BYTES: u64 = 16 * 1024 * 1024;
/// XML events between two looks at the clock.
const EVENTS_PER_CHECK: u32 = 4096;

/// The OLE compound-file signature: an encrypted Office file (or an old binary `.doc`).
const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

pub fn paragraphs(bytes: &[u8], deadline: Deadline) -> Result<Vec<String>, ReadError> {
    if bytes.starts_with(&OLE) {
        return Err(ReadError::Encrypted);
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| ReadError::BadDocx("it is not a zip archive, as .docx files are".into()))?;
    let entry = archive
        .by_name("word/document.xml")
        .map_err(|_| ReadError::BadDocx("it has no word/document.xml".into()))?;
    // Streamed: the markup is never held whole, and inflating stops one byte past the limit.
    let mut reader = Reader::from_reader(BufReader::new(entry.take(MAX_XML_BYTES + 1)));
    let read = body(&mut reader, deadline);
    if reader.buffer_position() > MAX_XML_BYTES {
        return Err(Complexity::Unpacked(MAX_XML_BYTES).into());
    }
    read
}

/// Paragraphs of `word/document.xml`.
fn body<R: BufRead>(reader: &mut Reader<R>, deadline: Deadline) -> Result<Vec<String>, ReadError> {
    let bad = |e: quick_xml::Error| ReadError::BadDocx(e.to_string());
    let mut out = Vec::new();
    let mut tally = Tally::default();
    let mut current = String::new();
    let mut in_text = false;
    let mut buf = Vec::new();
    let mut events = 0u32;
    loop {
        events = events.wrapping_add(1);
        if events.is_multiple_of(EVENTS_PER_CHECK) {
            deadline.check()?;
        }
        match reader.read_event_into(&mut buf).map_err(bad)? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"t" => in_text = true,
                b"tab" | b"br" | b"cr" => current.push(' '),
                _ => {}
            },
            Event::Empty(e) if matches!(e.local_name().as_ref(), b"tab" | b"br" | b"cr") => {
                current.push(' ');
            }
            Event::Text(t) if in_text => current.push_str(
                &t.xml_content(XmlVersion::Implicit1_0)
                    .map_err(|e| bad(e.into()))?,
            ),
            Event::CData(t) if in_text => current.push_str(
                &t.xml_content(XmlVersion::Implicit1_0)
                    .map_err(|e| bad(e.into()))?,
            ),
            Event::GeneralRef(r) if in_text => {
                if let Some(c) = r.resolve_char_ref().map_err(bad)? {
                    current.push(c);
                } else if let Some(s) = resolve_predefined_entity(
                    &r.xml_content(XmlVersion::Implicit1_0)
                        .map_err(|e| bad(e.into()))?,
                ) {
                    current.push_str(s);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => {
                    let paragraph = current.trim();
                    if !paragraph.is_empty() {
                        tally.push(&mut out, paragraph.to_owned())?;
                    }
                    current.clear();
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;
    use crate::notes::limits::MAX_PARAGRAPHS;
    use std::io::Write;
    use std::time::Duration;

    /// A `.docx` whose `word/document.xml` is `xml`, deflated.
    fn docx(xml: &[u8]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .expect("zip entry");
        zip.write_all(xml).expect("zip write");
        zip.finish().expect("zip").into_inner()
    }

    /// Markup of `count` paragraphs of one letter.
    fn tiny_paragraphs(count: usize) -> Vec<u8> {
        let mut xml = b"<w:document><w:body>".to_vec();
        for _ in 0..count {
            xml.extend_from_slice(b"<w:p><w:r><w:t>a</w:t></w:r></w:p>");
        }
        xml.extend_from_slice(b"</w:body></w:document>");
        xml
    }

    #[test]
    fn markup_past_the_limit_is_refused_however_well_it_packs() {
        let mut xml = b"<w:document><w:body><w:p>".to_vec();
        xml.resize(MAX_XML_BYTES as usize + 1024, b' ');
        xml.extend_from_slice(b"<w:r><w:t>late</w:t></w:r></w:p></w:body></w:document>");
        let bomb = docx(&xml);
        assert!(bomb.len() < 100_000, "{} bytes", bomb.len());
        assert_eq!(
            paragraphs(&bomb, Deadline::none()),
            Err(ReadError::TooComplex(Complexity::Unpacked(MAX_XML_BYTES)))
        );
    }

    #[test]
    fn more_paragraphs_than_the_limit_are_refused_while_reading() {
        let ok = paragraphs(&docx(&tiny_paragraphs(MAX_PARAGRAPHS)), Deadline::none());
        assert_eq!(ok.map(|p| p.len()), Ok(MAX_PARAGRAPHS));
        assert_eq!(
            paragraphs(
                &docx(&tiny_paragraphs(MAX_PARAGRAPHS + 1)),
                Deadline::none()
            ),
            Err(ReadError::TooLong)
        );
    }

    #[test]
    fn a_spent_deadline_stops_the_scan() {
        let file = docx(&tiny_paragraphs(EVENTS_PER_CHECK as usize));
        assert_eq!(
            paragraphs(&file, Deadline::after(Duration::ZERO)),
            Err(ReadError::TooComplex(Complexity::Time(0)))
        );
    }

    #[test]
    fn runs_tabs_and_entities_make_paragraphs() {
        let xml = br#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body>
            <w:p><w:r><w:t>Rent &amp; food</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve"> cost &#8364;</w:t></w:r></w:p>
            <w:p><w:r><w:t>Second</w:t><w:br/><w:t>line</w:t></w:r></w:p><w:p/></w:body></w:document>"#;
        assert_eq!(
            body(&mut Reader::from_reader(&xml[..]), Deadline::none()).expect("parses"),
            ["Rent & food  cost €", "Second line"]
        );
    }

    #[test]
    fn other_files_are_refused_with_the_reason() {
        assert_eq!(
            paragraphs(b"plain text", Deadline::none()),
            Err(ReadError::BadDocx(
                "it is not a zip archive, as .docx files are".into()
            ))
        );
        let mut ole = OLE.to_vec();
        ole.extend_from_slice(&[0; 64]);
        assert_eq!(
            paragraphs(&ole, Deadline::none()),
            Err(ReadError::Encrypted)
        );
    }
}
