//! The checks of control maps: snapshots, their dates and sources, and
//! geometry that can be drawn and measured.

use super::*;

/// Each control map: its actor known, and each snapshot cited, in date
/// order, with rings of at least four positions, closed, on the globe.
pub(super) fn check_territory(dataset: &Dataset, known: &Known<'_>, problems: &mut Vec<Problem>) {
    for (m, map) in dataset.territory.iter().enumerate() {
        let label = map.label(&map.actor);
        if !known.actors.contains(map.actor.as_str()) {
            problems.push(Problem::error(
                Record::Map {
                    index: m,
                    label: label.clone(),
                },
                format!(
                    "names actor {:?}, which is not in `actors`",
                    map.actor.as_str()
                ),
            ));
        }
        let mut previous: Option<PartialDate> = None;
        for (i, snapshot) in map.snapshots.iter().enumerate() {
            let record = || Record::Snapshot {
                map: m,
                index: i,
                label: label.clone(),
            };
            if !known.sources.contains(snapshot.cite.source.as_str()) {
                problems.push(Problem::error(
                    record(),
                    format!(
                        "cites source {:?}, which is not in `sources`",
                        snapshot.cite.source.as_str()
                    ),
                ));
            }
            if let Err(why) = snapshot.date.check() {
                problems.push(Problem::error(
                    record(),
                    format!("dated {}, which is not a date: {why}", snapshot.date),
                ));
            }
            if let Some(before) = previous
                && snapshot.date.start_day() <= before.start_day()
            {
                problems.push(Problem::error(
                    record(),
                    format!(
                        "dated {}, not after the snapshot before it ({before}): snapshots go in date order",
                        snapshot.date
                    ),
                ));
            }
            previous = Some(snapshot.date);
            if snapshot.file.is_some() && snapshot.from_file.is_empty() {
                // The file could not be read: that is the problem, reported
                // where it was read.
            } else if let Some(why) = geometry_problem(snapshot.shape()) {
                problems.push(Problem::error(record(), why));
            } else {
                for (p, rings) in snapshot.shape().iter().enumerate() {
                    for (r, ring) in rings.iter().enumerate() {
                        if let Some((lon, lat)) = crate::data::map::crossing::crossing(ring) {
                            let which = if r == 0 {
                                format!("the outline of polygon {}", p + 1)
                            } else {
                                format!("hole {r} of polygon {}", p + 1)
                            };
                            problems.push(Problem::warning(
                                record(),
                                format!(
                                    "{which} crosses itself near ({lon:.4}, {lat:.4}): the area computed from it may not be the area drawn"
                                ),
                            ));
                        }
                    }
                }
            }
        }
    }
}

/// What is wrong with a snapshot's polygons, if anything.
pub(super) fn geometry_problem(polygons: &[Vec<Vec<(f64, f64)>>]) -> Option<String> {
    if polygons.is_empty() {
        return Some("has no polygon: a map of no territory is written as an empty outline list only by mistake".to_owned());
    }
    for (p, rings) in polygons.iter().enumerate() {
        if rings.is_empty() {
            return Some(format!("polygon {} has no outline", p + 1));
        }
        for (r, ring) in rings.iter().enumerate() {
            let which = if r == 0 {
                format!("the outline of polygon {}", p + 1)
            } else {
                format!("hole {} of polygon {}", r, p + 1)
            };
            if ring.len() < 4 {
                return Some(format!(
                    "{which} has {} positions; a ring needs at least 4 (its last repeating its first)",
                    ring.len()
                ));
            }
            if let Some(&(lon, lat)) = ring
                .iter()
                .find(|&&(lon, lat)| !(lon.is_finite() && lat.is_finite()))
            {
                // Said first: a ring that ends at NaN is not "not closed".
                return Some(format!(
                    "{which} has a position that is not a number, ({lon}, {lat})"
                ));
            }
            if ring.first() != ring.last() {
                return Some(format!(
                    "{which} is not closed: its last position must repeat its first"
                ));
            }
            if let Some(&(lon, lat)) = ring.iter().find(|&&(lon, lat)| {
                !((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat))
            }) {
                return Some(format!(
                    "{which} has ({lon}, {lat}) off the globe: longitude is -180 to 180, latitude -90 to 90, in that order"
                ));
            }
        }
    }
    None
}
