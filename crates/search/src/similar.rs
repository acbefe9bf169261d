//! "Liknande exempel": the entries most like one entry, by the words of its text, its focus
//! areas and its counties. The entry itself and those it already links under "Se även" are
//! left out.
//!
//! As in tantivy's more-like-this, the entry's most telling words (frequent in it, rare in the
//! library) make a query, but they are chosen here, in a fixed order when words tie, so that
//! the answer is the same in every run. The query is ranked by [`crate::plan`] (match bit
//! sets, then one union of its terms), without facet counts. The words are scored with their
//! frequencies, as a search scores them (more-like-this counted each word once).

use std::collections::BTreeMap;

use tantivy::query::{Occur, Query, TermQuery};
use tantivy::schema::{Field, FieldType, IndexRecordOption};
use tantivy::{Score, Searcher, Term};

use model::error::Result;
use model::query::{Hit, SortOrder};
use model::{Entry, Status};
use store::Store;

use crate::index::{SearchIndex, names_text, other_language};
use crate::plan::{self, Clause, TextQuery};
use crate::query::{current_entries, hit, scored_uids};

/// How much a shared focus area and a shared county add to the likeness of the words (whose
/// most telling word adds at most its BM25 score).
const FOCUS_AREA: f32 = 1.5;
const COUNTY: f32 = 0.5;
/// The most words of the entry that the likeness is made from.
const MAX_TERMS: usize = 30;
/// Shorter words (in bytes, as analysed) say little about a subject.
const MIN_WORD_LENGTH: usize = 4;
/// More hits than asked for are ranked, so that entries of equal likeness are cut by a stable
/// order (their uid) and not by where the index happens to hold them.
const CANDIDATES: usize = 50;

/// The `limit` published entries most like `entry`, best first.
pub fn similar(
    index: &SearchIndex,
    store: &Store,
    entry: &Entry,
    limit: usize,
) -> Result<Vec<Hit>> {
    let f = index.fields;
    let searcher = index.searcher();
    let body: Vec<&str> = entry.sections.iter().map(|(_, text)| text).collect();
    let text = format!("{}\n\n{}", entry.summary, body.join("\n\n"));
    let names = names_text(entry);
    // The summary counts as body text: looked up in its own (short) field, its words make
    // for fewer entries found at all (44 of 50 shown on the starter library, against 49).
    let mut fields: Vec<(Field, &str)> = match other_language(entry.language) {
        None => vec![(f.title, &entry.title), (f.body, &text)],
        Some(i) => vec![(f.other_title[i], &entry.title), (f.other_text[i], &text)],
    };
    fields.push((f.names, &names));
    let words = telling_terms(&searcher, &fields, MAX_TERMS)?;
    let best = words.first().map_or(1.0, |(_, score)| *score);
    let mut like: Vec<(Occur, Clause)> = words
        .into_iter()
        .map(|(term, score)| {
            let boost = score / best;
            (Occur::Should, Clause::Term { term, boost })
        })
        .collect();
    // Facet fields have no frequencies, so tantivy ranks the union without block-max WAND.
    // Scored apart (as `Clause::Other`) to allow it, they made it slower: at 100 000 entries
    // 4.0 ms at the median against 2.8, as their extra scores lower WAND's threshold by more
    // than the words' scores.
    let facet = |field, value: &str, boost| {
        let term = Term::from_field_text(field, value);
        (Occur::Should, Clause::Term { term, boost })
    };
    for slug in &entry.focus_areas {
        like.push(facet(f.focus_area, slug, FOCUS_AREA));
    }
    let mut lans: Vec<&str> = entry
        .places
        .iter()
        .map(|p| p.lan_code.as_str())
        .filter(|c| !c.is_empty())
        .collect();
    lans.sort_unstable();
    lans.dedup();
    for lan in lans {
        like.push(facet(f.lan, lan, COUNTY));
    }
    let term = |field, value: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        ))
    };
    let mut filters: Vec<(Occur, Box<dyn Query>)> = vec![
        (Occur::Must, term(f.status, Status::Publicerad.slug())),
        (Occur::MustNot, term(f.uid, &entry.uid)),
    ];
    for uid in &entry.related {
        filters.push((Occur::MustNot, term(f.uid, uid)));
    }
    let text = TextQuery { words: like };
    let found = plan::run(
        &searcher,
        None,
        &index.vocabulary,
        Some(&text),
        &filters,
        &[],
        SortOrder::Relevance,
        0,
        CANDIDATES,
    )?;
    let mut ranked = scored_uids(&searcher, &f, found.top)?;
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    ranked.truncate(limit.clamp(1, CANDIDATES));
    // No query words: each hit's snippet is the start of its summary.
    let no_words = crate::snippet::Needles::new(&[]);
    Ok(current_entries(store, ranked)?
        .into_iter()
        .filter(|(_, found)| found.status == Status::Publicerad)
        .map(|(score, found)| hit(&found, score, &no_words, store))
        .collect())
}

/// The words of `fields` (each text analysed as its field is) that tell most about them, at
/// most `max`, with their weight: how often the word occurs in the texts times how rare
/// it is in the library (BM25's idf). Words in more than a third of the library say nothing
/// about likeness and are left out. Words of equal weight are taken in term order, so that
/// the choice is the same in every run.
fn telling_terms(
    searcher: &Searcher,
    fields: &[(Field, &str)],
    max: usize,
) -> Result<Vec<(Term, Score)>> {
    let schema = searcher.schema();
    let mut frequencies: BTreeMap<Term, u32> = BTreeMap::new();
    for &(field, text) in fields {
        let FieldType::Str(options) = schema.get_field_entry(field).field_type() else {
            continue;
        };
        let Some(mut analyzer) = options
            .get_indexing_options()
            .and_then(|indexing| searcher.index().tokenizers().get(indexing.tokenizer()))
        else {
            continue;
        };
        analyzer.token_stream(text).process(&mut |token| {
            if token.text.len() >= MIN_WORD_LENGTH {
                *frequencies
                    .entry(Term::from_field_text(field, &token.text))
                    .or_default() += 1;
            }
        });
    }
    let documents = searcher.num_docs();
    let common = (documents / 3).max(2);
    let mut scored = Vec::new();
    for (term, frequency) in frequencies {
        let in_documents = searcher.doc_freq(&term)?;
        if in_documents == 0 || in_documents > common {
            continue;
        }
        let idf = (1.0
            + (documents.saturating_sub(in_documents) as Score + 0.5)
                / (in_documents as Score + 0.5))
            .ln();
        scored.push((term, frequency as Score * idf));
    }
    // Stable: ties stay in term order.
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    scored.truncate(max);
    Ok(scored)
}

#[cfg(test)]
mod tests {
    use super::{MAX_TERMS, telling_terms};

    /// tantivy's more-like-this took, of the words of equal weight at its cut, those a hash map
    /// happened to list first, so "Liknande exempel" could change from one run to the next
    /// (and a relevance test failed now and then).
    #[test]
    fn words_of_equal_weight_at_the_cut_are_chosen_the_same_way_every_time() {
        let dir = tempfile::tempdir().unwrap();
        // Forty made-up words, each once in one entry: all of one weight.
        // (Not `dd`, `gt` and the like, which the Swedish stemmer shortens.)
        let consonants = ['b', 'f', 'h', 'j', 'l', 'm', 'p', 'v', 'x', 'z'];
        let words: Vec<String> = (0..40)
            .map(|i| format!("zyxq{}{}", consonants[i / 10], consonants[i % 10]))
            .collect();
        let text = words.join(" ");
        let mut entries = crate::starter_entries();
        entries[0].sections.solution = text.clone();
        let (_store, index) = crate::test_library(dir.path(), entries);
        let searcher = index.searcher();
        let fields = [(index.fields.body, text.as_str())];

        let all = telling_terms(&searcher, &fields, usize::MAX).unwrap();
        assert_eq!(all.len(), words.len());
        assert!(all.iter().all(|(_, weight)| *weight == all[0].1));
        let mut expected: Vec<_> = all.into_iter().map(|(term, _)| term).collect();
        expected.sort();
        expected.truncate(MAX_TERMS);
        for _ in 0..5 {
            let chosen: Vec<_> = telling_terms(&searcher, &fields, MAX_TERMS)
                .unwrap()
                .into_iter()
                .map(|(term, _)| term)
                .collect();
            assert_eq!(chosen, expected);
        }
    }
}
