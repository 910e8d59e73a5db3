//! The Landlord server: configuration, first-start bootstrap, and the HTTP server.

pub mod billing_worker;
pub mod bootstrap;
pub mod config;
pub mod demo_data;
pub mod hosting;
pub mod mail_worker;
pub mod microservice_usage_worker;
pub mod provisioning_worker;
mod request_flusher;
pub mod retention_worker;
pub mod secret;
pub mod seed;
mod seed_history;
pub mod server;
pub mod telemetry;
pub mod webhook_worker;
