//! Who is the client, for rate limiting only (held in memory, never stored).
//!
//! Without trusted proxies the client is the TCP peer. Behind trusted reverse proxies it is the
//! address the nearest *untrusted* hop had: `X-Forwarded-For` is read from the right (each proxy
//! appends the address it saw), trusted proxies are skipped, and the first address left is the
//! client. Everything to the left of it was written by the client and is ignored, so made-up
//! entries cannot move a client into another rate-limit bucket. A header from a peer that is not a
//! trusted proxy is ignored altogether.
//!
//! IPv6 clients are keyed by their /64 network: one household or server is usually handed a whole
//! /64, and keying by the full address would let it take a fresh limit per address.

use std::fmt;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::str::FromStr;

use axum::http::HeaderMap;
use serde::{Deserialize, Serialize};

/// An address range written `10.0.0.0/8`, `2001:db8::/32` or a single address (`127.0.0.1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IpRange {
    network: IpAddr,
    prefix: u8,
}

impl IpRange {
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.network, canonical(ip)) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                mask(u32::from(ip).into(), 32, self.prefix) == u32::from(net).into()
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                mask(u128::from(ip), 128, self.prefix) == u128::from(net)
            }
            _ => false,
        }
    }
}

/// `bits` with all but the leading `prefix` of its `width` bits cleared.
fn mask(bits: u128, width: u8, prefix: u8) -> u128 {
    let host_bits = u32::from(width.saturating_sub(prefix));
    bits.checked_shr(host_bits)
        .and_then(|b| b.checked_shl(host_bits))
        .unwrap_or(0)
}

impl FromStr for IpRange {
    type Err = String;

    fn from_str(text: &str) -> Result<IpRange, String> {
        let text = text.trim();
        let (addr, prefix) = match text.split_once('/') {
            Some((addr, prefix)) => (addr, Some(prefix)),
            None => (text, None),
        };
        let addr: IpAddr = addr
            .parse()
            .map_err(|_| format!("`{text}` is not an IP address or range"))?;
        let addr = canonical(addr);
        let width = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => width,
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= width)
                .ok_or_else(|| format!("`{text}`: the prefix length must be 0 to {width}"))?,
        };
        let network = match addr {
            IpAddr::V4(ip) => IpAddr::V4((mask(u32::from(ip).into(), 32, prefix) as u32).into()),
            IpAddr::V6(ip) => IpAddr::V6(mask(u128::from(ip), 128, prefix).into()),
        };
        Ok(IpRange { network, prefix })
    }
}

impl TryFrom<String> for IpRange {
    type Error = String;

    fn try_from(text: String) -> Result<IpRange, String> {
        text.parse()
    }
}

impl From<IpRange> for String {
    fn from(range: IpRange) -> String {
        range.to_string()
    }
}

impl fmt::Display for IpRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.network, self.prefix)
    }
}

/// How to tell clients apart for rate limits: which peers are trusted reverse proxies.
#[derive(Clone, Debug, Default)]
pub struct ClientKeys {
    /// The TCP peer is a trusted proxy whatever its address (`trust_forwarded_for`).
    trust_peer: bool,
    /// Addresses of trusted proxies (`trusted_proxies`), the peer's and those in the header alike.
    proxies: Vec<IpRange>,
}

impl ClientKeys {
    pub fn new(trust_peer: bool, proxies: Vec<IpRange>) -> ClientKeys {
        ClientKeys {
            trust_peer,
            proxies,
        }
    }

    fn is_proxy(&self, ip: IpAddr) -> bool {
        self.proxies.iter().any(|range| range.contains(ip))
    }

    /// The client's address as the nearest untrusted hop had it.
    pub fn client_ip(&self, peer: SocketAddr, headers: &HeaderMap) -> IpAddr {
        let peer = canonical(peer.ip());
        if !(self.trust_peer || self.is_proxy(peer)) {
            return peer;
        }
        // Entries of every X-Forwarded-For line, in order, read from the right. Each was written
        // by the hop to its right, which is trusted when we get there; an entry a trusted proxy
        // wrote that is not an address ("unknown", garbage) leaves that proxy as the client.
        let mut nearest = peer;
        let entries = headers
            .get_all("x-forwarded-for")
            .iter()
            .flat_map(|line| line.as_bytes().split(|b| *b == b','))
            .collect::<Vec<_>>();
        for entry in entries.into_iter().rev() {
            let Some(ip) = parse_entry(entry) else {
                return nearest;
            };
            if !self.is_proxy(ip) {
                return ip;
            }
            nearest = ip;
        }
        nearest
    }

    /// The rate-limit key of the client: its address, or its /64 network for IPv6.
    pub fn key(&self, peer: SocketAddr, headers: &HeaderMap) -> IpAddr {
        limit_key(self.client_ip(peer, headers))
    }
}

/// One `X-Forwarded-For` entry: an address, possibly with a port (`1.2.3.4:80`,
/// `[2001:db8::1]:80`), as some proxies write them.
fn parse_entry(entry: &[u8]) -> Option<IpAddr> {
    let text = std::str::from_utf8(entry).ok()?.trim();
    let ip = text
        .parse::<IpAddr>()
        .ok()
        .or_else(|| text.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .or_else(|| {
            text.strip_prefix('[')
                .and_then(|t| t.strip_suffix(']'))
                .and_then(|t| t.parse::<Ipv6Addr>().ok())
                .map(IpAddr::V6)
        })?;
    Some(canonical(ip))
}

/// IPv4 addresses written as IPv6 (`::ffff:192.0.2.1`) as the IPv4 addresses they are.
fn canonical(ip: IpAddr) -> IpAddr {
    ip.to_canonical()
}

/// An IPv4 address as it is; an IPv6 address as its /64 network.
pub fn limit_key(ip: IpAddr) -> IpAddr {
    match canonical(ip) {
        IpAddr::V6(v6) => IpAddr::V6(mask(u128::from(v6), 128, 64).into()),
        v4 => v4,
    }
}

#[cfg(test)]
#[allow(clippy::expect_used, clippy::unwrap_used)]
mod tests {
    use super::*;

    fn peer(ip: &str) -> SocketAddr {
        SocketAddr::new(ip.parse().expect("ip"), 5000)
    }

    fn headers(lines: &[&[u8]]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for line in lines {
            headers.append(
                "x-forwarded-for",
                axum::http::HeaderValue::from_bytes(line).expect("header"),
            );
        }
        headers
    }

    fn proxies(ranges: &[&str]) -> ClientKeys {
        ClientKeys::new(
            false,
            ranges.iter().map(|r| r.parse().expect("range")).collect(),
        )
    }

    #[test]
    fn ranges_parse_and_match() {
        let range: IpRange = "10.1.2.3/8".parse().expect("range");
        assert_eq!(range.to_string(), "10.0.0.0/8");
        assert!(range.contains("10.200.0.1".parse().unwrap()));
        assert!(range.contains("::ffff:10.0.0.1".parse().unwrap()));
        assert!(!range.contains("11.0.0.1".parse().unwrap()));
        assert!(!range.contains("::1".parse().unwrap()));
        let one: IpRange = "127.0.0.1".parse().expect("address");
        assert_eq!(one.to_string(), "127.0.0.1/32");
        assert!(!one.contains("127.0.0.2".parse().unwrap()));
        let v6: IpRange = "2001:db8::/32".parse().expect("range");
        assert!(v6.contains("2001:db8:ffff::1".parse().unwrap()));
        assert!(!v6.contains("2001:db9::1".parse().unwrap()));
        let all: IpRange = "0.0.0.0/0".parse().expect("range");
        assert!(all.contains("192.0.2.1".parse().unwrap()));
        for bad in [
            "10.0.0.0/33",
            "::/129",
            "10.0.0/8",
            "example.org",
            "10.0.0.0/-1",
            "",
        ] {
            assert!(bad.parse::<IpRange>().is_err(), "{bad}");
        }
    }

    #[test]
    fn the_header_is_ignored_unless_the_peer_is_a_trusted_proxy() {
        let h = headers(&[b"203.0.113.9"]);
        let keys = proxies(&["10.0.0.0/8"]);
        assert_eq!(
            keys.client_ip(peer("192.0.2.1"), &h).to_string(),
            "192.0.2.1"
        );
        assert_eq!(
            ClientKeys::default()
                .client_ip(peer("10.0.0.1"), &h)
                .to_string(),
            "10.0.0.1"
        );
        assert_eq!(
            keys.client_ip(peer("10.0.0.1"), &h).to_string(),
            "203.0.113.9"
        );
    }

    #[test]
    fn made_up_entries_on_the_left_are_ignored() {
        // The client wrote the first two; the proxy appended the address it saw.
        let h = headers(&[b"1.2.3.4, 5.6.7.8, 198.51.100.7"]);
        let keys = proxies(&["127.0.0.1"]);
        assert_eq!(
            keys.client_ip(peer("127.0.0.1"), &h).to_string(),
            "198.51.100.7"
        );
        // The same when a proxy adds a header line of its own rather than appending.
        let h = headers(&[b"1.2.3.4", b"198.51.100.7"]);
        assert_eq!(
            keys.client_ip(peer("127.0.0.1"), &h).to_string(),
            "198.51.100.7"
        );
        // A made-up address that happens to be a trusted proxy's is still left of the real one.
        let h = headers(&[b"127.0.0.1, 198.51.100.7"]);
        assert_eq!(
            keys.client_ip(peer("127.0.0.1"), &h).to_string(),
            "198.51.100.7"
        );
    }

    #[test]
    fn trusted_proxies_in_the_chain_are_skipped() {
        let keys = proxies(&["10.0.0.0/8", "2001:db8:1::/48"]);
        let h = headers(&[b"6.6.6.6, 198.51.100.7, 10.0.0.5, 2001:db8:1::9"]);
        assert_eq!(
            keys.client_ip(peer("10.0.0.1"), &h).to_string(),
            "198.51.100.7"
        );
        // Every hop trusted: the client is the leftmost proxy.
        let h = headers(&[b"10.0.0.7, 10.0.0.5"]);
        assert_eq!(keys.client_ip(peer("10.0.0.1"), &h).to_string(), "10.0.0.7");
    }

    #[test]
    fn trust_forwarded_for_trusts_the_peer_as_one_proxy() {
        let keys = ClientKeys::new(true, Vec::new());
        let h = headers(&[b"1.2.3.4, 198.51.100.7"]);
        assert_eq!(
            keys.client_ip(peer("10.0.0.1"), &h).to_string(),
            "198.51.100.7"
        );
        assert_eq!(
            keys.client_ip(peer("10.0.0.1"), &HeaderMap::new())
                .to_string(),
            "10.0.0.1"
        );
    }

    #[test]
    fn malformed_entries_leave_the_nearest_trusted_hop_as_the_client() {
        let keys = proxies(&["10.0.0.0/8"]);
        let p = peer("10.0.0.1");
        for garbage in [
            &b"garbage"[..],
            b"",
            b" , ",
            b"198.51.100.7, unknown",
            b"198.51.100.7,",
            b"198.51.100.7, \xff\xfe",
            b"198.51.100.7, 300.1.1.1",
        ] {
            assert_eq!(
                keys.client_ip(p, &headers(&[garbage])).to_string(),
                "10.0.0.1"
            );
        }
        // Garbage the client wrote, left of what the proxy appended, does not matter.
        let h = headers(&[b"\xff\xfe, not an address, 198.51.100.7"]);
        assert_eq!(keys.client_ip(p, &h).to_string(), "198.51.100.7");
        // Garbage behind a trusted hop: that hop is the client.
        let h = headers(&[b"garbage, 10.0.0.5"]);
        assert_eq!(keys.client_ip(p, &h).to_string(), "10.0.0.5");
    }

    #[test]
    fn entries_with_ports_and_mapped_addresses_are_read() {
        let keys = proxies(&["127.0.0.1"]);
        let p = peer("127.0.0.1");
        let read = |value: &[u8]| keys.client_ip(p, &headers(&[value])).to_string();
        assert_eq!(read(b"198.51.100.7:4431"), "198.51.100.7");
        assert_eq!(read(b"[2001:db8::1]:4431"), "2001:db8::1");
        assert_eq!(read(b"[2001:db8::1]"), "2001:db8::1");
        assert_eq!(read(b"::ffff:198.51.100.7"), "198.51.100.7");
        assert_eq!(
            keys.client_ip(peer("::ffff:127.0.0.1"), &headers(&[b"198.51.100.7"]))
                .to_string(),
            "198.51.100.7"
        );
    }

    #[test]
    fn ipv6_clients_share_a_key_per_64() {
        let keys = ClientKeys::default();
        let a = keys.key(peer("2001:db8:1:2:aaaa::1"), &HeaderMap::new());
        let b = keys.key(peer("2001:db8:1:2:ffff:1:2:3"), &HeaderMap::new());
        let c = keys.key(peer("2001:db8:1:3::1"), &HeaderMap::new());
        assert_eq!(a, b);
        assert_eq!(a.to_string(), "2001:db8:1:2::");
        assert_ne!(a, c);
        assert_eq!(
            limit_key("192.0.2.1".parse().unwrap()).to_string(),
            "192.0.2.1"
        );
        assert_eq!(
            limit_key("::ffff:192.0.2.1".parse().unwrap()).to_string(),
            "192.0.2.1"
        );
    }
}
