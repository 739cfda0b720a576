//! The house rules ARCHITECTURE.md states, checked on the source: the layers depend one way, the
//! service capabilities only look down, time enters through the clock alone, and a row is not
//! read with a bound `LIMIT` unless an order needs it.

use std::path::{Path, PathBuf};

fn sources_under(folder: &str) -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, found: &mut Vec<(PathBuf, String)>) {
        for entry in std::fs::read_dir(dir).expect("a source folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("a source file");
                found.push((path, text));
            }
        }
    }
    let mut found = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(folder), &mut found);
    assert!(!found.is_empty(), "no sources under src/{folder}");
    found
}

/// The files under `folder` that mention any of `forbidden`, with the first one they mention.
fn offenders(folder: &str, forbidden: &[&str]) -> Vec<String> {
    sources_under(folder)
        .into_iter()
        .filter_map(|(path, text)| {
            let hit = forbidden.iter().find(|f| text.contains(*f))?;
            Some(format!("{} uses {hit}", path.display()))
        })
        .collect()
}

#[test]
fn the_domain_knows_nothing_of_the_database_the_use_cases_or_http() {
    let forbidden = ["crate::db", "crate::service", "crate::http", "diesel::", "actix_web", "Utc::now"];
    assert_eq!(offenders("domain", &forbidden), Vec::<String>::new());
}

#[test]
fn the_database_layer_knows_nothing_of_the_use_cases_or_http() {
    assert_eq!(offenders("db", &["crate::service", "crate::http", "actix_web"]), Vec::<String>::new());
}

#[test]
fn the_use_cases_know_nothing_of_http_and_handlers_never_reach_the_database() {
    assert_eq!(offenders("service", &["crate::http", "actix_web"]), Vec::<String>::new());
    assert_eq!(offenders("http", &["crate::db", "diesel::"]), Vec::<String>::new());
}

/// Each service capability and the capabilities it may use: only those below it, so that no two
/// import each other. (Shared infrastructure — context, events, outbox, page, throttle — is open
/// to all.)
const SERVICE_LAYERS: &[(&str, &[&str])] = &[
    ("reference", &[]),
    ("accounts", &["reference"]),
    ("petitions", &["reference"]),
    ("handling", &["petitions", "reference"]),
    ("open311", &["petitions", "reference"]),
    ("personal_data", &["accounts", "petitions", "reference"]),
    ("consultations", &["accounts", "reference"]),
    ("oversight", &["petitions", "reference"]),
    ("reports", &["petitions", "reference"]),
    ("reception", &["petitions", "reference"]),
    ("demo", &["accounts", "petitions", "handling", "reception", "reference"]),
];

/// Every service capability (a folder; shared infrastructure is single files) is in
/// `SERVICE_LAYERS`, so none escapes the rule.
#[test]
fn every_service_capability_has_its_place_in_the_layers() {
    let folders: Vec<String> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/service"))
        .expect("the service folder")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.is_dir())
        .filter_map(|path| path.file_name().map(|name| name.to_string_lossy().into_owned()))
        .collect();
    let listed: Vec<&str> = SERVICE_LAYERS.iter().map(|(name, _)| *name).collect();
    let unlisted: Vec<&String> = folders.iter().filter(|name| !listed.contains(&name.as_str())).collect();
    assert_eq!(unlisted, Vec::<&String>::new());
}

/// The first name of every path a source names under `prefix` ("crate::service::"), groups
/// (`crate::service::{Context, reference::agencies}`) included.
fn names_after(text: &str, prefix: &str) -> Vec<String> {
    let first_name = |item: &str| item.trim().split([':', ' ', ',', '}', ';', '(']).next().unwrap_or("").to_string();
    let mut names = Vec::new();
    for (at, _) in text.match_indices(prefix) {
        let rest = &text[at + prefix.len()..];
        match rest.strip_prefix('{') {
            Some(group) => {
                let (mut depth, mut item_start) = (0, 0);
                for (index, c) in group.char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => {
                            names.push(first_name(&group[item_start..index]));
                            break;
                        }
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            names.push(first_name(&group[item_start..index]));
                            item_start = index + 1;
                        }
                        _ => {}
                    }
                }
            }
            None => names.push(first_name(rest)),
        }
    }
    names
}

#[test]
fn service_capabilities_only_look_down() {
    let capabilities: Vec<&str> = SERVICE_LAYERS.iter().map(|(name, _)| *name).collect();
    let mut problems = Vec::new();
    for (capability, allowed) in SERVICE_LAYERS {
        for (path, text) in sources_under(&format!("service/{capability}")) {
            // In a capability's mod.rs, `super::` is the service layer itself.
            let is_root = path.file_name().is_some_and(|name| name == "mod.rs")
                && path.parent().and_then(|p| p.file_name()).is_some_and(|name| name == *capability);
            let mut used = names_after(&text, "crate::service::");
            if is_root {
                used.extend(names_after(&text, "super::"));
            }
            for other in used.iter().filter(|name| capabilities.contains(&name.as_str())) {
                if other != capability && !allowed.contains(&other.as_str()) {
                    problems.push(format!("{} uses service::{other}", path.display()));
                }
            }
        }
    }
    assert_eq!(problems, Vec::<String>::new());
}

#[test]
fn names_are_found_in_use_groups_too() {
    let text = "use crate::service::{Context, reference::{agencies, calendar}, events};\nuse crate::service::petitions::views;";
    assert_eq!(names_after(text, "crate::service::"), ["Context", "reference", "events", "petitions"]);
}

#[test]
fn time_enters_through_the_clock_alone() {
    let readers: Vec<String> = ["domain", "db", "service", "http", "mail", "security", "storage"]
        .iter()
        .flat_map(|folder| offenders(folder, &["Utc::now", "SystemTime::now", "Local::now"]))
        .collect();
    assert_eq!(readers, Vec::<String>::new());
}

/// diesel's `first` binds `LIMIT ?`, and SQLite then prepares the statement again at every
/// execution (its planner reads the bound limit): 41% of the public status page's CPU at a million
/// petitions. A row found by a unique key is read with `get_result`; `first` stays where an
/// `order` needs the limit, in the same statement.
#[test]
fn a_row_is_read_with_a_bound_limit_only_where_an_order_needs_it() {
    let mut unordered = Vec::new();
    for (path, text) in sources_under("db") {
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if !(line.contains(".first(") || line.contains(".first::<")) {
                continue;
            }
            let statement_start = lines[..i]
                .iter()
                .rposition(|l| l.trim_end().ends_with(';') || l.trim_end().ends_with('{') || l.trim().is_empty())
                .map_or(0, |start| start + 1);
            if !lines[statement_start..=i].iter().any(|l| l.contains(".order(")) {
                unordered.push(format!("{}:{}", path.display(), i + 1));
            }
        }
    }
    assert_eq!(unordered, Vec::<String>::new());
}
