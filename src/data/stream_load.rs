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
use std::io::Read;
use std::path::Path;

use super::fast_parse;
use super::load::{LoadFailure, LoadedDataset, load_bytes_observed, load_dataset};
use super::model::Event;

/// How much is read from the file at a time.
const BLOCK: usize = 1 << 20;
/// A header (everything before the events) larger than this is not worth streaming.
const MAX_HEADER: usize = 64 << 20;

/// Why streaming stopped.
enum Stop {
    /// Read the file the ordinary way.
    Unsure,
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
    match try_streaming(path, observer)? {
        Some(loaded) => Ok(loaded),
        None => {
            let bytes = std::fs::read(path).map_err(|err| LoadFailure::io(&err))?;
            load_bytes_observed(&bytes, &|at| observer(at as u64))
        }
    }
}

/// Streams `path` only: `Ok(None)` when the file must be read the ordinary way.
pub fn try_streaming(
    path: &Path,
    observer: &dyn Fn(u64) -> bool,
) -> Result<Option<LoadedDataset>, LoadFailure> {
    match stream(path, observer) {
        Ok(loaded) => Ok(Some(loaded)),
        Err(Stop::Failed(failure)) => Err(failure),
        Err(Stop::Unsure) => Ok(None),
    }
}

struct BlockReader {
    file: File,
    buf: Vec<u8>,
    /// Bytes of `buf` already used.
    start: usize,
    /// Bytes of the file dropped from the front of `buf`.
    dropped: u64,
    eof: bool,
}

impl BlockReader {
    /// Reads one more block; false at the end of the file.
    fn more(&mut self) -> Result<bool, Stop> {
        if self.eof {
            return Ok(false);
        }
        if self.start > BLOCK {
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
        if n == 0 {
            self.eof = true;
        }
        Ok(n > 0)
    }

    fn consumed(&self) -> u64 {
        self.dropped + self.start as u64
    }
}

fn stream(path: &Path, observer: &dyn Fn(u64) -> bool) -> Result<LoadedDataset, Stop> {
    let file = File::open(path).map_err(|err| Stop::Failed(LoadFailure::io(&err)))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut reader = BlockReader {
        file,
        buf: Vec::with_capacity(2 * BLOCK),
        start: 0,
        dropped: 0,
        eof: false,
    };

    // The header: everything up to and including the `[` that opens `events`.
    let header_end = loop {
        if let Some(end) = find_events_list(&reader.buf) {
            break end;
        }
        if reader.buf.len() > MAX_HEADER || !reader.more()? {
            return Err(Stop::Unsure);
        }
    };
    let mut kept: Vec<u8> = reader.buf[..header_end].to_vec();
    reader.start = header_end;

    // The events, one at a time.
    let mut events: Vec<Event> = Vec::new();
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
                Some(_) => return Err(Stop::Unsure),
                None => {
                    if !reader.more()? {
                        return Err(Stop::Unsure);
                    }
                }
            }
            continue;
        }
        match reader.buf.get(at) {
            None if reader.eof => return Err(Stop::Unsure),
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
        let Some(end) = element_end(&reader.buf, at) else {
            if !reader.more()? {
                return Err(Stop::Unsure);
            }
            continue;
        };
        let text = std::str::from_utf8(&reader.buf[at..end]).map_err(|_| Stop::Unsure)?;
        events.push(fast_parse::parse_event(text).ok_or(Stop::Unsure)?);
        let after = skip_blank(&reader.buf, end);
        match reader.buf.get(after) {
            Some(b',') => reader.start = after + 1,
            Some(b']') => reader.start = after,
            Some(_) => return Err(Stop::Unsure),
            None if reader.eof => return Err(Stop::Unsure),
            None => {
                reader.start = end;
                need_separator = true;
            }
        }
        if events.len() == 1000 && size > 0 {
            // Reserve room for the rest from the size of the first thousand.
            let per_event = (reader.consumed() as f64 - header_end as f64) / 1000.0;
            let expected = (size as f64 / per_event.max(1.0) * 1.02) as usize;
            events.reserve(expected.saturating_sub(events.len()));
        }
        if events.len().is_multiple_of(4096) && !observer(reader.consumed()) {
            return Err(Stop::Failed(LoadFailure::cancelled()));
        }
    }

    // The rest: from the `]` that closes the events to the end of the file.
    loop {
        kept.extend_from_slice(&reader.buf[reader.start..]);
        reader.start = reader.buf.len();
        if !reader.more()? {
            break;
        }
    }
    events.shrink_to_fit();
    let rest = std::str::from_utf8(&kept).map_err(|_| Stop::Unsure)?;
    let mut dataset = fast_parse::parse(rest).ok_or(Stop::Unsure)?;
    if !dataset.events.is_empty() {
        return Err(Stop::Unsure);
    }
    dataset.events = events;
    match load_dataset(dataset) {
        // Problems need the text to be located: the ordinary loader does that.
        Ok(loaded) if loaded.warnings.is_empty() => Ok(loaded),
        _ => Err(Stop::Unsure),
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
