//! The plots of area held over time (egui_plot), one plot per unit.
//!
//! The layout rules live in [`crate::data::series_plan`]: each plot lists its
//! series by scope, so that figures for different areas are never compared
//! unmarked; colour says the actor and a dash plus a marker say the rest, so
//! that no two series look alike; silences are not drawn as trends; and where
//! several organisations report on one actor and scope, a faint band shows how
//! far apart they are. The first plot is the main one and takes the room; the
//! others are compact rows the user opens. Everything here is derived once per
//! load (and the bands once per change of what is shown), so a frame only culls
//! and draws.

mod cache;
mod draw;
mod legend;
mod readout;
pub mod style;

use std::collections::BTreeSet;

use egui::{Rangef, Ui};

use self::cache::{Band, BandCache, PlotCache};
use super::FrameContext;
use crate::data::{EventOrder, LoadedDataset, Look, PlotAxis};
use crate::ui::PanelView;
use crate::view::ViewChange;

/// Height of a compact plot (one the user opened below the main plot).
const COMPACT_HEIGHT: f32 = 120.0;
/// Height of a compact plot that holds only a figure or two.
const TINY_HEIGHT: f32 = 70.0;
/// The least share of the plots' height the main plot keeps, whatever is open
/// below it.
const MAIN_SHARE: f32 = 0.55;
/// Height of a plot's heading row.
const HEADING_HEIGHT: f32 = 24.0;

/// The plot panel: what it derived from the dataset on load, and this frame's
/// copy of the choices made in it (hidden series, step lines, value axis,
/// opened plots), which are the shared view's: what changes in the copy is
/// asked for once the plots are drawn.
#[derive(Default)]
pub struct AreaPlotPanel {
    cache: Option<PlotCache>,
    bands: Option<BandCache>,
    shown_x: Option<(f64, f64)>,
    /// Series hidden in the legend, by index in `Dataset::control`: the shared
    /// view's, as this frame draws them.
    hidden: BTreeSet<usize>,
    /// The series of each track of the load the cache was built for.
    series_of_track: Vec<usize>,
    /// Per plot, the choices made in its heading: the shared view's, as this
    /// frame draws them.
    settings: Vec<(PlotAxis, PlotSettings)>,
    /// The value range each plot showed last frame.
    value_ranges: Vec<(PlotAxis, (f64, f64))>,
    /// The main plot's frame last frame.
    main_frame: Option<egui::Rect>,
}

pub use crate::data::derived::plotting::PlotSettings;

/// How one series is drawn, as the legend lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct SeriesLook {
    /// The legend name.
    pub name: String,
    /// The plot it is on.
    pub axis: PlotAxis,
    /// The actor's index: the colour.
    pub actor: usize,
    /// The dash and marker.
    pub look: Look,
}

impl AreaPlotPanel {
    fn track_series(&self, track: usize) -> Option<usize> {
        self.series_of_track.get(track).copied()
    }

    fn is_hidden(&self, track: usize) -> bool {
        self.track_series(track)
            .is_some_and(|s| self.hidden.contains(&s))
    }

    /// The time range the plots showed last frame, as egui_plot reports it.
    pub fn shown_time_range(&self) -> Option<(f64, f64)> {
        self.shown_x
    }

    /// The main plot's drawing area in the last frame.
    pub fn main_plot_rect(&self) -> Option<egui::Rect> {
        self.main_frame
    }

    /// The value range a plot showed last frame.
    pub fn value_range(&self, axis: PlotAxis) -> Option<(f64, f64)> {
        self.value_ranges
            .iter()
            .find(|(a, _)| *a == axis)
            .map(|(_, r)| *r)
    }

    /// The choices made for a plot.
    pub fn settings(&self, axis: PlotAxis) -> PlotSettings {
        self.settings
            .iter()
            .find(|(a, _)| *a == axis)
            .map(|(_, s)| *s)
            .unwrap_or_default()
    }

    /// Changes this frame's choices for a plot.
    fn set_settings(&mut self, axis: PlotAxis, settings: PlotSettings) {
        match self.settings.iter_mut().find(|(a, _)| *a == axis) {
            Some((_, s)) => *s = settings,
            None => self.settings.push((axis, settings)),
        }
    }

    /// Every series with its legend name, plot, actor and look, in legend order.
    pub fn series_looks(&self) -> Vec<SeriesLook> {
        let Some(cache) = &self.cache else {
            return Vec::new();
        };
        cache
            .plan
            .plots
            .iter()
            .flat_map(|plot| plot.tracks().map(move |t| (plot.axis, t)))
            .filter_map(|(axis, t)| {
                cache.tracks.get(t).map(|d| SeriesLook {
                    name: d.name.clone(),
                    axis,
                    actor: d.actor,
                    look: d.look,
                })
            })
            .collect()
    }

    /// The scopes each plot lists, by plot.
    pub fn scopes(&self) -> Vec<(PlotAxis, Vec<String>)> {
        self.cache.as_ref().map_or_else(Vec::new, |cache| {
            cache
                .plan
                .plots
                .iter()
                .map(|p| (p.axis, p.sections.iter().map(|s| s.scope.clone()).collect()))
                .collect()
        })
    }

    /// How many separate lines (runs) each series is drawn as, by legend name.
    pub fn runs_of(&self, name: &str) -> Option<usize> {
        let cache = self.cache.as_ref()?;
        cache
            .tracks
            .iter()
            .find(|d| d.name == name)
            .map(|d| d.straight.len())
    }

    /// The bands drawn last frame: the actor's index, the members' legend names
    /// and the number of stretches.
    pub fn bands(&self) -> Vec<(usize, Vec<String>, usize)> {
        let (Some(cache), Some(bands)) = (&self.cache, &self.bands) else {
            return Vec::new();
        };
        bands
            .bands
            .iter()
            .map(|b| {
                let names = b
                    .members
                    .iter()
                    .filter_map(|&t| cache.tracks.get(t).map(|d| d.name.clone()))
                    .collect();
                (b.actor, names, b.stretches.len())
            })
            .collect()
    }

    /// Draws the plots into `ui`; returns the screen x range of their time axis,
    /// which the timeline uses to line up with them.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        cx: &FrameContext<'_>,
        shown: &EventOrder,
        view: &mut PanelView<'_>,
    ) -> Option<Rangef> {
        let loaded = cx.loaded.as_ref();
        self.hidden.clone_from(view.hidden_series());
        self.settings = PlotAxis::ALL
            .into_iter()
            .map(|axis| (axis, view.plot_settings(axis)))
            .collect();
        self.refresh(loaded, cx.generation);
        let cache = self.cache.take()?;
        let result = self.show_plots(ui, loaded, shown, &cache, view);
        self.cache = Some(cache);
        if self.hidden != *view.hidden_series() {
            view.ask(ViewChange::SetHiddenSeries(self.hidden.clone()));
        }
        for &(axis, settings) in &self.settings {
            if settings != view.plot_settings(axis) {
                view.ask(ViewChange::SetPlotSettings(axis, settings));
            }
        }
        result
    }

    fn show_plots(
        &mut self,
        ui: &mut Ui,
        loaded: &LoadedDataset,
        shown: &EventOrder,
        cache: &PlotCache,
        view: &mut PanelView<'_>,
    ) -> Option<Rangef> {
        let plots = &cache.plan.plots;
        if plots.is_empty() {
            ui.centered_and_justified(|ui| {
                ui.label("This dataset has no territorial-control figures.")
            });
            return None;
        }
        // Room kept for the plots below the main one: a heading each, and the
        // plot itself once opened. The main plot keeps at least
        // [`MAIN_SHARE`] of the plots' height whatever was left open; the plots
        // below scroll in what remains.
        let below: f32 = plots
            .iter()
            .enumerate()
            .skip(1)
            .map(|(p, plot)| {
                let height = if self.settings(plot.axis).open {
                    HEADING_HEIGHT + self.plot_height_compact(cache, p, loaded)
                } else {
                    0.0
                };
                HEADING_HEIGHT + height + ui.spacing().item_spacing.y
            })
            .sum();
        let main_least = ui.available_height() * MAIN_SHARE;
        let from = PlotSources {
            loaded,
            shown,
            cache,
        };
        let mut x_range = self.show_plot(ui, &from, view, 0, |ui: &Ui| {
            (ui.available_height() - below).max(main_least).max(60.0)
        });
        if plots.len() > 1 {
            egui::ScrollArea::vertical()
                .id_salt("plots-below")
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    for p in 1..plots.len() {
                        let height = self.plot_height_compact(cache, p, loaded);
                        let drawn = self.show_plot(ui, &from, view, p, |_: &Ui| height);
                        x_range = x_range.or(drawn);
                    }
                });
        }
        x_range
    }

    /// One plot: its heading, and when open its legend and the plot itself,
    /// `height` tall (asked once the legend is laid out).
    fn show_plot(
        &mut self,
        ui: &mut Ui,
        from: &PlotSources<'_>,
        view: &mut PanelView<'_>,
        p: usize,
        height: impl Fn(&Ui) -> f32,
    ) -> Option<Rangef> {
        let PlotSources {
            loaded,
            shown,
            cache,
        } = *from;
        let plot = cache.plan.plots.get(p)?;
        let mut settings = self.settings(plot.axis);
        let is_main = p == 0;
        let open = legend::heading(
            ui,
            plot,
            &mut settings,
            is_main,
            &mut self.hidden,
            &self.series_of_track,
        );
        let mut x_range = None;
        if open {
            legend::chips(
                ui,
                loaded,
                cache,
                plot,
                &settings,
                &mut self.hidden,
                &self.series_of_track,
            );
            let no_bands = Vec::new();
            let bands = self.bands.as_ref().map_or(&no_bands, |b| &b.bands);
            let drawn = draw::plot(
                ui,
                &draw::PlotInput {
                    loaded,
                    shown,
                    cache,
                    plot_number: p,
                    hidden: &self.hidden,
                    series_of_track: &self.series_of_track,
                    bands,
                    settings,
                    height: height(ui),
                },
                view,
            );
            x_range = Some(drawn.x_range);
            if is_main {
                self.main_frame = Some(drawn.frame);
            }
            self.shown_x = Some(drawn.time_bounds);
            match self.value_ranges.iter_mut().find(|(a, _)| *a == plot.axis) {
                Some((_, r)) => *r = drawn.value_range,
                None => self.value_ranges.push((plot.axis, drawn.value_range)),
            }
        }
        self.set_settings(plot.axis, settings);
        x_range
    }

    fn plot_height_compact(&self, cache: &PlotCache, plot: usize, loaded: &LoadedDataset) -> f32 {
        let figures = cache
            .plan
            .plots
            .get(plot)
            .map_or(0, |p| p.figure_count(&loaded.index));
        if figures <= 2 {
            TINY_HEIGHT
        } else {
            COMPACT_HEIGHT
        }
    }
}

/// What every plot is drawn from.
#[derive(Clone, Copy)]
struct PlotSources<'a> {
    loaded: &'a LoadedDataset,
    shown: &'a EventOrder,
    cache: &'a PlotCache,
}
