//! Word `.docx` notes: a zip archive whose `word/document.xml` holds the body. Paragraph text is
//! the `<w:t>` runs of each `<w:p>`; tabs and line breaks become spaces. Read with the zip and
//! quick-xml crates: a whole-document model (docx-rs) would parse styles, numbering and images
//! this needs none of.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;

use super::ReadError;

/// Largest `word/document.xml` read, uncompressed (guards against zip bombs).
const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;

/// The OLE compound-file signature: an encrypted Office file (or an old binary `.doc`).
const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

pub fn paragraphs(bytes: &[u8]) -> Result<Vec<String>, ReadError> {
    if bytes.starts_with(&OLE) {
        return Err(ReadError::Encrypted);
    }
    let bad = |e: &dyn std::fmt::Display| ReadError::BadDocx(e.to_string());
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| ReadError::BadDocx("it is not a zip archive, as .docx files are".into()))?;
    let entry = archive
        .by_name("word/document.xml")
        .map_err(|_| ReadError::BadDocx("it has no word/document.xml".into()))?;
    let mut xml = Vec::new();
    entry
        .take(MAX_XML_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|e| bad(&e))?;
    if xml.len() as u64 > MAX_XML_BYTES {
        return Err(ReadError::TooLong);
    }
    body(&xml).map_err(|e| bad(&e))
}

/// Paragraphs of `word/document.xml`.
fn body(xml: &[u8]) -> Result<Vec<String>, quick_xml::Error> {
    let mut reader = Reader::from_reader(xml);
    let mut out = Vec::new();
    let mut current = String::new();
    let mut in_text = false;
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf)? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"t" => in_text = true,
                b"tab" | b"br" | b"cr" => current.push(' '),
                _ => {}
            },
            Event::Empty(e) if matches!(e.local_name().as_ref(), b"tab" | b"br" | b"cr") => {
                current.push(' ');
            }
            Event::Text(t) if in_text => current.push_str(&t.xml_content()?),
            Event::CData(t) if in_text => current.push_str(&t.xml_content()?),
            Event::GeneralRef(r) if in_text => {
                if let Some(c) = r.resolve_char_ref()? {
                    current.push(c);
                } else if let Some(s) = resolve_predefined_entity(&r.xml_content()?) {
                    current.push_str(s);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => {
                    let paragraph = current.trim();
                    if !paragraph.is_empty() {
                        out.push(paragraph.to_owned());
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

    #[test]
    fn runs_tabs_and_entities_make_paragraphs() {
        let xml = br#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body>
            <w:p><w:r><w:t>Rent &amp; food</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve"> cost &#8364;</w:t></w:r></w:p>
            <w:p><w:r><w:t>Second</w:t><w:br/><w:t>line</w:t></w:r></w:p><w:p/></w:body></w:document>"#;
        assert_eq!(
            body(xml).expect("parses"),
            ["Rent & food  cost €", "Second line"]
        );
    }

    #[test]
    fn other_files_are_refused_with_the_reason() {
        assert_eq!(
            paragraphs(b"plain text"),
            Err(ReadError::BadDocx(
                "it is not a zip archive, as .docx files are".into()
            ))
        );
        let mut ole = OLE.to_vec();
        ole.extend_from_slice(&[0; 64]);
        assert_eq!(paragraphs(&ole), Err(ReadError::Encrypted));
    }
}
