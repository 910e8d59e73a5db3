//! The Developers area's calls: webhook endpoints and their deliveries.

use super::{ApiResult, read, send, send_json, url};
use gloo_net::http::Request;
use landlord_domain::wire::{
    CreateWebhookEndpointRequest, CreatedWebhookEndpoint, Page, RotatedWebhookSecret,
    UpdateWebhookEndpointRequest, WebhookDeliveryView, WebhookEndpointView,
};

/// Endpoints per page; a tenant registers a handful.
const PER_PAGE: u32 = 200;

pub async fn list_endpoints() -> ApiResult<Page<WebhookEndpointView>> {
    let query = [("per_page", PER_PAGE.to_string())];
    read(send(Request::get(&url("/webhook-endpoints")).query(query)).await?).await
}

pub async fn get_endpoint(id: i64) -> ApiResult<WebhookEndpointView> {
    read(send(Request::get(&url(&format!("/webhook-endpoints/{id}")))).await?).await
}

pub async fn create_endpoint(
    request: &CreateWebhookEndpointRequest,
) -> ApiResult<CreatedWebhookEndpoint> {
    read(send_json(Request::post(&url("/webhook-endpoints")), request).await?).await
}

pub async fn update_endpoint(
    id: i64,
    request: &UpdateWebhookEndpointRequest,
) -> ApiResult<WebhookEndpointView> {
    read(
        send_json(
            Request::patch(&url(&format!("/webhook-endpoints/{id}"))),
            request,
        )
        .await?,
    )
    .await
}

pub async fn delete_endpoint(id: i64) -> ApiResult<()> {
    send(Request::delete(&url(&format!("/webhook-endpoints/{id}"))))
        .await
        .map(drop)
}

pub async fn rotate_secret(id: i64) -> ApiResult<RotatedWebhookSecret> {
    read(
        send(Request::post(&url(&format!(
            "/webhook-endpoints/{id}/rotate-secret"
        ))))
        .await?,
    )
    .await
}

pub async fn send_test(id: i64) -> ApiResult<WebhookDeliveryView> {
    read(
        send(Request::post(&url(&format!(
            "/webhook-endpoints/{id}/test"
        ))))
        .await?,
    )
    .await
}

/// One page of an endpoint's deliveries, newest first.
pub async fn list_deliveries(
    id: i64,
    page: u32,
    per_page: u32,
) -> ApiResult<Page<WebhookDeliveryView>> {
    let query = [
        ("page", page.max(1).to_string()),
        ("per_page", per_page.to_string()),
    ];
    read(
        send(Request::get(&url(&format!("/webhook-endpoints/{id}/deliveries"))).query(query))
            .await?,
    )
    .await
}

pub async fn resend_delivery(id: i64) -> ApiResult<WebhookDeliveryView> {
    read(
        send(Request::post(&url(&format!(
            "/webhook-deliveries/{id}/resend"
        ))))
        .await?,
    )
    .await
}
