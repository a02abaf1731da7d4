//! What each device has applied, so the others may compact: every device keeps a small
//! clear file, `applied`, in its own folder, naming the segments of each other device it
//! has applied, and the devices it was told to stop waiting for (`sync forget`). A device
//! folds its own old segments into one snapshot once every device it knows lists them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::folder;
use super::segment;

const ACKS_FILE: &str = "applied";

/// One device's `applied` file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acks {
    /// For each other device, its segments (file names) applied here that are still in
    /// its folder.
    pub applied: BTreeMap<Uuid, BTreeSet<String>>,
    /// Devices compaction no longer waits for (lost machines).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub forgotten: BTreeSet<Uuid>,
}

/// What the device folder `folder` says it applied; nothing said, nothing applied.
pub fn read(folder: &Path) -> Acks {
    std::fs::read_to_string(folder.join(ACKS_FILE))
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Writes `acks` into this device's `folder`, unless it says that already (a file rewritten
/// for nothing is one more thing for the sync tool to carry).
pub fn write(folder: &Path, acks: &Acks) -> std::io::Result<()> {
    if read(folder) == *acks {
        return Ok(());
    }
    let text = serde_json::to_string_pretty(acks)?;
    folder::write_whole(folder, ACKS_FILE, &text)
}

/// What this device applied of the segments in the folder now: `seen`'s names still there.
pub fn applied_here(
    dir: &Path,
    me: Uuid,
    seen: &std::collections::HashSet<(Uuid, String)>,
) -> std::io::Result<BTreeMap<Uuid, BTreeSet<String>>> {
    let mut applied = BTreeMap::new();
    for (device, path) in folder::devices(dir)? {
        if device == me {
            continue;
        }
        let names: BTreeSet<String> = segment::listed(&path)?
            .iter()
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .filter(|name| seen.contains(&(device, name.clone())))
            .collect();
        applied.insert(device, names);
    }
    Ok(applied)
}

/// Where compaction stands for device `me`.
#[derive(Debug, Clone, Default)]
pub struct Standing {
    /// The devices it waits for, each with how many of `me`'s segments it has not applied.
    pub behind: Vec<(Uuid, usize)>,
    /// Devices every device was told to stop waiting for.
    pub forgotten: BTreeSet<Uuid>,
    /// `me`'s segments, oldest first, each with whether every known device applied it.
    pub own: Vec<(PathBuf, bool)>,
}

/// Who has applied what of `me`'s segments.
pub fn standing(dir: &Path, me: Uuid) -> std::io::Result<Standing> {
    let devices = folder::devices(dir)?;
    let everyone: Vec<(Uuid, Acks)> = devices
        .iter()
        .map(|(device, path)| (*device, read(path)))
        .collect();
    let forgotten: BTreeSet<Uuid> = everyone
        .iter()
        .flat_map(|(_, acks)| acks.forgotten.iter().copied())
        .collect();
    let own = segment::listed(&folder::device_folder(dir, me))?;
    let name = |p: &PathBuf| p.file_name().map(|n| n.to_string_lossy().into_owned());
    let known: Vec<&(Uuid, Acks)> = everyone
        .iter()
        .filter(|(device, _)| *device != me && !forgotten.contains(device))
        .collect();
    let has = |acks: &Acks, file: &Option<String>| {
        file.as_ref()
            .is_some_and(|f| acks.applied.get(&me).is_some_and(|a| a.contains(f)))
    };
    let behind = known
        .iter()
        .map(|(device, acks)| {
            let missing = own.iter().filter(|p| !has(acks, &name(p))).count();
            (*device, missing)
        })
        .filter(|(_, missing)| *missing > 0)
        .collect();
    let own = own
        .iter()
        .map(|p| {
            let file = name(p);
            (p.clone(), known.iter().all(|(_, acks)| has(acks, &file)))
        })
        .collect();
    Ok(Standing {
        behind,
        forgotten,
        own,
    })
}

/// The segments of `me` to fold into one snapshot now, oldest first, if it is time: once
/// `at_least` segments (not snapshots) every known device applied have gathered after the
/// last snapshot, they go with the snapshots before them no bigger than they are together
/// — so a large snapshot is written again only when as much has come after it (few files,
/// and each operation rewritten a few times at most).
pub fn to_fold(standing: &Standing, at_least: usize) -> Vec<PathBuf> {
    let applied: Vec<&PathBuf> = standing
        .own
        .iter()
        .take_while(|(_, everywhere)| *everywhere)
        .map(|(path, _)| path)
        .collect();
    let after_snapshot = applied
        .iter()
        .rposition(|p| segment::is_snapshot(p))
        .map_or(0, |at| at + 1);
    if applied.len() - after_snapshot < at_least.max(2) {
        return Vec::new();
    }
    let size = |p: &PathBuf| std::fs::metadata(p).map_or(0, |m| m.len());
    let mut bytes: u64 = applied[after_snapshot..].iter().map(|p| size(p)).sum();
    let mut from = after_snapshot;
    while from > 0 && size(applied[from - 1]) <= bytes {
        from -= 1;
        bytes += size(applied[from]);
    }
    applied[from..].iter().map(|p| (*p).clone()).collect()
}
