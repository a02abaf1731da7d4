use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;
use tiesdesk::cli::{self, Cli, Output, WriteJson};
use tiesdesk::config::Config;
use tiesdesk::text::visible;

fn main() -> ExitCode {
    // A shell asking for completions (`COMPLETE=bash tiesdesk -- …`) is answered, and that
    // is all this run does.
    clap_complete::CompleteEnv::with_factory(<Cli as clap::CommandFactory>::command).complete();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return usage_error(&error),
    };
    let config_path = tiesdesk::paths::config_path();
    let config = match &config_path {
        Some(path) => Config::load(path),
        None => Ok(Config::default()),
    };
    let config_path = config_path.unwrap_or_else(|| "config.toml".into());
    // The clock is read here, at the edge, and nowhere else.
    let today = chrono::Local::now().date_naive();
    let data = cli.prints_data();
    let json = cli.prints_json();
    match config.and_then(|config| cli::run(cli, today, config, &config_path)) {
        Ok(Output::Text(output)) => write_output(&output, data, json),
        Ok(Output::Failed(output, error)) => {
            write_output(&output, data, json);
            eprintln!("tiesdesk: {}", visible(&error.explained()));
            ExitCode::FAILURE
        }
        Ok(Output::Json(write)) => stream_output(write),
        Err(error) => {
            // Messages quote names and file contents: never raw onto the terminal.
            eprintln!("tiesdesk: {}", visible(&error.explained()));
            ExitCode::FAILURE
        }
    }
}

/// Writes a command's output. A reader that stopped early (`| head`) is not an error.
/// Everything printed for a person has its control characters made visible, whatever it
/// quotes from the database or a file; an export's data is written as it is, unless it is
/// going to a terminal. A JSON document was made safe as it was written.
fn write_output(output: &str, data: bool, json: bool) -> ExitCode {
    use std::io::{IsTerminal, Write};
    let mut stdout = std::io::stdout().lock();
    if output.len() > 1 << 16 {
        room_in_the_pipe(&stdout);
    }
    let output = if json || (data && !stdout.is_terminal()) {
        std::borrow::Cow::Borrowed(output)
    } else {
        visible(output)
    };
    written(
        stdout
            .write_all(output.as_bytes())
            .and_then(|()| stdout.flush()),
    )
}

/// Writes a long JSON document onto the output as it is made.
fn stream_output(write: WriteJson) -> ExitCode {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    room_in_the_pipe(&stdout);
    written(write(&mut stdout).and_then(|()| stdout.flush()))
}

/// A long output into a pipe (`list --json | jq`) goes 64 KiB at a time, a switch to the
/// reader each: with room for a mebibyte, `list --json` at 30,000 people took 103 ms, not
/// 123. Stdout that is not a pipe, or a system that refuses, keeps what it has: nothing to
/// report.
fn room_in_the_pipe(stdout: &std::io::StdoutLock) {
    #[cfg(target_os = "linux")]
    let _ = rustix::pipe::fcntl_setpipe_size(stdout, 1 << 20);
    #[cfg(not(target_os = "linux"))]
    let _ = stdout;
}

/// How writing the output went, as the exit code.
fn written(result: std::io::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tiesdesk: cannot write the output: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Help and version print in full; a usage mistake is one line naming the problem.
fn usage_error(error: &clap::Error) -> ExitCode {
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = error.print();
        return ExitCode::SUCCESS;
    }
    // clap's first paragraph names the problem (sometimes over two lines); usage follows.
    let rendered = error.render().to_string();
    let problem: Vec<&str> = rendered
        .lines()
        .take_while(|line| !line.trim().is_empty())
        .map(str::trim)
        .collect();
    let problem = problem.join(" ");
    let problem = problem.strip_prefix("error: ").unwrap_or(&problem);
    // clap's "tip: a similar subcommand exists: 'list'" comes in a later paragraph.
    let tip = rendered
        .lines()
        .map(str::trim)
        .find_map(|line| line.strip_prefix("tip: "))
        .map(|tip| format!("; {tip}"))
        .unwrap_or_default();
    eprintln!(
        "tiesdesk: {}{} (see --help)",
        visible(problem),
        visible(&tip)
    );
    ExitCode::from(2)
}
