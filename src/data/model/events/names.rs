//! Short texts many events repeat (actor ids, tags), each kept once, and the
//! lists of them an event reads.

use super::*;

/// Short texts that many events repeat (actor ids, tags), each kept once and
/// named by its index.
#[derive(Clone, Debug, Default)]
pub(super) struct NameTable {
    pub(super) names: Vec<Name>,
    pub(super) ids: HashMap<Name, u32>,
}

impl NameTable {
    pub(super) fn intern(&mut self, name: &Name) -> u32 {
        self.intern_str(name)
    }

    pub(super) fn intern_str(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
        self.names.push(Name::from(name));
        self.ids.insert(Name::from(name), id);
        id
    }

    pub(super) fn heap_bytes(&self) -> usize {
        (self.names.capacity() + self.ids.capacity()) * std::mem::size_of::<Name>()
            + self.ids.capacity() * 8
    }
}

/// An event's actor ids or tags, in the order the file gives them.
#[derive(Clone, Copy)]
pub struct NameList<'a> {
    pub(super) ids: &'a [u32],
    pub(super) table: &'a [Name],
}

impl<'a> NameList<'a> {
    /// How many there are.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Each, in order.
    pub fn iter(&self) -> NameIter<'a> {
        NameIter {
            ids: self.ids.iter(),
            table: self.table,
        }
    }

    /// Their numbers in the table of names ([`Events::name_number`]).
    pub fn numbers(&self) -> &'a [u32] {
        self.ids
    }

    /// The one at `index`, if any.
    pub fn get(&self, index: usize) -> Option<&'a str> {
        let id = *self.ids.get(index)?;
        self.table.get(id as usize).map(Name::as_str)
    }

    /// Whether `name` is one of them.
    pub fn contains(&self, name: &str) -> bool {
        self.iter().any(|n| n == name)
    }

    /// All of them, `separator` between two.
    pub fn join(&self, separator: &str) -> String {
        self.iter().collect::<Vec<_>>().join(separator)
    }

    /// As owned names.
    pub fn to_vec(&self) -> Vec<Name> {
        self.iter().map(Name::from).collect()
    }
}

impl<'a> IntoIterator for NameList<'a> {
    type Item = &'a str;
    type IntoIter = NameIter<'a>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// The names of a [`NameList`], in order.
#[derive(Clone)]
pub struct NameIter<'a> {
    pub(super) ids: std::slice::Iter<'a, u32>,
    pub(super) table: &'a [Name],
}

impl<'a> NameIter<'a> {
    pub(super) fn name(&self, id: u32) -> &'a str {
        self.table.get(id as usize).map_or("", Name::as_str)
    }
}

impl<'a> Iterator for NameIter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let id = *self.ids.next()?;
        Some(self.name(id))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.ids.size_hint()
    }
}

impl DoubleEndedIterator for NameIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let id = *self.ids.next_back()?;
        Some(self.name(id))
    }
}

impl ExactSizeIterator for NameIter<'_> {}

impl std::fmt::Debug for NameList<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<const N: usize> PartialEq<[&str; N]> for NameList<'_> {
    fn eq(&self, other: &[&str; N]) -> bool {
        self.iter().eq(other.iter().copied())
    }
}

impl PartialEq<&[&str]> for NameList<'_> {
    fn eq(&self, other: &&[&str]) -> bool {
        self.iter().eq(other.iter().copied())
    }
}

impl Serialize for NameList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}
