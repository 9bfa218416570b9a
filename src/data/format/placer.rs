//! Where a problem is, in terms a reader can follow. Every problem carries the
//! bytes of the file it is about (its span, counted after any byte-order mark),
//! its record and the field inside it; this module is the one place that turns
//! a span into a line and a column, and, for errors of syntax, quotes the line
//! with a caret under the column. Lines are counted once, in order, by one
//! counter ([`LineCount`]) that follows a text whole or a window at a time as
//! the streaming reader lets its blocks go; a problem is placed from the
//! nearest place already known (the start of the file, of an event, of the
//! text after the events), never by counting the file again.

use std::ops::Range;

use crate::data::format::problem::{Problem, Record, TextPosition};

/// Characters in UTF-8 `bytes`: the bytes that do not continue a character.
pub fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// Lines and columns of a text read in order: whole, or through a window that
/// moves forward (`window` holds the text from byte `window_start` on).
/// Offsets are asked for in increasing order; each stretch is counted once.
#[derive(Clone, Copy, Debug)]
pub struct LineCount {
    /// Bytes counted so far.
    counted: u64,
    /// The line `counted` is on, from 1.
    line: usize,
    /// Where that line begins.
    line_start: u64,
    /// Characters of that line already let go from the front of the window.
    carry: usize,
    /// The column of `line_start`, from 1 (above 1 when the text counted
    /// begins inside a line).
    first_column: usize,
}

impl LineCount {
    /// A count from the start of a text.
    pub fn new() -> Self {
        Self::from(0, TextPosition { line: 1, column: 1 })
    }

    /// A count of a text whose byte `start` is at `origin` in the file: a part
    /// of the file placed already.
    pub fn from(start: u64, origin: TextPosition) -> Self {
        Self {
            counted: start,
            line: origin.line,
            line_start: start,
            carry: 0,
            first_column: origin.column,
        }
    }

    /// The line and column of byte `at`, not before the last one asked for;
    /// `window` holds the text from `window_start` up to `at` at least.
    pub fn position(&mut self, window: &[u8], window_start: u64, at: u64) -> TextPosition {
        let index = |offset: u64| {
            usize::try_from(offset.saturating_sub(window_start))
                .unwrap_or(usize::MAX)
                .min(window.len())
        };
        let at = at.max(self.counted);
        let stretch = &window[index(self.counted)..index(at)];
        let breaks = memchr::memchr_iter(b'\n', stretch).count();
        if let Some(last) = memchr::memrchr(b'\n', stretch) {
            self.line += breaks;
            self.line_start = self.counted + last as u64 + 1;
            self.carry = 0;
            self.first_column = 1;
        }
        self.counted = at;
        let on_line = &window[index(self.line_start.max(window_start))..index(at)];
        TextPosition {
            line: self.line,
            column: self.first_column + self.carry + count_chars(on_line),
        }
    }

    /// Before the window lets go of its text up to `new_start`: counts up to
    /// there and keeps the characters of the current line that go with it.
    pub fn let_go(&mut self, window: &[u8], window_start: u64, new_start: u64) {
        self.position(window, window_start, new_start);
        let from = self.line_start.max(window_start);
        if from < new_start {
            let index = |offset: u64| {
                usize::try_from(offset - window_start)
                    .unwrap_or(usize::MAX)
                    .min(window.len())
            };
            self.carry += count_chars(&window[index(from)..index(new_start)]);
        }
    }
}

impl Default for LineCount {
    fn default() -> Self {
        Self::new()
    }
}

/// Places every problem not placed yet whose span starts in `text`, which is
/// the file's bytes from `start` on, with `start` at `origin`: line and column
/// of its span's start, and for errors of syntax the line with a caret. The
/// text is counted once, in the order of the spans.
pub fn place_in_text(problems: &mut [Problem], text: &[u8], start: u64, origin: TextPosition) {
    let end = start + text.len() as u64;
    let mut order: Vec<usize> = (0..problems.len())
        .filter(|&i| {
            problems[i].position.is_none()
                && problems[i]
                    .span
                    .as_ref()
                    .is_some_and(|s| (start..=end).contains(&s.start))
        })
        .collect();
    order.sort_by_key(|&i| problems[i].span.as_ref().map(|s| s.start));
    let mut count = LineCount::from(start, origin);
    for i in order {
        let Some(at) = problems[i].span.as_ref().map(|s| s.start) else {
            continue;
        };
        let position = count.position(text, start, at);
        problems[i].position = Some(position);
        if problems[i].shows_line {
            problems[i].excerpt = quote_line(text, start, at, position);
        }
    }
}

/// Places problems about rows of an imported table on their lines (a table's
/// problems name their row's line, not a span of bytes).
pub fn place_on_lines(problems: &mut [Problem], line_of: impl Fn(&Problem) -> Option<u64>) {
    for problem in problems.iter_mut().filter(|p| p.position.is_none()) {
        let line = match &problem.record {
            Some(Record::Row { line, .. }) => Some(*line),
            _ => line_of(problem),
        };
        if let Some(line) = line.filter(|&line| line > 0) {
            problem.position = Some(TextPosition {
                line: usize::try_from(line).unwrap_or(usize::MAX),
                column: 1,
            });
        }
    }
}

/// The line of `text` (the file from byte `start`) holding byte `at`, shown as
/// `position`'s line with a caret under its column: from where the line
/// begins in `text` (or where `text` begins, when the line began before it).
fn quote_line(text: &[u8], start: u64, at: u64, position: TextPosition) -> Option<String> {
    let at = usize::try_from(at.checked_sub(start)?)
        .ok()?
        .min(text.len());
    let from = memchr::memrchr(b'\n', &text[..at]).map_or(0, |n| n + 1);
    let to = memchr::memchr(b'\n', &text[at..]).map_or(text.len(), |n| at + n);
    let content = String::from_utf8_lossy(&text[from..to]);
    let column = count_chars(&text[from..at]) + 1;
    Some(excerpt_line(
        content.trim_end_matches('\r'),
        position.line,
        column,
    ))
}

/// `content`, shown as line `line` of the file, with a caret under `column` of
/// `content` (1-based); at most 120 characters around the caret.
pub fn excerpt_line(content: &str, line: usize, column: usize) -> String {
    const MAX: usize = 120;
    // Only the characters around the column are collected: a line may be
    // hundreds of megabytes long.
    let col = column.saturating_sub(1);
    let start = col.saturating_sub(MAX / 2);
    let shown: String = content
        .chars()
        .skip(start)
        .take(MAX)
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    let col = col.min(start + shown.chars().count());
    let gutter = format!("{line:>5} | ");
    let lead = if start > 0 { "…" } else { "" };
    let caret_pad =
        " ".repeat(gutter.len() - 2) + "| " + &" ".repeat(col - start + lead.chars().count());
    format!("{gutter}{lead}{shown}\n{caret_pad}^")
}

/// The span from `start` to the end of the value that begins there in `bytes`
/// (the value's own start when it cannot be read to its end), moved by `base`.
pub fn value_span(bytes: &[u8], start: usize, base: u64) -> Range<u64> {
    let end = crate::data::format::lexer::value_end(bytes, start).unwrap_or(start);
    base + start as u64..base + end.max(start) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_that_moves_counts_each_line_once() {
        let text = "ab\ncdé\nfgh";
        let bytes = text.as_bytes();
        let mut whole = LineCount::new();
        let mut moving = LineCount::new();
        // The moving count sees the text two bytes at a time.
        let mut window_start = 0u64;
        for at in 0..=bytes.len() as u64 {
            let expected = whole.position(bytes, 0, at);
            let window = &bytes[window_start as usize..];
            assert_eq!(
                moving.position(window, window_start, at),
                expected,
                "at {at}"
            );
            if at >= window_start + 2 {
                moving.let_go(window, window_start, at);
                window_start = at;
            }
        }
        let mut count = LineCount::new();
        assert_eq!(
            count.position(bytes, 0, 7),
            TextPosition { line: 2, column: 4 }
        );
        assert_eq!(
            count.position(bytes, 0, 9),
            TextPosition { line: 3, column: 2 }
        );
    }

    #[test]
    fn a_part_of_a_file_is_counted_from_where_it_begins() {
        let mut count = LineCount::from(100, TextPosition { line: 7, column: 5 });
        let part = b"xy\nz";
        assert_eq!(
            count.position(part, 100, 102),
            TextPosition { line: 7, column: 7 }
        );
        assert_eq!(
            count.position(part, 100, 104),
            TextPosition { line: 8, column: 2 }
        );
    }
}
