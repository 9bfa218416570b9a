//! A plot's heading and legend.
//!
//! The heading names the unit, counts the series, warns when shown series
//! measure different areas, and holds the plot's switches. The legend lists the
//! series by scope, then by actor, each chip with the swatch the plot draws
//! (colour, dash and marker). A click hides or shows a series; Alt-click or the
//! chip's menu keeps only it (or only its actor, or its scope); a scope's button
//! hides or shows the whole area. The legend scrolls within a few rows and can
//! be folded, so it never squeezes the plot.

use std::collections::BTreeSet;

use egui::{Button, Color32, RichText, Sense, Ui, vec2};

use super::{PlotCache, PlotSettings, style};
use crate::data::{LoadedDataset, PlotPlan};
use crate::format;
use crate::ui::actor_color;

/// The width of a heading's switches before they were first laid out.
const CONTROLS_WIDTH: f32 = 330.0;
/// Rows of chips shown before the legend scrolls.
const LEGEND_ROWS: f32 = 3.0;
/// Width of a legend swatch.
const SWATCH_WIDTH: f32 = 26.0;

/// Draws the heading of a plot; returns whether the plot is open.
pub(super) fn heading(
    ui: &mut Ui,
    plot: &PlotPlan,
    settings: &mut PlotSettings,
    is_main: bool,
    hidden: &mut BTreeSet<usize>,
    series_of_track: &[usize],
) -> bool {
    let series_of = |t: usize| series_of_track.get(t).copied().unwrap_or(usize::MAX);
    let total = plot.tracks().count();
    let hidden_here = plot
        .tracks()
        .filter(|&t| hidden.contains(&series_of(t)))
        .count();
    let shown_scopes: Vec<&str> = plot
        .sections
        .iter()
        .filter(|s| s.tracks.iter().any(|&t| !hidden.contains(&series_of(t))))
        .map(|s| s.scope.as_str())
        .collect();
    let controls_id = ui.scope_id().with(("plot-heading-controls", plot.axis));
    let needed = ui
        .ctx()
        .data(|d| d.get_temp::<f32>(controls_id))
        .unwrap_or(CONTROLS_WIDTH);
    let mut controls_below = false;
    ui.horizontal(|ui| {
        ui.set_min_height(super::HEADING_HEIGHT - ui.spacing().item_spacing.y);
        let title = RichText::new(plot.axis.title()).strong();
        if is_main {
            ui.label(title);
        } else {
            // A toggle: highlighted while the plot is open.
            let response = ui
                .add(Button::new(title).selected(settings.open))
                .on_hover_text(if settings.open {
                    "Close this plot"
                } else {
                    "Open this plot"
                });
            if response.clicked() {
                settings.open = !settings.open;
            }
        }
        let mut count = format::plural(total, "series");
        if hidden_here > 0 {
            count.push_str(&format!(", {hidden_here} hidden"));
        }
        ui.weak(count);
        if shown_scopes.len() > 1 {
            ui.label(
                RichText::new(format!("{} areas on one axis", shown_scopes.len()))
                    .color(ui.visuals().warn_fg_color),
            )
            .on_hover_text(format!(
                "These series measure different areas ({}). Their figures are not \
                 comparable: compare within one area, or hide an area with its button \
                 in the legend.",
                shown_scopes.join("; ")
            ));
        }
        if !is_main && !settings.open {
            return;
        }
        if ui.available_width() >= needed {
            let used = controls(ui, settings, plot, hidden, hidden_here, &series_of);
            ui.ctx().data_mut(|d| d.insert_temp(controls_id, used));
        } else {
            controls_below = true;
        }
    });
    // Where the heading's words leave no room, the switches take a row of
    // their own rather than lie on top of the words.
    if controls_below {
        ui.horizontal(|ui| {
            let used = controls(ui, settings, plot, hidden, hidden_here, &series_of);
            ui.ctx().data_mut(|d| d.insert_temp(controls_id, used));
        });
    }
    is_main || settings.open
}

/// The switches at the right of a plot's heading (fold legend, whole range,
/// steps, show all); returns the width they took.
fn controls(
    ui: &mut Ui,
    settings: &mut PlotSettings,
    plot: &PlotPlan,
    hidden: &mut BTreeSet<usize>,
    hidden_here: usize,
    series_of: &dyn Fn(usize) -> usize,
) -> f32 {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        let fold = if settings.legend_folded {
            "Unfold legend"
        } else {
            "Fold legend"
        };
        if ui
            .add(Button::new(fold).small())
            .on_hover_text("Fold or unfold the list of series")
            .clicked()
        {
            settings.legend_folded = !settings.legend_folded;
        }
        ui.toggle_value(&mut settings.whole_range, "Whole range")
            .on_hover_text(
                "On: the value axis spans every figure of the dataset.\n\
                 Off: it fits the series shown in the time window.",
            );
        ui.toggle_value(&mut settings.steps, "Steps").on_hover_text(
            "On: each figure holds until the next one (steps).\n\
             Off: straight lines between figures.",
        );
        if ui
            .add_enabled(hidden_here > 0, Button::new("Show all").small())
            .on_hover_text("Show every series of this plot")
            .clicked()
        {
            for t in plot.tracks() {
                hidden.remove(&series_of(t));
            }
        }
        ui.min_rect().width() + ui.spacing().item_spacing.x
    })
    .inner
}

/// Draws the legend chips of a plot, grouped by scope and actor.
pub(super) fn chips(
    ui: &mut Ui,
    loaded: &LoadedDataset,
    cache: &PlotCache,
    plot: &PlotPlan,
    settings: &PlotSettings,
    hidden: &mut BTreeSet<usize>,
    series_of_track: &[usize],
) {
    if settings.legend_folded {
        return;
    }
    let series_of = |t: usize| series_of_track.get(t).copied().unwrap_or(usize::MAX);
    let row_height =
        ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y + 2.0;
    let mut action: Option<Action> = None;
    // Actors whose name the legend's visible rows do not show.
    let mut out_of_sight: Vec<String> = Vec::new();
    egui::ScrollArea::vertical()
        .id_salt(("legend", plot.axis as u8))
        .max_height(row_height * LEGEND_ROWS)
        .auto_shrink([false, true])
        .max_width(ui.available_width())
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.spacing_mut().item_spacing.x = 6.0;
                let several_scopes = plot.sections.len() > 1;
                for (s, section) in plot.sections.iter().enumerate() {
                    if several_scopes {
                        let any_shown = section
                            .tracks
                            .iter()
                            .any(|&t| !hidden.contains(&series_of(t)));
                        let response = ui
                            .add(
                                Button::new(
                                    RichText::new(format!(
                                        "Area: {}",
                                        format::line(&section.scope)
                                    ))
                                    .small(),
                                )
                                .selected(any_shown),
                            )
                            .on_hover_text(if any_shown {
                                "Hide every series measuring this area"
                            } else {
                                "Show every series measuring this area"
                            });
                        if response.clicked() {
                            action = Some(Action::Scope(s, !any_shown));
                        }
                    }
                    let mut last_actor = None;
                    for &t in &section.tracks {
                        let Some(track) = loaded.index.tracks.get(t) else {
                            continue;
                        };
                        let color = actor_color(ui.visuals(), &loaded.index, track.actor);
                        if last_actor != Some(track.actor) {
                            last_actor = Some(track.actor);
                            let short = loaded
                                .dataset
                                .actors
                                .get(track.actor)
                                .map_or("?", |a| a.short.as_str());
                            let name = ui.label(
                                RichText::new(format!("{}:", format::line(short)))
                                    .strong()
                                    .color(color),
                            );
                            if !ui.clip_rect().y_range().contains(name.rect.center().y) {
                                out_of_sight.push(format::line(short).into_owned());
                            }
                        }
                        if let Some(chosen) =
                            chip(ui, cache, t, color, !hidden.contains(&series_of(t)))
                        {
                            action = Some(chosen);
                        }
                    }
                }
            });
        });
    if !out_of_sight.is_empty() {
        out_of_sight.dedup();
        ui.weak(format!(
            "More in the legend, scrolled out of sight: {}",
            out_of_sight.join(", ")
        ))
        .on_hover_text("Scroll the legend, or fold it to give the plot the room");
    }
    if let Some(action) = action {
        apply(action, loaded, plot, hidden, series_of_track);
    }
}

/// What a click in the legend asks for.
#[derive(Clone, Copy, Debug)]
enum Action {
    /// Hide or show one series (by track).
    Toggle(usize),
    /// Keep only this series shown on its plot.
    OnlyThis(usize),
    /// Keep only this series' actor shown, on every plot.
    OnlyActor(usize),
    /// Show (true) or hide every series of a scope section.
    Scope(usize, bool),
    /// Show every series on every plot.
    ShowAll,
}

/// One legend chip: swatch and name; its menu offers the "only" choices.
fn chip(
    ui: &mut Ui,
    cache: &PlotCache,
    track: usize,
    color: Color32,
    shown: bool,
) -> Option<Action> {
    let drawing = cache.tracks.get(track)?;
    let weak = ui.visuals().weak_text_color();
    let text = if shown {
        RichText::new(&drawing.chip)
    } else {
        RichText::new(&drawing.chip).color(weak).strikethrough()
    };
    // One widget for swatch and name, so that the legend wraps chip by chip.
    let galley = egui::WidgetText::from(text.small()).into_galley(
        ui,
        Some(egui::TextWrapMode::Extend),
        f32::INFINITY,
        egui::TextStyle::Small,
    );
    let size = vec2(
        SWATCH_WIDTH + 3.0 + galley.size().x,
        galley.size().y.max(14.0),
    );
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    let swatch = egui::Rect::from_min_size(rect.min, vec2(SWATCH_WIDTH, rect.height()));
    style::paint_swatch(
        ui.painter(),
        swatch,
        drawing.look,
        if shown { color } else { weak },
    );
    let text_at = egui::pos2(
        swatch.right() + 3.0,
        rect.center().y - galley.size().y / 2.0,
    );
    ui.painter()
        .galley(text_at, galley, ui.visuals().text_color());
    if response.hovered() {
        ui.painter().rect_stroke(
            rect.expand(1.0),
            2.0,
            egui::Stroke::new(1.0, ui.visuals().weak_text_color()),
            egui::StrokeKind::Outside,
        );
    }
    response.widget_info(|| {
        egui::WidgetInfo::selected(egui::Role::CheckBox, true, shown, &drawing.name)
    });
    let response = response.on_hover_text(format!(
        "{}\n{}\nClick: {} · Alt-click: only this series · right-click: more",
        drawing.name,
        style::describe(drawing.look),
        if shown { "hide" } else { "show" }
    ));
    let mut action = None;
    if response.clicked() {
        action = Some(if ui.input(|i| i.modifiers.alt) {
            Action::OnlyThis(track)
        } else {
            Action::Toggle(track)
        });
    }
    response.context_menu(|ui| {
        if ui.button("Only this series").clicked() {
            action = Some(Action::OnlyThis(track));
        }
        if ui.button("Only this actor, on every plot").clicked() {
            action = Some(Action::OnlyActor(track));
        }
        if ui.button("Show all series").clicked() {
            action = Some(Action::ShowAll);
        }
    });
    action
}

fn apply(
    action: Action,
    loaded: &LoadedDataset,
    plot: &PlotPlan,
    hidden: &mut BTreeSet<usize>,
    series_of_track: &[usize],
) {
    let series_of = |t: usize| series_of_track.get(t).copied().unwrap_or(usize::MAX);
    match action {
        Action::Toggle(t) => {
            let s = series_of(t);
            if !hidden.remove(&s) {
                hidden.insert(s);
            }
        }
        Action::OnlyThis(keep) => {
            for t in plot.tracks() {
                if t == keep {
                    hidden.remove(&series_of(t));
                } else {
                    hidden.insert(series_of(t));
                }
            }
        }
        Action::OnlyActor(keep) => {
            let actor = loaded.index.tracks.get(keep).map(|t| t.actor);
            for (t, track) in loaded.index.tracks.iter().enumerate() {
                if Some(track.actor) == actor {
                    hidden.remove(&series_of(t));
                } else {
                    hidden.insert(series_of(t));
                }
            }
        }
        Action::Scope(section, show) => {
            if let Some(section) = plot.sections.get(section) {
                for &t in &section.tracks {
                    if show {
                        hidden.remove(&series_of(t));
                    } else {
                        hidden.insert(series_of(t));
                    }
                }
            }
        }
        Action::ShowAll => hidden.clear(),
    }
}
