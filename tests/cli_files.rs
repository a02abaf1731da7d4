//! Files tiesdesk writes: never onto its own database or config, never through a planted
//! symlink, always private, and never a half-written file that looks whole.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::Sandbox;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn with_people() -> Sandbox {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima", "--notes", "private"]);
    s.ok(&["log", "ana", "--mutual", "--kind", "meet"]);
    s
}

#[test]
fn an_export_or_backup_onto_the_database_or_config_is_refused() {
    let s = with_people();
    let db = s.db.to_str().unwrap().to_string();
    let wal = format!("{db}-wal");
    let config = s.dir.path().join("no-config.toml");
    std::fs::write(&config, "").unwrap();
    let link = s.dir.path().join("looks-harmless.csv");
    std::os::unix::fs::symlink(&s.db, &link).unwrap();
    let link = link.to_str().unwrap().to_string();
    let config = config.to_str().unwrap().to_string();
    for target in [&db, &wal, &config, &link] {
        for format in ["csv", "json", "vcard"] {
            s.refused(&["export", format, "-o", target], "own database or config");
            s.refused(
                &["export", format, "-o", target, "--force"],
                "own database or config",
            );
        }
        s.refused(&["backup", target, "--force"], "own database or config");
    }
    assert_eq!(std::fs::read(&config).unwrap(), b"");
    assert_eq!(s.json(&["list"]).as_array().unwrap().len(), 1);
}

#[test]
fn a_planted_partial_is_never_followed_or_kept() {
    let s = with_people();
    let victim = s.dir.path().join("victim.txt");
    std::fs::write(&victim, "keep me").unwrap();
    let target = s.dir.path().join("ties.json");
    std::os::unix::fs::symlink(&victim, s.dir.path().join("ties.json.partial")).unwrap();
    s.ok(&["export", "json", "-o", target.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert_eq!(mode(&target), 0o600);
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .contains("tiesdesk/1")
    );
    assert!(!s.dir.path().join("ties.json.partial").exists());

    // A world-readable partial left by someone else does not make the export readable.
    let csv = s.dir.path().join("ties.csv");
    let partial = s.dir.path().join("ties.csv.partial");
    std::fs::write(&partial, "old").unwrap();
    std::fs::set_permissions(&partial, std::fs::Permissions::from_mode(0o644)).unwrap();
    s.ok(&["export", "csv", "-o", csv.to_str().unwrap()]);
    assert_eq!(mode(&csv), 0o600);
    assert!(
        std::fs::read_to_string(&csv)
            .unwrap()
            .starts_with("id,name")
    );

    // The same for a backup.
    let copy = s.dir.path().join("copy.db");
    std::os::unix::fs::symlink(&victim, s.dir.path().join("copy.db.partial")).unwrap();
    s.ok(&["backup", copy.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    assert_eq!(mode(&copy), 0o600);
}

#[test]
fn export_and_backup_agree_an_existing_file_needs_force() {
    let s = with_people();
    for (args, file) in [
        (vec!["export", "json", "-o"], "a.json"),
        (vec!["export", "csv", "-o"], "a.csv"),
        (vec!["backup"], "a.db"),
    ] {
        let target = s.dir.path().join(file);
        std::fs::write(&target, "mine").unwrap();
        let mut refused = args.clone();
        refused.push(target.to_str().unwrap());
        s.refused(&refused, "already exists; give --force");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "mine");
        let mut forced = refused.clone();
        forced.push("--force");
        s.ok(&forced);
        assert_ne!(std::fs::read(&target).unwrap(), b"mine");
        assert_eq!(mode(&target), 0o600);
    }
}

/// A backup killed at any moment leaves no file at the target, or a whole working copy; the
/// next try then succeeds.
#[test]
fn a_killed_backup_leaves_no_file_or_a_whole_one() {
    let s = Sandbox::new();
    s.ok(&["demo", "--people", "4000"]);
    let people = s.json(&["status"])["everyone"].as_u64().unwrap();
    for (round, delay_ms) in [0u64, 2, 5, 10, 20, 40, 80].into_iter().enumerate() {
        let target = s.dir.path().join(format!("backup-{round}.db"));
        let mut child = s.spawn(&["backup", target.to_str().unwrap()]);
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let whole = target.exists();
        if whole {
            let copy = s.cmd_on(&target, &["status", "--json"]).output().unwrap();
            assert!(
                copy.status.success(),
                "round {round}: a partial copy took the name"
            );
            let status: serde_json::Value = serde_json::from_slice(&copy.stdout).unwrap();
            assert_eq!(status["everyone"].as_u64(), Some(people), "round {round}");
        }
        // Nothing left in the way: the plain retry works (--force only for a whole copy).
        let mut retry = vec!["backup", target.to_str().unwrap()];
        if whole {
            retry.push("--force");
        }
        let retried = s.cmd(&retry).output().unwrap();
        assert!(
            retried.status.success(),
            "round {round}: the retry failed: {}",
            String::from_utf8_lossy(&retried.stderr)
        );
    }
}

fn is_fifo(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::metadata(path).unwrap().file_type().is_fifo()
}

fn is_char_device(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::metadata(path)
        .unwrap()
        .file_type()
        .is_char_device()
}

#[test]
fn a_pipe_given_as_the_output_is_written_to_never_replaced() {
    let s = with_people();
    let fifo = s.dir.path().join("out.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let reading = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let said = s.ok(&["export", "csv", "-o", fifo.to_str().unwrap(), "--force"]);
    assert!(said.contains("Exported to"), "{said}");
    let csv = reading.join().unwrap();
    assert!(csv.contains("Ana Lima"), "{csv}");
    assert!(is_fifo(&fifo), "the pipe is still a pipe");
    // A backup is a database, not a stream: refused, the pipe left as it is.
    s.refused(
        &["backup", fifo.to_str().unwrap(), "--force"],
        "a backup is a database file, not a stream",
    );
    assert!(is_fifo(&fifo));
}

#[test]
fn a_character_device_given_as_the_output_is_written_to_never_replaced() {
    let s = with_people();
    // A null device of our own where the system lets us make one (as root); else the
    // system's, which a fixed tiesdesk leaves as it is.
    let own = s.dir.path().join("null");
    let made = std::process::Command::new("mknod")
        .args([own.to_str().unwrap(), "c", "1", "3"])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    let device = if made {
        own
    } else {
        std::path::PathBuf::from("/dev/null")
    };
    assert!(is_char_device(&device));
    let said = s.ok(&["export", "json", "-o", device.to_str().unwrap(), "--force"]);
    assert!(said.contains("Exported to"), "{said}");
    assert!(
        is_char_device(&device),
        "{} is still a device",
        device.display()
    );
    // A folder is never a file to write.
    let folder = s.dir.path().join("a-folder");
    std::fs::create_dir(&folder).unwrap();
    s.refused(
        &["export", "csv", "-o", folder.to_str().unwrap(), "--force"],
        "it is not a file",
    );
}
