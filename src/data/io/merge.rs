//! One dataset from several: sources, actors and events by id, series by
//! actor, organisation, scope, unit and measure (their figures by date),
//! control maps by actor, organisation and scope (their snapshots by date).
//! A record given twice alike is kept once; one id (or key and date) given
//! twice differently is a conflict, named by both places and the field that
//! differs, and then nothing is merged. Maps of one actor by different
//! organisations are different maps and stay apart, as the format keeps them.

use std::collections::HashMap;
use std::fmt;

use serde::Serialize;

use crate::data::model::{ControlMap, ControlSeries, Dataset, Events, FORMAT_VERSION};

/// One dataset to merge, with the name it is known by (its file).
#[derive(Clone, Debug)]
pub struct Part {
    /// The file's name, as conflicts name it.
    pub name: String,
    /// The dataset, as loaded (polygons of snapshots that name a file read).
    pub dataset: Dataset,
}

/// Where a record is: which part, and its place in that part's lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecordAt {
    /// The part, by its place among those merged.
    pub part: usize,
    /// Which record: its list and index.
    pub record: Which,
}

/// A record of a dataset, by list and index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    /// `sources[i]`.
    Source(usize),
    /// `actors[i]`.
    Actor(usize),
    /// `events[i]`.
    Event(usize),
    /// `control[series].points[point]`.
    Point(usize, usize),
    /// `territory[map].snapshots[snapshot]`.
    Snapshot(usize, usize),
}

/// One id (or key and date) given twice, differently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// What it is: `actor "ru"`, `figure of IS · SOHR · Syria on 2017-01-01`.
    pub what: String,
    /// The first field that differs.
    pub field: String,
    /// Where it is first given.
    pub first: RecordAt,
    /// Where it is given again.
    pub second: RecordAt,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} is given twice, differently: field {:?} differs",
            self.what, self.field
        )
    }
}

/// What a merge made.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    /// The dataset.
    pub dataset: Dataset,
    /// Records given alike in more than one part, kept once.
    pub identical: usize,
    /// Snapshots that named a file, now holding their polygons (files are
    /// named from their own dataset's folder, which the merge may not share).
    pub polygons_written_in: usize,
}

/// The first field in which two records differ, as their serialised forms
/// name it ("color"; "value" of a figure).
fn differing_field<T: Serialize>(a: &T, b: &T) -> String {
    let (Ok(a), Ok(b)) = (serde_json::to_value(a), serde_json::to_value(b)) else {
        return "content".to_owned();
    };
    match (a.as_object(), b.as_object()) {
        (Some(a), Some(b)) => a
            .iter()
            .find(|(key, value)| b.get(*key) != Some(value))
            .map(|(key, _)| key.clone())
            .or_else(|| b.keys().find(|key| !a.contains_key(*key)).cloned())
            .unwrap_or_else(|| "content".to_owned()),
        _ => "content".to_owned(),
    }
}

/// Records kept by key, in the order first given.
struct Kept<K, T> {
    by_key: HashMap<K, usize>,
    records: Vec<(T, RecordAt)>,
}

impl<K: std::hash::Hash + Eq, T: PartialEq + Serialize> Kept<K, T> {
    fn new() -> Self {
        Self {
            by_key: HashMap::new(),
            records: Vec::new(),
        }
    }

    /// Keeps `record` under `key`: once when given alike, a conflict when not.
    fn add(
        &mut self,
        key: K,
        record: T,
        at: RecordAt,
        what: impl FnOnce() -> String,
        merged: &mut Tally,
    ) {
        match self.by_key.get(&key) {
            Some(&i) => {
                let (known, first) = &self.records[i];
                if *known == record {
                    merged.identical += 1;
                } else {
                    merged.conflicts.push(Conflict {
                        what: what(),
                        field: differing_field(known, &record),
                        first: *first,
                        second: at,
                    });
                }
            }
            None => {
                self.by_key.insert(key, self.records.len());
                self.records.push((record, at));
            }
        }
    }

    fn into_records(self) -> Vec<T> {
        self.records.into_iter().map(|(r, _)| r).collect()
    }
}

#[derive(Default)]
struct Tally {
    identical: usize,
    conflicts: Vec<Conflict>,
}

/// A series' key: whose ground, by whom, where, in what, held or lost.
type SeriesKey = (String, String, String, String, String);

fn series_key(series: &ControlSeries) -> SeriesKey {
    (
        series.actor.clone(),
        series.source_org.clone(),
        series.scope.clone(),
        format!("{:?}", series.unit),
        format!("{:?}", series.measure),
    )
}

/// A series of the merge: its key, its record, its figures by date.
type SeriesSlot = (
    SeriesKey,
    ControlSeries,
    Kept<String, crate::data::model::ControlPoint>,
);

/// A map of the merge: actor, organisation and scope, its record, its
/// snapshots by date.
type MapSlot = (
    (String, String, String),
    ControlMap,
    Kept<String, crate::data::model::Snapshot>,
);

/// What a merge holds so far.
struct Merging {
    tally: Tally,
    sources: Kept<String, crate::data::model::Source>,
    actors: Kept<String, crate::data::model::Actor>,
    events: Kept<String, crate::data::model::Event>,
    /// Series and maps keep their order; their figures and snapshots by date.
    series: Vec<SeriesSlot>,
    maps: Vec<MapSlot>,
    polygons_written_in: usize,
    licenses: Vec<String>,
}

impl Merging {
    /// Adds the records of part number `part`.
    fn add(&mut self, part: usize, dataset: Dataset) {
        let at = |record| RecordAt { part, record };
        if !dataset.license.is_empty() && !self.licenses.contains(&dataset.license) {
            self.licenses.push(dataset.license.clone());
        }
        let tally = &mut self.tally;
        for (i, source) in dataset.sources.into_iter().enumerate() {
            let what = format!("source {:?}", source.id);
            let key = source.id.clone();
            self.sources
                .add(key, source, at(Which::Source(i)), || what, tally);
        }
        for (i, actor) in dataset.actors.into_iter().enumerate() {
            let what = format!("actor {:?}", actor.id);
            let key = actor.id.clone();
            self.actors
                .add(key, actor, at(Which::Actor(i)), || what, tally);
        }
        for i in 0..dataset.events.len() {
            if let Some(event) = dataset.events.get(i).map(|e| e.to_event()) {
                let what = format!("event {:?}", event.id.as_str());
                let key = event.id.to_string();
                self.events
                    .add(key, event, at(Which::Event(i)), || what, tally);
            }
        }
        for (s, mut one) in dataset.control.into_iter().enumerate() {
            let key = series_key(&one);
            let label = format!("{} · {} · {}", one.actor, one.source_org, one.scope);
            let points = std::mem::take(&mut one.points);
            let slot = match self.series.iter().position(|(k, _, _)| *k == key) {
                Some(slot) => slot,
                None => {
                    self.series.push((key, one, Kept::new()));
                    self.series.len() - 1
                }
            };
            for (p, point) in points.into_iter().enumerate() {
                let what = format!("figure of {label} on {}", point.date);
                let date = point.date.to_string();
                self.series[slot]
                    .2
                    .add(date, point, at(Which::Point(s, p)), || what, tally);
            }
        }
        for (m, mut map) in dataset.territory.into_iter().enumerate() {
            let key = (
                map.actor.to_string(),
                map.source_org.clone(),
                map.scope.clone(),
            );
            let label = format!("{} · {} · {}", map.actor, map.source_org, map.scope);
            let snapshots = std::mem::take(&mut map.snapshots);
            let slot = match self.maps.iter().position(|(k, _, _)| *k == key) {
                Some(slot) => slot,
                None => {
                    self.maps.push((key, map, Kept::new()));
                    self.maps.len() - 1
                }
            };
            for (i, mut snapshot) in snapshots.into_iter().enumerate() {
                if snapshot.file.take().is_some() {
                    snapshot.polygons = std::mem::take(&mut snapshot.from_file);
                    self.polygons_written_in += 1;
                }
                let what = format!("map {label} of {}", snapshot.date);
                let date = snapshot.date.to_string();
                self.maps[slot]
                    .2
                    .add(date, snapshot, at(Which::Snapshot(m, i)), || what, tally);
            }
        }
    }

    /// The merged dataset, named after `names`, or every conflict found.
    fn finish(self, names: &[String]) -> Result<Merged, Vec<Conflict>> {
        if !self.tally.conflicts.is_empty() {
            return Err(self.tally.conflicts);
        }
        let mut events = Events::new();
        for event in self.events.into_records() {
            events.push(&event);
        }
        let control = self
            .series
            .into_iter()
            .map(|(_, mut one, points)| {
                one.points = points.into_records();
                one.points.sort_by_key(|p| p.date);
                one
            })
            .collect();
        let territory = self
            .maps
            .into_iter()
            .map(|(_, mut map, snapshots)| {
                map.snapshots = snapshots.into_records();
                map.snapshots.sort_by_key(|s| s.date);
                map
            })
            .collect();
        let dataset = Dataset {
            format: FORMAT_VERSION,
            title: format!("Merged: {}", names.join(" + ")),
            description: format!("Merged by Frontline from {}.", names.join(", ")),
            license: self.licenses.join("; "),
            sources: self.sources.into_records(),
            actors: self.actors.into_records(),
            events,
            control,
            territory,
        };
        Ok(Merged {
            dataset,
            identical: self.tally.identical,
            polygons_written_in: self.polygons_written_in,
        })
    }
}

/// Merges `parts`, in order; the title and description say what was merged.
pub fn merge(parts: Vec<Part>) -> Result<Merged, Vec<Conflict>> {
    let names: Vec<String> = parts.iter().map(|p| p.name.clone()).collect();
    let mut merging = Merging {
        tally: Tally::default(),
        sources: Kept::new(),
        actors: Kept::new(),
        events: Kept::new(),
        series: Vec::new(),
        maps: Vec::new(),
        polygons_written_in: 0,
        licenses: Vec::new(),
    };
    for (part, Part { dataset, .. }) in parts.into_iter().enumerate() {
        merging.add(part, dataset);
    }
    merging.finish(&names)
}
