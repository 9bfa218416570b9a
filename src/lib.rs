//! Frontline: dated conflict events and territorial-control figures, with their sources.
//!
//! [`data`] is the data layer (types, dates, loading, validation, time index) and
//! knows nothing of the user interface; [`view`] holds the state every panel
//! shares; [`ui`] has one file per panel; [`app`] ties them into an eframe app.
//! [`format`] says things in words for the panels and the command line alike,
//! [`command`] is the one table of commands and their keys, [`job`] runs
//! background work, and [`playback`] moves the time window forward on its own.
//! [`generate`] (synthetic datasets for tests and benchmarks) is part of the
//! data layer, named here too for the command line and the benchmarks.

pub mod app;
pub mod cli;
pub mod command;
pub mod data;
pub mod format;
pub mod job;
pub mod playback;
pub mod ui;
pub mod view;

pub use data::generate;
