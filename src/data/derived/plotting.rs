//! What a series' unit and measure mean once plotted, said in one place: on which
//! axis its figures go and how each value is converted on the way. The index, the
//! plot and every text that explains a figure ("plotted as 36,200 km² held…") read
//! it from here, so that the conversion and its wording cannot drift apart.

use crate::data::model::{ControlMeasure, ControlUnit};

/// What the reader chose for one plot, as the plot uses it and a saved view
/// keeps it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename = "PlotSettings", default, deny_unknown_fields)]
pub struct PlotSettings {
    /// Steps (each figure holds until the next) instead of straight lines.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub steps: bool,
    /// The value axis spans the whole dataset instead of fitting the view.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub whole_range: bool,
    /// A plot below the main one, opened (the main plot is always open).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub open: bool,
    /// The legend folded to one line.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub legend_folded: bool,
}

/// The vertical axes Frontline plots on.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum PlotAxis {
    /// km², directly or converted from a percentage of a stated area.
    SquareKm,
    /// Percent of a reference with no stated area, shown as the share held.
    PercentHeld,
    /// km² lost, for figures given only as ground lost with no area to subtract from.
    SquareKmLost,
}

impl PlotAxis {
    /// Every axis, in the order the plots are stacked.
    pub const ALL: [Self; 3] = [Self::SquareKm, Self::PercentHeld, Self::SquareKmLost];

    /// The plot's heading, with its unit.
    pub fn title(self) -> &'static str {
        match self {
            Self::SquareKm => "Area held (km²)",
            Self::PercentHeld => "Share held of a reference extent (%)",
            Self::SquareKmLost => "Area lost (km²)",
        }
    }

    /// Whether values on this axis are percentages (else km²).
    pub fn is_percent(self) -> bool {
        self == Self::PercentHeld
    }
}

/// How the figures of a series with a given unit and measure are plotted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Plotting {
    /// km² held, plotted as given.
    SquareKmHeld,
    /// km² lost, plotted as given on the area-lost axis.
    SquareKmLost,
    /// Percent of a stated area held, plotted as km² held.
    PercentOfAreaHeld {
        /// The stated area in km².
        base_km2: f64,
    },
    /// Percent of a stated area lost, plotted as km² held (100 − lost).
    PercentOfAreaLost {
        /// The stated area in km².
        base_km2: f64,
    },
    /// Percent of a reference held, plotted as given.
    PercentOfReferenceHeld,
    /// Percent of a reference lost, plotted as the share held (100 − lost).
    PercentOfReferenceLost,
}

impl Plotting {
    /// The plotting of a series with this unit and measure.
    pub fn of(unit: &ControlUnit, measure: ControlMeasure) -> Self {
        match (unit, measure) {
            (ControlUnit::SquareKm, ControlMeasure::Held) => Self::SquareKmHeld,
            (ControlUnit::SquareKm, ControlMeasure::Lost) => Self::SquareKmLost,
            (ControlUnit::PercentOfArea { base_km2, .. }, ControlMeasure::Held) => {
                Self::PercentOfAreaHeld {
                    base_km2: *base_km2,
                }
            }
            (ControlUnit::PercentOfArea { base_km2, .. }, ControlMeasure::Lost) => {
                Self::PercentOfAreaLost {
                    base_km2: *base_km2,
                }
            }
            (ControlUnit::PercentOfReference { .. }, ControlMeasure::Held) => {
                Self::PercentOfReferenceHeld
            }
            (ControlUnit::PercentOfReference { .. }, ControlMeasure::Lost) => {
                Self::PercentOfReferenceLost
            }
        }
    }

    /// The axis these figures are plotted on.
    pub fn axis(self) -> PlotAxis {
        match self {
            Self::SquareKmHeld
            | Self::PercentOfAreaHeld { .. }
            | Self::PercentOfAreaLost { .. } => PlotAxis::SquareKm,
            Self::SquareKmLost => PlotAxis::SquareKmLost,
            Self::PercentOfReferenceHeld | Self::PercentOfReferenceLost => PlotAxis::PercentHeld,
        }
    }

    /// For a percentage, the share held it stands for (a loss counts from 100).
    pub fn share_held(self, value: f64) -> Option<f64> {
        match self {
            Self::PercentOfAreaHeld { .. } | Self::PercentOfReferenceHeld => Some(value),
            Self::PercentOfAreaLost { .. } | Self::PercentOfReferenceLost => Some(100.0 - value),
            Self::SquareKmHeld | Self::SquareKmLost => None,
        }
    }

    /// A figure as given, converted to the value drawn on [`Plotting::axis`].
    pub fn convert(self, value: f64) -> f64 {
        match self {
            Self::SquareKmHeld | Self::SquareKmLost => value,
            Self::PercentOfAreaHeld { base_km2 } | Self::PercentOfAreaLost { base_km2 } => {
                self.share_held(value).unwrap_or(value) * base_km2 / 100.0
            }
            Self::PercentOfReferenceHeld | Self::PercentOfReferenceLost => {
                self.share_held(value).unwrap_or(value)
            }
        }
    }

    /// Whether the plotted value differs from the figure as given.
    pub fn is_converted(self) -> bool {
        !matches!(self, Self::SquareKmHeld | Self::PercentOfReferenceHeld)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_of_an_area_is_plotted_as_square_km_held() {
        let unit = ControlUnit::PercentOfArea {
            base: "Syria".to_owned(),
            base_km2: 200_000.0,
        };
        let held = Plotting::of(&unit, ControlMeasure::Held);
        assert_eq!(held.axis(), PlotAxis::SquareKm);
        assert_eq!(held.convert(10.0), 20_000.0);
        let lost = Plotting::of(&unit, ControlMeasure::Lost);
        assert_eq!(lost.convert(90.0), 20_000.0);
    }

    #[test]
    fn a_loss_of_a_reference_is_plotted_as_the_share_held() {
        let unit = ControlUnit::PercentOfReference {
            base: "peak".to_owned(),
        };
        let lost = Plotting::of(&unit, ControlMeasure::Lost);
        assert_eq!(lost.axis(), PlotAxis::PercentHeld);
        assert_eq!(lost.convert(87.0), 13.0);
        assert!(lost.is_converted());
        assert!(!Plotting::of(&unit, ControlMeasure::Held).is_converted());
    }
}
