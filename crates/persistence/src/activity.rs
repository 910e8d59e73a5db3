//! Customers' orders, invoices and support tickets. Each insert also bumps the tenant's own
//! counter (and, for paid invoices, the revenue rollups) in the same transaction. Rows are
//! read with their tenant's name, joined in the same query.

use crate::models::WithTenantName;
use crate::schema::tenants::dsl as t;
use crate::schema::{invoices, orders, tickets};
use crate::{AnyConnection, StoreError, Timestamp, rollups};
use diesel::prelude::*;
use landlord_domain::TenantId;
use landlord_domain::activity::{InvoiceStatus, OrderStatus, TicketPriority, TicketStatus};
use landlord_domain::listing::{PageRequest, Sort};
use landlord_domain::money::{Currency, format_amount};
use landlord_domain::tenant::TenantPath;
use landlord_domain::wire::{InvoiceView, OrderView, TicketView};

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("unknown {what} {value:?}"))
}

fn currency(code: &str) -> Result<Currency, StoreError> {
    Currency::parse(code).ok_or_else(|| corrupt("currency", code))
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = orders)]
pub struct OrderRow {
    pub id: i64,
    pub tenant_id: i64,
    pub number: String,
    pub status: String,
    pub total_minor: i64,
    pub currency: String,
    pub placed_at: Timestamp,
}

impl OrderRow {
    pub fn to_view(&self, tenant_name: &str) -> Result<OrderView, StoreError> {
        let currency = currency(&self.currency)?;
        Ok(OrderView {
            id: self.id,
            tenant_id: self.tenant_id,
            tenant_name: tenant_name.to_owned(),
            number: self.number.clone(),
            status: OrderStatus::parse(&self.status)
                .ok_or_else(|| corrupt("order status", &self.status))?,
            total: format_amount(self.total_minor, currency),
            currency,
            placed_at: self.placed_at.and_utc(),
        })
    }
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = orders)]
pub struct NewOrderRow {
    pub tenant_id: i64,
    pub number: String,
    pub status: String,
    pub total_minor: i64,
    pub currency: String,
    pub placed_at: Timestamp,
}

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

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = tickets)]
pub struct TicketRow {
    pub id: i64,
    pub tenant_id: i64,
    pub subject: String,
    pub status: String,
    pub priority: String,
    pub created_at: Timestamp,
}

impl TicketRow {
    pub fn to_view(&self, tenant_name: &str) -> Result<TicketView, StoreError> {
        Ok(TicketView {
            id: self.id,
            tenant_id: self.tenant_id,
            tenant_name: tenant_name.to_owned(),
            subject: self.subject.clone(),
            status: TicketStatus::parse(&self.status)
                .ok_or_else(|| corrupt("ticket status", &self.status))?,
            priority: TicketPriority::parse(&self.priority)
                .ok_or_else(|| corrupt("ticket priority", &self.priority))?,
            created_at: self.created_at.and_utc(),
        })
    }
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = tickets)]
pub struct NewTicketRow {
    pub tenant_id: i64,
    pub subject: String,
    pub status: String,
    pub priority: String,
    pub created_at: Timestamp,
}

/// What every activity list filters on.
#[derive(Debug, Clone)]
pub struct ActivityFilter {
    /// Only rows of tenants in this subtree.
    pub scope: TenantPath,
    /// Only rows of this tenant (the customer filter).
    pub tenant: Option<TenantId>,
    pub status: Option<&'static str>,
}

/// How activity lists sort: by their date (the default, newest first) or amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivitySort {
    Date,
    Amount,
    Number,
}

impl ActivitySort {
    pub const ORDER_FIELDS: [(&'static str, Self); 3] = [
        ("placed_at", Self::Date),
        ("total", Self::Amount),
        ("number", Self::Number),
    ];
    pub const INVOICE_FIELDS: [(&'static str, Self); 3] = [
        ("issued_at", Self::Date),
        ("amount", Self::Amount),
        ("number", Self::Number),
    ];
    pub const TICKET_FIELDS: [(&'static str, Self); 2] =
        [("created_at", Self::Date), ("subject", Self::Number)];
}

/// One list function per table; the tables differ only in their column names.
macro_rules! scoped_list {
    ($name:ident, $table:ident, $row:ty, $date:ident, $amount:ident, $number:ident) => {
        pub fn $name(
            conn: &mut AnyConnection,
            filter: &ActivityFilter,
            sort: Sort<ActivitySort>,
            page: PageRequest,
        ) -> Result<(Vec<WithTenantName<$row>>, i64), StoreError> {
            use crate::schema::$table::dsl as a;
            let filtered = || {
                let mut query = a::$table.inner_join(t::tenants).into_boxed();
                match filter.tenant {
                    // A single tenant was already checked to be within scope.
                    Some(tenant) => query = query.filter(a::tenant_id.eq(tenant.0)),
                    None => query = query.filter(t::path.like(filter.scope.subtree_pattern())),
                }
                if let Some(status) = filter.status {
                    query = query.filter(a::status.eq(status));
                }
                query
            };
            let total = filtered().count().get_result::<i64>(conn)?;
            let query = filtered();
            let query = match (sort.field, sort.descending) {
                (ActivitySort::Date, true) => query.order((a::$date.desc(), a::id.desc())),
                (ActivitySort::Date, false) => query.order((a::$date.asc(), a::id.asc())),
                (ActivitySort::Amount, true) => query.order((a::$amount.desc(), a::id.desc())),
                (ActivitySort::Amount, false) => query.order((a::$amount.asc(), a::id.asc())),
                (ActivitySort::Number, true) => query.order((a::$number.desc(), a::id.desc())),
                (ActivitySort::Number, false) => query.order((a::$number.asc(), a::id.asc())),
            };
            let rows = query
                .offset(page.offset())
                .limit(page.limit())
                .select((<$row>::as_select(), t::name))
                .load::<($row, String)>(conn)?;
            Ok((rows.into_iter().map(WithTenantName::from).collect(), total))
        }
    };
}

scoped_list!(
    list_orders,
    orders,
    OrderRow,
    placed_at,
    total_minor,
    number
);
scoped_list!(
    list_invoices,
    invoices,
    InvoiceRow,
    issued_at,
    amount_minor,
    number
);
scoped_list!(list_tickets, tickets, TicketRow, created_at, id, subject);

pub fn find_order(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<WithTenantName<OrderRow>>, StoreError> {
    Ok(orders::table
        .inner_join(t::tenants)
        .filter(orders::id.eq(id))
        .select((OrderRow::as_select(), t::name))
        .first::<(OrderRow, String)>(conn)
        .optional()?
        .map(WithTenantName::from))
}

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

pub fn find_ticket(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<WithTenantName<TicketRow>>, StoreError> {
    Ok(tickets::table
        .inner_join(t::tenants)
        .filter(tickets::id.eq(id))
        .select((TicketRow::as_select(), t::name))
        .first::<(TicketRow, String)>(conn)
        .optional()?
        .map(WithTenantName::from))
}

/// Inserts an order. Without a number it gets the tenant's next one, `ORD-00042`: the
/// counter is bumped first, so the row lock on the tenant serializes concurrent inserts.
pub fn insert_order(
    conn: &mut AnyConnection,
    mut row: NewOrderRow,
    numbered: bool,
) -> Result<WithTenantName<OrderRow>, StoreError> {
    let next: i64 = diesel::update(t::tenants.find(row.tenant_id))
        .set(t::orders_count.eq(t::orders_count + 1))
        .returning(t::orders_count)
        .get_result(conn)?;
    if !numbered {
        row.number = format!("ORD-{next:05}");
    }
    let id: i64 = diesel::insert_into(orders::table)
        .values(&row)
        .returning(orders::id)
        .get_result(conn)?;
    find_order(conn, id)?.ok_or(StoreError::NotFound)
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

pub fn insert_ticket(
    conn: &mut AnyConnection,
    row: NewTicketRow,
) -> Result<WithTenantName<TicketRow>, StoreError> {
    let id: i64 = diesel::insert_into(tickets::table)
        .values(&row)
        .returning(tickets::id)
        .get_result(conn)?;
    diesel::update(t::tenants.find(row.tenant_id))
        .set(t::tickets_count.eq(t::tickets_count + 1))
        .execute(conn)?;
    find_ticket(conn, id)?.ok_or(StoreError::NotFound)
}

/// A tenant's orders at or above `min_minor`, newest first: the "notable orders" of its history.
pub fn notable_orders(
    conn: &mut AnyConnection,
    tenant: TenantId,
    min_minor: i64,
    limit: i64,
) -> Result<Vec<OrderRow>, StoreError> {
    Ok(orders::table
        .filter(orders::tenant_id.eq(tenant.0))
        .filter(orders::total_minor.ge(min_minor))
        .order((orders::placed_at.desc(), orders::id.desc()))
        .limit(limit)
        .select(OrderRow::as_select())
        .load(conn)?)
}
