//! The checks of control series and their figures.

use super::*;

pub(super) fn check_series(dataset: &Dataset, known: &Known<'_>, problems: &mut Vec<Problem>) {
    // A series is known by what it measures; the same one written twice would be
    // drawn twice, on top of itself.
    let mut first_of: HashMap<(&str, &str, &str, String, bool), usize> = HashMap::new();
    for (index, series) in dataset.control.iter().enumerate() {
        let label = series.label(&series.actor);
        let record = || Record::Series {
            index,
            label: label.clone(),
        };
        let key = (
            series.actor.as_str(),
            series.source_org.as_str(),
            series.scope.as_str(),
            format!("{:?}", series.unit),
            series.measure == ControlMeasure::Held,
        );
        if let Some(&first) = first_of.get(&key) {
            problems.push(Problem::error(
                record(),
                format!(
                    "repeats series #{} (same actor, organisation, scope, unit and measure): put all its figures in one series",
                    first + 1
                ),
            ));
        } else {
            first_of.insert(key, index);
        }
        if !known.actors.contains(series.actor.as_str()) {
            problems.push(
                Problem::error(
                    record(),
                    format!("names actor {:?}, which is not in `actors`", series.actor),
                )
                .within(Within::field("actor")),
            );
        }
        if series.source_org.trim().is_empty() {
            problems.push(
                Problem::error(record(), "the source organisation is empty")
                    .within(Within::field("source_org")),
            );
        }
        if let ControlUnit::PercentOfArea { base_km2, .. } = &series.unit
            && (!base_km2.is_finite() || *base_km2 <= 0.0)
        {
            problems.push(
                Problem::error(
                    record(),
                    format!(
                        "base area {} km² must be a positive number",
                        number(*base_km2)
                    ),
                )
                .within(Within::field("unit")),
            );
        }
        if series.points.is_empty() {
            problems.push(Problem::warning(record(), "has no points"));
        }
        check_points(series, index, &label, known, problems);
    }
}

pub(super) fn check_points(
    series: &ControlSeries,
    series_index: usize,
    label: &str,
    known: &Known<'_>,
    problems: &mut Vec<Problem>,
) {
    let percent = !matches!(series.unit, ControlUnit::SquareKm);
    let mut previous: Option<PartialDate> = None;
    for (index, point) in series.points.iter().enumerate() {
        let record = || Record::Point {
            series: series_index,
            index,
            label: label.to_owned(),
        };
        let date_ok = check_date(point.date, "date", problems, &record, Within::field("date"));
        if let (true, Some(before)) = (date_ok, previous)
            && point.date > before
            && point.date.start_day() < before.end_day_exclusive()
        {
            problems.push(
                Problem::error(
                    record(),
                    format!(
                        "date {} falls within the previous point's date {before}: a figure's period must start after the previous one ends, or the plot would run backwards; give both at the same precision",
                        point.date
                    ),
                )
                .within(Within::field("date")),
            );
        } else if let (true, Some(before)) = (date_ok, previous)
            && point.date <= before
        {
            problems.push(
                Problem::error(
                    record(),
                    format!(
                        "date {} is not after the previous point's date {before}: points must be in date order, one per date",
                        point.date
                    ),
                )
                .within(Within::field("date")),
            );
        }
        if date_ok {
            previous = Some(point.date);
        }
        for (name, value) in [
            ("value", Some(point.value)),
            ("low", point.low),
            ("high", point.high),
        ] {
            let Some(value) = value else { continue };
            if !value.is_finite() {
                problems.push(
                    Problem::error(
                        record(),
                        format!("{name} {} is not a finite number", number(value)),
                    )
                    .within(Within::field(name)),
                );
            } else if value < 0.0 {
                problems.push(
                    Problem::error(record(), format!("{name} {} is negative", number(value)))
                        .within(Within::field(name)),
                );
            } else if percent && value > 100.0 {
                problems.push(
                    Problem::error(
                        record(),
                        format!("{name} {} is over 100 percent", number(value)),
                    )
                    .within(Within::field(name)),
                );
            }
        }
        if let Some(low) = point.low.filter(|v| v.is_finite())
            && low > point.value
        {
            problems.push(
                Problem::error(
                    record(),
                    format!(
                        "low {} is above the value {}",
                        number(low),
                        number(point.value)
                    ),
                )
                .within(Within::field("low")),
            );
        }
        if let Some(high) = point.high.filter(|v| v.is_finite())
            && high < point.value
        {
            problems.push(
                Problem::error(
                    record(),
                    format!(
                        "high {} is below the value {}",
                        number(high),
                        number(point.value)
                    ),
                )
                .within(Within::field("high")),
            );
        }
        check_cite(
            point.cite.read(),
            known,
            problems,
            &record,
            Within::field("cite"),
        );
    }
}
