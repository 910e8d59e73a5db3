//! Configuration: command-line flags, each with an environment variable of the same meaning.

use clap::Args;
use landlord_api::client_address::TrustedProxies;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Clone, Args)]
pub struct DatabaseArgs {
    /// `sqlite://path/to/file.db` (embedded, the default) or `postgres://user@host:port/db`.
    #[arg(
        long,
        env = "LANDLORD_DATABASE_URL",
        default_value = "sqlite://data/landlord.db"
    )]
    pub database_url: String,
    /// Connections in the pool.
    #[arg(long, env = "LANDLORD_DATABASE_POOL_SIZE", default_value_t = 8)]
    pub database_pool_size: u32,
}

/// The management tenant's first administrator, created on an empty database.
#[derive(Debug, Clone, Args)]
pub struct BootstrapArgs {
    /// Username of the management tenant's first administrator.
    #[arg(long, env = "LANDLORD_ADMIN_USERNAME", default_value = "admin")]
    pub admin_username: String,
    /// Its password. If unset on an empty database, one is generated and printed once.
    #[arg(long, env = "LANDLORD_ADMIN_PASSWORD", hide_env_values = true)]
    pub admin_password: Option<String>,
    /// Its email address.
    #[arg(
        long,
        env = "LANDLORD_ADMIN_EMAIL",
        default_value = "admin@landlord.localhost"
    )]
    pub admin_email: String,
}

#[derive(Debug, Clone, Args)]
pub struct SeedArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    #[command(flatten)]
    pub bootstrap: BootstrapArgs,
    /// How many customer tenants to create.
    #[arg(long, default_value_t = 100)]
    pub tenants: u32,
    /// The random seed: the same seed gives the same data.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// The moment the demo data is as of (RFC 3339; default now): customers signed up in the
    /// two years before it, and billing ran up to it. The same seed and moment give the same
    /// data.
    #[arg(long)]
    pub now: Option<chrono::DateTime<chrono::Utc>>,
    /// Do nothing if the database already has customers (what `make run` uses).
    #[arg(long)]
    pub if_empty: bool,
    /// No progress bar (for scripts and CI logs).
    #[arg(long)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// Address to listen on.
    #[arg(long, env = "LANDLORD_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,
    /// HMAC secret for access tokens (32 bytes or more). If unset, one is generated and kept
    /// in the data directory so tokens survive restarts.
    #[arg(long, env = "LANDLORD_JWT_SECRET", hide_env_values = true)]
    pub jwt_secret: Option<String>,
    /// Where Landlord keeps its files (the generated token secret).
    #[arg(long, env = "LANDLORD_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,
    #[command(flatten)]
    pub bootstrap: BootstrapArgs,
    /// The built admin app to serve at `/`; skipped if the directory does not exist.
    #[arg(long, env = "LANDLORD_STATIC_DIR", default_value = "frontend/dist")]
    pub static_dir: PathBuf,
    /// The externally visible base URL, used in links (default: http://<bind>).
    #[arg(long, env = "LANDLORD_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Lifetime of access tokens in seconds.
    #[arg(long, env = "LANDLORD_TOKEN_TTL_SECONDS", default_value_t = 3600)]
    pub token_ttl_seconds: i64,
    /// HTTP worker threads (default: one per core).
    #[arg(long, env = "LANDLORD_WORKERS")]
    pub workers: Option<usize>,
    /// Reverse proxies (comma-separated IP addresses or CIDR networks) whose
    /// `X-Forwarded-For` names the client, for sign-in throttling by address. From any
    /// other peer the header is ignored and the peer's address counts.
    #[arg(long, env = "LANDLORD_TRUSTED_PROXIES", default_value = "")]
    pub trusted_proxies: TrustedProxies,
    /// Seconds between scheduled billing runs (renewals, collection retries, dunning); 0 turns
    /// the schedule off (run `landlord bill` or `POST /api/v1/billing/runs` instead). Several
    /// server processes may all run it: a period is never billed twice.
    #[arg(long, env = "LANDLORD_BILLING_INTERVAL", default_value_t = 3600)]
    pub billing_interval_seconds: u64,
    /// Let webhook endpoints point at loopback, private (RFC 1918, fc00::/7), link-local,
    /// carrier-grade NAT, multicast, unspecified and reserved addresses. Off by default:
    /// the server would otherwise send requests into its own network on a tenant's say-so.
    /// For a receiver on the operator's own network, and for tests.
    #[arg(
        long,
        env = "LANDLORD_WEBHOOK_ALLOW_PRIVATE_NETWORKS",
        default_value_t = false,
        action = clap::ArgAction::Set,
        num_args = 0..=1,
        default_missing_value = "true",
        value_parser = clap::builder::BoolishValueParser::new(),
    )]
    pub webhook_allow_private_networks: bool,
    /// Days of webhook history kept: succeeded and failed deliveries (with their attempts)
    /// and delivered events older than this are deleted, hourly. Pending deliveries stay.
    #[arg(
        long,
        env = "LANDLORD_WEBHOOK_RETENTION_DAYS",
        default_value_t = landlord_operations::webhooks::worker::retention::DEFAULT_DAYS,
        value_parser = clap::value_parser!(u32).range(1..=36_500),
    )]
    pub webhook_retention_days: u32,
    /// Secret (32 bytes or more) from which the AES-256-GCM key of tenant options under
    /// `credentials.` is derived. If unset, one is generated and kept in the data directory
    /// (`encryption-key`), like the token secret; losing it loses those values.
    #[arg(long, env = "LANDLORD_ENCRYPTION_KEY", hide_env_values = true)]
    pub encryption_key: Option<String>,
    #[command(flatten)]
    pub hosting: HostingArgs,
    #[command(flatten)]
    pub request_limits: RequestLimitArgs,
    /// The SMTP server notification mails go to: `smtp://user:pass@host:587` (STARTTLS,
    /// required for any host but loopback unless `?tls=opportunistic|required` says
    /// otherwise) or `smtps://…:465`. Unset: each mail is written as an `.eml` file into
    /// `<data dir>/mail/` instead, and the log says where.
    #[arg(long, env = "LANDLORD_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// The sender of notification mails.
    #[arg(
        long,
        env = "LANDLORD_MAIL_FROM",
        default_value = "Landlord <landlord@localhost>"
    )]
    pub mail_from: String,
}

/// `landlord purge`: one retention purge as of a moment.
#[derive(Debug, Clone, Args)]
pub struct PurgeArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// Purge as of this moment (RFC 3339, e.g. `2026-03-01T00:00:00Z`; default now).
    #[arg(long)]
    pub at: Option<chrono::DateTime<chrono::Utc>>,
}

/// Where tenants are hosted: tenant domain login and the setup instructions (issue 15).
#[derive(Debug, Clone, Default, Args)]
pub struct HostingArgs {
    /// The base domain tenants live under as `<domain>.<base domain>` (e.g.
    /// `landlord.example.com`): a request on such a host signs in to that tenant without a
    /// tenant field, and the setup instructions name it in their DNS records.
    #[arg(long, env = "LANDLORD_BASE_DOMAIN")]
    pub base_domain: Option<String>,
    /// The server's public IP address (or host name) the tenants' DNS records point at.
    #[arg(long, env = "LANDLORD_SERVER_ADDRESS")]
    pub server_address: Option<String>,
    /// A directory whose `setup_instructions.md`, `nginx.conf` and `apache.conf` replace the
    /// built-in setup-instruction templates (each file optional; `{{host}}`-style
    /// placeholders, see docs/api.md).
    #[arg(long, env = "LANDLORD_SETUP_TEMPLATES_DIR")]
    pub setup_templates_dir: Option<PathBuf>,
}

/// `landlord bill`: one billing run as of a moment.
#[derive(Debug, Clone, Args)]
pub struct BillArgs {
    #[command(flatten)]
    pub database: DatabaseArgs,
    /// Bill as of this moment (RFC 3339, e.g. `2026-03-01T00:00:00Z`; default now): renewals,
    /// collection retries and dunning all take it as "now".
    #[arg(long)]
    pub at: Option<chrono::DateTime<chrono::Utc>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Serve {
        #[command(flatten)]
        args: ServeArgs,
    }

    fn allows_private(flags: &[&str]) -> bool {
        let argv = std::iter::once("serve").chain(flags.iter().copied());
        Serve::try_parse_from(argv)
            .map(|s| s.args.webhook_allow_private_networks)
            .unwrap_or_else(|e| panic!("{flags:?}: {e}"))
    }

    #[test]
    fn private_networks_are_refused_unless_allowed() {
        assert!(!allows_private(&[]));
        assert!(allows_private(&["--webhook-allow-private-networks"]));
        assert!(allows_private(&["--webhook-allow-private-networks=true"]));
        assert!(!allows_private(&["--webhook-allow-private-networks=false"]));
    }

    #[test]
    fn webhook_history_is_kept_thirty_days_unless_told_otherwise() {
        let days = |flags: &[&str]| {
            let argv = std::iter::once("serve").chain(flags.iter().copied());
            Serve::try_parse_from(argv).map(|s| s.args.webhook_retention_days)
        };
        assert_eq!(days(&[]).unwrap(), 30);
        assert_eq!(days(&["--webhook-retention-days", "7"]).unwrap(), 7);
        assert!(days(&["--webhook-retention-days", "0"]).is_err());
    }
}

/// The system-level request-rate limit (seed 003), for tenants whose own
/// `limit_http_requests` / `limit_http_queue` are null. Unset: unlimited.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct RequestLimitArgs {
    /// Requests per second each tenant's callers are served (-1 or unset: unlimited).
    #[arg(
        long,
        env = "LANDLORD_LIMIT_HTTP_REQUESTS",
        value_parser = clap::value_parser!(i64).range(-1..=landlord_domain::rate_limit::MAX_REQUESTS_PER_SECOND),
    )]
    pub limit_http_requests: Option<i64>,
    /// Requests that may wait above the rate before 429 (-1 or unset: none wait).
    #[arg(
        long,
        env = "LANDLORD_LIMIT_HTTP_QUEUE",
        value_parser = clap::value_parser!(i64).range(-1..=landlord_domain::rate_limit::MAX_QUEUE),
    )]
    pub limit_http_queue: Option<i64>,
}

impl RequestLimitArgs {
    pub fn settings(&self) -> landlord_domain::rate_limit::LimitSettings {
        landlord_domain::rate_limit::LimitSettings {
            requests: self.limit_http_requests,
            queue: self.limit_http_queue,
        }
    }
}
