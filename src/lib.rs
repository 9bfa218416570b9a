//! Frontline: dated conflict events and territorial-control figures, with their sources.
//!
//! [`data`] is the data layer (types, dates, loading, validation, time index) and
//! knows nothing of the user interface; [`view`] holds the state every panel
//! shares; [`ui`] has one file per panel; [`app`] ties them into an eframe app.

pub mod app;
pub mod cli;
pub mod data;
pub mod generate;
pub mod ui;
pub mod view;
