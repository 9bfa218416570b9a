//! Live reload: saving the open file reloads it, keeps the view, keeps the last
//! good data through a broken save, and follows a file deleted and written again.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers stop the test on a failed assumption"
)]

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use frontline::app::FrontlineApp;
use frontline::data::span::TimeSpan;
use frontline::view::{Selection, TimeWindow, ViewChange};

use crate::common;
use common::harness_on;

const SMALL: &str = include_str!("data/small.ron");

/// A hang guard for the file watcher, not a measure of speed.
const WAIT: Duration = Duration::from_secs(20);

/// Runs frames until `done` holds, finishing any load that starts meanwhile.
fn run_until(harness: &mut Harness<'static, FrontlineApp>, done: impl Fn(&FrontlineApp) -> bool) {
    let start = Instant::now();
    while !done(harness.state()) {
        assert!(start.elapsed() < WAIT, "the reload did not happen");
        std::thread::sleep(Duration::from_millis(50));
        harness.run_steps(1);
        if harness.state().pending_load().is_some() {
            harness.state_mut().finish_pending_load();
        }
    }
    harness.run_steps(2);
}

fn title_of(app: &FrontlineApp) -> Option<String> {
    app.loaded().map(|l| l.dataset.title.clone())
}

#[test]
fn a_save_reloads_the_file_and_keeps_the_view() {
    let path = common::temp_file("live-view.ron", SMALL);
    let mut harness = harness_on(&path);
    assert!(harness.state().is_watching());
    // Move the view, select the second event, filter by an actor, select a span.
    let window = TimeWindow::new(18_300.0, 18_400.0);
    let span = TimeSpan {
        start: 18_330.0,
        end: 18_350.0,
    };
    {
        let app = harness.state_mut();
        let loaded = app.loaded().expect("open");
        let bridge = loaded
            .dataset
            .events
            .iter()
            .position(|e| e.id() == "bridge-destroyed")
            .expect("event");
        let filter = common::filter_edited(app, |f| {
            f.actors.insert("south".to_owned());
        });
        app.queue(ViewChange::SetWindow(window));
        app.queue(ViewChange::SetSpan(Some(span)));
        app.queue(ViewChange::Select(Some(Selection::Event(bridge))));
        app.queue(filter);
    }
    harness.run_steps(2);

    // An editor saves a new version with a new first event: every index shifts.
    let edited = SMALL
        .replacen("Siege of Example Town, 2020", "Siege of Example Town, 2020 (revised)", 1)
        .replacen(
            "  events: [\n",
            "  events: [\n    Event(id: \"new-first\", date: \"2020-02\", title: \"A new first event\", actors: [\"north\"], confidence: Reported, cites: [Cite(source: \"agency-2020-03-02\")]),\n",
            1,
        );
    assert!(edited.contains("new-first"));
    std::fs::write(&path, &edited).expect("save");
    run_until(&mut harness, |app| {
        title_of(app).is_some_and(|t| t.ends_with("(revised)"))
    });
    let app = harness.state();
    assert_eq!(app.view().window(), window, "the visible range is kept");
    assert_eq!(app.view().span(), Some(span), "the span is kept");
    assert_eq!(
        common::selected_id(app).as_deref(),
        Some("bridge-destroyed")
    );
    assert_eq!(
        app.view().selection(),
        Some(Selection::Event(2)),
        "found by its id"
    );
    assert!(
        app.view().filter().actors.contains("south"),
        "the filter is kept"
    );
    assert!(
        app.window_title()
            .starts_with("Siege of Example Town, 2020 (revised) — "),
        "the window title follows: {}",
        app.window_title()
    );
}

#[test]
fn a_broken_save_keeps_the_last_good_data_and_the_fixed_save_replaces_it() {
    let path = common::temp_file("live-broken.ron", SMALL);
    let mut harness = harness_on(&path);
    // Half-written: cut in the middle.
    std::fs::write(&path, &SMALL[..SMALL.len() / 2]).expect("save");
    run_until(&mut harness, |app| app.problems().is_some());
    assert_eq!(
        title_of(harness.state()).as_deref(),
        Some("Siege of Example Town, 2020"),
        "the last good data stays on screen"
    );
    // The next good save replaces it and closes the problems window.
    std::fs::write(&path, SMALL.replacen("2020\",", "2020, fixed\",", 1)).expect("save");
    run_until(&mut harness, |app| {
        title_of(app).is_some_and(|t| t.ends_with("fixed"))
    });
    assert!(harness.state().problems().is_none());
}

#[test]
fn a_file_deleted_and_written_again_is_still_followed() {
    let path = common::temp_file("live-recreated.ron", SMALL);
    let mut harness = harness_on(&path);
    std::fs::remove_file(&path).expect("delete");
    std::thread::sleep(Duration::from_millis(100));
    std::fs::write(&path, SMALL.replacen("2020\",", "2020, again\",", 1)).expect("write again");
    run_until(&mut harness, |app| {
        title_of(app).is_some_and(|t| t.ends_with("again"))
    });
    // And once more, after the recreation.
    std::fs::write(&path, SMALL.replacen("2020\",", "2020, thrice\",", 1)).expect("save");
    run_until(&mut harness, |app| {
        title_of(app).is_some_and(|t| t.ends_with("thrice"))
    });
}

#[test]
fn a_selected_event_that_is_gone_is_said_and_watching_can_be_turned_off() {
    let path = common::temp_file("live-gone.ron", SMALL);
    let mut harness = harness_on(&path);
    {
        let app = harness.state_mut();
        let bridge = app
            .loaded()
            .and_then(|l| {
                l.dataset
                    .events
                    .iter()
                    .position(|e| e.id() == "bridge-destroyed")
            })
            .expect("event");
        app.queue(ViewChange::Select(Some(Selection::Event(bridge))));
    }
    harness.run_steps(1);
    std::fs::write(
        &path,
        SMALL.replacen("id: \"bridge-destroyed\"", "id: \"bridge-damaged\"", 1),
    )
    .expect("save");
    run_until(&mut harness, |app| {
        app.loaded()
            .is_some_and(|l| l.dataset.events.iter().any(|e| e.id() == "bridge-damaged"))
    });
    assert!(
        harness
            .query_by_label_contains(
                "the selected event \"bridge-destroyed\" is no longer in the file"
            )
            .is_some()
    );
    assert_eq!(harness.state().view().selection(), None);

    // File → Reload when the file changes, off: a save no longer reloads.
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label("Reload when the file changes").click();
    harness.run_steps(2);
    assert!(!harness.state().is_watching());
    std::fs::write(&path, SMALL.replacen("2020\",", "2020, unseen\",", 1)).expect("save");
    for _ in 0..20 {
        std::thread::sleep(Duration::from_millis(50));
        harness.run_steps(1);
    }
    assert_eq!(
        title_of(harness.state()).as_deref(),
        Some("Siege of Example Town, 2020")
    );
}
