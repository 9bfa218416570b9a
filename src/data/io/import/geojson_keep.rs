//! Which features of a monitor's GeoJSON export make its map: the `--where`
//! filters a reader gives, and presets that know how a monitor publishes.
//!
//! A preset is data, one table per monitor: classes of features, each kept or
//! left out, recognised by an i18n key in the name property, by words of a
//! free-text name, by a property's value, or (last) by the fill colour; kept
//! classes may also be held to the scope's country. Adding a monitor is adding
//! a table, and `docs/import.md` lists what each table does.

use serde_json::Value;

/// One `--where` condition on a feature property.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Where {
    /// The property.
    pub property: String,
    /// What its value must be.
    pub test: Test,
}

/// What a `--where` asks of a property's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Test {
    /// One of these values (`P=V`, repeated for the same property).
    OneOf(Vec<String>),
    /// Holds this text, whatever the case (`P~TEXT`).
    Contains(String),
    /// Not this value (`P!=V`); a feature without the property passes.
    Not(String),
}

impl Where {
    /// Reads `P=V`, `P~TEXT` or `P!=V`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let (property, test) = if let Some((p, v)) = text.split_once("!=") {
            (p, Test::Not(v.to_owned()))
        } else if let Some((p, v)) = text.split_once('~') {
            (p, Test::Contains(v.to_lowercase()))
        } else if let Some((p, v)) = text.split_once('=') {
            (p, Test::OneOf(vec![v.to_owned()]))
        } else {
            return Err(format!(
                "--where {text:?}: give PROPERTY=VALUE, PROPERTY~TEXT or PROPERTY!=VALUE"
            ));
        };
        let property = property.trim();
        if property.is_empty() {
            return Err(format!("--where {text:?}: no property named"));
        }
        Ok(Self {
            property: property.to_owned(),
            test,
        })
    }

    /// The conditions of several `--where`s, the values asked of one property
    /// with `=` made one condition (any of them will do).
    pub fn combined(wheres: Vec<Self>) -> Vec<Self> {
        let mut combined: Vec<Self> = Vec::new();
        for next in wheres {
            let merged = match &next.test {
                Test::OneOf(values) => combined.iter_mut().find_map(|w| match &mut w.test {
                    Test::OneOf(known) if w.property == next.property => {
                        known.extend(values.iter().cloned());
                        Some(())
                    }
                    _ => None,
                }),
                _ => None,
            };
            if merged.is_none() {
                combined.push(next);
            }
        }
        combined
    }

    /// Whether `feature` passes.
    pub fn keeps(&self, feature: &Value) -> bool {
        let value = property_text(feature, &self.property);
        match (&self.test, value) {
            (Test::OneOf(values), Some(value)) => values.contains(&value),
            (Test::Contains(text), Some(value)) => value.to_lowercase().contains(text),
            (Test::Not(text), Some(value)) => value != *text,
            (Test::Not(_), None) => true,
            (Test::OneOf(_) | Test::Contains(_), None) => false,
        }
    }

    /// The condition as given: "category=occupied or contested".
    pub fn describe(&self) -> String {
        match &self.test {
            Test::OneOf(values) => format!("{}={}", self.property, values.join(" or ")),
            Test::Contains(text) => format!("{}~{text}", self.property),
            Test::Not(text) => format!("{}!={text}", self.property),
        }
    }
}

/// A feature's property as text (numbers and booleans as written).
pub fn property_text(feature: &Value, property: &str) -> Option<String> {
    match feature.get("properties")?.get(property)? {
        Value::String(text) => Some(text.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// How a monitor publishes its maps.
#[derive(Debug)]
pub struct Preset {
    /// Its name on the command line.
    pub name: &'static str,
    /// What the preset keeps, in a line, for `--help` and the docs.
    pub about: &'static str,
    /// The property holding a feature's name (and i18n key).
    pub name_property: &'static str,
    /// The property holding a feature's fill colour.
    pub fill_property: &'static str,
    /// The property holding each feature's date, when the files hold many dates.
    pub date_property: Option<&'static str>,
    /// The classes, tried in order (keys first, then words, values, fills).
    pub classes: &'static [Class],
    /// What is done with a feature no class recognises: its label, and
    /// whether it is kept.
    pub unrecognised: (&'static str, bool),
}

/// A class of features a monitor draws.
#[derive(Debug)]
pub struct Class {
    /// What it is, as the summary says it ("liberated").
    pub label: &'static str,
    /// Whether it makes the map.
    pub keep: bool,
    /// Kept polygons of it must lie in the scope's country (the base map's).
    pub in_scope: bool,
    /// i18n keys found in the name, lower-cased ("geojson.status.occupied").
    pub keys: &'static [&'static str],
    /// Words of a free-text name, lower-cased ("звільнено").
    pub words: &'static [&'static str],
    /// Values of a property that say the class (`type` = `gains`).
    pub values: &'static [(&'static str, &'static str)],
    /// Fill colours, lower-cased, when nothing else tells.
    pub fills: &'static [&'static str],
}

impl Class {
    const fn new(label: &'static str, keep: bool) -> Self {
        Self {
            label,
            keep,
            in_scope: false,
            keys: &[],
            words: &[],
            values: &[],
            fills: &[],
        }
    }
}

/// DeepState's raw export: what its totals count (occupied, Crimea, the
/// "CADR and CALR" and Tuzla), without liberated ground, the grey zone or its
/// satirical "occupied" areas outside Ukraine.
const DEEPSTATE: Preset = Preset {
    name: "deepstate",
    about: "DeepState's raw export: occupied, Crimea, ORDLO (CADR and CALR) and Tuzla kept; liberated, grey zone and satirical areas outside Ukraine left out",
    name_property: "name",
    fill_property: "fill",
    date_property: None,
    classes: &[
        Class {
            in_scope: true,
            keys: &["geojson.status.occupied"],
            words: &["окуповано"],
            fills: &["#a52714"],
            ..Class::new("occupied", true)
        },
        Class {
            keys: &[
                "geojson.territories.crimea",
                "geojson.territories.ordlo",
                "geojson.territories.tuzla",
            ],
            words: &["крим", "ордло", "тузла"],
            fills: &["#880e4f", "#000000"],
            ..Class::new("Crimea, ORDLO and Tuzla", true)
        },
        Class {
            keys: &["geojson.status.dismissed"],
            words: &["звільнено"],
            fills: &["#0f9d58", "#0288d1", "#01579b"],
            ..Class::new("liberated", false)
        },
        Class {
            keys: &["geojson.status.unknown"],
            words: &["статус невідомий", "під питанням"],
            fills: &["#bcaaa4", "#bdbdbd"],
            ..Class::new("grey zone", false)
        },
        Class {
            keys: &["geojson.territories."],
            words: &["придністров"],
            fills: &["#ff5252"],
            ..Class::new("satirical area outside Ukraine", false)
        },
    ],
    unrecognised: ("not recognised (no known key, name or fill)", false),
};

/// NZZ's (Liveuamap's) areas: held at the end of the period is `nochange` or
/// `gains`; `losses` is ground lost in it.
const NZZ: Preset = Preset {
    name: "nzz",
    about: "NZZ/Liveuamap areas: type nochange and gains kept (held at the end), losses left out",
    name_property: "name",
    fill_property: "fill",
    date_property: None,
    classes: &[
        Class {
            values: &[("type", "nochange"), ("type", "gains")],
            ..Class::new("held at the end", true)
        },
        Class {
            values: &[("type", "losses")],
            ..Class::new("lost in the period", false)
        },
    ],
    unrecognised: ("without a type", false),
};

/// ISW's control-of-terrain layers: the control of terrain kept, its other
/// layers (assessed advances, claims, counteroffensives) left out; 2022's
/// daily layers carry their date as epoch milliseconds in `datetime`.
const ISW: Preset = Preset {
    name: "isw",
    about: "ISW control of terrain: layer VIEW_RussiaCoTinUkraine_V3 (or no layer) kept; assessed advances, claims and counteroffensives left out",
    name_property: "name",
    fill_property: "fill",
    date_property: None,
    classes: &[
        Class {
            values: &[("layer", "VIEW_RussiaCoTinUkraine_V3")],
            ..Class::new("control of terrain", true)
        },
        Class {
            values: &[
                ("layer", "MDS_AssessedRussianAdvanceInUkraine_view"),
                ("layer", "VIEW_ClaimedRussianTerritoryinUkraine_V2"),
                ("layer", "VIEW_ClaimedUkrainianCounteroffensives_V2"),
            ],
            ..Class::new("assessed advance or claim", false)
        },
    ],
    unrecognised: ("a single-layer file's area", true),
};

/// Every preset, by name.
pub const PRESETS: &[&Preset] = &[&DEEPSTATE, &ISW, &NZZ];

/// The preset called `name`.
pub fn preset(name: &str) -> Result<&'static Preset, String> {
    PRESETS
        .iter()
        .copied()
        .find(|p| p.name.eq_ignore_ascii_case(name))
        .ok_or_else(|| {
            let known: Vec<&str> = PRESETS.iter().map(|p| p.name).collect();
            format!("no preset {name:?}: the presets are {}", known.join(", "))
        })
}

impl Preset {
    /// The class a feature belongs to: by i18n key in its name, then by the
    /// words of its name, then by a property's value, then by its fill.
    pub fn classify(&self, feature: &Value) -> Option<&Class> {
        let name = property_text(feature, self.name_property)
            .map(|n| n.replace('\u{a0}', " ").trim().to_lowercase())
            .unwrap_or_default();
        let fill = property_text(feature, self.fill_property)
            .map(|f| f.trim().to_lowercase())
            .unwrap_or_default();
        let by_key = |c: &&Class| c.keys.iter().any(|k| name.contains(k));
        let by_words = |c: &&Class| c.words.iter().any(|w| name.contains(w));
        let by_value = |c: &&Class| {
            c.values
                .iter()
                .any(|(p, v)| property_text(feature, p).is_some_and(|t| t == *v))
        };
        let by_fill = |c: &&Class| !fill.is_empty() && c.fills.contains(&fill.as_str());
        self.classes
            .iter()
            .find(by_key)
            .or_else(|| self.classes.iter().find(by_words))
            .or_else(|| self.classes.iter().find(by_value))
            .or_else(|| self.classes.iter().find(by_fill))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feature(properties: &str) -> Value {
        serde_json::from_str(&format!(
            r##"{{"type":"Feature","properties":{properties}}}"##
        ))
        .expect("json")
    }

    #[test]
    fn where_conditions_compose_as_documented() {
        let wheres: Vec<Where> = ["type=nochange", "type=gains", "name~OCC", "layer!=claims"]
            .iter()
            .map(|w| Where::parse(w).expect("parses"))
            .collect();
        let combined = Where::combined(wheres);
        assert_eq!(combined.len(), 3);
        assert_eq!(combined[0].describe(), "type=nochange or gains");
        let keeps = |p: &str| combined.iter().all(|w| w.keeps(&feature(p)));
        assert!(keeps(r##"{"type":"gains","name":"Occupied"}"##));
        assert!(!keeps(r##"{"type":"losses","name":"Occupied"}"##));
        assert!(!keeps(r##"{"type":"gains","name":"Liberated"}"##));
        assert!(!keeps(
            r##"{"type":"gains","name":"occupied","layer":"claims"}"##
        ));
        assert!(Where::parse("nothing").is_err());
        assert!(Where::parse("=x").is_err());
    }

    #[test]
    fn deepstate_classes_come_from_keys_then_words_then_fills() {
        let class = |p: &str| DEEPSTATE.classify(&feature(p)).map(|c| c.label);
        assert_eq!(
            class(r##"{"name":"Окуповано /// Occupied /// geoJSON.status.occupied\n"}"##),
            Some("occupied")
        );
        assert_eq!(
            class(r##"{"name":"ОРДЛО /// CADR and CALR /// geoJSON.territories.ordlo"}"##),
            Some("Crimea, ORDLO and Tuzla")
        );
        assert_eq!(
            class(
                r##"{"name":"Калінінград /// East Prussia /// geoJSON.territories.eastprussia"}"##
            ),
            Some("satirical area outside Ukraine")
        );
        assert_eq!(class(r##"{"name":"Звільнено 01.04"}"##), Some("liberated"));
        assert_eq!(
            class(r##"{"name":"Багатокутник 11","fill":"#A52714"}"##),
            Some("occupied")
        );
        assert_eq!(
            class(r##"{"name":"Багатокутник 12","fill":"#bdbdbd"}"##),
            Some("grey zone")
        );
        assert_eq!(
            class(r##"{"name":"Багатокутник 13","fill":"#123456"}"##),
            None
        );
        assert!(preset("DeepState").is_ok() && preset("other").is_err());
    }
}
