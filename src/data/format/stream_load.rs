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
use std::path::Path;

use crate::data::format::column_writer::ColumnWriter;
use crate::data::format::fast_parse;
use crate::data::format::lexer::{self, TokenKind};
use crate::data::format::loaded::{
    FailureKind, LoadFailure, LoadedDataset, NOT_A_DATASET, load_without_unknown_fields,
    not_utf8_message,
};
use crate::data::format::placer::{self, LineCount};
use crate::data::format::problem::{Problem, Record, TextPosition, thousands};
use crate::data::format::ron_text::{
    MAX_UNKNOWN_FIELDS, blank, offset_in_text, ron_options, syntax_failure, unknown_field_extent,
};
use crate::data::format::source_map::{SourceMap, field_offset};
use crate::data::format::validate::record_offset;
use crate::data::model::{Dataset, Event};

mod tail;

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

/// What streaming a file came to, when it did not load it.
pub(super) enum NotStreamed {
    /// The load failed (cannot read, cancelled, not valid): report it as it is.
    Failed(LoadFailure),
    /// The file is for the whole-text reader (the reason is logged): its text.
    GaveWay(Vec<u8>),
}

/// Streams the dataset file at `path`. `observer` is told how many bytes have
/// been read and parsed, and stops the load by returning false.
pub(super) fn stream_path(
    path: &Path,
    observer: &dyn Fn(u64) -> bool,
) -> Result<LoadedDataset, NotStreamed> {
    let (file, size) = open_regular(path).map_err(NotStreamed::Failed)?;
    let mut reader = BlockReader::new(file, size);
    reader.folder = Some(crate::data::format::map_files::folder_of(path));
    match stream(&mut reader, observer) {
        Ok(loaded) => Ok(loaded),
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

fn stream(reader: &mut BlockReader, observer: &dyn Fn(u64) -> bool) -> Result<LoadedDataset, Stop> {
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
) -> Result<LoadedDataset, Stop> {
    let size = reader.size;
    reader.more()?;
    check_beginning(reader)?;

    // The header: everything up to and including the `[` that opens `events`.
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
    let mut kept: Vec<u8> = reader.buf[bom..header_end].to_vec();
    reader.start = header_end;
    // After an event that ran past the end of the buffer, the buffer must hold this
    // many bytes from its start before it is scanned again: doubling keeps an
    // unclosed bracket from rescanning the same text block after block.
    let mut scan_from_len = 0usize;

    // The events, one at a time, each with where it starts in the file.
    let mut event_starts: Vec<(u32, u32)> = Vec::new();
    let mut event_offsets: Vec<u64> = Vec::new();
    // Set after an event whose following `,` or `]` was not yet read.
    let mut need_separator = false;
    // The length of the last event read: how much text the next is looked for in.
    let mut last_len = 0usize;
    // Events are stored in columns on a second thread while this one reads on.
    let (read, events) = std::thread::scope(|scope| {
        let mut events = ColumnWriter::start(scope);
        let read = (|| -> Result<(), Stop> {
            loop {
                let at = lexer::skip_blank(&reader.buf, reader.start);
                if need_separator {
                    match reader.buf.get(at) {
                        Some(b',') => {
                            reader.start = at + 1;
                            need_separator = false;
                        }
                        Some(b']') => {
                            reader.start = at;
                            break;
                        }
                        Some(_) => return Err(Stop::Unsure(GivesWay::UnexpectedBetweenEvents)),
                        None => {
                            if !reader.more()? {
                                return Err(Stop::Unsure(GivesWay::EndsInsideEvents));
                            }
                        }
                    }
                    continue;
                }
                match reader.buf.get(at) {
                    None if reader.eof => return Err(Stop::Unsure(GivesWay::EndsInsideEvents)),
                    None => {
                        reader.more()?;
                        continue;
                    }
                    Some(b']') => {
                        reader.start = at;
                        break;
                    }
                    Some(_) => {}
                }
                // Most events are read where they lie, the reader saying where each
                // ends; an event it is unsure of, or one the block cuts, is found whole
                // first.
                let read = if scan_from_len == 0 {
                    read_event_at(&reader.buf, at, last_len)
                } else {
                    None
                };
                let (event, end, start) = match read {
                    Some((event, end)) => {
                        (event, end, (reader.position_of(at), reader.offset_of(at)))
                    }
                    None => {
                        if reader.buf.len() - at < scan_from_len && !reader.eof {
                            reader.more()?;
                            continue;
                        }
                        let Some(end) = element_end(&reader.buf, at) else {
                            let unfinished = reader.buf.len() - at;
                            if unfinished > reader.block {
                                // An event longer than a block is most likely a bracket left
                                // open: ron finds the error in what is read so far.
                                let start = (reader.position_of(at), reader.offset_of(at));
                                if let Some(failure) = error_in_unfinished(&reader.buf, at, start) {
                                    return Err(Stop::Failed(failure));
                                }
                            }
                            scan_from_len = unfinished.saturating_mul(2);
                            if unfinished > MAX_EVENT {
                                return Err(Stop::Unsure(GivesWay::EventTooLong));
                            }
                            if !reader.more()? {
                                return Err(Stop::Unsure(GivesWay::EndsInsideEvents));
                            }
                            continue;
                        };
                        scan_from_len = 0;
                        let start = (reader.position_of(at), reader.offset_of(at));
                        let text = std::str::from_utf8(&reader.buf[at..end])
                            .map_err(|_| Stop::Unsure(GivesWay::EventNotUnderstood))?;
                        let event = match fast_parse::parse_event(text) {
                            Some(event) => event,
                            // ron decides: an event in a form the fast reader does not know is
                            // read by ron, and a syntax error in it ends the load here.
                            None => match ron_options().from_str::<Event>(text) {
                                Ok(event) => event,
                                // Two events with no comma between them read as one: ron
                                // reads them as the list they stand in.
                                Err(err) if err.code == ron::Error::TrailingCharacters => {
                                    let listed = format!("[{text}]");
                                    let err = ron_options().from_str::<Vec<Event>>(&listed).err();
                                    return Err(match err {
                                        Some(err) if error_is_the_events_own(&err, text) => {
                                            Stop::Failed(failure_in_buffer(
                                                &reader.buf,
                                                at,
                                                &listed,
                                                1,
                                                &err,
                                                start,
                                            ))
                                        }
                                        _ => Stop::Unsure(GivesWay::UnexpectedBetweenEvents),
                                    });
                                }
                                // What ron says of the event alone may depend on what comes
                                // around it: ron on the whole text says it.
                                Err(err) if !error_is_the_events_own(&err, text) => {
                                    return Err(Stop::Unsure(GivesWay::EventNotUnderstood));
                                }
                                // A misspelt field is set aside and reported with the rest.
                                Err(err) if unknown_field_extent(text, &err).is_some() => {
                                    let index = events.len();
                                    let (event, mut found) = read_setting_aside_unknown_fields(
                                        &reader.buf,
                                        at,
                                        text,
                                        &err,
                                        start,
                                    )?;
                                    for problem in &mut found {
                                        problem.record = Some(Record::Event {
                                            index,
                                            id: event.id.to_string(),
                                        });
                                    }
                                    unknown.append(&mut found);
                                    if unknown.len() > MAX_UNKNOWN_FIELDS {
                                        // As on the whole text: past so many, the first ends the load.
                                        let (position, offset) = start;
                                        return Err(Stop::Failed(LoadFailure::at(
                                            String::new(),
                                            offset..offset,
                                            position,
                                        )));
                                    }
                                    event
                                }
                                Err(err) => {
                                    return Err(Stop::Failed(failure_in_buffer(
                                        &reader.buf,
                                        at,
                                        text,
                                        0,
                                        &err,
                                        start,
                                    )));
                                }
                            },
                        };
                        (event, end, start)
                    }
                };
                last_len = end - at;
                events.push(event);
                event_offsets.push(start.1);
                event_starts.push((
                    u32::try_from(start.0.line).unwrap_or(u32::MAX),
                    u32::try_from(start.0.column).unwrap_or(u32::MAX),
                ));
                let after = lexer::skip_blank(&reader.buf, end);
                match reader.buf.get(after) {
                    Some(b',') => reader.start = after + 1,
                    Some(b']') => reader.start = after,
                    Some(_) => return Err(Stop::Unsure(GivesWay::UnexpectedBetweenEvents)),
                    None if reader.eof => return Err(Stop::Unsure(GivesWay::EndsInsideEvents)),
                    None => {
                        reader.start = end;
                        need_separator = true;
                    }
                }
                if events.len() == 1000 && size > 0 {
                    // Reserve room for the rest from the size of the first thousand.
                    let per_event = (reader.consumed() as f64 - header_end as f64) / 1000.0;
                    let expected = (size as f64 / per_event.max(1.0) * 1.02) as usize;
                    // A sparse or huge file may claim room for billions: ask, never insist.
                    events.reserve(expected.saturating_sub(events.len()));
                    let _ = event_starts.try_reserve(expected.saturating_sub(event_starts.len()));
                    let _ = event_offsets.try_reserve(expected.saturating_sub(event_offsets.len()));
                }
                if events.len().is_multiple_of(4096) && !observer(reader.consumed()) {
                    return Err(Stop::Failed(LoadFailure::cancelled()));
                }
            }
            Ok(())
        })();
        (read, events.finish())
    });
    read?;

    // The rest: from the `]` that closes the events to the end of the file.
    let header_len = kept.len();
    let mut tail = tail::read_tail(reader, &mut kept, observer)?;
    // Where the text after the events begins, and its place (the first run
    // of the text kept).
    let tail_start = tail
        .runs
        .first()
        .map_or((TextPosition::START, 0), |run| (run.position, run.offset));
    let rest = std::str::from_utf8(&kept).map_err(|_| Stop::Unsure(GivesWay::RestNotUnderstood))?;
    // The text around the events, with an empty events list: the fast reader,
    // or ron when it is unsure, whose error is placed in the file.
    let mut dataset = match fast_parse::parse(rest) {
        Some(dataset) => dataset,
        None => {
            ron_options().from_str::<Dataset>(rest).map_err(|err| {
                // An unknown field around the events: the whole-text reader
                // sets it aside and places it. So it does an error in text
                // that snapshots were taken out of.
                if unknown_field_extent(rest, &err).is_some() || tail.runs.len() > 1 {
                    return Stop::Unsure(GivesWay::RestNotUnderstood);
                }
                match error_around_events(&err, rest, header_len, tail_start) {
                    Some(failure) => Stop::Failed(failure),
                    None => Stop::Unsure(GivesWay::RestNotUnderstood),
                }
            })?
        }
    };
    if !dataset.events.is_empty() || !tail.restore(&mut dataset.territory) {
        return Err(Stop::Unsure(GivesWay::RestNotUnderstood));
    }
    dataset.events = events;
    event_starts.shrink_to_fit();
    event_offsets.shrink_to_fit();
    let records = StreamedRecords {
        kept: rest,
        header_len,
        tail,
        event_offsets,
        event_starts,
        bom,
    };
    let place = |problems: &mut Vec<Problem>| records.place(problems, &reader.file);
    match load_without_unknown_fields(dataset, std::mem::take(unknown), reader.folder.as_deref()) {
        Ok(mut loaded) => {
            place(&mut loaded.warnings);
            Ok(loaded)
        }
        Err(mut failure) => {
            place(&mut failure.problems);
            Err(Stop::Failed(failure))
        }
    }
}

/// What the streaming reader keeps to place problems once the file is read:
/// the text around the events, where each event starts, and where each
/// snapshot read from the tail lies.
struct StreamedRecords<'a> {
    /// The text before the events and after them, joined.
    kept: &'a str,
    /// How much of `kept` comes before the events.
    header_len: usize,
    /// The text after the events: its runs in the file, and its snapshots' places.
    tail: tail::Tail,
    /// Where each event starts: its offset, and its line and column.
    event_offsets: Vec<u64>,
    event_starts: Vec<(u32, u32)>,
    /// The length of the byte-order mark before the text, if any.
    bom: usize,
}

impl StreamedRecords<'_> {
    /// Gives each problem the span of the value it is about, else of its
    /// record's start, and places it: an event's or a snapshot's own text is
    /// read again from the file for that, and for those with problems only;
    /// the text around them is placed from the start of the file and from
    /// where each run of the text after the events begins.
    fn place(&self, problems: &mut [Problem], file: &File) {
        if problems.is_empty() {
            return;
        }
        let kept = self.kept.as_bytes();
        let map = SourceMap::scan(self.kept);
        for problem in problems
            .iter_mut()
            .filter(|p| p.position.is_none() && p.span.is_none())
        {
            match problem.record {
                Some(Record::Event { index, .. }) => self.place_in_event(problem, index, file),
                Some(Record::Snapshot { map: m, index, .. }) if !self.tail.texts.is_empty() => {
                    self.place_in_snapshot(problem, m, index, file);
                }
                _ => {
                    if let Some(record) = record_offset(&map, problem.record.as_ref()) {
                        let at = field_offset(kept, record, problem.within.as_ref());
                        let span = placer::value_span(kept, at, 0);
                        let (start, end) = (
                            self.offset_of_kept(span.start),
                            self.offset_of_kept(span.end),
                        );
                        problem.span = Some(start..end.max(start));
                    }
                }
            }
        }
        let (header, after) = kept.split_at(self.header_len.min(kept.len()));
        placer::place_in_text(problems, header, 0, TextPosition::START);
        for (i, run) in self.tail.runs.iter().enumerate() {
            let end = self
                .tail
                .runs
                .get(i + 1)
                .map_or(after.len(), |next| next.kept_at)
                .min(after.len());
            let text = after.get(run.kept_at..end).unwrap_or_default();
            placer::place_in_text(problems, text, run.offset, run.position);
        }
    }

    /// Where the text after the events begins in the file.
    fn tail_offset(&self) -> u64 {
        self.tail.runs.first().map_or(0, |run| run.offset)
    }

    /// The offset in the file's text of byte `at` of `kept`.
    fn offset_of_kept(&self, at: u64) -> u64 {
        let header = self.header_len as u64;
        if at < header {
            return at;
        }
        let after = usize::try_from(at - header).unwrap_or(usize::MAX);
        match self.tail.run_of(after) {
            Some(run) => run.offset + (after - run.kept_at) as u64,
            None => at - header + self.tail_offset(),
        }
    }

    /// Places a problem about event `index`: at the value it is about, else
    /// at the whole event, its text read again from the file.
    fn place_in_event(&self, problem: &mut Problem, index: usize, file: &File) {
        let (Some(&start), Some(&(line, column))) =
            (self.event_offsets.get(index), self.event_starts.get(index))
        else {
            return;
        };
        let end = self
            .event_offsets
            .get(index + 1)
            .copied()
            .unwrap_or(self.tail_offset());
        self.place_in_record(problem, start..end, (line, column), file);
    }

    /// Places a problem about snapshot `index` of map `m`, read from the tail.
    fn place_in_snapshot(&self, problem: &mut Problem, m: usize, index: usize, file: &File) {
        if let Some(text) = self.tail.texts.get(m).and_then(|texts| texts.get(index)) {
            self.place_in_record(
                problem,
                text.start..text.end,
                (text.line, text.column),
                file,
            );
        }
    }

    /// Places a problem about the record whose text is `span` of the file's
    /// text, starting at `(line, column)`: at the value it is about, else at
    /// the record's start, its text read again from the file.
    fn place_in_record(
        &self,
        problem: &mut Problem,
        span: std::ops::Range<u64>,
        (line, column): (u32, u32),
        file: &File,
    ) {
        let start = span.start;
        let origin = TextPosition {
            line: line as usize,
            column: column as usize,
        };
        problem.span = Some(start..start);
        let len = usize::try_from(span.end.saturating_sub(start))
            .unwrap_or(usize::MAX)
            .min(MAX_EVENT);
        let text = read_at(file, start + self.bom as u64, len).unwrap_or_default();
        if !text.is_empty() {
            let at = field_offset(&text, 0, problem.within.as_ref());
            problem.span = Some(placer::value_span(&text, at, start));
        }
        placer::place_in_text(std::slice::from_mut(problem), &text, start, origin);
    }
}

/// ron's error in the unfinished event starting at `at` in `buf` (at
/// `start`, a place and an offset, in the file), when it is one ron would
/// give on the whole file: an error before the end of what was read. `None`
/// when ron only runs out of text.
fn error_in_unfinished(buf: &[u8], at: usize, start: (TextPosition, u64)) -> Option<LoadFailure> {
    let bytes = &buf[at..];
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        // A character cut by the end of the block.
        Err(err) if err.error_len().is_none() => {
            std::str::from_utf8(&bytes[..err.valid_up_to()]).ok()?
        }
        Err(_) => return None,
    };
    let err = ron_options().from_str::<Event>(text).err()?;
    // Only an error before the first token cut by the end of what was read (a
    // long string, say) is one the whole file has too. A token that reaches the
    // end may be cut whatever the lexer makes of it: `Cit` may be `Cite`,
    // `sourc` may be `source`, `12` may be `125`.
    let mut complete_until = 0;
    let mut next = 0;
    while let Some(token) = lexer::next_token(text.as_bytes(), next) {
        complete_until = if token.end >= text.len() {
            token.start
        } else {
            token.end
        };
        next = token.end;
    }
    let error_at = offset_in_text(text, err.span.start.line, err.span.start.col)?;
    if error_at >= complete_until || !error_is_the_events_own(&err, text) {
        return None;
    }
    Some(failure_in_buffer(buf, at, text, 0, &err, start))
}

/// An event whose text holds unknown fields, read with each set aside: the
/// event, and an error at each field's name, placed in the file (the event
/// starts at `start`, a place and an offset, in it). When the event does not
/// read once they are set aside, the first error ends the load, as any other
/// syntax error does.
fn read_setting_aside_unknown_fields(
    buf: &[u8],
    at: usize,
    text: &str,
    first: &ron::error::SpannedError,
    start: (TextPosition, u64),
) -> Result<(Event, Vec<Problem>), Stop> {
    let offset = start.1;
    let mut found = Vec::new();
    let mut blanked = text.to_owned();
    let mut err = first.clone();
    while let Some(extent) = unknown_field_extent(&blanked, &err) {
        let failure = failure_in_buffer(buf, at, text, 0, &err, start);
        found.extend(failure.problems.into_iter().map(|mut problem| {
            problem.span = Some(offset + extent.start as u64..offset + extent.end as u64);
            problem
        }));
        blank(&mut blanked, extent);
        match ron_options().from_str::<Event>(&blanked) {
            Ok(event) => return Ok((event, found)),
            Err(next) => err = next,
        }
    }
    Err(Stop::Failed(failure_in_buffer(
        buf, at, text, 0, first, start,
    )))
}

/// ron's error `err` in `text`, whose byte `lead` is the byte `at` of `buf`
/// (`text` is what ron was given: the event, or the event in brackets), with
/// the event at `start` (a place and an offset) in the file. The line quoted
/// is the whole line from the buffer, past the event's end and before its
/// start when the buffer still holds it.
fn failure_in_buffer(
    buf: &[u8],
    at: usize,
    text: &str,
    lead: usize,
    err: &ron::error::SpannedError,
    (start, offset): (TextPosition, u64),
) -> LoadFailure {
    let origin = TextPosition {
        line: start.line,
        column: start.column.saturating_sub(lead),
    };
    let text_start = offset.saturating_sub(lead as u64);
    let mut failure = syntax_failure(err, text, text_start, origin);
    if let Some(problem) = failure.problems.first_mut()
        && let (Some(span), Some(position)) = (problem.span.clone(), problem.position)
    {
        let in_text = usize::try_from(span.start - text_start).unwrap_or(usize::MAX);
        let error_at = (at + in_text.saturating_sub(lead)).min(buf.len());
        if let Some(break_at) = memchr::memrchr(b'\n', &buf[..error_at]) {
            let from = break_at + 1;
            let from_offset = if from <= at {
                offset - (at - from) as u64
            } else {
                offset + (from - at) as u64
            };
            problem.position = None;
            problem.excerpt = None;
            placer::place_in_text(
                std::slice::from_mut(problem),
                &buf[from..],
                from_offset,
                TextPosition {
                    line: position.line,
                    column: 1,
                },
            );
        }
    }
    failure
}

/// ron's error in `kept` (the text before the events and after them, joined
/// where the events were), placed in the file: the text before the events is
/// the file's own start, and the text after them begins at `tail` (a place and
/// an offset) in the file. `None` for an error on the line where the two were
/// joined, whose text the file does not have.
fn error_around_events(
    err: &ron::error::SpannedError,
    kept: &str,
    header_len: usize,
    (tail_start, tail_offset): (TextPosition, u64),
) -> Option<LoadFailure> {
    let bytes = kept.as_bytes();
    let at = offset_in_text(kept, err.span.start.line, err.span.start.col)?;
    let header_len = header_len.min(bytes.len());
    let joined_from = memchr::memrchr(b'\n', &bytes[..header_len]).map_or(0, |n| n + 1);
    let joined_to =
        memchr::memchr(b'\n', &bytes[header_len..]).map_or(bytes.len(), |n| header_len + n);
    if (joined_from..=joined_to).contains(&at) {
        return None;
    }
    if at < header_len {
        return Some(syntax_failure(err, kept, 0, TextPosition::START));
    }
    // The text after the events as a text of its own: ron's lines counted
    // from its first line, the one where the two were joined.
    let lines_before = memchr::memchr_iter(b'\n', &bytes[..header_len]).count();
    let mut shifted = err.clone();
    shifted.span.start.line -= lines_before;
    shifted.span.end.line = shifted.span.end.line.saturating_sub(lines_before).max(1);
    Some(syntax_failure(
        &shifted,
        &kept[header_len..],
        tail_offset,
        tail_start,
    ))
}

/// Whether ron's error on an event's own text is the error ron gives on the
/// whole file: the text begins as an event does (`Event(` or `(`), and the
/// error is not about where the text ends (two events with no comma between
/// them read as one; a comment or string left open reads to the end).
fn error_is_the_events_own(err: &ron::error::SpannedError, text: &str) -> bool {
    let bytes = text.as_bytes();
    let begins_as_event = match lexer::token(bytes, 0) {
        Some(t) if t.kind == TokenKind::Open(b'(') => true,
        Some(t) if t.kind == TokenKind::Word => {
            lexer::next_token(bytes, t.end).is_some_and(|t| t.kind == TokenKind::Open(b'('))
        }
        _ => false,
    };
    // ron counts nesting from the top of what it reads: the event alone sits
    // three levels higher than in the file.
    let nested_deep = nesting(bytes) + 3 >= lexer::MAX_NESTING;
    begins_as_event
        && !nested_deep
        && !matches!(
            err.code,
            ron::Error::Eof
                | ron::Error::TrailingCharacters
                | ron::Error::ExpectedStructLikeEnd
                | ron::Error::ExceededRecursionLimit
        )
}

/// The deepest nesting of brackets in `bytes`.
fn nesting(bytes: &[u8]) -> usize {
    let (mut depth, mut deepest, mut at) = (0usize, 0usize, 0usize);
    while let Some(t) = lexer::next_token(bytes, at) {
        match t.kind {
            TokenKind::Open(_) => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            TokenKind::Close(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        at = t.end;
    }
    deepest
}

/// `len` bytes of `file` from `offset`, without moving its cursor.
#[cfg(unix)]
fn read_at(file: &File, offset: u64, len: usize) -> Option<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    let mut bytes = vec![0; len];
    file.read_exact_at(&mut bytes, offset).ok()?;
    Some(bytes)
}

#[cfg(not(unix))]
fn read_at(_file: &File, _offset: u64, _len: usize) -> Option<Vec<u8>> {
    None
}

/// The end of one event starting at `at`: where its brackets balance again.
/// `None` when it runs past the end of `bytes`.
/// The event that begins at `at` in `bytes`, and where it ends, when the fast
/// reader is sure of it within twice the last event's length (at least 1 KB)
/// and a `,` or `]` follows it (or nothing yet); `None` otherwise, for the
/// event to be found whole and read by ron if need be.
fn read_event_at(bytes: &[u8], at: usize, last_len: usize) -> Option<(Event, usize)> {
    let window = bytes.get(at..)?;
    let window = &window[..window.len().min(last_len.saturating_mul(2).max(1024))];
    let text = match std::str::from_utf8(window) {
        Ok(text) => text,
        // A character cut by the window's end: what comes before it.
        Err(err) => std::str::from_utf8(&window[..err.valid_up_to()]).ok()?,
    };
    let (event, used) = fast_parse::parse_event_prefix(text)?;
    let end = at + used;
    match bytes.get(lexer::skip_blank(bytes, end)) {
        Some(b',' | b']') | None => Some((event, end)),
        Some(_) => None,
    }
}

fn element_end(bytes: &[u8], at: usize) -> Option<usize> {
    lexer::value_end(bytes, at)
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
mod tests {
    use super::*;
    use std::io::Write;

    /// A valid dataset whose second event cites `cites` sources, after a title
    /// `pad` characters long: the long event starts at any offset.
    fn long_event_dataset(cites: usize, pad: usize) -> String {
        let mut text = String::from("Dataset(\n  format: 1,\n  title: \"");
        text.push_str(&"p".repeat(pad + 1));
        text.push_str(
            "\",\n  sources: [Source(id: \"s\", title: \"S\", publisher: \"P\", kind: Monitor)],\n  actors: [],\n  events: [\n",
        );
        text.push_str("    Event(id: \"a\", date: \"2020\", title: \"A\", confidence: Reported, cites: [Cite(source: \"s\")]),\n");
        text.push_str(
            "    Event(id: \"b\", date: \"2020-02\", title: \"B\", confidence: Reported, cites: [",
        );
        for i in 0..cites {
            text.push_str(&format!("Cite(source: \"s\", note: \"n{i}\"), "));
        }
        text.push_str("]),\n");
        text.push_str("    Event(id: \"c\", date: \"2021\", title: \"C\", confidence: Reported, cites: [Cite(source: \"s\")]),\n  ],\n)\n");
        text
    }

    #[test]
    fn a_valid_event_longer_than_a_block_loads_wherever_the_blocks_fall() {
        let dir = std::env::temp_dir().join(format!("frontline-blocks-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("long-event.ron");
        // Block sizes and offsets chosen so that a block ends inside every kind
        // of token of the long event: names, strings, brackets, commas.
        for (block, cites) in [(64, 40), (97, 40), (256, 120), (1000, 300), (4096, 900)] {
            for pad in 0..48 {
                let text = long_event_dataset(cites, pad);
                let expected = crate::data::load::load_str(&text).expect("valid");
                std::fs::write(&path, &text).expect("write");
                let (file, size) = open_regular(&path).expect("opens");
                match stream(&mut BlockReader::with_block(file, size, block), &|_| true) {
                    Ok(loaded) => {
                        assert_eq!(loaded.dataset, expected.dataset, "block {block}, pad {pad}");
                    }
                    Err(Stop::Unsure(_)) => {}
                    Err(Stop::Failed(failure)) => panic!(
                        "block {block}, pad {pad}: a valid file was refused: {}",
                        failure.render("f")
                    ),
                }
            }
        }
    }

    #[test]
    fn a_file_that_grows_while_it_is_read_is_reported_not_half_loaded() {
        let dir = std::env::temp_dir().join(format!("frontline-grow-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("growing.ron");
        std::fs::write(&path, include_str!("../../../tests/data/small.ron")).expect("write");
        let (file, size) = open_regular(&path).expect("opens");
        // An editor appends while Frontline reads.
        let mut appender = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .expect("opens for appending");
        appender.write_all(b"\n// more\n").expect("appends");
        let Err(Stop::Failed(failure)) = stream(&mut BlockReader::new(file, size), &|_| true)
        else {
            panic!("a file that changed must not load");
        };
        assert!(
            failure.problems[0]
                .message
                .contains("changed while it was read"),
            "{:?}",
            failure.problems
        );
    }
}
