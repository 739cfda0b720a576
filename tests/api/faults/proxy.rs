//! A small TCP proxy between pakn and PostgreSQL that the test can cut, as a stopped server or a
//! broken network would (every open connection closed, new ones closed as soon as they open),
//! and restore; or stall, as a frozen server or a silent network would (every socket stays open,
//! new ones are accepted, but no byte goes either way: no RST, no FIN), and resume, when the bytes
//! held meanwhile are delivered. Plain threads: it must keep forwarding while the test's own
//! runtime is busy.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};

#[derive(Default)]
struct Shared {
    cut: AtomicBool,
    /// While true, every pipe holds what it read instead of passing it on.
    stalled: Mutex<bool>,
    resumed: Condvar,
    /// Both ends of every forwarded connection, to close them when cut.
    open: Mutex<Vec<TcpStream>>,
}

impl Shared {
    fn wait_while_stalled(&self) {
        let mut stalled = self.stalled.lock().expect("the flag");
        while *stalled {
            stalled = self.resumed.wait(stalled).expect("the flag");
        }
    }
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
                forward(accepting.clone(), client, server);
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

    /// The database hangs: every connection stays open and new ones open, but nothing goes
    /// through either way until [`Proxy::resume`].
    pub fn stall(&self) {
        *self.shared.stalled.lock().expect("the flag") = true;
    }

    /// The database answers again, starting with what it was sent while it hung.
    pub fn resume(&self) {
        *self.shared.stalled.lock().expect("the flag") = false;
        self.shared.resumed.notify_all();
    }
}

/// Copies both ways on two threads; either side closing closes the other.
fn forward(shared: Arc<Shared>, client: TcpStream, server: TcpStream) {
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
    let other = shared.clone();
    std::thread::spawn(move || pipe(&shared, client, server));
    std::thread::spawn(move || pipe(&other, server_copy, client_copy));
}

fn pipe(shared: &Shared, mut from: TcpStream, mut to: TcpStream) {
    let mut buffer = [0u8; 16 * 1024];
    loop {
        shared.wait_while_stalled();
        let Ok(read) = from.read(&mut buffer) else { break };
        // A read already waiting when the stall began holds its bytes until the resume.
        shared.wait_while_stalled();
        if read == 0 || to.write_all(&buffer[..read]).is_err() {
            break;
        }
    }
    let _ = to.shutdown(Shutdown::Both);
    let _ = from.shutdown(Shutdown::Both);
}
