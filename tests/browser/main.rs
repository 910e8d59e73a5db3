//! The admin app in real headless Chromium (Debian's, driven through ChromeDriver) against a
//! real server over SQLite with seeded customers. Saves screenshots to docs/screenshots/.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

mod applications;
mod billing;
mod capabilities;
mod chromium;
mod custom_properties;
mod driver;
mod flows;
mod invoices;
mod mail;
mod organisation;
mod plans;
mod policies;
mod provisioning;
mod support;
mod usage;
mod webhooks;
