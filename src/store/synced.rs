//! A database inside a folder another tool syncs (Syncthing, Dropbox, a git repository…) is
//! how SQLite files get corrupted: the tool copies the file mid-transaction, or without its
//! `-wal`, and two machines' edits overwrite each other. tiesdesk says so on every open.

use std::path::{Path, PathBuf};

/// What marks a folder as synced: a file or folder its tool keeps at the root.
const MARKERS: [(&str, &str); 6] = [
    (".stfolder", "Syncthing"),
    (".dropbox", "Dropbox"),
    (".dropbox.cache", "Dropbox"),
    (".git", "a git repository"),
    (".owncloudsync.log", "Nextcloud"),
    (".sync", "Resilio Sync"),
];

/// Names of the folders cloud drives sync, as their desktop clients call them.
const NAMED: [(&str, &str); 4] = [
    ("com~apple~CloudDocs", "iCloud Drive"),
    ("OneDrive", "OneDrive"),
    ("Google Drive", "Google Drive"),
    ("My Drive", "Google Drive"),
];

/// The synced folder `db` is inside, and the tool that syncs it, if any: a marker in any
/// folder above it up to the home folder — except a git repository, which counts only where
/// the database sits at its root (a project's repository above a data folder it ignores is
/// not how anyone syncs a file).
pub fn synced_folder(db: &Path) -> Option<(PathBuf, &'static str)> {
    let db = std::path::absolute(db).ok()?;
    let home = directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf());
    let own = db.parent();
    for folder in db.ancestors().skip(1) {
        for (marker, tool) in MARKERS {
            if marker == ".git" && Some(folder) != own {
                continue;
            }
            if folder.join(marker).exists() {
                return Some((folder.to_path_buf(), tool));
            }
        }
        let name = folder.file_name().map(|n| n.to_string_lossy());
        if let Some(name) = name
            && let Some((_, tool)) = NAMED
                .iter()
                .find(|(named, _)| name == *named || name.starts_with(&format!("{named} - ")))
        {
            return Some((folder.to_path_buf(), tool));
        }
        if home.as_deref() == Some(folder) {
            break;
        }
    }
    None
}

/// The warning for a database at `db` inside a synced folder, if it is in one.
pub fn synced_folder_notice(db: &Path) -> Option<String> {
    let (folder, tool) = synced_folder(db)?;
    Some(format!(
        "{} is inside {} ({}): a tool that syncs files can copy a database mid-write or apart \
         from its -wal, and corrupt it or lose edits. Keep it outside synced folders (move it, \
         or use --db with a path outside); copies for other machines: tiesdesk backup FILE",
        db.display(),
        if tool.starts_with('a') {
            tool.to_string()
        } else {
            format!("a folder {tool} syncs")
        },
        folder.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marker_in_any_folder_above_says_which_tool_syncs_it() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let deep = dir.path().join("Sync").join("notes").join("ties");
        std::fs::create_dir_all(&deep).unwrap_or_else(|e| panic!("{e}"));
        let db = deep.join("tiesdesk.db");
        assert_eq!(synced_folder(&db), None);
        std::fs::create_dir(dir.path().join("Sync").join(".stfolder"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            synced_folder(&db),
            Some((dir.path().join("Sync"), "Syncthing"))
        );
        let notice = synced_folder_notice(&db).unwrap_or_default();
        assert!(
            notice.contains("inside a folder Syncthing syncs"),
            "{notice}"
        );
        // A repository counts only where the database sits at its root.
        let project = dir.path().join("project");
        std::fs::create_dir_all(project.join(".git").join("x")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir_all(project.join("data")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(synced_folder(&project.join("data").join("t.db")), None);
        assert_eq!(
            synced_folder(&project.join("t.db")),
            Some((project.clone(), "a git repository"))
        );
        let cloud = dir.path().join("OneDrive - Acme").join("tiesdesk.db");
        assert_eq!(
            synced_folder(&cloud).map(|(_, tool)| tool),
            Some("OneDrive")
        );
    }
}
