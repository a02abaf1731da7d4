//! A person: profile, why they are where they are, the ledger, and the timeline.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::Theme;
use crate::app::App;
use crate::ops::Profile;

/// `text` in lines of at most `width` characters, every line indented by `indent` spaces
/// (ratatui's own wrap starts continuation lines at the margin).
fn wrap_indented(text: &str, width: usize, indent: usize) -> Vec<String> {
    crate::text::wrap(text, width.saturating_sub(indent).max(1))
        .into_iter()
        .map(|line| format!("{:indent$}{line}", ""))
        .collect()
}

/// Lines a fact's value may take on the page; the rest is in the edit form and `show`.
const FACT_LINES: usize = 3;

/// Which line of the page is at the top so that timeline entry `entry` (the
/// `timeline_start + entry`-th line) is on screen: the page starts at its top, and scrolls
/// only as far as the selected entry needs.
pub fn first_line(timeline_start: usize, entry: usize, height: usize) -> usize {
    (timeline_start + entry + 1).saturating_sub(height.max(1))
}

pub fn render(
    app: &App,
    profile: &Profile,
    entry: usize,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) {
    let person = &profile.person;
    let data = &person.data;
    // Every line is laid out here, one screen line each, so the selected entry's place on the
    // page is known exactly.
    let width = usize::from(area.width.saturating_sub(2));
    let mut lines = Vec::new();
    let work: Vec<&str> = [data.role.as_deref(), data.company.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !work.is_empty() {
        lines.extend(
            wrap_indented(&crate::text::visible(&work.join(" at ")), width, 1)
                .into_iter()
                .take(FACT_LINES)
                .map(Line::from),
        );
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
    if !data.handles.is_empty() {
        facts.push(("chats", data.handles.join(", ")));
    }
    if let Some(birthday) = data.birthday {
        facts.push(("birthday", birthday.shown()));
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
    // Values wrap, and keep their own line breaks (notes), under the value column; a long
    // value stops after a few lines with an ellipsis (`e` shows all of it).
    const VALUE_COLUMN: usize = 15;
    for (label, value) in facts {
        let value = crate::text::visible(&value);
        let mut pieces: Vec<String> = value
            .lines()
            .flat_map(|line| wrap_indented(line, width, VALUE_COLUMN))
            .collect();
        if pieces.len() > FACT_LINES {
            pieces.truncate(FACT_LINES);
            if let Some(last) = pieces.last_mut() {
                last.push_str(" …");
            }
        }
        for (n, piece) in pieces.into_iter().enumerate() {
            lines.push(if n == 0 {
                Line::from(vec![
                    Span::styled(format!(" {label:<14}"), theme.dim),
                    Span::raw(piece.chars().skip(VALUE_COLUMN).collect::<String>()),
                ])
            } else {
                Line::from(piece)
            });
        }
    }
    // A person with no details starts with why they are here, not an empty line.
    if !lines.is_empty() {
        lines.push(Line::default());
    }
    lines.push(Line::from(Span::styled(" Why here", theme.header)));
    // Inside the borders, each reason wraps under its own first word.
    for why in &profile.why {
        lines.extend(wrap_indented(why, width, 2).into_iter().map(Line::from));
    }
    lines.push(Line::default());
    if !profile.promises.is_empty() {
        // What you said you would do: giving first, before the figures.
        lines.push(Line::from(Span::styled(
            format!(" You promised ({})", profile.promises.len()),
            theme.header,
        )));
        for promise in &profile.promises {
            let when = match promise.due {
                Some(due) if promise.is_late(app.desk.today) => format!(" · late, due {due}"),
                Some(due) => format!(" · by {due}"),
                None => String::new(),
            };
            // The text gives way to the day when the line is short: the day is what to see.
            let room = width.saturating_sub(2 + crate::text::width(&when));
            let what = format!("#{} {}", promise.id, promise.text);
            let text = format!("{}{when}", super::fit(&what, room).trim_end());
            let style = if promise.is_late(app.desk.today) {
                theme.overdue
            } else {
                ratatui::style::Style::default()
            };
            lines.push(Line::from(Span::styled(
                format!("  {}", super::fit(&text, width.saturating_sub(2))),
                style,
            )));
        }
        lines.push(Line::default());
    }
    if !profile.needs.is_empty() {
        lines.push(Line::from(Span::styled(
            format!(" Looking for ({})", profile.needs.len()),
            theme.header,
        )));
        for need in &profile.needs {
            let tags: String = need.tags.iter().map(|t| format!(" #{t}")).collect();
            let text = format!("#{} {}{tags}", need.id, need.text);
            lines.push(Line::from(format!(
                "  {}",
                super::fit(&text, width.saturating_sub(2))
            )));
            // Something of yours to give them: an offer that fits.
            if let Some(fits) = profile.offers_that_fit.iter().find(|f| f.need == need.id) {
                lines.push(Line::from(Span::styled(
                    format!(
                        "    {}",
                        super::fit(
                            &format!("your offer fits: {}", fits.offer),
                            width.saturating_sub(4)
                        )
                    ),
                    theme.kind,
                )));
            }
        }
        lines.push(Line::default());
    }
    if !profile.dates.is_empty() {
        lines.push(Line::from(Span::styled(" Every year", theme.header)));
        for date in &profile.dates {
            let text = format!("{} · {}", date.on.shown(), date.label);
            lines.push(Line::from(format!(
                "  {}",
                super::fit(&text, width.saturating_sub(2))
            )));
        }
        lines.push(Line::default());
    }
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
    // The numbers only when asked for (`f`): favours show as what happened, in the timeline.
    if app.ledger_shown {
        for line in crate::insight::ledger_lines(&profile.figures, &app.desk.config) {
            lines.extend(wrap_indented(&line, width, 1).into_iter().map(Line::from));
        }
    }
    if app.ledger_shown && profile.quarters.iter().any(|q| q.given + q.received > 0) {
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
    let timeline_start = lines.len();
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
    let entry = entry.min(profile.interactions.len().saturating_sub(1));
    let selectable = !profile.interactions.is_empty();
    for (at, interaction) in profile.interactions.iter().enumerate() {
        let chosen = selectable && at == entry;
        let others = profile.others_in(interaction);
        let mut text = format!(
            "{}  {:<9}{:<8}",
            interaction.day,
            interaction.direction.as_str(),
            interaction.kind.as_str()
        );
        if interaction.size.value() > 1 {
            text.push_str(&format!("×{} ", interaction.size.value()));
        }
        if let Some(capture) = &interaction.capture {
            text.push_str(&format!("({}) ", capture.source.as_str()));
        }
        if !others.is_empty() {
            text.push_str(&format!("with {} ", others.join(", ")));
        }
        if !interaction.note.is_empty() {
            // A note's own line breaks would break the one-line row.
            let note: String = interaction
                .note
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            text.push_str(&format!("— {note}"));
        }
        let marker = if chosen { " › " } else { "   " };
        let row = super::fit(&text, width.saturating_sub(3));
        lines.push(if chosen {
            Line::from(vec![Span::raw(marker), Span::styled(row, theme.selected)])
        } else {
            Line::from(vec![Span::raw(marker), Span::raw(row)])
        });
    }
    let height = usize::from(area.height.saturating_sub(2));
    let top = if selectable {
        first_line(timeline_start, entry, height)
    } else {
        0
    };
    let mut bottom = format!(" #{} ", person.id);
    if selectable && lines.len() > height {
        bottom = format!(
            " #{} · entry {} of {} ",
            person.id,
            entry + 1,
            profile.interactions.len()
        );
    }
    let title = format!(
        " {} ",
        super::fit(person.name(), width.saturating_sub(4)).trim_end()
    );
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(title, theme.title))
        .title_bottom(Line::from(Span::styled(bottom, theme.dim)));
    let visible: Vec<Line> = lines.into_iter().skip(top).take(height).collect();
    frame.render_widget(Paragraph::new(visible).block(block), area);
}

#[cfg(test)]
mod tests {
    use super::{first_line, wrap_indented};

    #[test]
    fn the_page_scrolls_only_as_far_as_the_selected_entry_needs() {
        // The timeline starts on line 15 of a 20-line window: the first 5 entries are on
        // screen with the page's top.
        assert_eq!(first_line(15, 0, 20), 0);
        assert_eq!(first_line(15, 4, 20), 0);
        // The sixth entry needs one line more.
        assert_eq!(first_line(15, 5, 20), 1);
        assert_eq!(first_line(15, 400, 20), 396);
    }

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
