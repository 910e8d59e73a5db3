//! Landlord's storage layer: diesel over SQLite (the embedded default) and PostgreSQL through
//! one code path (`AnyConnection`). Repositories are plain functions over a connection so
//! callers compose them inside one transaction; `Database::write` provides that transaction.

pub mod application_history;
pub mod applications;
pub mod audit;
pub mod billing;
pub mod bulk;
pub mod capabilities;
mod connection;
pub mod custom_properties;
pub mod customer_records;
mod database;
mod dialect;
mod error;
pub mod events;
pub mod export;
pub mod idempotency;
pub mod mail;
pub mod models;
pub mod policies;
pub mod provisioning;
pub mod request_rates;
pub mod rollups;
pub mod schema;
pub mod search;
pub mod service_tokens;
pub mod sign_in_throttle;
mod sqlite_settings;
pub mod support_access;
pub mod tenants;
pub mod usage;
pub mod users;
pub mod webhooks;

pub use billing::invoices;
pub use connection::{AnyConnection, Backend};
pub use customer_records::{orders, tickets};
pub use database::Database;
pub use dialect::Statistics;
pub use error::StoreError;

/// Timestamps are stored as UTC without a zone (portable `TIMESTAMP`).
pub type Timestamp = chrono::NaiveDateTime;
