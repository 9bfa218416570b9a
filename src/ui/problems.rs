//! The problems window: every error and warning of a file that did not load,
//! readable and copyable, while the dataset already open stays usable.

use egui::text::LayoutJob;

use crate::command::{AppWindow, Command};
use egui::{Context, RichText, ScrollArea, TextBuffer, TextEdit, TextStyle};

/// A file's problems as shown to the user.
#[derive(Clone, Debug)]
pub struct ProblemReport {
    /// The file's name as the user gave it.
    pub file: String,
    /// Every problem, one per line from its line and column (syntax errors
    /// with their excerpt); the file is named once, in the heading.
    pub text: String,
    /// How many errors.
    pub errors: usize,
    /// How many warnings.
    pub warnings: usize,
    /// Whether every error is about a record, so that the file can be opened
    /// with those records left out.
    pub can_open_anyway: bool,
}

/// Shows the window while `report` is set; closing it clears the report.
/// Asking to open the file without its invalid records is pushed on `commands`.
pub fn show(
    ctx: &Context,
    report: Option<&ProblemReport>,
    keeping: Option<&str>,
    commands: &mut Vec<Command>,
) {
    let Some(current) = report else {
        return;
    };
    let mut open = true;
    let mut open_anyway = false;
    // Wide enough for a whole problem line where the screen allows: lines are
    // not wrapped (see below).
    let width = (ctx.content_rect().width() - 80.0).clamp(480.0, 1100.0);
    egui::Window::new("Problems")
        .open(&mut open)
        .default_size([width, 360.0])
        .resizable(true)
        .show(ctx, |ui| {
            ui.label(
                RichText::new(format!(
                    "{} could not be opened: {} error{}, {} warning{}.",
                    current.file,
                    current.errors,
                    if current.errors == 1 { "" } else { "s" },
                    current.warnings,
                    if current.warnings == 1 { "" } else { "s" },
                ))
                .strong(),
            );
            if let Some(keeping) = keeping {
                ui.label(format!("Still showing {keeping}; nothing was changed."));
            }
            ui.horizontal(|ui| {
                if ui.button("Copy all").clicked() {
                    ui.ctx()
                        .copy_text(format!("{}\n{}", current.file, current.text));
                }
                if current.can_open_anyway
                    && ui
                        .button("Open without the invalid records")
                        .on_hover_text(
                            "Leaves out every record with an error and lists them; the rest opens",
                        )
                        .clicked()
                {
                    open_anyway = true;
                }
            });
            let label = ui.label(format!(
                "In {}, every problem with its line and column:",
                current.file
            ));
            ScrollArea::both()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    let mut text = current.text.as_str();
                    // Lines are not wrapped: an excerpt's caret must stay under
                    // its column. Long lines scroll sideways.
                    let mut unwrapped = |ui: &egui::Ui, text: &dyn TextBuffer, _: f32| {
                        let job = LayoutJob::simple(
                            text.as_str().to_owned(),
                            TextStyle::Monospace.resolve(ui.style()),
                            ui.visuals().text_color(),
                            f32::INFINITY,
                        );
                        ui.painter().layout_job(job)
                    };
                    ui.add(
                        TextEdit::multiline(&mut text)
                            .font(TextStyle::Monospace)
                            .desired_width(f32::INFINITY)
                            .layouter(&mut unwrapped)
                            .id_salt("problems-text"),
                    )
                    .labelled_by(label.id);
                });
        });
    if open_anyway {
        commands.push(Command::OpenWithoutInvalidRecords);
    } else if !open {
        commands.push(Command::CloseWindow(AppWindow::Problems));
    }
}
