//! Who is signed in: the user, their tenant and their permissions.

use crate::context::Context;
use crate::error::{OpError, OpResult};
use landlord_domain::wire::Me;
use landlord_persistence::{Database, tenants, users};

/// The signed-in caller as the admin app shows them.
pub fn me(db: &Database, ctx: &Context) -> OpResult<Me> {
    let caller = ctx.caller()?;
    let (user, tenant) = db.read(|conn| {
        let user = users::find(conn, caller.user_id)?.ok_or(OpError::NotFound("user"))?;
        let tenant = tenants::find(conn, caller.tenant_id)?.ok_or(OpError::NotFound("tenant"))?;
        OpResult::Ok((user.to_view(&tenant.name)?, tenant.to_view()?))
    })?;
    Ok(Me {
        user,
        tenant: tenant.seen_by(caller.tenant_rules()),
        permissions: caller.role.permissions().to_vec(),
    })
}
