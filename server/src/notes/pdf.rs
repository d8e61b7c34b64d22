//! PDF notes, read with lopdf. A PDF has lines, not paragraphs: a paragraph ends at a blank
//! line, or after a line that ends a sentence and stops well short of the page's usual width.
//! A password-protected file is refused; content streams are decompressed with a bound.

use lopdf::Document;

use super::ReadError;

/// Largest decompressed content of one page.
const MAX_PAGE_BYTES: usize = 16 * 1024 * 1024;
/// Most pages read.
const MAX_PAGES: usize = 2_000;

pub fn paragraphs(bytes: &[u8]) -> Result<Vec<String>, ReadError> {
    let doc = Document::load_mem(bytes).map_err(|e| match e {
        lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_) => ReadError::Encrypted,
        other => ReadError::BadPdf(other.to_string()),
    })?;
    if doc.is_encrypted() {
        return Err(ReadError::Encrypted);
    }
    let pages: Vec<u32> = doc.get_pages().into_keys().collect();
    if pages.is_empty() {
        return Err(ReadError::BadPdf("it has no pages".into()));
    }
    if pages.len() > MAX_PAGES {
        return Err(ReadError::TooLong);
    }
    let mut out = Vec::new();
    for page in pages {
        let text = doc
            .extract_text_with_limit(&[page], MAX_PAGE_BYTES)
            .map_err(|e| ReadError::BadPdf(format!("page {page}: {e}")))?;
        out.extend(from_lines(&text));
    }
    Ok(out)
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
mod tests {
    use super::*;

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
            paragraphs(b"%PDF-1.4 nothing else"),
            Err(ReadError::BadPdf(_))
        ));
    }
}
