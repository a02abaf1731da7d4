//! What an import means for the database: who is new, who is someone already known (found by
//! source id, LinkedIn profile, e-mail, then name) and what the file adds to them.
//!
//! Known people are never renamed, archived or unarchived by an import; archived people are
//! still matched, so archiving a paper tie and importing the same file again does not bring them
//! back. Lists (e-mails, phones, tags) gain what is new. A file from the person's own source
//! (LinkedIn again) is newer news of their job, so it replaces company and role; any other file
//! only fills what is empty.

use std::collections::HashMap;

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

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    pub add: Vec<Incoming>,
    pub update: Vec<Update>,
    /// Known people the file has nothing new about.
    pub unchanged: usize,
    pub skipped: Vec<Remark>,
    pub warnings: Vec<Remark>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Known(usize),
    New(usize),
}

/// The keys a person can be found by.
#[derive(Default)]
struct Index {
    by_source: HashMap<(Source, String), Target>,
    by_profile: HashMap<String, Target>,
    by_email: HashMap<String, Target>,
    by_name: HashMap<String, Vec<Target>>,
}

/// A name in one spelling for comparison: lowercase, single spaces, no dots or commas.
pub fn name_key(name: &str) -> String {
    name.to_lowercase()
        .replace(['.', ','], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Index {
    fn insert(&mut self, data: &PersonData, target: Target) {
        if let Some(id) = &data.source_id {
            self.by_source
                .entry((data.source, id.clone()))
                .or_insert(target);
            if let Some(profile) = profile_key(id) {
                self.by_profile.entry(profile).or_insert(target);
            }
        }
        for email in &data.emails {
            self.by_email.entry(email.clone()).or_insert(target);
        }
        let names = self.by_name.entry(name_key(&data.name)).or_default();
        if !names.contains(&target) {
            names.push(target);
        }
    }

    fn find<'p>(
        &self,
        data: &PersonData,
        lookup: impl Fn(Target) -> &'p PersonData,
    ) -> Option<Target> {
        if let Some(id) = &data.source_id {
            if let Some(&found) = self.by_source.get(&(data.source, id.clone())) {
                return Some(found);
            }
            if let Some(found) = profile_key(id).and_then(|p| self.by_profile.get(&p)) {
                return Some(*found);
            }
        }
        if let Some(found) = data.emails.iter().find_map(|e| self.by_email.get(e)) {
            return Some(*found);
        }
        // Same name: the same person unless both carry different ids from the same source
        // (two LinkedIn members who share a name).
        self.by_name
            .get(&name_key(&data.name))?
            .iter()
            .copied()
            .find(|&candidate| {
                let other = lookup(candidate);
                !(other.source == data.source
                    && other.source_id.is_some()
                    && data.source_id.is_some()
                    && other.source_id != data.source_id)
            })
    }
}

pub fn plan_import(known: &[Person], parsed: Parsed) -> Plan {
    let mut index = Index::default();
    for (position, person) in known.iter().enumerate() {
        index.insert(&person.data, Target::Known(position));
    }
    let mut plan = Plan {
        skipped: parsed.skipped,
        warnings: parsed.warnings,
        ..Plan::default()
    };
    // Where each known person's pending update is, so a second row about them adds to it.
    let mut updated: HashMap<usize, usize> = HashMap::new();
    for incoming in parsed.people {
        let found = index.find(&incoming.person, |target| match target {
            Target::Known(k) => current_of(known, &plan, &updated, k),
            Target::New(n) => &plan.add[n].person,
        });
        match found {
            None => {
                index.insert(&incoming.person, Target::New(plan.add.len()));
                plan.add.push(incoming);
            }
            Some(Target::New(n)) => {
                let first = &mut plan.add[n];
                first.person = absorb(&first.person, &incoming.person).0;
                plan.skipped.push(Remark {
                    place: incoming.place,
                    reason: format!("the same person as {} ({})", first.place, first.person.name),
                });
            }
            Some(Target::Known(k)) => {
                let current = current_of(known, &plan, &updated, k);
                let (after, changes) = absorb(current, &incoming.person);
                if changes.is_empty() {
                    if !updated.contains_key(&k) {
                        plan.unchanged += 1;
                    }
                    continue;
                }
                index.insert(&after, Target::Known(k));
                match updated.get(&k) {
                    Some(&u) => {
                        let update = &mut plan.update[u];
                        update.after = after;
                        update.changes.extend(changes);
                    }
                    None => {
                        updated.insert(k, plan.update.len());
                        plan.update.push(Update {
                            place: incoming.place,
                            before: known[k].clone(),
                            after,
                            changes,
                        });
                    }
                }
            }
        }
    }
    plan
}

fn current_of<'a>(
    known: &'a [Person],
    plan: &'a Plan,
    updated: &HashMap<usize, usize>,
    k: usize,
) -> &'a PersonData {
    match updated.get(&k) {
        Some(&u) => &plan.update[u].after,
        None => &known[k].data,
    }
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
            Some(old) if old == value || !replace => {}
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
    let lists: [(&str, &mut Vec<String>, &Vec<String>); 3] = [
        ("e-mail", &mut after.emails, &incoming.emails),
        ("phone", &mut after.phones, &incoming.phones),
        ("tag", &mut after.tags, &incoming.tags),
    ];
    for (label, list, values) in lists {
        let before = list.len();
        for value in values {
            if !list.iter().any(|v| v.eq_ignore_ascii_case(value)) {
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
