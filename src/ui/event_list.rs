//! The chronological event list: every event in date order, for reading, with a
//! search box. It follows the selection made anywhere else, as a log view follows
//! its time cursor.

use egui::{RichText, ScrollArea, TextStyle, Ui};

use crate::data::LoadedDataset;
use crate::view::ViewState;

/// The list panel and the result of the last search, kept until the search or
/// the dataset changes.
#[derive(Default)]
pub struct EventListPanel {
    search: Option<SearchResult>,
}

struct SearchResult {
    generation: u64,
    query: String,
    /// Positions in the chronological order of the events that match, ascending.
    ranks: Vec<u32>,
}

/// Whether `haystack` contains the lower-case `needle`, ignoring case; without
/// allocating when the needle is ASCII, so that a search over a million titles
/// stays quick.
fn contains_folded(haystack: &str, needle: &str) -> bool {
    if needle.is_ascii() {
        let needle = needle.as_bytes();
        haystack.len() >= needle.len()
            && haystack
                .as_bytes()
                .windows(needle.len())
                .any(|window| window.eq_ignore_ascii_case(needle))
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
    /// Shows the list; only the rows on screen are laid out.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        loaded: &LoadedDataset,
        generation: u64,
        view: &mut ViewState,
    ) {
        let index = &loaded.index;
        let total = index.chronological.len();
        ui.horizontal(|ui| {
            let label = ui.label("Search");
            ui.add(
                egui::TextEdit::singleline(&mut view.search)
                    .hint_text("title, place, tag")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        });
        let query = view.search.trim().to_lowercase();
        if query.is_empty() {
            self.search = None;
        } else if self
            .search
            .as_ref()
            .is_none_or(|s| s.generation != generation || s.query != query)
        {
            let ranks = index
                .chronological
                .iter()
                .enumerate()
                .filter(|(_, e)| matches(&loaded.dataset.events[**e as usize], &query))
                .map(|(rank, _)| rank as u32)
                .collect();
            self.search = Some(SearchResult {
                generation,
                query,
                ranks,
            });
        }
        let shown = self.search.as_ref().map_or(total, |s| s.ranks.len());
        ui.horizontal(|ui| {
            ui.strong("Events");
            if self.search.is_some() {
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
        if view.reveal_selection {
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
            view.reveal_selection = false;
        }
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        area.show_rows(ui, row_height, shown, |ui, rows| {
            for row in rows {
                let event = index.chronological[rank_at(row)] as usize;
                let e = &loaded.dataset.events[event];
                let selected = view.selected_event() == Some(event);
                let text = RichText::new(format!("{}  {}", e.date, e.title));
                if ui.selectable_label(selected, text).clicked() {
                    view.select_event(event);
                    view.reveal_event(index, event);
                    view.reveal_selection = false;
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
