//! Building and running the HTTP server; tests use the same path with port 0.

use crate::billing_worker::BillingWorker;
use crate::bootstrap::{self, Bootstrap};
use crate::config::ServeArgs;
use crate::mail_worker::MailWorker;
use crate::provisioning_worker::ProvisioningWorker;
use crate::request_flusher::RequestFlusher;
use crate::secret;
use crate::webhook_worker::WebhookWorker;
use actix_web::HttpServer;
use anyhow::Context;
use landlord_api::auth::TokenKeys;
use landlord_api::request_meter::RequestMeter;
use landlord_api::state::{ApiSettings, AppState};
use landlord_domain::webhook::AddressPolicy;
use landlord_domain::{Clock, SystemClock};
use landlord_operations::mail::Mailer;
use landlord_operations::webhooks::worker::Retention;
use landlord_persistence::{Database, Statistics};
use std::future::Future;
use std::net::TcpListener;
use std::pin::Pin;
use std::sync::Arc;
use tokio::sync::Notify;

/// The server running: the HTTP server, and with it the webhook delivery worker, which
/// starts when this is first polled and stops after the HTTP server has shut down.
pub type Serving = Pin<Box<dyn Future<Output = std::io::Result<()>> + Send>>;

pub struct Application {
    pub server: Serving,
    pub port: u16,
    pub bootstrap: Bootstrap,
    pub db: Database,
}

impl Application {
    /// Connects, migrates, bootstraps and binds; the server runs once awaited.
    pub fn build(args: &ServeArgs) -> anyhow::Result<Self> {
        Self::build_with_clock(args, Arc::new(SystemClock))
    }

    pub fn build_with_clock(args: &ServeArgs, clock: Arc<dyn Clock>) -> anyhow::Result<Self> {
        let db = open_database(&args.database)?;
        let bootstrap = bootstrap::ensure_management_tenant(&db, clock.as_ref(), &args.bootstrap)?;
        keep_statistics_fresh(db.clone());
        let secret = secret::load_or_create(args.jwt_secret.as_deref(), &args.data_dir)?;
        let cipher = landlord_operations::options::Cipher::from_secret(&secret::encryption_key(
            args.encryption_key.as_deref(),
            &args.data_dir,
        )?);
        let listener =
            TcpListener::bind(args.bind).with_context(|| format!("binding {}", args.bind))?;
        let port = listener.local_addr()?.port();
        let public_url = args
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}:{port}", args.bind.ip()));
        let static_dir = args
            .static_dir
            .join("index.html")
            .exists()
            .then(|| args.static_dir.clone());
        if static_dir.is_none() {
            tracing::warn!(dir = %args.static_dir.display(), "no built admin app found; serving the API only (run `make frontend`)");
        }
        let mailer = Mailer::new(
            args.smtp_url.as_deref(),
            &args.mail_from,
            &public_url,
            args.data_dir.clone(),
        )
        .map_err(anyhow::Error::msg)?;
        let webhook_wake = Arc::new(Notify::new());
        let provisioning_wake = Arc::new(Notify::new());
        let webhook_addresses = AddressPolicy {
            allow_private_networks: args.webhook_allow_private_networks,
        };
        let state = AppState {
            db: db.clone(),
            clock: clock.clone(),
            tokens: TokenKeys::new(&secret, args.token_ttl_seconds),
            settings: Arc::new(ApiSettings {
                public_url,
                static_dir,
                trusted_proxies: args.trusted_proxies.clone(),
                webhook_addresses,
                hosting: crate::hosting::load(&args.hosting)?,
                request_limits: args.request_limits.settings(),
            }),
            webhook_wake: webhook_wake.clone(),
            provisioning_wake: provisioning_wake.clone(),
            request_meter: RequestMeter::default(),
            rate_limiter: Default::default(),
            cipher,
        };
        let requests = RequestFlusher::new(db.clone(), clock.clone(), state.request_meter.clone());
        let mut server = HttpServer::new(move || landlord_api::app(state.clone()))
            .listen(listener)?
            .shutdown_timeout(10);
        if let Some(workers) = args.workers {
            server = server.workers(workers);
        }
        let server = server.run();
        let worker_db = db.clone();
        let (worker_db_purge, clock_purge) = (db.clone(), clock.clone());
        let (usage_db, usage_clock) = (db.clone(), clock.clone());
        let billing_interval = std::time::Duration::from_secs(args.billing_interval_seconds);
        let webhook_retention_days = args.webhook_retention_days;
        let serving = async move {
            let billing = BillingWorker::start(worker_db.clone(), clock.clone(), billing_interval);
            let mail = MailWorker::start(worker_db.clone(), clock.clone(), mailer);
            let retention = Retention::days(webhook_retention_days);
            let provisioning = ProvisioningWorker::start(
                worker_db.clone(),
                clock.clone(),
                provisioning_wake,
                webhook_addresses,
            )
            .map_err(|e| std::io::Error::other(e.to_string()))?;
            let worker =
                WebhookWorker::start(worker_db, clock, webhook_wake, webhook_addresses, retention)
                    .map_err(|e| std::io::Error::other(e.to_string()))?;
            let purging = crate::retention_worker::start(worker_db_purge, clock_purge);
            let metering = crate::microservice_usage_worker::start(usage_db, usage_clock);
            let ticking = requests.start();
            let result = server.await;
            ticking.abort();
            purging.abort();
            metering.abort();
            // The last counts, at shutdown.
            requests.flush().await;
            worker.stop().await;
            provisioning.stop().await;
            billing.stop().await;
            mail.stop().await;
            result
        };
        Ok(Self {
            server: Box::pin(serving),
            port,
            bootstrap,
            db,
        })
    }
}

/// How often the planner's statistics are checked for staleness while serving.
const STATISTICS_CHECK: std::time::Duration = std::time::Duration::from_secs(3600);

/// Refreshes the planner's statistics hourly when tables have changed a lot (a no-op
/// otherwise), so plans stay right as a database grows from a handful of tenants to millions.
///
/// A task of the runtime that runs the server rather than a thread of its own, so that it,
/// and the connection pool it holds, end with that runtime: a test starting a server per
/// test would otherwise keep every server's connections open until the process exits.
fn keep_statistics_fresh(db: Database) {
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        tracing::warn!(
            "no async runtime: the planner's statistics are not refreshed while serving"
        );
        return;
    };
    runtime.spawn(async move {
        let mut ticks = tokio::time::interval(STATISTICS_CHECK);
        ticks.tick().await; // The first tick is immediate; migrations just refreshed them.
        loop {
            ticks.tick().await;
            let db = db.clone();
            match tokio::task::spawn_blocking(move || db.refresh_statistics(Statistics::IfStale))
                .await
            {
                Ok(Ok(())) => {}
                Ok(Err(err)) => {
                    tracing::warn!(error = %err, "refreshing the planner's statistics failed")
                }
                Err(err) => {
                    tracing::warn!(error = %err, "refreshing the planner's statistics failed")
                }
            }
        }
    });
}

/// Opens the pool and applies pending migrations.
pub fn open_database(args: &crate::config::DatabaseArgs) -> anyhow::Result<Database> {
    let db = Database::connect(&args.database_url, args.database_pool_size)
        .context("opening the database")?;
    let applied = db.migrate().context("migrating the database")?;
    for name in &applied {
        tracing::info!(migration = %name, backend = db.backend().name(), "applied migration");
    }
    // New indexes need statistics before the planner will weigh them properly.
    let how = if applied.is_empty() {
        Statistics::IfStale
    } else {
        Statistics::Full
    };
    db.refresh_statistics(how)
        .context("refreshing the planner's statistics")?;
    Ok(db)
}
