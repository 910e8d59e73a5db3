//! Authentication: password hashing, signed access tokens, and the `Principal` every
//! protected handler receives.

pub mod password;
mod principal;
pub mod tokens;

pub use principal::Principal;
pub use tokens::{Claims, TokenKeys};
