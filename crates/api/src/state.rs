//! What every handler shares: the database, the clock, token keys and settings.

use crate::auth::TokenKeys;
use crate::client_address::TrustedProxies;
use crate::error::{ApiError, ApiResult};
use actix_web::web;
use landlord_domain::Clock;
use landlord_domain::webhook::AddressPolicy;
use landlord_operations::OpResult;
use landlord_persistence::Database;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: Database,
    pub clock: Arc<dyn Clock>,
    pub tokens: TokenKeys,
    pub settings: Arc<ApiSettings>,
    /// Wakes the webhook delivery worker when a change queued a delivery, so it need not
    /// wait for its next poll.
    pub webhook_wake: Arc<tokio::sync::Notify>,
    /// Wakes the provisioning runner when a change may have made a step due (a tenant
    /// created, its provisioning run again).
    pub provisioning_wake: Arc<tokio::sync::Notify>,
    /// Signed-in requests per caller's tenant, for the `api_requests` meter.
    pub request_meter: crate::request_meter::RequestMeter,
    /// This process's side of the request-rate limits (`request_rate`).
    pub rate_limiter: Arc<crate::request_rate::RateLimiter>,
    /// Encrypts tenant options under `credentials.` (`LANDLORD_ENCRYPTION_KEY`).
    pub cipher: landlord_operations::options::Cipher,
}

#[derive(Debug, Clone)]
pub struct ApiSettings {
    /// The externally visible base URL, used in password-reset links.
    pub public_url: String,
    /// Where the built SPA lives; `None` serves the API only.
    pub static_dir: Option<PathBuf>,
    /// Peers whose `X-Forwarded-For` names the client (sign-in throttling by address).
    pub trusted_proxies: TrustedProxies,
    /// Where webhook endpoints may point (checked as they are registered or changed).
    pub webhook_addresses: AddressPolicy,
    /// Tenant domain login and setup instructions: the base domain tenants live under
    /// (`<domain>.<base domain>`), the server's address for DNS records, the templates.
    pub hosting: landlord_operations::tenants::Hosting,
    /// The system's request-rate limit, for tenants that set none
    /// (`LANDLORD_LIMIT_HTTP_REQUESTS`, `LANDLORD_LIMIT_HTTP_QUEUE`).
    pub request_limits: landlord_domain::rate_limit::LimitSettings,
}

impl AppState {
    pub fn now(&self) -> chrono::NaiveDateTime {
        self.clock.now().naive_utc()
    }

    /// Runs a read-only operation on a blocking thread. It changed nothing, so unlike
    /// [`AppState::run`] it does not wake the webhook worker.
    pub async fn read<T: Send + 'static>(
        &self,
        operation: impl FnOnce(&Database) -> OpResult<T> + Send + 'static,
    ) -> ApiResult<T> {
        let db = self.db.clone();
        Ok(web::block(move || operation(&db))
            .await
            .map_err(ApiError::from)??)
    }

    /// Runs an operation on a blocking thread: operations hash passwords and hold a
    /// transaction, neither of which may stall the async workers. A change that committed
    /// may have written outbox events, so the webhook worker is woken at once rather than at
    /// its next tick.
    pub async fn run<T: Send + 'static>(
        &self,
        operation: impl FnOnce(&Database) -> OpResult<T> + Send + 'static,
    ) -> ApiResult<T> {
        let db = self.db.clone();
        let value = web::block(move || operation(&db))
            .await
            .map_err(ApiError::from)??;
        self.webhook_wake.notify_one();
        self.provisioning_wake.notify_one();
        Ok(value)
    }
}
