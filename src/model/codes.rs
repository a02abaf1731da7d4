//! Stored enums as data: one table per enum gives each variant its name (as text columns, the
//! JSON document and the command line spell it) and its small code (as `contact` and the
//! history blobs store it). Listing, naming, parsing and decoding are derived from the table,
//! so a new kind or source is one line here, and the codes are written out, never positions:
//! reordering or adding a variant cannot change what stored data means.

/// Declares a stored enum: `Variant = ("name", code)`, one per line, in the order it is
/// listed to people. `what` names it in a refusal ("bad kind 'x': expected …").
macro_rules! stored_codes {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident ($what:literal) {
            $( $(#[$vmeta:meta])* $variant:ident = ($text:literal, $code:literal), )+
        }
    ) => {
        // Every stored enum is a plain value, ordered as listed; an enum adds what else it
        // needs (a default).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $(#[$meta])*
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every variant, in the order it is listed to people.
            pub const ALL: [$name; [$($code),+].len()] = [$($name::$variant),+];

            /// The name stored in text columns and the document, and typed by people.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )+
                }
            }

            /// The small integer stored in `contact` and the history blobs.
            pub fn code(self) -> u8 {
                match self {
                    $( $name::$variant => $code, )+
                }
            }

            pub fn from_code(code: i64) -> Option<$name> {
                match code {
                    $( $code => Some($name::$variant), )+
                    _ => None,
                }
            }

            /// The variant named `text` exactly (as stored).
            pub fn from_name(text: &str) -> Option<$name> {
                match text {
                    $( $text => Some($name::$variant), )+
                    _ => None,
                }
            }

            /// Every name, for a refusal or a help line: "meet, call, … or other".
            pub fn names() -> String {
                let names = [$($text),+];
                match names.split_last() {
                    Some((last, [])) => last.to_string(),
                    Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
                    None => String::new(),
                }
            }

            /// A refusal of `text` as one of these.
            pub fn refusal(text: &str) -> $crate::model::InvalidValue {
                $crate::model::InvalidValue::new(format!(
                    concat!("bad ", $what, " '{}': expected {}"),
                    text,
                    $name::names()
                ))
            }
        }

        /// Written and read by name, as text columns store it.
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                $name::from_name(&text)
                    .ok_or_else(|| serde::de::Error::custom($name::refusal(&text)))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub(crate) use stored_codes;

#[cfg(test)]
mod tests {
    use crate::model::{Direction, Kind, Source};

    /// What each code means on disk, frozen here: a database written by any tiesdesk holds
    /// these, so a table above that reused or moved one would fail before it reread anyone's
    /// history differently.
    #[test]
    fn stored_codes_never_change() {
        let kinds: Vec<(&str, u8)> = Kind::ALL.iter().map(|k| (k.as_str(), k.code())).collect();
        assert_eq!(
            kinds,
            [
                ("meet", 0),
                ("call", 1),
                ("message", 2),
                ("favour", 3),
                ("intro", 4),
                ("advice", 5),
                ("gift", 6),
                ("other", 7)
            ]
        );
        let directions: Vec<(&str, u8)> = Direction::ALL
            .iter()
            .map(|d| (d.as_str(), d.code()))
            .collect();
        assert_eq!(directions, [("gave", 0), ("received", 1), ("mutual", 2)]);
        for source in [
            "manual", "linkedin", "vcard", "google", "json", "mail", "calendar",
        ] {
            assert_eq!(Source::from_name(source).map(Source::as_str), Some(source));
        }
    }

    #[test]
    fn codes_and_names_go_both_ways_and_nothing_else_decodes() {
        for kind in Kind::ALL {
            assert_eq!(Kind::from_code(i64::from(kind.code())), Some(kind));
            assert_eq!(Kind::from_name(kind.as_str()), Some(kind));
        }
        let mut codes: Vec<u8> = Source::ALL.iter().map(|s| s.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Source::ALL.len(), "no code is used twice");
        // Tables indexed by code (the warmth points per kind) are KIND_COUNT long.
        let count = crate::model::interaction::KIND_COUNT;
        assert!(Kind::ALL.iter().all(|k| usize::from(k.code()) < count));
        assert_eq!(Kind::from_code(8), None);
        assert_eq!(Kind::from_code(-1), None);
        assert_eq!(Kind::from_name("Meet"), None, "stored names are exact");
        assert_eq!(
            Direction::refusal("up").to_string(),
            "bad direction 'up': expected gave, received or mutual"
        );
    }
}
