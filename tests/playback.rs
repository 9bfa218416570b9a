//! Playback: the playhead carries the window forward; the map, plots and list
//! follow it; it stops at the end and pauses when the reader takes over.

use egui::Key;
use egui_kittest::kittest::Queryable;
use frontline::playback::PlaybackMode;

use crate::common;

fn harness() -> egui_kittest::Harness<'static, frontline::app::FrontlineApp> {
    let mut harness = egui_kittest::Harness::builder()
        .with_size([1600.0, 1000.0])
        .build_eframe(|_cc| frontline::app::FrontlineApp::with_default_dataset());
    harness.run_steps(3);
    harness
}

#[test]
fn p_plays_the_window_forward_and_p_again_pauses_it() {
    let mut harness = harness();
    let before = harness.state().view().window();
    harness.key_press(Key::P);
    harness.run_steps(1);
    assert!(harness.state().playback().playing);
    for _ in 0..20 {
        harness.step();
    }
    let after = harness.state().view().window();
    let head = harness.state().playback().head.expect("a playhead");
    assert_eq!(after.end, head, "the window ends at the playhead");
    // 90 days wide by default, moving forward.
    assert!((after.width() - 90.0).abs() < 1e-9, "{after:?}");
    assert!(
        head > before.start,
        "{head} from {before:?}: playback starts at the beginning when the window shows the end"
    );
    // The cursor the plots and the map draw is the playhead.
    assert_eq!(harness.state().view().cursor(), Some(head));
    harness.key_press(Key::P);
    harness.run_steps(2);
    assert!(!harness.state().playback().playing);
    let paused = harness.state().view().window();
    harness.run_steps(5);
    assert_eq!(harness.state().view().window(), paused);
}

#[test]
fn the_play_button_and_the_speed_and_mode_controls_drive_it() {
    let mut harness = harness();
    harness.get_by_label("Play").click();
    harness.run_steps(2);
    assert!(harness.state().playback().playing);
    assert!(harness.query_by_label("Pause").is_some());
    harness
        .state_mut()
        .queue(frontline::command::Command::PlaybackSpeed(365.0));
    harness
        .state_mut()
        .queue(frontline::command::Command::PlaybackMode(
            PlaybackMode::FromStart,
        ));
    harness.run_steps(3);
    let playback = harness.state().playback();
    assert_eq!(playback.speed, 365.0);
    assert_eq!(playback.mode, PlaybackMode::FromStart);
    let extent = harness
        .state()
        .loaded()
        .and_then(|l| l.index.extent)
        .expect("an extent");
    assert_eq!(
        harness.state().view().window().start,
        extent.0,
        "from the start"
    );
    // A speed past the fastest is held at it.
    common::send(
        &mut harness,
        frontline::command::Command::PlaybackSpeed(1e9),
    );
    assert_eq!(
        harness.state().playback().speed,
        *frontline::playback::SPEEDS.end()
    );
}

#[test]
fn panning_pauses_playback_and_the_end_of_the_data_stops_it() {
    let mut harness = harness();
    harness.key_press(Key::P);
    harness.run_steps(3);
    harness.key_press(Key::A);
    harness.run_steps(2);
    assert!(!harness.state().playback().playing, "the reader took over");

    let path = common::temp_file("playback.ron", include_str!("data/small.ron"));
    let mut harness = common::harness_on(&path);
    harness
        .state_mut()
        .queue(frontline::command::Command::PlaybackSpeed(3650.0));
    harness.key_press(Key::P);
    for _ in 0..200 {
        harness.step();
        if !harness.state().playback().playing {
            break;
        }
    }
    assert!(!harness.state().playback().playing, "it stops by itself");
    let extent = harness
        .state()
        .loaded()
        .and_then(|l| l.index.extent)
        .expect("an extent");
    assert_eq!(harness.state().view().window().end, extent.1);
}
