//! A customer's provisioning: its pipeline, run again or marked active.

use super::{ApiResult, read, send, url};
use gloo_net::http::Request;
use landlord_domain::wire::{MarkedActiveProvisioning, TenantProvisioningView};

pub async fn get_provisioning(tenant: i64) -> ApiResult<TenantProvisioningView> {
    read(
        send(Request::get(&url(&format!(
            "/tenants/{tenant}/provisioning"
        ))))
        .await?,
    )
    .await
}

pub async fn retry(tenant: i64) -> ApiResult<TenantProvisioningView> {
    read(
        send(Request::post(&url(&format!(
            "/tenants/{tenant}/provisioning/retry"
        ))))
        .await?,
    )
    .await
}

pub async fn mark_active(tenant: i64) -> ApiResult<MarkedActiveProvisioning> {
    read(
        send(Request::post(&url(&format!(
            "/tenants/{tenant}/provisioning/mark-active"
        ))))
        .await?,
    )
    .await
}
