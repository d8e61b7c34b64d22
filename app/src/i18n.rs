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
///
/// Chinese is written in Traditional characters (`zh-Hant`), as most of San José's Chinese-reading
/// households read it; a browser asking for Simplified Chinese (`zh-CN`, `zh-Hans`) gets it too,
/// which is closer to what it asked for than English.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "es")]
    Es,
    #[serde(rename = "vi")]
    Vi,
    #[serde(rename = "zh-Hant")]
    ZhHant,
    #[serde(rename = "tl")]
    Tl,
}

static EN: LanguageIdentifier = langid!("en");
static ES: LanguageIdentifier = langid!("es");
static VI: LanguageIdentifier = langid!("vi");
static ZH_HANT: LanguageIdentifier = langid!("zh-Hant");
static TL: LanguageIdentifier = langid!("tl");

impl Locale {
    pub const ALL: [Locale; 5] = [
        Locale::En,
        Locale::Es,
        Locale::Vi,
        Locale::ZhHant,
        Locale::Tl,
    ];

    /// The BCP 47 code, as used in `lang` attributes, URLs, locale folders and stored responses.
    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Es => "es",
            Locale::Vi => "vi",
            Locale::ZhHant => "zh-Hant",
            Locale::Tl => "tl",
        }
    }

    /// The language's name in itself, for the language picker.
    pub fn endonym(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Es => "Español",
            Locale::Vi => "Tiếng Việt",
            Locale::ZhHant => "繁體中文",
            Locale::Tl => "Tagalog",
        }
    }

    /// The language's name in English, for staff pages.
    pub fn english_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Es => "Spanish",
            Locale::Vi => "Vietnamese",
            Locale::ZhHant => "Chinese (Traditional)",
            Locale::Tl => "Tagalog",
        }
    }

    /// Parses a BCP 47 tag such as `es`, `es-MX`, `ES`, `zh-Hant-TW`, `zh_TW` or `fil`; a language
    /// not offered is `None`. Every Chinese tag (Traditional or Simplified, any region) is
    /// `zh-Hant`, and Filipino (`fil`), the standard form of Tagalog, is `tl`.
    pub fn from_code(code: &str) -> Option<Locale> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Locale::En),
            "es" => Some(Locale::Es),
            "vi" => Some(Locale::Vi),
            "zh" => Some(Locale::ZhHant),
            "tl" | "fil" => Some(Locale::Tl),
            _ => None,
        }
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

    /// Whether staff pages are written in this language (English and Spanish). Resident pages are
    /// in every [`Locale::ALL`].
    pub fn has_staff_pages(self) -> bool {
        matches!(self, Locale::En | Locale::Es)
    }

    /// The language staff pages are shown in when this one is chosen: itself if staff pages are
    /// written in it, else English (and the page marks that English with `lang="en"`).
    pub fn staff(self) -> Locale {
        if self.has_staff_pages() {
            self
        } else {
            Locale::En
        }
    }

    fn langid(self) -> &'static LanguageIdentifier {
        match self {
            Locale::En => &EN,
            Locale::Es => &ES,
            Locale::Vi => &VI,
            Locale::ZhHant => &ZH_HANT,
            Locale::Tl => &TL,
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

    /// The language of staff pages (tracked): see [`Locale::staff`].
    pub fn staff_locale(&self) -> Locale {
        self.0.get().staff()
    }

    /// The message `key` in the staff pages' language, read once (not tracked): for `<Title>`,
    /// whose text leptos_meta reads after the page's reactive owner is gone.
    pub fn staff_tr(&self, key: &str) -> String {
        self.0.get_untracked().staff().tr(key)
    }

    /// A reactive translation in the staff pages' language: `{i18n.staff_t("…")}`.
    pub fn staff_t(self, key: &'static str) -> impl Fn() -> String + Send + Sync + Copy + 'static {
        let locale = self.0;
        move || locale.get().staff().tr(key)
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
    locale_from(parts.uri.query(), &parts.headers)
}

/// The language a form post asks for (forms post no `?lang=`): the `ns_lang` cookie, then
/// `Accept-Language`. Server handlers use it, as `.staff()`, for the messages they leave.
#[cfg(feature = "ssr")]
pub fn locale_from_headers(headers: &http::HeaderMap) -> Locale {
    locale_from(None, headers)
}

#[cfg(feature = "ssr")]
fn locale_from(query: Option<&str>, headers: &http::HeaderMap) -> Locale {
    let from_query = query.and_then(|q| {
        q.split('&')
            .find_map(|pair| pair.strip_prefix("lang="))
            .and_then(Locale::from_code)
    });
    let from_cookie = || {
        headers
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
        headers
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
        assert_eq!(Locale::from_code("vi"), Some(Locale::Vi));
        assert_eq!(Locale::from_code("vi-VN"), Some(Locale::Vi));
        assert_eq!(Locale::from_code("fr"), None);
        assert_eq!(Locale::from_code(""), None);
    }

    #[test]
    fn chinese_tags_all_reach_traditional_chinese() {
        for tag in [
            "zh-Hant",
            "zh-hant",
            "zh-TW",
            "zh_TW",
            "zh-Hant-TW",
            "zh-HK",
            "zh-MO",
            "zh-CN",
            "zh-Hans",
            "zh-Hans-CN",
            "zh-SG",
            "zh",
        ] {
            assert_eq!(Locale::from_code(tag), Some(Locale::ZhHant), "{tag}");
        }
    }

    #[test]
    fn filipino_is_tagalog() {
        assert_eq!(Locale::from_code("fil"), Some(Locale::Tl));
        assert_eq!(Locale::from_code("fil-PH"), Some(Locale::Tl));
        assert_eq!(Locale::from_code("tl"), Some(Locale::Tl));
    }

    #[test]
    fn every_code_reads_back_as_its_locale() {
        for locale in Locale::ALL {
            assert_eq!(Locale::from_code(locale.code()), Some(locale));
            let json = serde_json::to_string(&locale).unwrap();
            assert_eq!(json, format!("\"{}\"", locale.code()));
            assert_eq!(serde_json::from_str::<Locale>(&json).unwrap(), locale);
        }
    }

    #[test]
    fn accept_language_honours_weights() {
        assert_eq!(
            Locale::from_accept_language("fr;q=1, es;q=0.8, en;q=0.5"),
            Some(Locale::Es)
        );
        assert_eq!(
            Locale::from_accept_language("en-US,en;q=0.9,es;q=0.8"),
            Some(Locale::En)
        );
        assert_eq!(
            Locale::from_accept_language("zh-TW,zh;q=0.9,en-US;q=0.8,en;q=0.7"),
            Some(Locale::ZhHant)
        );
        assert_eq!(
            Locale::from_accept_language("vi-VN,vi;q=0.9,en;q=0.8"),
            Some(Locale::Vi)
        );
        assert_eq!(
            Locale::from_accept_language("fil-PH,fil;q=0.9,en;q=0.8"),
            Some(Locale::Tl)
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

    #[test]
    fn staff_pages_are_in_english_or_spanish() {
        assert_eq!(Locale::Es.staff(), Locale::Es);
        assert_eq!(Locale::En.staff(), Locale::En);
        for locale in [Locale::Vi, Locale::ZhHant, Locale::Tl] {
            assert_eq!(locale.staff(), Locale::En, "{locale:?}");
        }
        assert_eq!(Locale::Es.tr("staff-nav-sign-out"), "Cerrar sesión");
    }

    /// The locale folders are found under the names `code()` gives (`zh-Hant`, not `zh-hant`).
    #[test]
    fn every_language_has_its_own_messages() {
        let english = Locale::En.tr("survey-submit");
        for locale in Locale::ALL.into_iter().filter(|l| *l != Locale::En) {
            let text = locale.tr("survey-submit");
            assert_ne!(text, english, "{locale:?} falls back to English");
            assert_ne!(text, "survey-submit", "{locale:?}");
        }
        assert_eq!(Locale::Vi.tr("nav-surveys"), "Khảo sát");
        assert_eq!(Locale::ZhHant.tr("nav-surveys"), "問卷調查");
        assert_eq!(Locale::Tl.tr("nav-surveys"), "Mga survey");
    }
}

#[cfg(test)]
mod catalogue_tests {
    use std::collections::{BTreeMap, BTreeSet};

    use fluent_templates::fluent_bundle::FluentResource;

    use super::Locale;

    const EN: &str = include_str!("../locales/en/main.ftl");

    /// Every locale's file, by code; the match makes a new `Locale` without a file fail to build.
    fn catalogue(locale: Locale) -> &'static str {
        match locale {
            Locale::En => EN,
            Locale::Es => include_str!("../locales/es/main.ftl"),
            Locale::Vi => include_str!("../locales/vi/main.ftl"),
            Locale::ZhHant => include_str!("../locales/zh-Hant/main.ftl"),
            Locale::Tl => include_str!("../locales/tl/main.ftl"),
        }
    }

    fn keys(name: &str, source: &str) -> BTreeSet<String> {
        messages(name, source).into_keys().collect()
    }

    /// Each message's key and the variables it uses (`{ $name }`, selectors included): a message
    /// is its `key = …` line and the indented lines after it.
    fn messages(name: &str, source: &str) -> BTreeMap<String, BTreeSet<String>> {
        if let Err((_, errors)) = FluentResource::try_new(source.to_string()) {
            panic!("{name} has syntax errors: {errors:?}");
        }
        let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut current: Option<String> = None;
        for line in source.lines() {
            let starts_message = line.split_once(" = ").map(|(key, _)| key).filter(|key| {
                !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c == '-')
            });
            if let Some(key) = starts_message {
                current = Some(key.to_string());
                out.entry(key.to_string()).or_default();
            } else if !line.starts_with(' ') {
                current = None;
            }
            let Some(key) = &current else { continue };
            for (i, _) in line.match_indices('$') {
                let variable: String = line[i + 1..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                    .collect();
                if let Some(set) = out.get_mut(key) {
                    set.insert(variable);
                }
            }
        }
        out
    }

    /// Staff pages (keys `staff-…`) are written in English and Spanish only; the other languages
    /// carry every resident message and no staff one (staff pages show English, marked
    /// `lang="en"`, when one of them is chosen).
    #[test]
    fn every_language_has_the_messages_of_english_and_no_others() {
        let all = keys("en", EN);
        assert!(
            all.iter().any(|k| k.starts_with("staff-")),
            "no staff messages"
        );
        for locale in Locale::ALL {
            let en: BTreeSet<String> = all
                .iter()
                .filter(|k| locale.has_staff_pages() || !k.starts_with("staff-"))
                .cloned()
                .collect();
            let other = keys(locale.code(), catalogue(locale));
            assert_eq!(
                en.difference(&other).collect::<Vec<_>>(),
                Vec::<&String>::new(),
                "missing in {}",
                locale.code()
            );
            assert_eq!(
                other.difference(&en).collect::<Vec<_>>(),
                Vec::<&String>::new(),
                "in {} but not in English",
                locale.code()
            );
        }
    }

    /// A translation uses exactly the variables its English uses: a dropped `{ $max }` would hide
    /// a limit from residents, and an unknown one shows as an error.
    #[test]
    fn every_translation_uses_the_variables_of_its_english() {
        let en = messages("en", EN);
        let mut wrong = Vec::new();
        for locale in Locale::ALL {
            for (key, variables) in messages(locale.code(), catalogue(locale)) {
                if let Some(english) = en.get(&key).filter(|e| **e != variables) {
                    wrong.push(format!(
                        "{} {key}: {variables:?}, English has {english:?}",
                        locale.code()
                    ));
                }
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
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
            for pattern in [
                "tr(\"",
                ".t(\"",
                "staff_t(\"",
                "tr_args(\"",
                "locale.tr(match",
            ] {
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
