//! Keys as the keymap writes them ("g", "ctrl-c", "pagedown"), read from terminal events,
//! and labelled for the hint bar and help.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key with its modifiers, as written in the keymap ("g", "ctrl-c", "pagedown").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyCodeName,
    pub ctrl: bool,
}

/// The keys tiesdesk can bind (a subset of crossterm's, with a stable order for display).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCodeName {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    Backspace,
    Delete,
}

const NAMED: [(&str, KeyCodeName); 14] = [
    ("enter", KeyCodeName::Enter),
    ("esc", KeyCodeName::Esc),
    ("tab", KeyCodeName::Tab),
    ("backtab", KeyCodeName::BackTab),
    ("up", KeyCodeName::Up),
    ("down", KeyCodeName::Down),
    ("left", KeyCodeName::Left),
    ("right", KeyCodeName::Right),
    ("pageup", KeyCodeName::PageUp),
    ("pagedown", KeyCodeName::PageDown),
    ("home", KeyCodeName::Home),
    ("end", KeyCodeName::End),
    ("backspace", KeyCodeName::Backspace),
    ("delete", KeyCodeName::Delete),
];

impl Key {
    pub fn parse(text: &str) -> Result<Key, String> {
        let (ctrl, rest) = match text.strip_prefix("ctrl-") {
            Some(rest) if !rest.is_empty() => (true, rest),
            _ => (false, text),
        };
        let code = if rest == "space" {
            KeyCodeName::Char(' ')
        } else if let Some((_, named)) = NAMED.iter().find(|(name, _)| *name == rest) {
            *named
        } else {
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => KeyCodeName::Char(c),
                _ => {
                    let names: Vec<&str> = NAMED.iter().map(|(name, _)| *name).collect();
                    return Err(format!(
                        "unknown key '{text}'; a key is one letter or symbol, or {}, space, \
                         with ctrl- in front for Control",
                        names.join(", ")
                    ));
                }
            }
        };
        Ok(Key { code, ctrl })
    }

    /// The key of a terminal event, if it is one tiesdesk can bind.
    pub fn from_event(event: &KeyEvent) -> Option<Key> {
        let code = match event.code {
            KeyCode::Char(c) => KeyCodeName::Char(c),
            KeyCode::Enter => KeyCodeName::Enter,
            KeyCode::Esc => KeyCodeName::Esc,
            KeyCode::Tab => KeyCodeName::Tab,
            KeyCode::BackTab => KeyCodeName::BackTab,
            KeyCode::Up => KeyCodeName::Up,
            KeyCode::Down => KeyCodeName::Down,
            KeyCode::Left => KeyCodeName::Left,
            KeyCode::Right => KeyCodeName::Right,
            KeyCode::PageUp => KeyCodeName::PageUp,
            KeyCode::PageDown => KeyCodeName::PageDown,
            KeyCode::Home => KeyCodeName::Home,
            KeyCode::End => KeyCodeName::End,
            KeyCode::Backspace => KeyCodeName::Backspace,
            KeyCode::Delete => KeyCodeName::Delete,
            _ => return None,
        };
        Some(Key {
            code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
        })
    }

    /// How the hint bar and help write the key.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCodeName::Char(' ') => "space".to_string(),
            KeyCodeName::Char(c) => c.to_string(),
            KeyCodeName::Up => "↑".into(),
            KeyCodeName::Down => "↓".into(),
            KeyCodeName::Left => "←".into(),
            KeyCodeName::Right => "→".into(),
            KeyCodeName::BackTab => "shift-tab".into(),
            KeyCodeName::PageUp => "pgup".into(),
            KeyCodeName::PageDown => "pgdn".into(),
            other => NAMED
                .iter()
                .find(|(_, named)| *named == other)
                .map_or_else(String::new, |(name, _)| (*name).to_string()),
        };
        if self.ctrl {
            format!("ctrl-{base}")
        } else {
            base
        }
    }

    /// Typing keys: plain characters, which a text field takes before the keymap does.
    pub fn is_text(&self) -> bool {
        matches!(self.code, KeyCodeName::Char(_)) && !self.ctrl
    }
}
