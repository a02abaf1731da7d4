//! The terminal: set up, restored on every way out (quit, Ctrl-C, an error, a panic, and any
//! signal that would end the app: it then exits 128 + the signal's number, as shells expect),
//! suspended on Ctrl-Z or `kill -TSTP`, taken back after `fg` (also after a `kill -STOP`,
//! which cannot be caught: the shell resets the terminal meanwhile), and redrawn only when
//! something changed.

use std::io::{IsTerminal, Write, stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
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
/// Runs the app on `desk` until it quits; `chosen_database`: the file was named (`--db`,
/// `TIESDESK_DB`) rather than the default, and the header says which it is.
pub fn run(
    desk: Desk,
    keymap: Keymap,
    config_path: &std::path::Path,
    chosen_database: bool,
) -> Result<()> {
    require_terminal()?;
    // Everything that can fail on a bad database fails here, before the screen changes.
    let mut app = App::new(desk, keymap)?;
    app.config_path = Some(config_path.to_path_buf());
    app.chosen_database = chosen_database;
    let signals = Signals::install()?;
    install_panic_hook();
    let mut terminal = ratatui::try_init().map_err(terminal_error)?;
    watch_the_terminal(Arc::clone(&signals.ended_by));
    let result = event_loop(&mut terminal, &mut app, &signals);
    restore();
    if result.is_ok()
        && signals.ended_by.load(Ordering::Relaxed) == 0
        && let Some(line) = app.sync_at_quit()
    {
        eprintln!("tiesdesk: {}", crate::text::visible(&line));
    }
    let ended_by = signals.ended_by.load(Ordering::Relaxed);
    if ended_by != 0 {
        // The database closes (every change was committed as it was made), then the exit
        // says which signal ended the app.
        drop(app);
        std::process::exit(128 + i32::try_from(ended_by).unwrap_or(0));
    }
    result
}

/// What signals asked of the app, set by their handlers and read by the event loop.
struct Signals {
    /// The number of a signal that ends the app; 0 while none came.
    ended_by: Arc<AtomicUsize>,
    /// `kill -TSTP`: suspend as Ctrl-Z does.
    suspend: Arc<AtomicBool>,
    /// SIGCONT: the app runs again after being stopped; take the terminal back.
    resumed: Arc<AtomicBool>,
}

impl Signals {
    fn install() -> Result<Signals> {
        use signal_hook::consts::*;
        let signals = Signals {
            ended_by: Arc::new(AtomicUsize::new(0)),
            suspend: Arc::new(AtomicBool::new(false)),
            resumed: Arc::new(AtomicBool::new(false)),
        };
        // In raw mode Ctrl-C and Ctrl-\ are keys: these come from `kill` (or a timer, a
        // limit), and each would otherwise end the app with the terminal left raw.
        for signal in [
            SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF,
            SIGXCPU, SIGXFSZ,
        ] {
            let number = usize::try_from(signal).unwrap_or(0);
            signal_hook::flag::register_usize(signal, Arc::clone(&signals.ended_by), number)
                .map_err(terminal_error)?;
        }
        signal_hook::flag::register(SIGTSTP, Arc::clone(&signals.suspend))
            .map_err(terminal_error)?;
        signal_hook::flag::register(SIGCONT, Arc::clone(&signals.resumed))
            .map_err(terminal_error)?;
        Ok(signals)
    }

    fn ended(&self) -> bool {
        self.ended_by.load(Ordering::Relaxed) != 0
    }
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
fn watch_the_terminal(ended_by: Arc<AtomicUsize>) {
    std::thread::spawn(move || {
        let mut signalled_for = Duration::ZERO;
        loop {
            std::thread::sleep(WATCH_EVERY);
            let signal = ended_by.load(Ordering::Relaxed);
            if signal != 0 {
                signalled_for += WATCH_EVERY;
                if signalled_for >= GRACE {
                    restore();
                    std::process::exit(128 + i32::try_from(signal).unwrap_or(1));
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

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App, signals: &Signals) -> Result<()> {
    let mut dirty = true;
    let mut drawn_at = None;
    while !app.quit && !signals.ended() {
        if signals.suspend.swap(false, Ordering::Relaxed) {
            suspend(terminal)?;
            signals.resumed.store(false, Ordering::Relaxed);
            dirty = true;
        }
        if signals.resumed.swap(false, Ordering::Relaxed) {
            // Stopped by a signal that cannot be caught, and now `fg`: the shell put the
            // terminal back to lines and echo meanwhile.
            take_back(terminal)?;
            dirty = true;
        }
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
            dirty |= app.sync_when_due(std::time::Instant::now());
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
    // What SIGTSTP would do without our handler: stop, until `fg` sends SIGCONT.
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)
        .map_err(terminal_error)?;
    take_back(terminal)
}

/// Raw mode, the alternate screen, the cursor hidden, and a clean slate to draw on. (Not
/// `Terminal::clear`: it asks the terminal where the cursor is, and a terminal just handed
/// back by the shell may answer late, or to the shell.)
fn take_back(terminal: &mut DefaultTerminal) -> Result<()> {
    // crossterm remembers raw mode as on even when the shell turned it off behind its back
    // (a `kill -STOP`): off first, so that on really sets it again.
    terminal::disable_raw_mode().map_err(terminal_error)?;
    terminal::enable_raw_mode().map_err(terminal_error)?;
    execute!(stdout(), terminal::EnterAlternateScreen, cursor::Hide).map_err(terminal_error)?;
    let size = terminal.size().map_err(terminal_error)?;
    terminal
        .resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
        .map_err(terminal_error)?;
    Ok(())
}
