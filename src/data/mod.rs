//! The data layer: dataset types, dates, loading, validation and the time index.
//! Nothing here knows about the user interface.

pub mod atomic_write;
pub mod date;
pub mod deaths;
pub mod export;
pub mod fast_parse;
pub mod filter;
pub mod import;
pub mod index;
pub mod lanes;
pub mod lexer;
pub mod load;
pub mod loaded;
pub mod model;
pub mod palette;
pub mod plotting;
pub mod problem;
pub mod ron_text;
pub mod salvage;
pub mod search;
pub mod series_plan;
pub mod source_map;
pub mod span;
pub mod stream_load;
pub mod validate;
pub mod views;

pub use date::{DatePrecision, DayNumber, PartialDate};
pub use index::{DatasetIndex, EventOrder, EventSpan, Lane, NOT_SHOWN, SeriesTrack};
pub use load::{
    FailureKind, LoadFailure, LoadedDataset, load_bytes, load_dataset, load_default, load_path,
    load_str, no_progress, to_ron_string,
};
pub use model::*;
pub use plotting::{PlotAxis, Plotting};
pub use problem::TextPosition;
pub use problem::{Problem, Record, Severity};
pub use series_plan::{Look, PlotPlan, SeriesPlan};
pub use source_map::SourceMap;
