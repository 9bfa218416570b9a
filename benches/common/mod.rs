//! What the frame benchmarks share: one headless frame of the whole app,
//! built and tessellated as a real frame is, and the median and 95th
//! percentile of a run of them.

use std::time::Instant;

use egui::{Pos2, RawInput, Rect, vec2};
use frontline::app::FrontlineApp;

/// A frame's input at 1600 by 1000 points, the pointer resting at `pointer`.
fn input(pointer: Option<Pos2>) -> RawInput {
    let mut raw = RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1600.0, 1000.0))),
        ..Default::default()
    };
    if let Some(pos) = pointer {
        raw.events.push(egui::Event::PointerMoved(pos));
    }
    raw
}

/// Runs one frame; returns how long it took, in seconds.
pub fn frame(ctx: &egui::Context, app: &mut FrontlineApp, pointer: Option<Pos2>) -> f64 {
    let start = Instant::now();
    let mut output = ctx.run_ui(input(pointer), |ui| app.draw(ui));
    let shapes = std::mem::take(&mut output.shapes);
    let primitives = ctx.tessellate(shapes, output.pixels_per_point);
    let elapsed = start.elapsed().as_secs_f64();
    std::hint::black_box(primitives);
    output.textures_delta.clear();
    elapsed
}

/// Median and 95th percentile of `samples` (seconds), in milliseconds.
pub fn stats(mut samples: Vec<f64>) -> (f64, f64) {
    samples.sort_by(f64::total_cmp);
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    (at(0.5) * 1e3, at(0.95) * 1e3)
}
