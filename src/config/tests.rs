//! The configuration read from variables: defaults, refusals, and what production demands.

use super::*;

fn config_from(pairs: &[(&str, &str)]) -> Result<Config, ConfigError> {
    let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    Config::from_lookup(|name| map.get(name).cloned())
}

#[test]
fn with_nothing_set_it_serves_sqlite_under_the_data_folder_on_port_8080() {
    let config = config_from(&[]).expect("defaults are valid");
    assert_eq!(config.bind.to_string(), "127.0.0.1:8080");
    assert!(matches!(config.database_url, DatabaseUrl::Sqlite(ref path) if path.ends_with("data/pakn.db")));
    assert_eq!(config.log_format, LogFormat::Pretty);
}

#[test]
fn a_bad_bind_address_names_the_variable() {
    let error = config_from(&[("PAKN_BIND", "localhost")]).unwrap_err();
    assert_eq!(error.variable, "PAKN_BIND");
    assert!(error.to_string().starts_with("configuration error: PAKN_BIND=\"localhost\""));
}

#[test]
fn an_unknown_database_scheme_is_refused() {
    let error = config_from(&[("PAKN_DATABASE_URL", "mysql://root@localhost/pakn")]).unwrap_err();
    assert_eq!(error.variable, "PAKN_DATABASE_URL");
}

#[test]
fn a_password_in_a_bad_database_url_is_not_repeated_in_the_error() {
    let error = config_from(&[("PAKN_DATABASE_URL", "mysql://root:hunter2@localhost/pakn")]).unwrap_err();
    assert!(!error.to_string().contains("hunter2"));
}

#[test]
fn numbers_out_of_range_are_refused() {
    assert_eq!(config_from(&[("PAKN_DB_POOL_SIZE", "0")]).unwrap_err().variable, "PAKN_DB_POOL_SIZE");
    assert_eq!(config_from(&[("PAKN_WORKERS", "many")]).unwrap_err().variable, "PAKN_WORKERS");
    let never = config_from(&[("PAKN_DB_QUERY_TIMEOUT_SECONDS", "0")]).unwrap_err();
    assert_eq!(never.variable, "PAKN_DB_QUERY_TIMEOUT_SECONDS");
}

#[test]
fn a_request_waits_on_the_database_fifteen_seconds_unless_told_otherwise() {
    assert_eq!(config_from(&[]).unwrap().db_query_timeout, Duration::from_secs(15));
    let told = config_from(&[("PAKN_DB_QUERY_TIMEOUT_SECONDS", "3")]).unwrap();
    assert_eq!(told.db_query_timeout, Duration::from_secs(3));
}

#[test]
fn a_short_jwt_secret_is_refused_without_repeating_it() {
    let error = config_from(&[("PAKN_JWT_SECRET", "tooshort")]).unwrap_err();
    assert_eq!(error.variable, "PAKN_JWT_SECRET");
    assert!(!error.to_string().contains("tooshort"));
    assert!(config_from(&[("PAKN_JWT_SECRET", &"s".repeat(32))]).is_ok());
}

#[test]
fn production_refuses_a_jwt_secret_that_does_not_look_random() {
    let weak = [("PAKN_ENV", "production"), ("PAKN_JWT_SECRET", &"a".repeat(40))];
    assert_eq!(config_from(&weak).unwrap_err().variable, "PAKN_JWT_SECRET");
    let random = "9f2c4e7a1b8d3f6e0a5c2d9b7e4f1a3c8b6d0e2f5a7c9e1b3d4f6a8c0e2b4d6f";
    assert!(config_from(&[("PAKN_ENV", "production"), ("PAKN_JWT_SECRET", random)]).is_ok());
    assert!(config_from(&[("PAKN_JWT_SECRET", &"a".repeat(40))]).is_ok(), "development is lenient");
}

#[test]
fn mail_settings_are_checked() {
    assert_eq!(config_from(&[("PAKN_SMTP_URL", "mail.hue.vn:25")]).unwrap_err().variable, "PAKN_SMTP_URL");
    assert!(config_from(&[("PAKN_SMTP_URL", "smtp://127.0.0.1:1025")]).is_ok());
    assert_eq!(config_from(&[("PAKN_MAIL_FROM", "nobody")]).unwrap_err().variable, "PAKN_MAIL_FROM");
    assert_eq!(
        config_from(&[("PAKN_PUBLIC_BASE_URL", "https://pakn.hue.gov.vn/")]).unwrap().public_base_url,
        "https://pakn.hue.gov.vn"
    );
    assert!(config_from(&[("PAKN_PUBLIC_BASE_URL", "javascript:alert(1)")]).is_err());
    assert!(config_from(&[("PAKN_ENV", "staging")]).is_err());
}

#[test]
fn trusted_proxies_are_a_list_of_ip_addresses() {
    assert!(config_from(&[]).unwrap().trusted_proxies.is_empty());
    let config = config_from(&[("PAKN_TRUSTED_PROXIES", "10.0.0.1, ::1")]).unwrap();
    assert_eq!(config.trusted_proxies, vec!["10.0.0.1".parse::<IpAddr>().unwrap(), "::1".parse().unwrap()]);
    assert_eq!(config_from(&[("PAKN_TRUSTED_PROXIES", "10.0.0.0/8")]).unwrap_err().variable, "PAKN_TRUSTED_PROXIES");
}

#[test]
fn the_log_format_is_pretty_or_json() {
    assert_eq!(config_from(&[("PAKN_LOG_FORMAT", "JSON")]).unwrap().log_format, LogFormat::Json);
    assert!(config_from(&[("PAKN_LOG_FORMAT", "xml")]).is_err());
}
