//! The span panel: for the span of time the reader selected (Shift+drag, or
//! `[` and `]`), what each series says changed, with both figures' sources, and
//! the events on show inside the span. A button copies it all as text for a
//! report. It reads the span from the shared view state and writes only the
//! selection (clicking an event) and the span itself (clearing it).

use std::sync::Arc;

use egui::{RichText, Ui};

use super::FrameContext;
use crate::data::span::{self, Edge, Finding, SeriesChange, SpanEvents, TimeSpan};
use crate::data::{CiteList, CiteRef, ControlSeries, EventOrder, LoadedDataset};
use crate::format;
use crate::ui::PanelView;
use crate::view::{Selection, ViewChange};

/// The most events listed in the panel; the copied text and the count hold all.
const EVENTS_LISTED: usize = 500;

/// For each control map, the ground gained and lost between its snapshots in
/// force at the span's edges, each snapshot with its source.
fn map_changes(ui: &mut Ui, cx: &FrameContext<'_>, time_span: TimeSpan) -> Option<TimeSpan> {
    let mut snapped = None;
    let Some(changes) = &cx.map_changes else {
        ui.weak("Comparing the maps…");
        return None;
    };
    let dataset = &cx.loaded.dataset;
    if changes.is_empty() {
        ui.weak("No map is in force at both ends of the span.");
    }
    for change in changes.iter() {
        let Some(map) = dataset.territory.get(change.map) else {
            continue;
        };
        ui.label(RichText::new(map.label(cx.loaded.actor_short(&map.actor))).strong());
        let (Some(before), Some(after)) = (
            map.snapshots.get(change.before),
            map.snapshots.get(change.after),
        ) else {
            continue;
        };
        if let Some(edge) = change.stale_edge() {
            let (which, snapshot, age) = match edge {
                Edge::Start => ("start", before, change.start_age_days),
                Edge::End => ("end", after, change.end_age_days),
            };
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "No change can be given: the map in force at the span's {which} is of {}, {} before it (over {} days).",
                    snapshot.date,
                    format::plural(age as usize, "day"),
                    span::STALE_DAYS
                ),
            );
            if let Some((edge, to)) = change.snap_offer(map)
                && let Some(target) = map.snapshots.get(to)
                && snap_button(ui, edge, target.date, "the map's date")
            {
                snapped = Some(span::snapped_to_map(time_span, edge, map, to));
            }
        } else if change.before == change.after {
            ui.label(format!(
                "One map, of {}, is in force over the whole span: no change drawn.",
                before.date
            ));
        } else {
            ui.label(format!(
                "Between the maps of {} and {}: {} km² gained, {} km² lost (net {} km²).",
                before.date,
                after.date,
                format::square_km(change.gained_km2),
                format::square_km(change.lost_km2),
                format::square_km(change.gained_km2 - change.lost_km2),
            ));
        }
        for (which, snapshot) in [("first", before), ("last", after)] {
            let source = cx
                .loaded
                .index
                .source_by_id
                .get(snapshot.cite.source.as_str())
                .and_then(|&s| dataset.sources.get(s));
            if let Some(source) = source {
                ui.weak(format!(
                    "The {which} map: {}, {}",
                    format::line(&source.publisher),
                    format::line(&source.title)
                ));
            }
        }
        ui.weak("Areas computed by Frontline on the WGS84 ellipsoid; the map shows gained ground in green and lost ground in red.");
    }
    snapped
}

/// Where two organisations' maps of one actor disagree on the span's last
/// day: the ground only each holds and what both hold, with both maps' dates.
fn disagreements(ui: &mut Ui, cx: &FrameContext<'_>) {
    let Some(found) = &cx.disagreements else {
        return;
    };
    let territory = &cx.loaded.dataset.territory;
    for d in found.iter() {
        let (Some(a), Some(b)) = (territory.get(d.a.0), territory.get(d.b.0)) else {
            continue;
        };
        let (Some(sa), Some(sb)) = (a.snapshots.get(d.a.1), b.snapshots.get(d.b.1)) else {
            continue;
        };
        ui.label(
            RichText::new(format!(
                "Where {} and {} disagree on {}'s ground at the span's end",
                format::line(&a.source_org),
                format::line(&b.source_org),
                format::line(cx.loaded.actor_short(&a.actor))
            ))
            .strong(),
        );
        ui.label(format!(
            "Only {} (map of {}): {} km². Only {} (map of {}): {} km². Both: {} km².",
            format::line(&a.source_org),
            sa.date,
            format::square_km(d.a_only_km2),
            format::line(&b.source_org),
            sb.date,
            format::square_km(d.b_only_km2),
            format::square_km(d.both_km2)
        ));
    }
}

/// The events under way at `day`, found again only when the day, the load or
/// the events on show change: at ten million events, finding them reads
/// hundreds of thousands, and a span dragged from its start keeps its start.
fn ongoing_at(ui: &Ui, cx: &FrameContext<'_>, day: f64) -> Arc<Vec<u32>> {
    type Cached = Arc<((u64, u64, u64), Arc<Vec<u32>>)>;
    let id = egui::Id::unique("span-panel-ongoing");
    let key = (cx.generation, cx.shown_version, day.to_bits());
    if let Some(cached) = ui.data(|d| d.get_temp::<Cached>(id))
        && cached.0 == key
    {
        return Arc::clone(&cached.1);
    }
    let found = Arc::new(span::ongoing_at(&cx.loaded.index, cx.shown, day));
    ui.data_mut(|d| d.insert_temp::<Cached>(id, Arc::new((key, Arc::clone(&found)))));
    found
}

/// Shows the panel for `span`, leaving out the series hidden in the legend.
pub fn show(ui: &mut Ui, cx: &FrameContext<'_>, span: TimeSpan, view: &mut PanelView<'_>) {
    let (loaded, shown, hidden) = (cx.loaded.as_ref(), cx.shown.as_ref(), &cx.hidden_series);
    let changes: Vec<SeriesChange> = span::series_changes(loaded, span)
        .into_iter()
        .filter(|c| !hidden.contains(&c.series))
        .collect();
    let events = SpanEvents {
        ongoing: ongoing_at(ui, cx, span.start).as_ref().clone(),
        starting: shown.starting_in(span.start, span.end),
    };
    ui.horizontal_wrapped(|ui| {
        ui.heading(format!("From {}", format::span(span)));
    });
    ui.horizontal(|ui| {
        if ui.button("Copy as text").clicked() {
            ui.ctx().copy_text(report(loaded, shown, span, &changes));
        }
        if ui
            .button("Clear span")
            .on_hover_text("Esc clears it too")
            .clicked()
        {
            view.ask(ViewChange::SetSpan(None));
        }
    });
    ui.add_space(4.0);
    ui.strong("What the figures say");
    let dataset = &loaded.dataset;
    let (with_figures, empty): (Vec<&SeriesChange>, Vec<&SeriesChange>) =
        changes.iter().partition(|c| c.at_end.is_some());
    for change in with_figures {
        if let Some(series) = loaded.index.series(dataset, change.series)
            && let Some(snapped) = series_card(ui, loaded, series, change, span)
        {
            view.ask(ViewChange::SetSpan(Some(snapped)));
        }
    }
    if !empty.is_empty() {
        egui::CollapsingHeader::new(format!(
            "{} with no figure reported by {}",
            format::plural(empty.len(), "series"),
            format::day(format::edge_day(span, Edge::End))
        ))
        .id_salt("span-empty-series")
        .default_open(false)
        .show(ui, |ui| {
            for change in empty {
                if let Some(series) = loaded.index.series(dataset, change.series) {
                    ui.weak(format::series_name(
                        series,
                        loaded.actor_short(&series.actor),
                    ));
                }
            }
        });
    }
    if !dataset.territory.is_empty() {
        ui.add_space(6.0);
        ui.strong("What the maps say");
        if let Some(snapped) = map_changes(ui, cx, span) {
            view.ask(ViewChange::SetSpan(Some(snapped)));
        }
        disagreements(ui, cx);
    }
    ui.add_space(6.0);
    ui.strong(events_heading(&events));
    for (event, ongoing) in events.iter(shown).take(EVENTS_LISTED) {
        let Some(e) = dataset.events.get(event) else {
            continue;
        };
        let selected = view.selected_event() == Some(event);
        let text = format!(
            "{}  {}{}",
            e.date(),
            format::line(e.title()),
            ongoing_mark(ongoing)
        );
        if ui.selectable_label(selected, text).clicked() {
            view.ask(ViewChange::Select(Some(Selection::Event(event))));
        }
    }
    if events.len() > EVENTS_LISTED {
        ui.weak(format!(
            "and {} more (Copy as text lists them all)",
            events.len() - EVENTS_LISTED
        ));
    }
}

/// What follows an event that began before the span.
fn ongoing_mark(ongoing: bool) -> &'static str {
    if ongoing {
        "  (ongoing: began before the span)"
    } else {
        ""
    }
}

/// "12 events in the span (1 begun before it)".
fn events_heading(events: &SpanEvents) -> String {
    let mut text = format!("{} in the span", format::plural(events.len(), "event"));
    if !events.ongoing.is_empty() {
        text.push_str(&format!(" ({} begun before it)", events.ongoing.len()));
    }
    text
}

/// One series' card: both edges' figures, the change when it is known and what
/// is known when it is not, both citations. Returns the span with an edge
/// snapped onto a figure when the reader asks for it.
fn series_card(
    ui: &mut Ui,
    loaded: &LoadedDataset,
    series: &ControlSeries,
    change: &SeriesChange,
    span: TimeSpan,
) -> Option<TimeSpan> {
    let mut snapped = None;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(
            RichText::new(format::series_name(
                series,
                loaded.actor_short(&series.actor),
            ))
            .strong(),
        );
        let edge = |figure: Option<span::FigureAsOf>| match figure {
            Some(figure) => format::figure_as_of(series, figure),
            None => "no figure reported by then".to_owned(),
        };
        ui.label(format!("Start: {}", edge(change.at_start)));
        ui.label(format!("End: {}", edge(change.at_end)));
        let finding = change.finding(series);
        match format::change(series, change) {
            Some(text) => {
                ui.label(RichText::new(format!("Change: {text}")).strong());
            }
            None => {
                let text = format::unknown_change(series, span, finding).unwrap_or_default();
                ui.colored_label(ui.visuals().warn_fg_color, capitalised(&text));
            }
        }
        if let Some((edge, point)) = snap_offer(finding)
            && let Some(figure) = series.points.get(point)
            && snap_button(ui, edge, figure.date, "the figure's date")
        {
            snapped = Some(span::snapped(span, edge, series, point));
        }
        for figure in edge_figures(change) {
            if let Some(point) = series.points.get(figure.point) {
                ui.weak(format!(
                    "{}: {}",
                    point.date.human(),
                    cite_text(loaded, point.cite.read())
                ));
            }
        }
    });
    snapped
}

/// The figures the edges stand on, each once: both edges may fall back on one.
fn edge_figures(change: &SeriesChange) -> impl Iterator<Item = span::FigureAsOf> {
    let end = change
        .at_end
        .filter(|end| change.at_start.is_none_or(|start| start.point != end.point));
    change.at_start.into_iter().chain(end)
}

/// The button that moves `edge` of the span onto `date` ("Extend the end to
/// 1 June 2024"); whether it was clicked. `onto` says what the date is.
fn snap_button(ui: &mut Ui, edge: Edge, date: crate::data::PartialDate, onto: &str) -> bool {
    let label = match edge {
        Edge::Start => format!("Move the start to {}", date.human()),
        Edge::End => format!("Extend the end to {}", date.human()),
    };
    ui.small_button(label)
        .on_hover_text(format!("Moves this edge of the span onto {onto}"))
        .clicked()
}

/// Which edge to move onto which figure so that a change can be given: the end
/// onto the next figure, or the start back onto its own old figure.
fn snap_offer(finding: Finding) -> Option<(Edge, usize)> {
    match finding {
        Finding::Gap {
            edge: Edge::End,
            next,
            ..
        } => next.map(|next| (Edge::End, next)),
        Finding::Gap {
            edge: Edge::Start,
            last,
            ..
        } => Some((Edge::Start, last)),
        Finding::Known | Finding::NoFigure => None,
    }
}

/// `text` with its first letter in capitals.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// "IHS Markit, “Islamic State lost…” (published 18 January 2017)".
fn cite_text(loaded: &LoadedDataset, cite: CiteRef<'_>) -> String {
    match loaded
        .index
        .source_by_id
        .get(cite.source())
        .and_then(|&i| loaded.dataset.sources.get(i))
    {
        Some(source) => {
            let published = source
                .published
                .map(|d| format!(" (published {})", d.human()))
                .unwrap_or_default();
            format!(
                "{}, “{}”{published}",
                format::line(&source.publisher),
                format::line(&source.title)
            )
        }
        None => format!("unknown source {:?}", cite.source()),
    }
}

/// The panel as plain text, for a report: the same figures, changes and
/// warnings, and every event with its confidence and the sources that dispute it.
pub fn report(
    loaded: &LoadedDataset,
    shown: &EventOrder,
    span: TimeSpan,
    changes: &[SeriesChange],
) -> String {
    let dataset = &loaded.dataset;
    let mut out = format!("{}\nFrom {}\n\n", dataset.title, format::span(span));
    let mut empty = 0;
    for change in changes {
        let Some(series) = loaded.index.series(dataset, change.series) else {
            continue;
        };
        if change.at_end.is_none() {
            empty += 1;
            continue;
        }
        out.push_str(&format!("{}\n", format::series_name(series, &series.actor)));
        for (edge, figure) in [("start", change.at_start), ("end", change.at_end)] {
            match figure.and_then(|f| Some((f, series.points.get(f.point)?))) {
                Some((figure, point)) => out.push_str(&format!(
                    "  {edge}: {} — {}\n",
                    format::figure_as_of(series, figure),
                    cite_text(loaded, point.cite.read())
                )),
                None => out.push_str(&format!("  {edge}: no figure reported by then\n")),
            }
        }
        match format::change(series, change) {
            Some(text) => out.push_str(&format!("  change: {text}\n")),
            None => {
                if let Some(text) = format::unknown_change(series, span, change.finding(series)) {
                    out.push_str(&format!("  {text}\n"));
                }
            }
        }
    }
    if empty > 0 {
        out.push_str(&format!(
            "{} with no figure reported by then\n",
            format::plural(empty, "other series")
        ));
    }
    let events = span::events_in(&loaded.index, shown, span);
    out.push_str(&format!("\n{}:\n", events_heading(&events)));
    let sources = |cites: CiteList<'_>| -> String {
        cites
            .iter()
            .map(|c| cite_text(loaded, c))
            .collect::<Vec<_>>()
            .join("; ")
    };
    for (event, ongoing) in events.iter(shown) {
        let Some(e) = dataset.events.get(event) else {
            continue;
        };
        let cited = if e.cites().is_empty() {
            "unsourced".to_owned()
        } else {
            sources(e.cites())
        };
        out.push_str(&format!(
            "{}  {}{} [{}] — {cited}\n",
            format::event_dates(e),
            format::line(e.title()),
            ongoing_mark(ongoing),
            e.confidence().label(),
        ));
        if !e.disputed_by().is_empty() {
            out.push_str(&format!("    disputed by: {}\n", sources(e.disputed_by())));
        }
    }
    out
}
