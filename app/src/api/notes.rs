//! Server functions behind the interview-notes pages. A person's own uploads (any role), and for
//! staff every confirmed document. Someone else's document is `NotFound`, never `Forbidden`, so a
//! partner cannot even learn which document ids exist.

use leptos::prelude::*;

use crate::models::AppError;
use crate::models::notes::{NoteDetail, NoteRow, NotesPageData};
use crate::models::staff::PageContext;

/// The upload form and the viewer's uploads.
#[server(prefix = "/api", endpoint = "notes/list")]
pub async fn notes_page() -> Result<(PageContext, NotesPageData), AppError> {
    use crate::models::staff::{Role, SIGNED_IN};
    use crate::store::{auth, notes, state};

    let viewer = auth::require(SIGNED_IN)?;
    let state = state()?;
    let rows = notes::list_owned(&state.db, viewer.id)
        .await?
        .iter()
        .map(|d| notes::row(d, None))
        .collect();
    let organization = viewer
        .organization
        .clone()
        .filter(|_| viewer.role == Role::Partner);
    Ok((
        auth::page_context(),
        NotesPageData {
            rows,
            organization,
            limits: state.note_limits,
        },
    ))
}

/// One of the viewer's own documents: the preview while pending, the stored passages after.
#[server(prefix = "/api", endpoint = "notes/one")]
pub async fn note_page(id: i32) -> Result<(PageContext, NoteDetail), AppError> {
    use crate::models::staff::SIGNED_IN;
    use crate::store::{auth, db, notes};

    let viewer = auth::require(SIGNED_IN)?;
    let db = db()?;
    let doc = notes::owned(&db, viewer.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let passages = notes::passages(&db, &doc).await?;
    Ok((
        auth::page_context(),
        NoteDetail {
            row: notes::row(&doc, None),
            passages,
        },
    ))
}

/// Every confirmed document, with who uploaded it (staff).
#[server(prefix = "/api", endpoint = "notes/staff-list")]
pub async fn staff_notes_page() -> Result<(PageContext, Vec<NoteRow>), AppError> {
    use std::collections::HashMap;

    use crate::models::staff::STAFF;
    use crate::store::{auth, db, notes, staff};

    auth::require(STAFF)?;
    let db = db()?;
    let names: HashMap<i32, String> = staff::list(&db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let rows = notes::list_confirmed(&db)
        .await?
        .iter()
        .map(|d| notes::row(d, names.get(&d.owner_id).cloned()))
        .collect();
    Ok((auth::page_context(), rows))
}

/// A confirmed document and its passages (staff: where a quote came from).
#[server(prefix = "/api", endpoint = "notes/staff-one")]
pub async fn staff_note_page(id: i32) -> Result<(PageContext, NoteDetail), AppError> {
    use crate::models::staff::STAFF;
    use crate::store::{auth, db, notes, staff};

    auth::require(STAFF)?;
    let db = db()?;
    let doc = notes::get(&db, id)
        .await?
        .filter(|d| d.status == notes::CONFIRMED)
        .ok_or(AppError::NotFound)?;
    let uploader = staff::get(&db, doc.owner_id).await?.map(|u| u.display_name);
    let passages = notes::passages(&db, &doc).await?;
    Ok((
        auth::page_context(),
        NoteDetail {
            row: notes::row(&doc, uploader),
            passages,
        },
    ))
}
