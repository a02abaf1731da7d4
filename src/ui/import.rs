//! The import form, the progress of a running import, and its report.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Gauge, Paragraph};

use super::{Draw, Theme, fit, popup, titled_box};
use crate::app::import::{ImportDone, ImportField, ImportForm, ImportJob, ReportLine};
use crate::app::{Action, App, Context};
use crate::model::Stage;
use crate::ops::Section;

impl Draw for ImportForm {
    fn draw(&self, app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
        let form = self;
        let inner = titled_box(frame, area, (76, 12), ("Import", ""), theme);
        let on_file = form.field == ImportField::File;
        let on_format = form.field == ImportField::Format;
        let on_me = form.field == ImportField::Me;
        // Your address (mail, calendars) and your name as chats show it: what config.toml
        // lacks is typed here once.
        let me_config = &app.desk.config.me;
        let known: Vec<&String> = me_config.emails.iter().chain(&me_config.names).collect();
        let typing = me_config.emails.is_empty() || me_config.names.is_empty();
        let me = if !form.me.value().is_empty() || (on_me && typing) {
            Span::raw(format!("  {}", form.me.value()))
        } else if known.is_empty() {
            Span::styled(
                "  your address (mail), your name in chats; saved once",
                theme.dim,
            )
        } else {
            let known: Vec<&str> = known.iter().map(|k| k.as_str()).collect();
            Span::styled(
                format!(
                    "  {} (config.toml)",
                    crate::text::visible(&known.join(", "))
                ),
                theme.dim,
            )
        };
        let format = match form.format {
            None => "tell from the file".to_string(),
            Some(format) => format.label().to_string(),
        };
        let mut lines = vec![
            super::forms::field_line("file", super::forms::typed(&form.file), on_file, theme),
            super::forms::field_line(
                "format",
                super::forms::choice(format, on_format, theme),
                on_format,
                theme,
            ),
            super::forms::field_line("you", vec![me], on_me, theme),
            Line::default(),
            Line::from(Span::styled(
                " LinkedIn: Settings › Data privacy › Get a copy. A phone: export .vcf.",
                theme.dim,
            )),
            Line::from(Span::styled(
                " Mail: an mbox (Takeout) or a Maildir folder. Calendars: .ics or a vdir.",
                theme.dim,
            )),
            Line::from(Span::styled(
                " Chats: WhatsApp's Export chat, Telegram's result.json, Instagram's files.",
                theme.dim,
            )),
            Line::from(Span::styled(
                " A tiesdesk document (export json) restores into an empty database.",
                theme.dim,
            )),
            Line::from(Span::styled(
                format!(
                    " People already here are matched, not added twice; {} undoes it all.",
                    super::key_name(app, Context::Dashboard, Action::Undo)
                ),
                theme.dim,
            )),
        ];
        lines.push(match &form.error {
            Some(error) => Line::from(Span::styled(format!(" {error}"), theme.error)),
            None if on_file && !form.offered.is_empty() => Line::from(Span::styled(
                crate::text::truncate(
                    &format!(" {}", crate::text::visible(&form.offered.join("  "))),
                    usize::from(inner.width),
                ),
                theme.dim,
            )),
            None => Line::from(Span::styled(
                format!(
                    " The file's path, e.g. ~/Downloads/Connections.csv; {} imports.",
                    super::key_name(app, Context::Form, Action::Submit)
                ),
                theme.dim,
            )),
        });
        frame.render_widget(Paragraph::new(lines), inner);
        if on_file {
            super::forms::cursor_at(frame, inner, 0, &form.file);
        } else if on_me && typing {
            super::forms::cursor_at(frame, inner, 2, &form.me);
        }
    }
}

pub fn progress(job: &ImportJob, frame: &mut Frame, area: Rect, theme: &Theme) {
    let inner = titled_box(frame, area, (64, 7), ("Importing", &job.file_name), theme);
    let [what, bar, _, note] = Layout::vertical([Constraint::Length(1); 4]).areas(inner);
    let (done, total) = job.progress.counts();
    let (stage, unit) = match job.progress.stage() {
        Stage::Reading => ("Reading", job.source.unit()),
        Stage::Matching => ("Matching known people", "people"),
        Stage::Saving => ("Saving", job.source.items()),
    };
    let counted = if total == 0 {
        " Reading the file…".to_string()
    } else if unit == "bytes" {
        let found = job.progress.items();
        format!(
            " {stage}: {:.0} of {:.0} MB, {found} {}",
            done as f64 / 1e6,
            total as f64 / 1e6,
            job.source.items()
        )
    } else {
        format!(" {stage}: {done} of {total} {unit}")
    };
    frame.render_widget(
        Paragraph::new(format!("{counted} · {}", job.source.label())),
        what,
    );
    let ratio = if total == 0 {
        0.0
    } else {
        done as f64 / total as f64
    };
    let bar = Rect::new(bar.x + 1, bar.y, bar.width.saturating_sub(2), 1);
    frame.render_widget(
        Gauge::default()
            .gauge_style(theme.focus)
            .ratio(ratio.clamp(0.0, 1.0))
            .label(format!("{:.0}%", ratio * 100.0)),
        bar,
    );
    frame.render_widget(
        Paragraph::new(Span::styled(
            " Nothing is saved until the end; ctrl-c abandons it.",
            theme.dim,
        )),
        note,
    );
}

impl Draw for ImportDone {
    fn draw(&self, app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
        let done = self;
        let width = 76u16.min(area.width);
        let text_width = usize::from(width.saturating_sub(4));
        let merge = app
            .keymap
            .key_for(Context::Person, Action::Merge)
            .map(|key| format!(" (open one, {key} merges)"))
            .unwrap_or_default();
        // Every record, in every section: the report scrolls rather than cutting a list short.
        let lines: Vec<Line> = done
            .lines(text_width)
            .into_iter()
            .map(|line| match line {
                ReportLine::Count(text) => {
                    Line::from(Span::styled(format!(" {text}"), theme.title))
                }
                ReportLine::Note(text) => Line::from(Span::styled(format!(" {text}"), theme.dim)),
                ReportLine::Blank => Line::default(),
                ReportLine::Title(title) => {
                    let title = if title == Section::Duplicates.title() {
                        format!("{title}{merge}")
                    } else {
                        title
                    };
                    Line::from(Span::styled(format!(" {title}"), theme.focus))
                }
                ReportLine::Item(text) => Line::from(format!("   {}", fit(&text, text_width - 2))),
                ReportLine::Waiting(at, text) => {
                    // Whether the row is picked (Space), then the cursor.
                    let picked = if done.is_picked(at) { '●' } else { ' ' };
                    if at == done.selected.at() {
                        Line::from(Span::styled(
                            format!("{picked}› {}", fit(&text, text_width - 2)),
                            theme.selected,
                        ))
                    } else {
                        Line::from(format!("{picked}  {}", fit(&text, text_width - 2)))
                    }
                }
            })
            .collect();
        let total = lines.len();
        let inner_height = usize::from(area.height.saturating_sub(2));
        let top = done.top.min(total.saturating_sub(inner_height.max(1)));
        let lines: Vec<Line> = lines.into_iter().skip(top).take(inner_height).collect();
        let position = (total > inner_height).then(|| {
            format!(
                "lines {}–{} of {total}",
                top + 1,
                (top + inner_height).min(total)
            )
        });
        let keys: Vec<String> = app
            .keymap
            .hints_described(Context::Report, |action, hint| app.hint_text(action, hint))
            .into_iter()
            .map(|(key, what)| format!("{key} {what}"))
            .collect();
        let keys: Vec<String> = position.into_iter().chain(keys).collect();
        let rect = popup(frame, area, width, lines.len() as u16 + 2);
        let block = Block::bordered()
            .border_style(theme.focus)
            .title(Span::styled(
                format!(" Imported {} ", done.file_name),
                theme.title,
            ))
            .title_bottom(Line::from(Span::styled(
                super::key_line(keys, usize::from(rect.width).saturating_sub(2)),
                theme.dim,
            )));
        frame.render_widget(Paragraph::new(lines).block(block), rect);
    }
}
