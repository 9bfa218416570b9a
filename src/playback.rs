//! Playing the war forward: a playhead that moves at a set number of days per
//! second and carries the time window with it, either a moving window of so
//! many days ending at the playhead or everything from the start up to it.
//! Every panel follows because they all draw the shared window and cursor.
//! Playback stops at the end of the data, and any move of the window or the
//! selection that it did not make pauses it: the reader has taken over.
//! Nothing here draws or knows of egui.

use crate::data::model::date::DayNumber;
use crate::view::{Selection, TimeWindow, ViewChange, ViewState};

/// The fewest and the most days per second.
pub const SPEEDS: std::ops::RangeInclusive<f64> = 0.5..=3650.0;

/// What the window shows while playing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PlaybackMode {
    /// The last `days` days up to the playhead.
    Window {
        /// How many days the window spans.
        days: f64,
    },
    /// Everything from the start of the data up to the playhead.
    FromStart,
}

/// The playhead and how it moves.
#[derive(Clone, Debug, PartialEq)]
pub struct Playback {
    /// Whether the playhead is moving.
    pub playing: bool,
    /// Days per second.
    pub speed: f64,
    /// What the window shows.
    pub mode: PlaybackMode,
    /// Where the playhead is (days since 1970), once playback has begun.
    pub head: Option<DayNumber>,
    /// The window and selection as playback last left them: anything else
    /// means the reader moved them.
    left: Option<(TimeWindow, Option<Selection>)>,
}

impl Default for Playback {
    fn default() -> Self {
        Self {
            playing: false,
            speed: 30.0,
            mode: PlaybackMode::Window { days: 90.0 },
            head: None,
            left: None,
        }
    }
}

/// Why playback stopped, for the status bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stopped {
    /// The playhead reached the end of the data.
    AtTheEnd,
    /// The reader moved the window or changed the selection.
    TakenOver,
}

impl Playback {
    /// Starts playing from the window's end, or from the start of the data
    /// when the window already shows the end (`extent`: the data's first and
    /// last day).
    pub fn play(&mut self, view: &mut ViewState, extent: (DayNumber, DayNumber)) {
        let (first, last) = extent;
        let from = self
            .head
            .filter(|&head| view.window().contains(head) || head == view.window().end)
            .unwrap_or(view.window().end);
        let from = if from >= last { first } else { from.max(first) };
        self.head = Some(from);
        self.playing = true;
        self.place(view, extent);
    }

    /// Stops the playhead where it is; the cursor follows the pointer again.
    pub fn pause(&mut self, view: &mut ViewState) {
        self.playing = false;
        self.left = None;
        view.apply(ViewChange::StopPlaying, None);
    }

    /// Moves the playhead on by `seconds` of playing, and the window with it.
    /// Returns why it stopped, if it did this frame.
    pub fn advance(
        &mut self,
        view: &mut ViewState,
        extent: (DayNumber, DayNumber),
        seconds: f64,
    ) -> Option<Stopped> {
        if !self.playing {
            return None;
        }
        if let Some((window, selection)) = self.left
            && (window != view.window() || selection != view.selection())
        {
            self.pause(view);
            return Some(Stopped::TakenOver);
        }
        let head = self.head.unwrap_or(extent.0) + self.speed * seconds.clamp(0.0, 0.25);
        let at_end = head >= extent.1;
        self.head = Some(head.min(extent.1));
        self.place(view, extent);
        if at_end {
            self.pause(view);
            return Some(Stopped::AtTheEnd);
        }
        None
    }

    /// Puts the window where the playhead says, and notes it.
    fn place(&mut self, view: &mut ViewState, extent: (DayNumber, DayNumber)) {
        let Some(head) = self.head else {
            return;
        };
        let start = match self.mode {
            PlaybackMode::Window { days } => head - days.max(1.0),
            PlaybackMode::FromStart => extent.0.min(head - 1.0),
        };
        view.apply(
            ViewChange::PlayAt {
                window: TimeWindow::new(start, head),
                head,
            },
            None,
        );
        self.left = Some((view.window(), view.selection()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn playing(mode: PlaybackMode) -> (Playback, ViewState) {
        let mut view = ViewState::default();
        view.apply(ViewChange::SetWindow(TimeWindow::new(0.0, 100.0)), None);
        let mut playback = Playback {
            mode,
            speed: 10.0,
            ..Playback::default()
        };
        playback.play(&mut view, (0.0, 1000.0));
        (playback, view)
    }

    #[test]
    fn the_window_follows_the_playhead() {
        let (mut playback, mut view) = playing(PlaybackMode::Window { days: 30.0 });
        assert_eq!(playback.advance(&mut view, (0.0, 1000.0), 0.2), None);
        assert_eq!(playback.head, Some(102.0));
        assert_eq!(view.window(), TimeWindow::new(72.0, 102.0));
        assert_eq!(view.playhead(), Some(102.0));
        assert_eq!(view.cursor(), Some(102.0), "drawn this frame");
    }

    #[test]
    fn from_the_start_the_window_grows() {
        let (mut playback, mut view) = playing(PlaybackMode::FromStart);
        playback.advance(&mut view, (0.0, 1000.0), 0.1);
        assert_eq!(view.window(), TimeWindow::new(0.0, 101.0));
    }

    #[test]
    fn it_stops_at_the_end_and_starts_again_from_the_beginning() {
        let (mut playback, mut view) = playing(PlaybackMode::Window { days: 30.0 });
        playback.speed = 3650.0;
        let mut stopped = None;
        for _ in 0..10 {
            stopped = stopped.or(playback.advance(&mut view, (0.0, 1000.0), 0.1));
        }
        assert_eq!(stopped, Some(Stopped::AtTheEnd));
        assert!(!playback.playing);
        assert_eq!(view.window().end, 1000.0);
        assert_eq!(view.playhead(), None);
        playback.play(&mut view, (0.0, 1000.0));
        assert_eq!(playback.head, Some(0.0));
    }

    #[test]
    fn a_pan_or_a_selection_by_the_reader_pauses_it() {
        let (mut playback, mut view) = playing(PlaybackMode::Window { days: 30.0 });
        view.apply(ViewChange::Pan(5.0), None);
        assert_eq!(
            playback.advance(&mut view, (0.0, 1000.0), 0.1),
            Some(Stopped::TakenOver)
        );
        assert!(!playback.playing);
        let (mut playback, mut view) = playing(PlaybackMode::Window { days: 30.0 });
        view.apply(ViewChange::Select(Some(Selection::Event(3))), None);
        assert_eq!(
            playback.advance(&mut view, (0.0, 1000.0), 0.1),
            Some(Stopped::TakenOver)
        );
    }
}
