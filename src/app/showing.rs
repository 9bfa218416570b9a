//! Putting a dataset on screen: the one path every open takes, from a dialog, a
//! drop, the command line, a reload, a recent file, the built-in dataset or a
//! file opened without its invalid records. `FrontlineApp::open_document`
//! writes the view once and the status message once. A load that failed leaves
//! its problems, and the offer to open the file without its invalid records.

use std::path::PathBuf;
use std::sync::Arc;

use super::FrontlineApp;
use super::document::Document;
use super::reports::LoadRequest;
use crate::data::salvage;
use crate::data::{self, Dataset, LoadFailure, LoadedDataset, Problem};
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

/// How a dataset came to be opened: what the status bar says of it and which
/// view it opens in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Arrival {
    /// Opened afresh: in the view it was left in, else all of it.
    Opened,
    /// An ACLED, UCDP, GDELT or GeoJSON file, imported: as `Opened`, with a
    /// word on keeping it as a Frontline file.
    Imported,
    /// The open file read again: the view is carried over by id.
    Reloaded,
    /// Opened without this many invalid records.
    Salvaged(usize),
}

/// A dataset on its way to the screen.
struct Opening {
    name: String,
    path: Option<PathBuf>,
    loaded: LoadedDataset,
    left_out: Vec<Problem>,
    arrival: Arrival,
}

impl FrontlineApp {
    /// Merges a loaded file with the dataset open (`open`: its name and
    /// data), and shows the merge as a new, unsaved dataset; a conflict adds
    /// nothing and says what clashes.
    fn add_to_open(
        &mut self,
        open: (String, Dataset),
        request: &LoadRequest,
        loaded: LoadedDataset,
    ) {
        let file_name = |name: &str| {
            std::path::Path::new(name)
                .file_name()
                .map_or_else(|| name.to_owned(), |n| n.to_string_lossy().into_owned())
        };
        let parts = vec![
            data::merge::Part {
                name: file_name(&open.0),
                dataset: open.1,
            },
            data::merge::Part {
                name: file_name(&request.name),
                dataset: loaded.dataset,
            },
        ];
        let merged = match data::merge::merge(parts) {
            Ok(merged) => merged,
            Err(conflicts) => {
                let first = conflicts
                    .first()
                    .map(ToString::to_string)
                    .unwrap_or_default();
                return self.say(format!(
                    "Nothing added: {} of {} clash with the dataset open (first: {first}). `frontline merge` names each with its line.",
                    format::plural(conflicts.len(), "record"),
                    request.name
                ));
            }
        };
        let name = merged.dataset.title.clone();
        match data::load_dataset(merged.dataset) {
            Ok(loaded) => self.open_document(Opening {
                name,
                path: None,
                loaded,
                left_out: Vec::new(),
                arrival: Arrival::Imported,
            }),
            Err(failure) => self.report_failure(&name, None, failure),
        }
    }

    /// Shows a dataset loaded elsewhere, replacing the one on screen.
    pub fn show_dataset(&mut self, name: String, path: Option<PathBuf>, loaded: LoadedDataset) {
        self.open_document(Opening {
            name,
            path,
            loaded,
            left_out: Vec::new(),
            arrival: Arrival::Opened,
        });
    }

    /// Puts a finished load on screen, or reports why it failed.
    pub(super) fn open_loaded(
        &mut self,
        request: LoadRequest,
        result: Result<LoadedDataset, LoadFailure>,
    ) {
        self.session.recent.remember(&request.path);
        let loaded = match result {
            Ok(loaded) => loaded,
            Err(failure) => return self.report_failure(&request.name, Some(request.path), failure),
        };
        if request.adding
            && let Some(open) = &self.session.document
        {
            let open = (open.name.clone(), open.loaded.dataset.clone());
            return self.add_to_open(open, &request, loaded);
        }
        let is_open = self
            .session
            .document
            .as_ref()
            .and_then(|d| d.path.as_deref())
            .is_some_and(|open| open == request.path);
        let arrival = if request.is_reload && is_open {
            Arrival::Reloaded
        } else if data::import::is_table(&request.path)
            || data::import::geojson::is_geojson(&request.path)
        {
            Arrival::Imported
        } else {
            Arrival::Opened
        };
        self.open_document(Opening {
            name: request.name,
            path: Some(request.path),
            loaded,
            left_out: Vec::new(),
            arrival,
        });
    }

    /// Replaces the dataset on screen: the one place that does. The dataset
    /// being left keeps the view it was left in; the new one opens in the view
    /// carried over (a reload), else the view it was left in, else all of it.
    fn open_document(&mut self, opening: Opening) {
        let Opening {
            name,
            path,
            loaded,
            left_out,
            arrival,
        } = opening;
        self.remember_last_view();
        self.session.playback.pause(&mut self.session.view);
        self.session.playback.head = None;
        let previous = self
            .session
            .document
            .as_ref()
            .map(|d| Arc::clone(&d.loaded));
        let loaded = Arc::new(loaded);
        let summary = format::summary(&loaded);
        let (views, last, views_problem) = self.read_views(path.as_deref());
        let (view, lost) = match (arrival, previous, &last) {
            (Arrival::Reloaded, Some(old), _) => self.session.view.carried_over(&old, &loaded),
            (_, _, Some(last)) => (ViewState::from_saved(last, &loaded), None),
            (_, previous, None) => (
                self.session
                    .view
                    .fresh_keeping_choices(previous.as_deref(), &loaded),
                None,
            ),
        };
        let mut message = match (arrival, lost) {
            (Arrival::Reloaded, Some(lost)) => format!("Reloaded; {lost}"),
            (Arrival::Reloaded, None) => format!("Reloaded {name}"),
            _ => format!("Opened {name}: {summary}"),
        };
        if let Some(problem) = views_problem {
            message = format!("{message}; {problem}");
        }
        match arrival {
            Arrival::Imported => message
                .push_str(". To keep it as a .ron file: File menu, Save as a Frontline dataset…"),
            Arrival::Salvaged(left) => message.push_str(&format!(
                "; {} not displayed (see Problems in this file)",
                format::plural(left, "invalid record")
            )),
            Arrival::Opened | Arrival::Reloaded => {}
        }
        self.session.view = view;
        self.say(message);
        self.session.views = views;
        self.session.document = Some(Document {
            summary,
            name,
            path,
            loaded,
            generation: self.session.next_generation,
            left_out,
        });
        self.session.next_generation += 1;
        self.screen.problems = None;
        self.session.failed_load = None;
        self.screen.show_file_problems = matches!(arrival, Arrival::Salvaged(_));
    }

    /// Shows the built-in dataset again, in place of whatever is open.
    pub fn open_built_in(&mut self) {
        self.background.loading.pending = None;
        let name = data::load::DEFAULT_DATASET_NAME;
        match data::load_default() {
            Ok(loaded) => self.show_dataset(name.to_owned(), None, loaded),
            Err(failure) => self.report_failure(name, None, failure),
        }
    }

    /// Opens the file that last failed to load, leaving out every record with an
    /// error; they are listed in the "Problems in this file" window.
    pub fn open_without_invalid_records(&mut self) {
        let Some(failed) = self.session.failed_load.take() else {
            return;
        };
        match salvage::without_invalid_records(&failed.failure) {
            Some(salvaged) => {
                let left = salvaged.left_out.len();
                self.open_document(Opening {
                    name: failed.name,
                    path: failed.path,
                    loaded: salvaged.loaded,
                    left_out: salvaged.left_out,
                    arrival: Arrival::Salvaged(left),
                });
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
        self.screen.problems = Some(ProblemReport {
            file: name.to_owned(),
            text: crate::data::problem::render_all_in_file(&failure.problems),
            errors,
            warnings: failure.problems.len() - errors,
            can_open_anyway,
        });
        self.session.failed_load = can_open_anyway.then(|| FailedLoad {
            name: name.to_owned(),
            path,
            failure,
        });
    }
}
