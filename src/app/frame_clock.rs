//! How long each frame of the window takes, from the app's logic to the end of
//! its layout. With `FRONTLINE_SLOW_FRAMES=1` in the environment, every frame
//! over 50 ms is written to standard error with what was on screen, so that a
//! session with a large dataset can be checked for stalls as a user sees them.

use std::time::{Duration, Instant};

/// A frame longer than this is slow: the window no longer feels immediate.
pub const SLOW_FRAME: Duration = Duration::from_millis(50);

/// Times frames and names the slow ones.
#[derive(Debug)]
pub struct FrameClock {
    /// When the window opened: slow frames say when they came.
    opened: Instant,
    started: Option<Instant>,
    log_slow: bool,
    frames: u64,
}

impl Default for FrameClock {
    fn default() -> Self {
        Self {
            opened: Instant::now(),
            started: None,
            log_slow: std::env::var_os("FRONTLINE_SLOW_FRAMES").is_some(),
            frames: 0,
        }
    }
}

impl FrameClock {
    /// A frame begins (timed only when slow frames are to be named).
    pub fn start(&mut self) {
        if self.log_slow {
            self.started = Some(Instant::now());
        }
    }

    /// The frame begun last ends; `what` says what was on screen.
    pub fn finish(&mut self, what: impl FnOnce() -> String) {
        let Some(started) = self.started.take() else {
            return;
        };
        let took = started.elapsed();
        self.frames += 1;
        if took > SLOW_FRAME {
            #[expect(clippy::print_stderr, reason = "asked for in the environment")]
            {
                eprintln!(
                    "frontline: frame {} took {:.1} ms, {:.1} s after the window opened ({})",
                    self.frames,
                    took.as_secs_f64() * 1e3,
                    started.duration_since(self.opened).as_secs_f64(),
                    what()
                );
            }
        }
    }
}
