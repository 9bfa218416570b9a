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
use crate::job::{Job, JobStatus};

/// Filters over more events than this run in the background.
const FILTER_INLINE_LIMIT: usize = 50_000;

/// The events on show and the filter they came from.
#[derive(Default)]
pub struct Filtering {
    /// The filtered events, with the dataset generation and filter they are for;
    /// `None` while no filter is set.
    result: Option<FilterResult>,
    pending: Option<PendingFilter>,
    /// Changes whenever the events on show change.
    version: u64,
}

struct FilterResult {
    generation: u64,
    filter: EventFilter,
    order: Arc<EventOrder>,
}

struct PendingFilter {
    generation: u64,
    filter: EventFilter,
    job: Job<EventOrder>,
}

impl Filtering {
    /// Whether a filter is being applied in the background.
    pub fn is_busy(&self) -> bool {
        self.pending.is_some()
    }

    /// The version of the events on show.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// The filtered events for `generation`, if a filter is set and applied.
    pub fn order(&self, generation: u64) -> Option<&Arc<EventOrder>> {
        self.result
            .as_ref()
            .filter(|r| r.generation == generation)
            .map(|r| &r.order)
    }
}

impl FrontlineApp {
    /// Brings the events on show up to date with the view's filter.
    pub(super) fn update_filtering(&mut self, ctx: &Context) {
        let Some(document) = &self.document else {
            return;
        };
        let generation = document.generation;
        let filtering = &mut self.filtering;
        let filter = &self.view.filter;
        if filter.is_empty() {
            if filtering.result.take().is_some() || filtering.pending.take().is_some() {
                filtering.version += 1;
            }
            return;
        }
        if filtering
            .result
            .as_ref()
            .is_some_and(|r| r.generation == generation && &r.filter == filter)
        {
            filtering.pending = None;
            return;
        }
        if let Some(pending) = &filtering.pending
            && pending.generation == generation
            && &pending.filter == filter
        {
            match pending.job.poll() {
                JobStatus::Done(order) => {
                    filtering.result = Some(FilterResult {
                        generation,
                        filter: filter.clone(),
                        order: Arc::new(order),
                    });
                    filtering.pending = None;
                    filtering.version += 1;
                }
                JobStatus::Running => {}
                JobStatus::Gone => filtering.pending = None,
            }
            return;
        }
        let loaded = Arc::clone(&document.loaded);
        if loaded.dataset.events.len() <= FILTER_INLINE_LIMIT {
            if let Some(order) = filter.apply(&loaded, &loaded.index.order, &|| false) {
                filtering.result = Some(FilterResult {
                    generation,
                    filter: filter.clone(),
                    order: Arc::new(order),
                });
                filtering.version += 1;
            }
            filtering.pending = None;
            return;
        }
        let worker_filter = filter.clone();
        let wake = ctx.clone();
        let job = Job::spawn(
            "filter",
            move || wake.request_repaint(),
            move |control| {
                worker_filter.apply(&loaded, &loaded.index.order, &|| control.is_cancelled())
            },
        );
        filtering.pending = job.ok().map(|job| PendingFilter {
            generation,
            filter: filter.clone(),
            job,
        });
    }
}
