//! Control maps from GeoJSON, as monitors publish them: one file per date
//! (DeepState's daily exports, the date in the file's name as `2022-03-01`,
//! `deepstatemap_data_20220301` or Unix seconds `1646092800`), or one
//! FeatureCollection whose features carry a date property. The Polygon and
//! MultiPolygon features of a date make its snapshot; `--where` keeps only
//! features whose property matches (raw exports mix the occupied area with
//! named sites and lines). Other geometries are counted, never silently
//! dropped. A snapshot identical to the one before it is stored once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::geojson_keep::{Preset, Where};
use crate::data::map::geojson::{Polygons, collect_geometry, features_of};
use crate::data::model::date::PartialDate;
use crate::data::model::{
    Actor, Cite, ControlMap, Dataset, FORMAT_VERSION, Snapshot, Source, SourceKind,
};

/// What a GeoJSON import is asked for.
#[derive(Clone, Debug, Default)]
pub struct GeojsonOptions {
    /// The actor whose territory the maps show, by id.
    pub actor: String,
    /// Who drew the maps ("DeepState").
    pub org: String,
    /// What the maps cover ("Ukraine").
    pub scope: String,
    /// The feature property holding each feature's date, for one file of many dates.
    pub date_property: Option<String>,
    /// Only features that pass every one of these (`--where`, combined).
    pub filters: Vec<Where>,
    /// How the monitor publishes: which features make its map.
    pub preset: Option<&'static Preset>,
    /// The actor's name and colour, for the actor the import makes.
    pub actor_name: Option<String>,
    /// Its colour, `#rrggbb`.
    pub actor_color: Option<String>,
    /// Snapshots name their files, by the path from this folder (the
    /// dataset's), instead of holding their polygons.
    pub link_from: Option<PathBuf>,
}

/// What a GeoJSON import did, for the command line and the status bar.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GeojsonSummary {
    /// Files read.
    pub files: usize,
    /// Features read, in all.
    pub features: usize,
    /// Polygon and MultiPolygon features that went into a snapshot.
    pub polygon_features: usize,
    /// Features left out by `--where`.
    pub filtered_out: usize,
    /// Features (or, outside the scope, polygons) a preset or `--where`
    /// left out, by why ("liberated", "--where name~occupied").
    pub left_out: BTreeMap<String, usize>,
    /// Files none of whose features made a map.
    pub empty_files: Vec<String>,
    /// Dates that more than one file gave, with those files: their
    /// polygons made one snapshot.
    pub shared_dates: BTreeMap<String, Vec<String>>,
    /// Features of other geometry types, by type ("Point": 412).
    pub other_geometries: BTreeMap<String, usize>,
    /// Rings that did not end where they began, closed on import.
    pub rings_closed: usize,
    /// Snapshots kept.
    pub snapshots: usize,
    /// Snapshots identical to the one before them, stored once.
    pub identical: usize,
}

/// A dataset of one control map, made from GeoJSON files.
#[derive(Clone, Debug, PartialEq)]
pub struct GeojsonImport {
    /// The actor, one source per snapshot, and the map.
    pub dataset: Dataset,
    /// What the import did.
    pub summary: GeojsonSummary,
}

/// Whether `path` names a GeoJSON file.
pub fn is_geojson(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("geojson"))
}

/// Imports the GeoJSON files of `paths` (files, or folders of them) as one
/// control map. Fails with a message naming the file (and its line and column
/// for text that is not JSON) when a file cannot be read, is not GeoJSON, or
/// has no date.
pub fn import_geojson(
    paths: &[PathBuf],
    options: &GeojsonOptions,
) -> Result<GeojsonImport, String> {
    let files = geojson_files(paths)?;
    if files.is_empty() {
        return Err("no .geojson files to import".to_owned());
    }
    let mut summary = GeojsonSummary::default();
    let date_property = options
        .date_property
        .as_deref()
        .or(options.preset.and_then(|p| p.date_property));
    let mut by_date: BTreeMap<PartialDate, (Polygons, PathBuf)> = BTreeMap::new();
    for file in &files {
        let name = file.display().to_string();
        let bytes = crate::data::map::geojson::read_regular(file)
            .map_err(|why| format!("{name}: {why}"))?;
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let root: Value = serde_json::from_slice(bytes)
            .map_err(|err| format!("{name}:{}:{}: not JSON: {err}", err.line(), err.column()))?;
        summary.files += 1;
        let file_date = match date_property {
            Some(_) => None,
            None => Some(date_in_file_name(file).ok_or_else(|| {
                format!(
                    "{name}: no date in the file's name (2022-03-01, 20220301 or Unix seconds); give --date-property for a file of many dates"
                )
            })?),
        };
        let features = features_of(&root).ok_or_else(|| {
            format!("{name}: not GeoJSON: expected a FeatureCollection, a Feature or a geometry")
        })?;
        let before = summary.polygon_features;
        // Features are numbered within their own file, as a reader finds them.
        for (number, feature) in (1..).zip(features) {
            summary.features += 1;
            let Some(mut polygons) = kept_polygons(feature, options, &mut summary)
                .map_err(|why| format!("{name}: feature #{number}: {why}"))?
            else {
                continue;
            };
            let date = match (file_date, date_property) {
                (Some(date), _) => date,
                (None, Some(property)) => feature_date(feature, property).ok_or_else(|| {
                    format!("{name}: feature #{number} has no date in its property {property:?}")
                })?,
                (None, None) => continue,
            };
            summary.polygon_features += 1;
            let entry = by_date
                .entry(date)
                .or_insert_with(|| (Vec::new(), file.clone()));
            if entry.1 != *file {
                // Two files of one date make one snapshot: said, not silent.
                let files = summary.shared_dates.entry(date.to_string()).or_default();
                for one in [&entry.1, file] {
                    let one = file_name(one);
                    if !files.contains(&one) {
                        files.push(one);
                    }
                }
            }
            entry.0.append(&mut polygons);
        }
        if summary.polygon_features == before {
            summary.empty_files.push(name);
        }
    }
    if by_date.is_empty() {
        return Err(nothing_kept(&summary));
    }
    build(by_date, options, summary)
}

/// The polygons of `feature` that make the map, or `None` when the preset or
/// a `--where` leaves it out (counted in `summary` by why), or it holds no
/// polygon (counted by geometry). Fails when its geometry is not GeoJSON's.
fn kept_polygons(
    feature: &Value,
    options: &GeojsonOptions,
    summary: &mut GeojsonSummary,
) -> Result<Option<Polygons>, String> {
    if let Some(failed) = options.filters.iter().find(|w| !w.keeps(feature)) {
        summary.filtered_out += 1;
        *summary
            .left_out
            .entry(format!("--where {}", failed.describe()))
            .or_default() += 1;
        return Ok(None);
    }
    let Some(geometry) = crate::data::map::geojson::geometry_of(feature) else {
        *summary
            .other_geometries
            .entry("no geometry".to_owned())
            .or_default() += 1;
        return Ok(None);
    };
    let mut polygons = Vec::new();
    collect_geometry(
        geometry,
        &mut summary.rings_closed,
        &mut polygons,
        &mut summary.other_geometries,
    )
    .map_err(|kind| format!("a {kind} whose coordinates are not rings of [longitude, latitude]"))?;
    if polygons.is_empty() {
        return Ok(None);
    }
    let Some(preset) = options.preset else {
        return Ok(Some(polygons));
    };
    let (label, keep, in_scope) = match preset.classify(feature) {
        Some(class) => (class.label, class.keep, class.in_scope),
        None => (preset.unrecognised.0, preset.unrecognised.1, false),
    };
    if !keep {
        *summary.left_out.entry(label.to_owned()).or_default() += 1;
        return Ok(None);
    }
    if in_scope && let Some(country) = scope_country(&options.scope) {
        let before = polygons.len();
        polygons.retain(|p| in_country(p, country));
        let outside = before - polygons.len();
        if outside > 0 {
            *summary
                .left_out
                .entry(format!("{label} outside {}", options.scope))
                .or_default() += outside;
        }
    }
    Ok((!polygons.is_empty()).then_some(polygons))
}

/// The base map's country a scope names ("Ukraine"), if it names one.
fn scope_country(scope: &str) -> Option<&'static crate::data::map::base_map::Country> {
    crate::data::map::base_map::BaseMap::detailed()
        .countries
        .iter()
        .find(|c| !scope.is_empty() && c.name.eq_ignore_ascii_case(scope.trim()))
}

/// Whether a polygon lies in `country`: its outline's middle (the average
/// of its positions) is in it.
fn in_country(polygon: &[Vec<(f64, f64)>], country: &crate::data::map::base_map::Country) -> bool {
    let Some(outline) = polygon.first().filter(|r| !r.is_empty()) else {
        return false;
    };
    let n = outline.len() as f64;
    let (lon, lat) = outline
        .iter()
        .fold((0.0, 0.0), |(x, y), &(lon, lat)| (x + lon / n, y + lat / n));
    crate::data::map::base_map::BaseMap::detailed()
        .country_at(lon as f32, lat as f32)
        .is_some_and(|c| std::ptr::eq(c, country))
}

/// Why an import kept nothing: what left out how much.
fn nothing_kept(summary: &GeojsonSummary) -> String {
    let mut why: Vec<String> = summary
        .left_out
        .iter()
        .map(|(reason, n)| format!("{n} left out as {reason}"))
        .collect();
    why.extend(
        summary
            .other_geometries
            .iter()
            .map(|(kind, n)| format!("{n} {kind} features")),
    );
    if why.is_empty() {
        why.push("no Polygon or MultiPolygon feature".to_owned());
    }
    format!(
        "nothing to import: no feature of {} {} made a map ({}); nothing written",
        summary.files,
        if summary.files == 1 { "file" } else { "files" },
        why.join("; ")
    )
}

/// The dataset of one map whose snapshots are `by_date`, consecutive identical
/// ones stored once.
fn build(
    by_date: BTreeMap<PartialDate, (Polygons, PathBuf)>,
    options: &GeojsonOptions,
    mut summary: GeojsonSummary,
) -> Result<GeojsonImport, String> {
    let link_from = match &options.link_from {
        Some(folder) => Some(
            folder
                .canonicalize()
                .map_err(|err| format!("{}: {err}", folder.display()))?,
        ),
        None => None,
    };
    let slug: String = options
        .org
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let mut sources = Vec::new();
    let mut snapshots: Vec<Snapshot> = Vec::new();
    for (date, (polygons, file)) in by_date {
        if snapshots
            .last()
            .is_some_and(|last| last.shape() == polygons.as_slice())
        {
            summary.identical += 1;
            continue;
        }
        let id = format!("{slug}-map-{date}");
        // The map's web address is not in the file: the title names the file,
        // and the check says the source has no address to follow.
        sources.push(Source {
            id: id.clone(),
            publisher: options.org.clone(),
            title: format!(
                "{} control map of {date} ({})",
                options.org,
                file_name(&file)
            ),
            url: None,
            published: Some(date),
            language: None,
            kind: SourceKind::Monitor,
            scale: None,
        });
        let linked = match &link_from {
            Some(folder) => Some(relative_name(&file, folder)?),
            None => None,
        };
        let (polygons, from_file) = match linked {
            Some(_) => (Vec::new(), polygons),
            None => (polygons, Vec::new()),
        };
        snapshots.push(Snapshot {
            date,
            cite: Cite {
                source: id.into(),
                note: None,
                quote: None,
            },
            polygons,
            file: linked,
            from_file,
        });
    }
    summary.snapshots = snapshots.len();
    let title = if options.scope.is_empty() {
        format!("{} control maps", options.org)
    } else {
        format!("{} control maps: {}", options.org, options.scope)
    };
    let dataset = Dataset {
        format: FORMAT_VERSION,
        title,
        // Put in words by the importer's caller, from the summary's counts.
        description: String::new(),
        license: String::new(),
        sources,
        actors: vec![Actor {
            id: options.actor.clone(),
            name: options
                .actor_name
                .clone()
                .unwrap_or_else(|| options.actor.clone()),
            short: options.actor.clone(),
            color: options
                .actor_color
                .clone()
                .unwrap_or_else(|| "#c0392b".to_owned()),
            aliases: Vec::new(),
            kind: None,
        }],
        events: crate::data::model::Events::new(),
        control: Vec::new(),
        territory: vec![ControlMap {
            actor: options.actor.as_str().into(),
            source_org: options.org.clone(),
            scope: options.scope.clone(),
            snapshots,
        }],
    };
    Ok(GeojsonImport { dataset, summary })
}

/// `file`'s path from `folder` (canonical), with forward slashes, as a
/// snapshot names it; an error when the file is not inside the folder.
fn relative_name(file: &Path, folder: &Path) -> Result<String, String> {
    let canonical = file
        .canonicalize()
        .map_err(|err| format!("{}: {err}", file.display()))?;
    let relative = canonical.strip_prefix(folder).map_err(|_| {
        format!(
            "{}: not inside {}, the dataset's folder: a snapshot can only name a file there",
            file.display(),
            folder.display()
        )
    })?;
    Ok(relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/"))
}

/// The `.geojson` files of `paths`: files as given, folders by name.
fn geojson_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries = std::fs::read_dir(path)
                .map_err(|err| format!("{}: cannot read the folder: {err}", path.display()))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| is_geojson(p) || p.extension().is_some_and(|e| e == "json"))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// A feature's date from its property: text ("2022-03-01", or a date and
/// time) or Unix seconds or milliseconds.
fn feature_date(feature: &Value, property: &str) -> Option<PartialDate> {
    let value = feature.get("properties")?.get(property)?;
    match value {
        Value::String(text) => date_in_text(text),
        Value::Number(n) => n.as_i64().and_then(date_of_unix),
        _ => None,
    }
}

/// The date a file's name gives: `2022-03-01`, eight digits `20220301`, or Unix
/// seconds (ten digits) or milliseconds (thirteen).
pub fn date_in_file_name(path: &Path) -> Option<PartialDate> {
    date_in_text(&path.file_stem()?.to_string_lossy())
}

fn date_in_text(text: &str) -> Option<PartialDate> {
    let bytes = text.as_bytes();
    // YYYY-MM-DD anywhere, but not inside a longer run of digits
    // ("99999-01-01" is no date).
    for start in 0..bytes.len().saturating_sub(9) {
        let Some(piece) = text.get(start..start + 10) else {
            continue;
        };
        let digit_at =
            |i: Option<usize>| i.and_then(|i| bytes.get(i)).is_some_and(u8::is_ascii_digit);
        if digit_at(start.checked_sub(1)) || digit_at(Some(start + 10)) {
            continue;
        }
        let b = piece.as_bytes();
        if b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
            && let Ok(date) = piece.parse::<PartialDate>()
            && date.check().is_ok()
        {
            return Some(date);
        }
    }
    // The first run of digits: eight as a date, ten or thirteen as Unix time.
    let digits: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    match digits.len() {
        8 => {
            let year = digits.get(0..4)?.parse().ok()?;
            let month = digits.get(4..6)?.parse().ok()?;
            let day = digits.get(6..8)?.parse().ok()?;
            let date = PartialDate::day(year, month, day);
            date.check().is_ok().then_some(date)
        }
        10 => date_of_unix(digits.parse().ok()?),
        13 => date_of_unix(digits.parse::<i64>().ok()? / 1000),
        _ => None,
    }
}

/// The UTC day of Unix time `seconds` (milliseconds when it is that large).
fn date_of_unix(seconds: i64) -> Option<PartialDate> {
    let seconds = if seconds.abs() > 100_000_000_000 {
        seconds / 1000
    } else {
        seconds
    };
    let day = i32::try_from(seconds.div_euclid(86_400)).ok()?;
    Some(PartialDate::from_day_number(day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_from_the_names_monitors_give_their_files() {
        let date = |name: &str| date_in_file_name(Path::new(name)).map(|d| d.to_string());
        assert_eq!(date("2022-03-01.geojson").as_deref(), Some("2022-03-01"));
        assert_eq!(
            date("deepstatemap_data_20220301.geojson").as_deref(),
            Some("2022-03-01")
        );
        assert_eq!(date("1646092800.geojson").as_deref(), Some("2022-03-01"));
        assert_eq!(
            date("map-1646092800000.json").as_deref(),
            Some("2022-03-01")
        );
        assert_eq!(date("occupied.geojson"), None);
        assert_eq!(date("map_20221399.geojson"), None);
    }
}
