//! What a message's header holds, read for the capture: its text (8-bit bytes as
//! Windows-1252), its addresses with their display names, and senders that are machines.

use std::borrow::Cow;

use mail_parser::Address;

use super::super::capture::{clean_name, is_address};

/// A header block as text: UTF-8 as it is; a block with 8-bit bytes that are not UTF-8 (a raw
/// Latin-1 name, as old mailers write) has each such line read as Windows-1252, as the
/// contacts import reads a file without a charset.
pub(super) fn decoded_headers(block: &[u8]) -> Cow<'_, [u8]> {
    if std::str::from_utf8(block).is_ok() {
        return Cow::Borrowed(block);
    }
    let mut text = Vec::with_capacity(block.len() + 64);
    for line in block.split_inclusive(|&b| b == b'\n') {
        match std::str::from_utf8(line) {
            Ok(_) => text.extend_from_slice(line),
            Err(_) => {
                let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(line);
                text.extend_from_slice(decoded.as_bytes());
            }
        }
    }
    Cow::Owned(text)
}

/// Each address in a header: lowercase e-mail, and the display name cleaned for a terminal.
/// Each address in a header, with its display name cleaned (`cleaned` counts the names that
/// had control or invisible characters removed).
pub(super) fn addresses(
    header: Option<&Address>,
    cleaned: &mut usize,
) -> Vec<(String, Option<String>)> {
    let Some(header) = header else {
        return Vec::new();
    };
    header
        .iter()
        .filter_map(|addr| {
            let email = addr.address()?.trim().to_lowercase();
            if !is_address(&email) {
                return None;
            }
            let name = addr.name().and_then(|n| {
                *cleaned += usize::from(crate::text::without_controls(n, false).1);
                clean_name(n, &email)
            });
            Some((email, name))
        })
        .collect()
}

pub(super) fn first_address(
    header: Option<&Address>,
    cleaned: &mut usize,
) -> Option<(String, Option<String>)> {
    addresses(header, cleaned).into_iter().next()
}

/// Addresses machines send from: no-reply, notifications, bounces.
pub(super) fn is_automatic_sender(email: &str) -> bool {
    let local = email.split('@').next().unwrap_or("");
    let local = local.replace(['-', '_', '.'], "");
    const MARKS: [&str; 8] = [
        "noreply",
        "donotreply",
        "mailerdaemon",
        "postmaster",
        "bounce",
        "notification",
        "notify",
        "noresponse",
    ];
    MARKS.iter().any(|mark| local.contains(mark))
}
