//! The chronological event list: every event in date order, for reading. It follows
//! the selection made anywhere else, as a log view follows its time cursor.

use egui::{RichText, ScrollArea, TextStyle, Ui};

use crate::data::LoadedDataset;
use crate::view::ViewState;

/// Shows the list; only the rows on screen are laid out.
pub fn show(ui: &mut Ui, loaded: &LoadedDataset, view: &mut ViewState) {
    let index = &loaded.index;
    let total = index.chronological.len();
    ui.horizontal(|ui| {
        ui.strong("Events");
        ui.weak(format!("({total}, in date order)"));
    });
    ui.separator();
    let row_height = ui.text_style_height(&TextStyle::Body);
    let spacing = ui.spacing().item_spacing.y;
    let mut area = ScrollArea::vertical().auto_shrink([false, false]);
    if view.reveal_selection {
        if let Some(&rank) = view.selected_event().and_then(|e| index.rank.get(e)) {
            let viewport = ui.available_height();
            let offset = rank as f32 * (row_height + spacing) - viewport / 2.0;
            area = area.vertical_scroll_offset(offset.max(0.0));
        }
        view.reveal_selection = false;
    }
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
    area.show_rows(ui, row_height, total, |ui, rows| {
        for position in rows {
            let event = index.chronological[position] as usize;
            let e = &loaded.dataset.events[event];
            let selected = view.selected_event() == Some(event);
            let text = RichText::new(format!("{}  {}", e.date, e.title));
            let response = ui.selectable_label(selected, text);
            if response.clicked() {
                view.select_event(event);
                view.reveal_event(index, event);
                view.reveal_selection = false;
            }
        }
    });
}
