//! Load on a running pakn from another process, one figure at a time: `wrk -t2` where it is on
//! the PATH, else the built-in client — this same executable started again with `--load-client`,
//! one blocking HTTP/1.1 keep-alive connection a thread — which reports the same numbers:
//! answers a second (other than 4xx/5xx), p50 and p99 per request, failures.
//! `BENCH_CLIENT=builtin` chooses the built-in client even where wrk is.
//!
//! wrk is preferred: an event loop on two threads costs less a request than a thread a
//! connection, so it leaves pakn more of the shared cores. Ratios compare figures one client
//! measured in one run; absolute figures of the two clients are not comparable.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rand::RngExt;

/// What a figure asks, request after request, on each connection.
#[derive(Clone)]
pub enum Requests {
    /// `GET` of one path.
    Get(String),
    /// `GET` of `prefix` followed by a random line of the file `lines` (tracking codes).
    GetRandom { prefix: String, lines: PathBuf },
    /// `POST` of JSON to `path` with a bearer token: `template` with its first `%d` replaced by the
    /// connection's number (wrk: its thread's) and its second by the request's.
    Post { path: String, token: String, template: String },
}

/// A figure: answers a second and their latencies.
#[derive(Clone, Copy, Default)]
pub struct Figure {
    /// Answers a second, less those with a 4xx or 5xx status.
    pub per_second: f64,
    pub p50: Duration,
    pub p99: Duration,
    /// 4xx and 5xx answers, and connect, read, write and timeout errors.
    pub failed: u64,
    /// pakn's peak RSS during this figure, in KiB (0 when not measured).
    pub peak_kib: u64,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Client {
    Wrk,
    Builtin,
}

const CLIENT_FLAG: &str = "--load-client";

impl Client {
    /// wrk where it is on the PATH, unless `BENCH_CLIENT=builtin`; else the built-in client.
    pub fn choose() -> Self {
        let forced = std::env::var("BENCH_CLIENT").is_ok_and(|v| v == "builtin");
        let on_path = std::env::var_os("PATH")
            .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join("wrk").is_file()));
        if on_path && !forced { Client::Wrk } else { Client::Builtin }
    }

    /// What produced the figures, for the results.
    pub fn describe(self) -> &'static str {
        match self {
            Client::Wrk => "wrk -t2",
            Client::Builtin => "the built-in client (`--load-client`, a thread a connection)",
        }
    }

    /// `requests` on `connections` connections to `address` for `seconds`.
    pub fn run(self, folder: &Path, requests: &Requests, connections: usize, seconds: u64, address: &str) -> Figure {
        let output = match self {
            Client::Wrk => wrk_command(folder, requests, connections, seconds, address),
            Client::Builtin => builtin_command(requests, connections, seconds, address),
        }
        .stderr(Stdio::inherit())
        .output()
        .expect("the load client");
        let text = String::from_utf8_lossy(&output.stdout);
        let line =
            text.lines().find_map(|l| l.strip_prefix("PROOF ")).unwrap_or_else(|| panic!("the client said: {text}"));
        let n: Vec<f64> = line.split_whitespace().map(|v| v.parse().expect("a number")).collect();
        let (requests, micros, status_errors, socket_errors) = (n[0], n[1], n[2], n[3]);
        Figure {
            per_second: (requests - status_errors) / (micros / 1e6),
            p50: Duration::from_micros(n[4] as u64),
            p99: Duration::from_micros(n[5] as u64),
            failed: (status_errors + socket_errors) as u64,
            peak_kib: 0,
        }
    }
}

/// What both clients print: requests answered, microseconds, 4xx/5xx answers, socket errors, p50
/// and p99 in microseconds.
const DONE_LUA: &str = r#"
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("PROOF %d %d %d %d %.0f %.0f\n", summary.requests, summary.duration,
    e.status, e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(99)))
end
"#;

/// `Requests::GetRandom`: each wrk thread seeds its own random lines.
const RANDOM_LUA: &str = r#"
local threads = 0
function setup(thread) thread:set("id", threads); threads = threads + 1 end
function init(args)
  lines = {}
  for line in io.lines(args[1]) do lines[#lines + 1] = line end
  prefix = args[2]
  math.randomseed(os.time() * 16 + id)
end
function request()
  return wrk.format("GET", prefix .. lines[math.random(#lines)])
end
"#;

/// `Requests::Post`.
const POST_LUA: &str = r#"
local threads = 0
function setup(thread) thread:set("id", threads); threads = threads + 1 end
function init(args) token = args[1]; path = args[2]; template = args[3]; k = 0 end
function request()
  k = k + 1
  return wrk.format("POST", path,
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, string.format(template, id, k))
end
"#;

fn wrk_command(folder: &Path, requests: &Requests, connections: usize, seconds: u64, address: &str) -> Command {
    let base = format!("http://{address}");
    let (url, script, args) = match requests {
        Requests::Get(path) => (format!("{base}{path}"), "", vec![]),
        Requests::GetRandom { prefix, lines } => (base, RANDOM_LUA, vec![lines.display().to_string(), prefix.clone()]),
        Requests::Post { path, token, template } => {
            (base, POST_LUA, vec![token.clone(), path.clone(), template.clone()])
        }
    };
    let path = folder.join("script.lua");
    std::fs::write(&path, format!("{script}\n{DONE_LUA}")).expect("a wrk script");
    let mut command = Command::new("wrk");
    // Two threads: the two cores (shared with pakn, the database, and whatever else runs).
    command
        .args(["-t2", &format!("-c{connections}"), &format!("-d{seconds}s"), "--timeout", "30s", "-s"])
        .arg(&path)
        .arg(url)
        .arg("--")
        .args(args);
    command
}

fn builtin_command(requests: &Requests, connections: usize, seconds: u64, address: &str) -> Command {
    let mut command = Command::new(std::env::current_exe().expect("this program"));
    command.args([CLIENT_FLAG, &connections.to_string(), &seconds.to_string(), address]);
    match requests {
        Requests::Get(path) => command.args(["get", path]),
        Requests::GetRandom { prefix, lines } => command.args(["random", prefix]).arg(lines),
        Requests::Post { path, token, template } => command.args(["post", path, token, template]),
    };
    command
}

/// The built-in client's process: when this program was started with `--load-client`, runs it
/// and returns true (the caller then ends).
pub fn client_process() -> bool {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) != Some(CLIENT_FLAG) {
        return false;
    }
    let [connections, seconds, address, kind, rest @ ..] = &args[1..] else { panic!("--load-client: {args:?}") };
    let requests = match (kind.as_str(), rest) {
        ("get", [path]) => Requests::Get(path.clone()),
        ("random", [prefix, lines]) => Requests::GetRandom { prefix: prefix.clone(), lines: lines.into() },
        ("post", [path, token, template]) => {
            Requests::Post { path: path.clone(), token: token.clone(), template: template.clone() }
        }
        _ => panic!("--load-client: {args:?}"),
    };
    let lines: Vec<String> = match &requests {
        Requests::GetRandom { lines, .. } => {
            std::fs::read_to_string(lines).expect("the lines").lines().map(str::to_string).collect()
        }
        _ => Vec::new(),
    };
    let (connections, seconds): (usize, u64) =
        (connections.parse().expect("connections"), seconds.parse().expect("seconds"));
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let tallies: Vec<Tally> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..connections)
            .map(|n| {
                let (requests, lines) = (&requests, &lines);
                scope.spawn(move || drive(n, address, requests, lines, deadline))
            })
            .collect();
        threads.into_iter().map(|t| t.join().expect("a connection")).collect()
    });
    let micros = started.elapsed().as_micros();
    let status_errors: u64 = tallies.iter().map(|t| t.status_errors).sum();
    let socket_errors: u64 = tallies.iter().map(|t| t.socket_errors).sum();
    let mut latencies: Vec<Duration> = tallies.into_iter().flat_map(|t| t.latencies).collect();
    latencies.sort();
    println!(
        "PROOF {} {micros} {status_errors} {socket_errors} {} {}",
        latencies.len(),
        super::percentile(&latencies, 0.50).as_micros(),
        super::percentile(&latencies, 0.99).as_micros()
    );
    true
}

/// One connection's answers (their latencies, whatever their status) and errors.
#[derive(Default)]
struct Tally {
    latencies: Vec<Duration>,
    status_errors: u64,
    socket_errors: u64,
}

/// One connection, kept alive, request after request until `deadline`; reconnects after an error
/// or a `Connection: close`.
fn drive(n: usize, address: &str, requests: &Requests, lines: &[String], deadline: Instant) -> Tally {
    let mut tally = Tally::default();
    let (mut stream, mut body, mut k) = (None::<BufReader<TcpStream>>, Vec::new(), 0usize);
    while Instant::now() < deadline {
        if stream.is_none() {
            match TcpStream::connect(address) {
                Ok(s) => {
                    s.set_read_timeout(Some(Duration::from_secs(30))).expect("a timeout");
                    s.set_nodelay(true).expect("no delay");
                    stream = Some(BufReader::new(s));
                }
                Err(_) => {
                    tally.socket_errors += 1;
                    std::thread::sleep(Duration::from_millis(10));
                    continue;
                }
            }
        }
        let Some(reader) = stream.as_mut() else { continue };
        k += 1;
        let request = request_text(requests, address, lines, n, k);
        let began = Instant::now();
        match exchange(reader, request.as_bytes(), &mut body) {
            Ok((status, keep_alive)) => {
                tally.latencies.push(began.elapsed());
                if status > 399 {
                    tally.status_errors += 1;
                }
                if !keep_alive {
                    stream = None;
                }
            }
            Err(_) => {
                tally.socket_errors += 1;
                stream = None;
            }
        }
    }
    tally
}

fn request_text(requests: &Requests, address: &str, lines: &[String], n: usize, k: usize) -> String {
    match requests {
        Requests::Get(path) => format!("GET {path} HTTP/1.1\r\nHost: {address}\r\n\r\n"),
        Requests::GetRandom { prefix, .. } => {
            let line = &lines[rand::rng().random_range(0..lines.len())];
            format!("GET {prefix}{line} HTTP/1.1\r\nHost: {address}\r\n\r\n")
        }
        Requests::Post { path, token, template } => {
            let body = template.replacen("%d", &n.to_string(), 1).replacen("%d", &k.to_string(), 1);
            format!(
                "POST {path} HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\n\
                 Authorization: Bearer {token}\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            )
        }
    }
}

/// Writes one request and reads its answer whole (by `Content-Length` or chunks); its status,
/// and whether the connection stays open.
fn exchange(reader: &mut BufReader<TcpStream>, request: &[u8], body: &mut Vec<u8>) -> std::io::Result<(u16, bool)> {
    let broken = |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_string());
    reader.get_mut().write_all(request)?;
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Err(broken("closed"));
    }
    let status: u16 = line.get(9..12).and_then(|s| s.parse().ok()).ok_or_else(|| broken("a status line"))?;
    let (mut length, mut chunked, mut keep_alive) = (None, false, true);
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Err(broken("closed in the headers"));
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        let Some((name, value)) = header.split_once(':') else { continue };
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-length") {
            length = Some(value.parse::<usize>().map_err(|_| broken("a length"))?);
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = value.to_ascii_lowercase().contains("chunked");
        } else if name.eq_ignore_ascii_case("connection") {
            keep_alive = !value.eq_ignore_ascii_case("close");
        }
    }
    if chunked {
        loop {
            line.clear();
            reader.read_line(&mut line)?;
            let size = line.trim().split(';').next().unwrap_or("");
            let size = usize::from_str_radix(size, 16).map_err(|_| broken("a chunk size"))?;
            if size == 0 {
                // Trailers, up to the empty line.
                loop {
                    line.clear();
                    if reader.read_line(&mut line)? == 0 || line.trim_end().is_empty() {
                        break;
                    }
                }
                break;
            }
            body.resize(size + 2, 0);
            reader.read_exact(body)?;
        }
    } else if let Some(length) = length {
        body.resize(length, 0);
        reader.read_exact(body)?;
    } else if !(status == 204 || status == 304 || (100..200).contains(&status)) {
        // No length: the body runs to the end of the connection.
        body.clear();
        reader.read_to_end(body)?;
        keep_alive = false;
    }
    Ok((status, keep_alive))
}

/// Writes `5` to `/proc/<pid>/clear_refs` so that VmHWM becomes the peak of what follows.
fn reset_peak(pid: u32) -> bool {
    std::fs::write(format!("/proc/{pid}/clear_refs"), "5").is_ok()
}

/// One measured load on the running pakn (process `pid`), with pakn's peak RSS during it.
pub fn measure(pid: u32, run: impl FnOnce() -> Figure) -> Figure {
    let reset = reset_peak(pid);
    let mut figure = run();
    figure.peak_kib = if reset { super::process_status_kib(&pid.to_string(), "VmHWM:") } else { 0 };
    figure
}
