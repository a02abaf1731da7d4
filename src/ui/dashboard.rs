//! The dashboard: capacity, the active list by layer and the dormant ties, give-first and
//! reconnect panels. Only the visible rows are built, so 30,000 people draw as fast as 30.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{Theme, ago, fit};
use crate::app::{Action, App, Pane, Row};
use crate::insight::{Due, Status};
use crate::text::visible;

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let [header, body] = Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(area);
    render_header(app, frame, header, theme);
    let [list, side] =
        Layout::horizontal([Constraint::Percentage(58), Constraint::Fill(1)]).areas(body);
    render_list(app, frame, list, theme);
    let [give, reconnect] =
        Layout::vertical([Constraint::Percentage(50), Constraint::Fill(1)]).areas(side);
    super::panels::render_give_first(app, frame, give, theme);
    super::panels::render_reconnect(app, frame, reconnect, theme);
}

fn gauge(people: usize, capacity: usize, most: usize) -> String {
    let cells = capacity.clamp(1, most.max(1));
    let filled = (people * cells).div_ceil(capacity.max(1)).min(cells);
    format!("{}{}", "■".repeat(filled), "□".repeat(cells - filled))
}

/// A count in its colour when there are any, dim when there are none.
fn counted(
    text: String,
    count: usize,
    style: ratatui::style::Style,
    theme: &Theme,
) -> Span<'static> {
    Span::styled(text, if count > 0 { style } else { theme.dim })
}

fn render_header(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let s = &app.network.summary;
    let mut first = vec![
        Span::styled(" tiesdesk ", theme.title),
        Span::raw(format!(" active {}/{} ", s.active, s.dunbar)),
    ];
    // Which database is open, when it is not the default: the gauges give up cells for it.
    let label = app
        .database_label()
        .map(|name| format!("  {}", visible(&name)));
    let label_width = label.as_deref().map_or(0, crate::text::width);
    let fixed: usize = first.iter().map(Span::width).sum::<usize>()
        + s.layers
            .iter()
            .map(|l| format!(" {} ", l.layer).len())
            .sum::<usize>()
        + label_width;
    // Up to ten cells a gauge, fewer when the line would not fit.
    let gauges =
        |most: usize| -> usize { (s.layers.iter()).map(|l| l.capacity.clamp(1, most)).sum() };
    let cells = (1..=10)
        .rev()
        .find(|&most| fixed + gauges(most) <= usize::from(area.width))
        .unwrap_or(1);
    for layer in &s.layers {
        first.push(Span::styled(format!(" {} ", layer.layer), theme.dim));
        first.push(Span::styled(
            gauge(layer.people, layer.capacity, cells.min(10)),
            theme.warm,
        ));
    }
    if let Some(label) = label {
        first.push(Span::styled(label, theme.due));
    }
    let review = match app.last_review.map(|d| app.network.today - d) {
        None => "no review yet".to_string(),
        Some(0) => "reviewed today".to_string(),
        Some(d) => format!("review {d}d ago"),
    };
    let review = match app.streak {
        0 | 1 => review,
        weeks => format!("{review} · streak {weeks}w"),
    };
    // The second line's items, in the order they are shown, each with how much it matters
    // and, for some, a shorter form: when the line is too narrow, the least important item
    // that has one is shortened first, then the least important whole items go (never
    // half of one). The paper count stays, shortened, after a review lengthens the line.
    let one_sided = s.you_take + s.they_take;
    let mut items: Vec<(u8, Span, Option<Span>)> = vec![
        (
            6,
            Span::raw(format!("paper {} ({:.0}%)", s.paper, s.paper_share * 100.0)),
            Some(Span::raw(format!("paper {}", s.paper))),
        ),
        // Bold colour only where there is something to do.
        (
            0,
            counted(format!("due {}", s.due), s.due, theme.due, theme),
            None,
        ),
        (
            1,
            counted(
                format!("overdue {}", s.overdue),
                s.overdue,
                theme.overdue,
                theme,
            ),
            None,
        ),
        (2, Span::raw(format!("dormant {}", s.dormant)), None),
    ];
    if s.learning {
        // Too little log to say who is due: say so, in due's place.
        items.retain(|(importance, _, _)| *importance > 1);
        items.insert(
            1,
            (
                0,
                Span::styled(
                    format!(
                        "learning your rhythm ({} of {} days)",
                        s.log_days.max(0),
                        crate::insight::LEARNING_DAYS
                    ),
                    theme.dim,
                ),
                Some(Span::styled("learning your rhythm", theme.dim)),
            ),
        );
    }
    if one_sided > 0 {
        items.push((4, Span::raw(format!("one-sided {one_sided}")), None));
    }
    if s.on_call > 0 {
        // Apart from the ~150: kept, never due.
        items.push((3, Span::raw(format!("on call {}", s.on_call)), None));
    }
    if s.over_capacity > 0 {
        items.push((
            5,
            Span::raw(format!("over capacity {}/{}", s.competing, s.dunbar)),
            Some(Span::raw(format!("over {}", s.over_capacity))),
        ));
    }
    let promises = &app.promises;
    if promises.open > 0 {
        let text = match promises.late {
            0 => format!("promised {}", promises.open),
            late => format!("promised {} ({late} late)", promises.open),
        };
        let style = if promises.late > 0 {
            theme.overdue
        } else {
            ratatui::style::Style::default()
        };
        items.push((2, Span::styled(text, style), None));
    }
    let short_review = (app.streak > 1).then(|| Span::raw(format!("streak {}w", app.streak)));
    items.push((3, Span::raw(review), short_review));
    let width = usize::from(area.width);
    let used = |items: &[(u8, Span, Option<Span>)]| -> usize {
        1 + items.iter().map(|(_, span, _)| span.width()).sum::<usize>()
            + 3 * items.len().saturating_sub(1)
    };
    while used(&items) > width && items.len() > 1 {
        let shorter = (items.iter_mut())
            .filter(|(_, _, short)| short.is_some())
            .max_by_key(|(importance, _, _)| *importance);
        if let Some((_, span, short)) = shorter {
            if let Some(short) = short.take() {
                *span = short;
            }
            continue;
        }
        let Some(least) = items
            .iter()
            .enumerate()
            .max_by_key(|(_, (importance, _, _))| *importance)
            .map(|(at, _)| at)
        else {
            break;
        };
        items.remove(least);
    }
    let mut second = vec![Span::raw(" ")];
    for (at, (_, span, _)) in items.into_iter().enumerate() {
        if at > 0 {
            second.push(Span::raw(" · "));
        }
        second.push(span);
    }
    frame.render_widget(
        Paragraph::new(vec![Line::from(first), Line::from(second)]),
        area,
    );
}

fn bar(warmth: f64, top: f64, cells: usize) -> String {
    const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    let share = ((1.0 + warmth).ln() / (1.0 + top.max(1e-9)).ln()).clamp(0.0, 1.0);
    let eighths = (share * (cells * 8) as f64).round() as usize;
    let mut text = "█".repeat(eighths / 8);
    text.push_str(EIGHTHS[eighths % 8]);
    format!("{text:<cells$}")
}

fn render_list(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let mut block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(" Your people ", theme.title));
    // Where the selection is among everyone listed, when they do not all fit.
    let listed = app
        .rows
        .iter()
        .filter(|r| matches!(r, Row::Person(_)))
        .count();
    if app.rows.len() > app.page && app.pane == Pane::List {
        let at = app.rows[..=app.selected.min(app.rows.len().saturating_sub(1))]
            .iter()
            .filter(|r| matches!(r, Row::Person(_)))
            .count();
        block = block.title_bottom(Line::from(Span::styled(
            format!(" {at} of {listed} "),
            theme.dim,
        )));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height);
    let width = usize::from(inner.width);
    let top_warmth = app
        .network
        .figures
        .iter()
        .map(|f| f.warmth)
        .fold(0.0_f64, f64::max);
    let (name_width, company_width) = name_and_company_widths(width);
    let mut lines = Vec::with_capacity(height);
    // Column headings, while there is someone to head.
    let height = if app.rows.is_empty() {
        height
    } else {
        lines.push(Line::from(Span::styled(
            format!(
                "  {:<name_width$} {:<company_width$} {:<6} {:>5}",
                "name", "company", "warmth", "last"
            ),
            theme.dim,
        )));
        height.saturating_sub(1)
    };
    for index in app.offset..(app.offset + height).min(app.rows.len()) {
        let line = match app.rows[index] {
            Row::Person(i) => {
                let (Some(person), Some(f)) = (app.people.get(i), app.figures(i)) else {
                    continue;
                };
                let company = person.data.company.as_deref().unwrap_or("");
                let marker = match (f.due, f.one_sided) {
                    (Due::Overdue, _) => Span::styled(" ●●", theme.overdue),
                    (Due::Due, _) => Span::styled(" ● ", theme.due),
                    (_, Some(_)) => Span::styled(" ◐ ", theme.kind),
                    _ => Span::raw("   "),
                };
                let warmth = if f.status == Status::Active {
                    Span::styled(bar(f.warmth, top_warmth, 6), theme.warm)
                } else if f.long_dormant {
                    Span::styled("reconn", theme.kind)
                } else if f.status == Status::Dormant {
                    // Marked on the row itself: the section's title may have scrolled away.
                    Span::styled("quiet ", theme.dim)
                } else {
                    Span::raw("      ")
                };
                // A promise to them is late: marked before the name.
                let promised = if app.promises.late_people.contains(&person.id) {
                    Span::styled(" !", theme.overdue)
                } else {
                    Span::raw("  ")
                };
                let mut spans = vec![
                    promised,
                    Span::raw(fit(person.name(), name_width)),
                    Span::styled(format!(" {} ", fit(company, company_width)), theme.dim),
                    warmth,
                    Span::raw(format!(" {:>5}", ago(f.days_since))),
                    marker,
                ];
                // The list's selection shows only while the list has the keys.
                if index == app.selected && app.pane == Pane::List {
                    for span in &mut spans {
                        span.style = span.style.patch(theme.selected);
                    }
                }
                Line::from(spans)
            }
            header => Line::from(Span::styled(
                format!(" {}", header_title(header)),
                theme.header,
            )),
        };
        lines.push(line);
    }
    if app.rows.is_empty() {
        let key = |action| {
            app.keymap
                .key_for(crate::app::Context::Dashboard, action)
                .unwrap_or_default()
        };
        let paper = app.network.summary.paper;
        let text = if paper > 0 {
            vec![
                format!(" {paper} imported, none in touch yet: paper ties."),
                format!(
                    " {} finds someone; then {}, {} or {}",
                    key(Action::Search),
                    key(Action::Gave),
                    key(Action::Received),
                    key(Action::Met)
                ),
                " logs what you did, and they join the list.".to_string(),
            ]
        } else {
            vec![format!(
                " No one yet: {} adds someone, {} imports contacts.",
                key(Action::Add),
                key(Action::Import)
            )]
        };
        lines.extend(
            text.into_iter()
                .map(|t| Line::from(Span::styled(t, theme.dim))),
        );
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A section's title in the dashboard's list: "15 · close", "dormant · reconnect first".
fn header_title(row: Row) -> String {
    match row {
        Row::Layer { size, place } => {
            let name = match place {
                Some(0) => "closest",
                Some(1) => "close",
                Some(2) => "friends",
                _ => "keep in touch",
            };
            format!("{size} · {name}")
        }
        Row::NoContactYet => "no contact yet".into(),
        Row::Dormant => "dormant · reconnect first".into(),
        Row::OnCall => "on call · kept, never due".into(),
        Row::Person(_) => String::new(),
    }
}

/// The name and company columns of a list `width` wide: the other columns take 20; a name
/// gets up to 28 before the company grows past 10 (to 24), so a wide terminal shows whole
/// companies rather than a wide gap after short names.
fn name_and_company_widths(width: usize) -> (usize, usize) {
    let free = width.saturating_sub(20).max(20);
    let company = free.saturating_sub(28).clamp(10, 24);
    let name = (free - company).min(32);
    (name, company)
}
