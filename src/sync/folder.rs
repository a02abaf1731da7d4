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

/// Writes what this device is called into its folder (a partial file renamed into place).
pub fn write_name(folder: &Path, name: &str) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)?;
    let partial = folder.join(".name.partial");
    let mut file = std::fs::File::create(&partial)?;
    writeln!(file, "{name}")?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&partial, folder.join(NAME_FILE))
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
}

/// What reading the other devices' new segments found.
#[derive(Debug, Default)]
pub struct Found {
    pub segments: Vec<NewSegment>,
    /// Segments still being copied: they wait for the next sync.
    pub cut_off: Vec<PathBuf>,
    /// Segments that cannot be read, each with why (reported at every sync).
    pub damaged: Vec<(PathBuf, String)>,
}

/// Why nothing could be read: one line, and nothing is changed.
#[derive(Debug)]
pub enum Refused {
    Io(PathBuf, std::io::Error),
    /// A segment this build or this key cannot read (a newer format, another key).
    Segment(PathBuf, Unreadable),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::Io(path, e) => write!(f, "cannot read {}: {e}", path.display()),
            Refused::Segment(path, why) => write!(f, "{}: {why}", path.display()),
        }
    }
}

/// Reads every segment of every device but `me` that is not in `seen`.
pub fn read_new(
    dir: &Path,
    me: Uuid,
    key: Option<&Key>,
    seen: &HashSet<(Uuid, String)>,
) -> Result<Found, Refused> {
    let mut found = Found::default();
    let devices = devices(dir).map_err(|e| Refused::Io(root(dir), e))?;
    for (device, folder) in devices.into_iter().filter(|(d, _)| *d != me) {
        let listed = segment::listed(&folder).map_err(|e| Refused::Io(folder.clone(), e))?;
        for path in listed {
            let file = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if seen.contains(&(device, file.clone())) {
                continue;
            }
            let checked = segment::Reader::open(&path, key).and_then(|reader| {
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
                    });
                }
                Ok((written_by, _)) => found.damaged.push((
                    path,
                    format!("written by device {written_by} into another's folder"),
                )),
                Err(Unreadable::CutOff) => found.cut_off.push(path),
                Err(
                    why @ (Unreadable::NewerFormat(_)
                    | Unreadable::WrongKey(_)
                    | Unreadable::NeedsKey
                    | Unreadable::NotAKey),
                ) => return Err(Refused::Segment(path, why)),
                Err(why @ (Unreadable::Damaged(_) | Unreadable::NotASegment)) => {
                    found.damaged.push((path, why.to_string()));
                }
            }
        }
    }
    // Oldest first across devices: a segment's name begins with its first clock.
    found.segments.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(found)
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
