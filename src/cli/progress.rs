//! A progress bar on standard error for long reads (a mailbox of gigabytes), drawn only when
//! standard error is a terminal: scripts and cron see nothing.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::model::Progress;

/// Runs `work`, showing how far `progress` has come meanwhile: bytes for mail, files for a
/// calendar, with what was found so far, its rate and the time left.
pub fn shown_while<T>(progress: &Progress, files: bool, work: impl FnOnce() -> T) -> T {
    if !std::io::stderr().is_terminal() {
        return work();
    }
    let finished = AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| draw(progress, files, &finished));
        let value = work();
        finished.store(true, Ordering::Relaxed);
        value
    })
}

fn draw(progress: &Progress, files: bool, finished: &AtomicBool) {
    let (template, items) = if files {
        (
            "{bar:30} {pos}/{len} files · {msg} · {eta} left",
            "occurrences",
        )
    } else {
        (
            "{bar:30} {bytes}/{total_bytes} · {bytes_per_sec} · {msg} · {eta} left",
            "messages",
        )
    };
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("█▉▊▋▌▍▎▏ "));
    }
    let started = Instant::now();
    // Quick work never shows a bar: it would only flash.
    let mut shown = false;
    while !finished.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(100));
        if !shown && started.elapsed() < Duration::from_millis(500) {
            continue;
        }
        shown = true;
        let (done, total) = progress.counts();
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        let found = progress.items();
        let rate = found as f64 / started.elapsed().as_secs_f64().max(0.001);
        bar.set_message(format!("{found} {items}, {rate:.0}/s"));
    }
    bar.finish_and_clear();
}
