//! Deaths per week or month for the events on show: the first chart anyone
//! with an ACLED or UCDP export draws. Sums come from a running total over the
//! events in date order, built once per version of the events on show, so a
//! frame pays two binary searches per bar whatever the number of events.

use crate::data::derived::index::EventOrder;
use crate::data::model::Dataset;
use crate::data::model::date::{DayNumber, civil_from_days, days_from_civil};

/// The running total of deaths (best estimates) over `order.chronological`:
/// `totals[i]` is the sum for the first `i` events.
pub fn running_totals(dataset: &Dataset, order: &EventOrder) -> Vec<u64> {
    let mut totals = Vec::with_capacity(order.chronological.len() + 1);
    let mut sum = 0u64;
    totals.push(0);
    for &event in &order.chronological {
        if let Some(deaths) = dataset
            .events
            .get(event as usize)
            .and_then(|e| e.fatalities())
        {
            sum += u64::from(deaths.best);
        }
        totals.push(sum);
    }
    totals
}

/// How long a bar is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// A week, Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
}

impl Period {
    /// The shortest period that gives at most `most` bars over `days`.
    pub fn fitting(days: f64, most: f64) -> Self {
        if days / 7.0 <= most {
            Self::Week
        } else if days / 30.44 <= most {
            Self::Month
        } else {
            Self::Year
        }
    }

    /// As a chart's title says it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Week => "week",
            Self::Month => "month",
            Self::Year => "year",
        }
    }

    /// The first day of the period holding `day`.
    fn start_of(self, day: i32) -> i32 {
        match self {
            // 1970-01-05 was a Monday.
            Self::Week => day - (day - 4).rem_euclid(7),
            Self::Month => {
                let (year, month, _) = civil_from_days(day);
                days_from_civil(year, month, 1)
            }
            Self::Year => {
                let (year, _, _) = civil_from_days(day);
                days_from_civil(year, 1, 1)
            }
        }
    }

    /// The first day of the next period after the one starting on `start`.
    fn next(self, start: i32) -> i32 {
        match self {
            Self::Week => start + 7,
            Self::Month => {
                let (year, month, _) = civil_from_days(start);
                if month == 12 {
                    days_from_civil(year + 1, 1, 1)
                } else {
                    days_from_civil(year, month + 1, 1)
                }
            }
            Self::Year => {
                let (year, _, _) = civil_from_days(start);
                days_from_civil(year + 1, 1, 1)
            }
        }
    }
}

/// One bar: a period and the deaths of the events starting in it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bar {
    /// First day of the period.
    pub start: DayNumber,
    /// First day after it.
    pub end: DayNumber,
    /// Deaths (best estimates) of the events starting in it.
    pub deaths: u64,
    /// How many events on show start in it, with or without deaths given.
    pub events: usize,
}

/// The bars covering `[from, to]`, at most `limit` of them.
pub fn bars(
    order: &EventOrder,
    totals: &[u64],
    period: Period,
    from: DayNumber,
    to: DayNumber,
    limit: usize,
) -> Vec<Bar> {
    let position = |day: f64| order.starts.before(day);
    let total_at = |day: f64| totals.get(position(day)).copied().unwrap_or(0);
    let mut out = Vec::new();
    let mut start = period.start_of(from.floor() as i32);
    while f64::from(start) <= to && out.len() < limit {
        let end = period.next(start);
        let deaths = total_at(f64::from(end)) - total_at(f64::from(start));
        out.push(Bar {
            start: f64::from(start),
            end: f64::from(end),
            deaths,
            events: position(f64::from(end)) - position(f64::from(start)),
        });
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_str;

    #[test]
    fn deaths_are_summed_by_the_period_their_event_starts_in() {
        let loaded = load_str(include_str!("../../../tests/data/small.ron")).expect("valid");
        let order = &loaded.index.order;
        let totals = running_totals(&loaded.dataset, order);
        assert_eq!(totals.last(), Some(&40));
        let from = f64::from(days_from_civil(2020, 2, 1));
        let to = f64::from(days_from_civil(2020, 4, 30));
        let months = bars(order, &totals, Period::Month, from, to, 100);
        let deaths: Vec<u64> = months.iter().map(|b| b.deaths).collect();
        assert_eq!(deaths, [0, 40, 0]);
        assert_eq!(months[1].start, f64::from(days_from_civil(2020, 3, 1)));
        let weeks = bars(order, &totals, Period::Week, from, to, 100);
        assert_eq!(weeks.iter().map(|b| b.deaths).sum::<u64>(), 40);
        // The siege began on Monday 2 March 2020: its week starts that day.
        let week = weeks.iter().find(|b| b.deaths == 40).expect("a week");
        assert_eq!(week.start, f64::from(days_from_civil(2020, 3, 2)));
    }

    #[test]
    fn the_period_fits_the_window() {
        assert_eq!(Period::fitting(70.0, 60.0), Period::Week);
        assert_eq!(Period::fitting(3000.0, 200.0), Period::Month);
        assert_eq!(Period::fitting(40_000.0, 200.0), Period::Year);
    }
}
