//! The classical representation: counts over a frozen sorted vocabulary → sublinear TF × frozen
//! IDF^p → L2 → randomized truncated SVD (LSA) → L2.

pub mod sparse;
pub mod svd;
pub mod vectorizer;
