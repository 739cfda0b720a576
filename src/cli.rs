//! The command line: serve (the default), migrate, seed demo data, import administrative units.
//! Every failure ends in one line on standard error and a non-zero exit code.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};

use crate::clock::SystemClock;
use crate::config::Config;
use crate::service::{ServiceError, admin_unit_import, agencies};
use crate::{db, startup, telemetry};

#[derive(Debug, Parser)]
#[command(
    name = "pakn",
    version,
    about = "pakn: citizens' petitions routed to the responsible head of agency and tracked to resolution",
    long_about = "pakn serves a REST API for citizens' complaints, denunciations, feedback and proposals.\n\n\
        Configuration comes from PAKN_* environment variables (see README.md): PAKN_BIND (default \
        127.0.0.1:8080), PAKN_DATABASE_URL (default sqlite://./data/pakn.db; postgres://… for \
        PostgreSQL), PAKN_LOG_FORMAT (pretty or json)."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the API (the default): migrate the database, install shipped reference data, listen on PAKN_BIND.
    Serve,
    /// Apply pending database migrations and install shipped reference data, then exit.
    Migrate,
    /// Add demonstration data; running it again adds nothing twice.
    Seed {
        /// The demo set: Huế's agencies (accounts and petitions join it as those capabilities land).
        #[arg(long, required = true)]
        demo: bool,
    },
    /// Import administrative units from a CSV file with the statistics office's codes (columns:
    /// code,name,level,unit_type,parent_code,valid_from,valid_to,successor_codes,source_note).
    /// The whole file is checked first; on any bad row nothing is imported.
    ImportAdminUnits {
        /// The CSV file to import.
        file: PathBuf,
    },
}

pub fn run(cli: Cli) -> ExitCode {
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => return fail(error),
    };
    telemetry::init(config.log_format);
    let outcome = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(&config),
        Command::Migrate => startup::prepare_database(&config)
            .map(|_| println!("database ready: {}", config.database_url))
            .map_err(|e| e.to_string()),
        Command::Seed { demo: _ } => seed_demo(&config),
        Command::ImportAdminUnits { file } => import_admin_units(&config, &file),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => fail(message),
    }
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("pakn: {message}");
    ExitCode::FAILURE
}

fn serve(config: &Config) -> Result<(), String> {
    let system = actix_web::rt::System::new();
    system.block_on(async {
        let (server, address) = startup::build(config, Arc::new(SystemClock)).map_err(|e| e.to_string())?;
        tracing::info!(%address, database = %config.database_url, "pakn is serving");
        server.await.map_err(|e| format!("the server stopped with an error: {e}"))
    })
}

fn seed_demo(config: &Config) -> Result<(), String> {
    let pool = startup::prepare_database(config).map_err(|e| e.to_string())?;
    let mut connection = pool.get().map_err(|e| db::ConnectError::Pool(e).to_string())?;
    let added = agencies::install_demo(&mut connection).map_err(describe)?;
    println!("demo data ready: {added} agencies added");
    Ok(())
}

fn import_admin_units(config: &Config, file: &std::path::Path) -> Result<(), String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let pool = startup::prepare_database(config).map_err(|e| e.to_string())?;
    let mut connection = pool.get().map_err(|e| db::ConnectError::Pool(e).to_string())?;
    let report = admin_unit_import::import_csv(&mut connection, &text).map_err(describe)?;
    println!(
        "imported {} administrative units from {} ({} new, {} updated)",
        report.inserted + report.updated,
        file.display(),
        report.inserted,
        report.updated
    );
    Ok(())
}

/// A service error as the operator at a terminal should read it: each bad row on its own line.
fn describe(error: ServiceError) -> String {
    match error {
        ServiceError::Invalid(errors) => {
            let lines: Vec<String> = errors.iter().map(|e| format!("  {}: {}", e.field, e.message)).collect();
            format!("nothing was imported; {} problem(s):\n{}", errors.len(), lines.join("\n"))
        }
        other => format!("{other:#}"),
    }
}
