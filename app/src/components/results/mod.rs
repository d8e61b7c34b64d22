//! The parts of the public results pages ("What we heard"): a need with its share, actions and
//! quotes, the district table, and the formatting of numbers and statuses for people. They take
//! the language as a prop and read no context, so the server can render them to a string outside
//! the router (see `crate::routes::results`): the public pages carry no hydration data and no
//! script, which keeps them light on a slow phone.

mod districts;
mod format;
mod need;

pub use districts::DistrictTable;
pub use format::{date, percent, status_label};
pub use need::NeedArticle;
