//! Every UI string goes through here: Project Fluent files in `app/locales/<lang>/main.ftl`, compiled
//! into the binary (server and wasm alike) by `fluent-templates`. Survey content is not here: each
//! survey version carries its own per-language text.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // No Unicode isolation marks around arguments: they show up in text and break tests.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language the interface is fully translated into.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    En,
    Es,
}

static EN: LanguageIdentifier = langid!("en");
static ES: LanguageIdentifier = langid!("es");

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Es];

    /// The BCP 47 code, as used in `lang` attributes, URLs and stored responses.
    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Es => "es",
        }
    }

    /// The language's name in itself, for the language picker.
    pub fn endonym(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Es => "Español",
        }
    }

    /// Parses a code such as `es`, `es-MX` or `ES`; anything else is `None`.
    pub fn from_code(code: &str) -> Option<Locale> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Locale::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The first supported language of an `Accept-Language` header, honouring `q` weights.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut ranked: Vec<(f32, Locale)> = header
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.split(';');
                let locale = Locale::from_code(pieces.next()?)?;
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.parse::<f32>().ok())
                    .unwrap_or(1.0);
                Some((q, locale))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        ranked.first().map(|(_, l)| *l)
    }

    fn langid(self) -> &'static LanguageIdentifier {
        match self {
            Locale::En => &EN,
            Locale::Es => &ES,
        }
    }

    /// The message `key` in this language. Never panics on a request path: a missing message falls
    /// back to the key itself (the catalogue tests keep that from happening).
    pub fn tr(self, key: &str) -> String {
        LOCALES
            .try_lookup(self.langid(), key)
            .unwrap_or_else(|| key.to_string())
    }

    /// The message `key` with named arguments.
    pub fn tr_args(self, key: &str, args: &[(&'static str, FluentArg)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    FluentArg::Str(s) => FluentValue::from(s.clone()),
                    FluentArg::Num(n) => FluentValue::from(*n),
                };
                (Cow::Borrowed(*name), value)
            })
            .collect();
        LOCALES
            .try_lookup_with_args(self.langid(), key, &args)
            .unwrap_or_else(|| key.to_string())
    }
}

/// An argument to a Fluent message.
#[derive(Clone, Debug)]
pub enum FluentArg {
    Str(String),
    Num(i64),
}

/// The current interface language, provided once by [`provide_i18n`].
#[derive(Clone, Copy)]
pub struct I18n(pub RwSignal<Locale>);

impl I18n {
    pub fn locale(&self) -> Locale {
        self.0.get()
    }

    /// A reactive translation for use in views: `{i18n.t("survey-submit")}`.
    pub fn t(self, key: &'static str) -> impl Fn() -> String + Send + Sync + Copy + 'static {
        let locale = self.0;
        move || locale.get().tr(key)
    }
}

/// The interface language: `?lang=` when given, else what the server chose for this page (on the
/// server from the `ns_lang` cookie or `Accept-Language`; in the browser from `<html lang>`).
pub fn provide_i18n() -> I18n {
    let initial = initial_locale();
    let signal = RwSignal::new(initial);
    let query = leptos_router::hooks::use_query_map();
    Effect::new(move |_| {
        let wanted = query
            .with(|q| q.get("lang"))
            .as_deref()
            .and_then(Locale::from_code);
        if let Some(locale) = wanted.filter(|l| *l != signal.get_untracked()) {
            signal.set(locale);
        }
    });
    let i18n = I18n(signal);
    provide_context(i18n);
    i18n
}

/// The [`I18n`] provided by the app shell.
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| I18n(RwSignal::new(Locale::default())))
}

#[cfg(feature = "ssr")]
fn initial_locale() -> Locale {
    use_context::<http::request::Parts>()
        .map(|parts| locale_from_request(&parts))
        .unwrap_or_default()
}

/// The language a request asks for: `?lang=`, then the `ns_lang` cookie, then `Accept-Language`.
#[cfg(feature = "ssr")]
pub fn locale_from_request(parts: &http::request::Parts) -> Locale {
    let from_query = parts.uri.query().and_then(|q| {
        q.split('&')
            .find_map(|pair| pair.strip_prefix("lang="))
            .and_then(Locale::from_code)
    });
    let from_cookie = || {
        parts
            .headers
            .get_all(http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .find_map(|c| {
                c.trim()
                    .strip_prefix(format!("{LANG_COOKIE}=").as_str())
                    .and_then(Locale::from_code)
            })
    };
    let from_header = || {
        parts
            .headers
            .get(http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(Locale::from_accept_language)
    };
    from_query
        .or_else(from_cookie)
        .or_else(from_header)
        .unwrap_or_default()
}

/// The cookie that remembers a resident's language choice.
pub const LANG_COOKIE: &str = "ns_lang";

#[cfg(not(feature = "ssr"))]
fn initial_locale() -> Locale {
    #[cfg(feature = "hydrate")]
    {
        let lang = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("lang"));
        if let Some(locale) = lang.as_deref().and_then(Locale::from_code) {
            return locale;
        }
    }
    Locale::default()
}

#[cfg(test)]
#[allow(clippy::expect_used, clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn codes_parse_with_regions_and_case() {
        assert_eq!(Locale::from_code("es-MX"), Some(Locale::Es));
        assert_eq!(Locale::from_code("EN"), Some(Locale::En));
        assert_eq!(Locale::from_code("vi"), None);
    }

    #[test]
    fn accept_language_honours_weights() {
        assert_eq!(
            Locale::from_accept_language("vi;q=1, es;q=0.8, en;q=0.5"),
            Some(Locale::Es)
        );
        assert_eq!(
            Locale::from_accept_language("en-US,en;q=0.9,es;q=0.8"),
            Some(Locale::En)
        );
        assert_eq!(Locale::from_accept_language("fr, de"), None);
    }

    #[test]
    fn messages_resolve_in_both_languages() {
        assert_eq!(Locale::En.tr("nav-surveys"), "Surveys");
        assert_eq!(Locale::Es.tr("nav-surveys"), "Encuestas");
        let msg = Locale::Es.tr_args(
            "error-too-long",
            &[
                ("max", FluentArg::Num(200)),
                ("actual", FluentArg::Num(230)),
            ],
        );
        assert!(msg.contains("200"), "{msg}");
    }
}

#[cfg(test)]
mod catalogue_tests {
    use std::collections::BTreeSet;

    use fluent_templates::fluent_bundle::FluentResource;

    const EN: &str = include_str!("../locales/en/main.ftl");
    const ES: &str = include_str!("../locales/es/main.ftl");

    fn keys(name: &str, source: &str) -> BTreeSet<String> {
        if let Err((_, errors)) = FluentResource::try_new(source.to_string()) {
            panic!("{name} has syntax errors: {errors:?}");
        }
        source
            .lines()
            .filter_map(|line| line.split_once(" = ").map(|(key, _)| key))
            .filter(|key| {
                key.chars().all(|c| c.is_ascii_lowercase() || c == '-') && !key.is_empty()
            })
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn both_languages_have_the_same_messages_and_parse_cleanly() {
        let en = keys("en", EN);
        let es = keys("es", ES);
        assert_eq!(
            en.difference(&es).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "missing in Spanish"
        );
        assert_eq!(
            es.difference(&en).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "missing in English"
        );
    }

    /// Every key the code asks for (`tr("…")`, `t("…")`, `tr_args("…"`) exists.
    #[test]
    fn every_key_used_in_the_code_exists() {
        let en = keys("en", EN);
        let mut missing = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        let server =
            std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../server/src"));
        stack.push(server);
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                for entry in std::fs::read_dir(&path).expect("read dir") {
                    stack.push(entry.expect("entry").path());
                }
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let source = std::fs::read_to_string(&path).expect("read source");
            for pattern in ["tr(\"", ".t(\"", "tr_args(\"", "locale.tr(match"] {
                for (i, _) in source.match_indices(pattern) {
                    let rest = &source[i + pattern.len()..];
                    if let Some(end) = rest.find('"') {
                        let key = &rest[..end];
                        if !key.is_empty()
                            && key.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                            && !en.contains(key)
                        {
                            missing.push(format!("{}: {key}", path.display()));
                        }
                    }
                }
            }
        }
        assert!(
            missing.is_empty(),
            "keys missing from en/main.ftl: {missing:?}"
        );
    }
}
