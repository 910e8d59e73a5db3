use crate::change::{Change, record_change};
use crate::context::Context;
use crate::error::OpResult;
use landlord_domain::audit::{AuditAction, AuditTarget};
use landlord_persistence::{Database, users};

/// Revokes every token issued to the caller so far.
pub fn sign_out(db: &Database, ctx: &Context) -> OpResult<()> {
    let caller = ctx.caller()?;
    ctx.transaction(db, |tx| {
        users::revoke_tokens(tx, caller.user_id)?;
        record_change(
            tx,
            ctx,
            Change::new(
                AuditAction::LoggedOut,
                caller.tenant_id,
                caller.tenant_path.clone(),
            )
            .target(AuditTarget::Session, caller.user_id),
        )
    })
}
