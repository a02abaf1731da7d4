//! Search as you type: the box with the query, and the results with what matched.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{Draw, Theme, fit, popup};
use crate::app::App;
use crate::app::overlay::{Search, SearchPurpose};
use crate::insight::Status;

/// A box with a line to type into (after `prompt`) and, below, the area for results.
pub(super) fn query_box(
    frame: &mut Frame,
    block: Block,
    rect: Rect,
    prompt: &str,
    input: &tui_input::Input,
    theme: &Theme,
) -> Rect {
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [query, results] =
        Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(inner);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(prompt.to_string(), theme.key),
            Span::raw(input.value()),
        ])),
        query,
    );
    let offset = prompt.chars().count() + input.visual_cursor();
    frame.set_cursor_position((query.x + offset as u16, query.y));
    results
}

impl Draw for Search {
    fn draw(&self, app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
        let search = self;
        let rect = popup(frame, area, 70, area.height.saturating_sub(2));
        let block = Block::bordered()
            .border_style(theme.focus)
            .title(Span::styled(
                match &search.purpose {
                    SearchPurpose::Open => {
                        " Search: names, companies, circles, notes, what was said ".to_string()
                    }
                    SearchPurpose::MergeInto(keep) => format!(
                        " Merge into {}: who is the same person? ",
                        app.index_of(*keep)
                            .and_then(|i| app.people.get(i))
                            .map_or("them", |p| p.name())
                    ),
                    SearchPurpose::Attach { emails, .. } => match emails.as_slice() {
                        [one] if crate::import::chat::reader::is_handle(one) => format!(
                            " Who is {} in your chats? Enter gives it to them ",
                            crate::text::visible(one)
                        ),
                        [one] => format!(
                            " Whose address is {}? Enter gives it to them ",
                            crate::text::visible(one)
                        ),
                        many => format!(
                            " Whose are these {} addresses? Enter gives them to them ",
                            many.len()
                        ),
                    },
                },
                theme.title,
            ));
        let results = query_box(frame, block, rect, " / ", &search.query, theme);
        let height = usize::from(results.height);
        let width = usize::from(results.width);
        let mut lines = Vec::new();
        let (shown, position_line) = search.selected.window(search.results.len(), height);
        for position in shown {
            let hit = &search.results[position];
            let (Some(person), Some(f)) = (app.people.get(hit.index), app.figures(hit.index))
            else {
                continue;
            };
            let what = match f.status {
                Status::Active => format!("active · {}", f.layer.unwrap_or(0)),
                other => other.as_str().to_string(),
            };
            // Found by something else than the name: say what, in the company's place.
            let detail = match &hit.matched {
                Some(matched) => matched.as_str(),
                None => person.data.company.as_deref().unwrap_or(""),
            };
            let room = width.saturating_sub(1 + 26 + 1 + 12 + 1);
            // Picked (Tab) is marked where the row's first space is.
            let mark = if search.picked.contains(&hit.id) {
                "●"
            } else {
                " "
            };
            let text = format!(
                "{mark}{} {} {}",
                fit(person.name(), 26),
                fit(&what, 12),
                fit(detail, room)
            );
            let style = if position == search.selected.at() {
                theme.selected
            } else {
                ratatui::style::Style::new()
            };
            let mut spans = vec![Span::styled(fit(&text, width), style)];
            if hit.matched.is_some() && position != search.selected.at() {
                spans = vec![
                    Span::styled(
                        format!("{mark}{} {} ", fit(person.name(), 26), fit(&what, 12)),
                        style,
                    ),
                    Span::styled(fit(detail, room), theme.dim),
                ];
            }
            lines.push(Line::from(spans));
        }
        if let Some(position) = position_line {
            lines.push(Line::from(Span::styled(format!(" {position}"), theme.dim)));
        }
        if lines.is_empty() {
            let hint = if search.query.value().is_empty() {
                " Type to search everyone, archived and imported people included."
            } else {
                " No one matches."
            };
            lines.push(Line::from(Span::styled(hint, theme.dim)));
        }
        frame.render_widget(Paragraph::new(lines), results);
    }
}
