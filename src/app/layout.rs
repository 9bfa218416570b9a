//! Where each panel goes, drawn once per frame: menu bar on top, status bar at the
//! bottom, event list on the left, details on the right, the timeline above the
//! plots in the middle, and the windows above them. Panels get the shared view
//! state and the dataset; what they ask for comes back as commands.

use std::sync::Arc;

use egui::{Rangef, Ui};

use super::{FrontlineApp, Prompted};
use crate::command::Command;
use crate::format;
use crate::ui::{
    FrameContext, PanelView, detail, file_problems, menu_bar, problems, shortcuts, span_panel,
    status_bar,
};

/// The share of the centre column the map starts with, beside the timeline and plots.
const MAP_SHARE: f32 = 0.45;
/// The narrowest the map can be made.
const MAP_MIN_WIDTH: f32 = 220.0;
/// The deaths chart's height to begin with.
const DEATHS_CHART_HEIGHT: f32 = 150.0;
/// The most of the centre column the timeline starts with, above the plots.
const TIMELINE_SHARE: f32 = 0.3;
/// Room the timeline starts with for its tick header, and for each lane: a
/// dataset with few actors leaves the rest to the plots.
const TIMELINE_HEADER: f32 = 30.0;
const TIMELINE_LANE: f32 = 40.0;

/// A visible handle on the splitter below a panel: a line across and a grip in
/// the middle, so that users see the boundary can be dragged.
fn draw_splitter_grip(ui: &Ui, panel: egui::Rect) {
    let painter = ui.painter();
    let y = panel.bottom() + 1.0;
    let color = ui.visuals().widgets.noninteractive.bg_stroke.color;
    painter.hline(panel.x_range(), y, egui::Stroke::new(1.0, color));
    let grip = egui::Rect::from_center_size(egui::pos2(panel.center().x, y), egui::vec2(36.0, 5.0));
    painter.rect_filled(grip, 2.5, ui.visuals().widgets.inactive.bg_fill);
    painter.rect_stroke(
        grip,
        2.5,
        egui::Stroke::new(1.0, ui.visuals().weak_text_color()),
        egui::StrokeKind::Inside,
    );
}

/// Below this window width the map goes above the details, so that the
/// timeline and the plots keep the centre column's width.
const MAP_BESIDE_FROM: f32 = 1450.0;

/// Whether the window is too narrow for the map in the centre column.
fn map_beside_details(ctx: &egui::Context) -> bool {
    ctx.content_rect().width() < MAP_BESIDE_FROM
}

/// What every panel of a frame is drawn from.
struct Frame {
    loaded: Arc<crate::data::LoadedDataset>,
    shown: Arc<crate::data::EventOrder>,
    shown_version: u64,
    generation: u64,
}

impl FrontlineApp {
    /// Draws the whole window for one frame. What the panels and windows ask
    /// for is carried out by the one door, `run_command`, as soon as each has
    /// been drawn, so that what is drawn next sees it.
    pub(super) fn layout(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let mut commands = self.show_menu_bar(ui);
        self.run_commands(&mut commands, &ctx);
        self.show_status_bar(ui, &mut commands);
        self.run_commands(&mut commands, &ctx);

        let frame = match (&self.session.document, self.shown_events()) {
            (Some(document), Some(shown)) => Some(Frame {
                loaded: Arc::clone(&document.loaded),
                shown,
                shown_version: self.shown_version(),
                generation: document.generation,
            }),
            _ => None,
        };
        match frame {
            Some(frame) => {
                let cx = FrameContext {
                    loaded: &frame.loaded,
                    generation: frame.generation,
                    shown: &frame.shown,
                    shown_version: frame.shown_version,
                    search_matches: self.screen.panels.event_list.search_matches(),
                    hidden_series: self.session.view.hidden_series().clone(),
                    lane_colours: self
                        .screen
                        .panels
                        .timeline
                        .lane_colours(ui.visuals(), &frame.loaded.index),
                    map_changes: self.map_changes(),
                    disagreements: self.disagreements(),
                };
                self.show_detail_panel(ui, &cx, &mut commands);
                self.show_event_list(ui, &cx, &mut commands);
                egui::CentralPanel::default()
                    .show(ui, |ui| self.show_centre(ui, &cx, &mut commands));
            }
            None => {
                egui::CentralPanel::default().show(ui, |ui| {
                    ui.centered_and_justified(|ui| {
                        ui.label(
                            "No dataset open. File → Open…, or drop a .ron file (or an ACLED, UCDP or GDELT export) here.",
                        )
                    });
                });
            }
        }
        self.run_commands(&mut commands, &ctx);
        self.show_windows(&ctx, &mut commands);
        self.run_commands(&mut commands, &ctx);
        if self.session.view.end_frame() {
            ctx.request_repaint();
        }
    }

    /// The menu bar; returns the commands chosen in it.
    fn show_menu_bar(&mut self, ui: &mut Ui) -> Vec<Command> {
        let bar = menu_bar::MenuBarState {
            title: self
                .session
                .document
                .as_ref()
                .map(|d| d.loaded.dataset.title.as_str()),
            window: self.session.view.window(),
            recent: self.session.recent.as_slice(),
            can_reload: self.session.last_opened.is_some(),
            watching: self.background.watch_enabled,
            views: self.views().views.iter().map(|v| v.name.clone()).collect(),
            map_open: self.session.view.map_open(),
            theme: self.screen.theme,
            has_maps: self
                .session
                .document
                .as_ref()
                .is_some_and(|d| !d.loaded.dataset.territory.is_empty()),
        };
        egui::Panel::top("menu-bar")
            .show(ui, |ui| menu_bar::show(ui, &bar))
            .inner
    }

    /// The status bar: events in view, the last message, load progress.
    fn show_status_bar(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let loaded = self
            .session
            .document
            .as_ref()
            .map(|d| Arc::clone(&d.loaded));
        let shown = self.shown_events();
        let progress = self
            .background
            .loading
            .pending
            .as_ref()
            .map(|p| status_bar::LoadProgress {
                name: p.request.path.file_name().map_or_else(
                    || p.request.name.clone(),
                    |n| n.to_string_lossy().into_owned(),
                ),
                done: p.bytes_done(),
                total: p.total_bytes,
            });
        let status = status_bar::LoadStatus {
            progress,
            message: &self.session.message,
            left_out: self
                .session
                .document
                .as_ref()
                .map_or(0, |d| d.left_out.len()),
        };
        egui::Panel::bottom("status-bar").show(ui, |ui| {
            status_bar::show(
                ui,
                loaded.as_deref(),
                shown.as_deref(),
                &self.session.view,
                &status,
                &self.session.playback,
                commands,
            );
        });
    }

    /// The right panel: the span's findings when a span is selected, and the
    /// selection's sources (or the dataset's overview).
    fn show_detail_panel(
        &mut self,
        ui: &mut Ui,
        cx: &FrameContext<'_>,
        commands: &mut Vec<Command>,
    ) {
        let ctx = ui.ctx().clone();
        let summary = self
            .session
            .document
            .as_ref()
            .map(|d| d.summary.clone())
            .unwrap_or_default();
        egui::Panel::right("detail-panel")
            .resizable(true)
            .default_size(360.0)
            .size_range(220.0..=800.0)
            .show(ui, |ui| {
                if self.session.view.map_open() && map_beside_details(ui.ctx()) {
                    let height = ui.available_height();
                    egui::Panel::top("map-above-details")
                        .resizable(true)
                        .default_size(height * 0.5)
                        .size_range(160.0..=(height * 0.8).max(160.0))
                        .frame(egui::Frame::NONE)
                        .show(ui, |ui| {
                            let mut view = PanelView::new(&self.session.view, commands);
                            self.screen.panels.map.show(ui, cx, &mut view);
                        });
                    self.run_commands(commands, &ctx);
                }
                if let Some(span) = self.session.view.span() {
                    // With nothing selected the span has the panel: the
                    // dataset's overview folds to one line below it.
                    let share = if self.session.view.selection().is_some() {
                        0.6
                    } else {
                        0.9
                    };
                    egui::ScrollArea::vertical()
                        .id_salt("span-panel")
                        .max_height(ui.available_height() * share)
                        .show(ui, |ui| {
                            let mut view = PanelView::new(&self.session.view, commands);
                            span_panel::show(ui, cx, span, &mut view);
                        });
                    self.run_commands(commands, &ctx);
                    ui.separator();
                }
                if self.session.view.span().is_some() && self.session.view.selection().is_none() {
                    egui::CollapsingHeader::new("About this dataset")
                        .id_salt("overview-folded")
                        .default_open(false)
                        .show(ui, |ui| {
                            detail::show(ui, cx.loaded, &summary, &self.session.view);
                        });
                } else {
                    detail::show(ui, cx.loaded, &summary, &self.session.view);
                }
            });
    }

    /// The left panel: the filters, the search and the event list.
    fn show_event_list(&mut self, ui: &mut Ui, cx: &FrameContext<'_>, commands: &mut Vec<Command>) {
        egui::Panel::left("event-list")
            .resizable(true)
            .default_size(300.0)
            .size_range(160.0..=700.0)
            .show(ui, |ui| {
                let ctx = ui.ctx().clone();
                let mut view = PanelView::new(&self.session.view, commands);
                self.screen.panels.filter_bar.show(ui, cx, &mut view);
                self.run_commands(commands, &ctx);
                if self.background.filtering.is_busy() {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.weak("filtering…");
                    });
                }
                ui.separator();
                let mut view = PanelView::new(&self.session.view, commands);
                self.screen.panels.event_list.show(ui, cx, &mut view);
                self.run_commands(commands, &ctx);
            });
    }

    /// The centre column: the deaths chart at the bottom, the timeline above
    /// the plots, all on one time axis.
    fn show_centre(&mut self, ui: &mut Ui, cx: &FrameContext<'_>, commands: &mut Vec<Command>) {
        let ctx = ui.ctx().clone();
        let (loaded, shown) = (cx.loaded, cx.shown);
        if self.session.view.map_open() && !map_beside_details(&ctx) {
            let width = ui.available_width();
            egui::Panel::right("map")
                .resizable(true)
                .default_size((width * MAP_SHARE).max(MAP_MIN_WIDTH))
                .size_range(MAP_MIN_WIDTH..=(width * 0.75).max(MAP_MIN_WIDTH))
                .frame(egui::Frame::NONE.inner_margin(egui::Margin {
                    left: 4,
                    ..egui::Margin::ZERO
                }))
                .show(ui, |ui| {
                    let mut view = PanelView::new(&self.session.view, commands);
                    self.screen.panels.map.show(ui, cx, &mut view);
                });
            self.run_commands(commands, &ctx);
        }
        let full = ui.available_rect_before_wrap();
        self.screen.centre_rect = Some(full);
        let x_range = self.screen.time_axis_x.unwrap_or(Rangef::new(
            full.left() + crate::ui::time_axis::gutter_width(ui.ctx()) + 8.0,
            full.right() - 2.0,
        ));
        let drawn = self.drawn_events().unwrap_or_else(|| Arc::clone(shown));
        let has_events = !loaded.dataset.events.is_empty();
        let has_figures = !loaded.index.tracks.is_empty();
        if loaded.index.events_with_fatalities > 0 {
            let chart = egui::Panel::bottom("deaths-chart")
                .resizable(true)
                .default_size(DEATHS_CHART_HEIGHT)
                .size_range(90.0..=(full.height() * 0.5).max(90.0))
                .frame(egui::Frame::NONE)
                .show(ui, |ui| {
                    let mut view = PanelView::new(&self.session.view, commands);
                    self.screen.panels.deaths.show(ui, cx, &mut view)
                });
            self.run_commands(commands, &ctx);
            // Without plots, the chart sets the time axis the lanes line up with.
            if !has_figures && Some(chart.inner) != self.screen.time_axis_x {
                self.screen.time_axis_x = Some(chart.inner);
                ctx.request_repaint();
            }
        }
        if has_events && !has_figures {
            // An event-only dataset: the lanes take the whole column.
            let mut view = PanelView::new(&self.session.view, commands);
            self.screen.panels.timeline.show(ui, cx, &mut view, x_range);
            self.run_commands(commands, &ctx);
            return;
        }
        if has_events {
            let timeline = egui::Panel::top("timeline")
                .resizable(true)
                .default_size(
                    (TIMELINE_HEADER + TIMELINE_LANE * shown.lanes.len() as f32)
                        .clamp(100.0, full.height() * TIMELINE_SHARE),
                )
                .size_range(100.0..=(full.height() - 160.0).max(100.0))
                .frame(egui::Frame::NONE)
                .show(ui, |ui| {
                    let mut view = PanelView::new(&self.session.view, commands);
                    self.screen.panels.timeline.show(ui, cx, &mut view, x_range);
                });
            self.run_commands(commands, &ctx);
            draw_splitter_grip(ui, timeline.response.rect);
        } else {
            self.screen.panels.timeline.not_drawn();
        }
        let mut view = PanelView::new(&self.session.view, commands);
        let plotted = self.screen.panels.plot.show(ui, cx, &drawn, &mut view);
        self.run_commands(commands, &ctx);
        if plotted.is_some() && plotted != self.screen.time_axis_x {
            self.screen.time_axis_x = plotted;
            ctx.request_repaint();
        }
    }

    /// The windows above the panels: problems, the file's problems, the
    /// shortcuts and the text prompt.
    fn show_windows(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let keeping = self.session.document.as_ref().map(|d| d.name.as_str());
        problems::show(ctx, self.screen.problems.as_ref(), keeping, commands);
        if let Some(document) = &self.session.document {
            let listed = file_problems::FileProblems {
                file: &document.name,
                left_out: &document.left_out,
                loaded: &document.loaded,
            };
            file_problems::show(ctx, self.screen.show_file_problems, &listed, commands);
        }
        shortcuts::show_help(ctx, self.screen.show_help, commands);
        commands.extend(
            self.screen
                .prompt
                .show(ctx)
                .map(|(purpose, text)| match purpose {
                    Prompted::OpenPath => Command::OpenFile(text.into()),
                    Prompted::SaveView => Command::SaveViewAs(text),
                    Prompted::RenameView(from) => Command::RenameViewTo { from, to: text },
                }),
        );
    }

    /// The window title names the dataset and its file, as desktop apps do.
    pub(super) fn update_window_title(&mut self, ctx: &egui::Context) {
        let Some(document) = &self.session.document else {
            return;
        };
        if document.generation == self.screen.titled_generation {
            return;
        }
        self.screen.titled_generation = document.generation;
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(self.window_title()));
    }

    /// "Islamic State territory in Syria and Iraq, 2014-2019 — is-territory-2014-2019.ron —
    /// Frontline".
    pub fn window_title(&self) -> String {
        let Some(document) = &self.session.document else {
            return "Frontline".to_owned();
        };
        let file = document
            .path
            .as_deref()
            .and_then(|p| p.file_name())
            .map_or_else(
                || document.name.clone(),
                |n| n.to_string_lossy().into_owned(),
            );
        format!(
            "{} — {} — Frontline",
            format::line(&document.loaded.dataset.title),
            format::line(&file)
        )
    }
}
