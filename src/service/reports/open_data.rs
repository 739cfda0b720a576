//! The open data: once a day, every public petition as CSV and as JSON (UTF-8), written a batch
//! at a time into the data folder and renamed into place when whole, then served as files; the
//! last `KEEP_DAYS` days are kept. Every public figure can be recomputed from them.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::db::oversight::closure_checks;
use crate::db::petitions::public_batch;
use crate::db::{DbConnection, events};
use crate::domain::events::EventKind;
use crate::domain::reports::open_data::{History, OpenDataRow};
use crate::security::private_files;
use crate::service::shutdown::Shutdown;
use crate::service::{Context, ServiceError, ServiceResult};

/// Days of exports kept; older ones are removed when a new one is written.
pub const KEEP_DAYS: usize = 7;

/// Petitions read per query while writing.
const BATCH: i64 = 1_000;

crate::text_enum! {
    /// The two formats of every export.
    pub enum Format {
        Csv => "csv",
        Json => "json",
    }
}

impl Format {
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Json => "application/json",
        }
    }
}

/// One file of an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFile {
    pub name: String,
    pub date: NaiveDate,
    pub format: Format,
    pub bytes: u64,
}

fn file_name(date: NaiveDate, format: Format) -> String {
    format!("petitions-{date}.{format}")
}

/// Reads back a name this module gives files: `petitions-YYYY-MM-DD.csv` or `.json`.
fn parse_name(name: &str) -> Option<(NaiveDate, Format)> {
    let (stem, extension) = name.strip_prefix("petitions-")?.rsplit_once('.')?;
    Some((stem.parse().ok()?, extension.parse().ok()?))
}

fn folder(context: &Context) -> &PathBuf {
    &context.settings.open_data_dir
}

fn io_failed(what: &str) -> impl FnOnce(std::io::Error) -> ServiceError + '_ {
    move |error| ServiceError::Internal(anyhow::anyhow!("{what}: {error}"))
}

/// Today's export, unless it was written already; how many petitions it holds (none when it was
/// written already, or a shutdown stopped it).
pub fn export_if_due(
    connection: &mut DbConnection,
    context: &Context,
    shutdown: &Shutdown,
) -> ServiceResult<Option<usize>> {
    let today = context.today();
    let done = [Format::Csv, Format::Json].iter().all(|f| folder(context).join(file_name(today, *f)).is_file());
    if done {
        return Ok(None);
    }
    export(connection, context, today, shutdown)
}

/// Writes the export of `date` (as the petitions stand now), replacing one of the same day; how
/// many petitions it holds, or none when a shutdown stopped it before it was whole (nothing of it
/// is left, and the next round writes it afresh).
pub fn export(
    connection: &mut DbConnection,
    context: &Context,
    date: NaiveDate,
    shutdown: &Shutdown,
) -> ServiceResult<Option<usize>> {
    let folder = folder(context);
    private_files::create_folder(folder).map_err(write_failed)?;
    // Written under names of their own, renamed when whole: a reader never sees half a file, and
    // two processes writing the same day only replace one whole file with another.
    let partial =
        |format: Format| folder.join(format!(".{}.{}", file_name(date, format), uuid::Uuid::new_v4().simple()));
    let (csv_path, json_path) = (partial(Format::Csv), partial(Format::Json));
    let written = write_files(connection, context, &csv_path, &json_path, shutdown);
    let Ok(Some(rows)) = written else {
        let _ = std::fs::remove_file(&csv_path);
        let _ = std::fs::remove_file(&json_path);
        return written;
    };
    for (path, format) in [(csv_path, Format::Csv), (json_path, Format::Json)] {
        std::fs::rename(&path, folder.join(file_name(date, format))).map_err(write_failed)?;
    }
    prune(context)?;
    Ok(Some(rows))
}

fn write_failed(error: impl std::fmt::Display) -> ServiceError {
    ServiceError::Internal(anyhow::anyhow!("cannot write the open data: {error}"))
}

fn write_files(
    connection: &mut DbConnection,
    context: &Context,
    csv_path: &Path,
    json_path: &Path,
    shutdown: &Shutdown,
) -> ServiceResult<Option<usize>> {
    let open = |path| private_files::create_file(path).map(BufWriter::new).map_err(write_failed);
    let mut csv = csv::Writer::from_writer(open(csv_path)?);
    let mut json = open(json_path)?;
    json.write_all(b"[").map_err(write_failed)?;
    let (today, mut rows, mut after) = (context.today(), 0usize, None);
    loop {
        if shutdown.has_begun() {
            return Ok(None);
        }
        let batch = public_batch(connection, after.as_ref(), BATCH)?;
        let ids: Vec<&str> = batch.iter().map(|p| p.id.as_str()).collect();
        let reopened = events::subjects_with(connection, EventKind::PetitionReopened, &ids)?;
        let verdicts = closure_checks::verdicts_of(connection, &ids)?;
        for petition in &batch {
            let id = petition.id.as_str();
            let history = History { reopened: reopened.contains(id), closure_check: verdicts.get(id).copied() };
            let row = OpenDataRow::of(petition, history, today);
            csv.serialize(&row).map_err(write_failed)?;
            json.write_all(if rows == 0 { b"\n" } else { b",\n" }).map_err(write_failed)?;
            serde_json::to_writer(&mut json, &row).map_err(write_failed)?;
            rows += 1;
        }
        match batch.last() {
            Some(last) if batch.len() == BATCH as usize => after = Some((last.received_at, last.id.clone())),
            _ => break,
        }
    }
    json.write_all(b"\n]\n").map_err(write_failed)?;
    let csv = csv.into_inner().map_err(write_failed)?;
    for file in [csv.into_inner().map_err(write_failed)?, json.into_inner().map_err(write_failed)?] {
        file.sync_all().map_err(write_failed)?;
    }
    Ok(Some(rows))
}

/// The exports there are, newest first.
pub fn list(context: &Context) -> ServiceResult<Vec<ExportFile>> {
    let entries = match std::fs::read_dir(folder(context)) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(io_failed("cannot read the open data folder")(error)),
    };
    let mut files: Vec<ExportFile> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let (date, format) = parse_name(&name)?;
            let bytes = entry.metadata().ok()?.len();
            Some(ExportFile { name, date, format, bytes })
        })
        .collect();
    files.sort_by(|a, b| (b.date, a.format.as_str()).cmp(&(a.date, b.format.as_str())));
    Ok(files)
}

/// An export file to serve, by the name `list` gave it.
pub fn open(context: &Context, name: &str) -> ServiceResult<(File, ExportFile)> {
    let missing = || ServiceError::NotFound(format!("no open data file is named {name:?}"));
    let (date, format) = parse_name(name).ok_or_else(missing)?;
    let path = folder(context).join(file_name(date, format));
    let file = File::open(&path).map_err(|_| missing())?;
    let bytes = file.metadata().map_err(io_failed("cannot read the open data"))?.len();
    Ok((file, ExportFile { name: file_name(date, format), date, format, bytes }))
}

/// Removes the exports of days beyond the newest `KEEP_DAYS`, and partial files left by a crash.
fn prune(context: &Context) -> ServiceResult<()> {
    let mut days: Vec<NaiveDate> = list(context)?.into_iter().map(|f| f.date).collect();
    days.dedup();
    for old in days.iter().skip(KEEP_DAYS) {
        for format in [Format::Csv, Format::Json] {
            let _ = std::fs::remove_file(folder(context).join(file_name(*old, format)));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_this_module_gives_are_read_back() {
        let date: NaiveDate = "2026-11-30".parse().unwrap();
        assert_eq!(parse_name(&file_name(date, Format::Csv)), Some((date, Format::Csv)));
        for bad in [
            "petitions-2026-11-30.xlsx",
            "../petitions-2026-11-30.csv",
            "petitions-x.csv",
            ".petitions-2026-11-30.csv.ab",
        ] {
            assert_eq!(parse_name(bad), None, "{bad}");
        }
    }
}
