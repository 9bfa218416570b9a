//! The text after the events, read as it comes.
//!
//! After the events come the control series, which are small, and the control
//! maps, whose snapshots may hold their polygons in the file: a thousand daily
//! maps of 5,000 positions are 200 MB of text. Holding that text whole while
//! its polygons are read made a file of maps cost its text and its rings at
//! once. So each snapshot of a `snapshots: [...]` list in `territory` is read
//! as soon as its text is whole and its text let go, as events are; the rest
//! of the tail is kept, with each of those lists left empty, and parsed at the
//! end. The snapshots read are put back into their maps, in order.
//!
//! Where a snapshot's own text is not one the readers are sure of, or the kept
//! text is not understood, the file goes to the whole-text reader, which gives
//! ron's exact message: the places of an error in text with pieces taken out
//! are not worth guessing.

use crate::data::format::fast_parse;
use crate::data::format::lexer::{self, TokenKind};
use crate::data::format::problem::TextPosition;
use crate::data::format::ron_text::ron_options;
use crate::data::model::Snapshot;

use super::{BlockReader, GivesWay, MAX_EVENT, MAX_HEADER, MAX_TAIL, Stop};

/// A run of the kept text after the events, between two lists of snapshots
/// that were read and let go.
#[derive(Clone, Copy, Debug)]
pub(super) struct Run {
    /// Where the run starts in the kept text after the events.
    pub kept_at: usize,
    /// Where it starts in the file's text, and its place there.
    pub offset: u64,
    pub position: TextPosition,
}

/// Where a snapshot read from the tail lies in the file.
#[derive(Clone, Copy, Debug)]
pub(super) struct SnapshotText {
    /// Its first byte, and the byte after the `,` or `]` that follows it (what
    /// says where its value ends), in the file's text.
    pub start: u64,
    pub end: u64,
    /// The place of its first byte.
    pub line: u32,
    pub column: u32,
}

/// The text after the events: what was kept for parsing, and the snapshots
/// read from it as they came.
#[derive(Debug, Default)]
pub(super) struct Tail {
    /// The kept text, in runs: the first starts at the `]` that closes the
    /// events; one more starts after each list of snapshots read.
    pub runs: Vec<Run>,
    /// Each list of snapshots read, in the order of the control maps.
    pub snapshots: Vec<Vec<Snapshot>>,
    /// Where each of those snapshots lies in the file.
    pub texts: Vec<Vec<SnapshotText>>,
}

impl Tail {
    /// The run of the kept text that byte `at` (after the events) falls in.
    pub fn run_of(&self, at: usize) -> Option<&Run> {
        let after = self.runs.partition_point(|run| run.kept_at <= at);
        after.checked_sub(1).and_then(|i| self.runs.get(i))
    }

    /// Puts the snapshots read back into the maps they were read from: the
    /// k-th list into the k-th map, whose list was left empty in the kept text.
    /// False when the maps parsed do not match the lists read.
    pub fn restore(&mut self, maps: &mut [crate::data::model::ControlMap]) -> bool {
        if maps.len() != self.snapshots.len() || maps.iter().any(|m| !m.snapshots.is_empty()) {
            return false;
        }
        for (map, snapshots) in maps.iter_mut().zip(self.snapshots.drain(..)) {
            map.snapshots = snapshots;
        }
        true
    }
}

/// What the tail reader has just seen, towards `snapshots: [` in a control map.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Towards {
    Nothing,
    /// `snapshots` as a control map's field name.
    Name,
    /// `snapshots:`.
    Colon,
}

/// How deep a control map's fields are: in the dataset's `(`, the
/// `territory` list's `[` and the map's `(`.
const MAP_FIELDS_DEPTH: usize = 3;

/// Reads the file from the `]` that closes the events (at `reader.start`) to
/// its end: the text kept goes on the end of `kept`, the snapshots read go in
/// the tail returned. `observer` is told how far the file is read, and stops
/// the load by returning false.
pub(super) fn read_tail(
    reader: &mut BlockReader,
    kept: &mut Vec<u8>,
    observer: &dyn Fn(u64) -> bool,
) -> Result<Tail, Stop> {
    let tail_kept_at = kept.len();
    let mut tail = Tail::default();
    let new_run = |reader: &mut BlockReader, kept: &Vec<u8>, tail: &mut Tail| {
        let at = reader.start;
        tail.runs.push(Run {
            kept_at: kept.len() - tail_kept_at,
            offset: reader.offset_of(at),
            position: reader.position_of(at),
        });
    };
    new_run(reader, kept, &mut tail);
    // The `]` of the events is inside the dataset's `(` and the list's `[`.
    let mut depth = 2usize;
    let mut in_territory = false;
    let mut towards = Towards::Nothing;
    loop {
        let token = lexer::blank_end(&reader.buf, reader.start)
            .and_then(|at| lexer::token(&reader.buf, at))
            // A word that reaches the end of what is read may go on.
            .filter(|t| t.end < reader.buf.len() || reader.eof);
        let Some(token) = token else {
            if !reader.more()? {
                kept.extend_from_slice(&reader.buf[reader.start..]);
                reader.start = reader.buf.len();
                return Ok(tail);
            }
            continue;
        };
        let word = &reader.buf[token.start..token.end];
        let enter_list = match token.kind {
            TokenKind::Open(bracket) => {
                let enter = bracket == b'['
                    && towards == Towards::Colon
                    && depth == MAP_FIELDS_DEPTH
                    && in_territory;
                depth += 1;
                towards = Towards::Nothing;
                enter
            }
            TokenKind::Close(_) => {
                depth = depth.saturating_sub(1);
                towards = Towards::Nothing;
                false
            }
            TokenKind::Word if depth == 1 => {
                // A field of the dataset, or a value of one (`format: 1`):
                // either way, what follows is in `territory` only after its name.
                in_territory = word == b"territory";
                false
            }
            TokenKind::Word if depth == MAP_FIELDS_DEPTH && in_territory => {
                towards = if word == b"snapshots" {
                    Towards::Name
                } else {
                    Towards::Nothing
                };
                false
            }
            TokenKind::Colon if towards == Towards::Name => {
                towards = Towards::Colon;
                false
            }
            _ => {
                towards = Towards::Nothing;
                false
            }
        };
        kept.extend_from_slice(&reader.buf[reader.start..token.end]);
        reader.start = token.end;
        if kept.len() > MAX_HEADER + MAX_TAIL {
            return Err(Stop::Unsure(GivesWay::TailTooLarge));
        }
        if enter_list {
            let (snapshots, texts) = read_snapshots(reader, observer)?;
            tail.snapshots.push(snapshots);
            tail.texts.push(texts);
            // The `]` that closes the list is kept, in a run of its own.
            new_run(reader, kept, &mut tail);
        }
    }
}

/// Reads the snapshots of a list whose `[` was read, up to the `]` that
/// closes it (left at `reader.start`), letting each one's text go.
fn read_snapshots(
    reader: &mut BlockReader,
    observer: &dyn Fn(u64) -> bool,
) -> Result<(Vec<Snapshot>, Vec<SnapshotText>), Stop> {
    let mut snapshots = Vec::new();
    let mut texts = Vec::new();
    let mut need_separator = false;
    // After a snapshot that ran past what was read, how much must be read from
    // its start before it is looked at again: doubling keeps a long snapshot
    // from being scanned again block after block.
    let mut scan_from_len = 0usize;
    loop {
        let Some(at) = lexer::blank_end(&reader.buf, reader.start) else {
            more_or_unsure(reader)?;
            continue;
        };
        match reader.buf.get(at) {
            None => {
                more_or_unsure(reader)?;
                continue;
            }
            Some(b']') => {
                close_last(&mut texts, reader.offset_of(at + 1));
                reader.start = at;
                return Ok((snapshots, texts));
            }
            Some(b',') if need_separator => {
                close_last(&mut texts, reader.offset_of(at + 1));
                reader.start = at + 1;
                need_separator = false;
                continue;
            }
            Some(_) if need_separator => {
                return Err(Stop::Unsure(GivesWay::RestNotUnderstood));
            }
            Some(_) => {}
        }
        let unfinished = reader.buf.len() - at;
        if unfinished < scan_from_len && !reader.eof {
            more_or_unsure(reader)?;
            continue;
        }
        let Some(end) = lexer::value_end(&reader.buf, at) else {
            if unfinished > MAX_EVENT {
                return Err(Stop::Unsure(GivesWay::TailTooLarge));
            }
            scan_from_len = unfinished.saturating_mul(2);
            more_or_unsure(reader)?;
            continue;
        };
        scan_from_len = 0;
        let text = std::str::from_utf8(&reader.buf[at..end])
            .map_err(|_| Stop::Unsure(GivesWay::RestNotUnderstood))?;
        let snapshot = match fast_parse::parse_snapshot(text) {
            Some(snapshot) => snapshot,
            None => ron_options()
                .from_str::<Snapshot>(text)
                .map_err(|_| Stop::Unsure(GivesWay::RestNotUnderstood))?,
        };
        let position = reader.position_of(at);
        texts.push(SnapshotText {
            start: reader.offset_of(at),
            end: reader.offset_of(end),
            line: u32::try_from(position.line).unwrap_or(u32::MAX),
            column: u32::try_from(position.column).unwrap_or(u32::MAX),
        });
        snapshots.push(snapshot);
        reader.start = end;
        need_separator = true;
        if !observer(reader.consumed()) {
            return Err(Stop::Failed(
                crate::data::format::failure::LoadFailure::cancelled(),
            ));
        }
    }
}

/// Takes the `,` or `]` after the last snapshot read, ending before `end`,
/// into its text.
fn close_last(texts: &mut [SnapshotText], end: u64) {
    if let Some(last) = texts.last_mut() {
        last.end = end;
    }
}

/// Reads one more block, or gives way at the end of the file: a list of
/// snapshots left open is for ron to name.
fn more_or_unsure(reader: &mut BlockReader) -> Result<(), Stop> {
    if reader.more()? {
        Ok(())
    } else {
        Err(Stop::Unsure(GivesWay::RestNotUnderstood))
    }
}
