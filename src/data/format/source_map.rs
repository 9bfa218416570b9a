//! Finds where each record of a dataset file starts, and where a field sits
//! inside a record, so that problems found after parsing can name a line and
//! column.
//!
//! The scan is a single pass over the text's tokens (see [`crate::data::format::lexer`]) that
//! tells where each element of the top-level `sources`, `actors`, `events` and
//! `control` lists begins, and where each point of each control series begins,
//! as byte offsets. It never fails: on text it does not understand it simply
//! finds fewer records. Line and column are worked out from an offset only for
//! the problems that are shown ([`crate::data::format::placer`]).

use crate::data::format::lexer::{self, TokenKind};
use crate::data::format::problem::Within;

/// Start offsets (bytes) of the records in a dataset file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceMap {
    /// Start of each element of `sources`.
    pub sources: Vec<usize>,
    /// Start of each element of `actors`.
    pub actors: Vec<usize>,
    /// Start of each element of `events`.
    pub events: Vec<usize>,
    /// Start of each element of `control`.
    pub series: Vec<usize>,
    /// Start of each point of each series, by series index.
    pub points: Vec<Vec<usize>>,
    /// Start of each control map (`territory`).
    pub maps: Vec<usize>,
    /// Start of each snapshot of each map, by map index.
    pub snapshots: Vec<Vec<usize>>,
    /// Start of the top-level field of that name (`title`, `format`, ...).
    pub fields: Vec<(String, usize)>,
}

/// The lists of records a dataset file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordList {
    /// `sources`.
    Sources,
    /// `actors`.
    Actors,
    /// `events`.
    Events,
    /// `control`: the series.
    Series,
    /// The `points` of the series noted last.
    Points,
    /// `territory`: the control maps.
    Maps,
    /// The `snapshots` of the map noted last.
    Snapshots,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Frame {
    /// The dataset's own parentheses.
    Dataset,
    /// One of the top-level lists; `expect` is true until the next element starts.
    List { list: RecordList, expect: bool },
    /// A control series' parentheses.
    Series(usize),
    /// A series' point list.
    Points { series: usize, expect: bool },
    /// A control map's parentheses.
    Map(usize),
    /// A map's snapshot list.
    Snapshots { map: usize, expect: bool },
    /// Anything else.
    Other,
}

impl SourceMap {
    /// Scans `text`.
    pub fn scan(text: &str) -> Self {
        Scanner::new(text.as_bytes()).run()
    }

    /// Notes a record of `list` starting at `at`.
    pub fn note(&mut self, list: RecordList, at: usize) {
        match list {
            RecordList::Sources => self.sources.push(at),
            RecordList::Actors => self.actors.push(at),
            RecordList::Events => self.events.push(at),
            RecordList::Series => {
                self.series.push(at);
                self.points.push(Vec::new());
            }
            RecordList::Points => {
                if let Some(points) = self.points.last_mut() {
                    points.push(at);
                }
            }
            RecordList::Maps => {
                self.maps.push(at);
                self.snapshots.push(Vec::new());
            }
            RecordList::Snapshots => {
                if let Some(snapshots) = self.snapshots.last_mut() {
                    snapshots.push(at);
                }
            }
        }
    }

    /// Where the value of the top-level field `name` is written.
    pub fn field(&self, name: &str) -> Option<usize> {
        self.fields
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, at)| *at)
    }
}

/// Where, inside the record starting at `record`, the value of `field` starts;
/// with `item`, the start of that element of the list it holds; with `inner`,
/// the value of that field of the struct found so far. Stops at the most
/// specific place found: the record's start when the field is not written, or
/// when the problem is about the whole record (`within` is `None`).
pub fn field_offset(bytes: &[u8], record: usize, within: Option<&Within>) -> usize {
    let Some(within) = within else {
        return record;
    };
    let Some(field) = struct_field(bytes, record, within.field) else {
        return record;
    };
    let element = match within.item {
        Some(item) => match list_item(bytes, field, item) {
            Some(at) => at,
            None => return field,
        },
        None => field,
    };
    within
        .inner
        .and_then(|inner| struct_field(bytes, element, inner))
        .unwrap_or(element)
}

/// The start of the value of field `name` in the struct starting at `at`
/// (`Name(` or `(`).
fn struct_field(bytes: &[u8], at: usize, name: &str) -> Option<usize> {
    let mut t = lexer::next_token(bytes, at)?;
    if t.kind == TokenKind::Word {
        t = lexer::next_token(bytes, t.end)?;
    }
    if t.kind != TokenKind::Open(b'(') {
        return None;
    }
    let mut i = t.end;
    loop {
        let key = lexer::next_token(bytes, i)?;
        if key.kind != TokenKind::Word {
            return None;
        }
        let colon = lexer::next_token(bytes, key.end)?;
        if colon.kind != TokenKind::Colon {
            return None;
        }
        let value = lexer::skip_blank(bytes, colon.end);
        if &bytes[key.start..key.end] == name.as_bytes() {
            return Some(value);
        }
        let end = lexer::value_end(bytes, value)?;
        let separator = lexer::next_token(bytes, end)?;
        if separator.kind != TokenKind::Comma {
            return None;
        }
        i = separator.end;
    }
}

/// The start of element `item` of the list starting at `at`.
fn list_item(bytes: &[u8], at: usize, item: usize) -> Option<usize> {
    let open = lexer::next_token(bytes, at)?;
    if open.kind != TokenKind::Open(b'[') {
        return None;
    }
    let mut start = lexer::skip_blank(bytes, open.end);
    for _ in 0..item {
        let end = lexer::value_end(bytes, start)?;
        let separator = lexer::next_token(bytes, end)?;
        if separator.kind != TokenKind::Comma {
            return None;
        }
        start = lexer::skip_blank(bytes, separator.end);
    }
    matches!(lexer::token(bytes, start), Some(t) if t.kind != TokenKind::Close(b']'))
        .then_some(start)
}

struct Scanner<'a> {
    bytes: &'a [u8],
    map: SourceMap,
    stack: Vec<Frame>,
    last_word: Option<(usize, usize)>,
    field: Option<(usize, usize)>,
}

impl<'a> Scanner<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Self {
            bytes,
            map: SourceMap::default(),
            stack: Vec::new(),
            last_word: None,
            field: None,
        }
    }

    fn field_name(&self) -> &[u8] {
        match self.field {
            Some((start, end)) => &self.bytes[start..end],
            None => b"",
        }
    }

    fn run(mut self) -> SourceMap {
        let mut at = 0;
        while let Some(t) = lexer::next_token(self.bytes, at) {
            at = t.end;
            if !matches!(t.kind, TokenKind::Comma | TokenKind::Close(_)) {
                self.note_element_start(t.start);
            }
            match t.kind {
                TokenKind::Open(bracket) => self.open(bracket),
                TokenKind::Close(_) => {
                    self.stack.pop();
                }
                TokenKind::Comma => self.expect_next_element(),
                TokenKind::Colon => {
                    self.field = self.last_word;
                    if self.stack.len() == 1
                        && self.stack.last() == Some(&Frame::Dataset)
                        && let Some((start, end)) = self.field
                    {
                        let name = String::from_utf8_lossy(&self.bytes[start..end]).into_owned();
                        self.map
                            .fields
                            .push((name, lexer::skip_blank(self.bytes, t.end)));
                    }
                }
                TokenKind::Word => self.last_word = Some((t.start, t.end)),
                _ => {}
            }
        }
        self.map
    }

    fn note_element_start(&mut self, at: usize) {
        match self.stack.last_mut() {
            Some(Frame::List { list, expect }) if *expect => {
                *expect = false;
                let list = *list;
                self.map.note(list, at);
            }
            Some(Frame::Points { series, expect }) if *expect => {
                *expect = false;
                if let Some(points) = self.map.points.get_mut(*series) {
                    points.push(at);
                }
            }
            Some(Frame::Snapshots { map, expect }) if *expect => {
                *expect = false;
                if let Some(snapshots) = self.map.snapshots.get_mut(*map) {
                    snapshots.push(at);
                }
            }
            _ => {}
        }
    }

    fn expect_next_element(&mut self) {
        if let Some(
            Frame::List { expect, .. }
            | Frame::Points { expect, .. }
            | Frame::Snapshots { expect, .. },
        ) = self.stack.last_mut()
        {
            *expect = true;
        }
    }

    fn open(&mut self, bracket: u8) {
        let frame = match (self.stack.last(), bracket) {
            (None, b'(') => Frame::Dataset,
            (Some(Frame::Dataset), b'[') if self.stack.len() == 1 => {
                let list = match self.field_name() {
                    b"sources" => Some(RecordList::Sources),
                    b"actors" => Some(RecordList::Actors),
                    b"events" => Some(RecordList::Events),
                    b"control" => Some(RecordList::Series),
                    b"territory" => Some(RecordList::Maps),
                    _ => None,
                };
                match list {
                    Some(list) => Frame::List { list, expect: true },
                    None => Frame::Other,
                }
            }
            (
                Some(Frame::List {
                    list: RecordList::Series,
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
            (
                Some(Frame::List {
                    list: RecordList::Maps,
                    ..
                }),
                b'(',
            ) => Frame::Map(self.map.maps.len().saturating_sub(1)),
            (Some(Frame::Map(map)), b'[') if self.field_name() == b"snapshots" => {
                Frame::Snapshots {
                    map: *map,
                    expect: true,
                }
            }
            _ => Frame::Other,
        };
        self.stack.push(frame);
        self.field = None;
        self.last_word = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::format::problem::TextPosition;

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
        let at = |offsets: &[usize]| -> Vec<TextPosition> {
            offsets
                .iter()
                .map(|&o| {
                    crate::data::format::placer::LineCount::new().position(
                        text.as_bytes(),
                        0,
                        o as u64,
                    )
                })
                .collect()
        };
        assert_eq!(
            at(&map.sources),
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
            at(&map.series),
            vec![TextPosition {
                line: 11,
                column: 5
            }]
        );
        assert_eq!(
            at(&map.points[0]),
            vec![
                TextPosition {
                    line: 12,
                    column: 7
                },
                TextPosition {
                    line: 13,
                    column: 7
                }
            ]
        );
        assert_eq!(
            map.field("title").map(|o| at(&[o])[0]),
            Some(TextPosition {
                line: 4,
                column: 10
            })
        );
    }

    #[test]
    fn finds_a_value_inside_its_record() {
        use crate::data::problem::Within;
        let text = "Event(\n  id: \"e\",\n  actors: [\"a\", /* ( */ \"b\"],\n  cites: [Cite(source: \"s\"), (note: \"n\", source: \"t\")],\n  place: Place(name: \"p\", lat: 99),\n)";
        let bytes = text.as_bytes();
        let found = |within: Within| &text[field_offset(bytes, 0, Some(&within))..];
        assert!(found(Within::item("actors", 1)).starts_with("\"b\"]"));
        assert!(found(Within::item("cites", 1).inner("source")).starts_with("\"t\")"));
        assert!(found(Within::field("place").inner("lat")).starts_with("99)"));
        // Not written: the record's start, or the most specific place found.
        assert_eq!(field_offset(bytes, 0, Some(&Within::field("end"))), 0);
        assert_eq!(field_offset(bytes, 0, None), 0);
        assert!(found(Within::item("actors", 5)).starts_with("[\"a\""));
    }

    #[test]
    fn the_fast_reader_notes_the_records_the_scan_finds() {
        use crate::data::fast_parse::{Outcome, parse_observed};
        let generated = crate::data::to_ron_string(&crate::data::generate::dataset(
            &crate::data::generate::GenerateOptions {
                events: 300,
                series: 2,
                ..Default::default()
            },
        ))
        .expect("serialises");
        for text in [
            include_str!("../../../tests/data/small.ron"),
            crate::data::load::DEFAULT_DATASET_TEXT,
            &generated,
        ] {
            let noted = match parse_observed(text, &|_| true) {
                Outcome::Parsed(_, map) => Some(*map),
                Outcome::Unsure { .. } | Outcome::Stopped => None,
            }
            .expect("the fast reader reads it");
            assert_eq!(noted, SourceMap::scan(text));
        }
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
