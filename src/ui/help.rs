//! Help: the page `app::help` laid out, drawn from its first line on screen, with where you
//! are when it does not all fit.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{Draw, Theme, popup};
use crate::app::App;
use crate::app::help::{HELP_WIDTH, HelpLine, HelpPage, columns};

impl Draw for HelpPage {
    fn draw(&self, _app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
        let page = self;
        let (keys, text, name) = columns();
        let height = (page.lines.len() as u16 + 2).min(area.height);
        let rect = popup(frame, area, HELP_WIDTH as u16 + 2, height);
        let inner_height = usize::from(height.saturating_sub(2));
        let top = page
            .top
            .min(page.lines.len().saturating_sub(inner_height.max(1)));
        let lines: Vec<Line> = page
            .lines
            .iter()
            .skip(top)
            .take(inner_height)
            .map(|line| match line {
                HelpLine::Heading(title) => {
                    Line::from(Span::styled(format!(" {title}"), theme.header))
                }
                HelpLine::Key {
                    keys: bound,
                    text: what,
                    action,
                } => Line::from(vec![
                    Span::styled(format!("   {bound:<keys$} "), theme.key),
                    Span::raw(format!("{what:<text$}")),
                    Span::styled(format!("{action:>name$}"), theme.dim),
                ]),
                HelpLine::Sign { sign, text: what } => Line::from(vec![
                    Span::styled(format!("   {sign:<keys$} "), theme.warm),
                    Span::raw(what.clone()),
                ]),
                HelpLine::More(rest) => Line::from(format!("   {:keys$} {rest}", "")),
                HelpLine::Note(note) => Line::from(Span::styled(format!(" {note}"), theme.dim)),
                HelpLine::Blank => Line::default(),
            })
            .collect();
        let mut block = Block::bordered()
            .border_style(theme.focus)
            .title(Span::styled(" Help ", theme.title));
        if page.lines.len() > inner_height {
            let last = (top + inner_height).min(page.lines.len());
            block = block.title_bottom(Line::from(Span::styled(
                format!(
                    " lines {}–{last} of {} · {} ",
                    top + 1,
                    page.lines.len(),
                    page.scroll_keys
                ),
                theme.dim,
            )));
        }
        frame.render_widget(Paragraph::new(lines).block(block), rect);
    }
}
