//! Property test: no input, however mangled, makes the loader panic.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers stop the test on a failed assumption"
)]

use crate::common;
use proptest::prelude::*;

const SMALL: &str = include_str!("data/small.ron");

#[derive(Debug, Clone)]
enum Edit {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Duplicate(usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let len = SMALL.len();
    prop_oneof![
        (0..len, any::<u8>()).prop_map(|(at, b)| Edit::Flip(at, b)),
        (
            0..len,
            prop::collection::vec(
                prop::sample::select(b"()[]{}\",:#/*\\r'0123456789.-eE \n".to_vec()),
                1..8
            )
        )
            .prop_map(|(at, bytes)| Edit::Insert(at, bytes)),
        (0..len, 1..64usize).prop_map(|(at, n)| Edit::Delete(at, n)),
        (0..len, 1..200usize).prop_map(|(at, n)| Edit::Duplicate(at, n)),
    ]
}

fn apply(edits: &[Edit]) -> Vec<u8> {
    let mut bytes = SMALL.as_bytes().to_vec();
    for edit in edits {
        let len = bytes.len();
        match edit {
            Edit::Flip(at, b) if len > 0 => bytes[at % len] = *b,
            Edit::Insert(at, new) => {
                let at = at % (len + 1);
                bytes.splice(at..at, new.iter().copied());
            }
            Edit::Delete(at, n) if len > 0 => {
                let at = at % len;
                bytes.drain(at..(at + n).min(len));
            }
            Edit::Duplicate(at, n) if len > 0 => {
                let at = at % len;
                let copy: Vec<u8> = bytes[at..(at + n).min(len)].to_vec();
                bytes.splice(at..at, copy);
            }
            _ => {}
        }
    }
    bytes
}

proptest! {
    #![proptest_config(common::proptest_config(2000, 20_261_123))]

    #[test]
    fn mutated_files_never_panic(edits in prop::collection::vec(edit(), 1..6)) {
        let bytes = apply(&edits);
        match frontline::data::load_bytes(&bytes, &frontline::data::no_progress) {
            Ok(loaded) => {
                // Whatever loads must index and render without trouble.
                let _ = frontline::format::summary(&loaded);
            }
            Err(failure) => {
                prop_assert!(!failure.problems.is_empty());
                let _ = failure.render("mutated.ron");
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let _ = frontline::data::load_bytes(&bytes, &frontline::data::no_progress);
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let _ = frontline::data::SourceMap::scan(text);
        }
    }
}

/// Whatever the fast reader accepts, ron accepts too, with the same result.
fn agrees_with_ron(text: &str) -> Result<(), TestCaseError> {
    if let Some(fast) = frontline::data::fast_parse::parse(text) {
        common::ron_agrees(text, &fast, "the fast reader")?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(common::proptest_config(3000, 20_261_124))]

    #[test]
    fn the_fast_reader_never_disagrees_with_ron(edits in prop::collection::vec(edit(), 1..4)) {
        let bytes = apply(&edits);
        if let Ok(text) = std::str::from_utf8(&bytes) {
            agrees_with_ron(text)?;
        }
    }
}

#[test]
fn the_fast_reader_reads_real_files_like_ron() {
    let generated = frontline::data::to_ron_string(&frontline::generate::dataset(
        &frontline::generate::GenerateOptions {
            events: 3000,
            series: 3,
            seed: 5,
            ..Default::default()
        },
    ))
    .expect("serialises");
    for text in [
        SMALL,
        frontline::data::load::DEFAULT_DATASET_TEXT,
        generated.as_str(),
    ] {
        let fast = frontline::data::fast_parse::parse(text).expect("the fast reader reads it");
        let slow: frontline::data::Dataset = frontline::data::load::ron_options()
            .from_str(text)
            .expect("ron reads it");
        assert_eq!(fast, slow);
    }
    // Variants the fast reader must read too: unnamed structs, explicit Some, None, escapes, comments.
    let variant = SMALL
        .replace("Cite(source", "(source")
        .replace(
            "url: \"https://news.example.org/2020/03/02/town\"",
            "url: Some(\"https://news.example.org/2020/03/02/town\")",
        )
        .replace("lat: 35.5", "lat: None /* unknown */")
        .replace("Town encircled", "Town \\\"encircled\\\"\\n");
    let fast =
        frontline::data::fast_parse::parse(&variant).expect("the fast reader reads the variant");
    let slow: frontline::data::Dataset = frontline::data::load::ron_options()
        .from_str(&variant)
        .expect("ron reads it");
    assert_eq!(fast, slow);
}
