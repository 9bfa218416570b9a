//! What background work reports when it ends: a finished load, a dialog's
//! answer, an export's result. Reports are apart from [`crate::command::Command`]
//! (what a person asks for): they carry payloads that are neither cloned nor
//! compared, and they come from the app's own jobs, never from a key or a menu.

use std::path::PathBuf;

use egui::Context;

use super::FrontlineApp;
use crate::command::ExportKind;
use crate::data::{LoadFailure, LoadedDataset};

/// A piece of background work that has ended, and what it found.
#[derive(Debug)]
pub enum Report {
    /// A file has loaded, or failed to.
    Load(LoadRequest, Box<Result<LoadedDataset, LoadFailure>>),
    /// The open dialog answered.
    OpenDialog(DialogAnswer),
    /// The "Add to this dataset" dialog answered.
    AddDialog(DialogAnswer),
    /// An export's save dialog answered; `None` when it vanished without an answer.
    ExportDialog(ExportKind, Option<DialogAnswer>),
    /// An export, a save or a picture of the window ended, saying this.
    Said(String),
    /// The folder dialog for playback frames answered; `None` when it vanished.
    FramesFolder(Option<DialogAnswer>),
}

/// A file the user asked to load.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadRequest {
    /// The file's name as the user gave it.
    pub name: String,
    /// The file being read.
    pub path: PathBuf,
    /// Whether this reads the open file again, so that the view is kept.
    pub is_reload: bool,
    /// Whether the file is added to the dataset open (merged with it).
    pub adding: bool,
}

/// What the system's file dialog answered.
#[derive(Clone, Debug, PartialEq)]
pub enum DialogAnswer {
    /// The user chose this file.
    Chosen(PathBuf),
    /// The user closed the dialog.
    Cancelled,
    /// No dialog could be shown.
    NoDialog,
}

impl FrontlineApp {
    /// Takes in, in order, what background work has finished.
    pub(super) fn take_reports(&mut self, reports: Vec<Report>, ctx: &Context) {
        for report in reports {
            self.take_report(report, ctx);
        }
    }

    /// Takes in what one background job found.
    fn take_report(&mut self, report: Report, ctx: &Context) {
        match report {
            Report::Load(request, result) => self.open_loaded(request, *result),
            Report::OpenDialog(answer) => self.answer_open_dialog(answer, ctx),
            Report::AddDialog(answer) => match answer {
                DialogAnswer::Chosen(path) => self.add_file(&path, ctx),
                DialogAnswer::Cancelled => self.say("No file chosen: nothing added"),
                DialogAnswer::NoDialog => {
                    self.say("This system shows no file dialog: add a file with `frontline merge` instead");
                }
            },
            Report::ExportDialog(kind, answer) => self.answer_export_dialog(kind, answer, ctx),
            Report::Said(text) => self.say(text),
            Report::FramesFolder(answer) => self.answer_frames_dialog(answer),
        }
    }
}
