//! Text that came from a file or the database, made safe to show. A terminal obeys control
//! characters: an escape sequence hidden in a company name can set the window title, clear the
//! screen or write the clipboard (OSC 52). Before any such text reaches a terminal, every
//! control character is replaced by a visible stand-in.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Characters that reorder the text around them (bidirectional overrides and isolates): they
/// make a line read differently from what it holds, so they are shown too.
fn is_reordering(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A character a terminal would act on rather than show (line breaks and tabs aside).
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_reordering(c)
}

/// True when `text` may hold an unsafe character, by its bytes alone: a C0 code or DEL, a
/// C1 code (0xC2 0x80–0x9F), or a reordering mark (0xE2 0x80 0xAA–0xAE, 0xE2 0x81 0xA6–0xA9).
/// Text is valid UTF-8, so a lead byte is followed by its continuation bytes. A byte scan of
/// a large output is many times faster than decoding every character; "·", "…" or "é" (other
/// two- and three-byte characters) do not slow it.
fn may_be_unsafe(text: &str) -> bool {
    // A byte that may start something unsafe. Folded over a block with `|` and no early exit,
    // this compiles to vector instructions; only a block that has one is looked at closely.
    fn lead(b: u8) -> bool {
        (b < 0x20 && b != b'\n' && b != b'\t') | (b == 0x7f) | (b == 0xc2) | (b == 0xe2)
    }
    const BLOCK: usize = 64;
    let bytes = text.as_bytes();
    bytes.chunks(BLOCK).enumerate().any(|(n, block)| {
        block.iter().fold(false, |seen, &b| seen | lead(b))
            && (n * BLOCK..n * BLOCK + block.len()).any(|at| match bytes[at] {
                b'\n' | b'\t' => false,
                0x00..=0x1f | 0x7f => true,
                0xc2 => bytes.get(at + 1).is_some_and(|n| (0x80..=0x9f).contains(n)),
                0xe2 => match (bytes.get(at + 1), bytes.get(at + 2)) {
                    (Some(0x80), Some(n)) => (0xaa..=0xae).contains(n),
                    (Some(0x81), Some(n)) => (0xa6..=0xa9).contains(n),
                    _ => false,
                },
                _ => false,
            })
    })
}

/// `text` with every control character made visible: `^[` for ESC and the other C0 codes in
/// caret notation, `^?` for DEL, `<U+009B>` for C1 codes and reordering marks. Line breaks
/// and tabs are kept. Text without any comes back as it is, without a copy.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !may_be_unsafe(text) {
        return Cow::Borrowed(text);
    }
    let mut shown = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if !is_unsafe(c) => shown.push(c),
            '\u{7f}' => shown.push_str("^?"),
            c if (c as u32) < 0x20 => {
                shown.push('^');
                shown.push(char::from(b'@' + c as u8));
            }
            c => {
                let _ = write!(shown, "<U+{:04X}>", c as u32);
            }
        }
    }
    Cow::Owned(shown)
}

/// "1 paper tie", "3 paper ties": `n` with the word in the number it needs (the plural is an
/// `s` added, as for every word counted on screen).
pub fn counted<N: std::fmt::Display + PartialEq + From<u8>>(n: N, word: &str) -> String {
    if n == N::from(1) {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// How many columns `text` takes on a terminal: a CJK character or an emoji takes two, a
/// combining mark none.
pub fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// `text` cut to `columns` with an ellipsis when it is longer, as the terminal draws it.
pub fn truncate(text: &str, columns: usize) -> String {
    use unicode_truncate::UnicodeTruncateStr;
    if width(text) <= columns {
        return text.to_string();
    }
    let (kept, _) = text.unicode_truncate(columns.saturating_sub(1));
    format!("{kept}…")
}

/// `text` in exactly `columns` columns: cut with an ellipsis, or padded with spaces.
pub fn fit(text: &str, columns: usize) -> String {
    use unicode_truncate::{Alignment, UnicodeTruncateStr};
    // A wide character that does not fit whole leaves a column, which the padding fills.
    truncate(text, columns)
        .unicode_pad(columns, Alignment::Left, true)
        .into_owned()
}

/// `text` in lines of at most `width` columns, broken between words. A word longer than
/// a line gets a line of its own (whoever draws it cuts it).
pub fn wrap(text: &str, columns: usize) -> Vec<String> {
    let columns = columns.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split_whitespace() {
        let len = width(word);
        if used > 0 && used + 1 + len > columns {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if used > 0 {
            line.push(' ');
            used += 1;
        }
        line.push_str(word);
        used += len;
    }
    lines.push(line);
    lines
}

/// JSON whose strings hold no character a terminal would obey: serde_json escapes C0 codes
/// but writes DEL, C1 codes and reordering marks as they are. Each becomes `\uXXXX`, which
/// means the same character to any JSON reader. (Outside strings JSON has none of them.)
pub fn json_escaped(json: String) -> String {
    if !may_be_unsafe(&json) {
        return json;
    }
    let mut escaped = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe(c) {
            let _ = write!(escaped, "\\u{:04x}", c as u32);
        } else {
            escaped.push(c);
        }
    }
    escaped
}

/// A writer of JSON that escapes, as it passes, what `json_escaped` escapes: a document of
/// hundreds of megabytes is written onto a file or a pipe without being held whole. Writes
/// may cut a character in two; its first bytes wait for the rest.
pub struct SafeJson<W: std::io::Write> {
    inner: W,
    /// The start of a character the last write cut.
    carry: Vec<u8>,
}

impl<W: std::io::Write> SafeJson<W> {
    pub fn new(inner: W) -> SafeJson<W> {
        SafeJson {
            inner,
            carry: Vec::new(),
        }
    }

    /// The writer underneath, once everything was written.
    pub fn into_inner(self) -> W {
        self.inner
    }

    fn write_text(&mut self, text: &str) -> std::io::Result<()> {
        if !may_be_unsafe(text) {
            return self.inner.write_all(text.as_bytes());
        }
        let mut from = 0;
        for (at, c) in text.char_indices() {
            if is_unsafe(c) {
                self.inner.write_all(&text.as_bytes()[from..at])?;
                write!(self.inner, "\\u{:04x}", c as u32)?;
                from = at + c.len_utf8();
            }
        }
        self.inner.write_all(&text.as_bytes()[from..])
    }
}

impl<W: std::io::Write> std::io::Write for SafeJson<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        let joined;
        let bytes = if self.carry.is_empty() {
            buf
        } else {
            let mut carried = std::mem::take(&mut self.carry);
            carried.extend_from_slice(buf);
            joined = carried;
            &joined[..]
        };
        let (text, rest) = match std::str::from_utf8(bytes) {
            Ok(text) => (text, &[][..]),
            Err(cut) if cut.error_len().is_none() => {
                let (text, rest) = bytes.split_at(cut.valid_up_to());
                (std::str::from_utf8(text).unwrap_or_default(), rest)
            }
            // serde_json writes UTF-8; anything else passes as it is.
            Err(_) => return self.inner.write_all(bytes),
        };
        let rest = rest.to_vec();
        self.write_text(text)?;
        self.carry = rest;
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.carry.is_empty() {
            let cut = std::mem::take(&mut self.carry);
            self.inner.write_all(&cut)?;
        }
        self.inner.flush()
    }
}

/// A character that shows nothing and takes no room: a zero-width space, the word joiner, a
/// byte-order mark inside text, a soft hyphen, the Mongolian vowel separator. In a name it
/// breaks columns and can make two names look alike.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' | '\u{180E}' | '\u{2061}'..='\u{2064}'
    )
}

/// The zero-width joiner and non-joiner: needed inside a word of some scripts (Persian,
/// Hindi) and an emoji sequence (👩‍💻), hidden anywhere else.
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// `text` with what no one should find in a value removed — control characters (line breaks
/// and tabs kept only if `keep_lines`; otherwise they become spaces), reordering marks, and
/// invisible characters (a joiner only where it joins nothing: next to a space, a Latin letter
/// or the edge) — and the count of characters removed. The one rule for text from every
/// file tiesdesk reads (imports remove with a warning) and every value typed (refused, to be
/// typed again).
pub fn without_controls(text: &str, keep_lines: bool) -> (String, bool) {
    let (cleaned, removed) = cleaned(text, keep_lines);
    (cleaned, removed > 0)
}

/// [`without_controls`], with how many characters went.
pub fn cleaned(text: &str, keep_lines: bool) -> (String, usize) {
    let plain = |c: char| {
        !is_unsafe(c)
            && !is_invisible(c)
            && !is_joiner(c)
            && c != '\r'
            && (keep_lines || (c != '\n' && c != '\t'))
    };
    if text.chars().all(plain) {
        return (text.to_string(), 0);
    }
    // A CR LF pair is a line break; a lone CR becomes one.
    let text = text.replace("\r\n", "\n");
    let chars: Vec<char> = text
        .chars()
        .map(|c| match c {
            '\r' if keep_lines => '\n',
            '\r' | '\n' | '\t' if !keep_lines => ' ',
            c => c,
        })
        .collect();
    // A joiner stays only between two characters it can join.
    let joins = |c: Option<&char>| c.is_some_and(|c| !c.is_ascii() && !c.is_whitespace());
    let mut kept = String::with_capacity(text.len());
    let mut removed = 0;
    for (at, &c) in chars.iter().enumerate() {
        let keep = if is_joiner(c) {
            at > 0 && joins(chars.get(at - 1)) && joins(chars.get(at + 1))
        } else {
            (!is_unsafe(c) || c == '\n' || c == '\t') && !is_invisible(c)
        };
        if keep {
            kept.push(c);
        } else {
            removed += 1;
        }
    }
    (kept, removed)
}

/// `text` quoted for a shell when it needs to be.
pub fn shell_word(text: &str) -> String {
    let plain = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-~+:@".contains(c));
    if plain && !text.is_empty() {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// Written in any cuts, even inside a character, the writer gives what
        /// `json_escaped` gives for the whole.
        #[test]
        fn the_writer_escapes_as_the_whole_document_would(
            text in "(\\PC|[\u{0}-\u{1f}\u{7f}-\u{9f}\u{202a}-\u{202e}\u{2066}-\u{2069}é…·]){0,80}",
            cuts in proptest::collection::vec(0usize..400, 0..8),
        ) {
            use std::io::Write;
            let bytes = text.as_bytes();
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c % (bytes.len() + 1)).collect();
            cuts.push(bytes.len());
            cuts.sort_unstable();
            let mut writer = super::SafeJson::new(Vec::new());
            let mut from = 0;
            for cut in cuts {
                writer.write_all(&bytes[from..cut]).unwrap();
                from = cut;
            }
            writer.flush().unwrap();
            let written = String::from_utf8(writer.into_inner()).unwrap();
            prop_assert_eq!(written, super::json_escaped(text.clone()));
        }
    }

    #[test]
    fn controls_and_invisible_characters_go_and_joiners_stay_where_they_join() {
        let clean = |text: &str| super::cleaned(text, false);
        assert_eq!(clean("Ana Lima"), ("Ana Lima".to_string(), 0));
        assert_eq!(clean("An\u{200B}a\u{1b}[2J"), ("Ana[2J".to_string(), 2));
        assert_eq!(clean("\u{FEFF}Bo\u{200D}Chen"), ("BoChen".to_string(), 2));
        assert_eq!(clean("a\tb\nc"), ("a b c".to_string(), 0));
        // An emoji sequence and a Persian word keep their joiners.
        assert_eq!(clean("👩\u{200D}💻"), ("👩\u{200D}💻".to_string(), 0));
        assert_eq!(clean("می\u{200C}خواهم"), ("می\u{200C}خواهم".to_string(), 0));
        assert_eq!(
            super::cleaned("a\r\nb\u{85}", true),
            ("a\nb".to_string(), 1)
        );
    }

    /// The byte scan is the only check `visible` and `json_escaped` make: it must find
    /// exactly the characters `is_unsafe` names, alone and among other text.
    #[test]
    fn the_byte_scan_finds_exactly_the_unsafe_characters() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let alone = c.encode_utf8(&mut [0; 4]).to_string();
            let code = c as u32;
            assert_eq!(
                super::may_be_unsafe(&alone),
                super::is_unsafe(c),
                "U+{code:04X}"
            );
            let among = format!("a·{alone}…é");
            assert_eq!(
                super::may_be_unsafe(&among),
                super::is_unsafe(c),
                "U+{code:04X}"
            );
        }
    }

    #[test]
    fn wrap_breaks_between_words() {
        assert_eq!(super::wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(
            super::wrap("a verylongword b", 4),
            ["a", "verylongword", "b"]
        );
        assert_eq!(super::wrap("", 4), [""]);
        // Wide characters count as the two columns they take.
        assert_eq!(
            super::wrap("王小明 李四 张三", 7),
            ["王小明", "李四", "张三"]
        );
        assert_eq!(super::wrap("王小 李四 x", 9), ["王小 李四", "x"]);
    }

    #[test]
    fn fitting_counts_columns_not_characters() {
        assert_eq!(super::width("Zoë"), 3);
        assert_eq!(super::width("王小明"), 6);
        assert_eq!(super::width("🌍"), 2);
        // Cut with an ellipsis within the columns, then padded to them exactly.
        for (text, columns) in [
            ("王小明", 4),
            ("王小明", 5),
            ("王小明", 6),
            ("Zoë 🌍 Okafor", 6),
            ("Ana", 8),
            ("株式会社テスト", 10),
        ] {
            let fitted = super::fit(text, columns);
            assert_eq!(
                super::width(&fitted),
                columns,
                "{text:?} in {columns}: {fitted:?}"
            );
        }
        assert_eq!(super::fit("王小明", 6), "王小明");
        assert_eq!(super::fit("王小明", 5), "王小…");
        assert_eq!(super::fit("王小明", 4), "王… ");
        assert_eq!(super::truncate("王小明", 5), "王小…");
        assert_eq!(super::truncate("Ana", 5), "Ana");
    }

    use super::*;

    #[test]
    fn escapes_are_shown_not_obeyed() {
        let title = "Acme\u{1b}]0;owned\u{7}";
        assert_eq!(visible(title), "Acme^[]0;owned^G");
        let clipboard = "\u{1b}]52;c;ZWNobyBoaQ==\u{1b}\\";
        assert!(!visible(clipboard).contains('\u{1b}'));
        assert_eq!(visible("a\u{9b}2J b\u{7f}"), "a<U+009B>2J b^?");
        assert_eq!(visible("abc\u{202E}fdp.exe"), "abc<U+202E>fdp.exe");
        assert_eq!(visible("line one\nline\ttwo"), "line one\nline\ttwo");
        assert_eq!(visible("back\rwards"), "back^Mwards");
        assert!(matches!(visible("Zoë Ødegaard"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_strings_escape_what_serde_leaves() {
        let json = serde_json::to_string(&"a\u{9b}b\u{7f}\u{202e}").unwrap();
        let escaped = json_escaped(json);
        assert_eq!(escaped, r#""a\u009bb\u007f\u202e""#);
        let back: String = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, "a\u{9b}b\u{7f}\u{202e}");
    }

    #[test]
    fn imported_values_lose_their_controls() {
        assert_eq!(
            without_controls("Acme\u{1b}[2J Corp", false),
            ("Acme[2J Corp".to_string(), true)
        );
        assert_eq!(
            without_controls("one\r\ntwo\tthree", true),
            ("one\ntwo\tthree".to_string(), false)
        );
        assert_eq!(
            without_controls("one\ntwo", false),
            ("one two".to_string(), false)
        );
        assert_eq!(
            without_controls("plain", false),
            ("plain".to_string(), false)
        );
    }
}
