//! Accounts created from the server's shell (`needscope admin …`). The first administrator is
//! created here; administrators invite everyone else from the browser.

use sea_orm::DatabaseConnection;
use serde_json::json;

use app::models::staff::Role;
use app::store::entities::staff_user;
use app::store::{audit, staff};

use crate::auth::password;

/// An account to create; the e-mail address is normalized and the name checked
/// ([`staff::normalize_email`], [`staff::check_name`]).
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub email: String,
    pub name: String,
    pub role: Role,
    /// The organization a partner speaks for.
    pub organization: Option<String>,
}

/// Checks `password`, creates the account and records it in the audit log.
pub async fn create(
    db: &DatabaseConnection,
    account: &NewAccount,
    secret: String,
) -> anyhow::Result<staff_user::Model> {
    staff::check_password(&secret).map_err(|e| anyhow::anyhow!("password: {e}"))?;
    let hash = password::hash(secret).await?;
    let user = staff::create_user(
        db,
        staff::NewUser {
            email: &account.email,
            name: &account.name,
            role: account.role,
            organization: account.organization.as_deref(),
            password_hash: hash,
        },
    )
    .await?;
    audit::record(
        db,
        None,
        "user_created",
        json!({ "user": user.id, "email": account.email, "role": account.role.as_str(), "via": "needscope admin create" }),
    )
    .await?;
    Ok(user)
}

/// Every account.
pub async fn list(db: &DatabaseConnection) -> anyhow::Result<Vec<staff_user::Model>> {
    Ok(staff::list(db).await?)
}
