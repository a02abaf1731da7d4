//! `tiesdesk man`: the manual pages, made from the command line's own definition (so they never
//! drift from `--help`) and from the keymap. `tiesdesk(1)` adds what `--help` has no room for:
//! the app's keys, the files, the environment and examples; each subcommand has its own page,
//! `tiesdesk-add(1)` and the rest, as the main page's SEE ALSO names them.

use std::path::{Path, PathBuf};

use clap::{Args, CommandFactory};
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, italic, roman};

use crate::app::{Context, Keymap};
use crate::error::{Error, Result};

#[derive(Debug, Args)]
pub struct ManArgs {
    /// A command's own page (`tiesdesk man add` is tiesdesk-add(1), `tiesdesk man import mail`
    /// tiesdesk-import-mail(1)); without it, tiesdesk(1).
    pub command: Vec<String>,
    /// Write every page (tiesdesk.1 and one per command) into this folder instead, e.g.
    /// ~/.local/share/man/man1.
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub dir: Option<PathBuf>,
}

/// The manual's examples, a command and what it does.
const EXAMPLES: &[(&str, &str)] = &[
    (
        "tiesdesk --db demo.db demo",
        "fill a database of its own with an invented network to explore",
    ),
    (
        "tiesdesk add \"Ana Lima\" --company \"Zephyr Labs\"",
        "someone you know",
    ),
    (
        "tiesdesk log ana --gave --kind favour",
        "you did Ana a favour",
    ),
    ("tiesdesk list --due", "who to get in touch with"),
    (
        "tiesdesk import linkedin Connections.csv",
        "your contacts, as paper ties",
    ),
    (
        "tiesdesk import mail ~/Mail --me you@example.org",
        "contact from your own mail",
    ),
    (
        "tiesdesk import chat \"WhatsApp Chat with Ana.txt\" --me \"Your Name\"",
        "contact from a chat export (WhatsApp, Telegram, Instagram)",
    ),
    (
        "tiesdesk today",
        "a few lines for the morning; nothing when there is nothing to say",
    ),
    (
        "tiesdesk man --dir ~/.local/share/man/man1",
        "install these pages",
    ),
];

/// The page asked for, as roff; or, with `--dir`, every page written and where.
pub fn manual(args: &ManArgs, keymap: &Keymap) -> Result<String> {
    let failed = |e: std::io::Error| Error::Io(format!("cannot write the manual page: {e}"));
    let mut top = crate::cli::Cli::command().disable_help_subcommand(true);
    top.build();
    if let Some(dir) = &args.dir {
        return write_all(&top, keymap, dir).map_err(failed);
    }
    let mut page = Vec::new();
    if args.command.is_empty() {
        main_page(&top, keymap, &mut page).map_err(failed)?;
    } else {
        let mut command = &top;
        for name in &args.command {
            command = command.find_subcommand(name).ok_or_else(|| {
                Error::invalid(format!(
                    "no command '{}': `tiesdesk --help` lists them",
                    args.command.join(" ")
                ))
            })?;
        }
        Man::new(command.clone())
            .render(&mut page)
            .map_err(failed)?;
    }
    String::from_utf8(page).map_err(|e| Error::Io(format!("cannot write the manual page: {e}")))
}

/// tiesdesk.1 and tiesdesk-COMMAND.1 into `dir`; says which were written.
fn write_all(top: &clap::Command, keymap: &Keymap, dir: &Path) -> std::io::Result<String> {
    std::fs::create_dir_all(dir)?;
    let mut file = std::fs::File::create(dir.join("tiesdesk.1"))?;
    main_page(top, keymap, &mut file)?;
    // Every command's page, and its own commands' (`import mail`), all the way down.
    fn pages(command: &clap::Command, dir: &Path, written: &mut usize) -> std::io::Result<()> {
        for command in command.get_subcommands().filter(|c| !c.is_hide_set()) {
            Man::new(command.clone()).generate_to(dir)?;
            *written += 1;
            pages(command, dir, written)?;
        }
        Ok(())
    }
    let mut written = 1;
    pages(top, dir, &mut written)?;
    Ok(format!(
        "Wrote {written} manual pages to {}: `man tiesdesk` reads the first once the folder is \
         on your MANPATH.\n",
        dir.display()
    ))
}

/// tiesdesk(1): clap's sections, then the app's keys, files, environment, examples and the
/// pages of the commands.
fn main_page(
    top: &clap::Command,
    keymap: &Keymap,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let man = Man::new(top.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    man.render_subcommands_section(out)?;
    let mut roff = Roff::default();
    keys_section(&mut roff, keymap);
    files_section(&mut roff);
    environment_section(&mut roff);
    examples_section(&mut roff);
    see_also_section(&mut roff, top);
    roff.to_writer(out)?;
    man.render_version_section(out)
}

/// A tagged paragraph: `term` in bold, then what it is.
fn entry(roff: &mut Roff, term: &str, text: &str) {
    roff.control("TP", [] as [&str; 0]);
    roff.text([bold(term)]);
    roff.text([roman(text)]);
}

fn keys_section(roff: &mut Roff, keymap: &Keymap) {
    roff.control("SH", ["KEYS"]);
    roff.text([roman(
        "With no command, tiesdesk opens the app. Its keys, screen by screen (rebind them in \
         config.toml under [keys.CONTEXT], by the action's name):",
    )]);
    for context in Context::ALL {
        roff.control("SS", [context.name()]);
        // Every key bound to an action on one line, in the keymap's order.
        let mut seen: Vec<(String, String, String)> = Vec::new();
        for binding in keymap.bindings(context) {
            let key = binding.key.label();
            match seen
                .iter_mut()
                .find(|(_, action, _)| *action == binding.action.name())
            {
                Some((keys, _, _)) => {
                    keys.push_str(", ");
                    keys.push_str(&key);
                }
                None => seen.push((key, binding.action.name(), binding.description.clone())),
            }
        }
        for (keys, action, description) in seen {
            roff.control("TP", [] as [&str; 0]);
            roff.text([bold(keys), roman(" ("), italic(action), roman(")")]);
            roff.text([roman(description)]);
        }
    }
}

fn files_section(roff: &mut Roff) {
    roff.control("SH", ["FILES"]);
    let database = crate::paths::database_path(None).map_or_else(
        |_| "tiesdesk.db in your data folder".into(),
        |p| p.display().to_string(),
    );
    let config = crate::paths::config_path().map_or_else(
        || "config.toml in your config folder".into(),
        |p| p.display().to_string(),
    );
    entry(
        roff,
        &database,
        "The database: one SQLite file, created 0600 in a 0700 folder (WAL mode; its -wal and \
         -shm files beside it). A schema upgrade copies it to a backup beside it first.",
    );
    entry(
        roff,
        "tiesdesk-demo.db",
        "The demo network (tiesdesk demo, or d on the first screen), beside the database; \
         never mixed with yours.",
    );
    entry(
        roff,
        &config,
        "The model's parameters, capture rules, your own addresses ([me] emails) and key \
         bindings; the defaults, each explained, are in assets/default-config.toml.",
    );
}

fn environment_section(roff: &mut Roff) {
    roff.control("SH", ["ENVIRONMENT"]);
    entry(roff, "TIESDESK_DB", "The database file, as --db gives it.");
    entry(
        roff,
        "TIESDESK_CONFIG",
        "The config file, instead of config.toml in the config folder.",
    );
    entry(
        roff,
        "TZ",
        "The zone whose days mail and meetings fall on, unless config.toml's capture.timezone \
         names one.",
    );
    entry(
        roff,
        "NO_COLOR",
        "Set and not empty: the app draws without colour.",
    );
    entry(
        roff,
        "COLUMNS",
        "The width tiesdesk today wraps its lines to.",
    );
}

fn examples_section(roff: &mut Roff) {
    roff.control("SH", ["EXAMPLES"]);
    for (command, what) in EXAMPLES {
        entry(roff, command, what);
    }
}

fn see_also_section(roff: &mut Roff, top: &clap::Command) {
    roff.control("SH", ["SEE ALSO"]);
    let pages: Vec<String> = (top.get_subcommands())
        .filter(|c| !c.is_hide_set())
        .map(|c| format!("tiesdesk-{}(1)", c.get_name()))
        .collect();
    roff.text([roman(pages.join(", "))]);
}
