//! Importing people from other tools, finding likely duplicates, and merging them.

use serde::Serialize;

use super::Desk;
use crate::error::Result;
use crate::import::{Format, Parsed, Remark, likely_duplicates, plan_import};
use crate::model::{NetworkDraft, Person, PersonId, Progress, Stage};
use crate::store::Merged;

/// What an import did (or, for a dry run, would do).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeopleImport {
    pub format: &'static str,
    pub dry_run: bool,
    pub added: Vec<Entry>,
    pub updated: Vec<Updated>,
    /// Records that found a known person the file had nothing new about.
    pub unchanged: usize,
    /// Records that another record of the same file already brought (the same e-mail, profile
    /// or id), each with the record it went into.
    pub merged: Vec<MergedRecord>,
    pub skipped: Vec<Note>,
    pub warnings: Vec<Note>,
    /// Likely duplicates that involve someone this import added or changed.
    pub duplicates: Vec<DuplicatePair>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// The id they have (or, in a dry run, would have).
    pub id: PersonId,
    pub name: String,
    #[serde(rename = "at")]
    pub place: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Updated {
    pub id: PersonId,
    pub name: String,
    #[serde(rename = "at")]
    pub place: String,
    pub changes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MergedRecord {
    #[serde(rename = "at")]
    pub place: String,
    pub name: String,
    pub into: String,
    pub into_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Note {
    #[serde(rename = "at")]
    pub place: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DuplicatePair {
    pub a: PersonId,
    pub a_name: String,
    pub b: PersonId,
    pub b_name: String,
    pub reason: String,
}

impl DuplicatePair {
    /// "#1 Ana Lima and #8 Ana Lima: the same name".
    pub fn line(&self) -> String {
        format!(
            "#{} {} and #{} {}: {}",
            self.a, self.a_name, self.b, self.b_name, self.reason
        )
    }
}

/// One of the report's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Updated,
    Merged,
    Skipped,
    Unreadable,
    Duplicates,
}

impl Section {
    pub fn title(self) -> &'static str {
        match self {
            Section::Updated => "Updated",
            Section::Merged => "Merged into an earlier record of the file",
            Section::Skipped => "Skipped",
            Section::Unreadable => "Imported without a value that could not be read",
            Section::Duplicates => "Possibly the same person",
        }
    }
}

impl PeopleImport {
    /// "3 added, 1 updated, 0 unchanged, 1 merged, 0 skipped": one count per record.
    pub fn counts(&self, separator: &str) -> String {
        [
            (self.added.len(), "added"),
            (self.updated.len(), "updated"),
            (self.unchanged, "unchanged"),
            (self.merged.len(), "merged"),
            (self.skipped.len(), "skipped"),
        ]
        .map(|(n, what)| format!("{n} {what}"))
        .join(separator)
    }

    /// The report's non-empty lists, one line per item, as both front ends show them.
    pub fn sections(&self) -> Vec<(Section, Vec<String>)> {
        let notes = |notes: &[Note]| -> Vec<String> {
            notes
                .iter()
                .map(|n| format!("{:<9} {}", n.place, n.reason))
                .collect()
        };
        let all = [
            (
                Section::Updated,
                self.updated
                    .iter()
                    .map(|u| format!("{:<9} {}: {}", u.place, u.name, u.changes.join(", ")))
                    .collect(),
            ),
            (
                Section::Merged,
                self.merged
                    .iter()
                    .map(|m| format!("{:<9} {} → {} ({})", m.place, m.name, m.into, m.into_name))
                    .collect(),
            ),
            (Section::Skipped, notes(&self.skipped)),
            (Section::Unreadable, notes(&self.warnings)),
            (
                Section::Duplicates,
                self.duplicates.iter().map(DuplicatePair::line).collect(),
            ),
        ];
        all.into_iter()
            .filter(|(_, lines): &(Section, Vec<String>)| !lines.is_empty())
            .collect()
    }
}

fn notes(remarks: Vec<Remark>) -> Vec<Note> {
    let mut remarks = remarks;
    remarks.sort_by_key(|r| r.place);
    remarks
        .into_iter()
        .map(|r| Note {
            place: r.place.to_string(),
            reason: r.reason,
        })
        .collect()
}

fn pairs(people: &[Person], touched: &std::collections::HashSet<PersonId>) -> Vec<DuplicatePair> {
    let names: std::collections::HashMap<PersonId, &str> =
        people.iter().map(|p| (p.id, p.name())).collect();
    let name = |id: PersonId| names.get(&id).copied().unwrap_or_default().to_string();
    likely_duplicates(people)
        .into_iter()
        .filter(|d| touched.contains(&d.a) || touched.contains(&d.b))
        .map(|d| DuplicatePair {
            a: d.a,
            a_name: name(d.a),
            b: d.b,
            b_name: name(d.b),
            reason: d.reason.describe(),
        })
        .collect()
}

impl Desk {
    /// Imports people from `bytes` in `format`: one transaction, all or nothing, one undo.
    /// Re-importing the same file adds no one.
    pub fn import_people(
        &mut self,
        format: Format,
        parsed: Parsed,
        file_name: &str,
        dry_run: bool,
        progress: &Progress,
    ) -> Result<PeopleImport> {
        let known = self.store.people()?;
        progress.start(Stage::Matching, parsed.people.len());
        let mut plan = plan_import(&known, parsed);
        let next_id = known.iter().map(|p| p.id).max().unwrap_or(0) + 1;
        // Who is added, for the report; their records move into the batch (held once).
        let places: Vec<(String, String)> = plan
            .add
            .iter()
            .map(|i| (i.person.name.clone(), i.place.to_string()))
            .collect();
        let draft = NetworkDraft {
            people: std::mem::take(&mut plan.add)
                .into_iter()
                .map(|i| i.person)
                .collect(),
            ..NetworkDraft::default()
        };

        let mut first_id = next_id;
        if !dry_run && (!draft.people.is_empty() || !plan.update.is_empty()) {
            let updates: Vec<_> = plan
                .update
                .iter()
                .map(|u| {
                    (
                        u.before.id,
                        crate::model::PersonPatch::between(&u.before.data, &u.after),
                    )
                })
                .collect();
            let added = draft.people.len();
            let description = format!(
                "Imported {file_name}: {added} added, {} updated",
                updates.len()
            );
            first_id = self
                .store
                .import_people(&updates, &draft, &description, progress)?
                .first_person;
        }

        // Everyone as they are after the import, for the duplicates it may have made.
        let mut after = known;
        let position: std::collections::HashMap<PersonId, usize> =
            after.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
        let mut touched = std::collections::HashSet::new();
        let mut updated = Vec::with_capacity(plan.update.len());
        for update in plan.update {
            touched.insert(update.before.id);
            updated.push(Updated {
                id: update.before.id,
                name: update.before.name().to_string(),
                place: update.place.to_string(),
                changes: update.changes,
            });
            if let Some(&i) = position.get(&update.before.id) {
                after[i].data = update.after;
            }
        }
        let mut added = Vec::with_capacity(places.len());
        for (offset, ((name, place), data)) in places.into_iter().zip(draft.people).enumerate() {
            let id = first_id + offset as i64;
            touched.insert(id);
            added.push(Entry { id, name, place });
            after.push(Person::unsaved(id, data));
        }
        Ok(PeopleImport {
            format: format.name(),
            dry_run,
            added,
            updated,
            unchanged: plan.unchanged,
            merged: plan
                .merged
                .into_iter()
                .map(|m| MergedRecord {
                    place: m.place.to_string(),
                    name: m.name,
                    into: m.into.to_string(),
                    into_name: m.into_name,
                })
                .collect(),
            skipped: notes(plan.skipped),
            warnings: notes(plan.warnings),
            duplicates: pairs(&after, &touched),
        })
    }

    /// Every likely duplicate among the people not archived.
    pub fn duplicates(&self) -> Result<Vec<DuplicatePair>> {
        let people = self.store.people()?;
        let everyone = people.iter().map(|p| p.id).collect();
        Ok(pairs(&people, &everyone))
    }

    pub fn merge(&mut self, keep: &Person, other: &Person) -> Result<Merged> {
        self.store.merge(keep.id, other.id)
    }
}
