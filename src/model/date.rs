//! Calendar days. tiesdesk works at day resolution; *today* is always passed in.

use chrono::{Datelike, Duration, NaiveDate};

use super::InvalidValue;

/// A calendar day. Stored in SQLite as the number of days since 1970-01-01.
pub type Day = NaiveDate;

const UNIX_EPOCH_DAY: i32 = 719_163; // NaiveDate(1970-01-01).num_days_from_ce()

/// Days since 1970-01-01, the integer form used in the database.
pub fn day_number(day: Day) -> i64 {
    i64::from(day.num_days_from_ce() - UNIX_EPOCH_DAY)
}

/// The day for a number written by [`day_number`]; `None` outside chrono's range.
pub fn day_from_number(number: i64) -> Option<Day> {
    let days = i32::try_from(number).ok()?.checked_add(UNIX_EPOCH_DAY)?;
    NaiveDate::from_num_days_from_ce_opt(days)
}

/// Parses an ISO date `YYYY-MM-DD`.
pub fn parse_iso_date(text: &str) -> Result<Day, InvalidValue> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| InvalidValue::new(format!("bad date '{text}': expected YYYY-MM-DD")))
}

/// Parses what a person types for "when": `today`, `yesterday`, `-3d`, `-2w`, `3d ago`,
/// or `YYYY-MM-DD`. Dates after `today` are refused: the log records what happened.
pub fn parse_date_expr(text: &str, today: Day) -> Result<Day, InvalidValue> {
    let bad = || {
        InvalidValue::new(format!(
            "bad date '{text}': use YYYY-MM-DD, today, yesterday, or -3d / -2w"
        ))
    };
    let cleaned = text.trim().to_lowercase();
    let day = match cleaned.as_str() {
        "" => return Err(bad()),
        "today" | "t" => today,
        "yesterday" | "y" => today - Duration::days(1),
        other => {
            let relative = other
                .strip_prefix('-')
                .or_else(|| other.strip_suffix(" ago").map(str::trim));
            match relative {
                Some(amount) => {
                    let days = span_days(amount).filter(|d| (0..=36_500).contains(d));
                    today - Duration::days(days.ok_or_else(bad)?)
                }
                // A span forward, or with no sign: a log is of what has happened.
                None if span_days(other.trim_start_matches('+')).is_some() => {
                    let span = other.trim_start_matches('+');
                    let days = span_days(span).unwrap_or_default();
                    let unit = if days == 1 { "day" } else { "days" };
                    return Err(InvalidValue::new(format!(
                        "bad date '{text}': a log is of what has happened; -{span} is {days} \
                         {unit} ago"
                    )));
                }
                None => NaiveDate::parse_from_str(other, "%Y-%m-%d").map_err(|_| bad())?,
            }
        }
    };
    if day > today {
        return Err(InvalidValue::new(format!(
            "bad date '{text}': {day} is after today ({today}); log what has happened"
        )));
    }
    Ok(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Day {
        parse_iso_date(s).unwrap()
    }

    #[test]
    fn a_span_forward_says_which_way_a_log_goes() {
        let today = d("2026-11-25");
        for typed in ["+3d", "3d", "+2w"] {
            let said = parse_date_expr(typed, today).unwrap_err().0;
            assert!(said.contains("a log is of what has happened"), "{said}");
            assert!(
                said.contains(&format!("-{} is", typed.trim_start_matches('+'))),
                "{said}"
            );
        }
        assert_eq!(parse_date_expr("-3d", today), Ok(d("2026-11-22")));
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(day_number(d("1970-01-01")), 0);
        assert_eq!(day_number(d("1970-01-02")), 1);
        for s in ["1900-02-28", "2000-02-29", "2026-11-25", "2099-12-31"] {
            assert_eq!(day_from_number(day_number(d(s))), Some(d(s)));
        }
    }

    #[test]
    fn date_expressions() {
        let today = d("2026-11-25");
        assert_eq!(parse_date_expr("today", today).unwrap(), today);
        assert_eq!(
            parse_date_expr("Yesterday", today).unwrap(),
            d("2026-11-24")
        );
        assert_eq!(parse_date_expr("-3d", today).unwrap(), d("2026-11-22"));
        assert_eq!(parse_date_expr("-2w", today).unwrap(), d("2026-11-11"));
        assert_eq!(parse_date_expr("3d ago", today).unwrap(), d("2026-11-22"));
        assert_eq!(
            parse_date_expr("2026-11-02", today).unwrap(),
            d("2026-11-02")
        );
        for bad in [
            "",
            "tomorrowish",
            "2026-13-01",
            "-3x",
            "-d",
            "2026-11-26",
            "-99999999999d",
        ] {
            let err = parse_date_expr(bad, today).unwrap_err().to_string();
            assert!(err.starts_with(&format!("bad date '{bad}'")), "{err}");
            assert!(!err.contains('\n'));
        }
    }
}

/// A span as people type it: `3d`, `2w`, `1m` (30 days), in days.
fn span_days(amount: &str) -> Option<i64> {
    let (number, unit) = amount.split_at(amount.len().saturating_sub(1));
    let count: i64 = number.trim().parse().ok()?;
    match unit {
        "d" => Some(count),
        "w" => count.checked_mul(7),
        "m" => count.checked_mul(30),
        _ => None,
    }
}

/// Parses a day in the future, for snoozes: `+3d`, `+2w`, `+1m` (30 days), or `YYYY-MM-DD`
/// after `today`.
pub fn parse_future_date(text: &str, today: Day) -> Result<Day, InvalidValue> {
    let bad = || {
        InvalidValue::new(format!(
            "bad date '{text}': use a later YYYY-MM-DD, or +3d, +2w, +1m"
        ))
    };
    let cleaned = text.trim().to_lowercase();
    let day = match cleaned.strip_prefix('+') {
        Some(amount) => {
            let days = span_days(amount).filter(|d| (1..=3650).contains(d));
            today + Duration::days(days.ok_or_else(bad)?)
        }
        None => NaiveDate::parse_from_str(&cleaned, "%Y-%m-%d").map_err(|_| bad())?,
    };
    if day <= today {
        return Err(InvalidValue::new(format!(
            "bad date '{text}': {day} is not after today ({today})"
        )));
    }
    Ok(day)
}

/// Parses a deadline: `today`, `tomorrow`, `+3d`, `+2w`, `+1m`, or a `YYYY-MM-DD` that is not
/// before `today`.
pub fn parse_deadline(text: &str, today: Day) -> Result<Day, InvalidValue> {
    match text.trim().to_lowercase().as_str() {
        "today" => return Ok(today),
        "tomorrow" => return Ok(today + Duration::days(1)),
        _ => {}
    }
    match NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
        Ok(day) if day == today => Ok(day),
        _ => parse_future_date(text, today).map_err(|_| {
            InvalidValue::new(format!(
                "bad date '{text}': use today, tomorrow, +3d, +2w, +1m or a YYYY-MM-DD from \
                 today on"
            ))
        }),
    }
}

#[cfg(test)]
mod future_tests {
    use super::*;

    #[test]
    fn deadlines_start_today() {
        let today = parse_iso_date("2026-12-31").unwrap();
        let day = |t| parse_deadline(t, today).unwrap().to_string();
        assert_eq!(day("today"), "2026-12-31");
        assert_eq!(day("2026-12-31"), "2026-12-31");
        assert_eq!(day("Tomorrow"), "2027-01-01");
        assert_eq!(day("+1w"), "2027-01-07");
        for bad in ["2026-12-30", "2027-02-29", "-1d", "soon", ""] {
            let err = parse_deadline(bad, today).unwrap_err().to_string();
            assert!(err.starts_with(&format!("bad date '{bad}'")), "{err}");
        }
    }

    #[test]
    fn future_dates() {
        let today = parse_iso_date("2026-11-25").unwrap();
        assert_eq!(
            parse_future_date("+1w", today).unwrap(),
            parse_iso_date("2026-12-02").unwrap()
        );
        assert_eq!(
            parse_future_date("+1m", today).unwrap(),
            parse_iso_date("2026-12-25").unwrap()
        );
        assert_eq!(
            parse_future_date("2027-01-03", today).unwrap(),
            parse_iso_date("2027-01-03").unwrap()
        );
        for bad in [
            "",
            "+0d",
            "tomorrowish",
            "2026-11-25",
            "2026-11-01",
            "+3y",
            "-1w",
        ] {
            assert!(parse_future_date(bad, today).is_err(), "{bad}");
        }
    }
}
