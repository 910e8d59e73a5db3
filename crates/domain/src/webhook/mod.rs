//! Webhooks: where deliveries may go, which events an endpoint hears, how deliveries are
//! signed (Standard Webhooks) and when a failed one is tried again. Pure rules; the
//! operations layer stores endpoints and deliveries, and its worker sends them.

mod address;
mod delivery;
mod endpoint_url;
mod signature;
mod subscription;

pub use address::*;
pub use delivery::*;
pub use endpoint_url::*;
pub use signature::*;
pub use subscription::*;
