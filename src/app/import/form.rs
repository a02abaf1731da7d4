//! The import form: which file, read as what (told from the file, or chosen), and the
//! user's own address for mail and calendars.

use std::path::PathBuf;

use tui_input::Input;

use crate::import::Format;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportField {
    File,
    Format,
    /// The user's own address, asked once for mail and calendars and saved to config.toml.
    Me,
}

/// What a file is read as: people (a contacts file), or the user's mail or calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKind {
    People(Format),
    Mail,
    Calendar,
}

impl ImportKind {
    pub fn label(self) -> &'static str {
        match self {
            ImportKind::People(format) => format.label(),
            ImportKind::Mail => "your mail (mbox, Maildir, .eml)",
            ImportKind::Calendar => "your calendar (.ics, vdir)",
        }
    }

    /// What its progress counts while reading.
    pub fn unit(self) -> &'static str {
        match self {
            ImportKind::People(format) => format.spec().unit,
            ImportKind::Mail => "bytes",
            ImportKind::Calendar => "files",
        }
    }

    /// What its progress counts while saving: people, or the messages and meetings read.
    pub fn saved_unit(self) -> &'static str {
        match self {
            ImportKind::People(_) => "people",
            ImportKind::Mail => "messages",
            ImportKind::Calendar => "occurrences",
        }
    }

    fn all() -> impl Iterator<Item = ImportKind> {
        Format::all()
            .map(ImportKind::People)
            .chain([ImportKind::Mail, ImportKind::Calendar])
    }

    /// What `path` looks like when no format was chosen: a folder, an `.ics`, an `.mbox`, an
    /// `.eml` or a file starting like an mbox or a calendar; `None` for a contacts file.
    pub(super) fn of_path(path: &std::path::Path) -> Option<ImportKind> {
        let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase());
        match extension.as_deref() {
            Some("ics") => return Some(ImportKind::Calendar),
            Some("mbox" | "eml") => return Some(ImportKind::Mail),
            _ => {}
        }
        if path.is_dir() {
            let has_ics = std::fs::read_dir(path).is_ok_and(|entries| {
                entries.flatten().any(|e| {
                    e.path()
                        .extension()
                        .is_some_and(|x| x.eq_ignore_ascii_case("ics"))
                })
            });
            return Some(if has_ics {
                ImportKind::Calendar
            } else {
                ImportKind::Mail
            });
        }
        let mut start = [0u8; 64];
        let read = std::fs::File::open(path)
            .and_then(|mut f| std::io::Read::read(&mut f, &mut start))
            .unwrap_or(0);
        let start = String::from_utf8_lossy(&start[..read]);
        if start.starts_with("From ") {
            Some(ImportKind::Mail)
        } else if start
            .trim_start_matches('\u{feff}')
            .starts_with("BEGIN:VCALENDAR")
        {
            Some(ImportKind::Calendar)
        } else {
            None
        }
    }
}

/// Which file, and (unless detected from its first lines) in which format.
#[derive(Debug, Clone)]
pub struct ImportForm {
    pub file: Input,
    /// `None`: tell from the file.
    pub format: Option<ImportKind>,
    /// The user's address, when config.toml has none yet.
    pub me: Input,
    pub field: ImportField,
    pub error: Option<String>,
}

impl Default for ImportForm {
    fn default() -> Self {
        ImportForm {
            file: Input::default(),
            format: None,
            me: Input::default(),
            field: ImportField::File,
            error: None,
        }
    }
}

impl crate::app::forms::Form for ImportForm {
    fn type_key(&mut self, key: &ratatui::crossterm::event::KeyEvent) -> bool {
        match self.field {
            ImportField::File => {
                crate::app::forms::edit_field(&mut self.file, &mut self.error, key)
            }
            ImportField::Me => crate::app::forms::edit_field(&mut self.me, &mut self.error, key),
            ImportField::Format => false,
        }
    }

    fn move_field(&mut self, forward: bool) {
        let order = [ImportField::File, ImportField::Format, ImportField::Me];
        let at = order.iter().position(|f| *f == self.field).unwrap_or(0);
        let next = if forward {
            at + 1
        } else {
            at + order.len() - 1
        };
        self.field = order[next % order.len()];
    }

    /// Detect, then each format in turn, then detect again; or backwards.
    fn cycle(&mut self, forward: bool) {
        if self.field == ImportField::Format {
            let choices: Vec<Option<ImportKind>> = std::iter::once(None)
                .chain(ImportKind::all().map(Some))
                .collect();
            self.format = crate::app::forms::step(&choices, self.format, forward);
        }
    }

    fn on_choice(&self) -> bool {
        self.field == ImportField::Format
    }

    fn has_typed_text(&self) -> bool {
        !self.file.value().trim().is_empty()
    }

    fn error(&mut self) -> &mut Option<String> {
        &mut self.error
    }
}

impl ImportForm {
    /// The path as typed, with `~/` meaning the home folder.
    pub fn path(&self) -> PathBuf {
        let typed = self.file.value().trim();
        match typed.strip_prefix("~/") {
            Some(rest) => directories::BaseDirs::new()
                .map_or_else(|| PathBuf::from(typed), |dirs| dirs.home_dir().join(rest)),
            None => PathBuf::from(typed),
        }
    }
}
