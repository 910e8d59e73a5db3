use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::http::header;
use actix_web::{HttpRequest, get, web};
use landlord_domain::tenant::tenant_of_host;
use landlord_domain::wire::SignInTenant;

/// The tenant this request's host names: `<domain>.<base domain>` (`LANDLORD_BASE_DOMAIN`)
/// names `domain` (tenant domain login, seed 002), so the sign-in page asks for no tenant and
/// `POST /auth/login` may omit it. Whether such a tenant exists is not said: sign-in answers
/// an unknown one like a wrong password.
#[utoipa::path(
    tag = "auth",
    responses(
        (status = 200, description = "The tenant the host names, or `null`", body = SignInTenant),
    )
)]
#[get("/auth/host-tenant")]
pub async fn get_host_tenant(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> ApiResult<web::Json<SignInTenant>> {
    Ok(web::Json(SignInTenant {
        tenant: of_request(&req, &state),
    }))
}

/// The tenant domain the request's `Host` names under the configured base domain.
pub(crate) fn of_request(req: &HttpRequest, state: &AppState) -> Option<String> {
    let base = state.settings.hosting.base_domain.as_deref()?;
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| req.uri().authority().map(|a| a.as_str()))?;
    tenant_of_host(host, base).map(|d| d.as_str().to_owned())
}
