//! Page frame: skip link, header with the language picker, main landmark, footer.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::{Locale, use_i18n};

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="skip-link" href="#main">{i18n.t("skip-to-content")}</a>
        <header class="site-header">
            <div class="wrap header-row">
                <a class="brand" href=move || format!("/?lang={}", i18n.locale().code())>
                    <span class="brand-name">"Needscope"</span>
                    <span class="brand-tag">{i18n.t("brand-tagline")}</span>
                </a>
                <LanguagePicker />
            </div>
        </header>
        <main id="main" class="wrap" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <div class="wrap">
                <p>{i18n.t("footer-privacy")}</p>
            </div>
        </footer>
    }
}

/// Plain links (`?lang=xx`), so choosing a language works without JavaScript too.
#[component]
fn LanguagePicker() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    view! {
        <nav class="lang-picker" aria-label=i18n.t("language-picker")>
            <ul>
                {Locale::ALL
                    .into_iter()
                    .map(|locale| {
                        let href = move || format!("{}?lang={}", location.pathname.get(), locale.code());
                        let current = move || (i18n.locale() == locale).then_some("true");
                        view! {
                            <li>
                                <a href=href hreflang=locale.code() lang=locale.code() aria-current=current>
                                    {locale.endonym()}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
