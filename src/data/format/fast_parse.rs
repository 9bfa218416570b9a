//! A fast reader for well-formed dataset files.
//!
//! ron's general deserializer reads about 70 MB/s; event databases run to hundreds
//! of megabytes. This reader knows the dataset's shape and reads the common RON
//! subset that Frontline and most authors write (named or unnamed structs, lists,
//! plain and escaped strings, decimal numbers, `Some(..)`, `None` or implicit
//! options, comments) several times faster, stepping over the text with the
//! lexer ([`crate::data::format::lexer`]). It gives up (returns `None`) on anything else, on any
//! error and on anything it is unsure of, and says where ([`gives_way_at`]); the
//! caller then reads the text with ron, which accepts the same files and gives
//! the exact error message and position. The tests check that whatever this
//! reader accepts, ron accepts too, with an equal result.

use std::borrow::Cow;

pub mod fields;
mod records;

/// The bit of field `$name` of the record whose fields are `fields::$table`,
/// worked out as the reader is built.
macro_rules! bit {
    ($table:ident, $name:literal) => {
        const { fields::place_of(fields::$table, $name) }
    };
}
use bit;

use crate::data::format::lexer::{self, TokenKind};
use crate::data::format::source_map::{RecordList, SourceMap};
use crate::data::model::date::PartialDate;
use crate::data::model::{
    Actor, Cite, Confidence, ControlMap, ControlMeasure, ControlPoint, ControlSeries, ControlUnit,
    Dataset, Event, EventExtras, Events, Fatalities, Name, Place, PlaceExtras, PlacePrecision,
    Snapshot, Source, SourceKind, Timing,
};

/// Reads `text` as a dataset, or returns `None` when it cannot be sure of the result.
pub fn parse(text: &str) -> Option<Dataset> {
    match parse_observed(text, &|_| true) {
        Outcome::Parsed(dataset, _) => Some(*dataset),
        Outcome::Unsure { .. } | Outcome::Stopped => None,
    }
}

/// Where the fast reader gives way to ron on `text` (a byte offset), or `None`
/// when it reads the whole text itself: for tests, which must see that it
/// reads what it should and never gives way silently.
pub fn gives_way_at(text: &str) -> Option<usize> {
    match parse_observed(text, &|_| true) {
        Outcome::Unsure { at } => Some(at),
        Outcome::Parsed(..) | Outcome::Stopped => None,
    }
}

/// Reads the event that `text` begins with, and how many bytes it takes;
/// `None` when unsure, or when `text` ends before the event does.
pub(crate) fn parse_event_prefix(text: &str) -> Option<(Event, usize)> {
    let mut reader = Reader::new(text, &|_| true);
    let event = reader.event()?;
    Some((event, reader.at))
}

/// Reads one event written on its own (`Event(...)`), or `None` when unsure.
pub(crate) fn parse_event(text: &str) -> Option<Event> {
    read_alone(text, Reader::event)
}

/// Reads one control-map snapshot written on its own (`Snapshot(...)`), or
/// `None` when unsure.
pub(crate) fn parse_snapshot(text: &str) -> Option<Snapshot> {
    read_alone(text, Reader::snapshot)
}

/// Reads the one record `text` holds with `record`; `None` when unsure, or
/// when anything but blanks follows it.
fn read_alone<'a, T>(
    text: &'a str,
    record: impl FnOnce(&mut Reader<'a>) -> Option<T>,
) -> Option<T> {
    let mut reader = Reader::new(text, &|_| true);
    let value = record(&mut reader)?;
    reader.space()?;
    (reader.at == reader.bytes.len()).then_some(value)
}

/// What [`parse_observed`] made of a text.
#[derive(Debug)]
pub enum Outcome {
    /// The dataset, read with certainty, and where each of its records starts.
    Parsed(Box<Dataset>, Box<SourceMap>),
    /// Not a file this reader is sure of: read it with ron. `at` is the byte
    /// where it stopped being sure, for debug logs and tests.
    Unsure {
        /// Where it gave way.
        at: usize,
    },
    /// The observer asked to stop.
    Stopped,
}

/// How many list items are read between two calls of the observer.
const OBSERVE_EVERY: usize = 4096;

/// Like [`parse`], telling `observer` how many bytes have been read every few
/// thousand records; reading stops when the observer returns false.
pub(crate) fn parse_observed(text: &str, observer: &dyn Fn(usize) -> bool) -> Outcome {
    let mut reader = Reader::new(text, observer);
    let parsed = reader.skip_attributes().and_then(|()| reader.dataset());
    if reader.stopped {
        return Outcome::Stopped;
    }
    match parsed {
        Some(dataset) if reader.space().is_some() && reader.at == reader.bytes.len() => {
            Outcome::Parsed(Box::new(dataset), Box::new(reader.map))
        }
        _ => Outcome::Unsure { at: reader.at },
    }
}

/// Nesting deeper than this gives up, as ron's recursion limit would.
const MAX_DEPTH: usize = lexer::MAX_NESTING;

struct Reader<'a> {
    /// Where each record starts, noted while reading: problems are placed
    /// without scanning the text again.
    map: SourceMap,
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
    depth: usize,
    observer: &'a dyn Fn(usize) -> bool,
    items: usize,
    stopped: bool,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `text`, telling `observer` how far it read.
    fn new(text: &'a str, observer: &'a dyn Fn(usize) -> bool) -> Self {
        Self {
            bytes: text.as_bytes(),
            text,
            at: 0,
            depth: 0,
            observer,
            items: 0,
            stopped: false,
            map: SourceMap::default(),
        }
    }
}

/// Which fields of a struct have been read, to refuse duplicates: bit `i` is
/// field `i` of the record's table in [`fields`].
#[derive(Default)]
struct Seen(u32);

impl Seen {
    fn first(&mut self, bit: u32) -> Option<()> {
        if self.0 & (1 << bit) != 0 {
            return None;
        }
        self.0 |= 1 << bit;
        Some(())
    }

    fn has(&self, bit: u32) -> bool {
        self.0 & (1 << bit) != 0
    }
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Skips white space and comments; `None` on an unterminated comment.
    fn space(&mut self) -> Option<()> {
        self.at = lexer::blank_end(self.bytes, self.at)?;
        Some(())
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        self.space()?;
        if self.peek() == Some(byte) {
            self.at += 1;
            Some(())
        } else {
            None
        }
    }

    /// `#![enable(implicit_some)]`, which the loader's options already enable.
    /// Any other attribute, or another spelling of this one, is left to ron.
    fn skip_attributes(&mut self) -> Option<()> {
        const IMPLICIT_SOME: &[u8] = b"#![enable(implicit_some)]";
        loop {
            self.space()?;
            let token = lexer::token(self.bytes, self.at)?;
            if token.kind != TokenKind::Attribute {
                return Some(());
            }
            if &self.bytes[token.start..token.end] != IMPLICIT_SOME {
                return None;
            }
            self.at = token.end;
        }
    }

    fn ident(&mut self) -> Option<&'a str> {
        self.space()?;
        let start = self.at;
        self.at = lexer::word_end(self.bytes, start);
        if self.at == start || self.bytes[start].is_ascii_digit() {
            return None;
        }
        Some(&self.text[start..self.at])
    }

    /// An optional struct name, which must be `name` if present, then `(`.
    fn open_struct(&mut self, name: &str) -> Option<()> {
        self.space()?;
        if self.peek() != Some(b'(') {
            let ident = self.ident()?;
            if ident != name {
                return None;
            }
        }
        self.eat(b'(')?;
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    /// Reads the fields of a struct whose `(` was read, calling `field` for each
    /// name, until `)`.
    fn fields(&mut self, mut field: impl FnMut(&mut Self, &str) -> Option<()>) -> Option<()> {
        loop {
            self.space()?;
            if self.peek() == Some(b')') {
                self.at += 1;
                self.depth -= 1;
                return Some(());
            }
            let name = self.ident()?;
            self.eat(b':')?;
            field(self, name)?;
            self.space()?;
            match self.peek()? {
                b',' => self.at += 1,
                b')' => {}
                _ => return None,
            }
        }
    }

    fn list<T>(&mut self, item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        let mut out = Vec::new();
        self.list_into(&mut out, item)?;
        // Lists of one to three items would otherwise keep room for four.
        out.shrink_to_fit();
        Some(out)
    }

    /// Reads a list, each item added to `out` as soon as it is read.
    fn list_into<T>(
        &mut self,
        out: &mut impl Extend<T>,
        mut item: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<()> {
        self.eat(b'[')?;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        loop {
            self.space()?;
            if self.peek() == Some(b']') {
                self.at += 1;
                self.depth -= 1;
                return Some(());
            }
            out.extend(std::iter::once(item(self)?));
            self.items += 1;
            if self.items.is_multiple_of(OBSERVE_EVERY) && !(self.observer)(self.at) {
                self.stopped = true;
                return None;
            }
            self.space()?;
            match self.peek()? {
                b',' => self.at += 1,
                b']' => {}
                _ => return None,
            }
        }
    }

    fn string(&mut self) -> Option<String> {
        self.text_value().map(Cow::into_owned)
    }

    /// A string kept inline when short (ids, references, place names).
    fn name(&mut self) -> Option<Name> {
        self.text_value().map(|text| Name::from(text.as_ref()))
    }

    /// A string's text: borrowed from the file when it has no escapes. The
    /// lexer finds where it ends; the escapes decoded here are the common ones,
    /// and any other (`\u{…}`, a line continuation) is left to ron.
    fn text_value(&mut self) -> Option<Cow<'a, str>> {
        self.space()?;
        if self.peek() != Some(b'"') {
            return None;
        }
        let (end, escaped) = lexer::string_end(self.bytes, self.at)?;
        let inner = self.text.get(self.at + 1..end - 1)?;
        self.at = end;
        if !escaped {
            return Some(Cow::Borrowed(inner));
        }
        let mut out = String::with_capacity(inner.len());
        let mut rest = inner;
        while let Some(slash) = rest.find('\\') {
            out.push_str(&rest[..slash]);
            let escaped = match rest.as_bytes().get(slash + 1)? {
                b'"' => '"',
                b'\'' => '\'',
                b'\\' => '\\',
                b'n' => '\n',
                b't' => '\t',
                b'r' => '\r',
                _ => return None,
            };
            out.push(escaped);
            rest = &rest[slash + 2..];
        }
        out.push_str(rest);
        Some(Cow::Owned(out))
    }

    /// A decimal number: optional minus, digits, optional fraction and exponent.
    fn number_text(&mut self) -> Option<&'a str> {
        self.space()?;
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let digits = |r: &mut Self| {
            let from = r.at;
            while r.peek().is_some_and(|b| b.is_ascii_digit()) {
                r.at += 1;
            }
            r.at > from
        };
        if !digits(self) {
            return None;
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !digits(self) {
                return None;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'-' | b'+')) {
                self.at += 1;
            }
            if !digits(self) {
                return None;
            }
        }
        if self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            return None;
        }
        Some(&self.text[start..self.at])
    }

    fn float(&mut self) -> Option<f64> {
        self.number_text()?.parse().ok()
    }

    fn date(&mut self) -> Option<PartialDate> {
        self.string()?.parse().ok()
    }

    /// `None`, `Some(value)` or, with implicit_some, the value itself.
    fn option<T>(&mut self, value: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        self.space()?;
        let save = self.at;
        match self.ident() {
            Some("None") => return Some(None),
            Some("Some") => {
                self.eat(b'(')?;
                let inner = value(self)?;
                self.eat(b')')?;
                return Some(Some(inner));
            }
            _ => self.at = save,
        }
        value(self).map(Some)
    }

    /// Reads one record of `list` with `item`, noting where it starts.
    fn noted<T>(
        &mut self,
        list: RecordList,
        item: impl FnOnce(&mut Self) -> Option<T>,
    ) -> Option<T> {
        self.space()?;
        self.map.note(list, self.at);
        item(self)
    }
}
