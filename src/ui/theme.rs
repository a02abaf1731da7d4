//! Colours, or none: `NO_COLOR` (https://no-color.org) turns every colour off and keeps only
//! bold, dim and reverse, so the screen still reads.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub title: Style,
    pub header: Style,
    pub dim: Style,
    pub selected: Style,
    pub due: Style,
    pub overdue: Style,
    pub kind: Style,
    pub warm: Style,
    pub key: Style,
    pub hint: Style,
    pub status: Style,
    pub error: Style,
    pub border: Style,
    pub focus: Style,
}

impl Theme {
    pub fn new(color: bool) -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let dim = Style::new().add_modifier(Modifier::DIM);
        let tint = |c: Color, base: Style| if color { base.fg(c) } else { base };
        Theme {
            title: tint(Color::Cyan, bold),
            header: tint(Color::Blue, bold),
            dim,
            selected: Style::new().add_modifier(Modifier::REVERSED),
            due: tint(Color::Yellow, Style::new()),
            overdue: tint(Color::Red, bold),
            kind: tint(Color::Magenta, Style::new()),
            warm: tint(Color::Green, Style::new()),
            key: tint(Color::Cyan, bold),
            hint: dim,
            status: tint(Color::Green, Style::new()),
            error: tint(Color::Red, bold),
            border: tint(Color::DarkGray, Style::new()),
            focus: tint(Color::Yellow, bold),
        }
    }
}
