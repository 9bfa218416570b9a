//! The chronological event list: the events on show (all, or those the filters
//! let through) in date order, with a search box. It follows the selection made
//! anywhere else, as a log view follows its time cursor, and can follow the
//! visible window instead of listing everything.

mod search;

use std::sync::Arc;

use egui::{Key, RichText, ScrollArea, TextStyle, Ui};

use self::search::SearchResult;
use super::{FrameContext, PanelView};
use crate::data::EventOrder;
use crate::format;
use crate::job::Derived;
use crate::view::{Selection, ViewChange, ViewState};

/// The events a list shows: which events, in which order, and the version of
/// that set (it changes with the dataset and with the filters).
#[derive(Clone, Copy)]
struct ShownEvents<'a> {
    /// The events on show, in date order and by lane.
    order: &'a Arc<EventOrder>,
    /// Changes whenever `order` does.
    version: u64,
}

/// The list panel: its search text, the result of the last search (kept until
/// the search or the events shown change), a search running in the background,
/// and where the list was last scrolled to.
#[derive(Default)]
pub struct EventListPanel {
    query: String,
    /// The last search's result, by version of the events on show and query;
    /// worked out at once or in the background (see `update_search`).
    searched: Derived<(u64, String), SearchResult>,
    /// The selection the list has shown; when the view's selection differs, the
    /// list scrolls to the new one.
    revealed: Option<Selection>,
    /// The query whose results were last shown from the top.
    shown_query: String,
    /// Whether the list shows only the events in the visible window.
    follow_view: bool,
    /// Set by Ctrl+F: the search field takes the keyboard next frame.
    focus_requested: bool,
    /// Whether the timeline and plots hide the events that do not match, rather
    /// than dimming them.
    hide_unmatched: bool,
    /// The matching events as an order of their own, for the version and query
    /// it was made for, while `hide_unmatched` is set.
    matching: Option<(u64, String, Arc<EventOrder>)>,
}

/// The rows of the list: a stretch of the order shown (all of it, or the events
/// in view), or the matches of a search among them. Never copied per frame.
enum Rows<'a> {
    Span(std::ops::Range<usize>),
    Ranks(&'a [u32]),
}

impl Rows<'_> {
    fn len(&self) -> usize {
        match self {
            Self::Span(range) => range.len(),
            Self::Ranks(ranks) => ranks.len(),
        }
    }

    /// The position in the order of the event on `row`.
    fn rank_at(&self, row: usize) -> Option<usize> {
        match self {
            Self::Span(range) => Some(range.start + row).filter(|&r| r < range.end),
            Self::Ranks(ranks) => ranks.get(row).map(|&r| r as usize),
        }
    }

    /// The row of the event at `rank` in the order, if it is listed.
    fn row_of(&self, rank: u32) -> Option<usize> {
        match self {
            Self::Span(range) => (rank as usize)
                .checked_sub(range.start)
                .filter(|_| range.contains(&(rank as usize))),
            Self::Ranks(ranks) => ranks.binary_search(&rank).ok(),
        }
    }
}

impl EventListPanel {
    /// Whether a search is running in the background.
    pub fn is_searching(&self) -> bool {
        self.searched.is_busy()
    }

    /// How many events the last finished search found, if a search is shown.
    pub fn match_count(&self) -> Option<usize> {
        self.searched.latest().map(|(_, s)| s.ranks.len())
    }

    /// The events that match the search shown, when the reader asked to hide the
    /// others: the timeline and the plots show these instead of every event.
    pub fn matching_order(&self) -> Option<&Arc<EventOrder>> {
        match (self.searched.latest().map(|(_, s)| s), &self.matching) {
            (Some(search), Some((version, query, order)))
                if self.hide_unmatched && search.version == *version && &search.query == query =>
            {
                Some(order)
            }
            _ => None,
        }
    }

    /// Makes the order of the matching events, once per search result.
    fn update_matching(&mut self, order: &EventOrder) {
        let Some((_, search)) = self.searched.latest().filter(|_| self.hide_unmatched) else {
            self.matching = None;
            return;
        };
        if self
            .matching
            .as_ref()
            .is_some_and(|(v, q, _)| *v == search.version && *q == search.query)
        {
            return;
        }
        let matched = &search.matched;
        if let Some(only) = order.filtered(matched, &|| false) {
            self.matching = Some((search.version, search.query.clone(), Arc::new(only)));
        }
    }

    /// By event index, whether each event matches the search shown, if one is.
    pub fn search_matches(&self) -> Option<Arc<[bool]>> {
        self.searched.latest().map(|(_, s)| Arc::clone(&s.matched))
    }

    /// The search field's text.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// Puts `text` in the search field.
    pub fn set_query(&mut self, text: &str) {
        text.clone_into(&mut self.query);
    }

    /// Gives the search field the keyboard.
    pub fn focus_search(&mut self) {
        self.focus_requested = true;
    }

    /// The next (or, going back, previous) match after the selection, in date
    /// order, wrapping around at the ends.
    fn next_match(&self, order: &EventOrder, view: &ViewState, forward: bool) -> Option<usize> {
        let ranks = &self.searched.latest()?.1.ranks;
        let current = view
            .selected_event()
            .and_then(|e| order.rank.get(e))
            .and_then(|r| u32::try_from(r).ok());
        let at = match (current, forward) {
            (Some(rank), true) => ranks.partition_point(|&r| r <= rank),
            (Some(rank), false) => ranks.partition_point(|&r| r < rank).checked_sub(1)?,
            (None, true) => 0,
            (None, false) => ranks.len().checked_sub(1)?,
        };
        let rank = ranks
            .get(at)
            .or(if forward { ranks.first() } else { ranks.last() })?;
        order.chronological.get(*rank as usize).map(|&e| e as usize)
    }

    /// The search field; returns whether Enter asked for the next match (or
    /// Shift+Enter for the previous one).
    fn search_field(&mut self, ui: &mut Ui) -> Option<bool> {
        let mut jump = None;
        ui.horizontal(|ui| {
            let label = ui.label("Search");
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut self.query)
                        .hint_text("any text, actor, source (Ctrl+F)")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if std::mem::take(&mut self.focus_requested) {
                response.request_focus();
            }
            if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                jump = Some(!ui.input(|i| i.modifiers.shift));
                response.request_focus();
            }
        });
        jump
    }

    /// Shows the list; only the rows on screen are laid out.
    /// A click on a row or Enter in the search asks, through `view`, to select
    /// an event.
    pub fn show(&mut self, ui: &mut Ui, cx: &FrameContext<'_>, view: &mut PanelView<'_>) {
        let loaded = cx.loaded;
        let shown = ShownEvents {
            order: cx.shown,
            version: cx.shown_version,
        };
        let order = shown.order.as_ref();
        let jump = self.search_field(ui);
        let query = self.query.trim().to_owned();
        self.update_search(ui.ctx(), loaded, shown, query.clone());
        self.update_matching(order);
        if let Some(forward) = jump
            && let Some(event) = self.next_match(order, view, forward)
        {
            view.ask(ViewChange::SelectAndReveal(event));
        }

        // Which positions of `order` the rows show.
        let in_view = self
            .follow_view
            .then(|| order.starting_in(view.window().start, view.window().end));
        let rows = match (self.searched.latest().map(|(_, s)| s), in_view) {
            (Some(search), Some(range)) => {
                let lo = search
                    .ranks
                    .partition_point(|&r| (r as usize) < range.start);
                let hi = search.ranks.partition_point(|&r| (r as usize) < range.end);
                Rows::Ranks(&search.ranks[lo..hi.max(lo)])
            }
            (Some(search), None) => Rows::Ranks(&search.ranks),
            (None, Some(range)) => Rows::Span(range),
            (None, None) => Rows::Span(0..order.len()),
        };
        let row_count = rows.len();

        let status = match (self.searched.is_busy(), self.searched.latest()) {
            (true, _) => SearchStatus::Running,
            (false, Some(_)) => SearchStatus::Shown,
            (false, None) => SearchStatus::None,
        };
        heading(
            ui,
            status,
            (row_count, order.len()),
            &query,
            (&mut self.follow_view, &mut self.hide_unmatched),
        );

        let row_height = ui.text_style_height(&TextStyle::Body);
        let spacing = ui.spacing().item_spacing.y;
        let rank_at = |row: usize| rows.rank_at(row);
        let mut area = ScrollArea::vertical().auto_shrink([false, false]);
        if query != self.shown_query {
            // A new search shows its results from the top.
            self.shown_query.clone_from(&query);
            area = area.vertical_scroll_offset(0.0);
        } else if view.selection() != self.revealed {
            self.revealed = view.selection();
            let selected_rank = view
                .selected_event()
                .and_then(|e| order.rank.get(e))
                .and_then(|r| u32::try_from(r).ok());
            let row = selected_rank.and_then(|rank| rows.row_of(rank));
            if let Some(row) = row {
                let viewport = ui.available_height();
                let offset = row as f32 * (row_height + spacing) - viewport / 2.0;
                area = area.vertical_scroll_offset(offset.max(0.0));
            }
        }
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        area.show_rows(ui, row_height, row_count, |ui, rows| {
            for row in rows {
                let Some(&event) = rank_at(row).and_then(|rank| order.chronological.get(rank))
                else {
                    continue;
                };
                let event = event as usize;
                let e = loaded.dataset.events.at(event);
                let selected = view.selected_event() == Some(event);
                // Deaths first, where given: titles are cut at the panel's edge.
                let text = match e.fatalities() {
                    Some(deaths) => RichText::new(format!(
                        "{}  {} dead · {}",
                        e.date(),
                        format::count(deaths.best),
                        format::line(e.title())
                    )),
                    None => RichText::new(format!("{}  {}", e.date(), format::line(e.title()))),
                };
                if ui.selectable_label(selected, text).clicked() {
                    view.ask(ViewChange::SelectAndReveal(event));
                    // Clicked here: the row is in view already.
                    self.revealed = Some(Selection::Event(event));
                }
            }
        });
    }
}

/// Where the search stands, for the list's heading.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SearchStatus {
    /// No search.
    None,
    /// A search runs in the background.
    Running,
    /// A search's result is shown.
    Shown,
}

/// The list's heading (how many rows, how many match) and its switches (only
/// events in view, hide non-matches).
fn heading(
    ui: &mut Ui,
    status: SearchStatus,
    (row_count, shown): (usize, usize),
    query: &str,
    (follow_view, hide_unmatched): (&mut bool, &mut bool),
) {
    ui.horizontal(|ui| {
        ui.strong("Events");
        match status {
            SearchStatus::Running => {
                ui.spinner();
                ui.weak("searching…");
            }
            SearchStatus::Shown if row_count == 0 && !query.is_empty() => {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("no event matches “{}”", format::line(query)),
                );
            }
            SearchStatus::Shown => {
                ui.weak(format!("({row_count} of {shown} match, in date order)"))
                    .on_hover_text("Enter: next match, Shift+Enter: previous match");
            }
            SearchStatus::None => {
                ui.weak(format!("({row_count}, in date order)"));
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.checkbox(follow_view, "Only events in view")
            .on_hover_text("List the events in the visible time window, not all of them");
        ui.checkbox(hide_unmatched, "Hide non-matches").on_hover_text(
            "While searching, the timeline hides events that do not match instead of dimming them",
        );
    });
}
