//! The weekly review: one step at a time, with what each asks and what was done.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{Theme, fit};
use crate::app::{Action, App, Context, Mark, Review};
use crate::insight::review::Step;

pub fn render(app: &App, review: &Review, frame: &mut Frame, area: Rect, theme: &Theme) {
    let Some(section) = review.section() else {
        return;
    };
    let steps = review.agenda.sections.len();
    // The week's step has a line more around the turn of the year: the year's giving.
    let year_line = section.step == Step::ThisWeek && review.agenda.year.is_some();
    let [title, prompt, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(2 + u16::from(year_line)),
        Constraint::Fill(1),
    ])
    .areas(area);
    let progress: String = (0..steps)
        .map(|i| if i <= review.step { '●' } else { '○' })
        .collect();
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(" Weekly review ", theme.title),
            Span::styled(format!(" {progress} "), theme.warm),
            Span::raw(format!(" step {} of {steps} · ", review.step + 1)),
            Span::styled(section.step.title(), theme.header),
        ])),
        title,
    );
    let mut words = vec![Line::from(format!(" {}", section.step.prompt()))];
    if section.step == Step::ThisWeek {
        let w = &review.agenda.week;
        words.push(Line::from(Span::styled(
            format!(
                " You gave {} · received {} · met {}",
                w.gave, w.received, w.met
            ),
            theme.dim,
        )));
        // Once a year, the year's giving over everyone.
        if let Some(year) = &review.agenda.year {
            words.push(Line::from(Span::styled(
                format!(" {}", year.line()),
                theme.dim,
            )));
        }
    }
    frame.render_widget(Paragraph::new(words).wrap(Wrap { trim: false }), prompt);

    let block = Block::bordered()
        .border_style(theme.border)
        .title_bottom(Line::from(Span::styled(
            footer(
                app,
                review,
                section.step,
                usize::from(body.width).saturating_sub(2),
            ),
            theme.dim,
        )));
    let inner = block.inner(body);
    frame.render_widget(block, body);
    let height = usize::from(inner.height);
    let width = usize::from(inner.width);
    let mut lines = Vec::with_capacity(height);
    if section.items.is_empty() {
        let key = |context, action| app.keymap.key_for(context, action).unwrap_or_default();
        let empty = match section.step {
            Step::Promises => format!(
                "No open promises, and no dates in the next two weeks. {} on a person makes a \
                 promise.",
                key(Context::Person, Action::Promise)
            ),
            Step::CouldHelp => format!(
                "No needs noted for your active ties. {} on a person notes what they are \
                 looking for.",
                key(Context::Person, Action::Need)
            ),
            Step::Together => format!(
                "No one new seen together. People in two or more of the meetings and mails you \
                 import ({} on the dashboard) are asked about here.",
                key(Context::Dashboard, Action::Import)
            ),
            _ => "Nothing here this week.".to_string(),
        };
        lines.extend(
            crate::text::wrap(&empty, width.saturating_sub(2))
                .into_iter()
                .map(|line| Line::from(Span::styled(format!(" {line}"), theme.dim))),
        );
    }
    // The reconnect step keeps a line to say how many more qualify.
    let height = if section.more > 0 {
        height.saturating_sub(1)
    } else {
        height
    };
    // A reason too long for its row is written out in full under the list, for the person
    // selected: nothing is cut without a way to read it.
    let full_reason: Vec<String> = section
        .items
        .get(review.selected.at())
        .filter(|item| crate::text::width(&item.detail) > width.saturating_sub(27))
        .map(|item| crate::text::wrap(&item.detail, width.saturating_sub(4)))
        .unwrap_or_default();
    let height = height.saturating_sub(if full_reason.is_empty() {
        0
    } else {
        full_reason.len() + 1
    });
    let (shown, position_line) = review.selected.window(section.items.len(), height);
    for (position, item) in section
        .items
        .iter()
        .enumerate()
        .skip(shown.start)
        .take(shown.len())
    {
        let Some(index) = app.index_of(item.person) else {
            continue;
        };
        let name = app.people[index].name();
        let (mark, mark_style) = match review.mark_of(item) {
            Some(Mark::Logged) => ("✓ logged", theme.warm),
            Some(Mark::Kept) => ("✓ kept", theme.warm),
            Some(Mark::Dropped) => ("– dropped", theme.dim),
            Some(Mark::Moved) => ("→ a week on", theme.dim),
            Some(Mark::Snoozed) => ("z snoozed", theme.dim),
            Some(Mark::Skipped) => ("– skipped", theme.dim),
            Some(Mark::Archived) => ("archived", theme.dim),
            Some(Mark::KeptAsIs) => ("✓ kept as is", theme.warm),
            Some(Mark::Thanked) => ("✓ thanked", theme.warm),
            Some(Mark::MovedOn) => ("✓ moved on", theme.warm),
            Some(Mark::Linked) => ("✓ linked", theme.warm),
            Some(Mark::Dismissed) => ("– dismissed", theme.dim),
            None => ("", theme.dim),
        };
        let mark_width = if mark.is_empty() {
            0
        } else {
            crate::text::width(mark) + 1
        };
        let detail_width = width.saturating_sub(26 + mark_width + 1);
        let mut spans = vec![
            // Whether the row is picked (Space), then the cursor.
            Span::raw(format!(
                "{}{} ",
                if review.picked.contains(&position) {
                    '●'
                } else {
                    ' '
                },
                if position == review.selected.at() {
                    '›'
                } else {
                    ' '
                },
            )),
            Span::raw(fit(name, 22)),
            Span::styled(format!(" {}", fit(&item.detail, detail_width)), theme.dim),
            Span::styled(
                if mark.is_empty() {
                    String::new()
                } else {
                    format!(" {mark}")
                },
                mark_style,
            ),
        ];
        if position == review.selected.at() {
            for span in &mut spans {
                span.style = span.style.patch(theme.selected);
            }
        }
        lines.push(Line::from(spans));
    }
    if let Some(position_line) = position_line {
        lines.push(Line::from(Span::styled(
            format!("   {position_line} · PgDn/PgUp, Home/End"),
            theme.dim,
        )));
    }
    if section.more > 0 {
        lines.push(Line::from(Span::styled(
            format!(
                "   {} more qualify; a few a week is enough (all: tiesdesk list --dormant)",
                section.more
            ),
            theme.dim,
        )));
    }
    if !full_reason.is_empty() {
        // At the foot of the box, under whatever the list leaves free.
        let free = usize::from(inner.height).saturating_sub(lines.len() + full_reason.len());
        lines.extend(std::iter::repeat_n(Line::default(), free));
        lines.extend(
            full_reason
                .into_iter()
                .map(|line| Line::from(Span::styled(format!("   {line}"), theme.dim))),
        );
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The next thing to press, in words, from the keymap, in `width` columns: what the step's
/// keys do comes first; the way on goes when it does not fit (the hint bar has it).
fn footer(app: &App, review: &Review, step: Step, width: usize) -> String {
    let key = |action| {
        app.keymap
            .key_for(Context::Review, action)
            .unwrap_or_default()
    };
    let last = review.step + 1 == review.agenda.sections.len();
    let mut parts = Vec::new();
    match step {
        Step::PaperTies => parts.push(format!(
            "{} keep as is · {} archive · {} pick · {} archive all",
            key(Action::Keep),
            key(Action::LetGo),
            key(Action::Pick),
            key(Action::ArchiveAll)
        )),
        Step::Promises => parts.push(format!(
            "{} kept · {} a week on · {} drop",
            key(Action::Keep),
            key(Action::SnoozeWeek),
            key(Action::LetGo)
        )),
        Step::CouldHelp => match review.selected_subject() {
            Some(crate::insight::review::Subject::Introduction(_)) => parts.push(format!(
                "{} it moved on (made, they met) · {} dropped",
                key(Action::Keep),
                key(Action::LetGo)
            )),
            _ => parts.push(format!("{} introduce", key(Action::Introduce))),
        },
        Step::Together => parts.push(format!(
            "{} they know each other · {} no, never ask again",
            key(Action::Keep),
            key(Action::LetGo)
        )),
        Step::Thanks => parts.push(format!(
            "{} thanked · {} pick",
            key(Action::Thanked),
            key(Action::Pick)
        )),
        _ => {}
    }
    if last {
        parts.push(format!(
            "{} finish and record the review",
            key(Action::Finish)
        ));
    } else {
        parts.push(format!("{} next step", key(Action::NextStep)));
        parts.push(format!("{} finish now", key(Action::Finish)));
    }
    super::key_line(parts, width)
}
