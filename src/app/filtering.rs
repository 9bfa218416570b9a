//! Which events are on show: all of them, or those the filter in the view state
//! lets through. Worked out once per change of filter or dataset (in the
//! background for large datasets, a newer filter cancelling an older one) and
//! handed to every panel, so that the timeline, the list, the plots' event ticks
//! and the next/previous keys all show the same events.

use std::sync::Arc;

use egui::Context;

use super::FrontlineApp;
use crate::data::EventOrder;
use crate::data::filter::EventFilter;
use crate::job::{Derived, INLINE_LIMIT};

/// The events on show and the filter they came from.
#[derive(Default)]
pub struct Filtering {
    /// The filtered events, by dataset generation and filter; empty while no
    /// filter is set.
    filtered: Derived<(u64, EventFilter), Arc<EventOrder>>,
    /// Changes whenever the events on show change.
    version: u64,
}

impl Filtering {
    /// Whether a filter is being applied in the background.
    pub fn is_busy(&self) -> bool {
        self.filtered.is_busy()
    }

    /// The version of the events on show.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// The filtered events for `generation`, if a filter is set and applied
    /// (the last filter's while a newer one is applied).
    pub fn order(&self, generation: u64) -> Option<&Arc<EventOrder>> {
        self.filtered
            .latest()
            .filter(|((g, _), _)| *g == generation)
            .map(|(_, order)| order)
    }
}

impl FrontlineApp {
    /// Brings the events on show up to date with the view's filter.
    pub(super) fn update_filtering(&mut self, ctx: &Context) {
        let Some(document) = &self.session.document else {
            return;
        };
        let filtering = &mut self.background.filtering;
        let filter = self.session.view.filter();
        if filter.is_empty() {
            if filtering.filtered.clear() {
                filtering.version += 1;
            }
            return;
        }
        let key = (document.generation, filter.clone());
        let loaded = Arc::clone(&document.loaded);
        let inline = loaded.dataset.events.len() <= INLINE_LIMIT;
        let worker_filter = filter.clone();
        let wake = ctx.clone();
        let changed = filtering.filtered.update(
            &key,
            inline,
            "filter",
            move || wake.request_repaint(),
            move |control| {
                worker_filter
                    .apply(&loaded, &loaded.index.order, &|| control.is_cancelled())
                    .map(Arc::new)
            },
        );
        if changed {
            filtering.version += 1;
        }
    }
}

impl FrontlineApp {
    /// The events on show: those the filter lets through, or all of them.
    pub fn shown_events(&self) -> Option<Arc<EventOrder>> {
        let document = self.session.document.as_ref()?;
        Some(Arc::clone(
            self.background
                .filtering
                .order(document.generation)
                .unwrap_or(&document.loaded.index.order),
        ))
    }

    /// The version of the events on show: changes with the dataset and the filter.
    pub(super) fn shown_version(&self) -> u64 {
        let generation = self.session.document.as_ref().map_or(0, |d| d.generation);
        (generation << 32) ^ self.background.filtering.version()
    }

    /// The events the timeline and the plots draw: those on show, or only the
    /// search's matches when the reader asked to hide the rest.
    pub fn drawn_events(&self) -> Option<Arc<EventOrder>> {
        match self.screen.panels.event_list.matching_order() {
            Some(order) => Some(Arc::clone(order)),
            None => self.shown_events(),
        }
    }

    /// Whether a filter is being applied in the background.
    pub fn is_filtering(&self) -> bool {
        self.background.filtering.is_busy()
    }

    /// Waits until the filter in the view state has been applied (for tests and
    /// benchmarks).
    pub fn finish_filtering(&mut self, ctx: &egui::Context) {
        self.update_filtering(ctx);
        while self.background.filtering.is_busy() {
            std::thread::sleep(std::time::Duration::from_millis(2));
            self.update_filtering(ctx);
        }
    }
}
