//! Import benchmark: an ACLED export of N rows (generated, 2,000 actors) imported
//! as the app does it (read, map, validate, index), against loading the `.ron`
//! file the import writes, in the same run. The target: importing takes at most
//! twice as long as loading the result.
//!
//! `cargo bench --bench import` (100k and 1M rows), or
//! `cargo bench --bench import -- 200000` for other sizes.

#![allow(
    clippy::expect_used,
    clippy::print_stdout,
    reason = "a benchmark prints its table and stops on data it generated itself"
)]

use std::io::Write;
use std::time::Instant;

use frontline::data::{self, import};
use frontline::generate::{GenerateOptions, write_table};

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![100_000, 1_000_000]
    } else {
        sizes
    };
    let folder =
        std::env::temp_dir().join(format!("frontline-import-bench-{}", std::process::id()));
    std::fs::create_dir_all(&folder).expect("a temporary folder");
    println!("| rows | CSV MB | import s | .ron MB | load .ron s | import / load |");
    println!("|---:|---:|---:|---:|---:|---:|");
    for rows in sizes {
        let csv_path = folder.join(format!("acled-{rows}.csv"));
        {
            let file = std::fs::File::create(&csv_path).expect("writable");
            let mut out = std::io::BufWriter::new(file);
            write_table(
                &GenerateOptions {
                    events: rows,
                    seed: 3,
                    actors: 2000,
                    ..Default::default()
                },
                import::Layout::Acled,
                &mut out,
            )
            .expect("written");
            out.flush().expect("flushed");
        }
        let ron_path = folder.join(format!("acled-{rows}.ron"));
        let runs = if rows >= 1_000_000 { 3 } else { 5 };
        let mut import_times = Vec::new();
        for run in 0..runs {
            let start = Instant::now();
            let imported = import::import_path(&csv_path, None, &|_| true).expect("a valid export");
            let loaded = import::load_imported(imported).expect("no bad rows");
            import_times.push(start.elapsed().as_secs_f64());
            assert_eq!(loaded.dataset.events.len(), rows);
            if run == 0 {
                let text = data::to_ron_string(&loaded.dataset).expect("serialises");
                std::fs::write(&ron_path, text).expect("writable");
            }
        }
        let mut load_times = Vec::new();
        for _ in 0..runs {
            let start = Instant::now();
            let loaded =
                data::load_path(&ron_path, &data::no_progress).expect("the written dataset loads");
            load_times.push(start.elapsed().as_secs_f64());
            assert_eq!(loaded.dataset.events.len(), rows);
        }
        let size = |p: &std::path::Path| {
            std::fs::metadata(p)
                .map(|m| m.len() as f64 / 1e6)
                .unwrap_or(0.0)
        };
        let (import_s, load_s) = (median(import_times), median(load_times));
        println!(
            "| {rows} | {:.0} | {import_s:.2} | {:.0} | {load_s:.2} | {:.2} |",
            size(&csv_path),
            size(&ron_path),
            import_s / load_s
        );
        let _ = std::fs::remove_file(&csv_path);
        let _ = std::fs::remove_file(&ron_path);
    }
    let _ = std::fs::remove_dir(&folder);
}
