//! Tenant policies' calls, and a customer's options and policy (with its drift).

use super::{ApiResult, read, send, send_json, url};
use gloo_net::http::Request;
use landlord_domain::wire::{
    Page, TenantOptionView, TenantPolicyRequest, TenantPolicyState, TenantPolicySummary,
    TenantPolicyView,
};

pub async fn list_policies() -> ApiResult<Page<TenantPolicySummary>> {
    let query = [("per_page", "200".to_owned())];
    read(send(Request::get(&url("/tenant-policies")).query(query)).await?).await
}

pub async fn get_policy(id: i64) -> ApiResult<TenantPolicyView> {
    read(send(Request::get(&url(&format!("/tenant-policies/{id}")))).await?).await
}

pub async fn create_policy(request: &TenantPolicyRequest) -> ApiResult<TenantPolicyView> {
    read(send_json(Request::post(&url("/tenant-policies")), request).await?).await
}

pub async fn update_policy(id: i64, request: &TenantPolicyRequest) -> ApiResult<TenantPolicyView> {
    read(
        send_json(
            Request::put(&url(&format!("/tenant-policies/{id}"))),
            request,
        )
        .await?,
    )
    .await
}

pub async fn delete_policy(id: i64) -> ApiResult<TenantPolicyView> {
    read(send(Request::delete(&url(&format!("/tenant-policies/{id}")))).await?).await
}

pub async fn duplicate_policy(id: i64) -> ApiResult<TenantPolicyView> {
    read(
        send(Request::post(&url(&format!(
            "/tenant-policies/{id}/duplicate"
        ))))
        .await?,
    )
    .await
}

/// The customer's options, by category and key.
pub async fn list_options(tenant: i64) -> ApiResult<Vec<TenantOptionView>> {
    read(send(Request::get(&url(&format!("/tenants/{tenant}/options")))).await?).await
}

/// The customer's policy and where the customer now differs from it.
pub async fn policy_state(tenant: i64) -> ApiResult<TenantPolicyState> {
    read(send(Request::get(&url(&format!("/tenants/{tenant}/policy")))).await?).await
}

pub async fn reapply_policy(tenant: i64) -> ApiResult<TenantPolicyState> {
    read(
        send(Request::post(&url(&format!(
            "/tenants/{tenant}/policy/reapply"
        ))))
        .await?,
    )
    .await
}
