//! Sets of one segment's document ids, one bit each: what a query matches, what has a facet
//! value. Combining two is a pass over a few thousand machine words, whatever they hold.

use tantivy::DocId;

/// A set of document ids below a segment's `max_doc`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Bits(Vec<u64>);

impl Bits {
    /// No documents.
    pub fn new(max_doc: u32) -> Bits {
        Bits(vec![0; (max_doc as usize).div_ceil(64)])
    }

    /// Every document below `max_doc`.
    pub fn full(max_doc: u32) -> Bits {
        let mut bits = Bits(vec![u64::MAX; (max_doc as usize).div_ceil(64)]);
        if let Some(last) = bits.0.last_mut()
            && !max_doc.is_multiple_of(64)
        {
            *last = (1 << (max_doc % 64)) - 1;
        }
        bits
    }

    pub fn insert(&mut self, doc: DocId) {
        self.0[doc as usize / 64] |= 1 << (doc % 64);
    }

    pub fn remove(&mut self, doc: DocId) {
        self.0[doc as usize / 64] &= !(1 << (doc % 64));
    }

    pub fn contains(&self, doc: DocId) -> bool {
        self.0
            .get(doc as usize / 64)
            .is_some_and(|w| w & (1 << (doc % 64)) != 0)
    }

    /// How many documents.
    pub fn len(&self) -> u64 {
        self.0.iter().map(|w| u64::from(w.count_ones())).sum()
    }

    /// How many documents are in both sets.
    pub fn count_and(&self, other: &Bits) -> u64 {
        self.0
            .iter()
            .zip(&other.0)
            .map(|(a, b)| u64::from((a & b).count_ones()))
            .sum()
    }

    /// Keeps the documents that are also in `other`.
    pub fn and(&mut self, other: &Bits) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a &= b;
        }
    }

    /// Adds the documents of `other`.
    pub fn or(&mut self, other: &Bits) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a |= b;
        }
    }

    /// Removes the documents of `other`.
    pub fn and_not(&mut self, other: &Bits) {
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a &= !b;
        }
    }

    /// The documents, ascending.
    pub fn iter(&self) -> impl Iterator<Item = DocId> + '_ {
        ones(self.0.iter().copied())
    }

    /// The documents below `max_doc` that are not in the set, ascending.
    pub fn iter_missing(&self, max_doc: u32) -> impl Iterator<Item = DocId> + '_ {
        let last = (max_doc as usize).div_ceil(64).saturating_sub(1);
        ones(self.0.iter().enumerate().map(move |(i, &word)| {
            let missing = !word;
            if i == last && !max_doc.is_multiple_of(64) {
                missing & ((1 << (max_doc % 64)) - 1)
            } else {
                missing
            }
        }))
    }
}

/// The positions of the one bits of `words`, ascending.
fn ones(words: impl Iterator<Item = u64>) -> impl Iterator<Item = DocId> {
    words.enumerate().flat_map(|(i, word)| {
        let mut rest = word;
        std::iter::from_fn(move || {
            if rest == 0 {
                return None;
            }
            let bit = rest.trailing_zeros();
            rest &= rest - 1;
            Some(i as u32 * 64 + bit)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_operations_keep_the_documents_they_say() {
        let mut a = Bits::new(130);
        for doc in [0, 63, 64, 129] {
            a.insert(doc);
        }
        let mut b = Bits::full(130);
        assert_eq!(b.len(), 130);
        b.remove(63);
        assert_eq!(a.count_and(&b), 3);
        assert_eq!(a.iter().collect::<Vec<_>>(), vec![0, 63, 64, 129]);
        let mut c = a.clone();
        c.and_not(&b);
        assert_eq!(c.iter().collect::<Vec<_>>(), vec![63]);
        c.or(&a);
        assert_eq!(c, a);
        c.and(&b);
        assert!(!c.contains(63) && c.contains(129) && !c.contains(500));
        assert_eq!(
            a.iter_missing(130).collect::<Vec<_>>(),
            (0..130)
                .filter(|d| ![0, 63, 64, 129].contains(d))
                .collect::<Vec<_>>()
        );
        assert_eq!(Bits::full(128).iter_missing(128).count(), 0);
    }
}
