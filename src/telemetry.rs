//! The tracing subscriber: human-readable lines in a terminal, JSON lines in production.
//! Each request's span is logged when it closes: one access-log line with method, route,
//! status, request id and duration.

use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::format::FmtSpan;

use crate::config::LogFormat;

/// Installs the global subscriber once; later calls (as in tests) are harmless no-ops.
/// The level comes from `RUST_LOG` when set, else `info`.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_target(false).with_span_events(FmtSpan::CLOSE);
    let _already_set = match format {
        LogFormat::Pretty => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).with_current_span(true).try_init(),
    };
}
