//! Putting a dataset on screen, and what a load that failed leaves: its problems,
//! and the offer to open the file without its invalid records.

use std::path::PathBuf;
use std::sync::Arc;

use super::FrontlineApp;
use super::document::Document;
use crate::data::salvage;
use crate::data::{self, LoadFailure, LoadedDataset, Problem};
use crate::format;
use crate::ui::problems::ProblemReport;
use crate::view::ViewState;

/// A file that failed to load, kept so that it can be opened without its
/// invalid records.
pub struct FailedLoad {
    name: String,
    path: Option<PathBuf>,
    failure: LoadFailure,
}

impl FrontlineApp {
    /// Shows a dataset loaded elsewhere, replacing the one on screen.
    pub fn show_dataset(&mut self, name: String, path: Option<PathBuf>, loaded: LoadedDataset) {
        self.show_document(name, path, loaded, Vec::new());
    }

    fn show_document(
        &mut self,
        name: String,
        path: Option<PathBuf>,
        loaded: LoadedDataset,
        left_out: Vec<Problem>,
    ) {
        // The dataset being left keeps the view it was left in.
        self.remember_last_view();
        self.playback.pause(&mut self.view);
        self.playback.head = None;
        self.view = ViewState::for_index(&loaded.index);
        let summary = format::summary(&loaded);
        self.say(format!("Opened {name}: {summary}"));
        self.document = Some(Document {
            summary,
            name,
            path,
            loaded: Arc::new(loaded),
            generation: self.next_generation,
            left_out,
        });
        self.next_generation += 1;
        self.problems = None;
        self.failed_load = None;
        self.show_file_problems = false;
        self.open_views();
    }

    /// Shows the built-in dataset again, in place of whatever is open.
    pub fn open_built_in(&mut self) {
        self.loading.pending = None;
        let name = data::load::DEFAULT_DATASET_NAME;
        match data::load_default() {
            Ok(loaded) => self.show_dataset(name.to_owned(), None, loaded),
            Err(failure) => self.report_failure(name, None, failure),
        }
    }

    /// Opens the file that last failed to load, leaving out every record with an
    /// error; they are listed in the "Problems in this file" window.
    pub fn open_without_invalid_records(&mut self) {
        let Some(failed) = self.failed_load.take() else {
            return;
        };
        match salvage::without_invalid_records(&failed.failure) {
            Some(salvaged) => {
                let left = salvaged.left_out.len();
                self.show_document(failed.name, failed.path, salvaged.loaded, salvaged.left_out);
                self.say(format!(
                    "{}; {} not displayed (see Problems in this file)",
                    self.message,
                    format::plural(left, "invalid record")
                ));
                self.show_file_problems = true;
            }
            None => {
                self.say(format!(
                    "{} cannot be opened without its invalid records: some errors are about the whole file",
                    failed.name
                ));
            }
        }
    }

    pub(super) fn report_failure(
        &mut self,
        name: &str,
        path: Option<PathBuf>,
        failure: LoadFailure,
    ) {
        let errors = failure.errors().count();
        let can_open_anyway = failure.parsed.is_some()
            && failure
                .errors()
                .all(|e| !matches!(e.record, None | Some(crate::data::Record::Dataset { .. })));
        self.say(format!(
            "{name} was not opened: {} (see Problems)",
            format::plural(errors, "error")
        ));
        self.problems = Some(ProblemReport {
            file: name.to_owned(),
            text: crate::data::problem::render_all_in_file(&failure.problems),
            errors,
            warnings: failure.problems.len() - errors,
            can_open_anyway,
        });
        self.failed_load = can_open_anyway.then(|| FailedLoad {
            name: name.to_owned(),
            path,
            failure,
        });
    }
}
