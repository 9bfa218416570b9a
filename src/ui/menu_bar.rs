//! The top bar: the File and View menus, the dataset's title and the visible time
//! range. Each menu item takes its label and shortcut from the command table.

use std::path::PathBuf;

use egui::Ui;

use crate::command::{self, Command};
use crate::format;
use crate::view::TimeWindow;

/// What the menu bar shows besides the menus.
pub struct MenuBarState<'a> {
    /// The open dataset's title.
    pub title: Option<&'a str>,
    /// The visible time range.
    pub window: TimeWindow,
    /// Recently opened files, newest first.
    pub recent: &'a [PathBuf],
    /// Whether there is a file to reload.
    pub can_reload: bool,
    /// Whether the open file is reloaded when it changes.
    pub watching: bool,
    /// The names of the saved views.
    pub views: Vec<String>,
    /// Whether the map is open.
    pub map_open: bool,
    /// Whether the dataset has control maps to fit the map to.
    pub has_maps: bool,
    /// The theme chosen.
    pub theme: egui::ThemePreference,
}

/// Draws the bar and returns what the user chose.
pub fn show(ui: &mut Ui, state: &MenuBarState<'_>) -> Vec<Command> {
    let mut commands = Vec::new();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            item(ui, Command::OpenDialog, true, &mut commands);
            item(ui, Command::OpenPathPrompt, true, &mut commands);
            item(ui, Command::AddDialog, true, &mut commands);
            item(ui, Command::OpenBuiltIn, true, &mut commands);
            ui.menu_button("Open Recent", |ui| {
                item(ui, Command::OpenBuiltIn, true, &mut commands);
                if state.recent.is_empty() {
                    ui.weak("No recent files");
                } else {
                    ui.separator();
                }
                for path in state.recent {
                    if ui.button(path.display().to_string()).clicked() {
                        commands.push(Command::OpenFile(path.clone()));
                    }
                }
            });
            item(ui, Command::Reload, state.can_reload, &mut commands);
            if let Some(spec) = command::spec(&Command::ToggleWatch) {
                let mut on = state.watching;
                if ui
                    .checkbox(&mut on, spec.label)
                    .on_hover_text(spec.help)
                    .clicked()
                {
                    commands.push(Command::ToggleWatch);
                }
            }
            ui.separator();
            item(ui, Command::SaveDataset, true, &mut commands);
            item(ui, Command::ExportEvents, true, &mut commands);
            item(ui, Command::ExportFigures, true, &mut commands);
            item(ui, Command::ExportEventsParquet, true, &mut commands);
            item(ui, Command::ExportFiguresParquet, true, &mut commands);
            item(ui, Command::ExportView, true, &mut commands);
            item(ui, Command::ExportPlaybackFrames, true, &mut commands);
            ui.separator();
            item(ui, Command::Quit, true, &mut commands);
        });
        ui.menu_button("Views", |ui| {
            item(ui, Command::SaveView, true, &mut commands);
            if !state.views.is_empty() {
                ui.separator();
            }
            for name in &state.views {
                ui.menu_button(name.as_str(), |ui| {
                    if ui.button("Restore").clicked() {
                        commands.push(Command::RestoreView(name.clone()));
                    }
                    if ui.button("Rename…").clicked() {
                        commands.push(Command::RenameView(name.clone()));
                    }
                    if ui.button("Delete").clicked() {
                        commands.push(Command::DeleteView(name.clone()));
                    }
                });
            }
        });
        ui.menu_button("View", |ui| {
            item(ui, Command::FitAll, true, &mut commands);
            item(ui, Command::ZoomIn, true, &mut commands);
            item(ui, Command::ZoomOut, true, &mut commands);
            ui.separator();
            if let Some(spec) = command::spec(&Command::ToggleMap) {
                let mut on = state.map_open;
                let mut checkbox = ui.checkbox(&mut on, spec.label).on_hover_text(spec.help);
                if let Some(key) = spec.menu_shortcut() {
                    checkbox = checkbox.on_hover_text(format!("Key: {key}"));
                }
                if checkbox.clicked() {
                    commands.push(Command::ToggleMap);
                }
            }
            item(ui, Command::MapFitEvents, true, &mut commands);
            item(ui, Command::MapFitSelection, true, &mut commands);
            item(ui, Command::MapFitMaps, state.has_maps, &mut commands);
            item(ui, Command::MapFindPlace, true, &mut commands);
            ui.separator();
            item(ui, Command::TogglePlayback, true, &mut commands);
            ui.separator();
            ui.menu_button("Theme", |ui| {
                for (theme, label) in [
                    (egui::ThemePreference::Dark, "Dark"),
                    (egui::ThemePreference::Light, "Light"),
                    (egui::ThemePreference::System, "Follow the system"),
                ] {
                    if ui.radio(state.theme == theme, label).clicked() {
                        commands.push(Command::SetTheme(theme));
                    }
                }
            });
            item(ui, Command::ToggleHelp, true, &mut commands);
        });
        ui.separator();
        if let Some(title) = state.title {
            ui.strong(format::line(title));
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.monospace(format::day_range(state.window.start, state.window.end));
        });
    });
    commands
}

/// A menu item for `command`, labelled from the command table.
fn item(ui: &mut Ui, command: Command, enabled: bool, commands: &mut Vec<Command>) {
    let Some(spec) = command::spec(&command) else {
        return;
    };
    let mut button = egui::Button::new(spec.label);
    if let Some(shortcut) = spec.menu_shortcut() {
        button = button.shortcut_text(shortcut);
    }
    if ui.add_enabled(enabled, button).clicked() {
        commands.push(command);
    }
}
