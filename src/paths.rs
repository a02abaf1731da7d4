//! Where the database and the config live.

use std::path::PathBuf;

use directories::ProjectDirs;

use crate::error::{Error, Result};

fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "tiesdesk")
}

/// `--db` / `TIESDESK_DB` if given, else `tiesdesk.db` in the platform's data folder.
pub fn database_path(given: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(path) = given {
        if path.as_os_str().is_empty() {
            // `TIESDESK_DB=` in a script whose variable was never filled: never guess.
            return Err(Error::invalid(
                "the database path is empty (--db or TIESDESK_DB): give a path, or unset \
                 TIESDESK_DB for the default",
            ));
        }
        return Ok(path);
    }
    project_dirs()
        .map(|dirs| dirs.data_dir().join("tiesdesk.db"))
        .ok_or_else(|| {
            Error::Io("cannot find a home folder for the database; pass --db PATH".into())
        })
}

/// True for tiesdesk's own data folder (which it creates `0700`), where it may tighten the
/// mode again; any other folder is the user's, and only warned about.
pub fn is_own_data_folder(folder: &std::path::Path) -> bool {
    project_dirs().is_some_and(|dirs| dirs.data_dir() == folder)
}

/// `TIESDESK_CONFIG` if set, else `config.toml` in the platform's config folder.
pub fn config_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("TIESDESK_CONFIG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    project_dirs().map(|dirs| dirs.config_dir().join("config.toml"))
}
