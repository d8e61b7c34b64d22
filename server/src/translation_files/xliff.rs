//! XLIFF 2.0 (OASIS, <https://docs.oasis-open.org/xliff/xliff-core/v2.0/xliff-core-v2.0.html>)
//! as Needscope writes and reads it, with quick-xml's event reader and writer. One `<file>` per
//! survey, its id the survey's address and its notes the survey version; one `<unit>` per text,
//! its id the text's field (`title`, `<key>.prompt`, `<key>.option.<value>`, …), a note saying
//! what it is, and one `<segment>` with the English `<source>` and the `<target>`.
//!
//! Reading keeps each unit's line (quick-xml gives byte offsets) so that every problem can name
//! the line of the uploaded file it is on.

use std::collections::BTreeMap;

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesDecl, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer, XmlVersion};

use app::models::translation_file::SegmentState;

/// The XLIFF 2.0 core namespace.
pub const NAMESPACE: &str = "urn:oasis:names:tc:xliff:document:2.0";
/// The category of the file-level notes that name the survey and its version.
const NOTE_CATEGORY: &str = "needscope";

/// One text to export.
pub struct OutUnit<'a> {
    pub id: &'a str,
    /// What it is, for the translator ("Question top_need: option x").
    pub what: &'a str,
    pub english: &'a str,
    /// `None`: no translation yet (no `<target>`).
    pub target: Option<&'a str>,
    pub state: SegmentState,
}

/// A survey version's texts in one language, to export.
pub struct OutFile<'a> {
    pub slug: &'a str,
    pub version: i32,
    pub title: &'a str,
    /// The target language's code (`vi`, `zh-Hant`, `tl`, `es`).
    pub language: &'a str,
    pub units: Vec<OutUnit<'a>>,
}

/// The XLIFF 2.0 document of `file`.
pub fn write(file: &OutFile<'_>) -> std::io::Result<Vec<u8>> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let version = file.version.to_string();
    let original = format!("/surveys/{}", file.slug);
    w.create_element("xliff")
        .with_attributes([
            ("xmlns", NAMESPACE),
            ("version", "2.0"),
            ("srcLang", "en"),
            ("trgLang", file.language),
        ])
        .write_inner_content(|w| {
            w.create_element("file")
                .with_attributes([("id", file.slug), ("original", original.as_str())])
                .write_inner_content(|w| {
                    w.create_element("notes").write_inner_content(|w| {
                        for (id, text) in [
                            ("survey", file.slug),
                            ("version", version.as_str()),
                            ("title", file.title),
                        ] {
                            w.create_element("note")
                                .with_attributes([("id", id), ("category", NOTE_CATEGORY)])
                                .write_text_content(BytesText::new(text))?;
                        }
                        Ok(())
                    })?;
                    for unit in &file.units {
                        write_unit(w, unit)?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    let mut out = w.into_inner();
    out.push(b'\n');
    Ok(out)
}

fn write_unit(w: &mut Writer<Vec<u8>>, unit: &OutUnit<'_>) -> std::io::Result<()> {
    w.create_element("unit")
        .with_attribute(("id", unit.id))
        .write_inner_content(|w| {
            w.create_element("notes").write_inner_content(|w| {
                w.create_element("note")
                    .with_attribute(("category", "location"))
                    .write_text_content(BytesText::new(unit.what))?;
                Ok(())
            })?;
            w.create_element("segment")
                .with_attribute(("state", unit.state.as_str()))
                .write_inner_content(|w| {
                    w.create_element("source")
                        .write_text_content(BytesText::new(unit.english))?;
                    if let Some(target) = unit.target {
                        w.create_element("target")
                            .write_text_content(BytesText::new(target))?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    Ok(())
}

/// A unit as read, with where it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InUnit {
    pub id: String,
    /// Line of `<unit>`.
    pub line: u64,
    pub source: String,
    /// `None`: no `<target>` at all.
    pub target: Option<String>,
    /// Line of the `<target>` (else of the unit).
    pub target_line: u64,
    /// The `state` attribute as written (`None`: absent, which XLIFF reads as `initial`).
    pub state: Option<String>,
    /// An element inside `<source>` or `<target>` (inline markup), with its line.
    pub markup: Option<(String, u64)>,
}

/// The root element's attributes and the file's notes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Header {
    /// The root element's name (`xliff` for an XLIFF file).
    pub root: String,
    pub version: Option<String>,
    pub namespace: Option<String>,
    pub src_lang: Option<String>,
    pub trg_lang: Option<String>,
    /// Line of the root element.
    pub line: u64,
    /// `<file>` elements, with their lines.
    pub files: Vec<u64>,
    /// Line of the last `</file>` (where a missing unit would go).
    pub file_end: u64,
    /// The file-level `needscope` notes by id (`survey`, `version`).
    pub notes: BTreeMap<String, (String, u64)>,
}

/// A document as read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    pub header: Header,
    pub units: Vec<InUnit>,
}

/// Why a document could not be read at all: the message and its line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    pub line: u64,
    pub message: String,
}

/// The 1-based line of byte `offset` in `bytes`.
pub fn line_at(bytes: &[u8], offset: u64) -> u64 {
    let end = usize::try_from(offset)
        .unwrap_or(usize::MAX)
        .min(bytes.len());
    bytes[..end].iter().filter(|b| **b == b'\n').count() as u64 + 1
}

/// Where text read goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Collect {
    Nothing,
    Source,
    Target,
    Note,
}

/// Reads an uploaded XLIFF document: its header and units, each with its line. Not checked
/// against anything here (see [`super::check`]), except that it must be well-formed XML.
pub fn read(bytes: &[u8]) -> Result<Document, Unreadable> {
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().check_end_names = true;
    let mut doc = Document::default();
    let mut buf = Vec::new();
    let mut into = Collect::Nothing;
    // Depth inside <source>/<target> (inline elements), and the element stack.
    let mut inline_depth = 0usize;
    let mut stack: Vec<String> = Vec::new();
    let mut unit: Option<InUnit> = None;
    let mut note: Option<(String, u64, String)> = None;
    let mut text = String::new();
    let unreadable = |reader: &Reader<&[u8]>, e: &dyn std::fmt::Display| Unreadable {
        line: line_at(bytes, reader.error_position()),
        message: format!("the file is not well-formed XML: {e}"),
    };
    loop {
        buf.clear();
        let at = reader.buffer_position();
        let line = line_at(bytes, at);
        let event = match reader.read_event_into(&mut buf) {
            Ok(event) => event,
            Err(e) => return Err(unreadable(&reader, &e)),
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if stack.is_empty() && doc.header.root.is_empty() {
                    doc.header.root = name.clone();
                    doc.header.line = line;
                    doc.header.version = attr(&reader, e, "version");
                    doc.header.namespace = attr(&reader, e, "xmlns");
                    doc.header.src_lang = attr(&reader, e, "srcLang");
                    doc.header.trg_lang = attr(&reader, e, "trgLang");
                }
                if matches!(into, Collect::Source | Collect::Target) {
                    if let Some(u) = unit.as_mut()
                        && u.markup.is_none()
                    {
                        u.markup = Some((name.clone(), line));
                    }
                    if !empty {
                        inline_depth += 1;
                    }
                    continue;
                }
                match name.as_str() {
                    "file" => doc.header.files.push(line),
                    "unit" => {
                        unit = Some(InUnit {
                            id: attr(&reader, e, "id").unwrap_or_default(),
                            line,
                            target_line: line,
                            ..InUnit::default()
                        });
                    }
                    "segment" => {
                        if let Some(u) = unit.as_mut()
                            && u.state.is_none()
                        {
                            u.state = attr(&reader, e, "state");
                        }
                    }
                    "source" if unit.is_some() && !empty => into = Collect::Source,
                    "target" if unit.is_some() => {
                        if let Some(u) = unit.as_mut() {
                            u.target.get_or_insert_with(String::new);
                            u.target_line = line;
                        }
                        if !empty {
                            into = Collect::Target;
                        }
                    }
                    "note" if unit.is_none() && !empty => {
                        let category = attr(&reader, e, "category").unwrap_or_default();
                        if category == NOTE_CATEGORY {
                            let id = attr(&reader, e, "id").unwrap_or_default();
                            note = Some((id, line, String::new()));
                            into = Collect::Note;
                        }
                    }
                    _ => {}
                }
                if !empty {
                    stack.push(name);
                }
            }
            Event::End(ref e) => {
                if inline_depth > 0 {
                    inline_depth -= 1;
                    continue;
                }
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                stack.pop();
                match name.as_str() {
                    "source" if into == Collect::Source => {
                        if let Some(u) = unit.as_mut() {
                            u.source.push_str(&text);
                        }
                        text.clear();
                        into = Collect::Nothing;
                    }
                    "target" if into == Collect::Target => {
                        if let Some(u) = unit.as_mut() {
                            u.target.get_or_insert_with(String::new).push_str(&text);
                        }
                        text.clear();
                        into = Collect::Nothing;
                    }
                    "note" if into == Collect::Note => {
                        if let Some((id, line, _)) = note.take() {
                            doc.header
                                .notes
                                .entry(id)
                                .or_insert((text.trim().to_owned(), line));
                        }
                        text.clear();
                        into = Collect::Nothing;
                    }
                    "unit" => {
                        if let Some(u) = unit.take() {
                            doc.units.push(u);
                        }
                    }
                    "file" => doc.header.file_end = line,
                    _ => {}
                }
            }
            Event::Text(ref t) if into != Collect::Nothing => {
                match t.xml_content(XmlVersion::Implicit1_0) {
                    Ok(s) => text.push_str(&s),
                    Err(e) => return Err(unreadable(&reader, &e)),
                }
            }
            Event::CData(ref t) if into != Collect::Nothing => {
                match t.xml_content(XmlVersion::Implicit1_0) {
                    Ok(s) => text.push_str(&s),
                    Err(e) => return Err(unreadable(&reader, &e)),
                }
            }
            Event::GeneralRef(ref r) if into != Collect::Nothing => match r.resolve_char_ref() {
                Ok(Some(c)) => text.push(c),
                Ok(None) => {
                    let name = r.decode().map_err(|e| unreadable(&reader, &e))?;
                    match resolve_predefined_entity(&name) {
                        Some(s) => text.push_str(s),
                        None => {
                            return Err(Unreadable {
                                line,
                                message: format!(
                                    "the file uses the entity &{name}; which XLIFF does not define"
                                ),
                            });
                        }
                    }
                }
                Err(e) => return Err(unreadable(&reader, &e)),
            },
            Event::DocType(_) => {
                return Err(Unreadable {
                    line,
                    message: "the file has a DOCTYPE declaration, which XLIFF files do not have"
                        .into(),
                });
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if doc.header.root.is_empty() {
        return Err(Unreadable {
            line: 1,
            message: "the file is empty or has no XML element".into(),
        });
    }
    if !stack.is_empty() {
        return Err(Unreadable {
            line: line_at(bytes, bytes.len() as u64),
            message: format!(
                "the file ends before </{}>",
                stack.last().map_or("", String::as_str)
            ),
        });
    }
    Ok(doc)
}

/// The value of attribute `name` (qualified name as written, e.g. `xmlns`), decoded.
fn attr(reader: &Reader<&[u8]>, e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name.as_bytes())
        .and_then(|a| {
            a.decoded_and_normalized_value(XmlVersion::Implicit1_0, reader.decoder())
                .ok()
                .map(|v| v.into_owned())
        })
}

#[cfg(test)]
#[allow(clippy::expect_used, clippy::unwrap_used)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        write(&OutFile {
            slug: "parks",
            version: 2,
            title: "Parks & you",
            language: "vi",
            units: vec![
                OutUnit {
                    id: "title",
                    what: "Title",
                    english: "Parks & <you>",
                    target: Some("Công viên & bạn"),
                    state: SegmentState::Translated,
                },
                OutUnit {
                    id: "visits.prompt",
                    what: "Question visits",
                    english: "How often?\nSay \"weekly\".",
                    target: None,
                    state: SegmentState::Initial,
                },
            ],
        })
        .unwrap()
    }

    #[test]
    fn what_is_written_reads_back_with_lines() {
        let bytes = sample();
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(
            text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"),
            "{text}"
        );
        assert!(text.contains("<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"vi\">"), "{text}");
        let doc = read(&bytes).unwrap();
        assert_eq!(doc.header.root, "xliff");
        assert_eq!(doc.header.version.as_deref(), Some("2.0"));
        assert_eq!(doc.header.namespace.as_deref(), Some(NAMESPACE));
        assert_eq!(doc.header.trg_lang.as_deref(), Some("vi"));
        assert_eq!(doc.header.notes["survey"].0, "parks");
        assert_eq!(doc.header.notes["version"].0, "2");
        assert_eq!(doc.units.len(), 2);
        let title = &doc.units[0];
        assert_eq!(title.id, "title");
        assert_eq!(title.source, "Parks & <you>");
        assert_eq!(title.target.as_deref(), Some("Công viên & bạn"));
        assert_eq!(title.state.as_deref(), Some("translated"));
        let line_of =
            |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1;
        assert_eq!(title.line, line_of("<unit id=\"title\">"));
        assert_eq!(title.target_line, line_of("<target>Công viên"));
        let prompt = &doc.units[1];
        assert_eq!(prompt.source, "How often?\nSay \"weekly\".");
        assert_eq!(prompt.target, None);
        assert_eq!(prompt.markup, None);
    }

    #[test]
    fn broken_xml_is_named_by_its_line() {
        let text = "<?xml version=\"1.0\"?>\n<xliff version=\"2.0\">\n<file>\n<unit id=\"a\"></file>\n</xliff>\n";
        let err = read(text.as_bytes()).unwrap_err();
        assert_eq!(err.line, 4, "{err:?}");
        assert!(err.message.contains("not well-formed"), "{err:?}");
    }

    #[test]
    fn inline_markup_is_noticed() {
        let text = "<xliff version=\"2.0\"><file id=\"f\"><unit id=\"a\"><segment><source>A</source>\n<target>B <pc id=\"1\">bold</pc></target></segment></unit></file></xliff>";
        let doc = read(text.as_bytes()).unwrap();
        assert_eq!(doc.units[0].markup, Some(("pc".to_owned(), 2)));
        assert_eq!(doc.units[0].target.as_deref(), Some("B bold"));
    }
}
