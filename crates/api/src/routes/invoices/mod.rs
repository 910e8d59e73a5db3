//! `/invoices`: invoices issued to customers — by billing (subscriptions) or one-off — with
//! their lines, payments, PDF, and the moves from open to paid, void or uncollectible. Each
//! handler parses, calls one operation in `landlord_operations::invoices`, and renders.

mod actions;
mod create;
mod get;
mod list;
mod payments;
mod pdf;

pub use actions::*;
pub use create::*;
pub use get::*;
pub use list::*;
pub use payments::*;
pub use pdf::*;

use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_invoices)
        .service(create_invoice)
        .service(get_invoice)
        .service(finalize_invoice)
        .service(void_invoice)
        .service(mark_invoice_uncollectible)
        .service(record_invoice_payment)
        .service(list_invoice_payments)
        .service(get_invoice_pdf);
}
