//! The theme pipeline: parameters, preparation, fitting, the fitted model, incremental assignment.

pub mod assign;
pub mod fit;
pub mod languages;
pub mod model;
pub mod params;
pub mod prepare;
pub mod regroup;
mod stages;
