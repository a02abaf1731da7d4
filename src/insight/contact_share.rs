//! Where your contact goes: over a recent stretch of days, the share of your contacts that
//! went to each circle (a company, a tag). A picture of whom your time reaches — one circle
//! taking most of it is a reason to reach into others (weak ties open other circles).

use std::collections::HashMap;

use serde::Serialize;

use super::Histories;
use super::circles::{Circle, CircleName, circle_names};
use crate::model::Person;

/// One circle's share of your contact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CircleShare {
    pub circle: Circle,
    /// Contacts with people in it (an interaction with two of them counts twice).
    pub contacts: usize,
    /// Of all contacts in the stretch, 0 to 1 (a person in two circles counts in both).
    pub share: f64,
    /// People in it you were in touch with.
    pub people: usize,
}

/// Where your contact went over the `days` up to `today`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContactShares {
    pub days: i64,
    /// Contacts in the stretch, with how many people.
    pub contacts: usize,
    pub people: usize,
    /// Circles by share, largest first (then by name).
    pub circles: Vec<CircleShare>,
    /// The share with people in no circle at all.
    pub outside: f64,
}

/// Where contact went over the `days` up to `today`: `people` and `histories` share their
/// order (by id); archived people are left out.
pub fn contact_shares(
    people: &[Person],
    histories: &Histories,
    today: i64,
    days: i64,
) -> ContactShares {
    let from = today - days;
    let mut by_circle: HashMap<CircleName<'_>, (usize, usize)> = HashMap::new();
    let (mut contacts, mut reached, mut outside) = (0, 0, 0);
    for (index, person) in people.iter().enumerate() {
        if person.data.archived || histories.people.get(index).map(|f| f.id) != Some(person.id) {
            continue;
        }
        let theirs = histories.contacts_of(index);
        let start = theirs.partition_point(|c| i64::from(c.day) <= from);
        let end = theirs.partition_point(|c| i64::from(c.day) <= today);
        let n = end.saturating_sub(start);
        if n == 0 {
            continue;
        }
        contacts += n;
        reached += 1;
        let mut any = false;
        for circle in circle_names(person.data.company.as_deref(), &person.data.tags) {
            let counted = by_circle.entry(circle).or_default();
            counted.0 += n;
            counted.1 += 1;
            any = true;
        }
        if !any {
            outside += n;
        }
    }
    let share = |n: usize| {
        if contacts == 0 {
            0.0
        } else {
            n as f64 / contacts as f64
        }
    };
    let mut circles: Vec<CircleShare> = by_circle
        .into_iter()
        .map(|(circle, (n, people))| CircleShare {
            circle: circle.to_circle(),
            contacts: n,
            share: share(n),
            people,
        })
        .collect();
    circles.sort_by(|a, b| b.contacts.cmp(&a.contacts).then(a.circle.cmp(&b.circle)));
    ContactShares {
        days,
        contacts,
        people: reached,
        circles,
        outside: share(outside),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insight::fixtures::{contact, person};
    use crate::model::{Direction, Kind, PersonData};

    fn someone(id: i64, company: Option<&str>, tags: &[&str]) -> Person {
        let mut data = PersonData::named(&format!("Person {id}"));
        data.company = company.map(str::to_string);
        data.tags = tags.iter().map(|t| t.to_string()).collect();
        Person::unsaved(id, data)
    }

    #[test]
    fn shares_count_contacts_by_circle_over_the_stretch() {
        let people = vec![
            someone(1, Some("Lumen Design"), &["climbing"]),
            someone(2, Some("Lumen Design"), &[]),
            someone(3, None, &[]),
            someone(4, Some("Acme"), &[]),
        ];
        let meet = |days_ago| contact(days_ago, Kind::Meet, Direction::Mutual);
        let histories = Histories::from_parts(
            (1..=4).map(person).collect(),
            vec![
                (1, meet(3)),
                (1, meet(40)),
                (2, meet(10)),
                (2, meet(20)),
                (2, meet(30)),
                (3, meet(5)),
                // Before the stretch: not counted.
                (4, meet(400)),
            ],
        );
        let today = crate::insight::fixtures::TODAY;
        let shares = contact_shares(&people, &histories, today, 365);
        assert_eq!((shares.contacts, shares.people), (6, 3));
        let lumen = &shares.circles[0];
        assert_eq!(lumen.circle, Circle::Company("Lumen Design".into()));
        assert_eq!((lumen.contacts, lumen.people), (5, 2));
        assert!((lumen.share - 5.0 / 6.0).abs() < 1e-9);
        assert_eq!(shares.circles[1].circle, Circle::Tag("climbing".into()));
        assert_eq!(
            shares.circles.len(),
            2,
            "Acme had no contact in the stretch"
        );
        assert!((shares.outside - 1.0 / 6.0).abs() < 1e-9);
        let none = contact_shares(&people, &histories, today - 1000, 30);
        assert_eq!(
            (none.contacts, none.circles.len(), none.outside),
            (0, 0, 0.0)
        );
    }
}
