//! The timeline's lanes: grouped once per change of the events on show or of
//! the reader's choice (in the background for many events), and the bar above
//! them where the reader chooses what a lane is.

use std::sync::Arc;

use egui::Ui;

use super::TimelinePanel;
use super::names::LaneNames;
use crate::data::lanes::{self, LaneChoice, LaneEntry, LaneGroup, LaneGrouping, LaneOrder};
use crate::data::{EventOrder, LoadedDataset};
use crate::job::INLINE_LIMIT;
use crate::ui::LaneColours;
use std::collections::HashMap;

/// Lanes worked out for one version of the events on show.
pub(super) struct LaneCache {
    /// The events on show (their version) and the grouping the groups are for.
    pub(super) shown_version: u64,
    pub(super) grouping: LaneGrouping,
    pub(super) groups: Arc<Vec<LaneGroup>>,
    /// The choice the entries are for.
    pub(super) choice: LaneChoice,
    pub(super) entries: Vec<LaneEntry>,
    /// What the lanes' names share, for cutting them to fit.
    pub(super) names: LaneNames,
    /// The lanes' colours for other panels, for a dark theme or a light one.
    pub(super) colours: Option<(bool, Arc<LaneColours>)>,
}

/// Lanes worked out for a choice: the groups they were made from, and the
/// lanes to draw.
pub(super) struct LaidOut {
    groups: Arc<Vec<LaneGroup>>,
    entries: Vec<LaneEntry>,
}

/// What the names of the lanes that have events share.
fn names_of(entries: &[LaneEntry]) -> LaneNames {
    LaneNames::new(
        entries
            .iter()
            .filter(|e| !e.lane.is_empty())
            .map(|e| e.name.as_str()),
    )
}

/// The lanes to draw for a choice: actor lanes from the events on show, others
/// from their groups.
pub(super) fn entries(
    loaded: &LoadedDataset,
    shown: &EventOrder,
    groups: &[LaneGroup],
    choice: &LaneChoice,
) -> Vec<LaneEntry> {
    if choice.grouping == LaneGrouping::Actor {
        lanes::actor_lanes(&loaded.dataset, &loaded.index, shown, choice)
    } else {
        lanes::lanes(groups, &loaded.index, choice)
    }
}

impl TimelinePanel {
    /// The colours of the lanes drawn last frame, for the map.
    pub fn lane_colours(
        &mut self,
        visuals: &egui::Visuals,
        index: &crate::data::DatasetIndex,
    ) -> Option<Arc<LaneColours>> {
        let cache = self.lanes.as_mut()?;
        if let Some((dark, colours)) = &cache.colours
            && *dark == visuals.dark_mode
        {
            return Some(Arc::clone(colours));
        }
        let mut colours = LaneColours {
            grouping: cache.grouping,
            by_actor: HashMap::new(),
            by_name: HashMap::new(),
            other: visuals.weak_text_color(),
        };
        for entry in cache.entries.iter().filter(|e| e.merged == 0) {
            let colour = super::entry_color(visuals, index, entry);
            match entry.actor {
                Some(actor) => colours.by_actor.insert(actor, colour),
                None => colours.by_name.insert(entry.name.clone(), colour),
            };
        }
        let colours = Arc::new(colours);
        cache.colours = Some((visuals.dark_mode, Arc::clone(&colours)));
        Some(colours)
    }

    /// The lanes for the events on show, worked out again only when they or the
    /// reader's choice changed: in the frame up to [`INLINE_LIMIT`] events,
    /// else in the background (grouping, ordering, and merging the lanes past
    /// the top ones into "Other" take seconds at ten million), the lanes on
    /// screen staying until the new ones are ready and a newer choice
    /// cancelling an older one.
    pub(super) fn refresh_lanes(
        &mut self,
        ctx: &egui::Context,
        loaded: &Arc<LoadedDataset>,
        shown: &Arc<EventOrder>,
        shown_version: u64,
        choice: &LaneChoice,
    ) {
        let choice = choice.clone();
        if self
            .lanes
            .as_ref()
            .is_some_and(|c| c.shown_version == shown_version && c.choice == choice)
        {
            return;
        }
        let grouping = choice.grouping;
        // The groups are kept when only the order, the count or the filter changed.
        let groups_kept = self
            .lanes
            .as_ref()
            .filter(|c| c.shown_version == shown_version && c.grouping == grouping)
            .map(|c| Arc::clone(&c.groups));
        let key = (shown_version, choice.clone());
        // Actor lanes are the index's own, shared: laying them out is quick
        // unless lanes past the top ones are merged into "Other".
        let merges = !choice.show_all && shown.lanes.len() > choice.top.max(1) + 1;
        let inline = shown.len() <= INLINE_LIMIT || (grouping == LaneGrouping::Actor && !merges);
        let (worker_loaded, worker_shown) = (Arc::clone(loaded), Arc::clone(shown));
        let wake = ctx.clone();
        self.laid_out.update(
            &key,
            inline,
            "lanes",
            move || wake.request_repaint(),
            move |_| {
                let groups = match groups_kept {
                    Some(groups) => groups,
                    // Actor lanes come with the events on show.
                    None if grouping == LaneGrouping::Actor => Arc::default(),
                    None => Arc::new(lanes::groups(
                        &worker_loaded.dataset,
                        &worker_loaded.index,
                        &worker_shown,
                        grouping,
                    )),
                };
                let entries = entries(&worker_loaded, &worker_shown, &groups, &choice);
                Some(Arc::new(LaidOut { groups, entries }))
            },
        );
        if let Some(done) = self.laid_out.current(&key) {
            self.lanes = Some(LaneCache {
                shown_version,
                grouping,
                groups: Arc::clone(&done.groups),
                names: names_of(&done.entries),
                entries: done.entries.clone(),
                choice: key.1,
                colours: None,
            });
        }
    }

    /// Whether lanes are being worked out in the background.
    pub fn is_grouping(&self) -> bool {
        self.laid_out.is_busy()
    }

    /// The bar above the lanes: what a lane is, their order, a filter, and
    /// whether the lanes past the top ones are merged.
    pub(super) fn lane_bar(&self, ui: &mut Ui, shown: &EventOrder, choice: &mut LaneChoice) {
        let groups = match &self.lanes {
            Some(cache) if cache.grouping == LaneGrouping::Actor => {
                shown.lanes.iter().filter(|lane| !lane.is_empty()).count()
            }
            Some(cache) => cache.groups.len(),
            None => 0,
        };
        ui.horizontal_wrapped(|ui| {
            egui::ComboBox::from_label("Lanes")
                .selected_text(format!("One lane per {}", choice.grouping.label()))
                .show_ui(ui, |ui| {
                    for grouping in LaneGrouping::ALL {
                        let label = match grouping {
                            LaneGrouping::Single => "One lane for all events".to_owned(),
                            other => format!("One lane per {}", other.label()),
                        };
                        ui.selectable_value(&mut choice.grouping, grouping, label);
                    }
                });
            egui::ComboBox::from_label("Order")
                .selected_text(choice.order.label())
                .show_ui(ui, |ui| {
                    for order in LaneOrder::ALL {
                        ui.selectable_value(&mut choice.order, order, order.label());
                    }
                });
            let label = ui.label("Find a lane:");
            ui.add(
                egui::TextEdit::singleline(&mut choice.filter)
                    .hint_text("type a name")
                    .desired_width(120.0),
            )
            .labelled_by(label.id);
            if self.laid_out.is_busy() {
                ui.spinner();
                ui.weak("grouping…");
            }
            if groups > choice.top + 1 || choice.show_all {
                ui.checkbox(&mut choice.show_all, format!("All {groups} lanes"))
                    .on_hover_text(format!(
                        "Off: the first {} lanes, the rest in one \"Other\" lane",
                        choice.top
                    ));
            }
        });
    }
}
