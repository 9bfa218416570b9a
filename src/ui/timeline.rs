//! The timeline: one lane per actor, events as markers and bars on a shared time axis.
//!
//! An event that names several actors appears in each of their lanes: readers
//! follow one side at a time, and a shared lane would hide who fought whom.
//! Each frame draws only what is in the window: two binary searches per lane,
//! then either the events themselves or, where more events fall in the window
//! than can be told apart, a per-pixel density strip drawn as one mesh.

use egui::epaint::{CircleShape, Mesh};
use egui::text::{LayoutJob, TextWrapping};
use egui::{
    Align2, Color32, FontId, Pos2, Rangef, Rect, Sense, Shape, Stroke, StrokeKind, Ui, vec2,
};

use super::time_axis::{self, TICK_SPACING, TickStep, TimeAxis, navigate, ticks};
use super::{actor_color, confidence_is_firm};
use crate::data::lanes::{self, LaneChoice, LaneEntry, LaneGroup, LaneGrouping, LaneOrder};
use crate::data::palette;
use crate::data::{DatePrecision, EventOrder, LoadedDataset};
use crate::job::{Derived, INLINE_LIMIT};
use crate::view::ViewState;
use std::sync::Arc;

/// Height of the tick header above the lanes.
const HEADER: f32 = 22.0;
/// Above this many events in view, a lane is drawn as a density strip.
const DENSE_EVENTS_PER_PIXEL: f32 = 0.25;
/// Width of one density bucket in pixels.
const BUCKET: f32 = 2.0;

/// The timeline panel. It keeps no data of its own, only how far its lanes are
/// scrolled: it reads the dataset and the shared view each frame.
#[derive(Default)]
pub struct TimelinePanel {
    /// Pixels scrolled down the lanes, when they do not all fit.
    lane_scroll: f32,
    /// What the last frame drew, for tests.
    last_frame: TimelineFrame,
    /// What a lane is, as the reader chose.
    pub choice: LaneChoice,
    /// The lanes for the events on show and the choice, kept until either changes.
    lanes: Option<LaneCache>,
    /// The lane groups, by version of the events on show and grouping: made in
    /// the frame up to [`INLINE_LIMIT`] events, else in the background.
    grouped: Derived<(u64, LaneGrouping), Arc<Vec<LaneGroup>>>,
}

/// Lanes worked out for one version of the events on show.
struct LaneCache {
    /// The events on show (their version) and the grouping the groups are for.
    shown_version: u64,
    grouping: LaneGrouping,
    groups: Arc<Vec<LaneGroup>>,
    /// The choice the entries are for.
    choice: LaneChoice,
    entries: Vec<LaneEntry>,
}

/// What one frame of the timeline drew.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TimelineFrame {
    /// Marks drawn one by one (a marker, a bar, or a group sharing a pixel).
    pub marks: usize,
    /// Lanes drawn as density strips.
    pub dense_lanes: usize,
    /// Lanes drawn.
    pub lanes: usize,
    /// The timeline's height in points (0 when it was not drawn).
    pub height: f32,
    /// Where the first lane starts on screen, and each lane's height.
    pub lanes_top: f32,
    /// Each lane's height.
    pub lane_height: f32,
}

/// A mark on screen: one event, or several sharing a pixel.
struct Drawn {
    /// The events under the mark, in date order (then file order).
    events: Vec<usize>,
    rect: Rect,
    /// A range bar (else a marker).
    is_range: bool,
}

/// How a lane's events are marked: the lane's colour, the selection, and the
/// events a search matched (the others are dimmed, not hidden).
#[derive(Clone, Copy)]
struct Marks<'a> {
    color: Color32,
    selected: Option<usize>,
    /// By event index: whether the event matches the search, while one is shown.
    search: Option<&'a [bool]>,
}

impl Marks<'_> {
    /// Whether `event` matches the search, or no search is shown.
    fn matches(&self, event: usize) -> bool {
        self.search
            .is_none_or(|m| m.get(event).copied().unwrap_or(false))
    }

    fn color_of(&self, event: usize) -> Color32 {
        if self.matches(event) {
            self.color
        } else {
            self.color.gamma_multiply(0.2)
        }
    }
}

impl TimelinePanel {
    /// The lanes for the events on show, worked out again only when they or the
    /// reader's choice changed.
    fn refresh_lanes(
        &mut self,
        ctx: &egui::Context,
        loaded: &Arc<LoadedDataset>,
        shown: &Arc<EventOrder>,
        shown_version: u64,
    ) {
        let grouping = self.choice.grouping;
        let stale_groups = self
            .lanes
            .as_ref()
            .is_none_or(|c| c.shown_version != shown_version || c.grouping != grouping);
        if stale_groups {
            // Actor lanes come with the events on show; other groupings are made
            // here, or in the background past a size.
            let groups = if grouping == LaneGrouping::Actor {
                Arc::default()
            } else {
                match self.groups_for(ctx, loaded, shown, shown_version, grouping) {
                    Some(groups) => groups,
                    None => return,
                }
            };
            self.lanes = Some(LaneCache {
                shown_version,
                grouping,
                entries: entries(loaded, shown, &groups, &self.choice),
                groups,
                choice: self.choice.clone(),
            });
        } else if let Some(cache) = &mut self.lanes
            && cache.choice != self.choice
        {
            cache.entries = entries(loaded, shown, &cache.groups, &self.choice);
            cache.choice = self.choice.clone();
        }
    }

    /// The groups for a grouping: at once for up to [`INLINE_LIMIT`] events,
    /// else from a background job (`None` while it runs; the lanes on screen stay
    /// until it is done, and a newer request cancels it).
    fn groups_for(
        &mut self,
        ctx: &egui::Context,
        loaded: &Arc<LoadedDataset>,
        shown: &Arc<EventOrder>,
        shown_version: u64,
        grouping: LaneGrouping,
    ) -> Option<Arc<Vec<LaneGroup>>> {
        let key = (shown_version, grouping);
        let inline = shown.len() <= INLINE_LIMIT;
        let (loaded, shown) = (Arc::clone(loaded), Arc::clone(shown));
        let wake = ctx.clone();
        self.grouped.update(
            &key,
            inline,
            "lanes",
            move || wake.request_repaint(),
            move |_| {
                Some(Arc::new(lanes::groups(
                    &loaded.dataset,
                    &loaded.index,
                    &shown,
                    grouping,
                )))
            },
        );
        self.grouped.current(&key).cloned()
    }

    /// Whether lanes are being grouped in the background.
    pub fn is_grouping(&self) -> bool {
        self.grouped.is_busy()
    }

    /// The bar above the lanes: what a lane is, their order, a filter, and
    /// whether the lanes past the top ones are merged.
    fn lane_bar(&mut self, ui: &mut Ui, shown: &EventOrder) {
        let groups = match &self.lanes {
            Some(cache) if cache.grouping == LaneGrouping::Actor => {
                shown.lanes.iter().filter(|lane| !lane.is_empty()).count()
            }
            Some(cache) => cache.groups.len(),
            None => 0,
        };
        ui.horizontal_wrapped(|ui| {
            let choice = &mut self.choice;
            egui::ComboBox::from_label("Lanes")
                .selected_text(format!("One lane per {}", choice.grouping.label()))
                .show_ui(ui, |ui| {
                    for grouping in LaneGrouping::ALL {
                        let label = match grouping {
                            LaneGrouping::Single => "One lane for all events".to_owned(),
                            other => format!("One lane per {}", other.label()),
                        };
                        ui.selectable_value(&mut choice.grouping, grouping, label);
                    }
                });
            egui::ComboBox::from_label("Order")
                .selected_text(choice.order.label())
                .show_ui(ui, |ui| {
                    for order in LaneOrder::ALL {
                        ui.selectable_value(&mut choice.order, order, order.label());
                    }
                });
            let label = ui.label("Find a lane:");
            ui.add(
                egui::TextEdit::singleline(&mut choice.filter)
                    .hint_text("type a name")
                    .desired_width(120.0),
            )
            .labelled_by(label.id);
            if self.grouped.is_busy() {
                ui.spinner();
                ui.weak("grouping…");
            }
            if groups > choice.top + 1 || choice.show_all {
                ui.checkbox(&mut choice.show_all, format!("All {groups} lanes"))
                    .on_hover_text(format!(
                        "Off: the first {} lanes, the rest in one \"Other\" lane",
                        choice.top
                    ));
            }
        });
    }

    /// Draws the lane bar and the timeline into the whole of `ui`, its time
    /// axis spanning `x_range`.
    #[expect(
        clippy::too_many_arguments,
        reason = "the timeline reads the dataset, the events on show and their version, the search, the view and the shared axis"
    )]
    pub fn show(
        &mut self,
        ui: &mut Ui,
        loaded: &Arc<LoadedDataset>,
        shown: &Arc<EventOrder>,
        shown_version: u64,
        search_matches: Option<&[bool]>,
        view: &mut ViewState,
        x_range: Rangef,
    ) {
        let ctx = ui.ctx().clone();
        self.refresh_lanes(&ctx, loaded, shown, shown_version);
        self.lane_bar(ui, shown);
        self.refresh_lanes(&ctx, loaded, shown, shown_version);
        let Some(cache) = self.lanes.take() else {
            return;
        };
        self.draw(ui, loaded, &cache.entries, search_matches, view, x_range);
        self.lanes = Some(cache);
    }

    /// The edge between the lane names and the lanes: dragged, it widens or
    /// narrows the names' column, and every time panel's with it.
    fn gutter_handle(&self, ui: &Ui, rect: Rect, edge: f32) {
        let strip = Rect::from_x_y_ranges(edge - 3.0..=edge + 3.0, rect.y_range());
        let handle = ui
            .interact(strip, ui.scope_id().with("lane-names-edge"), Sense::drag())
            .on_hover_text_at_pointer("Drag to widen or narrow the lane names");
        if handle.hovered() || handle.dragged() {
            ui.ctx().set_cursor_icon(egui::CursorIcon::ResizeColumn);
            ui.painter().line_segment(
                [Pos2::new(edge, rect.top()), Pos2::new(edge, rect.bottom())],
                Stroke::new(2.0, ui.visuals().selection.stroke.color),
            );
        }
        if handle.dragged() {
            let width = time_axis::gutter_width(ui.ctx());
            time_axis::set_gutter_width(ui.ctx(), width + handle.drag_delta().x);
        }
    }

    fn draw(
        &mut self,
        ui: &mut Ui,
        loaded: &LoadedDataset,
        entries: &[LaneEntry],
        search_matches: Option<&[bool]>,
        view: &mut ViewState,
        x_range: Rangef,
    ) {
        let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
        let x_range = Rangef::new(
            x_range.min.max(rect.left() + 40.0),
            x_range.max.min(rect.right()).max(rect.left() + 60.0),
        );
        let axis = TimeAxis {
            window: view.window,
            x_range,
        };
        let painter = ui.painter_at(rect);
        let visuals = ui.visuals().clone();
        painter.rect_filled(rect, 0.0, visuals.extreme_bg_color);

        let index = &loaded.index;
        // Lanes left empty by a filter or a search take no room.
        let lanes: Vec<&LaneEntry> = entries.iter().filter(|e| !e.lane.is_empty()).collect();
        let lane_area = Rect::from_min_max(
            Pos2::new(rect.left(), rect.top() + HEADER),
            rect.right_bottom(),
        );
        let lane_height = if lanes.is_empty() {
            0.0
        } else {
            (lane_area.height() / lanes.len() as f32).clamp(18.0, 44.0)
        };
        // Lanes that do not fit scroll with the wheel over their names.
        let overflow = (lane_height * lanes.len() as f32 - lane_area.height()).max(0.0);
        if response.hover_pos().is_some_and(|p| p.x < x_range.min) && overflow > 0.0 {
            self.lane_scroll -= ui.input(|i| i.smooth_scroll_delta.y);
        }
        self.lane_scroll = self.lane_scroll.clamp(0.0, overflow);

        // Grid and tick labels.
        let step = TickStep::choose(axis.days_per_pixel(), TICK_SPACING);
        let text_color = visuals.text_color();
        for (i, day) in ticks(axis.window, step).into_iter().enumerate() {
            let x = axis.x(day);
            painter.line_segment(
                [
                    Pos2::new(x, rect.top() + HEADER - 4.0),
                    Pos2::new(x, rect.bottom()),
                ],
                Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
            );
            // A label that would be cut by the edge is left out, not clipped.
            let galley = painter.layout_no_wrap(
                step.label(day, i == 0),
                FontId::proportional(12.0),
                text_color,
            );
            if x + 3.0 + galley.size().x <= rect.right() {
                painter.galley(Pos2::new(x + 3.0, rect.top() + 3.0), galley, text_color);
            }
        }

        let mut drawn: Vec<Drawn> = Vec::new();
        let mut gutters: Vec<(Rect, &LaneEntry)> = Vec::new();
        let mut frame = TimelineFrame::default();
        let selected = view.selected_event();
        let lane_painter = painter.with_clip_rect(lane_area);
        let first_lane = (self.lane_scroll / lane_height.max(1.0)).floor() as usize;
        let names = std::cell::OnceCell::new();
        for (lane_number, &entry) in lanes.iter().enumerate().skip(first_lane) {
            let lane = &entry.lane;
            let top = lane_area.top() + lane_number as f32 * lane_height - self.lane_scroll;
            let lane_rect =
                Rect::from_min_size(Pos2::new(rect.left(), top), vec2(rect.width(), lane_height));
            if lane_rect.top() > rect.bottom() {
                break;
            }
            if lane_number % 2 == 1 {
                lane_painter.rect_filled(lane_rect, 0.0, visuals.faint_bg_color);
            }
            let color = match (entry.actor, entry.merged) {
                (Some(a), _) => actor_color(&visuals, index, a),
                (None, 0) => {
                    let rgb = palette::lane_color(entry.rank);
                    let [r, g, b] = palette::for_background(rgb, visuals.dark_mode);
                    Color32::from_rgb(r, g, b)
                }
                (None, _) => visuals.weak_text_color(),
            };
            let middle = lane_rect.center().y;

            // Dense by the events that start in view: a long event that began
            // earlier does not make a quiet day look crowded.
            let in_view = lane.count_starting(axis.window.start, axis.window.end);
            let dense = in_view as f32 > DENSE_EVENTS_PER_PIXEL * axis.x_range.span();
            let candidates = lane.candidates(axis.window.start, axis.window.end);
            frame.lanes += 1;
            frame.dense_lanes += usize::from(dense);
            if dense {
                draw_density(&lane_painter, &axis, lane, lane_rect, color);
            } else {
                let events = lane.events[candidates]
                    .iter()
                    .chain(&lane.long_events)
                    .map(|&e| e as usize);
                let marks = Marks {
                    color,
                    selected,
                    search: search_matches,
                };
                draw_events(
                    ui,
                    &lane_painter,
                    &axis,
                    loaded,
                    events,
                    lane_rect,
                    &marks,
                    &mut drawn,
                );
            }

            // Lane name in the gutter, over anything that scrolled under it.
            let gutter = Rect::from_min_max(
                lane_rect.min,
                Pos2::new(axis.x_range.min - 2.0, lane_rect.max.y),
            );
            lane_painter.rect_filled(gutter, 0.0, visuals.panel_fill);
            lane_painter.rect_filled(
                Rect::from_min_size(
                    Pos2::new(gutter.left() + 4.0, middle - 5.0),
                    vec2(10.0, 10.0),
                ),
                2.0,
                color,
            );
            let name = crate::format::line(&entry.name).into_owned();
            let font = FontId::proportional(12.5);
            let names = names.get_or_init(|| LaneNames::new(lanes.iter().map(|l| l.name.as_str())));
            let name = fitting_name(ui, &name, names, &font, (gutter.width() - 20.0).max(10.0));
            let galley = painter.layout_no_wrap(name, font, text_color);
            lane_painter.with_clip_rect(gutter).galley(
                Pos2::new(gutter.left() + 18.0, middle - galley.size().y / 2.0),
                galley,
                text_color,
            );
            gutters.push((gutter.intersect(lane_area), entry));
        }
        frame.marks = drawn.len();
        frame.height = rect.height();
        frame.lanes_top = lane_area.top() - self.lane_scroll;
        frame.lane_height = lane_height;
        self.last_frame = frame;
        let header_gutter = Rect::from_min_max(
            rect.min,
            Pos2::new(axis.x_range.min - 2.0, rect.top() + HEADER),
        );
        painter.rect_filled(header_gutter, 0.0, visuals.panel_fill);
        painter.text(
            Pos2::new(header_gutter.left() + 4.0, header_gutter.center().y),
            Align2::LEFT_CENTER,
            "Events",
            FontId::proportional(12.5),
            visuals.strong_text_color(),
        );
        self.gutter_handle(ui, rect, axis.x_range.min - 2.0);

        // The span, the selection and the cursor across the lanes.
        axis.paint_overlays(&painter, rect, view, index);

        // Hover and click: a mark lists its events; a click on a mark of several
        // steps through them.
        let pointer = response.hover_pos();
        let hovered = pointer.and_then(|pointer| nearest(&drawn, pointer));
        if let Some(mark) = hovered {
            response
                .clone()
                .on_hover_ui_at_pointer(|ui| mark_tooltip(ui, loaded, &mark.events));
        } else if let Some((_, entry)) =
            pointer.and_then(|p| gutters.iter().find(|(gutter, _)| gutter.contains(p)))
        {
            let name = entry
                .actor
                .and_then(|a| loaded.dataset.actors.get(a))
                .map_or(entry.name.as_str(), |a| a.name.as_str());
            let mut text = format!(
                "{}\n{} in this lane",
                crate::format::line(name),
                crate::format::plural(entry.lane.len(), "event")
            );
            if entry.merged > 0 {
                text.push_str(
                    "\nThe lanes past the top ones, merged: \"All lanes\" above opens them",
                );
            }
            response.clone().on_hover_text_at_pointer(text);
        }
        if response.clicked() {
            match hovered {
                Some(mark) => {
                    let next = match mark.events.iter().position(|&e| Some(e) == selected) {
                        Some(at) => mark.events[(at + 1) % mark.events.len()],
                        None => mark.events[0],
                    };
                    view.select_event(next);
                }
                None => view.selection = None,
            }
        }
        navigate(ui, &response, &axis, view, index);
        if response.hovered() {
            ui.ctx().set_cursor_icon(if hovered.is_some() {
                egui::CursorIcon::PointingHand
            } else {
                egui::CursorIcon::Grab
            });
        }
    }
}

impl TimelinePanel {
    /// The names of the lanes, in order, as last worked out.
    pub fn lane_names(&self) -> Vec<String> {
        self.lanes.as_ref().map_or_else(Vec::new, |c| {
            c.entries.iter().map(|e| e.name.clone()).collect()
        })
    }

    /// Notes that this frame has no timeline (a dataset without events).
    pub fn not_drawn(&mut self) {
        self.last_frame = TimelineFrame::default();
    }

    /// What the last frame drew.
    pub fn last_frame(&self) -> TimelineFrame {
        self.last_frame
    }
}

fn nearest(drawn: &[Drawn], pointer: Pos2) -> Option<&Drawn> {
    drawn
        .iter()
        .filter(|d| d.rect.expand(3.0).contains(pointer))
        .min_by(|a, b| {
            let da = (a.rect.center().x - pointer.x).abs();
            let db = (b.rect.center().x - pointer.x).abs();
            da.total_cmp(&db)
        })
}

/// The lanes to draw for a choice: actor lanes from the events on show, others
/// from their groups.
fn entries(
    loaded: &LoadedDataset,
    shown: &EventOrder,
    groups: &[LaneGroup],
    choice: &LaneChoice,
) -> Vec<LaneEntry> {
    if choice.grouping == LaneGrouping::Actor {
        lanes::actor_lanes(&loaded.dataset, &loaded.index, shown, choice)
    } else {
        lanes::lanes(groups, &loaded.index, choice)
    }
}

/// What lane names share, so that what tells a lane apart is the last to be
/// cut: among "Province N, Exampleland" the shared ", Exampleland" goes first,
/// and "Armed group 356" is shown "Armed…356" beside "Armed group 35".
struct LaneNames<'a> {
    /// Every lane's name, sorted: a name shares its longest start with a neighbour.
    sorted: Vec<&'a str>,
    /// Bytes of whole words every name ends with.
    suffix: usize,
}

impl<'a> LaneNames<'a> {
    fn new(names: impl Iterator<Item = &'a str>) -> Self {
        let mut sorted: Vec<&str> = names.collect();
        sorted.sort_unstable();
        sorted.dedup();
        let suffix = match sorted.split_first() {
            Some((first, rest)) if !rest.is_empty() => {
                let same = rest
                    .iter()
                    .map(|name| common_suffix(first, name))
                    .min()
                    .unwrap_or(0);
                let tail = &first[first.len() - same..];
                // Whole words only: from the first break in the shared end.
                tail.find(|c: char| !c.is_alphanumeric())
                    .map_or(0, |at| tail.len() - at)
            }
            _ => 0,
        };
        Self { sorted, suffix }
    }

    /// Bytes of whole words `name` starts with that another lane's name starts
    /// with too.
    fn shared_start(&self, name: &str) -> usize {
        let at = self.sorted.partition_point(|n| *n < name);
        let neighbours = [at.checked_sub(1), Some(at), Some(at + 1)];
        let same = neighbours
            .into_iter()
            .flatten()
            .filter_map(|i| self.sorted.get(i))
            .filter(|other| **other != name)
            .map(|other| common_prefix(name, other))
            .max()
            .unwrap_or(0);
        let head = &name[..same];
        head.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |at| {
            at + head[at..].chars().next().map_or(1, char::len_utf8)
        })
    }
}

/// Bytes `a` and `b` start with alike, on a character boundary.
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((at, _), _)| at)
}

/// Bytes `a` and `b` end with alike, on a character boundary.
fn common_suffix(a: &str, b: &str) -> usize {
    let mut same = 0;
    for (x, y) in a.chars().rev().zip(b.chars().rev()) {
        if x != y {
            break;
        }
        same += x.len_utf8();
    }
    same
}

/// A lane name that fits `width`: whole; else without the words every lane
/// ends with; else its first word and what it does not share with another
/// lane's name ("Armed…356"), or that alone ("…356"); else its start and its
/// end around "…", so that "Government of Syria" and "Government of Iraq" stay
/// apart.
fn fitting_name(ui: &Ui, name: &str, names: &LaneNames<'_>, font: &FontId, width: f32) -> String {
    let fits = |text: &str| {
        ui.fonts_mut(|f| {
            f.layout_no_wrap(text.to_owned(), font.clone(), Color32::PLACEHOLDER)
                .size()
                .x
        }) <= width
    };
    if fits(name) {
        return name.to_owned();
    }
    let own_end = name.len().saturating_sub(names.suffix);
    let own = if names.suffix > 0 && name.is_char_boundary(own_end) && own_end > 0 {
        let own = name[..own_end].trim_end();
        let candidate = format!("{own}…");
        if fits(&candidate) {
            return candidate;
        }
        own
    } else {
        name
    };
    let start = names.shared_start(name).min(own.len());
    if start > 0 && start < own.len() {
        let distinct = own[start..].trim_start();
        let first_word_end = own
            .find(|c: char| !c.is_alphanumeric())
            .filter(|&end| end > 0 && end < start);
        if let Some(end) = first_word_end {
            let candidate = format!("{}…{distinct}", &own[..end]);
            if fits(&candidate) {
                return candidate;
            }
        }
        let candidate = format!("…{distinct}");
        if fits(&candidate) {
            return candidate;
        }
    }
    let chars: Vec<char> = own.chars().collect();
    let (mut keep, mut too_many) = (0, chars.len());
    while keep + 1 < too_many {
        let middle = (keep + too_many) / 2;
        if fits(&elide_middle(&chars, middle)) {
            keep = middle;
        } else {
            too_many = middle;
        }
    }
    elide_middle(&chars, keep)
}

/// `keep` characters of `chars`: the first half and the last, joined by "…".
fn elide_middle(chars: &[char], keep: usize) -> String {
    let head = keep.div_ceil(2);
    let tail = keep - head;
    chars[..head]
        .iter()
        .chain(std::iter::once(&'…'))
        .chain(&chars[chars.len() - tail..])
        .collect()
}

/// Events listed in a mark's tooltip before "and N more".
const LISTED_IN_TOOLTIP: usize = 12;

fn mark_tooltip(ui: &mut Ui, loaded: &LoadedDataset, events: &[usize]) {
    let dataset = &loaded.dataset;
    if let [event] = events {
        let e = &dataset.events[*event];
        ui.strong(crate::format::line(&e.title));
        ui.label(crate::format::event_dates(e));
        ui.label(format!(
            "{} · {}",
            e.confidence.label(),
            crate::format::plural(e.cites.len(), "source")
        ));
        return;
    }
    ui.strong(format!(
        "{} here",
        crate::format::plural(events.len(), "event")
    ));
    for &event in events.iter().take(LISTED_IN_TOOLTIP) {
        let e = &dataset.events[event];
        ui.label(format!(
            "{} · {}",
            crate::format::event_dates(e),
            crate::format::clip(&crate::format::line(&e.title), 70)
        ));
    }
    if events.len() > LISTED_IN_TOOLTIP {
        ui.weak(format!("and {} more", events.len() - LISTED_IN_TOOLTIP));
    }
    ui.weak("Click to step through them");
}

fn draw_density(
    painter: &egui::Painter,
    axis: &TimeAxis,
    lane: &crate::data::Lane,
    lane_rect: Rect,
    color: Color32,
) {
    let buckets = (axis.x_range.span() / BUCKET).ceil().max(1.0) as usize;
    let mut counts = Vec::with_capacity(buckets);
    let mut max = 1usize;
    for b in 0..buckets {
        let x0 = axis.x_range.min + b as f32 * BUCKET;
        let count = lane.count_starting(axis.day(x0), axis.day(x0 + BUCKET));
        max = max.max(count);
        counts.push(count);
    }
    let mut mesh = Mesh::default();
    // Square-root scale: bursts stand out, single events stay visible.
    let full = lane_rect.height() - 4.0;
    let scale = (max as f32).sqrt();
    for (b, &count) in counts.iter().enumerate() {
        if count == 0 {
            continue;
        }
        let height = (full * ((count as f32).sqrt() / scale)).max(2.0);
        let x0 = axis.x_range.min + b as f32 * BUCKET;
        let bar = Rect::from_min_max(
            Pos2::new(x0, lane_rect.center().y - height / 2.0),
            Pos2::new(x0 + BUCKET, lane_rect.center().y + height / 2.0),
        );
        mesh.add_colored_rect(bar, color.gamma_multiply(0.85));
    }
    painter.add(Shape::mesh(mesh));
}

#[expect(
    clippy::too_many_arguments,
    reason = "one lane's drawing needs the painter, the axis, the lane and its row"
)]
fn draw_events(
    ui: &Ui,
    painter: &egui::Painter,
    axis: &TimeAxis,
    loaded: &LoadedDataset,
    events: impl Iterator<Item = usize>,
    lane_rect: Rect,
    marks: &Marks<'_>,
    drawn: &mut Vec<Drawn>,
) {
    let Marks {
        selected, search, ..
    } = *marks;
    let middle = lane_rect.center().y;
    let half = (lane_rect.height() * 0.28).clamp(3.0, 7.0);
    let first_drawn = drawn.len();
    let outline = |hit: Rect, group: &[usize]| {
        if selected.is_some_and(|s| group.contains(&s)) {
            painter.rect_stroke(
                hit.expand(3.0),
                3.0,
                Stroke::new(2.0, ui.visuals().selection.stroke.color),
                StrokeKind::Outside,
            );
        } else if search.is_some() && group.iter().any(|&e| marks.matches(e)) {
            painter.rect_stroke(
                hit.expand(2.0),
                2.0,
                Stroke::new(1.5, ui.visuals().warn_fg_color),
                StrokeKind::Outside,
            );
        }
    };
    // Markers wait until every event of the lane is placed, to be grouped
    // where they share a pixel.
    let mut markers: Vec<(f32, usize)> = Vec::new();
    for event in events {
        let span = loaded.index.spans[event];
        let (x0, x1) = (axis.x(span.start), axis.x(span.end));
        if x1 < axis.x_range.min || x0 > axis.x_range.max {
            continue;
        }
        let e = &loaded.dataset.events[event];
        let color = marks.color_of(event);
        if e.end.is_some() {
            let firm = confidence_is_firm(e.confidence);
            let bar = Rect::from_min_max(
                Pos2::new(x0, middle - half),
                Pos2::new(x1.max(x0 + 2.0), middle + half),
            );
            painter.rect_filled(
                bar,
                2.0,
                color.gamma_multiply(if firm { 0.55 } else { 0.25 }),
            );
            painter.rect_stroke(bar, 2.0, Stroke::new(1.0, color), StrokeKind::Inside);
            outline(bar, &[event]);
            drawn.push(Drawn {
                events: vec![event],
                rect: bar,
                is_range: true,
            });
        } else {
            if e.date.precision() != DatePrecision::Day && x1 - x0 > 2.0 {
                let faint =
                    Rect::from_min_max(Pos2::new(x0, middle - half), Pos2::new(x1, middle + half));
                painter.rect_filled(faint, 1.0, color.gamma_multiply(0.18));
            }
            markers.push(((x0 + x1) / 2.0, event));
        }
    }
    markers.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut i = 0;
    while i < markers.len() {
        let x = markers[i].0;
        let mut j = i + 1;
        while j < markers.len() && markers[j].0 - x < half {
            j += 1;
        }
        let group: Vec<usize> = markers[i..j].iter().map(|&(_, e)| e).collect();
        i = j;
        let shown = group
            .iter()
            .copied()
            .find(|&e| marks.matches(e))
            .unwrap_or(group[0]);
        let color = marks.color_of(shown);
        let firm = group
            .iter()
            .any(|&e| confidence_is_firm(loaded.dataset.events[e].confidence));
        let center = Pos2::new(x, middle);
        let radius = if group.len() > 1 { half } else { half * 0.8 };
        if firm {
            painter.add(CircleShape::filled(center, radius, color));
        } else {
            painter.add(CircleShape::stroke(center, radius, Stroke::new(1.5, color)));
        }
        if group.len() > 1 {
            // The count inside the marker: several events share this spot.
            let text = if group.len() > 99 {
                "99+".to_owned()
            } else {
                group.len().to_string()
            };
            let ink = if !firm {
                color
            } else if crate::data::palette::luma([color.r(), color.g(), color.b()]) > 140.0 {
                Color32::BLACK
            } else {
                Color32::WHITE
            };
            painter.text(
                center,
                Align2::CENTER_CENTER,
                text,
                FontId::proportional((radius * 1.35).clamp(7.0, 10.0)),
                ink,
            );
        }
        let hit = Rect::from_center_size(center, vec2(half * 2.0, half * 2.0));
        outline(hit, &group);
        drawn.push(Drawn {
            events: group,
            rect: hit,
            is_range: false,
        });
    }

    // Labels: each to the right of its mark (inside the start of a bar), as far
    // as the next mark, never over a mark or a bar or another label; elided,
    // full text on hover.
    let lane_drawn = &mut drawn[first_drawn..];
    lane_drawn.sort_by(|a, b| a.rect.left().total_cmp(&b.rect.left()));
    let bars: Vec<Rect> = lane_drawn
        .iter()
        .filter(|d| d.is_range)
        .map(|d| d.rect)
        .collect();
    let font = FontId::proportional((lane_rect.height() * 0.42).clamp(9.0, 13.0));
    let text_color = ui.visuals().text_color();
    let mut occupied_until = f32::NEG_INFINITY;
    for i in 0..lane_drawn.len() {
        let d = &lane_drawn[i];
        let start = if d.is_range {
            d.rect.left().max(axis.x_range.min) + 3.0
        } else {
            d.rect.right() + 3.0
        };
        if start < occupied_until {
            continue;
        }
        // Another bar under the label's start leaves no room for it.
        if bars
            .iter()
            .any(|bar| *bar != d.rect && bar.left() <= start && bar.right() > start)
        {
            continue;
        }
        let limit = lane_drawn[i + 1..]
            .iter()
            .map(|n| n.rect.left())
            .find(|&left| left > start)
            .unwrap_or(axis.x_range.max)
            .min(axis.x_range.max)
            - 4.0;
        let width = limit - start;
        if width < 28.0 {
            continue;
        }
        let first = &loaded.dataset.events[d.events[0]];
        let title = crate::format::line(&first.title);
        let text = if d.events.len() > 1 {
            format!("{} events: {title}", d.events.len())
        } else {
            title.into_owned()
        };
        let mut job = LayoutJob::simple_singleline(text, font.clone(), Color32::PLACEHOLDER);
        job.wrap = TextWrapping {
            max_width: width,
            max_rows: 1,
            break_anywhere: true,
            overflow_character: Some('…'),
        };
        let galley = ui.fonts_mut(|f| f.layout_job(job));
        occupied_until = start + galley.size().x + 6.0;
        let y = middle - galley.size().y / 2.0;
        let label_color = if d.events.iter().any(|&e| marks.matches(e)) {
            text_color
        } else {
            ui.visuals().weak_text_color()
        };
        painter.galley(Pos2::new(start, y), galley, label_color);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_lane_names_share_is_found_in_whole_words() {
        let regions = [
            "Province 1, Exampleland",
            "Province 12, Exampleland",
            "Province 3, Exampleland",
        ];
        let names = LaneNames::new(regions.into_iter());
        assert_eq!(
            &regions[1][regions[1].len() - names.suffix..],
            ", Exampleland"
        );
        assert_eq!(&regions[1][..names.shared_start(regions[1])], "Province ");
        let actors = [
            "Armed group 35",
            "Armed group 356",
            "Militia 29",
            "Politicians",
        ];
        let names = LaneNames::new(actors.into_iter());
        assert_eq!(names.suffix, 0);
        assert_eq!(names.shared_start("Armed group 356"), "Armed group ".len());
        assert_eq!(names.shared_start("Militia 29"), 0, "no other militia");
        // A shared start inside a word is no shared word.
        let names = LaneNames::new(["Political militias", "Politicians"].into_iter());
        assert_eq!(names.shared_start("Politicians"), 0);
    }

    #[test]
    fn a_lane_name_too_long_keeps_what_tells_it_apart() {
        let ctx = egui::Context::default();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let font = FontId::proportional(12.5);
            let fit = |all: &[&str], width: f32| -> Vec<String> {
                let names = LaneNames::new(all.iter().copied());
                all.iter()
                    .map(|name| fitting_name(ui, name, &names, &font, width))
                    .collect()
            };
            assert_eq!(
                fit(
                    &["Province 7 of Exampleland", "Province 12 of Exampleland"],
                    80.0
                ),
                ["Province 7…", "Province 12…"]
            );
            assert_eq!(
                fit(&["Armed group 356", "Armed group 35", "Militia 29"], 80.0),
                ["Armed…356", "Armed…35", "Militia 29"]
            );
        });
        output.textures_delta.clear();
    }

    #[test]
    fn names_cut_in_the_middle_keep_their_ends() {
        let chars: Vec<char> = "Government of Syria".chars().collect();
        assert_eq!(elide_middle(&chars, 10), "Gover…Syria");
        let other: Vec<char> = "Government of Iraq".chars().collect();
        assert_ne!(elide_middle(&chars, 9), elide_middle(&other, 9));
        assert_eq!(elide_middle(&chars, 0), "…");
    }
}
