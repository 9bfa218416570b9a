//! The panels, one file each. Every panel reads the loaded dataset and reads and
//! writes the shared [`crate::view::ViewState`]; none calls another.

pub mod area_plot;
pub mod deaths_chart;
pub mod detail;
pub mod event_list;
pub mod file_problems;
pub mod filter_bar;
pub mod menu_bar;
pub mod problems;
pub mod shortcuts;
pub mod span_panel;
pub mod status_bar;
pub mod text_prompt;
pub mod time_axis;
pub mod timeline;

use egui::Color32;

use crate::data::{Confidence, DatasetIndex};

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
