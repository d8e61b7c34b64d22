//! `needscope admin create|list`, with the password prompt.

use std::io::BufRead;

use anyhow::{Context, bail};
use sea_orm::DatabaseConnection;

use app::models::staff::Role;
use app::store::staff;

use crate::admin::{self, NewAccount};

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
            let account = new_account(email, name, role, organization.as_deref())?;
            let secret = if *password_stdin {
                read_stdin_password()?
            } else {
                prompt_password()?
            };
            let user = admin::create(db, &account, secret).await?;
            println!(
                "created {} account {} for {}",
                account.role.as_str(),
                user.id,
                account.email
            );
        }
        AdminAction::List => {
            for u in admin::list(db).await? {
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
        }
    }
    Ok(())
}

/// The options of `admin create`, checked before the password is asked for; errors name the
/// option at fault.
fn new_account(
    email: &str,
    name: &str,
    role: &str,
    organization: Option<&str>,
) -> anyhow::Result<NewAccount> {
    let email = staff::normalize_email(email).map_err(|e| anyhow::anyhow!("--email: {e}"))?;
    let name = staff::check_name(name).map_err(|e| anyhow::anyhow!("--name: {e}"))?;
    let Some(role) = Role::parse(role) else {
        bail!("--role: “{role}” is not a role; use administrator, analyst or partner");
    };
    let organization = organization.map(str::trim).filter(|o| !o.is_empty());
    if role == Role::Partner && organization.is_none() {
        bail!("--organization: a partner account needs the organization it speaks for");
    }
    Ok(NewAccount {
        email,
        name,
        role,
        organization: organization.map(str::to_owned),
    })
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
