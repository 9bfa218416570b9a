//! The help window: every shortcut from the command table, and how to read the marks.

use egui::Context;

use crate::command;

/// The shortcuts window, shown while `open` is set.
pub fn show_help(ctx: &Context, open: &mut bool) {
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            egui::Grid::new("shortcut-grid")
                .striped(true)
                .show(ui, |ui| {
                    for (keys, action) in command::help_rows() {
                        ui.strong(keys);
                        ui.label(action);
                        ui.end_row();
                    }
                });
            ui.add_space(6.0);
            ui.weak(
                "Filled markers: confirmed or reported. Hollow: claimed, disputed or unverified.",
            );
            ui.weak("A faint band: the event is known only to the month or the year.");
        });
}
