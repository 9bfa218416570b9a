//! Opening a file anyway: the records that have errors are left out and listed,
//! the rest loads. One duplicate id among a thousand records of a real export
//! should not keep a reader from the other 999; nor should anything be left out
//! without saying so, so every record left out comes back with its problem.

use std::collections::BTreeSet;

use crate::data::derived::index::DatasetIndex;
use crate::data::format::failure::LoadFailure;
use crate::data::format::problem::{Problem, Record};
use crate::data::format::validate::validate;
use crate::data::loaded::LoadedDataset;
use crate::data::model::Dataset;

/// Leaving a record out can make another invalid (an event citing the only
/// source that was left out); a few rounds settle it.
const MAX_ROUNDS: usize = 4;

/// A dataset opened without its invalid records.
#[derive(Debug)]
pub struct Salvaged {
    /// What loaded. Its warnings are the file's own (with their places in the file).
    pub loaded: LoadedDataset,
    /// Every error that made a record be left out, with its place in the file
    /// for the first round.
    pub left_out: Vec<Problem>,
}

/// Which records one round leaves out, by index.
#[derive(Default)]
struct Removal {
    sources: BTreeSet<usize>,
    actors: BTreeSet<usize>,
    events: BTreeSet<usize>,
    series: BTreeSet<usize>,
    points: BTreeSet<(usize, usize)>,
    maps: BTreeSet<usize>,
    snapshots: BTreeSet<(usize, usize)>,
}

impl Removal {
    /// Notes the record an error is about; false for an error about the file
    /// as a whole, which no removal can mend.
    fn note(&mut self, record: Option<&Record>) -> bool {
        match record {
            Some(Record::Source { index, .. }) => self.sources.insert(*index),
            Some(Record::Actor { index, .. }) => self.actors.insert(*index),
            Some(Record::Event { index, .. }) => self.events.insert(*index),
            Some(Record::Series { index, .. }) => self.series.insert(*index),
            Some(Record::Point { series, index, .. }) => self.points.insert((*series, *index)),
            Some(Record::Map { index, .. }) => self.maps.insert(*index),
            Some(Record::Snapshot { map, index, .. }) => self.snapshots.insert((*map, *index)),
            // A bad row of an imported table never made it into the dataset.
            Some(Record::Row { .. } | Record::TableRow { .. }) => true,
            Some(Record::Dataset { .. }) | None => return false,
        };
        true
    }

    fn apply(&self, dataset: &mut Dataset) {
        retain_indexed(&mut dataset.sources, &self.sources);
        retain_indexed(&mut dataset.actors, &self.actors);
        if !self.events.is_empty() {
            let keep: Vec<bool> = (0..dataset.events.len())
                .map(|i| !self.events.contains(&i))
                .collect();
            dataset.events.retain_indexed(&keep);
        }
        for (s, series) in dataset.control.iter_mut().enumerate() {
            let points: BTreeSet<usize> = self
                .points
                .iter()
                .filter(|(series, _)| *series == s)
                .map(|&(_, point)| point)
                .collect();
            retain_indexed(&mut series.points, &points);
        }
        retain_indexed(&mut dataset.control, &self.series);
        for (m, map) in dataset.territory.iter_mut().enumerate() {
            let snapshots: BTreeSet<usize> = self
                .snapshots
                .iter()
                .filter(|(map, _)| *map == m)
                .map(|&(_, snapshot)| snapshot)
                .collect();
            retain_indexed(&mut map.snapshots, &snapshots);
        }
        retain_indexed(&mut dataset.territory, &self.maps);
    }
}

fn retain_indexed<T>(items: &mut Vec<T>, drop: &BTreeSet<usize>) {
    if drop.is_empty() {
        return;
    }
    let mut at = 0;
    items.retain(|_| {
        let keep = !drop.contains(&at);
        at += 1;
        keep
    });
}

/// Adds to an error about an event what a reader knows it by: its title and
/// date ("left out: “Bridge destroyed”, 2020-03"), since it will not be on screen.
fn name_the_record(dataset: &Dataset, error: &mut Problem) {
    if let Some(Record::Event { index, .. }) = &error.record
        && let Some(event) = dataset.events.get(*index)
    {
        let title = crate::data::format::problem::cut_text(event.title(), 80);
        error.message = format!("{} (left out: “{title}”, {})", error.message, event.date());
    }
}

/// The dataset of a failed load without its invalid records, if its errors are
/// all about records (not the file's syntax or its header).
pub fn without_invalid_records(failure: &LoadFailure) -> Option<Salvaged> {
    let mut dataset = failure.parsed.as_deref()?.clone();
    let mut errors: Vec<Problem> = failure.errors().cloned().collect();
    let mut left_out = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let mut removal = Removal::default();
        for error in &errors {
            if !removal.note(error.record.as_ref()) {
                return None;
            }
        }
        for error in &mut errors {
            name_the_record(&dataset, error);
        }
        left_out.append(&mut errors);
        removal.apply(&mut dataset);
        errors = validate(&dataset)
            .into_iter()
            .filter(Problem::is_error)
            .collect();
        if errors.is_empty() {
            let index = DatasetIndex::build(&dataset);
            let warnings = failure
                .problems
                .iter()
                .filter(|p| !p.is_error())
                .cloned()
                .collect();
            return Some(Salvaged {
                loaded: LoadedDataset {
                    dataset,
                    index,
                    warnings,
                },
                left_out,
            });
        }
    }
    None
}
