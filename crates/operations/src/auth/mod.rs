//! Sessions: signing in (every attempt audited), signing out, choosing a password from a
//! reset link. Issuing the token itself is the API's business.

mod password_reset;
mod sign_in;
mod sign_out;

pub use password_reset::reset_password;
pub use sign_in::{SignedIn, sign_in};
pub use sign_out::sign_out;
