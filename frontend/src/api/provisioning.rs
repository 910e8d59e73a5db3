//! Provisioning: a customer's pipeline, run again or marked active, and the operator's
//! external steps.

use super::{ApiResult, read, send, send_json, url};
use gloo_net::http::Request;
use landlord_domain::wire::{
    CreateProvisioningStepRequest, CreatedProvisioningStep, MarkedActiveProvisioning, Page,
    ProvisioningStepView, TenantProvisioningView, UpdateProvisioningStepRequest,
};

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

/// Steps per page; an operator defines a handful.
const PER_PAGE: u32 = 200;

pub async fn list_steps() -> ApiResult<Page<ProvisioningStepView>> {
    let query = [("per_page", PER_PAGE.to_string())];
    read(send(Request::get(&url("/provisioning-steps")).query(query)).await?).await
}

pub async fn create_step(
    request: &CreateProvisioningStepRequest,
) -> ApiResult<CreatedProvisioningStep> {
    read(send_json(Request::post(&url("/provisioning-steps")), request).await?).await
}

pub async fn update_step(
    id: i64,
    request: &UpdateProvisioningStepRequest,
) -> ApiResult<ProvisioningStepView> {
    read(
        send_json(
            Request::patch(&url(&format!("/provisioning-steps/{id}"))),
            request,
        )
        .await?,
    )
    .await
}

pub async fn delete_step(id: i64) -> ApiResult<()> {
    send(Request::delete(&url(&format!("/provisioning-steps/{id}"))))
        .await
        .map(drop)
}
