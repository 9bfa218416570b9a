//! Playback written out as PNG frames, for a video or a slide: the playhead is
//! stepped through a date range a set number of days at a time, the window
//! following it as playback moves it; each step is drawn, left two frames to
//! settle (and until the map's territory is triangulated), captured from the window and written as `frame-00001.png`,
//! `frame-00002.png`… in a folder. Frames are stepped, not timed, so that every
//! frame is there however slow the machine draws.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::{Arc, Mutex};

use egui::Context;

use super::FrontlineApp;
use crate::data::model::date::DayNumber;
use crate::view::{TimeWindow, ViewChange};

/// The most frames one export writes.
pub const MAX_FRAMES: usize = 20_000;
/// Frames drawn after the window moves before the picture is taken, so that
/// what the panels work out at once is on screen.
const SETTLE_FRAMES: u8 = 2;

/// What to write: where, which dates, how far apart, how wide a window.
#[derive(Clone, Debug, PartialEq)]
pub struct FramesRequest {
    /// The folder the frames go in (made when missing).
    pub folder: PathBuf,
    /// The playhead's first day (days since 1970).
    pub from: DayNumber,
    /// Its last day.
    pub to: DayNumber,
    /// Days from one frame to the next.
    pub step: f64,
    /// Days the window shows, ending at the playhead; `None`: everything from `from`.
    pub window: Option<f64>,
}

impl FramesRequest {
    /// How many frames it makes.
    pub fn frames(&self) -> usize {
        if self.step.is_nan() || self.step <= 0.0 || self.to < self.from {
            return 0;
        }
        (((self.to - self.from) / self.step).floor() as usize + 1).min(MAX_FRAMES)
    }
}

/// How a recording ended, for whoever asked (the command line waits for it).
pub type RecordingOutcome = Arc<Mutex<Option<Result<usize, String>>>>;

/// A recording under way.
pub(super) struct Recording {
    request: FramesRequest,
    next: usize,
    total: usize,
    settle: u8,
    waiting: Option<Receiver<Result<(), String>>>,
    /// Where to say how it ended, and whether to close the window then.
    outcome: Option<RecordingOutcome>,
}

impl FrontlineApp {
    /// Starts writing frames; what was running stops. `outcome`, when given,
    /// hears how it ended, and the window closes then (the command line).
    pub fn record_frames(&mut self, request: FramesRequest, outcome: Option<RecordingOutcome>) {
        let total = request.frames();
        if total == 0 {
            self.say("No frames to write: the range is empty");
            if let Some(outcome) = outcome {
                set(&outcome, Err("the range is empty".to_owned()));
            }
            return;
        }
        if let Err(err) = std::fs::create_dir_all(&request.folder) {
            let message = format!("Cannot make {}: {err}", request.folder.display());
            self.say(message.clone());
            if let Some(outcome) = outcome {
                set(&outcome, Err(message));
            }
            return;
        }
        self.session.playback.pause(&mut self.session.view);
        self.background.recording = Some(Recording {
            request,
            next: 0,
            total,
            settle: 0,
            waiting: None,
            outcome,
        });
    }

    /// Writes `request`'s frames once the file being loaded is on screen, then
    /// closes the window (the command line's `frontline frames`).
    pub fn record_frames_after_load(&mut self, request: FramesRequest, outcome: RecordingOutcome) {
        self.background.frames_after_load = Some((request, outcome));
    }

    /// Starts the frames asked for at startup, once the load is done.
    pub(super) fn start_frames_after_load(&mut self) {
        if self.background.loading.pending.is_some() || self.background.frames_after_load.is_none()
        {
            return;
        }
        let opened = self.session.document.as_ref().and_then(|d| d.path.clone());
        if let Some((request, outcome)) = self.background.frames_after_load.take() {
            if opened.is_none() || self.screen.problems.is_some() {
                let why = self
                    .screen
                    .problems
                    .as_ref()
                    .map_or_else(|| "the file did not open".to_owned(), |p| p.text.clone());
                set(&outcome, Err(why));
                return;
            }
            self.record_frames(request, Some(outcome));
        }
    }

    /// Frames of the window as shown: the playhead from the window's start to
    /// its end, a frame per 1/30 s of playback at its speed, the window as
    /// playback draws it; into `folder`.
    pub(super) fn frames_of_window(&self, folder: PathBuf) -> FramesRequest {
        FramesRequest {
            folder,
            from: self.session.view.window().start.ceil(),
            to: self.session.view.window().end.floor(),
            step: (self.session.playback.speed / 30.0).max(1.0 / 24.0),
            window: match self.session.playback.mode {
                crate::playback::PlaybackMode::Window { days } => Some(days),
                crate::playback::PlaybackMode::FromStart => None,
            },
        }
    }

    /// Whether frames are being written.
    pub fn is_recording(&self) -> bool {
        self.background.recording.is_some()
    }

    /// Moves a recording on by one step: the window placed, the frame taken,
    /// the picture written.
    pub(super) fn advance_recording(&mut self, ctx: &Context) {
        let Some(recording) = &mut self.background.recording else {
            return;
        };
        ctx.request_repaint();
        // The frames show the playhead, not wherever the pointer happens to rest.
        ctx.input_mut(|input| input.pointer = egui::PointerState::default());
        if let Some(waiting) = &recording.waiting {
            match waiting.try_recv() {
                Err(TryRecvError::Empty) => return,
                Ok(Ok(())) => {
                    recording.waiting = None;
                    recording.next += 1;
                    recording.settle = 0;
                }
                Ok(Err(message)) => return self.end_recording(Err(message), ctx),
                Err(TryRecvError::Disconnected) => {
                    return self.end_recording(Err("the window was not captured".to_owned()), ctx);
                }
            }
        }
        if recording.next >= recording.total {
            let written = recording.total;
            return self.end_recording(Ok(written), ctx);
        }
        let request = &recording.request;
        let head = (request.from + recording.next as f64 * request.step).min(request.to);
        let start = request
            .window
            .map_or(request.from.min(head - 1.0), |days| head - days);
        let window = TimeWindow::new(start, head + 0.5);
        self.session
            .view
            .apply(ViewChange::PlayAt { window, head }, None);
        if recording.settle < SETTLE_FRAMES {
            recording.settle += 1;
            return;
        }
        if self.screen.panels.map.is_working() {
            return;
        }
        let path = request
            .folder
            .join(format!("frame-{:05}.png", recording.next + 1));
        let (said, heard) = std::sync::mpsc::channel();
        let wake = ctx.clone();
        ctx.request_screenshot(move |image| {
            let written = super::exporting::write_picture(&image, &path, None)
                .map(|_| ())
                .map_err(|err| format!("{}: {err}", path.display()));
            let _ = said.send(written);
            wake.request_repaint();
        });
        recording.waiting = Some(heard);
    }

    fn end_recording(&mut self, result: Result<usize, String>, ctx: &Context) {
        let Some(recording) = self.background.recording.take() else {
            return;
        };
        self.session.view.apply(ViewChange::StopPlaying, None);
        match &result {
            Ok(written) => self.say(format!(
                "Wrote {} to {}",
                crate::format::plural(*written, "frame"),
                recording.request.folder.display()
            )),
            Err(message) => self.say(format!("Frames stopped: {message}")),
        }
        if let Some(outcome) = recording.outcome {
            set(&outcome, result);
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

fn set(outcome: &RecordingOutcome, result: Result<usize, String>) {
    *outcome
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(result);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_makes_a_frame_per_step() {
        let request = FramesRequest {
            folder: PathBuf::new(),
            from: 0.0,
            to: 30.0,
            step: 7.0,
            window: Some(90.0),
        };
        assert_eq!(request.frames(), 5);
        assert_eq!(
            FramesRequest {
                step: 0.0,
                ..request.clone()
            }
            .frames(),
            0
        );
        assert_eq!(
            FramesRequest {
                to: -1.0,
                ..request
            }
            .frames(),
            0
        );
    }
}
