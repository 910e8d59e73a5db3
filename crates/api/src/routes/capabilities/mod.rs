//! Capabilities: the feature and quota catalogues (`/features`, `/quota-definitions`), a
//! tenant's overrides and entitlements, consuming and releasing quota, top-ups, leases on
//! concurrent quotas, and the tenant's notifications. Each handler
//! parses, calls one operation in `landlord_operations::capabilities`, and renders its answer.

mod catalogue;
mod consume;
mod entitlements;
mod leases;
mod notifications;
mod overrides;
mod top_ups;

pub use catalogue::*;
pub use consume::*;
pub use entitlements::*;
pub use leases::*;
pub use notifications::*;
pub use overrides::*;
pub use top_ups::*;

use landlord_domain::listing::PageRequest;
use landlord_domain::wire::Page;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_actix_web::service_config::ServiceConfig;
use validator::Validate;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_features)
        .service(create_feature)
        .service(list_quota_definitions)
        .service(create_quota_definition)
        .service(update_quota_definition)
        .service(get_entitlements)
        .service(set_tenant_feature)
        .service(set_tenant_quota)
        .service(consume_quota)
        .service(release_quota)
        .service(create_top_up)
        .service(list_top_ups)
        .service(revoke_top_up)
        .service(acquire_lease)
        .service(renew_lease)
        .service(release_lease)
        .service(list_notifications)
        .service(read_notification);
}

/// A catalogue list takes no filters, only paging.
#[derive(Debug, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CatalogueQuery {}

/// One page of a short list held in full (the catalogues are small).
pub(crate) fn page_of<T>(all: Vec<T>, page: PageRequest) -> Page<T> {
    let total = all.len() as i64;
    let items = all
        .into_iter()
        .skip(page.offset().max(0) as usize)
        .take(page.limit().max(0) as usize)
        .collect();
    Page {
        items,
        total,
        total_exact: true,
        page: page.page,
        per_page: page.per_page,
    }
}
