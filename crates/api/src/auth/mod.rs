//! Authentication: password hashing, signed access tokens, and the `Principal` every
//! protected handler receives.

pub use landlord_operations::password;
mod principal;
pub mod sign_in_throttle;
pub mod tokens;

pub use principal::Principal;
pub use tokens::{Claims, TokenKeys};
