//! Calendar dates known to a stated precision: a year, a month or a day.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How precisely a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DatePrecision {
    /// Only the year is known ("2014").
    Year,
    /// The year and the month are known ("2017-06").
    Month,
    /// The exact day is known ("2017-06-30").
    Day,
}

/// A date written as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
///
/// The written form is kept even when it names no real day (2017-02-30) so that
/// validation can report every such date at once; [`PartialDate::check`] says
/// whether the date exists. Dates order by year, then month, then day, a less
/// precise date coming before the more precise ones it contains.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    year: i16,
    /// 0 when only the year is known.
    month: u8,
    /// 0 when only the year or the month is known.
    day: u8,
    precision: DatePrecision,
}

/// The time axis: days since 1970-01-01, fractions allowed.
pub type DayNumber = f64;

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The English name of a month, 1 to 12.
pub fn month_name(month: u8) -> &'static str {
    usize::from(month)
        .checked_sub(1)
        .and_then(|at| MONTH_NAMES.get(at))
        .copied()
        .unwrap_or("?")
}

/// "Jan", "Feb"…; "?" for a month number that does not exist.
pub fn month_abbr(month: u8) -> &'static str {
    let name = month_name(month);
    name.get(..3).unwrap_or(name)
}

impl PartialDate {
    /// A year-precision date.
    pub fn year(year: i16) -> Self {
        Self {
            year,
            month: 0,
            day: 0,
            precision: DatePrecision::Year,
        }
    }

    /// A month-precision date (not checked: see [`PartialDate::check`]).
    pub fn month(year: i16, month: u8) -> Self {
        Self {
            year,
            month,
            day: 0,
            precision: DatePrecision::Month,
        }
    }

    /// A day-precision date (not checked: see [`PartialDate::check`]).
    pub fn day(year: i16, month: u8, day: u8) -> Self {
        Self {
            year,
            month,
            day,
            precision: DatePrecision::Day,
        }
    }

    /// The date's year.
    pub fn year_number(self) -> i16 {
        self.year
    }

    /// The month, 1 to 12, when known.
    pub fn month_number(self) -> Option<u8> {
        (self.precision >= DatePrecision::Month).then_some(self.month)
    }

    /// The day of the month when known.
    pub fn day_number(self) -> Option<u8> {
        (self.precision == DatePrecision::Day).then_some(self.day)
    }

    /// How precisely this date is known.
    pub fn precision(self) -> DatePrecision {
        self.precision
    }

    /// Checks that the date exists in the calendar.
    pub fn check(self) -> Result<(), String> {
        if !(1..=9999).contains(&self.year) {
            return Err(format!("year {} is outside 1 to 9999", self.year));
        }
        if self.precision == DatePrecision::Year {
            return Ok(());
        }
        if !(1..=12).contains(&self.month) {
            return Err(format!("month {} does not exist", self.month));
        }
        if self.precision == DatePrecision::Month {
            return Ok(());
        }
        if self.day == 0 {
            return Err("day 0 does not exist: days of the month start at 01".to_owned());
        }
        let i8_month = i8::try_from(self.month).unwrap_or(i8::MAX);
        let i8_day = i8::try_from(self.day).unwrap_or(i8::MAX);
        match jiff::civil::Date::new(self.year, i8_month, i8_day) {
            Ok(_) => Ok(()),
            Err(_) => Err(format!(
                "{} {} has only {} days",
                month_name(self.month),
                self.year,
                days_in_month(self.year, self.month)
            )),
        }
    }

    /// The first day this date covers, in days since 1970-01-01.
    pub fn start_day(self) -> i32 {
        days_from_civil(
            i32::from(self.year),
            self.month.max(1),
            self.day
                .clamp(1, days_in_month(self.year, self.month.clamp(1, 12))),
        )
    }

    /// The day after the last day this date covers, in days since 1970-01-01.
    pub fn end_day_exclusive(self) -> i32 {
        match self.precision() {
            DatePrecision::Day => self.start_day() + 1,
            DatePrecision::Month => {
                self.start_day() + i32::from(days_in_month(self.year, self.month.clamp(1, 12)))
            }
            DatePrecision::Year => days_from_civil(i32::from(self.year) + 1, 1, 1),
        }
    }

    /// The date as a reader would write it, as precise as it is known:
    /// "30 June 2017", "June 2017" or "2017".
    pub fn human(self) -> String {
        match self.precision() {
            DatePrecision::Day => {
                format!("{} {} {}", self.day, month_name(self.month), self.year)
            }
            DatePrecision::Month => format!("{} {}", month_name(self.month), self.year),
            DatePrecision::Year => format!("{}", self.year),
        }
    }

    /// The day-precision date that contains a day number.
    pub fn from_day_number(day: i32) -> Self {
        let (year, month, day) = civil_from_days(day);
        Self::day(
            i16::try_from(year).unwrap_or(if year < 0 { i16::MIN } else { i16::MAX }),
            month,
            day,
        )
    }
}

/// Whether `year` is a Gregorian leap year.
pub fn is_leap_year(year: i16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days in a month (1 to 12) of a year.
pub fn days_in_month(year: i16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 30,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub fn days_from_civil(year: i32, month: u8, day: u8) -> i32 {
    let month = i32::from(month);
    let day = i32::from(day);
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let shifted_month = (month + 9) % 12;
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The proleptic Gregorian date (year, month, day) of a day since 1970-01-01.
pub fn civil_from_days(days: i32) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i32::from(month <= 2);
    (
        year,
        u8::try_from(month).unwrap_or(1),
        u8::try_from(day).unwrap_or(1),
    )
}

/// Why a date string could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateSyntaxError(pub String);

impl fmt::Display for DateSyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DateSyntaxError {}

fn two_digits(part: &str, what: &str, text: &str) -> Result<u8, DateSyntaxError> {
    if part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit()) {
        part.parse()
            .map_err(|_| DateSyntaxError(format!("bad {what} in date {text:?}")))
    } else {
        Err(DateSyntaxError(format!(
            "date {text:?}: the {what} must be two digits (write \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\")"
        )))
    }
}

impl FromStr for PartialDate {
    type Err = DateSyntaxError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut parts = text.split('-');
        let year_part = parts.next().unwrap_or_default();
        if year_part.len() != 4 || !year_part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(DateSyntaxError(format!(
                "date {text:?} does not start with a four-digit year (write \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\")"
            )));
        }
        let year: i16 = year_part
            .parse()
            .map_err(|_| DateSyntaxError(format!("bad year in date {text:?}")))?;
        let month = match parts.next() {
            Some(part) => two_digits(part, "month", text)?,
            None => return Ok(Self::year(year)),
        };
        let day = match parts.next() {
            Some(part) if has_time(part) => {
                return Err(DateSyntaxError(format!(
                    "date {text:?} has a time after the day: dates in Frontline are days, months or years, without a time (write \"YYYY-MM-DD\")"
                )));
            }
            Some(part) => two_digits(part, "day", text)?,
            None => return Ok(Self::month(year, month)),
        };
        if parts.next().is_some() {
            return Err(DateSyntaxError(format!(
                "date {text:?} has too many parts (write \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\")"
            )));
        }
        Ok(Self::day(year, month, day))
    }
}

/// Whether a day part reads like "24T00:00" or "24 10:30": two digits, then a time.
fn has_time(day_part: &str) -> bool {
    let bytes = day_part.as_bytes();
    bytes.len() > 2
        && bytes[..2].iter().all(u8::is_ascii_digit)
        && matches!(bytes[2], b'T' | b't' | b' ')
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision() {
            DatePrecision::Year => write!(f, "{:04}", self.year),
            DatePrecision::Month => write!(f, "{:04}-{:02}", self.year, self.month),
            DatePrecision::Day => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl serde::de::Visitor<'_> for DateVisitor {
            type Value = PartialDate;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date string such as \"2017\", \"2017-06\" or \"2017-06-30\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<PartialDate, E> {
                v.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(DateVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_abbreviations_survive_months_that_do_not_exist() {
        assert_eq!(month_abbr(1), "Jan");
        assert_eq!(month_abbr(12), "Dec");
        assert_eq!(month_abbr(0), "?");
        assert_eq!(month_abbr(13), "?");
    }

    #[test]
    fn parses_each_precision() {
        let y: PartialDate = "2014".parse().unwrap();
        let m: PartialDate = "2017-06".parse().unwrap();
        let d: PartialDate = "2017-06-30".parse().unwrap();
        assert_eq!(y.precision(), DatePrecision::Year);
        assert_eq!(m.precision(), DatePrecision::Month);
        assert_eq!(d.precision(), DatePrecision::Day);
        assert_eq!(d.to_string(), "2017-06-30");
        assert_eq!(m.to_string(), "2017-06");
        assert_eq!(y.to_string(), "2014");
    }

    #[test]
    fn rejects_malformed_text() {
        for bad in [
            "",
            "17",
            "2017-6",
            "2017-06-3",
            "June 2017",
            "2017/06/30",
            "2017-06-30-1",
            "２０１７",
        ] {
            assert!(
                bad.parse::<PartialDate>().is_err(),
                "{bad:?} should not parse"
            );
        }
    }

    #[test]
    fn checks_the_calendar() {
        assert!("2016-02-29".parse::<PartialDate>().unwrap().check().is_ok());
        let err = "2017-02-30"
            .parse::<PartialDate>()
            .unwrap()
            .check()
            .unwrap_err();
        assert_eq!(err, "February 2017 has only 28 days");
        assert!("2017-13".parse::<PartialDate>().unwrap().check().is_err());
        assert!(
            "2017-00-10"
                .parse::<PartialDate>()
                .unwrap()
                .check()
                .is_err()
        );
        assert!("0000".parse::<PartialDate>().unwrap().check().is_err());
    }

    #[test]
    fn human_form_follows_precision() {
        assert_eq!(
            "2017-06-30".parse::<PartialDate>().unwrap().human(),
            "30 June 2017"
        );
        assert_eq!(
            "2017-06".parse::<PartialDate>().unwrap().human(),
            "June 2017"
        );
        assert_eq!("2014".parse::<PartialDate>().unwrap().human(), "2014");
    }

    #[test]
    fn day_numbers_match_the_calendar() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        let june = PartialDate::month(2017, 6);
        assert_eq!(june.end_day_exclusive() - june.start_day(), 30);
        let leap = PartialDate::year(2016);
        assert_eq!(leap.end_day_exclusive() - leap.start_day(), 366);
        for day in -800_000..800_000 {
            let (y, m, d) = civil_from_days(day);
            assert_eq!(days_from_civil(y, m, d), day);
        }
        let jiff_days = jiff::civil::date(2017, 6, 30)
            .since(jiff::civil::date(1970, 1, 1))
            .unwrap()
            .get_days();
        assert_eq!(PartialDate::day(2017, 6, 30).start_day(), jiff_days);
    }

    #[test]
    fn orders_by_time_then_precision() {
        let mut dates: Vec<PartialDate> =
            ["2017-06-30", "2017", "2016-12-31", "2017-06", "2017-01-01"]
                .iter()
                .map(|s| s.parse().unwrap())
                .collect();
        dates.sort();
        let written: Vec<String> = dates.iter().map(ToString::to_string).collect();
        assert_eq!(
            written,
            ["2016-12-31", "2017", "2017-01-01", "2017-06", "2017-06-30"]
        );
    }
}
