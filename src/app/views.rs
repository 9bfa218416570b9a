//! Saved views of the open dataset. Views saved by name are kept in
//! `NAME.views.ron` beside a dataset file (written only once the user saves a
//! view), in the app's own storage for the built-in dataset. The view a dataset
//! was left in is the app's own business: it is kept in the app's storage, never
//! beside the data, and restored when the dataset is opened again. A views file
//! that cannot be read is reported, left untouched, and never keeps the dataset
//! from opening.

use std::path::PathBuf;

use super::FrontlineApp;
use crate::data::views::{self, SavedView, ViewsFile};
use crate::view::ViewState;

/// The views of the dataset on screen.
#[derive(Default)]
pub struct Views {
    /// The views.
    pub file: ViewsFile,
    /// Where they are kept: `None` for the built-in dataset (the app's storage).
    path: Option<PathBuf>,
    /// False when the views file could not be read: it is then never written over.
    writable: bool,
}

/// The key of a dataset's views in the app's storage: its path, "" when built in.
fn storage_key(dataset: Option<&std::path::Path>) -> String {
    dataset.map_or_else(String::new, |p| {
        std::fs::canonicalize(p)
            .unwrap_or_else(|_| p.to_path_buf())
            .display()
            .to_string()
    })
}

/// The name the view a dataset was left in is kept under.
const LAST: &str = "last";

impl FrontlineApp {
    /// The views of the dataset on screen.
    pub fn views(&self) -> &ViewsFile {
        &self.session.views.file
    }

    /// The views of the dataset at `dataset` (None: the built-in one), the view
    /// it was left in, and what went wrong reading them, to be said. Changes
    /// nothing: the dataset being opened takes them in.
    pub(super) fn read_views(
        &self,
        dataset: Option<&std::path::Path>,
    ) -> (Views, Option<SavedView>, Option<String>) {
        let stored = self
            .session
            .stored_views
            .get(&storage_key(dataset))
            .cloned();
        let mut problem = None;
        let (mut file, path, writable) = match dataset {
            Some(dataset) => {
                let path = views::views_path(dataset);
                match views::read_views(&path) {
                    // Views kept in storage when the folder could not be written.
                    Ok(file) if file == ViewsFile::default() && !path.exists() => {
                        (stored.clone().unwrap_or_default(), Some(path), true)
                    }
                    Ok(file) => (file, Some(path), true),
                    Err(why) => {
                        problem = Some(format!(
                            "the saved views in {} cannot be read ({why}); the file was left as it is",
                            path.display()
                        ));
                        (ViewsFile::default(), Some(path), false)
                    }
                }
            }
            None => (stored.clone().unwrap_or_default(), None, true),
        };
        // The last view is the app's own; a views file of an earlier Frontline may hold one.
        if let Some(last) = stored.and_then(|s| s.last) {
            file.last = Some(last);
        }
        let last = file.last.clone();
        let views = Views {
            file,
            path,
            writable,
        };
        (views, last, problem)
    }

    /// The view on screen as a saved view named `name`.
    fn current_view(&self, name: &str) -> Option<SavedView> {
        Some(self.session.view.to_saved(name, self.loaded()?))
    }

    /// Keeps the view on screen as the one the dataset was left in, in the app's
    /// own storage.
    pub(super) fn remember_last_view(&mut self) {
        if let Some(last) = self.current_view(LAST) {
            let key = storage_key(
                self.session
                    .document
                    .as_ref()
                    .and_then(|d| d.path.as_deref()),
            );
            self.session.stored_views.entry(key).or_default().last = Some(last.clone());
            self.session.views.file.last = Some(last);
        }
    }

    /// Saves the view on screen under `name`.
    pub fn save_view(&mut self, name: &str) {
        if let Some(view) = self.current_view(name) {
            self.session.views.file.save(view);
            self.write_views();
            if self.session.views.writable {
                self.say(format!("Saved the view \u{201c}{name}\u{201d}"));
            }
        }
    }

    /// Restores the view saved under `name`.
    pub fn restore_view(&mut self, name: &str) {
        let Some(saved) = self
            .session
            .views
            .file
            .views
            .iter()
            .find(|v| v.name == name)
            .cloned()
        else {
            return;
        };
        if let Some(loaded) = self
            .session
            .document
            .as_ref()
            .map(|d| std::sync::Arc::clone(&d.loaded))
        {
            self.session.view = ViewState::from_saved(&saved, &loaded);
            self.say(format!("Restored the view \u{201c}{name}\u{201d}"));
        }
    }

    /// Renames a saved view.
    pub fn rename_view(&mut self, from: &str, to: &str) {
        if self.session.views.file.rename(from, to) {
            self.write_views();
        } else {
            self.say(format!("A view is already called \u{201c}{to}\u{201d}"));
        }
    }

    /// Deletes a saved view.
    pub fn delete_view(&mut self, name: &str) {
        self.session.views.file.delete(name);
        self.write_views();
    }

    /// Writes the named views beside the dataset (once there are any, or the
    /// file exists), or into the app's storage for the built-in dataset and for
    /// a folder that cannot be written.
    fn write_views(&mut self) {
        if !self.session.views.writable {
            return;
        }
        let dataset = self.session.document.as_ref().and_then(|d| d.path.clone());
        let key = storage_key(dataset.as_deref());
        if let (Some(path), Some(dataset)) = (&self.session.views.path, &dataset) {
            let beside = ViewsFile {
                last: None,
                views: self.session.views.file.views.clone(),
            };
            if beside.views.is_empty() && !path.exists() {
                return;
            }
            match views::write_views(path, dataset, &beside) {
                Ok(()) => {
                    self.session.stored_views.insert(
                        key,
                        ViewsFile {
                            last: self.session.views.file.last.clone(),
                            views: Vec::new(),
                        },
                    );
                    return;
                }
                Err(why) => {
                    // A folder that cannot be written: the app keeps them itself.
                    self.say(format!(
                        "The views could not be written beside the dataset ({why}); Frontline keeps them itself"
                    ));
                }
            }
        }
        self.session
            .stored_views
            .insert(key, self.session.views.file.clone());
    }
}
