//! User use cases: create one in a visible tenant, delete one.

mod create;
mod delete;

pub use create::create;
pub use delete::delete;
