//! `/tenants`: the management tenant's (and resellers') view of their subtenants.

mod activate;
mod audit_log;
mod create;
mod deactivate;
mod delete;
mod export;
mod get;
mod list;
mod status_change;
mod summary;
mod suspend;
mod update;

pub use activate::*;
pub use audit_log::*;
pub use create::*;
pub use deactivate::*;
pub use delete::*;
pub use export::*;
pub use get::*;
pub use list::*;
pub use summary::*;
pub use suspend::*;
pub use update::*;

use crate::auth::Principal;
use crate::error::{ApiError, ApiResult};
use landlord_domain::TenantId;
use landlord_persistence::models::TenantRow;
use landlord_persistence::{AnyConnection, tenants};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    // The fixed paths come before `/tenants/{id}`, which would otherwise claim them.
    cfg.service(get_customer_summary)
        .service(export_tenants)
        .service(list_tenants)
        .service(create_tenant)
        .service(get_tenant)
        .service(update_tenant)
        .service(delete_tenant)
        .service(suspend_tenant)
        .service(activate_tenant)
        .service(deactivate_tenant)
        .service(get_tenant_audit_log);
}

/// The tenant `id` if the caller may see it (their own tenant or a descendant). Anything
/// else is 404, never 403, so the existence of other tenants does not leak.
pub(crate) fn visible(
    conn: &mut AnyConnection,
    principal: &Principal,
    id: i64,
) -> ApiResult<TenantRow> {
    tenants::find_within(conn, &principal.tenant_path, TenantId(id))?
        .ok_or(ApiError::NotFound("tenant"))
}

/// The tenant `id` if the caller may manage it: a strict descendant of their own tenant.
pub(crate) fn managed(
    conn: &mut AnyConnection,
    principal: &Principal,
    id: i64,
) -> ApiResult<TenantRow> {
    let row = visible(conn, principal, id)?;
    if row.id == principal.tenant_id.0 {
        return Err(ApiError::forbidden(
            "own_tenant",
            "a tenant cannot manage itself; its parent manages it",
        ));
    }
    Ok(row)
}
