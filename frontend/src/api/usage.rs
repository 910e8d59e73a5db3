//! Usage metering's calls: the meters, a customer's daily usage, and the all-tenants table.

use super::{ApiResult, Download, read, send, url};
use gloo_net::http::Request;
use landlord_domain::wire::{MeterView, Page, TenantUsage, UsageTable};

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

/// What the usage table asks for: the range, order and filter (empty means the server's
/// default), shared by a page and the export.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UsageTableQuery {
    pub from: String,
    pub to: String,
    pub sort: String,
    pub filter: String,
}

impl UsageTableQuery {
    fn params(&self) -> Vec<(&'static str, String)> {
        [
            ("from", self.from.clone()),
            ("to", self.to.clone()),
            ("sort", self.sort.clone()),
            ("filter", self.filter.clone()),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .collect()
    }
}

/// One page of the all-tenants usage table.
pub async fn usage_table(
    query: &UsageTableQuery,
    limit: usize,
    offset: usize,
) -> ApiResult<UsageTable> {
    let mut params = query.params();
    params.push(("limit", limit.to_string()));
    params.push(("offset", offset.to_string()));
    read(send(Request::get(&url("/usage/statistics")).query(params)).await?).await
}

/// The table as CSV with `columns` (keys, in order), every page.
pub async fn export_usage_table(
    query: &UsageTableQuery,
    columns: &[String],
) -> ApiResult<Download> {
    let mut params = query.params();
    params.push(("columns", columns.join(",")));
    super::download(
        Request::get(&url("/usage/statistics/export"))
            .query(params)
            .header("Accept", "text/csv"),
    )
    .await
}
