use clap::{Parser, Subcommand};
use landlord::bootstrap::Bootstrap;
use landlord::config::{DatabaseArgs, ServeArgs};
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
        Command::Migrate(args) => {
            landlord::telemetry::init();
            open_database(&args)?;
            tracing::info!("database is up to date");
            Ok(())
        }
        Command::Serve(args) => {
            landlord::telemetry::init();
            let app = Application::build(&args)?;
            let url = args.public_url.clone().unwrap_or_else(|| format!("http://{}:{}", args.bind.ip(), app.port));
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
        Bootstrap::Created { username, generated_password: Some(password) } => {
            println!("  First login: tenant \"management\", username \"{username}\", password \"{password}\"");
            println!("  (the password was generated and is shown only this once)");
        }
        Bootstrap::Created { username, generated_password: None } => {
            println!("  First login: tenant \"management\", username \"{username}\", password from LANDLORD_ADMIN_PASSWORD");
        }
        Bootstrap::AlreadyDone => {
            println!("  Sign in to tenant \"management\" with the administrator created on the first start.");
        }
    }
    println!();
}
