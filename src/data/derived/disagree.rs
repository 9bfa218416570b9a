//! Where two organisations' maps of one actor disagree: for each pair of
//! maps of the same actor and scope by different organisations, the ground
//! only one of them holds, each way, and what both hold, between the
//! snapshots each has in force on a day. The map draws it, the span panel
//! and `frontline compare` give it in km².

use std::collections::BTreeSet;

use crate::data::map::area::area_km2;
use crate::data::map::overlay::{Polygons, gained_and_lost};
use crate::data::model::ControlMap;

/// A snapshot of a map: (map, snapshot), by index.
pub type MapSnapshot = (usize, usize);

/// Two maps' snapshots compared.
pub type Pair = (MapSnapshot, MapSnapshot);

/// One pair of maps compared on a day.
#[derive(Clone, Debug, PartialEq)]
pub struct Disagreement {
    /// The first map (by index in `Dataset::territory`) and its snapshot in force.
    pub a: MapSnapshot,
    /// The second map and its snapshot.
    pub b: MapSnapshot,
    /// Ground the first holds and the second does not.
    pub a_only: Polygons,
    /// Ground the second holds and the first does not.
    pub b_only: Polygons,
    /// Their areas on the WGS84 ellipsoid, km².
    pub a_only_km2: f64,
    /// See `a_only_km2`.
    pub b_only_km2: f64,
    /// What both hold, km².
    pub both_km2: f64,
}

/// The pairs of maps compared on `day`: maps of one actor and scope by
/// different organisations, none hidden, each with a snapshot in force; as
/// (map, snapshot) twice. Cheap: what [`disagreements`] is keyed by.
pub fn pairs_on(territory: &[ControlMap], hidden: &BTreeSet<usize>, day: f64) -> Vec<Pair> {
    let shown: Vec<(usize, usize, &ControlMap)> = territory
        .iter()
        .enumerate()
        .filter(|(m, _)| !hidden.contains(m))
        .filter_map(|(m, map)| map.in_force(day).map(|(i, _)| (m, i, map)))
        .collect();
    let mut pairs = Vec::new();
    for (k, &(ma, ia, a)) in shown.iter().enumerate() {
        for &(mb, ib, b) in &shown[k + 1..] {
            if a.actor == b.actor && a.scope == b.scope && a.source_org != b.source_org {
                pairs.push(((ma, ia), (mb, ib)));
            }
        }
    }
    pairs
}

/// Where each pair disagrees; `None` when `cancelled` says to give up.
pub fn disagreements(
    territory: &[ControlMap],
    pairs: &[Pair],
    cancelled: &dyn Fn() -> bool,
) -> Option<Vec<Disagreement>> {
    let shape = |(m, i): (usize, usize)| {
        territory
            .get(m)
            .and_then(|map| map.snapshots.get(i))
            .map_or(&[][..], |s| s.shape())
    };
    let mut found = Vec::with_capacity(pairs.len());
    for &(a, b) in pairs {
        if cancelled() {
            return None;
        }
        let (b_only, a_only) = gained_and_lost(shape(a), shape(b));
        let a_only_km2 = area_km2(&a_only);
        let b_only_km2 = area_km2(&b_only);
        let both_km2 = (area_km2(shape(a)) - a_only_km2).max(0.0);
        found.push(Disagreement {
            a,
            b,
            a_only,
            b_only,
            a_only_km2,
            b_only_km2,
            both_km2,
        });
    }
    Some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_organisations_maps_disagree_by_the_ground_only_one_holds() {
        let text = r##"Dataset(format: 1, title: "t",
  sources: [Source(id: "s", publisher: "P", title: "T", url: "https://p.example.org", kind: Monitor)],
  actors: [Actor(id: "ru", name: "Russia", short: "RU", color: "#b71c1c")],
  events: [], control: [],
  territory: [
    ControlMap(actor: "ru", source_org: "A", scope: "U", snapshots: [
      Snapshot(date: "2024-01-01", cite: Cite(source: "s"), polygons: [[[(37.0, 47.0), (38.5, 47.0), (38.5, 48.0), (37.0, 48.0), (37.0, 47.0)]]]),
    ]),
    ControlMap(actor: "ru", source_org: "B", scope: "U", snapshots: [
      Snapshot(date: "2024-01-02", cite: Cite(source: "s"), polygons: [[[(37.2, 47.0), (38.7, 47.0), (38.7, 48.0), (37.2, 48.0), (37.2, 47.0)]]]),
    ]),
  ],
)"##;
        let loaded = crate::data::load_str(text).expect("loads");
        let territory = &loaded.dataset.territory;
        let day = f64::from(crate::data::PartialDate::day(2024, 2, 1).start_day());
        let pairs = pairs_on(territory, &BTreeSet::new(), day);
        assert_eq!(pairs, vec![((0, 0), (1, 0))]);
        assert!(pairs_on(territory, &BTreeSet::from([1]), day).is_empty());
        let found = disagreements(territory, &pairs, &|| false).expect("done");
        let strip = area_km2(&[vec![vec![
            (37.0, 47.0),
            (37.2, 47.0),
            (37.2, 48.0),
            (37.0, 48.0),
            (37.0, 47.0),
        ]]]);
        assert!((found[0].a_only_km2 - strip).abs() / strip < 1e-3);
        assert!((found[0].b_only_km2 - strip).abs() / strip < 1e-3);
        assert!(
            (found[0].both_km2 / strip - 6.5).abs() < 0.01,
            "1.3° of 0.2°"
        );
    }
}
