//! Payments against invoices: recorded by hand (`manual`) or by a provider's charge, with
//! failed charges kept too (they are what dunning and support look at).

use crate::schema::payments::dsl as p;
use crate::{AnyConnection, StoreError, Timestamp};
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = crate::schema::payments)]
pub struct PaymentRow {
    pub id: i64,
    pub invoice_id: i64,
    pub tenant_id: i64,
    pub amount_minor: i64,
    pub currency: String,
    pub method: String,
    pub provider: String,
    pub reference: Option<String>,
    pub status: String,
    pub failure_code: Option<String>,
    pub paid_at: Timestamp,
    pub recorded_by: Option<i64>,
    pub created_at: Timestamp,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = crate::schema::payments)]
pub struct NewPaymentRow {
    pub invoice_id: i64,
    pub tenant_id: i64,
    pub amount_minor: i64,
    pub currency: String,
    pub method: String,
    pub provider: String,
    pub reference: Option<String>,
    pub status: String,
    pub failure_code: Option<String>,
    pub paid_at: Timestamp,
    pub recorded_by: Option<i64>,
    pub created_at: Timestamp,
}

pub fn insert(conn: &mut AnyConnection, row: &NewPaymentRow) -> Result<PaymentRow, StoreError> {
    Ok(diesel::insert_into(p::payments)
        .values(row)
        .returning(crate::schema::payments::all_columns)
        .get_result(conn)?)
}

pub fn of_invoice(conn: &mut AnyConnection, invoice: i64) -> Result<Vec<PaymentRow>, StoreError> {
    Ok(p::payments
        .filter(p::invoice_id.eq(invoice))
        .order(p::id.asc())
        .select(PaymentRow::as_select())
        .load(conn)?)
}
