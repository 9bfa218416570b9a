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
use crate::command::Command;

/// How long the file must stay quiet after a change before it is read again.
const QUIET: Duration = Duration::from_millis(300);

/// The watch on the open file, and which file it was asked for: it is set up
/// again only when that changes, never by probing the file each frame.
#[derive(Default)]
pub struct Watching {
    /// The file a watch was last asked for (as it was opened), and whether watching was on.
    asked_for: Option<PathBuf>,
    active: Option<FileWatch>,
}

/// A watch on the open file.
struct FileWatch {
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
        let name = path.file_name()?.to_os_string();
        // The folder, not the file: it stays while an editor deletes and rewrites the file.
        let folder = match path.parent() {
            Some(folder) if !folder.as_os_str().is_empty() => folder.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let folder = std::fs::canonicalize(folder).ok()?;
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
    /// Keeps the watch on the file last opened, asking for a reload once a
    /// change settles.
    pub(super) fn poll_watching(&mut self, ctx: &Context, finished: &mut Vec<Command>) {
        let wanted = self
            .session
            .last_opened
            .clone()
            .filter(|_| self.background.watch_enabled);
        if wanted != self.background.watch.asked_for {
            self.background.watch.active = wanted
                .as_deref()
                .and_then(|path| FileWatch::start(path, ctx));
            self.background.watch.asked_for = wanted;
        }
        let settled = self
            .background
            .watch
            .active
            .as_mut()
            .is_some_and(|w| w.settled(ctx));
        if settled {
            finished.push(Command::Reload);
        }
    }

    /// Whether the open file is being watched.
    pub fn is_watching(&self) -> bool {
        self.background.watch.active.is_some()
    }
}
