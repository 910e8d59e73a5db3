//! Black-box tests of the HTTP API against the real server and a real database.
//! Run on SQLite by default and on PostgreSQL when `LANDLORD_TEST_POSTGRES_URL` is set.

mod audit;
mod activity;
mod auth;
mod customers;
mod errors;
mod isolation;
mod lifecycle;
mod tenants;
mod users;
