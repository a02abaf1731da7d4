//! A vCard file cut into its cards, each made clean UTF-8 before calcard reads it.
//!
//! The cards are found here, not by calcard, because real files break the grammar in ways
//! that would otherwise cost a person: a card whose `END:VCARD` is missing (the next
//! `BEGIN:VCARD` ends it), a vCard 2.1 `AGENT:` with a whole card inside it (a property of
//! the outer card, not its end), a file cut off in its last card. A broken card is imported
//! with what it holds, and the report says so with its line.
//!
//! Text is decoded here too, property by property, because each may name its own charset:
//! `CHARSET=` is honoured for raw and quoted-printable text; without one, UTF-8 when the
//! bytes are UTF-8, else Windows-1252 with a warning. Quoted-printable is decoded here (so the
//! charset applies to the bytes), including text that looks quoted-printable but does not say
//! so. What calcard gets is each property as plain, escaped UTF-8.

use std::collections::BTreeSet;

use super::super::charset::{self, Read};

/// One card of the file, ready for calcard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct RawCard {
    /// The line of its `BEGIN:VCARD`.
    pub line: u64,
    /// The card as vCard text, `BEGIN:VCARD` to `END:VCARD`, in UTF-8.
    pub text: String,
    /// What the report should say about it: it was broken, a charset was guessed.
    pub remarks: BTreeSet<String>,
}

/// A property with its folded lines joined, and the line it starts on.
struct Logical {
    line: u64,
    bytes: Vec<u8>,
}

fn is_marker(line: &[u8], marker: &[u8]) -> bool {
    line.trim_ascii().eq_ignore_ascii_case(marker)
}

fn is_begin(line: &[u8]) -> bool {
    is_marker(line, b"BEGIN:VCARD")
}

fn is_end(line: &[u8]) -> bool {
    is_marker(line, b"END:VCARD")
}

/// The file's lines as written, split at each line feed.
type PhysicalLines<'a> = std::slice::Split<'a, u8, fn(&u8) -> bool>;

/// The file's lines with folding undone, one at a time (a file is never held twice): a line
/// that starts with a space or tab continues the one before it (RFC 6350 §3.2), and a
/// quoted-printable line ending in `=` continues on the next (vCard 2.1's soft line break) —
/// unless that next line begins or ends a card. Each comes with whether it is the last.
struct LogicalLines<'a> {
    physical: std::iter::Enumerate<PhysicalLines<'a>>,
    pending: Option<Logical>,
}

fn logical_lines(bytes: &[u8]) -> LogicalLines<'_> {
    let newline: fn(&u8) -> bool = |&b| b == b'\n';
    LogicalLines {
        physical: bytes.split(newline).enumerate(),
        pending: None,
    }
}

impl Iterator for LogicalLines<'_> {
    type Item = (Logical, bool);

    fn next(&mut self) -> Option<(Logical, bool)> {
        for (index, line) in self.physical.by_ref() {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let folded = matches!(line.first(), Some(b' ' | b'\t'));
            let soft_break = self
                .pending
                .as_ref()
                .is_some_and(|last| last.bytes.ends_with(b"=") && Property::of(&last.bytes).qp);
            match self.pending.as_mut() {
                Some(last) if soft_break && !is_begin(line) && !is_end(line) => {
                    last.bytes.pop();
                    last.bytes.extend_from_slice(line);
                }
                Some(last) if folded => last.bytes.extend_from_slice(&line[1..]),
                _ => {
                    let next = Logical {
                        line: index as u64 + 1,
                        bytes: line.to_vec(),
                    };
                    if let Some(done) = self.pending.replace(next) {
                        return Some((done, false));
                    }
                }
            }
        }
        self.pending.take().map(|last| (last, true))
    }
}

/// A property line taken apart: what comes before the value, and how the value is written.
struct Property<'a> {
    /// `item1.EMAIL;TYPE=work`, as written.
    head: &'a [u8],
    value: &'a [u8],
    qp: bool,
    base64: bool,
    charset: Option<String>,
}

impl<'a> Property<'a> {
    fn of(bytes: &'a [u8]) -> Property<'a> {
        // The value starts at the first colon outside a quoted parameter value.
        let mut quoted = false;
        let colon = bytes.iter().position(|&b| {
            if b == b'"' {
                quoted = !quoted;
            }
            b == b':' && !quoted
        });
        let (head, value) = match colon {
            Some(at) => (&bytes[..at], &bytes[at + 1..]),
            None => (bytes, &bytes[bytes.len()..]),
        };
        let mut property = Property {
            head,
            value,
            qp: false,
            base64: false,
            charset: None,
        };
        for param in head.split(|&b| b == b';').skip(1) {
            let param = String::from_utf8_lossy(param).trim().to_ascii_uppercase();
            let (key, val) = param.split_once('=').unwrap_or(("", &param));
            match (key, val) {
                ("" | "ENCODING", "QUOTED-PRINTABLE") => property.qp = true,
                ("" | "ENCODING", "BASE64" | "B") => property.base64 = true,
                ("CHARSET", label) => property.charset = Some(label.trim_matches('"').into()),
                _ => {}
            }
        }
        property
    }

    /// The property's name without its group: `EMAIL` for `item1.EMAIL;TYPE=work`.
    fn name(&self) -> String {
        let name = self.head.split(|&b| b == b';').next().unwrap_or_default();
        let name = name.rsplit(|&b| b == b'.').next().unwrap_or_default();
        String::from_utf8_lossy(name).trim().to_ascii_uppercase()
    }

    /// The head without the parameters that described the bytes, now that they are decoded.
    fn clean_head(&self) -> String {
        let head = String::from_utf8_lossy(self.head);
        head.split(';')
            .filter(|param| {
                let upper = param.trim().to_ascii_uppercase();
                !(upper == "QUOTED-PRINTABLE"
                    || upper == "ENCODING=QUOTED-PRINTABLE"
                    || upper.starts_with("CHARSET="))
            })
            .collect::<Vec<_>>()
            .join(";")
    }
}

/// Cuts `bytes` (a vCard file's bytes, any byte-order mark gone) into cards: at most
/// `limit + 1` of them, so a file with more than `limit` is known without reading it all.
pub(super) fn split(bytes: &[u8], limit: usize) -> Vec<RawCard> {
    let mut cards = Vec::new();
    let mut open: Option<RawCard> = None;
    // Inside a card embedded in an AGENT property: how many cards deep.
    let mut agent_depth = 0usize;
    // The last property was an AGENT with its value still to come, as a card.
    let mut agent_pending = false;
    // A file that does not end with a line break was cut inside its last line.
    let cut_off = !bytes.ends_with(b"\n");
    for (logical, last) in logical_lines(bytes) {
        if cards.len() > limit {
            return cards;
        }
        let line = logical.bytes.as_slice();
        if agent_depth > 0 {
            if is_begin(line) {
                agent_depth += 1;
            } else if is_end(line) {
                agent_depth -= 1;
            }
            continue;
        }
        let Some(card) = open.as_mut() else {
            // Lines between cards are no one's; a card begins only with BEGIN:VCARD.
            if is_begin(line) {
                open = Some(begin(logical.line));
            }
            continue;
        };
        if line.trim_ascii().is_empty() {
            // A blank line inside a card says nothing.
        } else if is_begin(line) {
            if std::mem::take(&mut agent_pending) {
                agent_depth = 1;
                continue;
            }
            card.remarks.insert(format!(
                "the card that begins at line {} has no END:VCARD before the next card \
                 (line {}): imported with what it holds",
                card.line, logical.line
            ));
            cards.extend(open.replace(begin(logical.line)).map(finish));
        } else if is_end(line) {
            agent_pending = false;
            cards.extend(open.take().map(finish));
        } else if cut_off && last {
            card.remarks.insert(format!(
                "its last line (line {}) was cut off and is left out",
                logical.line
            ));
        } else {
            let property = Property::of(line);
            agent_pending = property.name() == "AGENT" && property.value.trim_ascii().is_empty();
            if !agent_pending {
                push_property(card, &property);
            }
        }
    }
    if let Some(mut card) = open {
        card.remarks.insert(format!(
            "the file ends inside the card that begins at line {} (no END:VCARD: is it cut \
             off?): imported with what it holds",
            card.line
        ));
        cards.push(finish(card));
    }
    cards
}

fn begin(line: u64) -> RawCard {
    RawCard {
        line,
        text: String::from("BEGIN:VCARD\r\n"),
        remarks: BTreeSet::new(),
    }
}

fn finish(mut card: RawCard) -> RawCard {
    card.text.push_str("END:VCARD\r\n");
    card
}

/// Adds one property to the card as UTF-8, its value decoded.
fn push_property(card: &mut RawCard, property: &Property) {
    let name = property.name();
    let looks_qp = !property.qp && !property.base64 && looks_quoted_printable(property.value);
    let value = if property.base64 {
        // A photo or a key: ASCII, and calcard decodes it.
        String::from_utf8_lossy(property.value).into_owned()
    } else if property.qp || looks_qp {
        if looks_qp {
            card.remarks.insert(format!(
                "{name} looks quoted-printable though it does not say so: decoded"
            ));
        }
        // Decoded piece by piece between the separators, as the value's structure is
        // written in the encoded text (`=3B` is a semicolon inside a name, not between two).
        let mut value = String::new();
        for (piece, separator) in pieces(property.value) {
            let bytes = quoted_printable(piece);
            let text = decode(&bytes, property.charset.as_deref(), &name, card);
            value.push_str(&escaped(&unescaped(&text)));
            value.extend(separator.map(char::from));
        }
        value
    } else {
        decode(property.value, property.charset.as_deref(), &name, card)
    };
    card.text.push_str(&property.clean_head());
    card.text.push(':');
    card.text.push_str(&value);
    card.text.push_str("\r\n");
}

/// `bytes` as text: in the named charset, else UTF-8 or (said in a remark) Windows-1252.
fn decode(bytes: &[u8], charset: Option<&str>, name: &str, card: &mut RawCard) -> String {
    if let Some(label) = charset {
        match charset::decode_named(bytes, label) {
            Some(text) => return text.into_owned(),
            None => {
                card.remarks.insert(format!(
                    "{name} names a charset tiesdesk does not know ({label}): read as \
                     UTF-8 or Windows-1252"
                ));
            }
        }
    }
    let (text, read) = charset::utf8_or_windows_1252(bytes);
    if read == Read::Guessed {
        card.remarks.insert(format!(
            "{name} is not UTF-8 and names no charset: read as Windows-1252 (Western)"
        ));
    }
    text.into_owned()
}

/// The value cut at its unescaped `;` and `,`, each piece with the separator after it.
fn pieces(value: &[u8]) -> Vec<(&[u8], Option<u8>)> {
    let mut out = Vec::new();
    let (mut start, mut escape) = (0, false);
    for (at, &b) in value.iter().enumerate() {
        match b {
            _ if escape => escape = false,
            b'\\' => escape = true,
            b';' | b',' => {
                out.push((&value[start..at], Some(b)));
                start = at + 1;
            }
            _ => {}
        }
    }
    out.push((&value[start..], None));
    out
}

fn hex(b: u8) -> Option<u8> {
    char::from(b)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

/// Quoted-printable decoded: `=XX` is a byte, a broken escape is kept as written.
fn quoted_printable(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut at = 0;
    while at < text.len() {
        let byte = text[at];
        let pair = text
            .get(at + 1)
            .copied()
            .and_then(hex)
            .zip(text.get(at + 2).copied().and_then(hex));
        match (byte, pair) {
            (b'=', Some((high, low))) => {
                out.push(high << 4 | low);
                at += 3;
            }
            _ => {
                out.push(byte);
                at += 1;
            }
        }
    }
    out
}

/// Text that is quoted-printable without saying so: every `=` starts an escape, at least one
/// escape is a byte past ASCII, and the decoded bytes are UTF-8 (so `a=b` or a URL's query is
/// left alone).
fn looks_quoted_printable(value: &[u8]) -> bool {
    let mut high = false;
    for (at, &b) in value.iter().enumerate() {
        if b != b'=' {
            continue;
        }
        match (
            value.get(at + 1).copied().and_then(hex),
            value.get(at + 2).copied().and_then(hex),
        ) {
            (Some(h), Some(_)) => high |= h >= 8,
            _ => return false,
        }
    }
    high && std::str::from_utf8(&quoted_printable(value)).is_ok()
}

/// vCard text escapes undone: `\n` is a line break, `\;` `\,` `\\` the character.
fn unescaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(c @ (';' | ',' | '\\')) => out.push(c),
            // Not an escape: the backslash is the text's own.
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Text escaped for a vCard value, line breaks as `\n`.
fn escaped(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | ';' | ',' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;
