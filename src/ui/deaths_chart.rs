//! The deaths chart: a bar per week, month or year (whichever fits the window)
//! of the deaths the events on show report, on the same time axis as the
//! timeline and the plots. Shown for datasets whose events give fatalities.

use std::sync::Arc;

use egui::{Rangef, Ui};
use egui_plot::{Bar, BarChart};

use super::FrameContext;
use super::time_axis::{time_plot, value_grid};
use crate::data::deaths::{self, Period};
use crate::format;
use crate::job::{Derived, INLINE_LIMIT};
use crate::ui::PanelView;

/// Bars drawn at most: about one per 3 pixels.
const PIXELS_PER_BAR: f32 = 3.0;

/// The chart, with the running totals of the events on show.
#[derive(Default)]
pub struct DeathsChart {
    /// The running totals, by load and version of the events on show: worked
    /// out in the background past [`INLINE_LIMIT`] events (reading ten million
    /// events' deaths in date order takes a third of a second).
    totals: Derived<(u64, u64), Arc<Vec<u64>>>,
    /// The period of the last bars, and how many deaths they held (for tests).
    last: Option<(Period, u64)>,
    /// The hover readout shown last frame.
    readout: Option<String>,
    /// Where the bars were drawn last frame.
    frame: Option<egui::Rect>,
}

impl DeathsChart {
    /// What the readout said last frame, while the pointer was over the chart.
    pub fn last_readout(&self) -> Option<&str> {
        self.readout.as_deref()
    }

    /// Whether the running totals are being worked out in the background.
    pub fn is_counting(&self) -> bool {
        self.totals.is_busy()
    }

    /// Where the bars were drawn last frame.
    pub fn last_frame(&self) -> Option<egui::Rect> {
        self.frame
    }

    /// The period and total of the bars drawn last frame.
    pub fn last_drawn(&self) -> Option<(Period, u64)> {
        self.last
    }

    /// Draws the chart into `ui`; returns the screen x range of its time axis.
    pub fn show(&mut self, ui: &mut Ui, cx: &FrameContext<'_>, view: &mut PanelView<'_>) -> Rangef {
        let (loaded, shown) = (cx.loaded.as_ref(), cx.shown.as_ref());
        let key = (cx.generation, cx.shown_version);
        let (worker_loaded, worker_shown) = (Arc::clone(cx.loaded), Arc::clone(cx.shown));
        let wake = ui.ctx().clone();
        self.totals.update(
            &key,
            shown.len() <= INLINE_LIMIT,
            "deaths",
            move || wake.request_repaint(),
            move |_| {
                Some(Arc::new(deaths::running_totals(
                    &worker_loaded.dataset,
                    &worker_shown,
                )))
            },
        );
        let counting = self.totals.current(&key).is_none();
        let totals = self
            .totals
            .current(&key)
            .map_or(&[][..], |totals| totals.as_slice());
        let window = view.window();
        let width = (ui.available_width() - super::time_axis::gutter_width(ui.ctx())).max(40.0);
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
            ui.weak(if counting {
                "(counting the deaths of the events on show…)"
            } else {
                "(best estimates of the events on show, by the day each began)"
            });
        });
        let color = ui.visuals().error_fg_color.gamma_multiply(0.8);
        let chart_bars: Vec<Bar> = bars
            .iter()
            .map(|b| {
                Bar::new((b.start + b.end) / 2.0, b.deaths as f64).width((b.end - b.start) * 0.85)
            })
            .collect();
        let top = (highest as f64 * 1.1).max(1.0);
        let height = ui.available_height().max(60.0);
        let step = count_step(top, f64::from((height / 28.0).clamp(2.0, 6.0)));
        let plot = time_plot(ui, "deaths-chart")
            .height(height)
            .x_axis_formatter(|_, _| String::new())
            .y_grid_spacer(move |grid| value_grid(&grid, step))
            .y_axis_formatter(|mark, _| format::count(mark.value.max(0.0).round() as u32));
        let response = plot.show(ui, |plot_ui| {
            plot_ui.set_plot_bounds_x(window.start..=window.end);
            plot_ui.set_plot_bounds_y(0.0..=top);
            plot_ui.bar_chart(
                BarChart::new("Deaths", chart_bars)
                    .color(color)
                    .allow_hover(false),
            );
        });
        let frame = *response.transform.frame();
        self.frame = Some(frame);
        let axis = super::time_axis::TimeAxis {
            window,
            x_range: frame.x_range(),
        };
        axis.paint_overlays(ui.painter(), frame, view, &loaded.index);
        self.readout = None;
        if let Some(pointer) = response.response.hover_pos().filter(|p| frame.contains(*p)) {
            let day = axis.day(pointer.x);
            let at = bars.partition_point(|b| b.end <= day);
            if let Some(bar) = bars.get(at).filter(|b| b.start <= day) {
                let text = readout(period, bar);
                response
                    .response
                    .clone()
                    .on_hover_text_at_pointer(text.as_str());
                self.readout = Some(text);
            }
        }
        super::time_axis::navigate(ui, &response.response, &axis, view);
        frame.x_range()
    }
}

/// "Week of 3 July 2017 to 9 July 2017: 120 deaths in 14 events".
fn readout(period: Period, bar: &deaths::Bar) -> String {
    let deaths = if bar.deaths == 1 {
        "1 death".to_owned()
    } else {
        format!(
            "{} deaths",
            format::count(u32::try_from(bar.deaths).unwrap_or(u32::MAX))
        )
    };
    format!(
        "{} {} to {}: {deaths} in {}",
        capitalised(period.label()),
        format::day(bar.start),
        format::day(bar.end - 1.0),
        format::plural(bar.events, "event")
    )
}

/// "week" → "Week".
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A whole step between value gridlines: 1, 2 or 5 times a power of ten, so
/// that about `wanted` lines fit under `top` and each gets its own label.
fn count_step(top: f64, wanted: f64) -> f64 {
    let raw = (top / wanted.max(1.0)).max(1.0);
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|&step| step >= raw)
        .unwrap_or(10.0 * magnitude)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_gridlines_are_whole_numbers_each_with_its_own_label() {
        for top in [1.1, 2.2, 3.3, 13.2, 99.0, 1_100.0, 123_456.0] {
            for wanted in [2.0, 3.0, 4.0, 6.0] {
                let step = count_step(top, wanted);
                assert!(step >= 1.0 && step.fract() == 0.0, "{top} {wanted}: {step}");
                assert!(top / step >= 1.0, "{top} {wanted}: a line above zero");
                assert!(top / step <= wanted * 2.5 + 1.0, "{top} {wanted}: {step}");
            }
        }
    }
}
