//! Command-line actions that need no window: `check` and `generate`.

use std::io::Write;
use std::path::PathBuf;

use crate::data::{self, LoadedDataset};

/// Exit code: every file is valid.
pub const EXIT_OK: i32 = 0;
/// Exit code: at least one file is not valid.
pub const EXIT_INVALID: i32 = 1;
/// Exit code: the command line was wrong.
pub const EXIT_USAGE: i32 = 2;

/// Validates each file and writes a summary line per valid file, or every problem.
/// Returns the process exit code.
pub fn check(paths: &[PathBuf], out: &mut dyn Write) -> i32 {
    if paths.is_empty() {
        let _ = writeln!(out, "frontline check: name at least one dataset file");
        return EXIT_USAGE;
    }
    let mut code = EXIT_OK;
    for path in paths {
        let name = path.display().to_string();
        match data::load_path(path) {
            Ok(loaded) => {
                for warning in &loaded.warnings {
                    let _ = writeln!(out, "{}", warning.render(&name));
                }
                let _ = writeln!(out, "{name}: ok, {}", summary(&loaded));
            }
            Err(failure) => {
                code = EXIT_INVALID;
                let _ = write!(out, "{}", failure.render(&name));
                let errors = failure.errors().count();
                let warnings = failure.problems.len() - errors;
                let _ = writeln!(
                    out,
                    "{name}: not valid, {} and {}",
                    plural(errors, "error"),
                    plural(warnings, "warning")
                );
            }
        }
    }
    code
}

/// "50 events, 18 series (58 points), 72 sources, 11 actors, 2014-01 to 2019-10-27".
pub fn summary(loaded: &LoadedDataset) -> String {
    let dataset = &loaded.dataset;
    let points = loaded.index.point_count;
    let span = match loaded.index.date_span {
        Some((first, last)) => format!(", {first} to {last}"),
        None => String::new(),
    };
    format!(
        "{}, {} ({}), {}, {}{span}{}",
        plural(dataset.events.len(), "event"),
        plural(dataset.control.len(), "series"),
        plural(points, "point"),
        plural(dataset.sources.len(), "source"),
        plural(dataset.actors.len(), "actor"),
        if loaded.warnings.is_empty() {
            String::new()
        } else {
            format!(", {}", plural(loaded.warnings.len(), "warning"))
        }
    )
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 || word.ends_with("series") {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}
