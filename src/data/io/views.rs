//! Saved views: what a reader had in sight and what they asked (range, filters,
//! span, selection, hidden series), by name, in a small RON file beside the
//! dataset (`NAME.views.ron`), so that views travel with the dataset and can be
//! shared. Records are named by id and label, never by position, so that a view
//! survives edits to the dataset. A views file that cannot be read is reported
//! and left as it is; it never keeps the dataset from opening.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::data::io::atomic_write::{WriteError, write_atomically};
use crate::data::model::date::PartialDate;
use crate::data::model::{Confidence, SourceKind};

/// How a view's timeline lanes were chosen.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Lanes", deny_unknown_fields)]
pub struct SavedLanes {
    /// What a lane stands for.
    pub grouping: crate::data::derived::lanes::LaneGrouping,
    /// How lanes are ordered.
    pub order: crate::data::derived::lanes::LaneOrder,
    /// Every lane shown, none merged into "Other".
    #[serde(default)]
    pub show_all: bool,
    /// The lane filter's text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub find: String,
}

/// One plot's switches in a view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Plot", deny_unknown_fields)]
pub struct SavedPlot {
    /// Which plot.
    pub axis: crate::data::derived::plotting::PlotAxis,
    /// Steps instead of straight lines.
    #[serde(default)]
    pub steps: bool,
    /// The value axis over the whole dataset.
    #[serde(default)]
    pub whole_range: bool,
    /// A plot below the main one, opened.
    #[serde(default)]
    pub open: bool,
}

/// The map in a view.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Map", deny_unknown_fields)]
pub struct SavedMap {
    /// Whether the map was open.
    pub open: bool,
    /// The longitude at the middle of the map.
    pub lon: f64,
    /// The latitude at the middle of the map.
    pub lat: f64,
    /// Screen points per degree of latitude.
    pub scale: f64,
}

/// A figure named as a view keeps it: its series by label, the figure by its
/// place in the series.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Figure", deny_unknown_fields)]
pub struct SavedFigure {
    /// "IS · IHS Markit · Syria and Iraq".
    pub series: String,
    /// The figure's place in its series, from 0.
    pub point: usize,
}

/// One saved view.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename = "View", deny_unknown_fields)]
pub struct SavedView {
    /// The name the reader gave it.
    pub name: String,
    /// The visible range, in days since 1970-01-01.
    pub start: f64,
    /// The end of the visible range.
    pub end: f64,
    /// Actors filtered on, by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<String>,
    /// Tags filtered on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Confidence levels filtered on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub confidence: Vec<Confidence>,
    /// Source organisations filtered on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub publishers: Vec<String>,
    /// Source kinds filtered on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source_kinds: Vec<SourceKind>,
    /// Source languages filtered on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    /// Countries or regions filtered on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<String>,
    /// Event kinds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<String>,
    /// The least best estimate of deaths.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_fatalities: Option<u32>,
    /// The filter's first date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<PartialDate>,
    /// The filter's last date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<PartialDate>,
    /// The area of the map filtered on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<crate::data::map::GeoBox>,
    /// The map: whether it was open and where it looked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub map: Option<SavedMap>,
    /// The selected span, in days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<(f64, f64)>,
    /// The selected event, by id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected_event: Option<String>,
    /// The selected figure, by its series' label and its place in the series.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected_figure: Option<SavedFigure>,
    /// Series hidden in the plot's legend, by their legend name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hidden_series: Vec<String>,
    /// What the timeline's lanes were, when not one per actor in file order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lanes: Option<SavedLanes>,
    /// The plots' switches, for the plots where any was changed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub plots: Vec<SavedPlot>,
}

/// The views of one dataset.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Views", deny_unknown_fields)]
pub struct ViewsFile {
    /// The view the dataset was left in, restored when it is opened again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last: Option<SavedView>,
    /// The views saved by name.
    #[serde(default)]
    pub views: Vec<SavedView>,
}

impl ViewsFile {
    /// Saves `view` under its name, replacing a view of the same name.
    pub fn save(&mut self, view: SavedView) {
        match self.views.iter_mut().find(|v| v.name == view.name) {
            Some(existing) => *existing = view,
            None => self.views.push(view),
        }
    }

    /// Renames a view; false when no view has the old name or one has the new.
    pub fn rename(&mut self, from: &str, to: &str) -> bool {
        if to.trim().is_empty() || self.views.iter().any(|v| v.name == to) {
            return false;
        }
        match self.views.iter_mut().find(|v| v.name == from) {
            Some(view) => {
                to.trim().clone_into(&mut view.name);
                true
            }
            None => false,
        }
    }

    /// Deletes a view by name.
    pub fn delete(&mut self, name: &str) {
        self.views.retain(|v| v.name != name);
    }

    /// The file as RON text.
    pub fn to_text(&self) -> Result<String, String> {
        let pretty = ron::ser::PrettyConfig::new().struct_names(true);
        ron::ser::to_string_pretty(self, pretty).map_err(|err| err.to_string())
    }

    /// Reads views from RON text.
    pub fn from_text(text: &str) -> Result<Self, String> {
        ron::from_str(text).map_err(|err| err.to_string())
    }
}

/// Where the views of the dataset at `dataset` are kept: `NAME.views.ron` beside it.
pub fn views_path(dataset: &Path) -> PathBuf {
    let stem = dataset.file_stem().map_or_else(
        || "dataset".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    dataset.with_file_name(format!("{stem}.views.ron"))
}

/// Reads the views kept at `path`: none when there is no file yet.
pub fn read_views(path: &Path) -> Result<ViewsFile, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => ViewsFile::from_text(&text),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(ViewsFile::default()),
        Err(err) => Err(err.to_string()),
    }
}

/// Writes the views to `path`, whole or not at all, never over `dataset`.
pub fn write_views(path: &Path, dataset: &Path, views: &ViewsFile) -> Result<(), String> {
    let text = views.to_text()?;
    write_atomically(path, Some(dataset), |w| w.write_all(text.as_bytes()))
        .map_err(|err: WriteError| err.to_string())
}
