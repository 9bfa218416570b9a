//! Territory on the map: for each control map of the dataset, the snapshot in
//! force at the time cursor (or, with the pointer elsewhere, at the end of
//! the time window), filled see-through in its actor's colour with its
//! outline, and a line saying which map it is and how old. Each is
//! simplified for the zoom level it is drawn at, and its mesh kept.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use egui::{Color32, Painter, Rect, Shape, Stroke};

use super::base::Shapes;
use super::camera::Camera;
use super::pattern::{self, MapStyle};
use super::{FrameContext, MapPanel};
use crate::data::map::base_map::BaseMap;
use crate::data::span::MapChange;
use crate::job::{Job, JobStatus};
use crate::view::ViewState;

/// How many triangulated snapshots are kept: enough for every map's snapshot
/// on screen and those playback passed a moment ago, few enough that playing
/// a thousand daily maps does not keep a thousand meshes.
const KEPT_SNAPSHOTS: usize = 64;

/// Geometry of at most this many positions is simplified and triangulated on
/// the frame that needs it (about a millisecond); larger geometry in the
/// background, the map's last mesh standing in meanwhile.
const INLINE_POSITIONS: usize = 10_000;

/// What of a control map a mesh draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Drawn {
    /// A snapshot, simplified for a zoom level.
    Snapshot(usize, i32),
    /// The ground gained between two snapshots, at a zoom level.
    Gained(usize, usize, i32),
    /// The ground lost between two snapshots, at a zoom level.
    Lost(usize, usize, i32),
    /// The ground this map's snapshot holds and another map's does not: the
    /// snapshot, the other map and its snapshot, a zoom level.
    Only(usize, usize, usize, i32),
}

/// A mesh's key: the load, the control map and what of it is drawn.
type MeshKey = (u64, usize, Drawn);

/// Snapshots (and the ground gained and lost between two) triangulated, by
/// load, map and what is drawn, the least recently drawn let go first; large
/// ones triangulated in the background, work no longer asked for cancelled.
#[derive(Default)]
pub(super) struct TerritoryCache {
    meshes: HashMap<MeshKey, (Arc<BaseMap>, u64)>,
    /// Counts the snapshots asked for: when each was last drawn.
    clock: u64,
    /// Meshes being made on other threads.
    pending: HashMap<MeshKey, Job<BaseMap>>,
    /// Meshes asked for this frame: pending work for any other is dropped.
    asked: HashSet<MeshKey>,
    /// Each map's snapshot drawn last, by load and map: drawn while the
    /// snapshot in force is being triangulated.
    last_drawn: HashMap<(u64, usize), Arc<BaseMap>>,
}

impl TerritoryCache {
    /// The mesh of `key`, made by `make`: at once when `positions` are few,
    /// else in the background (`wake` is called when it is ready), `None`
    /// until then.
    fn get(
        &mut self,
        key: MeshKey,
        positions: usize,
        wake: impl Fn() + Send + 'static,
        make: impl FnOnce() -> BaseMap + Send + 'static,
    ) -> Option<Arc<BaseMap>> {
        self.clock += 1;
        self.asked.insert(key);
        let clock = self.clock;
        if let Some((mesh, used)) = self.meshes.get_mut(&key) {
            *used = clock;
            return Some(Arc::clone(mesh));
        }
        let made = if positions <= INLINE_POSITIONS {
            make()
        } else {
            let status = match self.pending.get(&key) {
                Some(job) => job.poll(),
                None => {
                    if let Ok(job) = Job::spawn("triangulate", wake, move |_| Some(make())) {
                        self.pending.insert(key, job);
                    }
                    return None;
                }
            };
            match status {
                JobStatus::Done(mesh) => {
                    self.pending.remove(&key);
                    mesh
                }
                JobStatus::Running => return None,
                JobStatus::Gone => {
                    self.pending.remove(&key);
                    return None;
                }
            }
        };
        if self.meshes.len() >= KEPT_SNAPSHOTS
            && let Some(oldest) = self
                .meshes
                .iter()
                .min_by_key(|(_, (_, used))| *used)
                .map(|(key, _)| *key)
        {
            self.meshes.remove(&oldest);
        }
        let mesh = Arc::new(made);
        self.meshes.insert(key, (Arc::clone(&mesh), clock));
        Some(mesh)
    }

    /// Lets go of the meshes of other loads.
    fn keep_load(&mut self, generation: u64) {
        self.meshes.retain(|(g, _, _), _| *g == generation);
        self.last_drawn.retain(|(g, _), _| *g == generation);
    }

    /// Ends a frame: work for meshes not asked for in it is cancelled (the
    /// playhead has moved on, the zoom changed).
    fn end_frame(&mut self) {
        let asked = std::mem::take(&mut self.asked);
        self.pending.retain(|key, _| asked.contains(key));
    }

    /// Whether meshes are being made in the background.
    pub(super) fn is_working(&self) -> bool {
        !self.pending.is_empty()
    }
}

/// How many positions `polygons` have.
fn positions(polygons: &[Vec<Vec<(f64, f64)>>]) -> usize {
    polygons.iter().flatten().map(Vec::len).sum()
}

/// Zoomed in this far (points per degree, as a power of two) or further, a
/// map is drawn with every position it has.
const FULL_DETAIL_LEVEL: i32 = 14;

/// The zoom level a camera draws at: the power of two at or below its points
/// per degree, so that meshes are kept per level, not per frame of a zoom.
fn zoom_level(camera: &Camera) -> i32 {
    (camera.points_per_degree.max(1e-3).log2().floor() as i32).min(FULL_DETAIL_LEVEL)
}

/// `polygons` with the positions that would lie within half a screen point
/// of the outline at `level` left out.
fn simplified(polygons: &[Vec<Vec<(f64, f64)>>], level: i32) -> Vec<Vec<Vec<(f64, f64)>>> {
    if level >= FULL_DETAIL_LEVEL {
        return polygons.to_vec();
    }
    let tolerance = 0.5 / 2f64.powi(level);
    polygons
        .iter()
        .map(|rings| {
            rings
                .iter()
                .map(|ring| crate::data::map::simplify::simplified(ring, tolerance))
                .collect()
        })
        .collect()
}

/// A line above the map about one control map: which snapshot is drawn (by
/// map and snapshot) and in what style, or what the span did to it.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct MapLine {
    /// What is said.
    pub(super) text: String,
    /// The style the map is drawn in, for its swatch.
    pub(super) style: Option<MapStyle>,
    /// The snapshot drawn, by map and snapshot index.
    pub(super) snapshot: Option<(usize, usize)>,
}

impl MapPanel {
    /// The control maps of `lines` whose drawn area holds a place, topmost
    /// first, as (map, snapshot): found on the outlines as drawn, simplified
    /// to within half a point at this zoom.
    fn maps_at(
        &self,
        lines: &[MapLine],
        generation: u64,
        lon: f64,
        lat: f64,
    ) -> Vec<(usize, usize)> {
        lines
            .iter()
            .rev()
            .filter_map(|line| line.snapshot)
            .filter(|&(m, _)| {
                self.territory
                    .last_drawn
                    .get(&(generation, m))
                    .is_some_and(|mesh| mesh.country_at(lon as f32, lat as f32).is_some())
            })
            .collect()
    }

    /// Names the control maps under the pointer (actor, organisation, scope,
    /// the snapshot's date and its source); a click selects the topmost, so
    /// that the details panel shows its citation. Returns the maps hovered.
    pub(super) fn hover_maps(
        &self,
        response: &egui::Response,
        cx: &FrameContext<'_>,
        lines: &[MapLine],
        camera: &Camera,
        view: &mut crate::ui::PanelView<'_>,
    ) -> Vec<(usize, usize)> {
        let Some(pointer) = response.hover_pos() else {
            return Vec::new();
        };
        let (lon, lat) = camera.to_place(response.rect, pointer);
        let under = self.maps_at(lines, cx.generation, lon, lat);
        let Some(&(map, snapshot)) = under.first() else {
            return under;
        };
        if response.clicked() {
            view.ask(crate::view::ViewChange::Select(Some(
                crate::view::Selection::Snapshot { map, snapshot },
            )));
        }
        let text = under
            .iter()
            .filter_map(|&(m, i)| snapshot_words(cx.loaded, m, i))
            .collect::<Vec<_>>()
            .join("\n\n");
        response
            .clone()
            .on_hover_text_at_pointer(format!("{text}\n\nClick for its citation"));
        under
    }
}

/// A snapshot in words, for the map's tooltip: "IS · DeepState · Ukraine",
/// "map of 2022-03-01", "source: DeepState, “Map of 1 March”".
pub fn snapshot_words(
    loaded: &crate::data::LoadedDataset,
    map: usize,
    snapshot: usize,
) -> Option<String> {
    let label = loaded.map_label(map)?;
    let found = loaded.dataset.territory.get(map)?.snapshots.get(snapshot)?;
    let source = loaded
        .index
        .source_by_id
        .get(found.cite.source.as_str())
        .and_then(|&s| loaded.dataset.sources.get(s))
        .map_or_else(
            || format!("unknown source {:?}", found.cite.source.as_str()),
            |s| {
                format!(
                    "{}, “{}”",
                    crate::format::line(&s.publisher),
                    crate::format::line(&s.title)
                )
            },
        );
    Some(format!(
        "{}\nmap of {}\nsource: {source}",
        crate::format::line(&label),
        found.date
    ))
}

/// What a map did over the span, for its line above the map: the ground
/// gained and lost, or why no change can be given.
fn span_line(cx: &FrameContext<'_>, change: &MapChange) -> String {
    let label = cx.loaded.map_label(change.map).unwrap_or_default();
    match change.stale_edge() {
        Some(edge) => {
            let (which, age) = match edge {
                crate::data::span::Edge::Start => ("start", change.start_age_days),
                crate::data::span::Edge::End => ("end", change.end_age_days),
            };
            format!(
                "{label} over the span: no change can be given: the map at the span's {which} is {} old",
                crate::format::plural(age as usize, "day")
            )
        }
        None => format!(
            "{label} over the span: {} km² gained (green), {} km² lost (red)",
            crate::format::square_km(change.gained_km2),
            crate::format::square_km(change.lost_km2)
        ),
    }
}

/// The fill of ground gained over the span.
const GAINED: Color32 = Color32::from_rgb(46, 204, 113);
/// The fill of ground lost over the span.
const LOST: Color32 = Color32::from_rgb(231, 76, 60);

impl MapPanel {
    /// The ground each map says was gained (green) and lost (red) over the span.
    fn draw_changes(
        &mut self,
        shapes: &mut Shapes,
        cx: &FrameContext<'_>,
        changes: &Arc<Vec<MapChange>>,
        camera: &Camera,
        rect: Rect,
        wake: &egui::Context,
    ) {
        let level = zoom_level(camera);
        for (c, change) in changes.iter().enumerate() {
            if change.before == change.after
                || change.stale_edge().is_some()
                || self.hidden_maps.contains(&change.map)
            {
                continue;
            }
            let (m, b, a) = (change.map, change.before, change.after);
            for (drawn, polygons, colour, gained) in [
                (Drawn::Gained(b, a, level), &change.gained, GAINED, true),
                (Drawn::Lost(b, a, level), &change.lost, LOST, false),
            ] {
                if polygons.is_empty() {
                    continue;
                }
                let all = Arc::clone(changes);
                let ctx = wake.clone();
                let mesh = self.territory.get(
                    (cx.generation, m, drawn),
                    positions(polygons),
                    move || ctx.request_repaint(),
                    move || {
                        let polygons = all.get(c).map_or(&[][..], |change| {
                            if gained { &change.gained } else { &change.lost }
                        });
                        BaseMap::of_polygons("change", &simplified(polygons, level))
                    },
                );
                if let Some(mesh) = mesh
                    && let Some(area) = mesh.countries.first()
                {
                    shapes.add(
                        &mesh,
                        area,
                        camera,
                        rect,
                        colour.gamma_multiply(0.55),
                        Stroke::new(1.2, colour),
                    );
                }
            }
        }
    }

    /// Where two organisations' maps of one actor disagree, each one's own
    /// ground drawn strongly in its style; a line for each pair with the km².
    fn draw_disagreements(
        &mut self,
        shapes: &mut Shapes,
        cx: &FrameContext<'_>,
        drawn: &[MapLine],
        camera: &Camera,
        rect: Rect,
        wake: &egui::Context,
    ) -> Vec<MapLine> {
        let Some(found) = cx.disagreements.clone() else {
            return Vec::new();
        };
        let level = zoom_level(camera);
        let style_of = |map: usize| {
            drawn
                .iter()
                .find(|l| l.snapshot.is_some_and(|(m, _)| m == map))
                .and_then(|l| l.style)
        };
        let mut lines = Vec::new();
        for (k, d) in found.iter().enumerate() {
            let shown = |(m, i): (usize, usize)| drawn.iter().any(|l| l.snapshot == Some((m, i)));
            if !shown(d.a) || !shown(d.b) {
                continue;
            }
            for (own, other, first) in [(d.a, d.b, true), (d.b, d.a, false)] {
                let polygons = if first { &d.a_only } else { &d.b_only };
                let Some(style) = style_of(own.0) else {
                    continue;
                };
                if polygons.is_empty() {
                    continue;
                }
                let all = Arc::clone(&found);
                let ctx = wake.clone();
                let mesh = self.territory.get(
                    (
                        cx.generation,
                        own.0,
                        Drawn::Only(own.1, other.0, other.1, level),
                    ),
                    positions(polygons),
                    move || ctx.request_repaint(),
                    move || {
                        let polygons = all
                            .get(k)
                            .map_or(&[][..], |d| if first { &d.a_only } else { &d.b_only });
                        BaseMap::of_polygons("only", &simplified(polygons, level))
                    },
                );
                if let Some(mesh) = mesh
                    && let Some(area) = mesh.countries.first()
                {
                    shapes.add_fill(&mesh, area, camera, rect, style.colour.gamma_multiply(0.6));
                    pattern::add_styled(&mut shapes.outlines, &mesh, area, camera, rect, style);
                }
            }
            let org = |(m, _): (usize, usize)| {
                cx.loaded
                    .dataset
                    .territory
                    .get(m)
                    .map_or("?", |map| map.source_org.as_str())
            };
            let actor = cx
                .loaded
                .dataset
                .territory
                .get(d.a.0)
                .map_or("?", |map| cx.loaded.actor_short(&map.actor));
            lines.push(MapLine {
                text: format!(
                    "{actor}: only {} {} km², only {} {} km², both {} km²",
                    org(d.a),
                    crate::format::square_km(d.a_only_km2),
                    org(d.b),
                    crate::format::square_km(d.b_only_km2),
                    crate::format::square_km(d.both_km2)
                ),
                style: None,
                snapshot: None,
            });
        }
        lines
    }

    /// Draws the snapshot in force of every control map, each in its
    /// organisation's style; returns what the status line says of each ("IS ·
    /// DeepState: map of 2022-03-01, 3 days earlier") and the snapshots drawn.
    pub(super) fn draw_territory(
        &mut self,
        painter: &Painter,
        cx: &FrameContext<'_>,
        view: &ViewState,
        camera: &Camera,
        rect: Rect,
    ) -> Vec<MapLine> {
        let dataset = &cx.loaded.dataset;
        if dataset.territory.is_empty() {
            return Vec::new();
        }
        let looks = crate::data::series_plan::map_looks(dataset, &cx.loaded.index);
        self.territory.keep_load(cx.generation);
        let day = view.cursor().unwrap_or(view.window().end).floor();
        let visuals = painter.ctx().global_style().visuals.clone();
        let mut shapes = Shapes::default();
        let mut said = Vec::new();
        let level = zoom_level(camera);
        for (m, map) in dataset.territory.iter().enumerate() {
            if self.hidden_maps.contains(&m) {
                continue;
            }
            let actor = cx.loaded.index.actor_by_id.get(map.actor.as_str()).copied();
            let label = map.label(cx.loaded.actor_short(&map.actor));
            let Some((i, snapshot)) = map.in_force(day) else {
                said.push(MapLine {
                    text: format!("{label}: no map yet"),
                    style: None,
                    snapshot: None,
                });
                continue;
            };
            let loaded = Arc::clone(cx.loaded);
            let ctx = painter.ctx().clone();
            let name = label.clone();
            let made = self.territory.get(
                (cx.generation, m, Drawn::Snapshot(i, level)),
                positions(snapshot.shape()),
                move || ctx.request_repaint(),
                move || {
                    let shape = loaded
                        .dataset
                        .territory
                        .get(m)
                        .and_then(|map| map.snapshots.get(i))
                        .map_or(&[][..], |snapshot| snapshot.shape());
                    BaseMap::of_polygons(&name, &simplified(shape, level))
                },
            );
            let drawing = made.is_none();
            let shape = match made {
                Some(mesh) => {
                    self.territory
                        .last_drawn
                        .insert((cx.generation, m), Arc::clone(&mesh));
                    Some(mesh)
                }
                None => self.territory.last_drawn.get(&(cx.generation, m)).cloned(),
            };
            let style = MapStyle {
                colour: actor.map_or(visuals.strong_text_color(), |a| {
                    crate::ui::actor_color(&visuals, &cx.loaded.index, a)
                }),
                dash: looks.get(m).map_or(0, |look| look.dash),
            };
            if let Some(shape) = &shape
                && let Some(area) = shape.countries.first()
            {
                shapes.add_fill(shape, area, camera, rect, style.fill());
                pattern::add_styled(&mut shapes.outlines, shape, area, camera, rect, style);
            }
            let age = (day - f64::from(snapshot.date.start_day())).max(0.0) as i64;
            let mut line = match age {
                0 => format!("{label}: map of {}", snapshot.date),
                1 => format!("{label}: map of {}, 1 day earlier", snapshot.date),
                n => format!("{label}: map of {}, {n} days earlier", snapshot.date),
            };
            if drawing {
                line.push_str(" (drawing…)");
            }
            said.push(MapLine {
                text: line,
                style: Some(style),
                snapshot: Some((m, i)),
            });
        }
        if view.compare_maps() {
            let lines =
                self.draw_disagreements(&mut shapes, cx, &said, camera, rect, painter.ctx());
            said.extend(lines);
        }
        if view.span().is_some()
            && let Some(changes) = &cx.map_changes
        {
            self.draw_changes(&mut shapes, cx, changes, camera, rect, painter.ctx());
            for change in changes.iter().filter(|c| {
                (c.before != c.after || c.stale_edge().is_some())
                    && !self.hidden_maps.contains(&c.map)
            }) {
                said.push(MapLine {
                    text: span_line(cx, change),
                    style: None,
                    snapshot: None,
                });
            }
        }
        self.territory.end_frame();
        let Shapes { land, outlines } = shapes;
        painter.add(Shape::mesh(land));
        painter.add(Shape::mesh(outlines));
        said
    }
}
