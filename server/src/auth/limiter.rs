//! Sign-in attempt limits, set so that nobody can lock another person out (kept in memory on
//! SQLite and shared by every server process on PostgreSQL: [`crate::allowance`]):
//!
//! - per e-mail address *and* client address, `N` a minute and `4N` an hour: guessing one
//!   account's password from one place. A stranger who uses up these attempts uses up their own,
//!   not the account holder's.
//! - per client address, `4N` a minute over all e-mail addresses: trying many accounts.
//! - per e-mail address from everyone together, `H` an hour (default 100): guessing one account's
//!   password from many addresses. One client address can spend at most `4N` (20) of these an
//!   hour, so it takes several addresses working together to hold an account at this limit.
//!
//! Client addresses are rate-limit keys ([`crate::routes::client`]): IPv6 clients share one per /64.
//! Successful sign-ins count too, which is harmless.

use std::net::IpAddr;
use std::time::Duration;

use crate::allowance::{Allowance, Keeping};
use crate::routes::client::ClientKeys;

/// Which limit refused an attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// This client address, for this e-mail address or over all of them.
    Client,
    /// This e-mail address, from all client addresses together.
    Account,
}

impl Limit {
    pub fn as_str(self) -> &'static str {
        match self {
            Limit::Client => "client",
            Limit::Account => "account",
        }
    }
}

const MINUTE: Duration = Duration::from_secs(60);
const HOUR: Duration = Duration::from_secs(3600);

#[derive(Clone)]
pub struct LoginLimiter {
    by_account_and_client: Allowance,
    by_account_and_client_hourly: Allowance,
    by_client: Allowance,
    by_account: Allowance,
    /// How clients are told apart (which peers are trusted proxies).
    pub clients: ClientKeys,
}

impl LoginLimiter {
    /// `per_minute` attempts per account and client address a minute (four times that an hour),
    /// four times that per client address a minute, and `per_account_per_hour` per account from
    /// all clients an hour; kept as `keeping` says (shared by every process on PostgreSQL).
    pub fn new(
        per_minute: u32,
        per_account_per_hour: u32,
        clients: ClientKeys,
        keeping: &Keeping,
    ) -> LoginLimiter {
        let four_n = per_minute.saturating_mul(4);
        LoginLimiter {
            by_account_and_client: Allowance::new(
                "sign-in/account+client",
                per_minute,
                MINUTE,
                keeping,
            ),
            by_account_and_client_hourly: Allowance::new(
                "sign-in/account+client/hour",
                four_n,
                HOUR,
                keeping,
            ),
            by_client: Allowance::new("sign-in/client", four_n, MINUTE, keeping),
            by_account: Allowance::new("sign-in/account", per_account_per_hour, HOUR, keeping),
            clients,
        }
    }

    /// Whether another attempt for `email` from the client with rate-limit key `client` may go
    /// ahead. The account-wide allowance is spent only by attempts every per-client limit lets
    /// through, so a client refused for its own attempts spends none of it.
    pub async fn check(&self, email: &str, client: IpAddr) -> Result<(), Limit> {
        let pair = format!("{email}\n{client}");
        let client_ok = self.by_client.take(&client.to_string()).await
            && self.by_account_and_client.take(&pair).await
            && self.by_account_and_client_hourly.take(&pair).await;
        if !client_ok {
            return Err(Limit::Client);
        }
        if self.by_account.take(email).await {
            Ok(())
        } else {
            Err(Limit::Account)
        }
    }

    /// Forgets keys whose quota has refilled (in memory; the shared ones go with
    /// [`crate::allowance::forget_full`]).
    pub fn forget_idle(&self) {
        self.by_account_and_client.forget_idle();
        self.by_account_and_client_hourly.forget_idle();
        self.by_client.forget_idle();
        self.by_account.forget_idle();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(last: u8) -> IpAddr {
        [192, 0, 2, last].into()
    }

    fn limiter(per_minute: u32, per_account_per_hour: u32) -> LoginLimiter {
        LoginLimiter::new(
            per_minute,
            per_account_per_hour,
            ClientKeys::default(),
            &Keeping::Memory,
        )
    }

    #[tokio::test]
    async fn one_client_is_limited_per_account_after_its_quota() {
        let limiter = limiter(3, 100);
        for _ in 0..3 {
            assert_eq!(limiter.check("a@example.org", ip(1)).await, Ok(()));
        }
        assert_eq!(
            limiter.check("a@example.org", ip(1)).await,
            Err(Limit::Client)
        );
        assert_eq!(limiter.check("b@example.org", ip(1)).await, Ok(()));
    }

    #[tokio::test]
    async fn a_stranger_using_up_their_attempts_does_not_lock_the_account_holder_out() {
        let limiter = limiter(5, 100);
        for _ in 0..50 {
            let _ = limiter.check("a@example.org", ip(66)).await;
        }
        assert_eq!(
            limiter.check("a@example.org", ip(66)).await,
            Err(Limit::Client)
        );
        assert_eq!(limiter.check("a@example.org", ip(1)).await, Ok(()));
    }

    #[tokio::test]
    async fn one_client_cannot_spend_the_account_wide_allowance() {
        // One client address gets 4N an hour for an account, below the account-wide allowance.
        let limiter = limiter(100, 500);
        let mut allowed = 0;
        for _ in 0..1000 {
            allowed += u32::from(limiter.check("a@example.org", ip(66)).await.is_ok());
        }
        assert!(allowed <= 400, "{allowed}");
        assert_eq!(limiter.check("a@example.org", ip(1)).await, Ok(()));
    }

    #[tokio::test]
    async fn many_clients_together_meet_the_account_wide_limit() {
        let limiter = limiter(5, 12);
        for last in 1..=12 {
            assert_eq!(limiter.check("a@example.org", ip(last)).await, Ok(()));
        }
        assert_eq!(
            limiter.check("a@example.org", ip(13)).await,
            Err(Limit::Account)
        );
        assert_eq!(limiter.check("b@example.org", ip(13)).await, Ok(()));
    }
}
