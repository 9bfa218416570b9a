//! What is written over the map: the status line (events on the map, those
//! with no coordinates, counting in progress), the buttons that fit the view,
//! the legend of how places are drawn, the scale bar and the base map's
//! attribution.

use std::collections::BTreeSet;

use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Stroke, Ui, pos2, vec2};

use super::camera::Camera;
use super::pattern::{self, MapStyle};
use super::{MapFrame, MapRequest, marks};
use crate::data::map::GeoBox;
use crate::format;

/// What the status line says.
pub(super) struct Status<'a> {
    pub(super) frame: &'a MapFrame,
    pub(super) counting: bool,
    /// Located events in the load, once indexed.
    pub(super) located: Option<usize>,
    pub(super) area: Option<GeoBox>,
    /// A line for each control map drawn: which snapshot, how old, and the
    /// style it is drawn in.
    pub(super) maps_in_force: &'a [super::territory::MapLine],
    /// Every control map of the dataset.
    pub(super) maps: Vec<MapEntry>,
    /// The maps hidden, by index.
    pub(super) hidden_maps: &'a BTreeSet<usize>,
    /// Whether the lines about the maps are folded into one (on a short map),
    /// and if so whether the reader has opened them.
    pub(super) folding: Folding,
    /// Whether the map shows where maps of one actor disagree; `None` when no
    /// actor has maps by two organisations.
    pub(super) compare: Option<bool>,
}

/// Whether the lines above the map fold into one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Folding {
    /// They fit: every line is shown.
    Unfolded,
    /// Folded into one line, which opens on a click.
    Folded,
    /// Folded on this map's size, opened by the reader.
    Opened,
}

impl Folding {
    /// How lines above a map of `rect` fold: into one when they and the
    /// buttons would take more than a quarter of its height; `opened` is the
    /// reader's choice.
    pub fn for_map(rect: Rect, buttons_height: f32, lines: usize, opened: bool) -> Self {
        let height = buttons_height + LINE_HEIGHT * (lines + 1) as f32;
        match (lines > 1 && height > rect.height() * 0.25, opened) {
            (false, _) => Self::Unfolded,
            (true, false) => Self::Folded,
            (true, true) => Self::Opened,
        }
    }

    /// How many lines about the maps show.
    pub fn lines_shown(self, lines: usize) -> usize {
        match self {
            Self::Folded => 0,
            Self::Unfolded | Self::Opened => lines,
        }
    }
}

/// The height of a line above the map.
const LINE_HEIGHT: f32 = 22.0;
/// The height of one row of buttons at the top of the map.
pub const BUTTONS_HEIGHT: f32 = 30.0;

/// A control map as the "Control maps" menu lists it.
pub(super) struct MapEntry {
    /// "north · DeepState · Ukraine".
    pub(super) label: String,
    /// Who drew it.
    pub(super) organisation: String,
    /// Whose territory it is, by short name.
    pub(super) actor: String,
}

/// What maps are grouped by in the menu: their organisation, or their actor.
type GroupKey = fn(&MapEntry) -> &str;

/// What the map's buttons asked for.
#[derive(Default)]
pub(super) struct Asked {
    /// A fit or a zoom.
    pub(super) request: Option<MapRequest>,
    /// The control maps to hide from now on.
    pub(super) hidden_maps: Option<BTreeSet<usize>>,
    /// The folded lines were clicked: open them, or fold them again.
    pub(super) toggle_lines: bool,
    /// Show where maps of one actor disagree, or stop.
    pub(super) compare: Option<bool>,
    /// How tall the rows of buttons (and the place search) came out.
    pub(super) buttons_height: f32,
    /// Where the lines about the maps and the events were written.
    pub(super) lines: Option<Rect>,
}

/// Draws the status line, the buttons, the legend and the scale bar; returns
/// what a button asked for.
pub(super) fn draw(
    ui: &mut Ui,
    rect: Rect,
    camera: &Camera,
    status: &Status<'_>,
    extra: &mut dyn FnMut(&mut Ui),
) -> Asked {
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals().clone();
    let (buttons, buttons_bottom) = buttons(ui, rect, status, extra);
    let lines = status_line(&painter, rect, buttons_bottom, status, &visuals);
    let mut asked = Asked::default();
    if status.folding != Folding::Unfolded {
        let click = ui.interact(lines, ui.scope_id().with("map-lines"), egui::Sense::click());
        let hint = match status.folding {
            Folding::Opened => "Fold these lines into one",
            _ => "Show a line for each control map",
        };
        asked.toggle_lines = click.on_hover_text(hint).clicked();
    }
    // The legend of how events are drawn says nothing when no event has a place.
    if status.located != Some(0) {
        legend(&painter, rect, &visuals, status.frame.cells_drawn > 0);
    }
    scale_bar(&painter, rect, camera, &visuals);
    painter.text(
        rect.right_bottom() + vec2(-4.0, -2.0),
        Align2::RIGHT_BOTTOM,
        "Natural Earth · Places: GeoNames (CC BY 4.0)",
        FontId::proportional(10.0),
        visuals.weak_text_color(),
    );
    Asked {
        toggle_lines: asked.toggle_lines,
        buttons_height: buttons_bottom - rect.top(),
        lines: Some(lines),
        ..buttons
    }
}

/// A framed label at `at`, readable over land and sea, led by a map's swatch
/// when it has one.
fn label(
    painter: &Painter,
    at: Pos2,
    anchor: Align2,
    text: String,
    swatch: Option<MapStyle>,
    visuals: &egui::Visuals,
) -> Rect {
    let lead = if swatch.is_some() {
        pattern::SWATCH.x + 6.0
    } else {
        0.0
    };
    let room = (painter.clip_rect().right() - at.x - 16.0 - lead).max(60.0);
    let galley = painter.layout(text, FontId::proportional(12.0), visuals.text_color(), room);
    let frame = anchor.anchor_size(at, galley.size() + vec2(10.0 + lead, 6.0));
    painter.rect_filled(frame, 3.0, visuals.window_fill.gamma_multiply(0.88));
    if let Some(style) = swatch {
        let centre = pos2(
            frame.left() + 5.0 + pattern::SWATCH.x / 2.0,
            frame.top() + 10.0,
        );
        pattern::paint_swatch(
            painter,
            Rect::from_center_size(centre, pattern::SWATCH),
            style,
        );
    }
    painter.galley(
        frame.min + vec2(5.0 + lead, 3.0),
        galley,
        visuals.text_color(),
    );
    frame
}

/// Writes the lines about the maps and the events; returns where they are.
fn status_line(
    painter: &Painter,
    rect: Rect,
    buttons_bottom: f32,
    status: &Status<'_>,
    visuals: &egui::Visuals,
) -> Rect {
    let frame = status.frame;
    let mut text = match status.located {
        None => "Placing the events on the map…".to_owned(),
        Some(0) => "No event in this dataset has coordinates".to_owned(),
        Some(_) if frame.cells_drawn > 0 => format!(
            "{} in view, counted per cell",
            format::plural(frame.in_view as usize, "event")
        ),
        Some(_) => format!("{} on the map", format::plural(frame.events_drawn, "event")),
    };
    if frame.unlocated > 0 {
        text.push_str(&format!(
            " · {} on show {} no coordinates",
            format::plural(frame.unlocated, "event"),
            if frame.unlocated == 1 { "has" } else { "have" }
        ));
    }
    if status.counting {
        text.push_str(" · counting…");
    }
    if status.area.is_some() {
        text.push_str(" · filtered to an area");
    }
    let top = pos2(rect.left() + 6.0, buttons_bottom + 6.0);
    let mut at = top;
    let shown = status.folding.lines_shown(status.maps_in_force.len());
    for line in &status.maps_in_force[..shown] {
        let drawn = label(
            painter,
            at,
            Align2::LEFT_TOP,
            line.text.clone(),
            line.style,
            visuals,
        );
        at.y = drawn.bottom() + 2.0;
    }
    match status.folding {
        Folding::Unfolded => {}
        Folding::Folded => {
            let maps = status.maps_in_force.len();
            text = format!(
                "{text} · {} about the maps (click)",
                format::plural(maps, "line")
            );
        }
        Folding::Opened => text.push_str(" · click to fold"),
    }
    let last = label(painter, at, Align2::LEFT_TOP, text, None, visuals);
    Rect::from_min_max(top, pos2(last.right(), last.bottom()))
}

/// Where the map's own chips are: the buttons and status lines at the top
/// (`status_lines` of them shown, besides the line about the events), the legend at the bottom left, the scale bar and
/// the attribution at the bottom right. Names on the map keep out of them.
pub(super) fn reserved(
    rect: Rect,
    buttons_height: f32,
    status_lines: usize,
    counting: bool,
) -> Vec<Rect> {
    let buttons = Rect::from_min_size(rect.left_top(), vec2(rect.width(), buttons_height + 4.0));
    let top = Rect::from_min_size(
        rect.left_top(),
        vec2(
            rect.width().min(560.0),
            buttons_height + 8.0 + LINE_HEIGHT * (status_lines + 1) as f32,
        ),
    );
    let scale = Rect::from_min_max(rect.right_bottom() - vec2(250.0, 48.0), rect.right_bottom());
    vec![
        buttons,
        top,
        legend_frame(rect, counting).expand(2.0),
        scale,
    ]
}

/// The legend's rows, its columns and where its box goes.
fn legend_layout(rect: Rect, counting: bool) -> (&'static [&'static str], usize, f32, Rect) {
    // A short map (above the details on a laptop) gets the legend in two
    // columns, so that it covers less of the map.
    let short = rect.height() < 420.0;
    let rows: &[&str] = match (counting, short) {
        (true, _) => &["Events per cell: few", "many"],
        (false, false) => &[
            "Exact place",
            "Near a place (~25 km)",
            "District or province",
            "Country only: count",
        ],
        (false, true) => &[
            "Exact place",
            "Near (~25 km)",
            "District, province",
            "Country: count",
        ],
    };
    let columns = if short && !counting { 2 } else { 1 };
    let per_column = rows.len().div_ceil(columns);
    let column_width = if short { 124.0 } else { 168.0 };
    let height = ROW_HEIGHT * per_column as f32 + 8.0;
    let frame = Rect::from_min_size(
        rect.left_bottom() + vec2(6.0, -height - 22.0),
        vec2(column_width * columns as f32, height),
    );
    (rows, per_column, column_width, frame)
}

/// The legend's box.
fn legend_frame(rect: Rect, counting: bool) -> Rect {
    legend_layout(rect, counting).3
}

/// The height of a row of the legend.
const ROW_HEIGHT: f32 = 16.0;

/// The legend: how each precision of place is drawn, or the shading of counts.
fn legend(painter: &Painter, rect: Rect, visuals: &egui::Visuals, counting: bool) {
    let (rows, per_column, column_width, frame) = legend_layout(rect, counting);
    let row_height = ROW_HEIGHT;
    painter.rect_filled(frame, 3.0, visuals.window_fill.gamma_multiply(0.88));
    let colour = visuals.text_color();
    let font = FontId::proportional(11.0);
    for (row, text) in rows.iter().enumerate() {
        let (column, line) = (row / per_column, row % per_column);
        let left = frame.left() + column_width * column as f32;
        let y = frame.top() + 12.0 + row_height * line as f32;
        let swatch = pos2(left + 12.0, y);
        match (counting, row) {
            (true, _) => {
                let share = if row == 0 { 0.0 } else { 1.0 };
                painter.rect_filled(
                    Rect::from_center_size(swatch, vec2(10.0, 10.0)),
                    0.0,
                    marks::shade(share, visuals.dark_mode),
                );
            }
            (false, 0) => {
                painter.circle_filled(swatch, 3.5, colour);
            }
            (false, 1) => {
                painter.circle(
                    swatch,
                    6.0,
                    colour.gamma_multiply(0.12),
                    Stroke::new(1.0, colour.gamma_multiply(0.5)),
                );
                painter.circle_filled(swatch, 2.0, colour);
            }
            (false, 2) => {
                painter.circle_stroke(swatch, 6.0, Stroke::new(1.0, colour.gamma_multiply(0.5)));
                painter.circle_filled(swatch, 2.0, colour);
            }
            _ => {
                painter.rect_stroke(
                    Rect::from_center_size(swatch, vec2(12.0, 9.0)),
                    2.0,
                    Stroke::new(1.0, visuals.weak_text_color()),
                    egui::StrokeKind::Inside,
                );
            }
        }
        painter.text(
            pos2(left + 24.0, y),
            Align2::LEFT_CENTER,
            *text,
            font.clone(),
            colour,
        );
    }
}

/// A bar of a round number of km, about 100 points long.
fn scale_bar(painter: &Painter, rect: Rect, camera: &Camera, visuals: &egui::Visuals) {
    let km_per_point = camera.km_per_point();
    let wanted = km_per_point * 100.0;
    let magnitude = 10f64.powf(wanted.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .rfind(|&km| km <= wanted)
        .unwrap_or(magnitude);
    let length = (step / km_per_point) as f32;
    if !length.is_finite() || length < 1.0 {
        return;
    }
    let right = rect.right() - 12.0;
    let y = rect.bottom() - 22.0;
    let colour: Color32 = visuals.strong_text_color();
    let text = if step >= 1.0 {
        format!("{} km", step as u64)
    } else {
        format!("{} m", (step * 1000.0).round() as u64)
    };
    let back = Rect::from_min_max(
        pos2(right - length - 8.0, y - 18.0),
        pos2(right + 4.0, y + 5.0),
    );
    painter.rect_filled(back, 3.0, visuals.window_fill.gamma_multiply(0.88));
    let stroke = Stroke::new(1.5, colour);
    painter.line_segment([pos2(right - length, y), pos2(right, y)], stroke);
    painter.line_segment(
        [pos2(right - length, y - 4.0), pos2(right - length, y)],
        stroke,
    );
    painter.line_segment([pos2(right, y - 4.0), pos2(right, y)], stroke);
    painter.text(
        pos2(right - length / 2.0, y - 5.0),
        Align2::CENTER_BOTTOM,
        text,
        FontId::proportional(11.0),
        colour,
    );
}

/// "Fit to events" and "Fit to selection", top left, and with control maps a
/// menu to show or hide each, or every map of one organisation; then what
/// `extra` adds (the place search). They wrap onto more rows on a narrow map.
/// Returns what a button asked for and where the rows end.
fn buttons(
    ui: &mut Ui,
    rect: Rect,
    status: &Status<'_>,
    extra: &mut dyn FnMut(&mut Ui),
) -> (Asked, f32) {
    // One row high: more rows wrap below it.
    let area = Rect::from_min_size(
        rect.left_top() + vec2(6.0, 4.0),
        vec2(rect.width() - 12.0, 24.0),
    );
    let mut asked = Asked::default();
    let drawn = ui.scope_builder(
        egui::UiBuilder::new()
            .max_rect(area)
            .layout(egui::Layout::left_to_right(egui::Align::Center).with_main_wrap(true)),
        |ui| {
            if ui
                .button("Fit to events")
                .on_hover_text("Show every event on show on the map")
                .clicked()
            {
                asked.request = Some(MapRequest::FitEvents);
            }
            if ui
                .button("Fit to selection")
                .on_hover_text("Show the selected event on the map")
                .clicked()
            {
                asked.request = Some(MapRequest::FitSelection);
            }
            if !status.maps.is_empty() {
                if ui
                    .button("Fit to maps")
                    .on_hover_text("Show every control map (Shift+M)")
                    .clicked()
                {
                    asked.request = Some(MapRequest::FitMaps);
                }
                // The menu stays open while maps are ticked, until a click outside it.
                let config = egui::containers::menu::MenuConfig::new()
                    .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
                egui::containers::menu::MenuButton::new("Control maps")
                    .config(config)
                    .ui(ui, |ui| {
                        asked.hidden_maps = maps_menu(ui, &status.maps, status.hidden_maps);
                        if let Some(mut on) = status.compare {
                            ui.separator();
                            if ui
                                .checkbox(&mut on, "Show where maps of one actor disagree")
                                .on_hover_text("Each organisation's own ground drawn strongly in its style, with the km² of each part")
                                .clicked()
                            {
                                asked.compare = Some(on);
                            }
                        }
                    });
            }
            extra(ui);
        },
    );
    (asked, drawn.response.rect.bottom())
}

/// A checkbox per control map, and one per organisation and per actor for
/// all its maps; the maps to hide when one was clicked.
fn maps_menu(ui: &mut Ui, maps: &[MapEntry], hidden: &BTreeSet<usize>) -> Option<BTreeSet<usize>> {
    let mut changed = None;
    for (m, MapEntry { label, .. }) in maps.iter().enumerate() {
        let mut shown = !hidden.contains(&m);
        if ui.checkbox(&mut shown, label).clicked() {
            let mut next = hidden.clone();
            if shown {
                next.remove(&m);
            } else {
                next.insert(m);
            }
            changed = Some(next);
        }
    }
    let groups: [(&str, GroupKey); 2] = [
        ("Every map by", |m| m.organisation.as_str()),
        ("Every map of", |m| m.actor.as_str()),
    ];
    for (words, key) in groups {
        let names: BTreeSet<&str> = maps.iter().map(key).collect();
        if names.len() < 2 {
            continue;
        }
        ui.separator();
        for name in names {
            let of_name: Vec<usize> = (0..maps.len()).filter(|&m| key(&maps[m]) == name).collect();
            let mut shown = of_name.iter().any(|m| !hidden.contains(m));
            if ui.checkbox(&mut shown, format!("{words} {name}")).clicked() {
                let mut next = hidden.clone();
                for m in of_name {
                    if shown {
                        next.remove(&m);
                    } else {
                        next.insert(m);
                    }
                }
                changed = Some(next);
            }
        }
    }
    changed
}

/// The box a Shift+drag is drawing.
pub(super) fn draw_box(painter: &Painter, area: Rect, visuals: &egui::Visuals) {
    let colour = visuals.selection.stroke.color;
    painter.rect(
        area,
        0.0,
        colour.gamma_multiply(0.12),
        Stroke::new(1.5, colour),
        egui::StrokeKind::Inside,
    );
}
