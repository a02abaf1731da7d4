//! Sync through the one door: making this database a device of a folder the user already
//! syncs (`init`, `join`), a round (`sync`: send what is new, apply what the others wrote),
//! and where it stands (`status`). The store keeps the state and applies; `sync::folder`
//! reads and writes the files.

use std::path::{Path, PathBuf};

use serde::Serialize;
use uuid::Uuid;

use super::Desk;
use super::sync_io::{Keys, SegmentOutbox, join_line, ops_of, person_of, written};
use crate::error::{Error, Result};
use crate::store::{Exchanged, Incoming, SyncSetup};
use crate::sync::folder::{self, Found};
use crate::sync::segment::{self, Key};

/// What a sync round did, and what it left.
#[derive(Debug, Clone, Serialize)]
pub struct SyncReport {
    pub folder: PathBuf,
    #[serde(flatten)]
    pub exchanged: Exchanged,
    /// Segments still being copied, left for next time.
    pub cut_off: Vec<PathBuf>,
    /// Segments that cannot be read, with why.
    pub damaged: Vec<(PathBuf, String)>,
    /// Joining: people here found in the folder (by profile, e-mail, or a name with nothing
    /// against it), made one with them.
    pub adopted: usize,
    /// Devices whose new segments wait for them to join again with the folder's new key.
    pub old_key: Vec<Uuid>,
    /// Devices whose new segments are under a key this device does not have yet.
    pub other_key: Vec<Uuid>,
    /// This device's segments folded into one snapshot (every device had applied them).
    pub compacted: usize,
    /// What went wrong after the round was kept (compaction, the `applied` file): said,
    /// and tried again next time.
    pub trouble: Option<String>,
}

/// One device of the folder, for `sync status`.
#[derive(Debug, Clone, Serialize)]
pub struct DeviceStatus {
    pub device: Uuid,
    pub name: Option<String>,
    pub this: bool,
    /// Its segments in the folder.
    pub segments: usize,
    /// When it last wrote one (RFC 3339, from the segment's clock), if it has.
    pub last_written: Option<String>,
    /// When one of its segments was last applied here.
    pub last_applied: Option<String>,
    /// Of its segments, the snapshots (each folding many).
    pub snapshots: usize,
    /// This device's segments it has not applied yet (what compaction waits for).
    pub behind: usize,
    /// Compaction no longer waits for it (`sync forget`).
    pub forgotten: bool,
    /// Its newest segment is under a key the folder no longer uses: it has to join again.
    pub old_key: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct SyncStatus {
    pub folder: PathBuf,
    pub encrypted: bool,
    pub name: String,
    pub device: Uuid,
    /// Whether the folder is there now (a drive may be unmounted).
    pub reachable: bool,
    pub folder_bytes: u64,
    pub devices: Vec<DeviceStatus>,
    /// Operations here not sent yet.
    pub unsent: usize,
    /// Operations from others waiting for a row not heard of yet.
    pub waiting: usize,
}

/// What this machine is called, for a device's default name.
fn machine_name() -> String {
    let from_env = ["HOSTNAME", "COMPUTERNAME"]
        .into_iter()
        .find_map(|var| std::env::var(var).ok());
    let from_file = || std::fs::read_to_string("/etc/hostname").ok();
    from_env
        .or_else(from_file)
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "this device".into())
}

/// A second `init` or `join` of another folder: one line.
pub(super) fn syncs_already(setup: &SyncSetup) -> Error {
    Error::Sync(format!(
        "this database syncs through {} already; `tiesdesk sync` syncs now",
        setup.folder.display()
    ))
}

/// The folder must be there: an unmounted drive is one line, and nothing changes.
pub(super) fn reachable(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        Ok(())
    } else {
        Err(Error::Sync(format!(
            "the sync folder {} is not there (a drive not mounted?); nothing was changed",
            dir.display()
        )))
    }
}

/// `ms << 16 | counter` as the time it names.
fn clock_time(clock: i64) -> Option<String> {
    let ms = clock >> 16;
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

/// Checks a folder to begin syncing through before any database is opened (or made): it
/// is there, and when joining, it is a sync folder whose segments `key` reads. A refusal
/// leaves no new database behind.
pub fn check_folder(dir: &Path, joining: bool, key: Option<&str>) -> Result<()> {
    reachable(dir)?;
    if !joining {
        return Ok(());
    }
    made_by_init(dir)?;
    let key = parse_key(key)?;
    folder::check_heads(dir, &key.iter().collect::<Vec<_>>())
        .map_err(|refused| Error::Sync(format!("{refused}; nothing was changed")))?;
    Ok(())
}

/// A folder to join must be one `sync init` made.
fn made_by_init(dir: &Path) -> Result<()> {
    if folder::root(dir).is_dir() {
        return Ok(());
    }
    Err(Error::Sync(format!(
        "{} holds no tiesdesk sync folder yet: `tiesdesk sync init {}` on the first device; \
         nothing was changed",
        dir.display(),
        dir.display()
    )))
}

pub(super) fn parse_key(key: Option<&str>) -> Result<Option<Key>> {
    key.map(|k| k.parse::<Key>()).transpose().map_err(|_| {
        Error::Sync(
            "that is not a sync folder's key (AGE-SECRET-KEY-1…); nothing was changed".into(),
        )
    })
}

impl Desk {
    /// Where this database syncs, if it does.
    pub fn sync_setup(&self) -> Result<Option<SyncSetup>> {
        self.store.sync_setup()
    }

    /// Refuses a second setup, a missing folder, and a database inside a synced folder.
    fn may_begin(&self, dir: &Path) -> Result<PathBuf> {
        if let Some(setup) = self.store.sync_setup()? {
            return Err(syncs_already(&setup));
        }
        reachable(dir)?;
        let dir = std::path::absolute(dir).map_err(|e| Error::Sync(e.to_string()))?;
        let db = std::path::absolute(self.store.path()).map_err(|e| Error::Sync(e.to_string()))?;
        if db.starts_with(&dir) {
            return Err(Error::Sync(format!(
                "the database is inside the sync folder {}: keep it outside (the folder \
                 carries changes, never the file); nothing was changed",
                dir.display()
            )));
        }
        if let Some((synced, tool)) = crate::store::synced_folder(&db) {
            return Err(Error::Sync(format!(
                "the database is inside {}, which {tool} syncs: move it out first (the \
                 sync folder carries changes, never the file); nothing was changed",
                synced.display()
            )));
        }
        Ok(dir)
    }

    /// Makes this database the first device of `dir`; the report of the first round and the
    /// line to run on another machine.
    pub fn sync_init(
        &mut self,
        dir: &Path,
        name: Option<&str>,
        encrypt: bool,
    ) -> Result<(SyncReport, String)> {
        let dir = self.may_begin(dir)?;
        if !folder::devices(&dir)
            .map_err(|e| Error::Sync(e.to_string()))?
            .is_empty()
        {
            return Err(Error::Sync(format!(
                "{} holds a tiesdesk sync folder already: join it with the line `sync init` \
                 printed there (tiesdesk sync join {} --key …); nothing was changed",
                dir.display(),
                dir.display()
            )));
        }
        let key = encrypt.then(Key::generate);
        let name = name.map_or_else(machine_name, str::to_string);
        self.store
            .begin_sync(&dir, key.as_ref().map(Key::secret).as_deref(), &name)?;
        let report = self.sync_with(Found::default())?;
        Ok((report, join_line(&dir, key.as_ref())))
    }

    /// Makes this database a device of `dir`, which another device made: what the others
    /// wrote is read first (a wrong key changes nothing), then everything here is sent.
    pub fn sync_join(
        &mut self,
        dir: &Path,
        key: Option<&str>,
        name: Option<&str>,
    ) -> Result<SyncReport> {
        if let Some(setup) = self.store.sync_setup()? {
            return self.rejoin(&setup, dir, key);
        }
        let dir = self.may_begin(dir)?;
        if !folder::root(&dir).is_dir() {
            return Err(Error::Sync(format!(
                "{} holds no tiesdesk sync folder yet: `tiesdesk sync init {}` on the first \
                 device; nothing was changed",
                dir.display(),
                dir.display()
            )));
        }
        let key = parse_key(key)?;
        let me = self.store.device_id()?;
        let keys: Vec<&Key> = key.iter().collect();
        let found = folder::read_new(&dir, me, &keys, &Default::default())
            .map_err(|refused| Error::Sync(format!("{refused}; nothing was changed")))?;
        let adopted = self.adopt_people(&found, key.as_ref())?;
        let name = name.map_or_else(machine_name, str::to_string);
        self.store
            .begin_sync(&dir, key.as_ref().map(Key::secret).as_deref(), &name)?;
        let mut report = self.sync_with(found)?;
        report.adopted = adopted;
        Ok(report)
    }

    /// People here whom the folder has too, found by the import rules, take the folder's
    /// global ids (with what the folder adds about them); how many.
    fn adopt_people(&mut self, found: &Found, key: Option<&Key>) -> Result<usize> {
        let known = self.store.people()?;
        if known.is_empty() {
            return Ok(0);
        }
        let mut gids = Vec::new();
        let mut people = Vec::new();
        for new in &found.segments {
            if new.covered {
                continue;
            }
            for op in ops_of(&new.path, key.as_slice())? {
                let op = op?;
                if op.whole
                    && matches!(op.op, crate::model::Op::Put | crate::model::Op::Restore)
                    && op.table == crate::model::WireTable::Row(crate::model::Table::Person)
                    && let Some(data) = person_of(&op.fields)
                {
                    people.push(crate::import::Incoming {
                        place: crate::import::Place::Card(gids.len()),
                        person: data,
                    });
                    gids.push(op.gid);
                }
            }
        }
        let plan = crate::import::plan::plan_import(
            &known,
            crate::import::Parsed {
                people,
                ..Default::default()
            },
        );
        let mut adopted: Vec<(
            crate::model::PersonId,
            Uuid,
            Option<crate::model::PersonData>,
        )> = Vec::new();
        for (place, id) in &plan.found {
            let crate::import::Place::Card(at) = place else {
                continue;
            };
            if adopted.iter().any(|(taken, _, _)| taken == id) {
                continue;
            }
            let update = plan.update.iter().find(|u| u.before.id == *id);
            adopted.push((*id, gids[*at], update.map(|u| u.after.clone())));
        }
        self.store.adopt_people(&adopted)?;
        Ok(adopted.len())
    }

    /// One round: what is new here sent, what the others wrote applied.
    pub fn sync(&mut self) -> Result<SyncReport> {
        let setup = self.setup()?;
        reachable(&setup.folder)?;
        let keys = Keys::of(&setup)?;
        let seen = self.store.segments_seen()?;
        let found = folder::read_new(&setup.folder, setup.device, &keys.all(), &seen)
            .map_err(|refused| Error::Sync(format!("{refused}; nothing was changed")))?;
        self.sync_with(found)
    }

    pub(super) fn setup(&self) -> Result<SyncSetup> {
        self.store.sync_setup()?.ok_or_else(|| {
            Error::Sync(
                "this database does not sync yet: `tiesdesk sync init DIR` with a folder you \
                 sync (Syncthing, Dropbox, a git repository…)"
                    .into(),
            )
        })
    }

    pub(super) fn sync_with(&mut self, found: Found) -> Result<SyncReport> {
        let setup = self.setup()?;
        let keys = Keys::of(&setup)?;
        let own = folder::device_folder(&setup.folder, setup.device);
        if folder::read_name(&own).as_deref() != Some(setup.name.as_str()) {
            folder::write_name(&own, &setup.name).map_err(|e| written(&own, &e))?;
        }
        // A key changed here (`sync rekey`, a join with the new key, or either cut short):
        // what this device wrote before is written again under it first.
        self.refold(&setup, &keys)?;
        let mut incoming = Vec::with_capacity(found.segments.len());
        for new in &found.segments {
            incoming.push(Incoming {
                device: new.device,
                segment: new.file.clone(),
                ops: if new.covered {
                    Box::new(std::iter::empty())
                } else {
                    ops_of(&new.path, &keys.all())?
                },
                folds: new.folds.clone(),
            });
        }
        let mut outbox = SegmentOutbox {
            folder: own,
            device: setup.device,
            key: keys.current.as_ref(),
            writer: None,
        };
        let exchanged = self.store.sync_round(incoming, &mut outbox)?;
        let (compacted, trouble) = match self.tidy(&setup, &keys) {
            Ok(compacted) => (compacted, None),
            Err(e) => (0, Some(e.to_string())),
        };
        Ok(SyncReport {
            folder: setup.folder,
            exchanged,
            cut_off: found.cut_off,
            damaged: found.damaged,
            adopted: 0,
            old_key: found.old_key,
            other_key: found.other_key,
            compacted,
            trouble,
        })
    }

    /// The devices of the folder, when each was last heard from, what waits.
    pub fn sync_status(&self) -> Result<SyncStatus> {
        let setup = self.setup()?;
        let heard = self.store.devices_heard()?;
        let (waiting, unsent) = self.store.sync_backlog()?;
        let reachable = setup.folder.is_dir();
        let standing = crate::sync::acks::standing(&setup.folder, setup.device).unwrap_or_default();
        let current = Keys::of(&setup)?.current.map(|k| k.fingerprint());
        let mut devices = Vec::new();
        for (device, path) in folder::devices(&setup.folder).unwrap_or_default() {
            let segments = segment::listed(&path).unwrap_or_default();
            let newest = segments.iter().max_by_key(|p| segment::last_clock(p));
            let last_written = newest
                .and_then(|p| segment::last_clock(p))
                .and_then(clock_time);
            let old_key = newest
                .and_then(|p| segment::head(p).ok())
                .is_some_and(|head| head.fingerprint != current);
            devices.push(DeviceStatus {
                snapshots: segments.iter().filter(|p| segment::is_snapshot(p)).count(),
                behind: (standing.behind.iter())
                    .find(|(d, _)| *d == device)
                    .map_or(0, |(_, n)| *n),
                forgotten: standing.forgotten.contains(&device),
                old_key,
                device,
                name: folder::read_name(&path),
                this: device == setup.device,
                segments: segments.len(),
                last_written,
                last_applied: heard
                    .iter()
                    .find(|h| h.device == device)
                    .map(|h| h.last.clone()),
            });
        }
        Ok(SyncStatus {
            encrypted: setup.key.is_some(),
            name: setup.name,
            device: setup.device,
            reachable,
            folder_bytes: folder::size(&setup.folder),
            folder: setup.folder,
            devices,
            unsent,
            waiting,
        })
    }
}
