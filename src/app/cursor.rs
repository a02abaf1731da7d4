//! The one cursor every scrolled list in the app has: where the selection is, how it moves
//! (a row, a page, to either end, never past the list), and which rows a window of some
//! height shows so the selection stays in view. A list that keeps a `Cursor` gets PageUp,
//! PageDown, Home and End from the keymap without a line of its own.

use std::ops::Range;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor(usize);

impl Cursor {
    pub fn new(at: usize) -> Cursor {
        Cursor(at)
    }

    /// The selected row.
    pub fn at(self) -> usize {
        self.0
    }

    /// Moves by `delta` rows within a list of `len` (a page is a large delta; `isize::MIN`
    /// and `isize::MAX` halves are the ends).
    pub fn step(&mut self, delta: isize, len: usize) {
        let last = len.saturating_sub(1) as isize;
        self.0 = (self.0 as isize).saturating_add(delta).clamp(0, last) as usize;
    }

    /// Keeps the selection within a list that became `len` rows long.
    pub fn keep_within(&mut self, len: usize) {
        self.0 = self.0.min(len.saturating_sub(1));
    }

    /// The rows of a list of `len` that `height` lines show, the selection among them, and,
    /// when not all fit, a last line saying where it is ("3 of 40 · 12 below").
    pub fn window(self, len: usize, height: usize) -> (Range<usize>, Option<String>) {
        if len <= height {
            return (0..len, None);
        }
        let rows = height.saturating_sub(1).max(1);
        let selected = self.0.min(len - 1);
        let start = (selected + 1).saturating_sub(rows).min(len - rows);
        let end = start + rows;
        let mut position = format!("{} of {len}", selected + 1);
        if start > 0 {
            position.push_str(&format!(" · {start} above"));
        }
        if end < len {
            position.push_str(&format!(" · {} below", len - end));
        }
        (start..end, Some(position))
    }
}

#[cfg(test)]
mod tests {
    use super::Cursor;

    #[test]
    fn it_moves_within_the_list_and_its_window_follows() {
        let mut cursor = Cursor::default();
        cursor.step(-1, 10);
        assert_eq!(cursor.at(), 0);
        cursor.step(isize::MAX / 2, 10);
        assert_eq!(cursor.at(), 9);
        cursor.step(-4, 10);
        assert_eq!(cursor.at(), 5);
        cursor.step(1, 0);
        assert_eq!(cursor.at(), 0, "an empty list has its cursor at the top");
        assert_eq!(Cursor::new(2).window(3, 5), (0..3, None));
        let (rows, said) = Cursor::new(9).window(20, 5);
        assert_eq!(rows, 6..10);
        assert_eq!(said.as_deref(), Some("10 of 20 · 6 above · 10 below"));
        let mut shrunk = Cursor::new(9);
        shrunk.keep_within(4);
        assert_eq!(shrunk.at(), 3);
    }
}
