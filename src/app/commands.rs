//! Carrying out a command, whether it came from a key, a menu or a panel: the
//! one place the app changes on a person's request. View changes end in
//! [`crate::view::ViewState::apply`], through `FrontlineApp::change_view`.

use std::sync::Arc;

use egui::Context;

use super::{FrontlineApp, Prompted};
use crate::command::{AppWindow, Command, ExportKind, PAN_STEP, ZOOM_STEP};
use crate::ui::map::MapRequest;
use crate::view::ViewChange;

impl FrontlineApp {
    /// Carries out, in order, the commands the panels and windows asked for.
    pub(super) fn run_commands(&mut self, commands: &mut Vec<Command>, ctx: &Context) {
        for command in commands.drain(..) {
            self.run_command(command, ctx);
        }
    }

    /// Carries out a command from a key, a menu, a panel or a window: the one
    /// way they change the app.
    pub fn run_command(&mut self, command: Command, ctx: &Context) {
        match command {
            Command::OpenDialog => self.start_file_dialog(ctx),
            Command::OpenPathPrompt => self.ask(Prompted::OpenPath, ""),
            Command::OpenBuiltIn => self.open_built_in(),
            Command::OpenFile(path) => self.open_file(&path, ctx),
            Command::AddDialog => self.start_add_dialog(ctx),
            Command::AddFile(path) => self.add_file(&path, ctx),
            Command::Reload => {
                if let Some(path) = self.session.last_opened.clone() {
                    self.reload(&path, ctx);
                }
            }
            Command::SaveView => {
                let name = format!("View {}", self.views().views.len() + 1);
                self.ask(Prompted::SaveView, &name);
            }
            Command::RestoreView(name) => self.restore_view(&name),
            Command::RenameView(name) => {
                self.ask(Prompted::RenameView(name.clone()), &name);
            }
            Command::DeleteView(name) => self.delete_view(&name),
            Command::SaveDataset => self.start_export(ExportKind::Dataset, ctx),
            Command::ExportEvents => self.start_export(ExportKind::Events, ctx),
            Command::ExportFigures => self.start_export(ExportKind::Figures, ctx),
            Command::ExportEventsParquet => self.start_export(ExportKind::EventsParquet, ctx),
            Command::ExportFiguresParquet => self.start_export(ExportKind::FiguresParquet, ctx),
            Command::ExportView => self.start_export(ExportKind::View, ctx),
            Command::ExportPlaybackFrames => self.start_frames_dialog(ctx),
            Command::ToggleWatch => {
                self.background.watch_enabled = !self.background.watch_enabled;
                self.say(if self.background.watch_enabled {
                    "The open file is reloaded when it changes".to_owned()
                } else {
                    "The open file is no longer watched: F5 reloads it".to_owned()
                });
            }
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::PreviousEvent | Command::NextEvent => {
                let forward = command == Command::NextEvent;
                let next = self
                    .shown_events()
                    .and_then(|shown| self.session.view.step_from_selection(&shown, forward));
                if let Some(event) = next {
                    self.change_view(ViewChange::SelectAndReveal(event));
                }
            }
            Command::FocusSearch => self.screen.panels.event_list.focus_search(),
            Command::CancelLoad => self.cancel_load(),
            Command::ShowFileProblems => self.screen.show_file_problems = true,
            Command::OpenWithoutInvalidRecords => {
                self.screen.problems = None;
                self.open_without_invalid_records();
            }
            Command::ClearFilters => {
                let cleared = self.session.view.filter().active_kinds();
                self.change_view(ViewChange::SetFilter(Box::default()));
                self.say(format!(
                    "Cleared {}",
                    crate::format::plural(cleared, "filter")
                ));
            }
            Command::SaveViewAs(name) => self.save_view(&name),
            Command::RenameViewTo { from, to } => self.rename_view(&from, &to),
            Command::SpanStart | Command::SpanEnd => {
                let start = command == Command::SpanStart;
                self.change_view(ViewChange::SpanEdgeHere { start });
            }
            Command::ZoomIn | Command::ZoomOut => {
                let factor = if command == Command::ZoomIn {
                    ZOOM_STEP
                } else {
                    1.0 / ZOOM_STEP
                };
                self.change_view(ViewChange::ZoomAroundSelection(factor));
            }
            Command::PanPast | Command::PanFuture => {
                let direction = if command == Command::PanFuture {
                    1.0
                } else {
                    -1.0
                };
                let days = self.session.view.window().width() * PAN_STEP * direction;
                self.change_view(ViewChange::Pan(days));
            }
            Command::FitAll => self.change_view(ViewChange::FitAll),
            Command::CloseOrClear => self.close_or_clear(),
            Command::ToggleHelp => self.screen.show_help = !self.screen.show_help,
            Command::ToggleMap => {
                let open = !self.session.view.map_open();
                self.change_view(ViewChange::OpenMap(open));
            }
            Command::MapFitEvents => self.ask_map(MapRequest::FitEvents),
            Command::MapFitSelection => self.ask_map(MapRequest::FitSelection),
            Command::MapFitMaps => self.ask_map(MapRequest::FitMaps),
            Command::MapFindPlace => self.ask_map(MapRequest::FindPlace),
            Command::MapZoomIn => self.ask_map(MapRequest::ZoomIn),
            Command::MapZoomOut => self.ask_map(MapRequest::ZoomOut),
            Command::CloseWindow(AppWindow::Problems) => self.screen.problems = None,
            Command::CloseWindow(AppWindow::FileProblems) => self.screen.show_file_problems = false,
            Command::CloseWindow(AppWindow::Help) => self.screen.show_help = false,
            Command::TogglePlayback => self.toggle_playback(),
            Command::PlaybackSpeed(speed) => self.set_playback_speed(speed),
            Command::PlaybackMode(mode) => self.set_playback_mode(mode),
            Command::View(change) => self.change_view(change),
            Command::SetTheme(theme) => {
                self.screen.theme = theme;
                ctx.set_theme(theme);
            }
        }
    }

    /// Applies a change to the shared view, with the dataset on screen.
    fn change_view(&mut self, change: ViewChange) {
        let loaded = self
            .session
            .document
            .as_ref()
            .map(|d| Arc::clone(&d.loaded));
        self.session
            .view
            .apply(change, loaded.as_ref().map(|l| &l.index));
    }

    /// Closes the window on top, else clears the span, else the selection.
    fn close_or_clear(&mut self) {
        if self.screen.problems.is_some() {
            self.screen.problems = None;
        } else if self.screen.show_file_problems {
            self.screen.show_file_problems = false;
        } else if self.screen.show_help {
            self.screen.show_help = false;
        } else if self.screen.prompt.is_open() {
            self.screen.prompt.close();
        } else if self.session.view.span().is_some() {
            self.change_view(ViewChange::SetSpan(None));
        } else {
            self.change_view(ViewChange::Select(None));
        }
    }

    /// Asks the map to fit or zoom, opening it if it was closed.
    fn ask_map(&mut self, request: MapRequest) {
        self.change_view(ViewChange::OpenMap(true));
        self.screen.panels.map.request(request);
    }
}
