//! Writing a file whole or not at all: through a temporary file in the same
//! folder, renamed over the target once complete, never over the dataset that
//! is open. Every file Frontline writes (CSV, PNG, RON datasets, views) goes
//! through here, with one error type whatever the format.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

/// Why a file was not written. Nothing is left behind in any case.
#[derive(Debug)]
pub enum WriteError {
    /// The chosen file is the dataset itself.
    WouldOverwriteDataset(PathBuf),
    /// Writing failed (no space, no permission, no such folder).
    Io(std::io::Error),
    /// What was being written could not be encoded as its format asks.
    Encode(String),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::WouldOverwriteDataset(path) => write!(
                f,
                "{} is the dataset itself: choose another file",
                path.display()
            ),
            Self::Io(err) => write!(f, "{err}"),
            Self::Encode(why) => write!(f, "{why}"),
        }
    }
}

impl std::error::Error for WriteError {}

impl From<std::io::Error> for WriteError {
    fn from(err: std::io::Error) -> Self {
        Self::Io(err)
    }
}

impl From<csv::Error> for WriteError {
    fn from(err: csv::Error) -> Self {
        match err.into_kind() {
            csv::ErrorKind::Io(err) => Self::Io(err),
            other => Self::Encode(format!("{other:?}")),
        }
    }
}

impl From<ron::Error> for WriteError {
    fn from(err: ron::Error) -> Self {
        match err {
            ron::Error::Io(why) => Self::Encode(why),
            other => Self::Encode(other.to_string()),
        }
    }
}

impl From<png::EncodingError> for WriteError {
    fn from(err: png::EncodingError) -> Self {
        match err {
            png::EncodingError::IoError(err) => Self::Io(err),
            other => Self::Encode(other.to_string()),
        }
    }
}

/// Writes `path` through a temporary file in the same folder, renamed over it
/// once complete: a failure leaves what was there before, never half a file.
/// Refuses to write over `dataset`.
pub fn write_atomically<E: Into<WriteError>>(
    path: &Path,
    dataset: Option<&Path>,
    write: impl FnOnce(&mut BufWriter<File>) -> Result<(), E>,
) -> Result<(), WriteError> {
    let same = |a: &Path, b: &Path| {
        a == b
            || std::fs::canonicalize(a)
                .ok()
                .zip(std::fs::canonicalize(b).ok())
                .is_some_and(|(a, b)| a == b)
    };
    if let Some(dataset) = dataset
        && same(path, dataset)
    {
        return Err(WriteError::WouldOverwriteDataset(path.to_path_buf()));
    }
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".to_owned());
    let temporary = folder.join(format!(".{name}.{}.part", std::process::id()));
    let result = (|| {
        let mut out = BufWriter::new(File::create(&temporary)?);
        write(&mut out).map_err(Into::into)?;
        let file = out.into_inner().map_err(|err| err.into_error())?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}
