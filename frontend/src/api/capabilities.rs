//! Capabilities' calls: the feature and quota catalogues, a customer's entitlements, and its
//! overrides, top-ups and notifications.

use super::{ApiResult, read, send, send_json, url};
use crate::query::encode;
use gloo_net::http::Request;
use landlord_domain::wire::{
    CreateTopUpRequest, Entitlements, FeatureEntitlement, FeatureView, NotificationView, Page,
    QuotaDefinitionView, QuotaEntitlement, SetFeatureRequest, SetQuotaRequest, TopUpView,
};

/// Catalogue entries per page; a catalogue holds a few dozen.
const CATALOGUE_PER_PAGE: u32 = 200;

pub async fn list_features() -> ApiResult<Page<FeatureView>> {
    let query = [("per_page", CATALOGUE_PER_PAGE.to_string())];
    read(send(Request::get(&url("/features")).query(query)).await?).await
}

pub async fn list_quota_definitions() -> ApiResult<Page<QuotaDefinitionView>> {
    let query = [("per_page", CATALOGUE_PER_PAGE.to_string())];
    read(send(Request::get(&url("/quota-definitions")).query(query)).await?).await
}

/// Every feature and quota of the customer, with where each value comes from.
pub async fn get_entitlements(tenant: i64) -> ApiResult<Entitlements> {
    read(
        send(Request::get(&url(&format!(
            "/tenants/{tenant}/entitlements"
        ))))
        .await?,
    )
    .await
}

/// Turns a feature on or off for the customer; `None` lets its plan decide again.
pub async fn set_feature(
    tenant: i64,
    key: &str,
    enabled: Option<bool>,
) -> ApiResult<FeatureEntitlement> {
    let path = format!("/tenants/{tenant}/features/{}", encode(key));
    let body = SetFeatureRequest {
        enabled: Some(enabled),
    };
    read(send_json(Request::patch(&url(&path)), &body).await?).await
}

/// Sets the customer's own limit (`-1` unlimited); `None` lets its plan decide again.
pub async fn set_quota(tenant: i64, key: &str, limit: Option<i64>) -> ApiResult<QuotaEntitlement> {
    let path = format!("/tenants/{tenant}/quotas/{}", encode(key));
    let body = SetQuotaRequest {
        override_limit: Some(limit),
    };
    read(send_json(Request::patch(&url(&path)), &body).await?).await
}

/// Grants the customer a one-off `amount` more of a quota, until `expires_at` if given.
pub async fn create_top_up(
    tenant: i64,
    key: &str,
    amount: i64,
    expires_at: Option<chrono::DateTime<chrono::Utc>>,
) -> ApiResult<TopUpView> {
    let path = format!("/tenants/{tenant}/quotas/{}/top-ups", encode(key));
    let body = CreateTopUpRequest { amount, expires_at };
    read(send_json(Request::post(&url(&path)), &body).await?).await
}

/// The customer's notifications (thresholds reached, limits exceeded), newest first.
pub async fn list_notifications(tenant: i64) -> ApiResult<Page<NotificationView>> {
    let query = [("per_page", "20".to_owned())];
    read(send(Request::get(&url(&format!("/tenants/{tenant}/notifications"))).query(query)).await?)
        .await
}
