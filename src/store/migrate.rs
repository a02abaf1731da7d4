//! The schema's forward steps: each migration, in order, keyed on `PRAGMA user_version`, run
//! in one transaction (after `open` has made a backup), with the steps SQL alone cannot do.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use crate::error::{Error, Result};

/// Written into the SQLite header so a foreign database is never mistaken for ours ("Ties").
pub(super) const APPLICATION_ID: i64 = 0x5469_6573;

/// One forward step of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
    /// What SQL alone cannot do, run after `sql` in the same transaction.
    pub code: Option<fn(&rusqlite::Transaction<'_>) -> rusqlite::Result<()>>,
}

/// One migration from its file in `assets/migrations`.
macro_rules! migration {
    ($version:literal, $name:literal, $file:literal) => {
        migration!($version, $name, $file, None)
    };
    ($version:literal, $name:literal, $file:literal, $code:expr) => {
        Migration {
            version: $version,
            name: $name,
            sql: include_str!(concat!("../../assets/migrations/", $file)),
            code: $code,
        }
    };
}

pub const MIGRATIONS: &[Migration] = &[
    migration!(1, "initial", "0001_initial.sql"),
    migration!(
        2,
        "origin and introducer index",
        "0002_origin_and_introducer_index.sql"
    ),
    migration!(3, "note search", "0003_note_search.sql"),
    migration!(4, "captured interactions", "0004_captured_interactions.sql"),
    migration!(5, "people found in mail", "0005_people_found_in_mail.sql"),
    migration!(6, "promises", "0006_promises.sql"),
    migration!(7, "needs and dates", "0007_needs_and_dates.sql"),
    migration!(8, "history everywhere", "0008_history_everywhere.sql"),
    migration!(
        9,
        "open kinds and sources",
        "0009_open_kinds_and_sources.sql",
        Some(open_value_lists)
    ),
    migration!(10, "changes recorded", "0010_changes_recorded.sql"),
    migration!(11, "thanks", "0011_thanks.sql"),
    migration!(12, "thanks waiting", "0012_thanks_waiting.sql"),
    migration!(
        13,
        "offers and introductions",
        "0013_offers_and_introductions.sql"
    ),
    migration!(14, "on call", "0014_on_call.sql"),
    migration!(15, "dismissed links", "0015_dismissed_links.sql"),
    migration!(
        16,
        "global ids",
        "0016_global_ids.sql",
        Some(super::gids::assign_all)
    ),
    migration!(
        17,
        "operations",
        "0017_operations.sql",
        Some(super::oplog::make_device)
    ),
    migration!(
        18,
        "dismissal ids",
        "0018_dismissal_ids.sql",
        Some(super::gids::assign_dismissals)
    ),
    migration!(19, "sync state", "0019_sync_state.sql"),
    migration!(20, "old keys", "0020_old_keys.sql"),
    migration!(21, "chat handles", "0021_chat_handles.sql"),
];

/// The columns whose allowed values the program keeps (v9), by table.
const OPEN_COLUMNS: [(&str, &[&str]); 3] = [
    ("interaction", &["kind", "source"]),
    ("contact", &["kind"]),
    ("person", &["source"]),
];

/// Removes from each table's definition the CHECKs that list an open column's values, in
/// place: a CHECK constrains no stored byte, so no row is touched. Then the schema's version
/// moves on, so this and every other connection reads the definitions again.
fn open_value_lists(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    let mut edited = false;
    tx.execute_batch("PRAGMA writable_schema = ON")?;
    for (table, columns) in OPEN_COLUMNS {
        let sql: Option<String> = tx
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                [table],
                |row| row.get(0),
            )
            .optional()?;
        let Some(sql) = sql else { continue };
        let opened = without_value_lists(&sql, columns);
        if opened != sql {
            tx.execute(
                "UPDATE sqlite_schema SET sql = ?1 WHERE type = 'table' AND name = ?2",
                rusqlite::params![opened, table],
            )?;
            edited = true;
        }
    }
    if edited {
        let version: i64 = tx.query_row("PRAGMA schema_version", [], |row| row.get(0))?;
        tx.pragma_update(None, "schema_version", version + 1)?;
    }
    tx.execute_batch("PRAGMA writable_schema = OFF")?;
    Ok(())
}

/// `sql` (a CREATE TABLE) without its CHECKs that hold one of `columns` to a list of values:
/// `col = 'a' OR col = 'b'`, `col IN (…)`, `col IS NULL OR col = 'a'`, `col BETWEEN 0 AND 7`.
/// A CHECK relating two columns (`(source IS NULL) = (source_id IS NULL)`) stays.
fn without_value_lists(sql: &str, columns: &[&str]) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut rest = sql;
    while let Some(at) = rest.find("CHECK") {
        let after = &rest[at + "CHECK".len()..];
        let open = after.len() - after.trim_start().len();
        let body_start = at + "CHECK".len() + open;
        let Some(body_len) = rest[body_start..]
            .starts_with('(')
            .then(|| balanced_len(&rest[body_start..]))
            .flatten()
        else {
            out.push_str(&rest[..body_start]);
            rest = &rest[body_start..];
            continue;
        };
        let body = &rest[body_start + 1..body_start + body_len - 1];
        if holds_to_values(body, columns) {
            // The CHECK goes, with the spaces before it.
            out.push_str(rest[..at].trim_end_matches([' ', '\n', '\t']));
        } else {
            out.push_str(&rest[..body_start + body_len]);
        }
        rest = &rest[body_start + body_len..];
    }
    out.push_str(rest);
    out
}

/// The length of the parenthesised group `text` starts with, quotes respected.
fn balanced_len(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quoted = false;
    for (i, c) in text.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// Whether a CHECK's body holds one of `columns` to listed values.
fn holds_to_values(body: &str, columns: &[&str]) -> bool {
    let words: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    columns.iter().any(|column| {
        [" = '", " IN (", " IN(", " BETWEEN "].iter().any(|op| {
            words.starts_with(&format!("{column}{op}")) || words.contains(&format!(" {column}{op}"))
        })
    })
}

/// Applies every missing migration in one IMMEDIATE transaction. The version is read again
/// inside it, so two copies of tiesdesk starting at once migrate exactly once.
pub(super) fn migrate(conn: &mut Connection, migrations: &[Migration]) -> Result<()> {
    // A table rebuilt (v5) is dropped and replaced: with enforcement on, the drop would
    // cascade to every table that refers to it. The pragma does nothing inside a transaction,
    // so it is set around it; every reference is checked before the commit instead.
    conn.execute_batch("PRAGMA foreign_keys = OFF")?;
    let migrated = migrate_in_transaction(conn, migrations);
    conn.execute_batch("PRAGMA foreign_keys = ON")?;
    migrated
}

fn migrate_in_transaction(conn: &mut Connection, migrations: &[Migration]) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let current: i64 = tx.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    for migration in migrations.iter().filter(|m| m.version > current) {
        let failed = |e: &dyn std::fmt::Display| {
            Error::Database(format!(
                "migration {} ({}) failed: {}",
                migration.version,
                migration.name,
                crate::error::one_line(&e.to_string())
            ))
        };
        tx.execute_batch(migration.sql).map_err(|e| failed(&e))?;
        if let Some(code) = migration.code {
            code(&tx).map_err(|e| failed(&e))?;
        }
        tx.pragma_update(None, "user_version", migration.version)?;
    }
    // Everyone with contacts has a history (v8 made the table where the first schema had
    // none; what it holds is packed here).
    if current > 0 && current < 8 && migrations.iter().any(|m| m.version == 8) {
        let missing: Vec<i64> = tx
            .prepare(
                "SELECT DISTINCT person_id FROM contact \
                 WHERE person_id NOT IN (SELECT person_id FROM history)",
            )?
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for person in missing {
            super::histories::refresh_history(&tx, person)?;
        }
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    let dangling: i64 =
        tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |row| {
            row.get(0)
        })?;
    if dangling > 0 {
        return Err(Error::Database(format!(
            "migration left {dangling} dangling references; nothing was changed"
        )));
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn value_lists_go_whatever_their_spelling_and_other_checks_stay() {
        let sql = "CREATE TABLE interaction (\n    id INTEGER PRIMARY KEY,\n    kind TEXT NOT NULL\n \
                   CHECK (kind = 'meet' OR kind = 'call'),\n    direction TEXT NOT NULL CHECK \
                   (direction = 'gave' OR direction = 'mutual'),\n    note TEXT CHECK (note <> \
                   'a (b'),\n    old TEXT CHECK (kind IN ('meet', 'x)')),\n    code INTEGER \
                   CHECK(kind BETWEEN 0 AND 7)\n, source TEXT\n    CHECK (source IS NULL OR \
                   source = 'mail'), source_id TEXT\n    CHECK ((source IS NULL) = (source_id IS \
                   NULL))) STRICT";
        let opened = without_value_lists(sql, &["kind", "source"]);
        assert!(!opened.contains("'meet'"), "{opened}");
        assert!(!opened.contains("BETWEEN"), "{opened}");
        assert!(!opened.contains("'mail'"), "{opened}");
        assert!(opened.contains("kind TEXT NOT NULL,"), "{opened}");
        assert!(opened.contains("source TEXT, source_id TEXT"), "{opened}");
        // Not an open column, a CHECK on other values, a CHECK relating two columns: kept.
        assert!(opened.contains("CHECK (direction = 'gave' OR direction = 'mutual')"));
        assert!(opened.contains("CHECK (note <> 'a (b')"));
        assert!(opened.contains("CHECK ((source IS NULL) = (source_id IS NULL))) STRICT"));
        // It runs as SQL.
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(&opened).unwrap();
        conn.execute(
            "INSERT INTO interaction (id, kind, direction, code, source, source_id) \
             VALUES (1, 'walk', 'gave', 9, 'chat', 'x')",
            [],
        )
        .unwrap();
        assert_eq!(without_value_lists(&opened, &["kind", "source"]), opened);
    }

    #[test]
    fn a_fresh_database_holds_no_list_of_kinds_or_sources_and_keeps_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).unwrap();
        let schema: String = store
            .conn
            .query_row(
                "SELECT group_concat(sql, ';') FROM sqlite_schema WHERE type = 'table'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        for gone in [
            "kind = 'meet'",
            "source = 'manual'",
            "source = 'mail'",
            "kind BETWEEN",
        ] {
            assert!(!schema.contains(gone), "{gone}");
        }
        for kept in [
            "direction = 'gave'",
            "direction BETWEEN 0 AND 2",
            "(source IS NULL) = (source_id IS NULL)",
            "json_valid(emails)",
        ] {
            assert!(schema.contains(kept), "{kept}");
        }
        let integrity: String = store
            .conn
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))
            .unwrap();
        assert_eq!(integrity, "ok");
    }
}
