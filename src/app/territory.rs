//! What the control maps say changed over the selected span: the ground
//! gained and lost between the snapshots in force at its edges, worked out
//! once per span (in the background for large maps, a newer span cancelling
//! an older one) and handed to the span panel and the map alike.

use std::sync::Arc;

use egui::Context;

use super::FrontlineApp;
use crate::data::disagree::{Disagreement, Pair, disagreements, pairs_on};
use crate::data::span::{MapChange, span_changes};
use crate::job::Derived;

/// Maps with more positions than this in all are compared in the background.
const INLINE_POSITIONS: usize = 20_000;

/// The changes over the span, by load and the span's first and last day.
pub(super) type MapChanges = Derived<(u64, i64, i64), Arc<Vec<MapChange>>>;

/// Where maps of one actor disagree, by load and the snapshots compared.
pub(super) type Disagreements = Derived<(u64, Vec<Pair>), Arc<Vec<Disagreement>>>;

impl FrontlineApp {
    /// Brings the maps' changes up to date with the span in the view.
    pub(super) fn update_map_changes(&mut self, ctx: &Context) {
        let (Some(document), Some(span)) = (&self.session.document, self.session.view.span())
        else {
            self.background.map_changes.clear();
            return;
        };
        if document.loaded.dataset.territory.is_empty() {
            return;
        }
        let (first, last) = (span.start.floor(), (span.end - 1.0).max(span.start).floor());
        let key = (document.generation, first as i64, last as i64);
        let loaded = Arc::clone(&document.loaded);
        // Counted only when new work starts, not on every frame that polls it.
        let positions: usize = if self.background.map_changes.wants(&key) {
            loaded
                .dataset
                .territory
                .iter()
                .flat_map(|m| &m.snapshots)
                .flat_map(|s| s.shape())
                .flatten()
                .map(Vec::len)
                .sum()
        } else {
            0
        };
        let wake = ctx.clone();
        self.background.map_changes.update(
            &key,
            positions <= INLINE_POSITIONS,
            "map-changes",
            move || wake.request_repaint(),
            move |control| {
                span_changes(&loaded.dataset.territory, first, last, &|| {
                    control.is_cancelled()
                })
                .map(Arc::new)
            },
        );
    }

    /// The snapshots compared for disagreement: on the span's last day when a
    /// span is selected, else on the day the map shows.
    fn pairs_compared(&self) -> Option<(u64, Vec<Pair>)> {
        let document = self.session.document.as_ref()?;
        let view = &self.session.view;
        let day = match view.span() {
            Some(span) => (span.end - 1.0).max(span.start).floor(),
            None => view.cursor().unwrap_or(view.window().end).floor(),
        };
        let pairs = pairs_on(&document.loaded.dataset.territory, view.hidden_maps(), day);
        (!pairs.is_empty()).then_some((document.generation, pairs))
    }

    /// Brings up to date where the maps shown disagree (in the background
    /// for large maps): only the snapshots compared key it, so a cursor moving
    /// within one map's days asks for nothing new.
    pub(super) fn update_disagreements(&mut self, ctx: &Context) {
        let Some(key) = self.pairs_compared() else {
            return;
        };
        let Some(document) = &self.session.document else {
            return;
        };
        let loaded = Arc::clone(&document.loaded);
        let positions: usize = key
            .1
            .iter()
            .flat_map(|&(a, b)| [a, b])
            .filter_map(|(m, i)| loaded.dataset.territory.get(m)?.snapshots.get(i))
            .flat_map(|s| s.shape())
            .flatten()
            .map(Vec::len)
            .sum();
        let wake = ctx.clone();
        let pairs = key.1.clone();
        self.background.disagreements.update(
            &key,
            positions <= INLINE_POSITIONS,
            "map-disagreements",
            move || wake.request_repaint(),
            move |control| {
                disagreements(&loaded.dataset.territory, &pairs, &|| {
                    control.is_cancelled()
                })
                .map(Arc::new)
            },
        );
    }

    /// Where the maps shown disagree, once worked out.
    pub fn disagreements(&self) -> Option<Arc<Vec<Disagreement>>> {
        let key = self.pairs_compared()?;
        self.background.disagreements.current(&key).cloned()
    }

    /// The maps' changes over the span in the view, once worked out.
    pub fn map_changes(&self) -> Option<Arc<Vec<MapChange>>> {
        let document = self.session.document.as_ref()?;
        let span = self.session.view.span()?;
        let (first, last) = (span.start.floor(), (span.end - 1.0).max(span.start).floor());
        self.background
            .map_changes
            .current(&(document.generation, first as i64, last as i64))
            .cloned()
    }
}
