//! A pool of values that events own runs of, one run each.

/// A pool of values that events own runs of: event `i` owns
/// `values[ends[i - 1]..ends[i]]`.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Runs<T> {
    pub(super) values: Vec<T>,
    pub(super) ends: Vec<u32>,
}

impl<T> Default for Runs<T> {
    fn default() -> Self {
        Self {
            values: Vec::new(),
            ends: Vec::new(),
        }
    }
}

impl<T> Runs<T> {
    pub(super) fn push(&mut self, run: impl IntoIterator<Item = T>) {
        self.values.extend(run);
        self.ends
            .push(u32::try_from(self.values.len()).unwrap_or(u32::MAX));
    }

    pub(super) fn bounds(&self, event: usize) -> (usize, usize) {
        let start = match event.checked_sub(1) {
            Some(before) => self.ends.get(before).copied().unwrap_or(0),
            None => 0,
        } as usize;
        let end = self.ends.get(event).copied().unwrap_or(0) as usize;
        (start, end.max(start))
    }

    pub(super) fn run(&self, event: usize) -> &[T] {
        let (start, end) = self.bounds(event);
        self.values.get(start..end).unwrap_or(&[])
    }

    pub(super) fn shrink_to_fit(&mut self) {
        self.values.shrink_to_fit();
        self.ends.shrink_to_fit();
    }

    pub(super) fn heap_bytes(&self) -> usize {
        self.values.capacity() * std::mem::size_of::<T>() + self.ends.capacity() * 4
    }
}
