//! Pages.

mod home;
pub mod lazy;
mod not_found;
mod notes;
#[cfg(feature = "ssr")]
pub mod paper;
#[cfg(feature = "ssr")]
pub mod results;
pub mod staff;
mod survey;
mod thanks;

pub use home::HomePage;
pub use not_found::NotFound;
pub use notes::{NotePage, NotesPage};
pub use survey::SurveyPage;
pub use survey::fields as survey_fields;
pub use thanks::ThanksPage;
