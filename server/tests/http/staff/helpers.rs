//! Accounts and signed-in clients for the staff tests.

use app::models::dashboard::DashboardData;
use app::models::staff::Role;
use app::store::staff;
use reqwest::{Client, StatusCode};

use crate::helpers::TestApp;

pub const PASSWORD: &str = "correct horse battery staple";

/// Creates an account with `role` directly in the database; returns its e-mail address.
pub async fn account(app: &TestApp, role: Role) -> String {
    let email = format!(
        "{}-{}@example.org",
        role.as_str(),
        uuid::Uuid::new_v4().simple()
    );
    let hash = server::auth::password::hash(PASSWORD.into())
        .await
        .expect("hash");
    staff::create_user(
        &app.db,
        staff::NewUser {
            email: &email,
            name: &format!("Test {}", role.as_str()),
            role,
            organization: (role == Role::Partner).then_some("Casa Esperanza"),
            password_hash: hash,
        },
    )
    .await
    .expect("create account");
    email
}

/// The form token a page carries.
pub fn csrf_of(html: &str) -> String {
    crate::helpers::hidden_value(html, "_csrf")
}

/// GETs `path` with `client`: status, final body.
pub async fn get(app: &TestApp, client: &Client, path: &str) -> (StatusCode, String) {
    let response = client.get(app.url(path)).send().await.expect("GET");
    let status = response.status();
    (status, response.text().await.expect("body"))
}

/// The token of the page at `path` (which must render for `client`).
pub async fn token(app: &TestApp, client: &Client, path: &str) -> String {
    let (status, html) = get(app, client, path).await;
    assert_eq!(status, StatusCode::OK, "{path}: {html}");
    csrf_of(&html)
}

/// POSTs a form with the token of `page`.
pub async fn post(
    app: &TestApp,
    client: &Client,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let csrf = token(app, client, page).await;
    let mut form: Vec<(String, String)> = vec![("_csrf".into(), csrf)];
    form.extend(
        fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    client
        .post(app.url(action))
        .form(&form)
        .send()
        .await
        .expect("POST")
}

/// Signs `email` in on `client`; returns where the sign-in redirected.
pub async fn sign_in(app: &TestApp, client: &Client, email: &str, password: &str) -> String {
    let response = post(
        app,
        client,
        "/login",
        "/login",
        &[("email", email), ("password", password)],
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    response
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// A new client signed in with a new account of `role`.
pub async fn signed_in(app: &TestApp, role: Role) -> (Client, String) {
    let client = app.new_client();
    let email = account(app, role).await;
    let to = sign_in(app, &client, &email, PASSWORD).await;
    assert_eq!(to, role.home(), "{role:?} lands on its start page");
    (client, email)
}

/// The curated dashboard of `run` as the themes JSON export gives it to `client`.
pub async fn themes_json(app: &TestApp, client: &Client, run: i32) -> DashboardData {
    let body = client
        .get(app.url(&format!("/api/v1/runs/{run}/themes.json")))
        .send()
        .await
        .expect("GET")
        .text()
        .await
        .expect("body");
    serde_json::from_str(&body).expect("themes json")
}
