//! Playback in the app: the playhead moved on each frame by the time the frame
//! took, the window carried with it, and a word in the status bar when it
//! stops by itself.

use egui::Context;

use super::FrontlineApp;
use crate::playback::{PlaybackMode, SPEEDS, Stopped};

impl FrontlineApp {
    /// Starts or pauses playback.
    pub(super) fn toggle_playback(&mut self) {
        if self.session.playback.playing {
            self.session.playback.pause(&mut self.session.view);
            return;
        }
        let Some(extent) = self.loaded().and_then(|l| l.index.extent) else {
            return;
        };
        self.session.playback.play(&mut self.session.view, extent);
    }

    /// Sets how many days pass per second of playing.
    pub(super) fn set_playback_speed(&mut self, speed: f64) {
        if speed.is_finite() {
            self.session.playback.speed = speed.clamp(*SPEEDS.start(), *SPEEDS.end());
        }
    }

    /// Sets what the window shows while playing.
    pub(super) fn set_playback_mode(&mut self, mode: PlaybackMode) {
        self.session.playback.mode = match mode {
            PlaybackMode::Window { days } if days.is_finite() => PlaybackMode::Window {
                days: days.clamp(1.0, 36_500.0),
            },
            PlaybackMode::Window { .. } => self.session.playback.mode,
            PlaybackMode::FromStart => PlaybackMode::FromStart,
        };
    }

    /// Moves the playhead on by the time the last frame took.
    pub(super) fn advance_playback(&mut self, ctx: &Context) {
        if !self.session.playback.playing {
            return;
        }
        let Some(extent) = self.loaded().and_then(|l| l.index.extent) else {
            self.session.playback.pause(&mut self.session.view);
            return;
        };
        let seconds = f64::from(ctx.input(|i| i.unstable_dt));
        match self
            .session
            .playback
            .advance(&mut self.session.view, extent, seconds)
        {
            None => ctx.request_repaint(),
            Some(Stopped::AtTheEnd) => self.say("Playback reached the end of the data"),
            Some(Stopped::TakenOver) => self.say("Playback paused: the view was moved"),
        }
    }
}
