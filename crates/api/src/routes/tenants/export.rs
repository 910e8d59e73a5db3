use crate::context::Acting;
use crate::error::ApiResult;
use crate::query::QueryParams;
use crate::state::AppState;
use actix_web::{HttpResponse, get, web};
use landlord_domain::export::ExportColumn;
use landlord_domain::wire::Problem;
use landlord_domain::{TenantStatus, TenantType};
use landlord_operations::tenants::{self, TenantQuery};
use serde::Deserialize;
use utoipa::IntoParams;
use validator::Validate;

#[derive(Debug, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ExportTenantsQuery {
    /// As for the list.
    #[param(max_length = 200)]
    #[validate(length(max = 200))]
    pub q: Option<String>,
    #[serde(rename = "type")]
    pub tenant_type: Option<TenantType>,
    pub status: Option<TenantStatus>,
    /// `overdue` (any dunning state), `ok`, or one dunning state's name (`reminder`,
    /// `restricted`, `suspended`, ...).
    #[param(pattern = r"^[a-z0-9_]{1,40}$")]
    #[validate(length(max = 40))]
    pub billing_state: Option<String>,
    pub parent: Option<i64>,
    /// Also export the caller's own tenant (default `false`), as for the list.
    pub include_self: Option<bool>,
    #[param(pattern = r"^-?(name|domain|status|created_at|users_count)$")]
    #[validate(length(max = 40))]
    pub sort: Option<String>,
    /// `key:value`: as for the list: only customers whose value of this custom property (`GET
    /// /custom-properties`) is `value`, compared case-insensitively after reading it as the
    /// property's type (`seats:12.0` finds 12), e.g. `external_reference:ERP-7`. An unknown
    /// key or a value not of the property's type is a 422 naming `property`.
    #[param(max_length = 1100, pattern = r"^[a-z][a-z0-9_]{0,63}:")]
    #[validate(length(max = 1100))]
    pub property: Option<String>,
    /// See [`ExportTenantsParams`].
    #[param(schema_with = column_list)]
    #[validate(length(max = 1000))]
    pub columns: Option<String>,
}

/// The parameters of [`ExportTenantsQuery`] as documented. `columns` is an array of distinct
/// names sent comma-separated, which the derive can state only with `schema_with`, and that
/// drops the description, style and explode; they are put back here.
pub struct ExportTenantsParams;

impl IntoParams for ExportTenantsParams {
    fn into_params(
        parameter_in: impl Fn() -> Option<utoipa::openapi::path::ParameterIn>,
    ) -> Vec<utoipa::openapi::path::Parameter> {
        let mut params = ExportTenantsQuery::into_params(parameter_in);
        for param in params.iter_mut().filter(|p| p.name == "columns") {
            param.description = Some(
                "Columns in the order wanted, each once, comma-separated, e.g. \
                 `name,email,users_count`, and `custom.<key>` for a custom property's value \
                 (`GET /custom-properties`). Default: \
                 `name,type,status,email,users_count,orders_count,invoices_count,created`."
                    .to_owned(),
            );
            param.style = Some(utoipa::openapi::path::ParameterStyle::Form);
            param.explode = Some(false);
        }
        params
    }
}

/// `columns` as the document states it: a non-empty array of distinct column names, each
/// one of the tenant's own or `custom.<key>`.
fn column_list() -> utoipa::openapi::Array {
    use utoipa::openapi::schema::AnyOfBuilder;
    use utoipa::openapi::{ArrayBuilder, ObjectBuilder, Type};
    ArrayBuilder::new()
        .items(
            AnyOfBuilder::new()
                .item(
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .enum_values(Some(ExportColumn::ALL.map(ExportColumn::key))),
                )
                .item(
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .pattern(Some(r"^custom\.[a-z][a-z0-9_]{0,63}$")),
                ),
        )
        .min_items(Some(1))
        .unique_items(true)
        .build()
}

/// Download the customer list as CSV, with the same filters and order as the list.
///
/// Streamed: memory stays flat however many rows. RFC 4180 quoting, UTF-8; cells that a
/// spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage
/// return) get a leading apostrophe.
#[utoipa::path(
    tag = "customers",
    params(ExportTenantsParams),
    responses(
        (status = 200, description = "The CSV file", content_type = "text/csv", body = String),
        (status = 403, description = "Missing tenants:read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A parameter is invalid", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/tenants/export")]
pub async fn export_tenants(
    state: web::Data<AppState>,
    ctx: Acting,
    query: QueryParams<ExportTenantsQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.0;
    let filename = format!("customers-{}.csv", ctx.now.format("%Y-%m-%d"));
    let export = state
        .read(move |db| {
            tenants::export(
                db,
                &ctx,
                TenantQuery {
                    q: q.q,
                    tenant_type: q.tenant_type,
                    status: q.status,
                    billing_state: q.billing_state,
                    parent: q.parent,
                    include_self: q.include_self.unwrap_or(false),
                    sort: q.sort,
                    property: q.property,
                },
                q.columns.as_deref(),
            )
        })
        .await?;
    let db = state.db.clone();
    Ok(crate::csv_download::stream(&filename, move |out| {
        export.write_csv(&db, out)
    }))
}
