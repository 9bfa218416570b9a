//! The eframe application: owns the open dataset, the shared view state and the
//! background loader, and lays the panels out. Panels never call each other.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use egui::{Rangef, Ui};

use crate::data::{self, LoadFailure, LoadedDataset};
use crate::ui::area_plot::AreaPlotPanel;
use crate::ui::event_list::EventListPanel;
use crate::ui::problems::ProblemReport;
use crate::ui::shortcuts::Command;
use crate::ui::timeline::TimelinePanel;
use crate::ui::{detail, menu_bar, problems, shortcuts, status_bar};
use crate::view::ViewState;

/// The storage key for the recent files.
const RECENT_KEY: &str = "frontline.recent";
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
}

/// A load running on another thread.
pub struct PendingLoad {
    /// The file's name.
    pub name: String,
    /// The file being read.
    pub path: PathBuf,
    /// Bytes of the file read and parsed so far.
    pub bytes_done: Arc<AtomicU64>,
    /// The file's size.
    pub total_bytes: u64,
    /// Set to stop reading; a parse already under way finishes and is thrown away.
    pub cancel: Arc<AtomicBool>,
    receiver: Receiver<Result<LoadedDataset, LoadFailure>>,
}

/// The application.
pub struct FrontlineApp {
    /// The dataset on screen.
    pub document: Option<Document>,
    /// The view state every panel shares.
    pub view: ViewState,
    /// A load in progress.
    pub pending: Option<PendingLoad>,
    /// The problems of the last file that failed to load, until dismissed.
    pub problems: Option<ProblemReport>,
    /// The latest message for the status bar.
    pub message: String,
    /// Recently opened files, newest first.
    pub recent: Vec<PathBuf>,
    /// Whether the shortcuts window is open.
    pub show_help: bool,
    /// The file the user last asked to open, loaded or not: what Reload reads again,
    /// so that an author can fix a file and press F5 until it loads.
    pub last_opened: Option<PathBuf>,
    /// The text of the "Open path" field, when it is shown.
    pub path_prompt: Option<String>,
    file_dialog: Option<Receiver<Option<PathBuf>>>,
    timeline: TimelinePanel,
    plot: AreaPlotPanel,
    event_list: EventListPanel,
    /// Screen x range of the plot's time axis, last frame: the timeline lines up with it.
    time_axis_x: Option<Rangef>,
    next_generation: u64,
}

impl FrontlineApp {
    /// An app with nothing open.
    pub fn empty() -> Self {
        Self {
            document: None,
            view: ViewState::default(),
            pending: None,
            problems: None,
            message: String::new(),
            recent: Vec::new(),
            show_help: false,
            last_opened: None,
            path_prompt: None,
            file_dialog: None,
            timeline: TimelinePanel::default(),
            event_list: EventListPanel::default(),
            plot: AreaPlotPanel::default(),
            time_axis_x: None,
            next_generation: 1,
        }
    }

    /// An app showing the built-in dataset.
    pub fn with_default_dataset() -> Self {
        let mut app = Self::empty();
        match data::load_default() {
            Ok(loaded) => {
                app.show_dataset(data::load::DEFAULT_DATASET_NAME.to_owned(), None, loaded)
            }
            Err(failure) => app.report_failure(data::load::DEFAULT_DATASET_NAME, &failure),
        }
        app
    }

    /// The app as eframe starts it: the built-in dataset, then `file` if one was given;
    /// recent files restored from storage.
    pub fn new(cc: &eframe::CreationContext<'_>, file: Option<PathBuf>) -> Self {
        let mut app = Self::with_default_dataset();
        if let Some(storage) = cc.storage
            && let Some(recent) = eframe::get_value::<Vec<PathBuf>>(storage, RECENT_KEY)
        {
            app.recent = recent;
        }
        if let Some(file) = file {
            app.open_file(&file, &cc.egui_ctx);
        }
        app
    }

    /// The time range the plot showed in the last frame (for checking that panels agree).
    pub fn plot_time_range(&self) -> Option<(f64, f64)> {
        self.plot.shown_time_range()
    }

    /// The event list's search: whether one is running, and the last result's size.
    pub fn search_state(&self) -> (bool, Option<usize>) {
        (
            self.event_list.is_searching(),
            self.event_list.match_count(),
        )
    }

    /// The screen x range of the shared time axis, as the plot laid it out.
    pub fn time_axis_x(&self) -> Option<Rangef> {
        self.time_axis_x
    }

    /// The loaded dataset, if any.
    pub fn loaded(&self) -> Option<&LoadedDataset> {
        self.document.as_ref().map(|d| d.loaded.as_ref())
    }

    /// Shows a dataset loaded elsewhere, replacing the one on screen.
    pub fn show_dataset(&mut self, name: String, path: Option<PathBuf>, loaded: LoadedDataset) {
        self.view = ViewState::for_index(&loaded.index);
        let summary = crate::cli::summary(&loaded);
        self.message = format!("Opened {name}: {summary}");
        self.document = Some(Document {
            summary,
            name,
            path,
            loaded: Arc::new(loaded),
            generation: self.next_generation,
        });
        self.next_generation += 1;
        self.problems = None;
    }

    fn report_failure(&mut self, name: &str, failure: &LoadFailure) {
        let errors = failure.errors().count();
        self.message = format!("{name} was not opened: {errors} errors (see Problems)");
        self.problems = Some(ProblemReport {
            file: name.to_owned(),
            text: failure.render(name),
            errors,
            warnings: failure.problems.len() - errors,
        });
    }

    /// Starts loading `path` on another thread; the current dataset stays until it succeeds.
    pub fn open_file(&mut self, path: &Path, ctx: &egui::Context) {
        if let Some(previous) = self.pending.take() {
            previous.cancel.store(true, Ordering::Relaxed);
        }
        self.last_opened = Some(path.to_path_buf());
        let name = path.display().to_string();
        let total_bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        let bytes_done = Arc::new(AtomicU64::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let (sender, receiver) = channel();
        let worker_path = path.to_path_buf();
        let worker_done = Arc::clone(&bytes_done);
        let worker_cancel = Arc::clone(&cancel);
        let worker_ctx = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("frontline-load".to_owned())
            .spawn(move || {
                let result = data::stream_load::load_path_streaming(&worker_path, &|at| {
                    worker_done.store(at, Ordering::Relaxed);
                    !worker_cancel.load(Ordering::Relaxed)
                });
                if !worker_cancel.load(Ordering::Relaxed) {
                    let _ = sender.send(result);
                    worker_ctx.request_repaint();
                }
            });
        match spawned {
            Ok(_) => {
                self.pending = Some(PendingLoad {
                    name,
                    path: path.to_path_buf(),
                    bytes_done,
                    total_bytes,
                    cancel,
                    receiver,
                });
            }
            Err(err) => self.message = format!("Could not start loading {name}: {err}"),
        }
    }

    /// Waits for the load in progress to finish and applies it (for tests and the command line).
    pub fn finish_pending_load(&mut self) {
        if let Some(pending) = self.pending.take()
            && let Ok(result) = pending.receiver.recv()
        {
            self.apply_load(pending, result);
        }
    }

    fn poll_pending_load(&mut self, ctx: &egui::Context) {
        let Some(pending) = &self.pending else { return };
        match pending.receiver.try_recv() {
            Ok(result) => {
                if let Some(pending) = self.pending.take() {
                    self.apply_load(pending, result);
                }
            }
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(50))
            }
            Err(TryRecvError::Disconnected) => {
                self.pending = None;
            }
        }
    }

    fn apply_load(&mut self, pending: PendingLoad, result: Result<LoadedDataset, LoadFailure>) {
        self.remember_recent(&pending.path);
        match result {
            Ok(loaded) => self.show_dataset(pending.name, Some(pending.path), loaded),
            Err(failure) => self.report_failure(&pending.name, &failure),
        }
    }

    fn remember_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_MAX);
    }

    fn cancel_load(&mut self) {
        if let Some(pending) = self.pending.take() {
            pending.cancel.store(true, Ordering::Relaxed);
            self.message = format!("Cancelled loading {}", pending.name);
        }
    }

    fn start_file_dialog(&mut self) {
        if self.file_dialog.is_some() {
            return;
        }
        let (sender, receiver) = channel();
        let spawned = std::thread::Builder::new()
            .name("frontline-file-dialog".to_owned())
            .spawn(move || {
                let picked = rfd::FileDialog::new()
                    .set_title("Open a Frontline dataset")
                    .add_filter("Frontline dataset (RON)", &["ron"])
                    .pick_file();
                let _ = sender.send(picked);
            });
        match spawned {
            Ok(_) => self.file_dialog = Some(receiver),
            Err(_) => self.path_prompt = Some(String::new()),
        }
    }

    fn poll_file_dialog(&mut self, ctx: &egui::Context) {
        let Some(receiver) = &self.file_dialog else {
            return;
        };
        match receiver.try_recv() {
            Ok(Some(path)) => {
                self.file_dialog = None;
                self.open_file(&path, ctx);
            }
            Ok(None) => {
                self.file_dialog = None;
                self.message =
                    "No file chosen. You can also type or paste a path: File → Open path…"
                        .to_owned();
            }
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(100))
            }
            Err(TryRecvError::Disconnected) => {
                self.file_dialog = None;
                self.path_prompt = Some(String::new());
            }
        }
    }

    /// Carries out a command from a key or a menu.
    pub fn run_command(&mut self, command: Command, ctx: &egui::Context) {
        let index = self.document.as_ref().map(|d| Arc::clone(&d.loaded));
        match command {
            Command::OpenDialog => self.start_file_dialog(),
            Command::OpenPathPrompt => self.path_prompt = Some(String::new()),
            Command::OpenFile(path) => self.open_file(&path, ctx),
            Command::Reload => {
                if let Some(path) = self.last_opened.clone() {
                    self.open_file(&path, ctx);
                }
            }
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::PreviousEvent | Command::NextEvent => {
                if let Some(loaded) = index {
                    self.view
                        .step_selection(&loaded.index, command == Command::NextEvent);
                }
            }
            Command::Zoom(factor) => {
                // Zoom around the selected event when it is in view, else the middle.
                let middle = (self.view.window.start + self.view.window.end) / 2.0;
                let anchor = index
                    .as_ref()
                    .zip(self.view.selected_event())
                    .and_then(|(loaded, event)| loaded.index.spans.get(event))
                    .map(|span| span.start)
                    .filter(|&start| self.view.window.contains(start))
                    .unwrap_or(middle);
                self.view.window.zoom_at(anchor, factor);
            }
            Command::Pan(fraction) => {
                let days = self.view.window.width() * fraction;
                self.view.window.pan(days);
            }
            Command::FitAll => {
                if let Some(loaded) = index {
                    self.view.fit_all(&loaded.index);
                }
            }
            Command::ClearSelection => self.view.selection = None,
            Command::ToggleHelp => self.show_help = !self.show_help,
        }
    }

    fn take_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        for file in dropped {
            self.open_file(file.path(), ctx);
        }
    }

    fn path_prompt_window(&mut self, ctx: &egui::Context) {
        let Some(text) = self.path_prompt.as_mut() else {
            return;
        };
        let mut open = true;
        let mut chosen = None;
        egui::Window::new("Open path")
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                let label = ui.label("Path of a dataset file (.ron):");
                let response = ui
                    .add(egui::TextEdit::singleline(text).desired_width(420.0))
                    .labelled_by(label.id);
                let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if (ui.button("Open").clicked() || enter) && !text.trim().is_empty() {
                    chosen = Some(PathBuf::from(text.trim()));
                }
            });
        if let Some(path) = chosen {
            self.path_prompt = None;
            self.open_file(&path, ctx);
        } else if !open {
            self.path_prompt = None;
        }
    }

    /// Lays out the whole window for one frame.
    pub fn draw(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.poll_pending_load(&ctx);
        self.poll_file_dialog(&ctx);
        self.take_dropped_files(&ctx);
        for command in shortcuts::read(&ctx) {
            self.run_command(command, &ctx);
        }

        let loaded = self.document.as_ref().map(|d| Arc::clone(&d.loaded));
        let generation = self.document.as_ref().map_or(0, |d| d.generation);
        let title = loaded.as_ref().map(|l| l.dataset.title.clone());
        let can_reload = self.last_opened.is_some();
        let summary = self
            .document
            .as_ref()
            .map(|d| d.summary.clone())
            .unwrap_or_default();

        let commands = egui::Panel::top("menu-bar")
            .show(ui, |ui| {
                menu_bar::show(
                    ui,
                    title.as_deref(),
                    self.view.window,
                    &self.recent,
                    can_reload,
                )
            })
            .inner;
        for command in commands {
            self.run_command(command, &ctx);
        }

        let progress = self.pending.as_ref().map(|p| {
            (
                p.path
                    .file_name()
                    .map_or_else(|| p.name.clone(), |n| n.to_string_lossy().into_owned()),
                p.bytes_done.load(Ordering::Relaxed),
                p.total_bytes,
            )
        });
        let cancel = egui::Panel::bottom("status-bar")
            .show(ui, |ui| {
                let status = status_bar::LoadStatus {
                    progress: progress.as_ref().map(|(name, done, total)| {
                        status_bar::LoadProgress {
                            name: name.as_str(),
                            done: *done,
                            total: *total,
                        }
                    }),
                    message: &self.message,
                };
                status_bar::show(ui, loaded.as_deref(), &self.view, &status)
            })
            .inner;
        if cancel {
            self.cancel_load();
        }

        let Some(loaded) = loaded else {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.centered_and_justified(|ui| {
                    ui.label("No dataset open. File → Open…, or drop a .ron file here.")
                });
            });
            self.dialogs(&ctx);
            return;
        };

        egui::Panel::right("detail-panel")
            .resizable(true)
            .default_size(360.0)
            .size_range(220.0..=800.0)
            .show(ui, |ui| detail::show(ui, &loaded, &summary, &self.view));
        egui::Panel::left("event-list")
            .resizable(true)
            .default_size(300.0)
            .size_range(160.0..=700.0)
            .show(ui, |ui| {
                self.event_list
                    .show(ui, &loaded, generation, &mut self.view)
            });
        egui::CentralPanel::default().show(ui, |ui| {
            let full = ui.available_rect_before_wrap();
            let x_range = self.time_axis_x.unwrap_or(Rangef::new(
                full.left() + crate::ui::area_plot::VALUE_AXIS_WIDTH + 8.0,
                full.right() - 2.0,
            ));
            egui::Panel::top("timeline")
                .resizable(true)
                .default_size(full.height() * 0.45)
                .size_range(120.0..=full.height() - 120.0)
                .frame(egui::Frame::NONE)
                .show(ui, |ui| {
                    self.timeline.show(ui, &loaded, &mut self.view, x_range)
                });
            let plotted = self.plot.show(ui, &loaded, generation, &mut self.view);
            if plotted.is_some() && plotted != self.time_axis_x {
                self.time_axis_x = plotted;
                ctx.request_repaint();
            }
        });
        self.dialogs(&ctx);
        if self.view.end_frame() {
            ctx.request_repaint();
        }
    }

    fn dialogs(&mut self, ctx: &egui::Context) {
        let keeping = self.document.as_ref().map(|d| d.name.clone());
        problems::show(ctx, &mut self.problems, keeping.as_deref());
        shortcuts::show_help(ctx, &mut self.show_help);
        self.path_prompt_window(ctx);
    }
}

impl eframe::App for FrontlineApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.draw(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, RECENT_KEY, &self.recent);
    }
}
