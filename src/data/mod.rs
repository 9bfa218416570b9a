//! The data layer, in layers: the model (dataset types and dates); the file
//! format (reading a dataset's text, validating it, placing problems), which
//! gives a dataset as read; the index; what a load gives, a dataset checked and
//! indexed ([`loaded`], [`load`], [`salvage`]), above both the readers and the
//! index; then what is asked of a loaded dataset for showing it (lanes,
//! filters, search, spans, plots' plans) and data in and out (import, export,
//! views, atomic writes). Nothing here knows about the user interface, and
//! nothing here says things in words for people: it returns counts and cases
//! that the app and the command line put into sentences.

pub mod derived;
pub mod format;
pub mod generate;
pub mod io;
pub mod load;
pub mod loaded;
pub mod map;
pub mod model;
pub mod salvage;

pub use derived::index::{DatasetIndex, EventOrder, EventSpan, Lane, NOT_SHOWN, SeriesTrack};
pub use derived::plotting::{PlotAxis, Plotting};
pub use derived::series_plan::{Look, PlotPlan, SeriesPlan};
pub use derived::{deaths, disagree, filter, lanes, palette, published, search, series_plan, span};
pub use format::failure::{FailureKind, LoadFailure};
pub use format::problem::{Problem, Record, Severity, TextPosition};
pub use format::source_map::SourceMap;
pub use format::{fast_parse, problem, ron_text, stream_load, validate};
pub use io::{export, import, merge, views};
pub use load::{load_bytes, load_default, load_path, load_str, no_progress, to_ron_string};
pub use loaded::{LoadedDataset, load_dataset};
pub use model::date::{DatePrecision, DayNumber, PartialDate};
pub use model::*;
