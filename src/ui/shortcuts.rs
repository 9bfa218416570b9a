//! Keyboard shortcuts: what each key does, read once per frame, and the help window.

use egui::{Context, Key, KeyboardShortcut, Modifiers};

/// Something the user asked for, from a key or a menu.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Show the native file dialog.
    OpenDialog,
    /// Show the field where a path can be typed or pasted.
    OpenPathPrompt,
    /// Open this file.
    OpenFile(std::path::PathBuf),
    /// Load the current file again from disk.
    Reload,
    /// Close the window.
    Quit,
    /// Select the previous event in date order.
    PreviousEvent,
    /// Select the next event in date order.
    NextEvent,
    /// Zoom in (factor above 1) or out around the middle of the window.
    Zoom(f64),
    /// Pan by a fraction of the window's width (negative: towards the past).
    Pan(f64),
    /// Show the whole dataset.
    FitAll,
    /// Clear the selection.
    ClearSelection,
    /// Show or hide the shortcuts window.
    ToggleHelp,
}

/// Ctrl+O (Cmd+O on a Mac).
pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
/// Ctrl+Q.
pub const QUIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);

/// The table shown in the help window and the README: keys, then what they do.
pub const HELP: [(&str, &str); 15] = [
    ("Left / J", "previous event"),
    ("Right / K", "next event"),
    ("+ / W", "zoom in"),
    ("- / S", "zoom out"),
    (
        "A / D, Shift+Left / Shift+Right",
        "pan towards the past / the future",
    ),
    ("Ctrl+wheel, pinch", "zoom at the pointer"),
    ("Wheel, drag", "pan"),
    (
        "Wheel over lane names",
        "scroll the lanes when they do not all fit",
    ),
    ("Home, double-click", "fit the whole dataset"),
    ("Esc", "clear the selection"),
    ("Ctrl+O", "open a file"),
    ("F5", "reload the file from disk"),
    ("Ctrl+Q", "quit"),
    ("?", "show or hide this list"),
    ("Drop a .ron file", "open it"),
];

/// Reads this frame's key presses. Navigation keys are ignored while a text field has focus.
pub fn read(ctx: &Context) -> Vec<Command> {
    let mut commands = Vec::new();
    ctx.input_mut(|input| {
        if input.consume_shortcut(&OPEN) {
            commands.push(Command::OpenDialog);
        }
        if input.consume_shortcut(&QUIT) {
            commands.push(Command::Quit);
        }
        if input.consume_key(Modifiers::NONE, Key::F5) {
            commands.push(Command::Reload);
        }
    });
    // Only a text field keeps the keys to itself: after a click on a button or a
    // list row, the navigation keys still work.
    if ctx.text_edit_focused() {
        return commands;
    }
    ctx.input_mut(|input| {
        let plain: [(Key, Command); 14] = [
            (Key::ArrowLeft, Command::PreviousEvent),
            (Key::J, Command::PreviousEvent),
            (Key::ArrowRight, Command::NextEvent),
            (Key::K, Command::NextEvent),
            (Key::Plus, Command::Zoom(1.5)),
            (Key::Equals, Command::Zoom(1.5)),
            (Key::W, Command::Zoom(1.5)),
            (Key::Minus, Command::Zoom(1.0 / 1.5)),
            (Key::S, Command::Zoom(1.0 / 1.5)),
            (Key::A, Command::Pan(-0.2)),
            (Key::D, Command::Pan(0.2)),
            (Key::Home, Command::FitAll),
            (Key::Escape, Command::ClearSelection),
            (Key::Questionmark, Command::ToggleHelp),
        ];
        for (key, command) in plain {
            if input.consume_key(Modifiers::NONE, key)
                || (matches!(key, Key::Plus | Key::Questionmark)
                    && input.consume_key(Modifiers::SHIFT, key))
            {
                commands.push(command);
            }
        }
        if input.consume_key(Modifiers::SHIFT, Key::ArrowLeft) {
            commands.push(Command::Pan(-0.2));
        }
        if input.consume_key(Modifiers::SHIFT, Key::ArrowRight) {
            commands.push(Command::Pan(0.2));
        }
    });
    commands
}

/// The shortcuts window.
pub fn show_help(ctx: &Context, open: &mut bool) {
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            egui::Grid::new("shortcut-grid")
                .striped(true)
                .show(ui, |ui| {
                    for (keys, action) in HELP {
                        ui.strong(keys);
                        ui.label(action);
                        ui.end_row();
                    }
                });
            ui.add_space(6.0);
            ui.weak(
                "Filled markers: confirmed or reported. Hollow: claimed, disputed or unverified.",
            );
            ui.weak("A faint band: the event is known only to the month or the year.");
        });
}
