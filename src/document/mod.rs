//! The tiesdesk JSON document (`tiesdesk/1`): the full, lossless form of a database, which
//! `export json` writes and `import json` reads back. Other tools write it too, so its shape
//! is fixed by DESIGN.md; optional fields may be left out.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::{
    Capture, CaptureSource, Day, Direction, DraftInteraction, DraftLink, DraftReview, Holdings,
    Kind, LinkKind, NetworkDraft, PersonData, PersonId, Size, Source, YearlyDay,
};

mod give_first;
mod giving;
mod io;

pub use give_first::{DocDate, DocNeed, DocPromise};
pub use io::{Digest, Digester};

pub const FORMAT: &str = "tiesdesk/1";

/// How many items `shrinking_map` moves between two shrinks of the list they leave.
const SHRINK_EVERY: usize = 1 << 16;

/// `from` mapped by `f` into a new list, in order, moved over from the back so the old list
/// shrinks as the new one grows: a million interactions are never held twice (the document
/// and its batch, the stored rows and the document).
fn shrinking_map<T, U>(mut from: Vec<T>, mut f: impl FnMut(T) -> U) -> Vec<U> {
    let mut to: Vec<U> = Vec::new();
    while let Some(item) = from.pop() {
        if to.len() == to.capacity() {
            to.reserve_exact(SHRINK_EVERY);
            from.shrink_to_fit();
        }
        to.push(f(item));
    }
    to.reverse();
    to
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub format: String,
    #[serde(default)]
    pub people: Vec<DocPerson>,
    #[serde(default)]
    pub interactions: Vec<DocInteraction>,
    #[serde(default)]
    pub links: Vec<DocLink>,
    #[serde(default)]
    pub reviews: Vec<DocReview>,
    #[serde(default)]
    pub snoozes: Vec<DocSnooze>,
    /// Left out when there are none, so a document from before promises reads and writes
    /// back exactly as it was.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub promises: Vec<DocPromise>,
    /// Likewise for needs and yearly dates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<DocNeed>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dates: Vec<DocDate>,
    /// Likewise for offers and introductions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub offers: Vec<crate::model::Offer>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub introductions: Vec<crate::model::Introduction>,
    /// Suggested links the user said no to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dismissed_links: Vec<DocDismissedLink>,
}

macro_rules! doc_person {
    ($($(#[$doc:meta])* $field:ident: $type:ty,)+) => {
        /// A person in the document: their id in it (what interactions, links and the rest
        /// name them by) and every field `PersonData` has (`model::with_person_fields`), each
        /// optional, so an older document without a newer field still reads.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub struct DocPerson {
            pub id: i64,
            $($(#[$doc])* #[serde(default)] pub $field: $type,)+
        }

        impl DocPerson {
            pub fn new(id: i64, data: PersonData) -> DocPerson {
                DocPerson {
                    id,
                    $($field: data.$field,)+
                }
            }

            /// Its fields, as the model holds them (`introduced_by` still the document's id).
            pub fn data(self) -> PersonData {
                PersonData {
                    $($field: self.$field,)+
                }
            }
        }
    };
}

crate::model::with_person_fields!(doc_person);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocInteraction {
    #[serde(default)]
    pub id: Option<i64>,
    pub date: Day,
    /// Boxed, as `note` and `source_id`: a million of these are held at once (an export, a
    /// restore), and a spare capacity word each would cost 8 MB.
    pub people: Box<[i64]>,
    #[serde(default = "other")]
    pub kind: Kind,
    pub direction: Direction,
    #[serde(default)]
    pub size: Size,
    #[serde(default)]
    pub note: Box<str>,
    /// `mail`, `calendar` or `chat`, for an interaction read from there, with `source_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<CaptureSource>,
    /// Its id there: a Message-ID, or an event's UID and occurrence start. (A boxed str: a
    /// million of these are read at once, and its spare capacity word would cost 8 MB.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_id: Option<Box<str>>,
    /// The day a favour received was marked thanked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thanked: Option<Day>,
}

fn other() -> Kind {
    Kind::Other
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocLink {
    pub a: i64,
    pub b: i64,
    pub kind: LinkKind,
}

/// A suggested `knows` between `a` and `b` (ids in the document) that was dismissed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocDismissedLink {
    pub a: i64,
    pub b: i64,
    pub on: Day,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocReview {
    pub date: Day,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub items_seen: u32,
    #[serde(default)]
    pub actions: u32,
    /// The reconnect candidates the review showed (person ids).
    #[serde(default)]
    pub reconnect: Vec<i64>,
    /// Paper ties kept as they are in the review (person ids): not asked about again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept_paper: Vec<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocSnooze {
    pub person: i64,
    pub until: Day,
}

impl Document {
    /// Everything a database holds, in id order.
    pub fn from_holdings(holdings: Holdings) -> Document {
        let ids: std::collections::HashSet<i64> = holdings.people.iter().map(|p| p.id).collect();
        let people = holdings
            .people
            .into_iter()
            .map(|p| DocPerson::new(p.id, p.data))
            .collect();
        let interactions = shrinking_map(holdings.interactions, |i| DocInteraction {
            id: Some(i.id),
            date: i.day,
            people: i.people.into_boxed_slice(),
            kind: i.kind,
            direction: i.direction,
            size: i.size,
            note: i.note.into_boxed_str(),
            source: i.capture.as_ref().map(|c| c.source),
            source_id: i.capture.map(|c| c.id.into_boxed_str()),
            thanked: i.thanked_on,
        });
        let links = holdings
            .links
            .into_iter()
            .map(|l| DocLink {
                a: l.a,
                b: l.b,
                kind: l.kind,
            })
            .collect();
        let reviews = holdings
            .reviews
            .into_iter()
            .filter_map(|r| {
                Some(DocReview {
                    date: crate::model::date::day_from_number(r.day)?,
                    note: r.note,
                    items_seen: u32::try_from(r.items_seen).unwrap_or(0),
                    actions: u32::try_from(r.actions).unwrap_or(0),
                    // A review from before merges named the one merged away; someone no
                    // longer there is left out, so the document restores.
                    reconnect: (r.covered.reconnect.into_iter())
                        .filter(|id| ids.contains(id))
                        .collect(),
                    kept_paper: (r.covered.kept_paper.into_iter())
                        .filter(|id| ids.contains(id))
                        .collect(),
                })
            })
            .collect();
        let mut snoozes: Vec<DocSnooze> = holdings
            .snoozes
            .into_iter()
            .filter_map(|(person, until)| {
                Some(DocSnooze {
                    person,
                    until: crate::model::date::day_from_number(until)?,
                })
            })
            .collect();
        snoozes.sort_by_key(|s| s.person);
        let (promises, needs, dates) =
            give_first::from_stored(holdings.promises, holdings.needs, holdings.dates);
        Document {
            format: FORMAT.to_string(),
            people,
            interactions,
            links,
            reviews,
            snoozes,
            promises,
            needs,
            dates,
            offers: holdings.offers,
            introductions: holdings.introductions,
            dismissed_links: (holdings.dismissed_links.into_iter())
                .map(|d| DocDismissedLink {
                    a: d.a,
                    b: d.b,
                    on: d.on,
                })
                .collect(),
        }
    }

    /// Removes control and invisible characters another tool wrote into the document's text,
    /// by the one rule every import follows (`text::cleaned`; notes keep line breaks). How
    /// many values changed, for the warning the import gives.
    pub fn remove_controls(&mut self) -> usize {
        let mut changed = 0;
        self.people = (std::mem::take(&mut self.people).into_iter())
            .map(|p| {
                let id = p.id;
                let mut data = p.data();
                changed += data.remove_controls();
                DocPerson::new(id, data)
            })
            .collect();
        // The text without them, when it had any (counted).
        let mut clean = |text: &str, keep_lines: bool| {
            let (cleaned, removed) = crate::text::cleaned(text, keep_lines);
            (removed > 0).then(|| {
                changed += 1;
                cleaned
            })
        };
        for interaction in &mut self.interactions {
            if let Some(note) = clean(&interaction.note, true) {
                interaction.note = note.into_boxed_str();
            }
            if let Some(id) = &mut interaction.source_id
                && let Some(text) = clean(id, false)
            {
                *id = text.into_boxed_str();
            }
        }
        for review in &mut self.reviews {
            if let Some(text) = clean(&review.note, true) {
                review.note = text;
            }
        }
        for promise in &mut self.promises {
            if let Some(text) = clean(&promise.text, false) {
                promise.text = text;
            }
        }
        for need in &mut self.needs {
            if let Some(text) = clean(&need.text, false) {
                need.text = text;
            }
            for tag in &mut need.tags {
                if let Some(text) = clean(tag, false) {
                    *tag = text;
                }
            }
        }
        for date in &mut self.dates {
            if let Some(text) = clean(&date.label, false) {
                date.label = text;
            }
        }
        for offer in &mut self.offers {
            if let Some(text) = clean(&offer.text, false) {
                offer.text = text;
            }
            for tag in &mut offer.tags {
                if let Some(text) = clean(tag, false) {
                    *tag = text;
                }
            }
        }
        changed
    }

    /// The document as a batch to write, with every id checked. People keep their order.
    pub fn into_draft(self) -> Result<NetworkDraft> {
        let mut index: HashMap<i64, usize> = HashMap::with_capacity(self.people.len());
        for (i, person) in self.people.iter().enumerate() {
            if index.insert(person.id, i).is_some() {
                return Err(Error::invalid(format!(
                    "people[{i}].id: {} appears twice",
                    person.id
                )));
            }
        }
        let find = |id: i64, place: String| {
            index.get(&id).copied().ok_or_else(|| {
                Error::invalid(format!("{place}: no person with id {id} in the document"))
            })
        };
        let mut draft = NetworkDraft::default();
        for (i, p) in self.people.into_iter().enumerate() {
            let data = p.data();
            let introduced_by = data
                .introduced_by
                .map(|id| find(id, format!("people[{i}].introduced_by")))
                .transpose()?;
            let data = PersonData {
                introduced_by: introduced_by.map(|x| x as i64),
                ..data
            }
            .normalized()
            .map_err(|e| Error::invalid(format!("people[{i}]: {e}")))?;
            draft.people.push(data);
        }
        // Promises name the favour that kept them by its id here; interactions without an id
        // cannot be named.
        let mut interaction_index: HashMap<i64, usize> = HashMap::new();
        for (i, interaction) in self.interactions.iter().enumerate() {
            if let Some(id) = interaction.id {
                interaction_index.entry(id).or_insert(i);
            }
        }
        // Checked front to back first, so the problem named is the first one…
        for (i, interaction) in self.interactions.iter().enumerate() {
            if interaction.people.is_empty() {
                return Err(Error::invalid(format!(
                    "interactions[{i}].people: an interaction needs at least one person"
                )));
            }
            for &id in &interaction.people {
                find(id, format!("interactions[{i}].people"))?;
            }
            let paired = match (&interaction.source, &interaction.source_id) {
                (Some(_), Some(id)) => !id.trim().is_empty(),
                (None, None) => true,
                _ => false,
            };
            if !paired {
                return Err(Error::invalid(format!(
                    "interactions[{i}]: source and source_id come together"
                )));
            }
        }
        // …then moved over (every id was found above, so the places are never used).
        let place = |id: i64| find(id, String::new()).unwrap_or_default();
        draft.interactions = shrinking_map(self.interactions, |interaction| DraftInteraction {
            day: interaction.date,
            people: interaction.people.iter().map(|&id| place(id)).collect(),
            kind: interaction.kind,
            direction: interaction.direction,
            size: interaction.size,
            note: interaction.note.into_string(),
            capture: match (interaction.source, interaction.source_id) {
                (Some(source), Some(id)) => Some(Capture {
                    source,
                    id: id.into_string(),
                }),
                _ => None,
            },
            thanked_on: interaction.thanked,
        });
        for (i, link) in self.links.into_iter().enumerate() {
            let a = find(link.a, format!("links[{i}].a"))?;
            let b = find(link.b, format!("links[{i}].b"))?;
            if a == b {
                return Err(Error::invalid(format!(
                    "links[{i}]: a person cannot be linked to themselves"
                )));
            }
            draft.links.push(DraftLink {
                a,
                b,
                kind: link.kind,
            });
        }
        for (i, dismissed) in self.dismissed_links.iter().enumerate() {
            let a = find(dismissed.a, format!("dismissed_links[{i}].a"))?;
            let b = find(dismissed.b, format!("dismissed_links[{i}].b"))?;
            if a == b {
                return Err(Error::invalid(format!(
                    "dismissed_links[{i}]: a person is not linked to themselves"
                )));
            }
            draft.dismissed_links.push((a, b, dismissed.on));
        }
        for (i, review) in self.reviews.into_iter().enumerate() {
            let reconnect = review
                .reconnect
                .iter()
                .map(|&id| find(id, format!("reviews[{i}].reconnect")))
                .collect::<Result<Vec<_>>>()?;
            let kept_paper = (review.kept_paper.iter())
                .map(|&id| find(id, format!("reviews[{i}].kept_paper")))
                .collect::<Result<Vec<_>>>()?;
            draft.reviews.push(DraftReview {
                day: review.date,
                items_seen: review.items_seen,
                actions: review.actions,
                reconnect,
                kept_paper,
                note: review.note,
            });
        }
        for (i, snooze) in self.snoozes.into_iter().enumerate() {
            draft.snoozes.push((
                find(snooze.person, format!("snoozes[{i}].person"))?,
                snooze.until,
            ));
        }
        let need_ids: Vec<Option<i64>> = self.needs.iter().map(|n| n.id).collect();
        give_first::into_draft(
            &mut draft,
            &find,
            &interaction_index,
            self.promises,
            self.needs,
            self.dates,
        )?;
        giving::into_draft(
            &mut draft,
            &find,
            &interaction_index,
            &need_ids,
            self.offers,
            self.introductions,
        )?;
        Ok(draft)
    }
}
