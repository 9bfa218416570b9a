//! The dataset on screen, where it came from, and the files opened recently.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::data::{LoadedDataset, Problem};

/// How many recent files are remembered.
const RECENT_MAX: usize = 10;

/// The dataset on screen and where it came from.
pub struct Document {
    /// Shown to the user: the path, or the built-in dataset's name.
    pub name: String,
    /// The file, when it came from one (None for the built-in dataset).
    pub path: Option<PathBuf>,
    /// The data and its index.
    pub loaded: Arc<LoadedDataset>,
    /// Changes on every load, so that panels know when to rebuild their caches.
    pub generation: u64,
    /// "50 events, 18 series (58 points), ...", made once on load.
    pub summary: String,
    /// The errors of the records left out when the file was opened anyway.
    pub left_out: Vec<Problem>,
}

/// Recently opened files, newest first, as the File menu lists them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RecentFiles(Vec<PathBuf>);

impl RecentFiles {
    /// The list as it was stored.
    pub fn from_stored(paths: Vec<PathBuf>) -> Self {
        let mut recent = Self(paths);
        recent.0.truncate(RECENT_MAX);
        recent
    }

    /// Puts `path` first (by its canonical form, so that one file is listed once).
    pub fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.0.retain(|p| p != &path);
        self.0.insert(0, path);
        self.0.truncate(RECENT_MAX);
    }

    /// The files, newest first.
    pub fn as_slice(&self) -> &[PathBuf] {
        &self.0
    }

    /// The files, newest first.
    pub fn iter(&self) -> std::slice::Iter<'_, PathBuf> {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_opened_again_moves_to_the_top_once() {
        let mut recent = RecentFiles::default();
        for name in ["a.ron", "b.ron", "a.ron"] {
            recent.remember(Path::new(name));
        }
        let names: Vec<_> = recent.iter().filter_map(|p| p.file_name()).collect();
        assert_eq!(names, ["a.ron", "b.ron"]);
    }

    #[test]
    fn only_the_last_ten_are_kept() {
        let mut recent = RecentFiles::default();
        for n in 0..15 {
            recent.remember(Path::new(&format!("{n}.ron")));
        }
        assert_eq!(recent.iter().count(), RECENT_MAX);
        assert!(recent.iter().next().is_some_and(|p| p.ends_with("14.ron")));
    }
}
