//! The streaming loader gives the same dataset as the whole-text loader, and the
//! same problems when a file has any.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers stop the test on a failed assumption"
)]

use frontline::data::{self, load_path, stream_load::why_not_streamed};
use frontline::generate::{GenerateOptions, dataset};

use crate::common;
use common::temp_file;

/// A generated dataset as `frontline generate` writes it.
fn generated(events: usize, series: usize, seed: u64) -> String {
    data::to_ron_string(&dataset(&GenerateOptions {
        events,
        series,
        seed,
        ..Default::default()
    }))
    .expect("serialises")
}

/// Loads `text` both ways and compares; returns whether streaming did the work.
fn same_as_whole_text(name: &str, text: &str) -> bool {
    let path = temp_file(name, text);
    // Streamed: loaded, or found invalid, without giving way to the whole-text
    // reader.
    let streamed_alone = why_not_streamed(&path).is_none();
    let streamed = load_path(&path, &data::no_progress);
    let whole = data::load_str(text);
    match (streamed, whole) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.dataset, b.dataset, "{name}");
            assert_eq!(a.warnings, b.warnings, "{name}");
            assert_eq!(
                a.index.order.chronological, b.index.order.chronological,
                "{name}"
            );
        }
        (Err(a), Err(b)) => assert_eq!(a, b, "{name}"),
        (a, b) => panic!(
            "{name}: streamed {:?} but whole text {:?}",
            a.is_ok(),
            b.is_ok()
        ),
    }
    streamed_alone
}

#[test]
fn streaming_reads_what_the_whole_text_reads() {
    assert!(same_as_whole_text(
        "small.ron",
        include_str!("data/small.ron")
    ));
    assert!(same_as_whole_text(
        "default.ron",
        data::load::DEFAULT_DATASET_TEXT
    ));
    // Larger than several read blocks, so events straddle block boundaries.
    let big = generated(40_000, 3, 2);
    assert!(big.len() > 8 << 20, "the file spans several blocks");
    assert!(same_as_whole_text("big.ron", &big));
    // Written on one line, with comments and unnamed structs.
    let compact = include_str!("data/small.ron")
        .replace('\n', " ")
        .replace("#![enable(implicit_some)] ", "#![enable(implicit_some)]\n")
        .replace("Event(", "/* an event */ (");
    assert!(same_as_whole_text("compact.ron", &compact));
    // On one line, problems after the events keep their columns.
    let compact_bad = compact
        .replacen("Series(actor: \"north\"", "Series(actor: \"nobody\"", 1)
        .replacen("actors: [\"south\"]", "actors: [\"west\"]", 1);
    assert_ne!(compact_bad, compact);
    assert!(same_as_whole_text("compact-bad.ron", &compact_bad));
    // Events last, after the control series.
    let text = include_str!("data/small.ron");
    let events_start = text.find("  events: [").expect("events");
    let control_start = text.find("  control: [").expect("control");
    let reordered = format!(
        "{}{}{}",
        &text[..events_start],
        &text[control_start..text.rfind(')').expect("end")],
        &text[events_start..control_start]
    ) + ")";
    assert!(same_as_whole_text("reordered.ron", &reordered));
    // Forms the fast reader leaves to ron (a raw string, a `\u{..}` escape, a
    // char literal in a comment) are read by ron from the event's own text.
    let unusual = include_str!("data/small.ron")
        .replacen(
            "title: \"Siege of Example Town\",",
            "title: r#\"Siege of \"Example\" Town\"#, // ')'",
            1,
        )
        .replacen(
            "title: \"Bridge into the town destroyed\"",
            "title: \"Bridge into the town destroyed \\u{2014} again\"",
            1,
        );
    assert!(same_as_whole_text("unusual.ron", &unusual));
}

#[test]
fn files_with_problems_report_the_same_problems() {
    let small = include_str!("data/small.ron");
    let cases = [
        ("bad-actor.ron", small.replacen("actors: [\"south\"]", "actors: [\"west\"]", 1)),
        ("syntax.ron", small.replacen("confidence: Reported,", "confidence: Reported", 1)),
        (
            "warning.ron",
            small.replacen(
                "cites: [Cite(source: \"agency-2020-03-02\", quote: \"the bridge was blown up by the defenders\")],",
                "cites: [],",
                1,
            ),
        ),
        ("truncated.ron", small[..small.len() / 2].to_owned()),
        ("empty.ron", String::new()),
    ];
    for (name, text) in cases {
        assert_ne!(text, small, "{name} is not changed");
        // Problems with records are placed while streaming, and a syntax error
        // inside an event is ron's, read from the event's own text; a file cut
        // short goes to ron whole for its exact message.
        same_as_whole_text(name, &text);
        let gives_way = data::stream_load::why_not_streamed(&temp_file(name, &text));
        let expect_streamed = matches!(name, "bad-actor.ron" | "warning.ron" | "syntax.ron");
        assert_eq!(
            gives_way.is_none(),
            expect_streamed,
            "{name}: {gives_way:?}"
        );
    }
    // A problem after thousands of events, in a file of many blocks, is placed on
    // its line, and problems in the control series after the events too.
    let big = generated(30_000, 3, 5);
    let last_event = big.rfind("    Event(").expect("an event");
    let date = last_event + big[last_event..].find("date: \"").expect("its date") + 7;
    let mut bad = big.clone();
    bad.replace_range(date..date + 10, "2001-02-30");
    let series = bad.find("    Series(").expect("a series");
    let bad = format!(
        "{}{}",
        &bad[..series],
        &bad[series..].replacen("actor: \"", "actor: \"nobody-", 1)
    );
    assert!(same_as_whole_text("big-bad.ron", &bad), "streamed");
    let warned = big.replacen("      cites: [", "      cites: [], disputed_by: [", 1);
    assert!(same_as_whole_text("big-warned.ron", &warned), "streamed");
}

#[test]
fn streaming_can_be_cancelled_and_reports_progress() {
    let big = generated(20_000, 1, 3);
    let path = temp_file("cancel.ron", &big);
    let failure = load_path(&path, &|_| false).expect_err("cancelled");
    assert_eq!(failure.problems[0].message, "loading was cancelled");
    assert_eq!(failure.kind, data::FailureKind::Cancelled);
    let seen = std::cell::RefCell::new(Vec::new());
    load_path(&path, &|at| {
        seen.borrow_mut().push(at);
        true
    })
    .expect("loads");
    let seen = seen.into_inner();
    assert!(
        seen.len() >= 4 && seen.windows(2).all(|w| w[0] < w[1]),
        "{seen:?}"
    );
    let missing = load_path(&path.with_extension("nope"), &|_| true).expect_err("no file");
    assert!(
        missing.problems[0]
            .message
            .starts_with("cannot read the file")
    );
}

mod agreement {
    use frontline::data::{self, load_path};
    use proptest::prelude::*;

    const SMALL: &str = include_str!("data/small.ron");

    proptest! {
        #![proptest_config(crate::common::proptest_config(400, 7_141))]

        /// On a mangled file, streaming and the whole-text reader give the same
        /// dataset or the same problems, at the same places; whatever streaming
        /// accepts, ron accepts with the same result.
        #[test]
        fn streaming_never_disagrees_with_ron(
            at in 0..SMALL.len(),
            cut in 0..4usize,
            insert in prop::collection::vec(prop::sample::select(b"()[]\",:# \n/*'r".to_vec()), 0..3),
        ) {
            let mut bytes = SMALL.as_bytes().to_vec();
            let end = (at + cut).min(bytes.len());
            bytes.splice(at..end, insert);
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let path = crate::common::temp_file(&format!("agree-{at}-{cut}.ron"), &text);
            let streamed = load_path(&path, &data::no_progress);
            match (&streamed, data::load_str(&text)) {
                (Ok(a), Ok(b)) => {
                    prop_assert_eq!(&a.dataset, &b.dataset);
                    prop_assert_eq!(&a.warnings, &b.warnings);
                }
                (Err(a), Err(b)) => prop_assert_eq!(a, &b),
                (a, b) => prop_assert!(false, "streamed {:?}, whole text {:?}", a.as_ref().err(), b.err()),
            }
            if let Ok(streamed) = streamed {
                let slow: Result<frontline::data::Dataset, _> = frontline::data::load::ron_options().from_str(&text);
                prop_assert!(slow.is_ok(), "streaming accepted what ron rejects: {:?}", slow.err());
                if let Ok(slow) = slow {
                    prop_assert_eq!(format!("{:?}", streamed.dataset), format!("{slow:?}"));
                }
            }
        }
    }
}

#[test]
fn the_streaming_reader_says_why_it_gives_way() {
    use frontline::data::stream_load::{GivesWay, why_not_streamed};
    let small = include_str!("data/small.ron");
    let why = |name: &str, text: &str| why_not_streamed(&temp_file(name, text));
    assert_eq!(why("why-valid.ron", small), None, "a valid file streams");
    assert_eq!(
        why(
            "why-invalid.ron",
            &small.replacen("actors: [\"south\"]", "actors: [\"west\"]", 1)
        ),
        None,
        "an invalid record streams, with its problem placed"
    );
    assert_eq!(why("why-empty.ron", ""), Some(GivesWay::NoEventsList));
    assert_eq!(
        why(
            "why-cut.ron",
            &small[..small.find("confidence: Reported").expect("a field")]
        ),
        Some(GivesWay::EndsInsideEvents)
    );
    // A syntax error inside an event ends the load there, placed by ron from
    // the event's own text: nothing is read twice.
    assert_eq!(
        why(
            "why-comma.ron",
            &small.replacen("confidence: Reported,", "confidence: Reported", 1)
        ),
        None
    );
    // So does a comma left out between two events: ron reads the two as the
    // list they stand in.
    assert_eq!(
        why(
            "why-between.ron",
            &small.replacen("    ),\n    Event(", "    )\n    Event(", 1)
        ),
        None
    );
    same_as_whole_text(
        "between.ron",
        &small.replacen("    ),\n    Event(", "    )\n    Event(", 1),
    );
}

#[test]
fn syntax_errors_far_into_a_large_file_end_the_load_while_streaming() {
    let big = generated(20_000, 1, 11);
    // The first place's closing bracket left out: the event never ends.
    let place = big.find("      place: Place(").expect("a place");
    let close = place + big[place..].find("\n      ),").expect("its end") + 1;
    let open = format!("{}      {}", &big[..close], &big[close + 8..]);
    let path = temp_file("bracket-open.ron", &open);
    let streamed = load_path(&path, &data::no_progress).expect_err("not valid");
    assert_eq!(streamed, data::load_str(&open).expect_err("not valid"));
    assert_eq!(why_not_streamed(&path), None, "ended while streaming");
    // A comma left out between two events far into the file.
    let between = big
        .match_indices("    ),\n    Event(")
        .nth(15_000)
        .expect("events")
        .0;
    let glued = format!("{}    )\n{}", &big[..between], &big[between + 7..]);
    let path = temp_file("comma-between.ron", &glued);
    let streamed = load_path(&path, &data::no_progress).expect_err("not valid");
    let whole = data::load_str(&glued).expect_err("not valid");
    assert_eq!(streamed, whole);
    assert!(whole.problems[0].message.contains("comma"), "{whole:?}");
    assert_eq!(why_not_streamed(&path), None, "ended while streaming");
    // Syntax errors before the events and after them: ron reads the text kept
    // around the events, and places its error in the file.
    let series = big.find("    Series(").expect("a series after the events");
    let after = format!(
        "{}{}",
        &big[..series],
        big[series..].replacen("source_org: ", "source_org ", 1)
    );
    let before = big.replacen("license: ", "license ", 1);
    for (name, text) in [("error-after.ron", after), ("error-before.ron", before)] {
        let path = temp_file(name, &text);
        let streamed = load_path(&path, &data::no_progress).expect_err("not valid");
        assert_eq!(
            streamed,
            data::load_str(&text).expect_err("not valid"),
            "{name}"
        );
        assert_eq!(
            why_not_streamed(&path),
            None,
            "{name}: ended while streaming"
        );
    }
    // A valid event longer than a block (a 3 MB summary) is not taken for one
    // left open.
    let long = big.replacen(
        "summary: \"\"",
        &format!("summary: \"{}\"", "word ".repeat(600_000)),
        1,
    );
    assert_ne!(long, big);
    assert!(same_as_whole_text("long-event.ron", &long));
}
