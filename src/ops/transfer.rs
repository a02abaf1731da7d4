//! Moving a whole network in and out: the JSON document, and backups.

use std::path::Path;

use super::Desk;
use crate::document::{Digest, Document};
use crate::error::{Error, Result};
use crate::model::NetworkDraft;
use crate::store::Inserted;

/// What restoring a document added (or, for a dry run, would add).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct DocumentImport {
    pub people: usize,
    pub interactions: usize,
    pub links: usize,
    pub reviews: usize,
    pub snoozes: usize,
    pub promises: usize,
    pub needs: usize,
    pub dates: usize,
    pub offers: usize,
    pub introductions: usize,
    pub dismissed_links: usize,
    pub dry_run: bool,
    /// The database already held this very document: nothing was added.
    pub held_already: bool,
    /// How many of its values had control or invisible characters removed.
    pub cleaned: usize,
}

impl DocumentImport {
    /// What it brought, counted as both front ends say it: people and interactions always,
    /// the rest when there are any ("1 review", "2 links").
    pub fn counts(&self) -> Vec<String> {
        let count = |n: usize, one: &str, many: &str| match n {
            1 => format!("1 {one}"),
            n => format!("{n} {many}"),
        };
        let mut counts = vec![
            count(self.people, "person", "people"),
            count(self.interactions, "interaction", "interactions"),
        ];
        for (n, one, many) in [
            (self.links, "link", "links"),
            (self.reviews, "review", "reviews"),
            (self.snoozes, "snooze", "snoozes"),
            (self.promises, "promise", "promises"),
            (self.needs, "need", "needs"),
            (self.dates, "date", "dates"),
            (self.offers, "offer", "offers"),
            (self.introductions, "introduction", "introductions"),
            (
                self.dismissed_links,
                "dismissed link suggestion",
                "dismissed link suggestions",
            ),
        ] {
            if n > 0 {
                counts.push(count(n, one, many));
            }
        }
        counts
    }
}

impl Desk {
    /// The whole database as a `tiesdesk/1` document, read in one read transaction: a
    /// document taken while another copy writes is one moment.
    pub fn export_document(&self) -> Result<Document> {
        Ok(Document::from_holdings(self.store.holdings()?))
    }

    /// The whole database as the text `export json` writes.
    pub fn export_json(&self) -> Result<String> {
        let mut text = Vec::new();
        self.export_document()?
            .write_to(&mut text)
            .map_err(|e| Error::Io(format!("cannot write the document: {e}")))?;
        String::from_utf8(text).map_err(|e| Error::Io(format!("cannot write the document: {e}")))
    }

    /// Restores a document into this (empty) database, all or nothing. With `dry_run`, checks
    /// everything and reports, writing nothing.
    /// `digest` is the document's as read, so the same file imported again is recognised: it
    /// adds nothing.
    pub fn import_json(
        &mut self,
        draft: NetworkDraft,
        digest: Digest,
        dry_run: bool,
    ) -> Result<DocumentImport> {
        let held = self.store.people()?.len();
        // A database with people takes no document, unless it holds this very one (then the
        // import adds nothing). Only a database of the same size can hold it: the (costly)
        // export is compared only then, and the batch let go first, as the export is as large.
        if held > 0 {
            let same_size = held == draft.people.len();
            drop(draft);
            if same_size && self.export_document()?.digest()? == digest {
                return Ok(DocumentImport {
                    people: 0,
                    interactions: 0,
                    links: 0,
                    reviews: 0,
                    snoozes: 0,
                    promises: 0,
                    needs: 0,
                    dates: 0,
                    offers: 0,
                    introductions: 0,
                    dismissed_links: 0,
                    dry_run,
                    held_already: true,
                    cleaned: 0,
                });
            }
            return Err(Error::invalid(format!(
                "{} already has people in it; a tiesdesk document restores into an empty \
                 database (try --db restored.db)",
                self.store.path().display()
            )));
        }
        let report = DocumentImport {
            people: draft.people.len(),
            interactions: draft.interactions.len(),
            links: draft.links.len(),
            reviews: draft.reviews.len(),
            snoozes: draft.snoozes.len(),
            promises: draft.promises.len(),
            needs: draft.needs.len(),
            dates: draft.dates.len(),
            offers: draft.offers.len(),
            introductions: draft.introductions.len(),
            dismissed_links: draft.dismissed_links.len(),
            dry_run,
            held_already: false,
            cleaned: 0,
        };
        if dry_run {
            return Ok(report);
        }
        let Inserted { links, .. } = self
            .store
            .insert_network(&draft, "Imported a tiesdesk document")?;
        Ok(DocumentImport { links, ..report })
    }

    /// Everyone, one row each, with today's figures (archived people say so in `status`).
    pub fn export_csv(&self) -> Result<String> {
        let (network, people) = self
            .store
            .read(|store| Ok((self.network_in(store)?, store.people()?)))?;
        let rows: Vec<_> = people
            .iter()
            .filter_map(|p| Some((p, network.get(p.id)?)))
            .collect();
        crate::export::people_csv(&rows)
    }

    /// Birthdays and yearly dates as yearly all-day events and open promises' deadlines as
    /// one-day events, for people who are not archived; UIDs stay the same export to export.
    /// A promise's text stays out ("Promise to Ana Lima") unless `with_text`: calendars sync
    /// to a cloud, and what was promised is between two people.
    pub fn export_ics(&self, with_text: bool) -> Result<String> {
        use crate::export::ics::{Event, When, calendar};
        let (days, promises) = self
            .store
            .read(|store| Ok((store.yearly_days()?, store.promises(false)?)))?;
        let mut events = Vec::new();
        for day in days {
            let (uid, summary) = match day.date {
                None => (
                    format!("birthday-{}@tiesdesk", day.person),
                    format!("{}'s birthday", day.name),
                ),
                Some(id) => (
                    format!("date-{id}@tiesdesk"),
                    format!("{}: {}", day.name, day.label),
                ),
            };
            events.push(Event {
                uid,
                summary,
                when: When::Yearly(day.on),
            });
        }
        for (promise, name) in promises {
            if let Some(due) = promise.due {
                events.push(Event {
                    uid: format!("promise-{}@tiesdesk", promise.id),
                    summary: if with_text {
                        format!("Promise to {name}: {}", promise.text)
                    } else {
                        format!("Promise to {name}")
                    },
                    when: When::Once(due),
                });
            }
        }
        // Names and texts were checked on the way in, but a file edited elsewhere could
        // hold an escape: a calendar file printed to a terminal carries none.
        for event in &mut events {
            event.summary = crate::text::without_controls(&event.summary, false).0;
        }
        Ok(calendar(&events, self.today))
    }

    /// Everyone as vCard 4.0.
    pub fn export_vcard(&self) -> Result<String> {
        Ok(crate::export::people_vcards(&self.store.people()?))
    }

    /// Copies the database into `target` (created 0600) through a partial file that takes
    /// the name only once the copy is complete, so a killed backup leaves no file that looks
    /// like one. `protected` are files never to write (the database, the config).
    pub fn backup(
        &self,
        target: &Path,
        force: bool,
        protected: &[std::path::PathBuf],
    ) -> Result<()> {
        crate::files::refuse_protected(target, protected)?;
        crate::files::refuse_streams(target)?;
        crate::files::refuse_existing(target, force)?;
        let (partial, file) = crate::files::create_partial(target)?;
        drop(file);
        let copied = self.store.backup_into(&partial);
        // SQLite writes the copy through a journal of its own beside it; a failed copy (a
        // full disk) must not leave it behind.
        let mut journal = partial.as_os_str().to_os_string();
        journal.push("-journal");
        let _ = std::fs::remove_file(std::path::PathBuf::from(journal));
        if let Err(error) = copied {
            let _ = std::fs::remove_file(&partial);
            return Err(error);
        }
        crate::files::finish(&partial, target, force)
    }

    /// The files an export or a backup must never replace: this database (with its WAL and
    /// shared memory) and the config at `config`.
    pub fn protected_files(&self, config: &Path) -> Vec<std::path::PathBuf> {
        crate::files::protected(self.store.path(), config)
    }
}
