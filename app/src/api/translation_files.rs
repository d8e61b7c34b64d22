//! Server functions behind the translation-file workflow (administrators): one uploaded file's
//! page, with what confirming it would change, or the problems that refused it. The file is
//! exported, uploaded, confirmed and discarded by plain routes (`server::routes::translation_files`).

use leptos::prelude::*;

use crate::models::AppError;
use crate::models::staff::PageContext;
use crate::models::translation_file::ImportPageData;

/// Upload `id` of survey `slug`'s translation into `locale`: the viewer's own, else not found.
#[server(prefix = "/api", endpoint = "staff/translation-import")]
pub async fn translation_import_page(
    slug: String,
    locale: String,
    id: i32,
) -> Result<(PageContext, ImportPageData), AppError> {
    use crate::i18n::Locale;
    use crate::models::staff::ADMINS;
    use crate::models::translation_file::{plan, suggested_status};
    use crate::store::{auth, db, survey_edits, survey_translations, surveys, translation_imports};

    let viewer = auth::require(ADMINS)?;
    let db = db()?;
    let s = surveys::current(&db, &slug).await?;
    let locale = Locale::from_code(&locale)
        .filter(|l| *l != Locale::En && l.code() == locale)
        .ok_or(AppError::NotFound)?;
    let staged = translation_imports::own(&db, id, s.survey.id, locale, viewer.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let record = survey_translations::record(&db, s.version_id, locale).await?;
    let rows = if staged.problems.is_empty() {
        plan(&s.definition, locale, record.as_ref(), &staged.units)
    } else {
        Vec::new()
    };
    let data = ImportPageData {
        id: staged.id,
        slug: s.survey.slug.clone(),
        title: s.definition.title.get("en").cloned().unwrap_or_default(),
        locale: locale.code().to_owned(),
        language: locale.endonym().to_owned(),
        filename: staged.filename.clone(),
        file_version: staged.version,
        version: s.survey.current_version,
        rows,
        problems: staged.problems.clone(),
        status: record.as_ref().map(|r| r.status).unwrap_or_default(),
        suggested: suggested_status(&staged.units),
        current: survey_edits::revision(&s.definition) == staged.revision,
    };
    Ok((auth::page_context(), data))
}
