//! Saved views: saved by name beside the dataset, restored, renamed and deleted;
//! the view a dataset was left in comes back when it is opened again; a views
//! file that cannot be read is reported and never keeps the dataset from opening.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers stop the test on a failed assumption"
)]

use std::path::Path;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use frontline::app::FrontlineApp;
use frontline::data::span::TimeSpan;
use frontline::data::views::{ViewsFile, read_views, views_path};
use frontline::view::{Selection, TimeWindow, ViewChange};

use crate::common;
use common::harness_on;

const SMALL: &str = include_str!("data/small.ron");

fn open(harness: &mut Harness<'static, FrontlineApp>, path: &Path) {
    let ctx = harness.ctx.clone();
    harness.state_mut().open_file(path, &ctx);
    harness.state_mut().finish_pending_load();
    harness.run_steps(3);
}

#[test]
fn a_view_saved_by_name_is_restored_renamed_and_deleted() {
    let path = common::temp_file("views-named.ron", SMALL);
    let _ = std::fs::remove_file(views_path(&path));
    let mut harness = harness_on(&path);
    let window = TimeWindow::new(18_300.0, 18_400.0);
    let span = TimeSpan {
        start: 18_330.0,
        end: 18_350.0,
    };
    {
        let filter = common::filter_edited(harness.state(), |f| {
            f.actors.insert("south".to_owned());
        });
        let app = harness.state_mut();
        app.queue(ViewChange::SetWindow(window));
        app.queue(ViewChange::SetSpan(Some(span)));
        app.queue(filter);
        app.queue(ViewChange::Select(Some(Selection::Event(1))));
    }
    harness.run_steps(2);
    harness.get_by_label("Views").click();
    harness.run_steps(2);
    harness.get_by_label("Save view…").click();
    harness.run_steps(2);
    let field = harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "Name:");
    field.type_text(" (south)");
    harness.run_steps(1);
    harness.get_by_label("OK").click();
    harness.run_steps(2);
    let saved = read_views(&views_path(&path)).expect("a readable views file");
    assert_eq!(saved.views.len(), 1);
    assert_eq!(saved.views[0].name, "View 1 (south)");
    assert_eq!(saved.views[0].filter.actors, ["south".to_owned()].into());
    assert_eq!(
        saved.views[0].selected_event.as_deref(),
        Some("bridge-destroyed")
    );

    // Wander off, then restore.
    {
        let app = harness.state_mut();
        app.queue(ViewChange::SetWindow(TimeWindow::new(0.0, 10.0)));
        app.queue(ViewChange::SetSpan(None));
        app.queue(ViewChange::SetFilter(Box::default()));
        app.queue(ViewChange::Select(None));
    }
    harness.run_steps(1);
    harness.state_mut().restore_view("View 1 (south)");
    harness.run_steps(2);
    let app = harness.state();
    assert_eq!(app.view().window(), window);
    assert_eq!(app.view().span(), Some(span));
    assert_eq!(app.view().selection(), Some(Selection::Event(1)));
    assert_eq!(app.view().filter().actors.len(), 1);

    harness
        .state_mut()
        .rename_view("View 1 (south)", "Southern front");
    assert_eq!(harness.state().views().views[0].name, "Southern front");
    harness.state_mut().delete_view("Southern front");
    let saved = read_views(&views_path(&path)).expect("readable");
    assert!(saved.views.is_empty());
}

#[test]
fn opening_a_dataset_again_restores_the_view_it_was_left_in() {
    let path = common::temp_file("views-last.ron", SMALL);
    let _ = std::fs::remove_file(views_path(&path));
    let mut harness = harness_on(&path);
    let window = TimeWindow::new(18_310.0, 18_330.0);
    harness.state_mut().queue(ViewChange::SetWindow(window));
    harness.run_steps(1);
    // Leave it for the built-in dataset, then come back.
    harness.state_mut().open_built_in();
    harness.run_steps(2);
    assert_ne!(harness.state().view().window(), window);
    open(&mut harness, &path);
    assert_eq!(harness.state().view().window(), window);
    // No view was saved by name: nothing was written beside the data.
    assert!(
        !views_path(&path).exists(),
        "the last view is kept in the app's own storage"
    );
    // The first named view writes the file, without the last view in it.
    harness.state_mut().save_view("kept");
    let written = std::fs::read_to_string(views_path(&path)).expect("written once a view is saved");
    assert!(!written.contains("last:"), "{written}");
}

#[test]
fn a_views_file_that_cannot_be_read_is_reported_and_left_as_it_is() {
    let path = common::temp_file("views-corrupt.ron", SMALL);
    let corrupt = "Views(views: [View(name: \"half";
    std::fs::write(views_path(&path), corrupt).expect("write");
    let mut harness = harness_on(&path);
    assert_eq!(
        harness.state().loaded().map(|l| l.dataset.title.as_str()),
        Some("Siege of Example Town, 2020"),
        "the dataset opens all the same"
    );
    assert!(
        harness.query_by_label_contains("cannot be read").is_some(),
        "{}",
        harness.state().message()
    );
    // Saving a view, or leaving the dataset, never writes over the file.
    harness.state_mut().save_view("anything");
    harness.state_mut().open_built_in();
    harness.run_steps(2);
    assert_eq!(
        std::fs::read_to_string(views_path(&path)).expect("read"),
        corrupt
    );
    assert!(ViewsFile::from_text(corrupt).is_err());
}

#[test]
fn a_view_keeps_the_lanes_and_the_plot_switches() {
    use frontline::data::PlotAxis;
    use frontline::data::lanes::{LaneGrouping, LaneOrder};
    let path = common::temp_file("views-panels.ron", SMALL);
    let _ = std::fs::remove_file(views_path(&path));
    let mut harness = harness_on(&path);
    {
        let app = harness.state_mut();
        let mut choice = app.view().lanes().clone();
        choice.grouping = LaneGrouping::EventKind;
        choice.order = LaneOrder::Name;
        let mut settings = app.view().plot_settings(PlotAxis::SquareKm);
        settings.steps = true;
        settings.whole_range = true;
        app.queue(ViewChange::SetLanes(choice));
        app.queue(ViewChange::SetPlotSettings(PlotAxis::SquareKm, settings));
    }
    harness.run_steps(1);
    harness.state_mut().save_view("by kind, steps");
    let written = std::fs::read_to_string(views_path(&path)).expect("views written");
    assert!(written.contains("grouping: EventKind"), "{written}");
    assert!(written.contains("steps: true"), "{written}");

    {
        let app = harness.state_mut();
        let mut choice = app.view().lanes().clone();
        choice.grouping = LaneGrouping::Single;
        let mut settings = app.view().plot_settings(PlotAxis::SquareKm);
        settings.steps = false;
        app.queue(ViewChange::SetLanes(choice));
        app.queue(ViewChange::SetPlotSettings(PlotAxis::SquareKm, settings));
    }
    harness.run_steps(1);
    harness.state_mut().restore_view("by kind, steps");
    harness.run_steps(2);
    let app = harness.state();
    assert_eq!(app.view().lanes().grouping, LaneGrouping::EventKind);
    assert_eq!(app.view().lanes().order, LaneOrder::Name);
    let settings = app.plots().settings(PlotAxis::SquareKm);
    assert!(settings.steps && settings.whole_range);
    assert_eq!(
        harness.state().lane_names(),
        ["(no kind given)", "Battles"],
        "by name: the parenthesis sorts first"
    );
}

#[test]
fn a_selected_figure_is_kept_by_a_saved_view() {
    let path = common::temp_file("views-figure.ron", SMALL);
    let _ = std::fs::remove_file(views_path(&path));
    let mut harness = harness_on(&path);
    let figure = Selection::Point {
        series: 0,
        point: 1,
    };
    common::send(&mut harness, ViewChange::Select(Some(figure)));
    harness.state_mut().save_view("the April figure");
    let saved = read_views(&views_path(&path)).expect("written");
    assert_eq!(
        saved.views[0].selected_figure.as_ref().map(|f| f.point),
        Some(1)
    );
    common::send(&mut harness, ViewChange::Select(None));
    harness.state_mut().restore_view("the April figure");
    assert_eq!(harness.state().view().selection(), Some(figure));
}
