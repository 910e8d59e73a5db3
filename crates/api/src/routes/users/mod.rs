//! `/users`: the users of the caller's tenant and its subtenants.

mod create;
mod delete;
mod get;
mod list;

pub use create::*;
pub use delete::*;
pub use get::*;
pub use list::*;

use crate::auth::Principal;
use crate::error::ApiResult;
use landlord_operations::scope;
use landlord_persistence::AnyConnection;
use landlord_persistence::models::{UserRow, WithTenantName};
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_users)
        .service(create_user)
        .service(get_user)
        .service(delete_user);
}

/// The user `id`, with their tenant's name, if their tenant is within the caller's subtree;
/// otherwise 404.
pub(crate) fn visible_user(
    conn: &mut AnyConnection,
    principal: &Principal,
    id: i64,
) -> ApiResult<WithTenantName<UserRow>> {
    Ok(scope::visible_user(conn, principal, id)?)
}
