use clap::{Parser, Subcommand};
use landlord::bootstrap::Bootstrap;
use landlord::config::{BillArgs, DatabaseArgs, PurgeArgs, SeedArgs, ServeArgs};
use landlord::seed::{self, Seeded};
use landlord::server::{Application, open_database};

/// Landlord: a self-hosted tenant-management control plane for SaaS operators.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Parser)]
struct ServeOnly {
    #[command(flatten)]
    args: ServeArgs,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API and the admin app (the default).
    Serve(Box<ServeArgs>),
    /// Apply pending database migrations and exit.
    Migrate(DatabaseArgs),
    /// Print the OpenAPI document.
    Openapi,
    /// Load deterministic demo customers with users, orders, tickets, subscriptions and invoices.
    Seed(Box<SeedArgs>),
    /// Run billing, collection retries and dunning once, as of `--at` (default now).
    Bill(BillArgs),
    /// Apply every tenant's retention rules once, as of `--at` (default now); audited.
    Purge(PurgeArgs),
}

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let command = match cli.command {
        Some(command) => command,
        // Plain `landlord` serves, configured by the environment.
        None => Command::Serve(Box::new(ServeOnly::parse_from(["landlord"]).args)),
    };
    match command {
        Command::Openapi => {
            println!("{}", landlord_api::openapi::document().to_pretty_json()?);
            Ok(())
        }
        Command::Bill(args) => {
            landlord::telemetry::init();
            let db = open_database(&args.database)?;
            let now = chrono::Utc::now().naive_utc();
            let at = args.at.map_or(now, |t| t.naive_utc());
            let ctx = landlord_operations::Context::new(None, now, None);
            let done = landlord_operations::billing::run::run(
                &db,
                &ctx,
                at,
                landlord_operations::billing::run::Trigger::Cli,
            )?;
            println!("{}", serde_json::to_string_pretty(&done)?);
            Ok(())
        }
        Command::Purge(args) => {
            landlord::telemetry::init();
            let db = open_database(&args.database)?;
            let at = args.at.unwrap_or_else(chrono::Utc::now).naive_utc();
            let ctx = landlord_operations::Context::new(None, at, None);
            let purged = landlord_operations::retention::purge(&db, &ctx)?;
            println!("{}", serde_json::to_string_pretty(&purged)?);
            Ok(())
        }
        Command::Migrate(args) => {
            landlord::telemetry::init();
            open_database(&args)?;
            tracing::info!("database is up to date");
            Ok(())
        }
        Command::Seed(args) => {
            landlord::telemetry::init();
            let started = std::time::Instant::now();
            let outcome = seed::run(&args)?;
            match &outcome {
                Seeded::Skipped { .. } => {
                    println!("The database already has customers; nothing seeded.")
                }
                Seeded::Created {
                    tenants,
                    activity_rows,
                    ..
                } => println!(
                    "Seeded {tenants} customers and {activity_rows} users, orders, tickets, subscriptions, invoices and payments in {:.1} s.\n\
                     Their administrators sign in as \"admin\" with password \"{}\" (demo data only).",
                    started.elapsed().as_secs_f64(),
                    seed::DEMO_PASSWORD
                ),
            }
            let (Seeded::Skipped { bootstrap } | Seeded::Created { bootstrap, .. }) = outcome;
            if let Bootstrap::Created {
                username,
                generated_password: Some(password),
            } = bootstrap
            {
                println!(
                    "Created the management tenant: sign in to \"management\" as \"{username}\" with password \"{password}\" (shown only this once)."
                );
            }
            Ok(())
        }
        Command::Serve(args) => {
            landlord::telemetry::init();
            let app = Application::build(&args)?;
            let url = args
                .public_url
                .clone()
                .unwrap_or_else(|| format!("http://{}:{}", args.bind.ip(), app.port));
            print_banner(&url, &app.bootstrap);
            app.server.await?;
            tracing::info!("stopped");
            Ok(())
        }
    }
}

fn print_banner(url: &str, bootstrap: &Bootstrap) {
    println!();
    println!("  Landlord is running at {url}");
    println!("  API docs: {url}/api/docs/");
    match bootstrap {
        Bootstrap::Created {
            username,
            generated_password: Some(password),
        } => {
            println!(
                "  First login: tenant \"management\", username \"{username}\", password \"{password}\""
            );
            println!("  (the password was generated and is shown only this once)");
        }
        Bootstrap::Created {
            username,
            generated_password: None,
        } => {
            println!(
                "  First login: tenant \"management\", username \"{username}\", password from LANDLORD_ADMIN_PASSWORD"
            );
        }
        Bootstrap::AlreadyDone => {
            println!(
                "  Sign in to tenant \"management\" with the administrator created on the first start."
            );
        }
    }
    println!();
}
