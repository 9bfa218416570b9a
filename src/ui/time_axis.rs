//! The time axis both the timeline and the plot use: day ↔ pixel mapping,
//! calendar-aligned ticks, and pan/zoom input, so that both panels move as one.

use egui::{Painter, Pos2, Rangef, Rect, Response, Stroke, Ui};

use crate::data::date::{civil_from_days, days_from_civil};
use crate::data::span::TimeSpan;
use crate::data::{DatasetIndex, DayNumber};
use crate::ui::PanelView;
use crate::view::{TimeWindow, ViewChange, ViewState};

/// The least distance between two tick labels, in pixels.
pub const TICK_SPACING: f64 = 90.0;

/// Maps days to screen x for one panel.
#[derive(Clone, Copy, Debug)]
pub struct TimeAxis {
    /// The visible window.
    pub window: TimeWindow,
    /// Screen x of the window's edges.
    pub x_range: Rangef,
}

impl TimeAxis {
    /// Paints what every time panel shows of the shared view over `rect`: the
    /// span as a band, the selected event's start and the cursor as lines.
    /// The one place these are drawn, so that the panels show them alike.
    pub fn paint_overlays(
        &self,
        painter: &Painter,
        rect: Rect,
        view: &ViewState,
        index: &DatasetIndex,
    ) {
        let painter = painter.with_clip_rect(painter.clip_rect().intersect(rect));
        let visuals = &painter.ctx().global_style().visuals;
        if let Some(span) = view.span() {
            let band = Rect::from_x_y_ranges(
                self.x(span.start).max(self.x_range.min)..=self.x(span.end).min(self.x_range.max),
                rect.y_range(),
            );
            if band.width() > 0.0 {
                painter.rect_filled(band, 0.0, visuals.selection.bg_fill.gamma_multiply(0.25));
            }
        }
        let line = |day: DayNumber, stroke: Stroke| {
            let x = self.x(day);
            if self.x_range.contains(x) {
                painter.line_segment(
                    [Pos2::new(x, rect.top()), Pos2::new(x, rect.bottom())],
                    stroke,
                );
            }
        };
        if let Some(event) = view.selected_event().and_then(|e| index.spans.get(e)) {
            line(
                event.start,
                Stroke::new(1.5, visuals.selection.stroke.color),
            );
        }
        if let Some(cursor) = view.cursor() {
            line(cursor, Stroke::new(1.0, visuals.weak_text_color()));
        }
    }

    /// Screen x of a day.
    pub fn x(&self, day: DayNumber) -> f32 {
        let fraction = (day - self.window.start) / self.window.width();
        self.x_range.min + (fraction as f32) * self.x_range.span()
    }

    /// The day at a screen x.
    pub fn day(&self, x: f32) -> DayNumber {
        let fraction = f64::from((x - self.x_range.min) / self.x_range.span().max(1.0));
        self.window.start + fraction * self.window.width()
    }

    /// Days per pixel.
    pub fn days_per_pixel(&self) -> f64 {
        self.window.width() / f64::from(self.x_range.span().max(1.0))
    }
}

/// The unit ticks are spaced by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TickStep {
    /// Every n days.
    Days(u32),
    /// Every n months.
    Months(u32),
    /// Every n years.
    Years(u32),
}

impl TickStep {
    const ALL: [Self; 18] = [
        Self::Days(1),
        Self::Days(2),
        Self::Days(7),
        Self::Days(14),
        Self::Months(1),
        Self::Months(3),
        Self::Months(6),
        Self::Years(1),
        Self::Years(2),
        Self::Years(5),
        Self::Years(10),
        Self::Years(20),
        Self::Years(50),
        Self::Years(100),
        Self::Years(200),
        Self::Years(500),
        Self::Years(1000),
        Self::Years(2000),
    ];

    /// Approximate length in days.
    pub fn days(self) -> f64 {
        match self {
            Self::Days(n) => f64::from(n),
            Self::Months(n) => f64::from(n) * 30.44,
            Self::Years(n) => f64::from(n) * 365.25,
        }
    }

    /// The step of this length in days (as given by [`TickStep::days`]).
    pub fn from_days(days: f64) -> Self {
        Self::ALL
            .into_iter()
            .find(|step| (step.days() - days).abs() < 1e-6)
            .unwrap_or(Self::Years(5000))
    }

    /// The finest step whose ticks stand at least `min_pixels` apart.
    pub fn choose(days_per_pixel: f64, min_pixels: f64) -> Self {
        Self::ALL
            .into_iter()
            .find(|step| step.days() / days_per_pixel >= min_pixels)
            .unwrap_or(Self::Years(5000))
    }

    /// The label of a tick at `day` for this step. Day ticks name the year on
    /// the `first` tick in view and on 1 January, so the year is always on show.
    pub fn label(self, day: DayNumber, first: bool) -> String {
        let whole = day.floor() as i32;
        let (year, month, dom) = civil_from_days(whole);
        let month_abbr = crate::data::date::month_abbr(month);
        match self {
            Self::Days(_) => {
                if first || (dom == 1 && month == 1) {
                    format!("{dom} {month_abbr} {year}")
                } else {
                    format!("{dom} {month_abbr}")
                }
            }
            Self::Months(_) => {
                if month == 1 {
                    format!("{year}")
                } else {
                    format!("{month_abbr} {year}")
                }
            }
            Self::Years(_) => format!("{year}"),
        }
    }
}

/// egui_plot's minimum grid spacing in pixels, by which it scales the step it suggests.
const PLOT_GRID_SPACING_MIN: f32 = 8.0;

/// The narrowest and widest the column left of the time axis may be.
const GUTTER_RANGE: std::ops::RangeInclusive<f32> = 90.0..=360.0;

fn gutter_id() -> egui::Id {
    egui::Id::NULL.with("frontline-time-axis-gutter")
}

/// The width of the column left of every time panel's axis: the lane names on
/// the timeline, the value labels on the plots and the deaths chart, the same
/// everywhere so that the panels line up. Wider by default on a wide screen;
/// the reader drags it on the timeline, and it is kept with the window.
pub fn gutter_width(ctx: &egui::Context) -> f32 {
    ctx.data_mut(|d| d.get_persisted::<f32>(gutter_id()))
        .unwrap_or_else(|| (ctx.content_rect().width() * 0.075).clamp(100.0, 160.0))
}

/// Sets the column's width (see [`gutter_width`]), within its bounds.
pub fn set_gutter_width(ctx: &egui::Context, width: f32) {
    let width = width.clamp(*GUTTER_RANGE.start(), *GUTTER_RANGE.end());
    ctx.data_mut(|d| d.insert_persisted(gutter_id(), width));
}

/// A plot on the shared time axis: the app moves and zooms it through the
/// view state (egui_plot's own dragging and zooming are off), its value axis
/// is as wide as every other plot's so that they line up, and its time grid
/// has the timeline's calendar ticks.
pub fn time_plot<'a>(ui: &Ui, id: impl std::hash::Hash + std::fmt::Debug) -> egui_plot::Plot<'a> {
    egui_plot::Plot::new(id)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(false)
        .show_y(false)
        .y_axis_min_width(gutter_width(ui.ctx()))
        .grid_spacing(Rangef::new(PLOT_GRID_SPACING_MIN, 300.0))
        .x_grid_spacer(|grid| plot_grid(&grid))
}

/// The value grid of a plot: a line at every multiple of `step` from zero to
/// the top of the plot (at most 100), each with its own label.
pub fn value_grid(grid: &egui_plot::GridInput, step: f64) -> Vec<egui_plot::GridMark> {
    let count = (grid.bounds.1 / step).floor().max(0.0) as usize;
    (0..=count.min(100))
        .map(|i| egui_plot::GridMark {
            value: i as f64 * step,
            step_size: step,
        })
        .collect()
}

/// The time grid of a plot: egui_plot passes days per pixel times its minimum
/// grid spacing, which is undone here.
fn plot_grid(grid: &egui_plot::GridInput) -> Vec<egui_plot::GridMark> {
    let step = TickStep::choose(
        grid.base_step_size / f64::from(PLOT_GRID_SPACING_MIN),
        TICK_SPACING,
    );
    let window = TimeWindow {
        start: grid.bounds.0,
        end: grid.bounds.1,
    };
    ticks(window, step)
        .into_iter()
        .map(|value| egui_plot::GridMark {
            value,
            step_size: step.days(),
        })
        .collect()
}

/// Calendar-aligned tick positions (days) inside `window` for `step`.
pub fn ticks(window: TimeWindow, step: TickStep) -> Vec<DayNumber> {
    let mut out = Vec::new();
    let first_day = window.start.floor() as i64;
    let last_day = window.end.ceil() as i64;
    let to_i32 = |d: i64| d.clamp(i64::from(i32::MIN / 2), i64::from(i32::MAX / 2)) as i32;
    match step {
        TickStep::Days(n) => {
            let n = i64::from(n);
            // Weeks start on Mondays; 1970-01-05 was a Monday.
            let offset = if n == 7 || n == 14 { 4 } else { 0 };
            let mut d = (first_day - offset).div_euclid(n) * n + offset;
            while d <= last_day && out.len() < 1000 {
                if d as f64 >= window.start {
                    out.push(d as f64);
                }
                d += n;
            }
        }
        TickStep::Months(n) => {
            let (y0, m0, _) = civil_from_days(to_i32(first_day));
            let n = n as i32;
            let mut index = y0 * 12 + (i32::from(m0) - 1);
            index = index.div_euclid(n) * n;
            loop {
                let year = index.div_euclid(12);
                let month = (index.rem_euclid(12) + 1) as u8;
                let d = f64::from(days_from_civil(year, month, 1));
                if d > window.end || out.len() >= 1000 {
                    break;
                }
                if d >= window.start {
                    out.push(d);
                }
                index += n;
            }
        }
        TickStep::Years(n) => {
            let (y0, _, _) = civil_from_days(to_i32(first_day));
            let n = n as i32;
            let mut year = y0.div_euclid(n) * n;
            loop {
                let d = f64::from(days_from_civil(year, 1, 1));
                if d > window.end || out.len() >= 1000 {
                    break;
                }
                if d >= window.start {
                    out.push(d);
                }
                year += n;
            }
        }
    }
    out
}

/// Asks for what drag, wheel, pinch and double-click on a panel do to the shared
/// view, and for the time cursor under the pointer. Wheel and pinch count only over the time
/// axis itself, not over lane names or value labels. A drag with Shift held
/// selects a span of whole days instead of panning.
pub fn navigate(ui: &Ui, response: &Response, axis: &TimeAxis, view: &mut PanelView<'_>) {
    let anchor_id = response.id.with("span-anchor");
    if response.drag_started()
        && ui.input(|i| i.modifiers.shift)
        && let Some(pointer) = ui.input(|i| i.pointer.press_origin())
    {
        let anchor = axis.day(pointer.x);
        ui.data_mut(|d| d.insert_temp(anchor_id, anchor));
    }
    let anchor: Option<f64> = ui.data(|d| d.get_temp(anchor_id));
    if let Some(anchor) = anchor {
        if let Some(pointer) = response.interact_pointer_pos() {
            let (a, b) = (anchor, axis.day(pointer.x));
            let span = TimeSpan::between(a.min(b).floor(), a.max(b).ceil());
            view.ask(ViewChange::SetSpan(Some(span)));
        }
        if !response.dragged() {
            ui.data_mut(|d| d.remove::<f64>(anchor_id));
        }
    } else if response.dragged() {
        let dx = f64::from(response.drag_delta().x);
        view.ask(ViewChange::Pan(-dx * axis.days_per_pixel()));
    }
    if response.double_clicked() {
        view.ask(ViewChange::FitAll);
    }
    if let Some(pointer) = response.hover_pos().filter(|p| axis.x_range.contains(p.x)) {
        view.ask(ViewChange::Hover(axis.day(pointer.x)));
        let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
        if (zoom - 1.0).abs() > f32::EPSILON {
            view.ask(ViewChange::ZoomAt {
                anchor: axis.day(pointer.x),
                factor: f64::from(zoom),
            });
        } else {
            let pixels = f64::from(scroll.x + scroll.y);
            if pixels != 0.0 {
                view.ask(ViewChange::Pan(-pixels * axis.days_per_pixel()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_ticks_fall_on_first_days() {
        let window = TimeWindow::new(
            f64::from(days_from_civil(2017, 2, 10)),
            f64::from(days_from_civil(2017, 8, 10)),
        );
        let ticks = ticks(window, TickStep::Months(1));
        let labels: Vec<String> = ticks
            .iter()
            .map(|&d| TickStep::Months(1).label(d, false))
            .collect();
        assert_eq!(
            labels,
            [
                "Mar 2017", "Apr 2017", "May 2017", "Jun 2017", "Jul 2017", "Aug 2017"
            ]
        );
    }

    #[test]
    fn day_ticks_name_the_year_on_the_first_tick_and_on_new_year() {
        let window = TimeWindow::new(
            f64::from(days_from_civil(2016, 12, 30)),
            f64::from(days_from_civil(2017, 1, 3)),
        );
        let labels: Vec<String> = ticks(window, TickStep::Days(1))
            .iter()
            .enumerate()
            .map(|(i, &d)| TickStep::Days(1).label(d, i == 0))
            .collect();
        assert_eq!(
            labels,
            ["30 Dec 2016", "31 Dec", "1 Jan 2017", "2 Jan", "3 Jan"]
        );
    }

    #[test]
    fn step_adapts_to_zoom() {
        assert_eq!(TickStep::choose(365.0 / 100.0, 80.0), TickStep::Years(1));
        assert_eq!(TickStep::choose(0.05, 80.0), TickStep::Days(7));
        assert_eq!(TickStep::choose(1.0, 80.0), TickStep::Months(3));
    }

    #[test]
    fn axis_round_trips() {
        let axis = TimeAxis {
            window: TimeWindow::new(100.0, 200.0),
            x_range: Rangef::new(50.0, 1050.0),
        };
        assert!((axis.x(150.0) - 550.0).abs() < 1e-3);
        assert!((axis.day(550.0) - 150.0).abs() < 1e-6);
    }
}
