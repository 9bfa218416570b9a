//! Every command a user can give, in one table: its keys, its menu label and its
//! help text. The menus, the key handling, the help window and the README's
//! shortcut table are all made from [`COMMANDS`], so that a shortcut is written
//! down once. Panels and windows ask for changes with commands too, so that one
//! function of the app carries out every change. Nothing here draws; carrying a
//! command out is the app's job.

use std::path::PathBuf;

use egui::{Context, Key, Modifiers};

use crate::view::ViewChange;

/// Something a person asked for: a key, a menu item, a click or a drag on a
/// panel. What background work reports is apart from it ([`crate::app::reports::Report`]).
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Show the system's file dialog.
    OpenDialog,
    /// Show the field where a path can be typed or pasted.
    OpenPathPrompt,
    /// Choose a file to merge with the dataset open.
    AddDialog,
    /// Merge this file with the dataset open.
    AddFile(std::path::PathBuf),
    /// Show the built-in dataset again.
    OpenBuiltIn,
    /// Open this file.
    OpenFile(PathBuf),
    /// Load the current file again from disk.
    Reload,
    /// Turn live reload of the open file on or off.
    ToggleWatch,
    /// Save the open dataset as a Frontline file (an imported export, say).
    SaveDataset,
    /// Export the events on show as CSV.
    ExportEvents,
    /// Export every figure as CSV.
    ExportFigures,
    /// Export the events on show as Parquet.
    ExportEventsParquet,
    /// Export every figure as Parquet.
    ExportFiguresParquet,
    /// Export the window as shown as a PNG image.
    ExportView,
    /// Write playback across the window as numbered PNG frames.
    ExportPlaybackFrames,
    /// Save the view on screen under a name.
    SaveView,
    /// Restore the view saved under this name.
    RestoreView(String),
    /// Rename the view saved under this name.
    RenameView(String),
    /// Delete the view saved under this name.
    DeleteView(String),
    /// Close the window.
    Quit,
    /// Select the previous event in date order.
    PreviousEvent,
    /// Select the next event in date order.
    NextEvent,
    /// Zoom in around the selected event, or the middle of the window.
    ZoomIn,
    /// Zoom out around the selected event, or the middle of the window.
    ZoomOut,
    /// Pan towards the past by a fifth of the window.
    PanPast,
    /// Pan towards the future by a fifth of the window.
    PanFuture,
    /// Show the whole dataset.
    FitAll,
    /// Close the window on top, or clear the selection when none is open.
    CloseOrClear,
    /// Show or hide the shortcuts window.
    ToggleHelp,
    /// Put the keyboard in the search field.
    FocusSearch,
    /// Start the selected span at the selected event (or the time cursor).
    SpanStart,
    /// End the selected span at the selected event (or the time cursor).
    SpanEnd,
    /// Stop the load in progress.
    CancelLoad,
    /// Show the open file's problems (records left out, warnings).
    ShowFileProblems,
    /// Open the file that failed to load without its invalid records.
    OpenWithoutInvalidRecords,
    /// Clear every filter.
    ClearFilters,
    /// Show or hide the map.
    ToggleMap,
    /// Fit the map to the events on show.
    MapFitEvents,
    /// Fit the map to the selected event.
    MapFitSelection,
    /// Fit the map to the control maps.
    MapFitMaps,
    /// Put the keyboard in the map's place search.
    MapFindPlace,
    /// Zoom the map in.
    MapZoomIn,
    /// Zoom the map out.
    MapZoomOut,
    /// Start or pause playback.
    TogglePlayback,
    /// Set how many days pass per second of playback.
    PlaybackSpeed(f64),
    /// Set what the window shows while playing.
    PlaybackMode(crate::playback::PlaybackMode),
    /// Save the view on screen under this name.
    SaveViewAs(String),
    /// Rename the view saved under one name to another.
    RenameViewTo {
        /// Its name.
        from: String,
        /// Its new name.
        to: String,
    },
    /// Close one of the app's windows (its close button).
    CloseWindow(AppWindow),
    /// A change to the shared view: a click, a drag or a wheel on a panel.
    View(ViewChange),
    /// Draw the app dark, light, or as the system is set.
    SetTheme(egui::ThemePreference),
}

impl From<ViewChange> for Command {
    fn from(change: ViewChange) -> Self {
        Self::View(change)
    }
}

/// The app's windows that open above the panels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppWindow {
    /// Why the last file failed to load.
    Problems,
    /// The open file's problems: records left out, warnings.
    FileProblems,
    /// The keys and how to read the view.
    Help,
}

/// What is exported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// The events on show.
    Events,
    /// Every figure of every series.
    Figures,
    /// The events on show, as Parquet.
    EventsParquet,
    /// Every figure, as Parquet.
    FiguresParquet,
    /// The window as it is shown, as a PNG image.
    View,
    /// The open dataset as a Frontline file.
    Dataset,
}

impl ExportKind {
    /// What the suggested file's name ends with: "events", "figures"…
    pub fn suffix(self) -> &'static str {
        match self {
            Self::Events | Self::EventsParquet => "events",
            Self::Figures | Self::FiguresParquet => "figures",
            Self::View => "view",
            Self::Dataset => "dataset",
        }
    }

    /// The file's extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Events | Self::Figures => "csv",
            Self::EventsParquet | Self::FiguresParquet => "parquet",
            Self::View => "png",
            Self::Dataset => "ron",
        }
    }
}

/// How much one press of a zoom key zooms.
pub const ZOOM_STEP: f64 = 1.5;
/// How far one press of a pan key pans, as a fraction of the window's width.
pub const PAN_STEP: f64 = 0.2;

/// A key with the modifiers it needs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KeyBinding {
    /// Ctrl (Cmd on a Mac), Shift…
    pub modifiers: Modifiers,
    /// The key.
    pub key: Key,
}

impl KeyBinding {
    /// A key pressed alone.
    pub const fn plain(key: Key) -> Self {
        Self {
            modifiers: Modifiers::NONE,
            key,
        }
    }

    /// Ctrl (Cmd on a Mac) and a key.
    pub const fn command(key: Key) -> Self {
        Self {
            modifiers: Modifiers::COMMAND,
            key,
        }
    }

    /// Shift and a key.
    pub const fn shift(key: Key) -> Self {
        Self {
            modifiers: Modifiers::SHIFT,
            key,
        }
    }

    /// Whether the binding still works while a text field has the keyboard:
    /// those with Ctrl, and function keys, which typing never produces.
    pub fn works_while_typing(self) -> bool {
        self.modifiers.command || matches!(self.key, Key::F5)
    }

    /// "Ctrl+O", "Shift+Left", "?".
    pub fn text(self) -> String {
        let name = match self.key {
            Key::ArrowLeft => "Left",
            Key::ArrowRight => "Right",
            Key::ArrowUp => "Up",
            Key::ArrowDown => "Down",
            Key::Plus => "+",
            Key::Minus => "-",
            Key::Equals => "=",
            Key::Questionmark => "?",
            Key::Escape => "Esc",
            Key::OpenBracket => "[",
            Key::CloseBracket => "]",
            other => other.name(),
        };
        let mut text = String::new();
        if self.modifiers.command {
            text.push_str("Ctrl+");
        }
        if self.modifiers.shift {
            text.push_str("Shift+");
        }
        text.push_str(name);
        text
    }

    /// Whether this frame's input holds the binding; consumes it if so. Keys
    /// typed with Shift on many layouts (`+`, `?`) also match with Shift held.
    fn consume(self, input: &mut egui::InputState) -> bool {
        input.consume_key(self.modifiers, self.key)
            || (self.modifiers.is_none()
                && matches!(self.key, Key::Plus | Key::Questionmark)
                && input.consume_key(Modifiers::SHIFT, self.key))
    }
}

/// One row of the command table.
#[derive(Clone, Debug)]
pub struct CommandSpec {
    /// The command.
    pub command: Command,
    /// Its label in a menu.
    pub label: &'static str,
    /// What it does, for the help window and the README.
    pub help: &'static str,
    /// The keys that run it; the first is shown in menus.
    pub keys: &'static [KeyBinding],
    /// A pointer gesture that does the same, named in the help ("double-click").
    pub gesture: Option<&'static str>,
}

impl CommandSpec {
    /// The keys (and gesture) as the help shows them: "Home, double-click".
    pub fn keys_text(&self) -> String {
        let keys: Vec<String> = self.keys.iter().map(|k| k.text()).collect();
        let mut text = keys.join(" / ");
        if let Some(gesture) = self.gesture {
            if !text.is_empty() {
                text.push_str(", ");
            }
            text.push_str(gesture);
        }
        text
    }

    /// The first key, as a menu shows it beside the label.
    pub fn menu_shortcut(&self) -> Option<String> {
        self.keys.first().map(|k| k.text())
    }
}

/// Every command that has a fixed meaning, in the order the help lists them.
pub const COMMANDS: &[CommandSpec] = &[
    CommandSpec {
        command: Command::PreviousEvent,
        label: "Previous event",
        help: "previous event",
        keys: &[KeyBinding::plain(Key::ArrowLeft), KeyBinding::plain(Key::J)],
        gesture: None,
    },
    CommandSpec {
        command: Command::NextEvent,
        label: "Next event",
        help: "next event",
        keys: &[
            KeyBinding::plain(Key::ArrowRight),
            KeyBinding::plain(Key::K),
        ],
        gesture: None,
    },
    CommandSpec {
        command: Command::ZoomIn,
        label: "Zoom in",
        help: "zoom in",
        keys: &[
            KeyBinding::plain(Key::Plus),
            KeyBinding::plain(Key::Equals),
            KeyBinding::plain(Key::W),
        ],
        gesture: None,
    },
    CommandSpec {
        command: Command::ZoomOut,
        label: "Zoom out",
        help: "zoom out",
        keys: &[KeyBinding::plain(Key::Minus), KeyBinding::plain(Key::S)],
        gesture: None,
    },
    CommandSpec {
        command: Command::PanPast,
        label: "Pan towards the past",
        help: "pan towards the past",
        keys: &[KeyBinding::plain(Key::A), KeyBinding::shift(Key::ArrowLeft)],
        gesture: None,
    },
    CommandSpec {
        command: Command::PanFuture,
        label: "Pan towards the future",
        help: "pan towards the future",
        keys: &[
            KeyBinding::plain(Key::D),
            KeyBinding::shift(Key::ArrowRight),
        ],
        gesture: None,
    },
    CommandSpec {
        command: Command::FitAll,
        label: "Fit all",
        help: "fit the whole dataset",
        keys: &[KeyBinding::plain(Key::Home)],
        gesture: Some("double-click"),
    },
    CommandSpec {
        command: Command::CloseOrClear,
        label: "Clear selection",
        help: "close a window, or clear the span, or the selection",
        keys: &[KeyBinding::plain(Key::Escape)],
        gesture: None,
    },
    CommandSpec {
        command: Command::SpanStart,
        label: "Start span here",
        help: "start a span at the selected event (or the pointer's day); Shift+drag selects one too",
        keys: &[KeyBinding::plain(Key::OpenBracket)],
        gesture: None,
    },
    CommandSpec {
        command: Command::SpanEnd,
        label: "End span here",
        help: "end the span at the selected event (or the pointer's day)",
        keys: &[KeyBinding::plain(Key::CloseBracket)],
        gesture: None,
    },
    CommandSpec {
        command: Command::FocusSearch,
        label: "Search…",
        help: "search titles, summaries, places, actors and sources; Enter / Shift+Enter: next / previous match",
        keys: &[KeyBinding::command(Key::F)],
        gesture: None,
    },
    CommandSpec {
        command: Command::OpenDialog,
        label: "Open…",
        help: "open a file",
        keys: &[KeyBinding::command(Key::O)],
        gesture: Some("drop a .ron file on the window"),
    },
    CommandSpec {
        command: Command::OpenPathPrompt,
        label: "Open path…",
        help: "type or paste the path of a file to open",
        keys: &[],
        gesture: None,
    },
    CommandSpec {
        command: Command::AddDialog,
        label: "Add to this dataset…",
        help: "merge another dataset (or a GeoJSON map, or an export) with the one open, as frontline merge does: records by id, maps by actor, organisation and scope; a conflict adds nothing",
        keys: &[],
        gesture: None,
    },
    CommandSpec {
        command: Command::OpenBuiltIn,
        label: "Open the built-in dataset",
        help: "show the built-in dataset again",
        keys: &[],
        gesture: None,
    },
    CommandSpec {
        command: Command::Reload,
        label: "Reload",
        help: "reload the file from disk",
        keys: &[KeyBinding::plain(Key::F5)],
        gesture: None,
    },
    CommandSpec {
        command: Command::ToggleWatch,
        label: "Reload when the file changes",
        help: "watch the open file and reload it when it is saved",
        keys: &[],
        gesture: None,
    },
    CommandSpec {
        command: Command::SaveDataset,
        label: "Save as a Frontline dataset…",
        help: "write the open dataset (an imported ACLED, UCDP or GDELT export, say) as a .ron file",
        keys: &[],
        gesture: None,
    },
    CommandSpec {
        command: Command::ExportEvents,
        label: "Export events as CSV…",
        help: "write the events on show (filters, search, span) to a CSV file",
        keys: &[],
        gesture: None,
    },
    CommandSpec {
        command: Command::ExportFigures,
        label: "Export figures as CSV…",
        help: "write every series' figures to a CSV file",
        keys: &[],
        gesture: None,
    },
    CommandSpec {
        command: Command::ExportEventsParquet,
        label: "Export events as Parquet…",
        help: "write the events on show to a Parquet file, for DuckDB, pandas or Spark",
        keys: &[],
        gesture: None,
    },
    CommandSpec {
        command: Command::ExportFiguresParquet,
        label: "Export figures as Parquet…",
        help: "write every series' figures to a Parquet file",
        keys: &[],
        gesture: None,
    },
    CommandSpec {
        command: Command::ExportView,
        label: "Export the view as PNG…",
        help: "write the window as it is shown to a PNG image, for a report",
        keys: &[],
        gesture: None,
    },
    CommandSpec {
        command: Command::ExportPlaybackFrames,
        label: "Export playback as PNG frames…",
        help: "write playback across the time window as numbered PNG frames, a frame per 1/30 s at the playback speed",
        keys: &[],
        gesture: None,
    },
    CommandSpec {
        command: Command::SaveView,
        label: "Save view…",
        help: "save the range, filters, span, selection and hidden series under a name",
        keys: &[],
        gesture: None,
    },
    CommandSpec {
        command: Command::ToggleMap,
        label: "Map",
        help: "show or hide the map of where events happened",
        keys: &[KeyBinding::plain(Key::M)],
        gesture: None,
    },
    CommandSpec {
        command: Command::MapFitEvents,
        label: "Fit map to events",
        help: "fit the map to the events on show",
        keys: &[KeyBinding::plain(Key::G)],
        gesture: None,
    },
    CommandSpec {
        command: Command::MapFitSelection,
        label: "Fit map to selection",
        help: "fit the map to the selected event",
        keys: &[KeyBinding::shift(Key::G)],
        gesture: None,
    },
    CommandSpec {
        command: Command::MapFitMaps,
        label: "Fit map to control maps",
        help: "fit the map to the control maps",
        keys: &[KeyBinding::shift(Key::M)],
        gesture: None,
    },
    CommandSpec {
        command: Command::MapFindPlace,
        label: "Find a place on the map",
        help: "find a town or a place of the dataset by name and fly the map there, with a pin (Enter takes the first found)",
        keys: &[KeyBinding::command(Key::L)],
        gesture: None,
    },
    CommandSpec {
        command: Command::MapZoomIn,
        label: "Zoom map in",
        help: "zoom the map in",
        keys: &[KeyBinding::shift(Key::ArrowUp)],
        gesture: Some("wheel or double-click on the map"),
    },
    CommandSpec {
        command: Command::MapZoomOut,
        label: "Zoom map out",
        help: "zoom the map out",
        keys: &[KeyBinding::shift(Key::ArrowDown)],
        gesture: None,
    },
    CommandSpec {
        command: Command::TogglePlayback,
        label: "Play / Pause",
        help: "play the war forward from the window's end (the window, map, plots, list and deaths chart follow), or pause; panning or selecting pauses it",
        keys: &[KeyBinding::plain(Key::P)],
        gesture: None,
    },
    CommandSpec {
        command: Command::Quit,
        label: "Quit",
        help: "quit",
        keys: &[KeyBinding::command(Key::Q)],
        gesture: None,
    },
    CommandSpec {
        command: Command::ToggleHelp,
        label: "Keyboard shortcuts",
        help: "show or hide this list",
        keys: &[KeyBinding::plain(Key::Questionmark)],
        gesture: None,
    },
];

/// What the pointer does beyond the commands, for the help and the README.
pub const POINTER_HELP: &[(&str, &str)] = &[
    ("Ctrl+wheel, pinch", "zoom at the pointer"),
    ("Wheel, drag", "pan"),
    (
        "Wheel over lane names",
        "scroll the lanes when they do not all fit",
    ),
    ("Drag on the map", "pan the map"),
    (
        "Shift+drag on the map",
        "keep only the events in the box drawn (an area filter)",
    ),
    (
        "Click on the map",
        "select the event under the pointer, or zoom into a cell of counts",
    ),
];

/// The row of the table for `command`, if it has one.
pub fn spec(command: &Command) -> Option<&'static CommandSpec> {
    COMMANDS.iter().find(|spec| &spec.command == command)
}

/// Every row of the help: keys, then what they do; commands with keys or a
/// gesture first, then what the pointer does.
pub fn help_rows() -> Vec<(String, &'static str)> {
    COMMANDS
        .iter()
        .filter(|spec| !spec.keys.is_empty() || spec.gesture.is_some())
        .map(|spec| (spec.keys_text(), spec.help))
        .chain(
            POINTER_HELP
                .iter()
                .map(|&(keys, help)| (keys.to_owned(), help)),
        )
        .collect()
}

/// The help as a Markdown table, as the README shows it.
pub fn markdown_table() -> String {
    let mut table = String::from("| Keys | Action |\n|---|---|\n");
    for (keys, help) in help_rows() {
        table.push_str(&format!("| {keys} | {help} |\n"));
    }
    table
}

/// Reads this frame's key presses. Keys without Ctrl are left alone while a text
/// field has the keyboard, so that typing never moves the view; after a click on
/// a button or a list row they still work.
pub fn read_keys(ctx: &Context) -> Vec<Command> {
    let typing = ctx.text_edit_focused();
    // egui matches a key without Shift or Alt whatever of those is held, so
    // the bindings with the most modifiers are tried first: Shift+M is read as
    // "Fit to maps" before M could take it as "Map".
    let mut bindings: Vec<(usize, KeyBinding)> = COMMANDS
        .iter()
        .enumerate()
        .flat_map(|(at, spec)| spec.keys.iter().map(move |&binding| (at, binding)))
        .filter(|(_, binding)| !typing || binding.works_while_typing())
        .collect();
    bindings.sort_by_key(|(_, binding)| {
        let m = binding.modifiers;
        std::cmp::Reverse(u8::from(m.command) + u8::from(m.shift) + u8::from(m.alt))
    });
    let mut pressed = vec![false; COMMANDS.len()];
    ctx.input_mut(|input| {
        for (at, binding) in bindings {
            if binding.consume(input) {
                pressed[at] = true;
            }
        }
    });
    let mut commands = Vec::new();
    for (spec, pressed) in COMMANDS.iter().zip(pressed) {
        if pressed {
            commands.push(spec.command.clone());
        }
    }
    commands
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_key() {
        let mut seen: Vec<KeyBinding> = Vec::new();
        for spec in COMMANDS {
            for &binding in spec.keys {
                assert!(
                    !seen.contains(&binding),
                    "{} is bound twice",
                    binding.text()
                );
                seen.push(binding);
            }
        }
    }

    /// Every command the table must hold a row for. [`named_by_the_user`]
    /// matches every variant, so a new command does not compile until it is
    /// placed there, and then here.
    const IN_THE_TABLE: &[Command] = &[
        Command::OpenDialog,
        Command::OpenPathPrompt,
        Command::AddDialog,
        Command::OpenBuiltIn,
        Command::Reload,
        Command::ToggleWatch,
        Command::SaveDataset,
        Command::ExportEvents,
        Command::ExportFigures,
        Command::ExportEventsParquet,
        Command::ExportFiguresParquet,
        Command::ExportView,
        Command::ExportPlaybackFrames,
        Command::SaveView,
        Command::Quit,
        Command::PreviousEvent,
        Command::NextEvent,
        Command::ZoomIn,
        Command::ZoomOut,
        Command::PanPast,
        Command::PanFuture,
        Command::FitAll,
        Command::CloseOrClear,
        Command::ToggleHelp,
        Command::FocusSearch,
        Command::SpanStart,
        Command::SpanEnd,
        Command::ToggleMap,
        Command::MapFitEvents,
        Command::MapFitSelection,
        Command::MapFitMaps,
        Command::MapFindPlace,
        Command::MapZoomIn,
        Command::MapZoomOut,
        Command::TogglePlayback,
    ];

    /// Whether a command has no row: it names a file or a view (the menus list
    /// those by name), a panel or window gives it (a button of its own), or
    /// background work does; every other command must have one.
    fn named_by_the_user(command: &Command) -> bool {
        match command {
            Command::OpenFile(_)
            | Command::AddFile(_)
            | Command::RestoreView(_)
            | Command::RenameView(_)
            | Command::DeleteView(_)
            | Command::CancelLoad
            | Command::ShowFileProblems
            | Command::OpenWithoutInvalidRecords
            | Command::ClearFilters
            | Command::SaveViewAs(_)
            | Command::RenameViewTo { .. }
            | Command::CloseWindow(_)
            | Command::PlaybackSpeed(_)
            | Command::PlaybackMode(_)
            | Command::View(_)
            | Command::SetTheme(_) => true,
            Command::OpenDialog
            | Command::OpenPathPrompt
            | Command::AddDialog
            | Command::OpenBuiltIn
            | Command::Reload
            | Command::ToggleWatch
            | Command::SaveDataset
            | Command::ExportEvents
            | Command::ExportFigures
            | Command::ExportEventsParquet
            | Command::ExportFiguresParquet
            | Command::ExportView
            | Command::ExportPlaybackFrames
            | Command::SaveView
            | Command::Quit
            | Command::PreviousEvent
            | Command::NextEvent
            | Command::ZoomIn
            | Command::ZoomOut
            | Command::PanPast
            | Command::PanFuture
            | Command::FitAll
            | Command::CloseOrClear
            | Command::ToggleHelp
            | Command::FocusSearch
            | Command::SpanStart
            | Command::SpanEnd
            | Command::ToggleMap
            | Command::MapFitEvents
            | Command::MapFitMaps
            | Command::MapFindPlace
            | Command::MapFitSelection
            | Command::MapZoomIn
            | Command::MapZoomOut
            | Command::TogglePlayback => false,
        }
    }

    #[test]
    fn every_command_not_named_by_the_user_has_exactly_one_row() {
        for command in IN_THE_TABLE {
            assert!(!named_by_the_user(command));
            let rows = COMMANDS
                .iter()
                .filter(|spec| &spec.command == command)
                .count();
            assert_eq!(rows, 1, "{command:?} has {rows} rows in the table");
        }
        for spec in COMMANDS {
            assert!(
                IN_THE_TABLE.contains(&spec.command) && !named_by_the_user(&spec.command),
                "{:?} has a row but is not listed",
                spec.command
            );
        }
    }

    #[test]
    fn key_text_names_modifiers_and_keys() {
        assert_eq!(KeyBinding::command(Key::O).text(), "Ctrl+O");
        assert_eq!(KeyBinding::shift(Key::ArrowLeft).text(), "Shift+Left");
        assert_eq!(KeyBinding::plain(Key::Questionmark).text(), "?");
    }
}
