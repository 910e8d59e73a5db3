//! Structured logs via `tracing`; `LANDLORD_LOG` (or `RUST_LOG`) filters, `LANDLORD_LOG_FORMAT=json`
//! switches to JSON lines.

use tracing_subscriber::EnvFilter;

pub fn init() {
    let filter = std::env::var("LANDLORD_LOG")
        .ok()
        .or_else(|| std::env::var("RUST_LOG").ok())
        .unwrap_or_else(|| "info,actix_server=warn".to_owned());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::new(filter))
        .with_writer(std::io::stderr);
    if std::env::var("LANDLORD_LOG_FORMAT").is_ok_and(|f| f == "json") {
        builder.json().init();
    } else {
        builder.init();
    }
}
