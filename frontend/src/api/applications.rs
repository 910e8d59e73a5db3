//! A customer's applications: subscribed and available, subscribe and unsubscribe.

use super::{ApiResult, read, send, url};
use gloo_net::http::Request;
use landlord_domain::wire::{SubscribedApplication, TenantApplications};

pub async fn tenant_applications(tenant: i64) -> ApiResult<TenantApplications> {
    read(
        send(Request::get(&url(&format!(
            "/tenants/{tenant}/applications"
        ))))
        .await?,
    )
    .await
}

pub async fn subscribe(tenant: i64, key: &str) -> ApiResult<SubscribedApplication> {
    read(
        send(Request::post(&url(&format!(
            "/tenants/{tenant}/applications/{key}"
        ))))
        .await?,
    )
    .await
}

pub async fn unsubscribe(tenant: i64, key: &str) -> ApiResult<()> {
    send(Request::delete(&url(&format!(
        "/tenants/{tenant}/applications/{key}"
    ))))
    .await
    .map(drop)
}
