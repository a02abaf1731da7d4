//! A database inside a folder another tool syncs (Syncthing, Dropbox, a git repository) is
//! warned about on every open — the command line on stderr, the app on its status line —
//! and still works; one outside is not.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::Sandbox;

#[test]
fn a_database_in_a_synced_folder_is_warned_about_on_every_open() {
    let s = Sandbox::new();
    let out = s.cmd(&["add", "Ana Lima"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "not synced: no warning"
    );

    for (marker, tool) in [
        (".stfolder", "a folder Syncthing syncs"),
        (".dropbox", "a folder Dropbox syncs"),
        (".git", "a git repository"),
    ] {
        let synced = s.dir.path().join(format!("synced{marker}"));
        std::fs::create_dir_all(synced.join(marker)).unwrap();
        // A repository counts where the database sits at its root; the others anywhere above.
        let db = if marker == ".git" {
            synced.join("tiesdesk.db")
        } else {
            synced.join("notes").join("tiesdesk.db")
        };
        for args in [&["add", "Bo Chen"][..], &["status"]] {
            let out = s.cmd_on(&db, args).output().unwrap();
            assert!(out.status.success(), "{args:?}: it still works");
            let said = String::from_utf8_lossy(&out.stderr);
            assert!(
                said.contains(&format!("is inside {tool} (")) && said.contains("tiesdesk backup"),
                "{marker} {args:?}: {said}"
            );
            assert_eq!(said.lines().count(), 1, "one line: {said}");
        }
    }
}

#[test]
fn a_database_in_a_folder_of_a_project_repository_is_not_warned_about() {
    let s = Sandbox::new();
    let project = s.dir.path().join("project");
    std::fs::create_dir_all(project.join(".git")).unwrap();
    let db = project.join("data").join("tiesdesk.db");
    let out = s.cmd_on(&db, &["add", "Ana Lima"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn the_app_says_so_on_its_status_line() {
    let s = Sandbox::new();
    let synced = s.dir.path().join("Sync");
    std::fs::create_dir_all(synced.join(".stfolder")).unwrap();
    let db = synced.join("tiesdesk.db");
    s.cmd_on(&db, &["add", "Ana Lima"]).output().unwrap();
    let today = tiesdesk::model::date::parse_iso_date(common::TODAY).unwrap();
    let desk = tiesdesk::ops::Desk::open(&db, tiesdesk::Config::default(), today).unwrap();
    let keymap = tiesdesk::app::Keymap::new(&std::collections::BTreeMap::new()).unwrap();
    let app = tiesdesk::app::App::new(desk, keymap).unwrap();
    let status = app.status.clone().unwrap_or_default();
    assert!(
        status.contains("is inside a folder Syncthing syncs"),
        "{status}"
    );
}
