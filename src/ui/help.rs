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
    }
}

/// One line per action, with every key bound to it: "j ↓   next person".
fn keys<'a>(app: &'a App, context: Context, theme: &Theme) -> Vec<Line<'a>> {
    let mut seen: Vec<Action> = Vec::new();
    let mut lines = Vec::new();
    let bindings = app.keymap.bindings(context);
    for binding in bindings {
        if seen.contains(&binding.action) {
            continue;
        }
        seen.push(binding.action);
        let keys: Vec<String> = bindings
            .iter()
            .filter(|b| b.action == binding.action)
            .map(|b| b.key.label())
            .collect();
        lines.push(Line::from(vec![
            Span::styled(format!("   {:<14}", keys.join(" ")), theme.key),
            Span::raw(binding.description.clone()),
        ]));
    }
    lines
}
