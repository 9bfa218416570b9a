//! Live reload: the open file is watched, and a change reloads it in the
//! background, keeping the view. Editors save in several steps (truncate, write,
//! rename), so changes are gathered until the file has been quiet for a moment.
//! The folder is watched rather than the file, so that a file deleted and
//! written again, as many editors save, is still followed.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use egui::Context;
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use super::FrontlineApp;

/// How long the file must stay quiet after a change before it is read again.
const QUIET: Duration = Duration::from_millis(300);

/// A watch on the open file.
pub struct FileWatch {
    /// The file, as it was opened.
    path: PathBuf,
    /// Kept alive for as long as the file is watched.
    _watcher: RecommendedWatcher,
    changes: Receiver<()>,
    /// When the file last changed, while a reload waits for it to settle.
    changed_at: Option<Instant>,
}

impl FileWatch {
    /// Starts watching `path` (through its folder); `None` where the system
    /// cannot watch it.
    fn start(path: &Path, ctx: &Context) -> Option<Self> {
        let path = std::fs::canonicalize(path).ok()?;
        let folder = path.parent()?.to_path_buf();
        let name = path.file_name()?.to_os_string();
        let (sender, changes) = channel();
        let wake = ctx.clone();
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                let ours = event.is_ok_and(|event| {
                    !event.kind.is_access()
                        && event
                            .paths
                            .iter()
                            .any(|p| p.file_name() == Some(name.as_os_str()))
                });
                if ours && sender.send(()).is_ok() {
                    wake.request_repaint();
                }
            })
            .ok()?;
        watcher.watch(&folder, RecursiveMode::NonRecursive).ok()?;
        Some(Self {
            path,
            _watcher: watcher,
            changes,
            changed_at: None,
        })
    }

    /// Whether the file has changed and then stayed quiet: time to read it again.
    fn settled(&mut self, ctx: &Context) -> bool {
        if self.changes.try_iter().count() > 0 {
            self.changed_at = Some(Instant::now());
        }
        match self.changed_at {
            Some(at) if at.elapsed() >= QUIET => {
                self.changed_at = None;
                true
            }
            Some(at) => {
                ctx.request_repaint_after(QUIET.saturating_sub(at.elapsed()));
                false
            }
            None => false,
        }
    }
}

impl FrontlineApp {
    /// Keeps the watch on the file last opened, reloading it once a change settles.
    pub(super) fn update_watching(&mut self, ctx: &Context) {
        let wanted = self
            .last_opened
            .as_deref()
            .filter(|_| self.watch_enabled)
            .and_then(|p| std::fs::canonicalize(p).ok());
        let watching = self.watch.as_ref().map(|w| w.path.clone());
        if wanted != watching {
            self.watch = wanted.and_then(|path| FileWatch::start(&path, ctx));
        }
        let settled = self.watch.as_mut().is_some_and(|w| w.settled(ctx));
        if settled && let Some(path) = self.last_opened.clone() {
            self.reload(&path, ctx);
        }
    }

    /// Whether the open file is being watched.
    pub fn is_watching(&self) -> bool {
        self.watch.is_some()
    }
}
