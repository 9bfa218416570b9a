//! The span panel: for the span of time the reader selected (Shift+drag, or
//! `[` and `]`), what each series says changed, with both figures' sources, and
//! the events on show inside the span. A button copies it all as text for a
//! report. It reads the span from the shared view state and writes only the
//! selection (clicking an event) and the span itself (clearing it).

use std::collections::BTreeSet;

use egui::{RichText, Ui};

use crate::data::span::{self, SeriesChange, TimeSpan};
use crate::data::{Cite, EventOrder, LoadedDataset};
use crate::format;
use crate::view::ViewState;

/// The most events listed in the panel; the copied text and the count hold all.
const EVENTS_LISTED: usize = 500;

/// Shows the panel for `span`; `hidden` are the series hidden in the plot's legend.
pub fn show(
    ui: &mut Ui,
    loaded: &LoadedDataset,
    shown: &EventOrder,
    hidden: &BTreeSet<usize>,
    span: TimeSpan,
    view: &mut ViewState,
) {
    let changes: Vec<SeriesChange> = span::series_changes(loaded, span)
        .into_iter()
        .filter(|c| !hidden.contains(&c.series))
        .collect();
    let events = span::events_in(shown, span);
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
            view.span = None;
        }
    });
    ui.add_space(4.0);
    ui.strong("What the figures say");
    let dataset = &loaded.dataset;
    for change in &changes {
        let Some(series) = dataset.control.get(change.series) else {
            continue;
        };
        let actor = dataset
            .actors
            .iter()
            .find(|a| a.id == series.actor)
            .map_or(series.actor.as_str(), |a| a.short.as_str());
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(format::series_name(series, actor)).strong());
            let edge = |figure: Option<span::FigureAsOf>| match figure {
                Some(figure) => format::figure_as_of(series, figure),
                None => "no figure reported by then".to_owned(),
            };
            ui.label(format!("Start: {}", edge(change.at_start)));
            ui.label(format!("End: {}", edge(change.at_end)));
            match format::change(series, change) {
                Some(text) => {
                    ui.label(RichText::new(format!("Change: {text}")).strong());
                }
                None => {
                    ui.weak("No change can be given: a figure is missing at one edge.");
                }
            }
            for figure in [change.at_start, change.at_end].into_iter().flatten() {
                if let Some(point) = series.points.get(figure.point) {
                    ui.weak(format!(
                        "{}: {}",
                        point.date.human(),
                        cite_text(loaded, &point.cite)
                    ));
                }
            }
            if [change.at_start, change.at_end]
                .into_iter()
                .flatten()
                .any(|f| f.is_stale())
            {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "A figure is much older than the edge it stands for: nothing is known in between.",
                );
            }
        });
    }
    ui.add_space(6.0);
    ui.strong(format!(
        "{} in the span",
        format::plural(events.len(), "event")
    ));
    for position in events.clone().take(EVENTS_LISTED) {
        let Some(&event) = shown.chronological.get(position) else {
            continue;
        };
        let event = event as usize;
        let e = &dataset.events[event];
        let selected = view.selected_event() == Some(event);
        if ui
            .selectable_label(selected, format!("{}  {}", e.date, format::line(&e.title)))
            .clicked()
        {
            view.select_event(event);
        }
    }
    if events.len() > EVENTS_LISTED {
        ui.weak(format!(
            "and {} more (Copy as text lists them all)",
            events.len() - EVENTS_LISTED
        ));
    }
}

/// "IHS Markit, “Islamic State lost…” (published 18 January 2017)".
fn cite_text(loaded: &LoadedDataset, cite: &Cite) -> String {
    match loaded
        .index
        .source_by_id
        .get(cite.source.as_str())
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
        None => format!("unknown source {:?}", cite.source),
    }
}

/// The panel as plain text, for a report.
fn report(
    loaded: &LoadedDataset,
    shown: &EventOrder,
    span: TimeSpan,
    changes: &[SeriesChange],
) -> String {
    let dataset = &loaded.dataset;
    let mut out = format!("{}\nFrom {}\n\n", dataset.title, format::span(span));
    for change in changes {
        let Some(series) = dataset.control.get(change.series) else {
            continue;
        };
        out.push_str(&format!("{}\n", format::series_name(series, &series.actor)));
        for (edge, figure) in [("start", change.at_start), ("end", change.at_end)] {
            match figure.and_then(|f| Some((f, series.points.get(f.point)?))) {
                Some((figure, point)) => out.push_str(&format!(
                    "  {edge}: {} — {}\n",
                    format::figure_as_of(series, figure),
                    cite_text(loaded, &point.cite)
                )),
                None => out.push_str(&format!("  {edge}: no figure reported by then\n")),
            }
        }
        if let Some(text) = format::change(series, change) {
            out.push_str(&format!("  change: {text}\n"));
        }
    }
    let events = span::events_in(shown, span);
    out.push_str(&format!(
        "\n{} in the span:\n",
        format::plural(events.len(), "event")
    ));
    for position in events {
        if let Some(&event) = shown.chronological.get(position) {
            let e = &dataset.events[event as usize];
            let sources: Vec<String> = e.cites.iter().map(|c| cite_text(loaded, c)).collect();
            out.push_str(&format!(
                "{}  {} — {}\n",
                e.date,
                format::line(&e.title),
                if sources.is_empty() {
                    "unsourced".to_owned()
                } else {
                    sources.join("; ")
                }
            ));
        }
    }
    out
}
