//! Bytes to text with a real encoding library (`encoding_rs`, the WHATWG encodings): the
//! charset a file names when it names one, else UTF-8 when the bytes are UTF-8, else
//! Windows-1252 — what a Western spreadsheet or an old phone most likely wrote — said so.

use std::borrow::Cow;

use encoding_rs::{Encoding, WINDOWS_1252};

/// How the text was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Read {
    /// As the file said, or as UTF-8 that was valid.
    AsWritten,
    /// Not valid UTF-8 and no charset named: read as Windows-1252, a guess.
    Guessed,
}

/// `bytes` as UTF-8 when they are, else as Windows-1252.
pub(super) fn utf8_or_windows_1252(bytes: &[u8]) -> (Cow<'_, str>, Read) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), Read::AsWritten),
        Err(_) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            (text, Read::Guessed)
        }
    }
}

/// `bytes` in the charset `label` names (`windows-1251`, `Shift_JIS`, `KOI8-R`…); `None`
/// when the label names no charset we know. Bytes the charset has no character for become
/// U+FFFD.
pub(super) fn decode_named<'b>(bytes: &'b [u8], label: &str) -> Option<Cow<'b, str>> {
    let encoding = Encoding::for_label(label.trim().trim_matches('"').as_bytes())?;
    Some(encoding.decode_without_bom_handling(bytes).0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_when_valid_else_windows_1252() {
        assert_eq!(
            utf8_or_windows_1252("Niño".as_bytes()),
            (Cow::Borrowed("Niño"), Read::AsWritten)
        );
        let (text, read) = utf8_or_windows_1252(b"Ni\xF1o \x80");
        assert_eq!((text.as_ref(), read), ("Niño €", Read::Guessed));
    }

    #[test]
    fn named_charsets() {
        let cyrillic = decode_named(b"\xC2\xE0\xF1\xFF", "windows-1251").unwrap();
        assert_eq!(cyrillic, "Вася");
        let japanese = decode_named(b"\x93\xFA\x96\x7B", "Shift_JIS").unwrap();
        assert_eq!(japanese, "日本");
        assert_eq!(decode_named(b"\xE9", "\"ISO-8859-1\"").unwrap(), "é");
        assert!(decode_named(b"x", "klingon-7").is_none());
    }
}
