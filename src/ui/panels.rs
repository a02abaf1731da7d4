//! The dashboard's side panels: Give first (dates, promises, one-sided ties) and Reconnect
//! (dormant ties worth reviving), each a window on its list that follows the selection.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{Theme, ago, fit};
use crate::app::{Action, App, Pane};
use crate::insight::OneSided;
use crate::insight::review::RECONNECT_PER_WEEK;

/// A side panel's frame: its title with the count, and the focus colour when it has the keys.
fn panel_block(title: &str, count: usize, focused: bool, theme: &Theme) -> Block<'static> {
    let title = match count {
        0 => format!(" {title} "),
        n => format!(" {title} ({n}) "),
    };
    Block::bordered()
        .border_style(if focused { theme.focus } else { theme.border })
        .title(Span::styled(title, theme.title))
}

/// Which of `len` entries of `lines_each` lines a panel of `height` lines shows, and the last
/// line's text when not all fit. Unfocused, it shows the first and says how many more and how
/// to see them; focused, it follows the selection and says where it is.
fn panel_window(
    len: usize,
    lines_each: usize,
    height: usize,
    selected: Option<usize>,
    more: impl Fn(usize) -> String,
) -> (std::ops::Range<usize>, Option<String>) {
    if len * lines_each <= height {
        return (0..len, None);
    }
    // No entry is cut in half: with room for none, the last line alone says how many.
    let rows = (height.saturating_sub(1) / lines_each).min(len);
    match selected {
        None => (0..rows, Some(more(len - rows))),
        Some(selected) => {
            let selected = selected.min(len - 1);
            let start = (selected + 1).saturating_sub(rows).min(len - rows);
            (
                start..start + rows,
                Some(format!("{} of {len}", selected + 1)),
            )
        }
    }
}

/// The key that moves the focus into the side panels, for the "+N more" lines.
fn pane_key(app: &App) -> String {
    app.keymap
        .key_for(crate::app::Context::Dashboard, Action::NextPane)
        .unwrap_or_default()
}

pub(super) fn render_give_first(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let flagged = &app.give_first;
    let focused = app.pane == Pane::GiveFirst;
    let block = panel_block("Give first", flagged.len(), focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let mut lines = Vec::new();
    // Dates coming up first: a birthday is the easiest reason to give.
    const DATES_SHOWN: usize = 2;
    for date in app.upcoming.iter().take(DATES_SHOWN) {
        // Short, for a narrow panel: "Sun 6  Rosa Bos · birthday".
        let when = match date.in_days {
            0 => "today".to_string(),
            1 => "tmrw".to_string(),
            _ => date.day.format("%a %-d").to_string(),
        };
        let line = format!("{when:<6} {} · {}", date.name, date.label);
        lines.push(Line::from(Span::styled(
            format!(" {}", fit(&line, width.saturating_sub(1))),
            theme.warm,
        )));
    }
    if app.upcoming.len() > DATES_SHOWN {
        let more = app.upcoming.len() - DATES_SHOWN;
        lines.push(Line::from(Span::styled(
            format!(
                " {}",
                fit(
                    &format!("+{more} more dates · tiesdesk dates"),
                    width.saturating_sub(1)
                )
            ),
            theme.dim,
        )));
    }
    // Help not yet thanked for: the easiest giving there is, and it binds. Someone listed
    // below as having helped a lot is thanked there, with this favour.
    const THANKS_SHOWN: usize = 2;
    let listed_below =
        |person| (flagged.iter()).any(|&i| app.people.get(i).is_some_and(|p| p.id == person));
    let unthanked: Vec<_> = (app.unthanked.iter())
        .filter(|favour| !listed_below(favour.person))
        .collect();
    for favour in unthanked.iter().take(THANKS_SHOWN) {
        let line = format!("Thank {} for {}", favour.who(), favour.what());
        lines.push(Line::from(Span::styled(
            format!(" {}", fit(&line, width.saturating_sub(1))),
            theme.kind,
        )));
    }
    if unthanked.len() > THANKS_SHOWN {
        let more = unthanked.len() - THANKS_SHOWN;
        lines.push(Line::from(Span::styled(
            format!(
                " {}",
                fit(
                    &format!("+{more} more to thank · tiesdesk thanks"),
                    width.saturating_sub(1)
                )
            ),
            theme.dim,
        )));
    }
    // One of your offers that fits someone's need: something to give that needs no one
    // else. Someone listed below has it in their invitation.
    const OFFERS_SHOWN: usize = 2;
    let mut offered: Vec<(&crate::model::Person, &crate::ops::OfferFor)> = (app.openings.offers)
        .iter()
        .filter(|o| !listed_below(o.person))
        .filter_map(|o| Some((app.person(o.person)?, o)))
        .collect();
    offered.sort_by_key(|(p, _)| (app.closeness(p.id), p.id));
    // Room kept for one invitation below (two lines) and its "+N more".
    let reserved = if flagged.is_empty() { 0 } else { 3 };
    let room = usize::from(inner.height).saturating_sub(lines.len() + reserved) / 2;
    let shown_offers = OFFERS_SHOWN.min(room);
    for (person, offer) in offered.iter().take(shown_offers) {
        let headline = format!("Offer {} {}", person.name(), offer.offer);
        lines.push(Line::from(Span::styled(
            format!(" {}", fit(&headline, width.saturating_sub(1))),
            theme.kind,
        )));
        let detail = format!("looking for {}", offer.need);
        lines.push(Line::from(Span::styled(
            format!("   {}", fit(&detail, width.saturating_sub(3))),
            theme.dim,
        )));
    }
    let offered: Vec<crate::model::PersonId> = (offered.iter())
        .take(shown_offers)
        .map(|(p, _)| p.id)
        .collect();
    let tab = pane_key(app);
    // Two lines a person; when not all fit, the last line says how many more and where.
    let (shown, last) = panel_window(
        flagged.len(),
        2,
        usize::from(inner.height).saturating_sub(lines.len()),
        focused.then_some(app.pane_selected.at()),
        |more| format!("+{more} more · {tab} lists them"),
    );
    for at in shown {
        let i = flagged[at];
        let (person, f) = (&app.people[i], &app.network.figures[i]);
        // An invitation with the next act (their need, your promise, their date), never a
        // count of favours.
        let mut date = None;
        let open = app.openings.of(person.id, &app.upcoming, &mut date);
        let one_sided = f.one_sided.unwrap_or(OneSided::YouTake);
        let (headline, detail) = crate::insight::invitation(person.name(), one_sided, &open);
        let chosen = focused && at == app.pane_selected.at();
        let style = |base: ratatui::style::Style| {
            if chosen {
                base.patch(theme.selected)
            } else {
                base
            }
        };
        lines.push(Line::from(Span::styled(
            format!(" {}", fit(&headline, width.saturating_sub(1))),
            style(theme.kind),
        )));
        lines.push(Line::from(Span::styled(
            format!("   {}", fit(&detail, width.saturating_sub(3))),
            style(theme.dim),
        )));
    }
    if let Some(last) = last {
        lines.push(Line::from(Span::styled(
            format!(" {}", fit(&last, width.saturating_sub(1))),
            theme.dim,
        )));
    }
    if flagged.is_empty() {
        // Nothing one-sided: what people are looking for is still something to give, the
        // closest first.
        let mut needs: Vec<(&crate::model::Person, &String)> = (app.openings.needs.iter())
            .filter(|(id, _)| !offered.contains(id))
            .filter_map(|(&id, need)| app.person(id).map(|p| (p, need)))
            .collect();
        needs.sort_by_key(|(p, _)| (app.closeness(p.id), p.id));
        let room = usize::from(inner.height).saturating_sub(lines.len()) / 2;
        for (person, need) in needs.into_iter().take(room) {
            lines.push(Line::from(Span::styled(
                format!(
                    " {}",
                    fit(&format!("Help {}", person.name()), width.saturating_sub(1))
                ),
                theme.kind,
            )));
            lines.push(Line::from(Span::styled(
                format!(
                    "   {}",
                    fit(&format!("looking for {need}"), width.saturating_sub(3))
                ),
                theme.dim,
            )));
        }
    }
    if lines.is_empty() {
        lines.push(Line::from(Span::styled(
            format!(
                " {}",
                fit("Nothing asks for you now.", width.saturating_sub(1))
            ),
            theme.dim,
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

pub(super) fn render_reconnect(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let candidates = &app.reconnect_list;
    let focused = app.pane == Pane::Reconnect;
    let block = panel_block("Reconnect", candidates.len(), focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let mut lines = Vec::new();
    let review = app
        .keymap
        .key_for(crate::app::Context::Dashboard, Action::Review)
        .unwrap_or_default();
    let tab = pane_key(app);
    let (shown, last) = panel_window(
        candidates.len(),
        1,
        usize::from(inner.height),
        focused.then_some(app.pane_selected.at()),
        |more| {
            let long = format!(
                "+{more} more · {tab} lists them · {review} offers {RECONNECT_PER_WEEK} a week"
            );
            // A narrow panel keeps the way to see them and drops the review's offer.
            if crate::text::width(&long) < width {
                long
            } else {
                format!("+{more} more · {tab} lists them")
            }
        },
    );
    for at in shown {
        let i = candidates[at];
        let (person, f) = (&app.people[i], &app.network.figures[i]);
        let bridge = app
            .reconnect
            .get(i)
            .and_then(Option::as_ref)
            .and_then(|r| r.bridges_to.first());
        let text = match (bridge, &person.data.company) {
            (Some(circle), _) => {
                let long = format!(
                    "{} · {} · bridges {circle}",
                    person.name(),
                    ago(f.days_since)
                );
                // A narrow panel keeps the circle and drops the word.
                if crate::text::width(&long) < width {
                    long
                } else {
                    format!("{} · {} · ↗ {circle}", person.name(), ago(f.days_since))
                }
            }
            (None, Some(company)) => {
                format!("{} · {} · {company}", person.name(), ago(f.days_since))
            }
            (None, None) => format!("{} · {}", person.name(), ago(f.days_since)),
        };
        let line = format!(" {}", fit(&text, width.saturating_sub(1)));
        lines.push(Line::from(if focused && at == app.pane_selected.at() {
            Span::styled(line, theme.selected)
        } else {
            Span::raw(line)
        }));
    }
    if let Some(last) = last {
        lines.push(Line::from(Span::styled(
            format!(" {}", fit(&last, width.saturating_sub(1))),
            theme.dim,
        )));
    }
    if lines.is_empty() {
        lines.push(Line::from(Span::styled(
            " No quiet ties to revive yet.",
            theme.dim,
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
