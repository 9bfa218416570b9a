//! A map's computed area beside what its organisation published. Where one
//! organisation publishes both an area figure (a series in km² held) and a
//! map of the same actor and scope, the details of either show the other's
//! nearest value and the difference, and say which earth the computed area is
//! measured on: organisations measure on their own, so the two differ even
//! for the same ground.

use crate::data::loaded::LoadedDataset;
use crate::data::model::date::PartialDate;
use crate::data::model::{ControlMeasure, ControlUnit};

/// The earth computed areas are measured on, in words.
pub const COMPUTED_ON: &str = "computed on the WGS84 ellipsoid (DeepState's totals use a sphere of 6,378,137 m, about 0.05% less for Ukraine; see docs/import.md)";

/// The other side of a comparison: a value, its date, how far from the date
/// compared, and the difference (computed less published, km²).
#[derive(Clone, Debug, PartialEq)]
pub struct Beside {
    /// The value on the other side, km².
    pub value: f64,
    /// Its date.
    pub date: PartialDate,
    /// Days between the two dates.
    pub days_apart: i64,
    /// The computed area less the published figure, km².
    pub computed_less_published: f64,
}

/// The published figure nearest in date to snapshot `snapshot` of map `map`,
/// by the map's own organisation, actor and scope, in km² held.
pub fn published_beside_map(loaded: &LoadedDataset, map: usize, snapshot: usize) -> Option<Beside> {
    let found = loaded.dataset.territory.get(map)?;
    let computed = loaded.index.computed.get(map)?.points.get(snapshot)?.value;
    let day = found.snapshots.get(snapshot)?.date.start_day();
    loaded
        .dataset
        .control
        .iter()
        .filter(|s| {
            s.actor == found.actor.as_str()
                && s.source_org == found.source_org
                && s.scope == found.scope
                && s.unit == ControlUnit::SquareKm
                && s.measure == ControlMeasure::Held
        })
        .flat_map(|s| s.points.iter())
        .min_by_key(|p| (i64::from(p.date.start_day()) - i64::from(day)).abs())
        .map(|p| Beside {
            value: p.value,
            date: p.date,
            days_apart: (i64::from(p.date.start_day()) - i64::from(day)).abs(),
            computed_less_published: computed - p.value,
        })
}

/// The computed area of the snapshot nearest in date to a published figure
/// (point `point` of series `series`, by index in the dataset's own series),
/// from a map of the same organisation, actor and scope.
pub fn computed_beside_figure(
    loaded: &LoadedDataset,
    series: usize,
    point: usize,
) -> Option<Beside> {
    let published = loaded.dataset.control.get(series)?;
    if published.unit != ControlUnit::SquareKm || published.measure != ControlMeasure::Held {
        return None;
    }
    let figure = published.points.get(point)?;
    let day = i64::from(figure.date.start_day());
    let (m, map) = loaded.dataset.territory.iter().enumerate().find(|(_, m)| {
        m.actor.as_str() == published.actor
            && m.source_org == published.source_org
            && m.scope == published.scope
    })?;
    let (i, snapshot) = map
        .snapshots
        .iter()
        .enumerate()
        .min_by_key(|(_, s)| (i64::from(s.date.start_day()) - day).abs())?;
    let computed = loaded.index.computed.get(m)?.points.get(i)?.value;
    Some(Beside {
        value: computed,
        date: snapshot.date,
        days_apart: (i64::from(snapshot.date.start_day()) - day).abs(),
        computed_less_published: computed - figure.value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOTH: &str = r##"Dataset(format: 1, title: "t",
  sources: [Source(id: "ds", publisher: "DeepState", title: "Map and total", url: "https://deepstatemap.live", kind: Monitor)],
  actors: [Actor(id: "ru", name: "Russia", short: "RU", color: "#b71c1c")],
  events: [],
  control: [Series(actor: "ru", source_org: "DeepState", scope: "Ukraine", unit: SquareKm, points: [
    Point(date: "2024-01-01", value: 8200.0, cite: Cite(source: "ds")),
    Point(date: "2024-03-01", value: 9000.0, cite: Cite(source: "ds")),
  ])],
  territory: [ControlMap(actor: "ru", source_org: "DeepState", scope: "Ukraine", snapshots: [
    Snapshot(date: "2024-01-03", cite: Cite(source: "ds"), polygons: [[[(37.0, 47.0), (38.0, 47.0), (38.0, 48.0), (37.0, 48.0), (37.0, 47.0)]]]),
  ])],
)"##;

    #[test]
    fn a_map_and_its_organisation_s_figure_are_set_side_by_side() {
        let loaded = crate::data::load_str(BOTH).expect("loads");
        let computed = loaded.index.computed[0].points[0].value;
        let beside = published_beside_map(&loaded, 0, 0).expect("a figure");
        assert_eq!(beside.date.to_string(), "2024-01-01");
        assert_eq!(beside.days_apart, 2);
        assert!((beside.computed_less_published - (computed - 8200.0)).abs() < 1e-9);
        let back = computed_beside_figure(&loaded, 0, 1).expect("a map");
        assert_eq!(back.date.to_string(), "2024-01-03");
        assert_eq!(back.days_apart, 58);
        assert!((back.value - computed).abs() < 1e-9);
    }
}
