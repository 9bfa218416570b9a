//! The marks of a lane: its events as markers and bars, or a density strip
//! where they are too many to tell apart, and finding the mark under the
//! pointer with the tooltip that lists its events.

use egui::epaint::{CircleShape, Mesh};
use egui::text::{LayoutJob, TextWrapping};
use egui::{Align2, Color32, FontId, Pos2, Rect, Shape, Stroke, StrokeKind, Ui, vec2};

use super::{BUCKET, TimeAxis};
use crate::data::{DatePrecision, LoadedDataset};
use crate::ui::confidence_is_firm;

/// A mark on screen: one event, or several sharing a pixel.
pub(super) struct Drawn {
    /// The events under the mark, in date order (then file order).
    pub(super) events: Vec<usize>,
    pub(super) rect: Rect,
    /// A range bar (else a marker).
    pub(super) is_range: bool,
}

/// How a lane's events are marked: where (the lane's row), the lane's colour,
/// the selection, and the events a search matched (the others are dimmed, not
/// hidden).
#[derive(Clone, Copy)]
pub(super) struct Marks<'a> {
    /// The lane's row on screen.
    pub(super) row: Rect,
    pub(super) color: Color32,
    pub(super) selected: Option<usize>,
    /// By event index: whether the event matches the search, while one is shown.
    pub(super) search: Option<&'a [bool]>,
}

impl Marks<'_> {
    /// Whether `event` matches the search, or no search is shown.
    pub(super) fn matches(&self, event: usize) -> bool {
        self.search
            .is_none_or(|m| m.get(event).copied().unwrap_or(false))
    }

    pub(super) fn color_of(&self, event: usize) -> Color32 {
        if self.matches(event) {
            self.color
        } else {
            self.color.gamma_multiply(0.2)
        }
    }
}

pub(super) fn nearest(drawn: &[Drawn], pointer: Pos2) -> Option<&Drawn> {
    drawn
        .iter()
        .filter(|d| d.rect.expand(3.0).contains(pointer))
        .min_by(|a, b| {
            let da = (a.rect.center().x - pointer.x).abs();
            let db = (b.rect.center().x - pointer.x).abs();
            da.total_cmp(&db)
        })
}

pub(super) fn draw_density(
    painter: &egui::Painter,
    axis: &TimeAxis,
    lane: &crate::data::Lane,
    lane_rect: Rect,
    color: Color32,
) {
    let buckets = (axis.x_range.span() / BUCKET).ceil().max(1.0) as usize;
    let edges: Vec<f64> = (0..=buckets)
        .map(|b| axis.day(axis.x_range.min + b as f32 * BUCKET))
        .collect();
    let counts = lane.counts_between(&edges);
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
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

pub(super) fn draw_events(
    ui: &Ui,
    painter: &egui::Painter,
    axis: &TimeAxis,
    loaded: &LoadedDataset,
    events: impl Iterator<Item = usize>,
    marks: &Marks<'_>,
    drawn: &mut Vec<Drawn>,
) {
    let lane_rect = marks.row;
    let middle = lane_rect.center().y;
    let half = (lane_rect.height() * 0.28).clamp(3.0, 7.0);
    let first_drawn = drawn.len();
    // Markers wait until every event of the lane is placed, to be grouped
    // where they share a pixel.
    let mut markers: Vec<(f32, usize)> = Vec::new();
    for event in events {
        let span = loaded.index.spans[event];
        let (x0, x1) = (axis.x(span.start), axis.x(span.end));
        if x1 < axis.x_range.min || x0 > axis.x_range.max {
            continue;
        }
        let e = loaded.dataset.events.at(event);
        let color = marks.color_of(event);
        if e.end().is_some() {
            let firm = confidence_is_firm(e.confidence());
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
            outline(ui, painter, marks, bar, &[event]);
            drawn.push(Drawn {
                events: vec![event],
                rect: bar,
                is_range: true,
            });
        } else {
            if e.date().precision() != DatePrecision::Day && x1 - x0 > 2.0 {
                let faint =
                    Rect::from_min_max(Pos2::new(x0, middle - half), Pos2::new(x1, middle + half));
                painter.rect_filled(faint, 1.0, color.gamma_multiply(0.18));
            }
            markers.push(((x0 + x1) / 2.0, event));
        }
    }
    draw_markers(ui, painter, loaded, markers, marks, drawn);
    draw_labels(ui, painter, axis, loaded, marks, &mut drawn[first_drawn..]);
}

/// The selected event's mark ringed, and a search's matches outlined.
fn outline(ui: &Ui, painter: &egui::Painter, marks: &Marks<'_>, hit: Rect, group: &[usize]) {
    if marks.selected.is_some_and(|s| group.contains(&s)) {
        painter.rect_stroke(
            hit.expand(3.0),
            3.0,
            Stroke::new(2.0, ui.visuals().selection.stroke.color),
            StrokeKind::Outside,
        );
    } else if marks.search.is_some() && group.iter().any(|&e| marks.matches(e)) {
        painter.rect_stroke(
            hit.expand(2.0),
            2.0,
            Stroke::new(1.5, ui.visuals().warn_fg_color),
            StrokeKind::Outside,
        );
    }
}

/// The markers of a lane's one-day events, those sharing a pixel grouped
/// under one marker with their count inside.
fn draw_markers(
    ui: &Ui,
    painter: &egui::Painter,
    loaded: &LoadedDataset,
    mut markers: Vec<(f32, usize)>,
    marks: &Marks<'_>,
    drawn: &mut Vec<Drawn>,
) {
    let middle = marks.row.center().y;
    let half = (marks.row.height() * 0.28).clamp(3.0, 7.0);
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
            .any(|&e| confidence_is_firm(loaded.dataset.events.at(e).confidence()));
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
        outline(ui, painter, marks, hit, &group);
        drawn.push(Drawn {
            events: group,
            rect: hit,
            is_range: false,
        });
    }
}

/// Labels: each to the right of its mark (inside the start of a bar), as far
/// as the next mark, never over a mark or a bar or another label; elided,
/// full text on hover.
fn draw_labels(
    ui: &Ui,
    painter: &egui::Painter,
    axis: &TimeAxis,
    loaded: &LoadedDataset,
    marks: &Marks<'_>,
    lane_drawn: &mut [Drawn],
) {
    let lane_rect = marks.row;
    let middle = lane_rect.center().y;
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
        let first = loaded.dataset.events.at(d.events[0]);
        let title = crate::format::line(first.title());
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
