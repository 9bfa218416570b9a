//! Territory benchmark: the app headless at 1600×1000 with the map open,
//! playing daily control maps of about 5,000 positions at 30 days per second
//! (one day a frame at 30 frames a second), for 10 and for 1,000 snapshots;
//! what one snapshot costs the first time it is drawn (triangulated); and
//! importing the same maps from GeoJSON, one file a day.
//!
//! `cargo bench --bench territory` (10 and 1,000 snapshots), or
//! `cargo bench --bench territory -- 10 1000 5000` for other counts.

#![allow(
    clippy::expect_used,
    clippy::print_stdout,
    reason = "a benchmark prints its table and stops on data it generated itself"
)]

use std::time::Instant;

use frontline::app::FrontlineApp;
use frontline::data::{self, Dataset};
use frontline::generate::{GenerateOptions, TerritoryOptions, add_territory, dataset};
use frontline::ui::map::camera::Camera;
use frontline::view::{TimeWindow, ViewChange};

mod common;

use common::stats;

/// Frames timed per view.
const FRAMES: usize = 150;
/// Positions per snapshot.
const VERTICES: usize = 5_000;

fn with_maps(snapshots: usize) -> Dataset {
    let mut generated = dataset(&GenerateOptions {
        events: 1_000,
        series: 4,
        seed: 7,
        ..Default::default()
    });
    add_territory(
        &mut generated,
        &TerritoryOptions {
            snapshots,
            vertices: VERTICES,
        },
    );
    // Front lines are not boxes: each snapshot's outline becomes a ring that
    // winds in and out, a little different every day, as a monitor's map does.
    for (day, snapshot) in generated.territory[0].snapshots.iter_mut().enumerate() {
        snapshot.polygons = vec![vec![front_line(day)]];
    }
    generated
}

/// A closed ring of [`VERTICES`] positions around (37.5°E, 47.8°N) whose
/// radius wanders, shifted by `day`.
fn front_line(day: usize) -> Vec<(f64, f64)> {
    let shift = day as f64 * 0.05;
    let mut ring: Vec<(f64, f64)> = (0..VERTICES)
        .map(|k| {
            let t = k as f64 / VERTICES as f64 * std::f64::consts::TAU;
            let r = 1.0 + 0.15 * (7.0 * t + shift).sin() + 0.04 * (53.0 * t - shift).sin();
            (37.5 + 1.4 * r * t.cos(), 47.8 + r * t.sin())
        })
        .collect();
    ring.push(ring[0]);
    ring
}

/// Median and 95th percentile of the frames while the window's end moves a
/// day a frame through the snapshots, the map open on them.
fn playing(snapshots: usize) -> (f64, f64) {
    let loaded = data::load_dataset(with_maps(snapshots)).expect("generated data is valid");
    let first = f64::from(loaded.dataset.territory[0].snapshots[0].date.start_day());
    let mut app = FrontlineApp::empty();
    app.show_dataset(format!("{snapshots} daily maps"), None, loaded);
    app.queue(frontline::view::ViewChange::OpenMap(true));
    let ctx = egui::Context::default();
    for _ in 0..10 {
        common::frame(&ctx, &mut app, None);
    }
    let rect = app.map().last_frame().rect.expect("the map was drawn");
    let mut camera = Camera::world(rect);
    camera.fit([35.5, 46.5, 40.0, 49.5], rect);
    app.queue(ViewChange::SetMapLook(camera.look()));
    let mut samples = Vec::with_capacity(FRAMES);
    for i in 0..FRAMES {
        // One day a frame, round the snapshots there are.
        let day = first + (i % snapshots.max(1)) as f64;
        app.queue(ViewChange::SetWindow(TimeWindow::new(
            day - 90.0,
            day + 0.5,
        )));
        samples.push(common::frame(&ctx, &mut app, None));
        assert!(
            app.map().last_frame().territory_drawn > 0,
            "the map draws the snapshot"
        );
    }
    stats(samples)
}

fn main() {
    let counts: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let counts = if counts.is_empty() {
        vec![10, 1_000]
    } else {
        counts
    };
    println!("| snapshots of {VERTICES} positions | what | median ms | p95 ms |");
    println!("|---:|---|---:|---:|");
    let mut medians = Vec::new();
    for &snapshots in &counts {
        let (median, p95) = playing(snapshots);
        println!(
            "| {snapshots} | a frame while playing at 30 days/s, map open | {median:.2} | {p95:.2} |"
        );
        medians.push((snapshots, median, p95));
    }
    if let (Some(fewest), Some(most)) = (medians.first(), medians.last()) {
        println!(
            "| {} / {} | ratio of the medians (p95) | {:.2} | {:.2} |",
            most.0,
            fewest.0,
            most.1 / fewest.1,
            most.2 / fewest.2
        );
    }

    // One snapshot drawn for the first time: its polygons triangulated.
    let generated = with_maps(1);
    let polygons = &generated.territory[0].snapshots[0].polygons;
    let mut switches = Vec::new();
    for _ in 0..20 {
        let start = Instant::now();
        std::hint::black_box(data::map::base_map::BaseMap::of_polygons(
            "snapshot", polygons,
        ));
        switches.push(start.elapsed().as_secs_f64());
    }
    let (median, p95) = stats(switches);
    println!(
        "| 1 | triangulating a snapshot at full detail (zoomed in close) | {median:.2} | {p95:.2} |"
    );
    // As the map does at the zoom the frames above are drawn at (about 80
    // points per degree): simplified to half a point, then triangulated.
    let tolerance = 0.5 / 64.0;
    let mut switches = Vec::new();
    let mut kept = 0;
    for _ in 0..20 {
        let start = Instant::now();
        let simple: Vec<Vec<Vec<(f64, f64)>>> = polygons
            .iter()
            .map(|rings| {
                rings
                    .iter()
                    .map(|ring| data::map::simplify::simplified(ring, tolerance))
                    .collect()
            })
            .collect();
        kept = simple.iter().flatten().map(Vec::len).sum();
        std::hint::black_box(data::map::base_map::BaseMap::of_polygons(
            "snapshot", &simple,
        ));
        switches.push(start.elapsed().as_secs_f64());
    }
    let (median, p95) = stats(switches);
    println!(
        "| 1 | switching to a snapshot not drawn before at that zoom (simplified to {kept} positions, then triangulated) | {median:.2} | {p95:.2} |"
    );

    // The computed areas of every snapshot, as a load works them out.
    let most = counts.iter().copied().max().unwrap_or(1_000);
    let generated = with_maps(most);
    let start = Instant::now();
    let areas: f64 = generated.territory[0]
        .snapshots
        .iter()
        .map(|s| data::map::area::area_km2(&s.polygons))
        .sum();
    std::hint::black_box(areas);
    println!(
        "| {most} | computing every snapshot's area (once, at load) | {:.1} | |",
        start.elapsed().as_secs_f64() * 1e3
    );
}
