//! A person in the network and the fields a user can set.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{Day, InvalidValue, YearlyDay};

pub type PersonId = i64;

super::codes::stored_codes! {
    /// Where a person came from.
    #[derive(Default)]
    pub enum Source ("source") {
        #[default]
        Manual = ("manual", 0),
        Linkedin = ("linkedin", 1),
        Vcard = ("vcard", 2),
        Google = ("google", 3),
        Json = ("json", 4),
        /// Added from the user's mail (`import mail --add-people`).
        Mail = ("mail", 5),
        /// Added from the user's calendar (`import calendar --add-people`).
        Calendar = ("calendar", 6),
        /// Added from a chat export (`import chat --add-people`).
        Chat = ("chat", 7),
    }
}

impl FromStr for Source {
    type Err = InvalidValue;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Source::from_name(text).ok_or_else(|| Source::refusal(text))
    }
}

/// Every field of a person, declared once, in the order the JSON document writes them. It
/// hands the list to the macro named, which builds what it needs from it: `PersonData`
/// here, the document's person (`document::DocPerson`, with its id). A new field is one
/// line here (and its column in the store).
macro_rules! with_person_fields {
    ($then:ident) => {
        $then! {
            name: String,
            given_name: Option<String>,
            family_name: Option<String>,
            emails: Vec<String>,
            phones: Vec<String>,
            /// Who they are in chat exports: `whatsapp:+31612345678`, `telegram:user4242`
            /// (DESIGN, "Capture: chats"); the document leaves the list out when empty.
            #[serde(skip_serializing_if = "Vec::is_empty")]
            handles: Vec<String>,
            company: Option<String>,
            role: Option<String>,
            location: Option<String>,
            tags: Vec<String>,
            notes: String,
            family: bool,
            /// Kept passively: never due, counted apart from the ~150, a light touch a year.
            on_call: bool,
            birthday: Option<YearlyDay>,
            /// Overrides the layer's cadence: "due" after this many days without contact.
            cadence_days: Option<u32>,
            introduced_by: Option<PersonId>,
            source: Source,
            source_id: Option<String>,
            connected_on: Option<Day>,
            archived: bool,
        }
    };
}
pub(crate) use with_person_fields;

macro_rules! person_data {
    ($($(#[$doc:meta])* $field:ident: $type:ty,)+) => {
        /// Everything about a person that the user (or an import) sets.
        #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
        #[serde(default)]
        pub struct PersonData {
            $($(#[$doc])* pub $field: $type,)+
        }

        impl PersonData {
            /// The names of the fields that differ between the two, in declaration order.
            pub fn changed_fields(&self, other: &PersonData) -> Vec<&'static str> {
                let mut changed = Vec::new();
                $(if self.$field != other.$field {
                    changed.push(stringify!($field));
                })+
                changed
            }
        }
    };
}

with_person_fields!(person_data);

impl PersonData {
    pub fn named(name: &str) -> Self {
        PersonData {
            name: name.to_string(),
            ..PersonData::default()
        }
    }

    /// The optional one-line text fields, to clean or trim alike.
    fn one_line_texts(&mut self) -> [&mut Option<String>; 6] {
        [
            &mut self.given_name,
            &mut self.family_name,
            &mut self.company,
            &mut self.role,
            &mut self.location,
            &mut self.source_id,
        ]
    }

    /// Removes control and invisible characters another tool's file left in the text (the
    /// one rule, `text::cleaned`; notes keep their line breaks). How many values changed.
    pub fn remove_controls(&mut self) -> usize {
        let mut changed = 0;
        let mut clean = |text: &mut String, keep_lines: bool| {
            let (cleaned, removed) = crate::text::cleaned(text, keep_lines);
            if removed > 0 {
                changed += 1;
                *text = cleaned;
            }
        };
        clean(&mut self.name, false);
        for field in self.one_line_texts().into_iter().flatten() {
            clean(field, false);
        }
        for list in [
            &mut self.emails,
            &mut self.phones,
            &mut self.handles,
            &mut self.tags,
        ] {
            for value in list.iter_mut() {
                clean(value, false);
            }
        }
        clean(&mut self.notes, true);
        changed
    }

    /// Trims text, drops empty optional values and duplicate tags/emails, and refuses what
    /// cannot be stored: an empty name, a control character in a name, a zero cadence.
    pub fn normalized(mut self) -> Result<Self, InvalidValue> {
        self.name = collapse_spaces(&self.name);
        if self.name.is_empty() {
            return Err(InvalidValue::new("a person needs a name"));
        }
        if self.name.chars().any(char::is_control) {
            return Err(InvalidValue::new(format!(
                "bad name {:?}: names cannot contain control characters",
                self.name
            )));
        }
        for field in self.one_line_texts() {
            *field = field
                .take()
                .map(|v| collapse_spaces(&v))
                .filter(|v| !v.is_empty());
        }
        self.emails = dedup_trimmed(std::mem::take(&mut self.emails), true);
        self.phones = dedup_trimmed(std::mem::take(&mut self.phones), false);
        self.handles = dedup_trimmed(std::mem::take(&mut self.handles), false);
        self.tags = dedup_trimmed(std::mem::take(&mut self.tags), true);
        if let Some(email) = self.emails.iter().find(|e| !e.contains('@')) {
            return Err(InvalidValue::new(format!(
                "bad email '{email}': an address needs an @"
            )));
        }
        if self.cadence_days == Some(0) {
            return Err(InvalidValue::new(
                "bad cadence 0: give a number of days, 1 or more",
            ));
        }
        Ok(self)
    }
}

impl PersonData {
    /// One person out of two records of them: this one's values win, the other's fill what is
    /// empty, lists and notes are joined, the earlier connection date is kept.
    pub fn merged_with(&self, other: &PersonData) -> PersonData {
        let mut merged = self.clone();
        for (field, value) in [
            (&mut merged.given_name, &other.given_name),
            (&mut merged.family_name, &other.family_name),
            (&mut merged.company, &other.company),
            (&mut merged.role, &other.role),
            (&mut merged.location, &other.location),
        ] {
            if field.is_none() {
                field.clone_from(value);
            }
        }
        for (list, values) in [
            (&mut merged.emails, &other.emails),
            (&mut merged.phones, &other.phones),
            (&mut merged.handles, &other.handles),
            (&mut merged.tags, &other.tags),
        ] {
            for value in values {
                if !list.contains(value) {
                    list.push(value.clone());
                }
            }
        }
        merged.notes = match (self.notes.trim(), other.notes.trim()) {
            (mine, "") => mine.to_string(),
            ("", theirs) => theirs.to_string(),
            (mine, theirs) if mine == theirs => mine.to_string(),
            (mine, theirs) => format!("{mine}\n\n{theirs}"),
        };
        merged.family |= other.family;
        merged.on_call |= other.on_call;
        merged.birthday = merged.birthday.or(other.birthday);
        merged.cadence_days = merged.cadence_days.or(other.cadence_days);
        merged.introduced_by = merged.introduced_by.or(other.introduced_by);
        merged.connected_on = match (self.connected_on, other.connected_on) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        // Keeping the other's source lets a later import of their file find them again.
        if merged.source_id.is_none() && other.source_id.is_some() {
            merged.source = other.source;
            merged.source_id.clone_from(&other.source_id);
        }
        merged
    }
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn dedup_trimmed(values: Vec<String>, lowercase: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(values.len());
    for value in values {
        let value = value.trim();
        let value = if lowercase {
            value.to_lowercase()
        } else {
            value.to_string()
        };
        if !value.is_empty() && !out.contains(&value) {
            out.push(value);
        }
    }
    out
}

/// A stored person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    #[serde(flatten)]
    pub data: PersonData,
    pub created_at: String,
    pub updated_at: String,
}

impl Person {
    /// A person whose write times are not read or not known yet (planned by an import, read
    /// for a lookup that needs no times, made by a test).
    pub fn unsaved(id: PersonId, data: PersonData) -> Person {
        Person {
            id,
            data,
            created_at: String::new(),
            updated_at: String::new(),
        }
    }

    pub fn name(&self) -> &str {
        &self.data.name
    }
}

/// What finding someone by name looks at, and what naming them in a sentence or a
/// suggestion takes.
pub trait NameCard {
    fn id(&self) -> PersonId;
    fn name(&self) -> &str;
    fn company(&self) -> Option<&str>;
}

impl NameCard for Person {
    fn id(&self) -> PersonId {
        self.id
    }
    fn name(&self) -> &str {
        &self.data.name
    }
    fn company(&self) -> Option<&str> {
        self.data.company.as_deref()
    }
}

/// A person's id, name and company: what looking a name up among everyone reads (a
/// twentieth of a `Person`'s size).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedPerson {
    pub id: PersonId,
    pub name: String,
    pub company: Option<String>,
}

impl NameCard for NamedPerson {
    fn id(&self) -> PersonId {
        self.id
    }
    fn name(&self) -> &str {
        &self.name
    }
    fn company(&self) -> Option<&str> {
        self.company.as_deref()
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_birthday_comes_round_across_a_year_end_and_on_29_february() {
        let day = |t: &str| crate::model::date::parse_iso_date(t).unwrap();
        let on = |b: &str, from: &str| {
            b.parse::<YearlyDay>()
                .unwrap()
                .next_on_or_after(day(from))
                .unwrap()
                .to_string()
        };
        assert_eq!(on("--01-02", "2026-12-30"), "2027-01-02");
        assert_eq!(on("--12-30", "2026-12-30"), "2026-12-30", "today counts");
        assert_eq!(on("--02-29", "2027-02-01"), "2027-02-28");
        assert_eq!(on("--02-29", "2028-02-01"), "2028-02-29");
        assert_eq!(on("--02-29", "2027-03-01"), "2028-02-29");
        let ana: YearlyDay = "1985-12-04".parse().unwrap();
        assert_eq!(ana.age_on(day("2026-12-03")), Some(40));
        assert_eq!(ana.age_on(day("2026-12-04")), Some(41));
        let leap: YearlyDay = "2000-02-29".parse().unwrap();
        assert_eq!(leap.age_on(day("2027-02-28")), Some(27));
        assert_eq!(leap.age_on(day("2027-02-27")), Some(26));
        assert_eq!(
            "--05-01"
                .parse::<YearlyDay>()
                .unwrap()
                .age_on(day("2026-05-01")),
            None
        );
    }

    use super::*;

    #[test]
    fn birthdays_with_and_without_year() {
        let b: YearlyDay = "--04-02".parse().unwrap();
        assert_eq!((b.year, b.month, b.day), (None, 4, 2));
        assert_eq!(b.to_string(), "--04-02");
        assert_eq!(
            "--02-29".parse::<YearlyDay>().unwrap().to_string(),
            "--02-29"
        );
        assert_eq!(
            "1985-06-12".parse::<YearlyDay>().unwrap().to_string(),
            "1985-06-12"
        );
        assert!("--13-01".parse::<YearlyDay>().is_err());
        assert!("1985-02-30".parse::<YearlyDay>().is_err());
    }

    #[test]
    fn yearly_days_are_typed_as_people_write_them_and_shown_by_month_name() {
        let day = |text: &str| {
            text.parse::<YearlyDay>()
                .map(|d| (d.year, d.month, d.day))
                .map_err(|e| e.0)
        };
        for typed in [
            "02-05",
            "2-5",
            "5 Feb",
            "Feb 5",
            "5 february",
            "FEBRUARY 5",
            "--02-05",
        ] {
            assert_eq!(day(typed), Ok((None, 2, 5)), "{typed}");
        }
        for typed in ["1985-02-05", "5 Feb 1985", "February 5, 1985", "5 feb 1985"] {
            assert_eq!(day(typed), Ok((Some(1985), 2, 5)), "{typed}");
        }
        assert_eq!(
            day("29 Feb"),
            Ok((None, 2, 29)),
            "a leap day without a year"
        );
        assert_eq!(day("12 sept"), Ok((None, 9, 12)));
        for wrong in [
            "30 Feb",
            "13-01",
            "5 Fbr",
            "Feb",
            "5",
            "1985-02-29",
            "5 Feb 85",
            "",
        ] {
            let said = day(wrong).expect_err(wrong);
            assert!(
                said.contains("use MM-DD or a day and month (5 Feb)"),
                "{said}"
            );
        }
        let shown = |text: &str| text.parse::<YearlyDay>().map(|d| d.shown()).unwrap();
        assert_eq!(shown("--02-05"), "5 Feb");
        assert_eq!(shown("1985-12-24"), "24 Dec 1985");
        // Stored and exported as before: the document and vCard forms.
        assert_eq!("5 Feb".parse::<YearlyDay>().unwrap().to_string(), "--02-05");
    }

    #[test]
    fn normalizing_trims_and_refuses() {
        let mut data = PersonData::named("  Ana   Lima ");
        data.tags = vec!["Climbing".into(), "climbing ".into(), "".into()];
        data.emails = vec![" Ana@Example.org".into()];
        data.company = Some("  ".into());
        let data = data.normalized().unwrap();
        assert_eq!(data.name, "Ana Lima");
        assert_eq!(data.tags, vec!["climbing"]);
        assert_eq!(data.emails, vec!["ana@example.org"]);
        assert_eq!(data.company, None);
        assert!(PersonData::named("   ").normalized().is_err());
        assert!(PersonData::named("a\u{7}b").normalized().is_err());
        let mut bad_email = PersonData::named("X");
        bad_email.emails = vec!["nope".into()];
        assert!(bad_email.normalized().is_err());
    }
}
