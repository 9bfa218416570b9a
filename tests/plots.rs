//! The plots and the timeline, driven headless with egui_kittest: what a reader
//! needs to compare figures without being misled, at desktop and laptop sizes.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers stop the test on a failed assumption"
)]

use std::collections::HashSet;
use std::path::Path;

use egui::Modifiers;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use frontline::app::FrontlineApp;
use frontline::data::{PartialDate, PlotAxis};
use frontline::view::{TimeWindow, ViewChange};

use crate::common;
use common::harness_on;

const IHS: &str = "IS · IHS Markit · Syria and Iraq (km²)";
const SOHR_IS: &str = "IS · SOHR · Syria (km²)";
const DAILY: &str = "Russia · Open Map Count · Ukraine, including Crimea (km²)";

fn harness_at(size: [f32; 2]) -> Harness<'static, FrontlineApp> {
    let mut harness = Harness::builder()
        .with_size(size)
        .build_eframe(|_cc| FrontlineApp::with_default_dataset());
    harness.run_steps(4);
    harness
}

/// The app at 1600×1000 on `dataset`, its window `days` wide in the middle.
fn zoomed_into(dataset: frontline::data::Dataset, days: f64) -> Harness<'static, FrontlineApp> {
    let loaded = frontline::data::load_dataset(dataset).expect("a valid dataset");
    let middle = loaded
        .index
        .extent
        .map(|(a, b)| (a + b) / 2.0)
        .expect("extent");
    let mut harness = harness_at([1600.0, 1000.0]);
    harness
        .state_mut()
        .show_dataset("generated".to_owned(), None, loaded);
    harness.run_steps(3);
    let window = TimeWindow::new(middle.floor(), middle.floor() + days);
    harness.state_mut().queue(ViewChange::SetWindow(window));
    harness.run_steps(3);
    harness
}

fn day(date: &str) -> f64 {
    let date: PartialDate = date.parse().expect("a date");
    f64::from(date.start_day())
}

/// The legend names of the hidden series, as a saved view names them.
fn hidden_names(harness: &Harness<'static, FrontlineApp>) -> Vec<String> {
    let app = harness.state();
    let loaded = app.loaded().expect("a dataset");
    app.view().to_saved("", loaded).hidden_series
}

#[test]
fn every_series_of_the_built_in_dataset_has_its_own_colour_dash_and_marker() {
    let harness = harness_at([1600.0, 1000.0]);
    let app = harness.state();
    let looks = app.plots().series_looks();
    assert_eq!(looks.len(), 18);
    let index = &app.loaded().expect("a dataset").index;
    for (theme, palette) in index.readable_colors.iter().enumerate() {
        let mut seen = HashSet::new();
        for look in &looks {
            let color = palette[look.actor];
            assert!(
                seen.insert((color, look.look)),
                "theme {theme}: {} looks like another series",
                look.name
            );
        }
        // Actors with series never share a colour after the theme's adjustment.
        let actors: HashSet<usize> = looks.iter().map(|l| l.actor).collect();
        let colors: HashSet<[u8; 3]> = actors.iter().map(|&a| palette[a]).collect();
        assert_eq!(colors.len(), actors.len(), "theme {theme}");
    }
    // Every series has its chip in a legend, named in full for the reader.
    for look in looks.iter().filter(|l| l.axis == PlotAxis::SquareKm) {
        harness.get_by_label(&look.name);
    }
}

#[test]
fn series_measuring_different_areas_are_marked_and_an_area_can_be_hidden_at_once() {
    let mut harness = harness_at([1600.0, 1000.0]);
    let scopes = harness.state().plots().scopes();
    let (axis, km2_scopes) = &scopes[0];
    assert_eq!(*axis, PlotAxis::SquareKm);
    assert_eq!(
        km2_scopes,
        &[
            "Syria and Iraq",
            "Euphrates valley, Syria and Iraq",
            "Syria"
        ]
    );
    let warnings = |h: &Harness<'static, FrontlineApp>| {
        h.query_all_by_label_contains("areas on one axis").count()
    };
    // The main plot and the closed share-held plot each say so in their heading.
    assert_eq!(warnings(&harness), 2);

    harness.get_by_label("Area: Syria and Iraq").click();
    harness.run_steps(2);
    harness
        .get_by_label("Area: Euphrates valley, Syria and Iraq")
        .click();
    harness.run_steps(2);
    assert_eq!(warnings(&harness), 1, "only Syria is left on the km² plot");
    let hidden = hidden_names(&harness);
    assert!(hidden.contains(&IHS.to_owned()), "{hidden:?}");
    assert_eq!(hidden.len(), 2);

    harness.get_by_label("Area: Syria and Iraq").click();
    harness.run_steps(2);
    assert!(!hidden_names(&harness).contains(&IHS.to_owned()));
}

#[test]
fn a_long_silence_is_not_drawn_as_a_trend() {
    let harness = harness_at([1600.0, 1000.0]);
    // SOHR's May 2015 figure and its October 2017 figure: two runs, not one line.
    assert_eq!(harness.state().plots().runs_of(SOHR_IS), Some(2));
    assert_eq!(harness.state().plots().runs_of(IHS), Some(1));

    let daily = harness_on(Path::new("tests/data/daily-two-sources.ron"));
    // Ten days without a figure in a daily series is a silence too.
    assert_eq!(daily.state().plots().runs_of(DAILY), Some(2));
}

#[test]
fn the_value_axis_fits_2017_with_only_the_islamic_state_shown() {
    let mut harness = harness_at([1600.0, 1000.0]);
    let whole = harness
        .state()
        .plots()
        .value_range(PlotAxis::SquareKm)
        .expect("the km² plot")
        .1;
    assert!(
        whole > 115_000.0,
        "the whole dataset reaches 115,000 km²: {whole}"
    );

    harness.get_by_label(IHS).click_secondary();
    harness.run_steps(2);
    harness
        .get_by_label("Only this actor, on every plot")
        .click();
    harness.run_steps(2);
    let looks = harness.state().plots().series_looks();
    let is_series = looks.iter().filter(|l| l.name.starts_with("IS · ")).count();
    assert_eq!(hidden_names(&harness).len(), looks.len() - is_series);

    let window = TimeWindow::new(day("2017-01-01"), day("2018-01-01"));
    harness.state_mut().queue(ViewChange::SetWindow(window));
    harness.run_steps(3);
    let (bottom, top) = harness
        .state()
        .plots()
        .value_range(PlotAxis::SquareKm)
        .expect("the km² plot");
    assert_eq!(bottom, 0.0);
    // IS held 60,400 km² (IHS, December 2016) just before the window: the line
    // from it is in view, and nothing higher is.
    assert!(
        (60_400.0..=60_400.0 * 1.1).contains(&top),
        "the axis should fit IS's figures in 2017, got 0 to {top}"
    );

    harness.get_by_label("Whole range").click();
    harness.run_steps(3);
    let top = harness
        .state()
        .plots()
        .value_range(PlotAxis::SquareKm)
        .expect("the km² plot")
        .1;
    assert!(top > 115_000.0, "whole range: {top}");
}

#[test]
fn the_legend_keeps_only_one_series_and_shows_all_again() {
    let mut harness = harness_at([1600.0, 1000.0]);
    harness
        .get_by_label(SOHR_IS)
        .click_modifiers(Modifiers::ALT);
    harness.run_steps(2);
    let km2: Vec<String> = harness
        .state()
        .plots()
        .series_looks()
        .into_iter()
        .filter(|l| l.axis == PlotAxis::SquareKm)
        .map(|l| l.name)
        .collect();
    let hidden = hidden_names(&harness);
    assert_eq!(hidden.len(), km2.len() - 1, "{hidden:?}");
    assert!(!hidden.contains(&SOHR_IS.to_owned()));

    // A plain click on a hidden chip shows it again.
    harness.get_by_label(IHS).click();
    harness.run_steps(2);
    assert_eq!(hidden_names(&harness).len(), km2.len() - 2);

    harness.get_by_label("Show all").click();
    harness.run_steps(2);
    assert!(hidden_names(&harness).is_empty());

    // The chip's menu offers the same.
    harness.get_by_label(IHS).click_secondary();
    harness.run_steps(2);
    harness.get_by_label("Only this series").click();
    harness.run_steps(2);
    assert_eq!(hidden_names(&harness).len(), km2.len() - 1);
    harness.get_by_label(IHS).click_secondary();
    harness.run_steps(2);
    harness.get_by_label("Show all series").click();
    harness.run_steps(2);
    assert!(hidden_names(&harness).is_empty());
}

#[test]
fn the_main_plot_keeps_two_fifths_of_the_centre_on_a_laptop_and_a_desktop() {
    for size in [[1280.0, 720.0], [1920.0, 1080.0], [1600.0, 1000.0]] {
        let harness = harness_at(size);
        let app = harness.state();
        let plot = app.plots().main_plot_rect().expect("the main plot");
        let centre = app.centre_rect().expect("the centre column");
        let share = plot.height() / centre.height();
        assert!(
            share >= 0.4,
            "{size:?}: the plot has {:.0} of {:.0} px ({share:.2})",
            plot.height(),
            centre.height()
        );
    }
}

#[test]
fn a_plot_below_the_main_one_opens_compact() {
    let mut harness = harness_at([1600.0, 1000.0]);
    assert!(!harness.state().plots().settings(PlotAxis::PercentHeld).open);
    assert!(
        harness
            .state()
            .plots()
            .value_range(PlotAxis::PercentHeld)
            .is_none()
    );
    harness
        .get_by_label("Share held of a reference extent (%)")
        .click();
    harness.run_steps(3);
    assert!(harness.state().plots().settings(PlotAxis::PercentHeld).open);
    assert!(
        harness
            .state()
            .plots()
            .value_range(PlotAxis::PercentHeld)
            .is_some()
    );
    let app = harness.state();
    let share = app.plots().main_plot_rect().expect("plot").height()
        / app.centre_rect().expect("centre").height();
    assert!(share >= 0.3, "the main plot still has room: {share:.2}");
}

#[test]
fn events_on_one_day_share_a_mark_and_each_can_be_reached() {
    let mut harness = harness_on(Path::new("tests/data/daily-two-sources.ron"));
    let (first, second, start) = {
        let loaded = harness.state().loaded().expect("loaded");
        let find = |id: &str| {
            loaded
                .dataset
                .events
                .iter()
                .position(|e| e.id() == id)
                .expect("event")
        };
        let first = find("first-day-1");
        (first, find("first-day-2"), loaded.index.spans[first].start)
    };
    let window = TimeWindow::new(start - 20.0, start + 60.0);
    harness.state_mut().queue(ViewChange::SetWindow(window));
    harness.run_steps(3);
    let frame = harness.state().timeline_frame();
    // Eleven events on one day in the Russia lane make one mark; the Ukraine
    // lane and the April event add theirs.
    assert!(frame.marks <= 4, "{frame:?}");

    // The Russia lane is the first.
    let x = harness.state().time_axis_x().expect("axis");
    let window = harness.state().view().window();
    let fraction = ((start - window.start) / window.width()) as f32;
    let mark = egui::pos2(
        x.min + fraction * x.span(),
        frame.lanes_top + frame.lane_height / 2.0,
    );
    harness.event(egui::Event::PointerMoved(mark));
    harness.run_steps(3);

    for expected in [first, second] {
        for pressed in [true, false] {
            harness.event(egui::Event::PointerButton {
                pos: mark,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
            harness.run_steps(1);
        }
        harness.run_steps(2);
        assert_eq!(
            harness.state().view().selected_event(),
            Some(expected),
            "each click selects the next event of the mark"
        );
    }
    harness.event(egui::Event::PointerMoved(mark + egui::vec2(1.0, 0.0)));
    harness.run_steps(4);
    harness.get_by_label("11 events here");
    harness.get_by_label("Click to step through them");
}

#[test]
fn a_two_day_zoom_into_200000_events_draws_markers_one_can_hover() {
    let dataset = frontline::generate::dataset(&frontline::generate::GenerateOptions {
        events: 200_000,
        series: 4,
        seed: 11,
        ..Default::default()
    });
    let harness = zoomed_into(dataset, 1.0);
    assert_eq!(
        harness.state().view().window().width(),
        2.0,
        "zoom stops at two days"
    );
    let frame = harness.state().timeline_frame();
    assert!(frame.lanes > 0);
    assert_eq!(frame.dense_lanes, 0, "{frame:?}");
    assert!(frame.marks > 0, "{frame:?}");
}

#[test]
fn a_dataset_without_figures_gives_the_lanes_the_whole_column_and_one_without_events_no_timeline() {
    let events_only = frontline::generate::dataset(&frontline::generate::GenerateOptions {
        events: 2_000,
        series: 0,
        seed: 3,
        ..Default::default()
    });
    let loaded = frontline::data::load_dataset(events_only).expect("valid");
    let mut harness = harness_at([1280.0, 720.0]);
    harness
        .state_mut()
        .show_dataset("events only".to_owned(), None, loaded);
    harness.run_steps(3);
    let centre = harness.state().centre_rect().expect("centre");
    let timeline = harness.state().timeline_frame();
    assert!(timeline.lanes > 0);
    assert!(
        timeline.height >= centre.height() * 0.95,
        "the lanes have {} of {} px",
        timeline.height,
        centre.height()
    );
    assert!(
        harness
            .query_by_label_contains("no territorial-control figures")
            .is_none()
    );

    let mut figures_only = frontline::data::load_default().expect("built in").dataset;
    figures_only.events = frontline::data::Events::new();
    let loaded = frontline::data::load_dataset(figures_only).expect("valid");
    harness
        .state_mut()
        .show_dataset("figures only".to_owned(), None, loaded);
    harness.run_steps(3);
    assert_eq!(
        harness.state().timeline_frame().height,
        0.0,
        "no empty timeline"
    );
    let app = harness.state();
    let share = app.plots().main_plot_rect().expect("plot").height()
        / app.centre_rect().expect("centre").height();
    assert!(share >= 0.6, "the plot takes the room: {share:.2}");
}

#[test]
fn sources_for_one_actor_and_area_are_banded_and_other_areas_are_not() {
    let mut harness = harness_on(Path::new("tests/data/daily-two-sources.ron"));
    harness.run_steps(2);
    let bands = harness.state().plots().bands();
    assert_eq!(bands.len(), 1, "{bands:?}");
    let (_, members, stretches) = &bands[0];
    // The count without Crimea is another area: never part of the band.
    assert_eq!(
        members,
        &[
            DAILY.to_owned(),
            "Russia · Second Map Count · Ukraine, including Crimea (km²)".to_owned()
        ]
    );
    // The daily count's ten-day outage breaks the band too.
    assert_eq!(*stretches, 2);

    // Hovering inside the band lists the sources it compares.
    let loaded = harness.state().loaded().expect("loaded");
    let start = loaded.index.tracks[0].points[0][0];
    let window = TimeWindow::new(start, start + 120.0);
    harness.state_mut().queue(ViewChange::SetWindow(window));
    harness.run_steps(3);
    let plot = harness.state().plots().main_plot_rect().expect("plot");
    let (bottom, top) = harness
        .state()
        .plots()
        .value_range(PlotAxis::SquareKm)
        .expect("range");
    // Day 59 has a figure from both counts; the pointer goes between them.
    let day = start + 59.0;
    let value = {
        let loaded = harness.state().loaded().expect("loaded");
        let at_day = |t: usize| {
            let track = &loaded.index.tracks[t];
            track
                .points
                .iter()
                .find(|p| p[0] == day)
                .expect("a figure that day")[1]
        };
        (at_day(0) + at_day(1)) / 2.0
    };
    let x = plot.left() + ((day - start) / 120.0) as f32 * plot.width();
    let y = plot.bottom() - ((value - bottom) / (top - bottom)) as f32 * plot.height();
    harness.event(egui::Event::PointerMoved(egui::pos2(x, y)));
    harness.run_steps(2);
    harness.event(egui::Event::PointerMoved(egui::pos2(x + 0.5, y)));
    harness.run_steps(6);
    harness.get_by_label_contains("Sources differ on Russian forces in Ukraine, including Crimea");
    // The legend's chip and the readout's row.
    assert_eq!(harness.query_all_by_label(DAILY).count(), 2);
    // The other area's count is in the legend only, not in the comparison.
    assert_eq!(
        harness
            .query_all_by_label("Russia · Example Daily · Ukraine, excluding Crimea (km²)")
            .count(),
        1
    );
}

/// Every mesh painted in a clip rectangle, flattened out of shape lists.
fn painted_meshes(harness: &Harness<'static, FrontlineApp>) -> Vec<(egui::Rect, Vec<egui::Pos2>)> {
    fn walk(shape: &egui::Shape, clip: egui::Rect, out: &mut Vec<(egui::Rect, Vec<egui::Pos2>)>) {
        match shape {
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, clip, out)),
            egui::Shape::Mesh(mesh) => {
                out.push((clip, mesh.vertices.iter().map(|v| v.pos).collect()));
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &harness.output().shapes {
        walk(&clipped.shape, clipped.clip_rect, &mut out);
    }
    out
}

#[test]
fn steps_are_drawn_as_lines_never_as_filled_bands() {
    let mut harness = harness_at([1600.0, 1000.0]);
    harness.get_by_label("Steps").click();
    harness.run_steps(3);
    assert!(harness.state().plots().settings(PlotAxis::SquareKm).steps);
    let bands = harness
        .output()
        .shapes
        .iter()
        .filter(|s| matches!(s.shape, egui::Shape::Band(_)))
        .count();
    assert_eq!(
        bands, 0,
        "a step's rise drawn as a band fills a wedge under the line"
    );
}

#[test]
fn the_sources_compared_band_stays_inside_the_plot_when_zoomed_to_two_days() {
    let dataset = frontline::generate::dataset(&frontline::generate::GenerateOptions {
        events: 2_000,
        series: 4,
        actors: 2,
        seed: 11,
    });
    let harness = zoomed_into(dataset, 2.0);
    let frame = harness.state().plots().main_plot_rect().expect("the plot");
    assert!(!harness.state().plots().bands().is_empty());
    let crossing: Vec<egui::Rect> = painted_meshes(&harness)
        .into_iter()
        .filter(|(_, points)| {
            egui::Rect::from_points(points).intersects(frame)
                && points
                    .iter()
                    .any(|p| p.x < frame.left() - 2.0 || p.x > frame.right() + 2.0)
        })
        .map(|(clip, _)| clip)
        .collect();
    assert!(
        !crossing.is_empty(),
        "a band reaches past the window when zoomed in"
    );
    for clip in crossing {
        assert!(
            clip.left() >= frame.left() - 1.0 && clip.right() <= frame.right() + 1.0,
            "a mesh reaching past the plot is clipped to it: clip {clip:?}, plot {frame:?}"
        );
    }
}

#[test]
fn the_main_plot_keeps_priority_on_a_laptop_whatever_was_left_open() {
    for open in [
        vec![PlotAxis::PercentHeld],
        vec![PlotAxis::PercentHeld, PlotAxis::SquareKmLost],
    ] {
        let mut harness = harness_at([1280.0, 720.0]);
        for &axis in &open {
            let mut settings = harness.state().view().plot_settings(axis);
            settings.open = true;
            harness
                .state_mut()
                .queue(ViewChange::SetPlotSettings(axis, settings));
        }
        harness.run_steps(4);
        let app = harness.state();
        let plot = app.plots().main_plot_rect().expect("the main plot");
        let centre = app.centre_rect().expect("the centre column");
        let share = plot.height() / centre.height();
        assert!(
            share >= 0.35,
            "{open:?}: the main plot has {:.0} of {:.0} px ({share:.2})",
            plot.height(),
            centre.height()
        );
    }
}

#[test]
fn a_headings_switches_never_lie_on_its_words() {
    let mut harness = harness_at([1280.0, 720.0]);
    let mut settings = harness.state().view().plot_settings(PlotAxis::PercentHeld);
    settings.open = true;
    harness
        .state_mut()
        .queue(ViewChange::SetPlotSettings(PlotAxis::PercentHeld, settings));
    harness.run_steps(4);
    let warnings: Vec<egui::Rect> = harness
        .query_all_by_label_contains("areas on one axis")
        .map(|n| n.rect())
        .collect();
    assert_eq!(warnings.len(), 2, "both headings warn");
    let switches: Vec<egui::Rect> = ["Show all", "Steps", "Whole range", "Fold legend"]
        .into_iter()
        .flat_map(|label| {
            harness
                .query_all_by_label(label)
                .map(|n| n.rect())
                .collect::<Vec<_>>()
        })
        .collect();
    for warning in &warnings {
        for switch in &switches {
            assert!(
                !warning.intersects(*switch),
                "a switch at {switch:?} lies on the warning at {warning:?}"
            );
        }
    }
}

#[test]
fn actors_scrolled_out_of_the_legend_are_named_below_it() {
    use egui_kittest::kittest::NodeT;
    let harness = harness_at([1280.0, 720.0]);
    let hint = harness
        .query_by_label_contains("More in the legend, scrolled out of sight")
        .expect("the legend overflows on a laptop, and says so");
    let text = hint
        .accesskit_node()
        .label()
        .or_else(|| hint.accesskit_node().value())
        .unwrap_or_default()
        .to_owned();
    assert!(
        text.contains("SDF/YPG") && text.contains("Opposition"),
        "{text}"
    );
    // On a wide screen every actor is in sight and nothing is said.
    let harness = harness_at([2560.0, 1440.0]);
    let hint = harness.query_by_label_contains("More in the legend, scrolled out of sight");
    assert!(
        hint.is_none(),
        "{:?}",
        hint.map(|h| h.accesskit_node().value())
    );
}
