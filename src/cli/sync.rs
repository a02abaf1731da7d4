//! `sync`: your network on every machine you use, through a folder you already sync
//! (Syncthing, Dropbox, a git repository…). `sync init` / `sync join` make this database a
//! device; `sync` sends what is new and applies what the others wrote; `sync status`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::error::Result;
use crate::ops::{Desk, SyncReport, SyncStatus};
use crate::text::visible;

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SyncArgs {
    #[command(subcommand)]
    pub command: Option<SyncCommand>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Make this database the first device of DIR (a folder you sync); prints the line to
    /// run on your other machines.
    Init {
        /// A folder Syncthing, Dropbox, Nextcloud, iCloud Drive or git keeps in sync.
        dir: PathBuf,
        /// What to call this device in `sync status` (default: the machine's name).
        #[arg(long)]
        name: Option<String>,
        /// Leave what is written into DIR readable (e.g. a private git repository).
        #[arg(long)]
        no_encrypt: bool,
    },
    /// Make this database a device of DIR, which `sync init` made on another machine.
    Join {
        dir: PathBuf,
        /// The folder's key, from the line `sync init` printed (none if not encrypted).
        #[arg(long)]
        key: Option<String>,
        /// What to call this device in `sync status` (default: the machine's name).
        #[arg(long)]
        name: Option<String>,
    },
    /// The folder's devices, when each was last heard from, what is waiting.
    Status {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// A machine you no longer have: compaction stops waiting for it to apply what the
    /// others write (if it comes back, it still syncs).
    Forget {
        /// Its name in `sync status`, or its id (the end of it is enough).
        device: String,
    },
    /// A new key for the folder (the old one lost, or seen by someone): everything here is
    /// written again under it; prints the line your other machines run to join again.
    Rekey,
}

/// What can be checked before the database is opened: the folder of `init` or `join`.
pub fn before_open(args: &SyncArgs) -> Result<()> {
    match &args.command {
        Some(SyncCommand::Init { dir, .. }) => crate::ops::check_folder(dir, false, None),
        Some(SyncCommand::Join { dir, key, .. }) => {
            crate::ops::check_folder(dir, true, key.as_deref())
        }
        _ => Ok(()),
    }
}

pub fn run(out: &mut String, desk: &mut Desk, args: SyncArgs) -> Result<()> {
    match args.command {
        None => {
            let report = desk.sync()?;
            if args.json {
                return super::print::json(out, &report);
            }
            say_report(out, &report);
        }
        Some(SyncCommand::Init {
            dir,
            name,
            no_encrypt,
        }) => {
            let (report, join) = desk.sync_init(&dir, name.as_deref(), !no_encrypt)?;
            say!(
                out,
                "This database now syncs through {} ({} sent).",
                visible(&report.folder.display().to_string()),
                report.exchanged.sent
            );
            say!(out, "On your other machines, run:");
            say!(out, "  {}", visible(&join));
            if !no_encrypt {
                say!(
                    out,
                    "The key in it opens everything written there: keep it like a password."
                );
            }
        }
        Some(SyncCommand::Join { dir, key, name }) => {
            let report = desk.sync_join(&dir, key.as_deref(), name.as_deref())?;
            say!(
                out,
                "This database now syncs through {}.",
                visible(&report.folder.display().to_string())
            );
            if report.adopted > 0 {
                say!(
                    out,
                    "{} here {} in the folder already (the same profile, e-mail or name): \
                     made one with {}, not doubled.",
                    plural(report.adopted, "person"),
                    if report.adopted == 1 { "was" } else { "were" },
                    if report.adopted == 1 { "it" } else { "them" }
                );
            }
            say_report(out, &report);
        }
        Some(SyncCommand::Forget { device }) => {
            let (forgotten, report) = desk.sync_forget(&device)?;
            let short = forgotten.device.simple().to_string();
            say!(
                out,
                "Forgot {} ({}): compaction no longer waits for it. What it wrote stays in \
                 the folder; if it comes back, it still syncs.",
                visible(forgotten.name.as_deref().unwrap_or("the device")),
                &short[short.len() - 8..]
            );
            say_report(out, &report);
        }
        Some(SyncCommand::Rekey) => {
            let (report, join) = desk.sync_rekey()?;
            say!(
                out,
                "The folder has a new key; everything this device has is written under it."
            );
            say!(out, "On each of your other machines, run:");
            say!(out, "  {}", visible(&join));
            say!(
                out,
                "Until a machine does, what it writes waits, and it cannot read what is new. \
                 Keep the key like a password."
            );
            say_report(out, &report);
        }
        Some(SyncCommand::Status { json }) => {
            let status = desk.sync_status()?;
            if json {
                return super::print::json(out, &status);
            }
            say_status(out, &status);
        }
    }
    Ok(())
}

fn say_report(out: &mut String, report: &SyncReport) {
    let done = &report.exchanged;
    if done.sent == 0 && done.segments == 0 {
        say!(out, "Synced: nothing new here or from other devices.");
    } else {
        let sent = match done.sent {
            0 => "nothing new here to send".to_string(),
            n => format!("{} sent", plural(n, "change")),
        };
        say!(
            out,
            "Synced: {sent}; {} from {} segment{} applied{}.",
            done.applied,
            done.segments,
            if done.segments == 1 { "" } else { "s" },
            if done.stale > 0 {
                format!(" ({} already overtaken by later ones)", done.stale)
            } else {
                String::new()
            }
        );
    }
    if done.waiting > 0 {
        say!(
            out,
            "{} wait for what another device has not finished sending.",
            plural(done.waiting, "change")
        );
    }
    for path in &report.cut_off {
        say!(
            out,
            "Still being copied, left for next time: {}",
            visible(&path.display().to_string())
        );
    }
    if report.compacted > 0 {
        say!(
            out,
            "Folded {} this device wrote (every device has applied them) into one snapshot.",
            plural(report.compacted, "segment")
        );
    }
    if !report.old_key.is_empty() {
        say!(
            out,
            "{} still on the folder's old key: what {} wrote since waits until {} the \
             join line `sync rekey` printed.",
            plural(report.old_key.len(), "device"),
            if report.old_key.len() == 1 {
                "it"
            } else {
                "they"
            },
            if report.old_key.len() == 1 {
                "it runs"
            } else {
                "they run"
            }
        );
    }
    if !report.other_key.is_empty() {
        say!(
            out,
            "What {} wrote is under a key this machine does not have: if the key was changed \
             on another machine, run the join line it printed here; it waits meanwhile.",
            plural(report.other_key.len(), "device")
        );
    }
    if let Some(trouble) = &report.trouble {
        say!(
            out,
            "Synced, but could not tidy the folder (tried again next time): {}",
            visible(trouble)
        );
    }
    for (path, why) in &report.damaged {
        say!(
            out,
            "Cannot read {}: {}",
            visible(&path.display().to_string()),
            visible(why)
        );
    }
}

/// "840 KB", "3.6 MB", "1.2 GB".
fn size(bytes: u64) -> String {
    let kb = bytes.div_ceil(1000);
    match kb {
        0..1000 => format!("{kb} KB"),
        1000..1_000_000 => format!("{:.1} MB", bytes as f64 / 1e6),
        _ => format!("{:.1} GB", bytes as f64 / 1e9),
    }
}

fn plural(n: usize, what: &str) -> String {
    match (n, what) {
        (1, _) => format!("1 {what}"),
        (n, "person") => format!("{n} people"),
        (n, what) => format!("{n} {what}s"),
    }
}

fn say_status(out: &mut String, status: &SyncStatus) {
    say!(
        out,
        "Syncing through {} ({}{}), {} there.",
        visible(&status.folder.display().to_string()),
        if status.encrypted {
            "encrypted"
        } else {
            "readable"
        },
        if status.reachable {
            ""
        } else {
            "; not there now"
        },
        size(status.folder_bytes)
    );
    for device in &status.devices {
        let name = device.name.as_deref().unwrap_or("(unnamed)");
        // A v7 id begins with its time, alike for devices made the same day: its end tells
        // them apart.
        let short = device.device.simple().to_string();
        let short = &short[short.len() - 8..];
        let mut heard = if device.this {
            "this device".to_string()
        } else {
            match (&device.last_written, &device.last_applied) {
                (Some(written), Some(_)) => format!("last wrote {written}, applied here"),
                (Some(written), None) => format!("last wrote {written}, not applied here yet"),
                (None, _) => "nothing written yet".into(),
            }
        };
        if device.forgotten {
            heard.push_str("; forgotten");
        } else if device.behind > 0 {
            heard.push_str(&format!("; {} of this device's to apply", device.behind));
        }
        if device.old_key && !device.this {
            heard.push_str("; on the old key: join again");
        }
        say!(
            out,
            "  {:<20} {}  {} segment{}{}  {heard}",
            visible(name),
            short,
            device.segments,
            if device.segments == 1 { "" } else { "s" },
            match device.snapshots {
                0 => String::new(),
                n => format!(" ({n} snapshot{})", if n == 1 { "" } else { "s" }),
            }
        );
    }
    if status.unsent > 0 {
        say!(
            out,
            "{} here not sent yet: tiesdesk sync",
            plural(status.unsent, "change")
        );
    }
    if status.waiting > 0 {
        say!(
            out,
            "{} from others wait for what is still on its way.",
            plural(status.waiting, "change")
        );
    }
}
