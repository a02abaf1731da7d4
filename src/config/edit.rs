//! Adding to the user's config.toml from the app (their address, an address never to list
//! again), keeping everything else as it was written, comments included.

use std::path::Path;

use super::Config;
use crate::error::{Error, Result};

/// Saves the user's address into the config file at `path` (created if missing): added to
/// `me.emails`, everything else kept as it was written, comments included.
pub fn save_my_address(path: &Path, email: &str) -> Result<()> {
    add_to_config_list(
        path,
        (
            "me",
            "Your own addresses, for mail and calendar imports (added by the app).",
        ),
        "emails",
        email,
    )
}

/// Adds `name` (the user's name as chats show it) to `me.names` in the config file at
/// `path` (created if missing), keeping everything else in it as it was written.
pub fn save_my_chat_name(path: &Path, name: &str) -> Result<()> {
    add_to_config_list(
        path,
        (
            "me",
            "Your own addresses and chat names, for imports (added by the app).",
        ),
        "names",
        name,
    )
}

/// Adds `email` to `capture.ignore` in the config file at `path` (created if missing),
/// keeping everything else in it as it was written, comments included.
pub fn add_to_ignore(path: &Path, email: &str) -> Result<()> {
    add_to_config_list(
        path,
        (
            "capture",
            "Mail and calendar imports (the app's report adds to ignore).",
        ),
        "ignore",
        email,
    )
}

/// Adds `value` to the list `key` of `table` (a new table says `comment` above it) in the
/// config file at `path`, created if missing; a value already there (case aside) stays once.
/// The rest of the file is kept as written, and what is written must still read.
fn add_to_config_list(
    path: &Path,
    (table, comment): (&str, &str),
    key: &str,
    value: &str,
) -> Result<()> {
    let config_error = |reason: String| Error::Config {
        path: path.to_path_buf(),
        reason,
    };
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(config_error(crate::error::io_reason(&e))),
    };
    let mut document: toml_edit::DocumentMut = existing
        .parse()
        .map_err(|e: toml_edit::TomlError| config_error(crate::error::one_line(e.message())))?;
    let entry = document.entry(table).or_insert_with(|| {
        let mut new = toml_edit::Table::new();
        let gap = if existing.trim().is_empty() { "" } else { "\n" };
        new.decor_mut().set_prefix(format!("{gap}# {comment}\n"));
        toml_edit::Item::Table(new)
    });
    let list = entry
        .as_table_like_mut()
        .ok_or_else(|| config_error(format!("{table} is not a table")))?
        .entry(key)
        .or_insert(toml_edit::value(toml_edit::Array::new()))
        .as_array_mut()
        .ok_or_else(|| config_error(format!("{table}.{key} is not a list")))?;
    let known = list.iter().any(|v| {
        v.as_str()
            .is_some_and(|v| v.trim().eq_ignore_ascii_case(value))
    });
    if !known {
        list.push(value);
    }
    let text = document.to_string();
    Config::parse(&text, path)?;
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(|e| config_error(crate::error::io_reason(&e)))?;
    }
    crate::files::write_private(path, text.as_bytes(), true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn your_address_is_added_to_a_config_without_losing_what_it_holds() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "# mine\n[model]\ndunbar = 120").unwrap();
        save_my_address(&path, "me@example.org").unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("# mine\n[model]\ndunbar = 120\n"),
            "{text}"
        );
        let config = Config::load(&path).unwrap();
        assert_eq!(config.me.emails, ["me@example.org"]);
        assert_eq!(config.model.dunbar, 120);
        // A [me] table the file has gains the address, its comments kept.
        std::fs::write(&path, "[me] # mine\nemails = [\"a@x.org\"] # work\n").unwrap();
        save_my_address(&path, "other@example.org").unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("# mine") && text.contains("# work"), "{text}");
        assert_eq!(
            Config::load(&path).unwrap().me.emails,
            ["a@x.org", "other@example.org"]
        );
    }

    #[test]
    fn an_ignored_address_is_added_keeping_the_file_as_it_was_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "# mine\n[capture]\nmax_recipients = 12 # more\n").unwrap();
        add_to_ignore(&path, "news@shop.example").unwrap();
        add_to_ignore(&path, "News@Shop.example").unwrap();
        add_to_ignore(&path, "deals@shop.example").unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("# mine\n[capture]\nmax_recipients = 12 # more\n"),
            "{text}"
        );
        let config = Config::load(&path).unwrap();
        assert_eq!(
            config.capture.ignore,
            ["news@shop.example", "deals@shop.example"]
        );
        assert!(config.capture.ignores("NEWS@shop.example"));
        assert_eq!(config.capture.max_recipients, 12);
        // A file without one gets one.
        let fresh = dir.path().join("fresh.toml");
        add_to_ignore(&fresh, "a@b.example").unwrap();
        assert_eq!(
            Config::load(&fresh).unwrap().capture.ignore,
            ["a@b.example"]
        );
    }
}
