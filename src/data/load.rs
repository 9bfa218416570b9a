//! Reading a dataset from text, bytes or a file, with every problem reported.

use ron::extensions::Extensions;

use super::index::DatasetIndex;
use super::model::Dataset;
use super::problem::{Problem, Severity, excerpt_line, render_all};
use super::source_map::TextPosition;
use super::validate::{locate, validate};

/// The default dataset shipped inside the binary.
pub const DEFAULT_DATASET_TEXT: &str = include_str!("../../data/is-territory-2014-2019.ron");

/// The name shown for the default dataset.
pub const DEFAULT_DATASET_NAME: &str = "is-territory-2014-2019.ron (built in)";

/// A dataset that passed validation, with its time index and any warnings.
#[derive(Debug)]
pub struct LoadedDataset {
    /// The data as written.
    pub dataset: Dataset,
    /// Events sorted and indexed by time, ids resolved.
    pub index: DatasetIndex,
    /// Problems that did not stop the load.
    pub warnings: Vec<Problem>,
}

/// Why a load ended without a dataset, as a case to match on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureKind {
    /// The file could not be read: missing, unreadable, not a regular file, too
    /// large, or changed while it was read.
    CannotRead,
    /// The user stopped the load.
    Cancelled,
    /// The text was read and is not a valid dataset: see the problems.
    NotValid,
}

/// Why a file did not load: what kind of failure, and every problem found,
/// errors first, then warnings.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadFailure {
    /// What kind of failure this is.
    pub kind: FailureKind,
    /// The errors and warnings.
    pub problems: Vec<Problem>,
    /// The dataset as read, when the file could be read and its errors are about
    /// its records: what "open without the invalid records" starts from.
    pub parsed: Option<Box<Dataset>>,
}

impl LoadFailure {
    /// The file could not be read.
    pub fn io(err: &std::io::Error) -> Self {
        Self::single(
            FailureKind::CannotRead,
            format!("cannot read the file: {err}"),
            None,
            None,
        )
    }

    /// The file is not one Frontline can read (not a regular file, too large, or
    /// changing while read).
    pub fn not_a_file(message: String) -> Self {
        Self::single(FailureKind::CannotRead, message, None, None)
    }

    /// A problem found while reading, at a place in the file.
    pub fn at(message: String, position: TextPosition) -> Self {
        Self::single(FailureKind::NotValid, message, Some(position), None)
    }

    /// The user stopped the load.
    pub fn cancelled() -> Self {
        Self::single(
            FailureKind::Cancelled,
            "loading was cancelled".to_owned(),
            None,
            None,
        )
    }

    fn single(
        kind: FailureKind,
        message: String,
        position: Option<TextPosition>,
        excerpt: Option<String>,
    ) -> Self {
        Self {
            kind,
            problems: vec![Problem {
                severity: Severity::Error,
                position,
                offset: None,
                within: None,
                record: None,
                message,
                excerpt,
            }],
            parsed: None,
        }
    }

    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.is_error())
    }

    /// Every problem as text, one per line (syntax errors with their excerpt).
    /// Repeated warnings are counted rather than repeated (see [`render_all`]).
    pub fn render(&self, file: &str) -> String {
        render_all(&self.problems, file)
    }
}

/// The options Frontline reads RON with: `Some(..)` may be left out around optional values.
pub fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_recursion_limit(super::lexer::MAX_NESTING)
}

/// Parses a dataset: with the fast reader when it can, else with ron, whose
/// errors give the exact position.
pub fn parse_str(text: &str) -> Result<Dataset, LoadFailure> {
    parse_observed(text, &|_| true)
}

/// Like [`parse_str`], telling `observer` how far it has read; stops with a
/// "cancelled" failure when the observer returns false.
pub fn parse_observed(
    text: &str,
    observer: &dyn Fn(usize) -> bool,
) -> Result<Dataset, LoadFailure> {
    match super::fast_parse::parse_observed(text, observer) {
        super::fast_parse::Outcome::Parsed(dataset) => return Ok(dataset),
        super::fast_parse::Outcome::Stopped => {
            return Err(LoadFailure::cancelled());
        }
        super::fast_parse::Outcome::Unsure => {}
    }
    ron_options()
        .from_str(text)
        .map_err(|err| syntax_failure(&err, text, TextPosition { line: 1, column: 1 }))
}

/// ron's error in `text`, which starts at `origin` in the file (a streamed
/// event), as a failure placed in the file, with the line at fault and a caret.
pub fn syntax_failure(
    err: &ron::error::SpannedError,
    text: &str,
    origin: TextPosition,
) -> LoadFailure {
    let (line, column) = (err.span.start.line, err.span.start.col);
    let position = if line <= 1 {
        TextPosition {
            line: origin.line,
            column: origin.column + column.saturating_sub(1),
        }
    } else {
        TextPosition {
            line: origin.line + line - 1,
            column,
        }
    };
    let content = text.lines().nth(line.saturating_sub(1));
    let at_line_start = content.is_some_and(|content| {
        content
            .chars()
            .take(column.saturating_sub(1))
            .all(char::is_whitespace)
    }) && (line > 1 || origin.column == 1);
    LoadFailure::single(
        FailureKind::NotValid,
        syntax_message(&err.code, position, at_line_start),
        Some(position),
        content.map(|content| excerpt_line(content, position.line, column)),
    )
}

/// ron's message, with a hint where the mistake is usually on the line before:
/// a missing comma is only noticed at the start of the next field.
fn syntax_message(code: &ron::Error, position: TextPosition, at_line_start: bool) -> String {
    let message = code.to_string();
    match code {
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
    let mut message = format!("unknown field `{found}`");
    if let Some(outer) = outer {
        message.push_str(&format!(" in `{outer}`"));
    }
    let lower = found.to_lowercase();
    let closest = expected
        .iter()
        .map(|&name| (edit_distance(&lower, name), name))
        .min();
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

/// Parses and validates a dataset from text.
pub fn load_str(text: &str) -> Result<LoadedDataset, LoadFailure> {
    load_bytes(text.as_bytes())
}

/// Validates a dataset already in memory and indexes it. Problems carry no positions.
pub fn load_dataset(dataset: Dataset) -> Result<LoadedDataset, LoadFailure> {
    let mut problems = validate(&dataset);
    if problems.iter().any(Problem::is_error) {
        problems.sort_by_key(|p| std::cmp::Reverse(p.severity));
        return Err(LoadFailure {
            kind: FailureKind::NotValid,
            problems,
            parsed: Some(Box::new(dataset)),
        });
    }
    let index = DatasetIndex::build(&dataset);
    Ok(LoadedDataset {
        dataset,
        index,
        warnings: problems,
    })
}

/// Parses and validates a dataset from raw bytes, which must be UTF-8.
pub fn load_bytes(bytes: &[u8]) -> Result<LoadedDataset, LoadFailure> {
    load_bytes_observed(bytes, &|_| true)
}

/// Like [`load_bytes`], telling `observer` how many bytes have been parsed; stops
/// when it returns false.
pub fn load_bytes_observed(
    bytes: &[u8],
    observer: &dyn Fn(usize) -> bool,
) -> Result<LoadedDataset, LoadFailure> {
    // A byte-order mark is invisible in editors: columns are counted without it.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            let dataset = parse_observed(text, observer)?;
            load_dataset(dataset)
                .map_err(|mut failure| {
                    locate(&mut failure.problems, text);
                    failure
                })
                .map(|mut loaded| {
                    locate(&mut loaded.warnings, text);
                    loaded
                })
        }
        Err(err) => {
            let valid = &bytes[..err.valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&valid[line_start..])
                .chars()
                .count()
                + 1;
            Err(LoadFailure::single(
                FailureKind::NotValid,
                format!(
                    "the file is not UTF-8 text: byte 0x{:02x} at offset {} cannot start a character",
                    bytes[err.valid_up_to()],
                    err.valid_up_to()
                ),
                Some(TextPosition { line, column }),
                None,
            ))
        }
    }
}

/// The built-in dataset.
pub fn load_default() -> Result<LoadedDataset, LoadFailure> {
    load_str(DEFAULT_DATASET_TEXT)
}

/// How datasets are written: pretty RON with struct names, two-space indents.
fn pretty() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("  ".to_owned())
        .separate_tuple_members(false)
        .enumerate_arrays(false)
}

/// Writes a dataset as pretty RON that [`load_str`] reads back to an equal dataset.
pub fn to_ron_string(dataset: &Dataset) -> Result<String, ron::Error> {
    ron_options().to_string_pretty(dataset, pretty())
}

/// Writes a dataset as [`to_ron_string`] does, to `out` as it goes (a dataset of
/// a million events is a gigabyte of text, which need not be held at once).
pub fn write_ron(dataset: &Dataset, out: impl std::io::Write) -> Result<(), ron::Error> {
    ron_options().to_io_writer_pretty(out, dataset, pretty())
}
