//! The map, driven headless: where events land, what a click selects, how the
//! map follows the list, the filters and the time window, and the area a
//! Shift+drag draws.

use egui::{Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use frontline::app::FrontlineApp;
use frontline::ui::map::camera::Camera;
use frontline::view::{TimeWindow, ViewChange};

use crate::common::{self, harness_on, temp_file};

fn harness_with_map() -> Harness<'static, FrontlineApp> {
    let mut harness = Harness::builder()
        .with_size([1600.0, 1000.0])
        .build_eframe(|_cc| FrontlineApp::with_default_dataset());
    harness.run_steps(2);
    harness.key_press(Key::M);
    harness.run_steps(3);
    assert!(harness.state().view().map_open(), "M opens the map");
    harness
}

fn event_index(app: &FrontlineApp, id: &str) -> usize {
    let loaded = app.loaded().expect("a dataset is open");
    loaded
        .dataset
        .events
        .iter()
        .position(|e| e.id() == id)
        .unwrap_or_else(|| panic!("no event {id}"))
}

/// Where an event lands on the map in the last frame.
fn on_screen(app: &FrontlineApp, id: &str) -> Pos2 {
    let event = event_index(app, id);
    let place = app
        .loaded()
        .expect("open")
        .dataset
        .events
        .at(event)
        .place()
        .expect("placed");
    let frame = app.map().last_frame();
    let (rect, camera) = (frame.rect.expect("drawn"), frame.camera.expect("drawn"));
    camera.to_screen(rect, place.lon().expect("lon"), place.lat().expect("lat"))
}

fn press(
    harness: &mut Harness<'static, FrontlineApp>,
    at: Pos2,
    pressed: bool,
    modifiers: Modifiers,
) {
    harness.event(egui::Event::PointerButton {
        pos: at,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers,
    });
    harness.step();
}

fn click_at(harness: &mut Harness<'static, FrontlineApp>, at: Pos2) {
    harness.event(egui::Event::PointerMoved(at));
    harness.step();
    press(harness, at, true, Modifiers::NONE);
    press(harness, at, false, Modifiers::NONE);
    harness.run_steps(2);
}

fn drag(harness: &mut Harness<'static, FrontlineApp>, from: Pos2, to: Pos2, modifiers: Modifiers) {
    harness.event(egui::Event::ModifiersChanged(modifiers));
    harness.event(egui::Event::PointerMoved(from));
    harness.step();
    press(harness, from, true, modifiers);
    for step in 1..=8 {
        let t = step as f32 / 8.0;
        harness.event(egui::Event::PointerMoved(from + (to - from) * t));
        harness.step();
    }
    press(harness, to, false, modifiers);
    harness.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    harness.run_steps(2);
}

/// Located events that overlap a time window and pass the filters.
fn located_on_show(app: &FrontlineApp, window: TimeWindow) -> usize {
    let loaded = app.loaded().expect("open");
    let shown = app.shown_events().expect("shown");
    (0..loaded.dataset.events.len())
        .filter(|&e| shown.rank.shows(e))
        .filter(|&e| {
            let span = loaded.index.spans[e];
            span.start < window.end && span.end > window.start
        })
        .filter(|&e| {
            loaded
                .dataset
                .events
                .at(e)
                .place()
                .as_ref()
                .is_some_and(|p| p.lat().is_some() && p.lon().is_some())
        })
        .count()
}

#[test]
fn the_map_shows_every_located_event_and_counts_those_without_coordinates() {
    let harness = harness_with_map();
    let frame = harness.state().map().last_frame();
    let window = harness.state().view().window();
    assert_eq!(frame.events_drawn, located_on_show(harness.state(), window));
    assert_eq!(frame.events_drawn, 40);
    assert_eq!(frame.unlocated, 10);
    assert!(frame.countries >= 2, "Syria and Iraq at least");
    assert!(harness.query_by_label_contains("Fit to events").is_some());
}

#[test]
fn clicking_a_point_on_the_map_selects_its_event_and_the_details_follow() {
    let mut harness = harness_with_map();
    let at = on_screen(harness.state(), "tikrit-falls");
    let rect = harness.state().map().last_frame().rect.expect("drawn");
    assert!(rect.contains(at), "Tikrit is in view: {at:?} in {rect:?}");
    click_at(&mut harness, at);
    assert_eq!(
        common::selected_id(harness.state()).as_deref(),
        Some("tikrit-falls")
    );
    assert!(
        harness.query_all_by_label_contains("Tikrit falls").count() >= 2,
        "the list and the detail panel show it"
    );
}

#[test]
fn selecting_in_the_list_brings_the_event_into_view_on_the_map() {
    let mut harness = harness_with_map();
    harness.state_mut().queue(ViewChange::SetMapLook(
        Camera {
            lon: -100.0,
            lat: 40.0,
            points_per_degree: 60.0,
        }
        .look(),
    ));
    harness.run_steps(2);
    let rect = harness.state().map().last_frame().rect.expect("drawn");
    assert!(!rect.contains(on_screen(harness.state(), "mosul-falls")));
    harness
        .get_by_label_contains("Mosul falls; Iraqi army collapses")
        .click();
    harness.run_steps(3);
    assert_eq!(
        common::selected_id(harness.state()).as_deref(),
        Some("mosul-falls")
    );
    let at = on_screen(harness.state(), "mosul-falls");
    assert!(rect.shrink(20.0).contains(at), "{at:?} in {rect:?}");
}

#[test]
fn a_filter_hides_its_events_on_the_map() {
    let mut harness = harness_with_map();
    let before = harness.state().map().last_frame().events_drawn;
    let filter = common::filter_edited(harness.state(), |f| {
        f.actors.insert("turkey".to_owned());
    });
    common::send(&mut harness, filter);
    let ctx = harness.ctx.clone();
    harness.state_mut().finish_filtering(&ctx);
    harness.run_steps(3);
    let after = harness.state().map().last_frame().events_drawn;
    let window = harness.state().view().window();
    assert_eq!(after, located_on_show(harness.state(), window));
    assert!(0 < after && after < before, "{after} of {before}");
}

#[test]
fn the_map_follows_the_time_window() {
    let mut harness = harness_with_map();
    let year_2014 = TimeWindow::new(
        f64::from(frontline::data::PartialDate::day(2014, 1, 1).start_day()),
        f64::from(frontline::data::PartialDate::day(2015, 1, 1).start_day()),
    );
    harness.state_mut().queue(ViewChange::SetWindow(year_2014));
    harness.run_steps(3);
    let drawn = harness.state().map().last_frame().events_drawn;
    assert_eq!(drawn, located_on_show(harness.state(), year_2014));
    assert!(0 < drawn && drawn < 40, "{drawn}");
}

#[test]
fn a_shift_drag_box_on_the_map_filters_the_list_and_clearing_it_shows_all_again() {
    let mut harness = harness_with_map();
    // A box around Mosul and Tikrit, none of Syria.
    let mosul = on_screen(harness.state(), "mosul-falls");
    let tikrit = on_screen(harness.state(), "tikrit-falls");
    let from = Pos2::new(mosul.x.min(tikrit.x) - 15.0, mosul.y.min(tikrit.y) - 15.0);
    let to = Pos2::new(mosul.x.max(tikrit.x) + 15.0, mosul.y.max(tikrit.y) + 15.0);
    drag(&mut harness, from, to, Modifiers::SHIFT);
    let area = harness
        .state()
        .view()
        .filter()
        .area
        .expect("an area filter");
    assert!(area.contains(43.164, 36.357) && area.contains(43.657, 34.619));
    assert!(!area.contains(38.998, 35.959), "Raqqa is outside");
    let ctx = harness.ctx.clone();
    harness.state_mut().finish_filtering(&ctx);
    harness.run_steps(3);
    let shown = harness.state().shown_events().expect("shown").len();
    assert!(0 < shown && shown < 40, "{shown}");
    assert!(
        harness
            .query_by_label_contains(&format!("{shown} of 50 events shown (filtered)"))
            .is_some()
    );
    assert!(harness.query_by_label_contains("In the area").is_some());
    // A plain drag pans the map and leaves the filter as it is.
    let camera = harness.state().map().camera().expect("drawn");
    drag(
        &mut harness,
        from,
        from + egui::vec2(60.0, 0.0),
        Modifiers::NONE,
    );
    assert!(harness.state().map().camera().expect("drawn").lon < camera.lon);
    assert_eq!(harness.state().view().filter().area, Some(area));
    harness.get_by_label("Clear area").click();
    harness.run_steps(3);
    harness.state_mut().finish_filtering(&ctx);
    harness.run_steps(2);
    assert_eq!(harness.state().view().filter().area, None);
    assert_eq!(harness.state().shown_events().expect("shown").len(), 50);
}

#[test]
fn many_events_are_counted_per_cell_and_one_city_shows_them_one_by_one() {
    let dataset = frontline::generate::dataset(&frontline::generate::GenerateOptions {
        events: 20_000,
        series: 1,
        seed: 5,
        ..Default::default()
    });
    let text = frontline::data::to_ron_string(&dataset).expect("serialises");
    let path = temp_file("map-many.ron", &text);
    let mut harness = harness_on(&path);
    harness.key_press(Key::M);
    harness.run_steps(4);
    let frame = harness.state().map().last_frame();
    assert_eq!(frame.events_drawn, 0, "too many to draw one by one");
    assert!(frame.cells_drawn > 10, "{frame:?}");
    assert_eq!(frame.in_view, 20_000);
    // One city: a few km across.
    harness.state_mut().queue(ViewChange::SetMapLook(
        Camera {
            lon: 38.0,
            lat: 35.0,
            points_per_degree: 4_000.0,
        }
        .look(),
    ));
    harness.run_steps(3);
    let frame = harness.state().map().last_frame();
    assert_eq!(frame.cells_drawn, 0);
    assert!(
        frame.events_drawn < frontline::ui::map::POINT_LIMIT,
        "{frame:?}"
    );
    let rect = frame.rect.expect("drawn");
    let bounds = frame.camera.expect("drawn").bounds(rect);
    let loaded = harness.state().loaded().expect("open");
    let inside = loaded
        .dataset
        .events
        .iter()
        .filter_map(|e| e.place())
        .filter(|p| {
            let (lon, lat) = (p.lon().unwrap_or(0.0), p.lat().unwrap_or(0.0));
            (bounds[0]..=bounds[2]).contains(&lon) && (bounds[1]..=bounds[3]).contains(&lat)
        })
        .count();
    // Marks at the edge of the view are drawn too (a margin of 2%).
    assert!(
        frame.events_drawn >= inside && frame.events_drawn <= inside + inside / 5 + 5,
        "{} drawn, {inside} inside",
        frame.events_drawn
    );
}

#[test]
fn past_fifty_thousand_events_the_counts_are_made_in_the_background_and_shown() {
    let dataset = frontline::generate::dataset(&frontline::generate::GenerateOptions {
        events: 60_000,
        series: 1,
        seed: 6,
        ..Default::default()
    });
    let text = frontline::data::to_ron_string(&dataset).expect("serialises");
    let path = temp_file("map-background.ron", &text);
    let mut harness = harness_on(&path);
    harness.key_press(Key::M);
    let mut frames = 0;
    harness.run_steps(2);
    while harness.state().map().is_busy() {
        assert!(frames < 2_000, "the map's background work never came back");
        std::thread::sleep(std::time::Duration::from_millis(5));
        harness.step();
        frames += 1;
    }
    harness.run_steps(2);
    let frame = harness.state().map().last_frame();
    assert_eq!(frame.in_view, 60_000, "{frame:?}");
    assert!(frame.cells_drawn > 10, "{frame:?}");
    // A new time window is counted again, in the background too.
    let window = harness.state().view().window();
    harness
        .state_mut()
        .queue(ViewChange::SetWindow(TimeWindow::new(
            window.start,
            window.start + window.width() / 2.0,
        )));
    harness.step();
    while harness.state().map().is_busy() {
        std::thread::sleep(std::time::Duration::from_millis(5));
        harness.step();
    }
    harness.run_steps(2);
    let half = harness.state().map().last_frame().in_view;
    assert!(0 < half && half < 60_000, "{half}");
}

#[test]
fn a_crowded_cell_under_the_pointer_is_summed_up_in_the_background() {
    // Six thousand events in one spot: more than a frame reads to name a
    // cell's lanes.
    let mut dataset = frontline::generate::dataset(&frontline::generate::GenerateOptions {
        events: 6_000,
        series: 1,
        seed: 8,
        ..Default::default()
    });
    let events: Vec<frontline::data::Event> = dataset
        .events
        .iter()
        .map(|e| {
            let mut event = e.to_event();
            let mut place = frontline::data::Place::named("Raqqa");
            place.lat = Some(35.95);
            place.lon = Some(39.01);
            event.place = Some(place);
            event
        })
        .collect();
    dataset.events = events.into();
    let text = frontline::data::to_ron_string(&dataset).expect("serialises");
    let path = temp_file("map-crowded-cell.ron", &text);
    let mut harness = harness_on(&path);
    harness.key_press(Key::M);
    harness.run_steps(2);
    while harness.state().map().is_busy() {
        std::thread::sleep(std::time::Duration::from_millis(5));
        harness.step();
    }
    let frame = harness.state().map().last_frame();
    assert_eq!(frame.events_drawn, 0, "counted per cell: {frame:?}");
    let (rect, camera) = (frame.rect.expect("drawn"), frame.camera.expect("drawn"));
    let spot = camera.to_screen(rect, 39.01, 35.95);
    harness.event(egui::Event::PointerMoved(spot));
    harness.step();
    // While the map moves under a still pointer (a hair a frame, so the
    // same cell stays under it), nothing is summed up.
    for step in 1..=4 {
        let mut moved = camera;
        moved.lon += 1e-4 * f64::from(step);
        harness
            .state_mut()
            .queue(ViewChange::SetMapLook(moved.look()));
        harness.step();
        assert!(
            !harness.state().map().is_busy(),
            "summed up while the map moved"
        );
    }
    // Nothing is summed up until the pointer and the map rest on the cell
    // for a second frame, and that frame does not wait for the cell's lanes.
    assert!(!harness.state().map().is_busy(), "not summed up at once");
    harness.step();
    assert!(harness.state().map().hovered_cell().is_none());
    assert!(harness.state().map().is_busy(), "counted in the background");
    let mut frames = 0;
    while harness.state().map().is_busy() {
        assert!(frames < 2_000, "the cell's summary never came back");
        std::thread::sleep(std::time::Duration::from_millis(5));
        harness.step();
        frames += 1;
    }
    harness.run_steps(2);
    let summary = harness
        .state()
        .map()
        .hovered_cell()
        .expect("summed up")
        .clone();
    assert_eq!(summary.count, 6_000);
    let loaded = harness.state().loaded().expect("open");
    let shorts: Vec<&str> = loaded
        .dataset
        .actors
        .iter()
        .map(|a| a.short.as_str())
        .collect();
    assert!(!summary.top.is_empty());
    assert!(
        summary
            .top
            .iter()
            .all(|(lane, _)| shorts.contains(&lane.as_str())),
        "{summary:?}"
    );
}

#[test]
fn a_saved_view_keeps_the_map_open_where_it_looked() {
    let mut harness = harness_with_map();
    let camera = Camera {
        lon: 40.0,
        lat: 35.5,
        points_per_degree: 150.0,
    };
    harness
        .state_mut()
        .queue(ViewChange::SetMapLook(camera.look()));
    harness.run_steps(2);
    harness.state_mut().save_view("north");
    harness.key_press(Key::M);
    harness.run_steps(2);
    assert!(!harness.state().view().map_open());
    harness.state_mut().restore_view("north");
    harness.run_steps(2);
    assert!(harness.state().view().map_open());
    assert_eq!(harness.state().map().camera(), Some(camera));
}

/// The fill of the small dot drawn at `at`, if any.
fn dot_colour_at(harness: &Harness<'static, FrontlineApp>, at: Pos2) -> Option<egui::Color32> {
    fn walk(shape: &egui::Shape, at: Pos2, found: &mut Option<egui::Color32>) {
        match shape {
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, at, found)),
            egui::Shape::Circle(circle)
                if circle.radius <= 3.5 && circle.center.distance(at) < 0.5 =>
            {
                *found = Some(circle.fill);
            }
            _ => {}
        }
    }
    let mut found = None;
    for clipped in &harness.output().shapes {
        walk(&clipped.shape, at, &mut found);
    }
    found
}

#[test]
fn the_map_s_dots_take_their_lanes_colours_again_when_the_theme_changes() {
    let mut harness = harness_with_map();
    let at = on_screen(harness.state(), "tikrit-falls");
    let dark = dot_colour_at(&harness, at).expect("Tikrit's dot is drawn");
    harness.ctx.set_visuals(egui::Visuals::light());
    harness.run_steps(3);
    let at = on_screen(harness.state(), "tikrit-falls");
    let light = dot_colour_at(&harness, at).expect("Tikrit's dot is drawn");
    assert_ne!(dark, light, "the dots are coloured for the light theme");
    harness.ctx.set_visuals(egui::Visuals::dark());
    harness.run_steps(3);
    let at = on_screen(harness.state(), "tikrit-falls");
    assert_eq!(
        dot_colour_at(&harness, at),
        Some(dark),
        "and for the dark theme again"
    );
}

#[test]
fn opening_another_file_keeps_the_map_open_and_the_lanes_chosen() {
    let mut harness = harness_with_map();
    let mut lanes = harness.state().view().lanes().clone();
    lanes.grouping = frontline::data::lanes::LaneGrouping::Tag;
    common::send(&mut harness, ViewChange::SetLanes(lanes));
    let path = temp_file("another-file.ron", include_str!("data/small.ron"));
    let ctx = harness.ctx.clone();
    harness.state_mut().open_file(&path, &ctx);
    harness.state_mut().finish_pending_load();
    harness.run_steps(3);
    let app = harness.state();
    assert!(
        app.loaded().is_some_and(
            |l| l.dataset.title != "Islamic State territory in Syria and Iraq, 2014-2019"
        ),
        "the other file is on screen"
    );
    assert!(app.view().map_open(), "the map stays open");
    assert_eq!(
        app.view().lanes().grouping,
        frontline::data::lanes::LaneGrouping::Tag,
        "the lanes stay as chosen"
    );
    assert!(app.view().selection().is_none() && app.view().span().is_none());
}

#[test]
fn the_area_filter_s_box_stays_drawn_while_the_filter_holds() {
    let mut harness = harness_with_map();
    assert_eq!(harness.state().map().last_frame().area_box, None);
    let mosul = on_screen(harness.state(), "mosul-falls");
    let tikrit = on_screen(harness.state(), "tikrit-falls");
    let from = Pos2::new(mosul.x.min(tikrit.x) - 15.0, mosul.y.min(tikrit.y) - 15.0);
    let to = Pos2::new(mosul.x.max(tikrit.x) + 15.0, mosul.y.max(tikrit.y) + 15.0);
    drag(&mut harness, from, to, Modifiers::SHIFT);
    harness.run_steps(2);
    let drawn = harness
        .state()
        .map()
        .last_frame()
        .area_box
        .expect("the box is drawn once the drag ends");
    // Where the drag was, to a pixel or two of rounding to whole degrees' hundredths.
    assert!(drawn.contains(mosul) && drawn.contains(tikrit), "{drawn:?}");
    assert!((drawn.min - from).length() < 20.0 && (drawn.max - to).length() < 20.0);
    // Panned, the box moves with the map.
    drag(
        &mut harness,
        from,
        from + egui::vec2(60.0, 0.0),
        Modifiers::NONE,
    );
    harness.run_steps(2);
    let moved = harness
        .state()
        .map()
        .last_frame()
        .area_box
        .expect("still drawn");
    assert!(
        (moved.center().x - drawn.center().x - 60.0).abs() < 2.0,
        "{moved:?}"
    );
    harness.get_by_label("Clear area").click();
    harness.run_steps(3);
    assert_eq!(harness.state().map().last_frame().area_box, None);
}

/// No two of the names written on the map meet, and none meets the chips at
/// the map's top left (its buttons and status lines).
fn assert_names_apart(harness: &Harness<'static, FrontlineApp>) {
    let labels = harness.state().map().labels();
    for (i, a) in labels.iter().enumerate() {
        for b in &labels[i + 1..] {
            assert!(
                !a.rect.intersects(b.rect),
                "{:?} meets {:?}",
                a.text,
                b.text
            );
        }
    }
    let frame = harness.state().map().last_frame();
    let rect = frame.rect.expect("drawn");
    let chips = egui::Rect::from_min_size(rect.left_top(), egui::vec2(300.0, 60.0));
    for label in labels {
        assert!(
            !label.rect.intersects(chips),
            "{:?} under the chips",
            label.text
        );
    }
}

/// Close in on Raqqa: about 10 km across the map.
fn raqqa_close() -> Camera {
    Camera {
        lon: 39.0,
        lat: 35.95,
        points_per_degree: 900.0,
    }
}

/// Syria and its neighbours, as from afar.
fn syria_from_afar() -> Camera {
    Camera {
        lon: 39.0,
        lat: 35.0,
        points_per_degree: 60.0,
    }
}

/// The names the map writes once it looks through `camera`.
fn names_looking_at(harness: &mut Harness<'static, FrontlineApp>, camera: Camera) -> Vec<String> {
    common::send(harness, ViewChange::SetMapLook(camera.look()));
    harness.run_steps(2);
    let labels = harness.state().map().labels();
    labels.iter().map(|l| l.text.clone()).collect()
}

#[test]
fn the_map_names_towns_close_in_and_cities_from_afar_never_one_name_over_another() {
    let mut harness = harness_with_map();
    // Close in on Raqqa: the town, the Euphrates, the province line and its name.
    let names = names_looking_at(&mut harness, raqqa_close());
    assert!(names.iter().any(|n| n == "Ar Raqqah"), "{names:?}");
    assert!(
        names.iter().any(|n| n == "Euphrates"),
        "named along its course: {names:?}"
    );
    assert!(
        harness.state().map().last_frame().country_names >= 1,
        "Syria is named though its middle is far off"
    );
    let drawn = harness.state().map().last_frame().context;
    assert!(harness.state().map().last_frame().legend_shown);
    assert!(drawn.rivers > 0, "the Euphrates: {drawn:?}");
    assert!(drawn.borders > 0, "the governorates' lines: {drawn:?}");
    assert_names_apart(&harness);

    // From afar, Syria and its neighbours: cities, no town of a few thousand.
    let names = names_looking_at(&mut harness, syria_from_afar());
    for city in ["Aleppo", "Damascus"] {
        assert!(names.iter().any(|n| n == city), "{city} in {names:?}");
    }
    assert!(
        !names.iter().any(|n| n == "Jinniyah"),
        "a village from afar: {names:?}"
    );
    assert_names_apart(&harness);
}

#[test]
fn hovering_a_place_names_it_with_its_province_and_country() {
    use frontline::data::map::context::ContextMap;
    let mut harness = harness_with_map();
    names_looking_at(&mut harness, raqqa_close());
    let places = ContextMap::embedded();
    let (index, village) = places
        .places
        .iter()
        .enumerate()
        .find(|(_, p)| places.name(p.name) == "Jinniyah")
        .expect("a village near Raqqa");
    let frame = harness.state().map().last_frame();
    let (rect, camera) = (frame.rect.expect("drawn"), frame.camera.expect("drawn"));
    let at = camera.to_screen(rect, f64::from(village.at[0]), f64::from(village.at[1]));
    harness.event(egui::Event::PointerMoved(at));
    harness.run_steps(2);
    assert_eq!(
        harness.state().map().last_frame().place_hovered,
        Some(index as u32)
    );
    use egui_kittest::kittest::NodeT;
    let tip = harness.get_by_label_contains("people (GeoNames)");
    let text = tip.accesskit_node().label().unwrap_or_default().to_owned();
    assert!(
        text.starts_with("Jinniyah\n") && text.contains("Syria"),
        "{text}"
    );
}

#[test]
fn the_view_menu_switches_to_the_light_theme_and_the_map_draws_in_it() {
    let mut harness = harness_with_map();
    harness.get_by_label("View").click();
    harness.run_steps(2);
    harness.get_by_label("Theme").click();
    harness.run_steps(2);
    harness.get_by_label("Light").click();
    harness.run_steps(3);
    assert_eq!(harness.state().theme(), egui::ThemePreference::Light);
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
    let names = names_looking_at(&mut harness, syria_from_afar());
    assert!(names.len() > 5, "{names:?}");
    assert_names_apart(&harness);
}

#[test]
fn the_place_search_finds_a_town_as_one_types_and_flies_the_map_there_with_a_pin() {
    let mut harness = harness_with_map();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    harness.run_steps(2);
    harness.event(egui::Event::Text("Pokr".into()));
    harness.run_steps(3);
    let found = harness.state().map().place_search().found().to_vec();
    let first = found.first().expect("places found as one types");
    assert_eq!(first.full_name(), "Pokrovsk, Donetsk, Ukraine");
    // The list names each place with its province and country.
    assert!(
        harness
            .query_by_label("Pokrovsk, Donetsk, Ukraine")
            .is_some()
    );
    harness.key_press(Key::Enter);
    // The flight takes half a second.
    for _ in 0..60 {
        harness.step();
    }
    let search = harness.state().map().place_search();
    assert_eq!(search.pin().map(|p| p.name.as_str()), Some("Pokrovsk"));
    let camera = harness.state().map().camera().expect("drawn");
    assert!(
        (camera.lon - 37.18).abs() < 0.05 && (camera.lat - 48.28).abs() < 0.05,
        "centred on Pokrovsk: {camera:?}"
    );
    assert!(
        camera.points_per_degree >= 399.0,
        "at town zoom: {camera:?}"
    );
    // No other name is written over the pin's.
    let pin = harness
        .state()
        .map()
        .last_frame()
        .pin
        .expect("the pin is drawn");
    let labels = harness.state().map().labels();
    assert!(labels.len() > 5, "towns around are named: {}", labels.len());
    for label in labels {
        assert!(
            !label.rect.intersects(pin),
            "{} is under the pin",
            label.text
        );
    }
    // The dataset's own places come first: the built-in dataset names Raqqa
    // (GeoNames writes "Ar Raqqah").
    harness.key_press_modifiers(Modifiers::COMMAND, Key::L);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.event(egui::Event::Text("Raqqa".into()));
    harness.run_steps(3);
    let found = harness.state().map().place_search().found().to_vec();
    let first = found.first().expect("found");
    assert_eq!(first.full_name(), "Raqqa, Syria", "{found:?}");
    assert!(
        matches!(
            first.from,
            frontline::data::derived::place_search::FoundIn::Dataset(3)
        ),
        "{found:?}"
    );
    assert!(found.iter().any(|p| p.name == "Ar Raqqah"), "{found:?}");
}
