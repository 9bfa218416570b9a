//! Importing ACLED and UCDP exports: each column's place in the event, bad rows
//! with their line and column, the layouts recognised, and a round trip through
//! a saved dataset.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers stop the test on a failed assumption"
)]

use std::path::Path;
use std::process::Command;

use egui_kittest::kittest::Queryable;
use frontline::data::import::{self, Imported, Layout};
use frontline::data::{
    self, Confidence, FailureKind, Fatalities, PartialDate, PlacePrecision, Record, Timing,
};

use frontline::view::{Selection, ViewChange};

use crate::common;

fn imported(name: &str) -> Imported {
    import::import_path(Path::new(&format!("tests/data/{name}")), None, &|_| true)
        .unwrap_or_else(|f| panic!("{name}: {}", f.render(name)))
}

fn event<'a>(imported: &'a Imported, id: &str) -> frontline::data::EventRef<'a> {
    imported
        .dataset
        .events
        .iter()
        .find(|e| e.id() == id)
        .unwrap_or_else(|| panic!("no event {id}"))
}

fn actor_name(imported: &Imported, id: &str) -> String {
    imported
        .dataset
        .actors
        .iter()
        .find(|a| a.id == id)
        .map(|a| a.name.clone())
        .unwrap_or_default()
}

fn publishers(imported: &Imported, event: frontline::data::EventRef<'_>) -> Vec<String> {
    event
        .cites()
        .iter()
        .map(|c| {
            imported
                .dataset
                .sources
                .iter()
                .find(|s| s.id == c.source())
                .map(|s| s.publisher.clone())
                .unwrap_or_default()
        })
        .collect()
}

/// Runs `frontline ARGS -o OUT`: its exit code and what it said on standard error.
fn import_to(args: &[&str], out: &Path) -> (Option<i32>, String) {
    let run = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(args)
        .arg("-o")
        .arg(out)
        .output()
        .expect("runs");
    (
        run.status.code(),
        String::from_utf8_lossy(&run.stderr).into_owned(),
    )
}

/// Each bad row as (line, column).
fn bad_rows(imported: &Imported) -> Vec<(u64, String)> {
    imported
        .bad_rows
        .iter()
        .map(|p| match &p.record {
            Some(Record::Row { line, column }) => (*line, column.clone()),
            other => panic!("not a row: {other:?}"),
        })
        .collect()
}

#[test]
fn an_acled_website_export_with_a_byte_order_mark_and_long_dates_is_read_row_by_row() {
    let imported = imported("acled-website.csv");
    assert_eq!(imported.summary.layout, Layout::Acled);
    assert_eq!(imported.summary.rows, 7);
    assert_eq!(imported.dataset.events.len(), 3);

    let e = event(&imported, "UKR1002");
    assert_eq!(e.date(), PartialDate::day(2022, 2, 25));
    assert_eq!(e.timing(), Some(Timing::WithinWeek), "time_precision 2");
    assert_eq!(e.kind(), Some("Explosions/Remote violence"));
    assert_eq!(e.subkind(), Some("Shelling/artillery/missile attack"));
    let actors: Vec<String> = e
        .actors()
        .iter()
        .map(|a| actor_name(&imported, a))
        .collect();
    assert_eq!(
        actors,
        ["Military Forces of Russia (2000-)", "Civilians (Ukraine)"]
    );
    assert_eq!(e.tags(), ["Political violence", "civilian targeting"]);
    let place = e.place().expect("a place");
    assert_eq!(place.name(), "Irpin");
    assert_eq!(place.region(), Some("Kyivska"));
    assert_eq!(place.district(), Some("Buchanskyi"));
    assert_eq!(place.country(), Some("Ukraine"));
    assert_eq!((place.lat(), place.lon()), (Some(50.5218), Some(30.2506)));
    assert_eq!(
        place.precision(),
        Some(PlacePrecision::Near),
        "geo_precision 2"
    );
    assert_eq!(
        e.summary(),
        "Shelling hit a residential block, in the morning.\nTwo people were killed, \"according to local officials\"."
    );
    assert_eq!(e.fatalities().map(|f| f.best), Some(2));
    assert_eq!(e.confidence(), Confidence::Reported);
    assert_eq!(publishers(&imported, e), ["Kyiv Independent"]);
    assert_eq!(
        e.title(),
        "Shelling/artillery/missile attack: Military Forces of Russia (2000-) vs Civilians (Ukraine), Irpin"
    );

    // time_precision 3: only the month is known; geo_precision 3: the province.
    let e = event(&imported, "UKR1003");
    assert_eq!(e.date(), PartialDate::month(2022, 3));
    assert_eq!(
        e.place().and_then(|p| p.precision()),
        Some(PlacePrecision::Province)
    );
    // Associated actors are actors of the event too.
    let actors: Vec<String> = e
        .actors()
        .iter()
        .map(|a| actor_name(&imported, a))
        .collect();
    assert_eq!(
        actors,
        [
            "Military Forces of Ukraine (2019-)",
            "Military Forces of Russia (2000-)",
            "Police Forces of Ukraine (2019-)",
            "Territorial Defence Forces of Ukraine"
        ]
    );
    assert_eq!(
        publishers(&imported, e),
        ["Suspilne", "Ukrinform", "Twitter"]
    );
    assert!(
        e.cites()
            .first()
            .and_then(|c| c.note())
            .is_some_and(|n| n.contains("Subnational-National")),
        "the scale of several sources is kept with the citation"
    );
}

#[test]
fn sources_are_one_per_publisher_and_actors_one_per_name_across_the_file() {
    let imported = imported("acled-website.csv");
    let publishers: Vec<&str> = imported
        .dataset
        .sources
        .iter()
        .map(|s| s.publisher.as_str())
        .collect();
    assert_eq!(
        publishers,
        ["Ukrinform", "Kyiv Independent", "Suspilne", "Twitter"]
    );
    let kyiv = &imported.dataset.sources[1];
    assert_eq!(kyiv.url, None, "ACLED gives no addresses");
    assert_eq!(kyiv.scale.as_deref(), Some("National"));
    let russia = imported
        .dataset
        .actors
        .iter()
        .filter(|a| a.name == "Military Forces of Russia (2000-)")
        .count();
    assert_eq!(russia, 1);
    // Numeric actor types become their words.
    let ukraine = imported
        .dataset
        .actors
        .iter()
        .find(|a| a.name == "Military Forces of Ukraine (2019-)")
        .expect("actor");
    assert_eq!(ukraine.kind.as_deref(), Some("State forces"));
    assert_eq!(ukraine.short, "Military Forces of Ukraine");
}

#[test]
fn bad_rows_are_reported_with_their_line_and_column_and_left_out() {
    let imported = imported("acled-website.csv");
    // The second row's note spans two lines, so the rows after it start one later.
    assert_eq!(
        bad_rows(&imported),
        [
            (6, "event_date".to_owned()),
            (7, "event_id_cnty".to_owned()),
            (8, "latitude".to_owned()),
            (9, "sub_event_type".to_owned()),
        ]
    );
    let messages: Vec<String> = imported
        .bad_rows
        .iter()
        .map(|p| p.render("f.csv"))
        .collect();
    assert_eq!(
        messages[0],
        "f.csv: error: row on line 6, column `event_date`: \"31 February 2022\" does not exist: February 2022 has only 28 days"
    );
    assert!(
        messages[2].contains("95.1 is outside -90 to 90"),
        "{}",
        messages[2]
    );
    assert!(
        messages[3].contains("the row has 7 fields; the header has 28"),
        "{}",
        messages[3]
    );
    // As a load: a failure listing them, whose dataset holds the good rows.
    let failure = import::load_imported(imported).expect_err("bad rows");
    assert_eq!(failure.kind, FailureKind::NotValid);
    assert_eq!(failure.errors().count(), 4);
    let salvaged = data::salvage::without_invalid_records(&failure).expect("good rows");
    assert_eq!(salvaged.loaded.dataset.events.len(), 3);
    assert_eq!(salvaged.left_out.len(), 4);
}

#[test]
fn an_acled_api_export_has_iso_dates_actor_types_in_words_and_third_level_regions() {
    let imported = imported("acled-api.csv");
    assert!(imported.bad_rows.is_empty(), "{:?}", imported.bad_rows);
    let e = event(&imported, "SYR2001");
    assert_eq!(e.date(), PartialDate::day(2017, 6, 6));
    assert_eq!(e.timing(), None);
    let place = e.place().expect("place");
    assert_eq!(place.subdistrict(), Some("Ar-Raqqa"));
    assert_eq!(
        e.tags(),
        [
            "Political violence",
            "crowd size=no report",
            "local administrators"
        ]
    );
    let kinds: Vec<Option<String>> = imported
        .dataset
        .actors
        .iter()
        .map(|a| a.kind.clone())
        .collect();
    assert_eq!(
        kinds,
        [
            Some("Rebel groups".to_owned()),
            Some("Political militias".to_owned()),
            None
        ]
    );
    // Nothing is dropped silently: what the format cannot hold is named.
    assert_eq!(
        imported.summary.not_kept,
        ["year", "interaction", "iso", "region", "timestamp"]
    );
    assert!(
        imported
            .dataset
            .description
            .contains("Columns not kept (the format has no place for them): year, interaction, iso, region, timestamp")
    );
}

#[test]
fn a_ucdp_file_is_read_with_or_without_its_header_row() {
    let with = imported("ucdp-ged.csv");
    let without = imported("ucdp-no-header.csv");
    assert!(with.summary.had_header);
    assert!(!without.summary.had_header);
    assert_eq!(with.dataset, without.dataset);
    // Lines count the header when there is one.
    assert_eq!(
        bad_rows(&with),
        [(4, "date_end".to_owned()), (5, "latitude".to_owned())]
    );
    assert_eq!(
        bad_rows(&without),
        [(3, "date_end".to_owned()), (4, "latitude".to_owned())]
    );

    let e = event(&with, "300001");
    // "2017-06-30 00:00:00.000": the time of day is dropped; one day, no span.
    assert_eq!(e.date(), PartialDate::day(2017, 6, 30));
    assert_eq!((e.end(), e.timing()), (None, None));
    assert_eq!(e.kind(), Some("State-based conflict"));
    assert_eq!(
        e.fatalities(),
        Some(&Fatalities {
            best: 12,
            low: Some(10),
            high: Some(15),
            side_a: Some(3),
            side_b: Some(5),
            civilians: Some(4),
            unknown: Some(0),
        })
    );
    assert_eq!(publishers(&with, e), ["Reuters", "AFP"]);
    let note = e.cites().first().and_then(|c| c.note()).unwrap_or_default();
    assert!(
        note.contains("Reuters,2017-06-30,Fighting in Raqqa"),
        "{note}"
    );
    assert!(
        note.ends_with("original source: Syrian Observatory for Human Rights"),
        "{note}"
    );
    assert_eq!(e.tags(), ["Syria: Government"]);
    assert_eq!(
        e.place().and_then(|p| p.precision()),
        Some(PlacePrecision::Exact)
    );

    // A span of days: the event happened once, some time in it.
    let e = event(&with, "300002");
    assert_eq!(e.date(), PartialDate::day(2017, 7, 2));
    assert_eq!(e.end(), Some(PartialDate::day(2017, 7, 5)));
    assert_eq!(e.timing(), Some(Timing::SometimeBetween));
    assert_eq!(
        e.tags(),
        ["Syria: Government", "aggregate of several events"]
    );
    assert_eq!(e.kind(), Some("One-sided violence"));
}

#[test]
fn a_table_that_is_neither_export_is_refused_at_its_first_line() {
    let path = common::temp_file("other.csv", "name,value\nx,1\n");
    let failure = import::import_path(&path, None, &|_| true).expect_err("not an export");
    let text = failure.render("other.csv");
    assert!(
        text.starts_with("other.csv:1:1: error: not an ACLED, UCDP or GDELT export"),
        "{text}"
    );

    let failure = import::import_path(
        Path::new("tests/data/ucdp-ged.csv"),
        Some(Layout::Acled),
        &|_| true,
    )
    .expect_err("the wrong database");
    assert!(
        failure
            .render("f")
            .contains("this is a UCDP GED export; import it as ucdp"),
        "{}",
        failure.render("f")
    );
}

#[test]
fn an_imported_dataset_saved_and_loaded_again_is_the_same() {
    for name in ["acled-api.csv", "acled-website.csv", "ucdp-ged.csv"] {
        let imported = imported(name);
        let text = data::to_ron_string(&imported.dataset).expect("serialises");
        let loaded = data::load_str(&text).expect("a valid dataset");
        assert_eq!(loaded.dataset, imported.dataset, "{name}");
        // The fast reader and ron read the new fields alike.
        let fast = data::fast_parse::parse(&text).expect("the fast reader reads it");
        assert_eq!(fast, imported.dataset, "{name}");
    }
}

#[test]
fn the_import_command_writes_a_dataset_or_lists_the_bad_rows() {
    let frontline = env!("CARGO_BIN_EXE_frontline");
    let out = std::env::temp_dir().join(format!("frontline-import-{}.ron", std::process::id()));
    let (code, stderr) = import_to(&["import", "acled", "tests/data/acled-website.csv"], &out);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("tests/data/acled-website.csv: error: row on line 8, column `latitude`"),
        "{stderr}"
    );
    assert!(stderr.contains("4 bad rows; nothing imported"), "{stderr}");
    assert!(!out.exists(), "nothing written");

    let (code, stderr) = import_to(
        &[
            "import",
            "acled",
            "tests/data/acled-website.csv",
            "--keep-good-rows",
        ],
        &out,
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("ACLED export: 7 rows, 3 events"),
        "{stderr}"
    );
    let loaded = data::load_path(&out, &data::no_progress).expect("the written file loads");
    assert_eq!(loaded.dataset.events.len(), 3);
    let _ = std::fs::remove_file(&out);

    // Without -o, the dataset goes to standard output.
    let run = Command::new(frontline)
        .args(["import", "ucdp", "tests/data/acled-api.csv"])
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(1));
    let run = Command::new(frontline)
        .args(["import", "acled", "tests/data/acled-api.csv"])
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(0));
    let text = String::from_utf8(run.stdout).expect("utf-8");
    assert_eq!(
        data::load_str(&text).expect("valid").dataset.events.len(),
        2
    );
}

#[test]
fn the_app_opens_a_csv_export_and_offers_to_save_it() {
    let mut harness = common::harness_on(Path::new("tests/data/acled-api.csv"));
    harness.run_steps(2);
    let app = harness.state();
    let loaded = app.loaded().expect("opened");
    assert_eq!(loaded.dataset.events.len(), 2);
    assert!(
        app.window_title()
            .starts_with("ACLED export, 2017-06-06 to 2017-10-17")
    );
    assert!(
        harness
            .query_by_label_contains("Save as a Frontline dataset")
            .is_some()
    );
    // Saved as a .ron file (in the background), it loads as the same dataset.
    let saved = std::env::temp_dir().join(format!("frontline-saved-{}.ron", std::process::id()));
    harness
        .state_mut()
        .export_to(frontline::app::exporting::ExportKind::Dataset, &saved);
    harness.state_mut().finish_saving();
    let reloaded = data::load_path(&saved, &data::no_progress).expect("the saved file loads");
    assert_eq!(
        &reloaded.dataset,
        &harness.state().loaded().expect("open").dataset
    );
    let _ = std::fs::remove_file(&saved);

    // A file with bad rows: listed, and the good rows open on request.
    let ctx = harness.ctx.clone();
    harness.state_mut().open_file(
        &common::temp_file(
            "ucdp-ged.csv",
            &std::fs::read_to_string("tests/data/ucdp-ged.csv").expect("test file"),
        ),
        &ctx,
    );
    harness.state_mut().finish_pending_load();
    harness.run_steps(2);
    let report = harness.state().problems().cloned().expect("problems shown");
    assert!(
        report
            .text
            .contains("row on line 5, column `latitude`: 135.95 is outside -90 to 90"),
        "{}",
        report.text
    );
    harness.state_mut().open_without_invalid_records();
    harness.run_steps(2);
    assert_eq!(
        harness
            .state()
            .loaded()
            .expect("opened")
            .dataset
            .events
            .len(),
        2
    );
}

#[test]
fn lanes_can_be_actor_types_and_the_lanes_past_the_top_ones_are_one_other_lane() {
    let mut harness = common::harness_on(Path::new("tests/data/acled-api.csv"));
    harness.run_steps(2);
    assert_eq!(
        harness.state().lane_names(),
        [
            "Syrian Democratic Forces",
            "Islamic State",
            "Global Coalition Against Daesh"
        ]
    );
    harness.get_by_label("Lanes").click();
    harness.run_steps(2);
    harness.get_by_label("One lane per actor type").click();
    harness.run_steps(3);
    assert_eq!(
        harness.state().lane_names(),
        [
            "Rebel groups",
            "Political militias",
            "(no actor type given)"
        ]
    );

    // Two thousand actors: the first 25 lanes, then one "Other" lane that opens.
    let dataset = frontline::generate::dataset(&frontline::generate::GenerateOptions {
        events: 20_000,
        series: 0,
        actors: 2000,
        ..Default::default()
    });
    let loaded = data::load_dataset(dataset).expect("valid");
    harness
        .state_mut()
        .show_dataset("many actors".to_owned(), None, loaded);
    let mut lanes = harness.state().view().lanes().clone();
    lanes.grouping = data::lanes::LaneGrouping::Actor;
    harness.state_mut().queue(ViewChange::SetLanes(lanes));
    harness.run_steps(3);
    let names = harness.state().lane_names();
    assert_eq!(names.len(), 26);
    assert_eq!(names[25], "Other (1975)");
    harness.get_by_label("All 2000 lanes").click();
    harness.run_steps(3);
    assert_eq!(harness.state().lane_names().len(), 2000);
    // Typing finds lanes by name.
    harness.get_by_label("Find a lane:").click();
    harness.get_by_label("Find a lane:").type_text("group 1999");
    harness.run_steps(3);
    assert_eq!(harness.state().lane_names(), ["Group 1999"]);

    // The actor filter's menu lists 2,000 actors: typing narrows it.
    harness.get_by_label("Filters").click();
    harness.run_steps(2);
    harness.get_by_label("Actors").click();
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label_contains("Armed group 1999 (")
            .is_none(),
        "not in view yet"
    );
    harness.get_by_label("Find:").click();
    harness.run_steps(1);
    harness.get_by_label("Find:").type_text("group 1999");
    harness.run_steps(2);
    harness.get_by_label_contains("Armed group 1999 (").click();
    harness.run_steps(2);
    assert_eq!(harness.state().view().filter().actors.len(), 1);
}

#[test]
fn deaths_per_period_are_charted_for_the_events_on_show() {
    let mut harness = common::harness_on(Path::new("tests/data/acled-api.csv"));
    harness.run_steps(3);
    let (_, total) = harness.state().deaths_drawn().expect("a deaths chart");
    assert_eq!(
        total, 12,
        "the Raqqa battle's 12 dead; the other event gives 0"
    );
    harness.get_by_label_contains("Deaths per");
    // A filter on the events on show changes the chart.
    let filter = common::filter_edited(harness.state(), |f| f.min_fatalities = Some(13));
    common::send(&mut harness, filter);
    let ctx = harness.ctx.clone();
    harness.state_mut().finish_filtering(&ctx);
    harness.run_steps(3);
    assert_eq!(harness.state().deaths_drawn().map(|(_, t)| t), Some(0));
    assert_eq!(harness.state().shown_events().map(|o| o.len()), Some(0));
}

#[test]
fn grouping_many_events_runs_in_the_background_and_keeps_the_lanes_meanwhile() {
    let dataset = frontline::generate::dataset(&frontline::generate::GenerateOptions {
        events: 120_000,
        series: 0,
        ..Default::default()
    });
    let loaded = data::load_dataset(dataset).expect("valid");
    let mut harness = common::harness_on(Path::new("tests/data/small.ron"));
    harness
        .state_mut()
        .show_dataset("generated".to_owned(), None, loaded);
    harness.run_steps(2);
    let by_actor = harness.state().lane_names();
    assert_eq!(by_actor.len(), 8);
    let mut lanes = harness.state().view().lanes().clone();
    lanes.grouping = data::lanes::LaneGrouping::Tag;
    common::send(&mut harness, ViewChange::SetLanes(lanes));
    assert!(
        harness.state().is_grouping_lanes(),
        "120,000 events: grouped in the background"
    );
    assert_eq!(
        harness.state().lane_names(),
        by_actor,
        "the lanes stay meanwhile"
    );
    let started = std::time::Instant::now();
    while harness.state().is_grouping_lanes() {
        assert!(started.elapsed().as_secs() < 60, "grouping never finished");
        std::thread::sleep(std::time::Duration::from_millis(5));
        harness.run_steps(1);
    }
    assert_eq!(harness.state().lane_names(), ["(no tag)"]);
}

/// The UCDP test file without its two bad rows (lines 4 and 5), with row 300001's
/// estimates as UCDP itself sometimes gives them: best 6, low 7.
fn ucdp_with_best_below_low() -> String {
    let text = std::fs::read_to_string("tests/data/ucdp-ged.csv").expect("test file");
    let kept: Vec<&str> = text.lines().take(3).collect();
    let text = kept.join("\n") + "\n";
    assert!(text.contains(",12,15,10,652,"));
    text.replace(",12,15,10,652,", ",6,15,7,652,")
}

#[test]
fn a_best_estimate_outside_its_range_is_kept_as_the_source_gave_it_and_flagged() {
    let path = common::temp_file("ucdp-best-below-low.csv", &ucdp_with_best_below_low());
    let imported = import::import_path(&path, None, &|_| true).expect("reads");
    assert!(imported.bad_rows.is_empty());
    let loaded = import::load_imported(imported).expect("a warning does not stop the import");
    let e = loaded
        .dataset
        .events
        .iter()
        .find(|e| e.id() == "300001")
        .expect("the event is kept");
    let deaths = e.fatalities().expect("its deaths are kept");
    assert_eq!(
        (deaths.best, deaths.low, deaths.high),
        (6, Some(7), Some(15))
    );
    assert_eq!(deaths.disagreements(), ["low 7 is above best 6"]);
    // The warning names the CSV line of the row, not only the event's number.
    let text = data::problem::render_all(&loaded.warnings, "u.csv");
    assert!(
        text.contains(
            "u.csv:2:1: warning: event #1 \"300001\": fatalities: the source's estimates disagree: low 7 is above best 6"
        ),
        "{text}"
    );

    // The command line writes every event, counts what it kept, and says why it warns.
    let out = std::env::temp_dir().join(format!("frontline-best-{}.ron", std::process::id()));
    let (code, stderr) = import_to(&["import", "ucdp", &path.to_string_lossy()], &out);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("UCDP GED export: 2 rows, 2 events"),
        "{stderr}"
    );
    assert!(stderr.contains(":2:1: warning: event #1"), "{stderr}");
    let written = data::load_path(&out, &data::no_progress).expect("the written file loads");
    assert_eq!(written.dataset.events.len(), 2);
    assert!(
        written
            .warnings
            .iter()
            .any(|w| w.message.contains("low 7 is above best 6")),
        "the format's validation keeps and flags it too: {:?}",
        written.warnings
    );
    let _ = std::fs::remove_file(&out);
}

#[test]
fn warnings_that_differ_only_in_their_numbers_are_counted_together() {
    let header = std::fs::read_to_string("tests/data/ucdp-ged.csv")
        .expect("test file")
        .lines()
        .take(2)
        .collect::<Vec<_>>()
        .join("\n");
    let row = header.lines().nth(1).expect("a row").to_owned();
    let mut text = header.clone() + "\n";
    for i in 0..10 {
        let row = row
            .replacen("300001", &format!("4000{i:02}"), 2)
            .replace(",12,15,10,652,", &format!(",{},30,{},652,", 6 + i, 7 + i));
        text.push_str(&row);
        text.push('\n');
    }
    let path = common::temp_file("ucdp-many-disagreements.csv", &text);
    let loaded = import::load_imported(import::import_path(&path, None, &|_| true).expect("reads"))
        .expect("loads");
    let rendered = data::problem::render_all(&loaded.warnings, "u.csv");
    assert_eq!(
        rendered.matches("the source's estimates disagree").count(),
        data::problem::REPEATED_WARNINGS_SHOWN + 1,
        "{rendered}"
    );
    assert!(
        rendered.contains(&format!(
            "and {} more like this",
            10 - data::problem::REPEATED_WARNINGS_SHOWN
        )),
        "{rendered}"
    );
}

#[test]
fn bad_rows_are_on_the_same_lines_with_lf_crlf_and_quoted_line_breaks() {
    let text = std::fs::read_to_string("tests/data/ucdp-ged.csv").expect("test file");
    let crlf = text.replace('\n', "\r\n");
    // A quoted field that holds a line break moves every later row down a line.
    let multi_line = text.replacen(
        "Fighting in Raqqa,Syrian",
        "\"Fighting\nin Raqqa\",Syrian",
        1,
    );
    assert_ne!(multi_line, text);
    let multi_line_crlf = multi_line.replace('\n', "\r\n");
    for (name, text, lines) in [
        ("lf.csv", &text, [4, 5]),
        ("crlf.csv", &crlf, [4, 5]),
        ("multi-line.csv", &multi_line, [5, 6]),
        ("multi-line-crlf.csv", &multi_line_crlf, [5, 6]),
    ] {
        let path = common::temp_file(name, text);
        let imported = import::import_path(&path, None, &|_| true).expect("reads");
        let found: Vec<u64> = bad_rows(&imported).into_iter().map(|(l, _)| l).collect();
        assert_eq!(found, lines, "{name}");
    }
}

#[test]
fn the_deaths_chart_reads_out_a_period_and_shows_the_selection_like_the_other_panels() {
    let mut harness = common::harness_on(Path::new("tests/data/acled-api.csv"));
    harness.run_steps(3);
    let raqqa = {
        let loaded = harness.state().loaded().expect("open");
        let e = loaded
            .dataset
            .events
            .iter()
            .position(|e| e.fatalities().is_some_and(|f| f.best == 12))
            .expect("the Raqqa battle");
        (e, loaded.index.spans[e].start)
    };
    let window = harness.state().view().window();
    let (_, frame) = harness.state().deaths_readout();
    let frame = frame.expect("the chart is drawn");
    let x = frame.left() + ((raqqa.1 + 0.5 - window.start) / window.width()) as f32 * frame.width();
    harness.event(egui::Event::PointerMoved(egui::pos2(x, frame.center().y)));
    harness.run_steps(3);
    let (readout, _) = harness.state().deaths_readout();
    let readout = readout.expect("a readout under the pointer").to_owned();
    assert!(readout.contains("12 deaths in 1 event"), "{readout}");

    // The selection is drawn across the chart as on the timeline and the plots.
    common::send(
        &mut harness,
        ViewChange::Select(Some(Selection::Event(raqqa.0))),
    );
    harness.run_steps(3);
    let lines = harness
        .output()
        .shapes
        .iter()
        .filter(|s| {
            matches!(&s.shape, egui::Shape::LineSegment { points, .. }
                if frame.contains(points[0]) || frame.contains(points[1]))
        })
        .count();
    assert!(lines >= 1, "a selection line over the deaths chart");
}

fn source_of<'a>(imported: &'a Imported, event: frontline::data::EventRef<'_>) -> &'a data::Source {
    let id = event
        .cites()
        .first()
        .map(|c| c.source())
        .unwrap_or_default();
    imported
        .dataset
        .sources
        .iter()
        .find(|s| s.id == *id)
        .expect("cited source")
}

#[test]
fn a_gdelt_event_file_is_read_by_its_published_column_order_with_codes_named() {
    let imported = imported("gdelt-events.export.CSV");
    assert_eq!(imported.summary.layout, Layout::Gdelt);
    assert!(!imported.summary.had_header);
    assert_eq!(imported.summary.rows, 7);
    assert_eq!(imported.dataset.events.len(), 6);
    assert_eq!(bad_rows(&imported), [(7, "sqldate".to_owned())]);
    assert!(imported.bad_rows[0].message.contains("February 2017"));

    let fight = event(&imported, "gdelt-652000001");
    assert_eq!(fight.date(), PartialDate::day(2017, 6, 10));
    assert_eq!(fight.kind(), Some("Fight"));
    assert_eq!(
        fight.subkind(),
        Some("Fight with small arms and light weapons (CAMEO 193)")
    );
    assert_eq!(fight.tags(), ["material conflict"]);
    let place = fight.place().expect("placed");
    assert_eq!(place.name(), "Aleppo");
    assert_eq!(place.region(), Some("Halab"));
    assert_eq!(place.country(), Some("Syria"));
    assert_eq!(place.precision(), Some(PlacePrecision::Exact));
    assert_eq!((place.lat(), place.lon()), (Some(36.2028), Some(37.1586)));
    assert_eq!(
        actor_name(&imported, fight.actors().get(0).unwrap_or_default()),
        "SYRIA"
    );
    assert_eq!(
        actor_name(&imported, fight.actors().get(1).unwrap_or_default()),
        "ISLAMIC STATE"
    );
    let kinds: Vec<Option<String>> = imported
        .dataset
        .actors
        .iter()
        .map(|a| a.kind.clone())
        .collect();
    assert!(kinds.contains(&Some("Insurgents".to_owned())), "{kinds:?}");
    assert!(
        fight.summary().contains("Goldstein scale -10.0"),
        "{}",
        fight.summary()
    );
    assert!(
        fight
            .summary()
            .contains("3 sources, 12 articles, 12 mentions")
    );
    let source = source_of(&imported, fight);
    assert_eq!(source.publisher, "example-news.org");
    assert_eq!(
        source.url.as_deref(),
        Some("https://www.example-news.org/world/2017/06/10/aleppo-clashes")
    );

    // A province, a country, no place, a code without a name, a source named
    // rather than linked, a CAMEO code with its leading zero.
    let strike = event(&imported, "gdelt-652000002");
    assert_eq!(
        strike.place().and_then(|p| p.precision()),
        Some(PlacePrecision::Province)
    );
    let statement = event(&imported, "gdelt-652000003");
    assert_eq!(
        statement.place().and_then(|p| p.precision()),
        Some(PlacePrecision::Country)
    );
    assert_eq!(statement.subkind(), Some("CAMEO 0231"));
    assert_eq!(statement.kind(), Some("Appeal"));
    assert_eq!(statement.tags(), ["verbal cooperation"]);
    let named = source_of(&imported, statement);
    assert_eq!(
        (named.publisher.as_str(), named.url.as_deref()),
        ("BBC Monitoring", None)
    );
    let unnamed = event(&imported, "gdelt-652000004");
    assert!(unnamed.place().is_none());
    assert_eq!(
        actor_name(&imported, unnamed.actors().get(0).unwrap_or_default()),
        "SYRREB (CAMEO code, no name given)"
    );
    assert!(imported.summary.not_kept.contains(&"dateadded".to_owned()));
}

#[test]
fn a_zip_of_gdelt_files_and_a_bigquery_export_give_the_same_events_as_the_file() {
    let file = imported("gdelt-events.export.CSV");
    let zipped = imported("gdelt-events.zip");
    let bigquery = imported("gdelt-bigquery.csv");
    assert!(bigquery.summary.had_header);
    assert_eq!(zipped.summary.files, 2);
    for other in [&zipped, &bigquery] {
        assert_eq!(other.summary.layout, Layout::Gdelt);
        assert_eq!(other.dataset.events, file.dataset.events);
        assert_eq!(other.bad_rows.len(), 1);
    }
    // In an archive of several files, a bad row names its file.
    assert!(
        zipped.bad_rows[0]
            .message
            .contains("20170613134500.export.CSV"),
        "{}",
        zipped.bad_rows[0].message
    );
    assert_eq!(bad_rows(&zipped), [(3, "sqldate".to_owned())]);
}

#[test]
fn gdelt_rows_are_kept_by_quad_class_and_root_code_before_they_become_events() {
    let out = common::temp_file("gdelt-conflict.ron", "");
    let (code, said) = import_to(
        &[
            "import",
            "gdelt",
            "tests/data/gdelt-events.export.CSV",
            "--quad",
            "4",
            "--root",
            "18,19",
        ],
        &out,
    );
    // The one bad row is a fight (root 19): still reported, nothing written.
    assert_eq!(code, Some(1), "{said}");
    assert!(said.contains("line 7"), "{said}");
    let (code, said) = import_to(
        &[
            "import",
            "gdelt",
            "tests/data/gdelt-events.export.CSV",
            "--quad",
            "4",
            "--root",
            "18",
            "--keep-good-rows",
        ],
        &out,
    );
    assert_eq!(code, Some(0), "{said}");
    assert!(
        said.contains("1 events") && said.contains("6 left out by the row filter"),
        "{said}"
    );
    let loaded = data::load_path(&out, &data::no_progress).expect("a valid dataset");
    assert_eq!(loaded.dataset.events.len(), 1);
    assert_eq!(loaded.dataset.events.at(0).id(), "gdelt-652000005");
    // The filters are GDELT's only.
    let (code, said) = import_to(
        &[
            "import",
            "acled",
            "tests/data/acled-website.csv",
            "--quad",
            "4",
        ],
        &out,
    );
    assert_eq!(code, Some(2), "{said}");
}

#[test]
fn a_folder_of_gdelt_files_is_imported_as_one_dataset() {
    let folder =
        std::env::temp_dir().join(format!("frontline-gdelt-folder-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("a folder");
    let text = std::fs::read_to_string("tests/data/gdelt-events.export.CSV").expect("sample");
    let lines: Vec<&str> = text.lines().collect();
    std::fs::write(
        folder.join("20170610000000.export.CSV"),
        lines[..3].join("\n") + "\n",
    )
    .expect("written");
    std::fs::write(
        folder.join("20170612000000.export.CSV"),
        lines[3..6].join("\n") + "\n",
    )
    .expect("written");
    std::fs::write(folder.join(".hidden.csv"), "not,a,table\n").expect("written");
    let options = import::ImportOptions::default();
    let imported = import::import_paths(std::slice::from_ref(&folder), &options, &|_| true)
        .unwrap_or_else(|f| panic!("{}", f.render("folder")));
    assert_eq!(imported.summary.files, 2);
    assert_eq!(imported.dataset.events.len(), 6);
    assert!(imported.bad_rows.is_empty());
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn parquet_exports_are_read_by_their_types_with_the_csv_mapping() {
    // GDELT: a DuckDB copy of the BigQuery CSV gives the same events.
    let csv = imported("gdelt-bigquery.csv");
    let parquet = imported("gdelt-bigquery.parquet");
    assert_eq!(parquet.summary.layout, Layout::Gdelt);
    assert_eq!(parquet.dataset.events, csv.dataset.events);
    assert_eq!(
        parquet.bad_rows[0].record,
        Some(Record::TableRow {
            row: 7,
            column: "sqldate".to_owned()
        })
    );
    assert!(
        parquet.bad_rows[0]
            .render("x.parquet")
            .contains("row 7, column `sqldate`"),
        "{}",
        parquet.bad_rows[0].render("x.parquet")
    );

    // ACLED from pyarrow: a DATE, small integers, a null count, a dictionary.
    let acled = imported("acled-slice.parquet");
    assert_eq!(acled.summary.layout, Layout::Acled);
    assert_eq!(acled.summary.rows, 3);
    assert_eq!(acled.dataset.events.len(), 2);
    assert_eq!(
        acled.bad_rows[0].record,
        Some(Record::TableRow {
            row: 3,
            column: "latitude".to_owned()
        })
    );
    let clash = event(&acled, "SYR2001");
    assert_eq!(clash.date(), PartialDate::day(2017, 6, 10));
    assert_eq!(clash.fatalities().map(|f| f.best), Some(12));
    assert_eq!(clash.place().and_then(|p| p.country()), Some("Syria"));
    assert_eq!(publishers(&acled, clash), ["SOHR", "Reuters"]);
    let kinds: Vec<Option<&str>> = acled
        .dataset
        .actors
        .iter()
        .map(|a| a.kind.as_deref())
        .collect();
    assert!(kinds.contains(&Some("State forces")), "{kinds:?}");
    let strike = event(&acled, "SYR2002");
    assert_eq!(strike.fatalities(), None, "a null is no figure, not zero");
    assert_eq!(strike.timing(), Some(Timing::WithinWeek));
    assert_eq!(acled.summary.not_kept, ["timestamp"]);

    // UCDP from pandas: timestamps as days, a span, a null side.
    let ucdp = imported("ucdp-slice.parquet");
    assert_eq!(ucdp.summary.layout, Layout::Ucdp);
    let span = event(&ucdp, "302");
    assert_eq!(span.date(), PartialDate::day(2017, 7, 2));
    assert_eq!(span.end(), Some(PartialDate::day(2017, 7, 5)));
    assert_eq!(
        span.fatalities().map(|f| (f.best, f.low, f.high)),
        Some((9, Some(9), Some(12)))
    );
    assert_eq!(span.actors().len(), 1);
}

#[test]
fn a_duckdb_parquet_copy_of_an_acled_export_imports_to_the_same_dataset_field_by_field() {
    for name in ["acled-api", "acled-generated"] {
        let csv = imported(&format!("{name}.csv"));
        let parquet = imported(&format!("{name}.parquet"));
        assert_eq!(parquet.summary.layout, Layout::Acled);
        assert_eq!(parquet.summary.rows, csv.summary.rows, "{name}");
        assert_eq!(parquet.bad_rows.len(), csv.bad_rows.len(), "{name}");
        assert_eq!(parquet.dataset.events.len(), csv.dataset.events.len());
        for (p, c) in parquet.dataset.events.iter().zip(&csv.dataset.events) {
            assert_eq!(p, c, "{name}: event {}", c.id());
        }
        assert_eq!(parquet.dataset.actors, csv.dataset.actors, "{name}");
        assert_eq!(parquet.dataset.sources, csv.dataset.sources, "{name}");
        assert_eq!(parquet.dataset, csv.dataset, "{name}");
    }
}

#[test]
fn every_row_of_a_gdelt_file_is_accounted_for_kept_filtered_or_reported() {
    let path = Path::new("tests/data/gdelt-events.export.CSV");
    for (quad, roots) in [
        (vec![], vec![]),
        (vec![4], vec![]),
        (vec![4], vec!["19".to_owned()]),
        (vec![1, 3], vec![]),
    ] {
        let options = import::ImportOptions {
            layout: Some(Layout::Gdelt),
            gdelt: import::GdeltFilter { quad, roots },
        };
        let imported = import::import_paths(&[path.to_path_buf()], &options, &|_| true)
            .unwrap_or_else(|f| panic!("{}", f.render("gdelt")));
        let s = &imported.summary;
        assert_eq!(
            s.rows,
            imported.dataset.events.len() + s.filtered_out + imported.bad_rows.len(),
            "{options:?}"
        );
    }
}

#[test]
fn the_app_opens_a_parquet_export_and_a_zip_of_gdelt_files() {
    let harness = common::harness_on(Path::new("tests/data/acled-generated.parquet"));
    let loaded = harness.state().loaded().expect("open");
    assert_eq!(loaded.dataset.events.len(), 300);
    assert!(loaded.dataset.title.starts_with("ACLED export"));
    let mut harness = common::harness_on(Path::new("tests/data/gdelt-events.zip"));
    // One bad row: the problems window offers the good rows.
    assert!(harness.state().problems().is_some());
    harness
        .get_by_label_contains("Open without the invalid records")
        .click();
    harness.run_steps(3);
    let loaded = harness.state().loaded().expect("open");
    assert_eq!(loaded.dataset.events.len(), 6);
    assert!(loaded.dataset.title.starts_with("GDELT export"));
}
