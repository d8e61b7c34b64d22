//! Who is the client, for rate limiting only (held in memory, never stored): the peer address, or the
//! first `X-Forwarded-For` address when the server runs behind a trusted reverse proxy.

use std::net::{IpAddr, SocketAddr};

use axum::http::HeaderMap;

pub fn client_ip(peer: SocketAddr, headers: &HeaderMap, trust_forwarded_for: bool) -> IpAddr {
    if trust_forwarded_for {
        let forwarded = headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .and_then(|ip| ip.trim().parse().ok());
        if let Some(ip) = forwarded {
            return ip;
        }
    }
    peer.ip()
}

#[cfg(test)]
#[allow(clippy::expect_used, clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_for_is_used_only_when_trusted() {
        let peer: SocketAddr = "10.0.0.1:5000".parse().expect("addr");
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            "203.0.113.9, 10.0.0.1".parse().expect("header"),
        );
        assert_eq!(client_ip(peer, &headers, false).to_string(), "10.0.0.1");
        assert_eq!(client_ip(peer, &headers, true).to_string(), "203.0.113.9");
        headers.insert("x-forwarded-for", "garbage".parse().expect("header"));
        assert_eq!(client_ip(peer, &headers, true).to_string(), "10.0.0.1");
    }
}
