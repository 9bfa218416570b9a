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
    let bytes = std::fs::read(path).map_err(|err| format!("cannot be read: {err}"))?;
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
        let geometry = feature.get("geometry").unwrap_or(feature);
        collect_geometry(geometry, &mut closed, &mut polygons, &mut others).map_err(|kind| {
            format!(
                "feature #{}: a {kind} whose coordinates are not rings of [longitude, latitude]",
                n + 1
            )
        })?;
    }
    Ok(polygons)
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
