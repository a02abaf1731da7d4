//! The files a sync round reads and writes, as the one door uses them: the keys a folder
//! is read with, a segment's operations read one at a time, this device's next segment
//! written as operations are sent, the join line.

use std::path::{Path, PathBuf};

use uuid::Uuid;

use crate::error::{Error, Result};
use crate::store::SyncSetup;
use crate::sync::segment::{self, Key};

/// The keys a folder is read with: its key now, then those it had before `sync rekey`.
pub(super) struct Keys {
    pub current: Option<Key>,
    pub old: Vec<Key>,
}

impl Keys {
    pub fn of(setup: &SyncSetup) -> Result<Keys> {
        let damaged =
            |_| Error::Sync("the key kept for the folder is damaged: `tiesdesk sync rekey`".into());
        Ok(Keys {
            current: setup
                .key
                .as_deref()
                .map(str::parse::<Key>)
                .transpose()
                .map_err(damaged)?,
            old: (setup.old_keys.iter())
                .map(|k| k.parse::<Key>())
                .collect::<std::result::Result<_, _>>()
                .map_err(damaged)?,
        })
    }

    /// Every key, the folder's now first.
    pub fn all(&self) -> Vec<&Key> {
        self.current.iter().chain(&self.old).collect()
    }
}

/// What a person put whole says of them, as the import rules compare it (lists and flags as
/// the model holds them; references and dates left out).
pub(super) fn person_of(
    fields: &serde_json::Map<String, serde_json::Value>,
) -> Option<crate::model::PersonData> {
    use serde_json::Value;
    let mut data = fields.clone();
    for list in ["emails", "phones", "handles", "tags"] {
        let parsed = match data.get(list) {
            Some(Value::String(text)) => {
                serde_json::from_str(text).unwrap_or(Value::Array(Vec::new()))
            }
            // A person brought back sends a list as a change: what it holds now.
            Some(Value::Object(change)) => change.get("now").cloned().unwrap_or(Value::Null),
            _ => continue,
        };
        data.insert(list.into(), parsed);
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
pub(super) fn ops_of(
    path: &Path,
    keys: &[&Key],
) -> Result<Box<dyn Iterator<Item = Result<crate::model::WireOp>> + 'static>> {
    let unreadable = |path: &Path, why: segment::Unreadable| {
        Error::Sync(format!("{}: {why}; nothing was changed", path.display()))
    };
    let mut reader = segment::Reader::open(path, keys).map_err(|why| unreadable(path, why))?;
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
pub(super) struct SegmentOutbox<'k> {
    pub folder: PathBuf,
    pub device: Uuid,
    pub key: Option<&'k Key>,
    pub writer: Option<segment::Writer>,
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

pub(super) fn written(path: &Path, e: &std::io::Error) -> Error {
    Error::Sync(format!(
        "cannot write into {}: {e}; nothing was changed",
        path.display()
    ))
}

/// The line to run on another machine.
pub(super) fn join_line(dir: &Path, key: Option<&Key>) -> String {
    let dir = crate::text::shell_word(&dir.to_string_lossy());
    match key {
        Some(key) => format!("tiesdesk sync join {dir} --key {}", key.secret()),
        None => format!("tiesdesk sync join {dir}"),
    }
}
