//! `tiesdesk check`: everything that is wrong with the file, each problem one line with the
//! table it is in — SQLite's integrity check, references, the history cache, undo records,
//! and stored values this build does not know.

use super::{Problem, Store, journal};
use crate::error::Result;

impl Store {
    /// The tables by root page, and each index's table: to say where a problem is.
    fn tables_by_page(&self) -> std::collections::HashMap<i64, (String, String)> {
        let mut by_page = std::collections::HashMap::new();
        if let Ok(mut statement) = self
            .conn
            .prepare("SELECT rootpage, name, tbl_name FROM sqlite_schema WHERE rootpage > 0")
        {
            let rows = statement.query_map([], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                ))
            });
            if let Ok(rows) = rows {
                for (page, name, table) in rows.flatten() {
                    by_page.insert(page, (name, table));
                }
            }
        }
        by_page
    }

    /// Everything that is wrong with the file, or nothing: SQLite's own integrity check, the
    /// references between tables, the history cache against the log it caches, and the undo
    /// records. Each problem is one line, with the table it is in when that is known.
    pub fn check(&self) -> Result<Vec<Problem>> {
        let by_page = self.tables_by_page();
        let table_of = |line: &str| -> Option<String> {
            // "Tree 12 page 34 cell 5: …" names a table or index by its root page; "… in index
            // NAME" / "index NAME" names an index; "NULL value in T.C", a table.
            if let Some(rest) = line.strip_prefix("Tree ") {
                let page: i64 = rest.split_whitespace().next()?.parse().ok()?;
                return by_page.get(&page).map(|(_, table)| table.clone());
            }
            if let Some((_, after)) = line.split_once("index ") {
                let index = after.split_whitespace().next()?;
                return by_page
                    .values()
                    .find(|(name, _)| name == index)
                    .map(|(_, table)| table.clone());
            }
            if let Some((_, after)) = line.split_once(" value in ") {
                return after.split('.').next().map(str::to_string);
            }
            None
        };
        let mut problems = Vec::new();
        let mut rows = |sql: &str, what: &str, tables: bool| -> Result<()> {
            let problem = |line: &str| Problem {
                table: if tables {
                    table_of(line)
                } else {
                    line.split_whitespace().next().map(str::to_string)
                },
                text: format!("{what}: {}", crate::error::one_line(line)),
            };
            let mut statement = match self.conn.prepare(sql) {
                Ok(statement) => statement,
                Err(e) => {
                    problems.push(Problem {
                        table: None,
                        text: format!("{what}: {}", crate::error::one_line(&e.to_string())),
                    });
                    return Ok(());
                }
            };
            let mut found = statement.query([])?;
            // SQLite gives its findings a row each (the first may hold many lines), and may
            // stop with an error of its own where the damage goes deepest: what it found up
            // to there is kept.
            loop {
                match found.next() {
                    Ok(Some(row)) => {
                        let text: String = row.get(0).unwrap_or_default();
                        for line in text.lines() {
                            let line = line.trim();
                            if line != "ok" && !line.is_empty() && !line.starts_with("***") {
                                problems.push(problem(line));
                            }
                        }
                    }
                    Ok(None) => break,
                    Err(e) => {
                        problems.push(Problem {
                            table: None,
                            text: format!(
                                "{what}: stopped here: {}",
                                crate::error::one_line(&e.to_string())
                            ),
                        });
                        break;
                    }
                }
            }
            Ok(())
        };
        rows(
            "PRAGMA integrity_check(1000)",
            "SQLite integrity check",
            true,
        )?;
        rows(
            "SELECT format('%s row %s refers to a missing %s', \"table\", rowid, parent) \
             FROM pragma_foreign_key_check",
            "references",
            false,
        )?;
        if problems.is_empty() {
            let history = |text: String| Problem {
                table: Some("history".into()),
                text,
            };
            match (self.histories(), self.histories_from_log()) {
                (Ok(cached), Ok(log)) if cached == log => {}
                (Ok(_), Ok(_)) => problems.push(history(
                    "history cache: it differs from the interaction log (undo or a repair \
                     through another tool may have left it behind)"
                        .into(),
                )),
                (Err(e), _) | (_, Err(e)) => problems.push(history(format!("history cache: {e}"))),
            }
            problems.extend(self.unknown_values()?);
            problems.extend(super::gids::missing(&self.conn)?);
            let mut statement = self.conn.prepare("SELECT id, undo FROM journal")?;
            let entries = statement
                .query_map([], |row| {
                    Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for (id, undo) in entries {
                if serde_json::from_str::<Vec<journal::UndoStep>>(&undo).is_err() {
                    problems.push(Problem {
                        table: Some("journal".into()),
                        text: format!("undo record {id}: it cannot be read"),
                    });
                }
            }
        }
        Ok(problems)
    }

    /// Stored kinds, directions and sources this build does not know (the tables hold no
    /// list of them since v9: the program keeps it), one problem per column.
    fn unknown_values(&self) -> Result<Vec<Problem>> {
        use crate::model::{CaptureSource, Direction, Kind, Source};
        /// A column, what it holds (for the message), and every value this build knows.
        type Column = (&'static str, &'static str, Vec<String>);
        let names = |all: &mut dyn Iterator<Item = &'static str>| -> Vec<String> {
            all.map(|name| format!("'{name}'")).collect()
        };
        let codes = |all: &mut dyn Iterator<Item = u8>| -> Vec<String> {
            all.map(|code| code.to_string()).collect()
        };
        let tables: [(&str, Vec<Column>); 3] = [
            (
                "interaction",
                vec![
                    (
                        "kind",
                        "kind",
                        names(&mut Kind::ALL.iter().map(|k| k.as_str())),
                    ),
                    (
                        "direction",
                        "direction",
                        names(&mut Direction::ALL.iter().map(|d| d.as_str())),
                    ),
                    (
                        "source",
                        "capture source",
                        names(&mut CaptureSource::ALL.iter().map(|c| c.as_str())),
                    ),
                ],
            ),
            (
                "contact",
                vec![
                    (
                        "kind",
                        "kind code",
                        codes(&mut Kind::ALL.iter().map(|k| k.code())),
                    ),
                    (
                        "direction",
                        "direction code",
                        codes(&mut Direction::ALL.iter().map(|d| d.code())),
                    ),
                ],
            ),
            (
                "person",
                vec![(
                    "source",
                    "source",
                    names(&mut Source::ALL.iter().map(|s| s.as_str())),
                )],
            ),
        ];
        let mut problems = Vec::new();
        for (table, columns) in tables {
            // One scan of the table gives only the rows with a value not known (none, in a
            // sound file), however many columns are judged.
            let unknown = |(column, _, known): &Column| {
                format!(
                    "({column} IS NOT NULL AND {column} NOT IN ({}))",
                    known.join(", ")
                )
            };
            let judged: Vec<String> = columns.iter().map(unknown).collect();
            let listed: Vec<String> = columns
                .iter()
                .map(|(column, _, _)| format!("CAST({column} AS TEXT)"))
                .collect();
            let sql = format!(
                "SELECT {} FROM {table} WHERE {}",
                listed.join(", "),
                judged.join(" OR ")
            );
            let mut statement = self.conn.prepare(&sql)?;
            let mut rows = statement.query([])?;
            let mut counted: Vec<std::collections::BTreeMap<String, i64>> =
                vec![std::collections::BTreeMap::new(); columns.len()];
            while let Some(row) = rows.next()? {
                for (at, (_, _, known)) in columns.iter().enumerate() {
                    let value: Option<String> = row.get(at)?;
                    let Some(value) = value else { continue };
                    let quoted = if table == "contact" {
                        value.clone()
                    } else {
                        format!("'{value}'")
                    };
                    if !known.contains(&quoted) {
                        *counted[at].entry(value).or_default() += 1;
                    }
                }
            }
            for ((_, what, _), found) in columns.iter().zip(counted) {
                let found: Vec<(String, i64)> = found.into_iter().collect();
                problems.extend(unknown_problem(table, what, &found));
            }
        }
        Ok(problems)
    }
}

/// One line for the values of `what` in `table` this build does not know, with their counts.
fn unknown_problem(table: &str, what: &str, unknown: &[(String, i64)]) -> Option<Problem> {
    if unknown.is_empty() {
        return None;
    }
    let rows: i64 = unknown.iter().map(|(_, count)| count).sum();
    let values: Vec<String> = unknown
        .iter()
        .take(5)
        .map(|(value, _)| format!("'{}'", crate::text::visible(value)))
        .collect();
    Some(Problem {
        table: Some(table.to_string()),
        text: format!(
            "{table}: {rows} {} a {what} this tiesdesk does not know ({}); a newer tiesdesk may \
             have written {}",
            if rows == 1 { "row has" } else { "rows have" },
            values.join(", "),
            if rows == 1 { "it" } else { "them" }
        ),
    })
}
