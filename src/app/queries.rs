//! What tests, benchmarks and the command line ask of the app: the dataset,
//! the problems and the message shown, the state of background work, and a
//! few panel facts. Nothing here changes the app: that is what commands do.
use egui::Rangef;

use super::loading::PendingLoad;
use super::{FrontlineApp, Prompted};
use crate::data::LoadedDataset;

impl FrontlineApp {
    /// The problems of the last file that failed to load, while they are shown.
    pub fn problems(&self) -> Option<&crate::ui::problems::ProblemReport> {
        self.screen.problems.as_ref()
    }

    /// What the status bar says.
    pub fn message(&self) -> &str {
        &self.session.message
    }

    /// Recently opened files, newest first.
    pub fn recent(&self) -> &super::document::RecentFiles {
        &self.session.recent
    }

    /// The theme chosen: dark, light, or as the system is set.
    pub fn theme(&self) -> egui::ThemePreference {
        self.screen.theme
    }

    /// Whether the window listing the open file's problems is open.
    pub fn is_file_problems_shown(&self) -> bool {
        self.screen.show_file_problems
    }

    /// The loaded dataset, if any.
    pub fn loaded(&self) -> Option<&LoadedDataset> {
        self.session.document.as_ref().map(|d| d.loaded.as_ref())
    }

    /// The playhead and how it moves.
    pub fn playback(&self) -> &crate::playback::Playback {
        &self.session.playback
    }

    /// The load in progress, if any.
    pub fn pending_load(&self) -> Option<&PendingLoad> {
        self.background.loading.pending.as_ref()
    }

    /// Whether the "Open path" window is open.
    pub fn is_open_path_shown(&self) -> bool {
        self.screen.prompt.is_open_for(&Prompted::OpenPath)
    }

    /// The time range the plot showed in the last frame (for checking that panels agree).
    pub fn plot_time_range(&self) -> Option<(f64, f64)> {
        self.screen.panels.plot.shown_time_range()
    }

    /// The control series hidden in the plot's legend, by index in `Dataset::control`.
    pub fn hidden_series(&self) -> &std::collections::BTreeSet<usize> {
        self.session.view.hidden_series()
    }

    /// Puts `text` in the event list's search field.
    pub fn set_search(&mut self, text: &str) {
        self.screen.panels.event_list.set_query(text);
    }

    /// The event list's search: whether one is running, and the last result's size.
    pub fn search_state(&self) -> (bool, Option<usize>) {
        (
            self.screen.panels.event_list.is_searching(),
            self.screen.panels.event_list.match_count(),
        )
    }

    /// The screen x range of the shared time axis, as the plot laid it out.
    pub fn time_axis_x(&self) -> Option<Rangef> {
        self.screen.time_axis_x
    }

    /// The plots' panel, for reading what it shows (looks, scopes, ranges, bands).
    pub fn plots(&self) -> &crate::ui::area_plot::AreaPlotPanel {
        &self.screen.panels.plot
    }

    /// The centre column (timeline and plots) as laid out in the last frame.
    pub fn centre_rect(&self) -> Option<egui::Rect> {
        self.screen.centre_rect
    }

    /// What the timeline drew in the last frame.
    pub fn timeline_frame(&self) -> crate::ui::timeline::TimelineFrame {
        self.screen.panels.timeline.last_frame()
    }

    /// The timeline's lanes, by name, in order.
    pub fn lane_names(&self) -> Vec<String> {
        self.screen.panels.timeline.lane_names()
    }

    /// The deaths chart's period and total in the last frame, if it was drawn.
    pub fn deaths_drawn(&self) -> Option<(crate::data::deaths::Period, u64)> {
        self.screen.panels.deaths.last_drawn()
    }

    /// The deaths chart's readout under the pointer last frame, and where its
    /// bars were drawn.
    pub fn deaths_readout(&self) -> (Option<&str>, Option<egui::Rect>) {
        (
            self.screen.panels.deaths.last_readout(),
            self.screen.panels.deaths.last_frame(),
        )
    }

    /// Whether the timeline is grouping its lanes in the background.
    pub fn is_grouping_lanes(&self) -> bool {
        self.screen.panels.timeline.is_grouping()
    }

    /// Whether any panel works in the background for what is on screen: a
    /// filter, the filter bar's choices, the deaths chart's totals, lanes, a
    /// search, the map (for tests and benchmarks, which settle before timing).
    pub fn is_working(&self) -> bool {
        self.background.filtering.is_busy()
            || self.screen.panels.filter_bar.is_counting()
            || self.screen.panels.deaths.is_counting()
            || self.screen.panels.timeline.is_grouping()
            || self.screen.panels.event_list.is_searching()
            || self.screen.panels.map.is_busy()
    }

    /// The map panel.
    pub fn map(&self) -> &crate::ui::map::MapPanel {
        &self.screen.panels.map
    }
}
