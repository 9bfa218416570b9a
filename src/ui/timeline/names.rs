//! Lane names that fit their column: what every lane shares is cut first, so
//! that what tells one lane from another stays in sight.

use egui::{Color32, FontId, Ui};

/// What lane names share, so that what tells a lane apart is the last to be
/// cut: among "Province N, Exampleland" the shared ", Exampleland" goes first,
/// and "Armed group 356" is shown "Armed…356" beside "Armed group 35".
pub(super) struct LaneNames {
    /// Every lane's name, sorted: a name shares its longest start with a neighbour.
    pub(super) sorted: Vec<String>,
    /// Bytes of whole words every name ends with.
    pub(super) suffix: usize,
}

impl LaneNames {
    /// What the lanes' names share; made once per set of lanes.
    pub(super) fn new<'a>(names: impl Iterator<Item = &'a str>) -> Self {
        let mut sorted: Vec<String> = names.map(str::to_owned).collect();
        sorted.sort_unstable();
        sorted.dedup();
        let suffix = match sorted.split_first() {
            Some((first, rest)) if !rest.is_empty() => {
                let same = rest
                    .iter()
                    .map(|name| common_suffix(first, name))
                    .min()
                    .unwrap_or(0);
                let tail = &first[first.len() - same..];
                // Whole words only: from the first break in the shared end.
                tail.find(|c: char| !c.is_alphanumeric())
                    .map_or(0, |at| tail.len() - at)
            }
            _ => 0,
        };
        Self { sorted, suffix }
    }

    /// Bytes of whole words `name` starts with that another lane's name starts
    /// with too.
    pub(super) fn shared_start(&self, name: &str) -> usize {
        let at = self.sorted.partition_point(|n| n.as_str() < name);
        let neighbours = [at.checked_sub(1), Some(at), Some(at + 1)];
        let same = neighbours
            .into_iter()
            .flatten()
            .filter_map(|i| self.sorted.get(i))
            .filter(|other| **other != name)
            .map(|other| common_prefix(name, other))
            .max()
            .unwrap_or(0);
        let head = &name[..same];
        head.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |at| {
            at + head[at..].chars().next().map_or(1, char::len_utf8)
        })
    }
}

/// Bytes `a` and `b` start with alike, on a character boundary.
pub(super) fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((at, _), _)| at)
}

/// Bytes `a` and `b` end with alike, on a character boundary.
pub(super) fn common_suffix(a: &str, b: &str) -> usize {
    let mut same = 0;
    for (x, y) in a.chars().rev().zip(b.chars().rev()) {
        if x != y {
            break;
        }
        same += x.len_utf8();
    }
    same
}

/// A lane name that fits `width`: whole; else without the words every lane
/// ends with; else its first word and what it does not share with another
/// lane's name ("Armed…356"), or that alone ("…356"); else its start and its
/// end around "…", so that "Government of Syria" and "Government of Iraq" stay
/// apart.
pub(super) fn fitting_name(
    ui: &Ui,
    name: &str,
    names: &LaneNames,
    font: &FontId,
    width: f32,
) -> String {
    let fits = |text: &str| {
        ui.fonts_mut(|f| {
            f.layout_no_wrap(text.to_owned(), font.clone(), Color32::PLACEHOLDER)
                .size()
                .x
        }) <= width
    };
    if fits(name) {
        return name.to_owned();
    }
    let own_end = name.len().saturating_sub(names.suffix);
    let own = if names.suffix > 0 && name.is_char_boundary(own_end) && own_end > 0 {
        let own = name[..own_end].trim_end();
        let candidate = format!("{own}…");
        if fits(&candidate) {
            return candidate;
        }
        own
    } else {
        name
    };
    let start = names.shared_start(name).min(own.len());
    if start > 0 && start < own.len() {
        let distinct = own[start..].trim_start();
        let first_word_end = own
            .find(|c: char| !c.is_alphanumeric())
            .filter(|&end| end > 0 && end < start);
        if let Some(end) = first_word_end {
            let candidate = format!("{}…{distinct}", &own[..end]);
            if fits(&candidate) {
                return candidate;
            }
        }
        let candidate = format!("…{distinct}");
        if fits(&candidate) {
            return candidate;
        }
    }
    let chars: Vec<char> = own.chars().collect();
    let (mut keep, mut too_many) = (0, chars.len());
    while keep + 1 < too_many {
        let middle = (keep + too_many) / 2;
        if fits(&elide_middle(&chars, middle)) {
            keep = middle;
        } else {
            too_many = middle;
        }
    }
    elide_middle(&chars, keep)
}

/// `keep` characters of `chars`: the first half and the last, joined by "…".
pub(super) fn elide_middle(chars: &[char], keep: usize) -> String {
    let head = keep.div_ceil(2);
    let tail = keep - head;
    chars[..head]
        .iter()
        .chain(std::iter::once(&'…'))
        .chain(&chars[chars.len() - tail..])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_lane_names_share_is_found_in_whole_words() {
        let regions = [
            "Province 1, Exampleland",
            "Province 12, Exampleland",
            "Province 3, Exampleland",
        ];
        let names = LaneNames::new(regions.into_iter());
        assert_eq!(
            &regions[1][regions[1].len() - names.suffix..],
            ", Exampleland"
        );
        assert_eq!(&regions[1][..names.shared_start(regions[1])], "Province ");
        let actors = [
            "Armed group 35",
            "Armed group 356",
            "Militia 29",
            "Politicians",
        ];
        let names = LaneNames::new(actors.into_iter());
        assert_eq!(names.suffix, 0);
        assert_eq!(names.shared_start("Armed group 356"), "Armed group ".len());
        assert_eq!(names.shared_start("Militia 29"), 0, "no other militia");
        // A shared start inside a word is no shared word.
        let names = LaneNames::new(["Political militias", "Politicians"].into_iter());
        assert_eq!(names.shared_start("Politicians"), 0);
    }

    #[test]
    fn a_lane_name_too_long_keeps_what_tells_it_apart() {
        let ctx = egui::Context::default();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let font = FontId::proportional(12.5);
            let fit = |all: &[&str], width: f32| -> Vec<String> {
                let names = LaneNames::new(all.iter().copied());
                all.iter()
                    .map(|name| fitting_name(ui, name, &names, &font, width))
                    .collect()
            };
            assert_eq!(
                fit(
                    &["Province 7 of Exampleland", "Province 12 of Exampleland"],
                    80.0
                ),
                ["Province 7…", "Province 12…"]
            );
            assert_eq!(
                fit(&["Armed group 356", "Armed group 35", "Militia 29"], 80.0),
                ["Armed…356", "Armed…35", "Militia 29"]
            );
        });
        output.textures_delta.clear();
    }

    #[test]
    fn names_cut_in_the_middle_keep_their_ends() {
        let chars: Vec<char> = "Government of Syria".chars().collect();
        assert_eq!(elide_middle(&chars, 10), "Gover…Syria");
        let other: Vec<char> = "Government of Iraq".chars().collect();
        assert_ne!(elide_middle(&chars, 9), elide_middle(&other, 9));
        assert_eq!(elide_middle(&chars, 0), "…");
    }
}
