//! A change to a person that names only the fields it sets. The store applies it to the row
//! as it is inside the write transaction, so two copies of tiesdesk changing different fields
//! of one person at once both keep their change (nothing is rewritten from a stale copy).

use super::{Day, InvalidValue, PersonData, PersonId, Source, YearlyDay};

/// Values to add to and remove from a list field (emails, phones, tags).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListPatch {
    pub add: Vec<String>,
    pub remove: Vec<String>,
}

impl ListPatch {
    pub fn is_empty(&self) -> bool {
        self.add.is_empty() && self.remove.is_empty()
    }

    /// What turns `before` into `after`, compared the way the field is stored.
    fn between(before: &[String], after: &[String], key: fn(&str) -> String) -> ListPatch {
        let has = |list: &[String], value: &str| list.iter().any(|v| key(v) == key(value));
        ListPatch {
            add: after.iter().filter(|v| !has(before, v)).cloned().collect(),
            remove: before.iter().filter(|v| !has(after, v)).cloned().collect(),
        }
    }

    fn apply(&self, list: &mut Vec<String>, key: fn(&str) -> String) {
        list.retain(|v| !self.remove.iter().any(|r| key(r) == key(v)));
        for value in &self.add {
            if !list.iter().any(|v| key(v) == key(value)) {
                list.push(value.clone());
            }
        }
    }
}

/// Emails and tags are stored lowercased; phones as typed.
fn folded(value: &str) -> String {
    value.trim().to_lowercase()
}

fn trimmed(value: &str) -> String {
    value.trim().to_string()
}

/// The fields a change sets; `None` leaves a field as it is in the database. For optional
/// fields, `Some(None)` clears it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PersonPatch {
    pub name: Option<String>,
    pub given_name: Option<Option<String>>,
    pub family_name: Option<Option<String>>,
    pub company: Option<Option<String>>,
    pub role: Option<Option<String>>,
    pub location: Option<Option<String>>,
    pub notes: Option<String>,
    pub family: Option<bool>,
    pub on_call: Option<bool>,
    pub birthday: Option<Option<YearlyDay>>,
    pub cadence_days: Option<Option<u32>>,
    pub introduced_by: Option<Option<PersonId>>,
    pub connected_on: Option<Option<Day>>,
    pub archived: Option<bool>,
    /// Where the person came from and their id there (an import that finds them again).
    pub source: Option<(Source, Option<String>)>,
    pub emails: ListPatch,
    pub phones: ListPatch,
    pub handles: ListPatch,
    pub tags: ListPatch,
}

/// `Some(after)` when the two differ.
fn changed<T: PartialEq + Clone>(before: &T, after: &T) -> Option<T> {
    (before != after).then(|| after.clone())
}

impl PersonPatch {
    /// The change that turns `before` into `after`: a form or an import edited a copy of
    /// `before`, and only what it changed is applied to the row as it is now.
    pub fn between(before: &PersonData, after: &PersonData) -> PersonPatch {
        PersonPatch {
            name: changed(&before.name, &after.name),
            given_name: changed(&before.given_name, &after.given_name),
            family_name: changed(&before.family_name, &after.family_name),
            company: changed(&before.company, &after.company),
            role: changed(&before.role, &after.role),
            location: changed(&before.location, &after.location),
            notes: changed(&before.notes, &after.notes),
            family: changed(&before.family, &after.family),
            on_call: changed(&before.on_call, &after.on_call),
            birthday: changed(&before.birthday, &after.birthday),
            cadence_days: changed(&before.cadence_days, &after.cadence_days),
            introduced_by: changed(&before.introduced_by, &after.introduced_by),
            connected_on: changed(&before.connected_on, &after.connected_on),
            archived: changed(&before.archived, &after.archived),
            source: changed(
                &(before.source, before.source_id.clone()),
                &(after.source, after.source_id.clone()),
            ),
            emails: ListPatch::between(&before.emails, &after.emails, folded),
            phones: ListPatch::between(&before.phones, &after.phones, trimmed),
            handles: ListPatch::between(&before.handles, &after.handles, trimmed),
            tags: ListPatch::between(&before.tags, &after.tags, folded),
        }
    }

    pub fn archived(archived: bool) -> PersonPatch {
        PersonPatch {
            archived: Some(archived),
            ..PersonPatch::default()
        }
    }

    pub fn is_empty(&self) -> bool {
        self == &PersonPatch::default()
    }

    /// Refuses control and invisible characters (an escape sequence, a bell, a zero-width
    /// space) in the values this patch sets: typed text has no use for them, a terminal would
    /// obey them, and an invisible one makes two names look alike. Notes keep line breaks and
    /// tabs. (Imports remove them instead, with a warning: the rule is `text::cleaned`'s.)
    pub fn refuse_controls(&self) -> Result<(), InvalidValue> {
        let single_line = |value: &str| {
            value.contains(['\n', '\t']) || crate::text::without_controls(value, false).1
        };
        let check = |field: &str, value: &str, bad: &dyn Fn(&str) -> bool| {
            if bad(value) {
                return Err(InvalidValue::new(format!(
                    "bad {field} {}: it cannot contain control or invisible characters",
                    crate::text::visible(&format!("{value:?}"))
                )));
            }
            Ok(())
        };
        let texts = [
            ("name", self.name.as_ref()),
            (
                "given name",
                self.given_name.as_ref().and_then(Option::as_ref),
            ),
            (
                "family name",
                self.family_name.as_ref().and_then(Option::as_ref),
            ),
            ("company", self.company.as_ref().and_then(Option::as_ref)),
            ("role", self.role.as_ref().and_then(Option::as_ref)),
            ("location", self.location.as_ref().and_then(Option::as_ref)),
        ];
        for (field, value) in texts {
            if let Some(value) = value {
                check(field, value, &single_line)?;
            }
        }
        for (field, list) in [
            ("email", &self.emails.add),
            ("phone", &self.phones.add),
            ("chat handle", &self.handles.add),
            ("tag", &self.tags.add),
        ] {
            for value in list {
                check(field, value, &single_line)?;
            }
        }
        let note_bad = |value: &str| note_has_controls(value);
        if let Some(notes) = &self.notes {
            check("notes", notes, &note_bad)?;
        }
        Ok(())
    }

    /// Lays the patch over `data` (the row as it is now).
    pub fn apply(&self, data: &mut PersonData) {
        fn set<T: Clone>(field: &mut T, value: &Option<T>) {
            if let Some(value) = value {
                field.clone_from(value);
            }
        }
        set(&mut data.name, &self.name);
        set(&mut data.given_name, &self.given_name);
        set(&mut data.family_name, &self.family_name);
        set(&mut data.company, &self.company);
        set(&mut data.role, &self.role);
        set(&mut data.location, &self.location);
        set(&mut data.notes, &self.notes);
        set(&mut data.family, &self.family);
        set(&mut data.on_call, &self.on_call);
        set(&mut data.birthday, &self.birthday);
        set(&mut data.cadence_days, &self.cadence_days);
        set(&mut data.introduced_by, &self.introduced_by);
        set(&mut data.connected_on, &self.connected_on);
        set(&mut data.archived, &self.archived);
        if let Some((source, source_id)) = &self.source {
            data.source = *source;
            data.source_id.clone_from(source_id);
        }
        self.emails.apply(&mut data.emails, folded);
        self.phones.apply(&mut data.phones, trimmed);
        self.handles.apply(&mut data.handles, trimmed);
        self.tags.apply(&mut data.tags, folded);
    }
}

/// Whether a note (line breaks and tabs are fine) holds control or invisible characters.
pub fn note_has_controls(note: &str) -> bool {
    crate::text::without_controls(&note.replace('\r', ""), true).1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ana() -> PersonData {
        let mut data = PersonData::named("Ana Lima");
        data.company = Some("Zephyr".into());
        data.tags = vec!["climbing".into(), "rust".into()];
        data.emails = vec!["ana@example.org".into()];
        data
    }

    #[test]
    fn a_patch_from_a_copy_keeps_what_changed_elsewhere() {
        let read_earlier = ana();
        let mut edited = read_earlier.clone();
        edited.notes = "met at RustNL".into();
        edited.tags.retain(|t| t != "rust");
        let patch = PersonPatch::between(&read_earlier, &edited);
        assert_eq!(patch.notes.as_deref(), Some("met at RustNL"));
        assert_eq!(patch.company, None);
        assert_eq!(patch.tags.remove, vec!["rust".to_string()]);

        // Meanwhile another copy moved her company and added a tag.
        let mut now = ana();
        now.company = Some("Acme".into());
        now.tags.push("chess".into());
        patch.apply(&mut now);
        assert_eq!(now.company.as_deref(), Some("Acme"));
        assert_eq!(now.notes, "met at RustNL");
        assert_eq!(now.tags, vec!["climbing".to_string(), "chess".to_string()]);
    }

    #[test]
    fn the_same_data_is_an_empty_patch_and_lists_compare_as_stored() {
        assert!(PersonPatch::between(&ana(), &ana()).is_empty());
        let mut shouted = ana();
        shouted.emails = vec!["ANA@example.org ".into()];
        assert!(PersonPatch::between(&ana(), &shouted).emails.is_empty());
        let mut cleared = ana();
        cleared.company = None;
        let patch = PersonPatch::between(&ana(), &cleared);
        assert_eq!(patch.company, Some(None));
        let mut data = ana();
        patch.apply(&mut data);
        assert_eq!(data.company, None);
    }
}
