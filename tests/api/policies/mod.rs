//! Tenant options, retention rules and tenant policies (issue 15, seed 003).

mod options;
mod policies;
mod retention;
