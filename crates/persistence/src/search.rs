//! The global search palette: the best few matches of each kind within a subtree.

use crate::invoices::InvoiceRow;
use crate::models::{TenantRow, UserRow};
use crate::orders::OrderRow;
use crate::schema::tenants::dsl as t;
use crate::schema::{invoices, orders, tickets, users};
use crate::tenants::{self, TenantFilter, TenantSortField};
use crate::tickets::TicketRow;
use crate::{AnyConnection, StoreError};
use diesel::prelude::*;
use landlord_domain::listing::{PageRequest, Sort, escape_like};
use landlord_domain::tenant::TenantPath;

diesel::define_sql_function!(fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);

/// Matches of each kind, at most `limit` per kind.
#[derive(Debug, Default)]
pub struct Matches {
    pub tenants: Vec<TenantRow>,
    pub users: Vec<UserRow>,
    pub orders: Vec<OrderRow>,
    pub invoices: Vec<InvoiceRow>,
    pub tickets: Vec<TicketRow>,
}

pub fn palette(
    conn: &mut AnyConnection,
    scope: &TenantPath,
    q: &str,
    limit: i64,
) -> Result<Matches, StoreError> {
    let needle = escape_like(&q.trim().to_lowercase());
    let contains = format!("%{needle}%");
    let prefix = format!("{needle}%");
    let in_scope = t::path.like(scope.subtree_pattern());
    Ok(Matches {
        // The customers list's own search, with its index.
        tenants: tenants::list(
            conn,
            &TenantFilter {
                scope: scope.clone(),
                include_self: true,
                q: Some(q.to_owned()),
                tenant_type: None,
                status: None,
                parent: None,
                billing_state: None,
                property: None,
            },
            Sort {
                field: TenantSortField::Name,
                descending: false,
            },
            PageRequest {
                page: 1,
                per_page: u32::try_from(limit).unwrap_or(PageRequest::DEFAULT_PER_PAGE),
            },
        )?
        .0,
        users: users::table
            .inner_join(t::tenants)
            .filter(in_scope.clone())
            .filter(
                lower(users::username)
                    .like(&prefix)
                    .escape('\\')
                    .or(lower(users::email).like(&prefix).escape('\\')),
            )
            .order((users::username.asc(), users::id.asc()))
            .limit(limit)
            .select(UserRow::as_select())
            .load(conn)?,
        orders: orders::table
            .inner_join(t::tenants)
            .filter(in_scope.clone())
            .filter(lower(orders::number).like(&prefix).escape('\\'))
            .order((orders::placed_at.desc(), orders::id.desc()))
            .limit(limit)
            .select(OrderRow::as_select())
            .load(conn)?,
        invoices: invoices::table
            .inner_join(t::tenants)
            .filter(in_scope.clone())
            .filter(
                lower(invoices::number.assume_not_null())
                    .like(&prefix)
                    .escape('\\'),
            )
            .order((invoices::issued_at.desc(), invoices::id.desc()))
            .limit(limit)
            .select(InvoiceRow::as_select())
            .load(conn)?,
        tickets: tickets::table
            .inner_join(t::tenants)
            .filter(in_scope)
            .filter(lower(tickets::subject).like(&contains).escape('\\'))
            .order((tickets::created_at.desc(), tickets::id.desc()))
            .limit(limit)
            .select(TicketRow::as_select())
            .load(conn)?,
    })
}
