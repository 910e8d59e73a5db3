//! Billing's calls: the plan catalogue, a customer's subscription, invoices with their
//! payments and PDFs, and the dunning policy.

use super::{ApiError, ApiResult, Download, download, read, send, send_json, url};
use crate::query::encode;
use gloo_net::http::Request;
use landlord_domain::billing::DunningPolicy;
use landlord_domain::wire::{
    CancelSubscriptionRequest, CreatePlanRequest, InvoiceView, Page, PaymentView, PlanView,
    PreviewSubscriptionRequest, PutSubscriptionRequest, RecordPaymentRequest, SubscriptionPreview,
    SubscriptionView, UpdatePlanRequest,
};
use web_sys::AbortSignal;

/// Plans per page; a catalogue holds a handful.
const PLANS_PER_PAGE: u32 = 200;

// ---- plans ------------------------------------------------------------------------------

/// The caller's catalogue, archived plans included unless `active_only`.
pub async fn list_plans(active_only: bool) -> ApiResult<Page<PlanView>> {
    let mut query = vec![("per_page", PLANS_PER_PAGE.to_string())];
    if active_only {
        query.push(("status", "active".to_owned()));
    }
    read(send(Request::get(&url("/plans")).query(query)).await?).await
}

pub async fn create_plan(request: &CreatePlanRequest) -> ApiResult<PlanView> {
    read(send_json(Request::post(&url("/plans")), request).await?).await
}

pub async fn update_plan(code: &str, request: &UpdatePlanRequest) -> ApiResult<PlanView> {
    let path = format!("/plans/{}", encode(code));
    read(send_json(Request::patch(&url(&path)), request).await?).await
}

pub async fn archive_plan(code: &str) -> ApiResult<PlanView> {
    let path = format!("/plans/{}/archive", encode(code));
    read(send(Request::post(&url(&path))).await?).await
}

// ---- subscriptions ----------------------------------------------------------------------

fn subscription_path(tenant: i64, action: &str) -> String {
    url(&format!("/tenants/{tenant}/subscription{action}"))
}

/// The customer's current subscription; `None` when it has none (the API's 404).
pub async fn get_subscription(tenant: i64) -> ApiResult<Option<SubscriptionView>> {
    match send(Request::get(&subscription_path(tenant, ""))).await {
        Ok(response) => read(response).await.map(Some),
        Err(ApiError::Problem(p)) if p.status == 404 => Ok(None),
        Err(error) => Err(error),
    }
}

/// Starts the subscription, or changes its plan or cycle.
pub async fn put_subscription(
    tenant: i64,
    request: &PutSubscriptionRequest,
) -> ApiResult<SubscriptionView> {
    read(send_json(Request::put(&subscription_path(tenant, "")), request).await?).await
}

/// What a start or change would invoice now, changing nothing.
pub async fn preview_subscription(
    tenant: i64,
    request: &PreviewSubscriptionRequest,
    abort: Option<&AbortSignal>,
) -> ApiResult<SubscriptionPreview> {
    let request_builder = Request::post(&subscription_path(tenant, "/preview")).abort_signal(abort);
    read(send_json(request_builder, request).await?).await
}

pub async fn cancel_subscription(tenant: i64, at_period_end: bool) -> ApiResult<SubscriptionView> {
    let body = CancelSubscriptionRequest { at_period_end };
    read(send_json(Request::post(&subscription_path(tenant, "/cancel")), &body).await?).await
}

pub async fn pause_subscription(tenant: i64) -> ApiResult<SubscriptionView> {
    read(send(Request::post(&subscription_path(tenant, "/pause"))).await?).await
}

pub async fn resume_subscription(tenant: i64) -> ApiResult<SubscriptionView> {
    read(send(Request::post(&subscription_path(tenant, "/resume"))).await?).await
}

// ---- invoices ---------------------------------------------------------------------------

pub async fn get_invoice(id: i64) -> ApiResult<InvoiceView> {
    read(send(Request::get(&url(&format!("/invoices/{id}")))).await?).await
}

pub async fn list_payments(id: i64) -> ApiResult<Vec<PaymentView>> {
    read(send(Request::get(&url(&format!("/invoices/{id}/payments")))).await?).await
}

pub async fn record_payment(id: i64, request: &RecordPaymentRequest) -> ApiResult<PaymentView> {
    let path = url(&format!("/invoices/{id}/payments"));
    read(send_json(Request::post(&path), request).await?).await
}

/// An invoice state change without a body: `finalize`, `void` or `mark-uncollectible`.
pub async fn invoice_action(id: i64, action: &str) -> ApiResult<InvoiceView> {
    read(send(Request::post(&url(&format!("/invoices/{id}/{action}")))).await?).await
}

/// The invoice as a PDF.
pub async fn invoice_pdf(id: i64) -> ApiResult<Download> {
    download(Request::get(&url(&format!("/invoices/{id}/pdf"))).header("Accept", "application/pdf"))
        .await
}

// ---- dunning ----------------------------------------------------------------------------

pub async fn dunning_policy() -> ApiResult<DunningPolicy> {
    read(send(Request::get(&url("/billing/dunning-policy"))).await?).await
}

pub async fn put_dunning_policy(policy: &DunningPolicy) -> ApiResult<DunningPolicy> {
    read(send_json(Request::put(&url("/billing/dunning-policy")), policy).await?).await
}
