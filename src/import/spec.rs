//! What a source is, in words: the one shape every source's entry has.

/// What a source is, for the command line, the import form, the progress and the report.
#[derive(Debug, Clone, Copy)]
pub struct SourceSpec {
    /// The short name, as the command line spells it.
    pub name: &'static str,
    /// How a person would call it (the import form).
    pub label: &'static str,
    /// One line of help for the command line.
    pub help: &'static str,
    /// What the reader counts as it goes: "rows", "cards", "bytes", "files".
    pub unit: &'static str,
    /// What the saving counts: people, or the messages and occurrences read.
    pub items: &'static str,
    /// Whether it needs the user's own address to tell what they sent or organised.
    pub needs_me: bool,
}
