//! Lengths of time, written one way everywhere: the same units and the same rounding in a
//! sentence ("7 months"), a narrow column ("7mo") and the JSON's day counts.

/// Below this many days a span is counted in days.
const DAYS_UNTIL: i64 = 60;
/// Below this many days a span is counted in (30-day) months; from here on, in years.
const MONTHS_UNTIL: i64 = 730;

enum Unit {
    Days(i64),
    Months(i64),
    Years(i64),
}

fn unit(days: i64) -> Unit {
    let days = days.max(0);
    if days < DAYS_UNTIL {
        Unit::Days(days)
    } else if days < MONTHS_UNTIL {
        Unit::Months(days / 30)
    } else {
        Unit::Years(days / 365)
    }
}

/// "1 day", "45 days", "7 months", "3 years".
pub fn long(days: i64) -> String {
    let (n, word) = match unit(days) {
        Unit::Days(n) => (n, "day"),
        Unit::Months(n) => (n, "month"),
        Unit::Years(n) => (n, "year"),
    };
    crate::text::counted(n, word)
}

/// The same span in a narrow column: "45d", "7mo", "3y".
pub fn short(days: i64) -> String {
    match unit(days) {
        Unit::Days(n) => format!("{n}d"),
        Unit::Months(n) => format!("{n}mo"),
        Unit::Years(n) => format!("{n}y"),
    }
}

/// How long ago: "today", "yesterday", "45 days ago", "3 years ago".
pub fn ago(days: i64) -> String {
    match days {
        ..=0 => "today".into(),
        1 => "yesterday".into(),
        n => format!("{} ago", long(n)),
    }
}

/// How long ago, narrow: "today", "45d", "3y"; "never" when there was no contact.
pub fn short_ago(days: Option<i64>) -> String {
    match days {
        None => "never".into(),
        Some(..=0) => "today".into(),
        Some(n) => short(n),
    }
}

#[cfg(test)]
mod tests {
    use super::{ago, long, short, short_ago};

    #[test]
    fn long_and_short_say_the_same_span() {
        for (days, words, narrow) in [
            (1, "1 day", "1d"),
            (59, "59 days", "59d"),
            (60, "2 months", "2mo"),
            (400, "13 months", "13mo"),
            (729, "24 months", "24mo"),
            (730, "2 years", "2y"),
            (1100, "3 years", "3y"),
        ] {
            assert_eq!((long(days).as_str(), short(days).as_str()), (words, narrow));
        }
    }

    #[test]
    fn ago_and_never() {
        assert_eq!(ago(0), "today");
        assert_eq!(ago(1), "yesterday");
        assert_eq!(ago(12), "12 days ago");
        assert_eq!(ago(1100), "3 years ago");
        assert_eq!(short_ago(None), "never");
        assert_eq!(short_ago(Some(0)), "today");
        assert_eq!(short_ago(Some(800)), "2y");
    }
}
