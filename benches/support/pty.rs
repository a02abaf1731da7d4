//! The real binary in a real pseudo-terminal, read through a vt100 screen: what a person
//! sees, and when.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub struct Opened {
    /// From just before the process was started to the first screen showing every marker.
    pub first_frame: Duration,
    /// The process's peak resident memory then (VmHWM), in bytes.
    pub peak_memory: u64,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
}

impl Opened {
    /// Quits (q) and waits for the process to end.
    pub fn quit(mut self) {
        let _ = self.writer.write_all(b"q");
        let _ = self.writer.flush();
        let _ = self.child.wait();
        drop(self.master);
    }
}

/// Starts `tiesdesk --db DB --today TODAY` at 80×24 and waits until the screen holds every
/// one of `markers` (a complete dashboard), answering the terminal queries crossterm makes.
pub fn open_app(db: &Path, today: &str, markers: &[&str]) -> Opened {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_tiesdesk"));
    cmd.arg("--db");
    cmd.arg(db);
    cmd.args(["--today", today]);
    cmd.env("TIESDESK_CONFIG", "/nonexistent/tiesdesk-bench.toml");
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("TIESDESK_DB");
    let mut writer = pair.master.take_writer().unwrap();
    let mut reader = pair.master.try_clone_reader().unwrap();
    let markers: Vec<String> = markers.iter().map(|m| m.to_string()).collect();
    let (seen, shown): (_, Receiver<Instant>) = channel();
    let (answers, to_answer) = channel::<Vec<u8>>();
    let start = Instant::now();
    let child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    std::thread::spawn(move || {
        let mut screen = vt100::Parser::new(
            std::num::NonZeroU16::new(24).unwrap(),
            std::num::NonZeroU16::new(80).unwrap(),
            0,
        );
        let mut buffer = [0u8; 65536];
        let mut told = false;
        while let Ok(n) = reader.read(&mut buffer) {
            if n == 0 {
                break;
            }
            screen.process(&buffer[..n]);
            if buffer[..n].windows(4).any(|w| w == b"\x1b[6n") {
                let (row, col) = screen.screen().cursor_position();
                let _ = answers.send(format!("\x1b[{};{}R", row + 1, col + 1).into_bytes());
            }
            if !told {
                let contents = screen.screen().contents();
                if markers.iter().all(|m| contents.contains(m.as_str())) {
                    told = true;
                    let _ = seen.send(Instant::now());
                }
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let at = loop {
        while let Ok(reply) = to_answer.try_recv() {
            writer.write_all(&reply).unwrap();
            writer.flush().unwrap();
        }
        if let Ok(at) = shown.recv_timeout(Duration::from_millis(1)) {
            break at;
        }
        assert!(Instant::now() < deadline, "the dashboard never appeared");
    };
    let pid = child.process_id().unwrap_or(0);
    Opened {
        first_frame: at - start,
        peak_memory: crate::support::peak_memory(pid),
        master: pair.master,
        writer,
        child,
    }
}
