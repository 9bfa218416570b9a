//! The columns written as a list of event records and read back from one, so
//! that a file holds what `Vec<Event>` would.

use super::*;

impl Serialize for Events {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for event in self.iter() {
            seq.serialize_element(&EventOut::of(event))?;
        }
        seq.end()
    }
}

/// An event as a file writes it, read from the columns without copying:
/// the fields, their order and what is left out are [`Event`]'s own (a test
/// holds the two to the same text).
#[derive(Serialize)]
#[serde(rename = "Event")]
struct EventOut<'a> {
    id: &'a str,
    date: PartialDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<PartialDate>,
    title: &'a str,
    summary: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<PlaceOut<'a>>,
    actors: NameList<'a>,
    #[serde(skip_serializing_if = "NameList::is_empty")]
    tags: NameList<'a>,
    confidence: Confidence,
    cites: CiteList<'a>,
    #[serde(skip_serializing_if = "CiteList::is_empty")]
    disputed_by: CiteList<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subkind: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fatalities: Option<&'a Fatalities>,
    #[serde(skip_serializing_if = "Option::is_none")]
    timing: Option<Timing>,
}

impl<'a> EventOut<'a> {
    fn of(e: EventRef<'a>) -> Self {
        Self {
            id: e.id(),
            date: e.date(),
            end: e.end(),
            title: e.title(),
            summary: e.summary(),
            place: e.place().map(|p| PlaceOut {
                name: p.name(),
                region: p.region(),
                district: p.district(),
                subdistrict: p.subdistrict(),
                country: p.country(),
                lat: p.lat(),
                lon: p.lon(),
                precision: p.precision(),
            }),
            actors: e.actors(),
            tags: e.tags(),
            confidence: e.confidence(),
            cites: e.cites(),
            disputed_by: e.disputed_by(),
            kind: e.kind(),
            subkind: e.subkind(),
            fatalities: e.fatalities(),
            timing: e.timing(),
        }
    }
}

/// A place as a file writes it (the fields of `PlaceRecord`, in its order).
#[derive(Serialize)]
#[serde(rename = "Place")]
struct PlaceOut<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    district: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subdistrict: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    country: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lat: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lon: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    precision: Option<PlacePrecision>,
}

impl<'de> Deserialize<'de> for Events {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EventsVisitor;

        impl<'de> Visitor<'de> for EventsVisitor {
            type Value = Events;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a list of events")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Events, A::Error> {
                let mut events = Events::new();
                while let Some(event) = seq.next_element::<Event>()? {
                    events.push(&event);
                }
                events.shrink_to_fit();
                Ok(events)
            }
        }

        deserializer.deserialize_seq(EventsVisitor)
    }
}
