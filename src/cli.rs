//! Command-line actions that need no window: `check` and `generate`.

use std::io::Write;
use std::path::PathBuf;

use crate::data;
use crate::format::{plural, summary};

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
                let _ = write!(
                    out,
                    "{}",
                    data::problem::render_all(&loaded.warnings, &name)
                );
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
