//! Property test: no input, however mangled, makes the loader panic.

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
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn mutated_files_never_panic(edits in prop::collection::vec(edit(), 1..6)) {
        let bytes = apply(&edits);
        match frontline::data::load_bytes(&bytes) {
            Ok(loaded) => {
                // Whatever loads must index and render without trouble.
                let _ = frontline::cli::summary(&loaded);
            }
            Err(failure) => {
                prop_assert!(!failure.problems.is_empty());
                let _ = failure.render("mutated.ron");
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let _ = frontline::data::load_bytes(&bytes);
        if let Ok(text) = std::str::from_utf8(&bytes) {
            let _ = frontline::data::SourceMap::scan(text);
        }
    }
}
