//! The "Problems in this file" window: for the dataset on screen, the records
//! left out because they were invalid and every warning, each with its place in
//! the file. Clicking one selects its event or figure, so that an author can go
//! from the warning to the record.

use egui::{Context, RichText, ScrollArea, TextStyle};

use crate::command::{AppWindow, Command};
use crate::data::{LoadedDataset, Problem, Record};
use crate::format;
use crate::view::{Selection, ViewChange};

/// What the window lists.
pub struct FileProblems<'a> {
    /// The file's name.
    pub file: &'a str,
    /// Errors whose records were left out when the file was opened anyway.
    pub left_out: &'a [Problem],
    /// The dataset on screen, with its warnings.
    pub loaded: &'a LoadedDataset,
}

/// Shows the window while `open` is set; a click on a problem selects its
/// record, and closing it asks for the window to be closed.
pub fn show(ctx: &Context, open: bool, problems: &FileProblems<'_>, commands: &mut Vec<Command>) {
    if !open {
        return;
    }
    let mut still_open = true;
    let warnings = &problems.loaded.warnings;
    egui::Window::new("Problems in this file")
        .open(&mut still_open)
        .default_size([720.0, 360.0])
        .resizable(true)
        .show(ctx, |ui| {
            ui.label(RichText::new(heading(problems)).strong());
            ui.weak("Click a problem to select its event or figure.");
            ui.separator();
            let rows: Vec<&Problem> = problems.left_out.iter().chain(warnings).collect();
            let row_height = ui.text_style_height(&TextStyle::Monospace);
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            ScrollArea::both().auto_shrink([false, false]).show_rows(
                ui,
                row_height,
                rows.len(),
                |ui, range| {
                    for problem in &rows[range] {
                        let text = problem.render_in_file();
                        let first_line = text.lines().next().unwrap_or_default();
                        let label = RichText::new(format::line(first_line)).monospace();
                        let label = if problem.is_error() {
                            label.color(ui.visuals().error_fg_color)
                        } else {
                            label
                        };
                        let response = ui.selectable_label(false, label);
                        if response.clicked()
                            && let Some(selection) = selection_for(problems.loaded, problem)
                        {
                            commands.push(Command::View(match selection {
                                Selection::Event(event) => ViewChange::SelectAndReveal(event),
                                Selection::Point { .. } | Selection::Snapshot { .. } => {
                                    ViewChange::Select(Some(selection))
                                }
                            }));
                        }
                    }
                },
            );
        });
    if !still_open {
        commands.push(Command::CloseWindow(AppWindow::FileProblems));
    }
}

/// "f.ron: 2 invalid records not displayed, 3 warnings." The file is named
/// once; records left out are mentioned only when there are some.
fn heading(problems: &FileProblems<'_>) -> String {
    let warnings = format::plural(problems.loaded.warnings.len(), "warning");
    if problems.left_out.is_empty() {
        format!("{}: {warnings}.", problems.file)
    } else {
        format!(
            "{}: {} not displayed, {warnings}.",
            problems.file,
            format::plural(problems.left_out.len(), "invalid record"),
        )
    }
}

/// The selection a problem's record stands for in the dataset on screen. Records
/// are found by id (events) or label (series), since records left out shift the
/// positions of those after them.
fn selection_for(loaded: &LoadedDataset, problem: &Problem) -> Option<Selection> {
    let dataset = &loaded.dataset;
    let series_by_label = |label: &str| {
        dataset
            .control
            .iter()
            .position(|s| s.label(&s.actor) == label)
    };
    match problem.record.as_ref()? {
        Record::Event { id, .. } => dataset
            .events
            .iter()
            .position(|e| e.id() == id)
            .map(Selection::Event),
        Record::Series { label, .. } => {
            let series = series_by_label(label)?;
            (!dataset.control[series].points.is_empty())
                .then_some(Selection::Point { series, point: 0 })
        }
        Record::Point { label, index, .. } => {
            let series = series_by_label(label)?;
            let points = dataset.control[series].points.len();
            (points > 0).then(|| Selection::Point {
                series,
                point: (*index).min(points - 1),
            })
        }
        Record::Source { .. }
        | Record::Actor { .. }
        | Record::Dataset { .. }
        | Record::Row { .. }
        | Record::TableRow { .. }
        | Record::Map { .. }
        | Record::Snapshot { .. } => None,
    }
}
