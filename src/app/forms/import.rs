//! The import form: which file, read as what (told from the file, or chosen among
//! `import::SourceKind`), and the user's own address for mail and calendars.

use std::path::PathBuf;

use tui_input::Input;

use crate::import::SourceKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportField {
    File,
    Format,
    /// The user's own address, asked once for mail and calendars and saved to config.toml.
    Me,
}

/// Which file, and (unless detected from its first lines) in which format.
#[derive(Debug, Clone)]
pub struct ImportForm {
    pub file: Input,
    /// `None`: tell from the file.
    pub format: Option<SourceKind>,
    /// The user's address, when config.toml has none yet.
    pub me: Input,
    pub field: ImportField,
    pub error: Option<String>,
    /// The names Tab found for the path being typed, when several match.
    pub offered: Vec<String>,
}

impl Default for ImportForm {
    fn default() -> Self {
        ImportForm {
            file: Input::default(),
            format: None,
            me: Input::default(),
            field: ImportField::File,
            error: None,
            offered: Vec::new(),
        }
    }
}

impl crate::app::forms::Form for ImportForm {
    fn type_key(&mut self, key: &ratatui::crossterm::event::KeyEvent) -> bool {
        match self.field {
            ImportField::File => {
                self.offered.clear();
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
            let choices: Vec<Option<SourceKind>> = std::iter::once(None)
                .chain(SourceKind::all().map(Some))
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

    /// Tab in the file field completes the path, as a shell does.
    fn complete(&mut self) -> bool {
        if self.field != ImportField::File {
            return false;
        }
        let here = std::env::current_dir().unwrap_or_default();
        let dirs = directories::BaseDirs::new();
        let home = dirs.as_ref().map(directories::BaseDirs::home_dir);
        self.offered.clear();
        match super::path::complete_path(self.file.value(), &here, home) {
            None => false,
            Some(super::path::PathCompletion::Grew(path)) => {
                self.file = Input::new(path);
                self.error = None;
                true
            }
            Some(super::path::PathCompletion::Several(names)) => {
                self.offered = names;
                true
            }
            Some(super::path::PathCompletion::NoMatch) => {
                self.error = Some("Nothing there begins with that.".into());
                true
            }
        }
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
