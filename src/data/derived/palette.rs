//! Actor colours that stay readable and apart on a dark and on a light background.
//!
//! A dataset gives each actor a colour, and datasets pick them for print: near
//! black for one side, a mid grey for another. On a dark background near black
//! vanishes, and lifting it naively lands on the other actor's grey. So each
//! colour's lightness is moved into a band that reads on the background (near
//! black and near white are mirrored first), and an actor whose adjusted colour
//! is too close to an earlier actor's takes the first colour of a fixed
//! qualitative palette that is far enough from all of them, or failing that, a
//! hue turned until it is. Colours are worked out once per load for both themes.

/// Below this distance (see [`distance`]) two colours are taken for the same.
pub const MIN_DISTANCE: f32 = 70.0;

/// A qualitative palette: stand-ins for actors whose own colour clashes, and
/// colours for lanes that are not actors, in order of preference.
pub const FALLBACKS: [[u8; 3]; 10] = [
    [0x1f, 0x77, 0xb4],
    [0xd6, 0x27, 0x28],
    [0x2c, 0xa0, 0x2c],
    [0xff, 0x7f, 0x0e],
    [0x94, 0x67, 0xbd],
    [0x8c, 0x56, 0x4b],
    [0xe3, 0x77, 0xc2],
    [0x17, 0xbe, 0xcf],
    [0xbc, 0xbd, 0x22],
    [0x7f, 0x7f, 0x7f],
];

/// How many lanes apart two colours may repeat: more lanes than a screen shows.
const LANES_APART: usize = 24;
/// How many distinct lane colours there are before they repeat.
const LANE_COLORS: usize = 240;

/// The colour of the `rank`th lane that names no actor: the fallbacks first,
/// then each the farthest, among many hues and shades, from the
/// [`LANES_APART`] before it, so that the lanes on one screen are told apart
/// and a lane keeps its colour as the lanes scroll. Worked out once.
pub fn lane_color(rank: usize) -> [u8; 3] {
    static COLORS: std::sync::OnceLock<Vec<[u8; 3]>> = std::sync::OnceLock::new();
    let colors = COLORS.get_or_init(|| {
        let candidates: Vec<[u8; 3]> = (0..36)
            .flat_map(|h| {
                [(0.7, 0.45), (0.55, 0.6), (0.75, 0.35), (0.45, 0.5)]
                    .map(|(s, l)| from_hsl(h as f32 * 10.0, s, l))
            })
            .collect();
        let mut chosen: Vec<[u8; 3]> = FALLBACKS.to_vec();
        while chosen.len() < LANE_COLORS {
            let recent = &chosen[chosen.len().saturating_sub(LANES_APART)..];
            let farthest = candidates
                .iter()
                .copied()
                .max_by(|a, b| {
                    let nearest = |c: [u8; 3]| {
                        recent
                            .iter()
                            .map(|&r| distance(c, r))
                            .fold(f32::INFINITY, f32::min)
                    };
                    nearest(*a).total_cmp(&nearest(*b))
                })
                .unwrap_or(FALLBACKS[0]);
            chosen.push(farthest);
        }
        chosen
    });
    colors[rank % colors.len()]
}

/// The colours to draw `given` with on a dark (or light) background: readable,
/// and no two closer than [`MIN_DISTANCE`] as long as the palette allows.
pub fn readable_colors(given: &[[u8; 3]], dark: bool) -> Vec<[u8; 3]> {
    let mut chosen: Vec<[u8; 3]> = Vec::with_capacity(given.len());
    for &color in given {
        let far_enough = |c: [u8; 3], chosen: &[[u8; 3]]| {
            chosen
                .iter()
                .all(|&other| distance(c, other) >= MIN_DISTANCE)
        };
        let own = for_background(color, dark);
        let pick = if far_enough(own, &chosen) {
            own
        } else if let Some(stand_in) = FALLBACKS
            .iter()
            .map(|&c| for_background(c, dark))
            .find(|&c| far_enough(c, &chosen))
        {
            stand_in
        } else {
            // More actors than the palette holds: turn the hue by the golden angle
            // until the colour stands apart, or settle for the last try.
            let (h, s, l) = to_hsl(own);
            let mut turned = own;
            for step in 1..=36 {
                turned = from_hsl((h + 137.5 * step as f32) % 360.0, s.max(0.45), l);
                if far_enough(turned, &chosen) {
                    break;
                }
            }
            turned
        };
        chosen.push(pick);
    }
    chosen
}

/// The colour with its lightness moved into the band that reads on the
/// background, then, for bright hues such as yellow whose lightness says little,
/// moved on until its brightness stands apart from the background.
pub fn for_background(color: [u8; 3], dark: bool) -> [u8; 3] {
    let (h, s, l) = to_hsl(color);
    let mut lightness = if dark {
        let mirrored = if l < 0.3 { 1.0 - l } else { l };
        mirrored.clamp(0.5, 0.82)
    } else {
        let mirrored = if l > 0.75 { 1.0 - l } else { l };
        mirrored.clamp(0.2, 0.5)
    };
    let mut adjusted = from_hsl(h, s, lightness);
    for _ in 0..20 {
        let bright = luma(adjusted);
        let readable = if dark {
            bright >= 110.0
        } else {
            bright <= 140.0
        };
        if readable {
            break;
        }
        lightness = (lightness + if dark { 0.03 } else { -0.03 }).clamp(0.05, 0.95);
        adjusted = from_hsl(h, s, lightness);
    }
    adjusted
}

/// Perceived brightness, 0 to 255.
pub fn luma([r, g, b]: [u8; 3]) -> f32 {
    0.3 * f32::from(r) + 0.59 * f32::from(g) + 0.11 * f32::from(b)
}

/// How far apart two colours look: RGB distance weighted by the mean red, a
/// cheap approximation of perceived difference (0 to about 765).
pub fn distance(a: [u8; 3], b: [u8; 3]) -> f32 {
    let mean_red = (f32::from(a[0]) + f32::from(b[0])) / 2.0;
    let [dr, dg, db] = [0, 1, 2].map(|i| f32::from(a[i]) - f32::from(b[i]));
    ((2.0 + mean_red / 256.0) * dr * dr
        + 4.0 * dg * dg
        + (2.0 + (255.0 - mean_red) / 256.0) * db * db)
        .sqrt()
}

fn to_hsl([r, g, b]: [u8; 3]) -> (f32, f32, f32) {
    let [r, g, b] = [r, g, b].map(|c| f32::from(c) / 255.0);
    let max = r.max(g).max(b);
    let min = r.min(g).min(b);
    let l = (max + min) / 2.0;
    let d = max - min;
    if d < 1e-6 {
        return (0.0, 0.0, l);
    }
    let s = d / (1.0 - (2.0 * l - 1.0).abs());
    let h = if max == r {
        60.0 * (((g - b) / d).rem_euclid(6.0))
    } else if max == g {
        60.0 * ((b - r) / d + 2.0)
    } else {
        60.0 * ((r - g) / d + 4.0)
    };
    (h, s.clamp(0.0, 1.0), l)
}

fn from_hsl(h: f32, s: f32, l: f32) -> [u8; 3] {
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let x = c * (1.0 - ((h / 60.0).rem_euclid(2.0) - 1.0).abs());
    let m = l - c / 2.0;
    let (r, g, b) = match (h.rem_euclid(360.0) / 60.0) as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    [r, g, b].map(|v| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_black_and_grey_stay_apart_on_a_dark_background() {
        let given = [[0x1b, 0x1b, 0x1b], [0x75, 0x75, 0x75]];
        for dark in [true, false] {
            let colors = readable_colors(&given, dark);
            assert!(distance(colors[0], colors[1]) >= MIN_DISTANCE, "{colors:?}");
        }
    }

    #[test]
    fn colours_are_light_on_dark_and_dark_on_light() {
        let luma =
            |[r, g, b]: [u8; 3]| 0.3 * f32::from(r) + 0.59 * f32::from(g) + 0.11 * f32::from(b);
        for color in [
            [0, 0, 0],
            [255, 255, 255],
            [0x1b, 0x1b, 0x1b],
            [0xf9, 0xa8, 0x25],
        ] {
            assert!(luma(for_background(color, true)) >= 110.0, "{color:?}");
            assert!(luma(for_background(color, false)) <= 140.0, "{color:?}");
        }
    }

    #[test]
    fn many_actors_with_one_colour_all_differ() {
        let given = vec![[0x80, 0x20, 0x20]; 14];
        for dark in [true, false] {
            let colors = readable_colors(&given, dark);
            for (i, a) in colors.iter().enumerate() {
                for b in &colors[..i] {
                    assert!(distance(*a, *b) > 20.0, "{colors:?}");
                }
            }
        }
    }

    #[test]
    fn lanes_without_an_actor_keep_distinct_colours_past_the_fallbacks() {
        // Any lanes near enough to share a screen are told apart.
        for first in 0..200 {
            let window: Vec<[u8; 3]> = (first..first + LANES_APART).map(lane_color).collect();
            for (i, a) in window.iter().enumerate() {
                for b in &window[i + 1..] {
                    assert!(
                        distance(*a, *b) > 60.0,
                        "lanes from {first}: {a:?} and {b:?} look alike"
                    );
                }
            }
        }
    }

    #[test]
    fn hsl_round_trips() {
        for color in [
            [0x1b, 0x1b, 0x1b],
            [0xc6, 0x28, 0x28],
            [0x00, 0x83, 0x8f],
            [255, 255, 255],
        ] {
            let (h, s, l) = to_hsl(color);
            let back = from_hsl(h, s, l);
            for i in 0..3 {
                assert!(back[i].abs_diff(color[i]) <= 1, "{color:?} -> {back:?}");
            }
        }
    }
}
