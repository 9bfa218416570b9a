//! Load benchmark: parse + validate + index of generated datasets (pretty RON, as
//! `frontline generate` writes it), with throughput and peak memory.
//!
//! `cargo bench --bench load` (sizes: 10k, 100k, 1M events), or
//! `cargo bench --bench load -- 10000 100000` for other sizes;
//! `cargo bench --bench load -- parts 1000000 10000000` for only what stays in
//! memory, by part, after loading a file as the app does;
//! `cargo bench --bench load -- phases FILE...` for how long a load of each
//! existing file takes, and its validation and its index taken alone.

#![allow(
    unsafe_code,
    reason = "the counting allocator wraps the system allocator to measure peak heap"
)]
#![allow(
    clippy::expect_used,
    clippy::print_stdout,
    reason = "a benchmark prints its table and stops on data it generated itself"
)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use frontline::data::{self, Dataset};
use frontline::generate::{GenerateOptions, dataset};

/// Counts live heap bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            if new_size > layout.size() {
                let live = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size
                    - layout.size();
                PEAK.fetch_max(live, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    if std::env::args().nth(1).as_deref() == Some("parts") {
        return parts_after_loading_a_file(&sizes);
    }
    if std::env::args().nth(1).as_deref() == Some("phases") {
        let files: Vec<String> = std::env::args().skip(2).collect();
        return phases_of_loading(&files);
    }
    let mut breakdown = Vec::new();
    let mut by_part = Vec::new();
    let sizes = if sizes.is_empty() {
        vec![10_000, 100_000, 1_000_000]
    } else {
        sizes
    };
    let mut from_text = Vec::new();
    let mut from_file = Vec::new();
    for events in sizes {
        let text = {
            let generated = dataset(&GenerateOptions {
                events,
                series: 12,
                seed: 7,
                ..Default::default()
            });
            data::to_ron_string(&generated).expect("generated data serialises")
        };
        let megabytes = text.len() as f64 / 1e6;
        let runs = if events >= 1_000_000 {
            3
        } else if events >= 100_000 {
            5
        } else {
            15
        };

        let mut parse_times = Vec::new();
        for _ in 0..runs {
            let start = Instant::now();
            let parsed: Dataset = data::load::ron_options().from_str(&text).expect("parses");
            parse_times.push(start.elapsed().as_secs_f64());
            drop(parsed);
        }

        let mut load_times = Vec::new();
        let mut peak_extra = 0usize;
        for _ in 0..runs {
            let before = LIVE.load(Ordering::Relaxed);
            PEAK.store(before, Ordering::Relaxed);
            let start = Instant::now();
            let loaded = data::load_str(&text).expect("generated data is valid");
            load_times.push(start.elapsed().as_secs_f64());
            peak_extra = peak_extra.max(PEAK.load(Ordering::Relaxed) - before);
            assert_eq!(loaded.dataset.events.len(), events);
            drop(loaded);
        }
        // What stays in memory: the parsed dataset, then the index built from it.
        let before = LIVE.load(Ordering::Relaxed);
        let parsed = data::ron_text::parse(&text, &|_| true).expect("parses").0;
        let dataset_bytes = LIVE.load(Ordering::Relaxed) - before;
        let index = frontline::data::DatasetIndex::build(&parsed);
        let index_bytes = LIVE.load(Ordering::Relaxed) - before - dataset_bytes;
        let parts = parsed.events.bytes();
        drop((index, parsed));
        breakdown.push((events, dataset_bytes, index_bytes, text.len()));
        by_part.push((events, parts, index_bytes, dataset_bytes, text.len()));

        let load = median(load_times);
        let parse = median(parse_times);
        // Loading from text holds the text: count it in the peak.
        let peak_total = peak_extra + text.len();
        from_text.push(format!(
            "| {events} | {megabytes:.1} | {:.0} ms | {:.1} | {:.0} ms | {:.2} | {:.0} MB | {:.2} |",
            load * 1e3,
            megabytes / load,
            parse * 1e3,
            load / parse,
            peak_total as f64 / 1e6,
            peak_total as f64 / text.len() as f64,
        ));

        // The app's path: from the file, events streamed as it is read.
        let path = std::env::temp_dir().join(format!("frontline-bench-{events}.ron"));
        std::fs::write(&path, &text).expect("write the file");
        let file_len = text.len();
        drop(text);
        let mut stream_times = Vec::new();
        let mut stream_peak = 0usize;
        for _ in 0..runs {
            let before = LIVE.load(Ordering::Relaxed);
            PEAK.store(before, Ordering::Relaxed);
            let start = Instant::now();
            let loaded =
                data::load_path(&path, &data::no_progress).expect("generated data is valid");
            stream_times.push(start.elapsed().as_secs_f64());
            stream_peak = stream_peak.max(PEAK.load(Ordering::Relaxed) - before);
            assert_eq!(loaded.dataset.events.len(), events);
            drop(loaded);
        }
        let _ = std::fs::remove_file(&path);
        let stream = median(stream_times);
        from_file.push(format!(
            "| {events} | {megabytes:.1} | {:.0} ms | {:.1} | {:.0} MB | {:.2} |",
            stream * 1e3,
            megabytes / stream,
            stream_peak as f64 / 1e6,
            stream_peak as f64 / file_len as f64,
        ));
    }
    println!(
        "Loading a file, as the app and `frontline check` do (events streamed as the file is read):"
    );
    println!();
    println!("| events | file MB | load median | MB/s | peak heap during load | peak / file |");
    println!("|---:|---:|---:|---:|---:|---:|");
    for row in from_file {
        println!("{row}");
    }
    println!();
    println!("Loading from text already in memory (`load_str`), against ron's own parse:");
    println!();
    println!(
        "| events | file MB | load median | MB/s | ron parse alone | load / parse | peak heap with the text | peak / file |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for row in from_text {
        println!("{row}");
    }
    println!();
    println!("What stays in memory:");
    println!();
    println!("| events | dataset in memory | index | dataset / file | index / file |");
    println!("|---:|---:|---:|---:|---:|");
    for (events, dataset, index, file) in breakdown {
        println!(
            "| {events} | {:.0} MB | {:.0} MB | {:.2} | {:.2} |",
            dataset as f64 / 1e6,
            index as f64 / 1e6,
            dataset as f64 / file as f64,
            index as f64 / file as f64
        );
    }
    println!();
    println!("Bytes per event, by part (heap, counted as reserved):");
    println!();
    println!(
        "| events | text | columns | places | actors, tags, citations | extras | rest of the dataset | index | all | file |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (events, parts, index, dataset, file) in by_part {
        let per = |bytes: usize| bytes as f64 / events as f64;
        let in_events = parts.text + parts.columns + parts.places + parts.lists + parts.extras;
        println!(
            "| {events} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} |",
            per(parts.text),
            per(parts.columns),
            per(parts.places),
            per(parts.lists),
            per(parts.extras),
            per(dataset.saturating_sub(in_events)),
            per(index),
            per(dataset + index),
            per(file),
        );
    }
}

/// What stays in memory after loading a generated file as the app does, by
/// part, and the peak while loading; the dataset is written to a file first
/// and let go, so that only the load is counted.
fn parts_after_loading_a_file(sizes: &[usize]) {
    println!(
        "| events | file MB | text | columns | places | actors, tags, citations | extras | rest of the dataset | index | all | file | peak during load / file |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for &events in sizes {
        let path = std::env::temp_dir().join(format!("frontline-parts-{events}.ron"));
        {
            let generated = dataset(&GenerateOptions {
                events,
                series: 12,
                seed: 7,
                ..Default::default()
            });
            let file = std::fs::File::create(&path).expect("create the file");
            data::ron_text::write_ron(&generated, std::io::BufWriter::new(file))
                .expect("write the file");
        }
        let file_len = std::fs::metadata(&path).expect("written").len() as usize;
        let before = LIVE.load(Ordering::Relaxed);
        PEAK.store(before, Ordering::Relaxed);
        let loaded = data::load_path(&path, &data::no_progress).expect("generated data is valid");
        let peak = PEAK.load(Ordering::Relaxed) - before;
        let total = LIVE.load(Ordering::Relaxed) - before;
        let _ = std::fs::remove_file(&path);
        let before_index = LIVE.load(Ordering::Relaxed);
        let index = frontline::data::DatasetIndex::build(&loaded.dataset);
        let index_bytes = LIVE.load(Ordering::Relaxed) - before_index;
        drop(index);
        let parts = loaded.dataset.events.bytes();
        let in_events = parts.text + parts.columns + parts.places + parts.lists + parts.extras;
        let per = |bytes: usize| bytes as f64 / events as f64;
        println!(
            "| {events} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {:.2} |",
            file_len as f64 / 1e6,
            per(parts.text),
            per(parts.columns),
            per(parts.places),
            per(parts.lists),
            per(parts.extras),
            per(total.saturating_sub(index_bytes + in_events)),
            per(index_bytes),
            per(total),
            per(file_len),
            peak as f64 / file_len as f64,
        );
    }
}

/// The load of each file (as `frontline check` does it), then its two halves
/// that run side by side after the events are read, each alone: validation and
/// the index. Medians of three.
fn phases_of_loading(files: &[String]) {
    println!("| file | events | load | validate alone | index alone |");
    println!("|---|---:|---:|---:|---:|");
    for file in files {
        let path = std::path::Path::new(file);
        let mut loads = Vec::new();
        let mut loaded = None;
        for _ in 0..3 {
            drop(loaded.take());
            let start = Instant::now();
            loaded = Some(data::load_path(path, &data::no_progress).expect("the file is valid"));
            loads.push(start.elapsed().as_secs_f64());
        }
        let loaded = loaded.expect("loaded three times");
        let mut validations = Vec::new();
        let mut indexes = Vec::new();
        for _ in 0..3 {
            let start = Instant::now();
            let problems = data::validate::validate(&loaded.dataset);
            validations.push(start.elapsed().as_secs_f64());
            drop(problems);
            let start = Instant::now();
            let index = frontline::data::DatasetIndex::build(&loaded.dataset);
            indexes.push(start.elapsed().as_secs_f64());
            drop(index);
        }
        println!(
            "| {file} | {} | {:.2} s | {:.0} ms | {:.0} ms |",
            loaded.dataset.events.len(),
            median(loads),
            median(validations) * 1e3,
            median(indexes) * 1e3,
        );
    }
}
