//! A database of every schema tiesdesk ever wrote opens, migrates and loses nothing. The SQL
//! of each version as it was committed is frozen in `tests/fixtures/schema/` (named by file
//! and commit): `0001_initial.sql` changed in place twice, and `0003` once, so a version
//! number alone does not say what a database holds, and a CI clone may be shallow. Each
//! fresh install tiesdesk ever made is rebuilt from them, filled, and opened by this build.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Sandbox;
use rusqlite::Connection;

/// What a fresh install at some commit wrote: the migration files it ran, oldest first, and
/// the version it left.
const INSTALLS: [(&str, &[&str], i64); 24] = [
    (
        "the first commit (no history table)",
        &["0001_initial.762fff1"],
        1,
    ),
    ("the history cache", &["0001_initial.2412659"], 1),
    ("checks without IN lists", &["0001_initial.cb67284"], 1),
    (
        "schema v2",
        &[
            "0001_initial.cb67284",
            "0002_origin_and_introducer_index.93de3f1",
        ],
        2,
    ),
    (
        "note search",
        &[
            "0001_initial.cb67284",
            "0002_origin_and_introducer_index.93de3f1",
            "0003_note_search.53a6fd5",
        ],
        3,
    ),
    (
        "note search with a commit count",
        &[
            "0001_initial.cb67284",
            "0002_origin_and_introducer_index.93de3f1",
            "0003_note_search.64bb279",
        ],
        3,
    ),
    (
        "captured interactions",
        &[
            "0001_initial.cb67284",
            "0002_origin_and_introducer_index.93de3f1",
            "0003_note_search.53a6fd5",
            "0004_captured_interactions.360a7c1",
        ],
        4,
    ),
    (
        "people found in mail",
        &[
            "0001_initial.cb67284",
            "0002_origin_and_introducer_index.93de3f1",
            "0003_note_search.53a6fd5",
            "0004_captured_interactions.360a7c1",
            "0005_people_found_in_mail.832ca16",
        ],
        5,
    ),
    (
        "promises",
        &[
            "0001_initial.cb67284",
            "0002_origin_and_introducer_index.93de3f1",
            "0003_note_search.53a6fd5",
            "0004_captured_interactions.360a7c1",
            "0005_people_found_in_mail.832ca16",
            "0006_promises.71e96d0",
        ],
        6,
    ),
    (
        "needs and dates",
        &[
            "0001_initial.cb67284",
            "0002_origin_and_introducer_index.93de3f1",
            "0003_note_search.53a6fd5",
            "0004_captured_interactions.360a7c1",
            "0005_people_found_in_mail.832ca16",
            "0006_promises.71e96d0",
            "0007_needs_and_dates.a1e009a",
        ],
        7,
    ),
    (
        "history everywhere",
        &[
            "0001_initial.cb67284",
            "0002_origin_and_introducer_index.93de3f1",
            "0003_note_search.53a6fd5",
            "0004_captured_interactions.360a7c1",
            "0005_people_found_in_mail.832ca16",
            "0006_promises.71e96d0",
            "0007_needs_and_dates.a1e009a",
            "0008_history_everywhere.cef8017",
        ],
        8,
    ),
    ("open kinds and sources", &["0009_installed.e501ee3"], 9),
    (
        "changes recorded",
        &["0009_installed.e501ee3", "0010_changes_recorded.8b945a2"],
        10,
    ),
    (
        "thanks",
        &[
            "0009_installed.e501ee3",
            "0010_changes_recorded.8b945a2",
            "0011_thanks.ac8c212",
        ],
        11,
    ),
    (
        "thanks waiting",
        &[
            "0009_installed.e501ee3",
            "0010_changes_recorded.8b945a2",
            "0011_thanks.ac8c212",
            "0012_thanks_waiting.669d1c3",
        ],
        12,
    ),
    (
        "offers and introductions",
        &[
            "0009_installed.e501ee3",
            "0010_changes_recorded.8b945a2",
            "0011_thanks.ac8c212",
            "0012_thanks_waiting.669d1c3",
            "0013_offers_and_introductions.d60979a",
        ],
        13,
    ),
    (
        "on call",
        &[
            "0009_installed.e501ee3",
            "0010_changes_recorded.8b945a2",
            "0011_thanks.ac8c212",
            "0012_thanks_waiting.669d1c3",
            "0013_offers_and_introductions.d60979a",
            "0014_on_call.ceca9e3",
        ],
        14,
    ),
    (
        "dismissed links",
        &[
            "0009_installed.e501ee3",
            "0010_changes_recorded.8b945a2",
            "0011_thanks.ac8c212",
            "0012_thanks_waiting.669d1c3",
            "0013_offers_and_introductions.d60979a",
            "0014_on_call.ceca9e3",
            "0015_dismissed_links.df6d957",
        ],
        15,
    ),
    (
        "global ids",
        &[
            "0009_installed.e501ee3",
            "0010_changes_recorded.8b945a2",
            "0011_thanks.ac8c212",
            "0012_thanks_waiting.669d1c3",
            "0013_offers_and_introductions.d60979a",
            "0014_on_call.ceca9e3",
            "0015_dismissed_links.df6d957",
            "0016_global_ids.ee1d6c1",
        ],
        16,
    ),
    (
        "operations",
        &[
            "0009_installed.e501ee3",
            "0010_changes_recorded.8b945a2",
            "0011_thanks.ac8c212",
            "0012_thanks_waiting.669d1c3",
            "0013_offers_and_introductions.d60979a",
            "0014_on_call.ceca9e3",
            "0015_dismissed_links.df6d957",
            "0016_global_ids.ee1d6c1",
            "0017_operations.30651b5",
        ],
        17,
    ),
    (
        "dismissal ids",
        &[
            "0009_installed.e501ee3",
            "0010_changes_recorded.8b945a2",
            "0011_thanks.ac8c212",
            "0012_thanks_waiting.669d1c3",
            "0013_offers_and_introductions.d60979a",
            "0014_on_call.ceca9e3",
            "0015_dismissed_links.df6d957",
            "0016_global_ids.ee1d6c1",
            "0017_operations.30651b5",
            "0018_dismissal_ids.799e1ed",
        ],
        18,
    ),
    (
        "sync state",
        &[
            "0009_installed.e501ee3",
            "0010_changes_recorded.8b945a2",
            "0011_thanks.ac8c212",
            "0012_thanks_waiting.669d1c3",
            "0013_offers_and_introductions.d60979a",
            "0014_on_call.ceca9e3",
            "0015_dismissed_links.df6d957",
            "0016_global_ids.ee1d6c1",
            "0017_operations.30651b5",
            "0018_dismissal_ids.799e1ed",
            "0019_sync_state.dd4ee00",
        ],
        19,
    ),
    (
        "old keys",
        &[
            "0009_installed.e501ee3",
            "0010_changes_recorded.8b945a2",
            "0011_thanks.ac8c212",
            "0012_thanks_waiting.669d1c3",
            "0013_offers_and_introductions.d60979a",
            "0014_on_call.ceca9e3",
            "0015_dismissed_links.df6d957",
            "0016_global_ids.ee1d6c1",
            "0017_operations.30651b5",
            "0018_dismissal_ids.799e1ed",
            "0019_sync_state.dd4ee00",
            "0020_old_keys.1c0baf2",
        ],
        20,
    ),
    (
        "the first commit's database, migrated to v7 without a history table",
        &[
            "0001_initial.762fff1",
            "0002_origin_and_introducer_index.93de3f1",
            "0003_note_search.53a6fd5",
            "0004_captured_interactions.360a7c1",
            "0005_people_found_in_mail.832ca16",
            "0006_promises.71e96d0",
            "0007_needs_and_dates.a1e009a",
        ],
        7,
    ),
];

/// Builds the install's database at `s.db` and fills it with two people and an interaction
/// with each (one with a note), through columns every version has.
fn build(s: &Sandbox, files: &[&str], version: i64) {
    std::fs::create_dir_all(s.db.parent().unwrap()).unwrap();
    let conn = Connection::open(&s.db).unwrap();
    for file in files {
        let sql = std::fs::read_to_string(format!("tests/fixtures/schema/{file}.sql")).unwrap();
        conn.execute_batch(&sql)
            .unwrap_or_else(|e| panic!("{file}: {e}"));
    }
    conn.execute_batch(&format!(
        "PRAGMA user_version = {version};
         PRAGMA application_id = 1416193395;
         PRAGMA journal_mode = WAL;
         INSERT INTO person (id, name, created_at, updated_at)
             VALUES (1, 'Ana Lima', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
                    (2, 'Bo Chen', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
         INSERT INTO interaction (id, day, kind, direction, size, note, created_at)
             VALUES (1, 20400, 'meet', 'mutual', 1, 'walked by the river', '2026-01-01T00:00:00Z'),
                    (2, 20410, 'favour', 'gave', 2, '', '2026-01-01T00:00:00Z');
         INSERT INTO contact (person_id, day, interaction_id, kind, direction, size)
             VALUES (1, 20400, 1, 0, 2, 1), (2, 20410, 2, 3, 0, 2);"
    ))
    .unwrap();
    if version >= 16 {
        // From v16 every row has its global id (store/gids.rs: person 1, interaction 2).
        conn.execute_batch(
            "INSERT INTO row_gid (tbl, id, gid)
                 VALUES (1, 1, randomblob(16)), (1, 2, randomblob(16)),
                        (2, 1, randomblob(16)), (2, 2, randomblob(16));",
        )
        .unwrap();
    }
    if version >= 17 {
        // From v17 the database is a device (its id made by the migration's code step).
        conn.execute_batch(
            "INSERT INTO sync_device (one, id, clock) VALUES (1, randomblob(16), 0);",
        )
        .unwrap();
    }
    if version >= 8 {
        // From v8 the store keeps each person's history packed beside the log (day as i32
        // little-endian, kind, direction, size, 0), as it would have written it.
        conn.execute_batch(
            "INSERT INTO history (person_id, contacts)
                 VALUES (1, X'B04F000000020100'), (2, X'BA4F000003000200');",
        )
        .unwrap();
    }
}

#[test]
fn a_database_of_every_schema_ever_written_opens_with_everything_in_it() {
    for (what, files, version) in INSTALLS {
        let s = Sandbox::new();
        build(&s, files, version);
        // Open it: migrated (a backup first), then read and written as usual.
        let listed = s.cmd(&["list", "--json"]).output().unwrap();
        assert!(
            listed.status.success(),
            "{what}: {}",
            String::from_utf8_lossy(&listed.stderr)
        );
        // It said so first, once: an update can take seconds on a large file.
        let said = String::from_utf8_lossy(&listed.stderr);
        assert!(
            said.contains(&format!("updating tiesdesk.db from schema v{version} to v"))
                && said.contains("a backup is kept beside it"),
            "{what}: {said}"
        );
        let again = s.cmd(&["status"]).output().unwrap();
        assert!(
            !String::from_utf8_lossy(&again.stderr).contains("updating"),
            "{what}"
        );
        let people: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
        let names: Vec<&str> = people
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert_eq!(names.len(), 2, "{what}: {names:?}");
        let ana = s.json(&["show", "Ana Lima"]);
        assert_eq!(
            ana["interactions"][0]["note"], "walked by the river",
            "{what}"
        );
        let bo = s.json(&["show", "Bo Chen"]);
        assert_eq!(bo["interactions"][0]["kind"], "favour", "{what}");
        assert!(s.ok(&["check"]).contains("sound"), "{what}");
        s.ok(&["log", "Ana Lima", "--gave", "--note", "after the migration"]);
        assert_eq!(
            s.json(&["show", "Ana Lima"])["interactions"]
                .as_array()
                .unwrap()
                .len(),
            2,
            "{what}"
        );
        // Search finds what was said, in every database that has the index.
        let found = s.json(&["list", "--search", "river"]);
        assert_eq!(found.as_array().unwrap().len(), 1, "{what}");
        let backups = std::fs::read_dir(s.db.parent().unwrap())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .contains(&format!(".v{version}-backup-"))
            })
            .count();
        assert_eq!(backups, 1, "{what}: a backup before migrating");
        // Kinds and sources are the program's lists now, whatever spelling this version's
        // CHECKs had (IN lists, OR chains): a kind a later tiesdesk adds is a row like any.
        let conn = Connection::open(&s.db).unwrap();
        let schema: String = conn
            .query_row(
                "SELECT group_concat(sql, ';') FROM sqlite_schema \
                 WHERE type = 'table' AND name IN ('interaction', 'contact', 'person')",
                [],
                |row| row.get(0),
            )
            .unwrap();
        for gone in [
            "kind = '",
            "source = '",
            "kind BETWEEN",
            "kind IN",
            "source IN",
        ] {
            assert!(!schema.contains(gone), "{what}: {gone} in {schema}");
        }
        assert!(schema.contains("direction"), "{what}");
        // Every person and interaction there before has its global id (schema v16), each its
        // own: `check` above found none missing.
        let ids: (i64, i64) = conn
            .query_row(
                "SELECT count(*), count(DISTINCT gid) FROM row_gid WHERE id IN (1, 2)",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .unwrap();
        assert_eq!(ids, (4, 4), "{what}: two people and two interactions");
        conn.execute_batch(
            "BEGIN;
             INSERT INTO interaction (id, day, kind, direction, size, note, created_at)
                 VALUES (99, 20420, 'walk', 'mutual', 1, '', '2026-01-01T00:00:00Z');
             INSERT INTO contact (person_id, day, interaction_id, kind, direction, size)
                 VALUES (1, 20420, 99, 8, 2, 1);
             ROLLBACK;",
        )
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    }
}
