//! Each record's fields as the format names them, written once: the fast
//! reader refuses a field read twice by its place in its record's table (the
//! place worked out when the reader is built, so that a field it reads and
//! its table does not list stops the build), and a test holds every table to
//! the fields serde itself lists for the record, so that a field added to the
//! format and not to the fast reader fails that test.

/// The fields of `Dataset(...)`.
pub const DATASET: &[&str] = &[
    "format",
    "title",
    "description",
    "license",
    "sources",
    "actors",
    "events",
    "control",
    "territory",
];

/// The fields of `Source(...)`.
pub const SOURCE: &[&str] = &[
    "id",
    "publisher",
    "title",
    "url",
    "published",
    "language",
    "kind",
    "scale",
];

/// The fields of `Actor(...)`.
pub const ACTOR: &[&str] = &["id", "name", "short", "color", "aliases", "kind"];

/// The fields of `Event(...)`.
pub const EVENT: &[&str] = &[
    "id",
    "date",
    "end",
    "title",
    "summary",
    "place",
    "actors",
    "tags",
    "confidence",
    "cites",
    "disputed_by",
    "kind",
    "subkind",
    "fatalities",
    "timing",
];

/// The fields of `Place(...)`.
pub const PLACE: &[&str] = &[
    "name",
    "region",
    "country",
    "lat",
    "lon",
    "district",
    "subdistrict",
    "precision",
];

/// The fields of `Cite(...)`.
pub const CITE: &[&str] = &["source", "note", "quote"];

/// The fields of `Fatalities(...)`.
pub const FATALITIES: &[&str] = &[
    "best",
    "low",
    "high",
    "side_a",
    "side_b",
    "civilians",
    "unknown",
];

/// The fields of `Series(...)`.
pub const SERIES: &[&str] = &["actor", "source_org", "scope", "unit", "measure", "points"];

/// The fields of `Point(...)`.
pub const POINT: &[&str] = &["date", "value", "low", "high", "confidence", "cite"];

/// The fields of `ControlMap(...)`.
pub const CONTROL_MAP: &[&str] = &["actor", "source_org", "scope", "snapshots"];

/// The fields of `Snapshot(...)`.
pub const SNAPSHOT: &[&str] = &["date", "cite", "polygons", "file"];

/// The fields of a share-of-area unit (`PercentOfArea(...)`, `PercentOfReference(...)`).
pub const UNIT: &[&str] = &["base", "base_km2"];

/// Every record's table, by the record's name in the format.
pub const RECORDS: &[(&str, &[&str])] = &[
    ("Dataset", DATASET),
    ("Source", SOURCE),
    ("Actor", ACTOR),
    ("Event", EVENT),
    ("Place", PLACE),
    ("Cite", CITE),
    ("Fatalities", FATALITIES),
    ("Series", SERIES),
    ("Point", POINT),
    ("ControlMap", CONTROL_MAP),
    ("Snapshot", SNAPSHOT),
];

/// The place of `name` in `fields`. Used in constants only: a name that is
/// not in the table stops the build.
#[expect(
    clippy::panic,
    reason = "evaluated as the reader is built, never at run time: the panic is a build error"
)]
pub(super) const fn place_of(fields: &[&str], name: &str) -> u32 {
    let mut at = 0;
    while at < fields.len() {
        let (a, b) = (fields[at].as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut i = 0;
            while i < a.len() && a[i] == b[i] {
                i += 1;
            }
            if i == a.len() {
                return at as u32;
            }
        }
        at += 1;
    }
    panic!("a field the fast reader reads is not in its record's table")
}
