//! How `--help` lists kinds and sizes, with the spellings people also type.

use crate::model::{Kind, Size};

/// Kinds as `--help` lists them, with the spellings people also type.
impl clap::ValueEnum for Kind {
    fn value_variants<'a>() -> &'a [Self] {
        &Kind::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let value = clap::builder::PossibleValue::new(self.as_str());
        Some(match self {
            Kind::Meet => value.aliases(["met", "meeting"]).help("met in person"),
            Kind::Call => value.help("a call, video or phone"),
            Kind::Message => value.help("a message or an e-mail"),
            Kind::Favour => value.alias("favor").help("a favour done"),
            Kind::Intro => value.help("an introduction"),
            Kind::Advice => value.help("advice given"),
            Kind::Gift => value.help("a gift"),
            Kind::Other => value,
        })
    }
}

/// Sizes as `--help` lists them.
impl clap::ValueEnum for Size {
    fn value_variants<'a>() -> &'a [Self] {
        &Size::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let value = match self {
            Size::Small => "1",
            Size::Hour => "2",
            Size::Major => "4",
        };
        Some(clap::builder::PossibleValue::new(value).help(self.describe()))
    }
}
