//! Text preparation: PII scrub → NFC normalisation → language identification → tokens.

pub mod language;
pub mod normalize;
pub mod pii;
pub mod tokenize;
