//! The panels, one file each. Every panel reads the loaded dataset and reads and
//! writes the shared [`crate::view::ViewState`]; none calls another.

pub mod area_plot;
pub mod detail;
pub mod event_list;
pub mod file_problems;
pub mod filter_bar;
pub mod menu_bar;
pub mod name_prompt;
pub mod open_path;
pub mod problems;
pub mod shortcuts;
pub mod span_panel;
pub mod status_bar;
pub mod time_axis;
pub mod timeline;

use egui::Color32;

use crate::data::{Confidence, DatasetIndex};

/// An actor's colour, readable on both light and dark backgrounds.
pub fn actor_color(index: &DatasetIndex, actor: usize) -> Color32 {
    let [r, g, b] = index
        .actor_colors
        .get(actor)
        .copied()
        .unwrap_or([128, 128, 128]);
    // Near-black actors would vanish on a dark background: lift them to grey.
    let luma = 0.3 * f32::from(r) + 0.59 * f32::from(g) + 0.11 * f32::from(b);
    if luma < 50.0 {
        Color32::from_rgb(
            r.saturating_add(90),
            g.saturating_add(90),
            b.saturating_add(90),
        )
    } else {
        Color32::from_rgb(r, g, b)
    }
}

/// Whether a confidence level is drawn as a filled marker (confirmed, reported)
/// rather than a hollow one (claimed, disputed, unverified).
pub fn confidence_is_firm(confidence: Confidence) -> bool {
    matches!(confidence, Confidence::Confirmed | Confidence::Reported)
}
