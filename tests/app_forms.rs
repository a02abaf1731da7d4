//! The app's forms and their fields: completion of names, dates typed and refused, the
//! readline keys, the kind list.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::app::app;
use ratatui::crossterm::event::KeyCode;
use tiesdesk::app::forms::LogForm;
use tiesdesk::app::forms::PersonForm;

#[test]
fn l_logs_with_anyone_by_name_with_completion() {
    let mut t = app(None);
    t.char('a').type_text("Ana Lima").press(KeyCode::Enter);
    t.char('a').type_text("Bram de Vries").press(KeyCode::Enter);
    t.char('l').type_text("bra");
    match t.app.overlay_as::<LogForm>() {
        Some(form) => assert_eq!(
            form.people.suggestions.first().map(|s| s.name.as_str()),
            Some("Bram de Vries")
        ),
        other => panic!("expected the log form, got {other:?}"),
    }
    t.type_text(", ana").press(KeyCode::Enter);
    assert_eq!(
        t.app.status.as_deref(),
        Some("Met Bram de Vries and Ana Lima · u to undo")
    );
    assert_eq!(t.app.histories, t.app.desk.histories().unwrap());
    // An unknown name keeps the form open with the reason.
    t.char('l').type_text("zelda").press(KeyCode::Enter);
    match t.app.overlay_as::<LogForm>() {
        Some(form) => assert!(
            form.error
                .as_deref()
                .unwrap()
                .contains("no one matches 'zelda'")
        ),
        other => panic!("expected the log form to stay, got {other:?}"),
    }
    t.press(KeyCode::Esc);
    assert!(t.app.overlay.is_none());
    assert_eq!(t.app.desk.holdings().unwrap().interactions.len(), 1);
}

#[test]
fn a_bad_date_is_refused_in_the_form() {
    let mut t = app(None);
    t.char('a').type_text("Ana Lima").press(KeyCode::Enter);
    // The form opens on "kind" (the person is known); "when" is two fields on.
    t.char('m').press(KeyCode::Tab).press(KeyCode::Tab);
    t.type_text("x").press(KeyCode::Enter);
    match t.app.overlay_as::<LogForm>() {
        Some(form) => assert!(
            form.error.as_deref().unwrap().starts_with("bad date 'x'"),
            "typing replaced the suggested 'today'"
        ),
        other => panic!("expected the log form to stay, got {other:?}"),
    }
    assert!(t.app.desk.holdings().unwrap().interactions.is_empty());
}

/// Typing over a suggested date replaces it; the error about a bad date goes when it changes.
#[test]
fn typing_over_a_suggested_date_replaces_it() {
    let mut t = app(Some(100));
    t.char('g').press(KeyCode::Tab).press(KeyCode::Tab);
    let Some(form) = t.app.overlay_as::<LogForm>() else {
        panic!("the log form should be open");
    };
    assert_eq!(form.field, tiesdesk::app::forms::LogField::Date);
    t.type_text("zz").press(KeyCode::Enter);
    let Some(form) = t.app.overlay_as::<LogForm>() else {
        panic!("a bad date keeps the form open");
    };
    assert_eq!(form.date.value(), "zz", "typing replaced 'today'");
    assert!(form.error.is_some());
    t.press(KeyCode::Backspace)
        .press(KeyCode::Backspace)
        .type_text("-2d");
    let Some(form) = t.app.overlay_as::<LogForm>() else {
        panic!("the form should be open");
    };
    assert_eq!(form.date.value(), "-2d");
    assert!(form.error.is_none(), "the error went with the change");
    t.press(KeyCode::Enter);
    assert!(t.app.overlay.is_none(), "a good date saves");
}

#[test]
fn an_ambiguous_name_in_the_log_form_is_explained_in_full() {
    let mut t = app(Some(600));
    t.char('l').type_text("ana").press(KeyCode::Enter);
    let error = match t.app.overlay_as::<LogForm>() {
        Some(form) => form.error.clone().unwrap_or_default(),
        other => panic!("the form stays open: {other:?}"),
    };
    assert_eq!(
        error,
        "'ana' is more than one person: tab completes the one you mean"
    );
    // The people it could be are offered, to choose from.
    let form = t.app.overlay_as::<LogForm>().unwrap();
    assert!(form.people.suggestions.len() > 1, "{:?}", form.people);
    let screen = t.screen();
    // Every word of the message is on screen: it wraps in a taller box instead of being cut.
    for word in error.split_whitespace() {
        assert!(
            screen.contains(word),
            "{word:?} of {error:?} is not on:\n{screen}"
        );
    }
}

/// Text fields take the readline keys: Ctrl-W a word back, Ctrl-U the line, Ctrl-A/E the
/// ends, Alt-B/F a word back and on (terminals send Alt as Alt).
#[test]
fn text_fields_take_the_readline_keys() {
    use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
    let mut t = app(None);
    t.char('a').type_text("Ana Lima Silva");
    let name = |t: &common::app::TestApp| {
        t.app.overlay_as::<PersonForm>().unwrap().inputs[0]
            .value()
            .to_string()
    };
    t.ctrl('w');
    assert_eq!(name(&t), "Ana Lima ");
    t.ctrl('a').type_text("Dr ");
    assert_eq!(name(&t), "Dr Ana Lima ");
    t.ctrl('e').type_text("Sá");
    assert_eq!(name(&t), "Dr Ana Lima Sá");
    let alt = |t: &mut common::app::TestApp, c| {
        t.app
            .handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT));
    };
    alt(&mut t, 'b');
    t.type_text("de ");
    assert_eq!(name(&t), "Dr Ana Lima de Sá");
    t.ctrl('u');
    assert_eq!(name(&t), "", "Ctrl-U clears the field");
    assert!(t.app.overlay_as::<PersonForm>().is_some(), "the form stays");
    // Ctrl-C is still the keymap's: it closes the form (nothing typed).
    t.ctrl('c');
    assert!(t.app.overlay.is_none());
}

#[test]
fn the_kind_field_shows_every_kind_to_choose_from() {
    let mut t = app(Some(40));
    t.char('g');
    let screen = t.screen();
    assert!(
        screen.contains("meet  call  message  favour  intro  advice  gift  other"),
        "{screen}"
    );
    // Off the kind field, the line says what the field wants instead.
    t.press(KeyCode::Tab);
    assert!(!t.screen().contains("advice  gift"), "{}", t.screen());
}
