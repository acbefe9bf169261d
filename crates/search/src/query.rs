//! Swedish search: from the words a civil servant types to ranked hits, snippets and facet
//! counts.
//!
//! The query is read leniently, so no syntax error ever reaches the user: words are split
//! on white space, `"quoted text"` is a phrase, and every word must match (stop words and,
//! when fewer than three entries match every word, the others become optional). Each word is looked for in
//! several ways at once, with the boosts in [`Boosts`]: the Swedish fields' stemmed terms,
//! folded as they are read (`Orebro` finds `Örebro`, `måltider` finds `måltid`; see
//! [`crate::fold`]), with a bonus where the entry writes the word as the query does (`får`, not
//! `far`), the words of the library that hold it
//! (a word inside a compound, [`crate::compounds`]), a one- or two-edit fuzzy match (typos),
//! and, for the last word while the user types, a prefix.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use tantivy::query::{
    BooleanQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Score, TantivyDocument, Term};

use model::error::Result;
pub use model::query::{Facets, Hit, MAX_LIMIT, SearchRequest, SearchResponse, SortOrder};
use model::text::nfc;
use model::{Entry, Status};
use store::Store;

use crate::compounds::CompoundQuery;
use crate::fold::{FoldedTermsQuery, fuzzy, written_forms};
use crate::index::{
    Fields, OTHER_LANGUAGES, PART_CHARS, SearchIndex, fold_analyzer, other_analyzer, stem_analyzer,
    stop_word_analyzer, unfolded_stem_analyzer,
};
use crate::plan::{self, Clause, Found, Recount, TextQuery};
use crate::snippet;
use crate::spelling::{Speller, search_distance};

/// Every boost in one place.
pub struct Boosts;

impl Boosts {
    pub const TITLE: Score = 4.0;
    pub const SUMMARY: Score = 2.5;
    pub const NAMES: Score = 2.0;
    pub const BODY: Score = 1.0;
    /// Text found only in an attached file counts for less than the entry's own words.
    pub const ATTACHMENTS: Score = 0.5;
    /// A word inside a compound, times the rarity (BM25's idf) of the compounds that hold it.
    pub const PARTS: Score = 1.0;
    /// How much more the word counts written as the query writes it, with or without å, ä and
    /// ö, where the library writes it both ways (see `QueryBuilder::forms_query`).
    pub const AS_WRITTEN: Score = 0.4;
    /// A word inside a compound of the title.
    pub const TITLE_PARTS: Score = 2.0;
    pub const FUZZY: Score = 0.25;
    pub const PREFIX: Score = 0.6;
    /// The text of an entry in another language counts as the summary does; its title as a
    /// title.
    pub const OTHER_TEXT: Score = 2.0;
    /// The known last part of a compound the library lacks.
    pub const COMPOUND_HEAD: Score = 0.5;
}

/// A compound's first part has at least this many letters, its last part at least
/// [`COMPOUND_HEAD_CHARS`].
const COMPOUND_MODIFIER_CHARS: usize = 3;
const COMPOUND_HEAD_CHARS: usize = 4;

/// A phrase is looked for in at most this many spellings (its words written with or without
/// å, ä and ö, as the library writes them).
const MAX_PHRASE_FORMS: usize = 16;

/// When every word is required and fewer than this many entries match, any word may match
/// instead: a natural-language question rarely has all its words in one entry.
const RELAX_BELOW: u64 = 3;

/// English words a user may type, with the Swedish word the entries use. Small on purpose:
/// the words of this domain, not a dictionary.
const ENGLISH: &[(&str, &str)] = &[
    ("agreement", "överenskommelse"),
    ("automated", "automatiserad"),
    ("automation", "automatisering"),
    ("care", "omsorg"),
    ("chatbot", "chattbot"),
    ("citizen", "medborgare"),
    ("citizens", "medborgare"),
    ("collaboration", "samverkan"),
    ("cooperation", "samarbete"),
    ("county", "län"),
    ("decision", "beslut"),
    ("decisions", "beslut"),
    ("declaration", "deklaration"),
    ("diffusion", "spridning"),
    ("digitalisation", "digitalisering"),
    ("digitalization", "digitalisering"),
    ("ehealth", "e-hälsa"),
    ("elderly", "äldre"),
    ("event", "evenemang"),
    ("food", "livsmedel"),
    ("health", "hälsa"),
    ("leadership", "ledarskap"),
    ("meal", "måltid"),
    ("meals", "måltider"),
    ("measurement", "mätning"),
    ("measuring", "mätning"),
    ("method", "metod"),
    ("municipalities", "kommuner"),
    ("municipality", "kommun"),
    ("network", "nätverk"),
    ("principles", "principer"),
    ("procurement", "upphandling"),
    ("public", "offentlig"),
    ("report", "rapport"),
    ("school", "skola"),
    ("service", "tjänst"),
    ("skills", "kompetens"),
    ("spreading", "spridning"),
    ("supply", "försörjning"),
    ("survey", "undersökning"),
    ("sustainable", "hållbar"),
    ("technology", "teknik"),
    ("testbed", "testbädd"),
    ("training", "utbildning"),
    ("user", "användare"),
    ("week", "vecka"),
    ("welfare", "välfärd"),
];

/// The Swedish word for an English one, if the glossary has it.
pub(crate) fn swedish_for(word: &str) -> Option<&'static str> {
    let lower = word.to_lowercase();
    ENGLISH
        .binary_search_by(|(en, _)| en.cmp(&lower.as_str()))
        .ok()
        .map(|i| ENGLISH[i].1)
}

/// The English words for a Swedish one, by its folded Swedish stem (`automatiser`, from
/// `automatiserade` → `automated`), so a Swedish query finds entries written in English.
pub(crate) fn english_for(stem: &str) -> &'static [&'static str] {
    static BY_STEM: std::sync::OnceLock<std::collections::HashMap<String, Vec<&'static str>>> =
        std::sync::OnceLock::new();
    let by_stem = BY_STEM.get_or_init(|| {
        let mut stem = stem_analyzer();
        let mut map: std::collections::HashMap<String, Vec<&'static str>> = Default::default();
        for (en, sv) in ENGLISH {
            if let Some(key) = analyze(&mut stem, sv).into_iter().next() {
                map.entry(key).or_default().push(en);
            }
        }
        map
    });
    by_stem.get(stem).map_or(&[], Vec::as_slice)
}

/// One part of the query: a word or a quoted phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QueryPart {
    pub(crate) text: String,
    pub(crate) phrase: bool,
    /// The last word, still being typed.
    pub(crate) prefix: bool,
    pub(crate) stop_word: bool,
}

/// Splits the query leniently: unbalanced quotes simply end at the end of the text.
fn parse(query: &str, prefix_last: bool) -> Vec<QueryPart> {
    let query = nfc(query);
    let mut parts = Vec::new();
    let mut in_quote = false;
    let mut current = String::new();
    let push = |parts: &mut Vec<QueryPart>, text: &str, phrase: bool| {
        let text = text.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && !phrase);
        let text = text.trim();
        if text.chars().any(char::is_alphanumeric) {
            parts.push(QueryPart {
                text: text.to_owned(),
                phrase,
                prefix: false,
                stop_word: false,
            });
        }
    };
    for c in query.chars() {
        if c == '"' || c == '”' || c == '“' {
            push(&mut parts, &current, in_quote);
            current.clear();
            in_quote = !in_quote;
        } else if c.is_whitespace() && !in_quote {
            push(&mut parts, &current, false);
            current.clear();
        } else {
            current.push(c);
        }
    }
    push(&mut parts, &current, in_quote);
    let ends_in_space = query.ends_with(char::is_whitespace);
    if prefix_last
        && !ends_in_space
        && let Some(last) = parts.last_mut()
        && !last.phrase
    {
        last.prefix = true;
    }
    // Made once: the filter builds its set of stop words, which took half of a query's
    // parsing (30 µs at the median, now 16).
    static STOP_WORDS: std::sync::LazyLock<TextAnalyzer> =
        std::sync::LazyLock::new(stop_word_analyzer);
    let mut stop = STOP_WORDS.clone();
    for part in &mut parts {
        part.stop_word = !part.phrase && analyze(&mut stop, &part.text).is_empty();
    }
    parts
}

pub(crate) fn analyze(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while let Some(token) = stream.next() {
        out.push(token.text.clone());
    }
    out
}

/// Builds tantivy queries from query parts.
struct QueryBuilder<'a> {
    searcher: &'a tantivy::Searcher,
    vocabulary: &'a crate::compounds::VocabularyCache,
    fields: Fields,
    /// The query's Swedish analysis (stemmed, then folded), as [`crate::fold`] reads the
    /// fields' terms.
    folded: TextAnalyzer,
    /// Folded, unstemmed: a short word looked for inside compounds.
    fold: TextAnalyzer,
    /// Stemmed, unfolded: a word as the Swedish text fields hold it.
    unfolded: TextAnalyzer,
    /// The analyzers of [`OTHER_LANGUAGES`], in its order: of the languages the index holds
    /// an entry in.
    others: Vec<Option<TextAnalyzer>>,
    /// A word of the query is not in the library: only then is spelling looked up.
    saw_unknown: bool,
    /// The words the library lacks, as typed: they are read as possible typos.
    unknown: Vec<String>,
    /// The ways the library writes each folded word looked up so far ([`written_forms`]).
    forms: HashMap<String, Vec<String>>,
}

impl<'a> QueryBuilder<'a> {
    fn new(
        searcher: &'a tantivy::Searcher,
        vocabulary: &'a crate::compounds::VocabularyCache,
        fields: Fields,
    ) -> Self {
        let has_language: [bool; OTHER_LANGUAGES.len()] = std::array::from_fn(|i| {
            [fields.other_title[i], fields.other_text[i]]
                .iter()
                .any(|&field| has_terms(searcher, field))
        });
        QueryBuilder {
            searcher,
            vocabulary,
            fields,
            folded: stem_analyzer(),
            fold: fold_analyzer(),
            unfolded: unfolded_stem_analyzer(),
            others: OTHER_LANGUAGES
                .iter()
                .zip(has_language)
                .map(|((_, language, _), has)| has.then(|| other_analyzer(*language)))
                .collect(),
            saw_unknown: false,
            unknown: Vec::new(),
            forms: HashMap::new(),
        }
    }

    /// `text` analysed as the `i`th of [`OTHER_LANGUAGES`] (nothing: no entry is in it).
    fn analyze_other(&mut self, i: usize, text: &str) -> Vec<String> {
        match &mut self.others[i] {
            Some(analyzer) => analyze(analyzer, text),
            None => Vec::new(),
        }
    }

    /// The terms of the Swedish text fields that fold to `folded` (`far`, `får`): none when
    /// the library does not have the word. An index that cannot be read has none either; the
    /// search then finds nothing by the word rather than failing.
    fn forms(&mut self, folded: &str) -> &[String] {
        if !self.forms.contains_key(folded) {
            // From the segments' words once they are read, else from the term dictionaries.
            let found = self
                .vocabulary
                .written_forms(self.searcher, folded)
                .unwrap_or_else(|| {
                    written_forms(self.searcher, &self.fields.swedish_text(), folded)
                        .unwrap_or_default()
                });
            self.forms.insert(folded.to_owned(), found);
        }
        &self.forms[folded]
    }

    /// Whether an entry in Swedish has the folded word `folded`.
    fn in_library(&mut self, folded: &str) -> bool {
        !self.forms(folded).is_empty()
    }

    /// The terms to look for for each of the folded `tokens`: the ways the library writes it,
    /// the one `typed` has (the same words, stemmed and not folded) first, or the token itself
    /// when the library does not have it (a term that finds nothing).
    fn token_forms(&mut self, tokens: &[String], typed: &[String]) -> Vec<Vec<String>> {
        tokens
            .iter()
            .enumerate()
            .map(|(i, token)| {
                let mut forms = match self.forms(token) {
                    [] => vec![token.clone()],
                    forms => forms.to_vec(),
                };
                if let Some(typed) = typed.get(i).filter(|_| typed.len() == tokens.len())
                    && let Some(at) = forms.iter().position(|form| form == typed)
                {
                    forms[..=at].rotate_right(1);
                }
                forms
            })
            .collect()
    }

    /// BM25's idf of a term in `doc_freq` of the index's documents, as tantivy computes it.
    fn idf(&self, doc_freq: u64) -> Score {
        let docs: u64 = self
            .searcher
            .segment_readers()
            .iter()
            .map(|segment| u64::from(segment.max_doc()))
            .sum();
        let (docs, doc_freq) = (docs as Score, doc_freq as Score);
        (1.0 + (docs - doc_freq + 0.5) / (doc_freq + 0.5)).ln()
    }

    /// A term for each way of writing the one word in `forms`, or a phrase for each way of
    /// writing its words (the first [`MAX_PHRASE_FORMS`], the spelling typed first), in
    /// `field`.
    ///
    /// The ways of writing one word score as one word: each term's boost makes its idf that
    /// of all of them together, as when the index held the folded word. (Scored alone, a rare
    /// spelling would outrank the common one: a few `far` above many `får` for `får`.) The form
    /// `as_written` (the query's own, for a word that is not a phrase) scores
    /// [`Boosts::AS_WRITTEN`] more, so that `får` finds `får` before `far`.
    fn forms_query(
        &self,
        field: Field,
        forms: &[Vec<String>],
        boost: Score,
        as_written: Option<&str>,
    ) -> Option<Clause> {
        if let [word] = forms
            && word.len() > 1
        {
            let doc_freqs: Vec<u64> = word
                .iter()
                .map(|form| {
                    self.searcher
                        .doc_freq(&Term::from_field_text(field, form))
                        .unwrap_or(0)
                })
                .collect();
            let shared = self.idf(doc_freqs.iter().sum());
            let clauses = word
                .iter()
                .zip(doc_freqs)
                .filter(|(_, doc_freq)| *doc_freq > 0)
                .map(|(form, doc_freq)| {
                    let bonus = if as_written == Some(form.as_str()) {
                        1.0 + Boosts::AS_WRITTEN
                    } else {
                        1.0
                    };
                    Clause::Term {
                        term: Term::from_field_text(field, form),
                        boost: boost * bonus * shared / self.idf(doc_freq),
                    }
                })
                .collect::<Vec<_>>();
            return (!clauses.is_empty()).then_some(Clause::Any(clauses));
        }
        let mut spellings: Vec<Vec<String>> = vec![Vec::new()];
        for word in forms {
            spellings = spellings
                .iter()
                .flat_map(|start| {
                    word.iter().map(move |form| {
                        let mut next = start.clone();
                        next.push(form.clone());
                        next
                    })
                })
                .take(MAX_PHRASE_FORMS)
                .collect();
        }
        let mut clauses: Vec<Clause> = spellings
            .iter()
            .filter_map(|tokens| Self::tokens_query(field, tokens, boost))
            .collect();
        match clauses.len() {
            0 => None,
            1 => clauses.pop(),
            _ => Some(Clause::Any(clauses)),
        }
    }

    /// Term, phrase, or nothing, for `tokens` in `field`.
    fn tokens_query(field: Field, tokens: &[String], boost: Score) -> Option<Clause> {
        let mut terms: Vec<Term> = tokens
            .iter()
            .map(|t| Term::from_field_text(field, t))
            .collect();
        match terms.len() {
            0 => None,
            1 => Some(Clause::Term {
                term: terms.pop().expect("one term"),
                boost,
            }),
            _ => Some(Clause::Other {
                query: Box::new(PhraseQuery::new(terms)),
                boost,
            }),
        }
    }

    /// Every way one word or phrase can match: a document scores the sum of those it has.
    fn part_query(&mut self, part: &QueryPart) -> Option<Clause> {
        let f = self.fields;
        let folded = analyze(&mut self.folded, &part.text);
        if folded.is_empty() {
            return None;
        }
        let mut clauses: Vec<Clause> = Vec::new();
        let exact = [
            (f.title, Boosts::TITLE),
            (f.summary, Boosts::SUMMARY),
            (f.names, Boosts::NAMES),
            (f.body, Boosts::BODY),
            (f.attachments, Boosts::ATTACHMENTS),
        ];
        let typed = analyze(&mut self.unfolded, &part.text);
        let forms = self.token_forms(&folded, &typed);
        let as_written = match typed.as_slice() {
            [stem] if !part.phrase => Some(stem.as_str()),
            _ => None,
        };
        for (field, boost) in exact {
            clauses.extend(self.forms_query(field, &forms, boost, as_written));
        }
        let mut other_tokens = Vec::with_capacity(OTHER_LANGUAGES.len());
        for i in 0..OTHER_LANGUAGES.len() {
            // A language without an entry gets no clauses: each would cost a look-up per
            // segment.
            let tokens = self.analyze_other(i, &part.text);
            self.other_language_clauses(i, &tokens, part, &mut clauses);
            other_tokens.push(tokens);
        }
        // Whether an entry in another language has the word: asked only of a word the Swedish
        // fields lack.
        let known_elsewhere = || {
            other_tokens.iter().enumerate().any(|(i, tokens)| {
                tokens.len() == 1
                    && [f.other_title[i], f.other_text[i]].iter().any(|&field| {
                        self.searcher
                            .doc_freq(&Term::from_field_text(field, &tokens[0]))
                            .is_ok_and(|n| n > 0)
                    })
            })
        };
        if !part.phrase
            && let [stem] = folded.as_slice()
        {
            // A Swedish word, looked for in English entries by its English words.
            for english in english_for(stem) {
                let tokens = self.analyze_other(0, english);
                self.other_language_clauses(0, &tokens, part, &mut clauses);
            }
        }
        if !part.phrase
            && let Some(swedish) = swedish_for(&part.text)
        {
            let translated = QueryPart {
                text: swedish.to_owned(),
                ..part.clone()
            };
            clauses.extend(self.part_query(&translated));
        }
        if !part.phrase && folded.len() == 1 {
            let word = &folded[0];
            let chars = word.chars().count();
            // A word inside a compound, by its stem, so that an inflected form finds the
            // compound (`barometerns` in `innovationsbarometern`, `användare` in
            // `användardriven`); a short stem by the word itself.
            let base = if chars >= PART_CHARS {
                word.clone()
            } else {
                analyze(&mut self.fold, &part.text).concat()
            };
            if base.chars().count() >= PART_CHARS {
                clauses.extend(self.inside_compounds(&base));
            }
            // Typos: one edit from five letters, two from ten, and only for a word the
            // library does not have; a known word is taken as meant, which keeps exact
            // matches first and spares the fuzzy automaton on most queries.
            let text_fields = f.swedish_text();
            let distance = if self.in_library(word) || known_elsewhere() {
                0
            } else {
                self.saw_unknown = true;
                self.unknown.push(part.text.clone());
                search_distance(chars)
            };
            // A compound the library lacks, by its head: the longest known word it ends with
            // (`skolmåltider` finds `måltider`). Swedish compounds put the meaning last.
            if distance > 0 && !part.prefix {
                let head = word
                    .char_indices()
                    .map(|(i, _)| &word[i..])
                    .skip(COMPOUND_MODIFIER_CHARS)
                    .take_while(|rest| rest.chars().count() >= COMPOUND_HEAD_CHARS)
                    .find(|rest| self.in_library(rest));
                if let Some(head) = head {
                    let heads = self.forms(head).to_vec();
                    for field in text_fields {
                        for head in &heads {
                            clauses.push(Clause::Term {
                                term: Term::from_field_text(field, head),
                                boost: Boosts::COMPOUND_HEAD,
                            });
                        }
                    }
                }
            }
            // The words within the distance, and those the word begins, with or without å, ä
            // and ö: one automaton each, folding the terms as it reads them.
            let automata = [
                (distance > 0, distance, false, Boosts::FUZZY),
                (part.prefix, 0, true, Boosts::PREFIX),
            ];
            for (wanted, distance, prefix, boost) in automata {
                let Some(automaton) = wanted.then(|| fuzzy(word, distance, prefix).ok()).flatten()
                else {
                    continue;
                };
                let automaton = Arc::new(automaton);
                for field in text_fields {
                    clauses.push(Clause::Other {
                        query: Box::new(FoldedTermsQuery {
                            field,
                            automaton: Arc::clone(&automaton),
                        }),
                        boost,
                    });
                }
            }
        }
        Some(Clause::Any(clauses))
    }

    /// The entries with a word that holds `base` (`barometer` in `innovationsbarometern`):
    /// the library's words that hold it (see [`crate::compounds`]), in the title and in the
    /// rest. Every such entry scores the same, times BM25's idf of how many have one of the
    /// words; a compound in the title counts for more.
    fn inside_compounds(&self, base: &str) -> Vec<Clause> {
        let f = self.fields;
        let compounds = match self.vocabulary.compounds(self.searcher, base) {
            Ok(compounds) if compounds.doc_freq > 0 => compounds,
            _ => return Vec::new(),
        };
        let docs = self.searcher.num_docs() as f32;
        let doc_freq = (compounds.doc_freq as f32).min(docs);
        let idf = (1.0 + (docs - doc_freq + 0.5) / (doc_freq + 0.5)).ln();
        let query = |fields: Vec<Field>, boost: Score| Clause::Other {
            query: Box::new(CompoundQuery {
                compounds: compounds.clone(),
                fields,
            }),
            boost: boost * idf,
        };
        vec![
            query(vec![f.title], Boosts::TITLE_PARTS),
            query(
                vec![f.summary, f.body, f.names, f.attachments],
                Boosts::PARTS,
            ),
        ]
    }

    /// The clauses for `tokens` (a part analysed by the `i`th of [`OTHER_LANGUAGES`]) in that
    /// language's fields: the words, and a prefix for a word still being typed.
    fn other_language_clauses(
        &self,
        i: usize,
        tokens: &[String],
        part: &QueryPart,
        clauses: &mut Vec<Clause>,
    ) {
        if tokens.is_empty() {
            return;
        }
        let f = self.fields;
        for (field, boost) in [
            (f.other_title[i], Boosts::TITLE),
            (f.other_text[i], Boosts::OTHER_TEXT),
        ] {
            clauses.extend(Self::tokens_query(field, tokens, boost));
            if part.prefix && !part.phrase && tokens.len() == 1 {
                let term = Term::from_field_text(field, &tokens[0]);
                clauses.push(Clause::Other {
                    query: Box::new(FuzzyTermQuery::new_prefix(term, 0, false)),
                    boost: Boosts::PREFIX,
                });
            }
        }
    }

    /// The text query: every word required, or, with `relaxed`, any word.
    fn text_query(&mut self, parts: &[QueryPart], relaxed: bool) -> Option<TextQuery> {
        let all_stop = parts.iter().all(|p| p.stop_word);
        let words: Vec<(Occur, Clause)> = parts
            .iter()
            .filter_map(|part| {
                let occur = if relaxed || (part.stop_word && !all_stop) {
                    Occur::Should
                } else {
                    Occur::Must
                };
                self.part_query(part).map(|q| (occur, q))
            })
            .collect();
        if words.is_empty() {
            None
        } else {
            Some(TextQuery { words })
        }
    }
}

/// Whether any segment has a term in `field` (an index that cannot be read: as if it had).
fn has_terms(searcher: &tantivy::Searcher, field: Field) -> bool {
    searcher.segment_readers().iter().any(|segment| {
        segment
            .inverted_index(field)
            .map_or(true, |index| index.terms().num_terms() > 0)
    })
}

/// Clauses that select documents: every `Must` one matches, no `MustNot` one.
type FilterClauses = Vec<(Occur, Box<dyn Query>)>;

/// The filter clauses of a request: status and facets.
fn filter_clauses(f: &Fields, req: &SearchRequest) -> FilterClauses {
    let mut out: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    if !req.all {
        // Published entries, as "none of the other statuses": every entry has one status, and
        // the unpublished are usually few, so excluding them costs a walk of their short lists
        // instead of checking every match against the list of nearly every entry.
        for status in Status::ALL.iter().filter(|s| **s != Status::Publicerad) {
            out.push((
                Occur::MustNot,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.status, status.slug()),
                    IndexRecordOption::Basic,
                )),
            ));
        }
    }
    let any_of = |field: Field, values: Vec<String>| -> Option<(Occur, Box<dyn Query>)> {
        if values.is_empty() {
            return None;
        }
        let clauses: Vec<(Occur, Box<dyn Query>)> = values
            .iter()
            .map(|v| {
                let q: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(field, v),
                    IndexRecordOption::Basic,
                ));
                (Occur::Should, q)
            })
            .collect();
        Some((Occur::Must, Box::new(BooleanQuery::new(clauses))))
    };
    let years: Vec<String> = match (req.year_from, req.year_to) {
        (None, None) => Vec::new(),
        (from, to) => {
            let from = from.unwrap_or(1900);
            let to = to.unwrap_or(2100);
            (from..=to.min(from + 300)).map(|y| y.to_string()).collect()
        }
    };
    out.extend(any_of(f.focus_area, req.focus.clone()));
    out.extend(any_of(f.lan, req.lan.clone()));
    out.extend(any_of(f.municipality, req.municipality.clone()));
    out.extend(any_of(
        f.kind,
        req.kind.iter().map(|k| k.slug().to_owned()).collect(),
    ));
    out.extend(any_of(
        f.stage,
        req.stage.iter().map(|s| s.slug().to_owned()).collect(),
    ));
    out.extend(any_of(f.year, years));
    out.extend(any_of(f.spread_lan, req.spread_to.clone()));
    out.extend(any_of(
        f.spread_municipality,
        req.spread_municipality.clone(),
    ));
    out.extend(any_of(
        f.language,
        req.language.iter().map(|l| l.slug().to_owned()).collect(),
    ));
    out.extend(any_of(
        f.country,
        req.country.iter().map(|c| c.to_uppercase()).collect(),
    ));
    if let Some(min) = req.min_uptakes.filter(|&n| n > 0) {
        out.push((
            Occur::Must,
            Box::new(RangeQuery::new(
                std::ops::Bound::Included(Term::from_field_u64(f.reach, u64::from(min))),
                std::ops::Bound::Unbounded,
            )),
        ));
    }
    out
}

/// Runs a search: ranked hits with snippets for one page, and facet counts over all matches.
pub fn search(index: &SearchIndex, store: &Store, req: &SearchRequest) -> Result<SearchResponse> {
    // Woken now, the search's threads are running when the query's words are looked up in
    // the segments, instead of being woken then.
    crate::threads::wake();
    let f = index.fields;
    let parts = parse(&req.query, req.prefix);
    let searcher = index.searcher();
    let mut builder = QueryBuilder::new(&searcher, &index.vocabulary, f);
    let filters = filter_clauses(&f, req);
    // A facet with values picked is counted as if none of them were, so that the other values
    // stay visible to add (values of one facet are OR-ed together): one count per such facet,
    // in this call, instead of one search per facet from the UI.
    let without: Vec<(&'static str, FilterClauses)> = selected_facets(req)
        .into_iter()
        .map(|(facet, without)| (facet, filter_clauses(&f, &without)))
        .collect();
    let recounts: Vec<Recount<'_>> = without
        .iter()
        .map(|(facet, filters)| Recount { facet, filters })
        .collect();
    let limit = req.limit.unwrap_or(20).clamp(1, MAX_LIMIT) as usize;
    // No page starts past the last document: room is reserved for offset + limit hits, and an
    // offset from outside could otherwise ask for gigabytes.
    let offset = (req.offset.unwrap_or(0) as u64).min(searcher.num_docs()) as usize;
    let run = |text: Option<&TextQuery>| {
        plan::run(
            &searcher,
            Some(&index.facets),
            &index.vocabulary,
            text,
            &filters,
            &recounts,
            req.sort,
            offset,
            limit,
        )
    };

    let mut text = builder.text_query(&parts, false);
    let mut found = run(text.as_ref())?;
    if found.total < RELAX_BELOW && parts.iter().filter(|p| !p.stop_word).count() > 1 {
        text = builder.text_query(&parts, true);
        found = run(text.as_ref())?;
    }
    let Found { total, top, facets } = found;

    let ranked = scored_uids(&searcher, &f, top)?;
    let words: Vec<(String, bool)> = parts
        .iter()
        .filter(|p| !p.stop_word)
        .map(|p| (p.text.clone(), builder.unknown.contains(&p.text)))
        .collect();
    let words = snippet::Needles::new(&words);
    // The index may lag the database by a write: a hit is shown as the database has it now,
    // and not at all when its current status no longer passes the request (an entry
    // unpublished a moment ago never reaches a read-only view).
    // Spelling is looked up only when a word is not in the library (the query builder saw it).
    let (corrected, suggestion) = if !builder.saw_unknown {
        (None, None)
    } else if total > 0 {
        (
            Speller::new(&searcher, f, store, &filters).corrected(&parts),
            None,
        )
    } else {
        (
            None,
            Speller::new(&searcher, f, store, &filters).suggestion(&parts),
        )
    };
    // Each hit is parsed and its snippet cut on the search's threads as soon as it is read,
    // while this thread reads the next; only an attachment's text needs the database, and it
    // is read after.
    let uids: Vec<String> = ranked.iter().map(|(_, uid)| uid.clone()).collect();
    let read: Vec<(OnceLock<Entry>, OnceLock<String>)> =
        ranked.iter().map(|_| Default::default()).collect();
    let unreadable = std::sync::Mutex::new(None);
    crate::threads::in_place_scope(|tasks| {
        store.each_live_by_uid(&uids, |i, stored| {
            let (slot, own) = &read[i];
            let (words, unreadable) = (&words, &unreadable);
            tasks.spawn(move || match stored.parse() {
                Ok(entry) if req.all || entry.status == Status::Publicerad => {
                    let entry = slot.get_or_init(|| entry);
                    own.get_or_init(|| snippet::best(entry, words));
                }
                Ok(_) => {}
                Err(e) => {
                    let mut first = unreadable
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner);
                    first.get_or_insert(e);
                }
            });
        })
    })?;
    if let Some(e) = unreadable
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
    {
        return Err(e);
    }
    let hits = ranked
        .into_iter()
        .zip(read)
        .filter_map(|((score, _), (entry, own))| {
            let entry = entry.into_inner()?;
            let own = own.into_inner().unwrap_or_default();
            Some(hit_with(&entry, score, own, &words, store))
        })
        .collect();
    Ok(SearchResponse {
        total,
        hits,
        facets,
        corrected,
        suggestion,
    })
}

/// The uid of each document of a ranking, with its score.
pub(crate) fn scored_uids(
    searcher: &tantivy::Searcher,
    f: &Fields,
    top: Vec<(Score, DocAddress)>,
) -> Result<Vec<(Score, String)>> {
    let mut ranked = Vec::with_capacity(top.len());
    for (score, address) in top {
        let doc: TantivyDocument = searcher.doc(address)?;
        if let Some(uid) = doc
            .get_first(f.uid)
            .and_then(|v| tantivy::schema::Value::as_str(&v))
        {
            ranked.push((score, uid.to_owned()));
        }
    }
    Ok(ranked)
}

/// The entries of a ranking as the database has them now, in its order: the index may lag the
/// database by a write, and an entry deleted meanwhile is left out.
pub(crate) fn current_entries(
    store: &Store,
    ranked: Vec<(Score, String)>,
) -> Result<Vec<(Score, Entry)>> {
    let uids: Vec<String> = ranked.iter().map(|(_, uid)| uid.clone()).collect();
    let mut entries = store.live_by_uids(&uids)?;
    Ok(ranked
        .into_iter()
        .filter_map(|(score, uid)| {
            let i = entries.iter().position(|e| e.uid == uid)?;
            Some((score, entries.swap_remove(i)))
        })
        .collect())
}

/// Each facet the request filters on, with the request without that filter.
fn selected_facets(req: &SearchRequest) -> Vec<(&'static str, SearchRequest)> {
    let mut out = Vec::new();
    let mut without = |facet: &'static str, selected: bool, clear: fn(&mut SearchRequest)| {
        if selected {
            let mut other = req.clone();
            clear(&mut other);
            out.push((facet, other));
        }
    };
    without("focus_area", !req.focus.is_empty(), |r| r.focus.clear());
    without("lan", !req.lan.is_empty(), |r| r.lan.clear());
    without("municipality", !req.municipality.is_empty(), |r| {
        r.municipality.clear()
    });
    without("kind", !req.kind.is_empty(), |r| r.kind.clear());
    without("stage", !req.stage.is_empty(), |r| r.stage.clear());
    without("spread_lan", !req.spread_to.is_empty(), |r| {
        r.spread_to.clear()
    });
    without(
        "spread_municipality",
        !req.spread_municipality.is_empty(),
        |r| r.spread_municipality.clear(),
    );
    without("language", !req.language.is_empty(), |r| r.language.clear());
    without("country", !req.country.is_empty(), |r| r.country.clear());
    without(
        "year",
        req.year_from.is_some() || req.year_to.is_some(),
        |r| {
            r.year_from = None;
            r.year_to = None;
        },
    );
    out
}

/// The same search as one tantivy collector over the whole query: what [`plan::run`] is checked
/// against. It scores every match.
#[cfg(test)]
pub(crate) fn reference(index: &SearchIndex, req: &SearchRequest) -> Result<plan::Found> {
    use crate::facets::collector::FacetCounter;
    use crate::index::FACETS;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{AllQuery, BoostQuery};

    let f = index.fields;
    let parts = parse(&req.query, req.prefix);
    let searcher = index.searcher();
    let mut builder = QueryBuilder::new(&searcher, &index.vocabulary, f);
    // Filters select; they add nothing to a score.
    let with_filters = |req: &SearchRequest, text: &Option<TextQuery>| {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = filter_clauses(&f, req)
            .into_iter()
            .map(|(o, q)| (o, Box::new(BoostQuery::new(q, 0.0)) as Box<dyn Query>))
            .collect();
        match text {
            Some(q) => clauses.push((Occur::Must, q.query())),
            None => clauses.push((Occur::Must, Box::new(AllQuery))),
        }
        BooleanQuery::new(clauses)
    };
    let execute = |query: &dyn Query| -> Result<plan::Found> {
        let limit = req.limit.unwrap_or(20).clamp(1, MAX_LIMIT) as usize;
        let offset = (req.offset.unwrap_or(0) as u64).min(searcher.num_docs()) as usize;
        let counter = FacetCounter::new(FACETS.to_vec());
        let top_docs = TopDocs::with_limit(limit).and_offset(offset);
        let (top, total, counts) = match req.sort {
            SortOrder::Relevance => {
                searcher.search(query, &(top_docs.order_by_score(), Count, counter))?
            }
            SortOrder::Newest => {
                let newest = top_docs.order_by_fast_field::<i64>("updated", tantivy::Order::Desc);
                let (top, total, counts) = searcher.search(query, &(newest, Count, counter))?;
                let top = top.into_iter().map(|(_, addr)| (0.0, addr)).collect();
                (top, total, counts)
            }
            SortOrder::Spread => {
                let widest = top_docs.order_by_fast_field::<u64>("reach", tantivy::Order::Desc);
                let (top, total, counts) = searcher.search(query, &(widest, Count, counter))?;
                let top = top.into_iter().map(|(_, addr)| (0.0, addr)).collect();
                (top, total, counts)
            }
        };
        let mut facets = Facets::default();
        for (name, values) in FACETS.iter().zip(counts) {
            *facets.slot(name) = values;
        }
        Ok(plan::Found {
            total: total as u64,
            top,
            facets,
        })
    };
    let mut text = builder.text_query(&parts, false);
    let mut found = execute(&with_filters(req, &text))?;
    if found.total < RELAX_BELOW && parts.iter().filter(|p| !p.stop_word).count() > 1 {
        text = builder.text_query(&parts, true);
        found = execute(&with_filters(req, &text))?;
    }
    for (facet, without) in selected_facets(req) {
        let query = with_filters(&without, &text);
        let counts = searcher.search(&query, &FacetCounter::new(vec![facet]))?;
        *found.facets.slot(facet) = counts.into_iter().next().unwrap_or_default();
    }
    Ok(found)
}

/// The snippet of a hit, and the attachment it comes from when the entry's own text has
/// none of the words but one of its files does.
fn snippet_of(
    entry: &Entry,
    own: String,
    words: &snippet::Needles,
    store: &Store,
) -> (String, Option<String>) {
    if own.contains("<mark>") || words.is_empty() {
        return (own, None);
    }
    for attachment in &entry.attachments {
        if let Ok(Some((text, _))) = store.attachment_text(&attachment.sha256) {
            let found = snippet::in_text(&text, words);
            if found.contains("<mark>") {
                return (found, Some(attachment.name.clone()));
            }
        }
    }
    (own, None)
}

/// A hit as a result list shows it, with a snippet around `words` (the summary's start when
/// there are none).
pub(crate) fn hit(entry: &Entry, score: Score, words: &snippet::Needles, store: &Store) -> Hit {
    hit_with(entry, score, snippet::best(entry, words), words, store)
}

/// A hit whose own snippet (`own`, from its summary or sections) is cut already.
fn hit_with(
    entry: &Entry,
    score: Score,
    own: String,
    words: &snippet::Needles,
    store: &Store,
) -> Hit {
    let (snippet, attachment) = snippet_of(entry, own, words, store);
    let owned = |codes: Vec<&str>| codes.into_iter().map(str::to_owned).collect();
    Hit {
        id: entry.id.clone(),
        uid: entry.uid.clone(),
        title: entry.title.clone(),
        score,
        snippet,
        attachment,
        kind: entry.kind,
        status: entry.status,
        focus_area: entry.focus_areas.clone(),
        lan: owned(crate::index::lans(entry)),
        municipality: owned(crate::index::municipalities(entry)),
        stage: entry.stage,
        year: crate::index::years(entry),
        organisations: entry.organisations.iter().map(|o| o.name.clone()).collect(),
        updated_at: entry.updated_at.clone(),
        reach: model::spread::reach(&entry.uptakes).organisations(),
        language: entry.language,
        country: entry
            .places
            .iter()
            .filter(|p| !p.country_code.is_empty())
            .map(|p| p.country_code.clone())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(parts: &[QueryPart]) -> Vec<(&str, bool, bool)> {
        parts
            .iter()
            .map(|p| (p.text.as_str(), p.phrase, p.prefix))
            .collect()
    }

    #[test]
    fn quotes_make_phrases_and_unbalanced_quotes_are_forgiven() {
        let parts = parse("\"offentliga måltider\" skola", true);
        assert_eq!(
            texts(&parts),
            [("offentliga måltider", true, false), ("skola", false, true)]
        );
        let parts = parse("\"testbädd örebro", false);
        assert_eq!(texts(&parts), [("testbädd örebro", true, false)]);
        assert!(parse("((( ))) \"\" :: *", true).is_empty());
    }

    #[test]
    fn the_english_glossary_is_sorted_for_binary_search() {
        assert!(ENGLISH.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(swedish_for("Food"), Some("livsmedel"));
        assert_eq!(swedish_for("mat"), None);
    }

    /// The index's fields, and those of every term clause of `query` in a library of
    /// `entries`.
    fn term_fields(entries: Vec<model::Entry>, query: &str) -> (Fields, Vec<Field>) {
        let dir = tempfile::tempdir().unwrap();
        let (_store, index) = crate::test_library(dir.path(), entries);
        let searcher = index.searcher();
        let mut builder = QueryBuilder::new(&searcher, &index.vocabulary, index.fields);
        let text = builder.text_query(&parse(query, false), false).unwrap();
        fn walk(clause: &Clause, out: &mut Vec<Field>) {
            match clause {
                Clause::Term { term, .. } => out.push(term.field()),
                Clause::Other { .. } => {}
                Clause::Any(clauses) => clauses.iter().for_each(|c| walk(c, out)),
            }
        }
        let mut fields = Vec::new();
        for (_, clause) in &text.words {
            walk(clause, &mut fields);
        }
        (index.fields, fields)
    }

    /// A language no entry is written in gets no clauses: each would cost a look-up in every
    /// segment for nothing. With one entry in English, a query looks in the English fields.
    #[test]
    fn only_the_languages_the_library_holds_are_searched() {
        let (f, swedish) = term_fields(crate::starter_entries(), "testbädd");
        let other: Vec<Field> = f.other_title.iter().chain(&f.other_text).copied().collect();
        assert!(swedish.contains(&f.title));
        assert!(
            !swedish.iter().any(|field| other.contains(field)),
            "{swedish:?}"
        );

        let mut entries = crate::starter_entries();
        entries[0].language = model::Language::En;
        let (_, with_english) = term_fields(entries, "testbed");
        assert!(with_english.contains(&f.other_title[0]), "{with_english:?}");
        assert!(with_english.contains(&f.other_text[0]));
        assert!(!with_english.contains(&f.other_title[1]));
    }

    #[test]
    fn a_trailing_space_ends_the_prefix() {
        assert_eq!(texts(&parse("välfärd ", true)), [("välfärd", false, false)]);
    }

    #[test]
    fn swedish_stop_words_are_marked() {
        let parts = parse("hur och livsmedel", false);
        let stops: Vec<bool> = parts.iter().map(|p| p.stop_word).collect();
        assert_eq!(stops, [true, true, false]);
    }

    #[test]
    fn a_hit_whose_stored_entry_is_damaged_makes_the_search_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let (store, index) = crate::test_library(dir.path(), crate::starter_entries());
        let req = SearchRequest::query("livsmedel");
        let found = search(&index, &store, &req).unwrap();
        assert!(!found.hits.is_empty());
        // Another program damages a hit's JSON in the database file.
        let other = rusqlite::Connection::open(dir.path().join("db.sqlite3")).unwrap();
        other
            .execute(
                "UPDATE entries SET body = 'inte json' WHERE uid = ?1",
                [&found.hits[0].uid],
            )
            .unwrap();
        let error = search(&index, &store, &req).unwrap_err();
        assert!(error.to_string().contains("kan inte läsas"), "{error}");
    }
}
