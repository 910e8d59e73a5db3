use crate::context::Context;
use crate::error::OpResult;
use crate::scope::visible;
use landlord_domain::Permission;
use landlord_domain::listing::PageRequest;
use landlord_domain::mail::MailStatus;
use landlord_domain::wire::{MailView, Page};
use landlord_persistence::{Database, mail};

/// A tenant's notification mails, newest first: the caller's own tenant or one in its
/// subtree (any other is "not found").
pub fn list_for_tenant(
    db: &Database,
    ctx: &Context,
    id: i64,
    status: Option<MailStatus>,
    page: PageRequest,
) -> OpResult<Page<MailView>> {
    let caller = ctx.caller()?;
    caller.require(Permission::TenantsRead)?;
    let (rows, total) = db.read(|conn| {
        let tenant = visible(conn, caller, id)?;
        OpResult::Ok(mail::list_for_tenant(
            conn,
            tenant.tenant_id(),
            status,
            page,
        )?)
    })?;
    Ok(Page {
        items: rows.iter().map(|r| r.to_view()).collect::<Result<_, _>>()?,
        total,
        total_exact: true,
        page: page.page,
        per_page: page.per_page,
    })
}
