//! Invoices and their lines. An invoice is inserted with its lines in one go; its number comes
//! from the issuer's per-year sequence when it is finalised (drafts have none). Paid invoices
//! add to the revenue rollups.

use crate::customer_records::{corrupt, currency};
use crate::dialect;
use crate::models::WithTenantName;
use crate::rollups;
use crate::schema::invoice_lines::dsl as l;
use crate::schema::invoices;
use crate::schema::tenants::dsl as t;
use crate::{AnyConnection, StoreError, Timestamp};
use diesel::prelude::*;
use landlord_domain::TenantId;
use landlord_domain::billing::{InvoiceLine, InvoiceStatus, LineKind, Period};
use landlord_domain::tenant::TenantPath;

#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = invoices, treat_none_as_null = true)]
pub struct InvoiceRow {
    pub id: i64,
    pub tenant_id: i64,
    pub issuer_tenant_id: Option<i64>,
    pub number: Option<String>,
    pub status: String,
    /// The total.
    pub amount_minor: i64,
    pub currency: String,
    pub issued_at: Timestamp,
    pub due_at: Option<Timestamp>,
    pub subscription_id: Option<i64>,
    pub billing_key: Option<String>,
    pub period_start: Option<Timestamp>,
    pub period_end: Option<Timestamp>,
    pub subtotal_minor: i64,
    pub tax_minor: i64,
    pub tax_rate_bp: Option<i32>,
    pub credit_applied_minor: i64,
    pub amount_paid_minor: i64,
    pub collection: String,
    pub collection_attempts: i32,
    pub next_collection_at: Option<Timestamp>,
    pub last_collection_error: Option<String>,
    pub finalized_at: Option<Timestamp>,
    pub paid_at: Option<Timestamp>,
    pub voided_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl InvoiceRow {
    pub fn status(&self) -> Result<InvoiceStatus, StoreError> {
        InvoiceStatus::parse(&self.status).ok_or_else(|| corrupt("invoice status", &self.status))
    }

    /// What is still to pay: the total less the credit applied and the payments (never negative).
    pub fn amount_due_minor(&self) -> i64 {
        (self.amount_minor - self.credit_applied_minor - self.amount_paid_minor).max(0)
    }

    pub fn tenant(&self) -> TenantId {
        TenantId(self.tenant_id)
    }
}

/// An invoice as inserted (hand-entered, one-off, or by billing).
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = invoices)]
pub struct NewInvoiceRow {
    pub tenant_id: i64,
    pub issuer_tenant_id: Option<i64>,
    pub number: Option<String>,
    pub status: String,
    pub amount_minor: i64,
    pub currency: String,
    pub issued_at: Timestamp,
    pub due_at: Option<Timestamp>,
    pub subscription_id: Option<i64>,
    pub billing_key: Option<String>,
    pub period_start: Option<Timestamp>,
    pub period_end: Option<Timestamp>,
    pub subtotal_minor: i64,
    pub tax_minor: i64,
    pub tax_rate_bp: Option<i32>,
    pub credit_applied_minor: i64,
    pub amount_paid_minor: i64,
    pub collection: String,
    pub finalized_at: Option<Timestamp>,
    pub paid_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl NewInvoiceRow {
    /// A record of an invoice issued elsewhere (the demo data, imports): one total, no issuer
    /// (so dunning leaves it alone), paid in full when its status says so.
    #[allow(clippy::too_many_arguments)]
    pub fn recorded(
        tenant_id: i64,
        number: Option<String>,
        status: InvoiceStatus,
        amount_minor: i64,
        currency: &str,
        issued_at: Timestamp,
        due_at: Option<Timestamp>,
    ) -> Self {
        let paid = status == InvoiceStatus::Paid;
        Self {
            tenant_id,
            issuer_tenant_id: None,
            number,
            status: status.as_str().to_owned(),
            amount_minor,
            currency: currency.to_owned(),
            issued_at,
            due_at,
            subscription_id: None,
            billing_key: None,
            period_start: None,
            period_end: None,
            subtotal_minor: amount_minor,
            tax_minor: 0,
            tax_rate_bp: None,
            credit_applied_minor: 0,
            amount_paid_minor: if paid { amount_minor } else { 0 },
            collection: "send_invoice".to_owned(),
            finalized_at: (status != InvoiceStatus::Draft).then_some(issued_at),
            paid_at: paid.then_some(issued_at),
            created_at: issued_at,
            updated_at: issued_at,
        }
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = crate::schema::invoice_lines)]
pub struct LineRow {
    pub id: i64,
    pub invoice_id: i64,
    pub position: i32,
    pub kind: String,
    pub description: String,
    pub period_start: Option<Timestamp>,
    pub period_end: Option<Timestamp>,
    pub quantity: i64,
    pub unit_amount_minor: i64,
    pub amount_minor: i64,
}

impl LineRow {
    pub fn to_line(&self) -> Result<InvoiceLine, StoreError> {
        Ok(InvoiceLine {
            kind: LineKind::parse(&self.kind).ok_or_else(|| corrupt("line kind", &self.kind))?,
            description: self.description.clone(),
            period: match (self.period_start, self.period_end) {
                (Some(start), Some(end)) => Some(Period {
                    start: start.and_utc(),
                    end: end.and_utc(),
                }),
                _ => None,
            },
            quantity: self.quantity,
            unit_amount: self.unit_amount_minor,
            amount: self.amount_minor,
        })
    }
}

/// Inserts an invoice and its lines; a paid one adds revenue. Bumps the tenant's invoice count.
/// A second invoice with the same `billing_key` fails with `StoreError::Conflict`.
pub fn insert(
    conn: &mut AnyConnection,
    path: &TenantPath,
    row: &NewInvoiceRow,
    lines: &[InvoiceLine],
) -> Result<InvoiceRow, StoreError> {
    diesel::update(t::tenants.find(row.tenant_id))
        .set(t::invoices_count.eq(t::invoices_count + 1))
        .execute(conn)?;
    let id: i64 = diesel::insert_into(invoices::table)
        .values(row)
        .returning(invoices::id)
        .get_result(conn)?;
    insert_lines(conn, id, lines)?;
    if row.status == InvoiceStatus::Paid.as_str() {
        rollups::revenue_added(
            conn,
            TenantId(row.tenant_id),
            path,
            currency(&row.currency)?,
            row.amount_minor,
        )?;
    }
    find(conn, id)?.ok_or(StoreError::NotFound)
}

/// A line as inserted.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = crate::schema::invoice_lines)]
pub struct NewLineRow {
    pub invoice_id: i64,
    pub position: i32,
    pub kind: String,
    pub description: String,
    pub period_start: Option<Timestamp>,
    pub period_end: Option<Timestamp>,
    pub quantity: i64,
    pub unit_amount_minor: i64,
    pub amount_minor: i64,
}

impl NewLineRow {
    pub fn new(invoice: i64, position: usize, line: &InvoiceLine) -> Self {
        Self {
            invoice_id: invoice,
            position: position as i32,
            kind: line.kind.as_str().to_owned(),
            description: line.description.clone(),
            period_start: line.period.map(|p| p.start.naive_utc()),
            period_end: line.period.map(|p| p.end.naive_utc()),
            quantity: line.quantity,
            unit_amount_minor: line.unit_amount,
            amount_minor: line.amount,
        }
    }
}

fn insert_lines(
    conn: &mut AnyConnection,
    invoice: i64,
    lines: &[InvoiceLine],
) -> Result<(), StoreError> {
    let rows: Vec<NewLineRow> = lines
        .iter()
        .enumerate()
        .map(|(position, line)| NewLineRow::new(invoice, position, line))
        .collect();
    crate::bulk::insert_invoice_lines(conn, &rows)
}

pub fn find(conn: &mut AnyConnection, id: i64) -> Result<Option<InvoiceRow>, StoreError> {
    Ok(invoices::table
        .find(id)
        .select(InvoiceRow::as_select())
        .first(conn)
        .optional()?)
}

/// The invoice `id`, locked for the rest of the transaction on PostgreSQL (a payment and a
/// collection attempt never both settle it).
pub fn find_for_update(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<InvoiceRow>, StoreError> {
    dialect::lock_row(conn, dialect::Lockable::Invoices, id)?;
    find(conn, id)
}

/// The invoice with its tenant's name.
pub fn find_with_tenant(
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

/// The lines of each invoice, by invoice id, in position order.
pub fn lines_of(
    conn: &mut AnyConnection,
    ids: &[i64],
) -> Result<std::collections::HashMap<i64, Vec<InvoiceLine>>, StoreError> {
    let mut by_invoice: std::collections::HashMap<i64, Vec<InvoiceLine>> = Default::default();
    for chunk in ids.chunks(500) {
        let rows = l::invoice_lines
            .filter(l::invoice_id.eq_any(chunk))
            .order((l::invoice_id.asc(), l::position.asc()))
            .select(LineRow::as_select())
            .load(conn)?;
        for row in rows {
            by_invoice
                .entry(row.invoice_id)
                .or_default()
                .push(row.to_line()?);
        }
    }
    Ok(by_invoice)
}

/// Writes every column of `row` back; when it has just become paid (`newly_paid`), its total
/// is added to the revenue rollups.
pub fn save(
    conn: &mut AnyConnection,
    row: &InvoiceRow,
    path: &TenantPath,
    newly_paid: bool,
) -> Result<(), StoreError> {
    diesel::update(invoices::table.find(row.id))
        .set(row)
        .execute(conn)?;
    if newly_paid {
        rollups::revenue_added(
            conn,
            row.tenant(),
            path,
            currency(&row.currency)?,
            row.amount_minor,
        )?;
    }
    Ok(())
}

/// The next number of `issuer`'s sequence for `year` (1, 2, ...). Runs in the finalising
/// transaction: the sequence row stays locked until it commits, so numbers have no gaps.
pub fn next_number(
    conn: &mut AnyConnection,
    issuer: TenantId,
    year: i32,
) -> Result<i64, StoreError> {
    Ok(dialect::next_in_sequence(conn, issuer.0, year)?)
}

/// Open invoices of the tenant with something still due, oldest due date first.
pub fn open_of_tenant(
    conn: &mut AnyConnection,
    tenant: TenantId,
) -> Result<Vec<InvoiceRow>, StoreError> {
    Ok(invoices::table
        .filter(invoices::tenant_id.eq(tenant.0))
        .filter(invoices::status.eq("open"))
        .order((invoices::due_at.asc(), invoices::id.asc()))
        .select(InvoiceRow::as_select())
        .load(conn)?)
}

/// Ids of open invoices whose automatic collection is due by `at`, after `after_id`, in id order.
pub fn collection_due(
    conn: &mut AnyConnection,
    at: Timestamp,
    after_id: i64,
    limit: i64,
) -> Result<Vec<i64>, StoreError> {
    Ok(invoices::table
        .filter(invoices::status.eq("open"))
        .filter(invoices::next_collection_at.le(at))
        .filter(invoices::id.gt(after_id))
        .order(invoices::id.asc())
        .limit(limit)
        .select(invoices::id)
        .load(conn)?)
}

/// Tenants dunning must look at by `at`: those with an open invoice due before `at`, and those
/// whose billing state is not `ok` (they may have paid and step back).
pub fn dunning_candidates(conn: &mut AnyConnection, at: Timestamp) -> Result<Vec<i64>, StoreError> {
    let mut ids: Vec<i64> = invoices::table
        .filter(invoices::status.eq("open"))
        .filter(invoices::due_at.lt(at))
        .select(invoices::tenant_id)
        .distinct()
        .load(conn)?;
    let flagged: Vec<i64> = t::tenants
        .filter(t::billing_state.ne("ok"))
        .select(t::id)
        .load(conn)?;
    ids.extend(flagged);
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}
