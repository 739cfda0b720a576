//! The `pakn` command line: clear one-line failures, migrate, import units, seed demo data.

use std::process::{Command, Output};

use crate::helpers::TestDatabase;

fn pakn(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pakn"));
    command.args(args).env_remove("PAKN_DATABASE_URL").env_remove("PAKN_BIND").env("RUST_LOG", "warn");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("the pakn binary runs")
}

fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).trim().to_string()
}

fn assert_fails_with_one_line(output: &Output, expected: &str) {
    assert!(!output.status.success(), "it should have failed");
    let stderr = stderr_of(output);
    assert_eq!(stderr.lines().count(), 1, "one line, got: {stderr}");
    assert!(stderr.starts_with("pakn: "), "{stderr}");
    assert!(stderr.contains(expected), "{stderr:?} should mention {expected:?}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_bad_configuration_value_stops_the_start_with_one_line_naming_it() {
    let output = pakn(&["serve"], &[("PAKN_BIND", "localhost")]);
    assert_fails_with_one_line(&output, "PAKN_BIND");
    let output = pakn(&["migrate"], &[("PAKN_LOG_FORMAT", "xml")]);
    assert_fails_with_one_line(&output, "PAKN_LOG_FORMAT");
}

#[test]
fn an_unreachable_postgresql_is_one_clear_line_without_the_password() {
    let output =
        pakn(&["migrate"], &[("PAKN_DATABASE_URL", "postgres://pakn:s3cret@127.0.0.1:9/pakn?connect_timeout=2")]);
    assert_fails_with_one_line(&output, "cannot open the database postgres://pakn:***@127.0.0.1:9/pakn");
    assert!(!stderr_of(&output).contains("s3cret"));
}

#[test]
fn a_database_folder_that_cannot_be_created_is_one_clear_line() {
    let scratch = std::env::temp_dir().join(format!("pakn-cli-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&scratch).unwrap();
    let blocker = scratch.join("a-file");
    std::fs::write(&blocker, "not a folder").unwrap();
    let data_dir = blocker.join("data");
    let output = pakn(&["migrate"], &[("PAKN_DATA_DIR", data_dir.to_str().unwrap())]);
    assert_fails_with_one_line(&output, "cannot create the database folder");
    std::fs::remove_dir_all(&scratch).unwrap();
}

#[test]
fn help_explains_every_command() {
    let output = pakn(&["--help"], &[]);
    let help = String::from_utf8_lossy(&output.stdout);
    for command in ["serve", "migrate", "seed", "import-admin-units"] {
        assert!(help.contains(command), "{command} missing from:\n{help}");
    }
    assert!(!pakn(&["seed"], &[]).status.success(), "seed needs --demo");
}

#[test]
fn demo_accounts_are_refused_in_production() {
    let (_database, url, folder) = TestDatabase::create();
    let env =
        [("PAKN_DATABASE_URL", url.as_str()), ("PAKN_DATA_DIR", folder.to_str().unwrap()), ("PAKN_ENV", "production")];
    let refused = pakn(&["seed", "--demo"], &env);
    assert_fails_with_one_line(&refused, "refused when PAKN_ENV=production");
}

const HEADER: &str = "code,name,level,unit_type,parent_code,valid_from,valid_to,successor_codes,source_note\n";

#[test]
fn migrate_import_and_seed_work_on_the_configured_database_and_a_bad_file_imports_nothing() {
    let (database, url, folder) = TestDatabase::create();
    std::fs::create_dir_all(&folder).unwrap();
    let env = [("PAKN_DATABASE_URL", url.as_str()), ("PAKN_DATA_DIR", folder.to_str().unwrap())];

    let output = pakn(&["migrate"], &env);
    assert!(output.status.success(), "{}", stderr_of(&output));

    let good = folder.join("units.csv");
    std::fs::write(&good, format!("{HEADER}48,Thành phố Đà Nẵng,province,centrally_run_city,,,,,GSO\n20194,Phường Hải Châu,commune,ward,48,2025-07-01,,,GSO\n")).unwrap();
    let output = pakn(&["import-admin-units", good.to_str().unwrap()], &env);
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("imported 2 administrative units"), "{output:?}");
    let again = pakn(&["import-admin-units", good.to_str().unwrap()], &env);
    assert!(String::from_utf8_lossy(&again.stdout).contains("(0 new, 2 updated)"), "{again:?}");

    let bad = folder.join("bad.csv");
    std::fs::write(&bad, format!("{HEADER}49,Quảng Nam,province,province,,,,,\n49001,Xã X,hamlet,commune,49,,,,\n"))
        .unwrap();
    let output = pakn(&["import-admin-units", bad.to_str().unwrap()], &env);
    assert!(!output.status.success());
    assert!(
        stderr_of(&output).contains("line 3, level: must be one of: province, district, commune"),
        "{}",
        stderr_of(&output)
    );
    let pool = pakn::db::connect_pool(
        &pakn::db::DatabaseUrl::parse(&url).unwrap(),
        &pakn::db::PoolSettings {
            size: 1,
            connect_timeout: std::time::Duration::from_secs(5),
            statement_timeout: None,
        },
    )
    .unwrap();
    let mut connection = pool.get().unwrap();
    assert!(pakn::db::admin_units::versions_of(&mut connection, "49").unwrap().is_empty(), "nothing from the bad file");

    let missing = pakn(&["import-admin-units", "/no/such/file.csv"], &env);
    assert_fails_with_one_line(&missing, "cannot read /no/such/file.csv");

    let seeded = pakn(&["seed", "--demo"], &env);
    let seeded_text = String::from_utf8_lossy(&seeded.stdout);
    assert!(seeded_text.contains("7 accounts added, 4 petitions added, 2 reception sessions added"), "{seeded:?}");
    assert!(seeded_text.contains("chutich.phuxuan@demo.pakn.invalid"), "{seeded:?}");
    assert!(seeded_text.contains("kiemtra@demo.pakn.invalid"), "a steering committee's inspector: {seeded:?}");
    let reseeded = pakn(&["seed", "--demo"], &env);
    assert!(
        String::from_utf8_lossy(&reseeded.stdout)
            .contains("0 accounts added, 0 petitions added, 0 reception sessions added"),
        "{reseeded:?}"
    );
    drop(connection);
    drop(pool);
    drop(database);
}

#[test]
fn create_admin_reads_the_password_from_standard_input_and_refuses_weak_ones_and_duplicates() {
    use std::io::Write;

    let (_database, url, folder) = TestDatabase::create();
    std::fs::create_dir_all(&folder).unwrap();
    let run = |password: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pakn"))
            .args(["create-admin", "--email", "Admin@Hue.gov.vn", "--name", "Quản trị viên"])
            .env("PAKN_DATABASE_URL", &url)
            .env("PAKN_DATA_DIR", &folder)
            .env("RUST_LOG", "warn")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("pakn runs");
        child.stdin.take().unwrap().write_all(password.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    assert_fails_with_one_line(&run("short\n"), "the password must be 12 to 128 characters");
    let created = run("một mật khẩu quản trị dài\n");
    assert!(created.status.success(), "{}", stderr_of(&created));
    assert!(String::from_utf8_lossy(&created.stdout).contains("administrator admin@hue.gov.vn created"));
    assert!(!String::from_utf8_lossy(&created.stdout).contains("mật khẩu quản trị"), "never echoed");
    assert_fails_with_one_line(&run("another long password!!\n"), "already has an account");
}

#[test]
fn production_refuses_to_start_without_a_jwt_secret() {
    let scratch = std::env::temp_dir().join(format!("pakn-prod-{}", uuid::Uuid::new_v4().simple()));
    let output = pakn(
        &["serve"],
        &[("PAKN_ENV", "production"), ("PAKN_DATA_DIR", scratch.to_str().unwrap()), ("PAKN_BIND", "127.0.0.1:0")],
    );
    assert_fails_with_one_line(&output, "PAKN_JWT_SECRET must be set in production");
    let _ = std::fs::remove_dir_all(&scratch);
}

#[test]
fn report_writes_the_periodic_report_to_a_file_and_refuses_a_period_it_cannot_read() {
    let (database, url, folder) = TestDatabase::create();
    std::fs::create_dir_all(&folder).unwrap();
    let env = [("PAKN_DATABASE_URL", url.as_str()), ("PAKN_DATA_DIR", folder.to_str().unwrap())];
    let spreadsheet = folder.join("bao-cao.xlsx");
    let out = spreadsheet.to_str().unwrap();

    let written = pakn(&["report", "--period", "2026", "--out", out], &env);
    assert!(written.status.success(), "{}", stderr_of(&written));
    assert!(String::from_utf8_lossy(&written.stdout).contains("report 2026 (2025-11-15 to 2026-10-14"), "{written:?}");
    assert!(std::fs::read(&spreadsheet).unwrap().starts_with(b"PK"), "an XLSX is a zip archive");
    let csv = folder.join("bao-cao.csv");
    let written = pakn(
        &["report", "--period", "2026-H1", "--format", "csv", "--lang", "en", "--out", csv.to_str().unwrap()],
        &env,
    );
    assert!(written.status.success(), "{}", stderr_of(&written));
    let text = std::fs::read(&csv).unwrap();
    assert!(text.starts_with(b"\xEF\xBB\xBF") && String::from_utf8_lossy(&text).contains("By kind"));

    assert_fails_with_one_line(&pakn(&["report", "--period", "2026-H2", "--out", out], &env), "--period");
    assert_fails_with_one_line(
        &pakn(&["report", "--period", "2026", "--format", "pdf", "--out", out], &env),
        "--format",
    );
    drop(database);
}
