//! Authentication: password hashing, signed access tokens, and the `Principal` every
//! protected handler receives.

pub use landlord_operations::password;
mod principal;
pub mod tokens;

pub use principal::Principal;
pub(crate) use principal::session;
pub use tokens::{Claims, TokenKeys};
