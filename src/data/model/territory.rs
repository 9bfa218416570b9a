//! Territory as monitors publish it: one map per date of the area an actor
//! held, from one source organisation and scope, kept apart from every other
//! organisation's maps exactly as control series are (never merged). Each
//! snapshot is dated, cited, and holds its polygons: an outline and its holes,
//! in WGS84 longitude and latitude, each ring closed (its last position
//! repeats its first).

use serde::{Deserialize, Serialize};

use super::date::PartialDate;
use super::{Cite, Name};

/// The dated maps of one actor's territory by one organisation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "ControlMap", deny_unknown_fields)]
pub struct ControlMap {
    /// The actor whose territory it is, by id.
    pub actor: Name,
    /// Who drew the maps ("DeepState", "ISW").
    pub source_org: String,
    /// What the maps cover ("Ukraine").
    #[serde(default)]
    pub scope: String,
    /// The maps, in date order.
    pub snapshots: Vec<Snapshot>,
}

/// One map: the area held as of a date, its polygons written in the dataset
/// or held in a GeoJSON file beside it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Snapshot", deny_unknown_fields)]
pub struct Snapshot {
    /// As of when.
    pub date: PartialDate,
    /// Who published it.
    pub cite: Cite,
    /// The area: polygons, each an outline then its holes, each ring a list of
    /// (longitude, latitude) closed on itself.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub polygons: Vec<Vec<Vec<(f64, f64)>>>,
    /// A GeoJSON file holding the area instead, by its path from the
    /// dataset's folder ("maps/2022-03-01.geojson").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The polygons read from `file` when the dataset was loaded; never written.
    #[serde(skip)]
    pub from_file: Vec<Vec<Vec<(f64, f64)>>>,
}

impl Snapshot {
    /// The area's polygons: those read from its file when it names one, else
    /// those written in the dataset.
    pub fn shape(&self) -> &[Vec<Vec<(f64, f64)>>] {
        if self.file.is_some() {
            &self.from_file
        } else {
            &self.polygons
        }
    }
}

impl ControlMap {
    /// "is · DeepState · Ukraine".
    pub fn label(&self, actor_short: &str) -> String {
        if self.scope.is_empty() {
            format!("{actor_short} · {}", self.source_org)
        } else {
            format!("{actor_short} · {} · {}", self.source_org, self.scope)
        }
    }

    /// The snapshot in force on `day` (days since 1970): the latest whose date
    /// begins on or before it.
    pub fn in_force(&self, day: f64) -> Option<(usize, &Snapshot)> {
        self.snapshots
            .iter()
            .enumerate()
            .rev()
            .find(|(_, s)| f64::from(s.date.start_day()) <= day)
    }
}
