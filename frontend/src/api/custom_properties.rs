//! The custom property library's calls (a tenant's values go through `update_tenant`).

use super::{ApiResult, read, send, send_json, url};
use gloo_net::http::Request;
use landlord_domain::wire::{
    CreateCustomPropertyRequest, CustomPropertyView, UpdateCustomPropertyRequest,
};

pub async fn list_properties() -> ApiResult<Vec<CustomPropertyView>> {
    read(send(Request::get(&url("/custom-properties"))).await?).await
}

pub async fn create_property(
    request: &CreateCustomPropertyRequest,
) -> ApiResult<CustomPropertyView> {
    read(send_json(Request::post(&url("/custom-properties")), request).await?).await
}

pub async fn update_property(
    key: &str,
    request: &UpdateCustomPropertyRequest,
) -> ApiResult<CustomPropertyView> {
    read(
        send_json(
            Request::patch(&url(&format!("/custom-properties/{key}"))),
            request,
        )
        .await?,
    )
    .await
}

pub async fn delete_property(key: &str) -> ApiResult<()> {
    send(Request::delete(&url(&format!("/custom-properties/{key}"))))
        .await
        .map(drop)
}
