//! How an interview-notes document shows: its facts, and its passages with each redaction marked.

use leptos::prelude::*;

use crate::i18n::{Locale, use_i18n};
use crate::models::notes::{NOTE_LANGUAGES, NoteRow, mark_redactions};

/// The name of a notes language code.
pub fn language_name(code: &str) -> String {
    NOTE_LANGUAGES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or_else(|| code.to_owned(), |(_, name)| (*name).to_owned())
}

/// A document's metadata, in `locale` (partner pages: any language) or else the staff pages'.
#[component]
pub fn NoteFacts(row: NoteRow, #[prop(optional)] locale: Option<Locale>) -> impl IntoView {
    let l = locale.unwrap_or_else(|| use_i18n().staff_locale());
    view! {
        <dl class="facts">
            <dt>{l.tr("notes-file")}</dt><dd>{format!("{} ({})", row.filename, row.format)}</dd>
            <dt>{l.tr("notes-organization")}</dt><dd>{row.organization}</dd>
            <dt>{l.tr("notes-community-served")}</dt><dd>{row.community}</dd>
            <dt>{l.tr("notes-interview-date")}</dt><dd>{row.interview_date}</dd>
            <dt>{l.tr("notes-role")}</dt><dd>{row.interviewee_role}</dd>
            <dt>{l.tr("notes-language-short")}</dt><dd>{language_name(&row.language)}</dd>
            <dt>{l.tr("notes-passages")}</dt><dd>{row.passages}</dd>
            <dt>{l.tr("notes-redacted")}</dt><dd>{row.redactions}</dd>
            <dt>{l.tr("notes-uploaded")}</dt><dd>{row.uploaded_at}</dd>
            {row.uploaded_by.map(|name| view! { <dt>{l.tr("notes-uploaded-by")}</dt><dd>{name}</dd> })}
        </dl>
    }
}

/// Passages in order, in the document's language; redactions marked and announced (in `locale`,
/// else the staff pages' language).
#[component]
pub fn Passages(
    passages: Vec<String>,
    lang: String,
    #[prop(optional)] locale: Option<Locale>,
) -> impl IntoView {
    let l = locale.unwrap_or_else(|| use_i18n().staff_locale());
    let removed = l.tr("notes-removed");
    view! {
        <ol class="passages" lang=lang>
            {passages.into_iter().map(|p| view! {
                <li>
                    {mark_redactions(&p).into_iter().map(|(redacted, text)| {
                        if redacted {
                            view! { <mark class="redaction" title=removed.clone()>{text}</mark> }.into_any()
                        } else {
                            text.into_any()
                        }
                    }).collect_view()}
                </li>
            }).collect_view()}
        </ol>
    }
}
