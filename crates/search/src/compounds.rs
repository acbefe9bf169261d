//! Words inside compounds (`livsmedel` in `livsmedelsförsörjning`, `barometer` in
//! `innovationsbarometern`), found in the library's vocabulary rather than in every entry.
//!
//! Each segment's words (the terms of the Swedish text fields: folded stems) are read once
//! into a list of their endings of at least [`PART_CHARS`] letters, sorted. A query word's
//! compounds are the words with an ending that starts with it: one binary search. Their
//! documents are read straight from the postings the segment's term dictionary points to, into
//! one bit set per segment. So the index holds nothing extra for compounds: a word's endings
//! are kept once per segment in memory, not once per entry on disk (a field of every entry's
//! word endings, tried first, made the index three times as large and its rebuild twice as
//! slow).

use std::collections::BTreeMap;
use std::sync::Arc;

use tantivy::index::SegmentId;
use tantivy::postings::TermInfo;
use tantivy::query::{
    BitSetDocSet, ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{BitSet, DocId, DocSet, Score, Searcher, SegmentReader, TantivyError};

use crate::index::PART_CHARS;
use crate::segment_cache::SegmentCache;

/// The words of one segment's text fields and their endings.
pub struct Vocabulary {
    /// Each word's term in each text field where it occurs: (field, term info).
    terms: Vec<Vec<(Field, TermInfo)>>,
    /// In how many documents of the segment each word is, in the field where it is most
    /// common.
    doc_freq: Vec<u32>,
    /// Each word's text, in the order of `terms`.
    words: Vec<String>,
    /// (word, byte offset) of every ending of at least [`PART_CHARS`] letters, sorted by the
    /// ending's text.
    endings: Vec<(u32, u16)>,
}

impl Vocabulary {
    fn read(reader: &SegmentReader, fields: &[Field]) -> tantivy::Result<Vocabulary> {
        let mut by_word: BTreeMap<String, (u32, Vec<(Field, TermInfo)>)> = BTreeMap::new();
        for &field in fields {
            let index = reader.inverted_index(field)?;
            let mut terms = index.terms().stream()?;
            while terms.advance() {
                let Ok(word) = std::str::from_utf8(terms.key()) else {
                    continue;
                };
                if word.len() < PART_CHARS || word.len() > usize::from(u16::MAX) {
                    continue;
                }
                let info = terms.value().clone();
                let slot = by_word.entry(word.to_owned()).or_default();
                slot.0 = slot.0.max(info.doc_freq);
                slot.1.push((field, info));
            }
        }
        let mut words = Vec::with_capacity(by_word.len());
        let mut doc_freq = Vec::with_capacity(by_word.len());
        let mut terms = Vec::with_capacity(by_word.len());
        for (word, (n, infos)) in by_word {
            words.push(word);
            doc_freq.push(n);
            terms.push(infos);
        }
        let mut endings = Vec::new();
        for (i, word) in words.iter().enumerate() {
            let starts: Vec<usize> = word.char_indices().map(|(at, _)| at).collect();
            if starts.len() < PART_CHARS {
                continue;
            }
            for &at in &starts[..=starts.len() - PART_CHARS] {
                endings.push((i as u32, at as u16));
            }
        }
        let ending = |&(word, at): &(u32, u16)| &words[word as usize][usize::from(at)..];
        endings.sort_unstable_by(|a, b| ending(a).cmp(ending(b)));
        Ok(Vocabulary {
            terms,
            doc_freq,
            words,
            endings,
        })
    }

    /// The words that have `part` at the start of one of their endings, each once.
    fn containing(&self, part: &str) -> Vec<u32> {
        let ending = |&(word, at): &(u32, u16)| &self.words[word as usize][usize::from(at)..];
        let first = self.endings.partition_point(|e| ending(e) < part);
        let mut found: Vec<u32> = self.endings[first..]
            .iter()
            .take_while(|e| ending(e).starts_with(part))
            .map(|e| e.0)
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// The vocabularies of the index's segments, read once per segment.
#[derive(Clone, Debug, Default)]
pub struct VocabularyCache(SegmentCache<Vocabulary>);

impl VocabularyCache {
    fn get(&self, reader: &SegmentReader, fields: &[Field]) -> tantivy::Result<Arc<Vocabulary>> {
        self.0
            .get(reader, "vocabulary", || Vocabulary::read(reader, fields))
    }

    /// Forgets the segments that are gone.
    pub fn retain(&self, live: &[SegmentId]) {
        self.0.retain(live);
    }

    /// About how many documents have a word of `fields` that holds `part` (the sum over the
    /// words, so a document with two such words counts twice): for the idf of the match.
    pub(crate) fn doc_freq(
        &self,
        searcher: &Searcher,
        fields: &[Field],
        part: &str,
    ) -> tantivy::Result<u64> {
        let mut total = 0;
        for segment in searcher.segment_readers() {
            let vocabulary = self.get(segment, fields)?;
            for word in vocabulary.containing(part) {
                total += u64::from(vocabulary.doc_freq[word as usize]);
            }
        }
        Ok(total)
    }
}

/// The documents with a word that holds `part` in one of `fields` (the searched ones among
/// the vocabulary's `all`), each scoring its boost.
#[derive(Clone, Debug)]
pub(crate) struct CompoundQuery {
    pub cache: VocabularyCache,
    /// The fields the vocabulary is read from (the same for every query, so one vocabulary
    /// per segment serves them all).
    pub all: Vec<Field>,
    pub fields: Vec<Field>,
    pub part: String,
}

impl Query for CompoundQuery {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for CompoundQuery {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let vocabulary = self.cache.get(reader, &self.all)?;
        let mut docs = BitSet::with_max_value(reader.max_doc());
        for word in vocabulary.containing(&self.part) {
            for (field, info) in &vocabulary.terms[word as usize] {
                if !self.fields.contains(field) {
                    continue;
                }
                let index = reader.inverted_index(*field)?;
                let mut postings =
                    index.read_block_postings_from_terminfo(info, IndexRecordOption::Basic)?;
                while !postings.docs().is_empty() {
                    for &doc in postings.docs() {
                        docs.insert(doc);
                    }
                    postings.advance();
                }
            }
        }
        Ok(Box::new(ConstScorer::new(BitSetDocSet::from(docs), boost)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) == doc {
            Ok(Explanation::new("a word that holds the query word", 1.0))
        } else {
            Err(TantivyError::InvalidArgument(
                "the document has no word that holds the query word".to_owned(),
            ))
        }
    }
}
