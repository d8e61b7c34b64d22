//! Interview notes: uploads in each format with a redaction preview, limits and rejections,
//! partner isolation, and notes in analysis runs (one source per document, deletion).

mod analysis;
pub mod fixtures;
mod isolation;
mod uploads;
