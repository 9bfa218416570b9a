//! Finding a place by name, for the map's place search: among the context
//! layers' towns (GeoNames) and the places the dataset's own events name.
//! A name that is the query comes first, then names that begin with it, then
//! names with a word that begins with it, then any that hold it; within each,
//! the dataset's places (most events first) before the larger towns.
//! Case and diacritics do not matter ("pokr" finds Pokrovsk, "baghuz" Bāghūz).

use crate::data::map::context::ContextMap;
use crate::data::model::Events;
use crate::data::search::fold;

/// How many places a search gives at most.
pub const MOST_FOUND: usize = 8;

/// A place found, with where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct FoundPlace {
    /// Its name.
    pub name: String,
    /// Its province and country, as known: "Donetsk, Ukraine".
    pub region: String,
    /// Longitude, in degrees.
    pub lon: f64,
    /// Latitude, in degrees.
    pub lat: f64,
    /// Where it was found.
    pub from: FoundIn,
}

/// Where a place was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FoundIn {
    /// Named by this many of the dataset's events.
    Dataset(u32),
    /// A town of the context layers, of this many people.
    Towns(u32),
}

impl FoundPlace {
    /// "Pokrovsk, Donetsk, Ukraine".
    pub fn full_name(&self) -> String {
        if self.region.is_empty() {
            self.name.clone()
        } else {
            format!("{}, {}", self.name, self.region)
        }
    }
}

/// The places an events table names, with coordinates, folded once per load
/// so that each keystroke reads them without folding again.
#[derive(Clone, Debug, Default)]
pub struct EventPlaces {
    places: Vec<(String, FoundPlace)>,
}

impl EventPlaces {
    /// The located places of `events`, the most named first.
    pub fn build(events: &Events) -> Self {
        let mut places: Vec<(String, FoundPlace)> = events
            .located_places()
            .into_iter()
            .filter_map(|(place, count)| {
                let region: Vec<&str> = [place.region(), place.country()]
                    .into_iter()
                    .flatten()
                    .filter(|part| *part != place.name())
                    .collect();
                Some((
                    fold(place.name()).into_owned(),
                    FoundPlace {
                        name: place.name().to_owned(),
                        region: region.join(", "),
                        lon: place.lon()?,
                        lat: place.lat()?,
                        from: FoundIn::Dataset(count),
                    },
                ))
            })
            .collect();
        places.sort_by_key(|(_, p)| std::cmp::Reverse(weight(p.from)));
        Self { places }
    }

    /// How many places there are.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }
}

/// How well a folded name matches a folded query: lower is better, `None` for no match.
fn tier(name: &str, query: &str) -> Option<u8> {
    if name == query {
        Some(0)
    } else if name.starts_with(query) {
        Some(1)
    } else if name
        .match_indices(query)
        .any(|(at, _)| name[..at].ends_with([' ', '-', '\'', '(']))
    {
        Some(2)
    } else if name.contains(query) {
        Some(3)
    } else {
        None
    }
}

/// How much a place weighs among those of its tier.
fn weight(from: FoundIn) -> u64 {
    match from {
        // The dataset's places before any town: the reader is looking at them.
        FoundIn::Dataset(count) => (1 << 40) + u64::from(count),
        FoundIn::Towns(people) => u64::from(people),
    }
}

/// The places named like `query`, best first, at most [`MOST_FOUND`]; a
/// town the dataset also names (within about 5 km) is given once.
pub fn find_places(query: &str, events: &EventPlaces, towns: &ContextMap) -> Vec<FoundPlace> {
    let query = fold(query.trim());
    if query.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(u8, u64, FoundPlace)> = Vec::new();
    for (folded, place) in &events.places {
        if let Some(t) = tier(folded, &query) {
            found.push((t, weight(place.from), place.clone()));
        }
    }
    for town in &towns.places {
        let name = towns.name(town.name);
        let folded = fold(name);
        let Some(t) = tier(&folded, &query) else {
            continue;
        };
        let (lon, lat) = (f64::from(town.at[0]), f64::from(town.at[1]));
        let named_already = found.iter().any(|(_, _, p)| {
            fold(&p.name) == folded && (p.lon - lon).abs() < 0.05 && (p.lat - lat).abs() < 0.05
        });
        if named_already {
            continue;
        }
        let region: Vec<&str> = [town.province, town.country]
            .into_iter()
            .flatten()
            .map(|n| towns.name(n))
            .collect();
        let from = FoundIn::Towns(town.population);
        found.push((
            t,
            weight(from),
            FoundPlace {
                name: name.to_owned(),
                region: region.join(", "),
                lon,
                lat,
                from,
            },
        ));
    }
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    found.truncate(MOST_FOUND);
    found.into_iter().map(|(_, _, place)| place).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_town_is_found_by_the_start_of_its_name_with_its_province_and_country() {
        let found = find_places("Pokr", &EventPlaces::default(), ContextMap::embedded());
        let first = found.first().expect("found");
        assert_eq!(first.name, "Pokrovsk");
        assert!(first.region.contains("Ukraine"), "{first:?}");
        assert!((first.lon - 37.18).abs() < 0.1 && (first.lat - 48.28).abs() < 0.1);
    }

    #[test]
    fn the_name_itself_comes_before_names_that_hold_it() {
        let towns = ContextMap::embedded();
        // GeoNames writes "Ar Raqqah": a word of it begins with the query.
        let found = find_places("raqqa", &EventPlaces::default(), towns);
        assert_eq!(found.first().map(|p| p.name.as_str()), Some("Ar Raqqah"));
        let found = find_places("Donetsk", &EventPlaces::default(), towns);
        assert_eq!(found.first().map(|p| p.name.as_str()), Some("Donetsk"));
        assert!(
            found
                .iter()
                .skip(1)
                .all(|p| p.name != "Donetsk" || p.lon != found[0].lon)
        );
        assert!(found.len() <= MOST_FOUND);
        assert!(find_places("  ", &EventPlaces::default(), ContextMap::embedded()).is_empty());
        assert!(find_places("zzzqqq", &EventPlaces::default(), ContextMap::embedded()).is_empty());
    }

    #[test]
    fn tiers_rank_whole_names_then_starts_then_words_then_anywhere() {
        assert_eq!(tier("bakhmut", "bakhmut"), Some(0));
        assert_eq!(tier("bakhmutske", "bakhmut"), Some(1));
        assert_eq!(tier("al-bab", "bab"), Some(2));
        assert_eq!(tier("tabqa", "abq"), Some(3));
        assert_eq!(tier("tabqa", "raqqa"), None);
    }
}
