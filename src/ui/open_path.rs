//! The "Open path" window: a field where a path can be typed or pasted, for
//! systems with no file dialog. Its text is its own; it hands back the path chosen.

use std::path::PathBuf;

use egui::Context;

/// The window's state: its text while it is open.
#[derive(Default)]
pub struct OpenPathPrompt {
    text: Option<String>,
    focus_pending: bool,
}

impl OpenPathPrompt {
    /// Opens the window with an empty field that takes the keyboard.
    pub fn open(&mut self) {
        if self.text.is_none() {
            self.text = Some(String::new());
            self.focus_pending = true;
        }
    }

    /// Closes the window, forgetting its text.
    pub fn close(&mut self) {
        self.text = None;
    }

    /// Whether the window is open.
    pub fn is_open(&self) -> bool {
        self.text.is_some()
    }

    /// Shows the window while it is open; returns the path the user chose.
    pub fn show(&mut self, ctx: &Context) -> Option<PathBuf> {
        let text = self.text.as_mut()?;
        let mut open = true;
        let mut chosen = None;
        let mut focus = std::mem::take(&mut self.focus_pending);
        egui::Window::new("Open path")
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                let label = ui.label("Path of a dataset file (.ron):");
                let response = ui
                    .add(egui::TextEdit::singleline(text).desired_width(420.0))
                    .labelled_by(label.id);
                if std::mem::take(&mut focus) {
                    response.request_focus();
                }
                let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if (ui.button("Open").clicked() || enter) && !text.trim().is_empty() {
                    chosen = Some(PathBuf::from(text.trim()));
                }
            });
        if chosen.is_some() || !open {
            self.text = None;
        }
        chosen
    }
}
