//! The front door for loading a dataset: from a file (streamed, with progress
//! and cancel), from text or bytes in memory, or the built-in dataset. Every way
//! ends in one result: a [`LoadedDataset`], or a [`LoadFailure`] whose
//! [`FailureKind`] says whether the file could not be read, the load was
//! cancelled, or the text is not a valid dataset (with every problem placed).

use std::path::Path;

pub use crate::data::format::failure::{FailureKind, LoadFailure};
use crate::data::format::failure::{NOT_A_DATASET, not_utf8_message};
use crate::data::format::lexer;
use crate::data::format::placer::LineCount;
use crate::data::format::ron_text::parse;
pub use crate::data::format::ron_text::{ron_options, to_ron_string, write_ron};
use crate::data::format::stream_load::{NotStreamed, Streamed, stream_path};
use crate::data::format::validate::locate;
use crate::data::loaded::load_without_unknown_fields;
pub use crate::data::loaded::{LoadedDataset, load_dataset};

/// The default dataset shipped inside the binary.
pub const DEFAULT_DATASET_TEXT: &str = include_str!("../../data/is-territory-2014-2019.ron");

/// The name shown for the default dataset.
pub const DEFAULT_DATASET_NAME: &str = "is-territory-2014-2019.ron (built in)";

/// An observer that never stops a load and ignores its progress.
pub fn no_progress(_: u64) -> bool {
    true
}

/// Reads, parses and validates the dataset file at `path`, streaming its events
/// (the one way `frontline check` and the app read a file). `progress` is told
/// how many bytes have been read and parsed, and cancels the load by returning
/// false.
pub fn load_path(
    path: &Path,
    progress: &dyn Fn(u64) -> bool,
) -> Result<LoadedDataset, LoadFailure> {
    match stream_path(path, progress) {
        Ok(streamed) => {
            let Streamed {
                dataset,
                unknown,
                folder,
                placer,
            } = streamed;
            load_without_unknown_fields(dataset, unknown, folder.as_deref())
                .map(|mut loaded| {
                    placer.place(&mut loaded.warnings);
                    loaded
                })
                .map_err(|mut failure| {
                    placer.place(&mut failure.problems);
                    failure
                })
        }
        Err(NotStreamed::Failed(failure)) => Err(failure),
        Err(NotStreamed::GaveWay(bytes)) => load_bytes_in(
            &bytes,
            &|at| progress(at),
            Some(&crate::data::format::map_files::folder_of(path)),
        ),
    }
}

/// Parses and validates a dataset from text.
pub fn load_str(text: &str) -> Result<LoadedDataset, LoadFailure> {
    load_bytes(text.as_bytes(), &no_progress)
}

/// The built-in dataset.
pub fn load_default() -> Result<LoadedDataset, LoadFailure> {
    load_str(DEFAULT_DATASET_TEXT)
}

/// Parses and validates a dataset from bytes in memory, which must be UTF-8
/// text. `progress` is told how many bytes have been parsed, and cancels the
/// load by returning false.
pub fn load_bytes(
    bytes: &[u8],
    progress: &dyn Fn(u64) -> bool,
) -> Result<LoadedDataset, LoadFailure> {
    load_bytes_in(bytes, progress, None)
}

/// [`load_bytes`] for a dataset whose map files are named from `folder`.
fn load_bytes_in(
    bytes: &[u8],
    progress: &dyn Fn(u64) -> bool,
    folder: Option<&Path>,
) -> Result<LoadedDataset, LoadFailure> {
    // A byte-order mark is invisible in editors: columns are counted without it.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            if let Err(at) = lexer::begins_dataset(bytes) {
                let at = at as u64;
                let position = LineCount::new().position(bytes, 0, at);
                return Err(LoadFailure::at(NOT_A_DATASET.to_owned(), at..at, position));
            }
            let (dataset, map, unknown) = parse(text, &|at| progress(at as u64))?;
            load_without_unknown_fields(dataset, unknown, folder)
                .map_err(|mut failure| {
                    locate(&mut failure.problems, text, map.as_ref());
                    failure
                })
                .map(|mut loaded| {
                    locate(&mut loaded.warnings, text, map.as_ref());
                    loaded
                })
        }
        Err(err) => {
            let at = err.valid_up_to() as u64;
            let position = LineCount::new().position(bytes, 0, at);
            Err(LoadFailure::at(
                not_utf8_message(bytes[err.valid_up_to()], err.valid_up_to()),
                at..at + 1,
                position,
            ))
        }
    }
}
