//! Finds where each record of a dataset file starts, so that problems found after
//! parsing can name a line and column.
//!
//! The scan is a single pass over the text that understands just enough RON
//! (strings, raw strings, comments, brackets and field names) to tell where each
//! element of the top-level `sources`, `actors`, `events` and `control` lists
//! begins, and where each point of each control series begins. It never fails:
//! on text it does not understand it simply finds fewer records.

/// A 1-based line and column (columns count characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TextPosition {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

/// Start positions of the records in a dataset file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceMap {
    /// Start of each element of `sources`.
    pub sources: Vec<TextPosition>,
    /// Start of each element of `actors`.
    pub actors: Vec<TextPosition>,
    /// Start of each element of `events`.
    pub events: Vec<TextPosition>,
    /// Start of each element of `control`.
    pub series: Vec<TextPosition>,
    /// Start of each point of each series, by series index.
    pub points: Vec<Vec<TextPosition>>,
    /// Start of the top-level field of that name (`title`, `format`, ...).
    pub fields: Vec<(String, TextPosition)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TopList {
    Sources,
    Actors,
    Events,
    Control,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Frame {
    /// The dataset's own parentheses.
    Dataset,
    /// One of the top-level lists; `expect` is true until the next element starts.
    List { list: TopList, expect: bool },
    /// A control series' parentheses.
    Series(usize),
    /// A series' point list.
    Points { series: usize, expect: bool },
    /// Anything else.
    Other,
}

impl SourceMap {
    /// Scans `text`.
    pub fn scan(text: &str) -> Self {
        Scanner::new(text).run()
    }

    /// Moves every position on a line after `line` down by `by` lines: for text
    /// from which a stretch of lines was taken out after `line`.
    pub fn shift_lines_after(&mut self, line: usize, by: usize) {
        let shift = |p: &mut TextPosition| {
            if p.line > line {
                p.line += by;
            }
        };
        self.sources
            .iter_mut()
            .chain(&mut self.actors)
            .chain(&mut self.events)
            .chain(&mut self.series)
            .chain(self.points.iter_mut().flatten())
            .chain(self.fields.iter_mut().map(|(_, p)| p))
            .for_each(shift);
    }

    /// Where the top-level field `name` is written.
    pub fn field(&self, name: &str) -> Option<TextPosition> {
        self.fields
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, pos)| *pos)
    }
}

struct Scanner<'a> {
    bytes: &'a [u8],
    at: usize,
    line: usize,
    line_start: usize,
    counted_to: usize,
    counted_chars: usize,
    map: SourceMap,
    stack: Vec<Frame>,
    last_ident: Option<(usize, usize)>,
    field: Option<(usize, usize)>,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Self {
            bytes: text.as_bytes(),
            at: 0,
            line: 1,
            line_start: 0,
            counted_to: 0,
            counted_chars: 0,
            map: SourceMap::default(),
            stack: Vec::new(),
            last_ident: None,
            field: None,
        }
    }

    /// The position of byte `at` on the current line. Counting resumes from the
    /// last position asked for, so that a file written on one line stays linear.
    fn position(&mut self, at: usize) -> TextPosition {
        if self.counted_to < self.line_start || self.counted_to > at {
            self.counted_to = self.line_start;
            self.counted_chars = 0;
        }
        let newly = &self.bytes[self.counted_to..at];
        self.counted_chars += newly.iter().filter(|&&b| (b & 0xC0) != 0x80).count();
        self.counted_to = at;
        TextPosition {
            line: self.line,
            column: self.counted_chars + 1,
        }
    }

    fn advance(&mut self) {
        if self.bytes[self.at] == b'\n' {
            self.line += 1;
            self.line_start = self.at + 1;
        }
        self.at += 1;
    }

    fn peek(&self, offset: usize) -> Option<u8> {
        self.bytes.get(self.at + offset).copied()
    }

    fn field_name(&self) -> &[u8] {
        match self.field {
            Some((start, end)) => &self.bytes[start..end],
            None => b"",
        }
    }

    fn run(mut self) -> SourceMap {
        while self.at < self.bytes.len() {
            let byte = self.bytes[self.at];
            if byte.is_ascii_whitespace() {
                self.advance();
                continue;
            }
            if byte == b'/' && self.peek(1) == Some(b'/') {
                while self.at < self.bytes.len() && self.bytes[self.at] != b'\n' {
                    self.advance();
                }
                continue;
            }
            if byte == b'/' && self.peek(1) == Some(b'*') {
                self.skip_block_comment();
                continue;
            }
            if byte != b',' && !matches!(byte, b')' | b']' | b'}') {
                self.note_element_start();
            }
            match byte {
                b'"' => self.skip_string(),
                b'r' if matches!(self.peek(1), Some(b'"' | b'#')) => self.skip_raw_string(),
                b'\'' => self.skip_char(),
                b'(' | b'[' | b'{' => self.open(byte),
                b')' | b']' | b'}' => {
                    self.stack.pop();
                    self.advance();
                }
                b',' => {
                    self.expect_next_element();
                    self.advance();
                }
                b':' => {
                    self.field = self.last_ident;
                    if self.stack.len() == 1
                        && self.stack.last() == Some(&Frame::Dataset)
                        && let Some((start, end)) = self.field
                    {
                        let name = String::from_utf8_lossy(&self.bytes[start..end]).into_owned();
                        let pos = self.position(start);
                        self.map.fields.push((name, pos));
                    }
                    self.advance();
                }
                b if b.is_ascii_alphanumeric() || b == b'_' => {
                    let start = self.at;
                    while self
                        .peek(0)
                        .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
                    {
                        self.advance();
                    }
                    self.last_ident = Some((start, self.at));
                }
                _ => self.advance(),
            }
        }
        self.map
    }

    fn note_element_start(&mut self) {
        let position = self.position(self.at);
        match self.stack.last_mut() {
            Some(Frame::List { list, expect }) if *expect => {
                *expect = false;
                let target = match list {
                    TopList::Sources => &mut self.map.sources,
                    TopList::Actors => &mut self.map.actors,
                    TopList::Events => &mut self.map.events,
                    TopList::Control => {
                        self.map.points.push(Vec::new());
                        &mut self.map.series
                    }
                };
                target.push(position);
            }
            Some(Frame::Points { series, expect }) if *expect => {
                *expect = false;
                if let Some(points) = self.map.points.get_mut(*series) {
                    points.push(position);
                }
            }
            _ => {}
        }
    }

    fn expect_next_element(&mut self) {
        if let Some(Frame::List { expect, .. } | Frame::Points { expect, .. }) =
            self.stack.last_mut()
        {
            *expect = true;
        }
    }

    fn open(&mut self, bracket: u8) {
        let frame = match (self.stack.last(), bracket) {
            (None, b'(') => Frame::Dataset,
            (Some(Frame::Dataset), b'[') if self.stack.len() == 1 => {
                let list = match self.field_name() {
                    b"sources" => Some(TopList::Sources),
                    b"actors" => Some(TopList::Actors),
                    b"events" => Some(TopList::Events),
                    b"control" => Some(TopList::Control),
                    _ => None,
                };
                match list {
                    Some(list) => Frame::List { list, expect: true },
                    None => Frame::Other,
                }
            }
            (
                Some(Frame::List {
                    list: TopList::Control,
                    ..
                }),
                b'(',
            ) => Frame::Series(self.map.series.len().saturating_sub(1)),
            (Some(Frame::Series(series)), b'[') if self.field_name() == b"points" => {
                Frame::Points {
                    series: *series,
                    expect: true,
                }
            }
            _ => Frame::Other,
        };
        self.stack.push(frame);
        self.field = None;
        self.last_ident = None;
        self.advance();
    }

    fn skip_block_comment(&mut self) {
        let mut depth = 0usize;
        while self.at < self.bytes.len() {
            if self.bytes[self.at] == b'/' && self.peek(1) == Some(b'*') {
                depth += 1;
                self.advance();
                self.advance();
            } else if self.bytes[self.at] == b'*' && self.peek(1) == Some(b'/') {
                depth -= 1;
                self.advance();
                self.advance();
                if depth == 0 {
                    return;
                }
            } else {
                self.advance();
            }
        }
    }

    fn skip_string(&mut self) {
        self.advance();
        while self.at < self.bytes.len() {
            match self.bytes[self.at] {
                b'\\' => {
                    self.advance();
                    if self.at < self.bytes.len() {
                        self.advance();
                    }
                }
                b'"' => {
                    self.advance();
                    return;
                }
                _ => self.advance(),
            }
        }
    }

    fn skip_raw_string(&mut self) {
        self.advance();
        let mut hashes = 0usize;
        while self.peek(0) == Some(b'#') {
            hashes += 1;
            self.advance();
        }
        if self.peek(0) != Some(b'"') {
            return;
        }
        self.advance();
        while self.at < self.bytes.len() {
            if self.bytes[self.at] == b'"' && (1..=hashes).all(|k| self.peek(k) == Some(b'#')) {
                for _ in 0..=hashes {
                    self.advance();
                }
                return;
            }
            self.advance();
        }
    }

    fn skip_char(&mut self) {
        self.advance();
        if self.peek(0) == Some(b'\\') {
            self.advance();
        }
        while self.at < self.bytes.len() && self.bytes[self.at] != b'\'' {
            if self.bytes[self.at] == b'\n' {
                return;
            }
            self.advance();
        }
        if self.at < self.bytes.len() {
            self.advance();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_records_and_points() {
        let text = r#"#![enable(implicit_some)]
Dataset(
  format: 1,
  title: "a (tricky) [title], with \"quotes\"",
  sources: [
    Source(id: "s1", publisher: "P", title: "T", kind: Other), // a comment (
    /* nested /* comment */ ] */ Source(id: "s2", publisher: "P", title: "T", kind: Other),
  ],
  events: [],
  control: [
    Series(actor: "a", source_org: "o", scope: "s", unit: SquareKm, points: [
      Point(date: "2015", value: 1, cite: Cite(source: "s1")),
      (date: "2016", value: 2, cite: (source: "s1")),
    ]),
  ],
)"#;
        let map = SourceMap::scan(text);
        assert_eq!(
            map.sources,
            vec![
                TextPosition { line: 6, column: 5 },
                TextPosition {
                    line: 7,
                    column: 34
                }
            ]
        );
        assert!(map.events.is_empty());
        assert_eq!(
            map.series,
            vec![TextPosition {
                line: 11,
                column: 5
            }]
        );
        assert_eq!(
            map.points,
            vec![vec![
                TextPosition {
                    line: 12,
                    column: 7
                },
                TextPosition {
                    line: 13,
                    column: 7
                }
            ]]
        );
        assert_eq!(
            map.field("title"),
            Some(TextPosition { line: 4, column: 3 })
        );
    }

    #[test]
    fn survives_garbage() {
        for text in [
            "",
            "(((((",
            "]]]]",
            "\"unterminated",
            "r#\"raw",
            "/* open",
            "'",
        ] {
            let _ = SourceMap::scan(text);
        }
        let deep = "[".repeat(100_000);
        let _ = SourceMap::scan(&deep);
    }
}
