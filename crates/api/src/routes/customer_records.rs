//! What the orders, invoices and tickets endpoints share: reading the page parameters and
//! answering a creation. Their handlers keep only what differs.

use crate::error::{ApiError, ApiResult};
use actix_web::HttpResponse;
use landlord_domain::listing::PageRequest;

pub(crate) fn page(page: Option<u32>, per_page: Option<u32>) -> ApiResult<PageRequest> {
    PageRequest::parse(page, per_page)
        .map_err(|(field, e)| ApiError::field(field, "out_of_range", e))
}

/// `201 Created` with the new row's location.
pub(crate) fn created<V: serde::Serialize>(collection: &str, id: i64, view: &V) -> HttpResponse {
    HttpResponse::Created()
        .insert_header((
            actix_web::http::header::LOCATION,
            format!("/api/v1/{collection}/{id}"),
        ))
        .json(view)
}
