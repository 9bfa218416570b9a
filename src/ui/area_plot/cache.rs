//! What the plots draw, derived once per load (the series' runs, steps,
//! silences and markers) and once per change of what is shown (the bands of
//! sources compared), so that a frame only culls and draws.

use std::collections::BTreeSet;

use egui_plot::PlotPoint;

use super::AreaPlotPanel;
use crate::data::series_plan::{self, BandStretch, SeriesPlan};
use crate::data::{LoadedDataset, Look, PlotAxis};
use crate::format;

/// What the plots draw, derived once per load.
pub(super) struct PlotCache {
    pub(super) generation: u64,
    pub(super) plan: SeriesPlan,
    /// By track.
    pub(super) tracks: Vec<TrackDrawing>,
    /// By plot in `plan.plots`: the highest value in the whole dataset.
    pub(super) highest: Vec<f64>,
}

/// One series ready to draw.
pub(super) struct TrackDrawing {
    /// The legend name, which also identifies the series in saved views.
    pub(super) name: String,
    /// The organisation and unit, for the legend chip under its actor.
    pub(super) chip: String,
    /// The actor's index.
    pub(super) actor: usize,
    pub(super) look: Look,
    /// Points of each run, as straight lines and as steps.
    pub(super) straight: Vec<Vec<PlotPoint>>,
    pub(super) steps: Vec<Vec<PlotPoint>>,
    /// Each silence: the last figure before it and the first after.
    pub(super) silences: Vec<[PlotPoint; 2]>,
    /// The points of confirmed or reported figures, drawn as filled markers.
    pub(super) firm: Vec<PlotPoint>,
    /// The points of claimed, disputed or unverified figures, drawn hollow.
    pub(super) soft: Vec<PlotPoint>,
    /// The smallest interval between two figures, in days: markers are drawn
    /// once it is a few pixels wide.
    pub(super) tightest: f64,
}

/// The bands of sources compared, for one set of hidden series and line kinds.
pub(super) struct BandCache {
    pub(super) generation: u64,
    pub(super) hidden: BTreeSet<usize>,
    pub(super) steps: Vec<PlotAxis>,
    /// Index into `plan.comparisons`, its members shown, and its stretches.
    pub(super) bands: Vec<Band>,
}

/// A band between two or more shown series of one actor and scope.
pub(super) struct Band {
    pub(super) comparison: usize,
    pub(super) axis: PlotAxis,
    pub(super) actor: usize,
    pub(super) members: Vec<usize>,
    pub(super) stretches: Vec<BandStretch>,
}

impl PlotCache {
    pub(super) fn build(loaded: &LoadedDataset, generation: u64) -> Self {
        let dataset = &loaded.dataset;
        let plan = SeriesPlan::build(dataset, &loaded.index);
        let all: Vec<&crate::data::model::ControlSeries> =
            loaded.index.all_series(dataset).collect();
        let tracks = loaded
            .index
            .tracks
            .iter()
            .enumerate()
            .map(|(t, track)| {
                let series = all[track.series];
                let actor = dataset
                    .actors
                    .get(track.actor)
                    .map_or("?", |a| a.short.as_str());
                let runs = &plan.runs[t];
                let to_plot = |p: &[f64; 2]| PlotPoint::new(p[0], p[1]);
                let straight: Vec<Vec<PlotPoint>> = runs
                    .iter()
                    .map(|r| track.points[r.clone()].iter().map(to_plot).collect())
                    .collect();
                let steps = runs
                    .iter()
                    .map(|r| {
                        let run = &track.points[r.clone()];
                        let mut points = Vec::with_capacity(run.len() * 2);
                        for (i, p) in run.iter().enumerate() {
                            if i > 0 {
                                points.push(PlotPoint::new(p[0], run[i - 1][1]));
                            }
                            points.push(to_plot(p));
                        }
                        points
                    })
                    .collect();
                let silences = runs
                    .windows(2)
                    .map(|w| {
                        [
                            to_plot(&track.points[w[0].end - 1]),
                            to_plot(&track.points[w[1].start]),
                        ]
                    })
                    .collect();
                let marker_points = |firm: bool| {
                    track
                        .points
                        .iter()
                        .zip(&series.points)
                        .filter(|(_, p)| crate::ui::confidence_is_firm(p.confidence) == firm)
                        .map(|(p, _)| to_plot(p))
                        .collect()
                };
                let tightest = track
                    .points
                    .windows(2)
                    .map(|w| w[1][0] - w[0][0])
                    .fold(f64::INFINITY, f64::min);
                TrackDrawing {
                    name: format::series_name(series, actor),
                    chip: format!(
                        "{} ({})",
                        format::line(&series.source_org),
                        format::plotted_unit(series)
                    ),
                    actor: track.actor,
                    look: plan.looks[t],
                    straight,
                    steps,
                    silences,
                    firm: marker_points(true),
                    soft: marker_points(false),
                    tightest,
                }
            })
            .collect();
        let highest = plan
            .plots
            .iter()
            .map(|plot| {
                plot.tracks()
                    .filter_map(|t| loaded.index.tracks.get(t))
                    .flat_map(|track| {
                        track
                            .points
                            .iter()
                            .zip(&track.bounds)
                            .map(|(p, b)| b.map_or(p[1], |[_, high]| high.max(p[1])))
                    })
                    .fold(0.0, f64::max)
            })
            .collect();
        Self {
            generation,
            plan,
            tracks,
            highest,
        }
    }
}

impl AreaPlotPanel {
    pub(super) fn refresh(&mut self, loaded: &LoadedDataset, generation: u64) {
        if self
            .cache
            .as_ref()
            .is_none_or(|c| c.generation != generation)
        {
            self.cache = Some(PlotCache::build(loaded, generation));
            self.series_of_track = loaded.index.tracks.iter().map(|t| t.series).collect();
        }
        let steps: Vec<PlotAxis> = self
            .settings
            .iter()
            .filter(|(_, s)| s.steps)
            .map(|(a, _)| *a)
            .collect();
        let stale = self.bands.as_ref().is_none_or(|b| {
            b.generation != generation || b.hidden != self.hidden || b.steps != steps
        });
        if stale && let Some(cache) = &self.cache {
            let index = &loaded.index;
            let bands = cache
                .plan
                .comparisons
                .iter()
                .enumerate()
                .filter_map(|(c, comparison)| {
                    let members: Vec<usize> = comparison
                        .tracks
                        .iter()
                        .copied()
                        .filter(|&t| !self.is_hidden(t))
                        .collect();
                    if members.len() < 2 {
                        return None;
                    }
                    let inputs: Vec<_> = members
                        .iter()
                        .map(|&t| (&index.tracks[t], cache.plan.runs[t].as_slice()))
                        .collect();
                    let stretches = series_plan::band(&inputs, steps.contains(&comparison.axis));
                    Some(Band {
                        comparison: c,
                        axis: comparison.axis,
                        actor: comparison.actor,
                        members,
                        stretches,
                    })
                })
                .filter(|b| !b.stretches.is_empty())
                .collect();
            self.bands = Some(BandCache {
                generation,
                hidden: self.hidden.clone(),
                steps,
                bands,
            });
        }
    }
}
