//! What a series looks like: the actor's colour plus a dash and a marker from
//! the plan's [`Look`], and the legend swatch that shows all three.

use egui::{Color32, Painter, Pos2, Rect, Shape, Stroke, vec2};
use egui_plot::{LineStyle, MarkerShape};

use crate::data::Look;
use crate::data::series_plan::{DASHES, MARKERS};

const LINE_STYLES: [LineStyle; DASHES] = [
    LineStyle::Solid,
    LineStyle::Dashed { length: 9.0 },
    LineStyle::Dotted { spacing: 5.0 },
    LineStyle::Dashed { length: 3.5 },
];

const MARKER_SHAPES: [MarkerShape; MARKERS] = [
    MarkerShape::Circle,
    MarkerShape::Square,
    MarkerShape::Diamond,
    MarkerShape::Up,
    MarkerShape::Down,
    MarkerShape::Cross,
    MarkerShape::Plus,
    MarkerShape::Asterisk,
];

/// The line pattern of a look.
pub fn line_style(look: Look) -> LineStyle {
    LINE_STYLES[look.dash % DASHES]
}

/// The marker shape of a look.
pub fn marker_shape(look: Look) -> MarkerShape {
    MARKER_SHAPES[look.marker % MARKERS]
}

/// The look in words, for hover texts and tests: "dashed line, diamond markers".
pub fn describe(look: Look) -> String {
    let line = match look.dash % DASHES {
        0 => "solid line",
        1 => "dashed line",
        2 => "dotted line",
        _ => "short-dashed line",
    };
    let marker = match look.marker % MARKERS {
        0 => "circles",
        1 => "squares",
        2 => "diamonds",
        3 => "triangles up",
        4 => "triangles down",
        5 => "crosses",
        6 => "plus signs",
        _ => "asterisks",
    };
    format!("{line}, {marker}")
}

/// Paints a legend swatch into `rect`: a short stretch of the line in its
/// pattern with the marker on it.
pub fn paint_swatch(painter: &Painter, rect: Rect, look: Look, color: Color32) {
    let y = rect.center().y;
    let (left, right) = (rect.left() + 1.0, rect.right() - 1.0);
    let stroke = Stroke::new(1.8, color);
    match look.dash % DASHES {
        0 => {
            painter.line_segment([Pos2::new(left, y), Pos2::new(right, y)], stroke);
        }
        2 => {
            let mut x = left;
            while x <= right {
                painter.circle_filled(Pos2::new(x, y), 1.0, color);
                x += 4.0;
            }
        }
        dash => {
            let (on, off) = if dash == 1 { (6.0, 3.0) } else { (3.0, 2.5) };
            let mut x = left;
            while x < right {
                let end = (x + on).min(right);
                painter.line_segment([Pos2::new(x, y), Pos2::new(end, y)], stroke);
                x = end + off;
            }
        }
    }
    paint_marker(painter, rect.center(), 4.0, look, color);
}

/// Paints a marker like egui_plot's, for the legend.
fn paint_marker(painter: &Painter, center: Pos2, radius: f32, look: Look, color: Color32) {
    let stroke = Stroke::new(1.5, color);
    let at = |dx: f32, dy: f32| center + vec2(dx, dy) * radius;
    match marker_shape(look) {
        MarkerShape::Circle => {
            painter.circle_filled(center, radius * 0.9, color);
        }
        MarkerShape::Square => {
            painter.rect_filled(
                Rect::from_center_size(center, vec2(1.6, 1.6) * radius),
                0.0,
                color,
            );
        }
        MarkerShape::Diamond => {
            painter.add(Shape::convex_polygon(
                vec![at(0.0, -1.0), at(1.0, 0.0), at(0.0, 1.0), at(-1.0, 0.0)],
                color,
                Stroke::NONE,
            ));
        }
        MarkerShape::Up => {
            painter.add(Shape::convex_polygon(
                vec![at(0.0, -1.0), at(0.9, 0.7), at(-0.9, 0.7)],
                color,
                Stroke::NONE,
            ));
        }
        MarkerShape::Down => {
            painter.add(Shape::convex_polygon(
                vec![at(-0.9, -0.7), at(0.9, -0.7), at(0.0, 1.0)],
                color,
                Stroke::NONE,
            ));
        }
        MarkerShape::Cross => {
            painter.line_segment([at(-0.8, -0.8), at(0.8, 0.8)], stroke);
            painter.line_segment([at(-0.8, 0.8), at(0.8, -0.8)], stroke);
        }
        MarkerShape::Plus => {
            painter.line_segment([at(-1.0, 0.0), at(1.0, 0.0)], stroke);
            painter.line_segment([at(0.0, -1.0), at(0.0, 1.0)], stroke);
        }
        _ => {
            painter.line_segment([at(-1.0, 0.0), at(1.0, 0.0)], stroke);
            painter.line_segment([at(-0.5, -0.87), at(0.5, 0.87)], stroke);
            painter.line_segment([at(-0.5, 0.87), at(0.5, -0.87)], stroke);
        }
    }
}
