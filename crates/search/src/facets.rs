//! Facet counts over all matches of a query, read from fast fields.
//!
//! Each facet is a multi-valued `STRING | FAST` field. Per segment the collector counts term
//! ordinals in a plain vector, and only at the end turns the ordinals that were seen into
//! strings: far cheaper per matching document than tantivy's `FacetCollector`, which matters
//! when an empty query browses the whole library.

use std::collections::BTreeMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Counts per value, one map per facet field, in the order the fields were given.
pub type Counts = Vec<BTreeMap<String, u64>>;

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
    columns: Vec<Option<StrColumn>>,
    counts: Vec<Vec<u64>>,
}

impl Collector for FacetCounter {
    type Fruit = Counts;
    type Child = SegmentFacetCounter;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFacetCounter> {
        let mut columns = Vec::with_capacity(self.fields.len());
        for field in &self.fields {
            columns.push(reader.fast_fields().str(field)?);
        }
        let counts = columns
            .iter()
            .map(|c| vec![0; c.as_ref().map_or(0, |c| c.dictionary().num_terms())])
            .collect();
        Ok(SegmentFacetCounter { columns, counts })
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
        for (column, counts) in self.columns.iter().zip(&mut self.counts) {
            if let Some(column) = column {
                for ord in column.ords().values_for_doc(doc) {
                    counts[ord as usize] += 1;
                }
            }
        }
    }

    fn harvest(self) -> Counts {
        self.columns
            .iter()
            .zip(self.counts)
            .map(|(column, counts)| {
                let mut out = BTreeMap::new();
                let Some(column) = column else { return out };
                for (ord, n) in counts.into_iter().enumerate().filter(|(_, n)| *n > 0) {
                    let mut value = String::new();
                    if column.ord_to_str(ord as u64, &mut value).unwrap_or(false) {
                        out.insert(value, n);
                    }
                }
                out
            })
            .collect()
    }
}
