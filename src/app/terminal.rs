//! The terminal: set up, restored on every way out (quit, Ctrl-C, SIGTERM, SIGHUP, an error,
//! a panic), suspended on Ctrl-Z, and redrawn only when something changed.

use std::io::{IsTerminal, Write, stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::crossterm::{cursor, execute, terminal};

use super::keymap::Keymap;
use super::state::App;
use crate::error::{Error, Result};
use crate::ops::Desk;

fn terminal_error(e: std::io::Error) -> Error {
    Error::Io(format!("terminal: {e}"))
}

/// Refuses to start the app without a terminal on both ends.
pub fn require_terminal() -> Result<()> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Error::Io(
            "the app needs a terminal; in scripts, use the commands (tiesdesk --help)".into(),
        ));
    }
    Ok(())
}

/// Runs the app until the person quits.
pub fn run(desk: Desk, keymap: Keymap, config_path: &std::path::Path) -> Result<()> {
    require_terminal()?;
    // Everything that can fail on a bad database fails here, before the screen changes.
    let mut app = App::new(desk, keymap)?;
    app.config_path = Some(config_path.to_path_buf());
    let stop = Arc::new(AtomicBool::new(false));
    // In raw mode Ctrl-C and Ctrl-\ are keys; these arrive only from `kill`, and each one
    // ends the app with the terminal given back.
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGQUIT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop)).map_err(terminal_error)?;
    }
    install_panic_hook();
    let mut terminal = ratatui::try_init().map_err(terminal_error)?;
    watch_the_terminal(Arc::clone(&stop));
    let result = event_loop(&mut terminal, &mut app, &stop);
    restore();
    result
}

/// How often the watchdog looks, and how long a signalled app has to leave on its own.
const WATCH_EVERY: Duration = Duration::from_millis(500);
const GRACE: Duration = Duration::from_millis(1500);

/// Once the terminal is gone (its window closed, its ssh session dropped), crossterm's
/// `event::poll` spins forever on the dead tty without returning, so the event loop never sees
/// a signal's flag (crossterm-rs/crossterm#793). A thread watches instead: when the terminal no
/// longer answers, or a SIGTERM/SIGHUP was not acted on within the grace period, it ends the
/// process. Every change is its own committed transaction, so nothing saved is lost; an open
/// SQLite transaction rolls back.
fn watch_the_terminal(stop: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        let mut signalled_for = Duration::ZERO;
        loop {
            std::thread::sleep(WATCH_EVERY);
            if stop.load(Ordering::Relaxed) {
                signalled_for += WATCH_EVERY;
                if signalled_for >= GRACE {
                    restore();
                    std::process::exit(EXIT_SIGNALLED);
                }
            } else if terminal::size().is_err() {
                std::process::exit(EXIT_SIGNALLED);
            }
        }
    });
}

/// The exit code when a signal or a lost terminal ended the app (128 + SIGHUP).
const EXIT_SIGNALLED: i32 = 129;

/// ratatui's own hook leaves the alternate screen and raw mode; this one, called from it,
/// also shows the cursor again before the panic message prints.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), cursor::Show);
        previous(info);
    }));
}

fn restore() {
    let _ = ratatui::try_restore();
    let _ = execute!(stdout(), cursor::Show);
    let _ = stdout().flush();
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App, stop: &AtomicBool) -> Result<()> {
    let mut dirty = true;
    let mut drawn_at = None;
    while !app.quit && !stop.load(Ordering::Relaxed) {
        if dirty {
            let size = terminal.size().map_err(terminal_error)?;
            drawn_at = Some(size);
            app.page = crate::ui::list_height(size.height);
            terminal
                .draw(|frame| crate::ui::render(app, frame))
                .map_err(terminal_error)?;
            dirty = false;
        }
        // A running import is checked on often, so its bar moves and its end shows at once.
        let wait = if app.job.is_some() || app.undo_job.is_some() {
            50
        } else {
            200
        };
        if !event::poll(Duration::from_millis(wait)).map_err(terminal_error)? {
            dirty |= app.tick();
            dirty |= app.tick_undo();
            dirty |= app.retry_waiting();
            dirty |= app.follow_others(std::time::Instant::now());
            // A resize before crossterm's first poll installs its SIGWINCH handler sends no
            // event: the size is looked at on every idle tick too.
            dirty |= terminal.size().ok() != drawn_at;
            continue;
        }
        match event::read().map_err(terminal_error)? {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                if key.code == KeyCode::Char('z') && key.modifiers.contains(KeyModifiers::CONTROL) {
                    suspend(terminal)?;
                } else {
                    app.handle_key(key);
                }
                dirty = true;
            }
            Event::Resize(..) => dirty = true,
            _ => {}
        }
    }
    Ok(())
}

/// Ctrl-Z: in raw mode it is a key, not a signal. Give the terminal back, stop, and when the
/// shell's `fg` resumes us, take it again and redraw everything.
fn suspend(terminal: &mut DefaultTerminal) -> Result<()> {
    restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP).map_err(terminal_error)?;
    terminal::enable_raw_mode().map_err(terminal_error)?;
    execute!(stdout(), terminal::EnterAlternateScreen, cursor::Hide).map_err(terminal_error)?;
    terminal.clear().map_err(terminal_error)?;
    Ok(())
}
