//! Which events repeat an id an earlier event has, found without a hash table
//! as large as the dataset.
//!
//! A table of ten million ids is 400 MB probed at random: a cache miss, and
//! often a fresh page, for every event, which made validation grow half again
//! faster than the file. Here each id's hash goes, with its event's index,
//! into one of many partitions chosen by the hash's top bits (two passes in
//! file order, 8 bytes an event); each partition is small enough to sort in
//! the cache, and only ids whose hashes agree are compared as text.

use std::hash::BuildHasher;

/// Ids a partition holds on average: its keys fit in a core's own cache.
const PER_PARTITION: usize = 8192;
/// At most this many partitions, so that the scatter writes to few enough
/// places at once to keep them in the cache.
const MOST_PARTITIONS: usize = 1024;

/// Each event whose id an earlier event has, in file order, with the first
/// event that has it: `(later, first)`. `id` gives the id of each of `count`
/// events; blank ids are left out (they are a problem of their own).
pub(super) fn repeated_ids<'a>(count: usize, id: impl Fn(usize) -> &'a str) -> Vec<(usize, usize)> {
    let hasher = foldhash::fast::RandomState::default();
    let partitions = count.div_ceil(PER_PARTITION).clamp(1, MOST_PARTITIONS);
    // The top half of a hash picks the partition (multiplied down to its range,
    // so any number of partitions is even); the bottom half is kept beside
    // the event's index, to be sorted on.
    let hash_of = |event: usize| -> Option<(usize, u64)> {
        let text = id(event);
        if text.trim().is_empty() {
            return None;
        }
        let hash = hasher.hash_one(text);
        let partition = (((hash >> 32) * partitions as u64) >> 32) as usize;
        Some((partition, (hash << 32) | event as u64))
    };

    let mut starts = vec![0usize; partitions + 1];
    for event in 0..count {
        if let Some((partition, _)) = hash_of(event) {
            starts[partition + 1] += 1;
        }
    }
    for p in 0..partitions {
        starts[p + 1] += starts[p];
    }
    let mut keys = vec![0u64; starts[partitions]];
    let mut next = starts.clone();
    for event in 0..count {
        if let Some((partition, key)) = hash_of(event) {
            keys[next[partition]] = key;
            next[partition] += 1;
        }
    }

    let mut repeats = Vec::new();
    for bounds in starts.windows(2) {
        let partition = &mut keys[bounds[0]..bounds[1]];
        partition.sort_unstable();
        for run in partition.chunk_by(|a, b| a >> 32 == b >> 32) {
            if run.len() > 1 {
                same_text(run, &id, &mut repeats);
            }
        }
    }
    repeats.sort_unstable();
    repeats
}

/// Among events whose hashes agree (`run`, keys in index order), those whose
/// ids are the same text as an earlier one's, with the first of them. Sorting
/// by text keeps a file of one id repeated a million times from comparing
/// every pair.
fn same_text<'a>(run: &[u64], id: &impl Fn(usize) -> &'a str, repeats: &mut Vec<(usize, usize)>) {
    let mut by_text: Vec<(&str, usize)> = run
        .iter()
        .map(|&key| {
            let event = (key & u64::from(u32::MAX)) as usize;
            (id(event), event)
        })
        .collect();
    by_text.sort_unstable();
    for same in by_text.chunk_by(|a, b| a.0 == b.0) {
        if let Some((&(_, first), later)) = same.split_first() {
            repeats.extend(later.iter().map(|&(_, event)| (event, first)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same answer a map from id to first index gives, one event at a time.
    fn one_at_a_time(ids: &[String]) -> Vec<(usize, usize)> {
        let mut first = std::collections::HashMap::new();
        let mut repeats = Vec::new();
        for (event, id) in ids.iter().enumerate() {
            if id.trim().is_empty() {
                continue;
            }
            match first.get(id.as_str()) {
                Some(&earlier) => repeats.push((event, earlier)),
                None => {
                    first.insert(id.as_str(), event);
                }
            }
        }
        repeats
    }

    fn check(ids: &[String]) {
        let found = repeated_ids(ids.len(), |e| ids[e].as_str());
        assert_eq!(
            found,
            one_at_a_time(ids),
            "ids {:?}",
            &ids[..ids.len().min(20)]
        );
    }

    #[test]
    fn repeated_ids_are_found_with_their_first_event_in_file_order() {
        let ids: Vec<String> = ["a", "b", "a", "", "c", "b", "a", " ", "", "c"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        assert_eq!(
            repeated_ids(ids.len(), |e| ids[e].as_str()),
            vec![(2, 0), (5, 1), (6, 0), (9, 4)]
        );
        check(&ids);
    }

    #[test]
    fn many_partitions_find_the_same_repeats_as_one_map() {
        // Enough ids for many partitions; every seventh repeats one from far back.
        let ids: Vec<String> = (0..100_000usize)
            .map(|e| {
                if e % 7 == 3 {
                    format!("e{}", (e * 31) % 5000)
                } else {
                    format!("e{e}")
                }
            })
            .collect();
        check(&ids);
        assert!(!one_at_a_time(&ids).is_empty());
    }

    #[test]
    fn one_id_given_to_every_event_is_found_without_comparing_every_pair() {
        let ids = vec!["same".to_owned(); 200_000];
        let found = repeated_ids(ids.len(), |e| ids[e].as_str());
        assert_eq!(found.len(), ids.len() - 1);
        assert!(found.iter().all(|&(_, first)| first == 0));
        assert_eq!(found.first(), Some(&(1, 0)));
    }

    #[test]
    fn ids_whose_hashes_agree_are_told_apart_by_their_text() {
        // A run of events whose hashes agree, as if they had collided.
        let ids = ["x", "y", "x", "z", "y", "x"];
        let run: Vec<u64> = (0..ids.len() as u64).map(|e| (7 << 32) | e).collect();
        let mut repeats = Vec::new();
        same_text(&run, &|e: usize| ids[e], &mut repeats);
        repeats.sort_unstable();
        assert_eq!(repeats, vec![(2, 0), (4, 1), (5, 0)]);
    }

    #[test]
    fn no_events_and_no_ids_repeat_nothing() {
        assert!(repeated_ids(0, |_| "").is_empty());
        let blanks = vec![String::new(); 10];
        check(&blanks);
    }
}
