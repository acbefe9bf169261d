//! Words inside compounds (`livsmedel` in `livsmedelsförsörjning`, `barometer` in
//! `innovationsbarometern`), found in the library's vocabulary rather than in every entry.
//!
//! Each segment's words (the terms of the Swedish text fields, folded) are read once,
//! with the words each three-byte sequence occurs in. A query word's compounds are the words
//! that contain it: the shortest of its sequences' lists of words, each word checked. Their
//! documents are read straight from the postings the segment's term dictionary points to,
//! into one bit set per segment; a rare term's few documents, and a common term's bit set,
//! are read with the words, once, and kept beside them (every common term's, short words such
//! as `och` too: finding every match ORs them instead of reading postings, see
//! [`Vocabulary::dense_term`]). So the index holds nothing extra for compounds: a word is
//! kept once per segment in memory, not once per entry on disk (a field of every entry's word
//! endings, tried first, made the index three times as large and its rebuild twice as slow;
//! a sorted list of every word's endings took 0.3 s to make at 100 000 entries, paid by the
//! first search of every command-line search).

use std::collections::HashMap;
use std::sync::Arc;

use rustc_hash::FxHashMap;
use tantivy::index::{InvertedIndexReader, SegmentId};
use tantivy::postings::TermInfo;
use tantivy::query::{
    BitSetDocSet, ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{BitSet, DocId, DocSet, Score, Searcher, SegmentReader, TantivyError, Term};

use crate::bits::Bits;
use crate::index::PART_CHARS;
use crate::segment_cache::SegmentCache;

/// The words of one segment's text fields, folded.
pub struct Vocabulary {
    words: Vec<Box<str>>,
    /// Each word's terms (each way it is written) in each text field where it occurs.
    terms: Vec<Vec<WordTerm>>,
    /// In how many documents of the segment each word is, by its most common term (so a word
    /// written two ways in one field is counted low).
    doc_freq: Vec<u32>,
    /// For each three bytes, the words (ascending) that contain them.
    trigrams: FxHashMap<[u8; 3], Vec<u32>>,
    /// The documents of the rare terms, each term's together.
    rare_docs: Vec<DocId>,
    /// The documents of the common terms, one bit set each.
    dense: Vec<Bits>,
    /// Per field, its common terms (short words too) by their bytes: the place of each one's
    /// bit set in `dense`. The step that finds every match ORs a query word's bit set instead
    /// of reading its postings, which for `och` are every document of the segment.
    dense_terms: Vec<(Field, DenseTerms)>,
    /// Every word, short ones too, with the ways the fields write it other than as the word
    /// itself (most are written only so, and keep no list): a query word's forms without
    /// searching each field's term dictionary again.
    forms: FxHashMap<Box<str>, Forms>,
}

/// How a folded word is written: whether as itself, and its other ways.
#[derive(Default)]
struct Forms {
    as_folded: bool,
    others: Vec<Box<str>>,
}

/// A field's common terms by their bytes, each with the place of its bit set.
type DenseTerms = FxHashMap<Box<[u8]>, u32>;

/// A term in at most this many documents has them kept with the words: most compounds are
/// rare, and a query word inside hundreds of them would otherwise open hundreds of postings
/// lists per segment and field, each for a handful of documents.
const RARE_DOCS: u32 = 32;

/// A term in at least this share of a segment's documents has them kept as a bit set: a
/// query word inside a common compound ORs a few thousand machine words instead of decoding
/// tens of thousands of postings. (At the threshold the bit set is four bytes per document
/// of the term; at 100 000 entries about 740 terms per large segment, some 4 MB.)
const DENSE_SHARE: u32 = 32;

/// A way one word is written, in one field.
struct WordTerm {
    field: Field,
    info: TermInfo,
    docs: TermDocs,
}

/// Where a term's documents are read from.
enum TermDocs {
    /// Its postings.
    Postings,
    /// `rare_docs[start..start + doc_freq]`.
    Rare { start: u32 },
    /// `dense[i]`.
    Dense(u32),
}

impl Vocabulary {
    fn read(reader: &SegmentReader, fields: &[Field]) -> tantivy::Result<Vocabulary> {
        let mut ids: FxHashMap<Box<str>, u32> = FxHashMap::default();
        let mut vocabulary = Vocabulary {
            words: Vec::new(),
            terms: Vec::new(),
            doc_freq: Vec::new(),
            trigrams: FxHashMap::default(),
            rare_docs: Vec::new(),
            dense: Vec::new(),
            dense_terms: Vec::new(),
            forms: FxHashMap::default(),
        };
        let dense_from = (reader.max_doc() / DENSE_SHARE).max(RARE_DOCS + 1);
        for &field in fields {
            let index = reader.inverted_index(field)?;
            let mut dense_terms = DenseTerms::default();
            let mut terms = index.terms().stream()?;
            while terms.advance() {
                let info = terms.value().clone();
                let dense = if info.doc_freq >= dense_from {
                    let mut bits = Bits::new(reader.max_doc());
                    for_each_block(&index, &info, |docs| {
                        docs.iter().for_each(|&doc| bits.insert(doc))
                    })?;
                    let i = vocabulary.dense.len() as u32;
                    vocabulary.dense.push(bits);
                    dense_terms.insert(terms.key().into(), i);
                    Some(i)
                } else {
                    None
                };
                let Ok(written) = std::str::from_utf8(terms.key()) else {
                    continue;
                };
                // `välfärd` and a `valfard` of another entry are one word here, as a query
                // folds them.
                let word = crate::fold::fold(written);
                // Looked up before inserting: most terms' words are already there.
                let forms = match vocabulary.forms.get_mut(word.as_ref()) {
                    Some(forms) => forms,
                    None => vocabulary.forms.entry(word.as_ref().into()).or_default(),
                };
                if written == word.as_ref() {
                    forms.as_folded = true;
                } else if !forms.others.iter().any(|form| form.as_ref() == written) {
                    forms.others.push(written.into());
                }
                if word.chars().count() < PART_CHARS {
                    continue;
                }
                let id = match ids.get(word.as_ref()) {
                    Some(&id) => id,
                    None => {
                        let id = vocabulary.words.len() as u32;
                        ids.insert(word.as_ref().into(), id);
                        vocabulary.words.push(word.as_ref().into());
                        vocabulary.terms.push(Vec::new());
                        vocabulary.doc_freq.push(0);
                        for trigram in word.as_bytes().windows(3) {
                            let list = vocabulary
                                .trigrams
                                .entry([trigram[0], trigram[1], trigram[2]])
                                .or_default();
                            if list.last() != Some(&id) {
                                list.push(id);
                            }
                        }
                        id
                    }
                } as usize;
                vocabulary.doc_freq[id] = vocabulary.doc_freq[id].max(info.doc_freq);
                let docs = if let Some(i) = dense {
                    TermDocs::Dense(i)
                } else if info.doc_freq <= RARE_DOCS {
                    let start = vocabulary.rare_docs.len() as u32;
                    for_each_block(&index, &info, |docs| {
                        vocabulary.rare_docs.extend_from_slice(docs)
                    })?;
                    TermDocs::Rare { start }
                } else {
                    TermDocs::Postings
                };
                vocabulary.terms[id].push(WordTerm { field, info, docs });
            }
            vocabulary.dense_terms.push((field, dense_terms));
        }
        Ok(vocabulary)
    }

    /// The documents of `term`, if it is common enough to have them kept as a bit set.
    pub(crate) fn dense_term(&self, term: &Term) -> Option<&Bits> {
        let (_, terms) = self
            .dense_terms
            .iter()
            .find(|(field, _)| *field == term.field())?;
        let i = *terms.get(term.serialized_value_bytes())?;
        self.dense.get(i as usize)
    }

    /// The words that contain `part` (as a word of their own, at their start or inside).
    fn containing(&self, part: &str) -> Vec<u32> {
        let mut lists = Vec::new();
        for trigram in part.as_bytes().windows(3) {
            let Some(list) = self.trigrams.get(&[trigram[0], trigram[1], trigram[2]]) else {
                return Vec::new();
            };
            lists.push(list.as_slice());
        }
        lists.sort_by_key(|list| list.len());
        let Some(shortest) = lists.first() else {
            return Vec::new();
        };
        // The words in the two shortest lists (both ascending), then each checked: a common
        // sequence (`tok` of `utokad`) is in thousands of words, two of them together in few.
        let mut other = lists.get(1).copied().unwrap_or(shortest).iter().peekable();
        shortest
            .iter()
            .copied()
            .filter(|&id| {
                while other.next_if(|&&o| o < id).is_some() {}
                other.peek() == Some(&&id)
            })
            .filter(|&id| self.words[id as usize].contains(part))
            .collect()
    }
}

/// The vocabularies of the index's segments, read once per segment from the same fields.
#[derive(Clone, Debug)]
pub struct VocabularyCache {
    segments: SegmentCache<Vocabulary>,
    fields: Arc<[Field]>,
}

impl VocabularyCache {
    /// A cache of the words of `fields` (the Swedish text fields).
    pub fn new(fields: &[Field]) -> VocabularyCache {
        VocabularyCache {
            segments: SegmentCache::default(),
            fields: fields.into(),
        }
    }

    pub(crate) fn get(&self, reader: &SegmentReader) -> tantivy::Result<Arc<Vocabulary>> {
        self.segments.get(reader, "vocabulary", || {
            Vocabulary::read(reader, &self.fields)
        })
    }

    /// The terms of the text fields that fold to `folded`, each once, sorted: the ways the
    /// library writes one word, as [`crate::fold::written_forms`] finds them in the term
    /// dictionaries. `None` while a segment's words have not been read.
    pub(crate) fn written_forms(&self, searcher: &Searcher, folded: &str) -> Option<Vec<String>> {
        let mut forms: Vec<String> = Vec::new();
        for segment in searcher.segment_readers() {
            let vocabulary = self.read_already(segment)?;
            let Some(written) = vocabulary.forms.get(folded) else {
                continue;
            };
            let as_folded = written.as_folded.then_some(folded);
            for form in as_folded
                .into_iter()
                .chain(written.others.iter().map(AsRef::as_ref))
            {
                if !forms.iter().any(|f| f == form) {
                    forms.push(form.to_owned());
                }
            }
        }
        forms.sort_unstable();
        Some(forms)
    }

    /// The words of `reader`'s segment if they have been read, without waiting for them.
    pub(crate) fn read_already(&self, reader: &SegmentReader) -> Option<Arc<Vocabulary>> {
        self.segments.read_already(reader, "vocabulary")
    }

    /// Forgets the segments that are gone.
    pub fn retain(&self, live: &[SegmentId]) {
        self.segments.retain(live);
    }

    /// The words of each segment of `searcher` that hold `part`, and about how many documents
    /// have one of them: worked out once per query word, for its clauses and its idf.
    pub(crate) fn compounds(&self, searcher: &Searcher, part: &str) -> tantivy::Result<Compounds> {
        // Segment by segment, side by side (the first search of a process reads each
        // segment's words here).
        let per_segment = crate::threads::map(searcher.segment_readers(), |segment| {
            let vocabulary = self.get(segment)?;
            let found = vocabulary.containing(part);
            // The sum over the words: a document with two such words counts twice.
            let doc_freq = found
                .iter()
                .map(|&word| u64::from(vocabulary.doc_freq[word as usize]))
                .sum::<u64>();
            Ok((segment.segment_id(), (vocabulary, found), doc_freq))
        })
        .into_iter()
        .collect::<tantivy::Result<Vec<_>>>()?;
        let mut words = HashMap::new();
        let mut doc_freq = 0;
        for (segment, found, n) in per_segment {
            doc_freq += n;
            words.insert(segment, found);
        }
        Ok(Compounds {
            words: Arc::new(words),
            doc_freq,
        })
    }
}

/// A segment's vocabulary, and the words of it that hold a query word.
type SegmentWords = (Arc<Vocabulary>, Vec<u32>);

/// The words that hold one query word, per segment.
#[derive(Clone)]
pub(crate) struct Compounds {
    words: Arc<HashMap<SegmentId, SegmentWords>>,
    /// About how many documents have one of the words.
    pub doc_freq: u64,
}

impl std::fmt::Debug for Compounds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Compounds({} documents)", self.doc_freq)
    }
}

/// The documents with one of `compounds`' words in one of `fields`, each scoring its boost.
#[derive(Clone, Debug)]
pub(crate) struct CompoundQuery {
    pub compounds: Compounds,
    pub fields: Vec<Field>,
}

impl Query for CompoundQuery {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl CompoundQuery {
    /// The documents of `reader` with one of the words in one of the fields.
    pub(crate) fn docs(&self, reader: &SegmentReader) -> tantivy::Result<Bits> {
        let mut docs = Bits::new(reader.max_doc());
        let Some((vocabulary, words)) = self.compounds.words.get(&reader.segment_id()) else {
            return Ok(docs);
        };
        let indexes = self
            .fields
            .iter()
            .map(|&field| Ok((field, reader.inverted_index(field)?)))
            .collect::<tantivy::Result<Vec<_>>>()?;
        for &word in words {
            for term in &vocabulary.terms[word as usize] {
                let Some((_, index)) = indexes.iter().find(|(f, _)| *f == term.field) else {
                    continue;
                };
                match term.docs {
                    TermDocs::Rare { start } => {
                        let end = start + term.info.doc_freq;
                        for &doc in &vocabulary.rare_docs[start as usize..end as usize] {
                            docs.insert(doc);
                        }
                    }
                    TermDocs::Dense(i) => docs.or(&vocabulary.dense[i as usize]),
                    TermDocs::Postings => for_each_block(index, &term.info, |block| {
                        block.iter().for_each(|&doc| docs.insert(doc))
                    })?,
                }
            }
        }
        Ok(docs)
    }
}

/// Calls `f` with each block of a term's documents, from its postings.
pub(crate) fn for_each_block(
    index: &InvertedIndexReader,
    info: &TermInfo,
    mut f: impl FnMut(&[DocId]),
) -> tantivy::Result<()> {
    let mut postings = index.read_block_postings_from_terminfo(info, IndexRecordOption::Basic)?;
    while !postings.docs().is_empty() {
        f(postings.docs());
        postings.advance();
    }
    Ok(())
}

impl Weight for CompoundQuery {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut docs = BitSet::with_max_value(reader.max_doc());
        for doc in self.docs(reader)?.iter() {
            docs.insert(doc);
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

#[cfg(test)]
mod tests {
    use model::query::SearchRequest;
    use model::validate::parse_entry;

    use super::TermDocs;

    #[test]
    fn the_words_holding_a_part_are_every_word_that_holds_it() {
        let dir = tempfile::tempdir().unwrap();
        let (_store, index) = crate::test_library(dir.path(), crate::starter_entries());
        let searcher = index.searcher();
        for segment in searcher.segment_readers() {
            let vocabulary = index.vocabulary.get(segment).unwrap();
            for part in [
                "livsmedel",
                "matsal",
                "valfard",
                "utveckl",
                "ning",
                "tion",
                "zzzz",
            ] {
                let expected: Vec<u32> = (0..vocabulary.words.len() as u32)
                    .filter(|&id| vocabulary.words[id as usize].contains(part))
                    .collect();
                assert_eq!(vocabulary.containing(part), expected, "{part}");
            }
        }
    }

    #[test]
    fn the_forms_kept_with_the_words_are_those_the_term_dictionaries_give() {
        let dir = tempfile::tempdir().unwrap();
        let (_store, index) = crate::test_library(dir.path(), crate::starter_entries());
        let searcher = index.searcher();
        let fields = index.fields.swedish_text();
        assert_eq!(index.vocabulary.written_forms(&searcher, "orebro"), None);
        index.warm().unwrap();
        let mut words: Vec<String> = Vec::new();
        for segment in searcher.segment_readers() {
            words.extend(
                index
                    .vocabulary
                    .get(segment)
                    .unwrap()
                    .forms
                    .keys()
                    .map(|w| w.to_string()),
            );
        }
        words.extend(["och", "i", "orebro", "valfard", "saknasheltord"].map(String::from));
        assert!(words.len() > 500, "{}", words.len());
        for word in &words {
            assert_eq!(
                index.vocabulary.written_forms(&searcher, word),
                Some(crate::fold::written_forms(&searcher, &fields, word).unwrap()),
                "{word}"
            );
        }
        let orebro = index.vocabulary.written_forms(&searcher, "orebro").unwrap();
        assert!(orebro.contains(&"örebro".to_owned()), "{orebro:?}");
    }

    #[test]
    fn a_word_inside_compounds_finds_them_whether_they_are_rare_or_common() {
        // Three compounds of `livsmedel`: in 10 entries (its documents kept with the words),
        // in every 40th (read from its postings) and in every third (kept as a bit set).
        let has = |i: usize| [i < 10, i % 40 == 7, i % 3 == 2];
        let compounds = ["livsmedelsstrategi", "livsmedelsbutik", "livsmedelsverket"];
        let entries: Vec<_> = (0..3000)
            .map(|i| {
                let mut words = vec!["ett", "exempel", "om", "mat"];
                for (word, has) in compounds.iter().zip(has(i)) {
                    if has {
                        words.push(word);
                    }
                }
                let json = serde_json::json!({
                    "kind": "exempel",
                    "title": format!("Exempel {i}"),
                    "summary": words.join(" "),
                    "status": "publicerad",
                });
                let mut entry = parse_entry(&json.to_string()).unwrap();
                entry.id = format!("e{i}");
                entry.uid = format!("00000000-0000-4000-8000-{i:012}");
                entry
            })
            .collect();
        let expected = (0..3000).filter(|&i| has(i).contains(&true)).count() as u64;

        let dir = tempfile::tempdir().unwrap();
        let (store, index) = crate::test_library(dir.path(), entries);
        let found =
            crate::query::search(&index, &store, &SearchRequest::query("livsmedel")).unwrap();
        assert_eq!(found.total, expected);

        // Each way of keeping a term's documents was taken.
        let searcher = index.searcher();
        let mut kinds = [false; 3];
        for segment in searcher.segment_readers() {
            let vocabulary = index.vocabulary.get(segment).unwrap();
            for word in vocabulary.containing("livsmedel") {
                for term in &vocabulary.terms[word as usize] {
                    kinds[match term.docs {
                        TermDocs::Rare { .. } => 0,
                        TermDocs::Postings => 1,
                        TermDocs::Dense(_) => 2,
                    }] = true;
                }
            }
        }
        assert_eq!(kinds, [true; 3]);
    }
}
