//! Cells of exported CSV files that people wrote (answers, report descriptions, theme labels and
//! keywords made from them, survey prompts and options, area names), made safe to open in a
//! spreadsheet: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be
//! read as a formula (CSV or formula injection), so it gets a leading `'`, which spreadsheets
//! take as "this is text" and do not show (OWASP's advice). Numbers Needscope computes are
//! written as they are.

use std::borrow::Cow;

/// What makes a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `cell`, with a leading `'` if it would open as a formula.
pub fn text(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_made_text() {
        for hostile in [
            "=HYPERLINK(\"http://evil.example\",\"click\")",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
        ] {
            let safe = text(hostile);
            assert!(safe.starts_with('\''), "{hostile:?} → {safe:?}");
            assert_eq!(&safe[1..], hostile, "nothing else changes");
        }
    }

    #[test]
    fn ordinary_text_is_kept_as_written() {
        for plain in [
            "Potholes on Story Road",
            "",
            "'quoted",
            "a=b",
            "Đường xấu",
            "3",
        ] {
            assert_eq!(text(plain), plain);
        }
    }
}
