//! The eframe application. Its state is split by job: the `Session` (the
//! dataset on screen, the shared [`ViewState`], the status message, recent
//! files and saved views), the `Background` work (loads, exports, filtering,
//! live reload, recording) and the `Screen` (the panels and the windows
//! above them). Its files: [`commands`] (what each command does: the one door
//! for a person's requests), [`reports`] (what background work reports),
//! [`showing`] (the one path a dataset takes to the screen), [`loading`]
//! (background loads, dropped files, reloads), [`dialogs`] (the system's file
//! dialogs), [`filtering`] (the events on show), [`watching`] (live reload),
//! [`views`] (saved views), [`exporting`] (CSV, Parquet and PNG), [`layout`]
//! (where each panel goes) and [`queries`] (what tests and benchmarks read).
//! Each frame, `logic` takes in reports, queued commands and key presses, then
//! `ui` draws; what a panel asks for is carried out as soon as it is drawn.

pub mod commands;
mod desktop_theme;
pub mod dialogs;
pub mod document;
pub mod exporting;
pub mod filtering;
pub mod frame_clock;
pub mod layout;
pub mod loading;
pub mod playing;
pub mod queries;
pub mod recording;
pub mod reports;
pub mod showing;
pub mod territory;
pub mod views;
pub mod watching;

use std::collections::BTreeMap;
use std::path::PathBuf;

use egui::{Rangef, Ui};

use crate::command::{self, Command};
use crate::data::views::ViewsFile;
use crate::ui::area_plot::AreaPlotPanel;
use crate::ui::event_list::EventListPanel;
use crate::ui::filter_bar::FilterBar;
use crate::ui::problems::ProblemReport;
use crate::ui::text_prompt::{PromptWords, TextPrompt};
use crate::ui::timeline::TimelinePanel;
use crate::view::ViewState;
use document::{Document, RecentFiles};
use loading::Loading;

/// The storage key for the recent files.
const RECENT_KEY: &str = "frontline.recent";
/// The storage key for the views kept in the app's storage.
const STORED_VIEWS_KEY: &str = "frontline.views";
/// The storage key for the theme.
const THEME_KEY: &str = "frontline.theme";

/// The panels that keep state of their own between frames.
#[derive(Default)]
struct Panels {
    filter_bar: FilterBar,
    timeline: TimelinePanel,
    plot: AreaPlotPanel,
    deaths: crate::ui::deaths_chart::DeathsChart,
    event_list: EventListPanel,
    map: crate::ui::map::MapPanel,
}

/// The session: the dataset on screen, the view every panel shares, what the
/// status bar says, and what the reader opened and saved. Changed only by
/// commands and finished background work.
struct Session {
    /// The dataset on screen.
    document: Option<Document>,
    /// The view state every panel shares: changed only by commands.
    view: ViewState,
    /// The latest message for the status bar.
    message: String,
    /// Recently opened files, newest first.
    recent: RecentFiles,
    /// The file the user last asked to open, loaded or not: what Reload reads again,
    /// so that an author can fix a file and press F5 until it loads.
    last_opened: Option<PathBuf>,
    /// The last load that failed, kept while its Problems window offers to open
    /// the file without its invalid records.
    failed_load: Option<showing::FailedLoad>,
    /// The generation the next load is given.
    next_generation: u64,
    /// The saved views of the dataset on screen.
    views: views::Views,
    /// Views kept in the app's own storage, by dataset path ("" for the built-in
    /// dataset): those of the built-in dataset, and of datasets in folders that
    /// cannot be written.
    stored_views: BTreeMap<String, ViewsFile>,
    /// The playhead and how it moves.
    playback: crate::playback::Playback,
}

/// Work the app runs beside the frames: loads, exports, filtering, live
/// reload, the maps' changes over a span and recorded playback.
struct Background {
    loading: Loading,
    exporting: exporting::Exporting,
    filtering: filtering::Filtering,
    /// Whether the open file is reloaded when it changes.
    watch_enabled: bool,
    watch: watching::Watching,
    /// What the control maps say changed over the span.
    map_changes: territory::MapChanges,
    /// Where maps of one actor disagree.
    disagreements: territory::Disagreements,
    /// Playback being written out as PNG frames.
    recording: Option<recording::Recording>,
    /// Frames to write once the file being loaded is on screen (the command line).
    frames_after_load: Option<(recording::FramesRequest, recording::RecordingOutcome)>,
}

/// What is on screen besides the session: the panels, the windows above
/// them, and what the last frame laid out.
struct Screen {
    panels: Panels,
    /// The problems of the last file that failed to load, until dismissed.
    problems: Option<ProblemReport>,
    /// Whether the shortcuts window is open.
    show_help: bool,
    /// Whether the window listing the open file's problems is open.
    show_file_problems: bool,
    /// The window asking for a path to open or a view's name.
    prompt: TextPrompt<Prompted>,
    /// Screen x range of the plot's time axis, last frame: the timeline lines up with it.
    time_axis_x: Option<Rangef>,
    /// The centre column's rectangle in the last frame.
    centre_rect: Option<egui::Rect>,
    /// The load whose name the window title shows.
    titled_generation: u64,
    /// How long the window's frames take.
    frame_clock: frame_clock::FrameClock,
    /// Dark, light, or as the system is set: kept in the app's storage.
    theme: egui::ThemePreference,
}

/// The application: the session, the work in the background and the screen,
/// each changed by the files of its job; none is written from outside the app.
pub struct FrontlineApp {
    session: Session,
    background: Background,
    screen: Screen,
    /// Commands sent from outside a frame (tests, benchmarks, the command
    /// line), carried out at the start of the next one.
    queued: Vec<Command>,
}

/// What the text prompt was opened for.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Prompted {
    /// A path to open, where no file dialog can be shown.
    OpenPath,
    /// A name to save the view on screen under.
    SaveView,
    /// A new name for the view of this name.
    RenameView(String),
}

impl Prompted {
    /// What the prompt says when asking for this.
    fn words(&self) -> PromptWords {
        match self {
            Self::OpenPath => PromptWords {
                title: "Open path",
                label: "Path of a dataset file (.ron):",
                button: "Open",
                width: 420.0,
            },
            Self::SaveView => PromptWords {
                title: "Save view",
                label: "Name:",
                button: "OK",
                width: 280.0,
            },
            Self::RenameView(_) => PromptWords {
                title: "Rename view",
                label: "Name:",
                button: "OK",
                width: 280.0,
            },
        }
    }
}

impl FrontlineApp {
    /// Says `text` in the status bar: the one writer of the message.
    fn say(&mut self, text: impl Into<String>) {
        self.session.message = text.into();
    }

    /// Opens the text prompt for `purpose`, with `text` in its field.
    fn ask(&mut self, purpose: Prompted, text: &str) {
        self.screen.prompt.open(purpose.words(), text, purpose);
    }

    /// An app with nothing open.
    pub fn empty() -> Self {
        Self {
            session: Session {
                document: None,
                view: ViewState::default(),
                message: String::new(),
                recent: RecentFiles::default(),
                last_opened: None,
                failed_load: None,
                next_generation: 1,
                views: views::Views::default(),
                stored_views: BTreeMap::new(),
                playback: crate::playback::Playback::default(),
            },
            background: Background {
                loading: Loading::default(),
                exporting: exporting::Exporting::default(),
                filtering: filtering::Filtering::default(),
                watch_enabled: true,
                watch: watching::Watching::default(),
                map_changes: territory::MapChanges::default(),
                disagreements: territory::Disagreements::default(),
                recording: None,
                frames_after_load: None,
            },
            screen: Screen {
                panels: Panels::default(),
                problems: None,
                show_help: false,
                show_file_problems: false,
                prompt: TextPrompt::default(),
                time_axis_x: None,
                centre_rect: None,
                titled_generation: 0,
                frame_clock: frame_clock::FrameClock::default(),
                theme: egui::ThemePreference::System,
            },
            queued: Vec::new(),
        }
    }

    /// An app showing the built-in dataset.
    pub fn with_default_dataset() -> Self {
        let mut app = Self::empty();
        app.open_built_in();
        app
    }

    /// The app as eframe starts it: recent files and views restored from
    /// storage, the built-in dataset (in the view it was left in), then `file`
    /// if one was given.
    pub fn new(cc: &eframe::CreationContext<'_>, file: Option<PathBuf>) -> Self {
        let mut app = Self::empty();
        if let Some(storage) = cc.storage {
            if let Some(recent) = eframe::get_value::<Vec<PathBuf>>(storage, RECENT_KEY) {
                app.session.recent = RecentFiles::from_stored(recent);
            }
            if let Some(views) =
                eframe::get_value::<BTreeMap<String, ViewsFile>>(storage, STORED_VIEWS_KEY)
            {
                app.session.stored_views = views;
            }
            if let Some(theme) = eframe::get_value::<egui::ThemePreference>(storage, THEME_KEY) {
                app.screen.theme = theme;
                cc.egui_ctx.set_theme(theme);
            }
        }
        desktop_theme::follow_desktop(&cc.egui_ctx);
        app.open_built_in();
        if let Some(file) = file {
            app.open_file(&file, &cc.egui_ctx);
        }
        app
    }

    /// Takes in what background work reports, then the commands sent from
    /// outside, dropped files and key presses, each carried out by
    /// [`FrontlineApp::run_command`]. Draws nothing.
    pub fn logic(&mut self, ctx: &egui::Context) {
        let mut commands = std::mem::take(&mut self.queued);
        let mut reports = Vec::new();
        self.poll_loading(ctx, &mut reports, &mut commands);
        self.poll_exporting(ctx, &mut reports);
        self.poll_watching(ctx, &mut commands);
        self.take_reports(reports, ctx);
        commands.extend(command::read_keys(ctx));
        self.run_commands(&mut commands, ctx);
        self.advance_playback(ctx);
        self.start_frames_after_load();
        self.advance_recording(ctx);
        self.update_filtering(ctx);
        self.update_map_changes(ctx);
        self.update_disagreements(ctx);
        self.update_window_title(ctx);
    }

    /// The view state every panel shares.
    pub fn view(&self) -> &ViewState {
        &self.session.view
    }

    /// Sends a command to be carried out at the start of the next frame, as
    /// a key or a click would be: how tests, benchmarks and the command line
    /// drive the app.
    pub fn queue(&mut self, command: impl Into<Command>) {
        self.queued.push(command.into());
    }

    /// One whole frame, logic then drawing, for running the app without eframe
    /// (benchmarks, headless runs).
    pub fn draw(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.logic(&ctx);
        self.layout(ui);
    }
}

impl eframe::App for FrontlineApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.screen.frame_clock.start();
        FrontlineApp::logic(self, ctx);
    }

    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.layout(ui);
        let (view, events) = (
            self.session.view.window(),
            self.session
                .document
                .as_ref()
                .map_or(0, |d| d.loaded.dataset.events.len()),
        );
        self.screen.frame_clock.finish(|| {
            format!(
                "{events} events, window {:.0} days from day {:.0}",
                view.end - view.start,
                view.start
            )
        });
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.remember_last_view();
        eframe::set_value(storage, RECENT_KEY, &self.session.recent.as_slice());
        eframe::set_value(storage, STORED_VIEWS_KEY, &self.session.stored_views);
        eframe::set_value(storage, THEME_KEY, &self.screen.theme);
    }
}
