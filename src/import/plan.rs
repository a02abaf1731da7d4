//! What an import means for the database: who is new, who is someone already known (found by
//! source id, LinkedIn profile, e-mail, then name) and what the file adds to them.
//!
//! Known people are never renamed, archived or unarchived by an import; archived people are
//! still matched, so archiving a paper tie and importing the same file again does not bring them
//! back. Lists (e-mails, phones, tags) gain what is new. A file from the person's own source
//! (LinkedIn again) is newer news of their job, so it replaces company and role; any other file
//! only fills what is empty.
//!
//! Records of one file that share a key (id, profile, e-mail) are one person; records that share
//! only a name are not, since in a phone book two "Manu" are usually two people. A name finds a
//! known person only when nothing about the two disagrees, and only one record of the file can
//! find them that way.

use std::collections::{HashMap, HashSet};

use super::{Incoming, Parsed, Place, Remark, profile_key};
use crate::model::{Person, PersonData, Source};

/// A known person whom the file tells something new.
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    pub place: Place,
    pub before: Person,
    pub after: PersonData,
    /// What changed, for the report: `company Acme → Zephyr`, `+1 e-mail`.
    pub changes: Vec<String>,
}

/// A record that another record of the same file already brought: the same e-mail, profile or
/// source id. Its news went to that record's person.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub place: Place,
    pub name: String,
    pub into: Place,
    pub into_name: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    pub add: Vec<Incoming>,
    pub update: Vec<Update>,
    /// Records that found a known person the file has nothing new about.
    pub unchanged: usize,
    pub merged: Vec<Merged>,
    pub skipped: Vec<Remark>,
    pub warnings: Vec<Remark>,
    /// Every record that found a known person, with whom (updated, unchanged or merged).
    pub found: Vec<(Place, crate::model::PersonId)>,
}

/// The keys a known person can be found by.
#[derive(Default)]
struct Index {
    /// Each of `keys`, to the first known person who has it.
    by_key: HashMap<String, usize>,
    by_name: HashMap<String, Vec<usize>>,
}

/// A name in one spelling for comparison: lowercase, single spaces, no dots or commas.
pub fn name_key(name: &str) -> String {
    name.to_lowercase()
        .replace(['.', ','], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The keys only one person has, strongest first: source id, LinkedIn profile, e-mail (in one
/// case). They find a known person, and join records of one file.
fn keys(data: &PersonData) -> Vec<String> {
    let mut keys = Vec::new();
    if let Some(id) = &data.source_id {
        keys.push(format!("id {} {id}", data.source.as_str()));
        if let Some(profile) = profile_key(id) {
            keys.push(format!("profile {profile}"));
        }
    }
    keys.extend(
        data.emails
            .iter()
            .map(|e| format!("email {}", e.to_lowercase())),
    );
    keys
}

impl Index {
    fn insert(&mut self, data: &PersonData, k: usize) {
        for key in keys(data) {
            self.by_key.entry(key).or_insert(k);
        }
        let names = self.by_name.entry(name_key(&data.name)).or_default();
        if !names.contains(&k) {
            names.push(k);
        }
    }

    /// The known person this record names by a key: source id, profile, then e-mail.
    fn find_by_key(&self, data: &PersonData) -> Option<usize> {
        keys(data)
            .iter()
            .find_map(|key| self.by_key.get(key))
            .copied()
    }

    fn known_by_name(&self, data: &PersonData) -> &[usize] {
        self.by_name
            .get(&name_key(&data.name))
            .map_or(&[], Vec::as_slice)
    }
}

/// The records of a file that are one person because they share a key, each group in the
/// order of its first record. Records that share only a name stay apart.
fn groups(people: &[Incoming]) -> Vec<Vec<usize>> {
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut parent: Vec<usize> = (0..people.len()).collect();
    let mut first_with: HashMap<String, usize> = HashMap::new();
    for (i, incoming) in people.iter().enumerate() {
        for key in keys(&incoming.person) {
            let other = *first_with.entry(key).or_insert(i);
            let (a, b) = (root(&mut parent, other), root(&mut parent, i));
            // The earlier record leads, so a group is reported under its first record.
            parent[a.max(b)] = a.min(b);
        }
    }
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..people.len() {
        let leader = root(&mut parent, i);
        members.entry(leader).or_default().push(i);
    }
    let mut groups: Vec<Vec<usize>> = members.into_values().collect();
    groups.sort_by_key(|g| g[0]);
    groups
}

/// A value of a list field in the form two values are compared in.
type Comparable = fn(&str) -> String;

/// A phone number for comparison: its digits, so `+31 6 1` and `+31-6-1` are one number.
fn phone_key(phone: &str) -> String {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        phone.trim().to_lowercase()
    } else {
        digits
    }
}

/// Everything a record says, one fact each, compared the way matching compares them.
fn facts(data: &PersonData) -> HashSet<String> {
    let mut facts = HashSet::new();
    let fields = [
        ("company", &data.company),
        ("role", &data.role),
        ("location", &data.location),
        ("given", &data.given_name),
        ("family", &data.family_name),
    ];
    for (label, value) in fields {
        if let Some(value) = value {
            facts.insert(format!("{label} {}", value.to_lowercase()));
        }
    }
    facts.extend(
        data.emails
            .iter()
            .map(|e| format!("email {}", e.to_lowercase())),
    );
    facts.extend(
        data.phones
            .iter()
            .map(|p| format!("phone {}", phone_key(p))),
    );
    facts.extend(
        data.tags
            .iter()
            .map(|t| format!("tag {}", t.to_lowercase())),
    );
    if let Some(birthday) = &data.birthday {
        facts.insert(format!("birthday {birthday:?}"));
    }
    if let Some(day) = data.connected_on {
        facts.insert(format!("connected {day}"));
    }
    if !data.notes.is_empty() {
        facts.insert(format!("notes {}", data.notes));
    }
    facts
}

/// Whether two records that share a name say they are different people: each has e-mails and
/// none is shared, the same for phones, two companies, or two ids from one source.
fn conflicts(a: &PersonData, b: &PersonData) -> bool {
    fn disjoint(a: &[String], b: &[String], key: fn(&str) -> String) -> bool {
        !a.is_empty() && !b.is_empty() && !a.iter().any(|x| b.iter().any(|y| key(x) == key(y)))
    }
    let companies = match (&a.company, &b.company) {
        (Some(x), Some(y)) => !x.eq_ignore_ascii_case(y),
        _ => false,
    };
    let ids = match (&a.source_id, &b.source_id) {
        (Some(x), Some(y)) => {
            (a.source == b.source && x != y)
                || matches!((profile_key(x), profile_key(y)), (Some(p), Some(q)) if p != q)
        }
        _ => false,
    };
    disjoint(&a.emails, &b.emails, str::to_lowercase)
        || disjoint(&a.phones, &b.phones, phone_key)
        || companies
        || ids
}

/// A known person found by this file, and the first record that found them.
struct Claim {
    place: Place,
    update: Option<usize>,
}

pub fn plan_import(known: &[Person], parsed: Parsed) -> Plan {
    let mut index = Index::default();
    for (position, person) in known.iter().enumerate() {
        index.insert(&person.data, position);
    }
    let mut plan = Plan {
        skipped: parsed.skipped,
        warnings: parsed.warnings,
        ..Plan::default()
    };
    let people = parsed.people;
    let groups = groups(&people);
    // Who each group names by a key, found before any name is tried: a record that finds a
    // known person by a name alone must not take someone a later record names by e-mail, or two
    // records of the file would become one on a name.
    let by_key: Vec<Option<usize>> = groups
        .iter()
        .map(|group| {
            group
                .iter()
                .find_map(|&m| index.find_by_key(&people[m].person))
        })
        .collect();
    let named_by_key: HashSet<usize> = by_key.iter().flatten().copied().collect();
    // Where each record is and whom it names, for the report; the records themselves are
    // moved into what each group says (a file of 100,000 people is held once, not twice).
    let records: Vec<(Place, String)> = people
        .iter()
        .map(|i| (i.place, i.person.name.clone()))
        .collect();
    let mut people: Vec<Option<PersonData>> = people.into_iter().map(|i| Some(i.person)).collect();
    // What each group says about the person: its first record with what the others add.
    let mut said: Vec<PersonData> = groups
        .iter()
        .map(|group| {
            let lead = people[group[0]].take().unwrap_or_default();
            group[1..].iter().fold(lead, |data, &m| match &people[m] {
                Some(other) => absorb(&data, other).0,
                None => data,
            })
        })
        .collect();
    drop(people);
    let by_name = match_names(known, &index, &said, &by_key, &named_by_key);
    let mut claims: HashMap<usize, Claim> = HashMap::new();
    for (g, group) in groups.iter().enumerate() {
        let lead = records[group[0]].0;
        let found = by_key[g].or(by_name[g]);
        if let Some(k) = found {
            plan.found
                .extend(group.iter().map(|&m| (records[m].0, known[k].id)));
        }
        let Some(k) = found else {
            let person = std::mem::take(&mut said[g]);
            merged_into(&mut plan.merged, &records, &group[1..], lead, &person.name);
            plan.add.push(Incoming {
                place: lead,
                person,
            });
            continue;
        };
        let data = &said[g];
        let current = match claims.get(&k).and_then(|c| c.update) {
            Some(u) => &plan.update[u].after,
            None => &known[k].data,
        };
        let (after, changes) = absorb(current, data);
        let claim = match claims.get_mut(&k) {
            // Another group of this file found them first: every record here joins it.
            Some(claim) => {
                merged_into(
                    &mut plan.merged,
                    &records,
                    group,
                    claim.place,
                    &current.name,
                );
                claim
            }
            None => {
                merged_into(&mut plan.merged, &records, &group[1..], lead, &current.name);
                claims.entry(k).or_insert(Claim {
                    place: lead,
                    update: None,
                })
            }
        };
        if changes.is_empty() {
            continue;
        }
        match claim.update {
            Some(u) => {
                let update = &mut plan.update[u];
                update.after = after;
                update.changes.extend(changes);
            }
            None => {
                claim.update = Some(plan.update.len());
                plan.update.push(Update {
                    place: claim.place,
                    before: known[k].clone(),
                    after,
                    changes,
                });
            }
        }
    }
    // Each claim's first record is updated or unchanged; the other records are merged.
    plan.unchanged = claims.len() - plan.update.len();
    plan.merged.sort_by_key(|m| m.place);
    plan
}

/// The known person each group with no key finds by its name alone, if any. A name finds
/// only someone no key of the file names and nothing about whom disagrees with the record,
/// and each known person is found by one record at most. Closest pairs are matched first —
/// a person who already holds all the record says and little else — so the person a record
/// made or filled is the one it finds when the same file comes again, whatever the order.
fn match_names(
    known: &[Person],
    index: &Index,
    said: &[PersonData],
    by_key: &[Option<usize>],
    named_by_key: &HashSet<usize>,
) -> Vec<Option<usize>> {
    let mut pairs = Vec::new();
    for (g, data) in said.iter().enumerate() {
        if by_key[g].is_some() {
            continue;
        }
        for &k in index.known_by_name(data) {
            let person = &known[k].data;
            if named_by_key.contains(&k) || conflicts(person, data) {
                continue;
            }
            let (has, says) = (facts(person), facts(data));
            let adds = says.difference(&has).count();
            let beyond = has.difference(&says).count();
            pairs.push(((adds, beyond), g, k));
        }
    }
    pairs.sort_unstable();
    let mut found = vec![None; said.len()];
    let mut taken = HashSet::new();
    for (_, g, k) in pairs {
        if found[g].is_none() && taken.insert(k) {
            found[g] = Some(k);
        }
    }
    found
}

/// Reports each of the records `members` as merged into the record at `into`.
fn merged_into(
    merged: &mut Vec<Merged>,
    records: &[(Place, String)],
    members: &[usize],
    into: Place,
    into_name: &str,
) {
    merged.extend(members.iter().map(|&m| Merged {
        place: records[m].0,
        name: records[m].1.clone(),
        into,
        into_name: into_name.to_string(),
    }));
}

/// `current` with what `incoming` adds, and a word for each change.
fn absorb(current: &PersonData, incoming: &PersonData) -> (PersonData, Vec<String>) {
    let mut after = current.clone();
    let mut changes = Vec::new();
    let newer = incoming.source == current.source && current.source != Source::Manual;
    let fields: [(&str, &mut Option<String>, &Option<String>, bool); 5] = [
        ("company", &mut after.company, &incoming.company, newer),
        ("role", &mut after.role, &incoming.role, newer),
        ("location", &mut after.location, &incoming.location, newer),
        (
            "given name",
            &mut after.given_name,
            &incoming.given_name,
            false,
        ),
        (
            "family name",
            &mut after.family_name,
            &incoming.family_name,
            false,
        ),
    ];
    for (label, field, value, replace) in fields {
        let Some(value) = value else { continue };
        match field {
            // A value that differs only in case is the same news, not a change.
            Some(old) if old.to_lowercase() == value.to_lowercase() || !replace => {}
            Some(old) => {
                changes.push(format!("{label} {old} → {value}"));
                *field = Some(value.clone());
            }
            None => {
                changes.push(format!("{label} {value}"));
                *field = Some(value.clone());
            }
        }
    }
    // An id only means something with its own source; a manual person gets none.
    if newer && after.source_id.is_none() && incoming.source_id.is_some() {
        after.source_id = incoming.source_id.clone();
        changes.push("source id".into());
    }
    let lower: Comparable = |value| value.to_lowercase();
    let lists: [(&str, &mut Vec<String>, &Vec<String>, Comparable); 3] = [
        ("e-mail", &mut after.emails, &incoming.emails, lower),
        ("phone", &mut after.phones, &incoming.phones, phone_key),
        ("tag", &mut after.tags, &incoming.tags, lower),
    ];
    for (label, list, values, key) in lists {
        let before = list.len();
        for value in values {
            if !list.iter().any(|v| key(v) == key(value)) {
                list.push(value.clone());
            }
        }
        match list.len() - before {
            0 => {}
            1 => changes.push(format!("+1 {label}")),
            n => changes.push(format!("+{n} {label}s")),
        }
    }
    if after.birthday.is_none() && incoming.birthday.is_some() {
        after.birthday = incoming.birthday;
        changes.push("birthday".into());
    }
    if after.connected_on.is_none() && incoming.connected_on.is_some() {
        after.connected_on = incoming.connected_on;
        changes.push("connected on".into());
    }
    if after.notes.is_empty() && !incoming.notes.is_empty() {
        after.notes = incoming.notes.clone();
        changes.push("notes".into());
    }
    (after, changes)
}

#[cfg(test)]
mod tests;
