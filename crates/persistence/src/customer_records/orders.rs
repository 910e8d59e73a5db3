//! Customers' orders: rows, list, insert with the next number, the notable ones.

use super::{RecordFilter, RecordSort};
use super::{corrupt, currency};
use crate::Timestamp;
use crate::models::WithTenantName;
use crate::schema::orders;
use crate::schema::tenants::dsl as t;
use crate::{AnyConnection, StoreError};
use diesel::prelude::*;
use landlord_domain::TenantId;
use landlord_domain::listing::{PageRequest, Sort};
use landlord_domain::money::format_amount;
use landlord_domain::order::OrderStatus;
use landlord_domain::wire::OrderView;

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

scoped_list!(
    list_orders,
    orders,
    OrderRow,
    placed_at,
    total_minor,
    number
);

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
