//! The format read and written with ron, the authority on what a dataset file
//! may hold: the options it is read with, the whole-text parse (the fast reader
//! first, ron when the fast reader is unsure), ron's errors as problems placed
//! in the file, and writing a dataset back out.

use ron::extensions::Extensions;

use crate::data::format::failure::{FailureKind, LoadFailure};
use crate::data::format::fast_parse;
use crate::data::format::lexer;
use crate::data::format::placer;
use crate::data::format::problem::{Problem, QUOTED_CHARS, Severity, TextPosition, cut_text};
use crate::data::format::source_map::SourceMap;
use crate::data::model::Dataset;

/// The options Frontline reads RON with: `Some(..)` may be left out around optional values.
pub fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(lexer::MAX_NESTING)
}

/// A dataset's text parsed: the dataset, where its records start when the fast
/// reader noted it, and the unknown fields that were set aside to read it.
pub type Parsed = (Dataset, Option<SourceMap>, Vec<Problem>);

/// The most unknown fields set aside in one load; past them the load ends.
pub const MAX_UNKNOWN_FIELDS: usize = 1_000;

/// Parses a dataset's whole text: with the fast reader when it is sure, else
/// with ron, whose errors give the exact position. `observer` is told how far
/// the fast reader has read, and stops it by returning false. With the dataset
/// comes where its records start, when the fast reader noted it.
///
/// An unknown field (a misspelt name) does not end the load: it is reported as
/// an error at its name, with its record, and set aside, so that the file's
/// other problems are found too and the reader can open the file without the
/// records at fault. Each one costs a parse of the whole text, so fewer are set
/// aside in a large text.
pub fn parse(text: &str, observer: &dyn Fn(usize) -> bool) -> Result<Parsed, LoadFailure> {
    match fast_parse::parse_observed(text, observer) {
        fast_parse::Outcome::Parsed(dataset, map) => return Ok((*dataset, Some(*map), Vec::new())),
        fast_parse::Outcome::Stopped => return Err(LoadFailure::cancelled()),
        fast_parse::Outcome::Unsure { at } => log::debug!(
            "the fast reader gives way to ron at byte {at} of {}",
            text.len()
        ),
    }
    let most = ((256 << 20) / text.len().max(1)).clamp(1, MAX_UNKNOWN_FIELDS);
    let mut unknown: Vec<Problem> = Vec::new();
    let mut first_failure: Option<LoadFailure> = None;
    let mut blanked: Option<String> = None;
    loop {
        let current = blanked.as_deref().unwrap_or(text);
        let err = match ron_options().from_str::<Dataset>(current) {
            Ok(dataset) => {
                if !unknown.is_empty() {
                    let map = SourceMap::scan(text);
                    for problem in &mut unknown {
                        problem.record = problem.span.as_ref().and_then(|span| {
                            record_at(&map, &dataset, usize::try_from(span.start).ok()?)
                        });
                    }
                }
                return Ok((dataset, None, unknown));
            }
            Err(err) => err,
        };
        let failure = syntax_failure(&err, text, 0, TextPosition::START);
        // Set aside only while the rest reads: in a file whose brackets are
        // off, the unknown "fields" are a symptom, and the first error is
        // what the reader needs.
        let Some(extent) = unknown_field_extent(current, &err).filter(|_| unknown.len() < most)
        else {
            return Err(first_failure.unwrap_or(failure));
        };
        unknown.extend(failure.problems.iter().cloned().map(|mut problem| {
            problem.span = Some(extent.start as u64..extent.end as u64);
            problem
        }));
        first_failure.get_or_insert(failure);
        blank(blanked.get_or_insert_with(|| text.to_owned()), extent);
    }
}

/// The record the byte `at` of a dataset's text lies in: the one that starts
/// last before it (a point before its series, a record before the dataset).
fn record_at(
    map: &SourceMap,
    dataset: &Dataset,
    at: usize,
) -> Option<crate::data::format::problem::Record> {
    use crate::data::format::problem::Record;
    let before = |starts: &[usize]| starts.partition_point(|&s| s <= at).checked_sub(1);
    let mut best: Option<(usize, Record)> = None;
    let mut consider = |start: usize, record: Record| {
        if start <= at && best.as_ref().is_none_or(|(s, _)| start > *s) {
            best = Some((start, record));
        }
    };
    if let Some(i) = before(&map.sources) {
        let id = dataset
            .sources
            .get(i)
            .map(|s| s.id.clone())
            .unwrap_or_default();
        consider(map.sources[i], Record::Source { index: i, id });
    }
    if let Some(i) = before(&map.actors) {
        let id = dataset
            .actors
            .get(i)
            .map(|a| a.id.clone())
            .unwrap_or_default();
        consider(map.actors[i], Record::Actor { index: i, id });
    }
    if let Some(i) = before(&map.events) {
        let id = dataset
            .events
            .get(i)
            .map(|e| e.id().to_string())
            .unwrap_or_default();
        consider(map.events[i], Record::Event { index: i, id });
    }
    if let Some(i) = before(&map.series) {
        let label = dataset
            .control
            .get(i)
            .map(|c| c.label(&c.actor))
            .unwrap_or_default();
        consider(
            map.series[i],
            Record::Series {
                index: i,
                label: label.clone(),
            },
        );
        if let Some(points) = map.points.get(i)
            && let Some(p) = before(points)
        {
            consider(
                points[p],
                Record::Point {
                    series: i,
                    index: p,
                    label,
                },
            );
        }
    }
    best.map(|(_, record)| record)
}

/// Where an unknown field ron stopped at lies in `text`, from its name to the
/// end of its value and the comma after it; `None` for any other error.
pub(crate) fn unknown_field_extent(
    text: &str,
    err: &ron::error::SpannedError,
) -> Option<std::ops::Range<usize>> {
    if !matches!(err.code, ron::Error::NoSuchStructField { .. }) {
        return None;
    }
    let bytes = text.as_bytes();
    let at = offset_in_text(text, err.span.start.line, err.span.start.col)?;
    let name = lexer::next_token(bytes, at).filter(|t| t.kind == lexer::TokenKind::Word)?;
    let colon = lexer::next_token(bytes, name.end).filter(|t| t.kind == lexer::TokenKind::Colon)?;
    let end = lexer::value_end(bytes, colon.end)?;
    let end = match lexer::next_token(bytes, end) {
        Some(t) if t.kind == lexer::TokenKind::Comma => t.end,
        _ => end,
    };
    Some(name.start..end)
}

/// `text` with `range` made blank, its line breaks kept: every later offset,
/// line and column stays where it was.
pub(crate) fn blank(text: &mut String, range: std::ops::Range<usize>) {
    let blanked: String = text[range.clone()]
        .chars()
        .map(|c| if c == '\n' || c == '\r' { c } else { ' ' })
        .collect();
    text.replace_range(range, &blanked);
}

/// The byte of `text` at ron's 1-based line and column (in characters).
pub(crate) fn offset_in_text(text: &str, line: usize, column: usize) -> Option<usize> {
    let line_start = if line <= 1 {
        0
    } else {
        memchr::memchr_iter(b'\n', text.as_bytes()).nth(line - 2)? + 1
    };
    Some(
        text[line_start..]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(text.len(), |(i, _)| line_start + i),
    )
}

/// ron's error in `text`, which is the file's text from byte `start` on, at
/// `origin` (the whole file, or a streamed event), as a failure with the
/// span ron points at, placed in the file with the line at fault quoted.
pub fn syntax_failure(
    err: &ron::error::SpannedError,
    text: &str,
    start: u64,
    origin: TextPosition,
) -> LoadFailure {
    let (line, column) = (err.span.start.line, err.span.start.col);
    let at = offset_in_text(text, line, column).unwrap_or(text.len());
    let end = offset_in_text(text, err.span.end.line, err.span.end.col)
        .unwrap_or(at)
        .max(at);
    let mut placed = Problem {
        span: Some(start + at as u64..start + end as u64),
        shows_line: true,
        ..Problem::bare(Severity::Error, None, String::new())
    };
    placer::place_in_text(
        std::slice::from_mut(&mut placed),
        text.as_bytes(),
        start,
        origin,
    );
    let position = placed.position.unwrap_or(origin);
    let content = text.lines().nth(line.saturating_sub(1));
    let at_line_start = content.is_some_and(|content| {
        content
            .chars()
            .take(column.saturating_sub(1))
            .all(char::is_whitespace)
    }) && (line > 1 || origin.column == 1);
    let message = syntax_message(&err.code, position, at_line_start, ends_at_error(err, text));
    LoadFailure {
        kind: FailureKind::NotValid,
        problems: vec![Problem {
            message: Problem::bare(Severity::Error, None, message).message,
            ..placed
        }],
        parsed: None,
    }
}

/// Whether nothing but blanks follows the text ron stopped at: a file cut off
/// there, whatever ron made of its last word.
fn ends_at_error(err: &ron::error::SpannedError, text: &str) -> bool {
    let rest = text
        .lines()
        .skip(err.span.end.line.saturating_sub(1))
        .enumerate()
        .map(|(i, line)| {
            if i == 0 {
                line.char_indices()
                    .nth(err.span.end.col.saturating_sub(1))
                    .map_or("", |(at, _)| &line[at..])
            } else {
                line
            }
        })
        .all(|line| line.trim().is_empty());
    rest && err.span.end.line > 0
}

/// ron's message, with a hint where the mistake is usually on the line before:
/// a missing comma is only noticed at the start of the next field; a word cut
/// by the end of the file is said to be that, not an unknown name.
fn syntax_message(
    code: &ron::Error,
    position: TextPosition,
    at_line_start: bool,
    at_text_end: bool,
) -> String {
    let message = code.to_string();
    match code {
        ron::Error::NoSuchStructField { found, .. } if at_text_end => format!(
            "the file ends early, in the middle of `{}`: it was probably cut off in a download or a copy",
            cut_text(found, QUOTED_CHARS)
        ),
        ron::Error::ExpectedComma if at_line_start && position.line > 1 => {
            format!(
                "{message}: is a comma missing at the end of line {}?",
                position.line - 1
            )
        }
        ron::Error::Eof => {
            format!("{message}: the file ends early; a closing bracket or quote may be missing")
        }
        ron::Error::ExceededRecursionLimit => {
            "brackets are nested deeper than any dataset needs: a bracket is probably not closed, or this is not a dataset file".to_owned()
        }
        ron::Error::NoSuchStructField {
            expected,
            found,
            outer,
        } => unknown_field_message(found, expected, outer.as_deref()),
        _ => message,
    }
}

/// "unknown field `dispute_by` in `Event`: did you mean `disputed_by`? Fields
/// allowed here: …". Unknown fields are errors: a misspelt field would otherwise
/// drop its claim without a word.
fn unknown_field_message(found: &str, expected: &[&str], outer: Option<&str>) -> String {
    let mut message = format!("unknown field `{}`", cut_text(found, QUOTED_CHARS));
    if let Some(outer) = outer {
        message.push_str(&format!(" in `{outer}`"));
    }
    // A name much longer than every field cannot be a slip of the keyboard;
    // the search is only made for names that could be.
    let longest = expected.iter().map(|name| name.len()).max().unwrap_or(0);
    let closest = (found.len() <= longest + 8)
        .then(|| {
            let lower = found.to_lowercase();
            expected
                .iter()
                .map(|&name| (edit_distance(&lower, name), name))
                .min()
        })
        .flatten();
    if let Some((distance, name)) = closest
        && distance <= (found.chars().count() / 3).max(2)
    {
        message.push_str(&format!(": did you mean `{name}`?"));
    }
    if expected.is_empty() {
        message.push_str("; no fields are allowed here");
    } else {
        let allowed: Vec<String> = expected.iter().map(|name| format!("`{name}`")).collect();
        message.push_str(&format!(" (fields allowed here: {})", allowed.join(", ")));
    }
    message
}

/// The number of single-character insertions, deletions and substitutions that
/// turn `a` into `b` (Levenshtein), for "did you mean" hints on short names.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = Vec::with_capacity(b.len() + 1);
        current.push(i + 1);
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

/// How datasets are written: pretty RON with struct names, two-space indents.
fn pretty() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("  ".to_owned())
        .separate_tuple_members(false)
        .enumerate_arrays(false)
}

/// Writes a dataset as pretty RON that [`crate::data::load::load_str`] reads back to
/// an equal dataset.
pub fn to_ron_string(dataset: &Dataset) -> Result<String, ron::Error> {
    ron_options().to_string_pretty(dataset, pretty())
}

/// Writes a dataset as [`to_ron_string`] does, to `out` as it goes (a dataset of
/// a million events is a gigabyte of text, which need not be held at once).
pub fn write_ron(dataset: &Dataset, out: impl std::io::Write) -> Result<(), ron::Error> {
    ron_options().to_io_writer_pretty(out, dataset, pretty())
}
