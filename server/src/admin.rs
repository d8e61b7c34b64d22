//! `needscope admin …`: accounts from the server's shell. The first administrator is created
//! here; administrators invite everyone else from the browser.

use std::io::BufRead;

use anyhow::{Context, bail};
use sea_orm::DatabaseConnection;
use serde_json::json;

use app::models::staff::Role;
use app::store::{audit, staff};

use crate::auth::password;

/// `needscope admin …`
#[derive(clap::Subcommand, Debug)]
pub enum AdminAction {
    /// Create an account: prompts for the password twice, or reads one line from standard input
    /// with --password-stdin.
    Create {
        /// E-mail address (the sign-in name).
        #[arg(long)]
        email: String,
        /// Name shown to colleagues.
        #[arg(long)]
        name: String,
        /// administrator, analyst or partner.
        #[arg(long, default_value = "administrator")]
        role: String,
        /// The organization a partner speaks for.
        #[arg(long)]
        organization: Option<String>,
        /// Read the password from standard input instead of prompting.
        #[arg(long)]
        password_stdin: bool,
    },
    /// List accounts: id, e-mail, role, status.
    List,
}

pub async fn run(db: &DatabaseConnection, action: &AdminAction) -> anyhow::Result<()> {
    match action {
        AdminAction::Create {
            email,
            name,
            role,
            organization,
            password_stdin,
        } => {
            let email =
                staff::normalize_email(email).map_err(|e| anyhow::anyhow!("--email: {e}"))?;
            let name = staff::check_name(name).map_err(|e| anyhow::anyhow!("--name: {e}"))?;
            let Some(role) = Role::parse(role) else {
                bail!("--role: “{role}” is not a role; use administrator, analyst or partner");
            };
            let organization = organization
                .as_deref()
                .map(str::trim)
                .filter(|o| !o.is_empty());
            if role == Role::Partner && organization.is_none() {
                bail!("--organization: a partner account needs the organization it speaks for");
            }
            let secret = if *password_stdin {
                read_stdin_password()?
            } else {
                prompt_password()?
            };
            staff::check_password(&secret).map_err(|e| anyhow::anyhow!("password: {e}"))?;
            let hash = password::hash(secret).await?;
            let user = staff::create_user(
                db,
                staff::NewUser {
                    email: &email,
                    name: &name,
                    role,
                    organization,
                    password_hash: hash,
                },
            )
            .await?;
            audit::record(
                db,
                None,
                "user_created",
                json!({ "user": user.id, "email": email, "role": role.as_str(), "via": "needscope admin create" }),
            )
            .await?;
            println!(
                "created {} account {} for {}",
                role.as_str(),
                user.id,
                email
            );
            Ok(())
        }
        AdminAction::List => {
            for u in staff::list(db).await? {
                let status = if u.disabled_at.is_some() {
                    "disabled"
                } else {
                    "enabled"
                };
                println!(
                    "{}  {}  {}  {}  {}",
                    u.id, u.email, u.role, status, u.display_name
                );
            }
            Ok(())
        }
    }
}

fn read_stdin_password() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("reading the password from standard input")?;
    let password = line.trim_end_matches(['\n', '\r']).to_owned();
    if password.is_empty() {
        bail!("no password on standard input");
    }
    Ok(password)
}

fn prompt_password() -> anyhow::Result<String> {
    let first = rpassword::prompt_password("Password (at least 12 characters): ")
        .context("reading the password (use --password-stdin when there is no terminal)")?;
    let again = rpassword::prompt_password("The same password again: ")?;
    if first != again {
        bail!("the two passwords are not the same");
    }
    Ok(first)
}
