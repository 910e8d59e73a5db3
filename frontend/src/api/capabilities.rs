//! Capabilities' calls: the feature and quota catalogues, a customer's entitlements, and its
//! overrides.

use super::{ApiResult, read, send, send_json, url};
use crate::query::encode;
use gloo_net::http::Request;
use landlord_domain::wire::{
    Entitlements, FeatureEntitlement, FeatureView, Page, QuotaDefinitionView, QuotaEntitlement,
    SetFeatureRequest, SetQuotaRequest,
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
