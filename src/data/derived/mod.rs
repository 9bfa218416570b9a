//! What is worked out from a loaded dataset for showing it: the time index and
//! lanes, filters and search, spans, the plots' plan and units, deaths per
//! period, colours, and where events are on the map (located once per load,
//! counted per grid cell per view). Each is computed once per load or per change of what
//! is on show, never per frame.

pub mod deaths;
pub mod disagree;
pub mod filter;
pub(crate) mod index;
pub mod lanes;
pub mod map_bins;
pub mod map_points;
pub mod palette;
pub mod place_search;
pub(crate) mod plotting;
pub mod published;
pub mod search;
pub mod series_plan;
pub mod span;
