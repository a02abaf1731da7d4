//! The errors tiesdesk reports. Each renders as one line that names the problem.

use std::path::PathBuf;

use crate::model::InvalidValue;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// One of the people an ambiguous name could be: their id, and what tells them apart
/// ("Uma O'Brien (Willow Architects)").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: i64,
    pub label: String,
}

impl Candidate {
    /// "A (Co, #1), B (#2), …" for a message of one line (the app's status line).
    fn one_line(candidates: &[Candidate], more: usize) -> String {
        let mut named: Vec<String> = (candidates.iter())
            .map(|c| match c.label.strip_suffix(')') {
                Some(open) => format!("{open}, #{})", c.id),
                None => format!("{} (#{})", c.label, c.id),
            })
            .collect();
        if more > 0 {
            named.push("…".into());
        }
        named.join(", ")
    }
}

impl Error {
    /// The error as the command line writes it: an ambiguous name as a numbered list, one
    /// person a line with the `#id` to type instead; every other error, its one line.
    pub fn explained(&self) -> String {
        let Error::AmbiguousName {
            name,
            candidates,
            more,
        } = self
        else {
            return self.to_string();
        };
        let mut text = format!(
            "'{name}' could be {} people; say which by its #id:",
            candidates.len() + more
        );
        let id_width = (candidates.iter())
            .map(|c| c.id.to_string().len() + 1)
            .max()
            .unwrap_or(0);
        for (at, candidate) in candidates.iter().enumerate() {
            let id = format!("#{}", candidate.id);
            text.push_str(&format!(
                "\n  {:>2}. {id:<id_width$}  {}",
                at + 1,
                candidate.label
            ));
        }
        if *more > 0 {
            text.push_str(&format!(
                "\n  … and {more} more: tiesdesk list --search \"{name}\""
            ));
        }
        text
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Invalid(#[from] InvalidValue),

    #[error("no one matches '{0}' (see `tiesdesk list --search`)")]
    UnknownName(String),

    #[error(
        "no one is called '{name}'; did you mean {candidates}? (a change needs the exact \
         name, a unique start of it, or #id)"
    )]
    DidYouMean { name: String, candidates: String },

    #[error("'{name}' is ambiguous: it could be {}", Candidate::one_line(candidates, *more))]
    AmbiguousName {
        name: String,
        /// The first few who match, closest first.
        candidates: Vec<Candidate>,
        /// How many more match than are named.
        more: usize,
    },

    #[error("{path} is not a tiesdesk database ({reason}); it was left untouched")]
    NotTiesdesk { path: PathBuf, reason: String },

    #[error(
        "{path} was written by a newer tiesdesk (schema v{found}; this one knows up to v{known}); \
         it was left untouched — upgrade tiesdesk"
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        known: i64,
    },

    #[error("cannot use {path}: {reason}")]
    Location { path: PathBuf, reason: String },

    #[error("{path} is read-only: cannot save changes here; nothing was changed")]
    ReadOnly { path: PathBuf },

    #[error("another tiesdesk is busy writing to the database; try again in a moment")]
    Busy,

    #[error("the disk is full; nothing was changed")]
    DiskFull,

    #[error(
        "the database file is damaged ({0}); nothing was changed. `tiesdesk check` says what \
         is wrong; `tiesdesk backup FILE` copies what can be read"
    )]
    Corrupt(String),

    #[error(
        "the database file is damaged ({what}; seen {seen}); nothing was changed. `tiesdesk \
         check` says what is wrong (and lets writes through again once it is sound); \
         `tiesdesk backup FILE` copies what can be read"
    )]
    Damaged { what: String, seen: String },

    #[error("{0}; `tiesdesk backup FILE` copies what can still be read")]
    CheckFailed(String),

    #[error("config {path}: {reason}")]
    Config { path: PathBuf, reason: String },

    #[error("{0}")]
    Io(String),

    /// Sync could not run; nothing was changed (the folder missing, a key that does not fit…).
    #[error("sync: {0}")]
    Sync(String),

    #[error("database error: {0}")]
    Database(String),
}

impl From<rusqlite::Error> for Error {
    fn from(error: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        // Text tiesdesk wrote is always UTF-8: text that is not was damaged on disk.
        let bad_text = match &error {
            rusqlite::Error::Utf8Error(..) => true,
            rusqlite::Error::FromSqlConversionFailure(_, _, source) => {
                source.is::<std::str::Utf8Error>() || source.is::<std::string::FromUtf8Error>()
            }
            _ => false,
        };
        if bad_text {
            return Error::Corrupt("a stored text is not valid UTF-8".into());
        }
        match error.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::Busy,
            Some(ErrorCode::DiskFull) => Error::DiskFull,
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
                Error::Corrupt(one_line(&error.to_string()))
            }
            _ => Error::Database(one_line(&error.to_string())),
        }
    }
}

impl Error {
    pub fn invalid(message: impl Into<String>) -> Self {
        Error::Invalid(InvalidValue::new(message))
    }

    pub fn location(path: impl Into<PathBuf>, error: &std::io::Error) -> Self {
        Error::Location {
            path: path.into(),
            reason: io_reason(error),
        }
    }
}

/// A short reason for an I/O error, without Rust's "(os error 13)" suffix.
pub fn io_reason(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.find(" (os error") {
        Some(cut) => text[..cut].to_lowercase(),
        None => text,
    }
}

/// Folds any message onto a single line.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
