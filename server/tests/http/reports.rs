//! Imported reports are stored once per source and request id, on both databases.

use app::server::reports::{NewReport, insert_batch};

use crate::both_backends;
use crate::helpers::{Backend, TestApp};

fn report(id: &str) -> NewReport {
    NewReport {
        external_id: id.into(),
        text: format!("Pothole number {id}"),
        category: Some("Streets".into()),
        requested_at: None,
        district: Some("3".into()),
        zip: Some("95122".into()),
    }
}

both_backends!(re_importing_adds_nothing_twice, |app: TestApp| async move {
    let first = insert_batch(&app.db, "sj311", vec![report("1"), report("2")])
        .await
        .expect("insert");
    assert_eq!(first, 2);
    let again = insert_batch(&app.db, "sj311", vec![report("2"), report("3")])
        .await
        .expect("insert");
    assert_eq!(again, 1, "only the new request id is stored");
    let other_source = insert_batch(&app.db, "open311", vec![report("1")])
        .await
        .expect("insert");
    assert_eq!(other_source, 1, "ids are unique per source");
    assert_eq!(app.count("SELECT COUNT(*) FROM report").await, 4);
});
