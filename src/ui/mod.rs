//! Drawing: `render(&App, frame)` and nothing else. No state changes, no database.

mod dashboard;
mod forms;
mod help;
mod import;
mod links;
mod panels;
mod person;
mod review;
mod search;
mod theme;
mod welcome;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::app::{App, Screen};
pub use theme::Theme;

/// How an overlay is drawn over the screen: every `app::overlay::Component` is drawn by one,
/// written here in `ui` beside the rest of the drawing.
pub trait Draw {
    fn draw(&self, app: &App, frame: &mut Frame, area: Rect, theme: &Theme);
}

/// The smallest terminal tiesdesk draws in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Rows the dashboard list shows at a terminal height (header 2, borders 2, column headings 1,
/// status 1, hints 1).
pub fn list_height(height: u16) -> usize {
    usize::from(height.saturating_sub(7)).max(1)
}

pub fn render(app: &App, frame: &mut Frame) {
    let theme = Theme::new(app.color);
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, &theme);
        return;
    }
    let [body, status, hints] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    match &app.screen {
        Screen::Welcome => welcome::render(app, frame, body, &theme),
        Screen::Dashboard => dashboard::render(app, frame, body, &theme),
        Screen::Person { profile, entry } => {
            person::render(app, profile, entry.at(), frame, body, &theme)
        }
        Screen::Review(review) => review::render(app, review, frame, body, &theme),
    }
    if let Some(overlay) = &app.overlay {
        overlay.component().draw(app, frame, body, &theme);
    }
    if let Some(job) = &app.job {
        import::progress(job, frame, body, &theme);
    }
    if let Some(job) = &app.undo_job {
        let inner = titled_box(frame, body, (64, 4), ("Undoing", ""), &theme);
        let seconds = job.started.elapsed().as_secs_f64();
        frame.render_widget(
            Paragraph::new(vec![
                Line::from(format!(" {}", fit(&job.what, 60))),
                Line::from(Span::styled(
                    format!(" {seconds:.0} s so far · Ctrl-C quits and keeps the change as it is"),
                    theme.dim,
                )),
            ]),
            inner,
        );
    }
    if let Some(message) = &app.status {
        frame.render_widget(
            // A message longer than the line ends in "…", never mid-word without a sign.
            Paragraph::new(Line::from(Span::styled(
                format!(
                    " {}",
                    crate::text::truncate(message, usize::from(status.width).saturating_sub(1))
                ),
                theme.status,
            ))),
            status,
        );
    }
    render_hints(app, frame, hints, &theme);
}

/// Parts of a box's key line (" K keep · x archive "), as many whole ones as fit in `width`
/// from the first: a line too long loses its last parts, never half a word.
pub(super) fn key_line(mut parts: Vec<String>, width: usize) -> String {
    let joined = |parts: &[String]| format!(" {} ", parts.join(" · "));
    while parts.len() > 1 && crate::text::width(&joined(&parts)) > width {
        parts.pop();
    }
    crate::text::truncate(&joined(&parts), width)
}

/// The hint bar: as many of the context's hints as fit, and the help key always last.
fn render_hints(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let context = app.context();
    let help = app.keymap.key_for(context, crate::app::Action::Help);
    // A choice's keys only while a choice has the focus.
    let on_choice = app
        .overlay
        .as_ref()
        .and_then(|overlay| overlay.form())
        .is_none_or(crate::app::forms::Form::on_choice);
    let all = app.keymap.hints_described(context, |action, hint| {
        let choice = matches!(
            action,
            crate::app::Action::NextChoice | crate::app::Action::PreviousChoice
        );
        (on_choice || !choice)
            .then(|| app.hint_text(action, hint))
            .flatten()
    });
    let help_width = help.as_ref().map_or(0, |key| crate::text::width(key) + 7);
    let mut room = usize::from(area.width).saturating_sub(help_width);
    let mut spans = Vec::new();
    for (key, description) in &all {
        if Some(key) == help.as_ref() {
            continue;
        }
        let width = crate::text::width(key) + crate::text::width(description) + 3;
        if width > room {
            break;
        }
        room -= width;
        spans.push(Span::styled(format!(" {key}"), theme.key));
        spans.push(Span::styled(format!(" {description} "), theme.hint));
    }
    if let Some(key) = help {
        spans.push(Span::styled(format!(" {key}"), theme.key));
        spans.push(Span::styled(" help ", theme.hint));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let lines = vec![
        Line::from(Span::styled("tiesdesk needs a larger window", theme.title)),
        Line::from(format!(
            "at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {}×{}.",
            area.width, area.height
        )),
        Line::from("Enlarge it, or press q to quit."),
    ];
    let height = (lines.len() as u16).min(area.height);
    let top = area.y + area.height.saturating_sub(height) / 2;
    let centered = Rect::new(area.x, top, area.width, height);
    frame.render_widget(
        Paragraph::new(lines).alignment(ratatui::layout::HorizontalAlignment::Center),
        centered,
    );
}

/// A centred box of `width`×`height` inside `area`, cleared for a popup.
fn popup(frame: &mut Frame, area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    let rect = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    frame.render_widget(Clear, rect);
    rect
}

/// A popup box in the focus colour with `title`; returns the area inside its border.
/// A bordered popup of `size` titled " `title` `name` ": the name, from the user or a file, is
/// shown with its controls visible and cut to the box, so no title reaches the terminal raw.
fn titled_box(
    frame: &mut Frame,
    area: Rect,
    size: (u16, u16),
    (title, name): (&str, &str),
    theme: &Theme,
) -> Rect {
    let rect = popup(frame, area, size.0, size.1);
    let room = usize::from(rect.width.saturating_sub(4));
    let title = if name.is_empty() {
        format!(" {title} ")
    } else {
        let name = crate::text::visible(name);
        format!(
            " {} ",
            crate::text::truncate(&format!("{title} {name}"), room.saturating_sub(2))
        )
    };
    let block = ratatui::widgets::Block::bordered()
        .border_style(theme.focus)
        .title(Span::styled(title, theme.title));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// `text` in exactly `width` columns, cut with an ellipsis when longer. Control characters
/// are shown (`^[`) rather than dropped, so a column counts what it draws and stays aligned.
fn fit(text: &str, width: usize) -> String {
    crate::text::fit(&crate::text::visible(text), width)
}

/// "today", "3d", "5w", "2y": how long ago, short.
fn ago(days: Option<i64>) -> String {
    crate::insight::span::short_ago(days)
}

/// How the keymap writes the key for `action` in `context`, for a line of help on screen:
/// a key rebound in config.toml is named as it is now.
fn key_name(app: &App, context: crate::app::Context, action: crate::app::Action) -> String {
    app.keymap
        .key_for(context, action)
        .unwrap_or_else(|| "(unbound)".to_string())
}
