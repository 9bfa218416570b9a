use super::starts::{DayCounts, counts_between};
use super::*;
use crate::data::{Confidence, Event};
use proptest::prelude::*;

fn spans_of(days: &[(i32, u16)]) -> Vec<EventSpan> {
    days.iter()
        .map(|&(start, length)| EventSpan {
            start: f64::from(start),
            end: f64::from(start) + f64::from(length.max(1)),
        })
        .collect()
}

fn same_lanes(written: &Lane, built: &Lane) {
    assert_eq!(written.events, built.events);
    assert_eq!(written.starts, built.starts);
    assert_eq!(written.longest, built.longest);
    assert_eq!(written.long_events, built.long_events);
}

proptest! {
    /// Counting events by day gives the order, ranks and starts that
    /// sorting them gives, with crowded days, lone days far apart and
    /// long events alike; a lane written in that order is the lane built
    /// from its events.
    #[test]
    fn events_counted_by_day_fall_in_the_order_sorting_gives(
        days in proptest::collection::vec((0i32..60, 0u16..900), 0..300),
        spread in prop_oneof![Just(1i32), Just(37), Just(5000)],
        every in 1usize..4,
    ) {
        let days: Vec<(i32, u16)> =
            days.iter().map(|&(d, l)| (d * spread - 700_000, l)).collect();
        let spans = spans_of(&days);
        let sorted = DateOrder::sorted(&spans);
        match DateOrder::counted_by_day(&spans) {
            Some(counted) => {
                prop_assert_eq!(&counted.chronological, &sorted.chronological);
                prop_assert_eq!(&counted.rank, &sorted.rank);
                prop_assert_eq!(&counted.starts, &sorted.starts);
            }
            None => prop_assert!(spans.is_empty() || spread == 5000),
        }
        let some: Vec<u32> = sorted
            .chronological
            .iter()
            .copied()
            .filter(|&e| (e as usize).is_multiple_of(every))
            .collect();
        let mut writer = LaneWriter::with_capacity(some.len());
        for &e in &some {
            writer.push(e, spans[e as usize]);
        }
        same_lanes(&writer.finish(Some(2)), &Lane::build(Some(2), some, &spans));
    }
}

/// 400 events over a year: a quarter with no actor, the rest with one or
/// both of two actors, some running on for a year or more.
fn two_actors_dataset() -> Dataset {
    let mut events: Vec<Event> = (0..400)
        .map(|i| {
            event(
                &format!("e{i}"),
                &format!("2015-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
            )
        })
        .collect();
    for (i, e) in events.iter_mut().enumerate() {
        e.actors = match i % 4 {
            0 => Vec::new(),
            1 => vec!["a".into()],
            2 => vec!["b".into(), "a".into()],
            _ => vec!["b".into()],
        };
        if i % 9 == 0 {
            e.end = Some(
                format!("2016-{:02}", 1 + i % 12)
                    .parse()
                    .expect("a valid date"),
            );
        }
    }
    let actor = |id: &str| crate::data::Actor {
        id: id.to_owned(),
        name: id.to_owned(),
        short: id.to_owned(),
        color: "#808080".to_owned(),
        aliases: Vec::new(),
        kind: None,
    };
    dataset_of(vec![actor("a"), actor("b")], events)
}

#[test]
fn an_index_by_counting_keeps_every_lane_and_the_longer_events_as_sorting_did() {
    let dataset = two_actors_dataset();
    let index = DatasetIndex::build(&dataset);
    let order = &index.order;
    for lane in &order.lanes {
        let members: Vec<u32> = order
            .chronological
            .iter()
            .copied()
            .filter(|&e| {
                let actors = dataset.events.get(e as usize).map(|e| e.actors().len());
                match lane.actor {
                    None => actors == Some(0),
                    Some(a) => index.actors_of(e as usize).contains(&(a as u32)),
                }
            })
            .collect();
        same_lanes(lane, &Lane::build(lane.actor, members, &index.spans));
    }
    let longer: Vec<u32> = order
        .chronological
        .iter()
        .copied()
        .filter(|&e| index.spans[e as usize].end - index.spans[e as usize].start > 1.0)
        .collect();
    assert!(!longer.is_empty());
    same_lanes(
        &order.longer_than_a_day,
        &Lane::build(None, longer, &index.spans),
    );
}

fn event(id: &str, date: &str) -> Event {
    Event {
        id: id.into(),
        date: date.parse().expect("a valid date"),
        end: None,
        title: id.to_owned(),
        summary: String::new(),
        place: None,
        actors: Vec::new(),
        tags: Vec::new(),
        confidence: Confidence::Reported,
        cites: Vec::new(),
        disputed_by: Vec::new(),
        extras: None,
    }
}

fn dataset_of(actors: Vec<crate::data::Actor>, events: Vec<Event>) -> Dataset {
    Dataset {
        format: 1,
        title: String::new(),
        description: String::new(),
        license: String::new(),
        sources: Vec::new(),
        actors,
        events: events.into_iter().collect(),
        control: Vec::new(),
        territory: Vec::new(),
    }
}

fn index_of(dates: &[&str]) -> DatasetIndex {
    DatasetIndex::build(&index_dataset(dates))
}

/// Events on `dates`, with no actors, at every confidence level in turn.
fn index_dataset(dates: &[&str]) -> Dataset {
    let events = dates
        .iter()
        .enumerate()
        .map(|(i, d)| Event {
            confidence: Confidence::ALL[i % Confidence::ALL.len()],
            ..event(&format!("e{i}"), d)
        })
        .collect();
    dataset_of(Vec::new(), events)
}

#[test]
fn counts_between_agree_with_a_search_per_bucket() {
    let starts: Vec<i32> = vec![0, 0, 1, 3, 3, 3, 7, 8, 8, 10, 11, 12, 12, 12, 12, 12, 12];
    for edges in [
        vec![-5.0, 0.0, 0.5, 3.0, 3.0, 9.0, 100.0],
        vec![2.0, 2.5],
        vec![60.0, 70.0],
        vec![f64::NAN, 5.0],
        vec![7.5, 8.0, 8.000_001, 11.999, 12.0, 12.5],
        (0..60).map(f64::from).collect(),
        vec![4.0],
        vec![],
    ] {
        let expected: Vec<usize> = edges
            .windows(2)
            .map(|w| {
                // Counted one by one: none start before a time that is not a number.
                let before = |time: f64| starts.iter().filter(|&&s| f64::from(s) < time).count();
                before(w[1]).saturating_sub(before(w[0]))
            })
            .collect();
        assert_eq!(counts_between(&starts, &edges), expected, "edges {edges:?}");
        let by_day = DayCounts::of(&starts).expect("more starts than days");
        assert_eq!(by_day.between(&edges), expected, "by day, edges {edges:?}");
    }
}

#[test]
fn starts_listed_counted_or_written_by_day_give_the_same_answers() {
    let columns: [Vec<i32>; 5] = [
        vec![0, 0, 1, 3, 3, 3, 7, 8, 8, 10, 11, 12, 12, 12, 12, 12, 12],
        vec![-5, 100, 2_000],
        vec![4; 9],
        vec![7],
        vec![],
    ];
    for column in columns {
        let listed = Starts::Listed(column.clone());
        let mut writer = StartsWriter::default();
        for run in column.chunk_by(|a, b| a == b) {
            // Written in pieces, as a filter writes a day's events.
            let (a, b) = run.split_at(run.len() / 2);
            writer.push(run[0], a.len());
            writer.push(run[0], 0);
            writer.push(run[0], b.len());
        }
        let written = writer.finish();
        assert_eq!(written, Starts::of(column.clone()), "{column:?}");
        for starts in [&written, &listed] {
            assert_eq!(starts.len(), column.len());
            for time in [
                -6.0,
                -5.0,
                0.0,
                0.5,
                3.0,
                7.9,
                12.0,
                12.5,
                2_000.0,
                f64::NAN,
            ] {
                let before = column.iter().filter(|&&s| f64::from(s) < time).count();
                let on_or_before = column.iter().filter(|&&s| f64::from(s) <= time).count();
                assert_eq!(starts.before(time), before, "{column:?} before {time}");
                assert_eq!(starts.on_or_before(time), on_or_before, "{column:?} {time}");
            }
            let expanded: Vec<i32> = starts
                .runs()
                .flat_map(|(day, run)| std::iter::repeat_n(day, run.len()))
                .collect();
            assert_eq!(expanded, column, "runs cover every position in order");
            let runs: Vec<usize> = starts.runs().map(|(_, run)| run.start).collect();
            assert!(runs.is_sorted(), "runs in order");
        }
    }
}

#[test]
fn stepping_follows_date_order_and_stops_at_the_ends() {
    // File order is not date order.
    let index = index_of(&["2017-03-01", "2017-01-01", "2017-02-01"]);
    assert_eq!(index.order.step_from(1, true), Some(2));
    assert_eq!(index.order.step_from(2, true), Some(0));
    assert_eq!(index.order.step_from(0, true), Some(0));
    assert_eq!(index.order.step_from(1, false), Some(1));
    assert_eq!(index.order.step_from(7, true), None);
}

#[test]
fn the_first_event_from_a_day_looks_the_right_way() {
    let index = index_of(&["2017-03-01", "2017-01-01", "2017-02-01"]);
    let feb_15 = 17_212.0;
    assert_eq!(index.order.first_from(feb_15, true), Some(0));
    assert_eq!(index.order.first_from(feb_15, false), Some(2));
    assert_eq!(
        index.order.first_from(1e9, true),
        Some(0),
        "past the end: the last"
    );
    assert_eq!(index_of(&[]).order.first_from(0.0, true), None);
}

/// 700 dates out of order: enough events that kept places span several
/// words of bits, on few days so that counts by day are kept too.
fn crowded_dates() -> Vec<String> {
    (0..700)
        .map(|i| format!("2017-0{}-{:02}", 1 + (i * 7) % 9, 1 + (i * 13) % 28))
        .collect()
}

#[test]
fn a_filter_of_a_filter_ranks_every_event_by_its_place_in_date_order() {
    let dates = crowded_dates();
    let dates: Vec<&str> = dates.iter().map(String::as_str).collect();
    let index = index_of(&dates);
    let first: Vec<bool> = (0..700).map(|e| e % 3 != 0).collect();
    let second: Vec<bool> = (0..700).map(|e| e % 5 != 1).collect();
    let once = index.order.filtered(&first, &|| false).expect("done");
    let twice = once.filtered(&second, &|| false).expect("done");
    let kept_once = |e: usize| first[e];
    let kept_twice = |e: usize| first[e] && second[e];
    for (order, kept) in [
        (&once, &kept_once as &dyn Fn(usize) -> bool),
        (&twice, &kept_twice),
    ] {
        let expected: Vec<u32> = index
            .order
            .chronological
            .iter()
            .copied()
            .filter(|&e| kept(e as usize))
            .collect();
        assert_eq!(order.chronological, expected);
        let expected_starts = Starts::of(
            expected
                .iter()
                .map(|&e| whole_day(index.spans[e as usize].start))
                .collect(),
        );
        assert_eq!(order.starts, expected_starts, "starts of the kept events");
        for event in 0..700 {
            let place = order
                .chronological
                .iter()
                .position(|&e| e as usize == event);
            assert_eq!(order.rank.get(event), place, "event {event}");
            assert_eq!(order.rank.shows(event), place.is_some(), "event {event}");
        }
        assert_eq!(order.rank.len(), 700, "ranks for every event");
    }
    assert!(
        matches!(twice.starts, Starts::Counted(_)),
        "crowded days are counted by day"
    );
}

#[test]
fn a_filter_of_a_filter_keeps_each_lane_in_date_order() {
    let dataset = two_actors_dataset();
    let index = DatasetIndex::build(&dataset);
    let first: Vec<bool> = (0..400).map(|e| e % 3 != 1).collect();
    let second: Vec<bool> = (0..400).map(|e| e % 7 != 2).collect();
    let once = index.order.filtered(&first, &|| false).expect("done");
    let twice = once.filtered(&second, &|| false).expect("done");
    let kept_once = |e: u32| first[e as usize];
    let kept_twice = |e: u32| first[e as usize] && second[e as usize];
    for (order, kept) in [
        (&once, &kept_once as &dyn Fn(u32) -> bool),
        (&twice, &kept_twice),
    ] {
        for (lane, whole) in order
            .lanes
            .iter()
            .zip(&index.order.lanes)
            .chain([(&order.longer_than_a_day, &index.order.longer_than_a_day)])
        {
            let kept_of = |events: &[u32]| -> Vec<u32> {
                events.iter().copied().filter(|&e| kept(e)).collect()
            };
            assert_eq!(lane.events, kept_of(&whole.events));
            assert_eq!(lane.long_events, kept_of(&whole.long_events));
            assert_eq!(lane.actor, whole.actor);
        }
    }
    assert!(
        twice.longer_than_a_day.len() > 10 && twice.lanes.iter().all(|l| !l.is_empty()),
        "the filters leave events in every lane"
    );
}

/// Two orders show the same events the same way: dates, starts, ranks
/// and lanes.
fn same_orders(a: &EventOrder, b: &EventOrder, events: usize) {
    assert_eq!(a.chronological, b.chronological);
    assert_eq!(a.starts, b.starts);
    for event in 0..events {
        assert_eq!(a.rank.get(event), b.rank.get(event), "event {event}");
        assert_eq!(a.rank.shows(event), b.rank.shows(event), "event {event}");
    }
    for (x, y) in a.lanes.iter().zip(&b.lanes) {
        same_lanes(x, y);
    }
    same_lanes(&a.longer_than_a_day, &b.longer_than_a_day);
}

/// Events on scattered days naming up to three of eight actors, some
/// one actor twice, some none, one in 23 longer than the long-event cut.
fn eight_actors_dataset(events: usize) -> Dataset {
    let ids = ["a", "b", "c", "d", "e", "f", "g", "h"];
    let events = (0..events)
        .map(|i| {
            let named = (i * 7) % 4;
            let mut actors: Vec<crate::data::Name> = (0..named)
                .map(|k| ids[(i * 3 + k * 5) % ids.len()].into())
                .collect();
            if i % 37 == 0 {
                actors.push(ids[(i * 3) % ids.len()].into());
            }
            let mut e = event(
                &format!("e{i}"),
                &format!("2017-{:02}-{:02}", 1 + (i * 5) % 12, 1 + (i * 11) % 28),
            );
            if i % 23 == 0 {
                e.end = Some("2019-06".parse().expect("a valid date"));
            }
            Event { actors, ..e }
        })
        .collect();
    let actor = |id: &&str| crate::data::Actor {
        id: (*id).to_owned(),
        name: (*id).to_owned(),
        short: (*id).to_owned(),
        color: "#808080".to_owned(),
        aliases: Vec::new(),
        kind: None,
    };
    dataset_of(ids.iter().map(actor).collect(), events)
}

#[test]
fn a_filter_on_actors_keeps_their_lanes_whole_and_shows_what_their_marks_show() {
    let events = 900;
    let dataset = eight_actors_dataset(events);
    let index = DatasetIndex::build(&dataset);
    let some: Vec<bool> = (0..events).map(|e| e % 4 != 3).collect();
    let filtered = index.order.filtered(&some, &|| false).expect("done");
    for order in [index.order.as_ref(), &filtered] {
        for chosen in [
            vec![0],
            vec![5],
            vec![1, 2],
            vec![0, 3, 7],
            (0..8).collect(),
        ] {
            let is_chosen = |a: usize| chosen.contains(&a);
            let mut keep = PackedMarks::with_len(events);
            order
                .each_event_of_actors(is_chosen, &|| false, |e| keep.mark(e as usize))
                .expect("done");
            let by_marks = order.filtered_by_bits(&keep, &|| false).expect("done");
            let by_lanes = order
                .filtered_to_actors(&keep, is_chosen, &|| false)
                .expect("done");
            same_orders(&by_lanes, &by_marks, events);
            assert!(by_lanes.len() > 20, "actors {chosen:?} keep events");
            for (lane, before) in by_lanes.lanes.iter().zip(&order.lanes) {
                let shared = Arc::ptr_eq(lane, before);
                assert_eq!(
                    shared,
                    lane.actor.is_some_and(is_chosen),
                    "{:?}",
                    lane.actor
                );
            }
        }
    }
}

#[test]
fn an_event_naming_one_actor_twice_stands_once_in_its_lane() {
    let events = 900;
    let index = DatasetIndex::build(&eight_actors_dataset(events));
    let named_twice: Vec<usize> = (0..events)
        .filter(|&e| e % 37 == 0 && (e * 7) % 4 > 0)
        .collect();
    assert!(named_twice.len() > 10);
    for e in named_twice {
        let lane = &index.order.lanes[(e * 3) % 8];
        let in_lane = lane
            .events
            .iter()
            .chain(&lane.long_events)
            .filter(|&&x| x as usize == e)
            .count();
        assert_eq!(in_lane, 1, "event {e}");
        assert_eq!(
            index
                .actors_of(e)
                .iter()
                .filter(|&&a| a as usize == (e * 3) % 8)
                .count(),
            1
        );
    }
}

#[test]
fn events_marked_by_place_are_filtered_as_when_marked_by_index() {
    let dates = crowded_dates();
    let dates: Vec<&str> = dates.iter().map(String::as_str).collect();
    for (dataset, events) in [(two_actors_dataset(), 400), (index_dataset(&dates), 700)] {
        let index = DatasetIndex::build(&dataset);
        let order = &index.order;
        let confidences = dataset.events.confidences();
        for (place, &event) in order.chronological.iter().enumerate() {
            assert_eq!(
                index.confidence_by_place()[place],
                confidences[event as usize]
            );
        }
        for every in [1, 2, 3, 7, 64, 1000] {
            let keep: Vec<bool> = (0..events).map(|e| (e * 5 + 1) % every == 0).collect();
            let by_index = PackedMarks::of(&keep);
            let by_place = PackedMarks::of_each(&order.chronological, |&e| keep[e as usize]);
            let marked_by_index = order.filtered_by_bits(&by_index, &|| false).expect("done");
            let marked_by_place = order
                .filtered_by_places(&by_index, by_place, &|| false)
                .expect("done");
            same_orders(&marked_by_place, &marked_by_index, events);
        }
    }
}

#[test]
fn a_filtered_order_keeps_date_order_lanes_and_ranks() {
    let index = index_of(&["2017-03-01", "2017-01-01", "2017-02-01"]);
    let shown = index
        .order
        .filtered(&[true, true, false], &|| false)
        .expect("not cancelled");
    assert_eq!(shown.chronological, [1, 0]);
    let ranks: Vec<Option<usize>> = (0..3).map(|e| shown.rank.get(e)).collect();
    assert_eq!(ranks, [Some(1), Some(0), None]);
    assert_eq!(shown.step_from(1, true), Some(0));
    assert_eq!(
        shown.step_from(2, true),
        None,
        "a hidden event is no anchor"
    );
    let counts = shown.counts_between(&[17_100.0, 17_200.0, 17_300.0]);
    assert_eq!(counts, [1, 1], "Jan 1 is day 17,167; Mar 1 is 17,226");
    assert!(
        index.order.filtered(&[true; 3], &|| true).is_none(),
        "cancelled"
    );
}
