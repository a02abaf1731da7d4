use super::*;

fn texts(cards: &[RawCard]) -> Vec<&str> {
    cards.iter().map(|c| c.text.as_str()).collect()
}

fn remarks(card: &RawCard) -> Vec<&str> {
    card.remarks.iter().map(String::as_str).collect()
}

#[test]
fn a_card_without_end_is_ended_by_the_next_begin() {
    let file = b"BEGIN:VCARD\r\nFN:Ana\r\nBEGIN:VCARD\r\nFN:Bo\r\nEND:VCARD\r\n\
                 BEGIN:VCARD\r\nFN:Cy\r\nEND:VCARD\r\n";
    let cards = split(file, usize::MAX);
    assert_eq!(
        texts(&cards),
        [
            "BEGIN:VCARD\r\nFN:Ana\r\nEND:VCARD\r\n",
            "BEGIN:VCARD\r\nFN:Bo\r\nEND:VCARD\r\n",
            "BEGIN:VCARD\r\nFN:Cy\r\nEND:VCARD\r\n",
        ]
    );
    assert_eq!(cards.iter().map(|c| c.line).collect::<Vec<_>>(), [1, 3, 6]);
    assert_eq!(
        remarks(&cards[0]),
        [
            "the card that begins at line 1 has no END:VCARD before the next card (line 3): \
          imported with what it holds"
        ]
    );
    assert!(cards[1].remarks.is_empty() && cards[2].remarks.is_empty());
}

#[test]
fn an_agent_card_is_a_property_not_the_end() {
    let file = b"BEGIN:VCARD\nVERSION:2.1\nN:Doe;Jo\nAGENT:\nBEGIN:VCARD\nVERSION:2.1\n\
                 N:Friday;Fred\nEMAIL:fred@example.org\nEND:VCARD\nEMAIL:jo@example.org\n\
                 END:VCARD\n";
    let cards = split(file, usize::MAX);
    assert_eq!(
        texts(&cards),
        ["BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;Jo\r\nEMAIL:jo@example.org\r\nEND:VCARD\r\n"]
    );
    assert!(cards[0].remarks.is_empty());
}

#[test]
fn a_cut_off_last_card_follows_the_same_rule() {
    let cards = split(
        b"BEGIN:VCARD\nFN:Ana\nEND:VCARD\nBEGIN:VCARD\nFN:Bo\nEMAIL:bo@exa",
        usize::MAX,
    );
    assert_eq!(
        texts(&cards),
        [
            "BEGIN:VCARD\r\nFN:Ana\r\nEND:VCARD\r\n",
            "BEGIN:VCARD\r\nFN:Bo\r\nEND:VCARD\r\n",
        ]
    );
    // The line the file was cut in is left out: it would be half an address.
    assert_eq!(
        remarks(&cards[1]),
        [
            "its last line (line 6) was cut off and is left out",
            "the file ends inside the card that begins at line 4 (no END:VCARD: is it cut \
             off?): imported with what it holds"
        ]
    );
    // Cut between two lines, every line is whole and kept.
    let cards = split(b"BEGIN:VCARD\nFN:Bo\nEMAIL:bo@example.org\n", usize::MAX);
    assert_eq!(
        texts(&cards),
        ["BEGIN:VCARD\r\nFN:Bo\r\nEMAIL:bo@example.org\r\nEND:VCARD\r\n"]
    );
    assert_eq!(cards[0].remarks.len(), 1);
    // A last END:VCARD without a line break after it is whole.
    assert!(
        split(b"BEGIN:VCARD\nFN:Bo\nEND:VCARD", usize::MAX)[0]
            .remarks
            .is_empty()
    );
}

#[test]
fn lines_between_cards_and_folded_lines() {
    // Unfolding takes away the line break and the one space or tab after it, no more.
    let cards = split(
        b"junk\nBEGIN:VCARD\nNOTE:one\n  two\n\tthree\nEND:VCARD\nmore junk\n",
        usize::MAX,
    );
    assert_eq!(
        texts(&cards),
        ["BEGIN:VCARD\r\nNOTE:one twothree\r\nEND:VCARD\r\n"]
    );
    assert!(split(b"no cards here\n", usize::MAX).is_empty());
}

fn one_property(line: &[u8]) -> (String, Vec<String>) {
    let mut file = b"BEGIN:VCARD\r\n".to_vec();
    file.extend_from_slice(line);
    file.extend_from_slice(b"\r\nEND:VCARD\r\n");
    let mut cards = split(&file, usize::MAX);
    assert_eq!(cards.len(), 1);
    let card = cards.remove(0);
    let property = card
        .text
        .strip_prefix("BEGIN:VCARD\r\n")
        .and_then(|t| t.strip_suffix("\r\nEND:VCARD\r\n"))
        .unwrap()
        .to_string();
    (property, card.remarks.into_iter().collect())
}

#[test]
fn charsets_named_by_the_property_are_honoured() {
    // Raw 8-bit text in windows-1251.
    let (line, remarks) =
        one_property(b"N;CHARSET=windows-1251:\xCF\xF3\xEF\xEA\xE8\xED;\xC2\xE0\xF1\xFF");
    assert_eq!(line, "N:Пупкин;Вася");
    assert!(remarks.is_empty());
    // The same in quoted-printable.
    let (line, _) = one_property(
        b"N;CHARSET=WINDOWS-1251;ENCODING=QUOTED-PRINTABLE:=CF=F3=EF=EA=E8=ED;=C2=E0=F1=FF",
    );
    assert_eq!(line, "N:Пупкин;Вася");
    // Shift_JIS in quoted-printable, vCard 2.1's bare parameter.
    let (line, _) = one_property(b"FN;CHARSET=Shift_JIS;QUOTED-PRINTABLE:=93=FA=96=7B");
    assert_eq!(line, "FN:日本");
    // KOI8-R, raw.
    let (line, _) = one_property(b"FN;CHARSET=KOI8-R:\xE9\xD7\xC1\xCE");
    assert_eq!(line, "FN:Иван");
}

#[test]
fn quoted_printable_without_a_charset_is_utf8_when_it_can_be() {
    let (line, remarks) = one_property(b"FN;ENCODING=QUOTED-PRINTABLE:=D0=98=D0=B2=D0=B0=D0=BD");
    assert_eq!((line.as_str(), remarks.len()), ("FN:Иван", 0));
    let (line, _) = one_property(b"FN;ENCODING=QUOTED-PRINTABLE:=C4=9B=C5=A1=C4=8D");
    assert_eq!(line, "FN:ěšč");
    // Not UTF-8: Windows-1252, said so.
    let (line, remarks) = one_property(b"FN;ENCODING=QUOTED-PRINTABLE:Jos=E9");
    assert_eq!(line, "FN:José");
    assert_eq!(
        remarks,
        ["FN is not UTF-8 and names no charset: read as Windows-1252 (Western)"]
    );
}

#[test]
fn quoted_printable_keeps_the_value_structure_and_soft_line_breaks() {
    // A semicolon inside a component (=3B), a line break in a note, a soft line break.
    let (line, _) = one_property(b"N;ENCODING=QUOTED-PRINTABLE:Doe=3BSmith;Jo");
    assert_eq!(line, "N:Doe\\;Smith;Jo");
    let (line, _) = one_property(b"NOTE;ENCODING=QUOTED-PRINTABLE:one=0D=0Atwo, =\r\nthree");
    // A comma written as such separates values, as calcard would read it.
    assert_eq!(line, "NOTE:one\\ntwo, three");
}

#[test]
fn text_that_only_looks_quoted_printable_is_decoded_and_said() {
    let (line, remarks) = one_property(b"FN:=D0=A8=D1=83=D1=80=D0=B0");
    assert_eq!(line, "FN:Шура");
    assert_eq!(
        remarks,
        ["FN looks quoted-printable though it does not say so: decoded"]
    );
    // An equals sign that is no escape, or escapes that are not UTF-8, are left alone.
    for text in [
        "URL:https://example.org/?a=1&b=2",
        "NOTE:x=41",
        "NOTE:=E9t=E9",
    ] {
        let (line, remarks) = one_property(text.as_bytes());
        assert_eq!((line.as_str(), remarks.len()), (text, 0));
    }
}

#[test]
fn raw_text_that_is_not_utf8_is_read_as_windows_1252_and_said() {
    let (line, remarks) = one_property(b"item1.ORG:Caf\xE9 Ni\xF1o");
    assert_eq!(line, "item1.ORG:Café Niño");
    assert_eq!(
        remarks,
        ["ORG is not UTF-8 and names no charset: read as Windows-1252 (Western)"]
    );
    let (line, remarks) = one_property(b"FN;CHARSET=x-klingon:Ana");
    assert_eq!(line, "FN:Ana");
    assert_eq!(
        remarks,
        ["FN names a charset tiesdesk does not know (X-KLINGON): read as UTF-8 or Windows-1252"]
    );
}

#[test]
fn splitting_stops_one_card_past_the_limit() {
    let file: String = (0..5)
        .map(|i| format!("BEGIN:VCARD\nFN:P{i}\nEND:VCARD\n"))
        .collect();
    let cards = split(file.as_bytes(), 2);
    assert_eq!(cards.len(), 3, "one past the limit says the file has more");
    assert!(cards[2].text.contains("FN:P2"));
    assert_eq!(split(file.as_bytes(), 5).len(), 5);
}
