//! What the orders, invoices and tickets endpoints share: the answer to a creation.

use actix_web::HttpResponse;

/// `201 Created` with the new row's location.
pub(crate) fn created<V: serde::Serialize>(collection: &str, id: i64, view: &V) -> HttpResponse {
    HttpResponse::Created()
        .insert_header((
            actix_web::http::header::LOCATION,
            format!("/api/v1/{collection}/{id}"),
        ))
        .json(view)
}
