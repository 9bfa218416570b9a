//! Loading a dataset file without holding all of its text in memory.
//!
//! Events make up nearly all of a large file. This loader reads the file in
//! blocks, finds where each event ends with the lexer, parses it as soon as its
//! text is complete and lets the text go. Control maps' snapshots after the
//! events are read and let go the same way (see `tail`); the rest of the file
//! (title, sources, actors, control series) is kept and parsed at the end. An
//! event the fast reader is unsure of is read by ron from its own text, so ron
//! decides, and a syntax error in it ends the load at once with its place in
//! the file.
//! Problems found by validation are placed without the text: the events at
//! fault are read back from the file, alone.
//!
//! It gives way to the whole-text loader (and says why, [`GivesWay`]) only where
//! the file's shape is not one it follows or ron's word on a part may differ
//! from its word on the whole: no `events` list near the start, a file that ends
//! inside the events, an error on the line where the events end, more text after
//! them than it keeps, an event nested near the limit.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use crate::data::format::column_writer::ColumnWriter;
use crate::data::format::failure::{FailureKind, LoadFailure, NOT_A_DATASET, not_utf8_message};
use crate::data::format::fast_parse;
use crate::data::format::lexer::{self, TokenKind};
use crate::data::format::placer::{self, LineCount};
use crate::data::format::problem::{Problem, Record, TextPosition, thousands};
use crate::data::format::ron_text::{
    MAX_UNKNOWN_FIELDS, blank, offset_in_text, ron_options, syntax_failure, unknown_field_extent,
};
use crate::data::format::source_map::{SourceMap, field_offset};
use crate::data::format::validate::record_offset;
use crate::data::model::{Dataset, Event, Events};

mod errors;
mod events_list;
mod records;
mod tail;

use errors::{
    error_around_events, error_in_unfinished, error_is_the_events_own, failure_in_buffer,
    read_setting_aside_unknown_fields,
};
use events_list::EventsList;
use records::{StreamedRecords, element_end, read_event_at};

/// How much is read from the file at a time.
const BLOCK: usize = 1 << 20;
/// A header (everything before the events) larger than this is not worth streaming.
const MAX_HEADER: usize = 64 << 20;
/// The most text after the events that is kept for parsing at the end (control
/// series, control maps less their snapshots); beyond it the file goes to
/// the ordinary loader.
const MAX_TAIL: usize = 256 << 20;
/// One event longer than this is left to the ordinary loader, which places the
/// syntax error that usually causes it (a bracket not closed).
const MAX_EVENT: usize = 128 << 20;
/// The longest word (a name or a number outside quotes) before the events.
const MAX_WORD: usize = 64 << 10;
/// The UTF-8 byte-order mark some editors put at the start of a file.
const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// Why the streaming reader leaves a file to the whole-text reader, which reads
/// it again and gives ron's exact message. Said in debug logs, and by
/// [`why_not_streamed`] for tests, never silently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GivesWay {
    /// No `events` list within the first 64 MB.
    NoEventsList,
    /// Something between two events that is neither `,` nor `]`.
    UnexpectedBetweenEvents,
    /// The file ends inside the events list.
    EndsInsideEvents,
    /// One event is longer than 128 MB: a bracket that never closes.
    EventTooLong,
    /// An event that is not UTF-8 text.
    EventNotUnderstood,
    /// More text after the events than streaming keeps.
    TailTooLarge,
    /// The text around the events is not a valid dataset (ron says why, on the
    /// whole text).
    RestNotUnderstood,
}

/// Why streaming stopped.
enum Stop {
    /// Read the file the ordinary way, for this reason.
    Unsure(GivesWay),
    /// A failure to report as it is (the file cannot be read, or the user cancelled).
    Failed(LoadFailure),
}

/// A dataset the streaming reader has read, not yet checked: the unknown
/// fields it set aside (placed already), the folder its map files are named
/// from, and what it keeps to place in the file the problems the checks find.
pub(crate) struct Streamed {
    /// The dataset as read.
    pub(crate) dataset: Dataset,
    /// Unknown fields set aside in it, each placed.
    pub(crate) unknown: Vec<Problem>,
    /// The folder its map files are named from.
    pub(crate) folder: Option<PathBuf>,
    /// What places the problems the checks find.
    pub(crate) placer: StreamPlacer,
}

/// What places, in a streamed file, the problems found once it is read: the
/// text kept around the events, where each event starts, and the file to read
/// an event's own text again from.
pub(crate) struct StreamPlacer {
    records: StreamedRecords,
    file: File,
}

impl StreamPlacer {
    /// Places, in the file, the problems the checks found in the dataset read.
    pub(crate) fn place(&self, problems: &mut [Problem]) {
        self.records.place(problems, &self.file);
    }
}

/// What streaming a file came to, when it did not read it.
pub(crate) enum NotStreamed {
    /// The load failed (cannot read, cancelled, not valid): report it as it is.
    Failed(LoadFailure),
    /// The file is for the whole-text reader (the reason is logged): its text.
    GaveWay(Vec<u8>),
}

/// Streams the dataset file at `path`. `observer` is told how many bytes have
/// been read and parsed, and stops the load by returning false.
pub(crate) fn stream_path(
    path: &Path,
    observer: &dyn Fn(u64) -> bool,
) -> Result<Streamed, NotStreamed> {
    let (file, size) = open_regular(path).map_err(NotStreamed::Failed)?;
    let mut reader = BlockReader::new(file, size);
    reader.folder = Some(crate::data::format::map_files::folder_of(path));
    match stream(&mut reader, observer) {
        Ok(streamed) => Ok(streamed),
        Err(Stop::Failed(failure)) => Err(NotStreamed::Failed(failure)),
        Err(Stop::Unsure(why)) => {
            log::debug!(
                "{}: streaming gives way ({why:?}); reading the whole text",
                path.display()
            );
            match reader.read_whole() {
                Ok(bytes) => Err(NotStreamed::GaveWay(bytes)),
                Err(failure) => Err(NotStreamed::Failed(failure)),
            }
        }
    }
}

/// Why streaming `path` gives way to the whole-text reader; `None` when it
/// streams the file to the end (loaded, or found invalid with every problem placed).
pub fn why_not_streamed(path: &Path) -> Option<GivesWay> {
    let (file, size) = open_regular(path).ok()?;
    match stream(&mut BlockReader::new(file, size), &|_| true) {
        Err(Stop::Unsure(why)) => Some(why),
        Ok(_) | Err(Stop::Failed(_)) => None,
    }
}

/// Opens `path` if it is a regular file, with its size. Directories, pipes and
/// devices are refused: a pipe cannot be read twice and `/dev/zero` never ends.
fn open_regular(path: &Path) -> Result<(File, u64), LoadFailure> {
    // Looked at before opening: opening a named pipe waits for a writer.
    let metadata = std::fs::metadata(path).map_err(|err| LoadFailure::io(&err))?;
    refuse_special(&metadata.file_type())?;
    let file = File::open(path).map_err(|err| LoadFailure::io(&err))?;
    let metadata = file.metadata().map_err(|err| LoadFailure::io(&err))?;
    refuse_special(&metadata.file_type())?;
    Ok((file, metadata.len()))
}

fn refuse_special(kind: &std::fs::FileType) -> Result<(), LoadFailure> {
    if !kind.is_file() {
        let what = if kind.is_dir() {
            "a folder"
        } else if is_pipe_or_socket(kind) {
            "a pipe or socket"
        } else {
            "a device or other special file"
        };
        return Err(LoadFailure::not_a_file(format!(
            "this is {what}, not a dataset file: Frontline opens regular files (save the data to a .ron file first)"
        )));
    }
    Ok(())
}

#[cfg(unix)]
fn is_pipe_or_socket(kind: &std::fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    kind.is_fifo() || kind.is_socket()
}

#[cfg(not(unix))]
fn is_pipe_or_socket(_kind: &std::fs::FileType) -> bool {
    false
}

/// The file, read one block at a time, with what is needed to place a problem
/// found while reading (how many lines have gone by) and to notice a file that
/// changes while it is read.
struct BlockReader {
    file: File,
    /// The file's size when it was opened.
    size: u64,
    buf: Vec<u8>,
    /// Bytes of `buf` already used.
    start: usize,
    /// Bytes of the file dropped from the front of `buf`.
    dropped: u64,
    /// The length of the byte-order mark the file begins with, if any.
    bom: u64,
    /// The lines counted as the blocks go by, from after the byte-order mark:
    /// what places a problem found while reading.
    lines: LineCount,
    eof: bool,
    /// How much is read at a time: [`BLOCK`], smaller in tests.
    block: usize,
    /// The dataset's folder, which its map files are named from.
    folder: Option<std::path::PathBuf>,
}

impl BlockReader {
    fn new(file: File, size: u64) -> Self {
        Self::with_block(file, size, BLOCK)
    }

    fn with_block(file: File, size: u64, block: usize) -> Self {
        Self {
            block,
            file,
            size,
            buf: Vec::with_capacity(2 * block),
            start: 0,
            dropped: 0,
            bom: 0,
            lines: LineCount::new(),
            eof: false,
            folder: None,
        }
    }

    /// Reads one more block; false at the end of the file. Fails at once on a
    /// NUL byte, which no text file holds (a disk image, a sparse or truncated
    /// file), and on a file that turns out longer or shorter than it was.
    fn more(&mut self) -> Result<bool, Stop> {
        if self.eof {
            return Ok(false);
        }
        if self.start > self.block {
            let new_start = self.dropped + self.start as u64;
            self.lines.let_go(&self.buf, self.dropped, new_start);
            self.buf.drain(..self.start);
            self.dropped += self.start as u64;
            self.start = 0;
        }
        let old = self.buf.len();
        self.buf.resize(old + self.block, 0);
        let n = loop {
            match self.file.read(&mut self.buf[old..]) {
                Ok(n) => break n,
                Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(err) => return Err(Stop::Failed(LoadFailure::io(&err))),
            }
        };
        self.buf.truncate(old + n);
        if self.dropped == 0 && old == 0 && self.buf.starts_with(BYTE_ORDER_MARK) {
            // Columns are counted after the mark, which editors do not show.
            self.bom = BYTE_ORDER_MARK.len() as u64;
            self.lines = LineCount::from(self.bom, TextPosition::START);
        }
        if let Some(nul) = memchr::memchr(0, &self.buf[old..]) {
            return Err(Stop::Failed(self.failure_at(
                old + nul,
                "the file holds a NUL byte here: a dataset file is text, and this one is not (or not all of it: a disk image, or a file cut off or padded with zeros)",
            )));
        }
        let read = self.dropped + self.buf.len() as u64;
        if n == 0 {
            self.eof = true;
            if read != self.size {
                return Err(Stop::Failed(changed_while_read(self.size, read)));
            }
        } else if read > self.size {
            return Err(Stop::Failed(changed_while_read(self.size, read)));
        }
        Ok(n > 0)
    }

    fn consumed(&self) -> u64 {
        self.dropped + self.start as u64
    }

    /// The line and column of `at` in `buf`. Positions are asked for in the
    /// order they come in the file.
    fn position_of(&mut self, at: usize) -> TextPosition {
        self.lines
            .position(&self.buf, self.dropped, self.dropped + at as u64)
    }

    /// Where byte `at` of `buf` is in the file's text (after the byte-order mark).
    fn offset_of(&self, at: usize) -> u64 {
        (self.dropped + at as u64).saturating_sub(self.bom)
    }

    /// A failure at byte `at` of `buf`, placed.
    fn failure_at(&mut self, at: usize, message: &str) -> LoadFailure {
        let position = self.position_of(at);
        let offset = self.offset_of(at);
        LoadFailure::at(message.to_owned(), offset..offset, position)
    }

    /// The whole file from its start, for the whole-text reader: what was read
    /// and kept so far, then the rest; read again from the start of the open file
    /// (the file that was opened) only when some was already let go. A file too
    /// large to hold in memory is refused rather than allowed to abort.
    fn read_whole(&mut self) -> Result<Vec<u8>, LoadFailure> {
        let size = usize::try_from(self.size).unwrap_or(usize::MAX);
        let mut bytes = Vec::new();
        if bytes.try_reserve_exact(size.saturating_add(1)).is_err() {
            return Err(LoadFailure::not_a_file(format!(
                "the file is too large to read whole ({:.1} GB) and could not be streamed",
                self.size as f64 / 1e9
            )));
        }
        if self.dropped == 0 {
            // Nothing was let go yet (a small file, or one whose events were
            // not reached): go on from what was read.
            bytes.extend_from_slice(&self.buf);
            self.buf = Vec::new();
        } else {
            self.file
                .seek(SeekFrom::Start(0))
                .map_err(|err| LoadFailure::io(&err))?;
        }
        let left = (self.size + 1).saturating_sub(bytes.len() as u64);
        (&mut self.file)
            .take(left)
            .read_to_end(&mut bytes)
            .map_err(|err| LoadFailure::io(&err))?;
        if bytes.len() as u64 != self.size {
            return Err(changed_while_read(self.size, bytes.len() as u64));
        }
        Ok(bytes)
    }
}

fn changed_while_read(size: u64, read: u64) -> LoadFailure {
    LoadFailure::not_a_file(format!(
        "the file changed while it was read ({size} bytes when opened, {read} read): it may still be being written; try again when it is saved"
    ))
}

/// Where the dataset's text begins: after a byte-order mark, white space,
/// comments and `#![...]` attributes. Fails when what comes next cannot begin a
/// dataset, so that a file of anything else is refused after one block.
fn check_beginning(reader: &mut BlockReader) -> Result<(), Stop> {
    let bom = if reader.buf.starts_with(BYTE_ORDER_MARK) {
        BYTE_ORDER_MARK.len()
    } else {
        0
    };
    if let Err(err) = std::str::from_utf8(&reader.buf[bom..])
        && err.error_len().is_some()
    {
        let at = bom + err.valid_up_to();
        let message = not_utf8_message(reader.buf[at], err.valid_up_to());
        return Err(Stop::Failed(reader.failure_at(at, &message)));
    }
    match lexer::begins_dataset(&reader.buf[bom..]) {
        Ok(()) => Ok(()),
        Err(at) => Err(Stop::Failed(reader.failure_at(bom + at, NOT_A_DATASET))),
    }
}

fn stream(reader: &mut BlockReader, observer: &dyn Fn(u64) -> bool) -> Result<Streamed, Stop> {
    let mut unknown = Vec::new();
    match stream_setting_aside(reader, observer, &mut unknown) {
        // A syntax error after an unknown field was set aside: as ron on the
        // whole text, the first error ends the load, and it is the unknown field.
        Err(Stop::Failed(failure))
            if failure.kind == FailureKind::NotValid && failure.parsed.is_none() =>
        {
            Err(Stop::Failed(match unknown.into_iter().next() {
                Some(first) => LoadFailure {
                    problems: vec![Problem {
                        record: None,
                        ..first
                    }],
                    ..failure
                },
                None => failure,
            }))
        }
        other => other,
    }
}

/// Streams the file; the unknown fields set aside in events are gathered in
/// `unknown`.
fn stream_setting_aside(
    reader: &mut BlockReader,
    observer: &dyn Fn(u64) -> bool,
    unknown: &mut Vec<Problem>,
) -> Result<Streamed, Stop> {
    reader.more()?;
    check_beginning(reader)?;
    let (header_end, bom) = read_header(reader)?;
    let kept: Vec<u8> = reader.buf[bom..header_end].to_vec();
    reader.start = header_end;
    let mut list = EventsList::default();
    // Events are stored in columns on a second thread while this one reads on.
    let (read, events) = std::thread::scope(|scope| {
        let mut events = ColumnWriter::start(scope);
        let read = list.read_all(reader, observer, unknown, &mut events);
        (read, events.finish())
    });
    read?;
    let around = AroundEvents { kept, bom };
    finish_stream(reader, observer, unknown, around, events, list)
}

/// The header: everything up to and including the `[` that opens `events`.
/// Returns where it ends, and the length of the byte-order mark before it.
fn read_header(reader: &mut BlockReader) -> Result<(usize, usize), Stop> {
    let header_end = loop {
        match find_events_list(&reader.buf) {
            Ok(Some(end)) => break end,
            Ok(None) => {}
            Err(word) => {
                let length = lexer::next_token(&reader.buf, word).map_or(0, |t| t.end - t.start);
                let message = format!(
                    "a word of {} bytes or more where a field's name or a value should be: this is not a dataset, or its text is broken here",
                    thousands(length)
                );
                return Err(Stop::Failed(reader.failure_at(word, &message)));
            }
        }
        if reader.buf.len() > MAX_HEADER || !reader.more()? {
            return Err(Stop::Unsure(GivesWay::NoEventsList));
        }
    };
    let bom = if reader.buf.starts_with(BYTE_ORDER_MARK) {
        BYTE_ORDER_MARK.len()
    } else {
        0
    };
    Ok((header_end, bom))
}

/// The text of the file around the events: before them (from `kept`'s start)
/// and, once read, after them; and the length of the byte-order mark.
struct AroundEvents {
    kept: Vec<u8>,
    bom: usize,
}

/// The rest of a streamed read, once the events are read: the text after
/// them and the dataset around them, with what placing its problems needs.
fn finish_stream(
    reader: &mut BlockReader,
    observer: &dyn Fn(u64) -> bool,
    unknown: &mut Vec<Problem>,
    around: AroundEvents,
    events: Events,
    list: EventsList,
) -> Result<Streamed, Stop> {
    let AroundEvents { mut kept, bom } = around;
    // The rest: from the `]` that closes the events to the end of the file.
    let header_len = kept.len();
    let mut tail = tail::read_tail(reader, &mut kept, observer)?;
    // Where the text after the events begins, and its place (the first run
    // of the text kept).
    let tail_start = tail
        .runs
        .first()
        .map_or((TextPosition::START, 0), |run| (run.position, run.offset));
    let rest = String::from_utf8(kept).map_err(|_| Stop::Unsure(GivesWay::RestNotUnderstood))?;
    // The text around the events, with an empty events list: the fast reader,
    // or ron when it is unsure, whose error is placed in the file.
    let mut dataset = match fast_parse::parse(&rest) {
        Some(dataset) => dataset,
        None => ron_options().from_str::<Dataset>(&rest).map_err(|err| {
            // An unknown field around the events: the whole-text reader
            // sets it aside and places it. So it does an error in text
            // that snapshots were taken out of.
            if unknown_field_extent(&rest, &err).is_some() || tail.runs.len() > 1 {
                return Stop::Unsure(GivesWay::RestNotUnderstood);
            }
            match error_around_events(&err, &rest, header_len, tail_start) {
                Some(failure) => Stop::Failed(failure),
                None => Stop::Unsure(GivesWay::RestNotUnderstood),
            }
        })?,
    };
    if !dataset.events.is_empty() || !tail.restore(&mut dataset.territory) {
        return Err(Stop::Unsure(GivesWay::RestNotUnderstood));
    }
    dataset.events = events;
    let EventsList {
        mut starts,
        mut offsets,
        ..
    } = list;
    starts.shrink_to_fit();
    offsets.shrink_to_fit();
    let records = StreamedRecords {
        kept: rest,
        header_len,
        tail,
        event_offsets: offsets,
        event_starts: starts,
        bom,
    };
    let file = reader
        .file
        .try_clone()
        .map_err(|err| Stop::Failed(LoadFailure::io(&err)))?;
    Ok(Streamed {
        dataset,
        unknown: std::mem::take(unknown),
        folder: reader.folder.clone(),
        placer: StreamPlacer { records, file },
    })
}

/// The position just after the `[` that opens the top-level `events` list, if
/// `bytes` reaches it; `Err` with the place of a word too long to be in a
/// dataset.
fn find_events_list(bytes: &[u8]) -> Result<Option<usize>, usize> {
    let mut depth = 0usize;
    let mut at = 0;
    let mut last_word: &[u8] = b"";
    let mut field_is_events = false;
    loop {
        let Some(t) = lexer::next_token(bytes, at) else {
            return Ok(None);
        };
        at = t.end;
        match t.kind {
            TokenKind::Open(bracket) => {
                if depth == 1 && bracket == b'[' && field_is_events {
                    return Ok(Some(t.end));
                }
                depth += 1;
                field_is_events = false;
            }
            TokenKind::Close(_) => match depth.checked_sub(1) {
                Some(up) => depth = up,
                None => return Ok(None),
            },
            TokenKind::Colon => field_is_events = depth == 1 && last_word == b"events",
            TokenKind::Comma => field_is_events = false,
            // No name or number in a dataset is this long: a file of one huge
            // word ends here, before it is read again and again.
            TokenKind::Word if t.end - t.start > MAX_WORD => return Err(t.start),
            TokenKind::Word => last_word = &bytes[t.start..t.end],
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests;
