//! Was a form post sent from one of our own pages? Browsers name the page that sent a form in the
//! `Origin` header (and, failing that, in `Referer`), and a third-party page cannot change either.
//! So a post whose origin is another site is one a visitor's browser was made to send elsewhere,
//! and is refused.
//!
//! A post naming no origin at all is let through: every current browser sends `Origin` with a
//! cross-site form post, so a forged one always names its site (or `null`, which is refused). What
//! comes without either header is a non-browser client, which could post directly anyway, or a
//! privacy tool that strips both from the resident's own, legitimate post.

use axum::http::header::{HOST, ORIGIN, REFERER};
use axum::http::uri::{Authority, Scheme};
use axum::http::{HeaderMap, Uri};

/// Where our own pages are served from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OwnOrigin {
    /// The host the request was sent to (its `Host` header): right when the site is reached
    /// directly or through a proxy that passes `Host` on.
    RequestHost,
    /// The configured public address (`public_url`): scheme, host and port must all match.
    Fixed(Site),
}

/// A scheme, host and port: what an origin is made of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Site {
    scheme: String,
    host: String,
    port: Option<u16>,
}

/// The configured `public_url` is not an absolute `http(s)://` address.
#[derive(Debug, thiserror::Error)]
#[error("public_url must be an address such as https://survey.example.gov, not {0:?}")]
pub struct BadPublicUrl(String);

impl OwnOrigin {
    /// `public_url` when set, else the request's host.
    pub fn new(public_url: Option<&str>) -> Result<OwnOrigin, BadPublicUrl> {
        match public_url.map(str::trim).filter(|u| !u.is_empty()) {
            None => Ok(OwnOrigin::RequestHost),
            Some(url) => url
                .parse::<Uri>()
                .ok()
                .as_ref()
                .and_then(Site::of)
                .map(OwnOrigin::Fixed)
                .ok_or_else(|| BadPublicUrl(url.to_owned())),
        }
    }

    /// Whether the post with these headers comes from one of our pages. `Err` holds the origin
    /// it names instead, for the log.
    pub fn check(&self, headers: &HeaderMap) -> Result<(), String> {
        let named = headers
            .get(ORIGIN)
            .or_else(|| headers.get(REFERER))
            .map(|value| value.to_str().unwrap_or_default().trim());
        let Some(named) = named else {
            return Ok(());
        };
        let site = named.parse::<Uri>().ok().as_ref().and_then(Site::of);
        match site {
            Some(site) if self.matches(&site, headers) => Ok(()),
            _ => Err(named.chars().take(200).collect()),
        }
    }

    fn matches(&self, site: &Site, headers: &HeaderMap) -> bool {
        match self {
            OwnOrigin::Fixed(own) => {
                own.scheme == site.scheme && own.host == site.host && own.port() == site.port()
            }
            // The scheme is not known here (TLS may end at a proxy): host and port must match.
            OwnOrigin::RequestHost => headers
                .get(HOST)
                .and_then(|host| host.to_str().ok())
                .and_then(|host| host.parse::<Authority>().ok())
                .is_some_and(|host| {
                    host.host().eq_ignore_ascii_case(&site.host)
                        && host.port_u16().or(site.default_port()) == site.port()
                }),
        }
    }
}

impl Site {
    /// The origin of an absolute `http(s)` URL; `None` for anything else (`null` included).
    fn of(uri: &Uri) -> Option<Site> {
        let scheme = uri.scheme()?;
        if scheme != &Scheme::HTTP && scheme != &Scheme::HTTPS {
            return None;
        }
        let authority = uri.authority()?;
        if authority.as_str().contains('@') {
            return None;
        }
        Some(Site {
            scheme: scheme.as_str().to_ascii_lowercase(),
            host: authority.host().to_ascii_lowercase(),
            port: authority.port_u16(),
        })
    }

    fn default_port(&self) -> Option<u16> {
        match self.scheme.as_str() {
            "http" => Some(80),
            "https" => Some(443),
            _ => None,
        }
    }

    /// The port, written or implied by the scheme.
    fn port(&self) -> Option<u16> {
        self.port.or(self.default_port())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().expect("header value"));
        }
        map
    }

    #[test]
    fn the_request_host_is_our_origin_whatever_the_scheme() {
        let own = OwnOrigin::new(None).expect("no public_url");
        let ok = |pairs| own.check(&headers(pairs)).is_ok();
        assert!(ok(&[
            ("host", "city.example"),
            ("origin", "https://City.Example")
        ]));
        assert!(ok(&[
            ("host", "city.example:443"),
            ("origin", "https://city.example")
        ]));
        assert!(ok(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000")
        ]));
        assert!(!ok(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:4000")
        ]));
        assert!(!ok(&[
            ("host", "city.example"),
            ("origin", "https://evil.example")
        ]));
        assert!(!ok(&[("host", "city.example"), ("origin", "null")]));
        assert!(
            !ok(&[("origin", "https://city.example")]),
            "no Host, no match"
        );
    }

    #[test]
    fn referer_stands_in_for_a_missing_origin() {
        let own = OwnOrigin::new(None).expect("no public_url");
        let ok = |pairs| own.check(&headers(pairs)).is_ok();
        assert!(ok(&[
            ("host", "city.example"),
            ("referer", "https://city.example/surveys/a?lang=es")
        ]));
        assert!(!ok(&[
            ("host", "city.example"),
            ("referer", "https://evil.example/city.example")
        ]));
        assert!(
            !ok(&[
                ("host", "city.example"),
                ("origin", "https://evil.example"),
                ("referer", "https://city.example/")
            ]),
            "Origin wins over Referer"
        );
        assert!(
            ok(&[("host", "city.example")]),
            "neither header: let through"
        );
    }

    #[test]
    fn a_public_url_fixes_scheme_host_and_port() {
        let own = OwnOrigin::new(Some("https://survey.city.example/")).expect("valid");
        let ok = |pairs| own.check(&headers(pairs)).is_ok();
        assert!(ok(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "https://survey.city.example")
        ]));
        assert!(ok(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "https://survey.city.example:443")
        ]));
        assert!(!ok(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://survey.city.example")
        ]));
        assert!(!ok(&[
            ("host", "evil.example"),
            ("origin", "https://evil.example")
        ]));
        assert!(OwnOrigin::new(Some("survey.city.example")).is_err());
        assert!(OwnOrigin::new(Some("ftp://survey.city.example")).is_err());
        assert_eq!(OwnOrigin::new(Some(" ")).ok(), Some(OwnOrigin::RequestHost));
    }
}
