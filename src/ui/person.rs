//! A person: profile, why they are where they are, the ledger, and the timeline.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::Theme;
use crate::app::App;
use crate::ops::Profile;

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
    if !links.bridges.is_empty() {
        facts.push((
            "bridge",
            format!("your only active tie at {}", links.bridges.join(", ")),
        ));
    }
    if !data.notes.is_empty() {
        facts.push(("notes", data.notes.clone()));
    }
    for (label, value) in facts {
        lines.push(Line::from(vec![
            Span::styled(format!(" {label:<14}"), theme.dim),
            Span::raw(value),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(" Why here", theme.header)));
    for why in &profile.why {
        lines.push(Line::from(format!("  {why}")));
    }
    lines.push(Line::default());
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
