//! Finding people by what was said with them: the FTS5 index of interaction notes (schema 3),
//! which triggers keep equal to the notes.

use super::Store;
use crate::error::Result;
use crate::model::PersonId;

/// The FTS5 query for what was typed: every word, as the start of a word in the note
/// (`walk dog` finds "walked the dog"). Each word is quoted, so nothing typed is read as
/// FTS syntax.
fn note_query(typed: &str) -> Option<String> {
    let words: Vec<String> = typed
        .split_whitespace()
        .map(|word| format!("\"{}\"*", word.replace('"', "\"\"")))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// How many matching notes are read for one search: the newest, which is what a person
/// remembers first.
const NOTE_ROWS: i64 = 400;

impl Store {
    /// People by what was said with them: the newest interactions whose note has every word
    /// typed (as a word start), each person once, with the newest such note. Empty on a file
    /// from before schema 3 opened read-only (it has no index of notes).
    pub fn note_matches(&self, typed: &str) -> Result<Vec<(PersonId, String)>> {
        let Some(query) = note_query(typed) else {
            return Ok(Vec::new());
        };
        let indexed: bool = self.conn.query_row(
            "SELECT count(*) > 0 FROM sqlite_schema WHERE name = 'note_search'",
            [],
            |row| row.get(0),
        )?;
        if !indexed {
            return Ok(Vec::new());
        }
        let mut statement = self.conn.prepare_cached(
            "SELECT c.person_id, i.note \
             FROM (SELECT rowid AS id FROM note_search WHERE note_search MATCH ?1 \
                   ORDER BY rowid DESC LIMIT ?2) AS hit \
             JOIN interaction i ON i.id = hit.id \
             JOIN contact c ON c.interaction_id = hit.id \
             ORDER BY hit.id DESC",
        )?;
        let rows = statement.query_map(rusqlite::params![query, NOTE_ROWS], |row| {
            Ok((row.get::<_, PersonId>(0)?, row.get::<_, String>(1)?))
        })?;
        let mut seen = std::collections::HashSet::new();
        let mut found = Vec::new();
        for row in rows {
            let (person, note) = row?;
            if seen.insert(person) {
                found.push((person, note));
            }
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Direction, Interaction, InteractionPatch, Kind, NewInteraction, PersonData, Size,
        date::parse_iso_date,
    };

    fn logged(store: &mut Store, people: Vec<PersonId>, note: &str) -> Interaction {
        store
            .log_interaction(
                NewInteraction {
                    day: parse_iso_date("2026-11-02").unwrap_or_else(|e| panic!("{e}")),
                    people,
                    kind: Kind::Meet,
                    direction: Direction::Mutual,
                    size: Size::Small,
                    note: note.into(),
                },
                "log",
            )
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn found(store: &Store, typed: &str) -> Vec<(PersonId, String)> {
        store.note_matches(typed).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn notes_are_found_by_word_starts_and_follow_every_change() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut store = Store::open(&dir.path().join("t.db")).unwrap_or_else(|e| panic!("{e}"));
        let ana = store
            .add_person(PersonData::named("Ana Lima"))
            .unwrap_or_else(|e| panic!("{e}"))
            .id;
        let bram = store
            .add_person(PersonData::named("Bram Horvat"))
            .unwrap_or_else(|e| panic!("{e}"))
            .id;
        let walk = logged(
            &mut store,
            vec![ana, bram],
            "Walked the dog at the Café Noir",
        );
        logged(&mut store, vec![bram], "lunch");
        // Word starts, any case, accents folded both ways; every word must be there.
        assert_eq!(
            found(&store, "walk"),
            [(ana, walk.note.clone()), (bram, walk.note.clone())]
        );
        assert_eq!(found(&store, "DOG wal").len(), 2);
        assert_eq!(found(&store, "cafe").len(), 2);
        assert!(found(&store, "alked").is_empty(), "only word starts");
        assert!(found(&store, "walk cat").is_empty());
        // Whatever is typed is a search, never FTS syntax.
        for typed in [
            "\"",
            "dog\"",
            "NEAR(a b)",
            "a OR",
            "*",
            "-x",
            "note:walk",
            "(",
            "^",
        ] {
            store
                .note_matches(typed)
                .unwrap_or_else(|e| panic!("{typed}: {e}"));
        }
        // An edit, a delete and their undos keep the index equal to the notes.
        let patch = InteractionPatch {
            note: Some("ran in the park".into()),
            ..InteractionPatch::default()
        };
        store
            .edit_interaction(walk.id, &patch, |_, _| "edit".into())
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(found(&store, "walk").is_empty());
        assert_eq!(found(&store, "park").len(), 2);
        store.undo().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(found(&store, "walk").len(), 2);
        assert!(found(&store, "park").is_empty());
        store
            .remove_interaction(walk.id, |_| "delete".into())
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(found(&store, "walk").is_empty());
        store.undo().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(found(&store, "walk").len(), 2);
        // The index agrees with the table it indexes.
        store
            .conn
            .execute(
                "INSERT INTO note_search (note_search, rank) VALUES ('integrity-check', 1)",
                [],
            )
            .unwrap_or_else(|e| panic!("{e}"));
    }
}
