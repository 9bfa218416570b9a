//! The events list read one event at a time: where each starts, what
//! separates them, and an event read whole when the fast reader is unsure.

use super::*;

/// Where an event starts: its line and column, and its offset in the file.
pub(super) type EventStart = (TextPosition, u64);

/// The events list as it is read: where each event starts, and what the
/// next read needs to know of the last.
#[derive(Default)]
pub(super) struct EventsList {
    /// Each event's line and column.
    pub(super) starts: Vec<(u32, u32)>,
    /// Each event's offset in the file.
    pub(super) offsets: Vec<u64>,
    /// Set after an event whose following `,` or `]` was not yet read.
    pub(super) need_separator: bool,
    /// The length of the last event read: how much text the next is looked for in.
    pub(super) last_len: usize,
    /// After an event that ran past the end of the buffer, the buffer must hold this
    /// many bytes from its start before it is scanned again: doubling keeps an
    /// unclosed bracket from rescanning the same text block after block.
    pub(super) scan_from_len: usize,
}

impl EventsList {
    /// Reads every event up to the `]` that closes the list, handing each to `events`.
    pub(super) fn read_all(
        &mut self,
        reader: &mut BlockReader,
        observer: &dyn Fn(u64) -> bool,
        unknown: &mut Vec<Problem>,
        events: &mut ColumnWriter<'_>,
    ) -> Result<(), Stop> {
        let header_end = reader.start;
        loop {
            let at = lexer::skip_blank(&reader.buf, reader.start);
            if self.need_separator {
                if self.read_separator(reader, at)? {
                    return Ok(());
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
                    return Ok(());
                }
                Some(_) => {}
            }
            let Some((event, end, start)) = self.next_event(reader, at, events.len(), unknown)?
            else {
                continue;
            };
            self.last_len = end - at;
            events.push(event);
            self.offsets.push(start.1);
            self.starts.push((
                u32::try_from(start.0.line).unwrap_or(u32::MAX),
                u32::try_from(start.0.column).unwrap_or(u32::MAX),
            ));
            self.after_event(reader, end)?;
            if events.len() == 1000 && reader.size > 0 {
                // Reserve room for the rest from the size of the first thousand.
                let per_event = (reader.consumed() as f64 - header_end as f64) / 1000.0;
                let expected = (reader.size as f64 / per_event.max(1.0) * 1.02) as usize;
                // A sparse or huge file may claim room for billions: ask, never insist.
                events.reserve(expected.saturating_sub(events.len()));
                let _ = self
                    .starts
                    .try_reserve(expected.saturating_sub(self.starts.len()));
                let _ = self
                    .offsets
                    .try_reserve(expected.saturating_sub(self.offsets.len()));
            }
            if events.len().is_multiple_of(4096) && !observer(reader.consumed()) {
                return Err(Stop::Failed(LoadFailure::cancelled()));
            }
        }
    }

    /// The `,` or `]` after an event that the last block cut: true at the `]`.
    pub(super) fn read_separator(
        &mut self,
        reader: &mut BlockReader,
        at: usize,
    ) -> Result<bool, Stop> {
        match reader.buf.get(at) {
            Some(b',') => {
                reader.start = at + 1;
                self.need_separator = false;
            }
            Some(b']') => {
                reader.start = at;
                return Ok(true);
            }
            Some(_) => return Err(Stop::Unsure(GivesWay::UnexpectedBetweenEvents)),
            None => {
                if !reader.more()? {
                    return Err(Stop::Unsure(GivesWay::EndsInsideEvents));
                }
            }
        }
        Ok(false)
    }

    /// What follows an event ending at `end`: the reader moved past its `,`,
    /// or onto the `]`, or told to look for either in the next block.
    pub(super) fn after_event(&mut self, reader: &mut BlockReader, end: usize) -> Result<(), Stop> {
        let after = lexer::skip_blank(&reader.buf, end);
        match reader.buf.get(after) {
            Some(b',') => reader.start = after + 1,
            Some(b']') => reader.start = after,
            Some(_) => return Err(Stop::Unsure(GivesWay::UnexpectedBetweenEvents)),
            None if reader.eof => return Err(Stop::Unsure(GivesWay::EndsInsideEvents)),
            None => {
                reader.start = end;
                self.need_separator = true;
            }
        }
        Ok(())
    }

    /// The event starting at `at`, where it ends and where it starts; `None`
    /// when more of the file must be read first. Most events are read where
    /// they lie, the reader saying where each ends; an event it is unsure of,
    /// or one the block cuts, is found whole first.
    pub(super) fn next_event(
        &mut self,
        reader: &mut BlockReader,
        at: usize,
        index: usize,
        unknown: &mut Vec<Problem>,
    ) -> Result<Option<(Event, usize, EventStart)>, Stop> {
        if self.scan_from_len == 0
            && let Some((event, end)) = read_event_at(&reader.buf, at, self.last_len)
        {
            return Ok(Some((
                event,
                end,
                (reader.position_of(at), reader.offset_of(at)),
            )));
        }
        if reader.buf.len() - at < self.scan_from_len && !reader.eof {
            reader.more()?;
            return Ok(None);
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
            self.scan_from_len = unfinished.saturating_mul(2);
            if unfinished > MAX_EVENT {
                return Err(Stop::Unsure(GivesWay::EventTooLong));
            }
            if !reader.more()? {
                return Err(Stop::Unsure(GivesWay::EndsInsideEvents));
            }
            return Ok(None);
        };
        self.scan_from_len = 0;
        let start = (reader.position_of(at), reader.offset_of(at));
        let event = read_whole_event(reader, (at, end), start, index, unknown)?;
        Ok(Some((event, end, start)))
    }
}

/// The event in `reader.buf[at..end]`, found whole: by the fast reader, else
/// by ron, which decides. A syntax error in it ends the load here; a misspelt
/// field is set aside in `unknown` and reported with the rest.
fn read_whole_event(
    reader: &BlockReader,
    (at, end): (usize, usize),
    start: EventStart,
    index: usize,
    unknown: &mut Vec<Problem>,
) -> Result<Event, Stop> {
    let text = std::str::from_utf8(&reader.buf[at..end])
        .map_err(|_| Stop::Unsure(GivesWay::EventNotUnderstood))?;
    if let Some(event) = fast_parse::parse_event(text) {
        return Ok(event);
    }
    match ron_options().from_str::<Event>(text) {
        Ok(event) => Ok(event),
        // Two events with no comma between them read as one: ron
        // reads them as the list they stand in.
        Err(err) if err.code == ron::Error::TrailingCharacters => {
            let listed = format!("[{text}]");
            let err = ron_options().from_str::<Vec<Event>>(&listed).err();
            Err(match err {
                Some(err) if error_is_the_events_own(&err, text) => {
                    Stop::Failed(failure_in_buffer(&reader.buf, at, &listed, 1, &err, start))
                }
                _ => Stop::Unsure(GivesWay::UnexpectedBetweenEvents),
            })
        }
        // What ron says of the event alone may depend on what comes
        // around it: ron on the whole text says it.
        Err(err) if !error_is_the_events_own(&err, text) => {
            Err(Stop::Unsure(GivesWay::EventNotUnderstood))
        }
        Err(err) if unknown_field_extent(text, &err).is_some() => {
            let (event, mut found) =
                read_setting_aside_unknown_fields(&reader.buf, at, text, &err, start)?;
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
            Ok(event)
        }
        Err(err) => Err(Stop::Failed(failure_in_buffer(
            &reader.buf,
            at,
            text,
            0,
            &err,
            start,
        ))),
    }
}
