//! Searching the events on show: at once for small searches, on a background
//! thread for large ones (a newer query cancelling an older one, a longer
//! query reading only the previous matches), over the events' columns.

use std::sync::Arc;

use super::{EventListPanel, ShownEvents};
use crate::data::derived::index::PackedMarks;
use crate::data::search::TextQuery;
use crate::data::{EventOrder, LoadedDataset};
use crate::job::{INLINE_LIMIT, JobControl};

pub(super) struct SearchResult {
    pub(super) version: u64,
    pub(super) query: String,
    /// Positions in the shown order of the events that match, ascending.
    pub(super) ranks: Vec<u32>,
    /// By event index: whether the event matches, for other panels to mark
    /// (shared with them without a copy).
    pub(super) matched: Arc<[bool]>,
}

impl SearchResult {
    pub(super) fn new(
        version: u64,
        query: String,
        (ranks, matched): (Vec<u32>, Vec<bool>),
    ) -> Self {
        Self {
            version,
            query,
            ranks,
            matched: matched.into(),
        }
    }
}

/// The matches as ranks, with the marks by event index that other panels read.
pub(super) fn with_marks(ranks: Vec<u32>, order: &EventOrder) -> (Vec<u32>, Vec<bool>) {
    let mut matched = vec![false; order.rank.len()];
    for &rank in &ranks {
        if let Some(&event) = order.chronological.get(rank as usize) {
            matched[event as usize] = true;
        }
    }
    (ranks, matched)
}

/// The positions in `order` of the events matching `query`, the columns read
/// as they lie, with their marks by event index. The marks are kept, not made
/// again from the positions; the positions are read from them packed into
/// bits, so that ten million marks read in date order stay in the cache.
/// Gives up with `None` on cancel.
pub(super) fn search_columns(
    loaded: &LoadedDataset,
    order: &EventOrder,
    query: &str,
    control: &JobControl,
) -> Option<(Vec<u32>, Vec<bool>)> {
    let Some(query) = TextQuery::new(query, loaded) else {
        return Some((Vec::new(), vec![false; order.rank.len()]));
    };
    let mut marks = query.mark_all(loaded, &|| control.is_cancelled())?;
    marks.resize(order.rank.len(), false);
    for (event, mark) in marks.iter_mut().enumerate() {
        *mark = *mark && order.rank.shows(event);
    }
    let packed = PackedMarks::of(&marks);
    let ranks = (0u32..)
        .zip(&order.chronological)
        .filter(|&(_, &event)| packed.get(event))
        .map(|(rank, _)| rank)
        .collect();
    Some((ranks, marks))
}

/// Which events a search looks at: all, or the matches of a shorter query that the
/// new one extends (typing narrows the results).
#[derive(Clone, Copy)]
pub(super) enum Candidates<'a> {
    All,
    Among(&'a [u32]),
}

/// The positions (in `order`) among `candidates` whose events match `query`.
/// Gives up with `None` when the job is cancelled.
pub(super) fn search(
    loaded: &LoadedDataset,
    order: &EventOrder,
    candidates: Candidates<'_>,
    query: &str,
    control: &JobControl,
) -> Option<Vec<u32>> {
    let Some(query) = TextQuery::new(query, loaded) else {
        return Some(Vec::new());
    };
    let mut out = Vec::new();
    match candidates {
        Candidates::All => {
            // Events are read in file order, which reads memory in sequence, then
            // listed in date order from the marks.
            let mut matched = vec![false; order.rank.len()];
            for (event, mark) in matched.iter_mut().enumerate() {
                if event.is_multiple_of(4096) && control.is_cancelled() {
                    return None;
                }
                *mark = order.rank.shows(event) && query.matches(loaded, event);
            }
            out.extend(
                order
                    .chronological
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| matched[**e as usize])
                    .map(|(rank, _)| rank as u32),
            );
        }
        Candidates::Among(ranks) => {
            for (n, &rank) in ranks.iter().enumerate() {
                if n.is_multiple_of(4096) && control.is_cancelled() {
                    return None;
                }
                if query.matches(loaded, order.chronological[rank as usize] as usize) {
                    out.push(rank);
                }
            }
        }
    }
    Some(out)
}

impl EventListPanel {
    /// Brings the search result up to date with `query`: at once for small
    /// searches, on a background thread for large ones (the previous result
    /// stays on screen until the new one arrives; a newer query cancels an
    /// older one; a longer query reads only the previous matches).
    pub(super) fn update_search(
        &mut self,
        ctx: &egui::Context,
        loaded: &Arc<LoadedDataset>,
        shown: ShownEvents<'_>,
        query: String,
    ) {
        let version = shown.version;
        if query.is_empty() {
            self.searched.clear();
            return;
        }
        let key = (version, query.clone());
        if !self.searched.wants(&key) {
            self.searched
                .update(&key, true, "search", || {}, |_| None::<SearchResult>);
            return;
        }
        let narrowing = self
            .searched
            .latest()
            .filter(|((v, q), _)| *v == version && query.contains(q.as_str()))
            .map(|(_, s)| s);
        let candidates = narrowing.map_or(shown.order.len(), |s| s.ranks.len());
        let inline = candidates <= INLINE_LIMIT;
        // A longer query reads only the previous matches when they are few;
        // else every event's columns.
        let previous: Option<Vec<u32>> = narrowing
            .filter(|s| s.ranks.len() <= INLINE_LIMIT)
            .map(|s| s.ranks.clone());
        let worker_loaded = Arc::clone(loaded);
        let worker_order = Arc::clone(shown.order);
        let wake_ctx = ctx.clone();
        self.searched.update(
            &key,
            inline,
            "search",
            move || wake_ctx.request_repaint(),
            move |control| {
                let found = match (&previous, inline) {
                    (None, false) => {
                        search_columns(&worker_loaded, &worker_order, &query, control)?
                    }
                    (previous, _) => {
                        let candidates = previous
                            .as_deref()
                            .map_or(Candidates::All, Candidates::Among);
                        let ranks =
                            search(&worker_loaded, &worker_order, candidates, &query, control)?;
                        with_marks(ranks, &worker_order)
                    }
                };
                Some(SearchResult::new(version, query, found))
            },
        );
    }
}
