//! The view state every panel shares: the visible time window, the time cursor,
//! the selection, the filter and the span. Panels read it and ask for changes
//! ([`ViewChange`], sent as commands); the app applies them, one at a time, in
//! [`ViewState::apply`]. Panels never call each other.
//! State that only one panel needs (its search text, hidden series, scroll
//! position) stays in that panel. Nothing here draws.

use std::collections::{BTreeMap, BTreeSet};

use crate::data::derived::plotting::PlotSettings;
use crate::data::filter::EventFilter;
use crate::data::lanes::LaneChoice;
use crate::data::span::TimeSpan;
use crate::data::views::{SavedFigure, SavedMap, SavedView};
use crate::data::{DatasetIndex, DayNumber, EventOrder, LoadedDataset, PlotAxis};

/// The smallest window a user can zoom to: two days. No date in the format is
/// finer than a day, so zooming further would only spread one day's marks apart.
pub const MIN_WINDOW_DAYS: f64 = 2.0;
/// The largest window: 12,000 years, more than the years 1 to 9999 that a
/// dataset may hold, so that "fit all" always shows everything.
pub const MAX_WINDOW_DAYS: f64 = 365.25 * 12_000.0;

/// A visible span of time, in days since 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeWindow {
    /// Left edge.
    pub start: DayNumber,
    /// Right edge.
    pub end: DayNumber,
}

impl TimeWindow {
    /// A window from `start` to `end`, widened to the minimum width if needed.
    pub fn new(start: DayNumber, end: DayNumber) -> Self {
        let mut window = Self { start, end };
        window.clamp_width();
        window
    }

    /// Width in days.
    pub fn width(&self) -> f64 {
        self.end - self.start
    }

    /// Zooms by `factor` (above 1 zooms in) keeping the time `anchor` where it is.
    pub fn zoom_at(&mut self, anchor: DayNumber, factor: f64) {
        if !(factor.is_finite() && factor > 0.0) {
            return;
        }
        let new_width = (self.width() / factor).clamp(MIN_WINDOW_DAYS, MAX_WINDOW_DAYS);
        let fraction = ((anchor - self.start) / self.width()).clamp(0.0, 1.0);
        self.start = anchor - fraction * new_width;
        self.end = self.start + new_width;
    }

    /// Moves the window by `days`.
    pub fn pan(&mut self, days: f64) {
        if days.is_finite() {
            self.start += days;
            self.end += days;
        }
    }

    /// Moves the window so that `day` is in its middle, keeping its width.
    pub fn center_on(&mut self, day: DayNumber) {
        let half = self.width() / 2.0;
        self.start = day - half;
        self.end = day + half;
    }

    /// Whether `day` is inside the window.
    pub fn contains(&self, day: DayNumber) -> bool {
        (self.start..=self.end).contains(&day)
    }

    fn clamp_width(&mut self) {
        if !(self.start.is_finite() && self.end.is_finite()) {
            *self = Self::default();
        }
        let width = self.width().clamp(MIN_WINDOW_DAYS, MAX_WINDOW_DAYS);
        let middle = (self.start + self.end) / 2.0;
        self.start = middle - width / 2.0;
        self.end = middle + width / 2.0;
    }
}

impl Default for TimeWindow {
    fn default() -> Self {
        Self {
            start: 0.0,
            end: 365.0,
        }
    }
}

/// What the user has selected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Selection {
    /// An event, by index in `Dataset::events`.
    Event(usize),
    /// A point of a control series.
    Point {
        /// Index in `Dataset::control`.
        series: usize,
        /// Index in the series' points.
        point: usize,
    },
    /// One snapshot of a control map.
    Snapshot {
        /// Index in `Dataset::territory`.
        map: usize,
        /// Index in the map's snapshots.
        snapshot: usize,
    },
}

/// Where the map looks: the longitude and latitude at its middle, and its scale.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapLook {
    /// The longitude at the middle of the map.
    pub lon: f64,
    /// The latitude at the middle of the map.
    pub lat: f64,
    /// Screen points per degree of latitude.
    pub points_per_degree: f64,
}

/// A change to the shared view: what a panel, a key or playback asks for.
/// [`ViewState::apply`] is the one way the view changes.
#[derive(Clone, Debug, PartialEq)]
pub enum ViewChange {
    /// Select this, or nothing.
    Select(Option<Selection>),
    /// Select an event and pan so that its start is in view.
    SelectAndReveal(usize),
    /// Pan so that an event's start is in view, selecting nothing.
    Reveal(usize),
    /// Show this window.
    SetWindow(TimeWindow),
    /// Move the window by so many days (towards the future when positive).
    Pan(f64),
    /// Zoom by `factor` (above 1 zooms in) keeping the day `anchor` in place.
    ZoomAt {
        /// The day that stays where it is.
        anchor: DayNumber,
        /// How much to zoom.
        factor: f64,
    },
    /// Zoom by this factor around the selected event when it is in view, else
    /// around the middle of the window: what the zoom keys do.
    ZoomAroundSelection(f64),
    /// Show the whole dataset with a small margin.
    FitAll,
    /// Set the span, or clear it.
    SetSpan(Option<TimeSpan>),
    /// Move the start (`start`) or the end of the span to the selected event's
    /// start, else the day under the pointer, else the middle of the window.
    SpanEdgeHere {
        /// Whether the start moves (else the end).
        start: bool,
    },
    /// The day under the pointer this frame, from the hovered panel.
    Hover(DayNumber),
    /// Show the events this filter lets through.
    SetFilter(Box<EventFilter>),
    /// Playback put its playhead at `head` with this window: the cursor is the
    /// playhead until it stops.
    PlayAt {
        /// The window playback shows.
        window: TimeWindow,
        /// The playhead.
        head: DayNumber,
    },
    /// Playback stopped: the cursor follows the pointer again.
    StopPlaying,
    /// What a lane of the timeline stands for, their order and how many.
    SetLanes(LaneChoice),
    /// A plot's settings.
    SetPlotSettings(PlotAxis, PlotSettings),
    /// The series hidden in the plots' legend.
    SetHiddenSeries(BTreeSet<usize>),
    /// The control maps hidden in the map's menu.
    SetHiddenMaps(BTreeSet<usize>),
    /// Show the map, or hide it.
    OpenMap(bool),
    /// Look at the map from here.
    SetMapLook(MapLook),
    /// Show on the map where two organisations' maps of one actor disagree.
    CompareMaps(bool),
}

/// The state every panel reads. Its fields are private: it changes only through
/// [`ViewState::apply`], which the app calls for each command it carries out.
#[derive(Clone, Debug, Default)]
pub struct ViewState {
    /// The visible time range, the same in the timeline and the plot.
    window: TimeWindow,
    /// The time under the pointer, in whichever panel it is.
    cursor: Option<DayNumber>,
    /// The selected event or figure.
    selection: Option<Selection>,
    /// Which events are on show in every panel.
    filter: EventFilter,
    /// A span of time the reader selected, to see what changed over it.
    span: Option<TimeSpan>,
    /// The time under the pointer this frame, set by the hovered panel; it becomes
    /// [`ViewState::cursor`] at the end of the frame so that every panel draws the same line.
    hover_time: Option<DayNumber>,
    /// The playhead while playback runs: the cursor when the pointer is on no panel.
    playhead: Option<DayNumber>,
    /// What a lane of the timeline stands for, their order and how many.
    lanes: LaneChoice,
    /// The plots' settings, for the plots where any differs from the default.
    plot_settings: BTreeMap<PlotAxis, PlotSettings>,
    /// Series hidden in the plots' legend, by index as [`DatasetIndex::series`] numbers them.
    hidden_series: BTreeSet<usize>,
    /// Control maps hidden in the map's menu, by index in `Dataset::territory`.
    hidden_maps: BTreeSet<usize>,
    /// Whether the map is shown.
    map_open: bool,
    /// Where the map looks, once it has been placed.
    map_look: Option<MapLook>,
    /// Whether the map shows where maps of one actor disagree.
    compare_maps: bool,
}

impl ViewState {
    /// The view for a freshly loaded dataset: everything in view, nothing selected.
    pub fn for_index(index: &DatasetIndex) -> Self {
        let mut view = Self::default();
        view.fit_all(index);
        view
    }

    /// The visible time range, the same in the timeline and the plot.
    pub fn window(&self) -> TimeWindow {
        self.window
    }

    /// The time under the pointer, in whichever panel it is (the playhead while playing).
    pub fn cursor(&self) -> Option<DayNumber> {
        self.cursor
    }

    /// The selected event or figure.
    pub fn selection(&self) -> Option<Selection> {
        self.selection
    }

    /// Which events are on show in every panel.
    pub fn filter(&self) -> &EventFilter {
        &self.filter
    }

    /// The span of time the reader selected, if any.
    pub fn span(&self) -> Option<TimeSpan> {
        self.span
    }

    /// The playhead while playback runs.
    pub fn playhead(&self) -> Option<DayNumber> {
        self.playhead
    }

    /// What a lane of the timeline stands for, their order and how many.
    pub fn lanes(&self) -> &LaneChoice {
        &self.lanes
    }

    /// A plot's settings.
    pub fn plot_settings(&self, axis: PlotAxis) -> PlotSettings {
        self.plot_settings.get(&axis).copied().unwrap_or_default()
    }

    /// The series hidden in the plots' legend.
    pub fn hidden_series(&self) -> &BTreeSet<usize> {
        &self.hidden_series
    }

    /// The control maps hidden in the map's menu.
    pub fn hidden_maps(&self) -> &BTreeSet<usize> {
        &self.hidden_maps
    }

    /// Whether the map is shown.
    pub fn map_open(&self) -> bool {
        self.map_open
    }

    /// Whether the map shows where maps of one actor disagree.
    pub fn compare_maps(&self) -> bool {
        self.compare_maps
    }

    /// Where the map looks, once it has been placed.
    pub fn map_look(&self) -> Option<MapLook> {
        self.map_look
    }

    /// Carries out one change. `index` is the dataset on screen: changes that
    /// name events or the data's extent do nothing without one.
    pub fn apply(&mut self, change: ViewChange, index: Option<&DatasetIndex>) {
        match change {
            ViewChange::Select(selection) => self.selection = selection,
            ViewChange::SelectAndReveal(event) => {
                self.selection = Some(Selection::Event(event));
                self.reveal_event(index, event);
            }
            ViewChange::Reveal(event) => self.reveal_event(index, event),
            ViewChange::SetWindow(window) => {
                self.window = TimeWindow::new(window.start, window.end);
            }
            ViewChange::Pan(days) => self.window.pan(days),
            ViewChange::ZoomAt { anchor, factor } => self.window.zoom_at(anchor, factor),
            ViewChange::ZoomAroundSelection(factor) => self.zoom_around_selection(index, factor),
            ViewChange::FitAll => {
                if let Some(index) = index {
                    self.fit_all(index);
                }
            }
            ViewChange::SetSpan(span) => self.span = span,
            ViewChange::SpanEdgeHere { start } => {
                if let Some(day) = self.span_edge_here(index) {
                    self.set_span_edge(day, start);
                }
            }
            ViewChange::Hover(day) => self.hover_time = Some(day),
            ViewChange::SetFilter(filter) => self.filter = *filter,
            ViewChange::PlayAt { window, head } => {
                self.window = window;
                self.playhead = Some(head);
                // This frame's panels draw the playhead as the cursor, not last frame's.
                self.cursor = Some(head);
            }
            ViewChange::StopPlaying => self.playhead = None,
            ViewChange::SetLanes(lanes) => self.lanes = lanes,
            ViewChange::SetPlotSettings(axis, settings) => {
                if settings == PlotSettings::default() {
                    self.plot_settings.remove(&axis);
                } else {
                    self.plot_settings.insert(axis, settings);
                }
            }
            ViewChange::SetHiddenSeries(hidden) => self.hidden_series = hidden,
            ViewChange::SetHiddenMaps(hidden) => self.hidden_maps = hidden,
            ViewChange::OpenMap(open) => self.map_open = open,
            ViewChange::CompareMaps(on) => self.compare_maps = on,
            ViewChange::SetMapLook(look) => self.map_look = Some(look),
        }
    }

    /// Shows the whole dataset with a small margin.
    fn fit_all(&mut self, index: &DatasetIndex) {
        if let Some((from, to)) = index.extent {
            let margin = ((to - from) * 0.03).max(1.0);
            self.window = TimeWindow::new(from - margin, to + margin);
        }
    }

    /// Ends a frame: the time hovered this frame becomes the cursor.
    /// Returns true when the cursor moved, so that the caller can repaint.
    pub fn end_frame(&mut self) -> bool {
        // While playback runs the cursor is the playhead, wherever the pointer is.
        let hovered = self.playhead.or(self.hover_time.take());
        self.hover_time = None;
        let moved = hovered != self.cursor;
        self.cursor = hovered;
        moved
    }

    /// The selected event's index, if an event is selected.
    pub fn selected_event(&self) -> Option<usize> {
        match self.selection {
            Some(Selection::Event(event)) => Some(event),
            _ => None,
        }
    }

    /// The event after (`forward`) or before the selected one in `shown`'s date
    /// order. With nothing selected it starts from the window's left edge
    /// (forward) or right edge (backward).
    pub fn step_from_selection(&self, shown: &EventOrder, forward: bool) -> Option<usize> {
        let edge = if forward {
            self.window.start
        } else {
            self.window.end
        };
        self.selected_event()
            .and_then(|event| shown.step_from(event, forward))
            .or_else(|| shown.first_from(edge, forward))
    }

    fn zoom_around_selection(&mut self, index: Option<&DatasetIndex>, factor: f64) {
        let middle = (self.window.start + self.window.end) / 2.0;
        let anchor = self
            .selected_event()
            .and_then(|event| index?.spans.get(event))
            .map(|span| span.start)
            .filter(|&start| self.window.contains(start))
            .unwrap_or(middle);
        self.window.zoom_at(anchor, factor);
    }

    fn span_edge_here(&self, index: Option<&DatasetIndex>) -> Option<DayNumber> {
        let index = index?;
        let day = self
            .selected_event()
            .and_then(|event| index.spans.get(event))
            .map(|span| span.start)
            .or(self.cursor)
            .unwrap_or((self.window.start + self.window.end) / 2.0);
        day.is_finite().then_some(day.floor())
    }

    /// Moves the start (or end) of the span to `day`, making a one-day span when
    /// there is none; the end is kept after the start.
    fn set_span_edge(&mut self, day: DayNumber, start: bool) {
        let current = self.span.unwrap_or(TimeSpan {
            start: day,
            end: day + 1.0,
        });
        self.span = Some(if start {
            TimeSpan::between(day, current.end.max(day + 1.0))
        } else {
            TimeSpan::between(current.start.min(day), day + 1.0)
        });
    }

    /// The view for `new`, a reload of `old`: the view saved against `old` and
    /// restored against `new` (the one translator between a view and the
    /// records it names), so that the window, the span, the filters and the
    /// selection are kept by id and label. Says what could not be kept.
    pub fn carried_over(&self, old: &LoadedDataset, new: &LoadedDataset) -> (Self, Option<String>) {
        let saved = self.to_saved("", old);
        let mut view = Self::from_saved(&saved, new);
        // Whether the map is open, where it looks and what it compares are
        // not the file's.
        view.map_open = self.map_open;
        view.map_look = self.map_look;
        view.compare_maps = self.compare_maps;
        let lost = match (
            &saved.selected_event,
            &saved.selected_figure,
            view.selection,
        ) {
            (Some(id), _, None) => Some(format!(
                "the selected event {id:?} is no longer in the file"
            )),
            (None, Some(_), None) => {
                Some("the selected figure is no longer in the file".to_owned())
            }
            _ => None,
        };
        (view, lost)
    }

    /// A fresh view of `new` (all of it in view, nothing selected, filtered
    /// or spanned) that keeps how this one shows things: the lanes, the plots'
    /// settings, the map, and the series hidden, by name, where `new` has
    /// them (`old` is the dataset this view is of). A dataset of control maps
    /// and no events opens with the map open, looking at its maps.
    pub fn fresh_keeping_choices(&self, old: Option<&LoadedDataset>, new: &LoadedDataset) -> Self {
        let hidden = old.map(|old| self.to_saved("", old).hidden_series);
        let mut saved = Self::for_index(&new.index).to_saved("", new);
        saved.hidden_series = hidden.unwrap_or_default();
        let mut view = Self::from_saved(&saved, new);
        view.lanes = self.lanes.clone();
        view.plot_settings = self.plot_settings.clone();
        view.map_open = self.map_open;
        view.map_look = self.map_look;
        view.compare_maps = self.compare_maps;
        if new.dataset.events.is_empty() && !new.dataset.territory.is_empty() {
            view.map_open = true;
            view.map_look = None;
        }
        view
    }

    /// This view under `name`, naming records by id and label so that it
    /// survives edits: the one place a view is saved from.
    pub fn to_saved(&self, name: &str, loaded: &LoadedDataset) -> SavedView {
        let (dataset, index) = (&loaded.dataset, &loaded.index);
        SavedView {
            name: name.to_owned(),
            start: self.window.start,
            end: self.window.end,
            filter: self.filter.clone(),
            map: self.map_look.map(|look| SavedMap {
                open: self.map_open,
                lon: look.lon,
                lat: look.lat,
                scale: look.points_per_degree,
            }),
            span: self.span.map(|s| (s.start, s.end)),
            selected_event: self
                .selected_event()
                .and_then(|e| dataset.events.get(e))
                .map(|e| e.id().to_string()),
            selected_figure: match self.selection {
                Some(Selection::Point { series, point }) => {
                    index.series(dataset, series).map(|s| SavedFigure {
                        series: s.label(&s.actor),
                        point,
                    })
                }
                _ => None,
            },
            hidden_series: self
                .hidden_series
                .iter()
                .filter_map(|&s| index.series(dataset, s))
                .map(|s| crate::format::series_name(s, loaded.actor_short(&s.actor)))
                .collect(),
            hidden_maps: self
                .hidden_maps
                .iter()
                .filter_map(|&m| dataset.territory.get(m))
                .map(|m| m.label(loaded.actor_short(&m.actor)))
                .collect(),
            lanes: (self.lanes != LaneChoice::default()).then(|| self.lanes.clone()),
            plot_settings: self.plot_settings.clone(),
        }
    }

    /// The view a saved one describes, for `loaded`: records it names that are
    /// gone are left out. The one place a view is restored from.
    pub fn from_saved(saved: &SavedView, loaded: &LoadedDataset) -> Self {
        let (dataset, index) = (&loaded.dataset, &loaded.index);
        let mut filter = saved.filter.clone();
        filter
            .actors
            .retain(|id| index.actor_by_id.contains_key(id));
        Self {
            window: TimeWindow::new(saved.start, saved.end),
            filter,
            span: saved.span.map(|(a, b)| TimeSpan::between(a, b)),
            selection: saved
                .selected_event
                .as_ref()
                .and_then(|id| dataset.events.iter().position(|e| e.id() == id))
                .map(Selection::Event)
                .or_else(|| {
                    let figure = saved.selected_figure.as_ref()?;
                    let (series, found) = index
                        .all_series(dataset)
                        .enumerate()
                        .find(|(_, s)| s.label(&s.actor) == figure.series)?;
                    (figure.point < found.points.len()).then_some(Selection::Point {
                        series,
                        point: figure.point,
                    })
                }),
            hidden_series: index
                .all_series(dataset)
                .enumerate()
                .filter(|(_, s)| {
                    let name = crate::format::series_name(s, loaded.actor_short(&s.actor));
                    saved.hidden_series.contains(&name)
                })
                .map(|(i, _)| i)
                .collect(),
            hidden_maps: dataset
                .territory
                .iter()
                .enumerate()
                .filter(|(_, m)| {
                    saved
                        .hidden_maps
                        .contains(&m.label(loaded.actor_short(&m.actor)))
                })
                .map(|(i, _)| i)
                .collect(),
            lanes: saved.lanes.clone().unwrap_or_default(),
            plot_settings: saved
                .plot_settings
                .iter()
                .filter(|(_, s)| **s != PlotSettings::default())
                .map(|(a, s)| (*a, *s))
                .collect(),
            map_open: saved.map.is_some_and(|m| m.open),
            map_look: saved.map.map(|m| MapLook {
                lon: m.lon,
                lat: m.lat,
                points_per_degree: m.scale,
            }),
            ..Self::default()
        }
    }

    /// Pans so that an event's start is in view, when it is not.
    fn reveal_event(&mut self, index: Option<&DatasetIndex>, event: usize) {
        if let Some(span) = index.and_then(|index| index.spans.get(event)) {
            let middle = (span.start + span.end.min(span.start + self.window.width())) / 2.0;
            if !self.window.contains(span.start) {
                self.window.center_on(middle);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_keeps_the_anchor_in_place() {
        let mut window = TimeWindow::new(0.0, 100.0);
        window.zoom_at(25.0, 2.0);
        assert!((window.width() - 50.0).abs() < 1e-9);
        assert!(((25.0 - window.start) / window.width() - 0.25).abs() < 1e-9);
    }

    #[test]
    fn fit_all_shows_a_dataset_of_many_thousand_years() {
        let mut index = DatasetIndex::default();
        let (from, to) = (f64::from(-700_000), f64::from(2_900_000));
        index.extent = Some((from, to));
        let view = ViewState::for_index(&index);
        assert!(view.window.contains(from) && view.window.contains(to));
    }

    #[test]
    fn zoom_is_bounded() {
        let mut window = TimeWindow::new(0.0, 1.0);
        for _ in 0..100 {
            window.zoom_at(0.5, 10.0);
        }
        assert!((window.width() - MIN_WINDOW_DAYS).abs() < 1e-9);
        window.zoom_at(0.5, f64::NAN);
        assert!((window.width() - MIN_WINDOW_DAYS).abs() < 1e-9);
        for _ in 0..100 {
            window.zoom_at(0.5, 0.1);
        }
        assert!((window.width() - MAX_WINDOW_DAYS).abs() < 1e-6);
    }
}
