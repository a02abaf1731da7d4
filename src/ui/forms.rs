//! The quick-log form, the person form, and the confirmation question.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use tui_input::Input;

use super::{Draw, Theme, popup, titled_box};
use crate::app::forms::{GiveField, GiveForm, Giving};
use crate::app::forms::{LogField, LogForm, PeopleField, PersonField, PersonForm, SnoozeForm};
use crate::app::overlay::Confirm;
use crate::app::{Action, App, Context};
use crate::text::visible;

const LABEL: u16 = 14;

pub(super) fn field_line<'a>(
    label: &str,
    value: Vec<Span<'a>>,
    focused: bool,
    theme: &Theme,
) -> Line<'a> {
    let marker = if focused { "›" } else { " " };
    let label_style = if focused { theme.focus } else { theme.dim };
    let mut spans = vec![Span::styled(format!(" {marker} {label:<8} "), label_style)];
    spans.extend(value);
    Line::from(spans)
}

pub(super) fn choice<'a>(text: String, focused: bool, theme: &Theme) -> Vec<Span<'a>> {
    if focused {
        vec![Span::styled(format!("‹ {text} ›"), theme.focus)]
    } else {
        // Two spaces stand where the focused "‹ " goes, so values stay aligned.
        vec![Span::raw(format!("  {text}"))]
    }
}

/// What was typed into a field, as its value column shows it (controls made visible).
pub(super) fn typed<'a>(input: &Input) -> Vec<Span<'a>> {
    vec![Span::raw(format!("  {}", visible(input.value())))]
}

pub(super) fn cursor_at(frame: &mut Frame, inner: Rect, row: usize, input: &Input) {
    let x = inner.x + LABEL + input.visual_cursor() as u16;
    frame.set_cursor_position((x.min(inner.right().saturating_sub(1)), inner.y + row as u16));
}

impl Draw for LogForm {
    fn draw(&self, app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
        let form = self;
        let day;
        let title = match (&form.changing, &form.fixed) {
            (Some(changing), _) => {
                day = changing.before.day.to_string();
                ("Change the entry of", day.as_str())
            }
            (None, Some((_, name))) => ("Log with", name.as_str()),
            (None, None) => ("Log an interaction", ""),
        };
        // A long message (an ambiguous name lists the candidates) wraps, and the box grows for it.
        let error_lines: Vec<String> = form
            .error
            .as_deref()
            .map(|error| crate::text::wrap(&visible(error), 60))
            .unwrap_or_default();
        // So do the people offered for the name being typed (namesakes, told apart).
        let offered_lines: Vec<String> =
            if form.field == LogField::Who && !form.people.suggestions.is_empty() {
                crate::text::wrap(&visible(&offered(app, &form.people)), 60)
            } else {
                Vec::new()
            };
        let below = error_lines.len() + offered_lines.len();
        let extra = below.saturating_sub(1).min(6) as u16;
        let inner = titled_box(frame, area, (64, 10 + extra), title, theme);
        let mut lines = Vec::new();
        let mut cursor = None;
        for (row, field) in LogField::ORDER.iter().enumerate() {
            let focused = form.field == *field;
            let value = match field {
                LogField::Who => typed(&form.who),
                LogField::Direction => choice(
                    match form.direction {
                        crate::model::Direction::Gave => "I gave / reached out".into(),
                        crate::model::Direction::Received => "they gave / reached out".into(),
                        crate::model::Direction::Mutual => "both ways".into(),
                    },
                    focused,
                    theme,
                ),
                LogField::Kind => choice(form.kind.as_str().to_string(), focused, theme),
                LogField::Size => choice(
                    format!("{} · {}", form.size.value(), form.size.describe()),
                    focused,
                    theme,
                ),
                LogField::Date => typed(&form.date),
                LogField::Note => typed(&form.note),
            };
            if focused {
                cursor = match field {
                    LogField::Who => Some((row, &form.who)),
                    LogField::Date => Some((row, &form.date)),
                    LogField::Note => Some((row, &form.note)),
                    _ => None,
                };
            }
            lines.push(field_line(field.label(), value, focused, theme));
        }
        lines.push(Line::default());
        if below > 0 {
            let styled = |lines: Vec<String>, style| {
                (lines.into_iter())
                    .map(move |line| Line::from(Span::styled(format!(" {line}"), style)))
            };
            lines.extend(styled(error_lines, theme.error));
            lines.extend(styled(offered_lines, theme.dim));
        } else if form.field == LogField::Kind {
            // Every kind, the one chosen lit: ←/→ or a first letter moves along them.
            let mut spans = vec![Span::raw(" ")];
            for kind in crate::model::Kind::ALL {
                let style = if kind == form.kind {
                    theme.focus
                } else {
                    theme.dim
                };
                spans.push(Span::styled(kind.as_str(), style));
                spans.push(Span::raw("  "));
            }
            lines.push(Line::from(spans));
        } else {
            let help = match form.field {
                LogField::Who => "who: a name, or several split by commas",
                LogField::Date => "when: today, yesterday, -3d, -2w or 2026-11-02",
                LogField::Note => "a few words to remember it by (optional)",
                _ => "←/→ or the first letter to choose",
            };
            lines.push(Line::from(Span::styled(format!(" {help}"), theme.dim)));
        }
        frame.render_widget(Paragraph::new(lines), inner);
        if let Some((row, input)) = cursor {
            cursor_at(frame, inner, row, input);
        }
    }
}

impl Draw for PersonForm {
    fn draw(&self, _app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
        let form = self;
        let title = match &form.editing {
            Some(person) => ("Edit", person.name()),
            None => ("Add someone you know", ""),
        };
        let inner = titled_box(frame, area, (64, 10), title, theme);
        let mut lines = Vec::new();
        for (row, field) in PersonField::ORDER.iter().enumerate() {
            let focused = form.field == row;
            let label = field.label();
            lines.push(field_line(label, typed(&form.inputs[row]), focused, theme));
        }
        lines.push(Line::default());
        match &form.error {
            Some(error) => lines.push(Line::from(Span::styled(format!(" {error}"), theme.error))),
            None => lines.push(Line::from(Span::styled(
                " circles and emails: several, split by commas",
                theme.dim,
            ))),
        }
        frame.render_widget(Paragraph::new(lines), inner);
        cursor_at(
            frame,
            inner,
            form.field,
            &form.inputs[form.field.min(form.inputs.len() - 1)],
        );
    }
}

impl Draw for Confirm {
    fn draw(&self, app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
        let confirm = self;
        // Wide enough for the question, up to 76 columns; longer questions wrap.
        let wanted = crate::text::width(&confirm.question) as u16 + 4;
        let width = wanted.clamp(50, 76).min(area.width);
        let rows = wanted
            .saturating_sub(4)
            .div_ceil(width.saturating_sub(4).max(1))
            .max(1);
        let rect = popup(frame, area, width, 4 + rows);
        let block = Block::bordered()
            .border_style(theme.focus)
            .title(Span::styled(" Are you sure? ", theme.title))
            .padding(ratatui::widgets::Padding::horizontal(1));
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        let keys: Vec<String> = app
            .keymap
            .hints(crate::app::Context::Confirm)
            .into_iter()
            .map(|(key, what)| format!("{key} {what}"))
            .collect();
        let lines = vec![
            Line::from(confirm.question.as_str()),
            Line::default(),
            Line::from(Span::styled(keys.join(" · "), theme.dim)),
        ];
        frame.render_widget(
            Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }),
            inner,
        );
    }
}

impl Draw for SnoozeForm {
    fn draw(&self, _app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
        let form = self;
        let inner = titled_box(frame, area, (56, 6), ("Snooze", &form.name), theme);
        let mut lines = vec![field_line("until", typed(&form.until), true, theme)];
        lines.push(Line::default());
        lines.push(match &form.error {
            Some(error) => Line::from(Span::styled(format!(" {error}"), theme.error)),
            None => Line::from(Span::styled(
                " +3d, +2w, +1m or a date; out of reviews until then",
                theme.dim,
            )),
        });
        frame.render_widget(Paragraph::new(lines), inner);
        cursor_at(frame, inner, 0, &form.until);
    }
}

impl Draw for GiveForm {
    fn draw(&self, _app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
        let form = self;
        let (title, labels, helps) = form.giving.words();
        let inner = titled_box(frame, area, (64, 7), (title, &form.name), theme);
        let on_text = form.field == GiveField::Text;
        let mut lines = vec![
            field_line(labels[0], typed(&form.text), on_text, theme),
            field_line(labels[1], typed(&form.second), !on_text, theme),
            Line::default(),
        ];
        lines.push(match &form.error {
            Some(error) => Line::from(Span::styled(format!(" {}", visible(error)), theme.error)),
            None => Line::from(Span::styled(
                format!(" {}", helps[usize::from(!on_text)]),
                theme.dim,
            )),
        });
        let footnote = match form.giving {
            Giving::Promise => " Keeping it logs a favour given (tiesdesk kept ID).",
            Giving::Need => " The review shows who could help (tiesdesk helpers ID).",
            Giving::Date => " It shows on the dashboard and in the review when near.",
        };
        lines.push(Line::from(Span::styled(footnote, theme.dim)));
        frame.render_widget(Paragraph::new(lines), inner);
        let (row, input) = if on_text {
            (0, &form.text)
        } else {
            (1, &form.second)
        };
        cursor_at(frame, inner, row, input);
    }
}

/// What a name field offers, one line: "tab completes: Ana Lima · Ana Silva", or, between
/// people of one name, "tab chooses: › Uma O'Brien (Quartz Finance) · Uma O'Brien (…)".
pub fn offered(app: &App, people: &PeopleField) -> String {
    let key = super::key_name(app, Context::Form, Action::NextField);
    let labels: Vec<String> = people.suggestions.iter().map(|s| s.label()).collect();
    if people.choosing() {
        format!("{key} chooses: › {}", labels.join(" · "))
    } else {
        format!("{key} completes: {}", labels.join(" · "))
    }
}
