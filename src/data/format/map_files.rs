//! Snapshots whose polygons are in GeoJSON files beside the dataset
//! (`file: "maps/2022-03-01.geojson"`): each file read when the dataset is
//! loaded, its Polygon and MultiPolygon features making the snapshot's area.
//! A path is taken from the dataset's folder and may not leave it (a shared
//! dataset must not read a reader's other files); a file that is missing, or
//! not GeoJSON, is an error at its snapshot.

use std::path::{Component, Path};

use crate::data::format::problem::{Problem, Record, Within};
use crate::data::map::geojson::Polygons;
use crate::data::model::Dataset;

/// Reads the file of every snapshot that names one, from `folder` (the
/// dataset's); the problems found, each at its snapshot's `file`.
pub fn read_map_files(dataset: &mut Dataset, folder: Option<&Path>) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (m, map) in dataset.territory.iter_mut().enumerate() {
        let label = map.label(&map.actor);
        for (i, snapshot) in map.snapshots.iter_mut().enumerate() {
            let Some(name) = &snapshot.file else {
                continue;
            };
            let problem = |message: String| {
                Problem::error(
                    Record::Snapshot {
                        map: m,
                        index: i,
                        label: label.clone(),
                    },
                    message,
                )
                .within(Within::field("file"))
            };
            if !snapshot.polygons.is_empty() {
                problems.push(problem(format!(
                    "gives its polygons and the file {name:?}: give one or the other"
                )));
                continue;
            }
            match read_one(name, folder) {
                Ok(polygons) => snapshot.from_file = polygons,
                Err(why) => problems.push(problem(why)),
            }
        }
    }
    problems
}

/// The polygons of the GeoJSON file `name`, from `folder`.
fn read_one(name: &str, folder: Option<&Path>) -> Result<Polygons, String> {
    let Some(folder) = folder else {
        return Err(format!(
            "names the file {name:?}, but the dataset was not read from a file: there is no folder to find it in"
        ));
    };
    let relative = Path::new(name);
    let leaves = relative
        .components()
        .try_fold(0i32, |depth, part| match part {
            Component::Normal(_) => Some(depth + 1),
            Component::CurDir => Some(depth),
            Component::ParentDir => (depth > 0).then(|| depth - 1),
            Component::RootDir | Component::Prefix(_) => None,
        });
    if leaves.is_none() {
        return Err(format!(
            "names the file {name:?}, which is not inside the dataset's folder: a map file is named by its path from the dataset's folder, and may not leave it"
        ));
    }
    let path = folder.join(relative);
    // A link inside the folder may still point out of it.
    let inside = match (path.canonicalize(), folder.canonicalize()) {
        (Ok(file), Ok(folder)) => file.starts_with(folder),
        (Err(err), _) => {
            return Err(format!(
                "names the file {name:?}, which cannot be read: {err}"
            ));
        }
        (_, Err(_)) => true,
    };
    if !inside {
        return Err(format!(
            "names the file {name:?}, which leads out of the dataset's folder"
        ));
    }
    crate::data::map::geojson::read_polygons(&path)
        .map_err(|why| format!("names the file {name:?}: {why}"))
}

/// The folder a dataset's map files are named from: its own.
pub fn folder_of(path: &Path) -> std::path::PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    }
}
