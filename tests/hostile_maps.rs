//! Hostile and odd files at the control maps' doors: GeoJSON inputs and map
//! files that are not regular files, snapshot dates that do not exist, map
//! files of no ground, dates hidden in longer runs of digits, two files of one
//! date, features without a geometry. Each cause has its own test.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common;

/// A fresh folder for one test's files.
fn folder(name: &str) -> PathBuf {
    common::temp_folder(&format!("hostile-{name}"))
}

/// Runs frontline with `args` (a hang fails the test): its exit code, and
/// what it printed (standard error, then standard output).
fn run_bounded(args: &[&str]) -> (Option<i32>, String) {
    let (code, out, err) = common::run_frontline(args);
    (code, err + &out)
}

fn fifo(path: &Path) {
    let made = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
}

const BOX: &str = r#"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[37,47],[38,47],[38,48],[37,48],[37,47]]]}}"#;

fn dataset_with_map(snapshot: &str) -> String {
    format!(
        r##"Dataset(format: 1, title: "t",
  sources: [Source(id: "s", publisher: "P", title: "T", url: "https://p.example.org", kind: Monitor)],
  actors: [Actor(id: "ru", name: "Russia", short: "RU", color: "#b71c1c")],
  events: [], control: [],
  territory: [ControlMap(actor: "ru", source_org: "P", scope: "U", snapshots: [{snapshot}])],
)
"##
    )
}

#[test]
fn a_pipe_given_as_geojson_or_named_by_a_snapshot_is_refused_at_once() {
    let dir = folder("fifo");
    let pipe = dir.join("2022-03-01.geojson");
    fifo(&pipe);
    let pipe_name = pipe.to_str().expect("utf-8");
    let (code, log) = run_bounded(&[
        "import",
        "geojson",
        pipe_name,
        "--actor",
        "ru",
        "--org",
        "P",
        "-o",
        dir.join("out.ron").to_str().expect("utf-8"),
    ]);
    assert_eq!(code, Some(1), "{log}");
    assert!(
        log.contains(pipe_name) && log.contains("not a GeoJSON file"),
        "{log}"
    );
    let dataset = dir.join("maps.ron");
    std::fs::write(
        &dataset,
        dataset_with_map(
            r#"Snapshot(date: "2022-03-01", cite: Cite(source: "s"), file: "2022-03-01.geojson")"#,
        ),
    )
    .expect("written");
    let (code, log) = run_bounded(&["check", dataset.to_str().expect("utf-8")]);
    assert_eq!(code, Some(1), "{log}");
    let (code, _) = run_bounded(&["areas", "/dev/zero"]);
    assert_eq!(code, Some(1));
}

#[test]
fn a_snapshot_dated_a_day_that_does_not_exist_is_an_error() {
    for date in ["2022-02-30", "2022-13-01"] {
        let path = common::temp_file(
            &format!("bad-date-{date}.ron"),
            &dataset_with_map(&format!(
                r#"Snapshot(date: "{date}", cite: Cite(source: "s"), polygons: [[[(37.0, 47.0), (38.0, 47.0), (38.0, 48.0), (37.0, 48.0), (37.0, 47.0)]]])"#
            )),
        );
        let (code, log) = run_bounded(&["check", path.to_str().expect("utf-8")]);
        assert_eq!(code, Some(1), "{date}: {log}");
    }
}

#[test]
fn a_map_file_of_no_ground_is_an_error_not_zero_km2() {
    let dir = folder("no-ground");
    let dataset = dir.join("maps.ron");
    std::fs::write(
        &dataset,
        dataset_with_map(
            r#"Snapshot(date: "2022-03-01", cite: Cite(source: "s"), file: "map.geojson")"#,
        ),
    )
    .expect("written");
    let name = dataset.to_str().expect("utf-8");
    for (text, said) in [
        (
            r#"{"type":"FeatureCollection","features":[]}"#,
            "holds no Polygon",
        ),
        (
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[37,47]}}]}"#,
            "only 1 Point",
        ),
    ] {
        std::fs::write(dir.join("map.geojson"), text).expect("written");
        let output = Command::new(env!("CARGO_BIN_EXE_frontline"))
            .args(["check", name])
            .output()
            .expect("runs");
        let log = String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{log}");
        assert!(log.contains(said), "{said:?} in {log}");
    }
}

#[test]
fn dates_in_file_names_are_whole_and_two_files_of_one_date_are_said() {
    let dir = folder("names");
    std::fs::write(dir.join("99999-01-01.geojson"), BOX).expect("written");
    let out = dir.join("out.ron");
    let out_name = out.to_str().expect("utf-8");
    let file = dir.join("99999-01-01.geojson");
    let (code, log) = run_bounded(&[
        "import",
        "geojson",
        file.to_str().expect("utf-8"),
        "--actor",
        "ru",
        "--org",
        "P",
        "-o",
        out_name,
    ]);
    assert_eq!(code, Some(1), "{log}");
    assert!(log.contains("no date in the file's name"), "{log}");
    let two = folder("same-date");
    std::fs::write(two.join("2022-03-01.geojson"), BOX).expect("written");
    std::fs::write(two.join("deepstatemap_data_20220301.geojson"), BOX).expect("written");
    std::fs::write(
        two.join("2022-03-02.geojson"),
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{}}, "#
            .to_owned()
            + BOX
            + "]}",
    )
    .expect("written");
    let (code, log) = run_bounded(&[
        "import",
        "geojson",
        two.to_str().expect("utf-8"),
        "--actor",
        "ru",
        "--org",
        "P",
        "-o",
        two.join("out.ron").to_str().expect("utf-8"),
    ]);
    assert_eq!(code, Some(0), "{log}");
    assert!(
        log.contains("warning: 2 files of 2022-03-01 made one snapshot"),
        "{log}"
    );
    assert!(
        log.contains("1 feature without a geometry left out"),
        "{log}"
    );
}

#[test]
fn an_import_never_writes_over_a_file_it_reads_and_a_box_across_180_degrees_is_refused() {
    let dir = folder("overwrite");
    let a = dir.join("2022-03-01.geojson");
    let b = dir.join("2022-03-02.geojson");
    std::fs::write(&a, BOX).expect("written");
    std::fs::write(&b, BOX).expect("written");
    let (a_name, b_name) = (a.to_str().expect("utf-8"), b.to_str().expect("utf-8"));
    let (code, log) = run_bounded(&[
        "import", "geojson", a_name, b_name, "--actor", "ru", "--org", "P", "-o", b_name,
    ]);
    assert_eq!(code, Some(2), "{log}");
    assert!(log.contains("would overwrite"), "{log}");
    assert_eq!(std::fs::read_to_string(&b).expect("read"), BOX, "untouched");
    // A file the folder given holds is read too.
    let (code, log) = run_bounded(&[
        "import",
        "geojson",
        dir.to_str().expect("utf-8"),
        "--actor",
        "ru",
        "--org",
        "P",
        "-o",
        a_name,
    ]);
    assert_eq!(code, Some(2), "{log}");
    assert_eq!(std::fs::read_to_string(&a).expect("read"), BOX, "untouched");
    let csv = dir.join("out.csv");
    let (code, log) = run_bounded(&[
        "export",
        "data/is-territory-2014-2019.ron",
        "--bbox",
        "170,-10,-170,10",
        "--csv",
        csv.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, Some(2), "{log}");
    assert!(
        log.contains("antimeridian"),
        "a box across 180° is refused, saying why: {log}"
    );
    assert!(!csv.exists());
}

#[test]
fn a_row_longer_than_any_export_has_stops_the_import_with_its_line_not_the_memory() {
    use std::io::Write;
    let dir = folder("long-row");
    let zipped = dir.join("20240101000000.export.CSV.zip");
    let file = std::fs::File::create(&zipped).expect("created");
    let mut zip = zip::ZipWriter::new(file);
    zip.start_file(
        "20240101000000.export.CSV",
        zip::write::SimpleFileOptions::default(),
    )
    .expect("an entry");
    zip.write_all(format!("{}\n", vec!["1"; 61].join("\t")).as_bytes())
        .expect("written");
    // 40 MiB on one line, a few dozen kilobytes once deflated.
    let block = vec![b'x'; 1024 * 1024];
    for _ in 0..40 {
        zip.write_all(&block).expect("written");
    }
    zip.write_all(b"\n").expect("written");
    zip.finish().expect("finished");
    assert!(std::fs::metadata(&zipped).expect("made").len() < 1024 * 1024);
    let (code, log) = run_bounded(&[
        "import",
        "gdelt",
        zipped.to_str().expect("utf-8"),
        "-o",
        dir.join("out.ron").to_str().expect("utf-8"),
    ]);
    assert_eq!(code, Some(1), "{log}");
    assert!(log.contains("line 2 is longer than 16 MiB"), "{log}");
    assert!(!dir.join("out.ron").exists());
}

#[test]
fn a_ring_at_a_position_that_is_not_a_number_is_said_so() {
    let path = common::temp_file(
        "nan-ring.ron",
        &dataset_with_map(
            r#"Snapshot(date: "2022-03-01", cite: Cite(source: "s"), polygons: [[[(NaN, 47.0), (38.0, 47.0), (38.0, 48.0), (NaN, 47.0)]]])"#,
        ),
    );
    let (code, log) = run_bounded(&["check", path.to_str().expect("utf-8")]);
    assert_eq!(code, Some(1), "{log}");
    assert!(log.contains("has a position that is not a number"), "{log}");
    assert!(!log.contains("not closed"), "{log}");
}

#[test]
fn a_bad_feature_is_named_by_its_own_file_and_its_place_in_it() {
    let dir = folder("which-file");
    let first = dir.join("2022-03-01.geojson");
    let second = dir.join("2022-03-02.geojson");
    std::fs::write(
        &first,
        format!(r#"{{"type":"FeatureCollection","features":[{BOX},{BOX}]}}"#),
    )
    .expect("written");
    std::fs::write(
        &second,
        format!(
            r#"{{"type":"FeatureCollection","features":[{BOX},{{"type":"Feature","properties":{{}},"geometry":{{"type":"Polygon","coordinates":[[["x",1]]]}}}}]}}"#
        ),
    )
    .expect("written");
    let (code, log) = run_bounded(&[
        "import",
        "geojson",
        dir.to_str().expect("utf-8"),
        "--actor",
        "ru",
        "--org",
        "P",
        "-o",
        dir.join("out.ron").to_str().expect("utf-8"),
    ]);
    assert_eq!(code, Some(1), "{log}");
    let expected = format!("{}: feature #2:", second.display());
    assert!(log.contains(&expected), "{expected:?} in {log}");
}

#[test]
fn thousands_of_columns_not_kept_are_named_a_few_and_counted() {
    let dir = folder("wide");
    let original = std::fs::read_to_string("tests/data/acled-api.csv").expect("a sample");
    let extra: Vec<String> = (0..5_000).map(|i| format!("extra_{i}")).collect();
    let mut wide = String::new();
    for (n, line) in original.lines().enumerate() {
        wide.push_str(line);
        if n == 0 {
            wide.push(',');
            wide.push_str(&extra.join(","));
        } else {
            wide.push_str(&",0".repeat(extra.len()));
        }
        wide.push('\n');
    }
    let file = dir.join("wide.csv");
    std::fs::write(&file, wide).expect("written");
    let out = dir.join("wide.ron");
    let (code, log) = run_bounded(&[
        "import",
        "acled",
        file.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, Some(0), "{log}");
    assert!(
        log.len() < 4_000,
        "the summary names a few: {} bytes",
        log.len()
    );
    assert!(log.contains("more"), "{log}");
    let loaded = frontline::data::load_path(&out, &|_| true).expect("loads");
    assert!(
        loaded.dataset.description.len() < 4_000,
        "{} bytes of description",
        loaded.dataset.description.len()
    );
}
