//! The real binary in a pseudo-terminal, read through a vt100 screen.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long any one wait may take before the test fails (generous for a loaded CI machine).
const PATIENCE: Duration = Duration::from_secs(15);

type SharedWriter = Arc<Mutex<Box<dyn Write + Send>>>;

pub struct Pty {
    pub parser: Arc<Mutex<vt100::Parser>>,
    /// Set when the reader has read everything the terminal will ever give (the app and
    /// everyone holding the terminal have gone).
    drained: Arc<AtomicBool>,
    writer: SharedWriter,
    master: Box<dyn MasterPty + Send>,
    pub child: Box<dyn Child + Send + Sync>,
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap()
}

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Pty {
    /// Starts `tiesdesk --db <db> --today 2026-11-25 <args>` in an 80×24 terminal.
    pub fn start(db: &Path, config: &Path, args: &[&str]) -> Pty {
        Pty::start_with(db, config, args, &[])
    }

    /// `start`, with `env` set (a value of `None` removes the variable).
    pub fn start_with(
        db: &Path,
        config: &Path,
        args: &[&str],
        env: &[(&str, Option<&str>)],
    ) -> Pty {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_tiesdesk"));
        for (key, value) in env {
            match value {
                Some(value) => cmd.env(key, value),
                None => cmd.env_remove(key),
            }
        }
        cmd.arg("--db");
        cmd.arg(db);
        cmd.args(["--today", super::TODAY]);
        cmd.args(args);
        cmd.env("TIESDESK_CONFIG", config);
        Pty::spawn(cmd)
    }

    /// Starts an interactive bash with job control (for Ctrl-Z and `fg`).
    pub fn shell(config: &Path) -> Pty {
        let mut cmd = CommandBuilder::new("bash");
        cmd.args(["--norc", "--noprofile", "-i"]);
        cmd.env("PS1", "$ ");
        cmd.env("TIESDESK_CONFIG", config);
        Pty::spawn(cmd)
    }

    fn spawn(mut cmd: CommandBuilder) -> Pty {
        let pair = native_pty_system().openpty(size(24, 80)).unwrap();
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("TIESDESK_DB");
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nonzero(24), nonzero(80), 0)));
        let writer: SharedWriter = Arc::new(Mutex::new(pair.master.take_writer().unwrap()));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let (screen, answer) = (Arc::clone(&parser), Arc::clone(&writer));
        let drained = Arc::new(AtomicBool::new(false));
        let done = Arc::clone(&drained);
        std::thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                let mut parser = screen.lock().unwrap();
                parser.process(&buffer[..n]);
                // vt100 only parses; answer the cursor-position query (CSI 6n) as a terminal
                // would, or crossterm waits for it in vain.
                if buffer[..n].windows(4).any(|w| w == b"\x1b[6n") {
                    let (row, col) = parser.screen().cursor_position();
                    let reply = format!("\x1b[{};{}R", row + 1, col + 1);
                    let _ = answer.lock().unwrap().write_all(reply.as_bytes());
                }
            }
            done.store(true, Ordering::SeqCst);
        });
        Pty {
            parser,
            drained,
            writer,
            master: pair.master,
            child,
        }
    }

    pub fn send(&self, bytes: &str) {
        let mut writer = self.writer.lock().unwrap();
        writer.write_all(bytes.as_bytes()).unwrap();
        writer.flush().unwrap();
    }

    /// Whether any cell on the screen has a colour of its own (text or background).
    pub fn has_colour(&self) -> bool {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        (0..rows.get()).any(|row| {
            (0..cols.get()).any(|col| {
                screen.cell(row, col).is_some_and(|cell| {
                    cell.fgcolor() != vt100::Color::Default
                        || cell.bgcolor() != vt100::Color::Default
                })
            })
        })
    }

    pub fn contents(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`.
    pub fn wait_for(&self, text: &str) {
        self.wait_for_within(text, PATIENCE);
    }

    /// Waits until the screen shows `text`, failing after `patience`.
    pub fn wait_for_within(&self, text: &str, patience: Duration) {
        let start = Instant::now();
        while !self.contents().contains(text) {
            assert!(
                start.elapsed() < patience,
                "never saw {text:?} on:\n{}",
                self.contents()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn resize(&self, rows: u16, cols: u16) {
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nonzero(rows), nonzero(cols));
        self.master.resize(size(rows, cols)).unwrap();
    }

    /// Waits for the process to end and for the reader to have taken its last bytes (the
    /// screen it left, leaving the alternate screen): the terminal's end of file says so.
    fn wait_child(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                break status;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "the app did not exit:\n{}",
                self.contents()
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        while !self.drained.load(Ordering::SeqCst) {
            assert!(
                start.elapsed() < PATIENCE,
                "the terminal never closed after the app exited:\n{}",
                self.contents()
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        status
    }

    /// Waits for the process to end; returns its exit code.
    pub fn wait_exit_code(&mut self) -> u32 {
        self.wait_child().exit_code()
    }

    /// Waits for the process to end; returns whether it succeeded.
    pub fn wait_exit(&mut self) -> bool {
        self.wait_child().success()
    }

    /// Waits until the app holds the terminal: alternate screen, cursor hidden.
    pub fn wait_alternate(&self, on: bool) {
        let start = Instant::now();
        while self.parser.lock().unwrap().screen().alternate_screen() != on {
            assert!(
                start.elapsed() < PATIENCE,
                "alternate screen never {on}:\n{}",
                self.contents()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The terminal is back to normal: main screen, cursor visible.
    pub fn assert_restored(&self) {
        let parser = self.parser.lock().unwrap();
        assert!(
            !parser.screen().alternate_screen(),
            "still on the alternate screen"
        );
        assert!(!parser.screen().hide_cursor(), "the cursor is still hidden");
    }
}
