//! Territory as dated maps: read with the rest of the format, validated with
//! located errors, and its area computed on the ellipsoid.

use std::process::Command;

use egui_kittest::kittest::Queryable;
use frontline::data;
use frontline::view::ViewChange;

use crate::common;

/// small.ron with a map of the north's territory: two monthly snapshots.
fn with_territory(territory: &str) -> String {
    let small = include_str!("data/small.ron");
    let end = small.rfind(')').expect("the dataset closes");
    format!("{}  territory: [\n{territory}  ],\n)\n", &small[..end])
}

const TWO_SNAPSHOTS: &str = r#"    ControlMap(actor: "north", source_org: "Example Monitor", scope: "Exampleland", snapshots: [
      Snapshot(date: "2020-03-01", cite: Cite(source: "monitor-2020-04"), polygons: [
        [[(38.0, 35.0), (39.0, 35.0), (39.0, 36.0), (38.0, 36.0), (38.0, 35.0)]],
      ]),
      Snapshot(date: "2020-04-01", cite: Cite(source: "monitor-2020-04"), polygons: [
        [[(38.0, 35.0), (39.0, 35.0), (39.0, 36.0), (38.0, 36.0), (38.0, 35.0)],
         [(38.2, 35.2), (38.4, 35.2), (38.4, 35.4), (38.2, 35.4), (38.2, 35.2)]],
      ]),
    ]),
"#;

/// Days since 1970 of a date.
fn day(y: i16, m: u8, d: u8) -> f64 {
    f64::from(data::PartialDate::day(y, m, d).start_day())
}

/// The app on `text` (saved as `name`), the map open, the window from the
/// start of 2020 to `end`.
fn map_on(
    name: &str,
    text: &str,
    end: f64,
) -> egui_kittest::Harness<'static, frontline::app::FrontlineApp> {
    let path = common::temp_file(name, text);
    let mut harness = common::harness_on(&path);
    harness
        .state_mut()
        .queue(frontline::view::ViewChange::OpenMap(true));
    let window = frontline::view::TimeWindow::new(day(2020, 1, 1), end);
    harness
        .state_mut()
        .queue(frontline::view::ViewChange::SetWindow(window));
    harness.run_steps(3);
    harness
}

#[test]
fn dated_maps_load_with_the_dataset_and_their_areas_are_printed() {
    let text = with_territory(TWO_SNAPSHOTS);
    let loaded = data::load_str(&text).unwrap_or_else(|f| panic!("{}", f.render("t.ron")));
    assert_eq!(loaded.dataset.territory.len(), 1);
    assert_eq!(loaded.dataset.territory[0].snapshots.len(), 2);
    // The same from a file, as the app and the command line read it.
    let path = common::temp_file("territory.ron", &text);
    let from_file = data::load_path(&path, &data::no_progress).expect("valid");
    assert_eq!(from_file.dataset, loaded.dataset);

    let output = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .arg("areas")
        .arg(&path)
        .output()
        .expect("runs");
    let csv = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{csv}");
    let rows: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(
        rows[0],
        ["actor", "source_org", "scope", "date", "area_km2"]
    );
    assert_eq!(
        rows[1][..4],
        ["north", "Example Monitor", "Exampleland", "2020-03-01"]
    );
    let area = |row: usize| rows[row][4].parse::<f64>().expect("a number");
    // A degree square at 35°N to 36°N: about 111 km by 91 km.
    assert!((area(1) - 10_080.0).abs() < 150.0, "{}", area(1));
    // The hole (0.2° by 0.2°) is subtracted.
    let hole = area(1) - area(2);
    assert!((hole - 405.0).abs() < 15.0, "{hole}");
}

#[test]
fn a_broken_map_is_an_error_placed_at_its_snapshot() {
    let cases = [
        (
            "(38.0, 35.0), (39.0, 35.0), (39.0, 36.0), (38.0, 36.0)",
            "is not closed",
        ),
        ("(38.0, 35.0), (39.0, 35.0), (38.0, 35.0)", "at least 4"),
        (
            "(35.0, 138.0), (35.0, 139.0), (36.0, 139.0), (35.0, 138.0)",
            "off the globe",
        ),
    ];
    for (ring, why) in cases {
        let territory = format!(
            "    ControlMap(actor: \"north\", source_org: \"Example Monitor\", snapshots: [\n      Snapshot(date: \"2020-03-01\", cite: Cite(source: \"monitor-2020-04\"), polygons: [[[{ring}]]]),\n    ]),\n"
        );
        let text = with_territory(&territory);
        let failure = data::load_str(&text).expect_err("not valid");
        let rendered = failure.render("t.ron");
        assert!(rendered.contains(why), "{rendered}");
        let line = common::line_of(&text, "Snapshot(date");
        assert!(
            rendered.contains(&format!("t.ron:{line}:")),
            "placed on line {line}: {rendered}"
        );
        assert!(
            rendered.contains("map #1 (north · Example Monitor), snapshot #1"),
            "{rendered}"
        );
    }
    // Out of date order, and an unknown actor.
    let text = with_territory(
        &TWO_SNAPSHOTS
            .replace("2020-04-01", "2020-02-01")
            .replace("\"north\"", "\"west\""),
    );
    let rendered = data::load_str(&text)
        .expect_err("not valid")
        .render("t.ron");
    assert!(
        rendered.contains("not after the snapshot before it"),
        "{rendered}"
    );
    assert!(rendered.contains("names actor \"west\""), "{rendered}");
}

#[test]
fn the_map_draws_the_snapshot_in_force_at_the_end_of_the_window_and_says_how_old() {
    let mut harness = map_on(
        "territory-map.ron",
        &with_territory(TWO_SNAPSHOTS),
        day(2020, 3, 15),
    );
    assert_eq!(harness.state().map().last_frame().territory_drawn, 1);
    assert_eq!(
        harness.state().map().territory_said(),
        ["North · Example Monitor · Exampleland: map of 2020-03-01, 14 days earlier"]
    );
    harness
        .state_mut()
        .queue(ViewChange::SetWindow(frontline::view::TimeWindow::new(
            day(2020, 1, 1),
            day(2020, 2, 1),
        )));
    harness.run_steps(3);
    assert_eq!(
        harness.state().map().territory_said(),
        ["North · Example Monitor · Exampleland: no map yet"]
    );
}

#[test]
fn each_map_s_computed_area_is_a_series_beside_the_reported_figures() {
    let text = with_territory(TWO_SNAPSHOTS);
    let loaded = data::load_str(&text).unwrap_or_else(|f| panic!("{}", f.render("t.ron")));
    let reported = loaded.dataset.control.len();
    assert_eq!(loaded.index.computed.len(), 1);
    let computed = loaded
        .index
        .series(&loaded.dataset, reported)
        .expect("computed");
    assert_eq!(
        computed.label(&computed.actor),
        "north · Example Monitor map, computed area · Exampleland"
    );
    assert!(loaded.index.is_computed(&loaded.dataset, reported));
    assert!(!loaded.index.is_computed(&loaded.dataset, 0));
    // Its figures are each snapshot's area, cited to the snapshot's source and
    // saying that Frontline computed them.
    let areas: Vec<f64> = loaded.dataset.territory[0]
        .snapshots
        .iter()
        .map(|s| data::map::area::area_km2(&s.polygons))
        .collect();
    let values: Vec<f64> = computed.points.iter().map(|p| p.value).collect();
    assert_eq!(values, areas);
    assert_eq!(computed.points[0].cite.source, "monitor-2020-04");
    let note = computed.points[0].cite.note.as_deref().unwrap_or_default();
    assert!(note.contains("computed by Frontline"), "{note}");
    // Plotted on the km² plot beside the reported series.
    let track = loaded
        .index
        .tracks
        .iter()
        .find(|t| t.series == reported)
        .expect("a track");
    assert_eq!(track.axis, data::PlotAxis::SquareKm);
    // The span panel's changes include it.
    let span = data::span::TimeSpan::between(day(2020, 3, 10), day(2020, 4, 10));
    let changes = data::span::series_changes(&loaded, span);
    let change = changes
        .iter()
        .find(|c| c.series == reported)
        .expect("the computed series over the span");
    assert_eq!(change.at_start.map(|f| f.point), Some(0));
    assert_eq!(change.at_end.map(|f| f.point), Some(1));
    // Exported with the reported figures, in a column saying which are computed;
    // never written into the dataset.
    let mut csv_bytes = Vec::new();
    data::export::write_series_csv(&loaded, &mut csv_bytes).expect("written");
    let mut reader = csv::Reader::from_reader(csv_bytes.as_slice());
    let header = reader.headers().expect("header").clone();
    let column = |name: &str| header.iter().position(|h| h == name).expect(name);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let computed_rows: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|r| &r[column("computed")] == "yes")
        .collect();
    assert_eq!(computed_rows.len(), 2);
    assert_eq!(
        rows.iter()
            .filter(|r| &r[column("computed")] == "no")
            .count(),
        loaded
            .dataset
            .control
            .iter()
            .map(|s| s.points.len())
            .sum::<usize>()
    );
    assert_eq!(
        &computed_rows[0][column("organisation")],
        "Example Monitor map, computed area"
    );
    let saved = data::load::to_ron_string(&loaded.dataset).expect("written");
    assert!(!saved.contains("computed area"));
}

#[test]
fn the_plot_lists_a_map_s_computed_area_in_its_legend() {
    let path = common::temp_file("territory-plot.ron", &with_territory(TWO_SNAPSHOTS));
    let mut harness = common::harness_on(&path);
    harness.run_steps(3);
    let names: Vec<String> = harness
        .state()
        .plots()
        .series_looks()
        .into_iter()
        .map(|look| look.name)
        .collect();
    assert!(
        names
            .iter()
            .any(|n| n.contains("Example Monitor map, computed area")),
        "{names:?}"
    );
}

/// A GeoJSON feature of one polygon (an outline and its holes), with properties.
fn feature(rings: &[&[(f64, f64)]], properties: &str) -> String {
    let rings: Vec<String> = rings
        .iter()
        .map(|ring| {
            let positions: Vec<String> = ring.iter().map(|(x, y)| format!("[{x},{y}]")).collect();
            format!("[{}]", positions.join(","))
        })
        .collect();
    format!(
        r#"{{"type":"Feature","properties":{properties},"geometry":{{"type":"Polygon","coordinates":[{}]}}}}"#,
        rings.join(",")
    )
}

fn collection(features: &[String]) -> String {
    format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        features.join(",")
    )
}

#[test]
fn geojson_maps_of_one_date_per_file_import_as_one_map_with_areas_known_in_closed_form() {
    let folder = std::env::temp_dir().join(format!("frontline-geojson-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("a folder");
    let outline: &[(f64, f64)] = &[(36.0, 47.0), (38.0, 47.0), (38.0, 48.5), (36.0, 48.5)];
    let hole: &[(f64, f64)] = &[
        (36.5, 47.5),
        (37.0, 47.5),
        (37.0, 48.0),
        (36.5, 48.0),
        (36.5, 47.5),
    ];
    let occupied = r#"{"category":"occupied"}"#;
    let site = r#"{"type":"Feature","properties":{"category":"occupied"},"geometry":{"type":"Point","coordinates":[37.5,47.9]}}"#;
    let unrelated = feature(
        &[&[(30.0, 50.0), (31.0, 50.0), (31.0, 51.0), (30.0, 50.0)]],
        r#"{"category":"liberated"}"#,
    );
    // Day 1 (the outline is left open, as some exports do), day 2 the same
    // map, day 3 a hole appears; plus a point and an unrelated area each day.
    let day1 = collection(&[
        feature(&[outline], occupied),
        site.to_owned(),
        unrelated.clone(),
    ]);
    let day3 = collection(&[
        feature(&[outline, hole], occupied),
        site.to_owned(),
        unrelated,
    ]);
    std::fs::write(folder.join("2022-03-01.geojson"), &day1).expect("written");
    std::fs::write(folder.join("deepstatemap_data_20220302.geojson"), &day1).expect("written");
    std::fs::write(folder.join("1646265600.geojson"), format!("\u{feff}{day3}")).expect("written");
    let out = folder.join("maps.ron");
    let output = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(["import", "geojson"])
        .arg(&folder)
        .args(["--actor", "ru", "--org", "DeepState", "--scope", "Ukraine"])
        .args(["--where", "category=occupied", "-o"])
        .arg(&out)
        .output()
        .expect("runs");
    let log = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{log}");
    assert!(log.contains("2 snapshots from 3 files"), "{log}");
    assert!(
        log.contains("1 snapshot identical to the one before, stored once"),
        "{log}"
    );
    assert!(log.contains("3 Point features left out"), "{log}");
    assert!(
        log.contains("3 features left out by --where (failing category=occupied)"),
        "{log}"
    );
    assert!(log.contains("3 open rings closed"), "{log}");
    // The maps have no web address of their own: the reader is told.
    assert!(log.contains("no address (url)"), "{log}");

    let loaded = data::load_path(&out, &data::no_progress).expect("a valid dataset");
    let map = &loaded.dataset.territory[0];
    assert_eq!(
        (map.actor.as_str(), map.source_org.as_str()),
        ("ru", "DeepState")
    );
    let dates: Vec<String> = map.snapshots.iter().map(|s| s.date.to_string()).collect();
    assert_eq!(dates, ["2022-03-01", "2022-03-03"]);
    // Each snapshot cites a source of its own, naming its file.
    let cited = &map.snapshots[1].cite.source;
    let source = loaded
        .dataset
        .sources
        .iter()
        .find(|s| s.id == *cited)
        .expect("its source");
    assert!(
        source.title.contains("1646265600.geojson"),
        "{}",
        source.title
    );

    let output = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .arg("areas")
        .arg(&out)
        .output()
        .expect("runs");
    let csv = String::from_utf8_lossy(&output.stdout);
    let areas: Vec<f64> = csv
        .lines()
        .skip(1)
        .map(|l| {
            l.rsplit(',')
                .next()
                .and_then(|a| a.parse().ok())
                .expect("an area")
        })
        .collect();
    let whole = common::box_km2((36.0, 38.0), (47.0, 48.5));
    let holed = whole - common::box_km2((36.5, 37.0), (47.5, 48.0));
    for (computed, exact) in areas.iter().zip([whole, holed]) {
        assert!(
            (computed - exact).abs() / exact < 0.001,
            "{computed} km² against {exact} km²"
        );
    }
    // With --link, each snapshot names its file beside the dataset instead of
    // holding a copy: the same maps load, and the dataset stays small.
    let linked = folder.join("linked.ron");
    let output = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(["import", "geojson"])
        .arg(&folder)
        .args(["--actor", "ru", "--org", "DeepState", "--link", "-o"])
        .arg(&linked)
        .output()
        .expect("runs");
    let log = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{log}");
    let text = std::fs::read_to_string(&linked).expect("written");
    assert!(text.contains("file: \"2022-03-01.geojson\""), "{text}");
    assert!(!text.contains("polygons"), "{text}");
    let from_files = data::load_path(&linked, &data::no_progress).expect("valid");
    let snapshots = &from_files.dataset.territory[0].snapshots;
    assert_eq!(snapshots.len(), 2);
    assert!(!snapshots[1].shape().is_empty());
    // Without --where, the unrelated area is part of each day's map.
    let unrelated = common::box_km2((30.0, 31.0), (50.0, 51.0)) / 2.0;
    let area = data::map::area::area_km2(snapshots[0].shape());
    assert!((area - whole - unrelated).abs() / area < 0.001, "{area}");
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn a_geojson_file_that_is_not_json_is_refused_with_its_line_and_column() {
    let path = common::temp_file(
        "2022-03-01.geojson",
        "{\"type\": \"FeatureCollection\",\n  \"features\": [,]}",
    );
    let output = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(["import", "geojson"])
        .arg(&path)
        .args(["--actor", "ru", "--org", "DeepState"])
        .output()
        .expect("runs");
    let log = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{log}");
    assert!(log.contains(":2:16: not JSON"), "{log}");
    assert!(log.contains("nothing imported"), "{log}");
}

#[test]
fn the_app_opens_a_geojson_file_as_a_control_map() {
    let outline: &[(f64, f64)] = &[
        (36.0, 47.0),
        (38.0, 47.0),
        (38.0, 48.5),
        (36.0, 48.5),
        (36.0, 47.0),
    ];
    let hole: &[(f64, f64)] = &[
        (36.5, 47.5),
        (37.0, 47.5),
        (37.0, 48.0),
        (36.5, 48.0),
        (36.5, 47.5),
    ];
    let text = collection(&[
        feature(&[outline], r#"{"date":"2022-03-01"}"#),
        feature(&[outline, hole], r#"{"date":1646265600}"#),
    ]);
    let path = common::temp_file("occupied.geojson", &text);
    let harness = common::harness_on(&path);
    let loaded = harness.state().loaded().expect("opened");
    assert_eq!(loaded.dataset.territory[0].snapshots.len(), 2);
    assert_eq!(loaded.index.computed.len(), 1);
}

#[test]
fn generated_maps_have_the_areas_known_in_closed_form() {
    let output = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args([
            "generate",
            "--events",
            "50",
            "--territory",
            "70",
            "--vertices",
            "400",
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let path = common::temp_bytes("generated-territory.ron", &output.stdout);
    let loaded = data::load_path(&path, &data::no_progress).expect("valid");
    let map = &loaded.dataset.territory[0];
    assert_eq!(map.snapshots.len(), 70);
    let positions: usize = map.snapshots[0].polygons[0].iter().map(Vec::len).sum();
    assert!((380..=420).contains(&positions), "{positions}");
    for (day, snapshot) in map.snapshots.iter().enumerate() {
        let (outline, hole) = frontline::generate::territory_boxes(day);
        let exact = common::box_km2((outline.0, outline.1), (outline.2, outline.3))
            - common::box_km2((hole.0, hole.1), (hole.2, hole.3));
        let computed = data::map::area::area_km2(&snapshot.polygons);
        assert!(
            (computed - exact).abs() / exact < 0.001,
            "day {day}: {computed} km² against {exact} km²"
        );
    }
    // The computed series carries the same figures.
    assert_eq!(loaded.index.computed[0].points.len(), 70);
}

#[test]
fn a_ring_that_crosses_itself_is_a_warning_and_the_map_is_kept() {
    let eight = TWO_SNAPSHOTS.replacen(
        "[[(38.0, 35.0), (39.0, 35.0), (39.0, 36.0), (38.0, 36.0), (38.0, 35.0)]]",
        "[[(38.0, 35.0), (39.0, 36.0), (39.0, 35.0), (38.0, 36.0), (38.0, 35.0)]]",
        1,
    );
    let text = with_territory(&eight);
    let loaded = data::load_str(&text).expect("a warning does not stop the load");
    assert_eq!(loaded.dataset.territory[0].snapshots.len(), 2);
    let rendered = data::problem::render_all(&loaded.warnings, "t.ron");
    assert!(
        rendered.contains("map #1 (north · Example Monitor · Exampleland), snapshot #1: the outline of polygon 1 crosses itself near (38.5000, 35.5000)"),
        "{rendered}"
    );
    let line = common::line_of(&text, "Snapshot(date");
    assert!(rendered.contains(&format!("t.ron:{line}:")), "{rendered}");
}

/// A closed ring around a box between two meridians and two parallels.
fn box_ring(west: f64, east: f64, south: f64, north: f64) -> Vec<(f64, f64)> {
    vec![
        (west, south),
        (east, south),
        (east, north),
        (west, north),
        (west, south),
    ]
}

#[test]
fn overlapping_polygons_of_one_snapshot_count_once() {
    // Two boxes drawn clockwise and counter-clockwise, overlapping in a third.
    let mut clockwise = box_ring(36.0, 38.0, 47.0, 48.0);
    clockwise.reverse();
    let polygons = vec![vec![clockwise], vec![box_ring(37.0, 39.0, 47.5, 48.5)]];
    let exact = common::box_km2((36.0, 38.0), (47.0, 48.0))
        + common::box_km2((37.0, 39.0), (47.5, 48.5))
        - common::box_km2((37.0, 38.0), (47.5, 48.0));
    let computed = data::map::area::area_km2(&polygons);
    assert!(
        (computed - exact).abs() / exact < 0.001,
        "{computed} km² against {exact} km²"
    );
    // Apart, they are simply added.
    let apart = vec![
        vec![box_ring(36.0, 37.0, 47.0, 48.0)],
        vec![box_ring(38.0, 39.0, 47.0, 48.0)],
    ];
    let both =
        common::box_km2((36.0, 37.0), (47.0, 48.0)) + common::box_km2((38.0, 39.0), (47.0, 48.0));
    assert!((data::map::area::area_km2(&apart) - both).abs() / both < 1e-9);
}

#[test]
fn the_ground_gained_and_lost_between_two_maps_is_what_one_holds_and_the_other_does_not() {
    let before = vec![vec![box_ring(36.0, 38.0, 47.0, 48.0)]];
    let after = vec![vec![box_ring(37.0, 39.0, 47.0, 48.0)]];
    let (gained, lost) = data::map::overlay::gained_and_lost(&before, &after);
    let strip = common::box_km2((38.0, 39.0), (47.0, 48.0));
    let gained_km2 = data::map::area::area_km2(&gained);
    let lost_km2 = data::map::area::area_km2(&lost);
    assert!(
        (gained_km2 - strip).abs() / strip < 0.001,
        "{gained_km2} against {strip}"
    );
    let strip = common::box_km2((36.0, 37.0), (47.0, 48.0));
    assert!(
        (lost_km2 - strip).abs() / strip < 0.001,
        "{lost_km2} against {strip}"
    );
    // A hole that opens is ground lost.
    let holed = vec![vec![
        box_ring(36.0, 38.0, 47.0, 48.0),
        box_ring(36.5, 37.0, 47.2, 47.6),
    ]];
    let (gained, lost) = data::map::overlay::gained_and_lost(&before, &holed);
    assert!(gained.is_empty(), "{gained:?}");
    let hole = common::box_km2((36.5, 37.0), (47.2, 47.6));
    let lost_km2 = data::map::area::area_km2(&lost);
    assert!(
        (lost_km2 - hole).abs() / hole < 0.001,
        "{lost_km2} against {hole}"
    );
}

#[test]
fn a_span_shows_the_ground_each_map_says_was_gained_and_lost() {
    let path = common::temp_file("territory-span.ron", &with_territory(TWO_SNAPSHOTS));
    let mut harness = common::harness_on(&path);
    harness
        .state_mut()
        .queue(frontline::view::ViewChange::OpenMap(true));
    harness
        .state_mut()
        .queue(frontline::view::ViewChange::SetSpan(Some(
            data::span::TimeSpan::between(day(2020, 3, 10), day(2020, 4, 10)),
        )));
    harness.run_steps(4);
    let changes = harness.state().map_changes().expect("worked out");
    assert_eq!(changes.len(), 1);
    let change = &changes[0];
    assert_eq!((change.before, change.after), (0, 1));
    // The second map opens a hole of 0.2° by 0.2°: lost, nothing gained.
    let hole = common::box_km2((38.2, 38.4), (35.2, 35.4));
    assert!(
        (change.lost_km2 - hole).abs() / hole < 0.001,
        "{}",
        change.lost_km2
    );
    assert!(change.gained.is_empty());
    // The span panel has its section, and the map draws and says the change.
    assert!(harness.query_by_label("What the maps say").is_some());
    assert!(
        harness
            .state()
            .map()
            .territory_said()
            .iter()
            .any(|s| s.contains(&format!(
                "{} km² lost (red)",
                frontline::format::square_km(change.lost_km2)
            ))),
        "{:?}",
        harness.state().map().territory_said()
    );
}

/// The map on two monitors' maps of the north (saved as `name`), both in force.
fn two_monitors(name: &str) -> egui_kittest::Harness<'static, frontline::app::FrontlineApp> {
    let second = TWO_SNAPSHOTS.replace("Example Monitor", "Other Monitor");
    let text = with_territory(&format!("{TWO_SNAPSHOTS}{second}"));
    map_on(name, &text, day(2020, 3, 15))
}

#[test]
fn a_control_map_can_be_hidden_from_the_map_s_menu() {
    let mut harness = two_monitors("territory-two-maps.ron");
    assert_eq!(harness.state().map().last_frame().territory_drawn, 2);
    harness.get_by_label("Control maps").click();
    harness.run_steps(2);
    // The menu names the actor by its name, not its id.
    harness
        .get_by_label("North · Other Monitor · Exampleland")
        .click();
    harness.run_steps(3);
    assert_eq!(harness.state().map().last_frame().territory_drawn, 1);
    assert!(
        harness
            .state()
            .map()
            .territory_said()
            .iter()
            .all(|s| !s.contains("Other Monitor")),
        "{:?}",
        harness.state().map().territory_said()
    );
    // Every map by one organisation, at once.
    if harness
        .query_by_label("Every map by Example Monitor")
        .is_none()
    {
        harness.get_by_label("Control maps").click();
        harness.run_steps(2);
    }
    harness.get_by_label("Every map by Example Monitor").click();
    harness.run_steps(3);
    assert_eq!(harness.state().map().last_frame().territory_drawn, 0);
}

#[test]
fn every_map_of_one_actor_can_be_hidden_at_once() {
    let south = TWO_SNAPSHOTS.replace("actor: \"north\"", "actor: \"south\"");
    let text = with_territory(&format!("{TWO_SNAPSHOTS}{south}"));
    let mut harness = map_on("territory-two-actors.ron", &text, day(2020, 3, 15));
    assert_eq!(harness.state().map().last_frame().territory_drawn, 2);
    harness.get_by_label("Control maps").click();
    harness.run_steps(2);
    harness.get_by_label("Every map of South").click();
    harness.run_steps(3);
    let said = harness.state().map().territory_said().to_vec();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].starts_with("North"), "{said:?}");
}

#[test]
fn a_snapshot_may_name_a_geojson_file_beside_the_dataset_and_never_one_outside_it() {
    let folder = std::env::temp_dir().join(format!("frontline-map-files-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(folder.join("maps")).expect("a folder");
    let outline: &[(f64, f64)] = &[
        (38.0, 35.0),
        (39.0, 35.0),
        (39.0, 36.0),
        (38.0, 36.0),
        (38.0, 35.0),
    ];
    std::fs::write(
        folder.join("maps/2020-03-01.geojson"),
        collection(&[feature(&[outline], "{}")]),
    )
    .expect("written");
    let with_file = |name: &str| {
        with_territory(&format!(
            "    ControlMap(actor: \"north\", source_org: \"Example Monitor\", snapshots: [\n      Snapshot(date: \"2020-03-01\", cite: Cite(source: \"monitor-2020-04\"),\n        file: \"{name}\"),\n    ]),\n"
        ))
    };
    let path = folder.join("dataset.ron");
    std::fs::write(&path, with_file("maps/2020-03-01.geojson")).expect("written");
    let loaded = data::load_path(&path, &data::no_progress)
        .unwrap_or_else(|f| panic!("{}", f.render("dataset.ron")));
    let snapshot = &loaded.dataset.territory[0].snapshots[0];
    let exact = common::box_km2((38.0, 39.0), (35.0, 36.0));
    let area = data::map::area::area_km2(snapshot.shape());
    assert!((area - exact).abs() / exact < 0.001, "{area}");
    assert_eq!(loaded.index.computed[0].points.len(), 1);
    // Written back, the dataset still names the file and holds no polygons.
    let written = data::load::to_ron_string(&loaded.dataset).expect("written");
    assert!(
        written.contains("file: \"maps/2020-03-01.geojson\""),
        "{written}"
    );
    assert!(!written.contains("polygons"), "{written}");

    for (name, why) in [
        ("../outside.geojson", "not inside the dataset's folder"),
        ("/etc/passwd", "not inside the dataset's folder"),
        ("maps/missing.geojson", "cannot be read"),
    ] {
        let text = with_file(name);
        std::fs::write(&path, &text).expect("written");
        let rendered = data::load_path(&path, &data::no_progress)
            .expect_err("not valid")
            .render("dataset.ron");
        assert!(rendered.contains(why), "{name}: {rendered}");
        let line = common::line_of(&text, "file: ");
        assert!(
            rendered.contains(&format!("dataset.ron:{line}:")),
            "{name}: placed at its file, line {line}: {rendered}"
        );
        assert!(rendered.contains("snapshot #1"), "{rendered}");
    }
    // Read from text, there is no folder to find a file in.
    let rendered = data::load_str(&with_file("maps/2020-03-01.geojson"))
        .expect_err("not valid")
        .render("t.ron");
    assert!(rendered.contains("no folder to find it in"), "{rendered}");
    let _ = std::fs::remove_dir_all(&folder);
}

#[test]
fn the_fast_reader_reads_control_maps_as_ron_does() {
    let mut dataset = frontline::generate::dataset(&frontline::generate::GenerateOptions {
        events: 40,
        series: 2,
        seed: 3,
        ..Default::default()
    });
    frontline::generate::add_territory(
        &mut dataset,
        &frontline::generate::TerritoryOptions {
            snapshots: 5,
            vertices: 60,
        },
    );
    // A snapshot naming a file, and one with several polygons and odd numbers.
    dataset.territory[0].snapshots[1].polygons.clear();
    dataset.territory[0].snapshots[1].file = Some("maps/day 2.geojson".to_owned());
    dataset.territory[0].snapshots[2].polygons.push(vec![vec![
        (-0.5, 1e-3),
        (12.0, -7.25),
        (3.0, 4.0),
        (-0.5, 1e-3),
    ]]);
    let text = data::load::to_ron_string(&dataset).expect("written");
    assert_eq!(
        data::fast_parse::gives_way_at(&text),
        None,
        "the fast reader reads control maps"
    );
    let fast = data::fast_parse::parse(&text).expect("read");
    let by_ron: data::Dataset = data::ron_text::ron_options()
        .from_str(&text)
        .expect("ron reads it");
    assert_eq!(fast, by_ron);
    // The streaming reader reads the maps after the events too.
    let path = common::temp_file("fast-territory.ron", &text);
    assert_eq!(data::stream_load::why_not_streamed(&path), None);
    // Written by hand, with the tuple's trailing comma and `Some(..)`.
    let by_hand = with_territory(
        "    ControlMap(actor: \"north\", source_org: \"Example Monitor\", snapshots: [\n      Snapshot(date: \"2020-03-01\", cite: Cite(source: \"monitor-2020-04\"), file: Some(\"a.geojson\")),\n      Snapshot(date: \"2020-04-01\", cite: Cite(source: \"monitor-2020-04\"), polygons: [[[(38, 35,), (39.0, 35.0), (39.0, 36.0), (38.0, 35.0)]]]),\n    ]),\n",
    );
    assert_eq!(data::fast_parse::gives_way_at(&by_hand), None);
    let by_ron: data::Dataset = data::ron_text::ron_options()
        .from_str(&by_hand)
        .expect("ron reads it");
    assert_eq!(data::fast_parse::parse(&by_hand), Some(by_ron));
}

#[test]
fn while_playing_the_map_draws_the_snapshot_in_force_at_the_playhead() {
    let mut harness = map_on(
        "territory-playing.ron",
        &with_territory(TWO_SNAPSHOTS),
        day(2020, 3, 10),
    );
    harness.key_press(egui::Key::P);
    for _ in 0..3 {
        harness.step();
    }
    let head = harness.state().playback().head.expect("playing").floor();
    let map = &harness.state().loaded().expect("open").dataset.territory[0];
    let (_, snapshot) = map.in_force(head).expect("a map in force");
    let age = (head - f64::from(snapshot.date.start_day())) as i64;
    let said = harness.state().map().territory_said().to_vec();
    let expected = match age {
        0 => format!("map of {}", snapshot.date),
        1 => format!("map of {}, 1 day earlier", snapshot.date),
        n => format!("map of {}, {n} days earlier", snapshot.date),
    };
    assert!(
        said.iter().any(|s| s.ends_with(&expected)),
        "the playhead's map is \"{expected}\": {said:?}"
    );
}

#[test]
fn a_large_snapshot_is_triangulated_in_the_background_and_drawn_when_ready() {
    let output = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args([
            "generate",
            "--events",
            "20",
            "--territory",
            "3",
            "--vertices",
            "30000",
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let path = common::temp_bytes("territory-large.ron", &output.stdout);
    let mut harness = common::harness_on(&path);
    let first = harness.state().loaded().expect("open").dataset.territory[0].snapshots[0]
        .date
        .start_day();
    harness
        .state_mut()
        .queue(frontline::view::ViewChange::OpenMap(true));
    harness
        .state_mut()
        .queue(ViewChange::SetWindow(frontline::view::TimeWindow::new(
            f64::from(first) - 30.0,
            f64::from(first) + 0.5,
        )));
    // The first frame that draws the map asks for the mesh and does not wait for it.
    let mut said_drawing = false;
    for _ in 0..3 {
        harness.step();
        let said = harness.state().map().territory_said().to_vec();
        if !said.is_empty() {
            said_drawing = said.iter().any(|s| s.ends_with("(drawing…)"));
            break;
        }
    }
    assert!(said_drawing, "{:?}", harness.state().map().territory_said());
    assert!(harness.state().map().is_working());
    for _ in 0..400 {
        harness.step();
        if !harness.state().map().is_working() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.step();
    assert!(!harness.state().map().is_working());
    let said = harness.state().map().territory_said().to_vec();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].contains(": map of "), "{said:?}");
    assert!(!said[0].contains("drawing"), "{said:?}");
}

#[test]
fn with_no_located_event_the_map_first_looks_at_the_control_maps() {
    let text = with_territory(TWO_SNAPSHOTS).replacen("lat: 35.5, lon: 38.2, ", "", 1);
    assert!(!text.contains("lat:"), "no event has coordinates");
    let harness = map_on("territory-only.ron", &text, day(2020, 4, 15));
    let frame = harness.state().map().last_frame();
    let (camera, rect) = (
        frame.camera.expect("the map was drawn"),
        frame.rect.expect("the map was drawn"),
    );
    let [west, south, east, north] = camera.bounds(rect);
    // The maps' polygons span 38–39°E, 35–36°N: all in view, and filling it.
    assert!(
        west <= 38.0 && south <= 35.0 && east >= 39.0 && north >= 36.0,
        "{:?}",
        [west, south, east, north]
    );
    assert!(
        east - west < 5.0 && north - south < 5.0,
        "zoomed in on the maps, not the world: {:?}",
        [west, south, east, north]
    );
}

#[test]
fn the_control_maps_menu_stays_open_while_ticking_and_fit_to_maps_looks_at_them() {
    let mut harness = two_monitors("territory-menu-open.ron");
    harness.get_by_label("Control maps").click();
    harness.run_steps(2);
    harness
        .get_by_label("North · Other Monitor · Exampleland")
        .click();
    harness.run_steps(3);
    assert_eq!(harness.state().map().last_frame().territory_drawn, 1);
    // Still open: the next map can be ticked at once.
    harness
        .get_by_label("North · Example Monitor · Exampleland")
        .click();
    harness.run_steps(3);
    assert_eq!(harness.state().map().last_frame().territory_drawn, 0);
    let hidden = harness.state().view().hidden_maps().len();
    assert_eq!(hidden, 2, "both maps hidden, and kept in the shared view");

    // Shift+M fits the map to the control maps: the box 38..39°E, 35..36°N.
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::M);
    harness.run_steps(3);
    assert!(
        harness.state().view().map_open(),
        "Shift+M is not M: the map stays open"
    );
    let camera = harness.state().map().camera().expect("drawn");
    assert!(
        (38.0..=39.0).contains(&camera.lon) && (35.0..=36.0).contains(&camera.lat),
        "{camera:?}"
    );
    let rect = harness.state().map().last_frame().rect.expect("drawn");
    let corner = camera.to_screen(rect, 38.0, 36.0);
    assert!(
        rect.expand(1.0).contains(corner),
        "the maps' corner is in view"
    );
}

#[test]
fn a_dataset_of_control_maps_only_opens_with_the_map_on_them() {
    // small.ron without its events, with a control map.
    let small = include_str!("data/small.ron");
    let start = small.find("  events: [").expect("an events list");
    let end = small.find("  control: [").expect("a control list");
    let base = format!("{}{}", &small[..start], &small[end..]);
    let close = base.rfind(')').expect("the dataset closes");
    let text = format!("{}  territory: [\n{TWO_SNAPSHOTS}  ],\n)\n", &base[..close]);
    let loaded = data::load_str(&text).unwrap_or_else(|f| panic!("{}", f.render("maps.ron")));
    assert!(loaded.dataset.events.is_empty() && loaded.dataset.territory.len() == 1);
    let path = common::temp_file("maps-only.ron", &text);
    let harness = common::harness_on(&path);
    assert!(harness.state().view().map_open(), "the map opens by itself");
    assert!(
        !harness.state().map().last_frame().legend_shown,
        "no legend of how events are drawn, with no event"
    );
    let camera = harness.state().map().last_frame().camera.expect("drawn");
    assert!(
        (37.0..=40.0).contains(&camera.lon) && (34.0..=37.0).contains(&camera.lat),
        "looking at the maps: {camera:?}"
    );
}

#[test]
fn a_geojson_file_opened_in_the_app_opens_with_the_map_on_its_polygons() {
    let outline: &[(f64, f64)] = &[
        (38.0, 35.0),
        (39.0, 35.0),
        (39.0, 36.0),
        (38.0, 36.0),
        (38.0, 35.0),
    ];
    let path = common::temp_file(
        "2022-03-01.geojson",
        &collection(&[feature(&[outline], "{}")]),
    );
    let harness = common::harness_on(&path);
    let app = harness.state();
    assert!(
        app.loaded().is_some_and(|l| l.dataset.territory.len() == 1),
        "the file's map is on screen: {:?}",
        app.problems()
    );
    assert!(app.view().map_open(), "the map opens by itself");
    let camera = app.map().last_frame().camera.expect("drawn");
    assert!(
        (37.0..=40.0).contains(&camera.lon) && (34.0..=37.0).contains(&camera.lat),
        "looking at the polygon: {camera:?}"
    );
}

/// Moves the pointer to `at` and clicks there.
fn click_at(
    harness: &mut egui_kittest::Harness<'static, frontline::app::FrontlineApp>,
    at: egui::Pos2,
) {
    harness.event(egui::Event::PointerMoved(at));
    harness.step();
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        harness.step();
    }
    harness.run_steps(2);
}

#[test]
fn two_organisations_maps_of_one_actor_are_drawn_in_styles_of_their_own() {
    use frontline::ui::map::pattern::Hatch;
    let harness = two_monitors("territory-styles.ron");
    let styles = harness.state().map().territory_styles();
    let [Some(first), Some(second)] = styles[..] else {
        panic!("two maps drawn: {styles:?}");
    };
    assert_eq!(first.colour, second.colour, "one actor, one colour");
    assert_ne!(first.dash, second.dash, "each organisation its own outline");
    // The second is hatched over a light fill, so the first shows under it.
    assert_eq!(first.hatch(), Hatch::None);
    assert_ne!(second.hatch(), Hatch::None);
    assert!(second.fill().a() < first.fill().a());
}

#[test]
fn hovering_a_control_map_names_every_map_there_and_a_click_shows_its_citation() {
    let mut harness = two_monitors("territory-hover.ron");
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::M);
    harness.run_steps(3);
    let frame = harness.state().map().last_frame();
    let (rect, camera) = (frame.rect.expect("drawn"), frame.camera.expect("drawn"));
    // Inside both maps, near the middle of the view.
    let inside = camera.to_screen(rect, camera.lon + 0.05, 35.75);
    assert!(rect.contains(inside));
    harness.event(egui::Event::PointerMoved(inside));
    harness.run_steps(2);
    let hovered = harness.state().map().last_frame().maps_hovered;
    assert_eq!(hovered.len(), 2, "both organisations' maps: {hovered:?}");
    use egui_kittest::kittest::NodeT;
    let tip = harness.get_by_label_contains("Click for its citation");
    let text = tip.accesskit_node().label().unwrap_or_default().to_owned();
    for said in [
        "North · Example Monitor · Exampleland",
        "North · Other Monitor · Exampleland",
        "map of 2020-03-01",
        "source: Example Monitor, “Monthly control map, April 2020”",
    ] {
        assert!(text.contains(said), "{said:?} in {text:?}");
    }
    // North of both: nothing is named.
    let outside = camera.to_screen(rect, camera.lon + 0.05, 36.1);
    assert!(rect.contains(outside));
    harness.event(egui::Event::PointerMoved(outside));
    harness.run_steps(2);
    assert!(harness.state().map().last_frame().maps_hovered.is_empty());

    click_at(&mut harness, inside);
    let selection = harness.state().view().selection();
    assert!(
        matches!(
            selection,
            Some(frontline::view::Selection::Snapshot { snapshot: 0, .. })
        ),
        "{selection:?}"
    );
    // The details panel shows the map and its source's card.
    assert!(
        harness
            .query_by_label_contains("map of territory held")
            .is_some()
    );
    assert!(
        harness
            .query_by_label("Monthly control map, April 2020")
            .is_some()
    );
    assert!(harness.query_by_label("Open monitor.example.org").is_some());
}

#[test]
fn on_a_laptop_the_lines_about_the_maps_fold_into_one_that_opens_on_a_click() {
    use frontline::ui::map::overlay::Folding;
    let mut harness = two_monitors("territory-laptop.ron");
    assert_eq!(
        harness.state().map().last_frame().folding,
        Some(Folding::Unfolded),
        "a tall map has room for every line"
    );
    harness.set_size(egui::vec2(1280.0, 720.0));
    harness.run_steps(3);
    let frame = harness.state().map().last_frame();
    assert_eq!(frame.folding, Some(Folding::Folded));
    let line = frame.lines.expect("written").left_center() + egui::vec2(20.0, 0.0);
    click_at(&mut harness, line);
    assert_eq!(
        harness.state().map().last_frame().folding,
        Some(Folding::Opened)
    );
    assert_eq!(harness.state().map().territory_said().len(), 2);
    click_at(&mut harness, line);
    assert_eq!(
        harness.state().map().last_frame().folding,
        Some(Folding::Folded),
        "a second click folds them again"
    );
}
