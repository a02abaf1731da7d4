//! The README's commands, run top to bottom on a fresh database through a real shell, as a
//! reader would paste them: every one must work as written. The files they name are put
//! where the README says (`~/Downloads/Connections.csv`, `phone.vcf`, a Takeout mbox, a
//! calendar export, a Maildir), from invented fixtures in the shapes real tools write.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

/// Every line of every `sh` block that runs tiesdesk, in the README's order (comments and
/// `cargo` lines left out: those build it).
fn readme_commands() -> Vec<String> {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let mut commands = Vec::new();
    let mut in_shell = false;
    for line in readme.lines() {
        if line.starts_with("```") {
            in_shell = !in_shell && line.trim() == "```sh";
            continue;
        }
        let line = line.trim();
        let first = line.split_whitespace().next().unwrap_or_default();
        if in_shell && matches!(first, "tiesdesk" | "command") {
            commands.push(line.to_string());
        }
    }
    commands
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn the_readme_commands_run_top_to_bottom_on_a_fresh_database() {
    let commands = readme_commands();
    assert!(commands.len() > 30, "found only {commands:?}");
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let fixtures = Path::new("tests/fixtures");
    let place = |from: &str, to: &str| {
        let to = home.join(to);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(fixtures.join(from), to).unwrap();
    };
    place("readme/Connections.csv", "Downloads/Connections.csv");
    place("readme/Connections.csv", "Connections.csv");
    place("readme/phone.vcf", "phone.vcf");
    place("mail/archive.mbox", "Takeout/Mail/All mail.mbox");
    place("calendar/work.ics", "calendar-export.ics");
    copy_tree(&fixtures.join("mail/Maildir"), &home.join("Mail"));
    // The chats "Your chats" imports: a WhatsApp chat from Android, a group from an iPhone, a
    // Telegram account export, an Instagram inbox.
    place(
        "chat/whatsapp_android_nl.txt",
        "WhatsApp Chat with Noor Bakker.txt",
    );
    place(
        "readme/book_club.zip",
        "Downloads/WhatsApp Chat - Book club.zip",
    );
    place(
        "chat/telegram_result.json",
        "Downloads/Telegram Desktop/DataExport_2024-03-06/result.json",
    );
    place(
        "readme/instagram_message_1.json",
        "Downloads/instagram-you/your_instagram_activity/messages/inbox/bjornaberg_1234/message_1.json",
    );
    // The folder a sync tool keeps, which "Sync between your machines" syncs through.
    std::fs::create_dir_all(home.join("Sync/ties")).unwrap();
    // tiesdesk on the PATH, as `cargo install` puts it.
    let binary = Path::new(env!("CARGO_BIN_EXE_tiesdesk"));
    let path = format!(
        "{}:{}",
        binary.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for command in &commands {
        let out = Command::new("sh")
            .arg("-c")
            .arg(command)
            .current_dir(home)
            .env("HOME", home)
            .env("PATH", &path)
            .env("TIESDESK_DB", home.join("tiesdesk.db"))
            .env("TIESDESK_CONFIG", home.join("config.toml"))
            .env("TZ", "UTC")
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "`{command}` failed:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // What they did is there: the merge folded Bram's second record into the first (and
    // importing the export again did not bring it back), the namesakes stayed two, and the
    // restore into new.db holds what the export held.
    let show = |db: &str, args: &[&str]| {
        let out = Command::new(binary)
            .arg("--db")
            .arg(home.join(db))
            .args(args)
            .env("TIESDESK_CONFIG", home.join("config.toml"))
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let bram = show("tiesdesk.db", &["list", "--search", "bram horvat"]);
    assert_eq!(bram.matches("Bram Horvat").count(), 1, "{bram}");
    let daan = show("tiesdesk.db", &["list", "--search", "daan vos"]);
    assert_eq!(daan.matches("Daan Vos").count(), 2, "{daan}");
    assert!(home.join("ties.json").exists() && home.join("dates.ics").exists());
    assert!(show("new.db", &["list", "--search", "bram"]).contains("Bram Horvat"));
}
