//! Monitors' exports as they publish them: DeepState's raw export through its
//! preset (GeometryCollections, 3-D positions, free-text names decided by
//! their fill, satirical areas outside the scope), NZZ's wrapped answers,
//! ISW's epoch-millisecond dates, and `--where` that composes. Every fixture
//! is made here by hand; areas are checked against closed forms.

use std::path::{Path, PathBuf};
use std::process::Command;

use egui_kittest::kittest::Queryable;

use crate::common;

/// A box ring, with a third (altitude) coordinate as DeepState writes them.
fn box_ring_3d(west: f64, east: f64, south: f64, north: f64) -> String {
    let corners = [
        (west, south),
        (east, south),
        (east, north),
        (west, north),
        (west, south),
    ];
    let positions: Vec<String> = corners
        .iter()
        .map(|(x, y)| format!("[{x},{y},0]"))
        .collect();
    format!("[{}]", positions.join(","))
}

fn polygon(west: f64, east: f64, south: f64, north: f64) -> String {
    format!(
        r#"{{"type":"Polygon","coordinates":[{}]}}"#,
        box_ring_3d(west, east, south, north)
    )
}

fn feature(geometry: &str, properties: &str) -> String {
    format!(r#"{{"type":"Feature","properties":{properties},"geometry":{geometry}}}"#)
}

fn point(properties: &str) -> String {
    feature(
        r#"{"type":"Point","coordinates":[37.5,47.9,0]}"#,
        properties,
    )
}

fn collection(features: &[String]) -> String {
    format!(
        r#"{{"type":"FeatureCollection","features":[{}]}}"#,
        features.join(",")
    )
}

/// A fresh folder for one test's files.
fn folder(name: &str) -> PathBuf {
    common::temp_folder(name)
}

/// Runs `frontline import geojson` on `inputs` with `args`; its exit code and log.
fn import(inputs: &[&Path], args: &[&str], out: &Path) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(["import", "geojson"])
        .args(inputs)
        .args(args)
        .arg("-o")
        .arg(out)
        .output()
        .expect("runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The computed area of each snapshot of the first map of a dataset file.
fn areas_of(path: &Path) -> Vec<(String, f64)> {
    let loaded = frontline::data::load_path(path, &|_| true).expect("loads");
    loaded.dataset.territory[0]
        .snapshots
        .iter()
        .map(|s| {
            (
                s.date.to_string(),
                frontline::data::map::area::area_km2(s.shape()),
            )
        })
        .collect()
}

fn close(got: f64, want: f64) -> bool {
    (got - want).abs() <= want * 0.001
}

#[test]
fn deepstate_s_raw_export_through_its_preset_keeps_what_its_totals_count() {
    let dir = folder("deepstate-raw");
    let text = collection(&[
        // Occupied, by its i18n key, with a stray no-break space.
        feature(
            &polygon(37.0, 38.0, 47.5, 48.0),
            r##"{"name":"Окуповано\u00a0/// Occupied /// geoJSON.status.occupied\n","fill":"#a52714"}"##,
        ),
        // Crimea inside a GeometryCollection (KML's MultiGeometry), with a point.
        feature(
            &format!(
                r#"{{"type":"GeometryCollection","geometries":[{},{{"type":"Point","coordinates":[34.1,45.0,0]}}]}}"#,
                polygon(33.5, 34.5, 44.8, 45.3)
            ),
            r##"{"name":"Крим","fill":"#880e4f"}"##,
        ),
        // Spring 2022: free text that only the fill decides.
        feature(
            &polygon(38.0, 38.5, 47.5, 48.0),
            r##"{"name":"Багатокутник 11","fill":"#a52714"}"##,
        ),
        feature(
            &polygon(36.0, 36.5, 47.5, 48.0),
            r##"{"name":"Звільнено 01.04","fill":"#0f9d58"}"##,
        ),
        feature(
            &polygon(36.5, 37.0, 47.5, 48.0),
            r##"{"name":"Сіра зона /// Grey zone /// geoJSON.status.unknown","fill":"#bcaaa4"}"##,
        ),
        // A satirical "occupied" area outside Ukraine, and an occupied-keyed
        // polygon in Russia: neither is in DeepState's totals.
        feature(
            &polygon(20.0, 21.0, 54.5, 55.0),
            r##"{"name":"Калінінград /// East Prussia /// geoJSON.territories.eastprussia","fill":"#ff5252"}"##,
        ),
        feature(
            &polygon(35.5, 36.0, 51.5, 52.0),
            r##"{"name":"Окуповано /// Occupied /// geoJSON.status.occupied","fill":"#a52714"}"##,
        ),
        point(r#"{"name":"Moscow"}"#),
        point(r#"{"name":"Unit"}"#),
    ]);
    std::fs::write(dir.join("deepstate_1646092800.geojson"), text).expect("written");
    let out = dir.join("maps.ron");
    let (code, log) = import(
        &[&dir],
        &[
            "--actor",
            "ru",
            "--org",
            "DeepState",
            "--scope",
            "Ukraine",
            "--preset",
            "deepstate",
            "--name",
            "Russia",
            "--color",
            "#b71c1c",
        ],
        &out,
    );
    assert_eq!(code, Some(0), "{log}");
    for said in [
        "1 left out as liberated",
        "1 left out as grey zone",
        "1 left out as satirical area outside Ukraine",
        "1 left out as occupied outside Ukraine",
        "3 Point features left out",
    ] {
        assert!(log.contains(said), "{said:?} in {log}");
    }
    let want = common::box_km2((37.0, 38.0), (47.5, 48.0))
        + common::box_km2((33.5, 34.5), (44.8, 45.3))
        + common::box_km2((38.0, 38.5), (47.5, 48.0));
    let areas = areas_of(&out);
    assert_eq!(areas.len(), 1);
    assert_eq!(areas[0].0, "2022-03-01");
    assert!(close(areas[0].1, want), "{} against {want}", areas[0].1);
    let loaded = frontline::data::load_path(&out, &|_| true).expect("loads");
    assert_eq!(loaded.dataset.actors[0].name, "Russia");
    assert_eq!(loaded.dataset.actors[0].color, "#b71c1c");
}

#[test]
fn nzz_s_wrapped_answer_keeps_what_was_held_at_the_end() {
    let dir = folder("nzz-wrapped");
    let answer = format!(
        r#"{{"value":{}}}"#,
        collection(&[
            feature(&polygon(37.0, 38.0, 47.0, 48.0), r#"{"type":"nochange"}"#),
            feature(&polygon(38.0, 38.5, 47.0, 48.0), r#"{"type":"gains"}"#),
            feature(&polygon(36.0, 37.0, 47.0, 48.0), r#"{"type":"losses"}"#),
        ])
    );
    std::fs::write(dir.join("2024-06-01.json"), answer).expect("written");
    let out = dir.join("nzz.ron");
    let (code, log) = import(
        &[&dir.join("2024-06-01.json")],
        &["--actor", "ru", "--org", "NZZ", "--preset", "nzz"],
        &out,
    );
    assert_eq!(code, Some(0), "{log}");
    assert!(log.contains("1 left out as lost in the period"), "{log}");
    let want = common::box_km2((37.0, 38.5), (47.0, 48.0));
    let areas = areas_of(&out);
    assert!(close(areas[0].1, want), "{areas:?} against {want}");
    // The same with --where, repeated for two values of one property.
    let (code, log) = import(
        &[&dir.join("2024-06-01.json")],
        &[
            "--actor",
            "ru",
            "--org",
            "NZZ",
            "--where",
            "type=nochange",
            "--where",
            "type=gains",
        ],
        &out,
    );
    assert_eq!(code, Some(0), "{log}");
    assert!(close(areas_of(&out)[0].1, want));
}

#[test]
fn isw_s_daily_layers_take_their_date_from_epoch_milliseconds() {
    let dir = folder("isw-epoch");
    // 2022-08-31 and 2022-09-01, 00:00 UTC, in milliseconds.
    let text = collection(&[
        feature(
            &polygon(37.0, 38.0, 47.0, 48.0),
            r#"{"datetime":1661904000000,"layer":"VIEW_RussiaCoTinUkraine_V3"}"#,
        ),
        feature(
            &polygon(37.0, 38.5, 47.0, 48.0),
            r#"{"datetime":1661990400000,"layer":"VIEW_RussiaCoTinUkraine_V3"}"#,
        ),
        feature(
            &polygon(30.0, 31.0, 47.0, 48.0),
            r#"{"datetime":1661990400000,"layer":"VIEW_ClaimedUkrainianCounteroffensives_V2"}"#,
        ),
    ]);
    let file = dir.join("isw.geojson");
    std::fs::write(&file, text).expect("written");
    let out = dir.join("isw.ron");
    let (code, log) = import(
        &[&file],
        &[
            "--actor",
            "ru",
            "--org",
            "ISW",
            "--preset",
            "isw",
            "--date-property",
            "datetime",
        ],
        &out,
    );
    assert_eq!(code, Some(0), "{log}");
    let areas = areas_of(&out);
    let dates: Vec<&str> = areas.iter().map(|(d, _)| d.as_str()).collect();
    assert_eq!(dates, ["2022-08-31", "2022-09-01"]);
    assert!(close(
        areas[1].1,
        common::box_km2((37.0, 38.5), (47.0, 48.0))
    ));
    assert!(
        log.contains("1 left out as assessed advance or claim"),
        "{log}"
    );
}

#[test]
fn a_where_that_keeps_nothing_fails_says_why_and_writes_nothing() {
    let dir = folder("where-nothing");
    let text = collection(&[
        feature(&polygon(37.0, 38.0, 47.0, 48.0), r#"{"name":"Occupied"}"#),
        point(r#"{"name":"Unit"}"#),
    ]);
    std::fs::write(dir.join("2022-03-01.geojson"), &text).expect("written");
    std::fs::write(dir.join("2022-03-02.geojson"), &text).expect("written");
    let out = dir.join("none.ron");
    let (code, log) = import(
        &[&dir],
        &[
            "--actor",
            "ru",
            "--org",
            "DeepState",
            "--where",
            "category=occupied",
        ],
        &out,
    );
    assert_eq!(code, Some(1), "{log}");
    assert!(log.contains("nothing to import"), "{log}");
    assert!(
        log.contains("4 left out as --where category=occupied"),
        "which filter removed what: {log}"
    );
    assert!(!out.exists(), "nothing written");
    // One file of two keeps nothing: a warning names it, and the rest imports.
    let other = collection(&[feature(
        &polygon(37.0, 38.0, 47.0, 48.0),
        r#"{"name":"Liberated"}"#,
    )]);
    std::fs::write(dir.join("2022-03-02.geojson"), other).expect("written");
    let (code, log) = import(
        &[&dir],
        &[
            "--actor",
            "ru",
            "--org",
            "DeepState",
            "--where",
            "name~occup",
        ],
        &out,
    );
    assert_eq!(code, Some(0), "{log}");
    assert!(
        log.contains("2022-03-02.geojson: warning: no feature of this file made a map"),
        "{log}"
    );
    assert!(
        log.contains("2 features left out by --where (failing name~occup)"),
        "{log}"
    );
    let (code, log) = import(
        &[&dir],
        &["--actor", "ru", "--org", "X", "--where", "oops"],
        &out,
    );
    assert_eq!(code, Some(2), "{log}");
    let (code, log) = import(
        &[&dir],
        &["--actor", "ru", "--org", "X", "--preset", "nope"],
        &out,
    );
    assert_eq!(code, Some(2), "{log}");
    assert!(log.contains("deepstate, isw, nzz"), "{log}");
}

/// A dataset of one actor's map by `org` whose snapshot on 2024-01-01 is the
/// box `lon` × `lat`, with its source.
fn one_map(org: &str, lon: (f64, f64), lat: (f64, f64), actor_color: &str) -> String {
    let (w, e) = lon;
    let (s, n) = lat;
    let slug = org.to_lowercase();
    format!(
        r##"Dataset(format: 1, title: "{org}", sources: [
    Source(id: "{slug}-2024-01-01", publisher: "{org}", title: "Map of 1 January 2024", url: "https://{slug}.example.org/2024-01-01", published: "2024-01-01", kind: Monitor),
  ],
  actors: [Actor(id: "ru", name: "Russia", short: "RU", color: "{actor_color}")],
  events: [], control: [],
  territory: [
    ControlMap(actor: "ru", source_org: "{org}", scope: "Ukraine", snapshots: [
      Snapshot(date: "2024-01-01", cite: Cite(source: "{slug}-2024-01-01"), polygons: [[[({w}, {s}), ({e}, {s}), ({e}, {n}), ({w}, {n}), ({w}, {s})]]]),
    ]),
  ],
)
"##
    )
}

/// A folder with two monitors' maps of one actor on 2024-01-01: DeepState's
/// box 37–38.5°E and ISW's 37.2°E to `isw_east`, both 47–48°N; the folder and
/// the two files.
fn two_monitors(name: &str, isw_east: f64) -> (PathBuf, PathBuf, PathBuf) {
    let dir = folder(name);
    let a = dir.join("deepstate.ron");
    let b = dir.join("isw.ron");
    let deepstate = one_map("DeepState", (37.0, 38.5), (47.0, 48.0), "#b71c1c");
    std::fs::write(&a, deepstate).expect("written");
    let isw = one_map("ISW", (37.2, isw_east), (47.0, 48.0), "#b71c1c");
    std::fs::write(&b, isw).expect("written");
    (dir, a, b)
}

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    common::run_frontline(args)
}

#[test]
fn merged_monitors_keep_their_maps_apart_and_compare_gives_closed_form_areas() {
    // DeepState holds 37–38.5°E, ISW 37.2–38.5°E: 0.2° of longitude apart.
    let (dir, a, b) = two_monitors("merge-compare", 38.5);
    let out = dir.join("both.ron");
    let paths = [a.to_str(), b.to_str(), out.to_str()].map(|p| p.expect("utf-8"));
    let (code, _, log) = run(&["merge", paths[0], paths[1], "-o", paths[2]]);
    assert_eq!(code, Some(0), "{log}");
    assert!(
        log.contains("1 given alike more than once, kept once"),
        "the actor: {log}"
    );
    let merged = frontline::data::load_path(&out, &|_| true).expect("loads");
    assert_eq!(merged.dataset.actors.len(), 1);
    assert_eq!(merged.dataset.sources.len(), 2);
    let orgs: Vec<&str> = merged
        .dataset
        .territory
        .iter()
        .map(|m| m.source_org.as_str())
        .collect();
    assert_eq!(
        orgs,
        ["DeepState", "ISW"],
        "two maps, never merged into one"
    );

    let (code, csv, log) = run(&[
        "compare",
        paths[2],
        "--actor",
        "ru",
        "--org",
        "DeepState",
        "--org",
        "ISW",
        "--date",
        "2024-06-01",
    ]);
    assert_eq!(code, Some(0), "{log}");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("date,actor,org_a,snapshot_a,org_b,snapshot_b,a_only_km2,b_only_km2,both_km2")
    );
    let row: Vec<&str> = lines.next().expect("a row").split(',').collect();
    assert_eq!(
        &row[..6],
        [
            "2024-06-01",
            "ru",
            "DeepState",
            "2024-01-01",
            "ISW",
            "2024-01-01"
        ]
    );
    let number = |i: usize| row[i].parse::<f64>().expect("a number");
    let a_only = common::box_km2((37.0, 37.2), (47.0, 48.0));
    let both = common::box_km2((37.2, 38.5), (47.0, 48.0));
    assert!(close(number(6), a_only), "{} against {a_only}", number(6));
    assert_eq!(number(7), 0.0);
    assert!(close(number(8), both), "{} against {both}", number(8));
    // On DeepState's sphere (6,378,137 m) the box has its closed form too.
    let (code, csv, _) = run(&["areas", paths[0], "--earth", "sphere"]);
    assert_eq!(code, Some(0));
    let area: f64 = csv
        .lines()
        .nth(1)
        .and_then(|l| l.rsplit(',').next())
        .and_then(|v| v.parse().ok())
        .expect("an area");
    let r = 6_378_137.0_f64;
    let sphere =
        r * r * 1.5_f64.to_radians() * (48f64.to_radians().sin() - 47f64.to_radians().sin()) / 1e6;
    assert!(close(area, sphere), "{area} against {sphere}");
    assert_eq!(run(&["areas", paths[0], "--earth", "flat"]).0, Some(2));
}

#[test]
fn a_merge_conflict_names_both_places_and_the_field_and_writes_nothing() {
    let dir = folder("merge-conflict");
    let a = dir.join("a.ron");
    let b = dir.join("b.ron");
    std::fs::write(
        &a,
        one_map("DeepState", (37.0, 38.5), (47.0, 48.0), "#b71c1c"),
    )
    .expect("written");
    // The same actor id with another colour, and the same map with other ground.
    std::fs::write(
        &b,
        one_map("DeepState", (37.0, 38.0), (47.0, 48.0), "#0000ff"),
    )
    .expect("written");
    let out = dir.join("never.ron");
    let paths = [a.to_str(), b.to_str(), out.to_str()].map(|p| p.expect("utf-8"));
    let (code, _, log) = run(&["merge", paths[0], paths[1], "-o", paths[2]]);
    assert_eq!(code, Some(1), "{log}");
    assert!(
        log.contains(&format!(
            "{}:4: error: actor \"ru\" is given twice, differently: field \"color\" differs from {}:4",
            paths[1], paths[0]
        )),
        "{log}"
    );
    assert!(
        log.contains("map ru · DeepState · Ukraine of 2024-01-01 is given twice, differently: field \"polygons\" differs"),
        "{log}"
    );
    assert!(
        log.contains("2 conflicting records; nothing written"),
        "{log}"
    );
    assert!(!out.exists());
}

#[test]
fn a_map_s_details_set_its_computed_area_beside_what_its_organisation_published() {
    let text = r##"Dataset(format: 1, title: "Published and computed",
  sources: [Source(id: "ds", publisher: "DeepState", title: "Map and total", url: "https://deepstatemap.live/en", kind: Monitor)],
  actors: [Actor(id: "ru", name: "Russia", short: "RU", color: "#b71c1c")],
  events: [],
  control: [Series(actor: "ru", source_org: "DeepState", scope: "Ukraine", unit: SquareKm, points: [
    Point(date: "2024-01-01", value: 8200.0, cite: Cite(source: "ds")),
  ])],
  territory: [ControlMap(actor: "ru", source_org: "DeepState", scope: "Ukraine", snapshots: [
    Snapshot(date: "2024-01-03", cite: Cite(source: "ds"), polygons: [[[(37.0, 47.0), (38.0, 47.0), (38.0, 48.0), (37.0, 48.0), (37.0, 47.0)]]]),
  ])],
)"##;
    let path = common::temp_file("published-computed.ron", text);
    let mut harness = common::harness_on(&path);
    common::send(
        &mut harness,
        frontline::view::ViewChange::Select(Some(frontline::view::Selection::Snapshot {
            map: 0,
            snapshot: 0,
        })),
    );
    harness.run_steps(2);
    let computed = common::box_km2((37.0, 38.0), (47.0, 48.0));
    let difference = frontline::format::square_km((computed - 8200.0).abs());
    let said = format!(
        "DeepState published 8,200 km² for 1 January 2024 (2 days from this map): the computed area is +{difference} km²"
    );
    assert!(
        harness.query_by_label_contains(&said).is_some(),
        "{said:?} in the details"
    );
    assert!(
        harness
            .query_by_label_contains("computed on the WGS84 ellipsoid")
            .is_some()
    );
}

/// Days since 1970 of a date.
fn day_of(text: &str) -> f64 {
    let date: frontline::data::PartialDate = text.parse().expect("a date");
    f64::from(date.start_day())
}

#[test]
fn a_map_much_older_than_the_span_s_end_gives_no_change_and_offers_to_move_the_end() {
    let text = r##"Dataset(format: 1, title: "Stale maps",
  sources: [Source(id: "m", publisher: "Monitor", title: "Maps", url: "https://monitor.example.org", kind: Monitor)],
  actors: [Actor(id: "ru", name: "Russia", short: "RU", color: "#b71c1c")],
  events: [], control: [],
  territory: [ControlMap(actor: "ru", source_org: "Monitor", scope: "Ukraine", snapshots: [
    Snapshot(date: "2024-01-01", cite: Cite(source: "m"), polygons: [[[(37.0, 47.0), (38.0, 47.0), (38.0, 48.0), (37.0, 48.0), (37.0, 47.0)]]]),
    Snapshot(date: "2024-06-01", cite: Cite(source: "m"), polygons: [[[(37.0, 47.0), (38.5, 47.0), (38.5, 48.0), (37.0, 48.0), (37.0, 47.0)]]]),
  ])],
)"##;
    let path = common::temp_file("stale-maps.ron", text);
    let mut harness = common::harness_on(&path);
    let span = frontline::data::span::TimeSpan::between(day_of("2024-01-10"), day_of("2024-05-20"));
    harness
        .state_mut()
        .queue(frontline::view::ViewChange::OpenMap(true));
    harness
        .state_mut()
        .queue(frontline::view::ViewChange::SetSpan(Some(span)));
    harness.run_steps(4);
    let change = harness.state().map_changes().expect("worked out")[0].clone();
    assert_eq!(change.stale_edge(), Some(frontline::data::span::Edge::End));
    assert!(change.gained.is_empty() && change.lost.is_empty());
    assert!(
        harness
            .query_by_label_contains(
                "No change can be given: the map in force at the span's end is of 2024-01-01"
            )
            .is_some()
    );
    let said = harness.state().map().territory_said().join("\n");
    assert!(said.contains("no change can be given"), "{said}");
    // The map's section and its computed area's card both offer it.
    harness
        .get_all_by_label("Extend the end to 1 June 2024")
        .next()
        .expect("offered")
        .click();
    harness.run_steps(4);
    let moved = harness.state().view().span().expect("a span");
    assert_eq!(moved.end, day_of("2024-06-01") + 1.0);
    let change = harness.state().map_changes().expect("worked out")[0].clone();
    assert_eq!(change.stale_edge(), None);
    let gained = common::box_km2((38.0, 38.5), (47.0, 48.0));
    assert!(
        close(change.gained_km2, gained),
        "{} against {gained}",
        change.gained_km2
    );
}

#[test]
fn the_map_shows_where_two_organisations_maps_disagree_with_the_km2_of_each_part() {
    let (dir, a, b) = two_monitors("disagree-app", 38.7);
    let out = dir.join("both.ron");
    let paths = [a.to_str(), b.to_str(), out.to_str()].map(|p| p.expect("utf-8"));
    assert_eq!(
        run(&["merge", paths[0], paths[1], "-o", paths[2]]).0,
        Some(0)
    );
    let mut harness = common::harness_on(&out);
    harness.run_steps(3);
    assert!(
        harness.state().view().map_open(),
        "a dataset of maps opens on the map"
    );
    harness.get_by_label("Control maps").click();
    harness.run_steps(2);
    harness
        .get_by_label("Show where maps of one actor disagree")
        .click();
    harness.run_steps(4);
    assert!(harness.state().view().compare_maps());
    let strip = frontline::format::square_km(common::box_km2((37.0, 37.2), (47.0, 48.0)));
    let both = frontline::format::square_km(common::box_km2((37.2, 38.5), (47.0, 48.0)));
    let said = harness.state().map().territory_said().join("\n");
    let line = format!("RU: only DeepState {strip} km², only ISW {strip} km², both {both} km²");
    assert!(said.contains(&line), "{line:?} in {said}");
    // The span panel gives the same at the span's end.
    let span = frontline::data::span::TimeSpan::between(day_of("2024-01-01"), day_of("2024-02-01"));
    common::send(
        &mut harness,
        frontline::view::ViewChange::SetSpan(Some(span)),
    );
    harness.run_steps(4);
    let said = format!(
        "Only DeepState (map of 2024-01-01): {strip} km². Only ISW (map of 2024-01-01): {strip} km². Both: {both} km²."
    );
    assert!(
        harness.query_by_label(&said).is_some(),
        "{said:?} in the span panel"
    );
}

#[test]
fn file_add_to_this_dataset_merges_another_file_with_the_one_open() {
    let (dir, a, b) = two_monitors("add-in-app", 38.7);
    let clash = dir.join("clash.ron");
    std::fs::write(
        &clash,
        one_map("ISW", (37.2, 38.7), (47.0, 48.0), "#0000ff"),
    )
    .expect("written");
    let mut harness = common::harness_on(&a);
    let add = |harness: &mut egui_kittest::Harness<'static, frontline::app::FrontlineApp>,
               path: &Path| {
        harness
            .state_mut()
            .queue(frontline::command::Command::AddFile(path.to_path_buf()));
        harness.run_steps(2);
        harness.state_mut().finish_pending_load();
        harness.run_steps(3);
    };
    add(&mut harness, &clash);
    let said = harness.state().message().to_owned();
    assert!(said.contains("Nothing added: 1 record of"), "{said}");
    assert!(said.contains("actor \"ru\""), "{said}");
    assert_eq!(
        harness
            .state()
            .loaded()
            .expect("open")
            .dataset
            .territory
            .len(),
        1
    );
    add(&mut harness, &b);
    let loaded = harness.state().loaded().expect("open");
    assert_eq!(loaded.dataset.title, "Merged: deepstate.ron + isw.ron");
    let orgs: Vec<&str> = loaded
        .dataset
        .territory
        .iter()
        .map(|m| m.source_org.as_str())
        .collect();
    assert_eq!(orgs, ["DeepState", "ISW"]);
}
