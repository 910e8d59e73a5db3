use crate::context::Acting;
use crate::error::ApiResult;
use crate::query::QueryParams;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use chrono::NaiveDate;
use landlord_domain::wire::{Problem, UsageTable};
use landlord_operations::usage::table::{self, TableQuery};
use serde::Deserialize;
use utoipa::IntoParams;
use validator::Validate;

/// The rows of the table and of its export.
#[derive(Debug, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct UsageTableQuery {
    /// The first day (`YYYY-MM-DD`), each tenant's days in its own time zone; by default 29
    /// days before `to`.
    #[param(value_type = Option<String>, format = Date)]
    pub from: Option<NaiveDate>,
    /// The last day (`YYYY-MM-DD`), on or after `from` and at most 366 days later; by
    /// default today (UTC).
    #[param(value_type = Option<String>, format = Date)]
    pub to: Option<NaiveDate>,
    /// A column key from the answer's `columns` (`api_requests`, `peak_storage`, `name`,
    /// ...), `-` first for descending; empty cells last. Default `id`.
    #[param(pattern = r"^-?[a-z][a-z0-9_]{0,69}$")]
    #[validate(length(max = 70))]
    pub sort: Option<String>,
    /// Conditions, comma-separated, all of which a row must meet: a column key, an operator
    /// (`>=`, `<=`, `!=`, `>`, `<`, `=`, or `~` for a case-insensitive substring of a text
    /// column) and a value, e.g. `api_requests>=1000,name~acme`.
    #[param(max_length = 1000)]
    #[validate(length(max = 1000))]
    pub filter: Option<String>,
    /// Also the caller's own tenant (default `false`).
    pub include_self: Option<bool>,
    /// Rows per page, 1 to 500 (default 50).
    #[param(minimum = 1, maximum = 500)]
    #[validate(range(min = 1, max = 500))]
    pub limit: Option<usize>,
    /// Rows to skip, up to 10,000,000 (default 0).
    #[param(minimum = 0, maximum = 10_000_000)]
    #[validate(range(max = 10_000_000))]
    pub offset: Option<usize>,
    /// The meter each row's `trend` follows (default `api_requests`).
    #[param(pattern = r"^[a-z][a-z0-9_]{0,63}$")]
    #[validate(length(max = 64))]
    pub trend: Option<String>,
}

/// The usage statistics of every tenant below the caller's, one row each: its own fields
/// and each meter's figure over the range (counters summed, gauges the last day's value
/// with the range's peak as `peak_<meter>`), filtered and sorted on any column, paged, each
/// row with its daily trend. Read from the daily rollups.
#[utoipa::path(
    tag = "usage",
    params(UsageTableQuery),
    responses(
        (status = 200, description = "One page of the table", body = UsageTable),
        (status = 403, description = "Missing usage:read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter is invalid: an unknown column in `sort` or `filter`, a malformed condition, a bad range or page", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/usage/statistics")]
pub async fn get_usage_statistics(
    state: web::Data<AppState>,
    ctx: Acting,
    query: QueryParams<UsageTableQuery>,
) -> ApiResult<web::Json<UsageTable>> {
    let q = query.0;
    let (limit, offset, trend) = (q.limit, q.offset, q.trend);
    let query = TableQuery {
        from: q.from,
        to: q.to,
        sort: q.sort,
        filter: q.filter,
        include_self: q.include_self.unwrap_or(false),
    };
    Ok(web::Json(
        state
            .read(move |db| table::usage_table(db, &ctx, query, limit, offset, trend))
            .await?,
    ))
}

/// The export's rows and columns.
#[derive(Debug, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct UsageExportQuery {
    #[param(value_type = Option<String>, format = Date)]
    pub from: Option<NaiveDate>,
    #[param(value_type = Option<String>, format = Date)]
    pub to: Option<NaiveDate>,
    #[param(pattern = r"^-?[a-z][a-z0-9_]{0,69}$")]
    #[validate(length(max = 70))]
    pub sort: Option<String>,
    #[param(max_length = 1000)]
    #[validate(length(max = 1000))]
    pub filter: Option<String>,
    pub include_self: Option<bool>,
    /// Column keys in the order wanted, each once, comma-separated (e.g.
    /// `domain,api_requests,peak_storage`); by default every column.
    #[param(max_length = 2000)]
    #[validate(length(max = 2000))]
    pub columns: Option<String>,
}

/// Download the usage statistics table as CSV: the table's rows (every page) in its order,
/// with the columns chosen. RFC 4180 quoting, UTF-8; cells a spreadsheet would run as a
/// formula get a leading apostrophe.
#[utoipa::path(
    tag = "usage",
    params(UsageExportQuery),
    responses(
        (status = 200, description = "The CSV file", content_type = "text/csv", body = String),
        (status = 403, description = "Missing usage:read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/usage/statistics/export")]
pub async fn export_usage_statistics(
    state: web::Data<AppState>,
    ctx: Acting,
    query: QueryParams<UsageExportQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.0;
    let filename = format!("usage-statistics-{}.csv", ctx.now.format("%Y-%m-%d"));
    let columns = q.columns;
    let query = TableQuery {
        from: q.from,
        to: q.to,
        sort: q.sort,
        filter: q.filter,
        include_self: q.include_self.unwrap_or(false),
    };
    let export = state
        .read(move |db| table::export(db, &ctx, query, columns.as_deref()))
        .await?;
    Ok(crate::csv_download::stream(&filename, move |out| {
        export.write_csv(out)
    }))
}
