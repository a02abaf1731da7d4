//! `review --json`, written with a fixed layout as `list --json` is (see `list_json`): the
//! same bytes serde_json's pretty printer writes for a `Named` document, made safe, which a
//! test holds equal. At 30,000 people the paper-ties step alone has 20,000 items.

use std::borrow::Cow;

use serde::Serialize;

use super::list_json::{date, in_halves, string, value};
use crate::insight::review::{Step, Subject, Week, YearOfFavours};
use crate::model::Day;

/// One agenda item with the person's name, so a script needs no second lookup.
#[derive(Debug, Serialize)]
pub struct NamedItem<'a> {
    pub name: Cow<'a, str>,
    pub person: i64,
    pub detail: &'a str,
    pub days_since: Option<i64>,
    pub layer: Option<usize>,
    pub given: u32,
    pub received: u32,
    /// The promise, need or date the item is about; left out for a person alone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<Subject>,
}

#[derive(Debug, Serialize)]
pub struct NamedSection<'a> {
    pub step: Step,
    pub items: Vec<NamedItem<'a>>,
    pub more: usize,
}

/// The `review --json` document.
#[derive(Debug, Serialize)]
pub struct Named<'a> {
    pub today: Option<Day>,
    pub streak_weeks: usize,
    pub week: &'a Week,
    /// Around the turn of the year: the year's favours over everyone.
    pub year: Option<YearOfFavours>,
    pub sections: Vec<NamedSection<'a>>,
}

/// The document as serde_json's pretty printer writes it, made safe for a terminal.
pub fn write(doc: &Named<'_>) -> serde_json::Result<Vec<u8>> {
    // Each step's items reserve their own room (about 250 bytes each).
    let mut out = Vec::with_capacity(1024);
    out.extend_from_slice(b"{\n  \"today\": ");
    match doc.today {
        Some(day) => date(&mut out, day)?,
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\n  \"streak_weeks\": ");
    value(&mut out, &doc.streak_weeks)?;
    out.extend_from_slice(b",\n  \"week\": {\n    \"gave\": ");
    value(&mut out, &doc.week.gave)?;
    out.extend_from_slice(b",\n    \"received\": ");
    value(&mut out, &doc.week.received)?;
    out.extend_from_slice(b",\n    \"met\": ");
    value(&mut out, &doc.week.met)?;
    out.extend_from_slice(b"\n  },\n  \"year\": ");
    match &doc.year {
        None => out.extend_from_slice(b"null"),
        Some(year) => {
            out.extend_from_slice(b"{\n    \"year\": ");
            value(&mut out, &year.year)?;
            out.extend_from_slice(b",\n    \"received\": ");
            value(&mut out, &year.received)?;
            out.extend_from_slice(b",\n    \"helpers\": ");
            value(&mut out, &year.helpers)?;
            out.extend_from_slice(b",\n    \"gave\": ");
            value(&mut out, &year.gave)?;
            out.extend_from_slice(b",\n    \"helped\": ");
            value(&mut out, &year.helped)?;
            out.extend_from_slice(b"\n  }");
        }
    }
    out.extend_from_slice(b",\n  \"sections\": ");
    if doc.sections.is_empty() {
        out.extend_from_slice(b"[]");
    }
    for (at, section) in doc.sections.iter().enumerate() {
        out.extend_from_slice(if at == 0 {
            &b"[\n    {\n      \"step\": "[..]
        } else {
            &b",\n    {\n      \"step\": "[..]
        });
        value(&mut out, &section.step)?;
        out.extend_from_slice(b",\n      \"items\": ");
        if section.items.is_empty() {
            out.extend_from_slice(b"[]");
        } else {
            // The paper-ties step of a large import has tens of thousands of items.
            out.push(b'[');
            in_halves(&mut out, section.items.len(), 250, |out, range| {
                let first = range.start == 0;
                write_items(out, section.items.get(range).unwrap_or(&[]), first)
            })?;
            out.extend_from_slice(b"\n      ]");
        }
        out.extend_from_slice(b",\n      \"more\": ");
        value(&mut out, &section.more)?;
        out.extend_from_slice(b"\n    }");
    }
    if !doc.sections.is_empty() {
        out.extend_from_slice(b"\n  ]");
    }
    out.extend_from_slice(b"\n}");
    Ok(out)
}

/// Each item after its separator (none before the list's first).
fn write_items(out: &mut Vec<u8>, items: &[NamedItem<'_>], first: bool) -> serde_json::Result<()> {
    for (at, item) in items.iter().enumerate() {
        out.extend_from_slice(if at == 0 && first {
            &b"\n        {\n          \"name\": "[..]
        } else {
            &b",\n        {\n          \"name\": "[..]
        });
        string(out, &item.name)?;
        out.extend_from_slice(b",\n          \"person\": ");
        value(out, &item.person)?;
        out.extend_from_slice(b",\n          \"detail\": ");
        string(out, item.detail)?;
        out.extend_from_slice(b",\n          \"days_since\": ");
        value(out, &item.days_since)?;
        out.extend_from_slice(b",\n          \"layer\": ");
        value(out, &item.layer)?;
        out.extend_from_slice(b",\n          \"given\": ");
        value(out, &item.given)?;
        out.extend_from_slice(b",\n          \"received\": ");
        value(out, &item.received)?;
        if let Some(subject) = item.subject {
            let (kind, id) = match subject {
                Subject::Promise(id) => ("promise", Some(id)),
                Subject::Need(id) => ("need", Some(id)),
                Subject::Thanks(id) => ("thanks", Some(id)),
                Subject::Introduction(id) => ("introduction", Some(id)),
                Subject::Knows(_, other) => ("knows", Some(other)),
                Subject::Date(id) => ("date", id),
            };
            out.extend_from_slice(b",\n          \"subject\": {\n            \"kind\": ");
            string(out, kind)?;
            out.extend_from_slice(b",\n            \"id\": ");
            value(out, &id)?;
            out.extend_from_slice(b"\n          }");
        }
        out.extend_from_slice(b"\n        }");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use proptest::strategy::ValueTree;

    use super::*;

    /// An item, owned.
    #[derive(Debug, Clone)]
    struct Item {
        name: String,
        person: i64,
        detail: String,
        days_since: Option<i64>,
        layer: Option<usize>,
        given: u32,
        received: u32,
        subject: Option<Subject>,
    }

    fn subject() -> impl Strategy<Value = Option<Subject>> {
        proptest::option::of(prop_oneof![
            any::<i64>().prop_map(Subject::Promise),
            any::<i64>().prop_map(Subject::Need),
            any::<i64>().prop_map(Subject::Thanks),
            proptest::option::of(any::<i64>()).prop_map(Subject::Date),
        ])
    }

    fn text() -> &'static str {
        // Quotes, backslashes, control characters, accents and emoji.
        "(\\PC|[\"\\\\\u{0}-\u{1f}\u{7f}\u{85}\u{202e}é😀]){0,12}"
    }

    fn item() -> impl Strategy<Value = Item> {
        (
            text(),
            any::<i64>(),
            text(),
            proptest::option::of(any::<i64>()),
            proptest::option::of(prop_oneof![Just(5usize), Just(15), Just(50), Just(150)]),
            any::<u32>(),
            any::<u32>(),
            subject(),
        )
            .prop_map(
                |(name, person, detail, days_since, layer, given, received, subject)| Item {
                    name,
                    person,
                    detail,
                    days_since,
                    layer,
                    given,
                    received,
                    subject,
                },
            )
    }

    /// The document of these sections, borrowing their items.
    fn doc<'a>(
        today: Option<Day>,
        streak_weeks: usize,
        week: &'a Week,
        year: Option<YearOfFavours>,
        sections: &'a [(usize, Vec<Item>, usize)],
    ) -> Named<'a> {
        Named {
            today,
            streak_weeks,
            week,
            year,
            sections: sections
                .iter()
                .map(|(step, items, more)| NamedSection {
                    step: Step::ALL[*step],
                    items: items
                        .iter()
                        .map(|i| NamedItem {
                            name: Cow::Borrowed(&i.name),
                            person: i.person,
                            detail: &i.detail,
                            days_since: i.days_since,
                            layer: i.layer,
                            given: i.given,
                            received: i.received,
                            subject: i.subject,
                        })
                        .collect(),
                    more: *more,
                })
                .collect(),
        }
    }

    fn serde_json_made_safe(doc: &Named<'_>) -> String {
        crate::text::json_escaped(serde_json::to_string_pretty(doc).unwrap())
    }

    #[test]
    fn a_long_step_written_in_halves_is_the_same_document() {
        // Enough items for two threads, an odd count, between two short steps.
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        let mut items = |n: usize| -> Vec<Item> {
            (0..n)
                .map(|_| item().new_tree(&mut runner).unwrap().current())
                .collect()
        };
        let sections = [(0, items(3), 0), (5, items(5001), 2), (4, items(1), 7)];
        let week = Week {
            gave: 1,
            received: 2,
            met: 3,
        };
        let year = YearOfFavours {
            year: 2026,
            received: 14,
            helpers: 9,
            gave: 11,
            helped: 12,
        };
        let doc = doc(None, 4, &week, Some(year), &sections);
        let written = String::from_utf8(write(&doc).unwrap()).unwrap();
        assert_eq!(written, serde_json_made_safe(&doc));
    }

    proptest! {
        #[test]
        fn the_same_bytes_as_serde_json_pretty_made_safe(
            sections in proptest::collection::vec(
                (0..Step::ALL.len(), proptest::collection::vec(item(), 0..4), any::<usize>()),
                0..7,
            ),
            today in proptest::option::of(-800_000i32..3_000_000),
            streak in any::<usize>(),
            week in (any::<usize>(), any::<usize>(), any::<usize>()),
            year in proptest::option::of((any::<i32>(), any::<usize>(), any::<usize>(), any::<usize>(), any::<usize>())),
        ) {
            let week = Week { gave: week.0, received: week.1, met: week.2 };
            let year = year.map(|(year, received, helpers, gave, helped)| YearOfFavours { year, received, helpers, gave, helped });
            let today = today.and_then(|d| Day::from_num_days_from_ce_opt(730_000 + d));
            let doc = doc(today, streak, &week, year, &sections);
            prop_assert_eq!(String::from_utf8(write(&doc).unwrap()).unwrap(), serde_json_made_safe(&doc));
        }
    }
}
