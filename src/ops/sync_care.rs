//! Keeping the sync folder small and safe: each device says what it applied (`applied`),
//! folds its own old segments into a snapshot once every device it knows has applied them,
//! stops waiting for a lost device (`sync forget`), and changes the folder's key (`sync
//! rekey`; a device joins again with the new key, its own segments written again under it).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use uuid::Uuid;

use super::Desk;
use super::sync::{SyncReport, parse_key};
use super::sync_io::{Keys, join_line, ops_of, written};
use crate::error::{Error, Result};
use crate::store::SyncSetup;
use crate::sync::acks;
use crate::sync::folder;
use crate::sync::segment::{self, Folds, Key};

/// A device `sync forget` stopped waiting for.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Forgotten {
    pub device: Uuid,
    pub name: Option<String>,
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Writes one snapshot into this device's folder holding the operations of `parts` (each a
/// segment and the device that wrote it), under the folder's key now; its path.
fn write_snapshot(
    setup: &SyncSetup,
    keys: &Keys,
    parts: &[(Uuid, PathBuf)],
    retires: Vec<String>,
) -> Result<PathBuf> {
    let own = folder::device_folder(&setup.folder, setup.device);
    let folds = Folds {
        segments: (parts.iter())
            .map(|(device, path)| (*device, file_name(path)))
            .collect(),
        retires,
    };
    let mut writer = segment::Writer::snapshot(&own, setup.device, keys.current.as_ref(), &folds)
        .map_err(|e| written(&own, &e))?;
    for (device, path) in parts {
        for op in ops_of(path, &keys.all())? {
            let mut op = op?;
            if *device != setup.device && op.device.is_none() {
                op.device = Some(*device);
            }
            writer.push(&op).map_err(|e| written(&own, &e))?;
        }
    }
    writer.finish().map_err(|e| written(&own, &e))
}

/// Removes files of this device's folder a snapshot now holds.
fn remove_all(paths: impl IntoIterator<Item = PathBuf>) -> Result<()> {
    for path in paths {
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(written(&path, &e)),
        }
    }
    Ok(())
}

/// The keys retired by this device's snapshots among `paths`.
fn retires_in(paths: &[PathBuf]) -> Vec<String> {
    let mut retires: Vec<String> = Vec::new();
    for path in paths {
        if let Ok(head) = segment::head(path) {
            for fingerprint in head.folds.map(|f| f.retires).unwrap_or_default() {
                if !retires.contains(&fingerprint) {
                    retires.push(fingerprint);
                }
            }
        }
    }
    retires
}

impl Desk {
    /// After a round: this device's `applied` file brought up to date, then its segments
    /// every device has applied folded into one snapshot when enough have gathered; how
    /// many were folded.
    pub(super) fn tidy(&mut self, setup: &SyncSetup, keys: &Keys) -> Result<usize> {
        let own = folder::device_folder(&setup.folder, setup.device);
        let seen = self.store.segments_seen()?;
        let mut mine = acks::read(&own);
        mine.applied = acks::applied_here(&setup.folder, setup.device, &seen)
            .map_err(|e| Error::Sync(e.to_string()))?;
        acks::write(&own, &mine).map_err(|e| written(&own, &e))?;
        // A snapshot in place whose segments are still there: a compaction cut short.
        let listed = segment::listed(&own).map_err(|e| Error::Sync(e.to_string()))?;
        let folded: BTreeSet<String> = (listed.iter())
            .filter(|p| segment::is_snapshot(p))
            .filter_map(|p| segment::head(p).ok()?.folds)
            .flat_map(|f| f.segments)
            .filter(|(device, _)| *device == setup.device)
            .map(|(_, name)| name)
            .collect();
        remove_all(
            (listed.iter())
                .filter(|p| folded.contains(&file_name(p)))
                .cloned(),
        )?;
        let standing =
            acks::standing(&setup.folder, setup.device).map_err(|e| Error::Sync(e.to_string()))?;
        let fold = acks::to_fold(&standing, self.config.sync.compact_after as usize);
        if fold.is_empty() {
            return Ok(0);
        }
        let parts: Vec<(Uuid, PathBuf)> = fold.iter().map(|p| (setup.device, p.clone())).collect();
        write_snapshot(setup, keys, &parts, retires_in(&fold))?;
        remove_all(fold.iter().cloned())?;
        Ok(fold.len())
    }

    /// When this device's folder holds segments under a key the folder no longer uses: one
    /// snapshot under the key now, of them and of every other device's segment applied here
    /// under an old key (so a device joining later reads what a lost one wrote), retiring
    /// the old keys; then its own old ones go. How many segments it folded.
    pub(super) fn refold(&mut self, setup: &SyncSetup, keys: &Keys) -> Result<usize> {
        let Some(current) = keys.current.as_ref().map(Key::fingerprint) else {
            return Ok(0);
        };
        let own_folder = folder::device_folder(&setup.folder, setup.device);
        let own = segment::listed(&own_folder).map_err(|e| Error::Sync(e.to_string()))?;
        let under_old = |path: &PathBuf| {
            segment::head(path).is_ok_and(|h| h.fingerprint.as_ref() != Some(&current))
        };
        let old: Vec<String> = keys.old.iter().map(Key::fingerprint).collect();
        // Done once this device's folder is all under the key now and says the old ones
        // are retired (a device that had written nothing yet says so too).
        let announced = retires_in(&own);
        if !own.iter().any(under_old) && old.iter().all(|fp| announced.contains(fp)) {
            return Ok(0);
        }
        let seen = self.store.segments_seen()?;
        let mut parts: Vec<(Uuid, PathBuf)> =
            own.iter().map(|p| (setup.device, p.clone())).collect();
        for (device, path) in
            folder::devices(&setup.folder).map_err(|e| Error::Sync(e.to_string()))?
        {
            if device == setup.device {
                continue;
            }
            for segment in segment::listed(&path).map_err(|e| Error::Sync(e.to_string()))? {
                let readable_old = segment::head(&segment)
                    .is_ok_and(|h| h.fingerprint.as_ref().is_some_and(|f| old.contains(f)));
                if readable_old && seen.contains(&(device, file_name(&segment))) {
                    parts.push((device, segment));
                }
            }
        }
        let mut retires = announced;
        for fingerprint in old {
            if !retires.contains(&fingerprint) {
                retires.push(fingerprint);
            }
        }
        write_snapshot(setup, keys, &parts, retires)?;
        remove_all(own.iter().cloned())?;
        Ok(parts.len())
    }

    /// Compaction stops waiting for `device` (a name from `sync status`, or its id or the
    /// end of it): a lost machine. If it comes back it still syncs.
    pub fn sync_forget(&mut self, device: &str) -> Result<(Forgotten, SyncReport)> {
        let setup = self.setup()?;
        super::sync::reachable(&setup.folder)?;
        let found = self.device_named(&setup, device)?;
        let own = folder::device_folder(&setup.folder, setup.device);
        let mut mine = acks::read(&own);
        mine.forgotten.insert(found.device);
        acks::write(&own, &mine).map_err(|e| written(&own, &e))?;
        let report = self.sync()?;
        Ok((found, report))
    }

    /// The one other device of the folder `named` names.
    fn device_named(&self, setup: &SyncSetup, named: &str) -> Result<Forgotten> {
        let wanted = named.trim().to_lowercase();
        let devices = folder::devices(&setup.folder).map_err(|e| Error::Sync(e.to_string()))?;
        let matches: Vec<Forgotten> = devices
            .iter()
            .map(|(device, path)| Forgotten {
                device: *device,
                name: folder::read_name(path),
            })
            .filter(|d| {
                let id = d.device.simple().to_string();
                d.name.as_deref().map(str::to_lowercase).as_deref() == Some(wanted.as_str())
                    || d.device.to_string() == wanted
                    || (wanted.len() >= 6 && (id.ends_with(&wanted) || id.starts_with(&wanted)))
            })
            .collect();
        match matches.as_slice() {
            [one] if one.device == setup.device => Err(Error::Sync(
                "that is this device; `sync forget` is for one you no longer have".into(),
            )),
            [one] => Ok(one.clone()),
            [] => Err(Error::Sync(format!(
                "no device of the folder is called {named:?}: `tiesdesk sync status` lists them"
            ))),
            _ => Err(Error::Sync(format!(
                "{} devices are called {named:?}: give the id `tiesdesk sync status` shows",
                matches.len()
            ))),
        }
    }

    /// A new key for the folder (the old one lost or seen by someone): everything this
    /// device has is written again under it, the old key retired; the other devices join
    /// again with the line returned.
    pub fn sync_rekey(&mut self) -> Result<(SyncReport, String)> {
        let setup = self.setup()?;
        if setup.key.is_none() {
            return Err(Error::Sync(
                "this folder is kept readable (`--no-encrypt`): it has no key to change".into(),
            ));
        }
        // Everything readable now is applied first: what others sent goes in the snapshot.
        let before = self.sync()?;
        // The snapshot under the new key takes in what others wrote under the old one: a
        // segment still being copied would stop it half-way, with the key changed already.
        if let Some(path) = before
            .cut_off
            .first()
            .or(before.damaged.first().map(|(p, _)| p))
        {
            return Err(Error::Sync(format!(
                "{}: not whole yet (still being copied?): change the key after it is; \
                 nothing was changed",
                path.display()
            )));
        }
        // So do others' segments applied here before: each is read whole first (one
        // damaged or cut short since, by the sync tool, would stop the snapshot).
        let keys = Keys::of(&setup)?;
        for path in self.others_applied(&setup)? {
            let under = segment::head(&path).ok().and_then(|head| head.fingerprint);
            let ours =
                under.is_none_or(|under| keys.all().iter().any(|k| k.fingerprint() == under));
            let whole = segment::Reader::open(&path, &keys.all()).and_then(segment::Reader::check);
            if ours && let Err(why) = whole {
                return Err(Error::Sync(format!(
                    "{}: {why}: not whole yet; change the key once it is; nothing was changed",
                    path.display()
                )));
            }
        }
        let key = Key::generate();
        self.store.change_sync_key(&key.secret())?;
        let report = self.sync()?;
        Ok((report, join_line(&setup.folder, Some(&key))))
    }

    /// Other devices' segments this device applied, as this device's view of the folder
    /// holds them.
    fn others_applied(&self, setup: &SyncSetup) -> Result<Vec<PathBuf>> {
        let seen = self.store.segments_seen()?;
        let mut found = Vec::new();
        for (device, path) in
            folder::devices(&setup.folder).map_err(|e| Error::Sync(e.to_string()))?
        {
            if device == setup.device {
                continue;
            }
            for segment in segment::listed(&path).map_err(|e| Error::Sync(e.to_string()))? {
                if seen.contains(&(device, file_name(&segment))) {
                    found.push(segment);
                }
            }
        }
        Ok(found)
    }

    /// `sync join` on a device that syncs through `dir` already, with the key another device
    /// changed to: taken, and what this device wrote is written again under it.
    pub(super) fn rejoin(
        &mut self,
        setup: &SyncSetup,
        dir: &Path,
        key: Option<&str>,
    ) -> Result<SyncReport> {
        let same = std::path::absolute(dir).ok() == std::path::absolute(&setup.folder).ok();
        let key = parse_key(key)?;
        let (true, Some(key)) = (same, key) else {
            return Err(super::sync::syncs_already(setup));
        };
        if setup.key.as_deref() == Some(key.secret().as_str()) {
            return self.sync();
        }
        super::sync::reachable(&setup.folder)?;
        // The key must open what is written under it now, before it is kept.
        folder::check_heads(&setup.folder, &[&key])
            .map_err(|refused| Error::Sync(format!("{refused}; nothing was changed")))?;
        self.store.change_sync_key(&key.secret())?;
        self.sync()
    }
}
