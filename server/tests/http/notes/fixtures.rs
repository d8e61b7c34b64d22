//! Documents to upload, made here: a `.docx` (zip of XML), PDFs with text lines (one of them
//! password-protected), and an upload helper.

use std::io::{Cursor, Write};

use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, Stream, dictionary};
use reqwest::Client;
use reqwest::multipart::{Form, Part};

use crate::helpers::TestApp;
use crate::staff::helpers::token;

/// A minimal Word document with one `<w:p>` per paragraph.
pub fn docx(paragraphs: &[&str]) -> Vec<u8> {
    let body: String = paragraphs
        .iter()
        .map(|p| {
            let escaped = p.replace('&', "&amp;").replace('<', "&lt;");
            format!("<w:p><w:r><w:t xml:space=\"preserve\">{escaped}</w:t></w:r></w:p>")
        })
        .collect();
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}</w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, content) in [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
        ),
        ("word/document.xml", document.as_str()),
    ] {
        zip.start_file(name, options).expect("zip entry");
        zip.write_all(content.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip").into_inner()
}

/// A one-page PDF with `lines` of text, top to bottom.
pub fn pdf(lines: &[&str]) -> Vec<u8> {
    let mut doc = pdf_document(lines);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save pdf");
    out
}

/// [`pdf`], but password-protected (a user password is needed to open it).
pub fn encrypted_pdf() -> Vec<u8> {
    let mut doc = pdf_document(&["secret"]);
    let encrypt = doc.add_object(dictionary! {
        "Filter" => "Standard",
        "V" => 1,
        "R" => 2,
        "O" => Object::string_literal(vec![7u8; 32]),
        "U" => Object::string_literal(vec![9u8; 32]),
        "P" => -4,
    });
    doc.trailer.set("Encrypt", encrypt);
    doc.trailer.set(
        "ID",
        vec![
            Object::string_literal(vec![1u8; 16]),
            Object::string_literal(vec![1u8; 16]),
        ],
    );
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save pdf");
    out
}

fn pdf_document(lines: &[&str]) -> Document {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font_id },
    });
    let mut operations = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), 11.into()]),
        Operation::new("TL", vec![14.into()]),
        Operation::new("Td", vec![50.into(), 780.into()]),
    ];
    for line in lines {
        operations.push(Operation::new("Tj", vec![Object::string_literal(*line)]));
        operations.push(Operation::new("T*", vec![]));
    }
    operations.push(Operation::new("ET", vec![]));
    let content = Content { operations };
    let content_id = doc.add_object(Stream::new(
        dictionary! {},
        content.encode().expect("content"),
    ));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page_id.into()],
            "Count" => 1,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    doc
}

/// Metadata of a valid upload.
pub const METADATA: [(&str, &str); 4] = [
    ("community", "Vietnamese-speaking seniors, District 7"),
    ("interview_date", "2026-03-14"),
    ("interviewee_role", "resident"),
    ("language", "en"),
];

/// Uploads `bytes` as `filename` with `fields` (and the token of `/notes`); returns the
/// response (a redirect).
pub async fn upload(
    app: &TestApp,
    client: &Client,
    filename: &str,
    bytes: Vec<u8>,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let csrf = token(app, client, "/notes").await;
    let mut form = Form::new().text("_csrf", csrf);
    for (k, v) in fields {
        form = form.text((*k).to_owned(), (*v).to_owned());
    }
    form = form.part("file", Part::bytes(bytes).file_name(filename.to_owned()));
    client
        .post(app.url("/notes"))
        .multipart(form)
        .send()
        .await
        .expect("upload")
}

/// Where a response redirects.
pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}
