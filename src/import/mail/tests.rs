use super::*;
use crate::import::capture::Correspondent;
use crate::model::date::parse_iso_date;

fn reader(me: &Me) -> Reader<'_> {
    Reader {
        parser: MessageParser::new(),
        me,
        rules: MailRules {
            max_recipients: 3,
            today: parse_iso_date("2026-12-03").unwrap(),
            zone: crate::model::UserZone::default(),
        },
        log: MailLog::default(),
        done: 0,
    }
}

fn me() -> Me {
    Me::new(&["Me@Example.org".to_string()])
}

fn read(headers: &str) -> std::result::Result<Exchange, Skip> {
    let me = me();
    let mut reader = reader(&me);
    reader.exchange(headers.as_bytes(), None)
}

#[test]
fn a_message_you_sent_is_given_to_each_to_and_cc() {
    let me = me();
    let mut reader = reader(&me);
    let sent = reader
        .exchange(
            b"From: Me <me@example.org>\r\nTo: Ana <Ana@x.org>, me@example.org\r\n\
              Cc: =?UTF-8?B?QnLDuG5kIMOYc3Rlcg==?= <bo@y.org>\r\nBcc: secret@z.org\r\n\
              Date: Tue, 1 Dec 2026 23:30:00 -0800\r\nMessage-ID: <m1@x>\r\n\r\n",
            None,
        )
        .unwrap();
    assert_eq!(sent.direction, Direction::Gave);
    assert_eq!(sent.id, "m1@x");
    // The user's day (UTC here), not the sender's: 23:30 in California is the next morning.
    assert_eq!(sent.day, parse_iso_date("2026-12-02").unwrap());
    let with: Vec<_> = sent
        .with
        .iter()
        .map(|&i| reader.log.addresses.list[i as usize].clone())
        .collect();
    assert_eq!(
        with,
        vec![
            Correspondent::mail("ana@x.org".into(), Some("Ana".into())),
            Correspondent::mail("bo@y.org".into(), Some("Brønd Øster".into())),
        ]
    );
}

#[test]
fn a_message_someone_sent_you_is_received_from_them() {
    let got = read(
        "From: \"Ana Lima\" <ana@x.org>\nTo: me@example.org\nDate: 2 Nov 2026 10:00 +0100\n\
         Message-ID: <r1@x>\n\n",
    )
    .unwrap();
    assert_eq!(got.direction, Direction::Received);
    assert_eq!(got.with, vec![0]);
}

#[test]
fn automated_bulk_and_filtered_mail_is_skipped_with_its_reason() {
    let base = "From: Ana <ana@x.org>\nTo: me@example.org\nDate: 2 Nov 2026 10:00 +0100\n";
    let cases = [
        ("List-Id: <team.lists.x.org>\n", Skip::Automated),
        ("List-Unsubscribe: <mailto:u@x.org>\n", Skip::Automated),
        ("Precedence: bulk\n", Skip::Automated),
        ("Auto-Submitted: auto-replied\n", Skip::Automated),
        ("X-Gmail-Labels: Inbox,Spam\n", Skip::SpamOrTrash),
        ("X-Gmail-Labels: Trash\n", Skip::SpamOrTrash),
    ];
    for (extra, skip) in cases {
        assert_eq!(read(&format!("{base}{extra}\n")), Err(skip), "{extra}");
    }
    assert!(
        read(&format!(
            "{base}Auto-Submitted: no\nX-Gmail-Labels: Inbox\n\n"
        ))
        .is_ok()
    );
    for sender in [
        "no-reply@shop.example",
        "MAILER-DAEMON@x.org",
        "notifications@github.example",
    ] {
        let text = format!("From: {sender}\nTo: me@example.org\nDate: 2 Nov 2026 10:00 +0100\n\n");
        assert_eq!(read(&text), Err(Skip::NoReply), "{sender}");
    }
}

#[test]
fn broadcasts_self_mail_and_undated_mail_are_skipped() {
    let many = "From: me@example.org\nTo: a@x.org, b@x.org, c@x.org, d@x.org\n\
                Date: 2 Nov 2026 10:00 +0100\n\n";
    assert_eq!(read(many), Err(Skip::Broadcast));
    let bcc_only = "From: me@example.org\nBcc: a@x.org\nDate: 2 Nov 2026 10:00 +0100\n\n";
    assert_eq!(read(bcc_only), Err(Skip::OnlyYou));
    assert_eq!(
        read("From: a@x.org\nTo: me@example.org\nDate: someday\n\n"),
        Err(Skip::NoDate)
    );
    assert_eq!(
        read("From: a@x.org\nTo: me@example.org\nDate: 2 Nov 2031 10:00 +0100\n\n"),
        Err(Skip::Future)
    );
    assert_eq!(read("To: me@example.org\n\n"), Err(Skip::NoSender));
}

#[test]
fn a_missing_date_falls_back_to_delivery_and_a_missing_id_is_stable() {
    let me = me();
    let text = b"From: a@x.org\nTo: me@example.org\n\n";
    let first = reader(&me).exchange(text, Some(1_764_000_000)).unwrap();
    let again = reader(&me).exchange(text, Some(1_764_000_000)).unwrap();
    assert_eq!(first.day, parse_iso_date("2025-11-24").unwrap());
    assert!(first.id.starts_with("tiesdesk-"));
    assert_eq!(first.id, again.id);
}

#[test]
fn the_same_message_twice_counts_once() {
    let me = me();
    let mut reader = reader(&me);
    let text =
        b"From: a@x.org\nTo: me@example.org\nDate: 2 Nov 2026 10:00 +0100\nMessage-ID: <x@y>\n\n";
    // The sink knows the ids it was given (the capture's stage does); the reader counts a
    // second copy as skipped.
    let mut ids = HashSet::new();
    let mut sink = |exchange: Exchange| Ok(ids.insert(exchange.id));
    reader
        .message(text, Header::Whole, None, &mut sink)
        .unwrap();
    reader
        .message(text, Header::Whole, None, &mut sink)
        .unwrap();
    assert_eq!(reader.log.read, 2);
    assert_eq!(ids.len(), 1);
    assert_eq!(reader.log.skipped.get(&Skip::Again), Some(&1));
}

#[test]
fn hostile_names_and_addresses_never_carry_controls() {
    let me = me();
    let mut reader = reader(&me);
    let got = reader
        .exchange(
            "From: \"\u{1b}]0;owned\u{7}Eve\u{1b}[2J\" <eve@x.org>\nTo: me@example.org\n\
             Date: 2 Nov 2026 10:00 +0100\n\n"
                .as_bytes(),
            None,
        )
        .unwrap();
    let eve = &reader.log.addresses.list[got.with[0] as usize];
    let name = eve.name.as_deref().unwrap();
    assert!(!name.chars().any(crate::text::is_unsafe), "{name:?}");
    assert!(name.contains("Eve"));
    // An address with a control in it is no address: the message has no sender.
    assert_eq!(
        read("From: <ev\u{1b}il@x.org>\nTo: me@example.org\nDate: 2 Nov 2026 10:00 +0100\n\n"),
        Err(Skip::NoSender)
    );
}
