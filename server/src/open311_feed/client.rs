//! One page of an Open311 endpoint's service requests over HTTP.

use std::time::Duration;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use url::Url;

/// Waiting for a connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Waiting for a whole page.
const PAGE_TIMEOUT: Duration = Duration::from_secs(60);
/// Longest endpoint message repeated in an outcome.
const MAX_DETAIL: usize = 300;

/// Where and how to ask.
pub struct Endpoint<'a> {
    pub client: &'a reqwest::Client,
    pub base_url: &'a str,
    pub jurisdiction_id: Option<&'a str>,
    pub api_key: Option<&'a str>,
    pub updated_after: Option<OffsetDateTime>,
    pub page_size: usize,
}

/// The HTTP client of a pull: timeouts, no cookies.
pub fn http_client() -> Result<reqwest::Client, String> {
    reqwest::Client::builder()
        .connect_timeout(CONNECT_TIMEOUT)
        .timeout(PAGE_TIMEOUT)
        .user_agent(concat!("Needscope/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| format!("could not set up the HTTP client: {e}"))
}

/// The error and its causes, one line, without the URL (which carries the API key).
fn chain(err: reqwest::Error) -> String {
    let err = err.without_url();
    let mut text = err.to_string();
    let mut source = std::error::Error::source(&err);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

impl Endpoint<'_> {
    /// `{base}/requests.json` with the query of page `page`.
    pub fn url(&self, page: usize) -> Result<Url, String> {
        let base = self.base_url.trim_end_matches('/');
        let mut url = Url::parse(&format!("{base}/requests.json"))
            .map_err(|e| format!("the base URL is not a URL: {e}"))?;
        {
            let mut q = url.query_pairs_mut();
            if let Some(j) = self.jurisdiction_id {
                q.append_pair("jurisdiction_id", j);
            }
            if let Some(k) = self.api_key {
                q.append_pair("api_key", k);
            }
            if let Some(after) = self.updated_after.and_then(|t| t.format(&Rfc3339).ok()) {
                q.append_pair("updated_after", &after);
            }
            q.append_pair("page", &page.to_string());
            q.append_pair("page_size", &self.page_size.to_string());
        }
        Ok(url)
    }

    /// Page `page`: the JSON array of service requests, or why not (never naming the key).
    pub async fn page(&self, page: usize) -> Result<Vec<serde_json::Value>, String> {
        let url = self.url(page)?;
        let response = self
            .client
            .get(url)
            .header("Accept", "application/json")
            .send()
            .await
            .map_err(|e| {
                format!(
                    "page {page}: the endpoint could not be reached: {}",
                    chain(e)
                )
            })?;
        let status = response.status();
        let body = response
            .bytes()
            .await
            .map_err(|e| format!("page {page}: the answer was cut off: {}", chain(e)))?;
        if !status.is_success() {
            return Err(format!(
                "page {page}: the endpoint answered {status}{}",
                detail(&body)
            ));
        }
        match serde_json::from_slice::<serde_json::Value>(&body) {
            Ok(serde_json::Value::Array(items)) => Ok(items),
            Ok(_) => Err(format!(
                "page {page}: the endpoint did not answer with a JSON list of service requests"
            )),
            Err(e) => Err(format!("page {page}: the answer is not JSON ({e})")),
        }
    }
}

/// What a refusing endpoint said: GeoReport v2 errors are `[{"code": …, "description": …}]`.
fn detail(body: &[u8]) -> String {
    let said = serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|v| {
            v.as_array()?
                .first()?
                .get("description")?
                .as_str()
                .map(str::to_owned)
        })
        .or_else(|| {
            let text = String::from_utf8_lossy(body).trim().to_owned();
            (!text.is_empty() && !text.starts_with('<')).then_some(text)
        });
    match said {
        Some(s) => format!(": {}", s.chars().take(MAX_DETAIL).collect::<String>()),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_names_the_window_and_page() {
        let client = reqwest::Client::new();
        let endpoint = Endpoint {
            client: &client,
            base_url: "https://311.example.org/open311/v2/",
            jurisdiction_id: Some("sanjoseca.gov"),
            api_key: Some("k&y"),
            updated_after: Some(time::macros::datetime!(2024-03-05 10:00 UTC)),
            page_size: 200,
        };
        assert_eq!(
            endpoint.url(2).unwrap().as_str(),
            "https://311.example.org/open311/v2/requests.json?jurisdiction_id=sanjoseca.gov\
             &api_key=k%26y&updated_after=2024-03-05T10%3A00%3A00Z&page=2&page_size=200"
        );
    }

    #[test]
    fn refusals_say_what_the_endpoint_said() {
        assert_eq!(
            detail(br#"[{"code":403,"description":"Invalid api_key"}]"#),
            ": Invalid api_key"
        );
        assert_eq!(detail(b"<html>oops</html>"), "");
        assert_eq!(detail(b"Service Unavailable"), ": Service Unavailable");
    }
}
