//! Segments: written once and whole, read back the same, and every way one can go wrong
//! said apart — a newer format, another key, no key, a file still being copied.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::json;
use uuid::Uuid;

use super::segment::{self, Key, Segment, Unreadable};
use crate::model::{Op, Table, WireOp, WireTable};

fn ops() -> Vec<WireOp> {
    let person = Uuid::now_v7();
    let fields = |value: serde_json::Value| value.as_object().unwrap().clone();
    vec![
        WireOp {
            clock: 7 << 16,
            op: Op::Put,
            table: WireTable::Row(Table::Person),
            gid: person,
            whole: true,
            fields: fields(json!({"name": "Ana Lima", "company": "Canal Bank"})),
            device: None,
        },
        WireOp {
            clock: (7 << 16) + 1,
            op: Op::Delete,
            table: WireTable::Link,
            gid: Uuid::now_v7(),
            whole: false,
            fields: serde_json::Map::new(),
            device: None,
        },
    ]
}

#[test]
fn a_segment_reads_back_as_written_plain_or_encrypted() {
    let dir = tempfile::tempdir().unwrap();
    let device = Uuid::now_v7();
    let key = Key::generate();
    let written = ops();
    for key in [None, Some(&key)] {
        let folder = dir
            .path()
            .join(if key.is_some() { "sealed" } else { "plain" });
        let path = segment::write(&folder, device, &written, key).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let read = segment::read(&bytes, key).unwrap();
        assert_eq!(
            read,
            Segment {
                device,
                ops: written.clone()
            }
        );
        // Only the clear header says anything without the key.
        let text = String::from_utf8_lossy(&bytes);
        assert_eq!(text.contains("Ana Lima"), key.is_none(), "{text}");
        assert!(text.starts_with(&format!("tiesdesk segment 1 device {device} key ")));
        assert_eq!(
            path.file_name().unwrap().to_string_lossy(),
            "0000000000070000-0000000000070001.tds"
        );
        assert_eq!(segment::listed(&folder).unwrap(), [path]);
    }
}

#[test]
fn a_segment_is_never_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let device = Uuid::now_v7();
    let path = segment::write(dir.path(), device, &ops(), None).unwrap();
    let before = std::fs::read(&path).unwrap();
    let mut other = ops();
    other[0].fields.insert("company".into(), json!("Acme"));
    let again = segment::write(dir.path(), device, &other, None);
    assert_eq!(again.unwrap_err().kind(), std::io::ErrorKind::AlreadyExists);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // A partial file a crash left behind is written over, not in the way for ever.
    let mut later = ops();
    later[0].clock += 100;
    later[1].clock += 100;
    let name = ".writing.tds.partial";
    std::fs::write(dir.path().join(name), "half").unwrap();
    let written = segment::write(dir.path(), device, &later, None).unwrap();
    assert_eq!(
        segment::read(&std::fs::read(&written).unwrap(), None)
            .unwrap()
            .ops,
        later
    );
    assert!(!dir.path().join(name).exists());
    // No partial file is left behind, and partial files are never read as segments.
    std::fs::write(dir.path().join(".x.tds.partial"), "half").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    assert_eq!(segment::listed(dir.path()).unwrap(), [path, written]);
    assert!(
        segment::listed(&dir.path().join("nowhere"))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn each_way_a_segment_cannot_be_read_is_said_apart() {
    let dir = tempfile::tempdir().unwrap();
    let device = Uuid::now_v7();
    let key = Key::generate();
    let sealed =
        std::fs::read(segment::write(&dir.path().join("s"), device, &ops(), Some(&key)).unwrap())
            .unwrap();
    let plain = std::fs::read(segment::write(&dir.path().join("p"), device, &ops(), None).unwrap())
        .unwrap();

    let other = Key::generate();
    assert_eq!(
        segment::read(&sealed, Some(&other)),
        Err(Unreadable::WrongKey(key.fingerprint()))
    );
    assert_eq!(segment::read(&sealed, None), Err(Unreadable::NeedsKey));
    // Cut off on the way: the encrypted stream short, or the plain one without its end.
    assert_eq!(
        segment::read(&sealed[..sealed.len() - 20], Some(&key)),
        Err(Unreadable::CutOff)
    );
    let without_end = &plain[..plain.len() - "end 2\n".len()];
    assert_eq!(segment::read(without_end, None), Err(Unreadable::CutOff));
    let mid_line = &plain[..plain.len() - 30];
    assert_eq!(segment::read(mid_line, None), Err(Unreadable::CutOff));

    let newer = String::from_utf8(plain.clone()).unwrap().replacen(
        "tiesdesk segment 1 ",
        "tiesdesk segment 3 ",
        1,
    );
    assert_eq!(
        segment::read(newer.as_bytes(), None),
        Err(Unreadable::NewerFormat(3))
    );
    // A newer format may say more in its header; its number is still read.
    let says_more = newer.replacen(" key none", " key none more words", 1);
    assert_eq!(
        segment::read(says_more.as_bytes(), None),
        Err(Unreadable::NewerFormat(3))
    );
    // Cut off within the clear header: still on its way, not "no segment".
    assert_eq!(segment::read(&plain[..12], None), Err(Unreadable::CutOff));
    assert_eq!(
        segment::read(b"BEGIN:VCARD\nEND:VCARD\n", None),
        Err(Unreadable::NotASegment)
    );
    let miscounted = String::from_utf8(plain).unwrap().replace("end 2", "end 3");
    assert!(matches!(
        segment::read(miscounted.as_bytes(), None),
        Err(Unreadable::Damaged(_))
    ));
}

#[test]
fn a_key_travels_as_its_secret_and_keeps_its_fingerprint() {
    let key = Key::generate();
    let secret = key.secret();
    assert!(secret.starts_with("AGE-SECRET-KEY-1"), "{secret}");
    let again: Key = secret.parse().unwrap();
    assert_eq!(again.fingerprint(), key.fingerprint());
    assert_ne!(Key::generate().fingerprint(), key.fingerprint());
    assert!("not a key".parse::<Key>().is_err());
}

#[test]
fn a_snapshot_says_in_clear_text_what_it_folds_and_which_keys_it_retires() {
    let dir = tempfile::tempdir().unwrap();
    let device = Uuid::now_v7();
    let other = Uuid::now_v7();
    let key = Key::generate();
    let folds = segment::Folds {
        segments: vec![
            (device, "0000000000010000-0000000000020000.tds".into()),
            (other, "0000000000030000-0000000000030000.tds".into()),
        ],
        retires: vec!["0123456789ab".into()],
    };
    let written = ops();
    let mut writer = segment::Writer::snapshot(dir.path(), device, Some(&key), &folds).unwrap();
    for op in &written {
        writer.push(op).unwrap();
    }
    let path = writer.finish().unwrap();
    assert!(segment::is_snapshot(&path), "{}", path.display());
    assert_eq!(segment::last_clock(&path), Some((7 << 16) + 1));
    // Read without the key: who, under which key, and what it folds.
    let head = segment::head(&path).unwrap();
    assert_eq!(head.device, device);
    assert_eq!(head.fingerprint, Some(key.fingerprint()));
    assert_eq!(head.folds, Some(folds.clone()));
    // With it: the operations, as a segment's.
    let read = segment::read(&std::fs::read(&path).unwrap(), Some(&key)).unwrap();
    assert_eq!(read.ops, written);
    // A second snapshot of the same range gets a name of its own.
    let mut again = segment::Writer::snapshot(dir.path(), device, Some(&key), &folds).unwrap();
    for op in &written {
        again.push(op).unwrap();
    }
    assert_ne!(again.finish().unwrap(), path);
    // A plain segment is no snapshot and folds nothing.
    let plain = segment::write(&dir.path().join("p"), device, &ops(), None).unwrap();
    assert!(!segment::is_snapshot(&plain));
    assert_eq!(segment::head(&plain).unwrap().folds, None);
    // Read with an old key among the keys: the one it was written under opens it.
    let newer = Key::generate();
    let bytes = std::fs::read(&path).unwrap();
    let reader = segment::Reader::new(Box::new(std::io::Cursor::new(bytes)), &[&newer, &key]);
    assert!(reader.is_ok());
}
