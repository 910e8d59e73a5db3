//! Tenant options, retention rules and tenant policies (issue 15, seed 003).

mod catalogue;
mod options;
mod retention;
