//! How a search runs: first every match, as a bit set per segment, then the best page.
//!
//! A search asks three things: the page of best hits, how many entries match, and the facet
//! counts over all of them. Asked of one tantivy collector, they make the index score every
//! match, although only a page of them is shown. Here they are answered apart:
//!
//! 1. **Matches.** The text query is a tree of [`Clause`]s. Each term's documents are read
//!    straight from its postings into a bit set (no frequencies, no scores), and the tree
//!    combines them: a word's ways to match are OR-ed, the required words AND-ed (or, when
//!    every word is optional, OR-ed), the filters applied and deleted documents removed.
//!    The total is a population count, and each facet value's count one against the value's
//!    cached bit set ([`crate::facets`]).
//! 2. **Ranking.** Every term of the tree goes into one union, which tantivy ranks with
//!    block-max WAND: a block of postings that cannot beat the page's worst hit is skipped.
//!    The other clauses (phrases, words inside compounds, typos, prefixes) are scored apart
//!    into one extra score per document, and the skipping allows for the largest of them.
//!    Only matches (the bit set of step 1) enter the page.
//!
//! Both steps are done per segment, and the segments side by side (on the search's threads,
//! `threads.rs`): each gives its count, its facet counts by value ordinal and its own best
//! page, merged after.
//!
//! A document's score is the same sum of the same clauses as the tree's tantivy query gives it
//! (`TextQuery::query`, built in tests only); the tests check the two against each other.

use std::borrow::Cow;
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::sync::Arc;

use tantivy::query::{BooleanQuery, BoostQuery, EnableScoring, Occur, Query, TermQuery, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, DocSet, Score, Searcher, SegmentReader, TERMINATED, Term};

use model::error::Result;
use model::query::{Facets, SortOrder};

use crate::bits::Bits;
use crate::compounds::{CompoundQuery, Vocabulary, VocabularyCache, for_each_block};
use crate::facets::{self, FacetCache, SegmentFacet};
use crate::index::FACETS;

/// One node of a text query: what it matches, and how it adds to a document's score.
pub(crate) enum Clause {
    /// A term, scored by BM25 times `boost`.
    Term { term: Term, boost: Score },
    /// Any other query (a phrase, the words inside compounds, typos, a prefix), times `boost`.
    Other { query: Box<dyn Query>, boost: Score },
    /// Any of these; a document scores the sum of those it matches.
    Any(Vec<Clause>),
}

impl Clause {
    /// The clause as one tantivy query.
    pub fn query(&self) -> Box<dyn Query> {
        match self {
            Clause::Term { term, boost } => Box::new(BoostQuery::new(
                Box::new(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs)),
                *boost,
            )),
            Clause::Other { query, boost } => Box::new(BoostQuery::new(query.box_clone(), *boost)),
            Clause::Any(clauses) => Box::new(BooleanQuery::new(
                clauses.iter().map(|c| (Occur::Should, c.query())).collect(),
            )),
        }
    }

    fn terms<'a>(&'a self, out: &mut Vec<&'a Clause>) {
        match self {
            Clause::Term { .. } => out.push(self),
            Clause::Other { .. } => {}
            Clause::Any(clauses) => clauses.iter().for_each(|c| c.terms(out)),
        }
    }

    fn others<'a>(&'a self, out: &mut Vec<&'a Clause>) {
        match self {
            Clause::Term { .. } => {}
            Clause::Other { .. } => out.push(self),
            Clause::Any(clauses) => clauses.iter().for_each(|c| c.others(out)),
        }
    }
}

/// The words of a query, each required ([`Occur::Must`]) or optional ([`Occur::Should`]).
pub(crate) struct TextQuery {
    pub words: Vec<(Occur, Clause)>,
}

impl TextQuery {
    /// The whole text query as one tantivy query: what a collector would score.
    #[cfg(test)]
    pub fn query(&self) -> Box<dyn Query> {
        Box::new(BooleanQuery::new(
            self.words.iter().map(|(o, c)| (*o, c.query())).collect(),
        ))
    }

    fn clauses(&self) -> impl Iterator<Item = &Clause> {
        self.words.iter().map(|(_, c)| c)
    }
}

/// The filters of a request (status and facets): every `Must` clause matched, no `MustNot`.
pub(crate) type Filters = [(Occur, Box<dyn Query>)];

/// A search's answer before entries are read: the total, the page of (score, address) best
/// first, and the facet counts.
pub(crate) struct Found {
    pub total: u64,
    pub top: Vec<(Score, DocAddress)>,
    pub facets: Facets,
}

/// A request's filters without one facet's: that facet's counts are over these.
pub(crate) struct Recount<'a> {
    pub facet: &'static str,
    pub filters: &'a Filters,
}

/// Runs `text` (every document when `None`) under `filters`: the page `offset..offset+limit`
/// in `sort` order, the total, and (with `facets`) the counts of every facet, each of
/// `recounts`' facet counted under its own filters.
#[allow(clippy::too_many_arguments)]
pub(crate) fn run(
    searcher: &Searcher,
    facets: Option<&FacetCache>,
    vocabulary: &VocabularyCache,
    text: Option<&TextQuery>,
    filters: &Filters,
    recounts: &[Recount<'_>],
    sort: SortOrder,
    offset: usize,
    limit: usize,
) -> Result<Found> {
    let scoring = EnableScoring::enabled_from_searcher(searcher);
    let unscored = EnableScoring::disabled_from_searcher(searcher);
    // The terms of the whole tree in one union, for block-max WAND.
    let mut terms = Vec::new();
    let mut others = Vec::new();
    for clause in text.iter().flat_map(|t| t.clauses()) {
        clause.terms(&mut terms);
        clause.others(&mut others);
    }
    let union = if terms.is_empty() {
        None
    } else {
        let union = BooleanQuery::new(terms.iter().map(|c| (Occur::Should, c.query())).collect());
        Some(union.weight(scoring)?)
    };
    let other_weights: Vec<Box<dyn Weight>> = others
        .iter()
        .map(|c| c.query().weight(scoring))
        .collect::<tantivy::Result<_>>()?;
    let filter_weights = |filters: &Filters| -> tantivy::Result<Vec<(Occur, Box<dyn Weight>)>> {
        filters
            .iter()
            .map(|(occur, q)| Ok((*occur, q.weight(unscored)?)))
            .collect()
    };
    let recount_weights = recounts
        .iter()
        .map(|r| filter_weights(r.filters))
        .collect::<tantivy::Result<Vec<_>>>()?;
    let weights = Weights {
        union: union.as_deref(),
        others: &other_weights,
        filters: &filter_weights(filters)?,
        recounts: &recount_weights,
    };

    let page = offset + limit;
    let segment = |(ord, reader): (usize, &SegmentReader)| {
        run_segment(
            reader, ord as u32, facets, vocabulary, text, &weights, recounts, sort, page,
        )
    };
    // The segments are searched side by side, each into a page of its own; the best of
    // those pages are the page.
    let segments: Vec<(usize, &SegmentReader)> =
        searcher.segment_readers().iter().enumerate().collect();
    let found: Vec<SegmentFound> = crate::threads::map(&segments, |&s| segment(s))
        .into_iter()
        .collect::<Result<_>>()?;

    let mut top = TopK::new(page);
    let mut total = 0;
    for segment in &found {
        total += segment.total;
        for candidate in segment.top.heap.iter() {
            top.push(candidate.0);
        }
    }
    let mut out = Facets::default();
    for (i, name) in FACETS.iter().enumerate() {
        *out.slot(name) = facets::merge(found.iter().flat_map(|s| &s.counts[i]));
    }
    let top = top
        .into_sorted()
        .into_iter()
        .skip(offset)
        .map(|c| {
            let score = if sort == SortOrder::Relevance {
                c.score
            } else {
                0.0
            };
            (score, c.address)
        })
        .collect();
    Ok(Found {
        total,
        top,
        facets: out,
    })
}

/// The weights of a search, made once and shared by its segments.
struct Weights<'a> {
    /// Every term of the text query, for block-max WAND.
    union: Option<&'a dyn Weight>,
    /// The clauses that are not terms, in the order of the text query.
    others: &'a [Box<dyn Weight>],
    filters: &'a [(Occur, Box<dyn Weight>)],
    /// Per recount, its filters.
    recounts: &'a [Vec<(Occur, Box<dyn Weight>)>],
}

/// One facet's values in one segment, and how many matches have each (by ordinal).
type SegmentCounts = Option<(Arc<SegmentFacet>, Vec<u64>)>;

/// What one segment adds to a search's answer.
struct SegmentFound {
    total: u64,
    /// The segment's best `offset + limit` matches.
    top: TopK,
    /// Per facet of [`FACETS`] (`None` without facets, or without documents to count).
    counts: Vec<SegmentCounts>,
}

/// Searches one segment: its matches, their count and facet counts, and its best `page`.
#[allow(clippy::too_many_arguments)]
fn run_segment(
    reader: &SegmentReader,
    ord: u32,
    facets: Option<&FacetCache>,
    vocabulary: &VocabularyCache,
    text: Option<&TextQuery>,
    weights: &Weights<'_>,
    recounts: &[Recount<'_>],
    sort: SortOrder,
    page: usize,
) -> Result<SegmentFound> {
    let max_doc = reader.max_doc();
    let mut extra = Extra::new(max_doc, !weights.others.is_empty());
    // The common terms' bit sets, if the segment's words have been read (a one-shot search of
    // short words reads the postings instead of waiting for all of them).
    let vocabulary = vocabulary.read_already(reader);
    let segment = Segment {
        reader,
        vocabulary: vocabulary.as_deref(),
    };
    let mut text_bits = match text {
        Some(text) => words_bits(text, &segment, &mut weights.others.iter(), &mut extra)?,
        None => Bits::full(max_doc),
    };
    if let Some(alive) = reader.alive_bitset() {
        let dead: Vec<DocId> = text_bits.iter().filter(|&d| !alive.is_alive(d)).collect();
        for doc in dead {
            text_bits.remove(doc);
        }
    }
    let mut matched = filter_bits(weights.filters, reader)?;
    matched.and(&text_bits);
    let n = matched.len();
    let counts = match facets {
        None => vec![None; FACETS.len()],
        Some(facets) => FACETS
            .iter()
            .map(|&facet| {
                // A facet with values selected is counted as if none of them were: under the
                // request's filters without its own.
                let recount = recounts
                    .iter()
                    .zip(weights.recounts)
                    .find(|(r, _)| r.facet == facet);
                let (docs, n) = match recount {
                    Some((_, filters)) => {
                        let mut without = filter_bits(filters, reader)?;
                        without.and(&text_bits);
                        let n = without.len();
                        (Cow::Owned(without), n)
                    }
                    None => (Cow::Borrowed(&matched), n),
                };
                if n == 0 {
                    return Ok(None);
                }
                let values = facets.values(reader, facet)?;
                let counts = values.count(&docs, n);
                Ok(Some((values, counts)))
            })
            .collect::<Result<_>>()?,
    };
    let mut found = SegmentFound {
        total: n,
        top: TopK::new(page),
        counts,
    };
    if n == 0 {
        return Ok(found);
    }
    let top = &mut found.top;
    match (sort, weights.union) {
        (SortOrder::Relevance, Some(union)) => {
            rank(union, reader, ord, &matched, &extra, top)?;
        }
        (SortOrder::Relevance, None) => {
            // Only clauses without terms (or no text): their scores are the extra ones.
            for doc in matched.iter() {
                let score = if text.is_some() {
                    extra.score(doc)
                } else {
                    1.0
                };
                top.offer(score, DocAddress::new(ord, doc));
            }
        }
        (SortOrder::Newest, _) => {
            let column = reader.fast_fields().i64("updated")?;
            for doc in matched.iter() {
                let value = column.first(doc).unwrap_or(i64::MIN);
                top.offer_key(value as f64, DocAddress::new(ord, doc));
            }
        }
        (SortOrder::Spread, _) => {
            let column = reader.fast_fields().u64("reach")?;
            for doc in matched.iter() {
                let value = column.first(doc).unwrap_or(0);
                top.offer_key(value as f64, DocAddress::new(ord, doc));
            }
        }
    }
    Ok(found)
}

/// The scores of the clauses that are not terms, per document of a segment.
struct Extra {
    scores: Vec<Score>,
    /// The documents with an extra score.
    scored_docs: Option<Bits>,
    max: Score,
}

impl Extra {
    fn new(max_doc: u32, any: bool) -> Extra {
        Extra {
            scores: if any {
                vec![0.0; max_doc as usize]
            } else {
                Vec::new()
            },
            scored_docs: any.then(|| Bits::new(max_doc)),
            max: 0.0,
        }
    }

    fn score(&self, doc: DocId) -> Score {
        self.scores.get(doc as usize).copied().unwrap_or(0.0)
    }
}

/// The documents of a segment that the words match (before filters and deletes), adding the
/// scores of clauses that are not terms to `extra`.
fn words_bits<'w>(
    text: &TextQuery,
    segment: &Segment<'_>,
    others: &mut impl Iterator<Item = &'w Box<dyn Weight>>,
    extra: &mut Extra,
) -> Result<Bits> {
    let max_doc = segment.reader.max_doc();
    let mut required: Option<Bits> = None;
    let mut optional: Option<Bits> = None;
    for (occur, clause) in &text.words {
        let mut bits = Bits::new(max_doc);
        add_clause(clause, segment, others, extra, &mut bits)?;
        match occur {
            Occur::Must => match &mut required {
                Some(all) => all.and(&bits),
                None => required = Some(bits),
            },
            _ => match &mut optional {
                Some(any) => any.or(&bits),
                None => optional = Some(bits),
            },
        }
    }
    if let Some(scored_docs) = &extra.scored_docs {
        extra.max = scored_docs
            .iter()
            .map(|d| extra.scores[d as usize])
            .fold(0.0, Score::max);
    }
    Ok(required.or(optional).unwrap_or_else(|| Bits::new(max_doc)))
}

/// A segment, and its words if they have been read.
struct Segment<'a> {
    reader: &'a SegmentReader,
    vocabulary: Option<&'a Vocabulary>,
}

/// Adds the documents of a segment that `clause` matches to `bits`.
fn add_clause<'w>(
    clause: &Clause,
    segment: &Segment<'_>,
    others: &mut impl Iterator<Item = &'w Box<dyn Weight>>,
    extra: &mut Extra,
    bits: &mut Bits,
) -> Result<()> {
    let reader = segment.reader;
    match clause {
        Clause::Term { term, .. } => {
            if let Some(docs) = segment.vocabulary.and_then(|v| v.dense_term(term)) {
                bits.or(docs);
                return Ok(());
            }
            let index = reader.inverted_index(term.field())?;
            if let Some(info) = index
                .get_term_info(term)
                .map_err(tantivy::TantivyError::from)?
            {
                for_each_block(&index, &info, |docs| {
                    docs.iter().for_each(|&doc| bits.insert(doc))
                })?;
            }
        }
        Clause::Other { query, boost } => {
            let weight = others
                .next()
                .expect("a weight for every clause that is not a term");
            let scored_docs = extra.scored_docs.as_mut().expect("room for extra scores");
            if let Some(compounds) = query.downcast_ref::<CompoundQuery>() {
                // Each of its documents scores the boost: straight from the postings, without
                // a scorer's step per document (a part as common as `innovation` is in most).
                let docs = compounds.docs(reader)?;
                for doc in docs.iter() {
                    extra.scores[doc as usize] += *boost;
                }
                bits.or(&docs);
                scored_docs.or(&docs);
                return Ok(());
            }
            let mut scorer = weight.scorer(reader, 1.0)?;
            let mut doc = scorer.doc();
            while doc != TERMINATED {
                bits.insert(doc);
                scored_docs.insert(doc);
                extra.scores[doc as usize] += scorer.score();
                doc = scorer.advance();
            }
        }
        Clause::Any(clauses) => {
            for clause in clauses {
                add_clause(clause, segment, others, extra, bits)?;
            }
        }
    }
    Ok(())
}

/// The documents of a segment that pass `filters`, deletes aside.
fn filter_bits(filters: &[(Occur, Box<dyn Weight>)], reader: &SegmentReader) -> Result<Bits> {
    let max_doc = reader.max_doc();
    let mut out = Bits::full(max_doc);
    for (occur, weight) in filters {
        let mut bits = Bits::new(max_doc);
        weight.for_each_no_score(reader, &mut |docs| {
            for &doc in docs {
                bits.insert(doc);
            }
        })?;
        debug_assert!(occur != &Occur::Should, "a filter is required or excluded");
        match occur {
            Occur::MustNot => out.and_not(&bits),
            Occur::Must | Occur::Should => out.and(&bits),
        }
    }
    Ok(out)
}

/// Offers the best matches of one segment to `top`: block-max WAND over the terms, each
/// document's extra score added, then the matches that only the extra clauses found.
fn rank(
    union: &dyn Weight,
    reader: &SegmentReader,
    ord: u32,
    matched: &Bits,
    extra: &Extra,
    top: &mut TopK,
) -> Result<()> {
    // A document whose terms score at most the page's worst minus the largest extra score
    // cannot enter the page; WAND skips such blocks.
    // A little lower still, so that rounding in the two sums cannot keep out a document
    // that would tie its way in.
    let threshold = |top: &TopK| {
        top.worst().map_or(Score::MIN, |w| {
            w - extra.max - (w.abs() + extra.max) * Score::EPSILON * 4.0
        })
    };
    let mut reported = extra
        .scored_docs
        .as_ref()
        .map(|_| Bits::new(reader.max_doc()));
    union.for_each_pruning(threshold(top), reader, &mut |doc, score| {
        if matched.contains(doc) {
            if let Some(reported) = &mut reported {
                reported.insert(doc);
            }
            top.offer(score + extra.score(doc), DocAddress::new(ord, doc));
        }
        threshold(top)
    })?;
    // A match WAND did not offer either has no term (it scores its extra score alone), or
    // was skipped as unable to enter the page, which its extra score alone cannot either.
    // None can when the largest extra score is below the page's worst (most often: a page's
    // hits have the words themselves), and then they are not looked at.
    if top.worst().is_some_and(|worst| extra.max < worst) {
        return Ok(());
    }
    if let (Some(docs), Some(reported)) = (&extra.scored_docs, &reported) {
        let mut rest = docs.clone();
        rest.and(matched);
        rest.and_not(reported);
        for doc in rest.iter() {
            let score = extra.score(doc);
            // Most such matches score below the page's worst: no candidate to compare.
            if top.worst().is_none_or(|worst| score >= worst) {
                top.offer(score, DocAddress::new(ord, doc));
            }
        }
    }
    Ok(())
}

/// A candidate for the page: better is a higher key, then (as tantivy orders ties) the lower
/// address.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    key: f64,
    score: Score,
    address: DocAddress,
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Candidate {}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key
            .total_cmp(&other.key)
            .then_with(|| other.address.cmp(&self.address))
    }
}

/// The `k` best candidates offered.
struct TopK {
    k: usize,
    /// The worst kept candidate on top.
    heap: BinaryHeap<Reverse<Candidate>>,
}

impl TopK {
    fn new(k: usize) -> TopK {
        TopK {
            k,
            heap: BinaryHeap::with_capacity(k + 1),
        }
    }

    /// The score a relevance candidate must beat, once the page is full.
    fn worst(&self) -> Option<Score> {
        (self.heap.len() >= self.k)
            .then(|| self.heap.peek().map(|c| c.0.score))
            .flatten()
    }

    fn offer(&mut self, score: Score, address: DocAddress) {
        self.push(Candidate {
            key: f64::from(score),
            score,
            address,
        });
    }

    fn offer_key(&mut self, key: f64, address: DocAddress) {
        self.push(Candidate {
            key,
            score: 0.0,
            address,
        });
    }

    fn push(&mut self, candidate: Candidate) {
        if self.k == 0 {
            return;
        }
        if self.heap.len() < self.k {
            self.heap.push(Reverse(candidate));
        } else if let Some(mut worst) = self.heap.peek_mut()
            && candidate > worst.0
        {
            *worst = Reverse(candidate);
        }
    }

    /// The candidates, best first.
    fn into_sorted(self) -> Vec<Candidate> {
        let mut out: Vec<Candidate> = self.heap.into_iter().map(|c| c.0).collect();
        out.sort_by(|a, b| b.cmp(a));
        out
    }
}

#[cfg(test)]
mod tests {
    //! The bit sets and WAND against one tantivy collector over the whole query
    //! ([`crate::query::reference`]), on a library made of the starter library's words, in
    //! several segments with deleted and replaced entries.

    use model::Entry;
    use model::query::{SearchRequest, SortOrder};
    use model::validate::parse_entry;
    use store::{Change, Store};
    use tantivy::Term;

    use crate::SearchIndex;
    use crate::query::{reference, search};

    /// A small deterministic generator (xorshift), so that a failure repeats.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
            &items[self.below(items.len())]
        }
    }

    /// The words of the starter library's entries.
    fn starter_words() -> Vec<String> {
        let mut words: Vec<String> = Vec::new();
        for entry in crate::starter_entries() {
            let all = format!(
                "{} {} {}",
                entry.title, entry.summary, entry.sections.solution
            );
            words.extend(
                all.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.chars().count() > 1)
                    .map(str::to_owned),
            );
        }
        words.sort();
        words.dedup();
        words
    }

    const PLACES: [(&str, &str, &str, &str); 4] = [
        ("0181", "Södertälje", "01", "Stockholms län"),
        ("1880", "Örebro", "18", "Örebro län"),
        ("0580", "Linköping", "05", "Östergötlands län"),
        ("1480", "Göteborg", "14", "Västra Götalands län"),
    ];
    const FOCUS: [&str; 3] = ["matning-uppfoljning", "valfardsteknik", "hallbarhet"];

    fn synthetic(rng: &mut Rng, words: &[String], i: usize) -> Entry {
        // Every third word a common one, as in real text: `och` is in most entries, so its
        // documents are kept as a bit set and ORed instead of read from its postings.
        const COMMON: [&str; 5] = ["och", "för", "med", "kommunen", "innovation"];
        let mut text = |n: usize| -> String {
            (0..n)
                .map(|k| {
                    if k % 3 == 0 {
                        COMMON[rng.below(COMMON.len())]
                    } else {
                        rng.pick(words).as_str()
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        let (title, summary, body) = (text(4), text(20), text(60));
        let language = if i.is_multiple_of(11) { "en" } else { "sv" };
        let place = PLACES[i % PLACES.len()];
        let status = ["publicerad", "publicerad", "publicerad", "utkast"][i % 4];
        let stage = ["ide", "pilot", "inforande"][i % 3];
        let json = serde_json::json!({
            "kind": "exempel",
            "title": title,
            "summary": summary,
            "sections": {"solution": body},
            "focus_areas": [FOCUS[i % 3], FOCUS[(i / 3) % 3]],
            "places": [{"municipality_code": place.0, "municipality": place.1,
                        "lan_code": place.2, "lan": place.3}],
            "period": {"start": 2015 + (i % 6) as i32, "end": 2017 + (i % 7) as i32},
            "stage": stage,
            "language": language,
            "status": status,
        });
        let mut entry = parse_entry(&json.to_string()).unwrap();
        entry.id = format!("e{i}");
        entry.uid = format!("00000000-0000-4000-8000-{i:012}");
        entry.origin = "test".into();
        entry.created_at = "2026-01-01T00:00:00Z".into();
        entry.updated_at = format!("2026-01-{:02}T00:00:00Z", 1 + i % 28);
        entry
    }

    fn requests(rng: &mut Rng, words: &[String]) -> Vec<SearchRequest> {
        let mut out = Vec::new();
        for i in 0..300 {
            let word = |rng: &mut Rng| rng.pick(words).to_lowercase();
            let query = match i % 10 {
                0 => word(rng),
                1 => format!("{} {}", word(rng), word(rng)),
                2 => format!("{} {} {}", word(rng), word(rng), word(rng)),
                // Inside compounds.
                3 => {
                    let w = word(rng);
                    let chars: Vec<char> = w.chars().collect();
                    let start = chars.len() / 3;
                    chars[start..].iter().collect()
                }
                // Typos.
                4 => {
                    let mut chars: Vec<char> = word(rng).chars().collect();
                    if chars.len() > 4 {
                        chars.swap(1, 2);
                    }
                    chars.into_iter().collect()
                }
                5 => format!("\"{} {}\"", word(rng), word(rng)),
                6 => String::new(),
                7 => ["food", "welfare", "innovation", "meals", "testbed"][i % 5].to_owned(),
                // A word that folding makes another, and one with å, ä or ö.
                8 => ["far", "får", "mätning", "matning", "Örebro"][i % 5].to_owned(),
                _ => format!("{} och {}", word(rng), word(rng)),
            };
            let mut req = SearchRequest::query(&query);
            req.prefix = i.is_multiple_of(3);
            req.all = i.is_multiple_of(7);
            req.sort = [
                SortOrder::Relevance,
                SortOrder::Relevance,
                SortOrder::Newest,
                SortOrder::Relevance,
                SortOrder::Spread,
            ][i % 5];
            if i % 4 == 1 {
                req.focus = vec![FOCUS[i % 3].to_owned()];
            }
            if i % 5 == 2 {
                req.lan = vec!["01".into(), "18".into()];
                req.year_from = Some(2017);
                req.year_to = Some(2019);
            }
            if i.is_multiple_of(13) {
                req.offset = Some(5);
                req.limit = Some(7);
            }
            out.push(req);
        }
        out
    }

    #[test]
    fn bit_sets_and_wand_find_what_one_collector_over_the_whole_query_finds() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("db.sqlite3"), dir.path()).unwrap();
        let words = starter_words();
        let mut rng = Rng(0x5eed);
        let change = Change {
            by: "test",
            at: "2026-01-01T00:00:00Z",
            comment: "",
        };
        let mut first: Vec<Entry> = (0..400).map(|i| synthetic(&mut rng, &words, i)).collect();
        store.insert(&mut first, &change).unwrap();
        let index = SearchIndex::open(&dir.path().join("index"), &store).unwrap();
        // A second segment, then replaced and trashed entries: deletes in both.
        let mut second: Vec<Entry> = (400..700).map(|i| synthetic(&mut rng, &words, i)).collect();
        store.insert(&mut second, &change).unwrap();
        index.catch_up(&store).unwrap();
        for i in (0..700).step_by(9) {
            let (mut entry, _) = store.get(&format!("e{i}")).unwrap().unwrap();
            if i % 2 == 0 {
                store.set_trashed(&mut entry, true, &change).unwrap();
            } else {
                entry.title = format!("{} {}", entry.title, rng.pick(&words));
                store.update(&mut entry, None, &change).unwrap();
            }
        }
        index.catch_up(&store).unwrap();
        assert!(index.searcher().segment_readers().len() >= 2);

        let mut ranked = 0;
        for req in requests(&mut rng, &words) {
            let expected = reference(&index, &req).unwrap();
            let got = search(&index, &store, &req).unwrap();
            let what = format!(
                "{:?} (prefix {}, all {}, sort {:?})",
                req.query, req.prefix, req.all, req.sort
            );
            assert_eq!(got.total, expected.total, "total of {what}");
            assert_eq!(got.facets, expected.facets, "facets of {what}");
            let expected: Vec<(f32, String)> =
                crate::query::scored_uids(&index.searcher(), &index.fields, expected.top).unwrap();
            assert_eq!(got.hits.len(), expected.len(), "hits of {what}");
            if req.sort != SortOrder::Relevance {
                let got: Vec<&String> = got.hits.iter().map(|h| &h.uid).collect();
                let expected: Vec<&String> = expected.iter().map(|(_, uid)| uid).collect();
                assert_eq!(got, expected, "order of {what}");
            }
            for (hit, (score, uid)) in got.hits.iter().zip(&expected) {
                // The same sum in another order: equal scores may swap places.
                assert!(
                    (hit.score - score).abs() <= 1e-4 * score.abs().max(1.0),
                    "score of {} for {what}: {} against {score}",
                    hit.uid,
                    hit.score
                );
                if (hit.score - score).abs() > 1e-3 {
                    assert_eq!(&hit.uid, uid, "hit order of {what}");
                }
            }
            ranked += usize::from(!got.hits.is_empty());
        }
        assert!(ranked > 200, "most queries find something: {ranked}");
        // The common words were ORed from bit sets, short ones too, not read from postings.
        let searcher = index.searcher();
        let dense = |word: &str| {
            let term = Term::from_field_text(index.fields.summary, word);
            let largest = searcher
                .segment_readers()
                .iter()
                .max_by_key(|segment| segment.max_doc())
                .unwrap();
            index
                .vocabulary
                .read_already(largest)
                .is_some_and(|words| words.dense_term(&term).is_some())
        };
        assert!(dense("och"), "`och` has a bit set in the largest segment");
        assert!(!dense("syntetisk-saknas"));
    }

    #[test]
    fn a_match_only_inside_a_compound_of_its_title_enters_a_full_page() {
        // Hits with the word in their text fill a page of two; the entry that has it only
        // inside a compound of its title scores more, though no term of the query is in it.
        let entry = |i: usize, title: &str, text: &str| {
            let json = serde_json::json!({
                "kind": "exempel",
                "title": title,
                "summary": "En sammanfattning om arbetet i kommunen.",
                "sections": {"solution": text},
                "status": "publicerad",
            });
            let mut entry = parse_entry(&json.to_string()).unwrap();
            entry.id = format!("e{i}");
            entry.uid = format!("00000000-0000-4000-8000-{i:012}");
            entry
        };
        let filler = "Arbetet pågick länge och många deltog i det under åren.";
        let mut entries: Vec<Entry> = (0..6)
            .map(|i| {
                entry(
                    i,
                    "Ett arbete i kommunen",
                    &format!("Där fanns en solpanel. {}", filler.repeat(8)),
                )
            })
            .collect();
        entries.push(entry(6, "Solpanelsparken i norr", filler));
        // Short entries without the word: the long texts with it weigh little (BM25).
        entries.extend((7..40).map(|i| entry(i, "Ett annat arbete", filler)));
        let dir = tempfile::tempdir().unwrap();
        let (store, index) = crate::test_library(dir.path(), entries);
        let mut req = SearchRequest::query("solpanel");
        req.limit = Some(2);
        let expected = reference(&index, &req).unwrap();
        let expected =
            crate::query::scored_uids(&index.searcher(), &index.fields, expected.top).unwrap();
        assert_eq!(
            expected[0].1, "00000000-0000-4000-8000-000000000006",
            "{expected:?}"
        );
        let got = search(&index, &store, &req).unwrap();
        let got: Vec<&str> = got.hits.iter().map(|h| h.uid.as_str()).collect();
        assert_eq!(got[0], expected[0].1);
        assert_eq!(got.len(), 2);
    }
}
