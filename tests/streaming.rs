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
    use proptest::test_runner::TestCaseError;

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
            agrees_with_whole_text(&format!("agree-{at}-{cut}.ron"), &text)?;
        }
    }

    /// `text`, streamed from a file named `name` and read whole, gives the
    /// same dataset or the same problems at the same places; whatever
    /// streaming accepts, ron accepts with the same result.
    pub(super) fn agrees_with_whole_text(name: &str, text: &str) -> Result<(), TestCaseError> {
        let path = crate::common::temp_file(name, text);
        let streamed = load_path(&path, &data::no_progress);
        match (&streamed, data::load_str(text)) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(&a.dataset, &b.dataset);
                prop_assert_eq!(&a.warnings, &b.warnings);
            }
            (Err(a), Err(b)) => prop_assert_eq!(a, &b),
            (a, b) => prop_assert!(
                false,
                "streamed {:?}, whole text {:?}",
                a.as_ref().err(),
                b.err()
            ),
        }
        if let Ok(streamed) = streamed {
            crate::common::ron_agrees(text, &streamed.dataset, "streaming")?;
        }
        Ok(())
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

/// Two control maps after the events, before the control series: one of
/// two snapshots written in the file, one whose snapshot names a file.
const SMALL_MAPS: &str = r#"  territory: [
    ControlMap(actor: "north", source_org: "Example Monitor", scope: "Exampleland", snapshots: [
      Snapshot(date: "2020-03-01", cite: Cite(source: "monitor-2020-04"), polygons: [
        [[(38.0, 35.0), (39.0, 35.0), (39.0, 36.0), (38.0, 36.0), (38.0, 35.0)]],
      ]),
      // A comment between snapshots, with a ] and a ( in it.
      Snapshot(date: "2020-04-01", cite: Cite(source: "monitor-2020-04"), polygons: [
        [[(38.0, 35.0), (39.0, 35.0), (39.0, 36.0), (38.0, 36.0), (38.0, 35.0)],
         [(38.2, 35.2), (38.4, 35.2), (38.4, 35.4), (38.2, 35.4), (38.2, 35.2)]],
      ]),
    ]),
    (actor: "south", source_org: "Other Monitor", snapshots: [Snapshot(date: "2020-03", cite: Cite(source: "agency-2020-03-02"), polygons: [[[(38.5, 35.5), (38.9, 35.5), (38.9, 35.9), (38.5, 35.5)]]],),],),
    ControlMap(actor: "north", source_org: "Third Monitor", snapshots: []),
  ],
"#;

/// `small.ron` with [`SMALL_MAPS`] between its events and its control series.
fn small_with_maps() -> String {
    let small = include_str!("data/small.ron");
    let control = small.find("  control: [").expect("control series");
    format!("{}{SMALL_MAPS}{}", &small[..control], &small[control..])
}

#[test]
fn control_maps_after_the_events_are_read_snapshot_by_snapshot_with_problems_placed() {
    use frontline::data::stream_load::GivesWay;
    let text = small_with_maps();
    let why = |name: &str, text: &str| why_not_streamed(&temp_file(name, text));
    assert!(same_as_whole_text("maps.ron", &text));
    let loaded = load_path(&temp_file("maps.ron", &text), &data::no_progress).expect("valid");
    let counts: Vec<usize> = loaded
        .dataset
        .territory
        .iter()
        .map(|m| m.snapshots.len())
        .collect();
    assert_eq!(counts, vec![2, 1, 0], "every snapshot back in its map");

    // Problems in snapshots, in a map, and in the control series after the
    // maps (past text that was let go) are placed where the whole-text
    // reader places them.
    let bad = text
        .replacen(
            "Snapshot(date: \"2020-04-01\", cite: Cite(source: \"monitor-2020-04\")",
            "Snapshot(date: \"2020-02-01\", cite: Cite(source: \"nobody\")",
            1,
        )
        .replacen("(38.5, 35.5)]]]", "(38.5, 35.6)]]]", 1)
        .replacen(
            "ControlMap(actor: \"north\", source_org: \"Third",
            "ControlMap(actor: \"west\", source_org: \"Third",
            1,
        )
        .replacen("Series(actor: \"north\"", "Series(actor: \"nobody\"", 1);
    let Err(failure) = load_path(&temp_file("maps-bad.ron", &bad), &data::no_progress) else {
        panic!("maps-bad.ron is not valid");
    };
    assert!(failure.problems.len() >= 5, "{:#?}", failure.problems);
    assert!(
        failure.problems.iter().all(|p| p.position.is_some()),
        "every problem placed: {:#?}",
        failure.problems
    );
    assert!(same_as_whole_text("maps-bad.ron", &bad));
    assert_eq!(why("maps-bad.ron", &bad), None, "streamed, not read whole");

    // A self-crossing outline is a warning, placed at its snapshot.
    let crossed = text.replacen(
        "[[(38.0, 35.0), (39.0, 35.0), (39.0, 36.0), (38.0, 36.0), (38.0, 35.0)]],\n      ]),\n      //",
        "[[(38.0, 35.0), (39.0, 36.0), (39.0, 35.0), (38.0, 36.0), (38.0, 35.0)]],\n      ]),\n      //",
        1,
    );
    assert_ne!(crossed, text);
    assert!(same_as_whole_text("maps-crossed.ron", &crossed));

    // A syntax error inside a snapshot, and an unknown field in one, go to the
    // whole-text reader for ron's own word and place.
    for (name, broken) in [
        (
            "maps-syntax.ron",
            text.replacen("(39.0, 35.0), (39.0, 36.0)", "(39.0, 35.0) (39.0, 36.0)", 1),
        ),
        (
            "maps-unknown.ron",
            text.replacen(
                "cite: Cite(source: \"agency",
                "cyte: Cite(source: \"agency",
                1,
            ),
        ),
        (
            "maps-open.ron",
            text.replacen("snapshots: []),\n  ],", "snapshots: [),\n  ],", 1),
        ),
    ] {
        assert_ne!(broken, text, "{name}");
        same_as_whole_text(name, &broken);
        assert_eq!(
            why(name, &broken),
            Some(GivesWay::RestNotUnderstood),
            "{name}"
        );
    }
}

#[test]
fn many_blocks_of_control_maps_stream_and_load_as_the_whole_text_does() {
    let mut generated = dataset(&GenerateOptions {
        events: 2_000,
        series: 2,
        seed: 13,
        ..Default::default()
    });
    frontline::generate::add_territory(
        &mut generated,
        &frontline::generate::TerritoryOptions {
            snapshots: 60,
            vertices: 4_000,
        },
    );
    let text = data::to_ron_string(&generated).expect("serialises");
    assert!(text.len() > 6 << 20, "the maps span several read blocks");
    assert!(same_as_whole_text("many-maps.ron", &text));
    // One snapshot's date out of order, far into the maps.
    let late = text.rfind("Snapshot(").expect("a snapshot");
    let date = late + text[late..].find("date: \"").expect("its date") + 7;
    let mut bad = text.clone();
    bad.replace_range(date..date + 4, "1999");
    assert!(same_as_whole_text("many-maps-bad.ron", &bad), "streamed");
}

mod maps_agreement {
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(crate::common::proptest_config(200, 9_311))]

        /// A file mangled in its control maps gives the same dataset or the
        /// same problems, at the same places, streamed or read whole.
        #[test]
        fn streaming_control_maps_never_disagrees_with_ron(
            at in 0..super::SMALL_MAPS.len(),
            cut in 0..4usize,
            insert in prop::collection::vec(prop::sample::select(b"()[]\",:# \n/*'r".to_vec()), 0..3),
        ) {
            let text = super::small_with_maps();
            let maps_at = text.find(super::SMALL_MAPS).expect("the maps");
            let mut bytes = text.into_bytes();
            let start = maps_at + at;
            let end = (start + cut).min(bytes.len());
            bytes.splice(start..end, insert);
            let text = String::from_utf8_lossy(&bytes).into_owned();
            super::agreement::agrees_with_whole_text(&format!("maps-agree-{at}-{cut}.ron"), &text)?;
        }
    }
}
