//! Help: generated from the keymap for the screen you are on, never written by hand.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{Theme, popup};
use crate::app::{Action, App, Context, Screen};

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let under = match app.screen {
        Screen::Welcome => Context::Welcome,
        Screen::Dashboard => Context::Dashboard,
        Screen::Person { .. } => Context::Person,
        Screen::Review(_) => Context::Review,
    };
    let mut lines = vec![Line::from(Span::styled(
        format!(" {} keys", title(under)),
        theme.header,
    ))];
    lines.extend(keys(app, under, theme));
    // The form's keys when they fit; a form's hint bar shows them anyway.
    let form = keys(app, Context::Form, theme);
    if under != Context::Welcome && lines.len() + form.len() + 4 <= usize::from(area.height) {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(" In a form", theme.header)));
        lines.extend(form);
    }
    let height = (lines.len() as u16 + 2).min(area.height);
    let rect = popup(frame, area, 74, height);
    let block = Block::bordered()
        .border_style(theme.focus)
        .title(Span::styled(" Help ", theme.title))
        .title_bottom(Line::from(Span::styled(
            " rebind any key in config.toml: [keys.<screen>] ",
            theme.dim,
        )));
    frame.render_widget(Paragraph::new(lines).block(block), rect);
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

/// Actions shown on one line with their opposite, so the help fits a small terminal.
const PAIRS: [(Action, Action); 6] = [
    (Action::MoveDown, Action::MoveUp),
    (Action::PageDown, Action::PageUp),
    (Action::Top, Action::Bottom),
    (Action::NextField, Action::PreviousField),
    (Action::NextChoice, Action::PreviousChoice),
    (Action::NextStep, Action::PreviousStep),
];

/// One line per action (or pair of opposite actions), with every key bound to it:
/// "↓ j ↑ k   next person / previous person".
fn keys<'a>(app: &'a App, context: Context, theme: &Theme) -> Vec<Line<'a>> {
    let mut seen: Vec<Action> = Vec::new();
    let mut lines = Vec::new();
    let bindings = app.keymap.bindings(context);
    let description = |action: Action| {
        bindings
            .iter()
            .find(|b| b.action == action)
            .map(|b| b.description.clone())
    };
    for binding in bindings {
        if seen.contains(&binding.action) {
            continue;
        }
        let partner = PAIRS
            .iter()
            .find_map(|&(a, b)| {
                if a == binding.action {
                    Some(b)
                } else if b == binding.action {
                    Some(a)
                } else {
                    None
                }
            })
            .filter(|&p| description(p).is_some());
        let mut actions = vec![binding.action];
        actions.extend(partner);
        seen.extend(&actions);
        let keys: Vec<String> = actions
            .iter()
            .flat_map(|&action| bindings.iter().filter(move |b| b.action == action))
            .map(|b| b.key.label())
            .collect();
        let what: Vec<String> = actions.iter().filter_map(|&a| description(a)).collect();
        lines.push(Line::from(vec![
            Span::styled(format!("   {:<14}", keys.join(" ")), theme.key),
            Span::raw(what.join(" / ")),
        ]));
    }
    lines
}
