//! Interview notes: uploads in each format with a redaction preview, limits and rejections,
//! hostile documents (zip bombs, deep nesting, huge object streams, thousands of pages),
//! partner isolation, and notes in analysis runs (one source per document, deletion).

mod analysis;
pub mod fixtures;
mod hostile;
mod isolation;
mod languages;
mod uploads;
