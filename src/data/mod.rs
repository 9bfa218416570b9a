//! The data layer: the model (dataset types and dates), the file format
//! (reading, validating, placing problems), what is derived from a dataset for
//! showing it (the index, lanes, filters, search, spans, plots' plans), and
//! data in and out (import, export, views, atomic writes). Nothing here knows
//! about the user interface.

pub mod derived;
pub mod format;
pub mod generate;
pub mod io;
pub mod map;
pub mod model;

pub use derived::index::{DatasetIndex, EventOrder, EventSpan, Lane, NOT_SHOWN, SeriesTrack};
pub use derived::plotting::{PlotAxis, Plotting};
pub use derived::series_plan::{Look, PlotPlan, SeriesPlan};
pub use derived::{deaths, filter, lanes, palette, search, series_plan, span};
pub use format::load::{
    FailureKind, LoadFailure, LoadedDataset, load_bytes, load_dataset, load_default, load_path,
    load_str, no_progress, to_ron_string,
};
pub use format::problem::{Problem, Record, Severity, TextPosition};
pub use format::source_map::SourceMap;
pub use format::{fast_parse, load, problem, ron_text, salvage, stream_load, validate};
pub use io::{export, import, views};
pub use model::date::{DatePrecision, DayNumber, PartialDate};
pub use model::*;
