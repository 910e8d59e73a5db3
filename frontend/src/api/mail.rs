//! The notification mails' calls: a customer's outbox.

use super::{ApiResult, read, send, url};
use gloo_net::http::Request;
use landlord_domain::wire::{MailView, Page};

/// The customer's latest mails, newest first.
pub async fn list_emails(tenant: i64) -> ApiResult<Page<MailView>> {
    let query = [("per_page", "50".to_owned())];
    read(send(Request::get(&url(&format!("/tenants/{tenant}/emails"))).query(query)).await?).await
}
