use crate::auth::Principal;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use actix_web::{get, web};
use landlord_domain::wire::{Me, Problem};
use landlord_persistence::{tenants, users};

/// The signed-in user, their tenant and their permissions.
#[utoipa::path(
    tag = "auth",
    responses(
        (status = 200, description = "The current user", body = Me),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/auth/me")]
pub async fn get_me(state: web::Data<AppState>, principal: Principal) -> ApiResult<web::Json<Me>> {
    let permissions = principal.role.permissions().to_vec();
    let caller = principal.tenant_rules();
    let (user, tenant) = state
        .read(move |conn| {
            let user = users::find(conn, principal.user_id)?.ok_or(ApiError::NotFound("user"))?;
            let tenant =
                tenants::find(conn, principal.tenant_id)?.ok_or(ApiError::NotFound("tenant"))?;
            Ok((user.to_view(&tenant.name)?, tenant.to_view()?))
        })
        .await?;
    Ok(web::Json(Me {
        user,
        tenant: tenant.seen_by(caller),
        permissions,
    }))
}
