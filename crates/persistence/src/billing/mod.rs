//! Billing's storage: the plan catalogue, subscriptions, billing accounts and credit balances,
//! invoices with their lines and numbers, payments, dunning policies and billing runs. Plain
//! functions over a connection, composed by `operations::billing` inside one transaction.

pub mod accounts;
pub mod dunning;
pub mod invoices;
pub mod payments;
pub mod plans;
pub mod recurring_counts;
pub mod runs;
pub mod subscriptions;
