//! Every HTTP call the admin app makes, in one place.
//!
//! Calls answer with [`ApiError`], which carries the server's RFC 9457 [`Problem`] when there
//! is one. A 401 on an authenticated call ends the session (see [`crate::auth::end_session`]).

use crate::auth;
use gloo_net::http::{Request, RequestBuilder, Response};
use landlord_domain::wire::{
    AuditEntryView, CreateTenantRequest, CreateUserRequest, CreatedTenant, CustomerSummary,
    FieldError, InvoiceView, LoginRequest, Me, OrderView, Page, PasswordResetLinkRequest,
    PasswordResetRequest, Problem, SearchResults, SuspendTenantRequest, TenantDetail, TenantView,
    TicketView, TokenResponse, UpdateTenantRequest, UserView,
};
use landlord_domain::{TenantStatus, TenantType};
use serde::de::DeserializeOwned;
use std::fmt;
use web_sys::AbortSignal;

pub mod applications;
pub mod billing;
pub mod capabilities;
pub mod custom_properties;
pub mod mail;
pub mod policies;
pub mod provisioning;
pub mod support;
pub mod usage;
pub mod webhooks;

const BASE: &str = "/api/v1";

/// Why a call failed.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server answered with an error document.
    Problem(Problem),
    /// The request never got an answer (offline, server down, ...).
    Network(String),
    /// The request was cancelled because a newer one replaced it.
    Aborted,
    /// The answer could not be read.
    Decode(String),
}

impl ApiError {
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Problem(p) => Some(p.status),
            _ => None,
        }
    }

    /// The per-field errors of a validation problem.
    pub fn field_errors(&self) -> Vec<FieldError> {
        match self {
            Self::Problem(p) => p.errors.clone(),
            _ => Vec::new(),
        }
    }

    /// A sentence for people.
    pub fn message(&self) -> String {
        match self {
            Self::Problem(p) if !p.detail.is_empty() => capitalise(&p.detail),
            Self::Problem(p) => p.title.clone(),
            Self::Network(_) => {
                "The server could not be reached. Check your connection and try again.".into()
            }
            Self::Aborted => "The request was cancelled.".into(),
            Self::Decode(e) => format!("The server's answer could not be read: {e}"),
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ApiError {}

impl From<gloo_net::Error> for ApiError {
    fn from(err: gloo_net::Error) -> Self {
        match err {
            gloo_net::Error::JsError(e) if e.name == "AbortError" => Self::Aborted,
            gloo_net::Error::JsError(e) => Self::Network(e.message),
            gloo_net::Error::SerdeError(e) => Self::Decode(e.to_string()),
            gloo_net::Error::GlooError(e) => Self::Network(e),
        }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

fn url(path: &str) -> String {
    format!("{BASE}{path}")
}

/// Adds the bearer token of the current session.
fn authed(builder: RequestBuilder) -> RequestBuilder {
    match auth::stored_token() {
        Some(token) => builder.header("Authorization", &format!("Bearer {token}")),
        None => builder,
    }
}

/// Turns an error answer into an [`ApiError`]; `authenticated` calls end the session on 401.
async fn check(response: Response, authenticated: bool) -> ApiResult<Response> {
    if response.ok() {
        return Ok(response);
    }
    let status = response.status();
    let problem = match response.json::<Problem>().await {
        Ok(problem) => problem,
        Err(_) => Problem {
            problem_type: "about:blank".into(),
            title: response.status_text(),
            status,
            detail: format!("The server answered {status} {}.", response.status_text()),
            code: "http_error".into(),
            instance: None,
            request_id: None,
            errors: Vec::new(),
            quota: None,
            cap: None,
        },
    };
    if authenticated && status == 401 {
        auth::end_session(Some(auth::SESSION_ENDED));
    }
    Err(ApiError::Problem(problem))
}

async fn send(request: RequestBuilder) -> ApiResult<Response> {
    let response = authed(request)
        .header("Accept", "application/json")
        .send()
        .await?;
    check(response, true).await
}

async fn send_json<B: serde::Serialize>(request: RequestBuilder, body: &B) -> ApiResult<Response> {
    let response = authed(request)
        .header("Accept", "application/json")
        .json(body)?
        .send()
        .await?;
    check(response, true).await
}

async fn read<T: DeserializeOwned>(response: Response) -> ApiResult<T> {
    response
        .json::<T>()
        .await
        .map_err(|e| ApiError::Decode(e.to_string()))
}

fn non_empty<'a>(
    pairs: impl IntoIterator<Item = (&'a str, Option<String>)>,
) -> Vec<(&'a str, String)> {
    pairs
        .into_iter()
        .filter_map(|(k, v)| v.filter(|v| !v.is_empty()).map(|v| (k, v)))
        .collect()
}

// ---- auth -------------------------------------------------------------------------------

pub async fn login(request: &LoginRequest) -> ApiResult<TokenResponse> {
    let response = Request::post(&url("/auth/login"))
        .header("Accept", "application/json")
        .json(request)?
        .send()
        .await?;
    read(check(response, false).await?).await
}

pub async fn me() -> ApiResult<Me> {
    read(send(Request::get(&url("/auth/me"))).await?).await
}

/// Revokes the session's tokens on the server.
pub async fn logout() -> ApiResult<()> {
    let response = authed(Request::post(&url("/auth/logout"))).send().await?;
    check(response, false).await.map(drop)
}

/// Always `Ok` for a well-formed request, whether or not the account exists (202).
pub async fn request_reset_link(request: &PasswordResetLinkRequest) -> ApiResult<()> {
    let response = Request::post(&url("/auth/password-reset-link"))
        .header("Accept", "application/json")
        .json(request)?
        .send()
        .await?;
    check(response, false).await.map(drop)
}

pub async fn reset_password(request: &PasswordResetRequest) -> ApiResult<()> {
    let response = Request::post(&url("/auth/password-reset"))
        .header("Accept", "application/json")
        .json(request)?
        .send()
        .await?;
    check(response, false).await.map(drop)
}

// ---- tenants ----------------------------------------------------------------------------

/// The filters of the tenant list, as the API names them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TenantFilter {
    pub q: String,
    pub tenant_type: Option<TenantType>,
    pub status: Option<TenantStatus>,
    /// `ok`, `overdue` (any state but `ok`) or a dunning state's name.
    pub billing_state: Option<String>,
    /// `key:value`: a custom property's value.
    pub property: Option<String>,
    pub parent: Option<i64>,
    /// Also list the operator's own tenant, which is not one of its customers.
    pub include_self: bool,
    pub sort: Option<String>,
    pub page: u32,
    pub per_page: u32,
}

impl TenantFilter {
    /// The query parameters the list and the export share.
    fn params(&self) -> Vec<(&'static str, String)> {
        non_empty([
            ("q", Some(self.q.trim().to_owned())),
            ("type", self.tenant_type.map(|t| t.as_str().to_owned())),
            ("status", self.status.map(|s| s.as_str().to_owned())),
            ("billing_state", self.billing_state.clone()),
            ("property", self.property.clone()),
            ("parent", self.parent.map(|p| p.to_string())),
            ("include_self", self.include_self.then(|| "true".to_owned())),
            ("sort", self.sort.clone()),
        ])
    }
}

pub async fn list_tenants(
    filter: &TenantFilter,
    abort: Option<&AbortSignal>,
) -> ApiResult<Page<TenantView>> {
    let mut query = filter.params();
    query.extend(non_empty([
        ("page", Some(filter.page.max(1).to_string())),
        (
            "per_page",
            (filter.per_page > 0).then(|| filter.per_page.to_string()),
        ),
    ]));
    read(
        send(
            Request::get(&url("/tenants"))
                .query(query)
                .abort_signal(abort),
        )
        .await?,
    )
    .await
}

/// A customer with its billing details and account history.
pub async fn get_tenant(id: i64) -> ApiResult<TenantDetail> {
    read(send(Request::get(&url(&format!("/tenants/{id}")))).await?).await
}

/// The numbers of the summary cards above the customer list.
pub async fn customer_summary() -> ApiResult<CustomerSummary> {
    read(send(Request::get(&url("/tenants/summary"))).await?).await
}

/// A downloaded file: its bytes and the name the server suggests.
pub struct Download {
    pub bytes: Vec<u8>,
    pub file_name: Option<String>,
}

/// The customer list as CSV, with exactly the list's filters and order (every page).
pub async fn export_tenants(filter: &TenantFilter) -> ApiResult<Download> {
    download(
        Request::get(&url("/tenants/export"))
            .query(filter.params())
            .header("Accept", "text/csv"),
    )
    .await
}

/// Fetches a file with the session's token (a plain link would carry none).
pub(crate) async fn download(request: RequestBuilder) -> ApiResult<Download> {
    let response = check(authed(request).send().await?, true).await?;
    let file_name = response
        .headers()
        .get("content-disposition")
        .as_deref()
        .and_then(attachment_name);
    let bytes = response.binary().await?;
    Ok(Download { bytes, file_name })
}

/// The `filename` of a `Content-Disposition: attachment; filename="..."` header.
fn attachment_name(header: &str) -> Option<String> {
    header
        .split(';')
        .filter_map(|part| part.trim().strip_prefix("filename="))
        .map(|name| name.trim_matches('"').to_owned())
        .find(|name| !name.is_empty() && !name.contains(['/', '\\']))
}

pub async fn create_tenant(request: &CreateTenantRequest) -> ApiResult<CreatedTenant> {
    read(send_json(Request::post(&url("/tenants")), request).await?).await
}

pub async fn update_tenant(id: i64, request: &UpdateTenantRequest) -> ApiResult<TenantView> {
    read(send_json(Request::patch(&url(&format!("/tenants/{id}"))), request).await?).await
}

pub async fn delete_tenant(id: i64) -> ApiResult<()> {
    send(Request::delete(&url(&format!("/tenants/{id}"))))
        .await
        .map(drop)
}

pub async fn suspend_tenant(id: i64, password: &str) -> ApiResult<TenantView> {
    let body = SuspendTenantRequest {
        password: password.to_owned(),
        notify: None,
    };
    read(
        send_json(
            Request::post(&url(&format!("/tenants/{id}/suspend"))),
            &body,
        )
        .await?,
    )
    .await
}

pub async fn activate_tenant(id: i64) -> ApiResult<TenantView> {
    read(send(Request::post(&url(&format!("/tenants/{id}/activate")))).await?).await
}

pub async fn deactivate_tenant(id: i64) -> ApiResult<TenantView> {
    read(send(Request::post(&url(&format!("/tenants/{id}/deactivate")))).await?).await
}

/// A time range of the audit log; both ends RFC 3339, `to` exclusive.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AuditRange {
    pub from: Option<String>,
    pub to: Option<String>,
}

pub async fn audit_log(
    id: i64,
    range: &AuditRange,
    page: u32,
    per_page: u32,
) -> ApiResult<Page<AuditEntryView>> {
    let query = non_empty([
        ("from", range.from.clone()),
        ("to", range.to.clone()),
        ("page", Some(page.max(1).to_string())),
        ("per_page", Some(per_page.to_string())),
    ]);
    read(send(Request::get(&url(&format!("/tenants/{id}/audit-log"))).query(query)).await?).await
}

/// The whole range of the audit log as CSV bytes.
pub async fn audit_log_csv(id: i64, range: &AuditRange) -> ApiResult<Vec<u8>> {
    let query = non_empty([("from", range.from.clone()), ("to", range.to.clone())]);
    let request = authed(Request::get(&url(&format!("/tenants/{id}/audit-log"))))
        .query(query)
        .header("Accept", "text/csv");
    let response = check(request.send().await?, true).await?;
    response.binary().await.map_err(ApiError::from)
}

// ---- users ------------------------------------------------------------------------------

/// The filters of the users, orders, invoices and tickets lists, as the API names them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ListFilter {
    pub tenant: Option<i64>,
    pub status: Option<String>,
    pub sort: Option<String>,
    pub page: u32,
    pub per_page: u32,
}

impl ListFilter {
    fn params(&self) -> Vec<(&'static str, String)> {
        non_empty([
            ("tenant", self.tenant.map(|t| t.to_string())),
            ("status", self.status.clone()),
            ("sort", self.sort.clone()),
            ("page", Some(self.page.max(1).to_string())),
            (
                "per_page",
                (self.per_page > 0).then(|| self.per_page.to_string()),
            ),
        ])
    }
}

async fn list<T: DeserializeOwned>(
    path: &str,
    filter: &ListFilter,
    abort: Option<&AbortSignal>,
) -> ApiResult<Page<T>> {
    read(
        send(
            Request::get(&url(path))
                .query(filter.params())
                .abort_signal(abort),
        )
        .await?,
    )
    .await
}

pub async fn list_users(
    filter: &ListFilter,
    abort: Option<&AbortSignal>,
) -> ApiResult<Page<UserView>> {
    list("/users", filter, abort).await
}

pub async fn create_user(request: &CreateUserRequest) -> ApiResult<UserView> {
    read(send_json(Request::post(&url("/users")), request).await?).await
}

pub async fn delete_user(id: i64) -> ApiResult<()> {
    send(Request::delete(&url(&format!("/users/{id}"))))
        .await
        .map(drop)
}

// ---- activity ---------------------------------------------------------------------------

pub async fn list_orders(
    filter: &ListFilter,
    abort: Option<&AbortSignal>,
) -> ApiResult<Page<OrderView>> {
    list("/orders", filter, abort).await
}

pub async fn list_invoices(
    filter: &ListFilter,
    abort: Option<&AbortSignal>,
) -> ApiResult<Page<InvoiceView>> {
    list("/invoices", filter, abort).await
}

pub async fn list_tickets(
    filter: &ListFilter,
    abort: Option<&AbortSignal>,
) -> ApiResult<Page<TicketView>> {
    list("/tickets", filter, abort).await
}

// ---- search -----------------------------------------------------------------------------

/// The best matches of every kind for the search palette.
pub async fn search(q: &str, limit: u32, abort: Option<&AbortSignal>) -> ApiResult<SearchResults> {
    let query = [("q", q.trim().to_owned()), ("limit", limit.to_string())];
    read(
        send(
            Request::get(&url("/search"))
                .query(query)
                .abort_signal(abort),
        )
        .await?,
    )
    .await
}
