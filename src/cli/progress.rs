//! A progress bar on standard error for long reads (a mailbox of gigabytes), drawn only when
//! standard error is a terminal: scripts and cron see nothing.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::import::SourceKind;
use crate::model::{Progress, Stage};

/// Runs `work`, showing how far `progress` has come meanwhile in `source`'s units (bytes for
/// mail, files for a calendar, rows or cards for contacts), with what was found so far, its
/// rate and the time left.
pub fn shown_while<T>(progress: &Progress, source: SourceKind, work: impl FnOnce() -> T) -> T {
    if !std::io::stderr().is_terminal() {
        return work();
    }
    let finished = AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| draw(progress, source, &finished));
        let value = work();
        finished.store(true, Ordering::Relaxed);
        value
    })
}

fn draw(progress: &Progress, source: SourceKind, finished: &AtomicBool) {
    let bytes = source.unit() == "bytes";
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    let started = Instant::now();
    // Quick work never shows a bar: it would only flash.
    let mut shown = false;
    let mut styled = None;
    let mut stage_started = started;
    while !finished.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(100));
        if !shown && started.elapsed() < Duration::from_millis(500) {
            continue;
        }
        shown = true;
        let stage = progress.stage();
        if styled != Some(stage) {
            // Each stage has its own units; the rate and time left start again with it.
            let template = match (stage, bytes) {
                (Stage::Reading, false) => {
                    format!(
                        "{{bar:30}} {{pos}}/{{len}} {} · {{msg}} · {{eta}} left",
                        source.unit()
                    )
                }
                (Stage::Reading, true) => {
                    "{bar:30} {bytes}/{total_bytes} · {bytes_per_sec} · {msg} · {eta} left".into()
                }
                (Stage::Matching, _) => "{bar:30} matching {pos}/{len} · {msg} · {eta} left".into(),
                (Stage::Saving, _) => "{bar:30} saving {pos}/{len} · {msg} · {eta} left".into(),
            };
            if let Ok(style) = ProgressStyle::with_template(&template) {
                bar.set_style(style.progress_chars("█▉▊▋▌▍▎▏ "));
            }
            bar.reset();
            styled = Some(stage);
            stage_started = Instant::now();
        }
        let (done, total) = progress.counts();
        bar.set_length(total as u64);
        bar.set_position(done as u64);
        let seconds = stage_started.elapsed().as_secs_f64().max(0.001);
        let found = progress.items();
        if stage == Stage::Reading && found > 0 {
            let rate = found as f64 / seconds;
            bar.set_message(format!("{found} {}, {rate:.0}/s", source.items()));
        } else {
            bar.set_message(format!("{:.0}/s", done as f64 / seconds));
        }
    }
    bar.finish_and_clear();
}
