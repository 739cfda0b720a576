//! A real SMTP server on loopback that keeps what it receives, and can be told to refuse the next
//! messages with a temporary 451, as a busy mail server does.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct ReceivedMail {
    pub to: Vec<String>,
    pub raw: Vec<u8>,
}

impl ReceivedMail {
    fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default().parse(&self.raw).expect("a parsable message")
    }

    pub fn subject(&self) -> String {
        self.parsed().subject().unwrap_or_default().to_string()
    }

    pub fn text(&self) -> String {
        self.parsed().body_text(0).map(|t| t.to_string()).unwrap_or_default()
    }

    pub fn html(&self) -> String {
        self.parsed().body_html(0).map(|t| t.to_string()).unwrap_or_default()
    }

    pub fn message_id(&self) -> String {
        self.parsed().message_id().unwrap_or_default().to_string()
    }

    /// The one-time token of the link in the message (`…?token=<hex>`).
    pub fn token(&self) -> String {
        let text = self.text();
        let start = text.find("token=").map(|i| i + "token=".len()).expect("a link with a token");
        text[start..].chars().take_while(char::is_ascii_hexdigit).collect()
    }
}

/// What the server shares with its connection threads.
#[derive(Default)]
struct Shared {
    inbox: Mutex<Vec<ReceivedMail>>,
    refuse_next: AtomicUsize,
    reject_next: AtomicUsize,
}

fn take_one(counter: &AtomicUsize) -> bool {
    counter.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1)).is_ok()
}

/// Speaks the server side of RFC 5321 for one connection: EHLO/HELO, MAIL, RCPT, DATA, RSET,
/// NOOP, QUIT. Enough for any client, including lettre, to deliver.
fn serve_connection(stream: TcpStream, shared: Arc<Shared>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    let reply = |writer: &mut TcpStream, text: &str| writer.write_all(format!("{text}\r\n").as_bytes());
    reply(&mut writer, "220 mail.test ESMTP ready")?;
    let mut recipients = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_ascii_uppercase();
        if command.starts_with("EHLO") {
            reply(&mut writer, "250-mail.test greets you")?;
            reply(&mut writer, "250 8BITMIME")?;
        } else if command.starts_with("HELO") || command.starts_with("MAIL FROM:") || command == "NOOP" {
            reply(&mut writer, "250 OK")?;
        } else if command.starts_with("RSET") {
            recipients.clear();
            reply(&mut writer, "250 OK")?;
        } else if command.starts_with("RCPT TO:") {
            let address = line.trim_end()["RCPT TO:".len()..].trim().trim_start_matches('<');
            recipients.push(address.split('>').next().unwrap_or_default().to_string());
            reply(&mut writer, "250 OK")?;
        } else if command == "DATA" {
            reply(&mut writer, "354 End data with <CR><LF>.<CR><LF>")?;
            let mut data = Vec::new();
            loop {
                line.clear();
                if reader.read_line(&mut line)? == 0 {
                    return Ok(());
                }
                if line == ".\r\n" || line == ".\n" {
                    break;
                }
                // Undo dot-stuffing (RFC 5321 4.5.2).
                data.extend_from_slice(line.strip_prefix('.').unwrap_or(&line).as_bytes());
            }
            if take_one(&shared.refuse_next) {
                reply(&mut writer, "451 4.3.0 Try again later")?;
            } else if take_one(&shared.reject_next) {
                reply(&mut writer, "550 5.1.1 Mailbox unavailable")?;
            } else {
                shared
                    .inbox
                    .lock()
                    .expect("inbox")
                    .push(ReceivedMail { to: std::mem::take(&mut recipients), raw: data });
                reply(&mut writer, "250 OK: queued")?;
            }
            recipients.clear();
        } else if command == "QUIT" {
            reply(&mut writer, "221 Bye")?;
            return Ok(());
        } else {
            reply(&mut writer, "502 Command not implemented")?;
        }
    }
}

pub struct Mailbox {
    pub port: u16,
    shared: Arc<Shared>,
}

impl Mailbox {
    /// A server listening on a free port.
    pub fn start() -> Self {
        let mailbox = Self::not_listening_yet(Self::free_port());
        mailbox.listen();
        mailbox
    }

    /// A server whose port is chosen but that does not listen until `listen` (a server that is down).
    pub fn not_listening_yet(port: u16) -> Self {
        Mailbox { port, shared: Arc::new(Shared::default()) }
    }

    pub fn free_port() -> u16 {
        TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().expect("a port").port()
    }

    /// Starts accepting connections (the server comes up).
    pub fn listen(&self) {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).expect("the mail port is free");
        let accepting = self.shared.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let shared = accepting.clone();
                std::thread::spawn(move || serve_connection(stream, shared));
            }
        });
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// The next `count` messages are refused with 451 (try again later).
    pub fn refuse_next(&self, count: usize) {
        self.shared.refuse_next.store(count, Ordering::SeqCst);
    }

    /// The next `count` messages are rejected with 550 (for good).
    pub fn reject_next(&self, count: usize) {
        self.shared.reject_next.store(count, Ordering::SeqCst);
    }

    pub fn messages(&self) -> Vec<ReceivedMail> {
        self.shared.inbox.lock().expect("inbox").clone()
    }

    pub fn messages_to(&self, address: &str) -> Vec<ReceivedMail> {
        self.messages().into_iter().filter(|m| m.to.iter().any(|to| to.eq_ignore_ascii_case(address))).collect()
    }

    /// Waits (up to 10 s) until `address` has received `count` messages, and returns them.
    pub async fn wait_for(&self, address: &str, count: usize) -> Vec<ReceivedMail> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let messages = self.messages_to(address);
            if messages.len() >= count {
                return messages;
            }
            assert!(Instant::now() < deadline, "{address} received {} of {count} messages", messages.len());
            actix_web::rt::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Waits (up to 10 s) until `address` has received `count` messages whose text contains
    /// `needle` (subjects say only that there is news: they name no petition), and returns them.
    pub async fn wait_for_text(&self, address: &str, needle: &str, count: usize) -> Vec<ReceivedMail> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let matching: Vec<_> =
                self.messages_to(address).into_iter().filter(|m| m.text().contains(needle)).collect();
            if matching.len() >= count {
                return matching;
            }
            assert!(Instant::now() < deadline, "{address} received {} of {count} about {needle:?}", matching.len());
            actix_web::rt::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// Waits for the newest message to `address` beyond the `already` seen.
    pub async fn next_for(&self, address: &str, already: usize) -> ReceivedMail {
        self.wait_for(address, already + 1).await.pop().expect("a message")
    }
}
