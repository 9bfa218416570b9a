//! Frontline's integration tests, in one binary so that the app is linked once:
//! each module is one concern, and `common` holds the helpers they share.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers stop the test on a failed assumption"
)]

mod common;

mod check_command;
mod code_shape;
mod export;
mod hostile_files;
mod hostile_maps;
mod import;
mod live_reload;
mod loading;
mod map;
mod monitors;
mod mutations;
mod playback;
mod plots;
mod saved_views;
mod streaming;
mod territory;
mod ui;
