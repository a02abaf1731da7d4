//! Damage seen once is remembered beside the file (`tiesdesk.db.damaged`), so every later
//! write is refused until the file is replaced or `check` finds it sound again: a full check
//! before each write would cost seconds at a million interactions, and writing into a damaged
//! file can spread the damage. The note names the file it is about (device and inode): a
//! file restored from a backup in its place is a new file, and the note no longer holds.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// What was seen, and of which file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Damage {
    device: u64,
    inode: u64,
    /// When it was seen (UTC, RFC 3339).
    pub seen: String,
    /// What was seen, in a few words ("contact: 97 problems").
    pub what: String,
}

/// Where the note about `database` is kept.
fn note_path(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_os_string();
    name.push(".damaged");
    PathBuf::from(name)
}

/// The damage remembered for `database`, if the note is about this very file.
pub(super) fn remembered(database: &Path) -> Option<Damage> {
    let text = std::fs::read_to_string(note_path(database)).ok()?;
    let damage: Damage = serde_json::from_str(&text).ok()?;
    let meta = std::fs::metadata(database).ok()?;
    (meta.dev() == damage.device && meta.ino() == damage.inode).then_some(damage)
}

/// Remembers damage seen in `database` (a note that cannot be written is no reason to fail
/// what found the damage: the error it gives is said anyway).
pub(super) fn remember(database: &Path, what: &str) {
    let Ok(meta) = std::fs::metadata(database) else {
        return;
    };
    let damage = Damage {
        device: meta.dev(),
        inode: meta.ino(),
        seen: super::timestamp(),
        what: crate::error::one_line(what),
    };
    if let Ok(text) = serde_json::to_string(&damage) {
        let _ = crate::files::write_private(&note_path(database), text.as_bytes(), true);
    }
}

/// Forgets damage once a check found the file sound.
pub(super) fn forget(database: &Path) {
    let _ = std::fs::remove_file(note_path(database));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damage_is_remembered_for_the_file_it_was_seen_in_only() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let db = dir.path().join("t.db");
        std::fs::write(&db, b"x").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(remembered(&db), None);
        remember(&db, "contact: 3 problems");
        assert_eq!(
            remembered(&db).map(|d| d.what),
            Some("contact: 3 problems".to_string())
        );
        // A file put in its place (a backup restored) is another file.
        let restored = dir.path().join("restored.db");
        std::fs::write(&restored, b"y").unwrap_or_else(|e| panic!("{e}"));
        std::fs::rename(&restored, &db).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(remembered(&db), None);
        remember(&db, "again");
        forget(&db);
        assert_eq!(remembered(&db), None);
    }
}
