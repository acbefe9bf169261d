//! Mistyped words: what the hits were found for when a word of the query is not in the library
//! ("Visar träffar för *livsmedel*"), and, when nothing matched, the nearest words the library
//! has ("Menade du *livsmedel*?").
//!
//! The candidates for a word are the terms of the Swedish text fields (the same terms the
//! query's fuzzy clauses match) within one or two edits of the word's folded stem, found with
//! tantivy's Levenshtein automaton over the term dictionary, folding the terms as it reads
//! them ([`crate::fold`]): the nearest first, then the most common. A candidate counts only
//! when an entry the request may see (its status and its filters) has it, so a reader is
//! never offered a word that only a draft contains. It is shown as that entry writes it: the
//! first of its words whose stem is the candidate.
//!
//! Spelling is help, never a reason for a search to fail: an error here means no note.

use std::collections::{HashMap, HashSet};

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, SimpleTokenizer, TextAnalyzer};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use store::Store;

use crate::fold::{fold, fuzzy, written_forms};
use crate::index::{Fields, names_text, stem_analyzer, unfolded_stem_analyzer};
use crate::query::{QueryPart, analyze, swedish_for};

/// At most this many candidates are checked against the request's filters, per word.
const MAX_CANDIDATES: usize = 32;

/// The Swedish fields of the entry's own text (not its attachments: a word is shown as the
/// entry writes it, and an attachment's text is not shown).
fn text_fields(f: &Fields) -> [Field; 4] {
    [f.title, f.summary, f.names, f.body]
}

/// Whether the library has the folded stem `word` in any of its Swedish text fields.
pub(crate) fn in_library(searcher: &Searcher, f: &Fields, word: &str) -> bool {
    written_forms(searcher, &f.swedish_text(), word).is_ok_and(|forms| !forms.is_empty())
}

/// The edits the search allows a word of `chars` letters it does not know (its fuzzy clauses).
pub(crate) fn search_distance(chars: usize) -> u8 {
    match chars {
        0..=4 => 0,
        5..=9 => 1,
        _ => 2,
    }
}

/// The edits a suggestion may be away from a word of `chars` letters, when nothing matched.
fn suggestion_distance(chars: usize) -> u8 {
    match chars {
        0..=2 => 0,
        3..=4 => 1,
        _ => 2,
    }
}

pub(crate) struct Speller<'a> {
    searcher: &'a Searcher,
    fields: Fields,
    store: &'a Store,
    /// The request's status and facet filters: a candidate must be in an entry they pass.
    filters: &'a [(Occur, Box<dyn Query>)],
    folded: TextAnalyzer,
    /// Stemmed, not folded: a word as the index holds it.
    stems: TextAnalyzer,
    /// Words folded but not stemmed: a typo can change the stem's ending (`försörjnig` loses
    /// its `ig` to the stemmer), while the whole word is still one edit from the library's.
    unstemmed: TextAnalyzer,
}

impl<'a> Speller<'a> {
    pub(crate) fn new(
        searcher: &'a Searcher,
        fields: Fields,
        store: &'a Store,
        filters: &'a [(Occur, Box<dyn Query>)],
    ) -> Self {
        Speller {
            searcher,
            fields,
            store,
            filters,
            folded: stem_analyzer(),
            stems: unfolded_stem_analyzer(),
            unstemmed: TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
        }
    }

    /// The query as its hits read it: each word the library lacks that the search matched
    /// fuzzily, replaced by the nearest word it has. `None` when no word was replaced.
    pub(crate) fn corrected(&mut self, parts: &[QueryPart]) -> Option<String> {
        self.rewrite(parts, |speller, part, word, chars| {
            // The last word while typing: a word the library has begins with it.
            if part.prefix && speller.begins_a_word(word) {
                return None;
            }
            // An English word the glossary translates was not a typo.
            if swedish_for(&part.text).is_some() {
                return None;
            }
            Some(search_distance(chars))
        })
    }

    /// When nothing matched: the query with each word the library lacks replaced by the
    /// nearest an entry the request may see has. `None` when no word could be replaced.
    pub(crate) fn suggestion(&mut self, parts: &[QueryPart]) -> Option<String> {
        self.rewrite(parts, |_, _, _, chars| Some(suggestion_distance(chars)))
    }

    /// `parts` as a query again, each plain word the library lacks replaced by its nearest
    /// word within the distance `allowed` gives it (none: kept as typed).
    fn rewrite(
        &mut self,
        parts: &[QueryPart],
        allowed: impl Fn(&mut Self, &QueryPart, &str, usize) -> Option<u8>,
    ) -> Option<String> {
        let mut replaced = false;
        let mut out = Vec::with_capacity(parts.len());
        for part in parts {
            let mut text = if part.phrase {
                format!("\"{}\"", part.text)
            } else {
                part.text.clone()
            };
            if !part.phrase && !part.stop_word {
                let folded = analyze(&mut self.folded, &part.text);
                if let [word] = folded.as_slice()
                    && !in_library(self.searcher, &self.fields, word)
                {
                    let chars = part.text.chars().count();
                    if let Some(distance) = allowed(self, part, word, chars)
                        && distance > 0
                    {
                        let unstemmed = analyze(&mut self.unstemmed, &part.text);
                        let meant =
                            self.nearest(word, distance)
                                .or_else(|| match unstemmed.as_slice() {
                                    [whole] if whole != word => self.nearest(whole, distance),
                                    _ => None,
                                });
                        if let Some(meant) = meant {
                            text = meant;
                            replaced = true;
                        }
                    }
                }
            }
            out.push(text);
        }
        replaced.then(|| out.join(" "))
    }

    /// Whether a term of the text fields, folded, begins with the folded `word`.
    fn begins_a_word(&self, word: &str) -> bool {
        let Ok(automaton) = fuzzy(word, 0, true) else {
            return false;
        };
        self.searcher.segment_readers().iter().any(|segment| {
            text_fields(&self.fields).iter().any(|&field| {
                let Ok(index) = segment.inverted_index(field) else {
                    return false;
                };
                let Ok(mut terms) = index.terms().search(&automaton).into_stream() else {
                    return false;
                };
                terms.advance()
            })
        })
    }

    /// The nearest word to the folded stem `word`, at most `max` edits away, as the first entry
    /// the request may see that has it writes it.
    fn nearest(&mut self, word: &str, max: u8) -> Option<String> {
        let mut tried = HashSet::new();
        for distance in 1..=max.min(2) {
            let mut candidates: Vec<(String, u32)> =
                self.candidates(word, distance).into_iter().collect();
            // The most common first; equal counts in alphabetical order, so the answer is
            // the same every time.
            candidates.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            for (term, _) in candidates {
                if tried.len() >= MAX_CANDIDATES {
                    return None;
                }
                if !tried.insert(term.clone()) {
                    continue;
                }
                if let Some(address) = self.visible_with(&term) {
                    return Some(self.written(address, &term).unwrap_or(term));
                }
            }
        }
        None
    }

    /// The terms of the text fields within `distance` edits of the folded `word` once folded
    /// (but not the word itself), with how many documents have each (summed over fields and
    /// segments).
    fn candidates(&self, word: &str, distance: u8) -> HashMap<String, u32> {
        let mut found: HashMap<String, u32> = HashMap::new();
        let Ok(automaton) = fuzzy(word, distance, false) else {
            return found;
        };
        for segment in self.searcher.segment_readers() {
            for field in text_fields(&self.fields) {
                let Ok(index) = segment.inverted_index(field) else {
                    continue;
                };
                let Ok(mut terms) = index.terms().search(&automaton).into_stream() else {
                    continue;
                };
                while terms.advance() {
                    if let Ok(term) = std::str::from_utf8(terms.key())
                        && fold(term) != word
                    {
                        *found.entry(term.to_owned()).or_default() += terms.value().doc_freq;
                    }
                }
            }
        }
        found
    }

    /// An entry the request may see whose text has the term `term`.
    fn visible_with(&self, term: &str) -> Option<DocAddress> {
        let any_field: Vec<(Occur, Box<dyn Query>)> = text_fields(&self.fields)
            .iter()
            .map(|&field| {
                let q: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(field, term),
                    IndexRecordOption::Basic,
                ));
                (Occur::Should, q)
            })
            .collect();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = self
            .filters
            .iter()
            .map(|(occur, q)| (*occur, q.box_clone()))
            .collect();
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(any_field))));
        let top = self
            .searcher
            .search(
                &BooleanQuery::new(clauses),
                &TopDocs::with_limit(1).order_by_score(),
            )
            .ok()?;
        top.first().map(|(_, address)| *address)
    }

    /// The first word of the entry at `address` whose stem is the term `term`, as it is written
    /// there (lower case).
    fn written(&mut self, address: DocAddress, term: &str) -> Option<String> {
        let doc: TantivyDocument = self.searcher.doc(address).ok()?;
        let uid = doc
            .get_first(self.fields.uid)
            .and_then(|v| tantivy::schema::Value::as_str(&v))?
            .to_owned();
        let entry = self.store.live_by_uids(&[uid]).ok()?.into_iter().next()?;
        let body: Vec<&str> = entry.sections.iter().map(|(_, text)| text).collect();
        let names = names_text(&entry);
        let mut words = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .build();
        for text in [entry.title.as_str(), entry.summary.as_str(), &names]
            .into_iter()
            .chain(body)
        {
            for written in analyze(&mut words, text) {
                if analyze(&mut self.stems, &written)
                    .first()
                    .map(String::as_str)
                    == Some(term)
                {
                    return Some(written);
                }
            }
        }
        None
    }
}
