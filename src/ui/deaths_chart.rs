//! The deaths chart: a bar per week, month or year (whichever fits the window)
//! of the deaths the events on show report, on the same time axis as the
//! timeline and the plots. Shown for datasets whose events give fatalities.

use egui::{Rangef, Ui};
use egui_plot::{Bar, BarChart};

use super::area_plot::VALUE_AXIS_WIDTH;
use super::time_axis::time_plot;
use crate::data::deaths::{self, Period};
use crate::data::{EventOrder, LoadedDataset};
use crate::format;
use crate::view::ViewState;

/// Bars drawn at most: about one per 3 pixels.
const PIXELS_PER_BAR: f32 = 3.0;

/// The chart, with the running totals of the events on show.
#[derive(Default)]
pub struct DeathsChart {
    cache: Option<(u64, Vec<u64>)>,
    /// The period of the last bars, and how many deaths they held (for tests).
    last: Option<(Period, u64)>,
}

impl DeathsChart {
    /// The period and total of the bars drawn last frame.
    pub fn last_drawn(&self) -> Option<(Period, u64)> {
        self.last
    }

    /// Draws the chart into `ui`; returns the screen x range of its time axis.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        loaded: &LoadedDataset,
        shown: &EventOrder,
        shown_version: u64,
        view: &mut ViewState,
    ) -> Rangef {
        if self.cache.as_ref().is_none_or(|(v, _)| *v != shown_version) {
            self.cache = Some((
                shown_version,
                deaths::running_totals(&loaded.dataset, shown),
            ));
        }
        let totals = self.cache.as_ref().map_or(&[][..], |(_, t)| t.as_slice());
        let window = view.window;
        let width = (ui.available_width() - VALUE_AXIS_WIDTH).max(40.0);
        let most = f64::from(width / PIXELS_PER_BAR);
        let period = Period::fitting(window.width(), most);
        let bars = deaths::bars(
            shown,
            totals,
            period,
            window.start,
            window.end,
            (most as usize).max(1) * 2,
        );
        let highest = bars.iter().map(|b| b.deaths).max().unwrap_or(0);
        self.last = Some((period, bars.iter().map(|b| b.deaths).sum()));
        ui.horizontal(|ui| {
            ui.strong(format!("Deaths per {}", period.label()));
            ui.weak("(best estimates of the events on show, by the day each began)");
        });
        let color = ui.visuals().error_fg_color.gamma_multiply(0.8);
        let chart_bars: Vec<Bar> = bars
            .iter()
            .map(|b| {
                Bar::new((b.start + b.end) / 2.0, b.deaths as f64)
                    .width((b.end - b.start) * 0.85)
                    .name(format!(
                        "{} to {}",
                        format::day(b.start),
                        format::day(b.end - 1.0)
                    ))
            })
            .collect();
        let plot = time_plot("deaths-chart")
            .height(ui.available_height().max(60.0))
            .x_axis_formatter(|_, _| String::new())
            .y_axis_formatter(|mark, _| format::count(mark.value.max(0.0) as u32));
        let response = plot.show(ui, |plot_ui| {
            plot_ui.set_plot_bounds_x(window.start..=window.end);
            plot_ui.set_plot_bounds_y(0.0..=(highest as f64 * 1.1).max(1.0));
            plot_ui.bar_chart(
                BarChart::new("Deaths", chart_bars)
                    .color(color)
                    .element_formatter(Box::new(|bar, _| {
                        format!("{}\n{} dead", bar.name, format::count(bar.value as u32))
                    })),
            );
        });
        let frame = *response.transform.frame();
        let axis = super::time_axis::TimeAxis {
            window,
            x_range: frame.x_range(),
        };
        super::time_axis::navigate(ui, &response.response, &axis, view, &loaded.index);
        frame.x_range()
    }
}
