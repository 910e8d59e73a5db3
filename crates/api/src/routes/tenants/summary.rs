use crate::auth::Principal;
use crate::error::ApiResult;
use crate::state::AppState;
use actix_web::{get, web};
use landlord_domain::Permission;
use landlord_domain::money::{Currency, format_amount};
use landlord_domain::wire::{CustomerSummary, MoneyView, Problem};
use landlord_persistence::rollups;

/// The Customers summary cards: customers, companies, individuals, users and paid revenue
/// across the caller's subtenants. Read from counters kept exact as changes commit.
#[utoipa::path(
    tag = "customers",
    responses(
        (status = 200, description = "The summary", body = CustomerSummary),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Missing tenants:read", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
#[get("/tenants/summary")]
pub async fn get_customer_summary(
    state: web::Data<AppState>,
    principal: Principal,
) -> ApiResult<web::Json<CustomerSummary>> {
    principal.require(Permission::TenantsRead)?;
    let tenant = principal.tenant_id;
    let (totals, revenue) = state
        .read(move |conn| {
            Ok((
                rollups::of(conn, tenant)?,
                rollups::descendants_revenue(conn, tenant)?,
            ))
        })
        .await?;
    Ok(web::Json(CustomerSummary {
        total_customers: totals.customers,
        companies: totals.companies,
        individuals: totals.individuals,
        users: totals.users,
        revenue: by_size(revenue),
    }))
}

/// Revenue per currency, largest first by amount in major units (an order for display only:
/// no exchange rates are applied).
fn by_size(revenue: Vec<(String, i64)>) -> Vec<MoneyView> {
    let mut known: Vec<(Currency, i64)> = revenue
        .into_iter()
        .filter_map(|(code, minor)| Currency::parse(&code).map(|c| (c, minor)))
        .collect();
    known.sort_by(|(a, x), (b, y)| {
        let major = |c: &Currency, m: &i64| *m as f64 / 10_f64.powi(c.exponent() as i32);
        major(b, y).total_cmp(&major(a, x)).then_with(|| a.cmp(b))
    });
    known
        .into_iter()
        .map(|(currency, minor)| MoneyView {
            amount: format_amount(minor, currency),
            currency,
        })
        .collect()
}
