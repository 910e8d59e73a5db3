//! One module per route.

pub mod activity;
pub mod billing_settings;
pub mod custom_properties;
pub mod customer_detail;
pub mod customers;
pub mod developers;
pub mod forgot_password;
pub mod new_customer;
pub mod not_found;
pub mod plans;
pub mod policies;
pub mod reset_password;
pub mod sign_in;
pub mod usage;
pub mod users;
pub mod webhook_deliveries;
