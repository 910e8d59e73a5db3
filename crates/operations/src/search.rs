//! The search palette (Cmd+K): the best few matches of each kind the caller may see.

use crate::context::Context;
use crate::error::OpResult;
use landlord_domain::Permission;
use landlord_domain::wire::{SearchHit, SearchResults};
use landlord_persistence::{Database, search as store};

/// Matches of `q` among the tenants, users, orders, invoices and tickets of the caller's
/// subtree, at most `limit` of each kind, each with the admin-app link that opens it.
/// Users need `users:read`, the customers' records `activity:read`.
pub fn search(db: &Database, ctx: &Context, q: &str, limit: i64) -> OpResult<SearchResults> {
    let caller = ctx.caller()?;
    caller.require(Permission::TenantsRead)?;
    let found = db.read(|conn| store::palette(conn, &caller.tenant_path, q, limit))?;
    let mut hits: Vec<SearchHit> = found
        .tenants
        .iter()
        .map(|t| SearchHit {
            kind: "tenant".into(),
            id: t.id,
            title: t.name.clone(),
            subtitle: format!(
                "{} · {}",
                t.domain,
                t.contact_email.as_deref().unwrap_or(&t.admin_email)
            ),
            link: format!("/customers/{}", t.id),
        })
        .collect();
    if caller.role.grants(Permission::UsersRead) {
        hits.extend(found.users.iter().map(|u| SearchHit {
            kind: "user".into(),
            id: u.id,
            title: u.display_name.clone().unwrap_or_else(|| u.username.clone()),
            subtitle: format!("{} · {}", u.username, u.email),
            link: format!("/users?tenant={}", u.tenant_id),
        }));
    }
    if caller.role.grants(Permission::ActivityRead) {
        hits.extend(found.orders.iter().map(|o| SearchHit {
            kind: "order".into(),
            id: o.id,
            title: o.number.clone(),
            subtitle: format!("{} · {}", o.status, o.currency),
            link: format!("/orders?tenant={}", o.tenant_id),
        }));
        hits.extend(found.invoices.iter().map(|i| SearchHit {
            kind: "invoice".into(),
            id: i.id,
            title: i.number.clone().unwrap_or_else(|| "Draft".into()),
            subtitle: format!("{} · {}", i.status, i.currency),
            link: format!("/invoices?tenant={}", i.tenant_id),
        }));
        hits.extend(found.tickets.iter().map(|t| SearchHit {
            kind: "ticket".into(),
            id: t.id,
            title: t.subject.clone(),
            subtitle: format!("{} · {}", t.status, t.priority),
            link: format!("/support?tenant={}", t.tenant_id),
        }));
    }
    Ok(SearchResults { hits })
}
