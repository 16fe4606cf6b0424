//! `--email`: the briefing as a complete RFC 5322 message, for
//! `briefing --email | sendmail -t`. It is only built, never sent. The
//! body is `multipart/alternative`: the `--plain` text, then the same
//! briefing as HTML tables, both `charset=utf-8`.

use super::{html, plain};
use crate::briefing::Briefing;
use lettre::message::header::ContentType;
use lettre::message::{Mailbox, MultiPart, SinglePart};
use std::time::SystemTime;

/// How many conflicts a message lists under "Decide today" unless told.
pub const DEFAULT_MAX_CONFLICTS: usize = 20;

pub struct EmailOptions {
    pub from: Mailbox,
    pub to: Vec<Mailbox>,
    /// The subject; the org and the summary line when `None`.
    pub subject: Option<String>,
    /// The `Date` header.
    pub date: SystemTime,
    /// The plain part's layout; its `max_conflicts` cuts both parts.
    pub plain: plain::PlainOptions,
}

/// `"Ops <ops@example.com>"` or `ops@example.com` as a mailbox.
pub fn parse_mailbox(text: &str) -> Result<Mailbox, String> {
    text.trim()
        .parse::<Mailbox>()
        .map_err(|e| format!("`{text}` is not an email address: {e}"))
}

/// The subject when none is given: `Northwind Digital: Score 69/100 · …`.
pub fn default_subject(b: &Briefing, ascii: bool) -> String {
    let summary = plain::summary_line(b, if ascii { "-" } else { "·" });
    if b.org.is_empty() {
        format!("Morning briefing: {summary}")
    } else {
        format!("{}: {summary}", b.org)
    }
}

/// The message, with Unix line endings (what `sendmail -t` reads; the mail
/// system writes CRLF on the wire itself).
pub fn message(b: &Briefing, options: &EmailOptions) -> Result<Vec<u8>, String> {
    if options.to.is_empty() {
        return Err("the message has no recipient".to_string());
    }
    let text = plain::render(b, &options.plain);
    let html = html::render(b, options.plain.max_conflicts);
    let subject = options
        .subject
        .clone()
        .unwrap_or_else(|| default_subject(b, options.plain.ascii));
    let seconds = options
        .date
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());

    // The Message-ID and the MIME boundary come from what the message says,
    // so the same briefing at the same Date is the same bytes; a briefing
    // sent each morning has a new Date, so a new id.
    let mut hash = Fnv::new();
    for part in [
        &seconds.to_string(),
        &b.org,
        &b.today.to_string(),
        &subject,
        &text,
        &html,
    ] {
        hash.write(part.as_bytes());
    }
    for to in &options.to {
        hash.write(to.to_string().as_bytes());
    }
    let digest = hash.finish();
    let domain = options.from.email.domain();
    let message_id = format!("<briefing.{}.{digest:016x}@{domain}>", b.today);
    let boundary = format!("briefing-{digest:016x}-alternative");

    let mut builder = lettre::Message::builder()
        .from(options.from.clone())
        .subject(subject)
        .date(options.date)
        .message_id(Some(message_id))
        .user_agent(format!("briefing {}", env!("CARGO_PKG_VERSION")));
    for to in &options.to {
        builder = builder.to(to.clone());
    }
    let body = MultiPart::alternative()
        .boundary(boundary)
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_PLAIN)
                .body(text),
        )
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_HTML)
                .body(html),
        );
    let message = builder.multipart(body).map_err(|e| e.to_string())?;
    Ok(unix_lines(message.formatted()))
}

fn unix_lines(crlf: Vec<u8>) -> Vec<u8> {
    let mut out = Vec::with_capacity(crlf.len());
    let mut bytes = crlf.into_iter().peekable();
    while let Some(b) = bytes.next() {
        if b == b'\r' && bytes.peek() == Some(&b'\n') {
            continue;
        }
        out.push(b);
    }
    out
}

/// FNV-1a, 64 bits: stable across Rust versions and platforms, which the
/// standard library's hasher does not promise.
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        self.0 ^= 0xff;
        self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_parse_with_and_without_a_name() {
        let m = parse_mailbox("Ops Desk <ops@example.com>").unwrap();
        assert_eq!(m.email.to_string(), "ops@example.com");
        assert_eq!(m.name.as_deref(), Some("Ops Desk"));
        assert!(parse_mailbox("ops@example.com").is_ok());
        assert!(parse_mailbox("not an address").is_err());
    }

    #[test]
    fn crlf_becomes_lf_and_lone_cr_stays() {
        assert_eq!(unix_lines(b"a\r\nb\rc\r\n".to_vec()), b"a\nb\rc\n");
    }
}
