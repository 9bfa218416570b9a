//! What a load gives: a dataset checked and indexed, or a failure with a case
//! to match on and every problem found. Both readers (streaming and whole
//! text) end here, through [`load_dataset`].

use crate::data::derived::index::DatasetIndex;
use crate::data::format::problem::TextPosition;
use crate::data::format::problem::{Problem, Severity, render_all};
use crate::data::format::validate::validate;
use crate::data::model::Dataset;

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

impl LoadedDataset {
    /// The short name of the actor with id `id`, for labels; the id itself
    /// when no actor has it.
    pub fn actor_short<'a>(&'a self, id: &'a str) -> &'a str {
        self.index
            .actor_by_id
            .get(id)
            .and_then(|&a| self.dataset.actors.get(a))
            .map_or(id, |a| a.short.as_str())
    }

    /// The label of control map `map`: "IS · DeepState · Ukraine".
    pub fn map_label(&self, map: usize) -> Option<String> {
        let map = self.dataset.territory.get(map)?;
        Some(map.label(self.actor_short(&map.actor)))
    }
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

/// Validates a dataset read with unknown fields set aside (`unknown`, errors
/// already placed): never loaded, but every other problem is found, and the
/// dataset is kept for "open without the invalid records".
pub fn load_without_unknown_fields(
    mut dataset: Dataset,
    mut unknown: Vec<Problem>,
    folder: Option<&std::path::Path>,
) -> Result<LoadedDataset, LoadFailure> {
    // The snapshots held in files beside the dataset: a file that cannot be
    // read is reported with the unknown fields, at its snapshot.
    unknown.extend(crate::data::format::map_files::read_map_files(
        &mut dataset,
        folder,
    ));
    if unknown.is_empty() {
        return load_dataset(dataset);
    }
    match load_dataset(dataset) {
        Ok(loaded) => {
            unknown.extend(loaded.warnings);
            Err(LoadFailure {
                kind: FailureKind::NotValid,
                problems: unknown,
                parsed: Some(Box::new(loaded.dataset)),
            })
        }
        Err(mut failure) => {
            unknown.append(&mut failure.problems);
            unknown.sort_by_key(|p| std::cmp::Reverse(p.severity));
            failure.problems = unknown;
            Err(failure)
        }
    }
}

/// Past this many events, the index is built on a second thread while the
/// dataset is validated: both only read it, and each takes about a tenth of a
/// load. An index built for a dataset found not valid is dropped.
const INDEX_BESIDE_VALIDATION: usize = 20_000;

/// Validates a dataset already in memory and indexes it. Problems carry no positions.
pub fn load_dataset(dataset: Dataset) -> Result<LoadedDataset, LoadFailure> {
    let (mut problems, index) = if dataset.events.len() > INDEX_BESIDE_VALIDATION {
        std::thread::scope(|scope| {
            let index = scope.spawn(|| DatasetIndex::build(&dataset));
            let problems = validate(&dataset);
            // A panic while indexing is the same bug on one thread or two.
            let index = index
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (problems, Some(index))
        })
    } else {
        (validate(&dataset), None)
    };
    if problems.iter().any(Problem::is_error) {
        problems.sort_by_key(|p| std::cmp::Reverse(p.severity));
        return Err(LoadFailure {
            kind: FailureKind::NotValid,
            problems,
            parsed: Some(Box::new(dataset)),
        });
    }
    let index = index.unwrap_or_else(|| DatasetIndex::build(&dataset));
    Ok(LoadedDataset {
        dataset,
        index,
        warnings: problems,
    })
}
