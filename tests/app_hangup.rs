//! The terminal going away (a closed window, a dropped ssh session) ends the app, even when it
//! is not the session leader and no SIGHUP reaches it (crossterm-rs/crossterm#793: crossterm's
//! event poll spins on a dead tty and never returns).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use common::{Sandbox, TODAY};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

fn running(pattern: &str) -> bool {
    std::process::Command::new("pgrep")
        .args(["-f", pattern])
        .output()
        .unwrap()
        .status
        .success()
}

#[test]
fn an_app_whose_terminal_is_gone_exits() {
    let s = Sandbox::new();
    s.ok(&["add", "Ana Lima"]);
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let binary = env!("CARGO_BIN_EXE_tiesdesk");
    let db = s.db.display().to_string();
    // A shell stays the session leader (as under tmux), so the kernel's SIGHUP goes to it.
    let mut cmd = CommandBuilder::new("sh");
    cmd.args([
        "-c",
        &format!("'{binary}' --db '{db}' --today {TODAY}; true"),
    ]);
    cmd.env("TIESDESK_CONFIG", s.dir.path().join("no-config.toml"));
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("TIESDESK_DB");
    let mut shell = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut writer = pair.master.take_writer().unwrap();
    let (mut seen, mut buffer) = (Vec::new(), [0u8; 8192]);
    let start = Instant::now();
    while !String::from_utf8_lossy(&seen).contains("Ana Lima") {
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "the app did not start"
        );
        let n = reader.read(&mut buffer).unwrap();
        if buffer[..n].windows(4).any(|w| w == b"\x1b[6n") {
            writer.write_all(b"\x1b[1;1R").unwrap();
        }
        seen.extend_from_slice(&buffer[..n]);
    }
    let app = format!("^{binary} --db {db}");
    assert!(running(&app));
    // The window closes: every handle on the terminal's master side goes.
    drop(reader);
    drop(writer);
    drop(pair.master);
    let start = Instant::now();
    while running(&app) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the app outlived its terminal"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = shell.kill();
}
