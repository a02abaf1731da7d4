//! `today`: a few lines for a shell start-up file or cron; nothing when there is nothing.

use crate::error::Result;
use crate::ops::{Desk, Morning, when};
use crate::text::visible;

/// Lines of one kind shown before "and N more".
const PER_KIND: usize = 3;

pub fn today(out: &mut String, desk: &Desk, as_json: bool) -> Result<()> {
    let morning = desk.morning()?;
    if as_json {
        return super::print::json(out, &morning);
    }
    if morning.is_quiet() {
        return Ok(());
    }
    for line in lines(&morning, terminal_width()) {
        say!(out, "{line}");
    }
    Ok(())
}

/// "Reach out: Ana (12d), Bo (overdue, 40d)", as many names as fit in `width` columns, the
/// rest counted: five long names would wrap a start-up file's output over several lines.
fn reach_out_line(names: &[String], width: usize) -> String {
    let mut shown = names.len();
    loop {
        let mut line = format!("Reach out: {}", names[..shown].join(", "));
        let rest = names.len() - shown;
        if rest > 0 {
            line.push_str(&format!(" and {rest} more"));
        }
        if shown <= 1 || crate::text::width(&line) <= width {
            return line;
        }
        shown -= 1;
    }
}

/// The terminal's width when printing to one (`COLUMNS` first), else 80.
fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<usize>().ok())
        .filter(|&c| c > 0)
        .or_else(|| {
            use std::io::IsTerminal;
            std::io::stdout()
                .is_terminal()
                .then(|| ratatui::crossterm::terminal::size().ok())
                .flatten()
                .map(|(columns, _)| usize::from(columns))
        })
        .unwrap_or(80)
}

fn lines(morning: &Morning, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let more = |lines: &mut Vec<String>, total: usize, what: &str| {
        if total > PER_KIND {
            lines.push(format!("  …and {} more {what}", total - PER_KIND));
        }
    };
    for date in morning.dates.iter().take(PER_KIND) {
        lines.push(visible(&date.said(&when(date.in_days, date.day))).into_owned());
    }
    more(&mut lines, morning.dates.len(), "dates this week");
    let promises = morning
        .late_promises
        .iter()
        .chain(&morning.due_promises)
        .collect::<Vec<_>>();
    for listed in promises.iter().take(PER_KIND) {
        let p = &listed.promise;
        let when = match p.due {
            Some(due) if listed.late => format!("late since {due}"),
            Some(due) => format!("due {}", when((due - morning.today).num_days(), due)),
            None => String::new(),
        };
        lines.push(format!(
            "Promised {}: {} ({when}; tiesdesk kept {})",
            visible(&listed.name),
            visible(&p.text),
            p.id
        ));
    }
    more(&mut lines, promises.len(), "promises");
    if !morning.reach_out.is_empty() {
        let names: Vec<String> = morning
            .reach_out
            .iter()
            .map(|o| {
                let overdue = if o.overdue { "overdue, " } else { "" };
                format!("{} ({overdue}{}d)", visible(&o.name), o.days_since)
            })
            .collect();
        lines.push(reach_out_line(&names, width));
    }
    let review = &morning.review;
    if review.due {
        let since = match review.days_since_review {
            Some(days) => format!("{days} days since the last"),
            None => "none yet".to_string(),
        };
        let streak = match review.streak_weeks {
            0 | 1 => String::new(),
            weeks => format!(", a {weeks}-week streak to keep"),
        };
        lines.push(format!(
            "Weekly review due: {since}{streak} (tiesdesk review, or w in the app)"
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::reach_out_line;

    #[test]
    fn reach_out_names_what_fits_and_counts_the_rest() {
        let names: Vec<String> = ["Ana Lima (12d)", "Bo Chen (overdue, 40d)", "Cy Park (9d)"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            reach_out_line(&names, 80),
            "Reach out: Ana Lima (12d), Bo Chen (overdue, 40d), Cy Park (9d)"
        );
        assert_eq!(
            reach_out_line(&names, 50),
            "Reach out: Ana Lima (12d) and 2 more",
            "one name and the count fit in 50"
        );
        assert_eq!(
            reach_out_line(&names, 10),
            "Reach out: Ana Lima (12d) and 2 more"
        );
    }
}
