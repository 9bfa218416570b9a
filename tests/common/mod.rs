//! Helpers shared by the integration tests. Each test file uses some of them.
#![allow(
    dead_code,
    clippy::expect_used,
    clippy::panic,
    reason = "shared test helpers: each test file uses some, and a failed helper is a failed test"
)]

use std::path::PathBuf;

use frontline::app::FrontlineApp;
use frontline::view::Selection;
use proptest::prelude::{TestCaseError, prop_assert, prop_assert_eq};
use proptest::test_runner::{Config, RngSeed};

/// Writes `text` to `name` in a folder of this test's own (the tests share one
/// process, and run at once), and returns its path.
pub fn temp_file(name: &str, text: &str) -> PathBuf {
    temp_bytes(name, text.as_bytes())
}

/// The folders the tests write in the system's temporary folder, each named
/// with the test process's id.
const TEMP_PREFIXES: [&str; 7] = [
    "frontline-tests-",
    "frontline-hostile-",
    "frontline-geojson-",
    "frontline-map-files-",
    "frontline-gdelt-folder-",
    "frontline-blocks-",
    "frontline-grow-",
];

/// Removes what earlier test runs left in the temporary folder: the folders
/// named for a test process that is no longer running. Once per test process,
/// where the system says which processes run (`/proc`).
fn sweep_earlier_runs() {
    static SWEPT: std::sync::Once = std::sync::Once::new();
    SWEPT.call_once(|| {
        if !std::path::Path::new("/proc/self").exists() {
            return;
        }
        let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let pid = TEMP_PREFIXES
                .iter()
                .find_map(|prefix| name.strip_prefix(prefix))
                .filter(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()));
            let gone = pid.is_some_and(|pid| !std::path::Path::new("/proc").join(pid).exists());
            if gone && entry.file_type().is_ok_and(|kind| kind.is_dir()) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    });
}

/// Writes `bytes` to `name` in a folder of this test's own (see [`temp_file`]).
pub fn temp_bytes(name: &str, bytes: &[u8]) -> PathBuf {
    sweep_earlier_runs();
    let test = std::thread::current()
        .name()
        .unwrap_or("main")
        .replace(|c: char| !c.is_ascii_alphanumeric() && c != '_', "-");
    let dir = std::env::temp_dir()
        .join(format!("frontline-tests-{}", std::process::id()))
        .join(test);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

/// `cases` random cases; under CI (the `CI` variable set) from a fixed `seed`, so
/// that a submission's result does not depend on luck. Locally each run explores
/// new cases.
pub fn proptest_config(cases: u32, seed: u64) -> Config {
    Config {
        cases,
        rng_seed: if std::env::var_os("CI").is_some() {
            RngSeed::Fixed(seed)
        } else {
            RngSeed::Random
        },
        failure_persistence: None,
        ..Config::default()
    }
}

/// `reader`'s dataset read from `text` is what ron reads from it: ron must
/// accept what the reader accepted, with the same result.
pub fn ron_agrees(
    text: &str,
    read: &frontline::data::Dataset,
    reader: &str,
) -> Result<(), TestCaseError> {
    let slow: Result<frontline::data::Dataset, _> =
        frontline::data::load::ron_options().from_str(text);
    prop_assert!(
        slow.is_ok(),
        "{} accepted what ron rejects: {:?}",
        reader,
        slow.err()
    );
    if let Ok(slow) = slow {
        prop_assert_eq!(format!("{read:?}"), format!("{slow:?}"));
    }
    Ok(())
}

/// A generated dataset of `events` events by `actors` actors, without series,
/// loaded.
pub fn generated(events: usize, actors: usize, seed: u64) -> frontline::data::LoadedDataset {
    frontline::data::load_dataset(frontline::generate::dataset(
        &frontline::generate::GenerateOptions {
            events,
            series: 0,
            actors,
            seed,
        },
    ))
    .expect("generated data is valid")
}

/// The 1-based line of the first occurrence of `needle` in `text`.
pub fn line_of(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    text[..at].matches('\n').count() + 1
}

/// The app on the built-in dataset, then `path` opened in it (the load waited for).
/// A file of `tests/data` is opened from a copy in a folder of the test's own,
/// so that the views the app keeps beside a dataset never land in the sources.
pub fn harness_on(
    path: &std::path::Path,
) -> egui_kittest::Harness<'static, frontline::app::FrontlineApp> {
    let copy;
    let path = if path.starts_with("tests/data") {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = std::fs::read(path).expect("a test file");
        copy = temp_bytes(&format!("{}-{name}", std::process::id()), &bytes);
        copy.as_path()
    } else {
        path
    };
    let mut harness = egui_kittest::Harness::builder()
        .with_size([1600.0, 1000.0])
        .build_eframe(|_cc| frontline::app::FrontlineApp::with_default_dataset());
    let ctx = harness.ctx.clone();
    harness.state_mut().open_file(path, &ctx);
    harness.state_mut().finish_pending_load();
    harness.run_steps(3);
    harness
}

/// Sends `command` to the app, as a key or a click would, and runs a frame:
/// how the tests change what the app shows.
pub fn send(
    harness: &mut egui_kittest::Harness<'_, frontline::app::FrontlineApp>,
    command: impl Into<frontline::command::Command>,
) {
    harness.state_mut().queue(command);
    harness.run_steps(1);
}

/// The view with the filter changed by `edit`, as a command to send.
pub fn filter_edited(
    app: &frontline::app::FrontlineApp,
    edit: impl FnOnce(&mut frontline::data::filter::EventFilter),
) -> frontline::view::ViewChange {
    let mut filter = app.view().filter().clone();
    edit(&mut filter);
    frontline::view::ViewChange::SetFilter(Box::new(filter))
}

/// The id of the selected event, when an event is selected.
pub fn selected_id(app: &FrontlineApp) -> Option<String> {
    let loaded = app.loaded()?;
    match app.view().selection()? {
        Selection::Event(e) => Some(loaded.dataset.events.at(e).id().to_string()),
        Selection::Point { .. } | Selection::Snapshot { .. } => None,
    }
}

/// The area of the box between two parallels and two meridians on the WGS84
/// ellipsoid, in km², in closed form.
pub fn box_km2(lon: (f64, f64), lat: (f64, f64)) -> f64 {
    let a = 6_378_137.0_f64;
    let f = 1.0 / 298.257_223_563;
    let b = a * (1.0 - f);
    let e = (f * (2.0 - f)).sqrt();
    let q = |phi: f64| {
        let sin = phi.to_radians().sin();
        sin / (1.0 - e * e * sin * sin) + ((1.0 + e * sin) / (1.0 - e * sin)).ln() / (2.0 * e)
    };
    b * b / 2.0 * (lon.1 - lon.0).to_radians() * (q(lat.1) - q(lat.0)) / 1e6
}

/// A fresh, empty folder for one test's files.
pub fn temp_folder(name: &str) -> PathBuf {
    let folder = std::env::temp_dir().join(format!("frontline-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("a folder");
    folder
}

/// Runs frontline with `args`, failing the test if it has not ended after
/// 30 seconds (a hang is a bug): its exit code, standard output and error.
pub fn run_frontline(args: &[&str]) -> (Option<i32>, String, String) {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let mut child = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let began = Instant::now();
    loop {
        if child.try_wait().expect("waits").is_some() {
            let output = child.wait_with_output().expect("output");
            return (
                output.status.code(),
                String::from_utf8_lossy(&output.stdout).into_owned(),
                String::from_utf8_lossy(&output.stderr).into_owned(),
            );
        }
        if began.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("frontline {args:?} hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
