//! Sync through the one door: making this database a device of a folder the user already
//! syncs (`init`, `join`), a round (`sync`: send what is new, apply what the others wrote),
//! and where it stands (`status`). The store keeps the state and applies; `sync::folder`
//! reads and writes the files.

use std::path::{Path, PathBuf};

use serde::Serialize;
use uuid::Uuid;

use super::Desk;
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

fn key_of(setup: &SyncSetup) -> Result<Option<Key>> {
    setup
        .key
        .as_deref()
        .map(|k| k.parse::<Key>())
        .transpose()
        .map_err(|_| {
            Error::Sync("the key kept for the folder is damaged: `tiesdesk sync rekey`".into())
        })
}

/// The folder must be there: an unmounted drive is one line, and nothing changes.
fn reachable(dir: &Path) -> Result<()> {
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
    folder::read_new(dir, Uuid::nil(), key.as_ref(), &Default::default())
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

fn parse_key(key: Option<&str>) -> Result<Option<Key>> {
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
            return Err(Error::Sync(format!(
                "this database syncs through {} already; `tiesdesk sync` syncs now",
                setup.folder.display()
            )));
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
        let dir = self.may_begin(dir)?;
        if !folder::root(&dir).is_dir() {
            return Err(Error::Sync(format!(
                "{} holds no tiesdesk sync folder yet: `tiesdesk sync init {}` on the first \
                 device; nothing was changed",
                dir.display(),
                dir.display()
            )));
        }
        let key = key.map(|k| k.parse::<Key>()).transpose().map_err(|_| {
            Error::Sync("that is not a sync folder's key (AGE-SECRET-KEY-1…)".into())
        })?;
        let me = self.store.device_id()?;
        let found = folder::read_new(&dir, me, key.as_ref(), &Default::default())
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
            for op in ops_of(&new.path, key)? {
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
        let key = key_of(&setup)?;
        let seen = self.store.segments_seen()?;
        let found = folder::read_new(&setup.folder, setup.device, key.as_ref(), &seen)
            .map_err(|refused| Error::Sync(format!("{refused}; nothing was changed")))?;
        self.sync_with(found)
    }

    fn setup(&self) -> Result<SyncSetup> {
        self.store.sync_setup()?.ok_or_else(|| {
            Error::Sync(
                "this database does not sync yet: `tiesdesk sync init DIR` with a folder you \
                 sync (Syncthing, Dropbox, a git repository…)"
                    .into(),
            )
        })
    }

    fn sync_with(&mut self, found: Found) -> Result<SyncReport> {
        let setup = self.setup()?;
        let key = key_of(&setup)?;
        let own = folder::device_folder(&setup.folder, setup.device);
        if folder::read_name(&own).as_deref() != Some(setup.name.as_str()) {
            folder::write_name(&own, &setup.name).map_err(|e| written(&own, &e))?;
        }
        let mut incoming = Vec::with_capacity(found.segments.len());
        for new in &found.segments {
            incoming.push(Incoming {
                device: new.device,
                segment: new.file.clone(),
                ops: ops_of(&new.path, key.as_ref())?,
            });
        }
        let mut outbox = SegmentOutbox {
            folder: own,
            device: setup.device,
            key: key.as_ref(),
            writer: None,
        };
        let exchanged = self.store.sync_round(incoming, &mut outbox)?;
        Ok(SyncReport {
            folder: setup.folder,
            exchanged,
            cut_off: found.cut_off,
            damaged: found.damaged,
            adopted: 0,
        })
    }

    /// The devices of the folder, when each was last heard from, what waits.
    pub fn sync_status(&self) -> Result<SyncStatus> {
        let setup = self.setup()?;
        let heard = self.store.devices_heard()?;
        let (waiting, unsent) = self.store.sync_backlog()?;
        let reachable = setup.folder.is_dir();
        let mut devices = Vec::new();
        for (device, path) in folder::devices(&setup.folder).unwrap_or_default() {
            let segments = segment::listed(&path).unwrap_or_default();
            let last_written = (segments.last())
                .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
                .and_then(|stem| stem.split('-').nth(1).map(str::to_string))
                .and_then(|last| i64::from_str_radix(&last, 16).ok())
                .and_then(clock_time);
            devices.push(DeviceStatus {
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

/// What a person put whole says of them, as the import rules compare it (lists and flags as
/// the model holds them; references and dates left out).
fn person_of(
    fields: &serde_json::Map<String, serde_json::Value>,
) -> Option<crate::model::PersonData> {
    use serde_json::Value;
    let mut data = fields.clone();
    for list in ["emails", "phones", "tags"] {
        if let Some(Value::String(text)) = data.get(list) {
            let parsed: Value = serde_json::from_str(text).unwrap_or(Value::Array(Vec::new()));
            data.insert(list.into(), parsed);
        }
    }
    for flag in ["family", "on_call", "archived"] {
        if let Some(n) = data.get(flag).and_then(Value::as_i64) {
            data.insert(flag.into(), Value::Bool(n != 0));
        }
    }
    for left_out in ["introduced_by", "birthday", "connected_on"] {
        data.remove(left_out);
    }
    serde_json::from_value(Value::Object(data)).ok()
}

/// A segment's operations, read one at a time as they are applied. It was read through
/// whole before; a file that changed since stops the round, and nothing is changed.
fn ops_of<'k>(
    path: &Path,
    key: Option<&'k Key>,
) -> Result<Box<dyn Iterator<Item = Result<crate::model::WireOp>> + 'k>> {
    let unreadable = |path: &Path, why: segment::Unreadable| {
        Error::Sync(format!("{}: {why}; nothing was changed", path.display()))
    };
    let mut reader = segment::Reader::open(path, key).map_err(|why| unreadable(path, why))?;
    let path = path.to_path_buf();
    Ok(Box::new(std::iter::from_fn(move || {
        match reader.next_op() {
            Ok(Some(op)) => Some(Ok(op)),
            Ok(None) => None,
            Err(why) => Some(Err(unreadable(&path, why))),
        }
    })))
}

/// This device's next segment, begun on the first operation sent.
struct SegmentOutbox<'k> {
    folder: PathBuf,
    device: Uuid,
    key: Option<&'k Key>,
    writer: Option<segment::Writer>,
}

impl crate::store::Outbox for SegmentOutbox<'_> {
    fn push(&mut self, op: &crate::model::WireOp) -> Result<()> {
        let writer = match &mut self.writer {
            Some(writer) => writer,
            None => self.writer.insert(
                segment::Writer::create(&self.folder, self.device, self.key)
                    .map_err(|e| written(&self.folder, &e))?,
            ),
        };
        writer.push(op).map_err(|e| written(&self.folder, &e))
    }

    fn finish(&mut self) -> Result<()> {
        if let Some(writer) = self.writer.take() {
            writer.finish().map_err(|e| written(&self.folder, &e))?;
        }
        Ok(())
    }
}

fn written(path: &Path, e: &std::io::Error) -> Error {
    Error::Sync(format!(
        "cannot write into {}: {e}; nothing was changed",
        path.display()
    ))
}

/// The line to run on another machine.
fn join_line(dir: &Path, key: Option<&Key>) -> String {
    let dir = shell_word(&dir.to_string_lossy());
    match key {
        Some(key) => format!("tiesdesk sync join {dir} --key {}", key.secret()),
        None => format!("tiesdesk sync join {dir}"),
    }
}

/// `text` quoted for a shell when it needs to be.
fn shell_word(text: &str) -> String {
    let plain = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-~+:@".contains(c));
    if plain && !text.is_empty() {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}
