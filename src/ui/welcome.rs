//! The first run: what tiesdesk is, and the ways to start.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{Theme, popup};
use crate::app::{App, Context};

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let mut lines = vec![
        Line::from(Span::styled(" Welcome to tiesdesk", theme.title)),
        Line::default(),
        Line::from(" A private place to keep your real relationships alive:"),
        Line::from(" · give before you take: whom to thank, what people are looking for,"),
        Line::from("   what you promised, and never a score;"),
        Line::from(" · about 150 active relationships, in layers of 5 / 15 / 50 / 150,"),
        Line::from("   and a word when one is cooling;"),
        Line::from(" · dormant ties and friends of friends open other circles."),
        Line::default(),
        Line::from(" Your database is empty. To start:"),
        Line::default(),
    ];
    for binding in app
        .keymap
        .bindings(Context::Welcome)
        .iter()
        .filter(|b| b.hint.is_some())
    {
        lines.push(Line::from(vec![
            Span::styled(format!("   {:<4}", binding.key.label()), theme.key),
            Span::raw(binding.description.clone()),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        " The demo is a separate file beside yours; your own stays untouched.",
        theme.dim,
    )));
    let rect = popup(frame, area, 74, lines.len() as u16 + 2);
    let block = Block::bordered().border_style(theme.border);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        rect,
    );
}
