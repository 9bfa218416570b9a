//! Why a load ended without a dataset: a case to match on, and every problem
//! found. The readers end in one of these or in a dataset as read; the
//! checks and the index come after them (see `data::loaded`).

use crate::data::format::problem::TextPosition;
use crate::data::format::problem::{Problem, Severity, render_all};
use crate::data::model::Dataset;

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

/// What is said of a file whose first text cannot begin a dataset.
pub const NOT_A_DATASET: &str = "the file does not begin a dataset: expected `Dataset(` here";

/// What is said of bytes that are not UTF-8: `byte` at `offset` (counted after
/// any byte-order mark).
pub fn not_utf8_message(byte: u8, offset: usize) -> String {
    format!(
        "the file is not UTF-8 text: byte 0x{byte:02x} at offset {offset} cannot start a character"
    )
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

    /// A problem found while reading, about the bytes `span` of the file,
    /// which the reader has placed at `position`.
    pub fn at(message: String, span: std::ops::Range<u64>, position: TextPosition) -> Self {
        let mut failure = Self::single(FailureKind::NotValid, message, Some(position), None);
        if let Some(problem) = failure.problems.first_mut() {
            problem.span = Some(span);
        }
        failure
    }

    /// A problem found while reading a table, on row line `line`.
    pub fn on_line(message: String, line: u64) -> Self {
        let mut failure = Self::single(FailureKind::NotValid, message, None, None);
        crate::data::format::placer::place_on_lines(&mut failure.problems, |_| Some(line));
        failure
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

    /// A failure of one error.
    pub(crate) fn single(
        kind: FailureKind,
        message: String,
        position: Option<TextPosition>,
        excerpt: Option<String>,
    ) -> Self {
        Self {
            kind,
            problems: vec![Problem {
                position,
                excerpt,
                ..Problem::bare(Severity::Error, None, message)
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
