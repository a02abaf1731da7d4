//! The sync folder's layout: `DIR/tiesdesk/<device id>/` for each device, holding its
//! segments (`segment.rs`) and a `name` file (what `sync status` calls it). A device writes
//! only its own folder and reads the others'.

use std::collections::HashSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use uuid::Uuid;

use super::segment::{self, Key, Unreadable};

/// The folder tiesdesk keeps inside the user's sync folder.
pub const ROOT: &str = "tiesdesk";

const NAME_FILE: &str = "name";

/// `DIR/tiesdesk`.
pub fn root(dir: &Path) -> PathBuf {
    dir.join(ROOT)
}

/// A device's own folder.
pub fn device_folder(dir: &Path, device: Uuid) -> PathBuf {
    root(dir).join(device.to_string())
}

/// The devices with a folder in `DIR/tiesdesk`, with their folders, by id.
pub fn devices(dir: &Path) -> std::io::Result<Vec<(Uuid, PathBuf)>> {
    let mut found = Vec::new();
    let entries = match std::fs::read_dir(root(dir)) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(found),
        Err(e) => return Err(e),
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let id = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.parse::<Uuid>().ok());
        if let Some(id) = id
            && path.is_dir()
        {
            found.push((id, path));
        }
    }
    found.sort();
    Ok(found)
}

/// Writes what this device is called into its folder.
pub fn write_name(folder: &Path, name: &str) -> std::io::Result<()> {
    write_whole(folder, NAME_FILE, &format!("{name}\n"))
}

/// Writes `text` as the file `file` of this device's `folder` whole: a partial file, on
/// disk, then renamed over the one before (the sync tool sees one version or the other).
pub fn write_whole(folder: &Path, file: &str, text: &str) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)?;
    let partial = folder.join(format!(".{file}.partial"));
    let mut out = std::fs::File::create(&partial)?;
    out.write_all(text.as_bytes())?;
    out.sync_all()?;
    drop(out);
    std::fs::rename(&partial, folder.join(file))
}

/// What a device's folder says it is called, if it says.
pub fn read_name(folder: &Path) -> Option<String> {
    let text = std::fs::read_to_string(folder.join(NAME_FILE)).ok()?;
    let name = text.lines().next()?.trim().to_string();
    (!name.is_empty()).then_some(name)
}

/// A segment another device wrote, not applied here yet, read through once: it is whole.
#[derive(Debug, Clone)]
pub struct NewSegment {
    pub device: Uuid,
    pub file: String,
    pub path: PathBuf,
    pub count: usize,
    /// A snapshot: the segments it folds (noted as applied with it).
    pub folds: Vec<(Uuid, String)>,
    /// A snapshot of segments all applied here already: noted, not read.
    pub covered: bool,
}

/// What reading the other devices' new segments found.
#[derive(Debug, Default)]
pub struct Found {
    pub segments: Vec<NewSegment>,
    /// Segments still being copied: they wait for the next sync.
    pub cut_off: Vec<PathBuf>,
    /// Segments that cannot be read, each with why (reported at every sync).
    pub damaged: Vec<(PathBuf, String)>,
    /// Devices whose new segments are under a key `sync rekey` retired: they wait for the
    /// device to join again with the new key.
    pub old_key: Vec<Uuid>,
    /// Devices whose new segments are under a key this device does not have, while others'
    /// open with its key: another device changed the key and the news is still on its way
    /// (or this device has to join again). They wait.
    pub other_key: Vec<Uuid>,
}

/// Why nothing could be read: one line, and nothing is changed.
#[derive(Debug)]
pub enum Refused {
    Io(PathBuf, std::io::Error),
    /// A segment this build or this key cannot read (a newer format, another key).
    Segment(PathBuf, Unreadable),
    /// Another device changed the folder's key (`sync rekey`): which, and its name.
    Rekeyed(Uuid, Option<String>),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::Io(path, e) => write!(f, "cannot read {}: {e}", path.display()),
            Refused::Segment(path, why) => write!(f, "{}: {why}", path.display()),
            Refused::Rekeyed(device, name) => {
                let short = device.simple().to_string();
                let who = match name {
                    Some(name) => crate::text::visible(name).into_owned(),
                    None => format!("device {}", &short[short.len() - 8..]),
                };
                write!(
                    f,
                    "{who} changed the folder's key: run the new join line it printed here"
                )
            }
        }
    }
}

/// The folder's keys as its snapshots tell them: the key in use, and the keys no longer in
/// use.
#[derive(Debug, Default)]
pub struct KeyHistory {
    /// The key a `sync rekey` (or a join with its line) made, and the device that wrote it.
    /// When two devices changed the key before either heard of the other, the key with the
    /// larger fingerprint is the folder's — the same choice on every device.
    pub current: Option<(String, Uuid)>,
    /// Keys retired, and keys that lost to another made at the same time.
    pub retired: Vec<String>,
}

impl KeyHistory {
    pub fn is_retired(&self, fingerprint: &str) -> bool {
        self.retired.iter().any(|old| old == fingerprint)
    }
}

/// The folder's keys, from the clear heads of its snapshots.
pub fn key_history(dir: &Path) -> std::io::Result<KeyHistory> {
    let mut history = KeyHistory::default();
    let mut made: Vec<(String, Uuid)> = Vec::new();
    for (device, folder) in devices(dir)? {
        for path in segment::listed(&folder)? {
            if !path.to_string_lossy().contains(".snapshot.") {
                continue;
            }
            let Ok(head) = segment::head(&path) else {
                continue;
            };
            let (Some(folds), Some(under)) = (head.folds, head.fingerprint) else {
                continue;
            };
            if !folds.retires.is_empty() {
                made.push((under, device));
                history.retired.extend(folds.retires);
            }
        }
    }
    history.current = made.iter().max_by(|a, b| a.0.cmp(&b.0)).cloned();
    if let Some((current, _)) = &history.current {
        history.retired.retain(|old| old != current);
        for (key, _) in &made {
            if key != current {
                history.retired.push(key.clone());
            }
        }
    }
    history.retired.sort();
    history.retired.dedup();
    Ok(history)
}

/// Refuses a key the folder no longer uses, naming the device that made the key in use.
fn refuse_retired(dir: &Path, history: &KeyHistory, mine: Option<&String>) -> Result<(), Refused> {
    if let (Some(mine), Some((_, by))) = (mine, &history.current)
        && history.is_retired(mine)
    {
        let name = read_name(&device_folder(dir, *by));
        return Err(Refused::Rekeyed(*by, name));
    }
    Ok(())
}

/// Reads every segment of every device but `me` that is not in `seen`, with `keys` (the
/// folder's, then those it had before; none when it is readable).
pub fn read_new(
    dir: &Path,
    me: Uuid,
    keys: &[&Key],
    seen: &HashSet<(Uuid, String)>,
) -> Result<Found, Refused> {
    let mut found = Found::default();
    let history = key_history(dir).map_err(|e| Refused::Io(root(dir), e))?;
    let ours: Vec<String> = keys.iter().map(|k| k.fingerprint()).collect();
    refuse_retired(dir, &history, ours.first())?;
    let devices = devices(dir).map_err(|e| Refused::Io(root(dir), e))?;
    // Asked only when a segment under a key this device lacks turns up (it reads every
    // segment's head).
    let opens = std::cell::OnceCell::new();
    let opens = || *opens.get_or_init(|| opens_with(&devices, me, &ours));
    for (device, folder) in devices.iter().filter(|(d, _)| *d != me) {
        let (device, folder) = (*device, folder.clone());
        let listed = segment::listed(&folder).map_err(|e| Refused::Io(folder.clone(), e))?;
        for path in listed {
            let file = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if seen.contains(&(device, file.clone())) {
                continue;
            }
            let head = match segment::head(&path) {
                Ok(head) => head,
                Err(why) => {
                    take_unreadable(&mut found, path, why)?;
                    continue;
                }
            };
            if let Some(fp) = &head.fingerprint
                && !ours.contains(fp)
                && (history.is_retired(fp) || opens())
            {
                let waiting = if history.is_retired(fp) {
                    &mut found.old_key
                } else {
                    &mut found.other_key
                };
                if !waiting.contains(&device) {
                    waiting.push(device);
                }
                continue;
            }
            let folds = head.folds.map(|f| f.segments).unwrap_or_default();
            let covered = !folds.is_empty()
                && head.device == device
                && (folds.iter()).all(|(d, name)| *d == me || seen.contains(&(*d, name.clone())));
            if covered {
                found.segments.push(NewSegment {
                    device,
                    file,
                    path,
                    count: 0,
                    folds,
                    covered,
                });
                continue;
            }
            let checked = segment::Reader::open(&path, keys).and_then(|reader| {
                let written_by = reader.device;
                reader.check().map(|count| (written_by, count))
            });
            match checked {
                Ok((written_by, count)) if written_by == device => {
                    found.segments.push(NewSegment {
                        device,
                        file,
                        path,
                        count,
                        folds,
                        covered,
                    });
                }
                Ok((written_by, _)) => found.damaged.push((
                    path,
                    format!("written by device {written_by} into another's folder"),
                )),
                Err(why) => take_unreadable(&mut found, path, why)?,
            }
        }
    }
    // Oldest first across devices: a segment's name begins with its first clock.
    found.segments.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(found)
}

/// Whether `keys` can read what the folder holds, by the segments' clear heads alone (what
/// joining checks before it makes a database): a newer format, no key, another key or a
/// key the folder retired is refused in one line.
pub fn check_heads(dir: &Path, keys: &[&Key]) -> Result<(), Refused> {
    let history = key_history(dir).map_err(|e| Refused::Io(root(dir), e))?;
    let ours: Vec<String> = keys.iter().map(|k| k.fingerprint()).collect();
    refuse_retired(dir, &history, ours.first())?;
    let devices = devices(dir).map_err(|e| Refused::Io(root(dir), e))?;
    let opens = std::cell::OnceCell::new();
    let opens = || *opens.get_or_init(|| opens_with(&devices, Uuid::nil(), &ours));
    for (_, folder) in &devices {
        for path in segment::listed(folder).map_err(|e| Refused::Io(folder.clone(), e))? {
            let fingerprint = match segment::head(&path) {
                Ok(head) => head.fingerprint,
                Err(why @ Unreadable::NewerFormat(_)) => return Err(Refused::Segment(path, why)),
                // Still being copied, or damaged: the sync says so.
                Err(_) => continue,
            };
            let Some(fingerprint) = fingerprint else {
                continue;
            };
            if ours.contains(&fingerprint) || history.is_retired(&fingerprint) || opens() {
                continue;
            }
            let why = if keys.is_empty() {
                Unreadable::NeedsKey
            } else {
                Unreadable::WrongKey(fingerprint)
            };
            return Err(Refused::Segment(path, why));
        }
    }
    Ok(())
}

/// Whether some other device's segment opens with one of `ours` (or is readable): then a
/// segment under a key this device lacks is news still on its way, not a wrong key.
fn opens_with(devices: &[(Uuid, PathBuf)], me: Uuid, ours: &[String]) -> bool {
    devices.iter().filter(|(d, _)| *d != me).any(|(_, folder)| {
        segment::listed(folder)
            .unwrap_or_default()
            .iter()
            .any(|path| {
                segment::head(path).is_ok_and(|head| match head.fingerprint {
                    Some(fp) => ours.contains(&fp),
                    None => true,
                })
            })
    })
}

/// A segment that cannot be read now: still being copied, damaged, or — refusing the whole
/// round — one this build or these keys cannot read.
fn take_unreadable(found: &mut Found, path: PathBuf, why: Unreadable) -> Result<(), Refused> {
    match why {
        Unreadable::CutOff => found.cut_off.push(path),
        why @ (Unreadable::NewerFormat(_)
        | Unreadable::WrongKey(_)
        | Unreadable::NeedsKey
        | Unreadable::NotAKey) => return Err(Refused::Segment(path, why)),
        why @ (Unreadable::Damaged(_) | Unreadable::NotASegment) => {
            found.damaged.push((path, why.to_string()));
        }
    }
    Ok(())
}

/// The bytes every file under `DIR/tiesdesk` takes.
pub fn size(dir: &Path) -> u64 {
    fn walk(path: &Path) -> u64 {
        let Ok(entries) = std::fs::read_dir(path) else {
            return 0;
        };
        entries
            .filter_map(Result::ok)
            .map(|entry| match entry.metadata() {
                Ok(meta) if meta.is_dir() => walk(&entry.path()),
                Ok(meta) => meta.len(),
                Err(_) => 0,
            })
            .sum()
    }
    walk(&root(dir))
}
