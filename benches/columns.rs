//! Filters and search on the event columns, each beside a plain pass over the
//! same column in the same run: the ratio says how far each is from reading
//! memory at its speed.
//!
//! Every size is loaded first; then each piece of work runs at every size in
//! turn, round after round, so that the ratio between sizes is taken from
//! runs made side by side (a busy spell on a shared machine slows both)
//! rather than from runs minutes apart.
//!
//! `cargo bench --bench columns` (sizes: 1M, 10M events), or
//! `cargo bench --bench columns -- 100000` for other sizes; `filters` after
//! the sizes leaves out the searches.

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

/// Rounds for a filter, which takes milliseconds.
const FILTER_ROUNDS: usize = 11;
/// Rounds for a search, which takes up to a quarter of a second at 10M.
const SEARCH_ROUNDS: usize = 5;

/// The median of `samples`.
fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

/// How long `work` takes, in milliseconds.
fn time_ms<T>(work: impl FnOnce() -> T) -> f64 {
    let start = Instant::now();
    std::hint::black_box(work());
    start.elapsed().as_secs_f64() * 1e3
}

/// One piece of work, and the plain pass it is set beside.
struct Work<'a> {
    what: String,
    run: Box<dyn Fn(&LoadedDataset) -> usize + 'a>,
    plain_what: &'static str,
    plain: Box<dyn Fn(&LoadedDataset) -> usize + 'a>,
    rounds: usize,
}

/// Runs `work` at every size, in turn, `work.rounds` times, and prints a row
/// for each size: its median, the plain pass's, and the median of each
/// round's ratio to the first size.
fn measure(all: &[(usize, LoadedDataset)], work: &Work<'_>) {
    let mut took = vec![Vec::new(); all.len()];
    let mut plain = vec![Vec::new(); all.len()];
    for _ in 0..work.rounds {
        for (i, (_, loaded)) in all.iter().enumerate() {
            took[i].push(time_ms(|| (work.run)(loaded)));
            plain[i].push(time_ms(|| (work.plain)(loaded)));
        }
    }
    for (i, (events, _)) in all.iter().enumerate() {
        let to_first: Vec<f64> = took[i]
            .iter()
            .zip(&took[0])
            .map(|(here, first)| here / first.max(1e-3))
            .collect();
        let (here, pass) = (median(took[i].clone()), median(plain[i].clone()));
        println!(
            "| {events} | {} | {here:.1} | {pass:.1} ({}) | {:.1} | {:.1} |",
            work.what,
            work.plain_what,
            here / pass.max(1e-3),
            median(to_first),
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() {
        vec![1_000_000, 10_000_000]
    } else {
        sizes
    };
    let only_filters = args.iter().any(|a| a == "filters");
    let all: Vec<(usize, LoadedDataset)> = sizes
        .into_iter()
        .map(|events| {
            let loaded = data::load_dataset(dataset(&GenerateOptions {
                events,
                series: 12,
                seed: 7,
                ..Default::default()
            }))
            .expect("generated data is valid");
            (events, loaded)
        })
        .collect();
    println!(
        "| events | work | median ms | plain pass over the same column, ms | ratio | \
         to the first size (median of rounds) |"
    );
    println!("|---:|---|---:|---:|---:|---:|");
    for work in filters().iter().chain(&under_way()) {
        measure(&all, work);
    }
    if !only_filters {
        for work in &searches() {
            measure(&all, work);
        }
    }
}

/// A filter's work: applied to the whole date order.
fn applying(filter: EventFilter) -> Box<dyn Fn(&LoadedDataset) -> usize> {
    Box::new(move |loaded| {
        filter
            .apply(loaded, &loaded.index.order, &|| false)
            .expect("done")
            .len()
    })
}

fn filters() -> Vec<Work<'static>> {
    // One actor: its lane of the index.
    let first_actor = |loaded: &LoadedDataset| {
        (0..loaded.dataset.events.len())
            .filter(|&e| loaded.index.actors_of(e).contains(&0))
            .count()
    };
    let first_three = |loaded: &LoadedDataset| {
        (0..loaded.dataset.events.len())
            .filter(|&e| loaded.index.actors_of(e).iter().any(|&a| a < 3))
            .count()
    };
    let reported = |loaded: &LoadedDataset| {
        loaded
            .dataset
            .events
            .iter()
            .filter(|e| e.confidence() == Confidence::Reported)
            .count()
    };
    let actors = |ids: &[&str]| EventFilter {
        actors: ids.iter().map(|&id| id.to_owned()).collect(),
        ..Default::default()
    };
    let mut by_confidence = EventFilter::default();
    by_confidence.confidence.insert(Confidence::Reported);
    vec![
        Work {
            what: "filter: one actor".to_owned(),
            run: applying(actors(&["a0"])),
            plain_what: "actors of each event",
            plain: Box::new(first_actor),
            rounds: FILTER_ROUNDS,
        },
        // Three actors: about half the events.
        Work {
            what: "filter: three actors".to_owned(),
            run: applying(actors(&["a0", "a1", "a2"])),
            plain_what: "actors of each event",
            plain: Box::new(first_three),
            rounds: FILTER_ROUNDS,
        },
        // One confidence level: the confidence column.
        Work {
            what: "filter: one confidence level".to_owned(),
            run: applying(by_confidence),
            plain_what: "confidence of each event",
            plain: Box::new(reported),
            rounds: FILTER_ROUNDS,
        },
    ]
}

/// What the span panel reads for a new span's start: the events under way
/// then, beside a plain pass over every event's span.
fn under_way() -> Vec<Work<'static>> {
    let middle = |loaded: &LoadedDataset| {
        let (first, last) = loaded.index.extent.expect("events");
        (first + last) / 2.0 + 0.5
    };
    vec![Work {
        what: "span: events under way at a new start".to_owned(),
        run: Box::new(move |loaded| {
            data::span::ongoing_at(&loaded.index, &loaded.index.order, middle(loaded)).len()
        }),
        plain_what: "every event's span",
        plain: Box::new(move |loaded| {
            let day = middle(loaded);
            loaded
                .index
                .spans
                .iter()
                .filter(|s| s.start < day && s.end > day)
                .count()
        }),
        rounds: FILTER_ROUNDS,
    }]
}

fn searches() -> Vec<Work<'static>> {
    let memmem = |loaded: &LoadedDataset| {
        let finder = memchr::memmem::Finder::new(b"refinery");
        loaded
            .dataset
            .events
            .text_blocks()
            .map(|block| finder.find_iter(block.as_bytes()).count())
            .sum::<usize>()
    };
    let mut all = Vec::new();
    for threads in [1, 2] {
        for query in ["refinery", "Militia", "hospital market", "zzqx"] {
            all.push(Work {
                what: format!("search: \"{query}\", text on {threads} thread(s)"),
                run: Box::new(move |loaded| {
                    let prepared = TextQuery::new(query, loaded).expect("a query");
                    prepared
                        .mark_all_on(loaded, threads, &|| false)
                        .expect("done")
                        .len()
                }),
                plain_what: "memmem through the text blocks, as written",
                plain: Box::new(memmem),
                rounds: SEARCH_ROUNDS,
            });
        }
    }
    all
}
