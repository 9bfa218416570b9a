//! The tooltip that lists the events under the pointer, the same wherever
//! events are drawn (the timeline's marks, the map's points).

use egui::Ui;

use crate::data::LoadedDataset;

/// Events listed in a mark's tooltip before "and N more".
pub const LISTED_IN_TOOLTIP: usize = 12;

/// The tooltip of the events under the pointer, in the timeline or on the map:
/// one event in full, several as a list.
pub fn events_tooltip(ui: &mut Ui, loaded: &LoadedDataset, events: &[usize]) {
    let dataset = &loaded.dataset;
    if let [event] = events {
        let e = dataset.events.at(*event);
        ui.strong(crate::format::line(e.title()));
        ui.label(crate::format::event_dates(e));
        ui.label(format!(
            "{} · {}",
            e.confidence().label(),
            crate::format::plural(e.cites().len(), "source")
        ));
        return;
    }
    ui.strong(format!(
        "{} here",
        crate::format::plural(events.len(), "event")
    ));
    for &event in events.iter().take(LISTED_IN_TOOLTIP) {
        let e = dataset.events.at(event);
        ui.label(format!(
            "{} · {}",
            crate::format::event_dates(e),
            crate::format::clip(&crate::format::line(e.title()), 70)
        ));
    }
    if events.len() > LISTED_IN_TOOLTIP {
        ui.weak(format!("and {} more", events.len() - LISTED_IN_TOOLTIP));
    }
    ui.weak("Click to step through them");
}
