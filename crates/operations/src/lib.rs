//! Landlord's use cases, between the HTTP API and storage.
//!
//! Each operation is one function: it takes the [`Context`] (who acts, when, under which
//! request), typed domain input, and the database; it checks the rules, runs in one
//! transaction ([`Context::transaction`]) and returns a domain result. Every change it makes
//! is recorded by [`change::record_change`], which writes the audit record and the outbox
//! event together, in that same transaction. Handlers parse, call one operation, render.

pub mod applications;
pub mod auth;
pub mod billing;
pub mod capabilities;
pub mod change;
pub mod context;
pub mod custom_properties;
mod customer_records;
pub mod error;
pub mod idempotency;
pub mod mail;
pub mod options;
pub mod orders;
pub mod password;
pub mod policies;
pub mod provisioning;
pub mod request_rates;
pub mod retention;
pub mod scope;
pub mod search;
pub mod service_tokens;
pub mod sign_in_throttle;
pub mod support_access;
pub mod tenants;
pub mod tickets;
pub mod usage;
pub mod users;
pub mod webhooks;

pub use billing::invoices;
pub use change::{Change, record_change};
pub use context::{Caller, Context};
pub use customer_records::RecordQuery;
pub use error::{OpError, OpResult};
