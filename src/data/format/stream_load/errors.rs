//! The streaming reader's errors: the text at fault found, read again where
//! needed, and placed at its line and column.

use super::*;

/// ron's error in the unfinished event starting at `at` in `buf` (at
/// `start`, a place and an offset, in the file), when it is one ron would
/// give on the whole file: an error before the end of what was read. `None`
/// when ron only runs out of text.
pub(super) fn error_in_unfinished(
    buf: &[u8],
    at: usize,
    start: (TextPosition, u64),
) -> Option<LoadFailure> {
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
pub(super) fn read_setting_aside_unknown_fields(
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
pub(super) fn failure_in_buffer(
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
pub(super) fn error_around_events(
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
pub(super) fn error_is_the_events_own(err: &ron::error::SpannedError, text: &str) -> bool {
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
pub(super) fn nesting(bytes: &[u8]) -> usize {
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
