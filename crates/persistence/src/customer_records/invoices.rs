//! Customers' invoices (billing's): rows, list, insert; paid ones add revenue.

use super::{RecordFilter, RecordSort};
use super::{corrupt, currency};
use crate::Timestamp;
use crate::models::WithTenantName;
use crate::rollups;
use crate::schema::invoices;
use crate::schema::tenants::dsl as t;
use crate::{AnyConnection, StoreError};
use diesel::prelude::*;
use landlord_domain::TenantId;
use landlord_domain::billing::InvoiceStatus;
use landlord_domain::listing::{PageRequest, Sort};
use landlord_domain::money::format_amount;
use landlord_domain::tenant::TenantPath;
use landlord_domain::wire::InvoiceView;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = invoices)]
pub struct InvoiceRow {
    pub id: i64,
    pub tenant_id: i64,
    pub number: String,
    pub status: String,
    pub amount_minor: i64,
    pub currency: String,
    pub issued_at: Timestamp,
    pub due_at: Option<Timestamp>,
}

impl InvoiceRow {
    pub fn to_view(&self, tenant_name: &str) -> Result<InvoiceView, StoreError> {
        let currency = currency(&self.currency)?;
        Ok(InvoiceView {
            id: self.id,
            tenant_id: self.tenant_id,
            tenant_name: tenant_name.to_owned(),
            number: self.number.clone(),
            status: InvoiceStatus::parse(&self.status)
                .ok_or_else(|| corrupt("invoice status", &self.status))?,
            amount: format_amount(self.amount_minor, currency),
            currency,
            issued_at: self.issued_at.and_utc(),
            due_at: self.due_at.map(|d| d.and_utc()),
        })
    }
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = invoices)]
pub struct NewInvoiceRow {
    pub tenant_id: i64,
    pub number: String,
    pub status: String,
    pub amount_minor: i64,
    pub currency: String,
    pub issued_at: Timestamp,
    pub due_at: Option<Timestamp>,
}

scoped_list!(
    list_invoices,
    invoices,
    InvoiceRow,
    issued_at,
    amount_minor,
    number
);

pub fn find_invoice(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<WithTenantName<InvoiceRow>>, StoreError> {
    Ok(invoices::table
        .inner_join(t::tenants)
        .filter(invoices::id.eq(id))
        .select((InvoiceRow::as_select(), t::name))
        .first::<(InvoiceRow, String)>(conn)
        .optional()?
        .map(WithTenantName::from))
}

/// Inserts an invoice, numbered like orders (`INV-00042`). Paid invoices add revenue.
pub fn insert_invoice(
    conn: &mut AnyConnection,
    path: &TenantPath,
    mut row: NewInvoiceRow,
    numbered: bool,
) -> Result<WithTenantName<InvoiceRow>, StoreError> {
    let next: i64 = diesel::update(t::tenants.find(row.tenant_id))
        .set(t::invoices_count.eq(t::invoices_count + 1))
        .returning(t::invoices_count)
        .get_result(conn)?;
    if !numbered {
        row.number = format!("INV-{next:05}");
    }
    let id: i64 = diesel::insert_into(invoices::table)
        .values(&row)
        .returning(invoices::id)
        .get_result(conn)?;
    if row.status == InvoiceStatus::Paid.as_str() {
        rollups::revenue_added(
            conn,
            TenantId(row.tenant_id),
            path,
            currency(&row.currency)?,
            row.amount_minor,
        )?;
    }
    find_invoice(conn, id)?.ok_or(StoreError::NotFound)
}
