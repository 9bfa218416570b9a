//! The help window: every shortcut from the command table, and how to read the
//! timeline's marks, the plots and the map.

use egui::Context;

use crate::command;

/// The shortcuts window, shown while `open` is set; closing it asks for
/// [`command::AppWindow::Help`] to be closed.
pub fn show_help(ctx: &Context, open: bool, commands: &mut Vec<command::Command>) {
    if !open {
        return;
    }
    let mut still_open = true;
    egui::Window::new("Help: keys and how to read the view")
        .open(&mut still_open)
        .resizable(true)
        .collapsible(false)
        .default_width(620.0)
        .default_height(560.0)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().show(ui, contents);
        });
    if !still_open {
        commands.push(command::Command::CloseWindow(command::AppWindow::Help));
    }
}

/// What the help says: the keys, then how to read what is drawn.
fn contents(ui: &mut egui::Ui) {
    egui::Grid::new("shortcut-grid")
        .striped(true)
        .show(ui, |ui| {
            for (keys, action) in command::help_rows() {
                ui.strong(keys);
                ui.label(action);
                ui.end_row();
            }
        });
    ui.add_space(6.0);
    ui.weak("Filled markers: confirmed or reported. Hollow: claimed, disputed or unverified.");
    ui.weak("A faint band: the event is known only to the month or the year.");
    ui.weak("A number beside a marker: that many events share the spot; hover lists them, each click selects the next.");
    ui.add_space(8.0);
    ui.strong("Reading the plots");
    for line in PLOT_HELP {
        ui.label(*line);
    }
    ui.add_space(8.0);
    ui.strong("Reading the map");
    for line in MAP_HELP {
        ui.label(*line);
    }
    ui.weak(crate::data::map::base_map::ATTRIBUTION);
    ui.weak(crate::data::map::context::ATTRIBUTION);
}

/// How to read the map, a line each.
pub const MAP_HELP: &[&str] = &[
    "The map shows the events on show in the time window, each in its first actor's colour.",
    "A dot: the exact place. A soft circle: near the place (about 25 km). A larger circle: somewhere in the district or province. \"N country-wide\": events placed only in a country, counted on it.",
    "Over 3,000 events in view are counted per grid cell, shaded by count; hover a cell for its count and top actors, click to zoom in.",
    "Projection: equirectangular, scaled by the cosine of the latitude at the middle of the view, so that shapes and the km scale bar are true near the middle.",
    "Places, rivers, lakes and provinces say where: a country view names its cities, a close view its towns; a name is written only where it meets no other. Rivers are wider for larger ones; province lines and names come in at a country's scale.",
    "Shift+drag draws a box that keeps only the events placed in it; the box stays drawn while the filter holds, and the filter bar shows it and clears it.",
    "Control maps (territory as dated maps): the map in force at the time cursor, or the window's end, is filled in its actor's colour; the line at the top says which map and how many days old. \"Control maps\" hides or shows each, or every map by one organisation.",
    "With a span selected, the ground each map says was gained between the span's edges is green and the ground lost red, with their km² in the span panel.",
];

/// How to read the plots, a line each.
pub const PLOT_HELP: &[&str] = &[
    "One plot per unit: area held in km² first; below it, share held of a reference and area lost, opened by clicking their names.",
    "Colour is the actor. Each organisation has its own line pattern and marker, so two sources for one actor never look alike; the legend shows both.",
    "The legend lists series by the area they measure. Series of different areas on one axis are flagged in the heading (\"3 areas on one axis\"): their figures are not comparable. \"Area: …\" hides or shows a whole area.",
    "Click a legend entry to hide or show it; Alt-click keeps only it; right-click for only this actor, or show all.",
    "\"% of Syria, shown in km²\": a share of a stated area, converted to km² with that area. \"% lost, shown as held\": a loss counted from 100%, drawn as the share still held.",
    "A faint dotted stretch: the source reported nothing for a long while (over three times its usual interval, or over a year). It is not a trend.",
    "A light band between lines of one actor and area: how far apart the organisations' figures are. Hover it for each one's latest figure.",
    "Markers appear once figures are a few pixels apart; a vertical bar through a marker is the low-high range the source gave; a hollow marker is a claimed, disputed or unverified figure.",
    "The value axis fits what is in view; \"Whole range\" fixes it to every figure. \"Steps\" draws each figure as holding until the next.",
    "Hovering a plot reads out each series' latest figure as of that date, with its date and source.",
    "\"… map, computed area\": the area of an organisation's control map, computed by Frontline on the WGS84 ellipsoid, snapshot by snapshot, beside the figures organisations reported.",
];
