//! Facet counts over all matches of a query, read from fast fields.
//!
//! Each facet is a multi-valued `STRING | FAST` field. A segment's values are turned once into
//! one bit set per value (kept in a [`FacetCache`] for as long as the segment lives; segments
//! never change), so that counting a broad query, which matches most of the library, is a
//! population count of the matches' bit set against each value's: a few thousand machine
//! words per value instead of a column lookup per matching document and facet. A narrow
//! query's few matches are counted one by one from the same cached values.

use std::collections::BTreeMap;
use tantivy::{DocId, SegmentReader};

use crate::bits::Bits;
use crate::segment_cache::SegmentCache;

/// Counts per value, one map per facet field, in the order the fields were given.
pub type Counts = Vec<BTreeMap<String, u64>>;

/// One facet field of one segment: each document's values (as ordinals), each value's
/// documents, and each ordinal's text.
pub struct SegmentFacet {
    names: Vec<String>,
    /// `ords[starts[doc]..starts[doc + 1]]` are the document's values.
    starts: Vec<u32>,
    ords: Vec<u32>,
    docs: Vec<Bits>,
}

impl SegmentFacet {
    pub(crate) fn read(reader: &SegmentReader, field: &str) -> tantivy::Result<SegmentFacet> {
        let max_doc = reader.max_doc();
        let Some(column) = reader.fast_fields().str(field)? else {
            return Ok(SegmentFacet {
                names: Vec::new(),
                starts: vec![0; max_doc as usize + 1],
                ords: Vec::new(),
                docs: Vec::new(),
            });
        };
        let values = column.dictionary().num_terms();
        let mut names = Vec::with_capacity(values);
        for ord in 0..values as u64 {
            let mut name = String::new();
            column.ord_to_str(ord, &mut name)?;
            names.push(name);
        }
        let mut docs = vec![Bits::new(max_doc); values];
        let mut starts = Vec::with_capacity(max_doc as usize + 1);
        let mut ords = Vec::new();
        let mut values: Vec<u32> = Vec::new();
        for doc in 0..max_doc {
            starts.push(ords.len() as u32);
            // A value a document has twice counts once, whichever way it is counted.
            values.clear();
            values.extend(column.ords().values_for_doc(doc).map(|ord| ord as u32));
            values.sort_unstable();
            values.dedup();
            for &ord in &values {
                docs[ord as usize].insert(doc);
            }
            ords.extend_from_slice(&values);
        }
        starts.push(ords.len() as u32);
        Ok(SegmentFacet {
            names,
            starts,
            ords,
            docs,
        })
    }

    fn values_of(&self, doc: DocId) -> &[u32] {
        &self.ords[self.starts[doc as usize] as usize..self.starts[doc as usize + 1] as usize]
    }

    /// Adds the counts of each value over `matched` (`n` documents) to `counts`.
    pub(crate) fn count_into(&self, matched: &Bits, n: u64, counts: &mut BTreeMap<String, u64>) {
        if n == 0 {
            return;
        }
        let words = self.starts.len().saturating_sub(1).div_ceil(64) as u64;
        let mut per_value = vec![0u64; self.names.len()];
        // By bit sets, a facet costs a step per machine word of the segment per value; match
        // by match, a few steps per value each match has. Each facet takes the cheaper (a
        // municipality has 290 values and one per entry; a year, a few dozen and several per
        // entry).
        let max_doc = self.starts.len().saturating_sub(1).max(1);
        let per_match = 2 * self.ords.len().div_ceil(max_doc) as u64 + 2;
        if words * (self.docs.len() as u64) < n * per_match {
            for (count, docs) in per_value.iter_mut().zip(&self.docs) {
                *count = matched.count_and(docs);
            }
        } else {
            for doc in matched.iter() {
                for &ord in self.values_of(doc) {
                    per_value[ord as usize] += 1;
                }
            }
        }
        for (n, name) in per_value.into_iter().zip(&self.names) {
            if n == 0 {
                continue;
            }
            // The value's name is copied only the first time a segment has it.
            match counts.get_mut(name) {
                Some(count) => *count += n,
                None => {
                    counts.insert(name.clone(), n);
                }
            }
        }
    }
}

/// The facet values of the index's segments, read once per segment and field.
pub type FacetCache = SegmentCache<SegmentFacet>;

impl FacetCache {
    /// The values of the facet `field` in `reader`'s segment, read the first time.
    pub(crate) fn values(
        &self,
        reader: &SegmentReader,
        field: &'static str,
    ) -> tantivy::Result<std::sync::Arc<SegmentFacet>> {
        self.get(reader, field, || SegmentFacet::read(reader, field))
    }
}

/// The counts as a tantivy collector, which is handed every match: what the bit sets of
/// [`crate::plan`] are checked against.
#[cfg(test)]
pub(crate) mod collector {
    use std::collections::BTreeMap;
    use std::sync::Arc;

    use tantivy::collector::{Collector, SegmentCollector};
    use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

    use super::{Bits, Counts, FacetCache, SegmentFacet};

    /// Counts the values of `fields` over every collected document.
    pub struct FacetCounter {
        fields: Vec<&'static str>,
        cache: FacetCache,
    }

    impl FacetCounter {
        pub fn new(fields: Vec<&'static str>, cache: &FacetCache) -> Self {
            FacetCounter {
                fields,
                cache: cache.clone(),
            }
        }
    }

    pub struct SegmentFacetCounter {
        facets: Vec<Arc<SegmentFacet>>,
        max_doc: u32,
        docs: Vec<DocId>,
    }

    impl Collector for FacetCounter {
        type Fruit = Counts;
        type Child = SegmentFacetCounter;

        fn for_segment(
            &self,
            _segment: SegmentOrdinal,
            reader: &SegmentReader,
        ) -> tantivy::Result<SegmentFacetCounter> {
            let facets = self
                .fields
                .iter()
                .map(|field| self.cache.values(reader, field))
                .collect::<tantivy::Result<_>>()?;
            Ok(SegmentFacetCounter {
                facets,
                max_doc: reader.max_doc(),
                docs: Vec::new(),
            })
        }

        fn requires_scoring(&self) -> bool {
            false
        }

        fn merge_fruits(&self, fruits: Vec<Counts>) -> tantivy::Result<Counts> {
            let mut merged: Counts = vec![BTreeMap::new(); self.fields.len()];
            for fruit in fruits {
                for (total, counts) in merged.iter_mut().zip(fruit) {
                    for (value, n) in counts {
                        *total.entry(value).or_default() += n;
                    }
                }
            }
            Ok(merged)
        }
    }

    impl SegmentCollector for SegmentFacetCounter {
        type Fruit = Counts;

        fn collect(&mut self, doc: DocId, _score: Score) {
            self.docs.push(doc);
        }

        fn harvest(self) -> Counts {
            let mut matched = Bits::new(self.max_doc);
            for &doc in &self.docs {
                matched.insert(doc);
            }
            let n = self.docs.len() as u64;
            self.facets
                .iter()
                .map(|facet| {
                    let mut counts = BTreeMap::new();
                    facet.count_into(&matched, n, &mut counts);
                    counts
                })
                .collect()
        }
    }
}
