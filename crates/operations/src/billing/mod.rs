//! Billing's use cases: the plan catalogue, a tenant's subscription (start, change with
//! proration, preview, cancel, pause, resume), issuing invoices (totals, credit, gapless
//! numbers), collecting them (the payment-provider boundary), recording payments, dunning that
//! drives the tenant's state, and the billing run that ties them together.
//!
//! Every change goes through `record_change` in its transaction, so each is audited and sent
//! to webhooks exactly when it commits. The rules are the domain's (`domain::billing`); this
//! module decides when they apply and stores their outcome.

pub mod catalogue;
pub mod collection;
pub mod documents;
pub mod dunning;
pub mod invoices;
mod issue;
mod microservices;
pub mod plans;
mod revenue;
pub mod run;
pub mod subscriptions;
mod views;

pub use collection::{PaymentProvider, SandboxProvider};
pub(crate) use revenue::recurring_revenue;
pub use views::invoice_view;
