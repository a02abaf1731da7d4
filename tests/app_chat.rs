//! A chat export imported from the app: told from the file, your name as chats show it
//! asked once (when the chat says none of its authors is you) and saved, the report's
//! authors added or attached by their chat handle.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::app::{TestApp, app};
use ratatui::crossterm::event::KeyCode;
use tiesdesk::app::forms::ImportForm;
use tiesdesk::app::import::ImportDone;
use tiesdesk::ops::{CaptureReport, Imported};

fn fixture(name: &str) -> String {
    let here = std::env::current_dir().unwrap();
    format!("{}/tests/fixtures/chat/{name}", here.display())
}

fn report(t: &TestApp) -> CaptureReport {
    let Some(done) = t.app.overlay_as::<ImportDone>() else {
        panic!("expected the report, got {:?}", t.app.overlay);
    };
    let Imported::Captured(report) = &done.report else {
        panic!("a chat gives a capture report");
    };
    report.clone()
}

#[test]
fn a_chat_asks_your_name_once_saves_it_and_captures() {
    let mut t = app(None);
    let config = t.dir.path().join("config.toml");
    t.app.config_path = Some(config.clone());
    t.app
        .desk
        .add(tiesdesk::model::PersonData::named("Noor Bakker"))
        .unwrap();
    t.app.reload().unwrap();
    t.char('i')
        .type_text(&fixture("whatsapp_android_nl.txt"))
        .press(KeyCode::Enter);
    t.finish_job();
    // No one in the chat is you yet: the form says whom it found.
    let Some(form) = t.app.overlay_as::<ImportForm>() else {
        panic!("the form should ask who you are, got {:?}", t.app.overlay);
    };
    let error = form.error.clone().unwrap_or_default();
    assert!(
        error.contains("is you? give your name") && error.contains("Femke de Wit"),
        "{error}"
    );
    t.press(KeyCode::Tab).press(KeyCode::Tab);
    t.type_text("Femke de Wit").press(KeyCode::Enter);
    t.finish_job();
    let captured = report(&t);
    assert_eq!((captured.read, captured.captured), (6, 4), "{captured:?}");
    assert!(
        t.screen().contains("6 messages · 4 captured with 1 person"),
        "{}",
        t.screen()
    );
    let saved = std::fs::read_to_string(&config).unwrap();
    assert!(saved.contains("names = [\"Femke de Wit\"]"), "{saved}");
    t.press(KeyCode::Esc);
    t.char('i');
    assert!(
        t.screen().contains("Femke de Wit (config.toml)"),
        "{}",
        t.screen()
    );
}

#[test]
fn a_chat_authors_row_is_added_by_their_number() {
    let mut t = app(None);
    let config = t.dir.path().join("config.toml");
    std::fs::write(&config, "[me]\nemails = []\nnames = [\"Priya Shah\"]\n").unwrap();
    t.app.config_path = Some(config);
    t.app.desk.config.me.names = vec!["Priya Shah".into()];
    t.char('i')
        .type_text(&fixture("whatsapp_android_en_gb.txt"))
        .press(KeyCode::Enter);
    t.finish_job();
    let first = report(&t);
    let rows: Vec<String> = first.waiting().map(|u| u.key().to_string()).collect();
    assert_eq!(
        rows,
        ["whatsapp:+447700900123", "whatsapp:Tom Hughes"],
        "{first:?}"
    );
    let screen = t.screen();
    assert!(
        screen.contains("+44 7700 900123 (whatsapp:+447700900123)"),
        "{screen}"
    );
    // `a` adds the first row: the number's person, with their days.
    t.char('a');
    t.finish_job();
    let again = report(&t);
    assert_eq!(again.added.len(), 1, "{again:?}");
    let added = t.app.desk.profile("+44 7700 900123").unwrap();
    assert_eq!(added.person.data.phones, ["+447700900123"]);
    assert_eq!(added.person.data.handles, ["whatsapp:+447700900123"]);
    assert_eq!(added.interactions.len(), 4);
}

#[test]
fn a_chat_authors_row_is_attached_to_someone_known_by_another_name() {
    let mut t = app(None);
    let config = t.dir.path().join("config.toml");
    std::fs::write(&config, "[me]\nemails = []\nnames = [\"Priya Shah\"]\n").unwrap();
    t.app.config_path = Some(config);
    t.app.desk.config.me.names = vec!["Priya Shah".into()];
    t.app
        .desk
        .add(tiesdesk::model::PersonData::named("Olu Ade"))
        .unwrap();
    t.app.reload().unwrap();
    t.char('i')
        .type_text(&fixture("whatsapp_android_en_gb.txt"))
        .press(KeyCode::Enter);
    t.finish_job();
    // The number is Olu's: `t` asks who it is, and Enter gives Olu the handle.
    t.char('t');
    assert!(
        t.screen()
            .contains("Who is whatsapp:+447700900123 in your chats?"),
        "{}",
        t.screen()
    );
    t.type_text("Olu").press(KeyCode::Enter);
    t.finish_job();
    let again = report(&t);
    assert_eq!(again.attached.len(), 1, "{again:?}");
    let olu = t.app.desk.profile("Olu Ade").unwrap();
    assert_eq!(olu.person.data.handles, ["whatsapp:+447700900123"]);
    assert_eq!(olu.interactions.len(), 4);
}
