use super::*;

fn event(n: usize, place: &str) -> Event {
    Event {
        id: format!("e{n}").into(),
        date: PartialDate::day(2020, 1, 1 + (n % 28) as u8),
        end: (n.is_multiple_of(3)).then(|| PartialDate::day(2020, 3, 1)),
        title: format!("Event number {n}"),
        summary: "x".repeat(n % 5),
        place: (!n.is_multiple_of(4)).then(|| Place::named(place)),
        actors: (0..n % 3).map(|a| Name::from(format!("a{a}"))).collect(),
        tags: Vec::new(),
        confidence: Confidence::ALL[n % 5],
        cites: vec![Cite {
            source: "s".into(),
            note: (n.is_multiple_of(2)).then(|| "a note".to_owned()),
            quote: None,
        }],
        disputed_by: Vec::new(),
        extras: None,
    }
}

#[test]
fn events_read_back_as_they_were_pushed_and_repeated_places_are_kept_once() {
    let records: Vec<Event> = (0..100).map(|n| event(n, ["A", "B"][n % 2])).collect();
    let events = Events::from(records.clone());
    assert_eq!(events.len(), 100);
    for (record, stored) in records.iter().zip(events.iter()) {
        assert_eq!(&stored.to_event(), record);
    }
    assert_eq!(events.place_table.len(), 2);
    assert!(events.get(100).is_none());
}

#[test]
fn events_at_one_place_share_its_names_and_keep_their_own_coordinates() {
    let at = |lat: Option<f64>, lon: Option<f64>| {
        let mut e = event(1, "Raqqa");
        if let Some(place) = &mut e.place {
            place.lat = lat;
            place.lon = lon;
        }
        e
    };
    let records = vec![
        at(Some(35.95), Some(39.01)),
        at(Some(35.96), Some(39.02)),
        at(None, None),
        at(Some(f64::NAN), Some(f64::INFINITY)),
    ];
    let events = Events::from(records.clone());
    assert_eq!(events.place_table.len(), 1);
    for (record, stored) in records.iter().zip(events.iter()) {
        let place = stored.place().expect("placed");
        let given = record.place.as_ref().expect("placed");
        assert_eq!(place.name(), "Raqqa");
        assert_eq!(place.lat().map(f64::to_bits), given.lat.map(f64::to_bits));
        assert_eq!(place.lon(), given.lon);
    }
}

#[test]
fn a_text_longer_than_a_block_is_kept_whole() {
    let mut long = event(1, "A");
    long.summary = "y".repeat(TEXT_BLOCK + 10);
    let events = Events::from(vec![event(0, "A"), long.clone(), event(2, "A")]);
    assert_eq!(
        events.get(1).map(|e| e.summary().len()),
        Some(TEXT_BLOCK + 10)
    );
    assert_eq!(events.get(2).map(|e| e.to_event()), Some(event(2, "A")));
}

#[test]
fn events_are_written_from_the_columns_exactly_as_their_records_are() {
    let mut dataset = crate::data::generate::dataset(&crate::data::generate::GenerateOptions {
        events: 500,
        seed: 3,
        ..Default::default()
    });
    crate::data::generate::fill_every_field(&mut dataset);
    let mut odd = event(1, "Raqqa");
    odd.disputed_by = odd.cites.clone();
    odd.tags = vec!["a \"quoted\" tag".into()];
    dataset.events.push(&odd);
    let records: Vec<Event> = dataset.events.iter().map(|e| e.to_event()).collect();
    let options = crate::data::format::ron_text::ron_options();
    let pretty = ron::ser::PrettyConfig::default();
    let from_columns = options.to_string_pretty(&dataset.events, pretty.clone());
    let from_records = options.to_string_pretty(&records, pretty);
    assert_eq!(from_columns.ok(), from_records.ok());
}

#[test]
fn events_can_be_dropped_or_replaced_by_index() {
    let mut events = Events::from((0..5).map(|n| event(n, "A")).collect::<Vec<_>>());
    events.retain_indexed(&[true, false, true, false, true]);
    let ids: Vec<&str> = events.iter().map(|e| e.id()).collect();
    assert_eq!(ids, ["e0", "e2", "e4"]);
    events.replace(1, event(9, "B"));
    assert_eq!(events.get(1).map(|e| e.id()), Some("e9"));
    assert_eq!(events.len(), 3);
}
