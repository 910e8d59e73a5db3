//! User use cases: create one in a visible tenant, delete one; list and show them.

mod create;
mod delete;
mod read;

pub use create::create;
pub use delete::delete;
pub use read::{UserQuery, get, list};
