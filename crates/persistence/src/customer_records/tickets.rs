//! Customers' support tickets: rows, list, insert.

use super::corrupt;
use super::{RecordFilter, RecordSort};
use crate::Timestamp;
use crate::models::WithTenantName;
use crate::schema::tenants::dsl as t;
use crate::schema::tickets;
use crate::{AnyConnection, StoreError};
use diesel::prelude::*;
use landlord_domain::listing::{PageRequest, Sort};
use landlord_domain::support::{TicketPriority, TicketStatus};
use landlord_domain::wire::TicketView;

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

scoped_list!(list_tickets, tickets, TicketRow, created_at, id, subject);

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
