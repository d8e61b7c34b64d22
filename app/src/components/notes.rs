//! How an interview-notes document shows: its facts, and its passages with each redaction marked.

use leptos::prelude::*;

use crate::models::notes::{NOTE_LANGUAGES, NoteRow, mark_redactions};

/// The name of a notes language code.
pub fn language_name(code: &str) -> String {
    NOTE_LANGUAGES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or_else(|| code.to_owned(), |(_, name)| (*name).to_owned())
}

/// A document's metadata.
#[component]
pub fn NoteFacts(row: NoteRow) -> impl IntoView {
    view! {
        <dl class="facts">
            <dt>"File"</dt><dd>{format!("{} ({})", row.filename, row.format)}</dd>
            <dt>"Organization"</dt><dd>{row.organization}</dd>
            <dt>"Community served"</dt><dd>{row.community}</dd>
            <dt>"Interview date"</dt><dd>{row.interview_date}</dd>
            <dt>"Interviewee's role"</dt><dd>{row.interviewee_role}</dd>
            <dt>"Language"</dt><dd>{language_name(&row.language)}</dd>
            <dt>"Passages"</dt><dd>{row.passages}</dd>
            <dt>"Redacted"</dt><dd>{row.redactions}</dd>
            <dt>"Uploaded"</dt><dd>{row.uploaded_at}</dd>
            {row.uploaded_by.map(|name| view! { <dt>"Uploaded by"</dt><dd>{name}</dd> })}
        </dl>
    }
}

/// Passages in order, in the document's language; redactions marked and announced.
#[component]
pub fn Passages(passages: Vec<String>, lang: String) -> impl IntoView {
    view! {
        <ol class="passages" lang=lang>
            {passages.into_iter().map(|p| view! {
                <li>
                    {mark_redactions(&p).into_iter().map(|(redacted, text)| {
                        if redacted {
                            view! { <mark class="redaction" title="Removed: personal detail">{text}</mark> }.into_any()
                        } else {
                            text.into_any()
                        }
                    }).collect_view()}
                </li>
            }).collect_view()}
        </ol>
    }
}
