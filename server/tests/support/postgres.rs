//! The PostgreSQL test server, shared by the `http` and `cli` test crates (each includes this file
//! with `#[path]`): where it is, and a new empty database on it per test.

use sea_orm::{ConnectionTrait, Database};

/// The PostgreSQL server to create test databases on (the test script starts one). PostgreSQL tests
/// fail without it, unless `NEEDSCOPE_SKIP_POSTGRES=1` says to skip them on purpose.
pub fn admin_url() -> Option<String> {
    match std::env::var("NEEDSCOPE_TEST_POSTGRES_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ if std::env::var("NEEDSCOPE_SKIP_POSTGRES").as_deref() == Ok("1") => None,
        _ => panic!(
            "NEEDSCOPE_TEST_POSTGRES_URL is not set: run the tests with scripts/test.sh (which starts \
             PostgreSQL), or set NEEDSCOPE_SKIP_POSTGRES=1 to skip the PostgreSQL half on purpose"
        ),
    }
}

/// A new, empty database on the test server; its URL. `None` when PostgreSQL is skipped on
/// purpose.
pub async fn fresh_database() -> Option<String> {
    let admin_url = admin_url()?;
    let name = format!("needscope_test_{}", uuid::Uuid::new_v4().simple());
    let admin = Database::connect(&admin_url)
        .await
        .expect("connect to the PostgreSQL test server");
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create a test database");
    admin.close().await.expect("close admin connection");
    let (base, _) = admin_url
        .rsplit_once('/')
        .expect("admin URL ends in /<database>");
    Some(format!("{base}/{name}"))
}
