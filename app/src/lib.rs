//! Needscope's web interface: Leptos components rendered on the server and hydrated in the browser,
//! the server functions they call, and (with `ssr`) the server-only state and queries behind them.

#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod components;
pub mod i18n;
pub mod models;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod store;

pub use app::{App, shell};

/// The wasm entry point: hydrates the server-rendered page (once a lazy page's code has loaded).
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_lazy(App);
}
