//! The citations of every event in one pool, and the views an event reads
//! them through.

use super::*;

/// Citations in columns: each names its source by index in the name table;
/// the few with a note or a quote point into `words`.
#[derive(Clone, Debug, Default)]
pub(super) struct CitePool {
    pub(super) sources: Runs<u32>,
    /// Per citation, its index in `words`, or `NO_WORDS`.
    pub(super) said: Vec<u32>,
    pub(super) words: Vec<(Option<String>, Option<String>)>,
}

/// Marks a citation with neither note nor quote.
pub(super) const NO_WORDS: u32 = u32::MAX;

impl CitePool {
    pub(super) fn push(&mut self, cites: &[Cite], names: &mut NameTable) {
        let (said, words) = (&mut self.said, &mut self.words);
        self.sources.push(cites.iter().map(|cite| {
            if cite.note.is_none() && cite.quote.is_none() {
                said.push(NO_WORDS);
            } else {
                said.push(u32::try_from(words.len()).unwrap_or(NO_WORDS - 1));
                words.push((cite.note.clone(), cite.quote.clone()));
            }
            names.intern(&cite.source)
        }));
    }

    pub(super) fn list<'a>(&'a self, event: usize, names: &'a [Name]) -> CiteList<'a> {
        let (start, end) = self.sources.bounds(event);
        CiteList {
            pool: self,
            names,
            start,
            end,
        }
    }

    pub(super) fn shrink_to_fit(&mut self) {
        self.sources.shrink_to_fit();
        self.said.shrink_to_fit();
        self.words.shrink_to_fit();
    }

    pub(super) fn heap_bytes(&self) -> usize {
        let words: usize = self
            .words
            .iter()
            .map(|(note, quote)| {
                note.as_ref().map_or(0, String::capacity)
                    + quote.as_ref().map_or(0, String::capacity)
            })
            .sum();
        self.sources.heap_bytes()
            + self.said.capacity() * 4
            + self.words.capacity() * std::mem::size_of::<(Option<String>, Option<String>)>()
            + words
    }
}

/// An event's citations (or the sources that dispute it).
#[derive(Clone, Copy)]
pub struct CiteList<'a> {
    pub(super) pool: &'a CitePool,
    pub(super) names: &'a [Name],
    pub(super) start: usize,
    pub(super) end: usize,
}

impl<'a> CiteList<'a> {
    /// How many there are.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }

    /// The one at `index`, if any.
    pub fn get(&self, index: usize) -> Option<CiteRef<'a>> {
        let at = self.start + index;
        (at < self.end).then(|| self.read(at))
    }

    /// The citation at `at` in the pool.
    pub(super) fn read(&self, at: usize) -> CiteRef<'a> {
        let source = self
            .pool
            .sources
            .values
            .get(at)
            .copied()
            .unwrap_or(u32::MAX);
        let words = self
            .pool
            .said
            .get(at)
            .and_then(|&w| self.pool.words.get(w as usize));
        CiteRef {
            source: self.names.get(source as usize).map_or("", Name::as_str),
            note: words.and_then(|(note, _)| note.as_deref()),
            quote: words.and_then(|(_, quote)| quote.as_deref()),
        }
    }

    /// The numbers of the sources they cite, in the table of names
    /// ([`Events::name_number`]).
    pub fn source_numbers(&self) -> &'a [u32] {
        self.pool
            .sources
            .values
            .get(self.start..self.end)
            .unwrap_or(&[])
    }

    /// The first, if any.
    pub fn first(&self) -> Option<CiteRef<'a>> {
        self.get(0)
    }

    /// Each, in order.
    pub fn iter(
        &self,
    ) -> impl DoubleEndedIterator<Item = CiteRef<'a>> + ExactSizeIterator + Clone + use<'a> {
        let list = *self;
        (self.start..self.end).map(move |at| list.read(at))
    }
}

impl<'a> IntoIterator for CiteList<'a> {
    type Item = CiteRef<'a>;
    type IntoIter = Box<dyn DoubleEndedIterator<Item = CiteRef<'a>> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl std::fmt::Debug for CiteList<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// A citation as read: which source, with its note and quote when given.
/// Citations of figures and maps are read as one too ([`Cite::read`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CiteRef<'a> {
    pub(super) source: &'a str,
    pub(super) note: Option<&'a str>,
    pub(super) quote: Option<&'a str>,
}

impl<'a> CiteRef<'a> {
    /// The id of the source.
    pub fn source(&self) -> &'a str {
        self.source
    }

    /// What the source says or how it says it, in the author's words.
    pub fn note(&self) -> Option<&'a str> {
        self.note
    }

    /// A short quotation from the source.
    pub fn quote(&self) -> Option<&'a str> {
        self.quote
    }

    /// The citation as a record of its own.
    pub fn to_cite(&self) -> Cite {
        Cite {
            source: self.source.into(),
            note: self.note.map(str::to_owned),
            quote: self.quote.map(str::to_owned),
        }
    }
}

impl Cite {
    /// The citation, read as event citations are.
    pub fn read(&self) -> CiteRef<'_> {
        CiteRef {
            source: &self.source,
            note: self.note.as_deref(),
            quote: self.quote.as_deref(),
        }
    }
}

impl Serialize for CiteList<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl Serialize for CiteRef<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        /// A citation as a file writes it (the fields of [`Cite`], in its order).
        #[derive(Serialize)]
        #[serde(rename = "Cite")]
        struct CiteOut<'a> {
            source: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            note: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            quote: Option<&'a str>,
        }
        CiteOut {
            source: self.source,
            note: self.note,
            quote: self.quote,
        }
        .serialize(serializer)
    }
}
