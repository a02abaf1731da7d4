//! Keys as data: `assets/keymap.toml`, embedded, with the user's per-key overrides from
//! `config.toml`. The hint bar and the help screen are generated from it.

use std::collections::BTreeMap;

use ratatui::crossterm::event::KeyEvent;
use serde::Deserialize;

use super::action::Action;

mod key;
pub use key::{Key, KeyCodeName};

pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Context {
    Dashboard,
    Person,
    Review,
    Form,
    Search,
    Help,
    Confirm,
    Welcome,
    /// A report on screen (a finished import).
    Report,
}

impl Context {
    pub const ALL: [Context; 9] = [
        Context::Welcome,
        Context::Dashboard,
        Context::Person,
        Context::Review,
        Context::Form,
        Context::Search,
        Context::Confirm,
        Context::Help,
        Context::Report,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Context::Dashboard => "dashboard",
            Context::Person => "person",
            Context::Review => "review",
            Context::Form => "form",
            Context::Search => "search",
            Context::Help => "help",
            Context::Confirm => "confirm",
            Context::Welcome => "welcome",
            Context::Report => "report",
        }
    }

    fn parse(text: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == text)
    }
}

/// One key's binding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub key: Key,
    pub action: Action,
    /// What the help screen says.
    pub description: String,
    /// The short word of the hint bar, for the bindings shown there.
    pub hint: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Keymap {
    bindings: BTreeMap<Context, Vec<Binding>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeymapFile {
    binding: Vec<BindingEntry>,
}

/// One entry of the keymap: an action on one or more keys, in one or more contexts, so a
/// binding shared by several screens is written once.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BindingEntry {
    context: OneOrMany,
    key: OneOrMany,
    action: String,
    description: String,
    #[serde(default)]
    hint: Option<String>,
}

/// `"dashboard"` or `["dashboard", "person"]`.
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn items(&self) -> &[String] {
        match self {
            OneOrMany::One(one) => std::slice::from_ref(one),
            OneOrMany::Many(many) => many,
        }
    }
}

impl Keymap {
    /// The built-in keymap with `overrides` (context → key → action name) laid over it.
    /// Errors name the bad entry: `keys.dashboard.x: unknown action 'gaev'`.
    pub fn new(overrides: &BTreeMap<String, BTreeMap<String, String>>) -> Result<Keymap, String> {
        let file: KeymapFile = toml::from_str(DEFAULT_KEYMAP)
            .map_err(|e| format!("built-in keymap: {}", e.message()))?;
        let mut keymap = Keymap::default();
        // The action names each context has, as config.toml spells them, for error messages.
        let mut action_names: BTreeMap<Context, Vec<String>> = BTreeMap::new();
        for entry in &file.binding {
            let action: Action = entry.action.parse()?;
            for context_name in entry.context.items() {
                let context = Context::parse(context_name)
                    .ok_or_else(|| format!("built-in keymap: unknown context '{context_name}'"))?;
                let names = action_names.entry(context).or_default();
                if !names.contains(&entry.action) {
                    names.push(entry.action.clone());
                }
                for (at, key) in entry.key.items().iter().enumerate() {
                    let binding = Binding {
                        key: Key::parse(key)?,
                        action,
                        description: entry.description.clone(),
                        // The hint bar shows an action once, by its first key.
                        hint: entry.hint.clone().filter(|_| at == 0),
                    };
                    keymap.bindings.entry(context).or_default().push(binding);
                }
            }
        }
        let built_in = keymap.clone();
        for (context_name, keys) in overrides {
            let context = Context::parse(context_name).ok_or_else(|| {
                let names: Vec<&str> = Context::ALL.iter().map(|c| c.name()).collect();
                format!(
                    "keys.{context_name}: unknown context; use one of {}",
                    names.join(", ")
                )
            })?;
            for (key_text, action_text) in keys {
                let place = format!("keys.{context_name}.{key_text}");
                let key = Key::parse(key_text).map_err(|e| format!("{place}: {e}"))?;
                let action: Action = action_text.parse().map_err(|e| {
                    let valid = action_names.get(&context).cloned().unwrap_or_default();
                    format!(
                        "{place}: {e}; in {context_name}: {}, or none",
                        valid.join(", ")
                    )
                })?;
                keymap.rebind(&built_in, context, key, action);
            }
        }
        // A rebound action keeps the place the built-in keymap gives it, so its hint stays
        // where it was in the bar (at the end it would fall off at 80 columns).
        for (context, list) in &mut keymap.bindings {
            let order = built_in.bindings(*context);
            list.sort_by_key(|b| {
                order
                    .iter()
                    .position(|o| o.action == b.action)
                    .unwrap_or(usize::MAX)
            });
        }
        Ok(keymap)
    }

    /// Points `key` at `action`, described as the built-in keymap describes the action, so
    /// the order of overrides does not matter.
    fn rebind(&mut self, built_in: &Keymap, context: Context, key: Key, action: Action) {
        let template = built_in
            .bindings(context)
            .iter()
            .find(|b| b.action == action)
            .cloned();
        let list = self.bindings.entry(context).or_default();
        list.retain(|b| b.key != key);
        if action == Action::None {
            return;
        }

        let (description, hint) = template
            .map(|b| (b.description, b.hint))
            .unwrap_or_else(|| (format!("{action:?}").to_lowercase(), None));
        // A rebound action shows its new key in the hint bar, not its old one.
        if hint.is_some() {
            for b in list.iter_mut().filter(|b| b.action == action) {
                b.hint = None;
            }
        }
        list.push(Binding {
            key,
            action,
            description,
            hint,
        });
    }

    pub fn action(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(event)?;
        self.bindings
            .get(&context)?
            .iter()
            .find(|b| b.key == key)
            .map(|b| b.action)
    }

    pub fn bindings(&self, context: Context) -> &[Binding] {
        self.bindings.get(&context).map_or(&[], Vec::as_slice)
    }

    /// The hint bar of a context: "g gave  r received …".
    pub fn hints(&self, context: Context) -> Vec<(String, &str)> {
        self.hints_where(context, |_| true)
    }

    /// The hint bar of a context, leaving out actions that do nothing where the focus is
    /// (← → on a text field).
    pub fn hints_where(
        &self,
        context: Context,
        applies: impl Fn(Action) -> bool,
    ) -> Vec<(String, &str)> {
        self.bindings(context)
            .iter()
            .filter(|b| applies(b.action))
            .filter_map(|b| Some((b.key.label(), b.hint.as_deref()?)))
            .collect()
    }

    /// `hints_where`, with each hint as `describe` words it (none leaves the key out): for a
    /// hint that carries a count ("add 12 people").
    pub fn hints_described(
        &self,
        context: Context,
        describe: impl Fn(Action, &str) -> Option<String>,
    ) -> Vec<(String, String)> {
        self.bindings(context)
            .iter()
            .filter_map(|b| Some((b.key.label(), describe(b.action, b.hint.as_deref()?)?)))
            .collect()
    }

    /// The first key bound to `action` in `context`, for prompts ("press g").
    pub fn key_for(&self, context: Context, action: Action) -> Option<String> {
        self.bindings(context)
            .iter()
            .find(|b| b.action == action)
            .map(|b| b.key.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn press(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn the_built_in_keymap_loads() {
        let keymap = Keymap::new(&BTreeMap::new()).unwrap();
        assert_eq!(
            keymap.action(Context::Dashboard, &press('g')),
            Some(Action::Gave)
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for context in Context::ALL {
            // Ctrl-C closes what is open; on a screen with nothing open it quits.
            let expected = match context {
                Context::Form
                | Context::Search
                | Context::Help
                | Context::Confirm
                | Context::Report => Action::Close,
                _ => Action::Quit,
            };
            assert_eq!(
                keymap.action(context, &ctrl_c),
                Some(expected),
                "{context:?}"
            );
            assert!(
                !keymap.hints(context).is_empty(),
                "{context:?} has no hints"
            );
        }
    }

    #[test]
    fn a_user_rebinds_a_key() {
        let overrides = BTreeMap::from([(
            "dashboard".to_string(),
            BTreeMap::from([
                ("x".to_string(), "gave".to_string()),
                ("g".to_string(), "none".to_string()),
            ]),
        )]);
        let keymap = Keymap::new(&overrides).unwrap();
        assert_eq!(
            keymap.action(Context::Dashboard, &press('x')),
            Some(Action::Gave)
        );
        assert_eq!(keymap.action(Context::Dashboard, &press('g')), None);
        let hints = keymap.hints(Context::Dashboard);
        // The new key sits where g was: first in the bar, not pushed off its end.
        assert_eq!(hints.first(), Some(&("x".to_string(), "gave")), "{hints:?}");
        assert_eq!(
            keymap.key_for(Context::Dashboard, Action::Gave).as_deref(),
            Some("x")
        );
    }

    #[test]
    fn bad_overrides_name_the_entry() {
        for (context, key, action, needle) in [
            (
                "dashboard",
                "x",
                "gaev",
                "keys.dashboard.x: unknown action 'gaev'",
            ),
            (
                "dashbord",
                "x",
                "gave",
                "keys.dashbord: unknown context; use one of welcome, dashboard, person",
            ),
            (
                "dashboard",
                "x",
                "gaev",
                "; in dashboard: move_down, move_up,",
            ),
            (
                "dashboard",
                "xx",
                "gave",
                "a key is one letter or symbol, or enter, esc, tab",
            ),
            (
                "dashboard",
                "ctrl-",
                "gave",
                "keys.dashboard.ctrl-: unknown key",
            ),
            (
                "dashboard",
                "f13",
                "gave",
                "keys.dashboard.f13: unknown key",
            ),
        ] {
            let overrides = BTreeMap::from([(
                context.to_string(),
                BTreeMap::from([(key.to_string(), action.to_string())]),
            )]);
            let err = Keymap::new(&overrides).unwrap_err();
            assert!(err.contains(needle), "{err}");
        }
    }
}
