//! The help page: every key of the screen under it and of forms, with the action's name as
//! `config.toml` writes it, then what each sign on screen means. Generated from the keymap and
//! the config, laid out once when it opens, and scrolled like any list.

use super::action::Action;
use super::keymap::{Context, Keymap};
use crate::config::Config;

/// Characters inside the help box's borders (the box is always this wide: the app needs 80
/// columns).
pub const HELP_WIDTH: usize = 72;
/// The keys column, and the action-name column at the right.
const KEYS: usize = 13;
const NAME: usize = 15;

/// One line of the help page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Heading(String),
    /// The first line of a binding: its keys, the start of what it does, its config name.
    Key {
        keys: String,
        text: String,
        action: String,
    },
    /// A sign and the start of what it means.
    Sign {
        sign: String,
        text: String,
    },
    /// The rest of a wrapped description, under its start.
    More(String),
    Note(String),
    Blank,
}

#[derive(Debug, Clone)]
pub struct HelpPage {
    /// Where the help was opened (its keys come first).
    pub under: Context,
    pub lines: Vec<HelpLine>,
    /// The first line on screen.
    pub top: usize,
    /// The keys that scroll it, as bound ("j/k · space/pgup").
    pub scroll_keys: String,
}

impl HelpPage {
    /// The keys of `under` (and of forms, and the signs), how to rebind them, and which
    /// database is open (`database`).
    pub fn new(
        keymap: &Keymap,
        under: Context,
        config: &Config,
        database: &std::path::Path,
    ) -> HelpPage {
        let mut lines = vec![HelpLine::Heading(format!("{} keys", title(under)))];
        keys(keymap, under, &mut lines);
        if under != Context::Welcome {
            lines.push(HelpLine::Blank);
            lines.push(HelpLine::Heading("In a form".into()));
            keys(keymap, Context::Form, &mut lines);
            lines.push(HelpLine::Blank);
            lines.push(HelpLine::Heading("What the signs mean".into()));
            signs(config, &mut lines);
        }
        lines.push(HelpLine::Blank);
        let example = keymap
            .bindings(under)
            .iter()
            .find(|b| b.action == Action::Gave)
            .map_or_else(|| "help".to_string(), |b| b.action.name());
        let room = HELP_WIDTH - 1;
        for line in crate::text::wrap(
            &format!(
                "Rebind a key in config.toml with the names on the right: [keys.{}] then \
                 x = \"{example}\", or a key = \"none\" to free it.",
                under.name()
            ),
            room,
        ) {
            lines.push(HelpLine::Note(line));
        }
        lines.push(HelpLine::Blank);
        let open = format!(
            "The database open is {}.",
            crate::text::visible(&database.display().to_string())
        );
        for line in crate::text::wrap(&open, room) {
            lines.push(HelpLine::Note(line));
        }
        let key = |action| keymap.key_for(Context::Help, action);
        let pair = |a, b| match (key(a), key(b)) {
            (Some(a), Some(b)) => Some(format!("{a}/{b}")),
            (Some(one), None) | (None, Some(one)) => Some(one),
            (None, None) => None,
        };
        let scroll_keys = [
            pair(Action::MoveDown, Action::MoveUp),
            pair(Action::PageDown, Action::PageUp),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
        HelpPage {
            under,
            lines,
            top: 0,
            scroll_keys,
        }
    }

    /// Scrolls by `delta` lines, as far as the last screenful.
    pub fn scroll(&mut self, delta: isize, height: usize) {
        let last = self.lines.len().saturating_sub(height.max(1)) as isize;
        self.top = (self.top as isize + delta).clamp(0, last.max(0)) as usize;
    }
}

fn title(context: Context) -> &'static str {
    match context {
        Context::Welcome => "Welcome",
        Context::Dashboard => "Dashboard",
        Context::Person => "Person",
        Context::Review => "Review",
        Context::Form => "Form",
        Context::Search => "Search",
        Context::Help => "Help",
        Context::Confirm => "Confirm",
        Context::Report => "Report",
    }
}

/// The description's room on a key line, between the keys and the action's name.
const TEXT: usize = HELP_WIDTH - 3 - KEYS - 1 - NAME;

/// One entry per action, with every key bound to it, in the keymap's order.
fn keys(keymap: &Keymap, context: Context, lines: &mut Vec<HelpLine>) {
    let bindings = keymap.bindings(context);
    let mut seen: Vec<Action> = Vec::new();
    for binding in bindings {
        if seen.contains(&binding.action) || binding.action == Action::None {
            continue;
        }
        seen.push(binding.action);
        let keys: Vec<String> = bindings
            .iter()
            .filter(|b| b.action == binding.action)
            .map(|b| b.key.label())
            .collect();
        let mut text = crate::text::wrap(&binding.description, TEXT).into_iter();
        lines.push(HelpLine::Key {
            keys: keys.join(" "),
            text: text.next().unwrap_or_default(),
            action: binding.action.name(),
        });
        lines.extend(text.map(HelpLine::More));
    }
}

/// The signs the screens draw, and the figures beside them, in words.
fn signs(config: &Config, lines: &mut Vec<HelpLine>) {
    let model = &config.model;
    let months = (f64::from(config.ledger.window_days) / 30.44).round();
    let entries: Vec<(&str, String)> = vec![
        (
            "●",
            "due: time to be in touch, by their layer's rhythm, yours with them, or the one you set"
                .into(),
        ),
        ("●●", "overdue: well past that".into()),
        (
            "◐",
            format!("one-sided: the last {months} months' favours went mostly one way"),
        ),
        (
            "██▌",
            format!(
                "warmth now, beside your warmest tie; it halves every {:.0} days without contact \
                 ({:.0} for family)",
                model.half_life_days, model.family_half_life_days
            ),
        ),
        (
            "▁▃▅█",
            "warmth month by month over two years (a person's page)".into(),
        ),
        (
            "■■■□",
            "how full a layer is: 5 closest, 15 close, 50 friends, 150 keep in touch (scaled \
             to your dunbar setting)"
                .into(),
        ),
        ("reconn", "dormant, and worth reconnecting with".into()),
        ("quiet", "dormant: in touch before, not lately".into()),
        (
            "↗ circle",
            "your way back into a company or circle where no one you know is active".into(),
        ),
        (
            "3d 7mo 2y",
            "days, months, years since you were last in touch".into(),
        ),
        (
            "gave 1, got 8",
            format!("favours you gave and got in the last {months} months, weighed by size"),
        ),
        ("peak 4", "the warmest the tie has ever been".into()),
        (
            "(active 6.5)",
            "in a path to someone: that person is active, with this warmth".into(),
        ),
        (
            "paper",
            "imported, never in touch: counted, never nagged about".into(),
        ),
    ];
    for (sign, text) in entries {
        let mut text = crate::text::wrap(&text, HELP_WIDTH - 3 - KEYS - 1).into_iter();
        lines.push(HelpLine::Sign {
            sign: sign.to_string(),
            text: text.next().unwrap_or_default(),
        });
        lines.extend(text.map(HelpLine::More));
    }
}

/// Widths the help page is laid out with, for whoever draws it.
pub const fn columns() -> (usize, usize, usize) {
    (KEYS, TEXT, NAME)
}
