//! Files that are not datasets, or not files at all: each ends at once in a clear
//! error, never a hang, an abort or memory growing without bound.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers stop the test on a failed assumption"
)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;

use frontline::data::{self, LoadFailure};

use crate::common;

/// A guard against hangs, not a measure of speed: a load that has not ended
/// after this long is a failure.
const HANG: Duration = Duration::from_secs(20);

/// Loads `path` on another thread and returns its failure, or fails the test if
/// the load hangs or succeeds.
fn failure_of(path: &Path) -> LoadFailure {
    let (sender, receiver) = mpsc::channel();
    let owned = path.to_path_buf();
    std::thread::spawn(move || {
        let _ = sender.send(data::load_path(&owned, &data::no_progress).map(|_| ()));
    });
    match receiver.recv_timeout(HANG) {
        Ok(Ok(())) => panic!("{} must not load", path.display()),
        Ok(Err(failure)) => failure,
        Err(_) => panic!("loading {} did not end", path.display()),
    }
}

fn message_of(path: &Path) -> String {
    failure_of(path).render("f")
}

fn dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("frontline-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn check(path: &Path) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_frontline"))
        .arg("check")
        .arg(path)
        .output()
        .expect("runs");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn a_file_of_nul_bytes_is_refused_at_its_first_byte() {
    let path = dir().join("zeros.ron");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(50 << 20).expect("50 MB of zeros");
    let message = message_of(&path);
    assert!(message.contains("f:1:1: error:"), "{message}");
    assert!(message.contains("NUL byte"), "{message}");
    let (code, out) = check(&path);
    assert_eq!(code, Some(1), "{out}");
}

#[test]
fn random_bytes_are_refused_after_one_block() {
    let path = dir().join("random.ron");
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let bytes: Vec<u8> = (0..(8 << 20))
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8 | 1
        })
        .collect();
    std::fs::write(&path, bytes).expect("write");
    let message = message_of(&path);
    assert!(
        message.contains("not UTF-8 text") || message.contains("does not begin a dataset"),
        "{message}"
    );
}

#[test]
fn text_that_cannot_begin_a_dataset_is_refused_with_its_place() {
    let path = dir().join("not-a-dataset.ron");
    std::fs::write(&path, "// notes\n\n  hello = 1\n").expect("write");
    let message = message_of(&path);
    assert!(
        message.contains("f:3:3: error: the file does not begin a dataset"),
        "{message}"
    );
}

#[test]
fn a_folder_is_not_a_dataset_file() {
    let message = message_of(&dir());
    assert!(
        message.contains("this is a folder, not a dataset file"),
        "{message}"
    );
    let (code, _) = check(&dir());
    assert_eq!(code, Some(1));
}

#[cfg(unix)]
#[test]
fn devices_and_named_pipes_are_refused_without_reading() {
    let zero = Path::new("/dev/zero");
    if zero.exists() {
        let message = message_of(zero);
        assert!(
            message.contains("a device or other special file"),
            "{message}"
        );
        let (code, out) = check(zero);
        assert_eq!(code, Some(1), "{out}");
    }
    let fifo = dir().join("pipe.ron");
    let _ = std::fs::remove_file(&fifo);
    let made = Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|status| status.success()) {
        // Nobody ever writes to it: opening it for reading would wait forever.
        let message = message_of(&fifo);
        assert!(message.contains("a pipe or socket"), "{message}");
    }
}

#[test]
fn a_huge_sparse_file_is_refused_without_aborting() {
    let generated = frontline::generate::dataset(&frontline::generate::GenerateOptions {
        events: 2000,
        series: 2,
        seed: 3,
        ..Default::default()
    });
    let text = data::to_ron_string(&generated).expect("serialises");
    let path = dir().join("sparse.ron");
    std::fs::write(&path, &text).expect("write");
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .expect("open");
    file.set_len(100 << 30).expect("a 100 GB sparse file");
    drop(file);
    let failure = failure_of(&path);
    let _ = std::fs::remove_file(&path);
    let message = failure.render("f");
    assert!(message.contains("NUL byte"), "{message}");
    let line = text.lines().count();
    assert!(
        message.contains(&format!("f:{line}:")),
        "placed just after the text, on line {line}: {message}"
    );
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let text = format!("\u{feff}{}", include_str!("data/small.ron"));
    let loaded = data::load_str(&text).expect("loads with a byte-order mark");
    assert_eq!(loaded.dataset.events.len(), 2);
    let path = common::temp_file("bom.ron", &text);
    let loaded =
        data::load_path(&path, &data::no_progress).expect("streams with a byte-order mark");
    assert_eq!(loaded.dataset.events.len(), 2);
    // Problems are still placed as an editor shows the file.
    let bad = text.replacen("actors: [\"south\"]", "actors: [\"west\"]", 1);
    let line = common::line_of(include_str!("data/small.ron"), "actors: [\"south\"]");
    let failure = data::load_str(&bad).expect_err("unknown actor");
    assert_eq!(
        failure.problems[0].position.map(|p| (p.line, p.column)),
        Some((line, 16))
    );
    let streamed = data::load_path(&common::temp_file("bom-bad.ron", &bad), &data::no_progress)
        .expect_err("unknown actor, streamed");
    assert_eq!(streamed.problems, failure.problems);
}

#[test]
fn deep_nesting_is_explained_in_terms_of_the_file() {
    // Deep brackets where a value of any shape used to be skipped now meet the
    // unknown-field check first; where a value is expected, its type is named.
    let text = include_str!("data/small.ron").replacen(
        "license: \"CC BY 4.0\",",
        &format!("license: \"CC BY 4.0\", extra: {},", "[".repeat(100_000)),
        1,
    );
    let message = data::load_str(&text).expect_err("rejected").render("f");
    assert!(message.contains("unknown field `extra`"), "{message}");
    assert!(!message.contains("recursion_limit"), "{message}");
    let text = include_str!("data/small.ron").replacen(
        "tags: [\"siege\"]",
        &format!("tags: {}", "[".repeat(100_000)),
        1,
    );
    let message = data::load_str(&text).expect_err("rejected").render("f");
    assert!(!message.contains("recursion_limit"), "{message}");
    // Closed brackets inside an event, streamed: the same message at the same
    // place as when the whole text is read, deep or not.
    for levels in [40, 60, 61, 62, 70] {
        let text = include_str!("data/small.ron").replacen(
            "tags: [\"siege\"]",
            &format!("tags: {}{}", "[".repeat(levels), "]".repeat(levels)),
            1,
        );
        let whole = data::load_str(&text).expect_err("rejected");
        let path = common::temp_file(&format!("nested-{levels}.ron"), &text);
        let streamed = data::load_path(&path, &data::no_progress).expect_err("rejected");
        assert_eq!(streamed, whole, "{levels} levels");
        assert!(!whole.render("f").contains("recursion_limit"));
    }
}

#[test]
fn a_syntax_error_on_a_very_long_line_shows_a_short_excerpt() {
    let title = "x".repeat(5 << 20);
    let text = include_str!("data/small.ron").replacen(
        "title: \"Siege of Example Town, 2020\",",
        &format!("title: \"{title}\" oops,"),
        1,
    );
    let failure = data::load_str(&text).expect_err("rejected");
    let excerpt = failure.problems[0].excerpt.clone().expect("an excerpt");
    assert!(excerpt.len() < 1_000, "{} bytes", excerpt.len());
}

#[test]
fn the_window_keeps_its_dataset_when_a_hostile_file_is_opened() {
    let path = dir().join("zeros-window.ron");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(1 << 20).expect("zeros");
    let mut app = frontline::app::FrontlineApp::with_default_dataset();
    let ctx = egui::Context::default();
    app.open_file(&path, &ctx);
    app.finish_pending_load();
    let report = app.problems().cloned().expect("problems are shown");
    assert!(report.text.contains("NUL byte"), "{}", report.text);
    assert_eq!(
        app.loaded().map(|l| l.dataset.events.len()),
        Some(50),
        "the built-in dataset is still open"
    );
}

#[test]
fn failures_say_what_kind_they_are() {
    use frontline::data::FailureKind;
    assert_eq!(failure_of(&dir()).kind, FailureKind::CannotRead);
    assert_eq!(
        failure_of(Path::new("no/such/file.ron")).kind,
        FailureKind::CannotRead
    );
    let zeros = dir().join("zeros-kind.ron");
    std::fs::File::create(&zeros)
        .expect("create")
        .set_len(4096)
        .expect("zeros");
    assert_eq!(failure_of(&zeros).kind, FailureKind::NotValid);
    let bad = common::temp_file(
        "kind-invalid.ron",
        &include_str!("data/small.ron").replacen("actors: [\"south\"]", "actors: [\"west\"]", 1),
    );
    assert_eq!(failure_of(&bad).kind, FailureKind::NotValid);
    let text = include_str!("data/small.ron");
    let cancelled =
        frontline::data::load_path(&common::temp_file("kind-cancel.ron", text), &|_| false);
    // A small file may finish before the first progress report: either it loads
    // or it says it was cancelled, never anything else.
    if let Err(failure) = cancelled {
        assert_eq!(failure.kind, FailureKind::Cancelled);
    }
}

#[test]
fn raw_strings_keep_later_problems_placed() {
    // ron reads raw strings as text: the lexer steps over them whole (quotes
    // and brackets inside included), so a later problem keeps its line and
    // column. (Char literals such as '\'' and byte strings such as br#"…"# are
    // lexed too, but ron refuses them where the format expects text.)
    let text = include_str!("data/small.ron")
        .replacen(
            "publisher: \"Example Monitor\"",
            "publisher: r#\"Example \"Monitor\" ( [\"#, title: r##\"Monthly \"#control\" map ) ]\"##",
            1,
        )
        .replacen(", title: \"Monthly control map, April 2020\"", "", 1)
        .replacen("actors: [\"south\"]", "actors: [\"west\"]", 1);
    let line = common::line_of(&text, "actors: [\"west\"]");
    let whole = data::load_str(&text).expect_err("unknown actor");
    assert_eq!(whole.problems.len(), 1, "{:?}", whole.problems);
    assert_eq!(
        whole.problems[0].position.map(|p| (p.line, p.column)),
        Some((line, 16))
    );
    let path = common::temp_file("raw-strings.ron", &text);
    let streamed = data::load_path(&path, &data::no_progress).expect_err("unknown actor");
    assert_eq!(streamed.problems, whole.problems);
    assert_eq!(data::stream_load::why_not_streamed(&path), None, "streamed");
    let parsed = whole.parsed.expect("the dataset as read");
    assert_eq!(parsed.sources[1].publisher, "Example \"Monitor\" ( [");
    assert_eq!(parsed.sources[1].title, "Monthly \"#control\" map ) ]");
}

#[test]
fn a_dataset_of_one_huge_word_ends_with_a_short_message() {
    // What counts here is the message's length and that the load ends in the
    // first block: no name in a dataset is that long.
    for size in [5 << 20, 50 << 20] {
        let path = dir().join(format!("huge-word-{size}.ron"));
        let mut text = String::from("Dataset(\n  format: 1,\n");
        text.push_str(&"x".repeat(size));
        std::fs::write(&path, &text).expect("write");
        let message = message_of(&path);
        assert!(
            message.len() < 1_000,
            "{} bytes: {}",
            message.len(),
            &message[..2_000.min(message.len())]
        );
        assert!(
            message.contains("bytes or more where a field's name or a value should be"),
            "{message}"
        );
        let _ = std::fs::remove_file(&path);
    }
}

#[test]
fn an_unknown_field_a_megabyte_long_is_not_echoed_whole() {
    let text = std::fs::read_to_string("tests/data/small.ron").expect("test file");
    let long = "y".repeat(1 << 20);
    let broken = text.replacen("title:", &format!("{long}: \"x\",\n  title:"), 1);
    assert_ne!(broken, text);
    let path = dir().join("long-field.ron");
    std::fs::write(&path, &broken).expect("write");
    let message = message_of(&path);
    assert!(message.len() < 1_500, "{} bytes", message.len());
    assert!(message.starts_with("f:4:3: error: a word of "), "{message}");
    // Read as one text (as a file that gives way to it is), the unknown field
    // is quoted cut.
    let failure = frontline::data::load_str(&broken).expect_err("rejected");
    let message = failure.render("f");
    assert!(message.len() < 1_500, "{} bytes", message.len());
    assert!(message.contains("unknown field `yyyy"), "{message}");
    assert!(message.contains("bytes in all"), "{message}");
}

#[test]
fn a_file_cut_off_in_the_middle_of_a_word_is_said_to_end_early() {
    let text = std::fs::read_to_string("tests/data/small.ron").expect("test file");
    let at = text.find("Cite(source").expect("a citation") + "Cite(sou".len();
    let path = dir().join("cut-off.ron");
    std::fs::write(&path, &text[..at]).expect("write");
    let message = message_of(&path);
    assert!(
        message.contains("the file ends early") && message.contains("cut off"),
        "{message}"
    );
    assert!(!message.contains("unknown field"), "{message}");
}

#[test]
fn a_damaged_parquet_file_or_zip_archive_is_an_error_not_a_panic() {
    let parquet = std::fs::read("tests/data/acled-generated.parquet").expect("sample");
    let zip = std::fs::read("tests/data/gdelt-events.zip").expect("sample");
    for (name, bytes) in [("cut.parquet", &parquet), ("cut.zip", &zip)] {
        for cut in [0, 4, 8, bytes.len() / 2, bytes.len() - 9, bytes.len() - 1] {
            let path = common::temp_bytes(name, &bytes[..cut]);
            let result = frontline::data::import::import_path(&path, None, &|_| true);
            assert!(result.is_err(), "{name} cut at {cut} of {}", bytes.len());
        }
        // Flipped bytes in the middle: read or refused, never a panic.
        let mut flipped = bytes.clone();
        let middle = flipped.len() / 2;
        for byte in &mut flipped[middle..middle + 64] {
            *byte ^= 0x5a;
        }
        let path = common::temp_bytes(name, &flipped);
        let _ = frontline::data::import::import_path(&path, None, &|_| true);
    }
}
