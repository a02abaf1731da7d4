//! People's names for a shell's Tab (`tiesdesk completions bash|zsh|fish`): clap_complete's
//! dynamic completion calls tiesdesk back with the word being typed, and the names come
//! from the database, closest first, as the app completes them. Namesakes are offered as
//! `id:N` (what tells them apart in the description), since a name would be refused as
//! ambiguous. A database that is not there is never created, and anything that goes wrong
//! completes nothing.

use std::ffi::OsStr;
use std::path::PathBuf;

use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};

use crate::config::Config;
use crate::ops::{Desk, NameChoice};

/// How many names Tab offers.
const OFFERED: usize = 30;

/// For a person-name argument: `#[arg(add = complete::person())]`.
pub fn person() -> ArgValueCompleter {
    ArgValueCompleter::new(complete_person)
}

fn complete_person(current: &OsStr) -> Vec<CompletionCandidate> {
    let typed = current.to_string_lossy();
    let Some(db) = database() else {
        return Vec::new();
    };
    if !db.is_file() {
        return Vec::new();
    }
    let config = crate::paths::config_path()
        .and_then(|path| Config::load(&path).ok())
        .unwrap_or_default();
    // The shell's Tab is an edge, like main: the clock is read here.
    let today = chrono::Local::now().date_naive();
    let Ok(desk) = Desk::open(&db, config, today) else {
        return Vec::new();
    };
    let Ok(choices) = desk.complete_names(&typed, OFFERED) else {
        return Vec::new();
    };
    // bash inserts the value as it is: a space would split the name in two.
    let for_bash = std::env::var_os("_CLAP_COMPLETE_COMP_TYPE").is_some();
    choices
        .into_iter()
        .map(|choice| candidate(&choice, for_bash))
        .collect()
}

/// The value Tab puts in (the name, or `id:N` for one of several of that name), and what
/// is shown beside it.
fn candidate(choice: &NameChoice, for_bash: bool) -> CompletionCandidate {
    let name = crate::text::visible(&choice.name).into_owned();
    let told = match &choice.company {
        Some(company) => format!("{name} ({})", crate::text::visible(company)),
        None => name.clone(),
    };
    if choice.namesake {
        CompletionCandidate::new(format!("id:{}", choice.id)).help(Some(told.into()))
    } else {
        let value = if for_bash { escaped(&name) } else { name };
        let help = choice
            .company
            .as_deref()
            .map(|c| crate::text::visible(c).into_owned());
        CompletionCandidate::new(value).help(help.map(Into::into))
    }
}

/// A word as bash reads it back: every character the shell would act on escaped.
fn escaped(name: &str) -> String {
    let mut word = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if " \t'\"\\$`!&|;()<>*?[]{}~#".contains(c) {
            word.push('\\');
        }
        word.push(c);
    }
    word
}

/// The database the command being completed names: its `--db`, else `TIESDESK_DB`, else
/// the default.
fn database() -> Option<PathBuf> {
    let words: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let given = words.iter().enumerate().find_map(|(at, word)| {
        let word = word.to_str()?;
        if word == "--db" {
            words.get(at + 1).map(PathBuf::from)
        } else {
            word.strip_prefix("--db=").map(PathBuf::from)
        }
    });
    let given = given.or_else(|| std::env::var_os("TIESDESK_DB").map(PathBuf::from));
    crate::paths::database_path(given.filter(|p| !p.as_os_str().is_empty())).ok()
}

#[cfg(test)]
mod tests {
    use super::escaped;

    #[test]
    fn names_are_escaped_for_bash() {
        assert_eq!(escaped("Ana Lima"), "Ana\\ Lima");
        assert_eq!(escaped("Uma O'Brien"), "Uma\\ O\\'Brien");
        assert_eq!(escaped("Zoë"), "Zoë");
    }
}
