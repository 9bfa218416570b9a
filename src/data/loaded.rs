//! What a load gives: a dataset checked and indexed. It sits above both the
//! readers (which give a dataset as read, or a failure) and the index: the
//! one place a dataset read by any reader, imported or salvaged is checked
//! and indexed, through [`load_dataset`].

use crate::data::derived::index::DatasetIndex;
use crate::data::format::failure::{FailureKind, LoadFailure};
use crate::data::format::problem::Problem;
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
