//! Issue 15's support-user access (seed 003), setup instructions (seed 004) and tenant
//! domain login (seed 002).

mod access;
mod domain_login;
mod setup_instructions;
