//! Sign-in attempt limits, in memory: per e-mail address (guessing one account's password) and
//! per client address (trying many accounts). Successful sign-ins count too, which is harmless.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

#[derive(Clone)]
pub struct LoginLimiter {
    by_account: Arc<DefaultKeyedRateLimiter<String>>,
    by_client: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    /// Take the client from `X-Forwarded-For` (behind a trusted proxy).
    pub trust_forwarded_for: bool,
}

impl LoginLimiter {
    /// `per_minute` attempts per account and per minute; four times that per client address.
    pub fn new(per_minute: u32, trust_forwarded_for: bool) -> LoginLimiter {
        let n = NonZeroU32::new(per_minute).unwrap_or(NonZeroU32::MIN);
        let per_client = NonZeroU32::new(per_minute.saturating_mul(4)).unwrap_or(n);
        LoginLimiter {
            by_account: Arc::new(RateLimiter::keyed(Quota::per_minute(n))),
            by_client: Arc::new(RateLimiter::keyed(Quota::per_minute(per_client))),
            trust_forwarded_for,
        }
    }

    /// Whether another attempt for `email` from `client` may go ahead.
    pub fn allow(&self, email: &str, client: Option<IpAddr>) -> bool {
        let account_ok = self.by_account.check_key(&email.to_owned()).is_ok();
        let client_ok = client.is_none_or(|ip| self.by_client.check_key(&ip).is_ok());
        account_ok && client_ok
    }

    /// Forgets keys whose quota has refilled.
    pub fn forget_idle(&self) {
        self.by_account.retain_recent();
        self.by_client.retain_recent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_is_limited_after_its_quota() {
        let limiter = LoginLimiter::new(3, false);
        let ip: IpAddr = [10, 0, 0, 1].into();
        for _ in 0..3 {
            assert!(limiter.allow("a@example.org", Some(ip)));
        }
        assert!(!limiter.allow("a@example.org", Some(ip)));
        assert!(limiter.allow("b@example.org", Some(ip)));
    }
}
