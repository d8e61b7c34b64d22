//! Unicode normalisation shared by texts and stopword lists.
//!
//! NFC, not NFKD: linfa's default NFKD turned Spanish `más` into `ma\u{301}s` so the stopword
//! no longer matched (method.md §1.2). Everything that is compared with anything else goes
//! through [`normalize`].

use unicode_normalization::UnicodeNormalization;

/// NFC, typographic quotes and dashes mapped to ASCII, control characters dropped,
/// whitespace collapsed, runs of 3+ identical characters cut to 2. Case is kept (quotes and the
/// sentence encoder see this form); tokenisers lowercase on their own.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last: Option<char> = None;
    let mut run = 0usize;
    let mut pending_space = false;
    for c in text.nfc() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        };
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            last = None;
            run = 0;
            continue;
        }
        if c.is_control() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{FEFF}') {
            continue;
        }
        if Some(c) == last {
            run += 1;
            if run >= 2 {
                continue;
            }
        } else {
            run = 0;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
        last = Some(c);
    }
    out
}

/// [`normalize`] followed by Unicode-aware lowercasing: the form tokens and stopwords share.
pub fn normalize_lower(text: &str) -> String {
    normalize(text).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_composes_diacritics() {
        assert_eq!(normalize("ma\u{301}s"), "más");
        assert_eq!(normalize("Vie\u{323}\u{302}t"), "Việt");
    }

    #[test]
    fn whitespace_quotes_and_repeats() {
        assert_eq!(
            normalize("  we\u{2019}re   soooo\t\u{201C}tired\u{201D}!!!  "),
            "we're soo \"tired\"!!"
        );
        assert_eq!(normalize_lower("ÁRBOLES"), "árboles");
    }
}
