//! The panels, one file each. Every panel reads the loaded dataset and the
//! shared [`crate::view::ViewState`], and asks for changes to it through a
//! [`PanelView`]: the app carries them out once the panel is drawn. No panel
//! writes the shared state, and none calls another.

pub mod area_plot;
pub mod deaths_chart;
pub mod detail;
pub mod event_list;
pub mod file_problems;
pub mod filter_bar;
pub mod map;
pub mod menu_bar;
pub mod playback_bar;
pub mod problems;
pub mod shortcuts;
pub mod span_panel;
pub mod status_bar;
pub mod text_prompt;
pub mod time_axis;
pub mod timeline;
pub mod tooltip;

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use egui::Color32;

use crate::command::Command;
use crate::data::lanes::{self, LaneGrouping};
use crate::data::{Confidence, DatasetIndex, EventOrder, LoadedDataset};
use crate::view::{ViewChange, ViewState};

/// The shared view as a panel sees it: the state to read (it dereferences to
/// [`ViewState`]) and a queue to ask for changes in. A panel cannot change
/// the view itself: what it asks for is carried out by the app's one door,
/// after the panel has been drawn.
pub struct PanelView<'a> {
    state: &'a ViewState,
    asks: &'a mut Vec<Command>,
}

impl<'a> PanelView<'a> {
    /// The view `state`, with what the panel asks for going to `asks`.
    pub fn new(state: &'a ViewState, asks: &'a mut Vec<Command>) -> Self {
        Self { state, asks }
    }

    /// Asks for a change to the shared view.
    pub fn ask(&mut self, change: ViewChange) {
        self.asks.push(Command::View(change));
    }

    /// Asks for any other command (close a window, clear the filters…).
    pub fn command(&mut self, command: Command) {
        self.asks.push(command);
    }
}

impl std::ops::Deref for PanelView<'_> {
    type Target = ViewState;

    fn deref(&self) -> &ViewState {
        self.state
    }
}

/// What every panel is drawn from in one frame (the model is rerun's
/// `ViewerContext`): the dataset, the events on show and their version, the
/// search's matches and the series hidden in the legend. Panels read it; the
/// shared view state is given beside it, to read and write.
#[derive(Clone)]
pub struct FrameContext<'a> {
    /// The dataset on screen, with its index.
    pub loaded: &'a Arc<LoadedDataset>,
    /// The load's generation: what is derived from the dataset is keyed by it.
    pub generation: u64,
    /// The events on show (after the filters), in date order and by lane.
    pub shown: &'a Arc<EventOrder>,
    /// Changes whenever `shown` does.
    pub shown_version: u64,
    /// By event index, whether each event matches the search shown, if one is.
    pub search_matches: Option<Arc<[bool]>>,
    /// The series hidden in the plots' legend, by index in `Dataset::control`.
    pub hidden_series: BTreeSet<usize>,
    /// The colour of each lane the timeline shows, as of its last frame.
    pub lane_colours: Option<Arc<LaneColours>>,
    /// What the control maps say changed over the span, once worked out.
    pub map_changes: Option<Arc<Vec<crate::data::span::MapChange>>>,
    /// Where maps of one actor disagree (on the span's last day, or the day
    /// the map shows), once worked out.
    pub disagreements: Option<Arc<Vec<crate::data::disagree::Disagreement>>>,
}

/// The colour of each lane of the timeline, so that the map colours an event
/// as its lane: by actor for actor lanes, else by the lane's name; an event in
/// no lane shown (merged into "Other") takes `other`.
#[derive(Clone, Debug)]
pub struct LaneColours {
    /// What a lane stands for.
    pub grouping: LaneGrouping,
    /// Actor lanes' colours, by actor index.
    pub by_actor: HashMap<usize, Color32>,
    /// Other lanes' colours, by name.
    pub by_name: HashMap<String, Color32>,
    /// The colour of events in no lane shown.
    pub other: Color32,
}

impl LaneColours {
    /// The colour of an event's first lane shown.
    pub fn of_event(
        &self,
        loaded: &LoadedDataset,
        event: usize,
        keys: &mut Vec<String>,
    ) -> Color32 {
        if self.grouping == LaneGrouping::Actor {
            return loaded
                .index
                .actors_of(event)
                .iter()
                .find_map(|&a| self.by_actor.get(&(a as usize)).copied())
                .unwrap_or(self.other);
        }
        lanes::event_keys(&loaded.dataset, &loaded.index, event, self.grouping, keys);
        keys.iter()
            .find_map(|k| self.by_name.get(k).copied())
            .unwrap_or(self.other)
    }
}

/// An actor's colour for the current theme: readable on its background and
/// apart from every other actor's (worked out once per load, in the index).
pub fn actor_color(visuals: &egui::Visuals, index: &DatasetIndex, actor: usize) -> Color32 {
    let palette = &index.readable_colors[usize::from(!visuals.dark_mode)];
    let [r, g, b] = palette.get(actor).copied().unwrap_or([128, 128, 128]);
    Color32::from_rgb(r, g, b)
}

/// Whether a confidence level is drawn as a filled marker (confirmed, reported)
/// rather than a hollow one (claimed, disputed, unverified).
pub fn confidence_is_firm(confidence: Confidence) -> bool {
    matches!(confidence, Confidence::Confirmed | Confidence::Reported)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_takes_the_colour_of_its_first_lane_shown_else_other() {
        let loaded =
            crate::data::load_str(include_str!("../../tests/data/small.ron")).expect("loads");
        let tagged = loaded
            .dataset
            .events
            .iter()
            .position(|e| !e.tags().is_empty())
            .expect("an event with a tag");
        let untagged = loaded
            .dataset
            .events
            .iter()
            .position(|e| e.tags().is_empty())
            .expect("an event without one");
        let mut by_name = HashMap::new();
        by_name.insert("siege".to_owned(), Color32::RED);
        let colours = LaneColours {
            grouping: LaneGrouping::Tag,
            by_actor: HashMap::new(),
            by_name,
            other: Color32::GRAY,
        };
        let mut keys = Vec::new();
        assert_eq!(colours.of_event(&loaded, tagged, &mut keys), Color32::RED);
        assert_eq!(
            colours.of_event(&loaded, untagged, &mut keys),
            Color32::GRAY
        );
        let first_actor = loaded.index.actors_of(tagged)[0] as usize;
        let by_actor = LaneColours {
            grouping: LaneGrouping::Actor,
            by_actor: HashMap::from([(first_actor, Color32::BLUE)]),
            by_name: HashMap::new(),
            other: Color32::GRAY,
        };
        assert_eq!(by_actor.of_event(&loaded, tagged, &mut keys), Color32::BLUE);
    }
}
