//! Sign-in attempt limits, in memory, set so that nobody can lock another person out:
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
use std::num::NonZeroU32;
use std::sync::Arc;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

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

#[derive(Clone)]
pub struct LoginLimiter {
    by_account_and_client: Arc<DefaultKeyedRateLimiter<(String, IpAddr)>>,
    by_account_and_client_hourly: Arc<DefaultKeyedRateLimiter<(String, IpAddr)>>,
    by_client: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    by_account: Arc<DefaultKeyedRateLimiter<String>>,
    /// How clients are told apart (which peers are trusted proxies).
    pub clients: ClientKeys,
}

fn at_least_one(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN)
}

impl LoginLimiter {
    /// `per_minute` attempts per account and client address a minute (four times that an hour),
    /// four times that per client address a minute, and `per_account_per_hour` per account from
    /// all clients an hour.
    pub fn new(per_minute: u32, per_account_per_hour: u32, clients: ClientKeys) -> LoginLimiter {
        let n = at_least_one(per_minute);
        let four_n = at_least_one(per_minute.saturating_mul(4));
        LoginLimiter {
            by_account_and_client: Arc::new(RateLimiter::keyed(Quota::per_minute(n))),
            by_account_and_client_hourly: Arc::new(RateLimiter::keyed(Quota::per_hour(four_n))),
            by_client: Arc::new(RateLimiter::keyed(Quota::per_minute(four_n))),
            by_account: Arc::new(RateLimiter::keyed(Quota::per_hour(at_least_one(
                per_account_per_hour,
            )))),
            clients,
        }
    }

    /// Whether another attempt for `email` from the client with rate-limit key `client` may go
    /// ahead. The account-wide allowance is spent only by attempts every per-client limit lets
    /// through, so a client refused for its own attempts spends none of it.
    pub fn check(&self, email: &str, client: IpAddr) -> Result<(), Limit> {
        let pair = (email.to_owned(), client);
        let client_ok = self.by_client.check_key(&client).is_ok()
            && self.by_account_and_client.check_key(&pair).is_ok()
            && self.by_account_and_client_hourly.check_key(&pair).is_ok();
        if !client_ok {
            return Err(Limit::Client);
        }
        self.by_account
            .check_key(&email.to_owned())
            .map_err(|_| Limit::Account)
    }

    /// Forgets keys whose quota has refilled.
    pub fn forget_idle(&self) {
        self.by_account_and_client.retain_recent();
        self.by_account_and_client_hourly.retain_recent();
        self.by_client.retain_recent();
        self.by_account.retain_recent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(last: u8) -> IpAddr {
        [192, 0, 2, last].into()
    }

    fn limiter(per_minute: u32, per_account_per_hour: u32) -> LoginLimiter {
        LoginLimiter::new(per_minute, per_account_per_hour, ClientKeys::default())
    }

    #[test]
    fn one_client_is_limited_per_account_after_its_quota() {
        let limiter = limiter(3, 100);
        for _ in 0..3 {
            assert_eq!(limiter.check("a@example.org", ip(1)), Ok(()));
        }
        assert_eq!(limiter.check("a@example.org", ip(1)), Err(Limit::Client));
        assert_eq!(limiter.check("b@example.org", ip(1)), Ok(()));
    }

    #[test]
    fn a_stranger_using_up_their_attempts_does_not_lock_the_account_holder_out() {
        let limiter = limiter(5, 100);
        for _ in 0..50 {
            let _ = limiter.check("a@example.org", ip(66));
        }
        assert_eq!(limiter.check("a@example.org", ip(66)), Err(Limit::Client));
        assert_eq!(limiter.check("a@example.org", ip(1)), Ok(()));
    }

    #[test]
    fn one_client_cannot_spend_the_account_wide_allowance() {
        // One client address gets 4N an hour for an account, below the account-wide allowance.
        let limiter = limiter(100, 500);
        let mut allowed = 0;
        for _ in 0..1000 {
            allowed += u32::from(limiter.check("a@example.org", ip(66)).is_ok());
        }
        assert!(allowed <= 400, "{allowed}");
        assert_eq!(limiter.check("a@example.org", ip(1)), Ok(()));
    }

    #[test]
    fn many_clients_together_meet_the_account_wide_limit() {
        let limiter = limiter(5, 12);
        for last in 1..=12 {
            assert_eq!(limiter.check("a@example.org", ip(last)), Ok(()));
        }
        assert_eq!(limiter.check("a@example.org", ip(13)), Err(Limit::Account));
        assert_eq!(limiter.check("b@example.org", ip(13)), Ok(()));
    }
}
