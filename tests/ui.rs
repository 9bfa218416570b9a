//! The viewer, driven headless with egui_kittest: what users click and what they see.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers stop the test on a failed assumption"
)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::{Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use frontline::app::FrontlineApp;
use frontline::view::{Selection, ViewChange};

use crate::common;
use common::temp_file;

const TITLE: &str = "Islamic State territory in Syria and Iraq, 2014-2019";

fn harness() -> Harness<'static, FrontlineApp> {
    let mut harness = Harness::builder()
        .with_size([1600.0, 1000.0])
        .build_eframe(|_cc| FrontlineApp::with_default_dataset());
    harness.run_steps(3);
    harness
}

fn event_index(app: &FrontlineApp, id: &str) -> usize {
    let loaded = app.loaded().expect("a dataset is open");
    loaded
        .dataset
        .events
        .iter()
        .position(|e| e.id() == id)
        .unwrap_or_else(|| panic!("no event {id}"))
}

/// Where an event starts on the time axis.
fn event_start(app: &FrontlineApp, id: &str) -> f64 {
    let event = event_index(app, id);
    app.loaded()
        .map(|l| l.index.spans[event].start)
        .unwrap_or_default()
}

/// Opens `path` in the app and waits for the load.
fn open_and_wait(harness: &mut Harness<'static, FrontlineApp>, path: &Path) {
    let ctx = harness.ctx.clone();
    harness.state_mut().open_file(path, &ctx);
    wait_for_load(harness);
}

fn wait_for_load(harness: &mut Harness<'static, FrontlineApp>) {
    harness.state_mut().finish_pending_load();
    harness.run_steps(3);
}

#[test]
fn opens_on_the_built_in_dataset_and_shows_its_title() {
    let harness = harness();
    assert!(harness.query_all_by_label(TITLE).count() >= 1);
    assert!(
        harness
            .query_by_label_contains("50 / 50 events in view")
            .is_some()
    );
    assert!(
        harness
            .query_by_label("2017-06-30  IS leaves Aleppo province")
            .is_some()
    );
}

#[test]
fn selecting_an_event_shows_its_citations() {
    let mut harness = harness();
    harness
        .get_by_label("2017-06-29  IS counter-attack in east Raqqa")
        .click();
    harness.run_steps(3);
    assert_eq!(
        common::selected_id(harness.state()).as_deref(),
        Some("raqqa-counter-attack")
    );
    assert!(
        harness
            .query_by_label("IS counter-attack in east Raqqa")
            .is_some(),
        "heading"
    );
    assert!(
        harness.query_all_by_label("RTS (ats/afp)").count() >= 2,
        "cited and disputing"
    );
    assert!(harness.query_by_label("Middle East Eye").is_some());
    assert!(harness.query_by_label("Disputed by (1)").is_some());
    assert!(
        harness
            .query_by_label("the SDF denied SOHR's report")
            .is_some()
    );
    assert!(
        harness
            .query_all_by_label(
                "https://www.rts.ch/info/monde/8745269-le-groupe-ei-sest-totalement-retire-de-la-province-syrienne-dalep.html"
            )
            .count()
            >= 1,
        "the full address is shown beside its link"
    );
}

#[test]
fn next_and_previous_keys_follow_date_order() {
    let mut harness = harness();
    harness.key_press(Key::ArrowRight);
    harness.run_steps(2);
    assert_eq!(
        common::selected_id(harness.state()).as_deref(),
        Some("fallujah-falls")
    );
    harness.key_press(Key::K);
    harness.run_steps(2);
    assert_eq!(
        common::selected_id(harness.state()).as_deref(),
        Some("raqqa-taken")
    );
    harness.key_press(Key::ArrowRight);
    harness.run_steps(2);
    assert_eq!(
        common::selected_id(harness.state()).as_deref(),
        Some("mosul-falls")
    );
    harness.key_press(Key::J);
    harness.run_steps(2);
    assert_eq!(
        common::selected_id(harness.state()).as_deref(),
        Some("raqqa-taken")
    );
    assert!(
        harness
            .query_by_label("ISIL takes full control of Raqqa")
            .is_some(),
        "detail heading follows"
    );

    // From the last event, Right stays on it.
    let last = harness
        .state()
        .loaded()
        .map(|l| *l.index.order.chronological.last().unwrap_or(&0) as usize);
    if let Some(last) = last {
        harness
            .state_mut()
            .queue(ViewChange::Select(Some(Selection::Event(last))));
    }
    harness.key_press(Key::ArrowRight);
    harness.run_steps(2);
    assert_eq!(
        common::selected_id(harness.state()).as_deref(),
        Some("baghdadi-killed")
    );
}

#[test]
fn zooming_the_timeline_moves_the_plot_identically() {
    let mut harness = harness();
    let before = harness.state().view().window();
    let axis = harness
        .state()
        .time_axis_x()
        .expect("the plot laid out the time axis");
    assert_eq!(
        harness.state().plot_time_range(),
        Some((before.start, before.end))
    );

    // Ctrl+wheel over the timeline, at a third of the axis.
    let pointer = Pos2::new(axis.min + axis.span() / 3.0, 150.0);
    harness.hover_at(pointer);
    harness.event_modifiers(
        egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Line,
            delta: egui::vec2(0.0, 3.0),
            modifiers: Modifiers::COMMAND,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        },
        Modifiers::COMMAND,
    );
    harness.run_steps(4);
    let after = harness.state().view().window();
    assert!(
        after.width() < before.width() * 0.9,
        "zoomed in: {before:?} → {after:?}"
    );
    let (plot_start, plot_end) = harness.state().plot_time_range().expect("plot shown");
    assert!((plot_start - after.start).abs() < 1e-6 && (plot_end - after.end).abs() < 1e-6);
    // The day under the pointer stayed under the pointer.
    let fraction = f64::from((pointer.x - axis.min) / axis.span());
    let day_before = before.start + fraction * before.width();
    let day_after = after.start + fraction * after.width();
    assert!(
        (day_before - day_after).abs() < before.width() * 0.01,
        "{day_before} vs {day_after}"
    );

    // Home fits everything again, in both.
    harness.key_press(Key::Home);
    harness.run_steps(3);
    assert_eq!(harness.state().view().window(), before);
    assert_eq!(
        harness.state().plot_time_range(),
        Some((before.start, before.end))
    );
}

#[test]
fn a_bad_file_shows_its_errors_and_keeps_the_open_dataset() {
    let mut harness = harness();
    let text =
        include_str!("data/small.ron").replacen("actors: [\"south\"]", "actors: [\"west\"]", 1);
    let path = temp_file("bad.ron", &text);
    open_and_wait(&mut harness, &path);

    let report = harness
        .state()
        .problems()
        .cloned()
        .expect("problems are shown");
    let line = common::line_of(include_str!("data/small.ron"), "actors: [\"south\"]");
    assert!(
        report.text.contains(&format!("{line}:16: error: event #2 \"bridge-destroyed\": names actor \"west\", which is not in `actors`")),
        "{}",
        report.text
    );
    assert!(
        report.text.starts_with(&format!("{line}:16: error:")),
        "the file is named once, in the heading, so that the message fits: {}",
        report.text
    );
    assert!(
        harness
            .query_by_label_contains("could not be opened: 1 error")
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains("Still showing is-territory-2014-2019.ron")
            .is_some()
    );
    // The built-in dataset is still open and usable.
    assert_eq!(
        harness.state().loaded().map(|l| l.dataset.title.as_str()),
        Some(TITLE)
    );
    harness
        .get_by_label("2017-06-30  IS leaves Aleppo province")
        .click();
    harness.run_steps(3);
    assert_eq!(
        common::selected_id(harness.state()).as_deref(),
        Some("is-leaves-aleppo-province")
    );
}

#[derive(Debug)]
struct DroppedPath(PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_dropped_file_opens() {
    let mut harness = harness();
    let path = temp_file("dropped.ron", include_str!("data/small.ron"));
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(DroppedPath(path.clone())));
    harness.run_steps(1);
    wait_for_load(&mut harness);
    let app = harness.state();
    assert_eq!(
        app.loaded().map(|l| l.dataset.title.as_str()),
        Some("Siege of Example Town, 2020")
    );
    assert!(
        harness
            .query_all_by_label("Siege of Example Town, 2020")
            .count()
            >= 1
    );
    assert!(
        harness
            .query_by_label("2020-03-02  40 dead · Siege of Example Town")
            .is_some()
    );
    assert!(app.recent().iter().any(|p| p.ends_with("dropped.ron")));
}

#[test]
fn clicking_an_event_in_the_list_reveals_it_in_the_timeline() {
    let mut harness = harness();
    harness.key_press(Key::W);
    harness.key_press(Key::W);
    harness.key_press(Key::W);
    harness.run_steps(2);
    let start = event_start(harness.state(), "mosul-falls");
    assert!(
        !harness.state().view().window().contains(start),
        "zoomed away from 2014"
    );
    harness
        .get_by_label("2014-06-10  Mosul falls; Iraqi army collapses")
        .click();
    harness.run_steps(3);
    let app = harness.state();
    assert_eq!(common::selected_id(app).as_deref(), Some("mosul-falls"));
    assert!(
        app.view().window().contains(start),
        "the timeline pans to the selected event"
    );
}

#[test]
fn searching_narrows_the_event_list() {
    let mut harness = harness();
    harness.get_by_label("Search").click();
    harness.run_steps(1);
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Search")
        .type_text("raqqa");
    harness.run_steps(3);
    assert!(
        harness
            .query_by_label_contains("match, in date order")
            .is_some()
    );
    assert!(
        harness
            .query_by_label("2017-10-17  SDF capture Raqqa")
            .is_some()
    );
    assert!(
        harness
            .query_by_label("2014-01-14  ISIL takes full control of Raqqa")
            .is_some()
    );
    assert!(
        harness
            .query_by_label("2014-01  Fallujah falls to ISIL")
            .is_none()
    );
    // The search reads summaries too: this one crosses "Hama and Raqqa provinces".
    assert!(
        harness
            .query_by_label("2017-06-30  IS leaves Aleppo province")
            .is_some()
    );
    // Typing in the search box does not move the selection.
    assert_eq!(harness.state().view().selection(), None);
}

#[test]
fn keys_still_work_after_clicking_a_list_row() {
    let mut harness = harness();
    harness
        .get_by_label("2017-06-30  IS leaves Aleppo province")
        .click();
    harness.run_steps(2);
    harness.key_press(Key::K);
    harness.run_steps(2);
    assert_eq!(
        common::selected_id(harness.state()).as_deref(),
        Some("mosul-victory")
    );
    let before = harness.state().view().window();
    for _ in 0..12 {
        harness.key_press(Key::W);
    }
    harness.run_steps(2);
    let after = harness.state().view().window();
    assert!(
        after.width() < before.width() / 100.0,
        "W zooms in: {after:?}"
    );
    let start = event_start(harness.state(), "mosul-victory");
    assert!(
        after.contains(start),
        "zooming keeps the selected event in view"
    );
}

#[test]
fn the_readme_lists_every_shortcut() {
    let readme = include_str!("../README.md");
    for (keys, action) in frontline::command::help_rows() {
        assert!(
            readme.contains(&format!("| {keys} | {action} |")),
            "README lacks {keys}: {action}"
        );
    }
    assert!(
        readme.contains(&frontline::command::markdown_table()),
        "the README's shortcut table is not the one made from the command table"
    );
}

#[test]
fn every_command_with_keys_appears_in_the_help_window() {
    let mut harness = harness();
    harness.key_press(Key::Questionmark);
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label("Help: keys and how to read the view")
            .is_some()
    );
    // The plots are explained there too.
    for line in frontline::ui::shortcuts::PLOT_HELP {
        assert!(harness.query_by_label(line).is_some(), "{line}");
    }
    for spec in frontline::command::COMMANDS {
        if spec.keys.is_empty() {
            continue;
        }
        assert!(
            harness.query_by_label(&spec.keys_text()).is_some(),
            "the help window lacks the keys of {:?}",
            spec.command
        );
        assert!(
            harness.query_all_by_label(spec.help).count() >= 1,
            "the help window lacks what {:?} does",
            spec.command
        );
    }
}

#[test]
fn the_menus_run_commands_from_the_table() {
    let mut harness = harness();
    harness.get_by_label("View").click();
    harness.run_steps(2);
    let before = harness.state().view().window();
    harness.get_by_label_contains("Zoom in").click();
    harness.run_steps(2);
    let after = harness.state().view().window();
    assert!(
        after.width() < before.width(),
        "Zoom in from the menu zooms in"
    );
}

#[test]
fn the_legend_hides_and_shows_a_series() {
    let mut harness = harness();
    let label = "IS · IHS Markit · Syria and Iraq (km²)";
    harness.get_by_label_contains(label).click();
    harness.run_steps(2);
    let ihs = harness
        .state()
        .loaded()
        .and_then(|l| {
            l.dataset
                .control
                .iter()
                .position(|s| s.source_org == "IHS Markit")
        })
        .expect("IHS series");
    assert!(harness.state().hidden_series().contains(&ihs));
    harness.get_by_label_contains(label).click();
    harness.run_steps(2);
    assert!(!harness.state().hidden_series().contains(&ihs));
}

#[test]
fn a_selected_figure_shows_its_citation_and_conversion() {
    let mut harness = harness();
    let (ihs, jusoor_is) = {
        let loaded = harness.state().loaded().expect("open");
        let find = |org: &str, actor: &str| {
            loaded
                .dataset
                .control
                .iter()
                .position(|s| s.source_org == org && s.actor == actor)
                .expect("series")
        };
        (find("IHS Markit", "is"), find("Jusoor", "is"))
    };
    harness
        .state_mut()
        .queue(ViewChange::Select(Some(Selection::Point {
            series: ihs,
            point: 1,
        })));
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label("Islamic State: 82,940 km² held")
            .is_some()
    );
    assert!(harness.query_by_label("IHS Jane's").is_some());
    assert!(
        harness
            .query_by_label("https://www.janes.com/article/53239")
            .is_some()
    );

    harness
        .state_mut()
        .queue(ViewChange::Select(Some(Selection::Point {
            series: jusoor_is,
            point: 0,
        })));
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label("Islamic State: 22.1% of Syria held")
            .is_some()
    );
    assert!(
        harness
            .query_by_label("Plotted as 40,925 km² held (22.1% × 185,180 km² for Syria)")
            .is_some()
    );
}

#[test]
fn searching_a_large_dataset_runs_in_the_background() {
    let generated = frontline::generate::dataset(&frontline::generate::GenerateOptions {
        events: 80_000,
        series: 1,
        seed: 4,
        ..Default::default()
    });
    let expected = generated
        .events
        .iter()
        .filter(|e| e.title().to_lowercase().contains("convoy"))
        .count();
    // Every confidence level but one: more events than are searched at once.
    use frontline::data::Confidence;
    let kept_levels = [
        Confidence::Confirmed,
        Confidence::Reported,
        Confidence::Claimed,
        Confidence::Disputed,
    ];
    let expected_filtered = generated
        .events
        .iter()
        .filter(|e| e.title().to_lowercase().contains("convoy"))
        .filter(|e| kept_levels.contains(&e.confidence()))
        .count();
    let loaded = frontline::data::load_dataset(generated).expect("valid");
    let mut harness = Harness::builder()
        .with_size([1600.0, 1000.0])
        .build_eframe(move |_cc| {
            let mut app = FrontlineApp::empty();
            app.show_dataset("generated".to_owned(), None, loaded);
            app
        });
    harness.run_steps(2);
    harness.state_mut().set_search("convoy");
    harness.run_steps(1);
    let mut waited = 0;
    while harness.state().search_state().0 && waited < 200 {
        std::thread::sleep(std::time::Duration::from_millis(50));
        harness.run_steps(1);
        waited += 1;
    }
    harness.run_steps(1);
    // "convoy" appears in generated titles only (ids and place names never contain it).
    assert_eq!(harness.state().search_state(), (false, Some(expected)));
    assert!(expected > 1000, "the query should match many events");
    assert!(
        harness
            .query_by_label_contains(&format!("({expected} of 80000 match"))
            .is_some()
    );
    // Filtered: the search runs again, in the background, over the events shown.
    let filter = common::filter_edited(harness.state(), |f| {
        f.confidence.extend(kept_levels);
    });
    harness.state_mut().queue(filter);
    let mut waited = 0;
    while harness.state().search_state() != (false, Some(expected_filtered)) && waited < 200 {
        std::thread::sleep(std::time::Duration::from_millis(50));
        harness.run_steps(1);
        waited += 1;
    }
    assert_eq!(
        harness.state().search_state(),
        (false, Some(expected_filtered))
    );
    assert!(expected_filtered > 500 && expected_filtered < expected);
}

#[test]
fn a_huge_title_is_cut_before_it_is_laid_out() {
    use egui_kittest::kittest::NodeT;
    let mut dataset = frontline::data::load_default()
        .expect("built-in dataset")
        .dataset;
    let huge = format!("Battle {}", "x".repeat(5_000_000));
    let mut first = dataset.events.at(0).to_event();
    first.title.clone_from(&huge);
    dataset.events.replace(0, first);
    dataset.title.clone_from(&huge);
    let loaded = frontline::data::load_dataset(dataset).expect("valid");
    let mut harness = Harness::builder()
        .with_size([1600.0, 1000.0])
        .build_eframe(move |_cc| {
            let mut app = FrontlineApp::empty();
            app.show_dataset("huge".to_owned(), None, loaded);
            app.queue(ViewChange::Select(Some(Selection::Event(0))));
            app
        });
    harness.run_steps(3);
    let shown = harness
        .query_all_by_label_contains("Battle xxx")
        .map(|node| node.accesskit_node().label().map_or(0, |l| l.len()))
        .max()
        .expect("the title is shown");
    assert!(shown < 25_000, "a title of {shown} bytes was laid out");
}

#[test]
fn a_file_with_a_duplicate_id_can_be_opened_without_the_invalid_record() {
    let mut harness = harness();
    // Event #2 takes the id of event #1: one invalid record among the others.
    let text =
        include_str!("data/small.ron").replacen("id: \"bridge-destroyed\"", "id: \"siege\"", 1);
    let path = temp_file("duplicate-id.ron", &text);
    open_and_wait(&mut harness, &path);
    assert!(harness.state().problems().is_some());

    harness
        .get_by_label("Open without the invalid records")
        .click();
    harness.run_steps(3);
    let app = harness.state();
    let loaded = app.loaded().expect("opened");
    assert_eq!(loaded.dataset.title, "Siege of Example Town, 2020");
    assert_eq!(loaded.dataset.events.len(), 1, "the duplicate is left out");
    assert_eq!(loaded.dataset.events.at(0).id(), "siege");
    assert!(app.problems().is_none());
    assert!(
        harness
            .query_all_by_label_contains("1 invalid record not displayed")
            .count()
            >= 1,
        "the status bar says a record was left out"
    );
    // The window lists the record left out, with its place in the file.
    assert!(harness.query_by_label("Problems in this file").is_some());
    // At the repeated id.
    use egui_kittest::kittest::NodeT;
    let line = common::line_of(&text, "id: \"siege\",\n      date: \"2020-03\"");
    let row = harness
        .query_all_by_label_contains(&format!("{line}:11: error: event #2 \"siege\""))
        .next()
        .expect("the left-out record is listed where it starts")
        .accesskit_node()
        .label()
        .unwrap_or_default()
        .to_owned();
    assert!(
        row.starts_with(&format!("{line}:11:")),
        "the file is named once, in the heading, not on every line: {row}"
    );
    assert!(
        row.contains("(left out: “Bridge into the town destroyed”, 2020-03)"),
        "the record left out is named by its title and date: {row}"
    );
    assert!(
        harness
            .query_by_label_contains("duplicate-id.ron: 1 invalid record not displayed")
            .is_some()
    );
    // Esc closes it.
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert!(!harness.state().is_file_problems_shown());
    assert!(harness.query_by_label("Problems in this file").is_none());
}

#[test]
fn esc_closes_the_problems_window_before_it_clears_the_selection() {
    let mut harness = harness();
    let text =
        include_str!("data/small.ron").replacen("actors: [\"south\"]", "actors: [\"west\"]", 1);
    let path = temp_file("bad-esc.ron", &text);
    open_and_wait(&mut harness, &path);
    let first = event_index(harness.state(), "is-leaves-aleppo-province");
    harness
        .state_mut()
        .queue(ViewChange::Select(Some(Selection::Event(first))));
    harness.run_steps(1);
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert!(
        harness.state().problems().is_none(),
        "Esc closed the window"
    );
    assert!(
        harness.state().view().selection().is_some(),
        "and kept the selection"
    );
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert_eq!(harness.state().view().selection(), None);
}

#[test]
fn a_warning_in_the_file_problems_window_selects_its_event() {
    let text = include_str!("data/small.ron").replacen(
        "cites: [Cite(source: \"agency-2020-03-02\", note: \"per two local officials\")],",
        "",
        1,
    );
    let path = temp_file("warned.ron", &text);
    let mut harness = harness();
    open_and_wait(&mut harness, &path);
    harness
        .get_by_label_contains("1 warning in this file")
        .click();
    harness.run_steps(2);
    harness.get_by_label_contains("cites no source").click();
    harness.run_steps(2);
    assert_eq!(
        common::selected_id(harness.state()).as_deref(),
        Some("siege")
    );
}

#[test]
fn only_a_parsed_web_address_reaches_the_browser() {
    let text = include_str!("data/small.ron").replacen(
        "https://news.example.org/2020/03/02/town",
        "https://example.org:99999/../../../../etc/passwd",
        1,
    );
    let path = temp_file("hostile-link.ron", &text);
    let mut harness = harness();
    open_and_wait(&mut harness, &path);
    let bridge = event_index(harness.state(), "bridge-destroyed");
    harness
        .state_mut()
        .queue(ViewChange::Select(Some(Selection::Event(bridge))));
    harness.run_steps(3);
    // The hostile address is plain text, never a link.
    assert!(
        harness
            .query_by_label_contains("Open example.org")
            .is_none()
    );
    assert!(
        harness
            .query_by_label_contains("Address (not a web link: invalid port number)")
            .is_some()
    );
    // The valid one opens exactly its parsed address.
    harness.get_by_label("Open monitor.example.org").click();
    harness.step();
    let opened: Vec<String> = harness
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|command| match command {
            egui::OutputCommand::OpenUrl(open) => Some(open.url.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(opened, ["https://monitor.example.org/maps/2020-04"]);
}

/// How many rows the event list shows ("(N, in date order)" or "(N of M match").
fn listed_count(harness: &Harness<'static, FrontlineApp>) -> usize {
    use egui_kittest::kittest::NodeT;
    let node = harness
        .query_by_label_contains(", in date order)")
        .expect("the list's count is shown");
    let label = node
        .accesskit_node()
        .label()
        .or_else(|| node.accesskit_node().value())
        .unwrap_or_default();
    label
        .trim_start_matches('(')
        .split([',', ' '])
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("a count in {label:?}"))
}

#[test]
fn each_filter_kind_narrows_the_list_the_timeline_and_the_keys() {
    let mut harness = harness();
    let total = 50;
    assert_eq!(listed_count(&harness), total);
    let loaded = harness.state().loaded().expect("open");
    let sdf = "sdf".to_owned();
    let sdf_events = loaded
        .dataset
        .events
        .iter()
        .filter(|e| e.actors().iter().any(|a| a == "sdf"))
        .count();
    let reported_sdf = loaded
        .dataset
        .events
        .iter()
        .filter(|e| e.actors().iter().any(|a| a == "sdf"))
        .filter(|e| e.confidence() == frontline::data::Confidence::Reported)
        .count();

    let filter = common::filter_edited(harness.state(), |f| {
        f.actors.insert(sdf);
    });
    harness.state_mut().queue(filter);
    harness.run_steps(3);
    assert_eq!(listed_count(&harness), sdf_events);
    assert!(
        harness
            .query_by_label_contains(&format!("{sdf_events} of {total} events shown"))
            .is_some(),
        "the status bar says N of M"
    );
    let shown = harness.state().shown_events().expect("shown");
    assert_eq!(shown.len(), sdf_events);
    // Every lane holds only SDF events now.
    let app = harness.state();
    let loaded = app.loaded().expect("open");
    for lane in &shown.lanes {
        for &e in lane.events.iter().chain(&lane.long_events) {
            assert!(
                loaded
                    .dataset
                    .events
                    .at(e as usize)
                    .actors()
                    .iter()
                    .any(|a| a == "sdf")
            );
        }
    }
    // AND across kinds.
    let filter = common::filter_edited(harness.state(), |f| {
        f.confidence.insert(frontline::data::Confidence::Reported);
    });
    harness.state_mut().queue(filter);
    harness.run_steps(3);
    assert!(reported_sdf > 0 && reported_sdf < sdf_events);
    assert_eq!(listed_count(&harness), reported_sdf);
    // Next/previous keys stay among the events on show.
    harness.key_press(Key::K);
    harness.run_steps(2);
    let selected = common::selected_id(harness.state()).expect("selected");
    let app = harness.state();
    let event = app
        .loaded()
        .and_then(|l| l.dataset.events.iter().find(|e| e.id() == selected))
        .expect("event");
    assert!(event.actors().iter().any(|a| a == "sdf"));
    assert_eq!(event.confidence(), frontline::data::Confidence::Reported);

    // One action clears every filter and says how many were active.
    harness.get_by_label("Clear 2 filters").click();
    harness.run_steps(3);
    assert_eq!(listed_count(&harness), total);
    assert!(
        harness
            .query_by_label_contains("Cleared 2 filters")
            .is_some()
    );
}

#[test]
fn source_place_tag_and_date_filters_each_narrow_the_list() {
    let mut harness = harness();
    type SetFilter = Box<dyn Fn(&mut frontline::data::filter::EventFilter)>;
    let cases: Vec<(&str, SetFilter)> = vec![
        (
            "tag",
            Box::new(|f| {
                f.tags.insert("siege".to_owned());
            }),
        ),
        (
            "publisher",
            Box::new(|f| {
                f.publishers.insert("RTS (ats/afp)".to_owned());
            }),
        ),
        (
            "kind",
            Box::new(|f| {
                f.source_kinds.insert(frontline::data::SourceKind::Monitor);
            }),
        ),
        (
            "language",
            Box::new(|f| {
                f.languages.insert("fr".to_owned());
            }),
        ),
        (
            "place",
            Box::new(|f| {
                f.places.insert("Iraq".to_owned());
            }),
        ),
        (
            "dates",
            Box::new(|f| {
                f.from = "2017".parse().ok();
                f.to = "2017".parse().ok();
            }),
        ),
    ];
    for (name, set) in cases {
        let filter = common::filter_edited(harness.state(), set);
        harness.state_mut().queue(filter);
        harness.run_steps(3);
        let count = listed_count(&harness);
        assert!(count > 0 && count < 50, "{name}: {count}");
        harness
            .state_mut()
            .queue(ViewChange::SetFilter(Box::default()));
        harness.run_steps(2);
    }
}

#[test]
fn ctrl_f_searches_everything_and_enter_walks_the_matches() {
    let mut harness = harness();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run_steps(2);
    // "Daesh" is a declared alias of IS: every IS event matches.
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Search")
        .type_text("Daesh");
    harness.run_steps(3);
    let is_events = harness
        .state()
        .loaded()
        .map(|l| {
            l.dataset
                .events
                .iter()
                .filter(|e| e.actors().iter().any(|a| a == "is"))
                .count()
        })
        .expect("open");
    assert!(listed_count(&harness) >= is_events, "aliases are searched");
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    let first = common::selected_id(harness.state()).expect("Enter selects the first match");
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    let second = common::selected_id(harness.state()).expect("and the next");
    assert_ne!(first, second);
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    harness.run_steps(2);
    assert_eq!(common::selected_id(harness.state()), Some(first));
}

#[test]
fn a_search_with_no_match_says_so_and_diacritics_do_not_matter() {
    let mut harness = harness();
    harness.state_mut().set_search("Bāghūz");
    harness.run_steps(3);
    assert!(
        harness
            .query_by_label("2019-02-09  Battle of Baghuz")
            .is_some()
    );
    harness.state_mut().set_search("SOHR");
    harness.run_steps(3);
    assert!(
        listed_count(&harness) > 1,
        "publishers and notes are searched"
    );
    harness.state_mut().set_search("zzqx");
    harness.run_steps(3);
    assert!(
        harness
            .query_by_label_contains("no event matches")
            .is_some()
    );
}

#[test]
fn the_list_can_follow_the_visible_window() {
    let mut harness = harness();
    harness.get_by_label("Only events in view").click();
    harness.run_steps(2);
    assert_eq!(listed_count(&harness), 50);
    let start = event_start(harness.state(), "is-leaves-aleppo-province");
    let window = frontline::view::TimeWindow::new(start - 10.0, start + 10.0);
    harness.state_mut().queue(ViewChange::SetWindow(window));
    harness.run_steps(3);
    let in_view = listed_count(&harness);
    assert!((1..10).contains(&in_view), "{in_view}");
    assert!(
        harness
            .query_by_label("2017-06-30  IS leaves Aleppo province")
            .is_some()
    );
}

/// Drags across the timeline from one day to another with Shift held.
fn shift_drag(harness: &mut Harness<'static, FrontlineApp>, from: f64, to: f64, y: f32) {
    let axis = harness.state().time_axis_x().expect("laid out");
    let window = harness.state().view().window();
    let x = |day: f64| {
        axis.min + ((day - window.start) / window.width()) as f32 * (axis.max - axis.min)
    };
    let shift = Modifiers::SHIFT;
    harness.event(egui::Event::ModifiersChanged(shift));
    harness.event(egui::Event::PointerMoved(Pos2::new(x(from), y)));
    harness.step();
    harness.event(egui::Event::PointerButton {
        pos: Pos2::new(x(from), y),
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: shift,
    });
    harness.step();
    for step in 1..=6 {
        let day = from + (to - from) * f64::from(step) / 6.0;
        harness.event(egui::Event::PointerMoved(Pos2::new(x(day), y)));
        harness.step();
    }
    harness.event(egui::Event::PointerButton {
        pos: Pos2::new(x(to), y),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: shift,
    });
    harness.step();
    harness.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    harness.run_steps(2);
}

fn day_of(date: &str) -> f64 {
    let date: frontline::data::PartialDate = date.parse().expect("a date");
    f64::from(date.start_day())
}

#[test]
fn a_shift_drag_on_the_timeline_answers_the_seed_question() {
    let mut harness = harness();
    let before = harness.state().view().window();
    // Half-way down the timeline, over the lanes.
    shift_drag(
        &mut harness,
        day_of("2017-01-01"),
        day_of("2017-07-01"),
        300.0,
    );
    let span = harness.state().view().span().expect("a span");
    assert_eq!(
        harness.state().view().window(),
        before,
        "a Shift+drag does not pan"
    );
    assert!((span.start - day_of("2017-01-01")).abs() <= 2.0, "{span:?}");
    assert!((span.end - day_of("2017-07-01")).abs() <= 2.0, "{span:?}");
    // Exactly January to June 2017, for the figures below.
    harness
        .state_mut()
        .queue(ViewChange::SetSpan(Some(frontline::data::span::TimeSpan {
            start: day_of("2017-01-01"),
            end: day_of("2017-07-01"),
        })));
    harness.run_steps(3);
    assert!(
        harness
            .query_by_label_contains("From 1 January 2017 to 30 June 2017")
            .is_some()
    );
    assert!(
        harness
            .query_by_label("Start: 60,400 km² held (as of December 2016)")
            .is_some()
    );
    assert!(
        harness
            .query_by_label("End: 36,200 km² held (as of 26 June 2017)")
            .is_some()
    );
    assert!(
        harness
            .query_by_label("Change: −24,200 km² (−40%)")
            .is_some()
    );
    assert!(
        harness
            .query_all_by_label_contains("IHS Markit, “Islamic State lost almost a quarter")
            .count()
            >= 1,
        "the start figure's citation"
    );
    // The events of those six months, clickable.
    // Six months of events, and the Battle of Mosul, going on since October 2016.
    assert!(
        harness
            .query_by_label("8 events in the span (1 begun before it)")
            .is_some()
    );
    for title in [
        "2017-02-23  Turkish-backed rebels take al-Bab",
        "2017-03-02  Palmyra retaken a second time",
        "2017-05-10  SDF capture Tabqa and its dam",
        "2017-06-06  Battle of Raqqa",
        "2017-06-30  IS leaves Aleppo province",
    ] {
        assert!(harness.query_all_by_label(title).count() >= 1, "{title}");
    }
    assert!(
        harness
            .query_by_label("2017-10-17  SDF capture Raqqa")
            .is_some(),
        "the list still has it, the span panel does not repeat it"
    );
    // Esc clears the span.
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert_eq!(harness.state().view().span(), None);
}

#[test]
fn a_shift_drag_on_a_plot_selects_a_span_too() {
    let mut harness = harness();
    harness.run_steps(2);
    let plot = harness.state().plots().main_plot_rect().expect("the plot");
    shift_drag(
        &mut harness,
        day_of("2016-01-01"),
        day_of("2016-07-01"),
        plot.center().y,
    );
    let span = harness.state().view().span().expect("a span from the plot");
    assert!((span.start - day_of("2016-01-01")).abs() <= 2.0, "{span:?}");
}

#[test]
fn bracket_keys_set_the_span_at_the_selected_event() {
    let mut harness = harness();
    let first = event_index(harness.state(), "is-leaves-aleppo-province");
    harness
        .state_mut()
        .queue(ViewChange::Select(Some(Selection::Event(first))));
    harness.run_steps(1);
    harness.key_press(Key::OpenBracket);
    harness.run_steps(1);
    let later = event_index(harness.state(), "raqqa-captured");
    harness
        .state_mut()
        .queue(ViewChange::Select(Some(Selection::Event(later))));
    harness.run_steps(1);
    harness.key_press(Key::CloseBracket);
    harness.run_steps(2);
    let span = harness.state().view().span().expect("a span");
    assert_eq!(span.start, day_of("2017-06-30"));
    assert_eq!(span.end, day_of("2017-10-18"));
}

#[test]
fn non_matches_are_dimmed_in_the_timeline_or_hidden_when_asked() {
    let mut harness = harness();
    harness.state_mut().set_search("Raqqa");
    harness.run_steps(3);
    let matches = listed_count(&harness);
    assert!(matches > 1 && matches < 50);
    // Dimmed, not hidden: the timeline still draws every event.
    let drawn = harness.state().drawn_events().expect("open");
    assert_eq!(drawn.len(), 50);
    harness.get_by_label("Hide non-matches").click();
    harness.run_steps(3);
    let drawn = harness.state().drawn_events().expect("open");
    assert_eq!(drawn.len(), matches, "only the matches are drawn");
    // A new search, and the timeline follows it.
    harness.state_mut().set_search("");
    harness.run_steps(3);
    assert_eq!(harness.state().drawn_events().expect("open").len(), 50);
}

#[test]
fn the_window_title_names_the_dataset_and_its_file() {
    let mut harness = harness();
    assert_eq!(
        harness.state().window_title(),
        format!("{TITLE} — is-territory-2014-2019.ron (built in) — Frontline")
    );
    let path = temp_file("titled.ron", include_str!("data/small.ron"));
    open_and_wait(&mut harness, &path);
    assert_eq!(
        harness.state().window_title(),
        "Siege of Example Town, 2020 — titled.ron — Frontline"
    );
    // And back to the built-in dataset from the File menu.
    harness.get_by_label("File").click();
    harness.run_steps(2);
    harness.get_by_label("Open the built-in dataset").click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().loaded().map(|l| l.dataset.title.as_str()),
        Some(TITLE)
    );
}

#[test]
fn a_span_a_few_days_short_states_no_change_it_does_not_know_and_offers_to_extend_it() {
    let mut harness = harness();
    // January 2017 to 14 June 2017: IHS Markit's next figure is 26 June.
    harness
        .state_mut()
        .queue(ViewChange::SetSpan(Some(frontline::data::span::TimeSpan {
            start: day_of("2017-01-01"),
            end: day_of("2017-06-15"),
        })));
    harness.run_steps(3);
    assert!(
        harness.query_all_by_label_contains("Change: 0 km²").count() == 0,
        "both edges stand on December 2016's figure: no change is known"
    );
    assert!(
        harness
            .query_by_label_contains(
                "no IHS Markit figure between December 2016 and 14 June 2017; the next is 26 June 2017"
            )
            .is_some()
    );
    let loaded = harness.state().loaded().expect("open");
    let changes = frontline::data::span::series_changes(
        loaded,
        harness.state().view().span().expect("a span"),
    );
    let text = frontline::ui::span_panel::report(
        loaded,
        &loaded.index.order,
        harness.state().view().span().expect("a span"),
        &changes,
    );
    assert!(
        text.contains("no IHS Markit figure between December 2016 and 14 June 2017"),
        "the copied text carries the same warning: {text}"
    );
    assert!(!text.contains("change: 0 km²"), "{text}");
    // The Battle of Mosul (October 2016 to July 2017) overlaps the span.
    assert!(
        text.contains("Battle of Mosul  (ongoing: began before the span) [reported]"),
        "{text}"
    );
    assert!(
        harness
            .query_by_label("2016-10-17  Battle of Mosul  (ongoing: began before the span)")
            .is_some()
    );

    harness
        .get_by_label("Extend the end to 26 June 2017")
        .click();
    harness.run_steps(3);
    let span = harness.state().view().span().expect("a span");
    assert_eq!(span.end, day_of("2017-06-27"));
    assert_eq!(span.start, day_of("2017-01-01"));
    assert!(
        harness
            .query_by_label("Change: −24,200 km² (−40%)")
            .is_some()
    );
}

#[test]
fn series_with_no_figure_by_the_span_are_folded_under_one_line() {
    let mut harness = harness();
    harness
        .state_mut()
        .queue(ViewChange::SetSpan(Some(frontline::data::span::TimeSpan {
            start: day_of("2014-01-01"),
            end: day_of("2014-03-01"),
        })));
    harness.run_steps(3);
    assert_eq!(
        harness
            .query_all_by_label("End: no figure reported by then")
            .count(),
        0
    );
    assert!(
        harness
            .query_by_label_contains("with no figure reported by 28 February 2014")
            .is_some()
    );
}

#[test]
fn the_dataset_description_folds_while_a_span_is_shown() {
    let mut harness = Harness::builder()
        .with_size([1280.0, 720.0])
        .build_eframe(|_cc| FrontlineApp::with_default_dataset());
    harness.run_steps(3);
    let description = "The rise and fall of the Islamic State";
    assert!(harness.query_by_label_contains(description).is_some());
    harness
        .state_mut()
        .queue(ViewChange::SetSpan(Some(frontline::data::span::TimeSpan {
            start: day_of("2017-01-01"),
            end: day_of("2017-07-01"),
        })));
    harness.run_steps(3);
    assert!(
        harness.query_by_label_contains(description).is_none(),
        "the span's cards have the panel"
    );
    assert!(harness.query_by_label("About this dataset").is_some());
}

#[test]
fn ticking_filters_never_moves_the_next_box_or_the_search_box() {
    use egui_kittest::kittest::NodeT;
    let mut harness = harness();
    harness.get_by_label("Filters").click();
    harness.run_steps(2);
    let search_before = harness.get_by_label("Search").rect();
    harness.get_by_label("Source").click();
    harness.run_steps(2);
    let boxes = |harness: &Harness<'static, FrontlineApp>| -> Vec<(String, egui::Rect)> {
        let mut boxes: Vec<(String, egui::Rect)> = harness
            .query_all_by_role(egui::accesskit::Role::CheckBox)
            .map(|n| {
                (
                    n.accesskit_node().label().unwrap_or_default().to_owned(),
                    n.rect(),
                )
            })
            .filter(|(label, _)| {
                harness
                    .state()
                    .loaded()
                    .is_some_and(|l| l.dataset.sources.iter().any(|s| s.publisher == *label))
            })
            .collect();
        boxes.sort_by(|a, b| a.1.top().total_cmp(&b.1.top()));
        boxes
    };
    let before = boxes(&harness);
    assert!(before.len() >= 2, "{before:?}");
    let (first, second) = (before[0].clone(), before[1].clone());
    harness.get_by_label(&first.0).click();
    harness.run_steps(2);
    let after = boxes(&harness);
    let moved = after
        .iter()
        .find(|(label, _)| *label == second.0)
        .expect("the next box is still listed");
    assert_eq!(moved.1, second.1, "the next box stays under the pointer");
    harness.get_by_label(&second.0).click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().view().filter().publishers.len(),
        2,
        "both ticked, as the reader meant"
    );
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert_eq!(
        harness.get_by_label("Search").rect(),
        search_before,
        "the filters' heading and their Clear button do not move the search box"
    );
}

#[test]
fn a_file_with_a_misspelt_field_can_be_opened_without_that_record() {
    let text = include_str!("data/small.ron").replacen("disputed_by:", "dispute_by:", 1);
    let path = temp_file("misspelt-field.ron", &text);
    let mut harness = harness();
    open_and_wait(&mut harness, &path);
    let report = harness
        .state()
        .problems()
        .cloned()
        .expect("problems are shown");
    assert!(
        report.text.contains("unknown field `dispute_by`"),
        "{}",
        report.text
    );
    harness
        .get_by_label("Open without the invalid records")
        .click();
    harness.run_steps(3);
    let loaded = harness.state().loaded().expect("opened");
    assert_eq!(loaded.dataset.title, "Siege of Example Town, 2020");
    assert_eq!(
        loaded
            .dataset
            .events
            .iter()
            .map(|e| e.id())
            .collect::<Vec<_>>(),
        ["siege"],
        "the event with the misspelt field is left out and listed"
    );
}

#[test]
fn dragging_the_edge_of_the_lane_names_widens_them_and_every_time_panel_follows() {
    let mut harness = harness();
    let axis = harness.state().time_axis_x().expect("laid out");
    let plot_left = harness
        .state()
        .plots()
        .main_plot_rect()
        .expect("plot")
        .left();
    let window = harness.state().view().window();
    let frame = harness.state().timeline_frame();
    let y = frame.lanes_top + frame.lane_height * 1.5;
    let edge = axis.min - 2.0;
    harness.event(egui::Event::PointerMoved(Pos2::new(edge, y)));
    harness.step();
    harness.event(egui::Event::PointerButton {
        pos: Pos2::new(edge, y),
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    harness.step();
    for step in 1..=6 {
        harness.event(egui::Event::PointerMoved(Pos2::new(
            edge + 10.0 * step as f32,
            y,
        )));
        harness.step();
    }
    harness.event(egui::Event::PointerButton {
        pos: Pos2::new(edge + 60.0, y),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    harness.run_steps(4);
    let moved = harness.state().time_axis_x().expect("laid out").min - axis.min;
    assert!(
        (moved - 60.0).abs() <= 4.0,
        "the time axis moved by {moved}"
    );
    let plot_moved = harness
        .state()
        .plots()
        .main_plot_rect()
        .expect("plot")
        .left()
        - plot_left;
    assert!(
        (plot_moved - moved).abs() <= 1.0,
        "the plots line up with the lanes: {plot_moved} and {moved}"
    );
    assert_eq!(
        harness.state().view().window(),
        window,
        "a drag on the edge does not pan"
    );
    assert_eq!(harness.state().view().span(), None, "nor select a span");
}

#[test]
fn once_a_filter_is_set_each_choice_counts_the_events_under_the_other_filters() {
    let mut harness = harness();
    let (name, all, confirmed) = {
        let loaded = harness.state().loaded().expect("open");
        let is = loaded.index.actor_by_id["is"];
        let naming = |e: usize| loaded.index.actors_of(e).contains(&(is as u32));
        let all = (0..loaded.dataset.events.len())
            .filter(|&e| naming(e))
            .count();
        let confirmed = (0..loaded.dataset.events.len())
            .filter(|&e| {
                naming(e)
                    && loaded.dataset.events.at(e).confidence()
                        == frontline::data::Confidence::Confirmed
            })
            .count();
        (loaded.dataset.actors[is].name.clone(), all, confirmed)
    };
    assert_ne!(
        all, confirmed,
        "the test needs a filter that changes the count"
    );
    harness.get_by_label("Filters").click();
    harness.run_steps(2);
    harness.get_by_label("Actors").click();
    harness.run_steps(2);
    assert!(harness.query_by_label(&format!("{name} ({all})")).is_some());
    // Another kind of filter set while the menu is open: its counts follow.
    let filter = common::filter_edited(harness.state(), |f| {
        f.confidence.insert(frontline::data::Confidence::Confirmed);
    });
    harness.state_mut().queue(filter);
    harness.run_steps(3);
    assert!(
        harness
            .query_by_label(&format!("{name} ({confirmed})"))
            .is_some(),
        "{name}: {confirmed} confirmed events of {all}"
    );
}

#[test]
fn a_file_with_warnings_only_lists_them_without_a_count_of_nothing_left_out() {
    let text = include_str!("data/small.ron").replacen(
        "url: \"https://monitor.example.org/maps/2020-04\", ",
        "",
        1,
    );
    let path = temp_file("warnings-only.ron", &text);
    let mut harness = harness();
    open_and_wait(&mut harness, &path);
    assert!(!harness.state().loaded().expect("open").warnings.is_empty());
    common::send(&mut harness, frontline::command::Command::ShowFileProblems);
    harness.run_steps(3);
    assert!(harness.query_by_label("Problems in this file").is_some());
    assert_eq!(
        harness
            .query_all_by_label_contains("0 invalid records")
            .count(),
        0,
        "nothing was left out: nothing is said of it"
    );
    assert!(
        harness
            .query_by_label_contains("warnings-only.ron: 1 warning.")
            .is_some()
    );
}

#[test]
fn a_lanes_full_name_shows_at_the_pointer() {
    let mut harness = harness();
    let frame = harness.state().timeline_frame();
    let axis = harness.state().time_axis_x().expect("laid out");
    let pointer = Pos2::new(axis.min - 40.0, frame.lanes_top + frame.lane_height * 0.5);
    harness.event(egui::Event::PointerMoved(pointer));
    harness.run_steps(6);
    let tooltips: Vec<egui::Rect> = harness
        .query_all_by_label_contains("events in this lane")
        .map(|n| n.rect())
        .collect();
    assert!(!tooltips.is_empty(), "the lane's tooltip");
    for rect in tooltips {
        assert!(
            rect.distance_to_pos(pointer) < 60.0,
            "the tooltip at {rect:?} is by the pointer at {pointer:?}"
        );
    }
}
