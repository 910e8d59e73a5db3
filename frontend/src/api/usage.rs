//! Usage metering's calls: the meters and a customer's daily usage.

use super::{ApiResult, read, send, url};
use gloo_net::http::Request;
use landlord_domain::wire::{MeterView, Page, TenantUsage};

pub async fn list_meters() -> ApiResult<Page<MeterView>> {
    let query = [("per_page", "200".to_owned())];
    read(send(Request::get(&url("/meters")).query(query)).await?).await
}

/// The customer's usage from `from` to `to` (`YYYY-MM-DD`); either left empty takes the
/// server's default (the last 30 days in the customer's time zone).
pub async fn get_usage(tenant: i64, from: String, to: String) -> ApiResult<TenantUsage> {
    let query: Vec<(&str, String)> = [("from", from), ("to", to)]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .collect();
    read(send(Request::get(&url(&format!("/tenants/{tenant}/usage"))).query(query)).await?).await
}
