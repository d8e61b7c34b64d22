//! Hostile documents, built here rather than committed: a zip bomb `.docx`, a `.docx` of a huge
//! number of tiny paragraphs, a PDF nested 200,000 arrays deep, a PDF whose object stream
//! inflates to 64 MiB, and a PDF of thousands of tiny pages. Each is refused quickly with a
//! message naming the limit, what was typed is kept, and the server keeps answering meanwhile.

use std::time::{Duration, Instant};

use app::models::staff::Role;
use lopdf::{Document, Object};
use reqwest::StatusCode;

use super::fixtures::{METADATA, docx, location, pdf, upload};
use crate::helpers::{Backend, TestApp};
use crate::staff::helpers::{get, signed_in};
use crate::{both_backends, both_backends_with};

/// `prefix`, then `pattern` `repeats` times, then `suffix`, as a raw deflate stream, with the
/// CRC-32 and Adler-32 of the whole. Written by hand (one fixed-Huffman block of 258-byte
/// back-references, about 14 bits each) so hundreds of MiB cost a test no compression time.
pub struct Inflating {
    pub deflate: Vec<u8>,
    pub crc32: u32,
    pub adler32: u32,
    pub size: u64,
}

pub fn inflating(prefix: &[u8], pattern: &[u8], repeats: usize, suffix: &[u8]) -> Inflating {
    assert!(
        !pattern.is_empty() && 258 % pattern.len() == 0,
        "a pattern that 258 repeats whole"
    );
    let mut bits = Bits::default();
    bits.put(1, 1); // the final block
    bits.put(1, 2); // fixed Huffman codes
    let literal = |bits: &mut Bits, byte: u8| match byte {
        0..=143 => bits.code(0x30 + u32::from(byte), 8),
        _ => bits.code(0x190 + u32::from(byte) - 144, 9),
    };
    prefix.iter().for_each(|&b| literal(&mut bits, b));
    pattern.iter().for_each(|&b| literal(&mut bits, b));
    let copies = (repeats - 1) * pattern.len() / 258;
    let (code, extra_bits, extra) = distance(pattern.len());
    for _ in 0..copies {
        bits.code(0xC5, 8); // length 258
        bits.code(code, 5);
        bits.put(extra, extra_bits);
    }
    let rest = (repeats - 1) * pattern.len() - copies * 258;
    for i in 0..rest {
        literal(&mut bits, pattern[i % pattern.len()]);
    }
    suffix.iter().for_each(|&b| literal(&mut bits, b));
    bits.code(0, 7); // end of block
    let mut sums = Sums::default();
    sums.add(prefix);
    let chunk: Vec<u8> = pattern.repeat(65_536 / pattern.len());
    let mut left = repeats;
    while left > 0 {
        let n = left.min(65_536 / pattern.len());
        sums.add(&chunk[..n * pattern.len()]);
        left -= n;
    }
    sums.add(suffix);
    Inflating {
        deflate: bits.finish(),
        crc32: !sums.crc,
        adler32: (sums.b << 16) | sums.a,
        size: (prefix.len() + pattern.len() * repeats + suffix.len()) as u64,
    }
}

/// The fixed distance code for a back-reference of `distance` (1 to 8): code, extra bits, value.
fn distance(distance: usize) -> (u32, u8, u32) {
    match distance {
        1..=4 => (distance as u32 - 1, 0, 0),
        5 | 6 => (4, 1, distance as u32 - 5),
        _ => (5, 1, distance as u32 - 7),
    }
}

#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    acc: u64,
    count: u8,
}

impl Bits {
    /// `n` bits of `value`, least significant first (header fields, extra bits).
    fn put(&mut self, value: u32, n: u8) {
        self.acc |= u64::from(value) << self.count;
        self.count += n;
        while self.count >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.count -= 8;
        }
    }

    /// A Huffman code of `n` bits, most significant first.
    fn code(&mut self, code: u32, n: u8) {
        let reversed = code.reverse_bits() >> (32 - u32::from(n));
        self.put(reversed, n);
    }

    fn finish(mut self) -> Vec<u8> {
        if self.count > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

struct Sums {
    crc: u32,
    table: [u32; 256],
    a: u32,
    b: u32,
}

impl Default for Sums {
    fn default() -> Self {
        let mut table = [0u32; 256];
        for (i, slot) in table.iter_mut().enumerate() {
            let mut c = i as u32;
            for _ in 0..8 {
                c = if c & 1 == 1 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
            *slot = c;
        }
        Sums {
            crc: !0,
            table,
            a: 1,
            b: 0,
        }
    }
}

impl Sums {
    fn add(&mut self, bytes: &[u8]) {
        for block in bytes.chunks(5552) {
            for &byte in block {
                self.crc =
                    self.table[((self.crc ^ u32::from(byte)) & 0xFF) as usize] ^ (self.crc >> 8);
                self.a += u32::from(byte);
                self.b += self.a;
            }
            self.a %= 65_521;
            self.b %= 65_521;
        }
    }
}

/// A `.docx` whose `word/document.xml` inflates to about 256 MiB of empty runs from about 2 MB.
pub fn zip_bomb_docx() -> Vec<u8> {
    zip_of(&inflating(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document \
          xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p>",
        b"<w:r/>",
        (256 << 20) / 6,
        b"</w:p></w:body></w:document>",
    ))
}

/// A zip holding `xml` as `word/document.xml`, deflated.
fn zip_of(xml: &Inflating) -> Vec<u8> {
    let name = b"word/document.xml";
    let size = u32::try_from(xml.size).unwrap_or(u32::MAX);
    let compressed = xml.deflate.len() as u32;
    let mut zip = Vec::new();
    // Local header, data, central directory, end record.
    zip.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
    for v in [20u16, 0, 8, 0, 0] {
        zip.extend_from_slice(&v.to_le_bytes());
    }
    for v in [xml.crc32, compressed, size] {
        zip.extend_from_slice(&v.to_le_bytes());
    }
    zip.extend_from_slice(&(name.len() as u16).to_le_bytes());
    zip.extend_from_slice(&0u16.to_le_bytes());
    zip.extend_from_slice(name);
    zip.extend_from_slice(&xml.deflate);
    let directory = zip.len() as u32;
    zip.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
    for v in [20u16, 20, 0, 8, 0, 0] {
        zip.extend_from_slice(&v.to_le_bytes());
    }
    for v in [xml.crc32, compressed, size] {
        zip.extend_from_slice(&v.to_le_bytes());
    }
    for v in [name.len() as u16, 0, 0, 0, 0] {
        zip.extend_from_slice(&v.to_le_bytes());
    }
    zip.extend_from_slice(&0u32.to_le_bytes()); // external attributes
    zip.extend_from_slice(&0u32.to_le_bytes()); // local header offset
    zip.extend_from_slice(name);
    let directory_size = zip.len() as u32 - directory;
    zip.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    for v in [0u16, 0, 1, 1] {
        zip.extend_from_slice(&v.to_le_bytes());
    }
    zip.extend_from_slice(&directory_size.to_le_bytes());
    zip.extend_from_slice(&directory.to_le_bytes());
    zip.extend_from_slice(&0u16.to_le_bytes());
    zip
}

/// A `.docx` of `count` one-letter paragraphs.
pub fn tiny_paragraphs_docx(count: usize) -> Vec<u8> {
    docx(&vec!["a"; count])
}

/// A PDF whose only object is `depth` nested arrays.
pub fn deep_pdf(depth: usize) -> Vec<u8> {
    let mut pdf = b"%PDF-1.4\n1 0 obj\n".to_vec();
    pdf.extend(std::iter::repeat_n(b'[', depth));
    pdf.extend(std::iter::repeat_n(b']', depth));
    pdf.extend_from_slice(b"\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
    pdf
}

/// A one-page PDF that also holds an object stream inflating to `mib` MiB of spaces. Written by
/// hand: lopdf drops object streams when it saves, to write its own.
pub fn object_stream_pdf(mib: usize) -> Vec<u8> {
    let spaces = inflating(b"9999 0 ", b" ", mib << 20, b"null");
    let mut zlib = vec![0x78, 0x01];
    zlib.extend_from_slice(&spaces.deflate);
    zlib.extend_from_slice(&spaces.adler32.to_be_bytes());
    let text = b"BT /F1 11 Tf 50 780 Td (A page of text.) Tj ET";
    raw_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 595 842] \
          /Resources << /Font << /F1 4 0 R >> >> >>"
            .to_vec(),
        b"<< /Type /Page /Parent 2 0 R /Contents 5 0 R >>".to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        stream(&format!("/Length {}", text.len()), text),
        stream(
            &format!(
                "/Type /ObjStm /N 1 /First {} /Filter /FlateDecode /Length {}",
                spaces.size - 4,
                zlib.len()
            ),
            &zlib,
        ),
    ])
}

/// An indirect object's body: a stream with `dict` entries.
fn stream(dict: &str, content: &[u8]) -> Vec<u8> {
    let mut out = format!("<< {dict} >>\nstream\n").into_bytes();
    out.extend_from_slice(content);
    out.extend_from_slice(b"\nendstream");
    out
}

/// A PDF of `objects` (numbered from 1, the first the catalog) with a cross-reference table.
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
    out.extend_from_slice(
        format!("trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}

/// A PDF of `count` pages, each showing one letter (one content stream shared by all).
pub fn tiny_pages_pdf(count: usize) -> Vec<u8> {
    let mut doc = Document::load_mem(&pdf(&["a"])).expect("reload");
    let pages_id = doc
        .catalog()
        .and_then(|c| c.get(b"Pages"))
        .and_then(Object::as_reference)
        .expect("pages");
    let first = doc.page_iter().next().expect("a page");
    let template = doc.get_dictionary(first).expect("page").clone();
    let kids: Vec<Object> = (0..count)
        .map(|_| doc.add_object(template.clone()).into())
        .collect();
    let pages = doc.get_dictionary_mut(pages_id).expect("pages");
    pages.set("Kids", kids);
    pages.set("Count", count as i64);
    doc.delete_object(first);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save pdf");
    out
}

/// The hostile corpus, with what the refusal says.
pub fn corpus() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    vec![
        (
            "bomb.docx",
            zip_bomb_docx(),
            "it is too large or complex to read (its text unpacks to more than 16 MB of Word markup): save it as .txt or split it into several files",
        ),
        (
            "confetti.docx",
            tiny_paragraphs_docx(100_000),
            "the document is too long",
        ),
        ("nested.pdf", deep_pdf(200_000), "is not a readable PDF"),
        (
            "objstm.pdf",
            object_stream_pdf(64),
            "it is too large or complex to read (its compressed PDF structure unpacks to more than 4 MB)",
        ),
        (
            "pages.pdf",
            tiny_pages_pdf(5_000),
            "it is too large or complex to read (it has more than 2000 pages)",
        ),
    ]
}

/// Seconds a hostile file may take to be refused, in a debug build on a busy machine.
const QUICKLY: Duration = Duration::from_secs(10);

both_backends!(
    hostile_documents_are_refused_quickly_naming_the_limit,
    |app: TestApp| async move {
        let (partner, _) = signed_in(&app, Role::Partner).await;
        for (name, bytes, reason) in corpus() {
            let started = Instant::now();
            let response = upload(&app, &partner, name, bytes, &METADATA).await;
            let took = started.elapsed();
            eprintln!("{name}: answered in {took:?}");
            assert!(took < QUICKLY, "{name} took {took:?}");
            assert_eq!(response.status(), StatusCode::SEE_OTHER, "{name}");
            assert_eq!(location(&response), "/notes", "{name}");
            let (_, html) = get(&app, &partner, "/notes").await;
            assert!(
                html.contains(reason),
                "{name}: expected “{reason}” in {html}"
            );
            assert!(html.contains("Choose the file again"), "{name}");
            assert!(
                html.contains("value=\"Vietnamese-speaking seniors, District 7\""),
                "{name}: what was typed is kept"
            );
        }
        assert_eq!(app.count("SELECT COUNT(*) FROM note_document").await, 0);
    }
);

both_backends!(
    the_server_answers_while_hostile_documents_are_read,
    |app: TestApp| async move {
        let (partner, _) = signed_in(&app, Role::Partner).await;
        let corpus = corpus();
        let names: Vec<&str> = corpus.iter().map(|(name, _, _)| *name).collect();
        let mut files = corpus.into_iter().map(|(name, bytes, _)| (name, bytes));
        let mut next = || files.next().expect("five files");
        let ((a, ab), (b, bb), (c, cb), (d, db), (e, eb)) =
            (next(), next(), next(), next(), next());
        let uploads = async {
            let (a, b, c, d, e) = tokio::join!(
                upload(&app, &partner, a, ab, &METADATA),
                upload(&app, &partner, b, bb, &METADATA),
                upload(&app, &partner, c, cb, &METADATA),
                upload(&app, &partner, d, db, &METADATA),
                upload(&app, &partner, e, eb, &METADATA),
            );
            [a, b, c, d, e]
        };
        let health = async {
            // Let the uploads get going first.
            tokio::time::sleep(Duration::from_millis(300)).await;
            let mut slowest = Duration::ZERO;
            for _ in 0..10 {
                let started = Instant::now();
                let response = app
                    .client
                    .get(app.url("/healthz"))
                    .send()
                    .await
                    .expect("healthz");
                assert_eq!(response.status(), StatusCode::OK);
                slowest = slowest.max(started.elapsed());
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            slowest
        };
        let (responses, slowest) = tokio::join!(uploads, health);
        assert!(
            slowest < Duration::from_millis(500),
            "/healthz took {slowest:?} while documents were read"
        );
        for (name, response) in names.into_iter().zip(responses) {
            let status = response.status();
            assert_eq!(location(&response), "/notes", "{name}: {status}");
        }
        assert_eq!(app.count("SELECT COUNT(*) FROM note_document").await, 0);
    }
);

both_backends_with!(
    a_document_past_the_time_limit_is_refused_with_what_was_typed_kept,
    |s: &mut server::config::Settings| s.notes_parse_seconds = 0,
    |app: TestApp| async move {
        let (partner, _) = signed_in(&app, Role::Partner).await;
        let file = docx(&["The clinic on Story Road closes at five."]);
        let response = upload(&app, &partner, "notes.docx", file, &METADATA).await;
        assert_eq!(location(&response), "/notes");
        let (_, html) = get(&app, &partner, "/notes").await;
        assert!(
            html.contains("“notes.docx” could not be read: it is too large or complex to read (reading it took more than 0 seconds): save it as .txt or split it into several files."),
            "{html}"
        );
        assert!(
            html.contains("value=\"resident\""),
            "what was typed is kept"
        );
        assert!(
            html.contains("aria-invalid=\"true\""),
            "the file field is marked"
        );
    }
);

/// Writes small versions of the corpus as fuzz seeds when `NEEDSCOPE_WRITE_FUZZ_SEEDS` names
/// the `server/fuzz/seeds` directory (they are committed there; this regenerates them).
#[test]
fn fuzz_seeds() {
    let Some(dir) = std::env::var_os("NEEDSCOPE_WRITE_FUZZ_SEEDS") else {
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    let seeds: [(&str, &str, Vec<u8>); 5] = [
        ("note_docx", "zip-bomb-17mib.docx", {
            let xml = inflating(
                b"<w:document><w:body><w:p>",
                b"<w:r/>",
                (17 << 20) / 6,
                b"</w:p></w:body></w:document>",
            );
            zip_of(&xml)
        }),
        (
            "note_docx",
            "tiny-paragraphs.docx",
            tiny_paragraphs_docx(2_000),
        ),
        ("note_pdf", "nested-arrays.pdf", deep_pdf(2_000)),
        ("note_pdf", "object-stream-8mib.pdf", object_stream_pdf(8)),
        ("note_pdf", "tiny-pages-2001.pdf", tiny_pages_pdf(2_001)),
    ];
    for (target, name, bytes) in seeds {
        let folder = dir.join(target);
        std::fs::create_dir_all(&folder).expect("seed folder");
        std::fs::write(folder.join(name), bytes).expect("seed");
    }
}
