//! A person: profile, why they are where they are, the ledger, and the timeline.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::Theme;
use crate::app::App;
use crate::ops::Profile;

/// `text` in lines of at most `width` characters, every line indented by `indent` spaces
/// (ratatui's own wrap starts continuation lines at the margin). A word longer than a line
/// is left for the paragraph to cut.
fn wrap_indented(text: &str, width: usize, indent: usize) -> Vec<String> {
    let room = width.saturating_sub(indent).max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if !line.is_empty() && needed > room {
            lines.push(format!("{:indent$}{line}", ""));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(format!("{:indent$}{line}", ""));
    lines
}

pub fn render(
    app: &App,
    profile: &Profile,
    scroll: usize,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) {
    let person = &profile.person;
    let data = &person.data;
    let mut lines = Vec::new();
    let work: Vec<&str> = [data.role.as_deref(), data.company.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !work.is_empty() {
        lines.push(Line::from(format!(" {}", work.join(" at "))));
    }
    let mut facts: Vec<(&str, String)> = Vec::new();
    if let Some(location) = &data.location {
        facts.push(("lives in", location.clone()));
    }
    if !data.tags.is_empty() {
        facts.push(("circles", data.tags.join(", ")));
    }
    if !data.emails.is_empty() {
        facts.push(("email", data.emails.join(", ")));
    }
    if !data.phones.is_empty() {
        facts.push(("phone", data.phones.join(", ")));
    }
    if let Some(birthday) = data.birthday {
        facts.push(("birthday", birthday.to_string()));
    }
    let links = &profile.connections;
    let names = |list: &[crate::ops::Named]| {
        list.iter()
            .map(|n| n.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(introducer) = &links.introduced_by {
        facts.push(("introduced by", introducer.name.clone()));
    }
    if !links.introduced.is_empty() {
        facts.push(("introduced you", format!("to {}", names(&links.introduced))));
    }
    if !links.knows.is_empty() {
        facts.push(("knows", names(&links.knows)));
    }
    if let Some(note) = profile.bridge_note() {
        facts.push(("bridge", note));
    }
    if !data.notes.is_empty() {
        facts.push(("notes", data.notes.clone()));
    }
    // Values wrap, and keep their own line breaks (notes), under the value column.
    let width = usize::from(area.width.saturating_sub(2));
    const VALUE_COLUMN: usize = 15;
    for (label, value) in facts {
        let pieces = value
            .lines()
            .flat_map(|line| wrap_indented(line, width, VALUE_COLUMN));
        for (n, piece) in pieces.enumerate() {
            lines.push(if n == 0 {
                Line::from(vec![
                    Span::styled(format!(" {label:<14}"), theme.dim),
                    Span::raw(piece[VALUE_COLUMN..].to_string()),
                ])
            } else {
                Line::from(piece)
            });
        }
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(" Why here", theme.header)));
    // Inside the borders, each reason wraps under its own first word.
    for why in &profile.why {
        lines.extend(wrap_indented(why, width, 2).into_iter().map(Line::from));
    }
    lines.push(Line::default());
    if profile.warmth_by_month.iter().any(|w| *w > 0.0) {
        // A picture of the relationship: how it warmed and cooled, month by month.
        lines.push(Line::from(vec![
            Span::styled(format!(" {:<18}", "Warmth, 2 years"), theme.header),
            Span::styled(
                crate::insight::warmth::sparkline(&profile.warmth_by_month),
                theme.warm,
            ),
            Span::styled(format!("  now {:.1}", profile.figures.warmth), theme.dim),
        ]));
        lines.push(Line::default());
    }
    if profile.quarters.iter().any(|q| q.given + q.received > 0) {
        let mut head = vec![Span::styled(
            format!(" {:<18}", "Favours by quarter"),
            theme.header,
        )];
        let mut gave = vec![Span::styled(format!("   {:<16}", "you gave"), theme.dim)];
        let mut got = vec![Span::styled(
            format!("   {:<16}", "you received"),
            theme.dim,
        )];
        let cell = |n: u32| {
            if n == 0 {
                format!("{:>9}", "·")
            } else {
                format!("{n:>9}")
            }
        };
        for quarter in &profile.quarters {
            head.push(Span::styled(format!("{:>9}", quarter.quarter), theme.dim));
            gave.push(Span::raw(cell(quarter.given)));
            got.push(Span::raw(cell(quarter.received)));
        }
        lines.extend([
            Line::from(head),
            Line::from(gave),
            Line::from(got),
            Line::default(),
        ]);
    }
    lines.push(Line::from(Span::styled(
        format!(" Timeline ({})", profile.interactions.len()),
        theme.header,
    )));
    if profile.interactions.is_empty() {
        let key = app
            .keymap
            .key_for(crate::app::Context::Person, crate::app::Action::Met)
            .unwrap_or_default();
        lines.push(Line::from(Span::styled(
            format!("  Nothing logged yet. Press {key} when you meet, or g / r for a favour."),
            theme.dim,
        )));
    }
    for interaction in &profile.interactions {
        let others = profile.others_in(interaction);
        let mut spans = vec![
            Span::raw(format!("  {}  ", interaction.day)),
            Span::styled(format!("{:<9}", interaction.direction.as_str()), theme.dim),
            Span::styled(format!("{:<8}", interaction.kind.as_str()), theme.kind),
        ];
        if interaction.size.value() > 1 {
            spans.push(Span::raw(format!("×{} ", interaction.size.value())));
        }
        if !others.is_empty() {
            spans.push(Span::styled(
                format!("with {} ", others.join(", ")),
                theme.dim,
            ));
        }
        if !interaction.note.is_empty() {
            spans.push(Span::raw(format!("— {}", interaction.note)));
        }
        lines.push(Line::from(spans));
    }
    let title = format!(" {} ", person.name());
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(title, theme.title))
        .title_bottom(Line::from(Span::styled(
            format!(" #{} ", person.id),
            theme.dim,
        )));
    let scroll = u16::try_from(scroll.min(lines.len().saturating_sub(1))).unwrap_or(u16::MAX);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::wrap_indented;

    #[test]
    fn reasons_wrap_under_their_first_word() {
        assert_eq!(
            wrap_indented("Last contact 6 days ago; due in 2 days", 20, 2),
            ["  Last contact 6", "  days ago; due in 2", "  days"]
        );
        assert_eq!(wrap_indented("short", 20, 2), ["  short"]);
        assert_eq!(wrap_indented("", 20, 2), ["  "]);
    }
}
