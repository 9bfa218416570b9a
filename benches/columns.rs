//! Filters and search on the event columns, each beside a plain pass over the
//! same column in the same run: the ratio says how far each is from reading
//! memory at its speed.
//!
//! `cargo bench --bench columns` (sizes: 1M, 10M events), or
//! `cargo bench --bench columns -- 100000` for other sizes.

#![allow(
    clippy::expect_used,
    clippy::print_stdout,
    reason = "a benchmark prints its table and stops on data it generated itself"
)]

use std::time::Instant;

use frontline::data::filter::EventFilter;
use frontline::data::search::TextQuery;
use frontline::data::{self, Confidence, LoadedDataset};
use frontline::generate::{GenerateOptions, dataset};

/// The median of `runs` timings of `work`, in milliseconds.
fn median_ms<T>(runs: usize, mut work: impl FnMut() -> T) -> f64 {
    let mut samples: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(work());
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn row(events: usize, what: &str, took: f64, plain: f64, plain_what: &str) {
    println!(
        "| {events} | {what} | {took:.1} | {plain:.1} ({plain_what}) | {:.1} |",
        took / plain.max(1e-3)
    );
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1_000_000, 10_000_000]
    } else {
        sizes
    };
    println!("| events | work | median ms | plain pass over the same column, ms | ratio |");
    println!("|---:|---|---:|---:|---:|");
    for events in sizes {
        let loaded = data::load_dataset(dataset(&GenerateOptions {
            events,
            series: 12,
            seed: 7,
            ..Default::default()
        }))
        .expect("generated data is valid");
        filters(&loaded, events);
        under_way(&loaded, events);
        searches(&loaded, events);
    }
}

fn filters(loaded: &LoadedDataset, events: usize) {
    let order = &loaded.index.order;
    let apply = |filter: &EventFilter| filter.apply(loaded, order, &|| false).expect("done");
    // One actor: the actors' column of the index.
    let actor = loaded.dataset.actors[0].id.clone();
    let mut by_actor = EventFilter::default();
    by_actor.actors.insert(actor);
    let took = median_ms(11, || apply(&by_actor).len());
    let plain = median_ms(5, || {
        (0..events)
            .filter(|&e| loaded.index.actors_of(e).contains(&0))
            .count()
    });
    row(
        events,
        "filter: one actor",
        took,
        plain,
        "actors of each event",
    );
    // Three actors: their lanes, one event of two in the date order.
    let mut by_actors = EventFilter::default();
    by_actors
        .actors
        .extend(loaded.dataset.actors.iter().take(3).map(|a| a.id.clone()));
    let took = median_ms(11, || apply(&by_actors).len());
    let plain = median_ms(5, || {
        (0..events)
            .filter(|&e| loaded.index.actors_of(e).iter().any(|&a| a < 3))
            .count()
    });
    row(
        events,
        "filter: three actors",
        took,
        plain,
        "actors of each event",
    );
    // One confidence level: the confidence column.
    let mut by_confidence = EventFilter::default();
    by_confidence.confidence.insert(Confidence::Reported);
    let took = median_ms(11, || apply(&by_confidence).len());
    let plain = median_ms(5, || {
        loaded
            .dataset
            .events
            .iter()
            .filter(|e| e.confidence() == Confidence::Reported)
            .count()
    });
    row(
        events,
        "filter: one confidence level",
        took,
        plain,
        "confidence of each event",
    );
}

/// What the span panel reads for a new span's start: the events under way
/// then, beside a plain pass over every event's span.
fn under_way(loaded: &LoadedDataset, events: usize) {
    let (first, last) = loaded.index.extent.expect("events");
    let day = (first + last) / 2.0 + 0.5;
    let order = &loaded.index.order;
    let took = median_ms(5, || {
        data::span::ongoing_at(&loaded.index, order, day).len()
    });
    let plain = median_ms(5, || {
        loaded
            .index
            .spans
            .iter()
            .filter(|s| s.start < day && s.end > day)
            .count()
    });
    row(
        events,
        "span: events under way at a new start",
        took,
        plain,
        "every event's span",
    );
}

fn searches(loaded: &LoadedDataset, events: usize) {
    let plain = median_ms(5, || {
        let finder = memchr::memmem::Finder::new(b"refinery");
        loaded
            .dataset
            .events
            .text_blocks()
            .map(|block| finder.find_iter(block.as_bytes()).count())
            .sum::<usize>()
    });
    for threads in [1, 2] {
        for query in ["refinery", "Militia", "hospital market", "zzqx"] {
            let prepared = TextQuery::new(query, loaded).expect("a query");
            let took = median_ms(5, || {
                prepared
                    .mark_all_on(loaded, threads, &|| false)
                    .expect("done")
            });
            row(
                events,
                &format!("search: \"{query}\", text on {threads} thread(s)"),
                took,
                plain,
                "memmem through the text blocks, as written",
            );
        }
    }
}
