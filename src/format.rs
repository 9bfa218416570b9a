//! Text for people, with no egui: numbers with their units, a figure's wording,
//! plurals, dates and ranges, the one-line summary of a dataset. The command line
//! and every panel say things the same way because they all say them from here.

use std::borrow::Cow;

use crate::data::import::ImportSummary;
use crate::data::import::geojson::GeojsonSummary;
use crate::data::span::{Edge, FigureAsOf, Finding, SeriesChange, TimeSpan};
use crate::data::{
    ControlPoint, ControlSeries, ControlUnit, DayNumber, EventRef, Fatalities, LoadedDataset,
    PartialDate, PlotAxis, Plotting,
};

/// The most characters of a one-line text (a title in a list, a label, a legend
/// entry) that are laid out; the rest is cut before layout, so that a huge text
/// in a file cannot freeze the window.
pub const LINE_CHARS: usize = 300;
/// The most characters of a paragraph in the detail panel that are laid out.
pub const BLOCK_CHARS: usize = 20_000;

/// `text` cut to at most `max_chars` characters, with "…" where it was cut.
pub fn clip(text: &str, max_chars: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max_chars) {
        Some((at, _)) => Cow::Owned(format!("{}…", text.get(..at).unwrap_or_default())),
        None => Cow::Borrowed(text),
    }
}

/// A one-line text cut to [`LINE_CHARS`].
pub fn line(text: &str) -> Cow<'_, str> {
    clip(text, LINE_CHARS)
}

/// A paragraph cut to [`BLOCK_CHARS`], saying how long it was when cut.
pub fn block(text: &str) -> Cow<'_, str> {
    match clip(text, BLOCK_CHARS) {
        Cow::Owned(cut) => Cow::Owned(format!(
            "{cut} (cut here: the text has {} characters)",
            square_km(text.chars().count() as f64)
        )),
        whole => whole,
    }
}

/// "90,800": whole km² with thousands separators.
pub fn square_km(value: f64) -> String {
    let rounded = value.round() as i64;
    let digits = rounded.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if rounded < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "45.1": a percentage with at most two decimals and no trailing zeros.
pub fn percent(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// A value as its axis shows it: km² or percent, without the unit.
pub fn axis_value(value: f64, axis: PlotAxis) -> String {
    if axis.is_percent() {
        percent(value)
    } else {
        square_km(value)
    }
}

/// "3 events", "1 event"; "series" stays as it is.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 || word.ends_with("series") {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// "ACLED export: 1,204 rows, 1,201 events, 37 actors, 12 sources; 3 bad rows
/// left out; columns not kept: …".
pub fn import_summary(summary: &ImportSummary, bad_rows: usize) -> String {
    let mut text = format!(
        "{} export: {} rows, {} events, {} actors, {} sources",
        summary.layout.name(),
        summary.rows,
        summary.events,
        summary.actors,
        summary.sources
    );
    if summary.files > 1 {
        text.push_str(&format!(" from {} files", summary.files));
    }
    if summary.filtered_out > 0 {
        text.push_str(&format!(
            "; {} left out by the row filter",
            summary.filtered_out
        ));
    }
    if bad_rows > 0 {
        text.push_str(&format!("; {bad_rows} bad rows"));
    }
    if !summary.had_header {
        text.push_str("; no header row (the published column order was assumed)");
    }
    if !summary.not_kept.is_empty() {
        text.push_str(&format!(
            "; columns not kept: {}",
            crate::data::import::columns_listed(&summary.not_kept)
        ));
    }
    text
}

/// What a GeoJSON import did, in one line: "3 snapshots from 3 files (41 polygon features; 2 identical to the day
/// before, stored once; 412 Point features left out)".
pub fn geojson_summary(summary: &GeojsonSummary) -> String {
    let mut line = format!(
        "{} from {} ({})",
        plural(summary.snapshots, "snapshot"),
        plural(summary.files, "file"),
        plural(summary.polygon_features, "polygon feature"),
    );
    let mut notes = Vec::new();
    if summary.identical > 0 {
        notes.push(format!(
            "{} identical to the one before, stored once",
            plural(summary.identical, "snapshot")
        ));
    }
    for (why, n) in &summary.left_out {
        notes.push(match why.strip_prefix("--where ") {
            Some(condition) => format!(
                "{} left out by --where (failing {condition})",
                plural(*n, "feature")
            ),
            None => format!("{n} left out as {why}"),
        });
    }
    if !summary.empty_files.is_empty() {
        notes.push(format!(
            "{} kept nothing",
            plural(summary.empty_files.len(), "file")
        ));
    }
    for (kind, n) in &summary.other_geometries {
        notes.push(if kind == "no geometry" {
            format!("{} without a geometry left out", plural(*n, "feature"))
        } else {
            format!("{} left out", plural(*n, &format!("{kind} feature")))
        });
    }
    if summary.rings_closed > 0 {
        notes.push(format!(
            "{} closed",
            plural(summary.rings_closed, "open ring")
        ));
    }
    for note in notes {
        line.push_str("; ");
        line.push_str(&note);
    }
    line
}

/// The description of a dataset imported from GeoJSON: "Imported from
/// GeoJSON: 3 snapshots from 3 files (…)."
pub fn geojson_description(summary: &GeojsonSummary) -> String {
    format!("Imported from GeoJSON: {}.", geojson_summary(summary))
}

/// "50 events, 18 series (58 points), 72 sources, 11 actors, 2014-01 to 2019-10-27".
pub fn summary(loaded: &LoadedDataset) -> String {
    let dataset = &loaded.dataset;
    let span = match loaded.index.date_span {
        Some((first, last)) => format!(", {first} to {last}"),
        None => String::new(),
    };
    let warnings = if loaded.warnings.is_empty() {
        String::new()
    } else {
        format!(", {}", plural(loaded.warnings.len(), "warning"))
    };
    format!(
        "{}, {} ({}), {}, {}{span}{warnings}",
        plural(dataset.events.len(), "event"),
        plural(dataset.control.len(), "series"),
        plural(loaded.index.point_count, "point"),
        plural(dataset.sources.len(), "source"),
        plural(dataset.actors.len(), "actor"),
    )
}

/// "2014-01-01 to 2019-12-31": a span of days at day precision.
pub fn day_range(start: DayNumber, end: DayNumber) -> String {
    let day = |d: DayNumber| PartialDate::from_day_number(d.floor() as i32);
    format!("{} to {}", day(start), day(end))
}

/// "1 January 2017": a day on the time axis.
pub fn day(day: DayNumber) -> String {
    PartialDate::from_day_number(day.floor() as i32).human()
}

/// "1 January 2017 to 30 June 2017": a span, its end exclusive.
pub fn span(span: TimeSpan) -> String {
    let last = (span.end - 1.0).max(span.start);
    format!("{} to {}", day(span.start), day(last))
}

/// The day an edge of `span` stands for: its first day, or its last.
pub fn edge_day(span: TimeSpan, edge: Edge) -> DayNumber {
    match edge {
        Edge::Start => span.start,
        Edge::End => (span.end - 1.0).max(span.start),
    }
}

/// What is known of a series over a span whose change cannot be given: "no IHS
/// Markit figure between December 2016 and 14 June 2017; the next is 26 June
/// 2017". `None` when the change is known.
pub fn unknown_change(series: &ControlSeries, span: TimeSpan, finding: Finding) -> Option<String> {
    match finding {
        Finding::Known => None,
        Finding::NoFigure => Some(format!(
            "no change can be given: {} reported no figure by the {}",
            line(&series.source_org),
            if series
                .points
                .first()
                .is_some_and(|p| f64::from(p.date.start_day()) <= edge_day(span, Edge::End))
            {
                "span's start"
            } else {
                "span's end"
            }
        )),
        Finding::Gap { edge, last, next } => {
            let date = |point: usize| {
                series
                    .points
                    .get(point)
                    .map_or_else(|| "?".to_owned(), |p| p.date.human())
            };
            let next = match next {
                Some(next) => format!("the next is {}", date(next)),
                None => "none later".to_owned(),
            };
            Some(format!(
                "no change can be given: no {} figure between {} and {}; {next}",
                line(&series.source_org),
                date(last),
                day(edge_day(span, edge)),
            ))
        }
    }
}

/// A figure as of an edge of a span: "60,400 km² held (as of December 2016)",
/// flagged when much older than the edge.
pub fn figure_as_of(series: &ControlSeries, figure: FigureAsOf) -> String {
    let Some(point) = series.points.get(figure.point) else {
        return "no figure".to_owned();
    };
    let stale = if figure.is_stale() {
        format!(", {} days before", square_km(figure.age_days))
    } else {
        String::new()
    };
    format!(
        "{} (as of {}{stale})",
        self::figure(series, point),
        point.date.human()
    )
}

/// "−24,200 km² (−40%)": how a series changed over a span, in its own unit, in
/// km² where it converts, and relative to where it began.
pub fn change(series: &ControlSeries, change: &SeriesChange) -> Option<String> {
    let signed = |text: String, value: f64| {
        if value > 0.0 {
            format!("+{text}")
        } else if value < 0.0 {
            format!("−{}", text.trim_start_matches('-'))
        } else {
            text
        }
    };
    let in_unit = change.change(series)?;
    let plotting = Plotting::of(&series.unit, series.measure);
    let lost = matches!(
        plotting,
        Plotting::SquareKmLost
            | Plotting::PercentOfAreaLost { .. }
            | Plotting::PercentOfReferenceLost
    );
    let measure = if lost { " lost" } else { "" };
    let own = match series.unit {
        ControlUnit::SquareKm => format!("{} km²{measure}", signed(square_km(in_unit), in_unit)),
        _ => format!("{} points{measure}", signed(percent(in_unit), in_unit)),
    };
    let mut parts = vec![own];
    if !matches!(series.unit, ControlUnit::SquareKm)
        && let Some(km2) = change.change_km2(series)
    {
        parts.push(format!("{} km² held", signed(square_km(km2), km2)));
    }
    if let Some(relative) = change.change_percent(series) {
        // Relative to what is plotted: the area or share held, or km² lost.
        let of = if plotting.is_converted() && plotting.axis() != PlotAxis::SquareKmLost {
            " held"
        } else {
            ""
        };
        parts.push(format!(
            "{}%{of}",
            signed(format!("{relative:.0}"), relative)
        ));
    }
    let first = parts.remove(0);
    Some(if parts.is_empty() {
        first
    } else {
        format!("{first} ({})", parts.join(", "))
    })
}

/// "30 June 2017", or "29 June 2017 – 30 June 2017" for an event with an end.
pub fn event_dates(event: EventRef<'_>) -> String {
    match event.end() {
        Some(end) => format!("{} – {}", event.date().human(), end.human()),
        None => event.date().human(),
    }
}

/// The figure as the source gave it: "36,200 km² held", "22.1% of Syria held",
/// "87% lost", with its range when the source gave one.
pub fn figure(series: &ControlSeries, point: &ControlPoint) -> String {
    let is_percent = !matches!(series.unit, ControlUnit::SquareKm);
    let number = |v: f64| if is_percent { percent(v) } else { square_km(v) };
    let unit = match &series.unit {
        ControlUnit::SquareKm => " km²".to_owned(),
        ControlUnit::PercentOfArea { base, .. } => format!("% of {base}"),
        ControlUnit::PercentOfReference { .. } => "%".to_owned(),
    };
    let measure = match Plotting::of(&series.unit, series.measure) {
        Plotting::SquareKmLost
        | Plotting::PercentOfAreaLost { .. }
        | Plotting::PercentOfReferenceLost => "lost",
        _ => "held",
    };
    let range = match (point.low, point.high) {
        (None, None) => String::new(),
        (low, high) => {
            let bound = |v: Option<f64>| v.map_or_else(|| "?".to_owned(), number);
            format!(" (range {} to {})", bound(low), bound(high))
        }
    };
    format!("{}{unit} {measure}{range}", number(point.value))
}

/// How a figure is shown in the plot when that differs from how it was given:
/// "Plotted as 40,925 km² held (22.1% × 185,180 km² for Syria)".
pub fn conversion(series: &ControlSeries, point: &ControlPoint) -> Option<String> {
    let plotting = Plotting::of(&series.unit, series.measure);
    let base = match &series.unit {
        ControlUnit::PercentOfArea { base, .. } | ControlUnit::PercentOfReference { base } => {
            base.as_str()
        }
        ControlUnit::SquareKm => "",
    };
    let share = plotting.share_held(point.value).unwrap_or(point.value);
    match plotting {
        Plotting::PercentOfAreaHeld { base_km2 } | Plotting::PercentOfAreaLost { base_km2 } => {
            Some(format!(
                "Plotted as {} km² held ({}% × {} km² for {base})",
                square_km(plotting.convert(point.value)),
                percent(share),
                square_km(base_km2)
            ))
        }
        Plotting::PercentOfReferenceLost => Some(format!(
            "Plotted as {}% held (100 − lost), of {base}",
            percent(share)
        )),
        Plotting::PercentOfReferenceHeld => Some(format!("Percent of {base}")),
        Plotting::SquareKmLost => Some("Plotted on the area-lost axis".to_owned()),
        Plotting::SquareKmHeld => None,
    }
}

/// What a series' plotted values are, for its legend entry: "km²",
/// "% of Syria, shown in km²", "% lost, shown as held".
pub fn plotted_unit(series: &ControlSeries) -> String {
    match (Plotting::of(&series.unit, series.measure), &series.unit) {
        (Plotting::SquareKmHeld, _) => "km²".to_owned(),
        (Plotting::SquareKmLost, _) => "km² lost".to_owned(),
        (Plotting::PercentOfAreaHeld { .. }, ControlUnit::PercentOfArea { base, .. }) => {
            format!("% of {base}, shown in km²")
        }
        (Plotting::PercentOfAreaLost { .. }, ControlUnit::PercentOfArea { base, .. }) => {
            format!("% of {base} lost, shown as km² held")
        }
        (Plotting::PercentOfReferenceLost, _) => "% lost, shown as held".to_owned(),
        _ => "%".to_owned(),
    }
}

/// "1,204": a whole number with thousands separators.
pub fn count(n: u32) -> String {
    square_km(f64::from(n))
}

/// "12 (range 10 to 15)": a best estimate of deaths with its range.
pub fn fatalities(deaths: &Fatalities) -> String {
    match (deaths.low, deaths.high) {
        (None, None) => count(deaths.best),
        (low, high) => {
            let bound = |v: Option<u32>| v.map_or_else(|| "?".to_owned(), count);
            format!(
                "{} (range {} to {})",
                count(deaths.best),
                bound(low),
                bound(high)
            )
        }
    }
}

/// "side A 3 · side B 5 · civilians 4 · unknown 0", when any is given.
pub fn fatalities_by_side(deaths: &Fatalities) -> Option<String> {
    let parts: Vec<String> = [
        ("side A", deaths.side_a),
        ("side B", deaths.side_b),
        ("civilians", deaths.civilians),
        ("unknown", deaths.unknown),
    ]
    .into_iter()
    .filter_map(|(label, n)| n.map(|n| format!("{label} {n}")))
    .collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// A series' legend entry: "IS · IHS Markit · Syria and Iraq (km²)".
pub fn series_name(series: &ControlSeries, actor_short: &str) -> String {
    format!("{} ({})", series.label(actor_short), plotted_unit(series))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn square_km_has_thousands_separators() {
        assert_eq!(square_km(90_800.0), "90,800");
        assert_eq!(square_km(-1_234_567.4), "-1,234,567");
        assert_eq!(square_km(999.0), "999");
    }

    #[test]
    fn percent_drops_trailing_zeros() {
        assert_eq!(percent(22.10), "22.1");
        assert_eq!(percent(40.0), "40");
    }

    #[test]
    fn clip_cuts_long_texts_at_a_character_boundary() {
        assert_eq!(clip("Bāghūz", 3), "Bāg…");
        assert_eq!(clip("Raqqa", 5), "Raqqa");
        let huge = "é".repeat(1_000_000);
        assert_eq!(line(&huge).chars().count(), LINE_CHARS + 1);
        assert!(block(&huge).ends_with("(cut here: the text has 1,000,000 characters)"));
    }

    #[test]
    fn plural_counts_one_and_many() {
        assert_eq!(plural(1, "event"), "1 event");
        assert_eq!(plural(3, "error"), "3 errors");
        assert_eq!(plural(0, "series"), "0 series");
    }
}
