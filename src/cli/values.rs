//! How `--help` lists kinds and sizes, with the spellings people also type.

use crate::model::{Kind, Size};

/// Kinds as `--help` lists them, with the spellings people also type.
impl clap::ValueEnum for Kind {
    fn value_variants<'a>() -> &'a [Self] {
        &Kind::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let words = self.words();
        let value = clap::builder::PossibleValue::new(self.as_str()).aliases(words.aliases);
        Some(if words.help.is_empty() {
            value
        } else {
            value.help(words.help)
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
