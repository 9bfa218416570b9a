//! A small window asking for a name (to save or rename a view). Its text is its
//! own; it hands back the name typed.

use egui::Context;

/// The window's state while it is open: its title, its text and what the name is for.
#[derive(Default)]
pub struct NamePrompt {
    open: Option<(String, String, String)>,
    focus_pending: bool,
}

impl NamePrompt {
    /// Opens the window titled `title`, with `text` in its field; `purpose` comes
    /// back with the name.
    pub fn open(&mut self, title: &str, text: &str, purpose: &str) {
        self.open = Some((title.to_owned(), text.to_owned(), purpose.to_owned()));
        self.focus_pending = true;
    }

    /// Whether the window is open.
    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// Closes the window.
    pub fn close(&mut self) {
        self.open = None;
    }

    /// Shows the window while it is open; returns (purpose, name) when one is given.
    pub fn show(&mut self, ctx: &Context) -> Option<(String, String)> {
        let (title, text, purpose) = self.open.as_mut()?;
        let mut open = true;
        let mut chosen = None;
        let focus = std::mem::take(&mut self.focus_pending);
        egui::Window::new(title.as_str())
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                let label = ui.label("Name:");
                let response = ui
                    .add(egui::TextEdit::singleline(text).desired_width(280.0))
                    .labelled_by(label.id);
                if focus {
                    response.request_focus();
                }
                let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if (ui.button("OK").clicked() || enter) && !text.trim().is_empty() {
                    chosen = Some((purpose.clone(), text.trim().to_owned()));
                }
            });
        if chosen.is_some() || !open {
            self.open = None;
        }
        chosen
    }
}
