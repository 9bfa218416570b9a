//! The data layer: parsing, every validation rule with its message and location,
//! round trips, the built-in dataset, and no panics on hostile input.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers stop the test on a failed assumption"
)]

use frontline::data::{self, LoadFailure, LoadedDataset, Problem, Record, Severity};

use crate::common;
use common::line_of;

const SMALL: &str = include_str!("data/small.ron");

fn load(text: &str) -> Result<LoadedDataset, LoadFailure> {
    data::load_str(text)
}

fn mutate(from: &str, to: &str) -> String {
    assert!(SMALL.contains(from), "{from:?} not in small.ron");
    SMALL.replacen(from, to, 1)
}

/// Loads `text`, expects it to fail, and returns the errors.
fn errors(text: &str) -> Vec<Problem> {
    match load(text) {
        Ok(_) => panic!("expected the file to be rejected"),
        Err(failure) => failure
            .problems
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .collect(),
    }
}

fn single_error(text: &str) -> Problem {
    let errors = errors(text);
    assert_eq!(errors.len(), 1, "expected one error, got {errors:#?}");
    errors.into_iter().next().unwrap_or_else(|| unreachable!())
}

/// The line and column (characters, from 1) where `needle` starts in `text`.
fn place_of(text: &str, needle: &str) -> (usize, usize) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the text"));
    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    (
        line_of(text, needle),
        text[line_start..at].chars().count() + 1,
    )
}

fn event_record(index: usize, id: &str) -> Option<Record> {
    Some(Record::Event {
        index,
        id: id.to_owned(),
    })
}

#[test]
fn the_small_example_loads_cleanly() {
    let loaded = load(SMALL).expect("small.ron loads");
    assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
    assert_eq!(loaded.dataset.events.len(), 2);
    assert_eq!(loaded.dataset.control[0].points.len(), 2);
}

#[test]
fn the_readme_example_is_the_small_example_and_loads() {
    let readme = include_str!("../README.md");
    let start = readme.find("```ron\n").expect("README has a ```ron block") + "```ron\n".len();
    let end = start + readme[start..].find("```").expect("the block ends");
    let example = &readme[start..end];
    assert_eq!(
        example, SMALL,
        "README's example and tests/data/small.ron differ"
    );
    load(example).expect("the README example loads");
}

#[test]
fn unknown_source_is_named_with_its_event_and_line() {
    let text = mutate(
        "cites: [Cite(source: \"agency-2020-03-02\", note",
        "cites: [Cite(source: \"nope\", note",
    );
    let error = single_error(&text);
    assert_eq!(
        error.message,
        "cites source \"nope\", which is not in `sources`"
    );
    assert_eq!(error.record, event_record(0, "siege"));
    // At the source named, not at the start of the event.
    let position = error.position.expect("a position");
    assert_eq!(
        (position.line, position.column),
        place_of(&text, "\"nope\"")
    );
}

#[test]
fn unknown_source_in_a_point_names_the_point() {
    let text = mutate(
        "Point(date: \"2020-04\", value: 44, low: 42, high: 46, confidence: Confirmed, cite: Cite(source: \"monitor-2020-04\"))",
        "Point(date: \"2020-04\", value: 44, low: 42, high: 46, confidence: Confirmed, cite: Cite(source: \"gone\"))",
    );
    let error = single_error(&text);
    assert_eq!(
        error.message,
        "cites source \"gone\", which is not in `sources`"
    );
    assert!(matches!(
        error.record,
        Some(Record::Point {
            series: 0,
            index: 1,
            ..
        })
    ));
    assert_eq!(
        error.position.map(|p| (p.line, p.column)),
        Some(place_of(&text, "\"gone\""))
    );
    assert!(
        error
            .render("f.ron")
            .contains("series #1 (north · Example Monitor · Exampleland), point #2")
    );
}

#[test]
fn unknown_actor_is_reported() {
    let text = mutate("actors: [\"south\"]", "actors: [\"west\"]");
    let error = single_error(&text);
    assert_eq!(
        error.message,
        "names actor \"west\", which is not in `actors`"
    );
    assert_eq!(error.record, event_record(1, "bridge-destroyed"));
    assert_eq!(
        error.position.map(|p| (p.line, p.column)),
        Some(place_of(&text, "\"west\""))
    );
}

#[test]
fn duplicate_ids_are_reported_for_events_sources_and_actors() {
    let text = mutate("id: \"bridge-destroyed\"", "id: \"siege\"");
    let error = single_error(&text);
    assert_eq!(
        error.message,
        "duplicate event id \"siege\": event #1 has it already"
    );
    assert_eq!(error.record, event_record(1, "siege"));

    let text = mutate(
        "Source(id: \"monitor-2020-04\"",
        "Source(id: \"agency-2020-03-02\"",
    );
    let errs = errors(&text);
    assert!(errs.iter().any(|e| e.message
        == "duplicate source id \"agency-2020-03-02\": source #1 has it already"
        && e.position.map(|p| p.line)
            == Some(line_of(
                &text,
                "Source(id: \"agency-2020-03-02\", publisher: \"Example Monitor\""
            ))));

    let text = mutate("Actor(id: \"south\"", "Actor(id: \"north\"");
    let errs = errors(&text);
    assert!(
        errs.iter()
            .any(|e| e.message == "duplicate actor id \"north\": actor #1 has it already")
    );
}

#[test]
fn impossible_dates_are_reported() {
    let text = mutate(
        "date: \"2020-03-02\",\n      end",
        "date: \"2020-02-30\",\n      end",
    );
    let error = single_error(&text);
    assert_eq!(
        error.message,
        "date 2020-02-30 is impossible: February 2020 has only 29 days"
    );
    assert_eq!(error.record, event_record(0, "siege"));

    let text = mutate("published: \"2020-04-01\"", "published: \"2020-13-01\"");
    let error = single_error(&text);
    assert_eq!(
        error.message,
        "publication date 2020-13-01 is impossible: month 13 does not exist"
    );
}

#[test]
fn end_before_start_is_reported() {
    let text = mutate("end: \"2020-04\"", "end: \"2020-02\"");
    let error = single_error(&text);
    assert_eq!(
        error.message,
        "ends (2020-02) before it starts (2020-03-02)"
    );
}

#[test]
fn bad_values_are_reported() {
    let cases = [
        ("value: 40.5", "value: -3", "value -3 is negative"),
        (
            "value: 40.5",
            "value: NaN",
            "value NaN is not a finite number",
        ),
        (
            "value: 40.5",
            "value: inf",
            "value inf is not a finite number",
        ),
        (
            "value: 40.5",
            "value: 1e400",
            "value inf is not a finite number",
        ),
        ("value: 40.5", "value: 140", "value 140 is over 100 percent"),
    ];
    for (from, to, message) in cases {
        let text = mutate(from, to);
        let error = single_error(&text);
        assert_eq!(error.message, message, "for {to}");
        assert!(matches!(
            error.record,
            Some(Record::Point {
                series: 0,
                index: 0,
                ..
            })
        ));
        assert_eq!(
            error.position.map(|p| p.line),
            Some(line_of(&text, "Point(date: \"2020-03\""))
        );
    }
    let text = mutate("low: 42", "low: 45");
    assert_eq!(single_error(&text).message, "low 45 is above the value 44");
}

#[test]
fn empty_titles_are_reported() {
    let text = mutate("title: \"Bridge into the town destroyed\"", "title: \"  \"");
    let error = single_error(&text);
    assert_eq!(error.message, "the title is empty");
    assert_eq!(error.record, event_record(1, "bridge-destroyed"));
    let text = mutate("title: \"Siege of Example Town, 2020\"", "title: \"\"");
    let error = single_error(&text);
    assert_eq!(error.record, Some(Record::Dataset { field: "title" }));
    assert_eq!(error.position.map(|p| p.line), Some(4));
}

#[test]
fn points_out_of_date_order_are_errors() {
    let text = mutate("Point(date: \"2020-04\"", "Point(date: \"2020-02\"");
    let error = single_error(&text);
    assert_eq!(
        error.message,
        "date 2020-02 is not after the previous point's date 2020-03: points must be in date order, one per date"
    );
    assert!(matches!(
        error.record,
        Some(Record::Point {
            series: 0,
            index: 1,
            ..
        })
    ));
}

#[test]
fn an_event_without_citations_is_a_warning_only() {
    let text = mutate(
        "cites: [Cite(source: \"agency-2020-03-02\", quote: \"the bridge was blown up by the defenders\")],",
        "cites: [],",
    );
    let loaded = load(&text).expect("still loads");
    assert_eq!(loaded.warnings.len(), 1);
    let warning = &loaded.warnings[0];
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(
        warning.message,
        "cites no source: Frontline will show it as unsourced"
    );
    assert_eq!(warning.record, event_record(1, "bridge-destroyed"));
}

#[test]
fn every_problem_is_reported_at_once() {
    let text = SMALL
        .replacen("actors: [\"south\"]", "actors: [\"west\"]", 1)
        .replacen("value: 40.5", "value: -1", 1)
        .replacen("end: \"2020-04\"", "end: \"2020-02\"", 1)
        .replacen("color: \"#1565c0\"", "color: \"blue\"", 1);
    let errs = errors(&text);
    assert_eq!(errs.len(), 4, "{errs:#?}");
    assert!(errs.iter().all(|e| e.position.is_some()));
}

#[test]
fn syntax_errors_give_line_column_and_a_caret() {
    let text = mutate("format: 1,\n", "format: 1\n");
    let failure = load(&text).expect_err("rejected");
    assert_eq!(failure.problems.len(), 1);
    let problem = &failure.problems[0];
    let position = problem.position.expect("a position");
    assert_eq!(position.line, 4);
    assert_eq!(
        problem.message,
        "Expected comma: is a comma missing at the end of line 3?"
    );
    let rendered = failure.render("small.ron");
    assert!(rendered.starts_with("small.ron:4:"), "{rendered}");
    assert!(
        rendered.contains("title: \"Siege of Example Town, 2020\""),
        "{rendered}"
    );
    assert!(rendered.contains('^'), "{rendered}");
}

#[test]
fn malformed_dates_are_syntax_errors_with_their_position() {
    let text = mutate(
        "date: \"2020-03\",\n      title",
        "date: \"March 2020\",\n      title",
    );
    let failure = load(&text).expect_err("rejected");
    let problem = &failure.problems[0];
    assert!(
        problem
            .message
            .contains("does not start with a four-digit year"),
        "{}",
        problem.message
    );
    assert_eq!(
        problem.position.map(|p| p.line),
        Some(line_of(&text, "March 2020"))
    );
}

#[test]
fn wrong_format_version_is_reported() {
    let text = mutate("format: 1,", "format: 7,");
    let error = single_error(&text);
    assert_eq!(
        error.message,
        "format version 7 is not one this Frontline reads (it reads version 1)"
    );
    assert_eq!(error.position.map(|p| p.line), Some(3));
}

#[test]
fn non_utf8_is_reported_with_its_position() {
    let mut bytes = SMALL.as_bytes().to_vec();
    let at = SMALL.find("Example News Agency").unwrap_or(0);
    bytes[at] = 0xff;
    let failure = data::load_bytes(&bytes, &data::no_progress).expect_err("rejected");
    let problem = &failure.problems[0];
    assert!(
        problem.message.starts_with("the file is not UTF-8 text"),
        "{}",
        problem.message
    );
    assert_eq!(
        problem.position.map(|p| p.line),
        Some(line_of(SMALL, "Example News Agency"))
    );
}

#[test]
fn hostile_inputs_are_errors_not_panics() {
    let deep_brackets = "[".repeat(100_000);
    let deep_parens = format!(
        "Dataset(format: 1, title: \"x\", events: {})",
        "(".repeat(100_000)
    );
    let huge = mutate("format: 1,", "format: 99999999999999999999999999,");
    let inputs: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"   \n\n".to_vec(),
        vec![0u8; 1000],
        (0..=255u8).cycle().take(10_000).collect(),
        deep_brackets.into_bytes(),
        deep_parens.into_bytes(),
        huge.into_bytes(),
        "\"unterminated".into(),
        "/* unterminated comment".into(),
    ];
    for input in inputs {
        assert!(data::load_bytes(&input, &data::no_progress).is_err());
    }
    for cut in (0..SMALL.len()).step_by(7) {
        if SMALL.is_char_boundary(cut) {
            assert!(
                load(&SMALL[..cut]).is_err(),
                "a file cut at byte {cut} loaded"
            );
        }
    }
}

#[test]
fn save_then_load_gives_the_same_dataset() {
    for text in [SMALL, data::load::DEFAULT_DATASET_TEXT] {
        let first = load(text).expect("loads");
        let written = data::to_ron_string(&first.dataset).expect("writes");
        let second = load(&written).expect("reads back");
        assert_eq!(first.dataset, second.dataset);
    }
}

#[test]
fn the_built_in_dataset_is_complete_and_sourced() {
    let loaded = data::load_default().expect("the built-in dataset loads");
    assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
    let dataset = &loaded.dataset;
    assert!(dataset.events.len() >= 40);
    let years: std::collections::BTreeSet<i16> = dataset
        .events
        .iter()
        .map(|e| e.date().year_number())
        .collect();
    assert_eq!(
        years.into_iter().collect::<Vec<_>>(),
        [2014, 2015, 2016, 2017, 2018, 2019]
    );
    for event in &dataset.events {
        assert!(!event.cites().is_empty(), "{} cites nothing", event.id());
    }
    for source in &dataset.sources {
        let url = source.url.as_deref().unwrap_or_default();
        assert!(
            url.starts_with("https://"),
            "{} has no web address",
            source.id
        );
    }
    // The seed story's events, citing the RTS story.
    for id in [
        "is-leaves-aleppo-province",
        "raqqa-counter-attack",
        "ihs-study-60-percent",
    ] {
        let event = dataset
            .events
            .iter()
            .find(|e| e.id() == id)
            .unwrap_or_else(|| panic!("{id} missing"));
        assert!(
            event.cites().iter().any(|c| c.source() == "rts-2017-06-30"),
            "{id} does not cite RTS"
        );
    }
    let counter = dataset
        .events
        .iter()
        .find(|e| e.id() == "raqqa-counter-attack")
        .expect("present");
    assert_eq!(counter.confidence(), data::Confidence::Disputed);
    assert!(!counter.disputed_by().is_empty());
    // Every organisation keeps its own series.
    let organisations: std::collections::BTreeSet<&str> = dataset
        .control
        .iter()
        .map(|s| s.source_org.as_str())
        .collect();
    for org in ["IHS Markit", "SOHR", "Jusoor", "US-led coalition"] {
        assert!(organisations.contains(org), "{org} missing");
    }
    let ihs = dataset
        .control
        .iter()
        .find(|s| s.source_org == "IHS Markit")
        .expect("IHS series");
    let values: Vec<f64> = ihs.points.iter().map(|p| p.value).collect();
    assert_eq!(
        values,
        [
            90800.0, 82940.0, 78000.0, 68300.0, 65500.0, 60400.0, 36200.0
        ]
    );
}

#[test]
fn the_index_orders_events_by_date() {
    let loaded = data::load_default().expect("loads");
    let index = &loaded.index;
    let starts: Vec<f64> = index
        .order
        .chronological
        .iter()
        .map(|&e| index.spans[e as usize].start)
        .collect();
    assert!(starts.windows(2).all(|w| w[0] <= w[1]));
    for (position, &event) in index.order.chronological.iter().enumerate() {
        assert_eq!(index.order.rank.get(event as usize), Some(position));
    }
    let first = loaded
        .dataset
        .events
        .at(index.order.chronological[0] as usize);
    assert_eq!(first.id(), "fallujah-falls");
    // An event naming several actors is in each of their lanes.
    let aleppo = loaded
        .dataset
        .events
        .iter()
        .position(|e| e.id() == "is-leaves-aleppo-province")
        .expect("present") as u32;
    let lanes_with: usize = index
        .order
        .lanes
        .iter()
        .filter(|l| l.events.contains(&aleppo))
        .count();
    assert_eq!(lanes_with, 2);
    // Percentages of Syria are plotted in km² with the stated base.
    let jusoor_is = index
        .tracks
        .iter()
        .find(|t| loaded.dataset.control[t.series].source_org == "Jusoor" && t.actor == 0)
        .expect("Jusoor IS series");
    assert!((jusoor_is.points[0][1] - 22.1 * 185_180.0 / 100.0).abs() < 1e-6);
}

#[test]
fn loading_reports_progress_and_can_be_cancelled() {
    let generated = frontline::generate::dataset(&frontline::generate::GenerateOptions {
        events: 20_000,
        series: 2,
        seed: 9,
        ..Default::default()
    });
    let text = data::to_ron_string(&generated).expect("serialises");
    let seen = std::cell::RefCell::new(Vec::new());
    let loaded = data::load_bytes(text.as_bytes(), &|at| {
        seen.borrow_mut().push(at);
        true
    })
    .expect("loads");
    assert_eq!(loaded.dataset.events.len(), 20_000);
    let seen = seen.into_inner();
    assert!(
        seen.len() >= 4,
        "progress was reported {} times",
        seen.len()
    );
    assert!(
        seen.windows(2).all(|w| w[0] < w[1]),
        "progress only moves forward"
    );
    assert!(*seen.last().unwrap_or(&0) < text.len() as u64);

    let failure = data::load_bytes(text.as_bytes(), &|_| false).expect_err("cancelled");
    assert_eq!(failure.problems[0].message, "loading was cancelled");
}

#[test]
fn a_misspelt_field_is_an_error_with_its_place_and_a_suggestion() {
    let text = mutate("disputed_by:", "dispute_by:");
    let error = single_error(&text);
    let position = error.position.expect("placed");
    assert_eq!(position.line, line_of(&text, "dispute_by:"));
    assert!(
        error.message.contains("unknown field `dispute_by`")
            && error.message.contains("did you mean `disputed_by`?"),
        "{}",
        error.message
    );
    assert!(error.message.contains("`cites`"), "{}", error.message);

    // `end` → `ned` must not turn a range event into a single day.
    let error = single_error(&mutate("end: \"2020-04\"", "ned: \"2020-04\""));
    assert!(
        error.message.contains("did you mean `end`?"),
        "{}",
        error.message
    );

    // A field that is nothing like any allowed one is still an error.
    let error = single_error(&mutate(
        "license: \"CC BY 4.0\",",
        "license: \"CC BY 4.0\", extra: {\"a\": \"b\"},",
    ));
    assert!(
        error.message.contains("unknown field `extra`"),
        "{}",
        error.message
    );
    assert!(!error.message.contains("did you mean"), "{}", error.message);
}

#[test]
fn an_unknown_field_is_caught_by_the_streaming_reader_too() {
    let text = mutate("url: \"https://news", "URL: \"https://news");
    let path = common::temp_file("unknown-field.ron", &text);
    let failure = data::load_path(&path, &data::no_progress).expect_err("rejected");
    let error = failure.errors().next().expect("an error");
    assert!(
        error.message.contains("unknown field `URL`"),
        "{}",
        error.message
    );
    assert!(
        error.message.contains("did you mean `url`?"),
        "{}",
        error.message
    );
}

#[test]
fn day_zero_and_times_of_day_are_explained_as_such() {
    let error = single_error(&mutate(
        "date: \"2020-03-02\",\n      end",
        "date: \"2017-06-00\",\n      end",
    ));
    assert!(
        error.message.contains("day 0 does not exist"),
        "{}",
        error.message
    );
    assert!(!error.message.contains("has only"), "{}", error.message);

    let text = mutate(
        "date: \"2020-03-02\",\n      end",
        "date: \"2022-02-24T00:00\",\n      end",
    );
    let failure = load(&text).expect_err("rejected");
    let problem = &failure.problems[0];
    assert!(
        problem.message.contains("without a time"),
        "{}",
        problem.message
    );
    assert!(
        !problem.message.contains("two digits"),
        "{}",
        problem.message
    );
    assert_eq!(
        problem.position.map(|p| p.line),
        Some(line_of(&text, "2022-02-24T00:00"))
    );
}

#[test]
fn only_http_addresses_with_a_valid_host_are_links() {
    use frontline::data::validate::web_link;
    let link = web_link("https://www.rts.ch/info/monde/8745269.html").expect("a link");
    assert_eq!(link.host_str(), Some("www.rts.ch"));
    assert_eq!(link.as_str(), "https://www.rts.ch/info/monde/8745269.html");
    for bad in [
        "https://example.org:99999/../../../../../../etc/passwd",
        "https://exa mple.org/",
        "https://[::1",
        "https://t.me/c/1660608608/7477 part 2",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "https://",
        "https://user:secret@example.org/",
        "example.org/page",
    ] {
        assert!(web_link(bad).is_err(), "{bad:?} must not be a link");
    }
}

#[test]
fn check_warns_about_addresses_that_are_not_links_naming_the_source() {
    let text = mutate(
        "https://news.example.org/2020/03/02/town",
        "https://example.org:99999/../../etc/passwd",
    );
    let loaded = load(&text).expect("a warning does not stop the load");
    let warning = loaded
        .warnings
        .iter()
        .find(|w| w.message.contains("is not a web link"))
        .expect("a warning about the address");
    assert_eq!(
        warning.record,
        Some(Record::Source {
            index: 0,
            id: "agency-2020-03-02".to_owned()
        })
    );
    assert!(
        warning.message.contains("invalid port"),
        "{}",
        warning.message
    );
}

#[test]
fn a_finer_date_inside_the_previous_figures_period_is_an_error() {
    // "2020-03" then "2020-03-15" would plot the second figure before the first.
    let text = mutate("Point(date: \"2020-04\"", "Point(date: \"2020-03-15\"");
    let error = single_error(&text);
    assert!(
        error
            .message
            .contains("falls within the previous point's date 2020-03"),
        "{}",
        error.message
    );
    assert!(matches!(error.record, Some(Record::Point { index: 1, .. })));
}

#[test]
fn the_same_series_written_twice_is_an_error_naming_the_first() {
    let series_start = SMALL.find("    Series(").expect("a series");
    let series_end = SMALL[series_start..].find("]),\n").expect("its end") + series_start + 4;
    let series = &SMALL[series_start..series_end];
    let text = SMALL.replacen(series, &format!("{series}{series}"), 1);
    let error = single_error(&text);
    assert!(
        error.message.contains("repeats series #1"),
        "{}",
        error.message
    );
    assert!(matches!(
        error.record,
        Some(Record::Series { index: 1, .. })
    ));
}

#[test]
fn huge_numbers_and_control_characters_are_printed_safely() {
    let error = single_error(&mutate("value: 40.5", "value: 1e308"));
    assert!(
        error.message.contains("value 1e308 is over 100 percent"),
        "{}",
        error.message
    );

    // A syntax error on a line holding terminal escapes: the excerpt shows them escaped.
    let text = mutate(
        "title: \"Siege of Example Town\",",
        "title: \"Siege \u{1b}[31mof\u{7}\" Example Town\",",
    );
    let failure = load(&text).expect_err("rejected");
    let rendered = failure.render("f.ron");
    assert!(
        rendered.contains("[31m"),
        "the excerpt is shown: {rendered}"
    );
    assert!(!rendered.contains('\u{1b}'), "{rendered}");
    assert!(!rendered.contains('\u{7}'), "{rendered}");
}

#[test]
fn opening_without_invalid_records_leaves_out_exactly_those_and_lists_them() {
    use frontline::data::salvage::without_invalid_records;
    let failure = load(&mutate("actors: [\"south\"]", "actors: [\"west\"]")).expect_err("invalid");
    let salvaged = without_invalid_records(&failure).expect("errors are about records");
    assert_eq!(salvaged.loaded.dataset.events.len(), 1);
    assert_eq!(salvaged.loaded.dataset.events.at(0).id(), "siege");
    assert_eq!(salvaged.left_out.len(), 1);
    assert_eq!(
        salvaged.left_out[0].record,
        event_record(1, "bridge-destroyed")
    );
    assert!(
        salvaged.left_out[0].position.is_some(),
        "listed with its place"
    );
    assert_eq!(salvaged.loaded.index.order.chronological.len(), 1);

    // An error about the file as a whole cannot be mended by leaving records out.
    let failure = load(&mutate("format: 1,", "format: 7,")).expect_err("invalid");
    assert!(without_invalid_records(&failure).is_none());
    // Nor can a syntax error.
    let failure = load(&mutate("format: 1,", "format: 1")).expect_err("invalid");
    assert!(without_invalid_records(&failure).is_none());
}

#[test]
fn searching_the_columns_finds_exactly_what_event_by_event_search_finds() {
    use frontline::data::search::TextQuery;
    let same = |loaded: &data::LoadedDataset, query: &str| {
        let Some(prepared) = TextQuery::new(query, loaded) else {
            panic!("{query:?} is a query");
        };
        let each: Vec<bool> = (0..loaded.dataset.events.len())
            .map(|e| prepared.matches(loaded, e))
            .collect();
        for threads in [1, 2] {
            let marked = prepared
                .mark_all_on(loaded, threads, &|| false)
                .expect("not cancelled");
            assert_eq!(each, marked, "{query} on {threads} threads");
        }
        each.iter().filter(|&&m| m).count()
    };
    let loaded = data::load_default().expect("loads");
    for query in [
        "raqqa",
        "Daesh",
        "SOHR",
        "bāghūz",
        "Retiré",
        "kurdish",
        "islamic state",
        "syrian government",
        "per two",
        "x",
        "zzqx",
        "2017",
    ] {
        same(&loaded, query);
    }
    // Generated events with every field (tags, regions, notes and quotes), some
    // of them in other scripts and with accents, in both halves of a search
    // shared by two threads.
    let mut generated = frontline::generate::dataset(&frontline::generate::GenerateOptions {
        events: 60_000,
        seed: 5,
        ..Default::default()
    });
    frontline::generate::fill_every_field(&mut generated);
    for at in [7, 45_007] {
        let mut accented = generated.events.at(at).to_event();
        accented.title = "Bombardement près de Bāghūz".to_owned();
        generated.events.replace(at, accented);
        let mut arabic = generated.events.at(at + 1).to_event();
        arabic.summary = "قصف على الباغوز".to_owned();
        generated.events.replace(at + 1, arabic);
    }
    let loaded = data::load_dataset(generated).expect("valid");
    let e5 = loaded.dataset.events.at(5);
    // A text that runs from one field into the next matches neither.
    let across = format!("{}{}", e5.id(), &e5.title()[..3]);
    // The first event of the second half and the last of the first.
    let (e_half, e_before) = (
        loaded.dataset.events.at(30_000),
        loaded.dataset.events.at(29_999),
    );
    for query in [
        "province 3",
        "subdistrict 17",
        "two officials",
        "the town was taken",
        "generated",
        "baghuz",
        "الباغوز",
        "place 12",
        across.as_str(),
        e5.id(),
        e_half.title(),
        e_before.summary(),
    ] {
        same(&loaded, query);
    }
    assert_eq!(same(&loaded, "baghuz"), 2);
    assert_eq!(same(&loaded, "الباغوز"), 2);
    assert_eq!(same(&loaded, across.as_str()), 0);
    // The questions from the field find what they should.
    let loaded = data::load_default().expect("loads");
    let count = |query: &str| {
        let prepared = TextQuery::new(query, &loaded).expect("a query");
        (0..loaded.dataset.events.len())
            .filter(|&e| prepared.matches(&loaded, e))
            .count()
    };
    assert!(count("Daesh") >= 40, "an alias of IS finds its events");
    assert!(count("SOHR") > 1);
    assert!(count("Islamic State") > 1);
    assert!(count("Baghuz") >= 1);
}

#[test]
fn the_fast_reader_says_where_it_gives_way_to_ron() {
    use frontline::data::fast_parse::gives_way_at;
    let small = include_str!("data/small.ron");
    assert_eq!(gives_way_at(data::load::DEFAULT_DATASET_TEXT), None);
    assert_eq!(gives_way_at(small), None);
    // A raw string is for ron: the fast reader stops at its first byte.
    let raw = small.replacen(
        "title: \"Siege of Example Town\"",
        "title: r\"Siege of Example Town\"",
        1,
    );
    assert_eq!(gives_way_at(&raw), raw.find("r\"Siege"));
    // And ron reads it to the same dataset.
    let loaded = load(&raw).expect("ron reads raw strings");
    assert_eq!(loaded.dataset.events.at(0).title(), "Siege of Example Town");
}

#[test]
fn a_misspelt_field_is_reported_with_every_other_problem_and_the_rest_can_be_opened() {
    // A misspelt field in the first event, an unknown actor in the second.
    let text = mutate("summary: \"Northern forces", "sumary: \"Northern forces");
    let text = text.replacen("actors: [\"south\"],", "actors: [\"west\"],", 1);
    let path = common::temp_file("misspelt-and-unknown-actor.ron", &text);
    for (how, failure) in [
        ("whole text", load(&text).expect_err("rejected")),
        (
            "streamed",
            data::load_path(&path, &data::no_progress).expect_err("rejected"),
        ),
    ] {
        let errors: Vec<&Problem> = failure.errors().collect();
        assert_eq!(errors.len(), 2, "{how}: {errors:#?}");
        assert!(
            errors[0].message.contains("unknown field `sumary`")
                && errors[0].message.contains("did you mean `summary`?"),
            "{how}: {}",
            errors[0].message
        );
        assert_eq!(
            errors[0].position.map(|p| (p.line, p.column)),
            Some(place_of(&text, "sumary")),
            "{how}"
        );
        assert_eq!(errors[0].record, event_record(0, "siege"), "{how}");
        assert!(
            errors[1].message.contains("\"west\""),
            "{how}: the later unknown actor is reported too: {}",
            errors[1].message
        );
        let salvaged =
            data::salvage::without_invalid_records(&failure).expect("opened without them");
        assert_eq!(salvaged.left_out.len(), 2, "{how}");
        assert!(
            salvaged
                .loaded
                .dataset
                .events
                .iter()
                .all(|e| e.id() != "siege"),
            "{how}: the event with the misspelt field is left out, not read without it"
        );
    }
}

#[test]
fn choices_are_counted_under_the_other_filters_as_the_filter_itself_would_count_them() {
    use frontline::data::filter::EventFilter;
    let loaded = crate::common::generated(3_000, 12, 5);
    let mut filter = EventFilter::default();
    filter
        .actors
        .extend(loaded.dataset.actors[..3].iter().map(|a| a.id.clone()));
    filter
        .confidence
        .insert(frontline::data::Confidence::Reported);
    let counts = filter.facet_counts(&loaded, &|| false).expect("counted");
    let passing = |filter: &EventFilter| -> Vec<usize> {
        let order = filter
            .apply(&loaded, &loaded.index.order, &|| false)
            .expect("applied");
        order.chronological.iter().map(|&e| e as usize).collect()
    };
    // Actors are counted with the confidence filter only.
    let mut without_actors = filter.clone();
    without_actors.actors.clear();
    let events = passing(&without_actors);
    for actor in 0..12 {
        let expected = events
            .iter()
            .filter(|&&e| loaded.index.actors_of(e).contains(&(actor as u32)))
            .count();
        assert_eq!(
            counts.actors.get(&actor).copied().unwrap_or(0),
            expected,
            "actor {actor}"
        );
    }
    // Confidence levels are counted with the actors filter only.
    let mut without_confidence = filter.clone();
    without_confidence.confidence.clear();
    let events = passing(&without_confidence);
    for level in frontline::data::Confidence::ALL {
        let expected = events
            .iter()
            .filter(|&&e| loaded.dataset.events.at(e).confidence() == level)
            .count();
        assert_eq!(
            counts.confidence.get(&level).copied().unwrap_or(0),
            expected,
            "{level:?}"
        );
    }
}

/// The field names a type's record takes in the file, as serde itself lists
/// them: ron's error on a field no record has names every allowed one.
fn schema_fields<T: serde::de::DeserializeOwned>() -> Vec<String> {
    match data::load::ron_options().from_str::<T>("(zzz_no_such_field: 0)") {
        Err(err) => match err.code {
            ron::Error::NoSuchStructField { expected, .. } => {
                expected.iter().map(|f| (*f).to_owned()).collect()
            }
            other => panic!("not a field list: {other}"),
        },
        Ok(_) => panic!("a record with an unknown field was read"),
    }
}

/// The field names written at the top level of `text` (one record as RON).
fn written_fields(text: &str) -> std::collections::BTreeSet<String> {
    let bytes = text.as_bytes();
    let mut names = std::collections::BTreeSet::new();
    let (mut depth, mut at, mut word_start) = (0usize, 0usize, None::<usize>);
    while at < bytes.len() {
        match bytes[at] {
            b'"' => {
                at += 1;
                while at < bytes.len() && bytes[at] != b'"' {
                    at += if bytes[at] == b'\\' { 2 } else { 1 };
                }
                word_start = None;
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                word_start = None;
            }
            b')' | b']' | b'}' => {
                depth = depth.saturating_sub(1);
                word_start = None;
            }
            b':' => {
                if let Some(start) = word_start.take()
                    && depth == 1
                {
                    names.insert(text[start..at].trim().to_owned());
                }
            }
            b if b.is_ascii_alphanumeric() || b == b'_' => {
                word_start.get_or_insert(at);
            }
            b' ' => {}
            _ => word_start = None,
        }
        at += 1;
    }
    names
}

#[test]
fn generated_data_fills_every_field_and_the_fast_reader_reads_it_all() {
    use frontline::data::model::{ControlMap, Snapshot};
    use frontline::data::{
        Actor, Cite, ControlPoint, ControlSeries, Dataset, Event, Fatalities, Place, Source,
    };
    let mut dataset = frontline::generate::dataset(&frontline::generate::GenerateOptions {
        events: 2_000,
        series: 6,
        actors: 8,
        seed: 3,
    });
    frontline::generate::fill_every_field(&mut dataset);
    frontline::generate::add_territory(
        &mut dataset,
        &frontline::generate::TerritoryOptions {
            snapshots: 3,
            vertices: 16,
        },
    );
    // A snapshot holds its polygons or names a file beside the dataset, never
    // both: the one naming a file is read (by both readers) in a copy that is
    // not loaded, as its file is not there.
    let mut with_file = dataset.clone();
    let mut named = dataset.territory[0].clone();
    for snapshot in &mut named.snapshots {
        snapshot.polygons.clear();
        snapshot.file = Some("maps/held.geojson".to_owned());
    }
    with_file.territory.push(named);
    let whole_text = data::load::to_ron_string(&with_file).expect("written");
    let options = data::load::ron_options();
    let written = |texts: Vec<String>| -> std::collections::BTreeSet<String> {
        texts.iter().flat_map(|t| written_fields(t)).collect()
    };
    let to_ron = |value: &dyn erased::Ron| value.ron(&options);
    let checks: Vec<(&str, Vec<String>, std::collections::BTreeSet<String>)> = vec![
        (
            "Source",
            schema_fields::<Source>(),
            written(dataset.sources.iter().map(|s| to_ron(s)).collect()),
        ),
        (
            "Actor",
            schema_fields::<Actor>(),
            written(dataset.actors.iter().map(|a| to_ron(a)).collect()),
        ),
        (
            "Event",
            schema_fields::<Event>(),
            written(
                dataset
                    .events
                    .iter()
                    .map(|e| to_ron(&e.to_event()))
                    .collect(),
            ),
        ),
        (
            "Place",
            schema_fields::<Place>(),
            written(
                dataset
                    .events
                    .iter()
                    .filter_map(|e| e.place())
                    .map(|p| to_ron(&p.to_place()))
                    .collect(),
            ),
        ),
        (
            "Cite",
            schema_fields::<Cite>(),
            written(
                dataset
                    .events
                    .iter()
                    .flat_map(|e| e.cites())
                    .map(|c| to_ron(&c.to_cite()))
                    .collect(),
            ),
        ),
        (
            "Fatalities",
            schema_fields::<Fatalities>(),
            written(
                dataset
                    .events
                    .iter()
                    .filter_map(|e| e.fatalities())
                    .map(|f| to_ron(f))
                    .collect(),
            ),
        ),
        (
            "Series",
            schema_fields::<ControlSeries>(),
            written(dataset.control.iter().map(|c| to_ron(c)).collect()),
        ),
        (
            "Dataset",
            schema_fields::<Dataset>(),
            written_fields(&whole_text),
        ),
        (
            "ControlMap",
            schema_fields::<ControlMap>(),
            written(with_file.territory.iter().map(|m| to_ron(m)).collect()),
        ),
        (
            "Snapshot",
            schema_fields::<Snapshot>(),
            written(
                with_file
                    .territory
                    .iter()
                    .flat_map(|m| &m.snapshots)
                    .map(|s| to_ron(s))
                    .collect(),
            ),
        ),
        (
            "Point",
            schema_fields::<ControlPoint>(),
            written(
                dataset
                    .control
                    .iter()
                    .flat_map(|c| &c.points)
                    .map(|p| to_ron(p))
                    .collect(),
            ),
        ),
    ];
    assert_eq!(checks.len(), 11, "every record type of the format");
    // The fast reader's tables of fields are serde's, record by record.
    let tables = frontline::data::fast_parse::fields::RECORDS;
    assert_eq!(tables.len(), checks.len(), "a table for every record type");
    for (name, schema, _) in &checks {
        let (_, table) = tables
            .iter()
            .find(|(record, _)| record == name)
            .unwrap_or_else(|| panic!("the fast reader has no table for {name}"));
        let mut table: Vec<&str> = table.to_vec();
        let mut schema: Vec<&str> = schema.iter().map(String::as_str).collect();
        table.sort_unstable();
        schema.sort_unstable();
        assert_eq!(
            table, schema,
            "the fast reader's fields of {name} are serde's"
        );
    }
    for (name, schema, written) in checks {
        let missing: Vec<&String> = schema.iter().filter(|f| !written.contains(*f)).collect();
        assert!(
            missing.is_empty(),
            "generate never writes {name}'s {missing:?}"
        );
    }
    assert_eq!(
        frontline::data::fast_parse::gives_way_at(&whole_text),
        None,
        "the fast reader reads every field of every record, a snapshot's file too"
    );
    let text = data::load::to_ron_string(&dataset).expect("written");
    assert_eq!(
        frontline::data::fast_parse::gives_way_at(&text),
        None,
        "the fast reader reads every field generate writes"
    );
    let loaded = data::load_str(&text).expect("valid");
    assert_eq!(loaded.dataset, dataset);
}

/// Serializing records of several types through one closure.
mod erased {
    pub trait Ron {
        fn ron(&self, options: &ron::Options) -> String;
    }
    impl<T: serde::Serialize> Ron for T {
        fn ron(&self, options: &ron::Options) -> String {
            options.to_string(self).unwrap_or_default()
        }
    }
}

#[test]
fn a_filter_found_from_the_lanes_or_one_column_keeps_exactly_the_events_each_event_s_own_word_keeps()
 {
    use frontline::data::Confidence;
    use frontline::data::filter::EventFilter;
    let loaded = crate::common::generated(4_000, 9, 17);
    let events = &loaded.dataset.events;
    let ids = |range: std::ops::Range<usize>| -> Vec<String> {
        loaded.dataset.actors[range]
            .iter()
            .map(|a| a.id.to_string())
            .collect()
    };
    // What each event says of itself, tested one by one.
    let own_word = |filter: &EventFilter, e: usize| -> bool {
        let event = events.at(e);
        (filter.actors.is_empty() || event.actors().iter().any(|a| filter.actors.contains(a)))
            && (filter.confidence.is_empty() || filter.confidence.contains(&event.confidence()))
            && filter
                .from
                .is_none_or(|from| loaded.index.spans[e].end > f64::from(from.start_day()))
    };
    let mut filters = Vec::new();
    let mut one_actor = EventFilter::default();
    one_actor.actors.extend(ids(0..1));
    filters.push(one_actor.clone());
    let mut actors = EventFilter::default();
    actors.actors.extend(ids(2..5));
    filters.push(actors.clone());
    let mut unknown_actor = EventFilter::default();
    unknown_actor.actors.insert("nobody".to_owned());
    filters.push(unknown_actor);
    let mut confidence = EventFilter::default();
    confidence.confidence.insert(Confidence::Reported);
    confidence.confidence.insert(Confidence::Disputed);
    filters.push(confidence.clone());
    let mut both = actors.clone();
    both.confidence.insert(Confidence::Confirmed);
    filters.push(both);
    let middle = loaded.index.order.chronological[events.len() / 2] as usize;
    let mut later = confidence.clone();
    later.from = Some(events.at(middle).date());
    filters.push(later);
    let mut actor_later = one_actor.clone();
    actor_later.from = Some(events.at(middle).date());
    filters.push(actor_later);
    // Filtered again from an order already filtered (as a search's "hide
    // non-matches" does).
    let narrowed = confidence
        .apply(&loaded, &loaded.index.order, &|| false)
        .expect("applied");
    for filter in &filters {
        for base in [&loaded.index.order, &narrowed] {
            let kept = filter.apply(&loaded, base, &|| false).expect("applied");
            let expected: Vec<usize> = base
                .chronological
                .iter()
                .map(|&e| e as usize)
                .filter(|&e| own_word(filter, e))
                .collect();
            let got: Vec<usize> = kept.chronological.iter().map(|&e| e as usize).collect();
            assert_eq!(got, expected, "{filter:?}");
            assert!(!filter.actors.contains("nobody") || got.is_empty());
        }
    }
    assert!(
        filters.iter().all(|f| !f
            .apply(&loaded, &loaded.index.order, &|| false)
            .expect("applied")
            .chronological
            .is_empty()
            || f.actors.contains("nobody")),
        "each filter but the unknown actor's keeps some events"
    );
}
