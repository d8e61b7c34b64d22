//! Password hashing with Argon2id (the argon2 crate's defaults: 19 MiB, 2 passes, OWASP's
//! recommendation), on a blocking thread so sign-ins do not stall the server.
//!
//! Checking a password costs exactly one Argon2 run whether or not the account exists: with no
//! usable stored hash the password is checked against a dummy hash made once per process, so the
//! time a sign-in takes does not tell which e-mail addresses have accounts.

use std::sync::LazyLock;

use anyhow::Context;
use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

/// A PHC string for `password`.
pub async fn hash(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || hash_now(password.as_bytes()))
        .await
        .context("the hashing thread stopped")?
}

fn hash_now(password: &[u8]) -> anyhow::Result<String> {
    runs::count();
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password, &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("hashing the password: {e}"))
}

/// Whether `password` matches `phc`. With no stored hash (unknown e-mail address) the dummy hash
/// is checked instead, so that case costs what a wrong password costs, and the answer is false.
pub async fn verify(password: String, phc: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || verify_now(password.as_bytes(), phc.as_deref()))
        .await
        .unwrap_or(false)
}

/// The dummy hash: made on first use (the first sign-in, or [`warm_up`]), the same parameters as
/// real hashes. `None` only if hashing failed, which it does not with the default parameters.
static DUMMY: LazyLock<Option<String>> = LazyLock::new(|| hash_now(b"no such account").ok());

/// Makes the dummy hash now, so the first sign-in for an unknown address is not the slow one.
pub fn warm_up() {
    LazyLock::force(&DUMMY);
}

/// One Argon2 verification, against `phc` when it parses, else against the dummy hash.
fn verify_now(password: &[u8], phc: Option<&str>) -> bool {
    let stored = phc.and_then(|phc| PasswordHash::new(phc).ok());
    let known = stored.is_some();
    let dummy = DUMMY.as_deref().and_then(|phc| PasswordHash::new(phc).ok());
    let Some(parsed) = stored.or(dummy) else {
        return false;
    };
    runs::count();
    let matches = Argon2::default().verify_password(password, &parsed).is_ok();
    known && matches
}

/// Argon2 runs on this thread, counted in tests only.
mod runs {
    #[cfg(test)]
    thread_local! {
        static RUNS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    }

    #[cfg(test)]
    pub fn count() {
        RUNS.with(|r| r.set(r.get() + 1));
    }

    #[cfg(not(test))]
    pub fn count() {}

    /// Runs on this thread since the last call.
    #[cfg(test)]
    pub fn take() -> u32 {
        RUNS.with(|r| r.replace(0))
    }
}

#[cfg(test)]
#[allow(clippy::expect_used)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let phc = hash("correct horse battery".into()).await.expect("hash");
        assert!(phc.starts_with("$argon2id$"));
        assert!(verify("correct horse battery".into(), Some(phc.clone())).await);
        assert!(!verify("correct horse batterY".into(), Some(phc)).await);
        assert!(!verify("no such account".into(), None).await);
        assert!(!verify("no such account".into(), Some("not a hash".into())).await);
    }

    #[test]
    fn every_check_costs_one_argon2_run_known_account_or_not() {
        let phc = hash_now(b"correct horse battery").expect("hash");
        warm_up();
        runs::take();
        assert!(verify_now(b"correct horse battery", Some(&phc)));
        assert_eq!(runs::take(), 1, "right password");
        assert!(!verify_now(b"wrong", Some(&phc)));
        assert_eq!(runs::take(), 1, "wrong password");
        for _ in 0..3 {
            assert!(!verify_now(b"anything", None));
            assert_eq!(runs::take(), 1, "unknown account");
        }
        assert!(!verify_now(b"anything", Some("$argon2id$broken")));
        assert_eq!(runs::take(), 1, "unreadable stored hash");
    }

    #[test]
    fn the_dummy_hash_is_made_once_and_like_a_real_one() {
        warm_up();
        let first = DUMMY.as_deref().expect("dummy hash");
        warm_up();
        assert!(std::ptr::eq(first, DUMMY.as_deref().expect("dummy hash")));
        let real = hash_now(b"x").expect("hash");
        let params = |phc: &str| phc.rsplitn(3, '$').nth(2).map(str::to_owned);
        assert_eq!(
            params(first),
            params(&real),
            "same algorithm and parameters"
        );
    }
}
