//! Loading a dataset file without holding all of its text in memory.
//!
//! Events make up nearly all of a large file. This loader reads the file in
//! blocks, parses each event as soon as its text is complete and lets the text
//! go; the rest of the file (title, sources, actors, control series) is kept and
//! parsed at the end. It gives way to the ordinary loader, which reads the whole
//! text and reports every problem with its position, whenever it is unsure of
//! anything: an unusual layout, a syntax error, or a dataset with problems to
//! locate.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use super::fast_parse;
use super::load::{LoadFailure, LoadedDataset, load_bytes_observed, load_dataset};
use super::model::Event;
use super::problem::Problem;
use super::source_map::{SourceMap, TextPosition};
use super::validate::locate_with;

/// How much is read from the file at a time.
const BLOCK: usize = 1 << 20;
/// A header (everything before the events) larger than this is not worth streaming.
const MAX_HEADER: usize = 64 << 20;
/// The most text after the events that is kept for parsing at the end (control
/// series); beyond it the file goes to the ordinary loader.
const MAX_TAIL: usize = 256 << 20;
/// One event longer than this is left to the ordinary loader, which places the
/// syntax error that usually causes it (a bracket not closed).
const MAX_EVENT: usize = 128 << 20;
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
    /// An event the fast reader is not sure of (unusual syntax, or an error in it).
    EventNotUnderstood,
    /// More text after the events than streaming keeps.
    TailTooLarge,
    /// The text around the events is not what the fast reader understands.
    RestNotUnderstood,
}

/// Why streaming stopped.
enum Stop {
    /// Read the file the ordinary way, for this reason.
    Unsure(GivesWay),
    /// A failure to report as it is (the file cannot be read, or the user cancelled).
    Failed(LoadFailure),
}

/// Reads, parses and validates a dataset file, streaming its events when it can:
/// the one way `frontline check` and the app read a file.
pub fn load_path(path: &Path) -> Result<LoadedDataset, LoadFailure> {
    load_path_streaming(path, &|_| true)
}

/// Loads `path` like [`load_path`]. `observer` is told how many bytes have been
/// read and parsed, and stops the load by returning false.
pub fn load_path_streaming(
    path: &Path,
    observer: &dyn Fn(u64) -> bool,
) -> Result<LoadedDataset, LoadFailure> {
    let (file, size) = open_regular(path)?;
    let mut reader = BlockReader::new(file, size);
    match stream(&mut reader, observer) {
        Ok(loaded) => Ok(loaded),
        Err(Stop::Failed(failure)) => Err(failure),
        Err(Stop::Unsure(why)) => {
            log::debug!(
                "{}: streaming gives way ({why:?}); reading the whole text",
                path.display()
            );
            let bytes = reader.read_whole()?;
            load_bytes_observed(&bytes, &|at| observer(at as u64))
        }
    }
}

/// Streams `path` only: `Ok(None)` when the file must be read the ordinary way.
pub fn try_streaming(
    path: &Path,
    observer: &dyn Fn(u64) -> bool,
) -> Result<Option<LoadedDataset>, LoadFailure> {
    let (file, size) = open_regular(path)?;
    match stream(&mut BlockReader::new(file, size), observer) {
        Ok(loaded) => Ok(Some(loaded)),
        Err(Stop::Failed(failure)) => Err(failure),
        Err(Stop::Unsure(_)) => Ok(None),
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
    /// Where problems are placed from: line breaks are counted up to `counted`
    /// (in `buf`), and the current line began at `line_start` (in `buf`) with
    /// `line_carry` characters already dropped before it.
    counted: usize,
    lines: usize,
    line_start: usize,
    line_carry: usize,
    eof: bool,
}

impl BlockReader {
    fn new(file: File, size: u64) -> Self {
        Self {
            file,
            size,
            buf: Vec::with_capacity(2 * BLOCK),
            start: 0,
            dropped: 0,
            counted: 0,
            lines: 0,
            line_start: 0,
            line_carry: 0,
            eof: false,
        }
    }

    /// Reads one more block; false at the end of the file. Fails at once on a
    /// NUL byte, which no text file holds (a disk image, a sparse or truncated
    /// file), and on a file that turns out longer or shorter than it was.
    fn more(&mut self) -> Result<bool, Stop> {
        if self.eof {
            return Ok(false);
        }
        if self.start > BLOCK {
            self.count_to(self.start);
            if self.line_start < self.start {
                self.line_carry += count_chars(&self.buf[self.line_start..self.start]);
                self.line_start = self.start;
            }
            self.counted -= self.start;
            self.line_start -= self.start;
            self.buf.drain(..self.start);
            self.dropped += self.start as u64;
            self.start = 0;
        }
        let old = self.buf.len();
        self.buf.resize(old + BLOCK, 0);
        let n = loop {
            match self.file.read(&mut self.buf[old..]) {
                Ok(n) => break n,
                Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(err) => return Err(Stop::Failed(LoadFailure::io(&err))),
            }
        };
        self.buf.truncate(old + n);
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

    /// Counts line breaks up to `to` in `buf`.
    fn count_to(&mut self, to: usize) {
        let Some(slice) = self.buf.get(self.counted..to) else {
            return;
        };
        let breaks = memchr::memchr_iter(b'\n', slice).count();
        if breaks > 0 {
            self.lines += breaks;
            if let Some(last) = memchr::memrchr(b'\n', slice) {
                self.line_start = self.counted + last + 1;
                self.line_carry = 0;
            }
        }
        self.counted = to;
    }

    /// The line and column of `at` in `buf`. Positions are asked for in the
    /// order they come in the file.
    fn position_of(&mut self, at: usize) -> TextPosition {
        self.count_to(at);
        let column =
            self.line_carry + count_chars(self.buf.get(self.line_start..at).unwrap_or_default());
        TextPosition {
            line: self.lines + 1,
            column: column + 1,
        }
    }

    /// A failure placed at `at` in `buf`, with its line and column.
    fn failure_at(&mut self, at: usize, message: &str) -> LoadFailure {
        let position = self.position_of(at);
        LoadFailure::at(message.to_owned(), position)
    }

    /// The whole file from its start, for the ordinary loader: read again from
    /// the open file, so that what is loaded is the file that was opened. A file
    /// too large to hold in memory is refused rather than allowed to abort.
    fn read_whole(&mut self) -> Result<Vec<u8>, LoadFailure> {
        self.file
            .seek(SeekFrom::Start(0))
            .map_err(|err| LoadFailure::io(&err))?;
        let size = usize::try_from(self.size).unwrap_or(usize::MAX);
        let mut bytes = Vec::new();
        if bytes.try_reserve_exact(size.saturating_add(1)).is_err() {
            return Err(LoadFailure::not_a_file(format!(
                "the file is too large to read whole ({:.1} GB) and could not be streamed",
                self.size as f64 / 1e9
            )));
        }
        (&mut self.file)
            .take(self.size.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|err| LoadFailure::io(&err))?;
        if bytes.len() as u64 != self.size {
            return Err(changed_while_read(self.size, bytes.len() as u64));
        }
        Ok(bytes)
    }
}

/// Characters in UTF-8 `bytes`: the bytes that do not continue a character.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
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
    if let Err(err) = std::str::from_utf8(&reader.buf)
        && err.error_len().is_some()
    {
        return Err(Stop::Failed(reader.failure_at(
            err.valid_up_to(),
            "the file is not UTF-8 text here: a dataset file is UTF-8 text",
        )));
    }
    let bytes = &reader.buf;
    let mut at = if bytes.starts_with(BYTE_ORDER_MARK) {
        BYTE_ORDER_MARK.len()
    } else {
        0
    };
    loop {
        at = skip_blank(bytes, at);
        if bytes.get(at) == Some(&b'#') {
            match bytes[at..].iter().position(|&c| c == b']') {
                Some(end) => at += end + 1,
                None => return Ok(()),
            }
        } else {
            break;
        }
    }
    match reader.buf.get(at) {
        None | Some(b'D' | b'(') => Ok(()),
        Some(_) => Err(Stop::Failed(reader.failure_at(
            at,
            "the file does not begin a dataset: expected `Dataset(` here",
        ))),
    }
}

fn stream(reader: &mut BlockReader, observer: &dyn Fn(u64) -> bool) -> Result<LoadedDataset, Stop> {
    let size = reader.size;
    reader.more()?;
    check_beginning(reader)?;

    // The header: everything up to and including the `[` that opens `events`.
    let header_end = loop {
        if let Some(end) = find_events_list(&reader.buf) {
            break end;
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
    let mut events: Vec<Event> = Vec::new();
    let mut event_starts: Vec<(u32, u32)> = Vec::new();
    // Set after an event whose following `,` or `]` was not yet read.
    let mut need_separator = false;
    loop {
        let at = skip_blank(&reader.buf, reader.start);
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
        if reader.buf.len() - at < scan_from_len && !reader.eof {
            reader.more()?;
            continue;
        }
        let Some(end) = element_end(&reader.buf, at) else {
            let unfinished = reader.buf.len() - at;
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
        let not_understood = Stop::Unsure(GivesWay::EventNotUnderstood);
        let text = std::str::from_utf8(&reader.buf[at..end])
            .map_err(|_| Stop::Unsure(GivesWay::EventNotUnderstood))?;
        events.push(fast_parse::parse_event(text).ok_or(not_understood)?);
        let start = reader.position_of(at);
        event_starts.push((
            u32::try_from(start.line).unwrap_or(u32::MAX),
            u32::try_from(start.column).unwrap_or(u32::MAX),
        ));
        let after = skip_blank(&reader.buf, end);
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
            let _ = events.try_reserve(expected.saturating_sub(events.len()));
            let _ = event_starts.try_reserve(expected.saturating_sub(event_starts.len()));
        }
        if events.len().is_multiple_of(4096) && !observer(reader.consumed()) {
            return Err(Stop::Failed(LoadFailure::cancelled()));
        }
    }

    // The rest: from the `]` that closes the events to the end of the file.
    let tail_line = reader.position_of(reader.start).line;
    let header_line = 1 + memchr::memchr_iter(b'\n', &kept).count();
    loop {
        kept.extend_from_slice(&reader.buf[reader.start..]);
        reader.start = reader.buf.len();
        if kept.len() > MAX_HEADER + MAX_TAIL {
            return Err(Stop::Unsure(GivesWay::TailTooLarge));
        }
        if !reader.more()? {
            break;
        }
    }
    events.shrink_to_fit();
    let rest = std::str::from_utf8(&kept).map_err(|_| Stop::Unsure(GivesWay::RestNotUnderstood))?;
    let mut dataset = fast_parse::parse(rest).ok_or(Stop::Unsure(GivesWay::RestNotUnderstood))?;
    if !dataset.events.is_empty() {
        return Err(Stop::Unsure(GivesWay::RestNotUnderstood));
    }
    dataset.events = events;
    event_starts.shrink_to_fit();
    // Problems are placed without the text: events where the reader saw them
    // start, the rest in the text kept, its lines after the events moved down by
    // the lines the events took.
    let place = |problems: &mut Vec<Problem>| {
        if problems.is_empty() {
            return;
        }
        let mut map = SourceMap::scan(rest);
        let shift = tail_line.saturating_sub(header_line);
        map.shift_lines_after(header_line, shift);
        map.events = event_starts
            .iter()
            .map(|&(line, column)| TextPosition {
                line: line as usize,
                column: column as usize,
            })
            .collect();
        locate_with(problems, &map);
    };
    match load_dataset(dataset) {
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

/// Skips white space and comments from `at`.
fn skip_blank(bytes: &[u8], mut at: usize) -> usize {
    loop {
        match bytes.get(at) {
            Some(b' ' | b'\n' | b'\r' | b'\t') => at += 1,
            Some(b'/') if bytes.get(at + 1) == Some(&b'/') => {
                while bytes.get(at).is_some_and(|&b| b != b'\n') {
                    at += 1;
                }
            }
            Some(b'/') if bytes.get(at + 1) == Some(&b'*') => {
                let mut depth = 0usize;
                loop {
                    match (bytes.get(at), bytes.get(at + 1)) {
                        (Some(b'/'), Some(b'*')) => {
                            depth += 1;
                            at += 2;
                        }
                        (Some(b'*'), Some(b'/')) => {
                            depth -= 1;
                            at += 2;
                            if depth == 0 {
                                break;
                            }
                        }
                        (Some(_), _) => at += 1,
                        (None, _) => return bytes.len(),
                    }
                }
            }
            _ => return at,
        }
    }
}

/// The end of the string starting at `at` (after its closing quote), if complete.
fn string_end(bytes: &[u8], at: usize) -> Option<usize> {
    let mut i = at + 1;
    loop {
        match bytes.get(i)? {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
}

/// The end of one list element starting at `at`: where its brackets balance
/// again, just before the `,` or `]` that follows. `None` when the element runs
/// past the end of `bytes`, or when it holds something this loader leaves to the
/// ordinary one (raw strings, character literals).
fn element_end(bytes: &[u8], at: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = at;
    loop {
        i = skip_blank(bytes, i);
        match *bytes.get(i)? {
            b'"' => i = string_end(bytes, i)?,
            b'\'' => return None,
            b'r' if matches!(bytes.get(i + 1), Some(b'"' | b'#')) => return None,
            b'(' | b'[' | b'{' => {
                depth += 1;
                i += 1;
            }
            b')' | b']' | b'}' => {
                if depth == 0 {
                    return Some(i);
                }
                depth -= 1;
                i += 1;
            }
            b',' if depth == 0 => return Some(i),
            _ => i += 1,
        }
        if depth == 0 {
            let next = skip_blank(bytes, i);
            match bytes.get(next) {
                Some(b',' | b']') => return Some(i),
                Some(_) => {}
                None => return None,
            }
        }
    }
}

/// The position just after the `[` that opens the top-level `events` list, if
/// `bytes` reaches it.
fn find_events_list(bytes: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = 0;
    let mut last_ident: Option<(usize, usize)> = None;
    let mut field_is_events = false;
    loop {
        i = skip_blank(bytes, i);
        let b = *bytes.get(i)?;
        match b {
            b'"' => i = string_end(bytes, i)?,
            b'\'' => return None,
            b'r' if matches!(bytes.get(i + 1), Some(b'"' | b'#')) => return None,
            b'#' if depth == 0 => {
                // `#![enable(...)]`: skip to its closing bracket.
                i += bytes[i..].iter().position(|&c| c == b']')? + 1;
            }
            b'(' | b'[' | b'{' => {
                if depth == 1 && b == b'[' && field_is_events {
                    return Some(i + 1);
                }
                depth += 1;
                i += 1;
                field_is_events = false;
            }
            b')' | b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                i += 1;
            }
            b':' => {
                field_is_events =
                    depth == 1 && last_ident.is_some_and(|(s, e)| &bytes[s..e] == b"events");
                i += 1;
            }
            b',' => {
                field_is_events = false;
                i += 1;
            }
            c if c.is_ascii_alphanumeric() || c == b'_' => {
                let start = i;
                while bytes
                    .get(i)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
                {
                    i += 1;
                }
                last_ident = Some((start, i));
            }
            _ => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_file_that_grows_while_it_is_read_is_reported_not_half_loaded() {
        let dir = std::env::temp_dir().join(format!("frontline-grow-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("growing.ron");
        std::fs::write(&path, include_str!("../../tests/data/small.ron")).expect("write");
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
