//! Support-user access, setup instructions and the host-named tenant.

use super::{ApiResult, Download, check, download, read, send, send_json, url};
use gloo_net::http::Request;
use landlord_domain::wire::{
    GrantSupportAccessRequest, LoginRequest, SignInTenant, SupportAccessSettings,
    SupportAccessView, TokenResponse,
};

pub async fn get_support_access(tenant: i64) -> ApiResult<SupportAccessView> {
    read(
        send(Request::get(&url(&format!(
            "/tenants/{tenant}/support-access"
        ))))
        .await?,
    )
    .await
}

/// Grants support access for 24 hours (`no_limit`: without an end).
pub async fn grant_support_access(tenant: i64, no_limit: bool) -> ApiResult<SupportAccessView> {
    let body = GrantSupportAccessRequest {
        expires_at: no_limit.then_some(None),
    };
    let request = Request::post(&url(&format!("/tenants/{tenant}/support-access")));
    read(send_json(request, &body).await?).await
}

pub async fn revoke_support_access(tenant: i64) -> ApiResult<SupportAccessView> {
    read(
        send(Request::delete(&url(&format!(
            "/tenants/{tenant}/support-access"
        ))))
        .await?,
    )
    .await
}

/// The tenant's setup instructions (Markdown).
pub async fn setup_instructions(tenant: i64) -> ApiResult<Download> {
    download(
        Request::get(&url(&format!("/tenants/{tenant}/setup-instructions")))
            .header("Accept", "text/markdown"),
    )
    .await
}

/// The tenant this page's host names, if any (tenant domain login).
pub async fn host_tenant() -> ApiResult<SignInTenant> {
    let response = Request::get(&url("/auth/host-tenant"))
        .header("Accept", "application/json")
        .send()
        .await?;
    read(check(response, false).await?).await
}

/// Signs in to `tenant` as a support user with the management user's credentials.
pub async fn support_login(
    tenant: &str,
    username: &str,
    password: &str,
) -> ApiResult<TokenResponse> {
    super::login(&LoginRequest {
        tenant: Some(tenant.to_owned()),
        username: username.to_owned(),
        password: password.to_owned(),
        support: true,
    })
    .await
}

/// The platform-level switch of support-user access (management tenant only).
pub async fn get_support_settings() -> ApiResult<SupportAccessSettings> {
    read(send(Request::get(&url("/support-access/settings"))).await?).await
}

pub async fn set_support_settings(enabled: bool) -> ApiResult<SupportAccessSettings> {
    let body = SupportAccessSettings { enabled };
    read(send_json(Request::put(&url("/support-access/settings")), &body).await?).await
}
