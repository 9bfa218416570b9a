//! The `frontline` command: opens the viewer, or checks, exports, imports or
//! generates dataset files.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[expect(
    clippy::print_stderr,
    reason = "the command line reports what failed on standard error"
)]
fn report(message: &str) {
    eprintln!("{message}");
}

/// Frontline: dated conflict events and territorial-control figures, with their sources.
#[derive(Parser)]
#[command(name = "frontline", version, args_conflicts_with_subcommands = true)]
struct Args {
    /// A dataset file to open; without one, the built-in dataset opens.
    file: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Action>,
}

#[derive(Subcommand)]
enum Action {
    /// Validate dataset files without opening a window: exit 0 when all are valid,
    /// 1 when any is not, 2 on a usage error.
    Check {
        /// The files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Export a dataset's events (and optionally its figures) as CSV for a
    /// spreadsheet, with the app's filters: exit 0 when written, 1 when the
    /// dataset is not valid or a file cannot be written, 2 on a usage error.
    Export(Box<frontline::cli::ExportRequest>),
    /// Import an ACLED, UCDP or GDELT export as a Frontline dataset: exit 0 when
    /// written, 1 when the file cannot be read or has bad rows (listed, with
    /// their lines), 2 on a usage error.
    Import(Box<frontline::cli::ImportRequest>),
    /// Print the area of every territory snapshot of a dataset as CSV
    /// (actor,source_org,scope,date,area_km2), the geodesic area on the WGS84
    /// ellipsoid: exit 0 when printed, 1 when the dataset is not valid.
    Areas {
        /// The dataset file.
        file: std::path::PathBuf,
        /// The earth areas are measured on: wgs84 (the default), sphere
        /// (6,378,137 m, as turf.js and DeepState's totals), mean-sphere
        /// (6,371,008.8 m, as s2 and R's sf).
        #[arg(long, default_value = "wgs84")]
        earth: String,
    },
    /// Merge datasets into one: sources, actors and events by id, series and
    /// control maps by actor, organisation and scope; a record given twice
    /// differently is an error naming both places, and nothing is written:
    /// exit 0 when written, 1 on a conflict or an invalid file.
    Merge(frontline::cli::MergeRequest),
    /// Compare two organisations' control maps of one actor on a date, as CSV
    /// (date,actor,org_a,snapshot_a,org_b,snapshot_b,a_only_km2,b_only_km2,both_km2):
    /// exit 0 when printed, 1 when a map is missing or the dataset is invalid.
    Compare(frontline::cli::CompareRequest),
    /// Write playback of a dataset as numbered PNG frames (frame-00001.png…):
    /// opens the window (a display is needed; `xvfb-run` gives one), steps
    /// the playhead from one date to another, writes each frame, and closes:
    /// exit 0 when every frame is written, 1 when not.
    Frames {
        /// The dataset file.
        file: PathBuf,
        /// The first date of the playhead ("2016-01-01").
        #[arg(long)]
        from: frontline::data::PartialDate,
        /// The last date of the playhead.
        #[arg(long)]
        to: frontline::data::PartialDate,
        /// Days from one frame to the next.
        #[arg(long, default_value_t = 1.0)]
        step: f64,
        /// Days the window shows, ending at the playhead; 0: everything from `--from`.
        #[arg(long, default_value_t = 90.0)]
        window: f64,
        /// The folder the frames go in.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Write a synthetic dataset (or an export in ACLED's, UCDP's or GDELT's layout) to
    /// standard output, for testing and benchmarks.
    Generate {
        /// How many events (at most 20,000,000).
        #[arg(long, value_parser = clap::value_parser!(u64).range(0..=frontline::generate::MAX_EVENTS))]
        events: u64,
        /// How many control series (at most 10,000; Frontline datasets only).
        #[arg(long, default_value_t = 12, value_parser = clap::value_parser!(u64).range(0..=frontline::generate::MAX_SERIES))]
        series: u64,
        /// How many actors (at most 100,000).
        #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u64).range(1..=frontline::generate::MAX_ACTORS))]
        actors: u64,
        /// What to write: a Frontline dataset, or an export to import.
        #[arg(long, value_enum, default_value_t = GeneratedFormat::Ron)]
        format: GeneratedFormat,
        /// The random seed: the same seed gives the same file.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Daily control-map snapshots of the first actor, boxes with a hole
        /// whose area is known in closed form (Frontline datasets only).
        #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u64).range(0..=frontline::generate::MAX_SNAPSHOTS))]
        territory: u64,
        /// About how many positions each snapshot has.
        #[arg(long, default_value_t = 5000, value_parser = clap::value_parser!(u64).range(8..=1_000_000))]
        vertices: u64,
    },
}

/// What `generate` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum GeneratedFormat {
    /// A Frontline dataset (RON).
    Ron,
    /// A CSV export in ACLED's layout.
    Acled,
    /// A CSV export in UCDP GED's layout.
    Ucdp,
    /// A GDELT 2.0 event file (tab-separated, no header).
    Gdelt,
}

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(err) => {
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { 2 } else { 0 });
        }
    };
    match args.command {
        Some(Action::Check { files }) => {
            let code = frontline::cli::check(&files, &mut std::io::stdout().lock());
            ExitCode::from(code as u8)
        }
        Some(Action::Export(request)) => {
            let code = frontline::cli::export(&request, &mut std::io::stdout().lock());
            ExitCode::from(code as u8)
        }
        Some(Action::Areas { file, earth }) => {
            let code = frontline::cli::areas(
                &file,
                &earth,
                &mut std::io::stdout().lock(),
                &mut std::io::stderr().lock(),
            );
            ExitCode::from(code as u8)
        }
        Some(Action::Merge(request)) => {
            let code = frontline::cli::merge(&request, &mut std::io::stderr().lock());
            ExitCode::from(code as u8)
        }
        Some(Action::Compare(request)) => {
            let code = frontline::cli::compare(
                &request,
                &mut std::io::stdout().lock(),
                &mut std::io::stderr().lock(),
            );
            ExitCode::from(code as u8)
        }
        Some(Action::Import(request)) => {
            let code = frontline::cli::import(
                &request,
                &mut std::io::stdout().lock(),
                &mut std::io::stderr().lock(),
            );
            ExitCode::from(code as u8)
        }
        Some(Action::Generate {
            events,
            series,
            actors,
            format,
            seed,
            territory,
            vertices,
        }) => {
            // All are bounded by clap far below usize::MAX.
            let options = frontline::generate::GenerateOptions {
                events: usize::try_from(events).unwrap_or(usize::MAX),
                series: usize::try_from(series).unwrap_or(usize::MAX),
                seed,
                actors: usize::try_from(actors).unwrap_or(usize::MAX),
            };
            let out = &mut std::io::BufWriter::new(std::io::stdout().lock());
            let written = match format {
                GeneratedFormat::Ron => frontline::generate::write(
                    &options,
                    &frontline::generate::TerritoryOptions {
                        snapshots: usize::try_from(territory).unwrap_or(usize::MAX),
                        vertices: usize::try_from(vertices).unwrap_or(usize::MAX),
                    },
                    out,
                ),
                GeneratedFormat::Acled => frontline::generate::write_table(
                    &options,
                    frontline::data::import::Layout::Acled,
                    out,
                ),
                GeneratedFormat::Ucdp => frontline::generate::write_table(
                    &options,
                    frontline::data::import::Layout::Ucdp,
                    out,
                ),
                GeneratedFormat::Gdelt => frontline::generate::write_table(
                    &options,
                    frontline::data::import::Layout::Gdelt,
                    out,
                ),
            };
            match written.and_then(|()| std::io::Write::flush(out).map_err(|e| e.to_string())) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) => {
                    report(&format!("frontline generate: {err}"));
                    ExitCode::FAILURE
                }
            }
        }
        Some(Action::Frames {
            file,
            from,
            to,
            step,
            window,
            output,
        }) => {
            let request = frontline::app::recording::FramesRequest {
                folder: output,
                from: f64::from(from.start_day()),
                to: f64::from(to.end_day_exclusive() - 1),
                step,
                window: (window > 0.0).then_some(window),
            };
            run_frames(file, request)
        }
        None => run_viewer(args.file),
    }
}

/// The window as the viewer opens it.
fn window_options() -> eframe::NativeOptions {
    eframe::NativeOptions {
        renderer: eframe::Renderer::Glow,
        viewport: egui::ViewportBuilder::default()
            .with_title("Frontline")
            .with_inner_size([1600.0, 1000.0])
            .with_min_inner_size([900.0, 600.0])
            .with_drag_and_drop(true),
        ..Default::default()
    }
}

fn run_viewer(file: Option<PathBuf>) -> ExitCode {
    match eframe::run_native(
        "Frontline",
        window_options(),
        Box::new(move |cc| Ok(Box::new(frontline::app::FrontlineApp::new(cc, file)))),
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            report(&format!("frontline: could not open a window: {err}"));
            ExitCode::FAILURE
        }
    }
}

/// Opens the window on `file`, writes `request`'s frames, and closes.
fn run_frames(file: PathBuf, request: frontline::app::recording::FramesRequest) -> ExitCode {
    let outcome: frontline::app::recording::RecordingOutcome = Default::default();
    let told = std::sync::Arc::clone(&outcome);
    let folder = request.folder.clone();
    let opened = eframe::run_native(
        "Frontline",
        window_options(),
        Box::new(move |cc| {
            let mut app = frontline::app::FrontlineApp::new(cc, Some(file));
            app.record_frames_after_load(request, told);
            Ok(Box::new(app))
        }),
    );
    if let Err(err) = opened {
        report(&format!("frontline frames: could not open a window: {err}"));
        return ExitCode::FAILURE;
    }
    let ended = outcome
        .lock()
        .map(|outcome| outcome.clone())
        .unwrap_or_else(|poisoned| poisoned.into_inner().clone());
    match ended {
        Some(Ok(written)) => {
            report(&format!(
                "frontline frames: {written} frames written to {}",
                folder.display()
            ));
            ExitCode::SUCCESS
        }
        Some(Err(why)) => {
            report(&format!("frontline frames: {why}"));
            ExitCode::FAILURE
        }
        None => {
            report("frontline frames: the window was closed before every frame was written");
            ExitCode::FAILURE
        }
    }
}
