//! Tab in a path field, as a shell completes: the name being typed grows to what every file
//! that begins with it shares; one match is completed whole (a folder with its `/`);
//! several are offered by name. `~/` stands for the home folder, and stays as typed.

use std::path::{Path, PathBuf};

/// How many names a folder is read for: a Downloads folder of ten thousand files still
/// answers a Tab at once.
const NAMES_READ: usize = 5_000;

/// What Tab did to a typed path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathCompletion {
    /// The path grew (to one match, or to what the matches share).
    Grew(String),
    /// Several names match and share nothing more: these (folders end in `/`), sorted.
    Several(Vec<String>),
    /// Nothing in the folder begins with what was typed.
    NoMatch,
}

/// Completes `typed`, reading the folder it names (relative paths from `here`; `~/` from
/// `home`). `None` when there is nothing to complete: an empty field, a folder that cannot
/// be read.
pub fn complete_path(typed: &str, here: &Path, home: Option<&Path>) -> Option<PathCompletion> {
    if typed.is_empty() {
        return None;
    }
    let (folder_typed, start) = match typed.rfind('/') {
        Some(at) => typed.split_at(at + 1),
        None => ("", typed),
    };
    let folder = resolve(folder_typed, here, home)?;
    let mut matches: Vec<(String, bool)> = Vec::new();
    for entry in std::fs::read_dir(&folder).ok()?.take(NAMES_READ).flatten() {
        let Ok(name) = entry.file_name().into_string() else {
            continue;
        };
        // Hidden files only when a dot is typed, as shells do.
        if name.starts_with('.') && !start.starts_with('.') {
            continue;
        }
        if name.starts_with(start) {
            // A link to a folder is a folder here.
            let is_folder = std::fs::metadata(entry.path()).is_ok_and(|m| m.is_dir());
            matches.push((name, is_folder));
        }
    }
    matches.sort();
    let grown = |rest: &str| format!("{folder_typed}{rest}");
    match matches.as_slice() {
        [] => Some(PathCompletion::NoMatch),
        [(name, is_folder)] => {
            let whole = grown(name) + if *is_folder { "/" } else { "" };
            (whole != typed).then_some(PathCompletion::Grew(whole))
        }
        many => {
            let shared = shared_start(many.iter().map(|(name, _)| name.as_str()));
            if shared.len() > start.len() {
                return Some(PathCompletion::Grew(grown(&shared)));
            }
            let names = (many.iter())
                .map(|(name, is_folder)| format!("{name}{}", if *is_folder { "/" } else { "" }))
                .collect();
            Some(PathCompletion::Several(names))
        }
    }
}

/// The folder part as typed, as a path to read.
fn resolve(folder: &str, here: &Path, home: Option<&Path>) -> Option<PathBuf> {
    if folder.is_empty() {
        return Some(here.to_path_buf());
    }
    if let Some(rest) = folder.strip_prefix("~/") {
        return Some(home?.join(rest));
    }
    Some(here.join(folder))
}

/// What every name begins with, cut at a character boundary.
fn shared_start<'a>(mut names: impl Iterator<Item = &'a str>) -> String {
    let Some(first) = names.next() else {
        return String::new();
    };
    let mut shared = first.len();
    for name in names {
        shared = first
            .char_indices()
            .zip(name.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((at, a), _)| at + a.len_utf8())
            .min(shared);
    }
    first[..shared].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        for file in [
            "Connections.csv",
            "contacts.vcf",
            "contacts-old.vcf",
            ".hidden",
            "é-café.ics",
        ] {
            std::fs::write(dir.path().join(file), "").unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::create_dir(dir.path().join("mail")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.path().join("mail").join("inbox.mbox"), "")
            .unwrap_or_else(|e| panic!("{e}"));
        dir
    }

    fn tab(typed: &str, dir: &Path) -> Option<PathCompletion> {
        complete_path(typed, dir, Some(dir))
    }

    #[test]
    fn one_match_is_completed_whole_and_a_folder_gets_its_slash() {
        let dir = folder();
        let d = dir.path();
        assert_eq!(
            tab("Con", d),
            Some(PathCompletion::Grew("Connections.csv".into()))
        );
        assert_eq!(tab("ma", d), Some(PathCompletion::Grew("mail/".into())));
        assert_eq!(
            tab("mail/i", d),
            Some(PathCompletion::Grew("mail/inbox.mbox".into()))
        );
        // `~/` is the home folder, and stays as typed.
        assert_eq!(tab("~/ma", d), Some(PathCompletion::Grew("~/mail/".into())));
        // Complete already: nothing to do (Tab moves on).
        assert_eq!(tab("Connections.csv", d), None);
        // An absolute path.
        let absolute = format!("{}/mail/in", d.display());
        assert_eq!(
            tab(&absolute, d),
            Some(PathCompletion::Grew(format!(
                "{}/mail/inbox.mbox",
                d.display()
            )))
        );
    }

    #[test]
    fn several_grow_to_what_they_share_then_are_offered() {
        let dir = folder();
        let d = dir.path();
        assert_eq!(tab("co", d), Some(PathCompletion::Grew("contacts".into())));
        assert_eq!(
            tab("contacts", d),
            Some(PathCompletion::Several(vec![
                "contacts-old.vcf".into(),
                "contacts.vcf".into()
            ]))
        );
        // Shared starts stop at a character, never inside one.
        assert_eq!(shared_start(["é-café", "é-cafà"].into_iter()), "é-caf");
    }

    #[test]
    fn hidden_files_need_a_dot_and_nothing_is_nothing() {
        let dir = folder();
        let d = dir.path();
        assert_eq!(tab(".h", d), Some(PathCompletion::Grew(".hidden".into())));
        assert_eq!(tab("zzz", d), Some(PathCompletion::NoMatch));
        assert_eq!(tab("", d), None);
        assert_eq!(tab("nowhere/x", d), None, "a folder that is not there");
    }
}
