//! One sentence for a logged interaction: shown in the status line, the CLI, and undo.

use crate::model::{Day, Direction, Kind, Size};

fn noun(kind: Kind) -> &'static str {
    kind.words().noun
}

fn join_names(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// "Gave Ana Lima a favour", "Received advice from Bram", "Met Ana and Bram on 2026-11-02".
pub fn describe_log(
    names: &[&str],
    direction: Direction,
    kind: Kind,
    size: Size,
    day: Day,
    today: Day,
) -> String {
    let who = join_names(names);
    let mut sentence = match (direction, kind) {
        (Direction::Gave, _) => format!("Gave {who} {}", noun(kind)),
        (Direction::Received, _) => format!("Received {} from {who}", noun(kind)),
        (Direction::Mutual, Kind::Meet) => format!("Met {who}"),
        (Direction::Mutual, Kind::Call) => format!("Talked with {who}"),
        (Direction::Mutual, Kind::Message) => format!("Messaged with {who}"),
        (Direction::Mutual, Kind::Other) => format!("In touch with {who}"),
        (Direction::Mutual, _) => format!("Traded {} with {who}", noun(kind)),
    };
    if size != Size::Small {
        sentence.push_str(&format!(" ({})", size.describe()));
    }
    if day != today {
        sentence.push_str(&format!(" on {day}"));
    }
    sentence
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::parse_iso_date;

    #[test]
    fn sentences() {
        let today = parse_iso_date("2026-11-25").unwrap();
        let earlier = parse_iso_date("2026-11-02").unwrap();
        let s = |names: &[&str], d, k, z, day| describe_log(names, d, k, z, day, today);
        assert_eq!(
            s(
                &["Ana Lima"],
                Direction::Gave,
                Kind::Favour,
                Size::Small,
                today
            ),
            "Gave Ana Lima a favour"
        );
        assert_eq!(
            s(
                &["Bram"],
                Direction::Received,
                Kind::Advice,
                Size::Hour,
                today
            ),
            "Received advice from Bram (about an hour)"
        );
        assert_eq!(
            s(
                &["Ana", "Bram", "Chen"],
                Direction::Mutual,
                Kind::Meet,
                Size::Small,
                earlier
            ),
            "Met Ana, Bram and Chen on 2026-11-02"
        );
    }
}
