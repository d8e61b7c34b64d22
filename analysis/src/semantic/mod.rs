//! The semantic representation: sentence embeddings from a local model directory.

pub mod bert;
pub mod cache;
pub mod encoder;
pub mod neighbours;
pub mod pca;
