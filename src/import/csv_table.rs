//! The CSV exports as a table: a header row found by its names (anywhere near the top, since
//! LinkedIn puts a note before it), then rows read by column name, each with its line number.

use std::collections::HashMap;

use super::charset::{self, Read};
use super::{Parsed, Place};
use crate::error::{Error, Result};

/// How many records may come before the header (LinkedIn's note takes about three).
const HEADER_SEARCH: usize = 20;

/// The longest row read: a row is a person, a few hundred bytes; one longer (a quote left
/// open, running over thousands of lines) is not read, and said.
const MAX_ROW: usize = 1024 * 1024;

pub(super) struct Table {
    columns: HashMap<String, usize>,
    names: Vec<String>,
    pub rows: Vec<Row>,
    /// The line of the last row, when the file ends in the middle of it.
    cut_off: Option<u64>,
    /// The lines of rows longer than [`MAX_ROW`], not read.
    too_long: Vec<u64>,
}

pub(super) struct Row {
    pub line: u64,
    cells: Vec<String>,
    /// A cell was not UTF-8 and was read as Windows-1252.
    guessed: bool,
}

impl Table {
    /// Reads `text` (bytes), taking as header the first record for which `is_header` holds (given the
    /// record's cells, trimmed and lowercased). `what` names the format for the error. Fields
    /// are separated by commas, or by semicolons when that is how the header reads: a
    /// spreadsheet in much of Europe saves a CSV that way. Each cell is decoded on its own:
    /// UTF-8 where it is, Windows-1252 where it is not (a spreadsheet that re-saved one row),
    /// so one stray byte does not garble every other name.
    pub fn read(text: &[u8], what: &str, is_header: impl Fn(&[String]) -> bool) -> Result<Table> {
        for separator in [b',', b';'] {
            if let Some(table) = Table::read_separated(text, what, &is_header, separator)? {
                return Ok(table);
            }
        }
        Err(Error::invalid(format!(
            "this is not {what}: no header row with the expected column names \
             (fields separated by commas or semicolons)"
        )))
    }

    /// `read` with fields separated by `separator`; none when no header was found.
    fn read_separated(
        text: &[u8],
        what: &str,
        is_header: &impl Fn(&[String]) -> bool,
        separator: u8,
    ) -> Result<Option<Table>> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(separator)
            .from_reader(text);
        let mut header: Option<Vec<String>> = None;
        let mut rows = Vec::new();
        let mut too_long = Vec::new();
        // Lines counted from byte offsets: the reader's own count skips blank lines.
        let (mut counted_to, mut line) = (0usize, 1u64);
        for (index, record) in reader.byte_records().enumerate() {
            let record = record.map_err(|e| {
                Error::invalid(format!("this is not {what}: the CSV cannot be read ({e})"))
            })?;
            // The reader may place a record at the line break before it.
            let mut start = record
                .position()
                .map_or(counted_to, |p| {
                    usize::try_from(p.byte()).unwrap_or(counted_to)
                })
                .max(counted_to);
            while matches!(text.get(start), Some(b'\r' | b'\n')) {
                start += 1;
            }
            let skipped = text.get(counted_to..start).unwrap_or_default();
            line += skipped.iter().filter(|&&b| b == b'\n').count() as u64;
            counted_to = start.max(counted_to);
            if header.is_some() && record.as_slice().len() > MAX_ROW {
                too_long.push(line);
                continue;
            }
            let mut guessed = false;
            let cells: Vec<String> = record
                .iter()
                .map(|cell| {
                    let (text, read) = charset::utf8_or_windows_1252(cell);
                    guessed |= read == Read::Guessed;
                    text.trim().to_string()
                })
                .collect();
            if header.is_some() {
                if rows.len() == super::MAX_PEOPLE {
                    return Err(super::too_many_people("rows"));
                }
                rows.push(Row {
                    line,
                    cells,
                    guessed,
                });
                continue;
            }
            let lowered: Vec<String> = cells.iter().map(|c| c.to_lowercase()).collect();
            if is_header(&lowered) {
                header = Some(lowered);
            } else if index >= HEADER_SEARCH {
                break;
            }
        }
        let Some(names) = header else {
            return Ok(None);
        };
        // A last row short of cells with no line break after it: the file was cut off in
        // its last cell. The whole cells are kept and the cut one left out, as a vCard cut
        // off keeps its whole lines.
        let unfinished = !text.ends_with(b"\n") && !text.ends_with(b"\r");
        let mut cut_off = None;
        if let Some(last) = rows
            .last_mut()
            .filter(|row| unfinished && row.cells.len() < names.len())
        {
            last.cells.pop();
            cut_off = Some(last.line);
        }
        let mut columns = HashMap::new();
        for (index, name) in names.iter().enumerate() {
            columns.entry(name.clone()).or_insert(index);
        }
        Ok(Some(Table {
            columns,
            names,
            rows,
            cut_off,
            too_long,
        }))
    }

    /// The header's column names, lowercased, in order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.get(name).copied()
    }

    /// Warns about each row whose text was not UTF-8 and was read as Windows-1252, and about
    /// a last row the file was cut off in.
    pub fn warn_about_reading(&self, parsed: &mut Parsed) {
        for row in self.rows.iter().filter(|row| row.guessed) {
            parsed.warn(
                Place::Line(row.line),
                "its text is not UTF-8: read as Windows-1252 (Western European)",
            );
        }
        for &line in &self.too_long {
            parsed.skip(
                Place::Line(line),
                "a row longer than 1 MB (a quote left open?): not read",
            );
        }
        if let Some(line) = self.cut_off {
            parsed.warn(
                Place::Line(line),
                "the file ends in the middle of this row (is it cut off?): its last cell \
                 is left out",
            );
        }
    }
}

impl Row {
    /// The trimmed cell in `column`, or "" when the column or the cell is missing.
    pub fn get(&self, column: Option<usize>) -> &str {
        column
            .and_then(|c| self.cells.get(c))
            .map_or("", String::as_str)
    }

    pub fn cell(&self, index: usize) -> &str {
        self.cells.get(index).map_or("", String::as_str)
    }

    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(String::is_empty)
    }
}
