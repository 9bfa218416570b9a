//! The panels, one file each. Every panel reads the loaded dataset and reads and
//! writes the shared [`crate::view::ViewState`]; none calls another.

pub mod area_plot;
pub mod deaths_chart;
pub mod detail;
pub mod event_list;
pub mod file_problems;
pub mod filter_bar;
pub mod map;
pub mod menu_bar;
pub mod problems;
pub mod shortcuts;
pub mod span_panel;
pub mod status_bar;
pub mod text_prompt;
pub mod time_axis;
pub mod timeline;
pub mod tooltip;

use std::collections::BTreeSet;
use std::sync::Arc;

use egui::Color32;

use crate::data::{Confidence, DatasetIndex, EventOrder, LoadedDataset};

/// What every panel is drawn from in one frame (the model is rerun's
/// `ViewerContext`): the dataset, the events on show and their version, the
/// search's matches and the series hidden in the legend. Panels read it; the
/// shared view state is given beside it, to read and write.
#[derive(Clone)]
pub struct FrameContext<'a> {
    /// The dataset on screen, with its index.
    pub loaded: &'a Arc<LoadedDataset>,
    /// The load's generation: what is derived from the dataset is keyed by it.
    pub generation: u64,
    /// The events on show (after the filters), in date order and by lane.
    pub shown: &'a Arc<EventOrder>,
    /// Changes whenever `shown` does.
    pub shown_version: u64,
    /// By event index, whether each event matches the search shown, if one is.
    pub search_matches: Option<Arc<[bool]>>,
    /// The series hidden in the plots' legend, by index in `Dataset::control`.
    pub hidden_series: BTreeSet<usize>,
}

/// An actor's colour for the current theme: readable on its background and
/// apart from every other actor's (worked out once per load, in the index).
pub fn actor_color(visuals: &egui::Visuals, index: &DatasetIndex, actor: usize) -> Color32 {
    let palette = &index.readable_colors[usize::from(!visuals.dark_mode)];
    let [r, g, b] = palette.get(actor).copied().unwrap_or([128, 128, 128]);
    Color32::from_rgb(r, g, b)
}

/// Whether a confidence level is drawn as a filled marker (confirmed, reported)
/// rather than a hollow one (claimed, disputed, unverified).
pub fn confidence_is_firm(confidence: Confidence) -> bool {
    matches!(confidence, Confidence::Confirmed | Confidence::Reported)
}
