//! `frontline check`: output and exit codes, run as users run it.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers stop the test on a failed assumption"
)]

use std::process::Command;

fn frontline() -> Command {
    Command::new(env!("CARGO_BIN_EXE_frontline"))
}

use crate::common;

/// A copy of the small example that names an unknown actor in event #2.
fn bad_file() -> std::path::PathBuf {
    let text =
        include_str!("data/small.ron").replacen("actors: [\"south\"]", "actors: [\"west\"]", 1);
    common::temp_file("check-bad.ron", &text)
}

#[test]
fn a_good_file_prints_its_counts_and_exits_0() {
    let output = frontline()
        .args(["check", "tests/data/small.ron"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert_eq!(
        stdout.trim(),
        "tests/data/small.ron: ok, 2 events, 1 series (2 points), 2 sources, 2 actors, 2020-03 to 2020-04"
    );
}

#[test]
fn the_built_in_dataset_checks_clean() {
    let output = frontline()
        .args(["check", "data/is-territory-2014-2019.ron"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains(": ok, 50 events"), "{stdout}");
}

#[test]
fn a_bad_file_prints_every_problem_and_exits_1() {
    let bad = bad_file();
    let output = frontline()
        .arg("check")
        .arg(&bad)
        .arg("tests/data/small.ron")
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    let name = bad.display().to_string();
    // Placed at the actor's name, not at the start of its event.
    let line = common::line_of(include_str!("data/small.ron"), "actors: [\"south\"]");
    assert!(
        stdout.contains(&format!(
            "{name}:{line}:16: error: event #2 \"bridge-destroyed\": names actor \"west\", which is not in `actors`"
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("{name}: not valid, 1 error and 0 warnings")),
        "{stdout}"
    );
    assert!(stdout.contains("tests/data/small.ron: ok"), "{stdout}");
}

#[test]
fn a_missing_file_is_invalid() {
    let output = frontline()
        .args(["check", "no/such/file.ron"])
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout.contains("no/such/file.ron: error: cannot read the file"),
        "{stdout}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let output = frontline().arg("check").output().expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let output = frontline()
        .args(["check", "--no-such-flag", "x.ron"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn generate_refuses_counts_it_cannot_hold_with_exit_2() {
    for args in [
        ["generate", "--events", "18446744073709551615"],
        ["generate", "--events", "100000000000000"],
        ["generate", "--events", "20000001"],
    ] {
        let output = frontline().args(args).output().expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains("--events"), "{stderr}");
    }
    let output = frontline()
        .args([
            "generate",
            "--events",
            "1",
            "--series",
            "18446744073709551615",
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--series"));
}

#[test]
fn repeated_warnings_are_counted_not_repeated() {
    // Ten sources without an address: three warnings shown, then one line for the rest.
    let mut text = include_str!("data/small.ron").to_owned();
    let extra: String = (0..10)
        .map(|n| {
            format!(
                "    Source(id: \"bare-{n}\", publisher: \"P{n}\", title: \"T\", kind: Monitor),\n"
            )
        })
        .collect();
    text = text.replacen("  sources: [\n", &format!("  sources: [\n{extra}"), 1);
    let path = common::temp_file("repeated-warnings.ron", &text);
    let output = frontline().arg("check").arg(&path).output().expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert_eq!(stdout.matches("no address (url)").count(), 4, "{stdout}");
    assert!(
        stdout.contains("warning: and 7 more like this: no address (url)"),
        "{stdout}"
    );
}

#[test]
fn an_export_is_checked_as_the_dataset_it_imports_to() {
    let good = frontline()
        .args([
            "check",
            "tests/data/acled-generated.parquet",
            "tests/data/acled-api.csv",
        ])
        .output()
        .expect("runs");
    let said = String::from_utf8_lossy(&good.stdout);
    assert_eq!(good.status.code(), Some(0), "{said}");
    assert!(
        said.contains("acled-generated.parquet: ok, 300 events"),
        "{said}"
    );
    let bad = frontline()
        .args(["check", "tests/data/gdelt-events.export.CSV"])
        .output()
        .expect("runs");
    let said = String::from_utf8_lossy(&bad.stdout);
    assert_eq!(bad.status.code(), Some(1), "{said}");
    assert!(said.contains("row on line 7, column `sqldate`"), "{said}");
}
