//! `landlord serve` as a process of its own, for tests that kill a server with `kill -9`
//! and start another over the same database (tests/api/provisioning/crash.rs). The same
//! library code the `landlord` binary serves with; built by cargo with the tests.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use clap::Parser;
use landlord::config::ServeArgs;
use landlord::server::Application;

#[derive(Parser)]
struct Serve {
    #[command(flatten)]
    args: ServeArgs,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    landlord::telemetry::init();
    let args = Serve::parse().args;
    let app = Application::build(&args)?;
    app.server.await?;
    Ok(())
}
