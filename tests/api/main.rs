//! Black-box tests of the HTTP API against the real server and a real database.
//! Run on SQLite by default and on PostgreSQL when `LANDLORD_TEST_POSTGRES_URL` is set.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

mod activity;
mod audit;
mod auth;
mod customers;
mod errors;
mod isolation;
mod lifecycle;
mod tenants;
mod users;
mod webhooks;
