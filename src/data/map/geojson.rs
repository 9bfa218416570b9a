//! GeoJSON geometry as Frontline holds it: Polygon and MultiPolygon features
//! made polygons (an outline then its holes, each ring of longitude and
//! latitude, closed). The import of monitors' exports and the snapshots that
//! name a GeoJSON file beside their dataset both read geometry here.

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
    for (n, feature) in features.into_iter().enumerate() {
        let geometry = feature.get("geometry").unwrap_or(feature);
        let found = match geometry.get("type").and_then(Value::as_str) {
            Some("Polygon") => polygon(geometry.get("coordinates"), &mut closed).map(|p| vec![p]),
            Some("MultiPolygon") => multi_polygon(geometry.get("coordinates"), &mut closed),
            _ => continue,
        };
        let mut found = found.ok_or_else(|| {
            format!(
                "feature #{}: coordinates that are not rings of [longitude, latitude]",
                n + 1
            )
        })?;
        polygons.append(&mut found);
    }
    Ok(polygons)
}

/// The features of a GeoJSON document: a FeatureCollection's, a Feature, or a
/// bare geometry taken as one feature.
pub(crate) fn features_of(root: &Value) -> Option<Vec<&Value>> {
    match root.get("type")?.as_str()? {
        "FeatureCollection" => Some(root.get("features")?.as_array()?.iter().collect()),
        _ => Some(vec![root]),
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
