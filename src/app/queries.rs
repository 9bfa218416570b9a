//! What tests, benchmarks and the layout ask of the app: the dataset and the
//! events on show, the state of background work, and a few panel facts.

use std::sync::Arc;

use egui::Rangef;

use super::loading::PendingLoad;
use super::{FrontlineApp, Prompted};
use crate::data::{EventOrder, LoadedDataset};

impl FrontlineApp {
    /// The loaded dataset, if any.
    pub fn loaded(&self) -> Option<&LoadedDataset> {
        self.document.as_ref().map(|d| d.loaded.as_ref())
    }

    /// The playhead and how it moves.
    pub fn playback(&self) -> &crate::playback::Playback {
        &self.playback
    }

    /// The load in progress, if any.
    pub fn pending_load(&self) -> Option<&PendingLoad> {
        self.loading.pending.as_ref()
    }

    /// Whether the "Open path" window is open.
    pub fn is_open_path_shown(&self) -> bool {
        self.prompt.is_open_for(&Prompted::OpenPath)
    }

    /// The events on show: those the filter lets through, or all of them.
    pub fn shown_events(&self) -> Option<Arc<EventOrder>> {
        let document = self.document.as_ref()?;
        Some(Arc::clone(
            self.filtering
                .order(document.generation)
                .unwrap_or(&document.loaded.index.order),
        ))
    }

    /// The version of the events on show: changes with the dataset and the filter.
    pub(super) fn shown_version(&self) -> u64 {
        let generation = self.document.as_ref().map_or(0, |d| d.generation);
        (generation << 32) ^ self.filtering.version()
    }

    /// The events the timeline and the plots draw: those on show, or only the
    /// search's matches when the reader asked to hide the rest.
    pub fn drawn_events(&self) -> Option<Arc<EventOrder>> {
        match self.panels.event_list.matching_order() {
            Some(order) => Some(Arc::clone(order)),
            None => self.shown_events(),
        }
    }

    /// Whether a filter is being applied in the background.
    pub fn is_filtering(&self) -> bool {
        self.filtering.is_busy()
    }

    /// Waits until the filter in the view state has been applied (for tests and
    /// benchmarks).
    pub fn finish_filtering(&mut self, ctx: &egui::Context) {
        self.update_filtering(ctx);
        while self.filtering.is_busy() {
            std::thread::sleep(std::time::Duration::from_millis(2));
            self.update_filtering(ctx);
        }
    }

    /// The time range the plot showed in the last frame (for checking that panels agree).
    pub fn plot_time_range(&self) -> Option<(f64, f64)> {
        self.panels.plot.shown_time_range()
    }

    /// The control series hidden in the plot's legend, by index in `Dataset::control`.
    pub fn hidden_series(&self) -> &std::collections::BTreeSet<usize> {
        self.panels.plot.hidden_series()
    }

    /// Puts `text` in the event list's search field.
    pub fn set_search(&mut self, text: &str) {
        self.panels.event_list.set_query(text);
    }

    /// The event list's search: whether one is running, and the last result's size.
    pub fn search_state(&self) -> (bool, Option<usize>) {
        (
            self.panels.event_list.is_searching(),
            self.panels.event_list.match_count(),
        )
    }

    /// The screen x range of the shared time axis, as the plot laid it out.
    pub fn time_axis_x(&self) -> Option<Rangef> {
        self.time_axis_x
    }

    /// The plots' panel, for reading what it shows (looks, scopes, ranges, bands).
    pub fn plots(&self) -> &crate::ui::area_plot::AreaPlotPanel {
        &self.panels.plot
    }

    /// The plots' panel, for changing its settings as its switches would.
    pub fn plots_mut(&mut self) -> &mut crate::ui::area_plot::AreaPlotPanel {
        &mut self.panels.plot
    }

    /// The centre column (timeline and plots) as laid out in the last frame.
    pub fn centre_rect(&self) -> Option<egui::Rect> {
        self.centre_rect
    }

    /// What the timeline drew in the last frame.
    pub fn timeline_frame(&self) -> crate::ui::timeline::TimelineFrame {
        self.panels.timeline.last_frame()
    }

    /// The timeline's lanes, by name, in order.
    pub fn lane_names(&self) -> Vec<String> {
        self.panels.timeline.lane_names()
    }

    /// What a timeline lane stands for, and how lanes are shown.
    pub fn lane_choice_mut(&mut self) -> &mut crate::data::lanes::LaneChoice {
        &mut self.panels.timeline.choice
    }

    /// The deaths chart's period and total in the last frame, if it was drawn.
    pub fn deaths_drawn(&self) -> Option<(crate::data::deaths::Period, u64)> {
        self.panels.deaths.last_drawn()
    }

    /// The deaths chart's readout under the pointer last frame, and where its
    /// bars were drawn.
    pub fn deaths_readout(&self) -> (Option<&str>, Option<egui::Rect>) {
        (
            self.panels.deaths.last_readout(),
            self.panels.deaths.last_frame(),
        )
    }

    /// Whether the timeline is grouping its lanes in the background.
    pub fn is_grouping_lanes(&self) -> bool {
        self.panels.timeline.is_grouping()
    }

    /// Whether any panel works in the background for what is on screen: a
    /// filter, the filter bar's choices, the deaths chart's totals, lanes, a
    /// search, the map (for tests and benchmarks, which settle before timing).
    pub fn is_working(&self) -> bool {
        self.filtering.is_busy()
            || self.panels.filter_bar.is_counting()
            || self.panels.deaths.is_counting()
            || self.panels.timeline.is_grouping()
            || self.panels.event_list.is_searching()
            || self.panels.map.is_busy()
    }

    /// The map panel.
    pub fn map(&self) -> &crate::ui::map::MapPanel {
        &self.panels.map
    }

    /// The map panel, to open it or move its camera as its controls would.
    pub fn map_mut(&mut self) -> &mut crate::ui::map::MapPanel {
        &mut self.panels.map
    }
}
