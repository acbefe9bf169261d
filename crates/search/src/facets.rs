//! Facet counts over all matches of a query, read from fast fields.
//!
//! Each facet is a multi-valued `STRING | FAST` field. A segment's values are turned once into
//! one bit set per value (kept in a [`FacetCache`] for as long as the segment lives; segments
//! never change), so that counting a broad query, which matches most of the library, is a
//! population count of the matches' bit set against each value's: a few thousand machine
//! words per value instead of a column lookup per matching document and facet. Where a facet
//! has many values (municipalities), a query's matches are counted one by one from the same
//! cached values instead, and a query that matches nearly everything as each value's total
//! less the documents it leaves out. Which way is cheaper depends mostly on memory: a
//! document's values far from the last one's wait for memory, and cost as much as tens of
//! machine words of a bit set. Each segment counts by value ordinal; [`merge`] adds the
//! segments up by value.

use std::collections::BTreeMap;
use std::sync::Arc;

use tantivy::{DocId, SegmentReader};

use crate::bits::Bits;
use crate::segment_cache::SegmentCache;

/// Counts per value, one map per facet field, in the order the fields were given.
pub type Counts = Vec<BTreeMap<String, u64>>;

/// One facet field of one segment: each document's values (as ordinals), each value's
/// documents, and each ordinal's text.
pub struct SegmentFacet {
    names: Names,
    /// `ords[starts[doc]..starts[doc + 1]]` are the document's values.
    starts: Vec<u32>,
    ords: Vec<u32>,
    docs: Vec<Bits>,
    /// How many documents (deleted ones too) have each value.
    totals: Vec<u64>,
}

/// The names of a facet's values, by ordinal, in one piece of memory: merging the segments'
/// counts reads them all, and read from one allocation each it waited for memory once a name.
#[derive(Default)]
struct Names {
    text: String,
    /// Where each name ends in `text`.
    ends: Vec<u32>,
}

impl Names {
    fn push(&mut self, name: &str) {
        self.text.push_str(name);
        self.ends.push(self.text.len() as u32);
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| &self.text[start as usize..end as usize])
    }
}

impl SegmentFacet {
    pub(crate) fn read(reader: &SegmentReader, field: &str) -> tantivy::Result<SegmentFacet> {
        let max_doc = reader.max_doc();
        let Some(column) = reader.fast_fields().str(field)? else {
            return Ok(SegmentFacet {
                names: Names::default(),
                starts: vec![0; max_doc as usize + 1],
                ords: Vec::new(),
                docs: Vec::new(),
                totals: Vec::new(),
            });
        };
        let values = column.dictionary().num_terms();
        let mut names = Names::default();
        let mut name = String::new();
        for ord in 0..values as u64 {
            name.clear();
            column.ord_to_str(ord, &mut name)?;
            names.push(&name);
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
        let totals = docs.iter().map(Bits::len).collect();
        Ok(SegmentFacet {
            names,
            starts,
            ords,
            docs,
            totals,
        })
    }

    fn values_of(&self, doc: DocId) -> &[u32] {
        &self.ords[self.starts[doc as usize] as usize..self.starts[doc as usize + 1] as usize]
    }

    /// How many of `matched` (`n` documents) have each value, by ordinal.
    pub(crate) fn count(&self, matched: &Bits, n: u64) -> Vec<u64> {
        if n == 0 {
            return vec![0; self.names.len()];
        }
        let max_doc = self.starts.len().saturating_sub(1) as u64;
        let words = max_doc.div_ceil(64);
        // Three ways to count, each taken where it is cheapest:
        // - by bit sets, a pass over the segment's machine words per value;
        // - match by match, a step per value each match has (a municipality has 290 values
        //   and one per entry; a year, a few dozen and several per entry);
        // - for a query that matches most of the segment, the values' totals less the
        //   counts of the documents it does not match, one by one.
        // The costs are in tenths of a nanosecond, as measured here with the values no longer
        // in the processor's caches (as after the rest of a search): a machine word of a bit
        // set 1 ns, a document's values 3 ns and 2 ns per value, and up to 50 ns more of
        // waiting for memory where the documents are so far apart that the processor cannot
        // read ahead (from about 4 documents apart, fully from 32).
        let values = self.ords.len().div_ceil(max_doc.max(1) as usize) as u64;
        let by_docs = |docs: u64| {
            let apart = max_doc / docs.max(1);
            let wait = if apart > 4 {
                500 * apart.min(32) / 32
            } else {
                0
            };
            docs * (30 + 20 * values + wait)
        };
        let by_bits = words * self.docs.len() as u64 * 10;
        let by_match = by_docs(n);
        let by_rest = by_docs(max_doc.saturating_sub(n)) + self.docs.len() as u64 * 10;
        if by_bits <= by_match.min(by_rest) {
            self.docs
                .iter()
                .map(|docs| matched.count_and(docs))
                .collect()
        } else if by_match <= by_rest {
            let mut per_value = vec![0u64; self.names.len()];
            for doc in matched.iter() {
                for &ord in self.values_of(doc) {
                    per_value[ord as usize] += 1;
                }
            }
            per_value
        } else {
            // Deleted documents are among those not matched, and in the totals: exact.
            let mut per_value = self.totals.clone();
            for doc in matched.iter_missing(max_doc as u32) {
                for &ord in self.values_of(doc) {
                    per_value[ord as usize] -= 1;
                }
            }
            per_value
        }
    }
}

/// The counts of one facet over the segments, each as its values and their counts (by
/// ordinal): merged by value.
pub(crate) fn merge<'a>(
    segments: impl IntoIterator<Item = &'a (Arc<SegmentFacet>, Vec<u64>)>,
) -> BTreeMap<String, u64> {
    // Each segment's values come in the order of its dictionary, sorted: the runs are
    // merged, each step taking the least value at the head of a run.
    let mut runs: Vec<_> = segments
        .into_iter()
        .map(|(facet, counts)| {
            facet
                .names
                .iter()
                .zip(counts)
                .filter(|(_, n)| **n > 0)
                .peekable()
        })
        .collect();
    let mut merged: Vec<(String, u64)> = Vec::new();
    while let Some(least) = runs
        .iter_mut()
        .filter_map(|run| run.peek().map(|(name, _)| *name))
        .min()
        .map(str::to_owned)
    {
        let mut count = 0;
        for run in &mut runs {
            if let Some((_, n)) = run.next_if(|(name, _)| *name == least) {
                count += n;
            }
        }
        merged.push((least, count));
    }
    // In order already, which the map's building finds in one pass.
    merged.into_iter().collect()
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

/// The counts as a tantivy collector, which is handed every match and reads each one's values
/// from the fast fields: what the counts of [`crate::plan`] are checked against.
#[cfg(test)]
pub(crate) mod collector {
    use std::collections::BTreeMap;

    use tantivy::collector::{Collector, SegmentCollector};
    use tantivy::columnar::StrColumn;
    use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

    use super::Counts;

    /// Counts the values of `fields` over every collected document.
    pub struct FacetCounter {
        fields: Vec<&'static str>,
    }

    impl FacetCounter {
        pub fn new(fields: Vec<&'static str>) -> Self {
            FacetCounter { fields }
        }
    }

    pub struct SegmentFacetCounter {
        /// Per field, its column (if any document has a value) and each ordinal's count.
        columns: Vec<Option<(StrColumn, Vec<u64>)>>,
    }

    impl Collector for FacetCounter {
        type Fruit = Counts;
        type Child = SegmentFacetCounter;

        fn for_segment(
            &self,
            _segment: SegmentOrdinal,
            reader: &SegmentReader,
        ) -> tantivy::Result<SegmentFacetCounter> {
            let columns = self
                .fields
                .iter()
                .map(|field| {
                    let column = reader.fast_fields().str(field)?;
                    Ok(column.map(|c| {
                        let values = c.dictionary().num_terms();
                        (c, vec![0; values])
                    }))
                })
                .collect::<tantivy::Result<_>>()?;
            Ok(SegmentFacetCounter { columns })
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
            for (column, counts) in self.columns.iter_mut().flatten() {
                let mut values: Vec<u64> = column.ords().values_for_doc(doc).collect();
                values.sort_unstable();
                values.dedup();
                for ord in values {
                    counts[ord as usize] += 1;
                }
            }
        }

        fn harvest(self) -> Counts {
            self.columns
                .into_iter()
                .map(|column| {
                    let mut out = BTreeMap::new();
                    if let Some((column, counts)) = column {
                        for (ord, n) in counts.into_iter().enumerate() {
                            let mut name = String::new();
                            if n > 0 && column.ord_to_str(ord as u64, &mut name).is_ok() {
                                out.insert(name, n);
                            }
                        }
                    }
                    out
                })
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A facet of `max_doc` documents where document `d` has the values `values(d)`.
    fn facet(max_doc: u32, names: usize, values: impl Fn(u32) -> Vec<u32>) -> SegmentFacet {
        let mut facet = SegmentFacet {
            names: Names::default(),
            starts: Vec::new(),
            ords: Vec::new(),
            docs: vec![Bits::new(max_doc); names],
            totals: vec![0; names],
        };
        for i in 0..names {
            facet.names.push(&format!("v{i:03}"));
        }
        for doc in 0..max_doc {
            facet.starts.push(facet.ords.len() as u32);
            for ord in values(doc) {
                facet.ords.push(ord);
                facet.docs[ord as usize].insert(doc);
                facet.totals[ord as usize] += 1;
            }
        }
        facet.starts.push(facet.ords.len() as u32);
        facet
    }

    #[test]
    fn every_way_of_counting_gives_each_value_s_count() {
        // One value per document of many (as municipalities), and several of few (as years).
        let one_of_many = facet(1000, 290, |d| vec![d * 7 % 290]);
        let several = facet(1000, 12, |d| (0..d % 4).map(|k| (d + k) % 12).collect());
        // From no match to every one, and every one but those: each way of counting is
        // taken somewhere on the way.
        for every in [1000, 500, 97, 13, 3, 2, 1] {
            for offset in [0, 1] {
                let mut some = Bits::new(1000);
                for doc in (offset..1000).step_by(every) {
                    some.insert(doc);
                }
                let mut all_but_those = Bits::full(1000);
                all_but_those.and_not(&some);
                for (facet, matched) in [&one_of_many, &several]
                    .into_iter()
                    .flat_map(|facet| [(facet, &some), (facet, &all_but_those)])
                {
                    let mut expected = vec![0u64; facet.names.len()];
                    for doc in matched.iter() {
                        for &ord in facet.values_of(doc) {
                            expected[ord as usize] += 1;
                        }
                    }
                    assert_eq!(
                        facet.count(matched, matched.len()),
                        expected,
                        "every {every}"
                    );
                }
            }
        }
    }

    #[test]
    fn counts_of_segments_add_up_by_value() {
        let a = Arc::new(facet(4, 3, |d| vec![d % 3]));
        let b = Arc::new(facet(2, 2, |d| vec![d]));
        let merged = merge([&(a, vec![2, 0, 5]), &(b, vec![1, 3])]);
        let expected: BTreeMap<String, u64> = [("v000", 3), ("v001", 3), ("v002", 5)]
            .map(|(v, n)| (v.to_owned(), n))
            .into();
        assert_eq!(merged, expected);
    }
}
