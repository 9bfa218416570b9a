//! The chronological event list: every event in date order, for reading, with a
//! search box. It follows the selection made anywhere else, as a log view follows
//! its time cursor.

use std::sync::Arc;

use egui::{RichText, ScrollArea, TextStyle, Ui};

use crate::data::LoadedDataset;
use crate::job::{Job, JobControl, JobStatus};
use crate::view::{Selection, ViewState};

/// Searches over more events than this run on a background thread, so that
/// typing stays smooth with a million events.
const SEARCH_INLINE_LIMIT: usize = 50_000;

/// The list panel: its search text, the result of the last search (kept until
/// the search or the dataset changes), a search running in the background, and
/// the selection it last scrolled to.
#[derive(Default)]
pub struct EventListPanel {
    query: String,
    search: Option<SearchResult>,
    pending: Option<PendingSearch>,
    /// The selection the list has shown; when the view's selection differs, the
    /// list scrolls to the new one.
    revealed: Option<Selection>,
}

struct SearchResult {
    generation: u64,
    query: String,
    /// Positions in the chronological order of the events that match, ascending.
    ranks: Vec<u32>,
}

struct PendingSearch {
    generation: u64,
    query: String,
    job: Job<Vec<u32>>,
}

/// The positions (in chronological order) among `candidates` whose events match `query`.
/// Gives up with `None` when the job is cancelled.
fn search(
    loaded: &LoadedDataset,
    candidates: Candidates<'_>,
    query: &str,
    control: &JobControl,
) -> Option<Vec<u32>> {
    let index = &loaded.index;
    let test = |rank: u32| {
        matches(
            &loaded.dataset.events[index.chronological[rank as usize] as usize],
            query,
        )
    };
    let mut out = Vec::new();
    let ranks: Box<dyn Iterator<Item = u32>> = match candidates {
        Candidates::All => Box::new(0..index.chronological.len() as u32),
        Candidates::Among(ranks) => Box::new(ranks.iter().copied()),
    };
    for (n, rank) in ranks.enumerate() {
        if n % 4096 == 0 && control.is_cancelled() {
            return None;
        }
        if test(rank) {
            out.push(rank);
        }
    }
    Some(out)
}

#[derive(Clone, Copy)]
/// Which events a search looks at: all, or the matches of a shorter query that the
/// new one extends (typing narrows the results).
enum Candidates<'a> {
    All,
    Among(&'a [u32]),
}

/// Whether `haystack` contains the lower-case `needle`, ignoring case; without
/// allocating when the needle is ASCII, so that a search over a million titles
/// stays quick.
fn contains_folded(haystack: &str, needle: &str) -> bool {
    if needle.is_ascii() {
        let (needle, bytes) = (needle.as_bytes(), haystack.as_bytes());
        let Some((&first, rest)) = needle.split_first() else {
            return true;
        };
        let (lower, upper) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
        let Some(last_start) = bytes.len().checked_sub(needle.len()) else {
            return false;
        };
        bytes[..=last_start].iter().enumerate().any(|(at, &b)| {
            (b == lower || b == upper)
                && bytes[at + 1..at + needle.len()].eq_ignore_ascii_case(rest)
        })
    } else {
        haystack.to_lowercase().contains(needle)
    }
}

/// Whether an event matches a lower-case query: its title, place, tags or id contain it.
fn matches(event: &crate::data::Event, query: &str) -> bool {
    contains_folded(&event.title, query)
        || contains_folded(&event.id, query)
        || event
            .place
            .as_ref()
            .is_some_and(|p| contains_folded(&p.name, query))
        || event.tags.iter().any(|t| contains_folded(t, query))
}

impl EventListPanel {
    /// Whether a search is running in the background.
    pub fn is_searching(&self) -> bool {
        self.pending.is_some()
    }

    /// How many events the last finished search found, if a search is shown.
    pub fn match_count(&self) -> Option<usize> {
        self.search.as_ref().map(|s| s.ranks.len())
    }
    /// Brings the search result up to date with `query`: at once for small
    /// searches, on a background thread for large ones (the previous result stays
    /// on screen until the new one arrives).
    fn update_search(
        &mut self,
        ctx: &egui::Context,
        loaded: &Arc<LoadedDataset>,
        generation: u64,
        query: String,
    ) {
        if query.is_empty() {
            self.search = None;
            self.pending = None;
            return;
        }
        if self
            .search
            .as_ref()
            .is_some_and(|s| s.generation == generation && s.query == query)
        {
            self.pending = None;
            return;
        }
        if let Some(pending) = &self.pending
            && pending.generation == generation
            && pending.query == query
        {
            match pending.job.poll() {
                JobStatus::Done(ranks) => {
                    self.search = Some(SearchResult {
                        generation,
                        query,
                        ranks,
                    });
                    self.pending = None;
                }
                JobStatus::Running => {}
                JobStatus::Gone => self.pending = None,
            }
            return;
        }
        let narrowing = self
            .search
            .as_ref()
            .filter(|s| s.generation == generation && query.contains(&s.query));
        let candidates = narrowing.map_or(loaded.index.chronological.len(), |s| s.ranks.len());
        if candidates <= SEARCH_INLINE_LIMIT {
            let among = narrowing.map_or(Candidates::All, |s| Candidates::Among(&s.ranks));
            let ranks = search(loaded, among, &query, &JobControl::default()).unwrap_or_default();
            self.search = Some(SearchResult {
                generation,
                query,
                ranks,
            });
            self.pending = None;
            return;
        }
        let previous: Option<Vec<u32>> = narrowing.map(|s| s.ranks.clone());
        let worker_loaded = Arc::clone(loaded);
        let worker_query = query.clone();
        let wake_ctx = ctx.clone();
        let job = Job::spawn(
            "search",
            move || wake_ctx.request_repaint(),
            move |control| {
                let among = previous
                    .as_deref()
                    .map_or(Candidates::All, Candidates::Among);
                search(&worker_loaded, among, &worker_query, control)
            },
        );
        // A search that cannot start leaves the previous result on screen.
        self.pending = job.ok().map(|job| PendingSearch {
            generation,
            query,
            job,
        });
    }

    /// Puts `text` in the search field.
    pub fn set_query(&mut self, text: &str) {
        text.clone_into(&mut self.query);
    }

    /// Shows the list; only the rows on screen are laid out.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        loaded: &Arc<LoadedDataset>,
        generation: u64,
        view: &mut ViewState,
    ) {
        let index = &loaded.index;
        let total = index.chronological.len();
        ui.horizontal(|ui| {
            let label = ui.label("Search");
            ui.add(
                egui::TextEdit::singleline(&mut self.query)
                    .hint_text("title, place, tag")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        });
        let query = self.query.trim().to_lowercase();
        self.update_search(ui.ctx(), loaded, generation, query);
        let shown = self.search.as_ref().map_or(total, |s| s.ranks.len());
        ui.horizontal(|ui| {
            ui.strong("Events");
            if self.pending.is_some() {
                ui.spinner();
                ui.weak("searching…");
            } else if self.search.is_some() {
                ui.weak(format!("({shown} of {total} match, in date order)"));
            } else {
                ui.weak(format!("({total}, in date order)"));
            }
        });
        ui.separator();

        let row_height = ui.text_style_height(&TextStyle::Body);
        let spacing = ui.spacing().item_spacing.y;
        let rank_at = |row: usize| -> usize {
            match &self.search {
                Some(search) => search.ranks[row] as usize,
                None => row,
            }
        };
        let mut area = ScrollArea::vertical().auto_shrink([false, false]);
        if view.selection != self.revealed {
            self.revealed = view.selection;
            let selected_rank = view
                .selected_event()
                .and_then(|e| index.rank.get(e))
                .copied();
            let row = match (&self.search, selected_rank) {
                (Some(search), Some(rank)) => search.ranks.binary_search(&rank).ok(),
                (None, Some(rank)) => Some(rank as usize),
                _ => None,
            };
            if let Some(row) = row {
                let viewport = ui.available_height();
                let offset = row as f32 * (row_height + spacing) - viewport / 2.0;
                area = area.vertical_scroll_offset(offset.max(0.0));
            }
        }
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        area.show_rows(ui, row_height, shown, |ui, rows| {
            for row in rows {
                let event = index.chronological[rank_at(row)] as usize;
                let e = &loaded.dataset.events[event];
                let selected = view.selected_event() == Some(event);
                let text = RichText::new(format!("{}  {}", e.date, crate::format::line(&e.title)));
                if ui.selectable_label(selected, text).clicked() {
                    view.select_event(event);
                    view.reveal_event(index, event);
                    // Clicked here: the row is in view already.
                    self.revealed = view.selection;
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::contains_folded;

    #[test]
    fn search_ignores_case() {
        assert!(contains_folded("SDF capture Raqqa", "raqqa"));
        assert!(contains_folded("SDF capture Raqqa", "sdf c"));
        assert!(!contains_folded("SDF capture Raqqa", "aleppo"));
        assert!(contains_folded("Le groupe EI s'est retiré", "retiré"));
        assert!(contains_folded("ÉTAT ISLAMIQUE", "état"));
        assert!(!contains_folded("a", "ab"));
    }
}
