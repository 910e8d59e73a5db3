//! Bulk loading of billing history (demo and benchmark data): subscriptions and invoices with
//! explicit ids, so their lines, payments and history name them without reading them back,
//! and the invoice-number sequences set to the last number the load used.

use super::MAX_BINDS;
use crate::billing::accounts::BillingAccountRow;
use crate::billing::payments::NewPaymentRow;
use crate::billing::subscriptions::SubscriptionRow;
use crate::invoices::InvoiceRow;
use crate::schema::{
    billing_accounts, credit_balances, invoice_number_sequences as seq, invoices, payments,
    subscriptions,
};
use crate::{AnyConnection, StoreError, dialect};
use diesel::prelude::*;

/// Subscriptions with their ids already chosen.
pub fn insert_subscriptions(
    conn: &mut AnyConnection,
    rows: &[SubscriptionRow],
) -> Result<(), StoreError> {
    insert_chunks!(conn, subscriptions::table, rows, 17);
    crate::billing::recurring_counts::added(
        conn,
        rows.iter()
            .map(|r| (r.plan_id, r.cycle.as_str(), r.status.as_str())),
    )
}

/// Invoices with their ids, numbers and collection state already chosen. Unlike
/// `invoices::insert` they touch no counter and no rollup: the caller adds those.
pub fn insert_invoice_rows(
    conn: &mut AnyConnection,
    rows: &[InvoiceRow],
) -> Result<(), StoreError> {
    insert_chunks!(conn, invoices::table, rows, 27);
    Ok(())
}

pub fn insert_payments(conn: &mut AnyConnection, rows: &[NewPaymentRow]) -> Result<(), StoreError> {
    insert_chunks!(conn, payments::table, rows, 12);
    Ok(())
}

pub fn insert_billing_accounts(
    conn: &mut AnyConnection,
    rows: &[BillingAccountRow],
) -> Result<(), StoreError> {
    insert_chunks!(conn, billing_accounts::table, rows, 12);
    Ok(())
}

/// A tenant's credit balance in one currency, for tenants that have none yet.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = credit_balances)]
pub struct NewCreditRow {
    pub tenant_id: i64,
    pub currency: String,
    pub balance_minor: i64,
}

pub fn insert_credit_balances(
    conn: &mut AnyConnection,
    rows: &[NewCreditRow],
) -> Result<(), StoreError> {
    insert_chunks!(conn, credit_balances::table, rows, 3);
    Ok(())
}

/// The largest subscription id so far (0 for an empty table).
pub fn max_subscription_id(conn: &mut AnyConnection) -> Result<i64, StoreError> {
    Ok(subscriptions::table
        .select(diesel::dsl::max(subscriptions::id))
        .first::<Option<i64>>(conn)?
        .unwrap_or(0))
}

/// The largest invoice id so far (0 for an empty table).
pub fn max_invoice_id(conn: &mut AnyConnection) -> Result<i64, StoreError> {
    Ok(invoices::table
        .select(diesel::dsl::max(invoices::id))
        .first::<Option<i64>>(conn)?
        .unwrap_or(0))
}

/// After subscriptions and invoices were inserted with explicit ids, moves PostgreSQL's id
/// sequences past them (SQLite's AUTOINCREMENT follows by itself).
pub fn sync_billing_ids(conn: &mut AnyConnection) -> Result<(), StoreError> {
    dialect::sync_id_sequence(conn, "subscriptions")?;
    dialect::sync_id_sequence(conn, "invoices")?;
    Ok(())
}

/// The last number given per year by `issuer`'s invoice-number sequence.
pub fn invoice_number_sequences(
    conn: &mut AnyConnection,
    issuer: i64,
) -> Result<Vec<(i32, i64)>, StoreError> {
    Ok(seq::table
        .filter(seq::issuer_tenant_id.eq(issuer))
        .select((seq::year, seq::last_value))
        .load(conn)?)
}

/// Sets the last number given by `issuer`'s sequence for `year`, creating the row if needed:
/// the next invoice finalised takes `last_value + 1`.
pub fn set_invoice_number_sequence(
    conn: &mut AnyConnection,
    issuer: i64,
    year: i32,
    last_value: i64,
) -> Result<(), StoreError> {
    let updated = diesel::update(seq::table.find((issuer, year)))
        .set(seq::last_value.eq(last_value))
        .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(seq::table)
            .values((
                seq::issuer_tenant_id.eq(issuer),
                seq::year.eq(year),
                seq::last_value.eq(last_value),
            ))
            .execute(conn)?;
    }
    Ok(())
}
