//! The filter bar: one menu per kind of filter (actors, tags, confidence, source
//! organisation, kind and language, place), a date range and the area drawn
//! on the map. It edits the
//! filter in the shared view state; the app works out which events pass. What
//! can be chosen is counted once per load and kept here; once a filter is set,
//! each choice is counted again under the other filters set (in the background
//! for large datasets), so that a menu says what a further tick would show.

use std::sync::Arc;

use egui::Ui;

use super::{FrameContext, PanelView};
use crate::command::Command;
use crate::data::filter::{EventFilter, FacetCounts, FilterChoices};
use crate::data::{LoadedDataset, PartialDate};
use crate::format;
use crate::job::{Derived, INLINE_LIMIT};
use crate::view::ViewChange;

/// The bar, with the choices counted for the dataset on screen and the text of
/// its date fields.
#[derive(Default)]
pub struct FilterBar {
    /// What each menu offers, by dataset generation: counted in the
    /// background past [`INLINE_LIMIT`] events (a quarter of a second at ten
    /// million).
    choices: Derived<u64, Arc<FilterChoices>>,
    /// The generation whose date fields' text is shown.
    dates_of: u64,
    /// The choices counted under a filter, by dataset generation and filter.
    facets: Derived<(u64, EventFilter), FacetCounts>,
    from_text: String,
    to_text: String,
}

/// How a menu counts its choices.
enum Counting<'a> {
    /// No filter is set: the counts of the whole dataset.
    All,
    /// Under the other filters set.
    Under(&'a FacetCounts),
    /// Still being counted.
    Pending,
}

impl Counting<'_> {
    /// "Name (12)", "Name (…)".
    fn label(&self, name: &str, all: usize, under: impl FnOnce(&FacetCounts) -> usize) -> String {
        match self {
            Self::All => format!("{name} ({all})"),
            Self::Under(counts) => format!("{name} ({})", under(counts)),
            Self::Pending => format!("{name} (…)"),
        }
    }
}

impl FilterBar {
    /// Whether the choices or their counts are being worked out in the background.
    pub fn is_counting(&self) -> bool {
        self.choices.is_busy() || self.facets.is_busy()
    }

    /// Draws the bar. The filter edited here, and clearing the filters, are
    /// asked of the app through `view`.
    pub fn show(&mut self, ui: &mut Ui, cx: &FrameContext<'_>, view: &mut PanelView<'_>) {
        let (loaded, generation) = (cx.loaded, cx.generation);
        let (shown, total) = (cx.shown.len(), loaded.index.order.len());
        if self.dates_of != generation {
            self.dates_of = generation;
            self.from_text.clear();
            self.to_text.clear();
        }
        let worker = Arc::clone(loaded);
        let wake = ui.ctx().clone();
        self.choices.update(
            &generation,
            loaded.dataset.events.len() <= INLINE_LIMIT,
            "filter-choices",
            move || wake.request_repaint(),
            move |_| Some(Arc::new(FilterChoices::build(&worker))),
        );
        let mut edited = view.filter().clone();
        let filter = &mut edited;
        let active = filter.active_kinds();
        let title = if active == 0 {
            "Filters".to_owned()
        } else {
            format!("Filters: {active} active, {shown} of {total} events")
        };
        let header = egui::CollapsingHeader::new(title)
            .id_salt("filters")
            .default_open(false)
            .show(ui, |ui| {
                let counting = if filter.is_empty() {
                    Counting::All
                } else {
                    match self.facets.current(&(generation, filter.clone())) {
                        Some(counts) => Counting::Under(counts),
                        None => Counting::Pending,
                    }
                };
                match self.choices.current(&generation) {
                    Some(choices) => kinds(ui, loaded, choices, &counting, filter),
                    None => {
                        ui.weak("Counting the choices…");
                    }
                }
                ui.horizontal(|ui| {
                    date_field(ui, "From", &mut self.from_text, &mut filter.from);
                    date_field(ui, "to", &mut self.to_text, &mut filter.to);
                });
            });
        if header.body_returned.is_some() {
            self.count_choices(ui.ctx(), loaded, generation, &edited);
        }
        // The area drawn on the map, shown whether the menus are open or not.
        if let Some(area) = edited.area {
            ui.horizontal_wrapped(|ui| {
                ui.label(format!("In the area {}", area.label()));
                if ui
                    .small_button("Clear area")
                    .on_hover_text("Show events everywhere again")
                    .clicked()
                {
                    edited.area = None;
                }
            });
        }
        // Always there, greyed while no filter is set: the search box below
        // never moves as filters come and go.
        let clear = if active == 0 {
            "Clear filters".to_owned()
        } else {
            format!("Clear {}", format::plural(active, "filter"))
        };
        if ui
            .add_enabled(active > 0, egui::Button::new(clear))
            .on_hover_text("Show every event again")
            .clicked()
        {
            self.from_text.clear();
            self.to_text.clear();
            view.command(Command::ClearFilters);
        } else if edited != *view.filter() {
            view.ask(ViewChange::SetFilter(Box::new(edited)));
        }
    }

    /// Brings the counts under `filter` up to date while the menus are open: at
    /// once for a small dataset, else in the background, a newer filter
    /// dropping the count of an older one.
    fn count_choices(
        &mut self,
        ctx: &egui::Context,
        loaded: &Arc<LoadedDataset>,
        generation: u64,
        filter: &EventFilter,
    ) {
        if filter.is_empty() {
            self.facets.clear();
            return;
        }
        let (worker_filter, worker_loaded, wake) =
            (filter.clone(), Arc::clone(loaded), ctx.clone());
        let inline = loaded.dataset.events.len() <= INLINE_LIMIT;
        let changed = self.facets.update(
            &(generation, filter.clone()),
            inline,
            "filter counts",
            move || wake.request_repaint(),
            move |control| worker_filter.facet_counts(&worker_loaded, &|| control.is_cancelled()),
        );
        if changed && inline {
            ctx.request_repaint();
        }
    }
}

/// One menu per kind of filter.
fn kinds(
    ui: &mut Ui,
    loaded: &LoadedDataset,
    choices: &FilterChoices,
    counting: &Counting<'_>,
    filter: &mut EventFilter,
) {
    ui.horizontal_wrapped(|ui| {
        let actor_name = |a: usize| {
            loaded.dataset.actors.get(a).map_or_else(
                || "?".to_owned(),
                |actor| format::line(&actor.name).into_owned(),
            )
        };
        set_menu(
            ui,
            "Actors",
            &mut filter.actors,
            choices.actors.iter().filter_map(|&(a, n)| {
                let id = loaded.dataset.actors.get(a)?.id.clone();
                let label = counting.label(&actor_name(a), n, |c| {
                    c.actors.get(&a).copied().unwrap_or(0)
                });
                Some((id, label))
            }),
        );
        set_menu(
            ui,
            "Tags",
            &mut filter.tags,
            choices.tags.iter().map(|(t, n)| {
                let label = counting.label(&format::line(t), *n, |c| {
                    c.tags.get(t).copied().unwrap_or(0)
                });
                (t.clone(), label)
            }),
        );
        set_menu(
            ui,
            "Confidence",
            &mut filter.confidence,
            choices.confidence.iter().map(|&(c, n)| {
                let label = counting.label(c.label(), n, |counts| {
                    counts.confidence.get(&c).copied().unwrap_or(0)
                });
                (c, label)
            }),
        );
        set_menu(
            ui,
            "Source",
            &mut filter.publishers,
            choices
                .publishers
                .iter()
                .map(|p| (p.clone(), format::line(p).into_owned())),
        );
        set_menu(
            ui,
            "Source kind",
            &mut filter.source_kinds,
            choices
                .source_kinds
                .iter()
                .map(|&k| (k, k.label().to_owned())),
        );
        set_menu(
            ui,
            "Language",
            &mut filter.languages,
            choices
                .languages
                .iter()
                .map(|l| (l.clone(), format::line(l).into_owned())),
        );
        set_menu(
            ui,
            "Place",
            &mut filter.places,
            choices.places.iter().map(|(p, n)| {
                let label = counting.label(&format::line(p), *n, |c| {
                    c.places.get(p).copied().unwrap_or(0)
                });
                (p.clone(), label)
            }),
        );
        if !choices.kinds.is_empty() {
            set_menu(
                ui,
                "Kind",
                &mut filter.kinds,
                choices.kinds.iter().map(|(k, n)| {
                    let label = counting.label(&format::line(k), *n, |c| {
                        c.kinds.get(k).copied().unwrap_or(0)
                    });
                    (k.clone(), label)
                }),
            );
        }
        if choices.has_fatalities {
            fatalities_field(ui, &mut filter.min_fatalities);
        }
    });
}

/// "Fatalities ≥ N": events whose best estimate reaches N; empty for any.
fn fatalities_field(ui: &mut Ui, least: &mut Option<u32>) {
    let label = ui.label("Deaths at least:");
    let mut text = least.map(|n| n.to_string()).unwrap_or_default();
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut text)
                .hint_text("any")
                .desired_width(48.0),
        )
        .labelled_by(label.id)
        .on_hover_text("Events whose best estimate of deaths is at least this; empty for any");
    if response.changed() {
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        *least = digits.parse().ok();
    }
}

/// Lists longer than this get a field to narrow them by typing.
const LONG_LIST: usize = 30;

/// A menu of checkboxes for one kind of filter, titled with how many are chosen.
/// Only the rows in view are laid out, and a long list can be narrowed by typing,
/// so a menu of thousands of actors stays quick.
fn set_menu<T: Ord + Clone>(
    ui: &mut Ui,
    title: &str,
    chosen: &mut std::collections::BTreeSet<T>,
    options: impl Iterator<Item = (T, String)>,
) {
    let label = if chosen.is_empty() {
        title.to_owned()
    } else {
        format!("{title} ({})", chosen.len())
    };
    // The menu stays open while boxes are ticked and names typed; a click
    // outside closes it.
    let config = egui::containers::menu::MenuConfig::new()
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
    // As wide as the title with a two-digit count: a tick that adds "(1)"
    // reflows no row, so the menu stays where the pointer is.
    let widest = ui.fonts_mut(|f| {
        f.layout_no_wrap(
            format!("{title} (99)"),
            egui::TextStyle::Button.resolve(ui.style()),
            egui::Color32::PLACEHOLDER,
        )
        .size()
        .x
    }) + 2.0 * ui.spacing().button_padding.x;
    egui::containers::menu::MenuButton::from_button(
        egui::Button::new(label).min_size(egui::vec2(widest, 0.0)),
    )
    .config(config)
    .ui(ui, |ui| {
        // Always the first row, greyed while nothing is ticked: the boxes
        // below never shift under the pointer.
        if ui
            .add_enabled(!chosen.is_empty(), egui::Button::new("Any"))
            .on_hover_text("Untick every box")
            .clicked()
        {
            chosen.clear();
        }
        let mut options: Vec<(T, String)> = options.collect();
        if options.len() > LONG_LIST {
            let id = ui.scope_id().with(("narrow", title));
            let mut typed: String = ui.data(|d| d.get_temp(id)).unwrap_or_default();
            let label = ui.label("Find:");
            ui.add(
                egui::TextEdit::singleline(&mut typed)
                    .hint_text("type a name")
                    .desired_width(200.0),
            )
            .labelled_by(label.id);
            let wanted = crate::data::search::fold(typed.trim()).into_owned();
            if !wanted.is_empty() {
                options
                    .retain(|(_, text)| crate::data::search::fold(text).contains(wanted.as_str()));
            }
            ui.data_mut(|d| d.insert_temp(id, typed));
        }
        let row_height = ui.spacing().interact_size.y;
        egui::ScrollArea::vertical().max_height(360.0).show_rows(
            ui,
            row_height,
            options.len(),
            |ui, rows| {
                for (value, text) in &options[rows] {
                    let mut on = chosen.contains(value);
                    if ui.checkbox(&mut on, text.as_str()).changed() {
                        if on {
                            chosen.insert(value.clone());
                        } else {
                            chosen.remove(value);
                        }
                    }
                }
            },
        );
    });
}

/// A date field: "2017", "2017-06" or "2017-06-30"; empty for no bound. A
/// date that does not parse is marked and leaves the bound as it was.
fn date_field(ui: &mut Ui, label: &str, text: &mut String, bound: &mut Option<PartialDate>) {
    if text.is_empty()
        && let Some(date) = bound
    {
        *text = date.to_string();
    }
    let label = ui.label(label);
    let response = ui
        .add(
            egui::TextEdit::singleline(text)
                .hint_text("YYYY-MM-DD")
                .desired_width(86.0),
        )
        .labelled_by(label.id);
    if response.changed() {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            *bound = None;
        } else if let Ok(date) = trimmed.parse::<PartialDate>()
            && date.check().is_ok()
        {
            *bound = Some(date);
        }
    }
    let valid = text.trim().is_empty()
        || text
            .trim()
            .parse::<PartialDate>()
            .is_ok_and(|d| d.check().is_ok());
    if !valid {
        ui.colored_label(ui.visuals().error_fg_color, "not a date")
            .on_hover_text("Write a year, a month or a day: 2017, 2017-06, 2017-06-30");
    }
}
