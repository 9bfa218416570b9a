//! Frame benchmark: the whole app, headless at 1600×1000, building the UI and
//! tessellating it as a real frame does, at several views.
//!
//! `cargo bench --bench frame` (sizes: 1k, 100k, 1M events), or
//! `cargo bench --bench frame -- 1000 100000` for other sizes, adding `map` to time
//! the map's views only.

#![allow(
    clippy::expect_used,
    clippy::print_stdout,
    reason = "a benchmark prints its table and stops on data it generated itself"
)]

use std::time::Instant;

use egui::Pos2;
use frontline::app::FrontlineApp;
use frontline::data::derived::map_bins::{self as bins, BinGrid};
use frontline::data::derived::map_points::{GeoPoints, OnShow};
use frontline::data::filter::EventFilter;
use frontline::data::span::TimeSpan;
use frontline::data::{self, DatasetIndex};
use frontline::generate::{GenerateOptions, dataset};
use frontline::ui::map::camera::Camera;
use frontline::view::{Selection, TimeWindow, ViewChange};

mod common;

use common::{frame, stats};

const FRAMES: usize = 120;

/// Where the pointer rests during the benchmark: over the timeline.
const POINTER: Option<Pos2> = Some(Pos2::new(900.0, 200.0));

/// The app showing `options`' dataset, after ten frames and its background
/// work (the deaths chart's totals, the filter bar's choices) to settle.
fn settled_app(options: &GenerateOptions, name: String) -> (egui::Context, FrontlineApp) {
    let loaded = data::load_dataset(dataset(options)).expect("generated data is valid");
    let mut app = FrontlineApp::empty();
    app.show_dataset(name, None, loaded);
    let ctx = egui::Context::default();
    for _ in 0..10 {
        frame(&ctx, &mut app, POINTER);
    }
    while app.is_working() {
        std::thread::sleep(std::time::Duration::from_millis(2));
        frame(&ctx, &mut app, POINTER);
    }
    frame(&ctx, &mut app, POINTER);
    (ctx, app)
}

/// Times `FRAMES` frames, each after `setup`, and prints a row of the table.
fn run_view(
    ctx: &egui::Context,
    app: &mut FrontlineApp,
    label: &str,
    setup: &dyn Fn(&mut FrontlineApp, usize),
) {
    let mut samples = Vec::with_capacity(FRAMES);
    for i in 0..FRAMES {
        setup(app, i);
        samples.push(frame(ctx, app, POINTER));
    }
    let (median, p95) = stats(samples);
    println!("| {label} | {median:.2} | {p95:.2} |");
}

fn centered(index: &DatasetIndex, days: f64) -> TimeWindow {
    let (from, to) = index.extent.unwrap_or((0.0, 1.0));
    let middle = (from + to) / 2.0;
    TimeWindow::new(middle - days / 2.0, middle + days / 2.0)
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    // `map` among the arguments times the map's views only.
    let only_map = std::env::args().skip(1).any(|a| a == "map");
    let sizes = if sizes.is_empty() {
        vec![1_000, 100_000, 1_000_000]
    } else {
        sizes
    };
    println!("| events | view | median ms | p95 ms |");
    println!("|---:|---|---:|---:|");
    let largest = sizes.iter().copied().max().unwrap_or(1_000);
    for events in sizes {
        let options = GenerateOptions {
            events,
            series: 12,
            seed: 7,
            ..Default::default()
        };
        let (ctx, mut app) = settled_app(&options, format!("{events} events"));
        let pointer = POINTER;
        let index = app.loaded().map(|l| l.index.clone()).unwrap_or_default();
        let (from, to) = index.extent.unwrap_or((0.0, 1.0));
        if only_map {
            map_views(&ctx, &mut app, events, &index);
            continue;
        }

        let run = |name: &str, app: &mut FrontlineApp, setup: &dyn Fn(&mut FrontlineApp, usize)| {
            run_view(&ctx, app, &format!("{events} | {name}"), setup);
        };
        run("whole span", &mut app, &|app, _| {
            app.queue(ViewChange::FitAll);
        });
        let year = centered(&index, 365.0);
        run("one year", &mut app, &|app, _| {
            app.queue(ViewChange::SetWindow(year));
        });
        let week = centered(&index, 7.0);
        run("one week", &mut app, &|app, _| {
            app.queue(ViewChange::SetWindow(week));
        });
        run("panning across the span", &mut app, &|app, i| {
            let start = from + (to - from - 365.0) * i as f64 / FRAMES as f64;
            app.queue(ViewChange::SetWindow(TimeWindow::new(start, start + 365.0)));
        });
        let middle_event = index
            .order
            .chronological
            .get(index.order.chronological.len() / 2)
            .copied()
            .unwrap_or(0) as usize;
        run("event selected, whole span", &mut app, &|app, _| {
            app.queue(ViewChange::FitAll);
            app.queue(ViewChange::Select(Some(Selection::Event(middle_event))));
        });
        // A span of six years in the middle, then one dragged from its start
        // across a year; the span panel lists the events under way at its start.
        let middle = (from + to) / 2.0;
        run("span selected, whole span", &mut app, &|app, _| {
            app.queue(ViewChange::Select(None));
            app.queue(ViewChange::SetSpan(Some(TimeSpan::between(
                middle - 1_095.0,
                middle + 1_095.0,
            ))));
        });
        run("span dragged from its start", &mut app, &|app, i| {
            let end = middle + 365.0 * i as f64 / FRAMES as f64;
            app.queue(ViewChange::SetSpan(Some(TimeSpan::between(
                middle - 1_095.0,
                end,
            ))));
        });
        app.queue(ViewChange::SetSpan(None));
        // A new search on every frame, as fast typing does: past 50,000 events the
        // search itself runs on a background thread.
        let words = ["bridge", "siege camp", "Convoy", "dam", "hospital market"];
        run(
            "typing a search (new query every frame)",
            &mut app,
            &|app, i| {
                app.queue(ViewChange::Select(None));
                app.set_search(&format!("{} ", words[i % words.len()]).repeat(1 + i % 2));
            },
        );
        // How long a search takes to come back.
        let mut waits = Vec::new();
        for word in ["ambush", "refinery", "Militia"] {
            app.set_search(word);
            let start = Instant::now();
            frame(&ctx, &mut app, pointer);
            while app.search_state().0 {
                std::thread::sleep(std::time::Duration::from_micros(200));
                frame(&ctx, &mut app, pointer);
            }
            waits.push(start.elapsed().as_secs_f64());
        }
        let (median, _) = stats(waits);
        println!("| {events} | search result ready after (median of 3) | {median:.1} | |");
        app.set_search("");

        // Filters: a new filter on every frame, as clicking through a menu does,
        // then how long one filter takes to be on screen.
        let actors: Vec<String> = app
            .loaded()
            .map(|l| l.dataset.actors.iter().map(|a| a.id.clone()).collect())
            .unwrap_or_default();
        run("changing a filter every frame", &mut app, &|app, i| {
            let mut filter = EventFilter::default();
            filter
                .actors
                .extend(actors.get(i % actors.len().max(1)).cloned());
            app.queue(ViewChange::SetFilter(Box::new(filter)));
        });
        let mut waits = Vec::new();
        for (n, actor) in actors.iter().take(5).enumerate() {
            let mut filter = EventFilter::default();
            filter.actors.insert(actor.clone());
            if n % 2 == 1 {
                filter.confidence.insert(data::Confidence::Reported);
            }
            app.queue(ViewChange::SetFilter(Box::new(filter)));
            let start = Instant::now();
            frame(&ctx, &mut app, pointer);
            while app.is_filtering() {
                std::thread::sleep(std::time::Duration::from_micros(200));
                frame(&ctx, &mut app, pointer);
            }
            waits.push(start.elapsed().as_secs_f64());
        }
        let (median, _) = stats(waits);
        println!("| {events} | filter on screen after (median of 5) | {median:.1} | |");
        run("filtered, whole span", &mut app, &|app, _| {
            app.queue(ViewChange::FitAll);
        });
        app.queue(ViewChange::SetFilter(Box::default()));
        frame(&ctx, &mut app, pointer);
        map_views(&ctx, &mut app, events, &index);
    }
    if !only_map {
        many_actors(largest);
    }
}

/// Frames until the map's background work is done; how long that took.
fn settle_map(ctx: &egui::Context, app: &mut FrontlineApp) -> f64 {
    let start = Instant::now();
    frame(ctx, app, POINTER);
    while app.map().is_busy() || app.is_filtering() {
        std::thread::sleep(std::time::Duration::from_micros(200));
        frame(ctx, app, POINTER);
    }
    frame(ctx, app, POINTER);
    start.elapsed().as_secs_f64()
}

/// The map open beside the timeline: the world, one country, one city,
/// panning, with a filter; and how long counting per cell takes.
fn map_views(ctx: &egui::Context, app: &mut FrontlineApp, events: usize, index: &DatasetIndex) {
    app.queue(ViewChange::FitAll);
    app.queue(frontline::view::ViewChange::OpenMap(true));
    let placed = settle_map(ctx, app);
    println!(
        "| {events} | map: opened, events placed and counted after | {:.1} | |",
        placed * 1e3
    );
    let rect = app.map().last_frame().rect.expect("the map was drawn");
    let world = Camera::world(rect);
    let mut country = world;
    country.fit([35.7, 32.3, 42.4, 37.3], rect);
    let city = Camera {
        lon: 38.0,
        lat: 35.0,
        points_per_degree: 4_000.0,
    };
    let run = |name: &str, app: &mut FrontlineApp, setup: &dyn Fn(&mut FrontlineApp, usize)| {
        run_view(ctx, app, &format!("{events} | map: {name}"), setup);
    };
    for (name, camera) in [
        ("whole world", world),
        ("one country", country),
        ("one city", city),
    ] {
        app.queue(ViewChange::SetMapLook(camera.look()));
        settle_map(ctx, app);
        run(name, app, &|app, _| {
            app.queue(ViewChange::SetMapLook(camera.look()));
        });
    }
    run("panning across the country", app, &|app, i| {
        let mut moved = country;
        moved.lon += 4.0 * (i as f64 / FRAMES as f64 - 0.5);
        app.queue(ViewChange::SetMapLook(moved.look()));
    });
    app.queue(ViewChange::SetMapLook(country.look()));
    let first = app
        .loaded()
        .and_then(|l| l.dataset.actors.first().map(|a| a.id.clone()));
    let mut filter = EventFilter::default();
    filter.actors.extend(first);
    app.queue(ViewChange::SetFilter(Box::new(filter)));
    settle_map(ctx, app);
    run("one country, filtered", app, &|app, _| {
        app.queue(ViewChange::SetMapLook(country.look()));
    });
    app.queue(ViewChange::SetFilter(Box::default()));
    settle_map(ctx, app);
    // A new time window: the counts per cell are made again (in the
    // background past 50,000 events).
    let mut waits = Vec::new();
    for days in [365.0, 730.0, 1_095.0] {
        app.queue(ViewChange::SetWindow(centered(index, days)));
        waits.push(settle_map(ctx, app));
    }
    let (median, _) = stats(waits);
    println!(
        "| {events} | map: counts for a new time window on screen after (median of 3) | {median:.1} | |"
    );
    // Counting alone, every located event into the world's grid, beside a
    // plain pass over the same columns.
    if let Some(loaded) = app.loaded() {
        let points = GeoPoints::build(&loaded.dataset, &loaded.index, &|| false).expect("built");
        let on_show = OnShow {
            shown: &loaded.index.order,
            from: f64::MIN,
            to: f64::MAX,
        };
        let grid = BinGrid::for_view(world.bounds(rect), world.points_per_degree);
        let mut counting = Vec::new();
        let mut plain = Vec::new();
        for _ in 0..5 {
            let start = Instant::now();
            std::hint::black_box(bins::count(&points, &on_show, grid, &|| false));
            counting.push(start.elapsed().as_secs_f64());
            let start = Instant::now();
            let sum: f64 = points
                .lon
                .iter()
                .zip(&points.lat)
                .map(|(&a, &b)| f64::from(a + b))
                .sum();
            std::hint::black_box(sum);
            plain.push(start.elapsed().as_secs_f64());
        }
        let mut building = Vec::new();
        for _ in 0..3 {
            let start = Instant::now();
            std::hint::black_box(bins::CellTimes::build(
                &points,
                &loaded.index.order,
                &loaded.index,
                grid,
                &|| false,
            ));
            building.push(start.elapsed().as_secs_f64());
        }
        let (built, _) = stats(building);
        println!(
            "| {events} | map: each cell's times for the world's grid, built in the background once per grid and filter (median of 3) | {built:.1} | |"
        );
        let (counted, _) = stats(counting);
        let (summed, _) = stats(plain);
        println!(
            "| {events} | map: counting {} located events per cell (median of 5; a plain pass over their coordinates: {summed:.2} ms) | {counted:.2} | |",
            points.len()
        );
    }
    app.queue(frontline::view::ViewChange::OpenMap(false));
    app.queue(ViewChange::FitAll);
    frame(ctx, app, POINTER);
}

/// The largest size again with 2,000 actors, as one ACLED country export names:
/// the first lanes and an "Other" lane, then every lane open.
fn many_actors(events: usize) {
    let options = GenerateOptions {
        events,
        series: 0,
        seed: 7,
        actors: 2000,
    };
    let (ctx, mut app) = settled_app(&options, format!("{events} events, 2,000 actors"));
    let pointer = POINTER;
    let index = app.loaded().map(|l| l.index.clone()).unwrap_or_default();
    let (from, to) = index.extent.unwrap_or((0.0, 1.0));
    let run = |name: &str, app: &mut FrontlineApp, setup: &dyn Fn(&mut FrontlineApp, usize)| {
        run_view(
            &ctx,
            app,
            &format!("{events} | 2,000 actors: {name}"),
            setup,
        );
    };
    run("whole span", &mut app, &|app, _| {
        app.queue(ViewChange::FitAll);
    });
    let week = centered(&index, 7.0);
    run("one week", &mut app, &|app, _| {
        app.queue(ViewChange::SetWindow(week));
    });
    run("panning across the span", &mut app, &|app, i| {
        let start = from + (to - from - 365.0) * i as f64 / FRAMES as f64;
        app.queue(ViewChange::SetWindow(TimeWindow::new(start, start + 365.0)));
    });
    let start = Instant::now();
    let mut lanes = app.view().lanes().clone();
    lanes.show_all = true;
    app.queue(ViewChange::SetLanes(lanes));
    frame(&ctx, &mut app, pointer);
    println!(
        "| {events} | 2,000 actors: opening all lanes (one frame) | {:.1} | |",
        start.elapsed().as_secs_f64() * 1e3
    );
    run("all lanes open, whole span", &mut app, &|app, _| {
        app.queue(ViewChange::FitAll);
    });
    let start = Instant::now();
    let mut lanes = app.view().lanes().clone();
    lanes.grouping = data::lanes::LaneGrouping::Tag;
    app.queue(ViewChange::SetLanes(lanes));
    let mut slowest: f64 = 0.0;
    slowest = slowest.max(frame(&ctx, &mut app, pointer));
    while app.is_grouping_lanes() {
        std::thread::sleep(std::time::Duration::from_micros(500));
        slowest = slowest.max(frame(&ctx, &mut app, pointer));
    }
    println!(
        "| {events} | 2,000 actors: regrouping lanes by tag, on screen after | {:.1} | |",
        start.elapsed().as_secs_f64() * 1e3
    );
    println!(
        "| {events} | 2,000 actors: slowest frame while regrouping | {:.2} | |",
        slowest * 1e3
    );
}
