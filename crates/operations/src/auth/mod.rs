//! Sessions: signing in (every attempt audited), checking a token's session on every
//! request, signing out, choosing a password from a reset link, and who is signed in.
//! Issuing and verifying the token itself is the API's business.

mod authenticate;
mod me;
mod password_reset;
mod reset_link;
mod sign_in;
mod sign_out;
mod support_sign_in;

pub use authenticate::{Session, authenticate};
pub use me::me;
pub use password_reset::reset_password;
pub use reset_link::request_reset_link;
pub use sign_in::{SignedIn, sign_in};
pub use sign_out::sign_out;
pub use support_sign_in::sign_in_as_support;
