//! GeoJSON geometry as Frontline holds it: Polygon and MultiPolygon features
//! (also inside GeometryCollections, as KML's MultiGeometry comes out) made polygons (an outline then its holes, each ring of longitude and
//! latitude, closed). The import of monitors' exports and the snapshots that
//! name a GeoJSON file beside their dataset both read geometry here.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

/// Polygons: each an outline then its holes, each ring of (longitude, latitude).
pub type Polygons = Vec<Vec<Vec<(f64, f64)>>>;

/// Every Polygon and MultiPolygon of the GeoJSON file at `path`, as one
/// snapshot's area (a snapshot of a dataset naming the file); other
/// geometries are left out. Says why when the file cannot be read or is not
/// GeoJSON.
pub fn read_polygons(path: &Path) -> Result<Polygons, String> {
    let bytes = read_regular(path)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let root: Value = serde_json::from_slice(bytes).map_err(|err| {
        format!(
            "not JSON at line {}, column {}: {err}",
            err.line(),
            err.column()
        )
    })?;
    let features = features_of(&root)
        .ok_or("not GeoJSON: expected a FeatureCollection, a Feature or a geometry")?;
    let mut polygons = Vec::new();
    let mut closed = 0;
    let mut others = BTreeMap::new();
    for (n, feature) in features.into_iter().enumerate() {
        let Some(geometry) = geometry_of(feature) else {
            *others.entry("no geometry".to_owned()).or_default() += 1;
            continue;
        };
        collect_geometry(geometry, &mut closed, &mut polygons, &mut others).map_err(|kind| {
            format!(
                "feature #{}: a {kind} whose coordinates are not rings of [longitude, latitude]",
                n + 1
            )
        })?;
    }
    if polygons.is_empty() {
        // A map of no ground is an empty file or a wrong one, not a territory of 0 km².
        let held: Vec<String> = others
            .iter()
            .map(|(kind, n)| format!("{n} {kind}"))
            .collect();
        return Err(if held.is_empty() {
            "holds no Polygon or MultiPolygon: a map must hold the ground it shows".to_owned()
        } else {
            format!(
                "holds no Polygon or MultiPolygon, only {}: a map must hold the ground it shows",
                held.join(", ")
            )
        });
    }
    Ok(polygons)
}

/// The bytes of a file when it is a regular file; why not otherwise. Looked
/// at before opening (opening a named pipe waits for a writer) and again
/// once open; `/dev/zero` and other devices never end, so they are refused too.
pub(crate) fn read_regular(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let refuse = |kind: std::fs::FileType| -> Result<(), String> {
        if kind.is_file() {
            return Ok(());
        }
        let what = if kind.is_dir() {
            "a folder"
        } else {
            "a pipe, socket, device or other special file"
        };
        Err(format!(
            "is {what}, not a GeoJSON file: Frontline reads regular files"
        ))
    };
    let metadata = std::fs::metadata(path).map_err(|err| format!("cannot be read: {err}"))?;
    refuse(metadata.file_type())?;
    let file = std::fs::File::open(path).map_err(|err| format!("cannot be read: {err}"))?;
    let metadata = file
        .metadata()
        .map_err(|err| format!("cannot be read: {err}"))?;
    refuse(metadata.file_type())?;
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    // No more than the file said it holds, should it grow while read.
    file.take(metadata.len())
        .read_to_end(&mut bytes)
        .map_err(|err| format!("cannot be read: {err}"))?;
    Ok(bytes)
}

/// A feature's geometry (a bare geometry is its own); `None` for a Feature
/// without one (no `geometry` member, or `null`).
pub(crate) fn geometry_of(feature: &Value) -> Option<&Value> {
    match feature.get("type").and_then(Value::as_str) {
        Some("Feature") => feature.get("geometry").filter(|g| !g.is_null()),
        _ => Some(feature),
    }
}

/// How deep GeometryCollections may nest (KML's MultiGeometry gives one level).
const MOST_NESTED: usize = 16;

/// Adds the polygons of a geometry (a Polygon, a MultiPolygon, or a
/// GeometryCollection of any of these) to `polygons`, and counts geometries
/// of other kinds by kind in `others`. Fails with the kind of a geometry
/// whose coordinates are not rings of positions (or nested too deep).
pub(crate) fn collect_geometry(
    geometry: &Value,
    closed: &mut usize,
    polygons: &mut Polygons,
    others: &mut BTreeMap<String, usize>,
) -> Result<(), String> {
    collect_nested(geometry, closed, polygons, others, 0)
}

fn collect_nested(
    geometry: &Value,
    closed: &mut usize,
    polygons: &mut Polygons,
    others: &mut BTreeMap<String, usize>,
    depth: usize,
) -> Result<(), String> {
    let kind = geometry
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("no geometry");
    match kind {
        "Polygon" => {
            let found = polygon(geometry.get("coordinates"), closed).ok_or(kind)?;
            polygons.push(found);
        }
        "MultiPolygon" => {
            let mut found = multi_polygon(geometry.get("coordinates"), closed).ok_or(kind)?;
            polygons.append(&mut found);
        }
        "GeometryCollection" => {
            if depth >= MOST_NESTED {
                return Err(format!("{kind} nested over {MOST_NESTED} deep"));
            }
            let members = geometry
                .get("geometries")
                .and_then(Value::as_array)
                .ok_or(kind)?;
            for member in members {
                collect_nested(member, closed, polygons, others, depth + 1)?;
            }
        }
        other => *others.entry(other.to_owned()).or_default() += 1,
    }
    Ok(())
}

/// The features of a GeoJSON document: a FeatureCollection's, a Feature, or a
/// bare geometry taken as one feature.
pub(crate) fn features_of(root: &Value) -> Option<Vec<&Value>> {
    let root = unwrapped(root);
    match root.get("type")?.as_str()? {
        "FeatureCollection" => Some(root.get("features")?.as_array()?.iter().collect()),
        _ => Some(vec![root]),
    }
}

/// The GeoJSON inside an answer that wraps it in an object of one member
/// (NZZ's `{"value": {FeatureCollection}}`); the document itself otherwise.
fn unwrapped(root: &Value) -> &Value {
    match root.as_object() {
        Some(members) if !members.contains_key("type") && members.len() == 1 => members
            .values()
            .next()
            .filter(|inner| inner.get("type").is_some())
            .unwrap_or(root),
        _ => root,
    }
}

/// A Polygon's rings; `None` when they are not rings of positions.
pub(crate) fn polygon(
    coordinates: Option<&Value>,
    closed: &mut usize,
) -> Option<Vec<Vec<(f64, f64)>>> {
    coordinates?
        .as_array()?
        .iter()
        .map(|ring| ring_of(ring, closed))
        .collect()
}

/// A MultiPolygon's polygons.
pub(crate) fn multi_polygon(coordinates: Option<&Value>, closed: &mut usize) -> Option<Polygons> {
    coordinates?
        .as_array()?
        .iter()
        .map(|p| polygon(Some(p), closed))
        .collect()
}

/// A ring of [longitude, latitude(, altitude)] positions, closed if it was not.
fn ring_of(ring: &Value, closed: &mut usize) -> Option<Vec<(f64, f64)>> {
    let mut positions: Vec<(f64, f64)> = ring
        .as_array()?
        .iter()
        .map(|position| {
            let position = position.as_array()?;
            Some((position.first()?.as_f64()?, position.get(1)?.as_f64()?))
        })
        .collect::<Option<_>>()?;
    if let (Some(&first), Some(&last)) = (positions.first(), positions.last())
        && first != last
    {
        positions.push(first);
        *closed += 1;
    }
    Some(positions)
}
