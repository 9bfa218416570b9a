//! The view state every panel shares: the visible time window, the time cursor,
//! the selection. Panels read it and write it; they never call each other.
//! Nothing here draws.

use crate::data::{DatasetIndex, DayNumber};

/// The smallest window a user can zoom to: one hour.
pub const MIN_WINDOW_DAYS: f64 = 1.0 / 24.0;
/// The largest window: 2,000 years.
pub const MAX_WINDOW_DAYS: f64 = 365.25 * 2000.0;

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
}

/// The state every panel reads and writes.
#[derive(Clone, Debug, Default)]
pub struct ViewState {
    /// The visible time range, the same in the timeline and the plot.
    pub window: TimeWindow,
    /// The time under the pointer, in whichever panel it is.
    pub cursor: Option<DayNumber>,
    /// The selected event or figure.
    pub selection: Option<Selection>,
    /// Set when the selection changed so that the event list scrolls to it.
    pub reveal_selection: bool,
    /// The time under the pointer this frame, set by the hovered panel; it becomes
    /// [`ViewState::cursor`] at the end of the frame so that every panel draws the same line.
    pub hover_time: Option<DayNumber>,
    /// The event list's search text.
    pub search: String,
    /// Control series the user has hidden, by index in `Dataset::control`.
    pub hidden_series: std::collections::BTreeSet<usize>,
}

impl ViewState {
    /// The view for a freshly loaded dataset: everything in view, nothing selected.
    pub fn for_index(index: &DatasetIndex) -> Self {
        let mut view = Self::default();
        view.fit_all(index);
        view
    }

    /// Shows the whole dataset with a small margin.
    pub fn fit_all(&mut self, index: &DatasetIndex) {
        if let Some((from, to)) = index.extent {
            let margin = ((to - from) * 0.03).max(1.0);
            self.window = TimeWindow::new(from - margin, to + margin);
        }
    }

    /// Ends a frame: the time hovered this frame becomes the cursor.
    /// Returns true when the cursor moved, so that the caller can repaint.
    pub fn end_frame(&mut self) -> bool {
        let hovered = self.hover_time.take();
        let moved = hovered != self.cursor;
        self.cursor = hovered;
        moved
    }

    /// Hides a series, or shows it again.
    pub fn toggle_series(&mut self, series: usize) {
        if !self.hidden_series.remove(&series) {
            self.hidden_series.insert(series);
        }
    }

    /// The selected event's index, if an event is selected.
    pub fn selected_event(&self) -> Option<usize> {
        match self.selection {
            Some(Selection::Event(event)) => Some(event),
            _ => None,
        }
    }

    /// Selects an event and asks the list to reveal it.
    pub fn select_event(&mut self, event: usize) {
        self.selection = Some(Selection::Event(event));
        self.reveal_selection = true;
    }

    /// Selects the next event in date order (`forward`) or the previous one, and
    /// pans so that it is in view. With nothing selected it starts from the
    /// window's left edge (forward) or right edge (backward).
    pub fn step_selection(&mut self, index: &DatasetIndex, forward: bool) {
        let count = index.chronological.len();
        if count == 0 {
            return;
        }
        let position = match self.selected_event().and_then(|e| index.rank.get(e)) {
            Some(&rank) => {
                let rank = rank as usize;
                if forward {
                    (rank + 1).min(count - 1)
                } else {
                    rank.saturating_sub(1)
                }
            }
            None => {
                if forward {
                    index
                        .chronological_starts
                        .partition_point(|&s| s < self.window.start)
                        .min(count - 1)
                } else {
                    index
                        .chronological_starts
                        .partition_point(|&s| s <= self.window.end)
                        .saturating_sub(1)
                }
            }
        };
        let event = index.chronological[position] as usize;
        self.select_event(event);
        self.reveal_event(index, event);
    }

    /// Pans so that an event's start is in view, when it is not.
    pub fn reveal_event(&mut self, index: &DatasetIndex, event: usize) {
        if let Some(span) = index.spans.get(event) {
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
