//! Saved views: what a reader had in sight and what they asked (range, filters,
//! span, selection, hidden series, lanes, plots), by name, in a small RON file
//! beside the dataset (`NAME.views.ron`), so that views travel with the dataset
//! and can be shared. Records are named by id and label, never by position, so
//! that a view survives edits to the dataset. A views file that cannot be read is reported
//! and left as it is; it never keeps the dataset from opening.

use std::io::Write;
use std::path::{Path, PathBuf};

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::data::derived::filter::EventFilter;
use crate::data::derived::lanes::LaneChoice;
use crate::data::derived::plotting::{PlotAxis, PlotSettings};

use crate::data::io::atomic_write::{WriteError, write_atomically};
use crate::data::model::date::PartialDate;
use crate::data::model::{Confidence, SourceKind};

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

/// One saved view: the shared view's own types (the filter, the lanes, each
/// plot's settings) as they are, with the window, span and selection named by id.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename = "View", from = "ViewOnDisk")]
pub struct SavedView {
    /// The name the reader gave it.
    pub name: String,
    /// The visible range, in days since 1970-01-01.
    pub start: f64,
    /// The end of the visible range.
    pub end: f64,
    /// Which events were on show.
    #[serde(skip_serializing_if = "EventFilter::is_empty")]
    pub filter: EventFilter,
    /// The map: whether it was open and where it looked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub map: Option<SavedMap>,
    /// The selected span, in days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<(f64, f64)>,
    /// The selected event, by id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selected_event: Option<String>,
    /// The selected figure, by its series' label and its place in the series.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selected_figure: Option<SavedFigure>,
    /// Series hidden in the plot's legend, by their legend name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hidden_series: Vec<String>,
    /// Control maps hidden in the map's menu, by their label.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hidden_maps: Vec<String>,
    /// What the timeline's lanes were, when not one per actor in file order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lanes: Option<LaneChoice>,
    /// The plots' settings, for the plots where any was changed.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub plot_settings: BTreeMap<PlotAxis, PlotSettings>,
}

/// A view as a file may hold it: as [`SavedView`] writes it, or as views were
/// written before the filter and the plots' settings were kept whole (the
/// filter's fields at the top, a `Plot` per plot), so that views saved by an
/// earlier Frontline still open.
#[derive(Deserialize)]
#[serde(rename = "View", deny_unknown_fields)]
struct ViewOnDisk {
    name: String,
    start: f64,
    end: f64,
    #[serde(default)]
    filter: EventFilter,
    #[serde(default)]
    map: Option<SavedMap>,
    #[serde(default)]
    span: Option<(f64, f64)>,
    #[serde(default)]
    selected_event: Option<String>,
    #[serde(default)]
    selected_figure: Option<SavedFigure>,
    #[serde(default)]
    hidden_series: Vec<String>,
    #[serde(default)]
    hidden_maps: Vec<String>,
    #[serde(default)]
    lanes: Option<LaneChoice>,
    #[serde(default)]
    plot_settings: BTreeMap<PlotAxis, PlotSettings>,
    #[serde(default)]
    actors: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    confidence: Vec<Confidence>,
    #[serde(default)]
    publishers: Vec<String>,
    #[serde(default)]
    source_kinds: Vec<SourceKind>,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    places: Vec<String>,
    #[serde(default)]
    kinds: Vec<String>,
    #[serde(default)]
    min_fatalities: Option<u32>,
    #[serde(default)]
    from: Option<PartialDate>,
    #[serde(default)]
    to: Option<PartialDate>,
    #[serde(default)]
    area: Option<crate::data::map::GeoBox>,
    #[serde(default)]
    plots: Vec<EarlierPlot>,
}

/// One plot's settings as views were written before [`PlotSettings`] was kept whole.
#[derive(Deserialize)]
#[serde(rename = "Plot", deny_unknown_fields)]
struct EarlierPlot {
    axis: PlotAxis,
    #[serde(default)]
    steps: bool,
    #[serde(default)]
    whole_range: bool,
    #[serde(default)]
    open: bool,
}

impl From<ViewOnDisk> for SavedView {
    fn from(disk: ViewOnDisk) -> Self {
        let mut filter = disk.filter;
        filter.actors.extend(disk.actors);
        filter.tags.extend(disk.tags);
        filter.confidence.extend(disk.confidence);
        filter.publishers.extend(disk.publishers);
        filter.source_kinds.extend(disk.source_kinds);
        filter.languages.extend(disk.languages);
        filter.places.extend(disk.places);
        filter.kinds.extend(disk.kinds);
        filter.min_fatalities = filter.min_fatalities.or(disk.min_fatalities);
        filter.from = filter.from.or(disk.from);
        filter.to = filter.to.or(disk.to);
        filter.area = filter.area.or(disk.area);
        let mut plot_settings = disk.plot_settings;
        for plot in disk.plots {
            plot_settings.entry(plot.axis).or_insert(PlotSettings {
                steps: plot.steps,
                whole_range: plot.whole_range,
                open: plot.open,
                legend_folded: false,
            });
        }
        Self {
            name: disk.name,
            start: disk.start,
            end: disk.end,
            filter,
            map: disk.map,
            span: disk.span,
            selected_event: disk.selected_event,
            selected_figure: disk.selected_figure,
            hidden_series: disk.hidden_series,
            hidden_maps: disk.hidden_maps,
            lanes: disk.lanes,
            plot_settings,
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::derived::lanes::{LaneGrouping, LaneOrder};

    /// A views file as Frontline wrote it before the filter and the plots'
    /// settings were kept whole.
    const EARLIER: &str = r#"Views(
    last: None,
    views: [
        View(
            name: "South, 2020",
            start: 18300.0,
            end: 18400.0,
            actors: ["south"],
            confidence: [Confirmed],
            min_fatalities: Some(5),
            from: Some("2020-03"),
            span: Some((18330.0, 18350.0)),
            selected_event: Some("bridge-destroyed"),
            lanes: Some(Lanes(grouping: Tag, order: Events, show_all: true, find: "front")),
            plots: [Plot(axis: PercentHeld, steps: true, open: true)],
        ),
    ],
)"#;

    #[test]
    fn a_views_file_written_by_an_earlier_frontline_still_opens() {
        let file = ViewsFile::from_text(EARLIER).expect("readable");
        let view = &file.views[0];
        assert_eq!(view.filter.actors, ["south".to_owned()].into());
        assert_eq!(view.filter.confidence, [Confidence::Confirmed].into());
        assert_eq!(view.filter.min_fatalities, Some(5));
        assert!(view.filter.from.is_some());
        assert_eq!(view.span, Some((18_330.0, 18_350.0)));
        let lanes = view.lanes.as_ref().expect("lanes");
        assert_eq!(lanes.grouping, LaneGrouping::Tag);
        assert_eq!(lanes.order, LaneOrder::Events);
        assert!(lanes.show_all);
        assert_eq!(lanes.filter, "front");
        let percent = view.plot_settings[&PlotAxis::PercentHeld];
        assert!(percent.steps && percent.open && !percent.whole_range);
    }

    #[test]
    fn a_view_reads_back_as_it_was_written() {
        let file = ViewsFile::from_text(EARLIER).expect("readable");
        let text = file.to_text().expect("writable");
        assert!(text.contains("filter: Filter("), "{text}");
        assert!(!text.contains("Plot("), "{text}");
        assert_eq!(ViewsFile::from_text(&text).expect("readable again"), file);
    }
}
