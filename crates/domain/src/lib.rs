//! Landlord's domain: the types and rules of tenant management, free of HTTP and SQL.
//!
//! Input becomes a domain type through exactly one constructor (`TenantDomain::parse`,
//! `Email::parse`, ...); past that boundary the type guarantees validity. The `wire` module
//! holds the JSON shapes of the HTTP API so the server and the WASM admin app share them.

#[macro_use]
mod string_enum;
pub mod application;
pub mod audit;
pub mod billing;
pub mod capability;
pub mod clock;
pub mod csv_cell;
pub mod custom_property;
pub mod email;
pub mod error_code;
pub mod event;
pub mod export;
pub mod idempotency;
pub mod ids;
pub mod listing;
pub mod mail;
pub mod money;
pub mod order;
pub mod password;
pub mod permission;
pub mod policy;
pub mod provisioning;
pub mod rate_limit;
pub mod service_token;
pub mod sign_in_throttle;
pub mod support;
pub mod support_access;
pub mod tenant;
pub mod usage;
pub mod user;
pub mod webhook;
pub mod wire;

pub use clock::{Clock, FixedClock, SystemClock};
pub use email::Email;
pub use error_code::ErrorCode;
pub use ids::{TenantId, UserId};
pub use permission::{Permission, Role};
pub use tenant::{TenantDomain, TenantName, TenantPath, TenantStatus, TenantType};
pub use user::Username;
