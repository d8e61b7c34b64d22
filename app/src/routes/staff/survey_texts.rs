//! Two pages of the survey editor (administrators): every text of a survey in English beside its
//! translation into one language (an empty box falls back to English), and the whole definition
//! as JSON for what the question form does not cover (branching, weighting variables, reasons).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::survey_editor::{definition_page, translation_page};
use crate::components::staff::{
    CsrfField, FlashMessage, PageError, RevisionField, StaffNav, StaffPage, loading,
};
use crate::components::translation_file::TranslationFileForms;
use crate::i18n::{FluentArg, use_i18n};
use crate::models::staff::Typed;
use crate::models::survey_edit::{MAX_INTRO, MAX_TEXT, STATUS_FIELD, TextSlot, TranslationStatus};

#[component]
pub fn TranslationPage() -> impl IntoView {
    let params = use_params_map();
    let args = move || {
        params.with(|p| {
            (
                p.get("slug").unwrap_or_default(),
                p.get("locale").unwrap_or_default(),
            )
        })
    };
    let data = Resource::new(args, |(slug, locale)| translation_page(slug, locale));
    let i18n = use_i18n();
    view! {
        <Title text=i18n.staff_tr("staff-texts-title") />
        <StaffPage>
        <Suspense fallback=loading>
            {move || {
                let l = i18n.staff_locale();
                Suspend::new(async move {
                match data.await {
                    Ok((ctx, page)) => {
                        let typed = Typed::from(&ctx.flash);
                        let base = format!("/staff/admin/surveys/{}", page.slug);
                        let missing = page.slots.iter().filter(|s| s.translation.is_empty()).count();
                        let outdated = page.outdated.clone();
                        let status = page.status;
                        view! {
                            <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                            <p><a href=base.clone()>{format!("← {}", page.title)}</a></p>
                            <h1>{format!("{}: {}", page.language, page.title)}</h1>
                            <FlashMessage flash=ctx.flash.clone() />
                            <p>{l.tr_args("staff-texts-missing", &[("missing", FluentArg::Num(missing as i64)), ("total", FluentArg::Num(page.slots.len() as i64))])}</p>
                            {(!outdated.is_empty()).then(|| view! {
                                <p class="notice">{l.tr_args("staff-texts-outdated", &[("count", FluentArg::Num(outdated.len() as i64))])}</p>
                            })}
                            <form method="post" action=format!("{base}/translations/{}", page.locale) class="stack-form wide-form">
                                <CsrfField token=ctx.csrf.clone() />
                                <RevisionField revision=page.revision.clone() />
                                <label for="translation-status">{l.tr("staff-texts-status")}</label>
                                <p class="meta" id="translation-status-hint">{l.tr("staff-texts-status-hint")}</p>
                                <select id="translation-status" name=STATUS_FIELD aria-describedby="translation-status-hint">
                                    {TranslationStatus::ALL.into_iter().map(|st| view! {
                                        <option value=st.as_str() selected=st == status>{l.tr(match st {
                                            TranslationStatus::Draft => "staff-texts-draft",
                                            TranslationStatus::Reviewed => "staff-texts-reviewed",
                                        })}</option>
                                    }).collect_view()}
                                </select>
                                {page.slots.into_iter().map(|slot| {
                                    let stale = outdated.contains(&slot.field);
                                    view! { <TextField text=slot typed=typed.clone() lang=page.locale.clone() stale /> }
                                }).collect_view()}
                                <button type="submit" class="primary">{l.tr_args("staff-texts-save", &[("language", FluentArg::Str(page.language.clone()))])}</button>
                            </form>
                            <TranslationFileForms slug=page.slug.clone() locale=page.locale.clone() language=page.language.clone() csrf=ctx.csrf.clone() flash=ctx.flash.clone() />
                        }.into_any()
                    }
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })
            }}
        </Suspense>
        </StaffPage>
    }
}

#[component]
fn TextField(text: TextSlot, typed: Typed, lang: String, stale: bool) -> impl IntoView {
    let id = format!("t-{}", text.field.replace('.', "-"));
    let english_id = format!("{id}-en");
    let value = typed.value(&text.field, &text.translation);
    let max = if text.long { MAX_INTRO } else { MAX_TEXT };
    let rows = if text.long { "6" } else { "2" };
    let l = use_i18n().staff_locale();
    view! {
        <div class="translation">
            <label for=id.clone()>{text.what.clone()}{stale.then(|| format!(" {}", l.tr("staff-texts-outdated-mark")))}</label>
            <p class="english" id=english_id.clone() lang="en">{text.english.clone()}</p>
            <textarea id=id name=text.field.clone() rows=rows maxlength=max.to_string() lang=lang aria-describedby=english_id aria-invalid=typed.invalid(&text.field)>{value}</textarea>
        </div>
    }
}

#[component]
pub fn DefinitionPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let data = Resource::new(slug, definition_page);
    let i18n = use_i18n();
    view! {
        <Title text=i18n.staff_tr("staff-definition-title") />
        <StaffPage>
        <Suspense fallback=loading>
            {move || {
                let l = i18n.staff_locale();
                Suspend::new(async move {
                match data.await {
                    Ok((ctx, page)) => {
                        let typed = Typed::from(&ctx.flash);
                        let base = format!("/staff/admin/surveys/{}", page.slug);
                        view! {
                            <StaffNav viewer=ctx.viewer.clone() csrf=ctx.csrf.clone() />
                            <p><a href=base.clone()>{format!("← {}", page.title)}</a></p>
                            <h1>{l.tr_args("staff-definition-of", &[("survey", FluentArg::Str(page.title.clone()))])}</h1>
                            <FlashMessage flash=ctx.flash.clone() />
                            <p id="definition-hint">{l.tr("staff-definition-hint-start")}" "<code>"show_if"</code>" "{l.tr("staff-definition-hint-show-if")}" "<code>"variable"</code>" "{l.tr("staff-definition-hint-variable")}" "<code>"why"</code>" "{l.tr("staff-definition-hint-why")}</p>
                            <form method="post" action=format!("{base}/definition") class="wide-form">
                                <CsrfField token=ctx.csrf.clone() />
                                <RevisionField revision=page.revision.clone() />
                                <label for="definition">{l.tr("staff-definition-label")}</label>
                                <textarea id="definition" name="definition" class="definition-box" rows="30" spellcheck="false" aria-describedby="definition-hint" aria-invalid=typed.invalid("definition")>{typed.value("definition", &page.json)}</textarea>
                                <p><button type="submit" class="primary">{l.tr("staff-definition-save")}</button></p>
                            </form>
                        }.into_any()
                    }
                    Err(error) => view! { <PageError error /> }.into_any(),
                }
            })
            }}
        </Suspense>
        </StaffPage>
    }
}
