//! The link form, the introduce form and the intro finder.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use tui_input::Input;

use super::forms::{choice, field_line, typed};
use super::{Draw, Theme, fit, popup, titled_box};
use crate::app::forms::{
    IntroFinder, IntroduceField, IntroduceForm, LinkField, LinkForm, PeopleField,
};
use crate::app::{Action, App, Context};
use crate::insight::Status;

impl Draw for LinkForm {
    fn draw(&self, app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
        let form = self;
        let tab = super::key_name(app, Context::Form, Action::NextField);
        let inner = titled_box(frame, area, (64, 10), ("Link", &form.name), theme);
        let on_who = form.field == LinkField::Who;
        let how = choice(form.how.label().to_string(), !on_who, theme);
        let mut lines = vec![field_line("how", how, !on_who, theme)];
        lines.extend(people_rows(
            "who",
            &form.who,
            &form.people,
            on_who,
            4,
            theme,
        ));
        lines.push(last_line(
            form.error.as_deref(),
            &form.people,
            on_who,
            &tab,
            " Who knows whom finds you introductions (I).",
            theme,
        ));
        show(frame, inner, lines, on_who.then_some(&form.who));
    }
}

impl Draw for IntroduceForm {
    fn draw(&self, app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
        let form = self;
        let tab = super::key_name(app, Context::Form, Action::NextField);
        let inner = titled_box(frame, area, (64, 9), ("Introduce", &form.name), theme);
        let on_who = form.field == IntroduceField::Who;
        let need = format!(" for {}", fit(&form.need_text, 56));
        let mut lines = vec![Line::from(Span::styled(need, theme.dim))];
        lines.extend(people_rows("to", &form.who, &form.people, on_who, 2, theme));
        let stage = choice(form.stage_label().to_string(), !on_who, theme);
        lines.push(field_line("stage", stage, !on_who, theme));
        lines.push(Line::default());
        lines.push(last_line(
            form.error.as_deref(),
            &form.people,
            on_who,
            &tab,
            " Ask them first; the review asks how it went.",
            theme,
        ));
        show(frame, inner, lines, on_who.then_some(&form.who));
    }
}

/// A people field's line and up to `most` people offered under it, padded to that many so
/// what follows stays in place as the offers come and go.
fn people_rows(
    label: &str,
    who: &Input,
    people: &PeopleField,
    focused: bool,
    most: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut lines = vec![field_line(label, typed(who), focused, theme)];
    lines.extend(suggestion_lines(people, most, theme));
    lines.resize(1 + most, Line::default());
    lines
}

/// Draws a people form's lines, with the cursor in its name field (the second line) when
/// that field has the focus.
fn show(frame: &mut Frame, inner: Rect, lines: Vec<Line<'static>>, who: Option<&Input>) {
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some(who) = who {
        super::forms::cursor_at(frame, inner, 1, who);
    }
}

/// The names offered for what is typed (the first marked while choosing among namesakes).
fn suggestion_lines(people: &PeopleField, most: usize, theme: &Theme) -> Vec<Line<'static>> {
    (people.suggestions.iter().take(most).enumerate())
        .map(|(at, suggestion)| {
            let mark = if at == 0 && people.choosing() {
                "›"
            } else {
                " "
            };
            Line::from(Span::styled(
                format!("            {mark} {}", fit(&suggestion.label(), 60)),
                theme.dim,
            ))
        })
        .collect()
}

/// A people form's last line: its error, else what Tab does now, else `otherwise`.
fn last_line(
    error: Option<&str>,
    people: &PeopleField,
    on_names: bool,
    tab: &str,
    otherwise: &'static str,
    theme: &Theme,
) -> Line<'static> {
    match error {
        Some(error) => Line::from(Span::styled(format!(" {error}"), theme.error)),
        None if people.choosing() && on_names => Line::from(Span::styled(
            format!(" {tab} chooses the next of this name."),
            theme.dim,
        )),
        None if !people.suggestions.is_empty() && on_names => Line::from(Span::styled(
            format!(" {tab} completes the first name."),
            theme.dim,
        )),
        None => Line::from(Span::styled(otherwise, theme.dim)),
    }
}

impl Draw for IntroFinder {
    fn draw(&self, app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
        let finder = self;
        let rect = popup(frame, area, 76, area.height.saturating_sub(2));
        let block = Block::bordered()
            .border_style(theme.focus)
            .title(Span::styled(
                " Who can introduce me to… a person, a company, #tag ",
                theme.title,
            ));
        let results = super::search::query_box(frame, block, rect, " to ", &finder.query, theme);
        let width = usize::from(results.width);
        let mut lines = Vec::new();
        match &finder.report {
            None => lines.push(Line::from(Span::styled(
                finder.message.clone().unwrap_or_else(|| {
                    format!(
                        " Type a name, a company or a #tag; {} opens the person to ask.",
                        super::key_name(app, Context::Search, Action::Open)
                    )
                }),
                theme.dim,
            ))),
            Some(report) if report.direct.is_empty() && report.paths.is_empty() => {
                lines.push(Line::from(Span::styled(
                    format!(" No way in to {} yet.", report.target.describe()),
                    theme.dim,
                )));
                lines.push(Line::from(Span::styled(
                    " On someone's page, L records whom they know.",
                    theme.dim,
                )));
            }
            Some(report) => {
                let mut position = 0;
                let height = usize::from(results.height);
                // The selection stays on screen: the list starts a page before it if needed.
                let skip = finder
                    .selected
                    .at()
                    .saturating_sub(height.saturating_sub(3));
                let hidden = report.direct.len() - finder.direct().len();
                let active = (finder.direct().iter()).any(|way| way.status == Status::Active);
                let heading = report.known_heading(active, true);
                let direct_title = if hidden > 0 {
                    format!(" {heading} · {hidden} more")
                } else {
                    format!(" {heading}")
                };
                for (title, ways) in [
                    (direct_title, finder.direct()),
                    (" Ask, warmest first".to_string(), &report.paths[..]),
                ] {
                    if ways.is_empty() {
                        continue;
                    }
                    if position >= skip {
                        let title = crate::text::truncate(&title, width);
                        lines.push(Line::from(Span::styled(title, theme.header)));
                    }
                    for way in ways {
                        if position >= skip {
                            let style = if position == finder.selected.at() {
                                theme.selected
                            } else {
                                Style::new()
                            };
                            lines.push(Line::from(Span::styled(
                                fit(&format!("  {}", way.line()), width),
                                style,
                            )));
                        }
                        position += 1;
                    }
                }
            }
        }
        frame.render_widget(Paragraph::new(lines), results);
    }
}
