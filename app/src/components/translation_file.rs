//! The translation-file workflow in the survey editor (administrators): on a translation page,
//! the export link and the upload form ([`TranslationFileForms`]); and an uploaded file's page
//! ([`TranslationImportPage`]): each text's English, current and new translation and what
//! changes, to confirm or discard, or the problems that refused the file, each with its line and
//! unit. Kept apart from the translation page's own form so the two change independently.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::translation_files::translation_import_page;
use crate::components::staff::{CsrfField, FlashMessage, PageError, StaffNav};
use crate::models::staff::{Flash, PageContext};
use crate::models::survey_edit::{STATUS_FIELD, TranslationStatus};
use crate::models::translation_file::{
    ImportPageData, ImportProblem, PreviewRow, UnitChange, export_path, import_path,
};

/// The upload form's file input.
const FILE_ID: &str = "translation-file";

/// On a translation page: download the texts for a translator, and upload the translated file.
#[component]
pub fn TranslationFileForms(
    slug: String,
    locale: String,
    language: String,
    csrf: String,
    flash: Option<Flash>,
) -> impl IntoView {
    let invalid = flash
        .as_ref()
        .is_some_and(|f| f.error && f.field.as_deref() == Some(FILE_ID))
        .then_some("true");
    let action = format!("/staff/admin/surveys/{slug}/translations/{locale}/import");
    view! {
        <section class="translation-file" aria-labelledby="translation-file-heading">
            <h2 id="translation-file-heading">"Work with a translator's tool"</h2>
            <p>
                <a href=export_path(&slug, &locale) download="">{format!("Download the {language} texts (XLIFF 2.0)")}</a>
                " for a translator: every text with its English and its translation, if any. Texts without a translation, or translated from English that has changed since, are marked “initial”."
            </p>
            <form method="post" action=action enctype="multipart/form-data" class="stack-form">
                <CsrfField token=csrf />
                <label for=FILE_ID>"Translated file"</label>
                <p class="meta" id="translation-file-hint">"The .xlf file downloaded here, translated. It is checked first and nothing is saved until you confirm what it changes."</p>
                <input type="file" id=FILE_ID name="file" required accept=".xlf,.xliff,application/xliff+xml,application/xml,text/xml" aria-describedby="translation-file-hint" aria-invalid=invalid />
                <button type="submit">"Check the file"</button>
            </form>
        </section>
    }
}

/// An uploaded translation file: its preview to confirm, or its problems.
#[component]
pub fn TranslationImportPage() -> impl IntoView {
    let params = use_params_map();
    let args = move || {
        params.with(|p| {
            (
                p.get("slug").unwrap_or_default(),
                p.get("locale").unwrap_or_default(),
                p.get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0),
            )
        })
    };
    let data = Resource::new(args, |(slug, locale, id)| {
        translation_import_page(slug, locale, id)
    });
    view! {
        <Title text="Translation file" />
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok((ctx, page)) => view! { <ImportView ctx page /> }.into_any(),
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ImportView(ctx: PageContext, page: ImportPageData) -> impl IntoView {
    let back = format!(
        "/staff/admin/surveys/{}/translations/{}",
        page.slug, page.locale
    );
    let refused = !page.problems.is_empty();
    let heading = if refused {
        "Translation file not imported"
    } else {
        "Check the translation file"
    };
    let version_note = if page.file_version > 0 && page.file_version != page.version {
        format!(
            "Exported from version {}; the survey is now at version {}.",
            page.file_version, page.version
        )
    } else {
        format!("Survey version {}.", page.version)
    };
    view! {
        <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
        <p><a href=back.clone()>{format!("← {}: {}", page.language, page.title)}</a></p>
        <h1>{heading}</h1>
        <FlashMessage flash=ctx.flash.clone() />
        <dl class="facts">
            <dt>"File"</dt><dd>{page.filename.clone()}</dd>
            <dt>"Language"</dt><dd>{page.language.clone()}</dd>
            <dt>"Survey"</dt><dd>{format!("{} ({version_note})", page.title)}</dd>
        </dl>
        {if refused {
            view! { <Problems problems=page.problems.clone() back=back.clone() /> }.into_any()
        } else {
            view! { <Preview ctx=ctx.clone() page=page.clone() /> }.into_any()
        }}
    }
}

#[component]
fn Problems(problems: Vec<ImportProblem>, back: String) -> impl IntoView {
    let count = problems.len();
    view! {
        <h2>{if count == 1 { "1 problem".to_owned() } else { format!("{count} problems") }}</h2>
        <p>"Nothing was saved. Line numbers are those of the uploaded file. Correct the file, then "<a href=back>"upload it again"</a>"."</p>
        <ol class="import-problems">
            {problems.into_iter().map(|p| view! { <li>{p.to_string()}</li> }).collect_view()}
        </ol>
    }
}

/// How many texts change in each way, for the summary line.
fn summary(rows: &[PreviewRow]) -> String {
    let count = |c: UnitChange| rows.iter().filter(|r| r.change == c).count();
    let parts: Vec<String> = [
        (UnitChange::New, "new"),
        (UnitChange::Changed, "changed"),
        (UnitChange::MarkedCurrent, "outdated confirmed"),
        (UnitChange::Confirmed, "the same, confirmed"),
        (UnitChange::Unchanged, "left as they are"),
        (UnitChange::Untranslated, "still untranslated"),
    ]
    .into_iter()
    .filter_map(|(c, what)| match count(c) {
        0 => None,
        n => Some(format!("{n} {what}")),
    })
    .collect();
    format!("{} texts: {}.", rows.len(), parts.join(", "))
}

#[component]
fn Preview(ctx: PageContext, page: ImportPageData) -> impl IntoView {
    let base = import_path(&page.slug, &page.locale, page.id);
    let lang = page.locale.clone();
    let visible: Vec<PreviewRow> = page
        .rows
        .iter()
        .filter(|r| r.change.visible())
        .cloned()
        .collect();
    let suggested = page.suggested;
    let csrf = ctx.csrf.clone();
    view! {
        <p>{summary(&page.rows)}</p>
        {(!page.current).then(|| view! {
            <p class="notice" role="note">"The survey changed after this file was checked, so it cannot be saved as it is: upload the file again to check it against the survey as it is now."</p>
        })}
        <h2>"What changes"</h2>
        {if visible.is_empty() {
            view! { <p>"No text changes: confirming records the status you choose, and that the confirmed texts match today's English."</p> }.into_any()
        } else {
            view! {
                <ol class="import-changes">
                    {visible.into_iter().map(|row| view! { <ChangeItem row lang=lang.clone() /> }).collect_view()}
                </ol>
            }.into_any()
        }}
        <div class="actions">
            {page.current.then(|| view! {
                <form method="post" action=format!("{base}/confirm") class="stack-form">
                    <CsrfField token=csrf.clone() />
                    <label for="import-status">"Status of the translation after saving"</label>
                    <p class="meta" id="import-status-hint">{format!(
                        "Now: {}. Proposed from the file: {} (reviewed when every translated unit in it is marked reviewed).",
                        page.status.as_str(),
                        suggested.as_str()
                    )}</p>
                    <select id="import-status" name=STATUS_FIELD aria-describedby="import-status-hint">
                        {TranslationStatus::ALL.into_iter().map(|st| view! {
                            <option value=st.as_str() selected=st == suggested>{match st {
                                TranslationStatus::Draft => "Draft",
                                TranslationStatus::Reviewed => "Reviewed by a City translator",
                            }}</option>
                        }).collect_view()}
                    </select>
                    <button type="submit" class="primary">"Save these translations"</button>
                </form>
            })}
            <form method="post" action=format!("{base}/discard") class="inline-form">
                <CsrfField token=csrf />
                <button type="submit">"Discard this file"</button>
            </form>
        </div>
    }
}

#[component]
fn ChangeItem(row: PreviewRow, lang: String) -> impl IntoView {
    let current = if row.current.is_empty() {
        view! { <dd><em>"none (shown in English)"</em></dd> }.into_any()
    } else {
        view! { <dd lang=lang.clone()>{row.current.clone()}</dd> }.into_any()
    };
    view! {
        <li class="import-change">
            <h3>{row.what.clone()}</h3>
            <dl class="facts">
                <dt>"Change"</dt><dd>{row.change.describe()}</dd>
                <dt>"English"</dt><dd lang="en">{row.english.clone()}</dd>
                <dt>"Now"</dt>{current}
                <dt>"After saving"</dt><dd lang=lang>{row.new.clone()}</dd>
                <dt>"Unit"</dt><dd><code>{row.field.clone()}</code></dd>
            </dl>
        </li>
    }
}
