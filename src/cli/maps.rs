//! Command-line actions on control maps: `areas` (each snapshot's area, on
//! the earth asked for), `merge` (one dataset from several) and `compare`
//! (where two organisations' maps of one actor agree and where they do not).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{EXIT_INVALID, EXIT_OK, EXIT_USAGE};
use crate::data::map::area::{Earth, area_km2_on};
use crate::data::{self, PartialDate, export};

/// An area to a tenth of a km², never "-0.0".
fn km2(area: f64) -> String {
    format!("{:.1}", area.max(0.0) + 0.0)
}

/// Loads a dataset file, or writes why not to `log`.
fn load(path: &Path, log: &mut dyn Write) -> Option<data::LoadedDataset> {
    let name = path.display().to_string();
    match data::load_path(path, &data::no_progress) {
        Ok(loaded) => Some(loaded),
        Err(failure) => {
            let _ = write!(log, "{}", failure.render(&name));
            None
        }
    }
}

/// Prints the area of every territory snapshot as CSV: one row per snapshot,
/// `actor,source_org,scope,date,area_km2`, on the earth named (`wgs84`,
/// `sphere`, `mean-sphere`). Returns the exit code.
pub fn areas(path: &Path, earth: &str, out: &mut dyn Write, log: &mut dyn Write) -> i32 {
    let earth = match Earth::parse(earth) {
        Ok(earth) => earth,
        Err(message) => {
            let _ = writeln!(log, "frontline areas: {message}");
            return EXIT_USAGE;
        }
    };
    let Some(loaded) = load(path, out) else {
        return EXIT_INVALID;
    };
    let mut writer = csv::Writer::from_writer(out);
    let _ = writer.write_record(["actor", "source_org", "scope", "date", "area_km2"]);
    for map in &loaded.dataset.territory {
        for snapshot in &map.snapshots {
            let area = area_km2_on(snapshot.shape(), earth);
            let _ = writer.write_record([
                map.actor.as_str(),
                map.source_org.as_str(),
                map.scope.as_str(),
                &snapshot.date.to_string(),
                &km2(area),
            ]);
        }
    }
    match writer.flush() {
        Ok(()) => EXIT_OK,
        Err(_) => EXIT_INVALID,
    }
}

/// `frontline merge A.ron B.ron… -o OUT.ron`.
#[derive(Clone, Debug, clap::Args)]
pub struct MergeRequest {
    /// The datasets, merged in this order.
    #[arg(required = true, num_args = 2..)]
    pub files: Vec<PathBuf>,
    /// Where to write the merged dataset.
    #[arg(short, long)]
    pub output: PathBuf,
}

/// The line a record starts on in a dataset file, read again only to name a
/// conflict's place (the merge itself reads each file once).
fn record_line(path: &Path, record: data::merge::Which) -> Option<usize> {
    use data::merge::Which;
    let text = std::fs::read_to_string(path).ok()?;
    let map = data::SourceMap::scan(&text);
    let at = match record {
        Which::Source(i) => *map.sources.get(i)?,
        Which::Actor(i) => *map.actors.get(i)?,
        Which::Event(i) => *map.events.get(i)?,
        Which::Point(s, p) => *map.points.get(s)?.get(p)?,
        Which::Snapshot(m, i) => *map.snapshots.get(m)?.get(i)?,
    };
    Some(text.get(..at)?.matches('\n').count() + 1)
}

/// Merges datasets into one: exit 0 when written, 1 when a file is not valid,
/// two records conflict (each named by both places) or the output cannot be
/// written, 2 on a usage error. Nothing is written unless all is well.
pub fn merge(request: &MergeRequest, log: &mut dyn Write) -> i32 {
    if let Some(input) = super::overwritten_input(&request.output, &request.files) {
        let _ = writeln!(
            log,
            "frontline merge: -o would overwrite {}, which the merge reads; nothing written",
            input.display()
        );
        return EXIT_USAGE;
    }
    let mut parts = Vec::new();
    for path in &request.files {
        let Some(loaded) = load(path, log) else {
            let _ = writeln!(log, "frontline merge: nothing written");
            return EXIT_INVALID;
        };
        parts.push(data::merge::Part {
            // The title names the files, not where they lay.
            name: path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            dataset: loaded.dataset,
        });
    }
    let merged = match data::merge::merge(parts) {
        Ok(merged) => merged,
        Err(conflicts) => {
            for conflict in &conflicts {
                let place = |at: data::merge::RecordAt| {
                    let path = &request.files[at.part];
                    match record_line(path, at.record) {
                        Some(line) => format!("{}:{line}", path.display()),
                        None => path.display().to_string(),
                    }
                };
                let _ = writeln!(
                    log,
                    "{}: error: {conflict} from {}",
                    place(conflict.second),
                    place(conflict.first)
                );
            }
            let _ = writeln!(
                log,
                "frontline merge: {} conflicting {}; nothing written",
                conflicts.len(),
                if conflicts.len() == 1 {
                    "record"
                } else {
                    "records"
                }
            );
            return EXIT_INVALID;
        }
    };
    let name = request.output.display().to_string();
    let loaded = match data::load_dataset(merged.dataset) {
        Ok(loaded) => loaded,
        Err(failure) => {
            let _ = write!(log, "{}", failure.render(&name));
            let _ = writeln!(
                log,
                "frontline merge: the merge is not a valid dataset; nothing written"
            );
            return EXIT_INVALID;
        }
    };
    let first = request.files.first().map(PathBuf::as_path);
    if let Err(err) = export::write_atomically(&request.output, first, |w| {
        data::load::write_ron(&loaded.dataset, w)
    }) {
        let _ = writeln!(log, "{name}: {err}");
        return EXIT_INVALID;
    }
    let _ = writeln!(
        log,
        "{name}: merged {} files: {}; {} given alike more than once, kept once{}",
        request.files.len(),
        crate::format::summary(&loaded),
        merged.identical,
        if merged.polygons_written_in > 0 {
            format!(
                "; {} snapshots that named a file now hold their polygons",
                merged.polygons_written_in
            )
        } else {
            String::new()
        }
    );
    EXIT_OK
}

/// `frontline compare FILE --actor ID --org A --org B --date D`.
#[derive(Clone, Debug, clap::Args)]
pub struct CompareRequest {
    /// The dataset.
    pub file: PathBuf,
    /// The actor whose maps are compared, by id.
    #[arg(long)]
    pub actor: String,
    /// The two organisations, in order.
    #[arg(long = "org", num_args = 1, required = true)]
    pub orgs: Vec<String>,
    /// The date: each organisation's snapshot in force on it is compared.
    #[arg(long)]
    pub date: PartialDate,
    /// The earth areas are measured on: wgs84 (the default), sphere
    /// (6,378,137 m, as turf.js and DeepState's totals), mean-sphere (6,371,008.8 m).
    #[arg(long, default_value = "wgs84")]
    pub earth: String,
}

/// Prints, as CSV, where the two organisations' maps of the actor in force on
/// the date agree and where they do not:
/// `date,actor,org_a,snapshot_a,org_b,snapshot_b,a_only_km2,b_only_km2,both_km2`.
/// Exit 0 when printed, 1 when the dataset is not valid or a map has no
/// snapshot in force, 2 on a usage error.
pub fn compare(request: &CompareRequest, out: &mut dyn Write, log: &mut dyn Write) -> i32 {
    let earth = match Earth::parse(&request.earth) {
        Ok(earth) => earth,
        Err(message) => {
            let _ = writeln!(log, "frontline compare: {message}");
            return EXIT_USAGE;
        }
    };
    let [org_a, org_b] = request.orgs.as_slice() else {
        let _ = writeln!(
            log,
            "frontline compare: give --org twice, one per organisation"
        );
        return EXIT_USAGE;
    };
    let Some(loaded) = load(&request.file, log) else {
        return EXIT_INVALID;
    };
    let day = f64::from(request.date.start_day());
    let in_force = |org: &str| {
        loaded
            .dataset
            .territory
            .iter()
            .filter(|m| m.actor.as_str() == request.actor && m.source_org == org)
            .find_map(|m| m.in_force(day))
            .map(|(_, snapshot)| snapshot)
    };
    let (Some(a), Some(b)) = (in_force(org_a), in_force(org_b)) else {
        let _ = writeln!(
            log,
            "frontline compare: {}: no map of {:?} by {org_a} and by {org_b} in force on {}",
            request.file.display(),
            request.actor,
            request.date
        );
        return EXIT_INVALID;
    };
    let (b_only, a_only) = data::map::overlay::gained_and_lost(a.shape(), b.shape());
    let a_only_km2 = area_km2_on(&a_only, earth);
    let b_only_km2 = area_km2_on(&b_only, earth);
    let both_km2 = (area_km2_on(a.shape(), earth) - a_only_km2).max(0.0);
    let mut writer = csv::Writer::from_writer(out);
    let _ = writer.write_record([
        "date",
        "actor",
        "org_a",
        "snapshot_a",
        "org_b",
        "snapshot_b",
        "a_only_km2",
        "b_only_km2",
        "both_km2",
    ]);
    let _ = writer.write_record([
        request.date.to_string(),
        request.actor.clone(),
        org_a.clone(),
        a.date.to_string(),
        org_b.clone(),
        b.date.to_string(),
        km2(a_only_km2),
        km2(b_only_km2),
        km2(both_km2),
    ]);
    match writer.flush() {
        Ok(()) => EXIT_OK,
        Err(_) => EXIT_INVALID,
    }
}
