//! Interview notes as their pages show them: the upload form's choices and limits, a partner's
//! list of uploads, and one document with its passages (redactions marked).

use serde::{Deserialize, Serialize};

/// Languages notes can be written in (those the analysis supports), with their names.
pub const NOTE_LANGUAGES: [(&str, &str); 5] = [
    ("en", "English"),
    ("es", "Español"),
    ("vi", "Tiếng Việt"),
    ("zh", "中文"),
    ("tl", "Tagalog"),
];

/// What the redaction writes in place of personal details (the analysis crate's placeholders).
pub const REDACTION_MARKS: [&str; 5] = ["[email]", "[url]", "[phone]", "[address]", "[number]"];

/// How much one account may upload (settings `notes_max_megabytes`, `notes_max_documents`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteLimits {
    pub max_megabytes: u64,
    pub max_documents: u64,
}

impl NoteLimits {
    pub fn max_bytes(self) -> u64 {
        self.max_megabytes.saturating_mul(1024 * 1024)
    }
}

/// One uploaded document in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteRow {
    pub id: i32,
    pub filename: String,
    pub format: String,
    pub organization: String,
    pub community: String,
    pub interview_date: String,
    pub interviewee_role: String,
    pub language: String,
    /// `pending` (awaiting confirmation) or `confirmed`.
    pub status: String,
    pub passages: i32,
    /// For people: `2 phone numbers, 1 e-mail address` or `none`.
    pub redactions: String,
    pub uploaded_at: String,
    /// Who uploaded it (staff lists only).
    pub uploaded_by: Option<String>,
}

/// The upload page: the viewer's uploads, and the form's fixed organization and limits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotesPageData {
    pub rows: Vec<NoteRow>,
    /// A partner's organization: their uploads are always tied to it.
    pub organization: Option<String>,
    pub limits: NoteLimits,
}

/// One document and its passages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteDetail {
    pub row: NoteRow,
    pub passages: Vec<String>,
}

/// A passage cut into plain text and redaction marks, for display.
pub fn mark_redactions(passage: &str) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    let mut rest = passage;
    while let Some((at, mark)) = REDACTION_MARKS
        .iter()
        .filter_map(|m| rest.find(m).map(|i| (i, *m)))
        .min()
    {
        if at > 0 {
            out.push((false, rest[..at].to_owned()));
        }
        out.push((true, mark.to_owned()));
        rest = &rest[at + mark.len()..];
    }
    if !rest.is_empty() {
        out.push((false, rest.to_owned()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redaction_marks_are_found_in_order() {
        assert_eq!(
            mark_redactions("Call [phone] or [email]."),
            [
                (false, "Call ".to_owned()),
                (true, "[phone]".to_owned()),
                (false, " or ".to_owned()),
                (true, "[email]".to_owned()),
                (false, ".".to_owned()),
            ]
        );
        assert_eq!(mark_redactions("[number]"), [(true, "[number]".to_owned())]);
        assert!(mark_redactions("").is_empty());
    }
}
