//! The command line: serve (the default), migrate, seed demo data, import administrative units,
//! create an administrator, verify the audit chain, write a periodic report.
//! Every failure ends in one line on standard error and a non-zero exit code.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};

use crate::clock::{Clock, SystemClock};
use crate::config::{Config, Environment};
use crate::domain::account::{Email, Language, PasswordHash, check_full_name, check_new_password};
use crate::domain::admin_unit::AdminUnitCode;
use crate::domain::oversight::audit::KeptAnchor;
use crate::security::{passwords, tokens};
use crate::service::accounts::users;
use crate::service::demo::{accounts as demo_accounts, petitions as demo_petitions, reception as demo_reception};
use crate::service::oversight::audit;
use crate::service::reports::periodic::{self, files, files::ReportFormat};
use crate::service::{ServiceError, reference::admin_unit_import};
use crate::{db, jobs, startup, telemetry};

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
        /// The demo set: an account for every role (administrator, reception officer, head,
        /// officer, Fatherland Front monitor, steering committee inspector, citizen), all with one
        /// printed password.
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
    /// Create an administrator, verified and active. The password is read from standard input when
    /// it is not a terminal; at a terminal one is generated and printed once.
    CreateAdmin {
        /// The administrator's e-mail address (their login).
        #[arg(long)]
        email: String,
        /// The name shown to others.
        #[arg(long, default_value = "Quản trị viên")]
        name: String,
    },
    /// The audit chain over the event log.
    Audit {
        #[command(subcommand)]
        action: AuditCommand,
    },
    /// Write the six-month (2026-H1) or annual (2026) report's statistical appendix to a file.
    Report {
        /// 2026-H1 for the six-month report, 2026 for the year; the days each covers are the
        /// reporting-period rules (GET /api/v1/admin/report-periods).
        #[arg(long)]
        period: String,
        /// xlsx, csv (UTF-8 with a BOM) or json.
        #[arg(long, default_value = "xlsx")]
        format: String,
        /// The headings' language: vi or en.
        #[arg(long, default_value = "vi")]
        lang: String,
        /// Only the petitions and records of this administrative unit and the units under it.
        #[arg(long)]
        admin_unit: Option<String>,
        /// The file to write.
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum AuditCommand {
    /// Recompute the whole chain from the events as stored and check it against every published
    /// anchor; exits non-zero and names the first broken entry when anything was changed.
    Verify {
        /// An anchor you kept, as POSITION:HASH (from /api/v1/public/audit/anchors or its
        /// e-mail): the chain recomputed from the events must give that hash there.
        #[arg(long)]
        anchor: Option<String>,
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
        Command::Migrate => startup::prepare_database_for_command(&config, &SystemClock)
            .map(|_| println!("database ready: {}", config.database_url))
            .map_err(|e| e.to_string()),
        Command::Seed { demo: _ } => seed_demo(&config),
        Command::ImportAdminUnits { file } => import_admin_units(&config, &file),
        Command::CreateAdmin { email, name } => create_admin(&config, &email, &name),
        Command::Audit { action: AuditCommand::Verify { anchor } } => verify_audit_chain(&config, anchor.as_deref()),
        Command::Report { period, format, lang, admin_unit, out } => {
            write_report(&config, &ReportArgs { period, format, lang, admin_unit, out })
        }
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
        let (server, address, background) = startup::build(config, Arc::new(SystemClock)).map_err(|e| e.to_string())?;
        tracing::info!(%address, database = %config.database_url, "pakn is serving");
        let stopped = server.await.map_err(|e| format!("the server stopped with an error: {e}"));
        // The requests in flight are answered; the jobs stop at their next clean point.
        jobs::stop_all(background);
        stopped
    })
}

fn seed_demo(config: &Config) -> Result<(), String> {
    // The demo accounts' password is printed in the README: never in a real deployment.
    if config.environment == Environment::Production {
        return Err(
            "seed --demo creates accounts whose password is public; it is refused when PAKN_ENV=production".into()
        );
    }
    let pool = startup::prepare_database_for_command(config, &SystemClock).map_err(|e| e.to_string())?;
    let mut connection = pool.get().map_err(|e| db::ConnectError::Pool(e).to_string())?;
    let hash = PasswordHash::new(passwords::hash_now(demo_accounts::DEMO_PASSWORD).map_err(|e| e.to_string())?);
    let created = demo_accounts::seed(&mut connection, &hash, SystemClock.now_utc()).map_err(describe)?;
    let context = startup::context(config, pool.clone(), Arc::new(SystemClock)).map_err(|e| e.to_string())?;
    let filed = demo_petitions::seed(&mut connection, &context).map_err(describe)?;
    let sessions = demo_reception::seed(&mut connection, &context).map_err(describe)?;
    println!(
        "demo data ready: {} accounts added, {filed} petitions added, {sessions} reception sessions added",
        created.len()
    );
    for email in created {
        println!("  {email}");
    }
    println!("every demo account's password: {}", demo_accounts::DEMO_PASSWORD);
    Ok(())
}

fn import_admin_units(config: &Config, file: &std::path::Path) -> Result<(), String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let pool = startup::prepare_database_for_command(config, &SystemClock).map_err(|e| e.to_string())?;
    let mut connection = pool.get().map_err(|e| db::ConnectError::Pool(e).to_string())?;
    let report = admin_unit_import::import_csv(&mut connection, &text, SystemClock.now_utc()).map_err(describe)?;
    println!(
        "imported {} administrative units from {} ({} new, {} updated)",
        report.inserted + report.updated,
        file.display(),
        report.inserted,
        report.updated
    );
    Ok(())
}

fn create_admin(config: &Config, email: &str, name: &str) -> Result<(), String> {
    use std::io::{IsTerminal, Read};

    let email = Email::parse(email).map_err(|m| format!("--email {m}"))?;
    let name = check_full_name(name).map_err(|m| format!("--name {m}"))?;
    let stdin = std::io::stdin();
    let (password, generated) = if stdin.is_terminal() {
        (tokens::new_secret()[..24].to_string(), true)
    } else {
        let mut text = String::new();
        stdin
            .lock()
            .take(4096)
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
        (text.trim_end_matches(['\r', '\n']).to_string(), false)
    };
    check_new_password(&password, Some(&email)).map_err(|m| format!("the password {m}"))?;
    let hash = PasswordHash::new(passwords::hash_now(&password).map_err(|e| e.to_string())?);
    let pool = startup::prepare_database_for_command(config, &SystemClock).map_err(|e| e.to_string())?;
    let mut connection = pool.get().map_err(|e| db::ConnectError::Pool(e).to_string())?;
    users::create_admin(&mut connection, &email, &name, hash, SystemClock.now_utc()).map_err(describe)?;
    println!("administrator {email} created");
    if generated {
        println!("password (shown once, store it safely): {password}");
    }
    Ok(())
}

fn verify_audit_chain(config: &Config, anchor: Option<&str>) -> Result<(), String> {
    let kept = anchor
        .map(|text| KeptAnchor::parse(text).ok_or(format!("--anchor {text:?} is not POSITION:HASH (64 hex digits)")))
        .transpose()?;
    let pool = startup::prepare_database_for_command(config, &SystemClock).map_err(|e| e.to_string())?;
    let mut connection = pool.get().map_err(|e| db::ConnectError::Pool(e).to_string())?;
    let v = audit::verify::verify(&mut connection, kept).map_err(describe)?;
    let summary = format!(
        "{} entries verified (hash {}), {} anchors checked, {} of {} events awaiting seal",
        v.verified.position, v.verified.hash, v.anchors_checked, v.awaiting_seal, v.events_logged
    );
    match v.first_broken {
        None => {
            println!("audit chain intact: {summary}");
            Ok(())
        }
        Some(broken) => Err(format!(
            "audit chain broken: {:?} at entry {} (event {}); before it, {summary}",
            broken.problem,
            broken.position.map_or("-".into(), |p| p.to_string()),
            broken.event_id.as_deref().unwrap_or("-")
        )),
    }
}

struct ReportArgs {
    period: String,
    format: String,
    lang: String,
    admin_unit: Option<String>,
    out: PathBuf,
}

fn write_report(config: &Config, args: &ReportArgs) -> Result<(), String> {
    let format: ReportFormat = args.format.parse().map_err(|_| "--format is xlsx, csv or json".to_string())?;
    let language: Language = args.lang.parse().map_err(|_| "--lang is vi or en".to_string())?;
    let unit = match &args.admin_unit {
        Some(code) => Some(AdminUnitCode::parse(code).map_err(|e| format!("--admin-unit: {e}"))?),
        None => None,
    };
    let pool = startup::prepare_database_for_command(config, &SystemClock).map_err(|e| e.to_string())?;
    let mut connection = pool.get().map_err(|e| db::ConnectError::Pool(e).to_string())?;
    let (now, today) = (SystemClock.now_utc(), SystemClock.today_in_vietnam());
    let report = periodic::compile(&mut connection, &args.period, unit, now, today).map_err(|e| match e {
        ServiceError::Invalid(_) => "--period is a year (2026) or its first half (2026-H1)".to_string(),
        other => format!("{other:#}"),
    })?;
    let bytes = files::write(&report, format, language).map_err(|e| format!("{e:#}"))?;
    std::fs::write(&args.out, bytes).map_err(|e| format!("writing {}: {e}", args.out.display()))?;
    let state = if report.complete { "complete" } else { "to date" };
    println!("report {} ({} to {}, {state}) written to {}", report.period, report.from, report.to, args.out.display());
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
