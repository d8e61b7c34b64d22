//! Server functions, by domain. Thin: parse, call one query, map to a DTO.

pub mod actions;
pub mod categories;
pub mod compare;
pub mod links;
pub mod notes;
pub mod publications;
pub mod report;
pub mod report_feed;
pub mod report_trends;
pub mod reports;
pub mod results;
pub mod staff;
pub mod strategy;
pub mod survey_editor;
pub mod surveys;
pub mod themes;
pub mod translation_files;
pub mod weighting;
