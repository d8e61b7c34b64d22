//! Types shared by the browser and the server: survey definitions, the localized form a resident
//! sees, answers and their validation, and the app's error type.

pub mod answers;
pub mod categories;
pub mod closed;
pub mod collection;
pub mod compare;
pub mod curation;
pub mod dashboard;
pub mod error;
pub mod jobs;
pub mod links;
pub mod notes;
pub mod publication;
pub mod report;
pub mod report_feed;
pub mod report_trends;
pub mod response_times;
pub mod run_languages;
pub mod slug;
pub mod staff;
pub mod strategy;
pub mod stream;
pub mod survey;
pub mod survey_edit;
pub mod theme_page;
pub mod tokens;
pub mod translation_file;
pub mod unit_ref;

pub use answers::{
    AnswerValue, FieldError, FieldErrors, FormError, PostedSubmission, RawAnswers, validate,
};
pub use error::AppError;
pub use stream::Stream;
pub use survey::{
    Audience, Choice, Kind, Question, SurveyDefinition, SurveyForm, SurveyStatus, SurveySummary,
};
pub use unit_ref::{SourceRef, UnitRef};
