//! A small window with one text field and one button: a name for a view, a path
//! to open. Its text is its own; it hands back what was typed with the purpose
//! it was opened for, a value of the caller's own type, so that nothing is
//! parsed back from a string.

use egui::Context;

/// What the window says: its title, the field's label and the button.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PromptWords {
    /// The window's title.
    pub title: &'static str,
    /// The field's label.
    pub label: &'static str,
    /// The button that gives the answer (Enter does too).
    pub button: &'static str,
    /// The field's width in points.
    pub width: f32,
}

/// The window while it is open.
struct Asking<P> {
    words: PromptWords,
    text: String,
    purpose: P,
}

/// A text prompt; `P` says what the answer is for.
pub struct TextPrompt<P> {
    asking: Option<Asking<P>>,
    focus_pending: bool,
}

impl<P> Default for TextPrompt<P> {
    fn default() -> Self {
        Self {
            asking: None,
            focus_pending: false,
        }
    }
}

impl<P: PartialEq> TextPrompt<P> {
    /// Opens the window with `text` in its field, which takes the keyboard; an
    /// answer will come back with `purpose`. Asked again for the same purpose
    /// while open, it keeps what was typed.
    pub fn open(&mut self, words: PromptWords, text: &str, purpose: P) {
        if self.asking.as_ref().is_some_and(|a| a.purpose == purpose) {
            return;
        }
        self.asking = Some(Asking {
            words,
            text: text.to_owned(),
            purpose,
        });
        self.focus_pending = true;
    }

    /// Whether the window is open.
    pub fn is_open(&self) -> bool {
        self.asking.is_some()
    }

    /// Whether the window is open for `purpose`.
    pub fn is_open_for(&self, purpose: &P) -> bool {
        self.asking.as_ref().is_some_and(|a| &a.purpose == purpose)
    }

    /// Closes the window, forgetting its text.
    pub fn close(&mut self) {
        self.asking = None;
    }

    /// Shows the window while it is open; returns the purpose and the text,
    /// trimmed, once given.
    pub fn show(&mut self, ctx: &Context) -> Option<(P, String)> {
        let asking = self.asking.as_mut()?;
        let mut open = true;
        let mut given = false;
        let focus = std::mem::take(&mut self.focus_pending);
        egui::Window::new(asking.words.title)
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                let label = ui.label(asking.words.label);
                let response = ui
                    .add(
                        egui::TextEdit::singleline(&mut asking.text)
                            .desired_width(asking.words.width),
                    )
                    .labelled_by(label.id);
                if focus {
                    response.request_focus();
                }
                let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                given = (ui.button(asking.words.button).clicked() || enter)
                    && !asking.text.trim().is_empty();
            });
        if given {
            return self
                .asking
                .take()
                .map(|a| (a.purpose, a.text.trim().to_owned()));
        }
        if !open {
            self.asking = None;
        }
        None
    }
}
