//! The JSON shapes of the HTTP API (`/api/v1`), shared by the server and the admin app.
//!
//! Requests use plain strings and check themselves with `check()`, which reports every
//! offending field at once using the domain parsers, so the SPA validates exactly as the
//! server does. Unknown fields are rejected.

mod activity;
mod audit;
mod auth;
mod common;
mod customers;
pub mod patterns;
mod tenants;
mod users;
mod webhooks;

pub use activity::*;
pub use audit::*;
pub use auth::*;
pub use common::*;
pub use customers::*;
pub use tenants::*;
pub use users::*;
pub use webhooks::*;
