//! Theme labels: c-TF-IDF keywords with MMR, a short label, representative quotes, and readable
//! names built at display time.

pub mod keywords;
pub mod names;
pub mod quotes;
