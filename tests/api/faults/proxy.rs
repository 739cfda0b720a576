//! A small TCP proxy between pakn and PostgreSQL that the test can cut, as a stopped server or a
//! broken network would (every open connection closed, new ones closed as soon as they open),
//! and restore. Plain threads: it must keep forwarding while the test's own runtime is busy.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

#[derive(Default)]
struct Shared {
    cut: AtomicBool,
    /// Both ends of every forwarded connection, to close them when cut.
    open: Mutex<Vec<TcpStream>>,
}

pub struct Proxy {
    pub port: u16,
    shared: Arc<Shared>,
}

impl Proxy {
    /// A proxy on a free loopback port forwarding to `upstream` (`host:port`).
    pub fn to(upstream: &str) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        let port = listener.local_addr().expect("a port").port();
        let shared = Arc::new(Shared::default());
        let accepting = shared.clone();
        let upstream = upstream.to_string();
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                if accepting.cut.load(Ordering::SeqCst) {
                    // The server is gone: the connection opens and closes at once.
                    let _ = client.shutdown(Shutdown::Both);
                    continue;
                }
                let Ok(server) = TcpStream::connect(&upstream) else { continue };
                forward(&accepting, client, server);
            }
        });
        Proxy { port, shared }
    }

    /// `database_url` with its host and port replaced by the proxy's, and a proxy to them.
    pub fn in_front_of(database_url: &str) -> (Proxy, String) {
        let (scheme, rest) = database_url.split_once("://").expect("a URL");
        let (authority, tail) = rest.split_once('/').unwrap_or((rest, ""));
        let (credentials, host_port) = match authority.rsplit_once('@') {
            Some((credentials, host_port)) => (format!("{credentials}@"), host_port),
            None => (String::new(), authority),
        };
        let upstream = if host_port.contains(':') { host_port.to_string() } else { format!("{host_port}:5432") };
        let proxy = Proxy::to(&upstream);
        let url = format!("{scheme}://{credentials}127.0.0.1:{}/{tail}", proxy.port);
        (proxy, url)
    }

    /// The database goes away: open connections are closed, new ones refused.
    pub fn cut(&self) {
        self.shared.cut.store(true, Ordering::SeqCst);
        for stream in self.shared.open.lock().expect("the list").drain(..) {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }

    /// The database is back.
    pub fn restore(&self) {
        self.shared.cut.store(false, Ordering::SeqCst);
    }
}

/// Copies both ways on two threads; either side closing closes the other.
fn forward(shared: &Shared, client: TcpStream, server: TcpStream) {
    let (Ok(client_copy), Ok(server_copy)) = (client.try_clone(), server.try_clone()) else { return };
    {
        let mut open = shared.open.lock().expect("the list");
        for stream in [&client, &server] {
            if let Ok(kept) = stream.try_clone() {
                open.push(kept);
            }
        }
    }
    if shared.cut.load(Ordering::SeqCst) {
        // Cut while this one was being opened.
        let _ = client.shutdown(Shutdown::Both);
        let _ = server.shutdown(Shutdown::Both);
    }
    std::thread::spawn(move || pipe(client, server));
    std::thread::spawn(move || pipe(server_copy, client_copy));
}

fn pipe(mut from: TcpStream, mut to: TcpStream) {
    let mut buffer = [0u8; 16 * 1024];
    while let Ok(read) = from.read(&mut buffer) {
        if read == 0 || to.write_all(&buffer[..read]).is_err() {
            break;
        }
    }
    let _ = to.shutdown(Shutdown::Both);
    let _ = from.shutdown(Shutdown::Both);
}
