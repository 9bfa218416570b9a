//! The detail panel: for the selected event or figure, what is claimed and who claims it.

use egui::{Color32, RichText, Ui};

use super::actor_color;
use crate::data::validate::web_link;
use crate::data::{
    CiteRef, Confidence, DatePrecision, LoadedDataset, PlacePrecision, Timing, published,
};
use crate::format;
use crate::view::{Selection, ViewState};

/// Shows the selection's details, or an overview of the dataset when nothing is selected.
pub fn show(ui: &mut Ui, loaded: &LoadedDataset, summary: &str, view: &ViewState) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| match view.selection() {
            Some(Selection::Event(event)) => show_event(ui, loaded, event),
            Some(Selection::Point { series, point }) => show_point(ui, loaded, series, point),
            Some(Selection::Snapshot { map, snapshot }) => show_snapshot(ui, loaded, map, snapshot),
            None => show_overview(ui, loaded, summary),
        });
}

fn show_overview(ui: &mut Ui, loaded: &LoadedDataset, summary: &str) {
    let dataset = &loaded.dataset;
    ui.heading(format::line(&dataset.title));
    ui.label(format::block(&dataset.description));
    ui.add_space(6.0);
    ui.label(summary);
    if !dataset.license.is_empty() {
        ui.add_space(6.0);
        ui.label(RichText::new(format::line(&dataset.license)).small());
    }
    ui.add_space(10.0);
    ui.weak(
        "Click an event in the timeline or the list, or a point in the plot, to see who says so.",
    );
}

fn confidence_badge(ui: &mut Ui, confidence: Confidence) {
    let color = match confidence {
        Confidence::Confirmed => Color32::from_rgb(46, 125, 50),
        Confidence::Reported => Color32::from_rgb(21, 101, 192),
        Confidence::Claimed => Color32::from_rgb(239, 108, 0),
        Confidence::Disputed => Color32::from_rgb(198, 40, 40),
        Confidence::Unverified => Color32::from_rgb(117, 117, 117),
    };
    ui.label(
        RichText::new(format!(" {} ", confidence.label()))
            .color(Color32::WHITE)
            .background_color(color),
    );
}

fn show_event(ui: &mut Ui, loaded: &LoadedDataset, event: usize) {
    let dataset = &loaded.dataset;
    let Some(e) = dataset.events.get(event) else {
        ui.label("The selected event is not in this dataset.");
        return;
    };
    ui.heading(format::block(e.title()));
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format::event_dates(e)).strong());
        let precision = match e.date().precision() {
            DatePrecision::Day => None,
            DatePrecision::Month => Some("known to the month"),
            DatePrecision::Year => Some("known to the year"),
        };
        if let Some(precision) = precision {
            ui.weak(format!("({precision})"));
        }
        match e.timing() {
            Some(Timing::WithinWeek) => {
                ui.weak("(some day in that week)");
            }
            Some(Timing::SometimeBetween) => {
                ui.weak("(once, at some time in that span)");
            }
            Some(Timing::Exact) | None => {}
        }
        confidence_badge(ui, e.confidence());
    });
    if let Some(kind) = e.kind() {
        let text = match e.subkind() {
            Some(sub) => format!("Kind: {} · {}", format::line(kind), format::line(sub)),
            None => format!("Kind: {}", format::line(kind)),
        };
        ui.label(text);
    }
    if let Some(deaths) = e.fatalities() {
        ui.label(format!("Fatalities: {}", format::fatalities(deaths)));
        let disagreements = deaths.disagreements();
        if !disagreements.is_empty() {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "The source's estimates disagree: {} (shown as given)",
                    disagreements.join("; ")
                ),
            );
        }
        if let Some(parts) = format::fatalities_by_side(deaths) {
            ui.weak(parts);
        }
    }
    if let Some(place) = &e.place() {
        let mut text = place.name().to_owned();
        for part in [
            place.subdistrict(),
            place.district(),
            place.region(),
            place.country(),
        ]
        .into_iter()
        .flatten()
        {
            if !text.contains(part) {
                text.push_str(", ");
                text.push_str(part);
            }
        }
        if let (Some(lat), Some(lon)) = (place.lat(), place.lon()) {
            text.push_str(&format!("  ({lat:.3}, {lon:.3})"));
        }
        ui.label(format!("Place: {}", format::block(&text)));
        if let Some(precision) = place.precision().filter(|p| *p != PlacePrecision::Exact) {
            ui.weak(format!("Location: {}", precision.label()));
        }
    }
    ui.horizontal_wrapped(|ui| {
        for &actor in loaded.index.actors_of(event) {
            let color = actor_color(ui.visuals(), &loaded.index, actor as usize);
            let name = &dataset.actors[actor as usize].name;
            ui.label(
                RichText::new(format!(" {} ", format::line(name)))
                    .color(text_on(color))
                    .background_color(color),
            );
        }
    });
    if !e.summary().is_empty() {
        ui.add_space(4.0);
        ui.label(format::block(e.summary()));
    }
    if !e.tags().is_empty() {
        ui.weak(format!("Tags: {}", format::block(&e.tags().join(", "))));
    }
    ui.add_space(8.0);
    ui.separator();
    if e.cites().is_empty() {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            "Unsourced: this event cites no source.",
        );
    } else {
        ui.strong(format!("Sources ({})", e.cites().len()));
        for cite in e.cites() {
            cite_card(ui, loaded, cite);
        }
    }
    if !e.disputed_by().is_empty() {
        ui.add_space(6.0);
        ui.label(
            RichText::new(format!("Disputed by ({})", e.disputed_by().len()))
                .strong()
                .color(ui.visuals().warn_fg_color),
        );
        for cite in e.disputed_by() {
            cite_card(ui, loaded, cite);
        }
    }
}

/// Black or white, whichever reads better on `background`.
fn text_on(background: Color32) -> Color32 {
    let luma = 0.3 * f32::from(background.r())
        + 0.59 * f32::from(background.g())
        + 0.11 * f32::from(background.b());
    if luma > 150.0 {
        Color32::BLACK
    } else {
        Color32::WHITE
    }
}

fn show_point(ui: &mut Ui, loaded: &LoadedDataset, series: usize, point: usize) {
    let dataset = &loaded.dataset;
    let (Some(s), Some(p)) = (
        loaded.index.series(dataset, series),
        loaded
            .index
            .series(dataset, series)
            .and_then(|s| s.points.get(point)),
    ) else {
        ui.label("The selected figure is not in this dataset.");
        return;
    };
    let actor = loaded
        .index
        .actor_by_id
        .get(&s.actor)
        .map(|&a| &dataset.actors[a]);
    ui.heading(format!(
        "{}: {}",
        format::line(actor.map_or(s.actor.as_str(), |a| a.name.as_str())),
        format::figure(s, p)
    ));
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("as of {}", p.date.human())).strong());
        confidence_badge(ui, p.confidence);
    });
    ui.label(format!("Scope: {}", format::line(&s.scope)));
    ui.label(format!(
        "Series: {} by {}",
        format::line(actor.map_or(s.actor.as_str(), |a| a.short.as_str())),
        format::line(&s.source_org)
    ));
    if let Some(converted) = format::conversion(s, p) {
        ui.weak(converted);
    }
    let own = dataset.control.len();
    if series < own {
        if let Some(beside) = published::computed_beside_figure(loaded, series, point) {
            ui.label(format!(
                "Its map of {} ({} from this figure) gives {} km² computed: {} km² ({}) from the published figure",
                beside.date.human(),
                format::plural(beside.days_apart as usize, "day"),
                format::square_km(beside.value),
                signed_km2(beside.computed_less_published),
                signed_share(beside.computed_less_published, beside.value - beside.computed_less_published),
            ));
            ui.weak(published::COMPUTED_ON);
        }
    } else {
        published_beside(ui, loaded, &s.source_org, series - own, point);
    }
    ui.add_space(8.0);
    ui.separator();
    ui.strong("Source");
    cite_card(ui, loaded, p.cite.read());
}

/// A control map's snapshot: whose territory, by whom, as of when, its
/// computed area, and its source.
fn show_snapshot(ui: &mut Ui, loaded: &LoadedDataset, map: usize, snapshot: usize) {
    let dataset = &loaded.dataset;
    let Some((m, s)) = dataset
        .territory
        .get(map)
        .and_then(|m| Some((m, m.snapshots.get(snapshot)?)))
    else {
        ui.label("The selected map is not in this dataset.");
        return;
    };
    let actor = loaded
        .index
        .actor_by_id
        .get(m.actor.as_str())
        .map(|&a| &dataset.actors[a]);
    ui.heading(format!(
        "{}: map of territory held",
        format::line(actor.map_or(m.actor.as_str(), |a| a.name.as_str())),
    ));
    ui.label(RichText::new(format!("as of {}", s.date.human())).strong());
    ui.label(format!("Drawn by: {}", format::line(&m.source_org)));
    if !m.scope.is_empty() {
        ui.label(format!("Scope: {}", format::line(&m.scope)));
    }
    if let Some(area) = loaded
        .index
        .computed
        .get(map)
        .and_then(|series| series.points.get(snapshot))
    {
        ui.label(format!(
            "Area held: {} km² (computed by Frontline from the map's polygons)",
            format::square_km(area.value)
        ));
    }
    published_beside(ui, loaded, &m.source_org, map, snapshot);
    ui.weak(format!(
        "Snapshot {} of {} of this map",
        snapshot + 1,
        m.snapshots.len()
    ));
    ui.add_space(8.0);
    ui.separator();
    ui.strong("Source");
    cite_card(ui, loaded, s.cite.read());
}

/// The figure the map's organisation published nearest the snapshot's date,
/// and how the computed area differs from it; and what earth it is computed on.
fn published_beside(ui: &mut Ui, loaded: &LoadedDataset, org: &str, map: usize, snapshot: usize) {
    if let Some(beside) = published::published_beside_map(loaded, map, snapshot) {
        ui.label(format!(
            "{} published {} km² for {} ({} from this map): the computed area is {} km² ({}) from it",
            format::line(org.trim_end_matches(crate::data::map::area::COMPUTED_AREA).trim_end()),
            format::square_km(beside.value),
            beside.date.human(),
            format::plural(beside.days_apart as usize, "day"),
            signed_km2(beside.computed_less_published),
            signed_share(beside.computed_less_published, beside.value),
        ));
    }
    ui.weak(published::COMPUTED_ON);
}

/// "+54" or "-12": a difference in km².
fn signed_km2(difference: f64) -> String {
    let text = format::square_km(difference.abs());
    if difference < 0.0 {
        format!("-{text}")
    } else {
        format!("+{text}")
    }
}

/// "+0.05%": a difference as a share of `base`.
fn signed_share(difference: f64, base: f64) -> String {
    if base.abs() < f64::EPSILON {
        return "of nothing published".to_owned();
    }
    format!("{:+.2}%", difference / base * 100.0)
}

fn cite_card(ui: &mut Ui, loaded: &LoadedDataset, cite: CiteRef<'_>) {
    let source = loaded
        .index
        .source_by_id
        .get(cite.source())
        .map(|&i| &loaded.dataset.sources[i]);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        let Some(source) = source else {
            ui.colored_label(
                ui.visuals().error_fg_color,
                format!("Unknown source {:?}", cite.source()),
            );
            return;
        };
        ui.horizontal_wrapped(|ui| {
            ui.strong(format::line(&source.publisher));
            ui.weak(format!("· {}", source.kind.label()));
            if let Some(scale) = &source.scale {
                ui.weak(format!("· {}", format::line(scale)));
            }
        });
        ui.label(format::block(&source.title));
        let mut facts = Vec::new();
        if let Some(date) = source.published {
            facts.push(format!("published {}", date.human()));
        }
        if let Some(language) = &source.language {
            facts.push(format!("language: {}", format::line(language)));
        }
        if !facts.is_empty() {
            ui.weak(facts.join(" · "));
        }
        if let Some(note) = &cite.note() {
            ui.label(RichText::new(format::block(note)).italics());
        }
        if let Some(quote) = &cite.quote() {
            ui.label(format!("“{}”", format::block(quote)));
        }
        address(ui, source.url.as_deref());
    });
}

/// A source's address: a link named by its host, with the whole address beside it
/// and on hover, when it is a web link; plain text otherwise. Only the parsed
/// address ever reaches the system's opener.
fn address(ui: &mut Ui, address: Option<&str>) {
    let Some(text) = address.filter(|a| !a.trim().is_empty()) else {
        ui.colored_label(ui.visuals().warn_fg_color, "No address given");
        return;
    };
    match web_link(text) {
        Ok(url) => {
            let host = url.host_str().unwrap_or_default();
            ui.hyperlink_to(format!("Open {host}"), url.as_str())
                .on_hover_text(format!("Opens in your browser:\n{url}"));
            ui.add(
                egui::Label::new(RichText::new(format::block(text)).small().weak())
                    .selectable(true),
            );
        }
        Err(why) => {
            ui.label(format!(
                "Address (not a web link: {why}): {}",
                format::block(text)
            ));
        }
    }
}
