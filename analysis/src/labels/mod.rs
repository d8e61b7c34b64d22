//! Theme labels: c-TF-IDF keywords with MMR, a short label, representative quotes.

pub mod keywords;
pub mod quotes;
