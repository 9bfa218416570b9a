//! Text search over events: case and diacritics do not matter ("baghuz" finds
//! "Bāghūz", "etat" finds "État"). An event matches when the query is in its
//! title, summary, place, tags or id, in the name, short name or an alias of one
//! of its actors, or in the publisher, note or quote of one of its citations.
//! Actors and sources are matched once per query, not once per event, so that a
//! search over a million events reads each event's own text only. For large
//! datasets [`TextQuery::mark_all`] reads the events' columns as they lie: their
//! text blocks at memory speed, the tables they share once per query, and a
//! column of numbers only where the query matched something it names (a query
//! that matches only titles reads nothing else); nothing is copied or kept
//! between searches.

use std::borrow::Cow;
use std::collections::HashSet;

use crate::data::loaded::LoadedDataset;
use crate::data::model::{CiteRef, EventRef};

/// A query, folded once, with the actors and sources it names.
pub struct TextQuery<'a> {
    folded: String,
    actors: HashSet<usize>,
    sources: HashSet<&'a str>,
}

impl<'a> TextQuery<'a> {
    /// Prepares `query` for `loaded`; `None` for a query of only blanks.
    pub fn new(query: &str, loaded: &'a LoadedDataset) -> Option<Self> {
        let folded = fold(query.trim()).into_owned();
        if folded.is_empty() {
            return None;
        }
        let dataset = &loaded.dataset;
        let actors = dataset
            .actors
            .iter()
            .enumerate()
            .filter(|(_, a)| {
                [&a.id, &a.name, &a.short]
                    .into_iter()
                    .chain(&a.aliases)
                    .any(|text| contains_folded(text, &folded))
            })
            .map(|(i, _)| i)
            .collect();
        let sources = dataset
            .sources
            .iter()
            .filter(|s| contains_folded(&s.publisher, &folded))
            .map(|s| s.id.as_str())
            .collect();
        Some(Self {
            folded,
            actors,
            sources,
        })
    }

    /// The query as it is compared: lower case, without diacritics.
    pub fn folded(&self) -> &str {
        &self.folded
    }

    /// Whether event `event` matches.
    pub fn matches(&self, loaded: &LoadedDataset, event: usize) -> bool {
        let Some(e) = loaded.dataset.events.get(event) else {
            return false;
        };
        self.matches_own_text(e)
            || e.cites()
                .iter()
                .chain(e.disputed_by())
                .any(|cite| self.matches_cite_text(cite))
            || self.names_a_match(loaded, event, e)
    }

    /// Whether an event names an actor, or cites a source, that the query matched.
    fn names_a_match(&self, loaded: &LoadedDataset, event: usize, e: EventRef<'_>) -> bool {
        loaded
            .index
            .actors_of(event)
            .iter()
            .any(|&a| self.actors.contains(&(a as usize)))
            || e.cites()
                .iter()
                .chain(e.disputed_by())
                .any(|c| self.sources.contains(c.source()))
    }

    fn matches_own_text(&self, e: EventRef<'_>) -> bool {
        let q = self.folded.as_str();
        contains_folded(e.title(), q)
            || contains_folded(e.id(), q)
            || contains_folded(e.summary(), q)
            || e.tags().iter().any(|t| contains_folded(t, q))
            || e.place().is_some_and(|p| {
                contains_folded(p.name(), q)
                    || p.region().is_some_and(|r| contains_folded(r, q))
                    || p.country().is_some_and(|c| contains_folded(c, q))
            })
    }

    fn matches_cite_text(&self, cite: CiteRef<'_>) -> bool {
        let q = self.folded.as_str();
        cite.note().is_some_and(|n| contains_folded(n, q))
            || cite.quote().is_some_and(|t| contains_folded(t, q))
    }
}

impl TextQuery<'_> {
    /// Marks, by event index, every event that matches; `None` when
    /// `cancelled`. Reads the columns as they lie: the text blocks at memory
    /// speed (on two cores where the machine has more than two), the tables
    /// events share (tags, places, citations' words, actors, sources) once,
    /// then only the columns of numbers that name something the query
    /// matched, and a matched actor's events from its lane.
    pub fn mark_all(
        &self,
        loaded: &LoadedDataset,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<Vec<bool>> {
        self.mark_all_on(loaded, search_threads(), cancelled)
    }

    /// [`TextQuery::mark_all`], its text read on `threads` threads (one or two).
    pub fn mark_all_on(
        &self,
        loaded: &LoadedDataset,
        threads: usize,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<Vec<bool>> {
        let events = &loaded.dataset.events;
        let q = self.folded.as_str();
        let mut marks = vec![false; events.len()];
        let matches = |text: &str| contains_folded(text, q);
        events.mark_text(q, &matches, &mut marks, threads, cancelled)?;
        let shared = events.shared_matches(&matches, &|id| self.sources.contains(id));
        events.mark_shared(&shared, &mut marks, cancelled)?;
        // An actor the query matched: its events, read from its lane of the
        // index rather than from every event's actors.
        let matched = |a: usize| self.actors.contains(&a);
        loaded
            .index
            .order
            .each_event_of_actors(matched, cancelled, |event| {
                if let Some(mark) = marks.get_mut(event as usize) {
                    *mark = true;
                }
            })?;
        Some(marks)
    }
}

/// How many threads a search reads its text on: two where the machine has
/// more than two cores, one where it has two or fewer, so that a search typed
/// a letter at a time never takes the core the window is drawn on.
pub fn search_threads() -> usize {
    match std::thread::available_parallelism() {
        Ok(cores) if cores.get() > 2 => 2,
        _ => 1,
    }
}

/// `text` in lower case without diacritics, for comparing. Latin letters with
/// accents, cedillas, macrons and the like lose them; other scripts only change
/// case. Borrowed when nothing changes.
pub fn fold(text: &str) -> Cow<'_, str> {
    if text
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            match base_letter(c) {
                Some(base) => out.push_str(base),
                None => out.extend(c.to_lowercase()),
            }
        }
    }
    Cow::Owned(out)
}

/// The plain lower-case letters of an accented Latin letter.
fn base_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'À'..='Å' | 'à'..='å' | 'Ā'..='ą' | 'Ǎ' | 'ǎ' | 'Ạ' | 'ạ' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć'..='č' => "c",
        'Ď'..='đ' | 'Ḍ' | 'ḍ' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē'..='ě' | 'Ẹ' | 'ẹ' => "e",
        'Ĝ'..='ģ' => "g",
        'Ĥ'..='ħ' | 'Ḥ' | 'ḥ' => "h",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ'..='ı' | 'Ǐ' | 'ǐ' => "i",
        'Ĵ' | 'ĵ' => "j",
        'Ķ' | 'ķ' => "k",
        'Ĺ'..='ł' => "l",
        'Ñ' | 'ñ' | 'Ń'..='ň' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō'..='ő' | 'Ǒ' | 'ǒ' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ'..='ř' => "r",
        'Ś'..='š' | 'Ṣ' | 'ṣ' => "s",
        'ß' => "ss",
        'Ţ'..='ŧ' | 'Ṭ' | 'ṭ' => "t",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ'..='ų' | 'Ǔ' | 'ǔ' => "u",
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ŷ'..='Ÿ' => "y",
        'Ź'..='ž' | 'Ẓ' | 'ẓ' => "z",
        'Þ' | 'þ' => "th",
        'ʿ' | 'ʾ' | '‘' | '’' => "'",
        _ => return None,
    })
}

/// Whether `haystack`, folded, contains `needle` (already folded). Without
/// allocating when both are ASCII, so that a search over a million titles stays
/// quick.
pub fn contains_folded(haystack: &str, needle: &str) -> bool {
    if needle.is_ascii() && haystack.is_ascii() {
        let (needle, bytes) = (needle.as_bytes(), haystack.as_bytes());
        let Some((&first, rest)) = needle.split_first() else {
            return true;
        };
        let upper = first.to_ascii_uppercase();
        let Some(last_start) = bytes.len().checked_sub(needle.len()) else {
            return false;
        };
        bytes[..=last_start].iter().enumerate().any(|(at, &b)| {
            (b == first || b == upper)
                && bytes[at + 1..at + needle.len()].eq_ignore_ascii_case(rest)
        })
    } else {
        fold(haystack).contains(needle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_diacritics_do_not_matter() {
        assert!(contains_folded("SDF capture Raqqa", "raqqa"));
        assert!(contains_folded("Battle of Bāghūz Fawqānī", "baghuz"));
        assert!(contains_folded("ÉTAT ISLAMIQUE", "etat"));
        assert!(contains_folded("Le groupe EI s'est retiré", "retire"));
        assert!(!contains_folded("SDF capture Raqqa", "aleppo"));
        assert!(!contains_folded("a", "ab"));
        assert_eq!(fold("Ḥasakah"), "hasakah");
    }
}
