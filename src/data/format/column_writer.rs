//! Events written into columns on a second thread while the reader reads on.
//!
//! Reading an event (finding its fields, unescaping its text) and storing it
//! (copying its text into blocks, interning its names and place) each take
//! about a third of a load. The streaming reader hands events over in batches
//! through a bounded channel, so the two overlap on two cores, and at most a
//! few batches are ever in flight: memory stays the store plus one block.
//! The writer copies from each batch and hands it back whole: the reader's
//! thread frees what it allocated, as the allocator is fastest at.

use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::{Scope, ScopedJoinHandle};

use crate::data::model::{Event, Events};

/// Events per batch: enough that the channel costs nothing per event, few
/// enough that a batch stays in the allocator's reach (no fresh pages each time).
const BATCH: usize = 256;
/// Batches the reader may be ahead of the writer.
const IN_FLIGHT: usize = 8;

/// What the reader sends the writing thread.
enum Message {
    /// Events to store, in file order.
    Events(Vec<Event>),
    /// Room to reserve for about this many more events.
    Reserve(usize),
}

/// The reader's end: events go in, in file order, and come out as [`Events`]
/// from [`ColumnWriter::finish`].
pub(super) struct ColumnWriter<'scope> {
    batch: Vec<Event>,
    count: usize,
    sender: SyncSender<Message>,
    /// Batches the writer has stored and hands back, to be dropped here and
    /// their room used again.
    stored: Receiver<Vec<Event>>,
    writer: ScopedJoinHandle<'scope, Events>,
}

impl<'scope> ColumnWriter<'scope> {
    /// Starts the writing thread in `scope`.
    pub(super) fn start<'env>(scope: &'scope Scope<'scope, 'env>) -> Self {
        let (sender, received) = sync_channel::<Message>(IN_FLIGHT);
        // Room for every batch that can be in flight, so that the writer never waits.
        let (give_back, stored) = sync_channel::<Vec<Event>>(IN_FLIGHT + 2);
        let writer = scope.spawn(move || {
            let mut events = Events::new();
            for message in received {
                match message {
                    Message::Events(batch) => {
                        for event in &batch {
                            events.push(event);
                        }
                        // The reader may have stopped taking batches back.
                        let _ = give_back.try_send(batch);
                    }
                    Message::Reserve(more) => events.try_reserve(more),
                }
            }
            events.shrink_to_fit();
            events
        });
        Self {
            batch: Vec::with_capacity(BATCH),
            count: 0,
            sender,
            stored,
            writer,
        }
    }

    /// Hands `event` over to be stored after those before it.
    pub(super) fn push(&mut self, event: Event) {
        self.batch.push(event);
        self.count += 1;
        if self.batch.len() == BATCH {
            self.send_batch();
        }
    }

    /// How many events have been handed over.
    pub(super) fn len(&self) -> usize {
        self.count
    }

    /// Asks the store to make room for about `more` events beyond those handed over.
    pub(super) fn reserve(&mut self, more: usize) {
        let _ = self.sender.send(Message::Reserve(more));
    }

    fn send_batch(&mut self) {
        let next = match self.stored.try_recv() {
            Ok(mut stored) => {
                stored.clear();
                stored
            }
            Err(_) => Vec::with_capacity(BATCH),
        };
        let full = std::mem::replace(&mut self.batch, next);
        // The writer only stops early by panicking, which `finish` passes on.
        let _ = self.sender.send(Message::Events(full));
    }

    /// Waits for every event handed over to be stored and returns the store.
    pub(super) fn finish(mut self) -> Events {
        if !self.batch.is_empty() {
            self.send_batch();
        }
        let Self { sender, writer, .. } = self;
        drop(sender);
        writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::Confidence;
    use crate::data::model::date::PartialDate;

    fn event(n: usize) -> Event {
        Event {
            id: format!("e{n}").into(),
            date: PartialDate::day(2020, 1, 1 + (n % 28) as u8),
            end: None,
            title: format!("event {n}"),
            summary: String::new(),
            place: None,
            actors: vec![format!("a{}", n % 3).into()],
            tags: Vec::new(),
            confidence: Confidence::Reported,
            cites: Vec::new(),
            disputed_by: Vec::new(),
            extras: None,
        }
    }

    #[test]
    fn events_handed_over_come_out_in_the_order_given() {
        // More than a few batches, and one left part-full.
        let count = BATCH * (IN_FLIGHT + 3) + 7;
        let stored = std::thread::scope(|scope| {
            let mut writer = ColumnWriter::start(scope);
            writer.reserve(count);
            for n in 0..count {
                writer.push(event(n));
            }
            assert_eq!(writer.len(), count);
            writer.finish()
        });
        assert_eq!(stored.len(), count);
        for n in [0, 1, BATCH - 1, BATCH, count - 1] {
            assert_eq!(stored.at(n).to_event(), event(n));
        }
    }
}
