//! What a timeline lane is: the reader chooses. One ACLED country export names
//! thousands of actors, and a lane per actor is then unreadable; lanes can be
//! actors, actor types, event kinds, countries, regions, tags, or one lane for
//! everything, ordered by number of events or by name, filtered by typing, with
//! the top lanes shown and the rest merged into one "Other" lane that can be
//! opened.
//!
//! Grouping walks the events on show once, in date order, so each group's
//! events come out sorted (O(n) for the walk). It runs when the events on show
//! or the grouping change; ordering, filtering and the top cut run on the groups
//! alone, so typing in the lane filter costs little (the "Other" lane aside,
//! which merges what it holds).

use std::collections::HashMap;
use std::sync::Arc;

use crate::data::derived::index::{DatasetIndex, EventOrder, Lane};
use crate::data::derived::search::fold;
use crate::data::model::Dataset;

/// What one lane stands for.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum LaneGrouping {
    /// One lane per actor (an event in each of its actors' lanes).
    #[default]
    Actor,
    /// One lane per actor type ("State forces").
    ActorKind,
    /// One lane per event kind ("Battles").
    EventKind,
    /// One lane per country.
    Country,
    /// One lane per region (first-order division) and country.
    Region,
    /// One lane per tag (an event in each of its tags' lanes).
    Tag,
    /// One lane for every event.
    Single,
}

impl LaneGrouping {
    /// Every grouping, in the order the menu lists them.
    pub const ALL: [Self; 7] = [
        Self::Actor,
        Self::ActorKind,
        Self::EventKind,
        Self::Country,
        Self::Region,
        Self::Tag,
        Self::Single,
    ];

    /// As the menu says it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Actor => "actor",
            Self::ActorKind => "actor type",
            Self::EventKind => "event kind",
            Self::Country => "country",
            Self::Region => "region",
            Self::Tag => "tag",
            Self::Single => "one lane",
        }
    }
}

/// How lanes are ordered.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum LaneOrder {
    /// The dataset's order of actors (for actor lanes), else first seen.
    #[default]
    AsGiven,
    /// Most events first.
    Events,
    /// By name.
    Name,
}

impl LaneOrder {
    /// Every order, as the menu lists them.
    pub const ALL: [Self; 3] = [Self::AsGiven, Self::Events, Self::Name];

    /// As the menu says it.
    pub fn label(self) -> &'static str {
        match self {
            Self::AsGiven => "as in the file",
            Self::Events => "most events first",
            Self::Name => "by name",
        }
    }
}

/// The reader's choice of lanes, as the timeline uses it and a saved view keeps it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename = "Lanes", default, deny_unknown_fields)]
pub struct LaneChoice {
    /// What a lane stands for.
    pub grouping: LaneGrouping,
    /// How lanes are ordered.
    pub order: LaneOrder,
    /// Lanes shown before the rest go into "Other".
    pub top: usize,
    /// Show every lane instead of "Other".
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub show_all: bool,
    /// Only lanes whose name contains this (case and accents ignored).
    #[serde(rename = "find", skip_serializing_if = "String::is_empty")]
    pub filter: String,
}

impl Default for LaneChoice {
    fn default() -> Self {
        Self {
            grouping: LaneGrouping::default(),
            order: LaneOrder::default(),
            top: DEFAULT_TOP,
            show_all: false,
            filter: String::new(),
        }
    }
}

/// Lanes shown before the rest go into "Other", by default.
pub const DEFAULT_TOP: usize = 25;

/// The names of the lanes an event goes in for a grouping other than by
/// actor (actor lanes are by index): written into `keys`, cleared first. The
/// timeline groups by these, and other panels colour an event as its lane.
pub fn event_keys(
    dataset: &Dataset,
    index: &DatasetIndex,
    event: usize,
    grouping: LaneGrouping,
    keys: &mut Vec<String>,
) {
    keys.clear();
    let Some(e) = dataset.events.get(event) else {
        return;
    };
    match grouping {
        LaneGrouping::Actor => {
            for &a in index.actors_of(event) {
                if let Some(actor) = dataset.actors.get(a as usize) {
                    keys.push(actor.short.clone());
                }
            }
            if keys.is_empty() {
                keys.push("(no actor)".to_owned());
            }
        }
        LaneGrouping::ActorKind => {
            for &a in index.actors_of(event) {
                let kind = dataset.actors[a as usize]
                    .kind
                    .as_deref()
                    .unwrap_or("(no actor type given)");
                if !keys.iter().any(|k| k == kind) {
                    keys.push(kind.to_owned());
                }
            }
            if keys.is_empty() {
                keys.push("(no actor)".to_owned());
            }
        }
        LaneGrouping::EventKind => {
            keys.push(e.kind().unwrap_or("(no kind given)").to_owned());
        }
        LaneGrouping::Country => {
            keys.push(
                e.place()
                    .and_then(|p| p.country())
                    .unwrap_or("(no country given)")
                    .to_owned(),
            );
        }
        LaneGrouping::Region => {
            let place = e.place();
            keys.push(
                match (
                    place.and_then(|p| p.region()),
                    place.and_then(|p| p.country()),
                ) {
                    (Some(region), Some(country)) => format!("{region}, {country}"),
                    (Some(region), None) => region.to_owned(),
                    (None, _) => "(no region given)".to_owned(),
                },
            );
        }
        LaneGrouping::Tag => {
            for tag in e.tags() {
                if !keys.iter().any(|key| key == tag) {
                    keys.push(tag.to_string());
                }
            }
            if keys.is_empty() {
                keys.push("(no tag)".to_owned());
            }
        }
        LaneGrouping::Single => keys.push("All events".to_owned()),
    }
}

/// The events of one group, before ordering and cutting.
#[derive(Clone, Debug)]
pub struct LaneGroup {
    /// The lane's name ("Military Forces of Russia", "Battles").
    pub name: String,
    /// The actor, for actor lanes (its colour and full name).
    pub actor: Option<usize>,
    /// Event indices, in date order.
    pub events: Vec<u32>,
}

/// Every group of the events on show for a grouping, in first-seen order (the
/// dataset's order of actors for actor lanes). Lanes left empty are dropped.
pub fn groups(
    dataset: &Dataset,
    index: &DatasetIndex,
    shown: &EventOrder,
    grouping: LaneGrouping,
) -> Vec<LaneGroup> {
    let mut groups: Vec<LaneGroup> = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    if grouping == LaneGrouping::Actor {
        groups = dataset
            .actors
            .iter()
            .enumerate()
            .map(|(a, actor)| LaneGroup {
                name: actor.short.clone(),
                actor: Some(a),
                events: Vec::new(),
            })
            .collect();
    }
    let mut keys: Vec<String> = Vec::new();
    for &event in &shown.chronological {
        keys.clear();
        match grouping {
            LaneGrouping::Actor => {
                let actors = index.actors_of(event as usize);
                if actors.is_empty() {
                    keys.push("(no actor)".to_owned());
                }
                for &a in actors {
                    groups[a as usize].events.push(event);
                }
            }
            _ => event_keys(dataset, index, event as usize, grouping, &mut keys),
        }
        for key in keys.drain(..) {
            let at = match by_name.get(&key) {
                Some(&at) => at,
                None => {
                    groups.push(LaneGroup {
                        name: key.clone(),
                        actor: None,
                        events: Vec::new(),
                    });
                    by_name.insert(key, groups.len() - 1);
                    groups.len() - 1
                }
            };
            groups[at].events.push(event);
        }
    }
    groups.retain(|g| !g.events.is_empty());
    groups
}

/// Actor lanes straight from the events on show, which keep a lane per actor
/// already (built with them, in the background for large filters): the same
/// ordering, filter and top cut as [`lanes`], without grouping again.
pub fn actor_lanes(
    dataset: &Dataset,
    index: &DatasetIndex,
    shown: &EventOrder,
    choice: &LaneChoice,
) -> Vec<LaneEntry> {
    let candidates = shown
        .lanes
        .iter()
        .enumerate()
        .filter(|(_, lane)| !lane.is_empty())
        .map(|(rank, lane)| Candidate {
            rank,
            name: match lane.actor.and_then(|a| dataset.actors.get(a)) {
                Some(actor) => actor.short.clone(),
                None => "(no actor)".to_owned(),
            },
            actor: lane.actor,
            events: Events::Lane(lane),
        })
        .collect();
    arrange(candidates, index, choice)
}

/// The lanes to draw: `groups` filtered, ordered and cut to the top ones, the
/// rest merged into one "Other" lane.
pub fn lanes(groups: &[LaneGroup], index: &DatasetIndex, choice: &LaneChoice) -> Vec<LaneEntry> {
    let candidates = groups
        .iter()
        .enumerate()
        .map(|(rank, g)| Candidate {
            rank,
            name: g.name.clone(),
            actor: g.actor,
            events: Events::Sorted(&g.events),
        })
        .collect();
    arrange(candidates, index, choice)
}

/// A lane that may be shown: where its events are, and what it is called.
struct Candidate<'a> {
    rank: usize,
    name: String,
    actor: Option<usize>,
    events: Events<'a>,
}

/// A candidate's events: a lane already built, or event indices in date order.
enum Events<'a> {
    Lane(&'a Arc<Lane>),
    Sorted(&'a [u32]),
}

impl Events<'_> {
    fn len(&self) -> usize {
        match self {
            Self::Lane(lane) => lane.len(),
            Self::Sorted(events) => events.len(),
        }
    }

    fn all(&self) -> Box<dyn Iterator<Item = u32> + '_> {
        match self {
            Self::Lane(lane) => Box::new(lane.events.iter().chain(&lane.long_events).copied()),
            Self::Sorted(events) => Box::new(events.iter().copied()),
        }
    }

    /// The lane: shared when it is one of the index's, built when grouped.
    fn to_lane(&self, actor: Option<usize>, index: &DatasetIndex) -> Arc<Lane> {
        match self {
            Self::Lane(lane) => Arc::clone(lane),
            Self::Sorted(events) => Arc::new(Lane::build(actor, events.to_vec(), &index.spans)),
        }
    }
}

/// Filters candidates by the typed text, orders them, keeps the top ones and
/// merges the rest into "Other".
fn arrange(
    mut chosen: Vec<Candidate<'_>>,
    index: &DatasetIndex,
    choice: &LaneChoice,
) -> Vec<LaneEntry> {
    let wanted = fold(choice.filter.trim()).into_owned();
    if !wanted.is_empty() {
        chosen.retain(|c| fold(&c.name).contains(wanted.as_str()));
    }
    match choice.order {
        LaneOrder::AsGiven => {}
        LaneOrder::Events => {
            chosen.sort_by(|a, b| {
                b.events
                    .len()
                    .cmp(&a.events.len())
                    .then(a.rank.cmp(&b.rank))
            });
        }
        LaneOrder::Name => {
            chosen.sort_by(|a, b| fold(&a.name).cmp(&fold(&b.name)).then(a.rank.cmp(&b.rank)));
        }
    }
    let top = choice.top.max(1);
    let rest = if !choice.show_all && chosen.len() > top + 1 {
        chosen.split_off(top)
    } else {
        Vec::new()
    };
    let mut entries: Vec<LaneEntry> = chosen
        .into_iter()
        .map(|c| LaneEntry {
            lane: c.events.to_lane(c.actor, index),
            name: c.name,
            actor: c.actor,
            merged: 0,
            rank: c.rank,
        })
        .collect();
    if !rest.is_empty() {
        let mut events: Vec<u32> = rest.iter().flat_map(|c| c.events.all()).collect();
        events.sort_unstable();
        events.dedup();
        entries.push(LaneEntry {
            lane: Arc::new(Lane::build(None, events, &index.spans)),
            name: format!("Other ({})", rest.len()),
            actor: None,
            merged: rest.len(),
            rank: usize::MAX,
        });
    }
    entries
}

/// A lane ready to draw.
#[derive(Clone, Debug)]
pub struct LaneEntry {
    /// Its events.
    pub lane: Arc<Lane>,
    /// Its name.
    pub name: String,
    /// The actor, for actor lanes.
    pub actor: Option<usize>,
    /// For the "Other" lane: how many lanes it holds (0 otherwise).
    pub merged: usize,
    /// Its position among the groups before the top cut (for colours that stay
    /// with a group whatever the filter).
    pub rank: usize,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_str;

    const SMALL: &str = include_str!("../../../tests/data/small.ron");

    #[test]
    fn actor_lanes_follow_the_dataset_and_kinds_group_events() {
        let loaded = load_str(SMALL).expect("valid");
        let (dataset, index) = (&loaded.dataset, &loaded.index);
        let by_actor = groups(dataset, index, &index.order, LaneGrouping::Actor);
        let names: Vec<&str> = by_actor.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["North", "South"]);
        let by_kind = groups(dataset, index, &index.order, LaneGrouping::EventKind);
        let names: Vec<(&str, usize)> = by_kind
            .iter()
            .map(|g| (g.name.as_str(), g.events.len()))
            .collect();
        assert_eq!(names, [("(no kind given)", 1), ("Battles", 1)]);
        let single = groups(dataset, index, &index.order, LaneGrouping::Single);
        assert_eq!(single.len(), 1);
        assert_eq!(single[0].events.len(), 2);
    }

    fn group(name: &str, events: &[u32]) -> LaneGroup {
        LaneGroup {
            name: name.to_owned(),
            actor: None,
            events: events.to_vec(),
        }
    }

    #[test]
    fn the_rest_beyond_the_top_lanes_is_one_other_lane_that_opens() {
        let loaded = load_str(SMALL).expect("valid");
        let index = &loaded.index;
        let groups = [
            group("b", &[0]),
            group("a", &[0, 1]),
            group("c", &[1]),
            group("d", &[1]),
        ];
        let choice = LaneChoice {
            order: LaneOrder::Events,
            top: 2,
            ..LaneChoice::default()
        };
        let shown = lanes(&groups, index, &choice);
        let names: Vec<&str> = shown.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["a", "b", "Other (2)"]);
        // Event 1 is in both merged lanes: once in "Other".
        assert_eq!(shown[2].lane.len(), 1);
        assert_eq!(shown[2].merged, 2);

        let all = lanes(
            &groups,
            index,
            &LaneChoice {
                show_all: true,
                ..choice.clone()
            },
        );
        assert_eq!(all.len(), 4);
        let by_name = lanes(
            &groups,
            index,
            &LaneChoice {
                order: LaneOrder::Name,
                top: 10,
                ..LaneChoice::default()
            },
        );
        let names: Vec<&str> = by_name.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["a", "b", "c", "d"]);
        let typed = lanes(
            &groups,
            index,
            &LaneChoice {
                filter: "C".to_owned(),
                ..LaneChoice::default()
            },
        );
        assert_eq!(typed.len(), 1);
        assert_eq!(typed[0].name, "c");
    }
}
