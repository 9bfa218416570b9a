//! What the streaming reader keeps to place problems once the file is read,
//! and the reads of one event or one list from the file's bytes.

use super::*;

/// What the streaming reader keeps to place problems once the file is read:
/// the text around the events, where each event starts, and where each
/// snapshot read from the tail lies.
pub(super) struct StreamedRecords {
    /// The text before the events and after them, joined.
    pub(super) kept: String,
    /// How much of `kept` comes before the events.
    pub(super) header_len: usize,
    /// The text after the events: its runs in the file, and its snapshots' places.
    pub(super) tail: tail::Tail,
    /// Where each event starts: its offset, and its line and column.
    pub(super) event_offsets: Vec<u64>,
    pub(super) event_starts: Vec<(u32, u32)>,
    /// The length of the byte-order mark before the text, if any.
    pub(super) bom: usize,
}

impl StreamedRecords {
    /// Gives each problem the span of the value it is about, else of its
    /// record's start, and places it: an event's or a snapshot's own text is
    /// read again from the file for that, and for those with problems only;
    /// the text around them is placed from the start of the file and from
    /// where each run of the text after the events begins.
    pub(super) fn place(&self, problems: &mut [Problem], file: &File) {
        if problems.is_empty() {
            return;
        }
        let kept = self.kept.as_bytes();
        let map = SourceMap::scan(&self.kept);
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
    pub(super) fn tail_offset(&self) -> u64 {
        self.tail.runs.first().map_or(0, |run| run.offset)
    }

    /// The offset in the file's text of byte `at` of `kept`.
    pub(super) fn offset_of_kept(&self, at: u64) -> u64 {
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
    pub(super) fn place_in_event(&self, problem: &mut Problem, index: usize, file: &File) {
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
    pub(super) fn place_in_snapshot(
        &self,
        problem: &mut Problem,
        m: usize,
        index: usize,
        file: &File,
    ) {
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
    pub(super) fn place_in_record(
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

/// `len` bytes of `file` from `offset`, without moving its cursor.
#[cfg(unix)]
pub(super) fn read_at(file: &File, offset: u64, len: usize) -> Option<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    let mut bytes = vec![0; len];
    file.read_exact_at(&mut bytes, offset).ok()?;
    Some(bytes)
}

#[cfg(not(unix))]
pub(super) fn read_at(_file: &File, _offset: u64, _len: usize) -> Option<Vec<u8>> {
    None
}

/// The end of one event starting at `at`: where its brackets balance again.
/// `None` when it runs past the end of `bytes`.
/// The event that begins at `at` in `bytes`, and where it ends, when the fast
/// reader is sure of it within twice the last event's length (at least 1 KB)
/// and a `,` or `]` follows it (or nothing yet); `None` otherwise, for the
/// event to be found whole and read by ron if need be.
pub(super) fn read_event_at(bytes: &[u8], at: usize, last_len: usize) -> Option<(Event, usize)> {
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

pub(super) fn element_end(bytes: &[u8], at: usize) -> Option<usize> {
    lexer::value_end(bytes, at)
}
