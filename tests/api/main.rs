//! Black-box tests of the HTTP API against the real server and a real database.
//! Run on SQLite by default and on PostgreSQL when `LANDLORD_TEST_POSTGRES_URL` is set.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

mod activity;
mod allowed_actions;
mod applications;
mod audit;
mod auth;
mod billing;
mod capabilities;
mod custom_properties;
mod customer_counts;
mod customers;
mod errors;
mod idempotency;
mod isolation;
mod lifecycle;
mod mail;
mod policies;
mod provisioning;
mod request_rate_limits;
mod seed_billing;
mod support;
mod tenant_settings;
mod tenants;
mod throttling;
mod usage;
mod users;
mod webhooks;
