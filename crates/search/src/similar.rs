//! "Liknande exempel": the entries most like one entry, by the words of its text (tantivy's
//! more-like-this over the entry's own language fields and names), its focus areas and its
//! counties. The entry itself and those it already links under "Se även" are left out.

use tantivy::Term;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, OwnedValue};

use model::error::Result;
use model::query::Hit;
use model::{Entry, Status};
use store::Store;

use crate::index::{SearchIndex, names_text, other_language};
use crate::query::{current_entries, hit, scored_uids};

/// How much a shared focus area and a shared county add to the likeness of the words.
const FOCUS_AREA: f32 = 1.5;
const COUNTY: f32 = 0.5;
/// The most words of the entry that the likeness is made from.
const MAX_TERMS: usize = 30;

/// The `limit` published entries most like `entry`, best first.
pub fn similar(
    index: &SearchIndex,
    store: &Store,
    entry: &Entry,
    limit: usize,
) -> Result<Vec<Hit>> {
    let f = index.fields;
    let searcher = index.reader().searcher();
    let body: Vec<&str> = entry.sections.iter().map(|(_, text)| text).collect();
    let text = format!("{}\n\n{}", entry.summary, body.join("\n\n"));
    let value = |s: &str| vec![OwnedValue::Str(s.to_owned())];
    let own = match other_language(entry.language) {
        None => vec![(f.title, value(&entry.title)), (f.body, value(&text))],
        Some(i) => vec![
            (f.other_title[i], value(&entry.title)),
            (f.other_text[i], value(&text)),
        ],
    };
    let mut fields = own;
    fields.push((f.names, value(&names_text(entry))));
    // A word in most entries says nothing about likeness.
    let common = (searcher.num_docs() / 3).max(2);
    let words = MoreLikeThisQuery::builder()
        .with_min_doc_frequency(1)
        .with_max_doc_frequency(common)
        .with_min_term_frequency(1)
        .with_max_query_terms(MAX_TERMS)
        .with_min_word_length(4)
        .with_document_fields(fields);
    let term = |field, value: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(field, value),
            IndexRecordOption::Basic,
        ))
    };
    let mut like: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, Box::new(words))];
    for slug in &entry.focus_areas {
        like.push((
            Occur::Should,
            Box::new(BoostQuery::new(term(f.focus_area, slug), FOCUS_AREA)),
        ));
    }
    let mut lans: Vec<&str> = entry
        .places
        .iter()
        .map(|p| p.lan_code.as_str())
        .filter(|c| !c.is_empty())
        .collect();
    lans.dedup();
    for lan in lans {
        like.push((
            Occur::Should,
            Box::new(BoostQuery::new(term(f.lan, lan), COUNTY)),
        ));
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
        (Occur::Must, Box::new(BooleanQuery::new(like))),
        (Occur::Must, term(f.status, Status::Publicerad.slug())),
        (Occur::MustNot, term(f.uid, &entry.uid)),
    ];
    for uid in &entry.related {
        clauses.push((Occur::MustNot, term(f.uid, uid)));
    }
    let query = BooleanQuery::new(clauses);
    // More than asked for, so that entries of equal likeness are cut by a stable order (their
    // uid) and not by where the index happens to hold them.
    let top = searcher.search(&query, &TopDocs::with_limit(50).order_by_score())?;
    let mut ranked = scored_uids(&searcher, &f, top)?;
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    ranked.truncate(limit.clamp(1, 50));
    // No query words: each hit's snippet is the start of its summary.
    let no_words = crate::snippet::Needles::new(&[]);
    Ok(current_entries(store, ranked)?
        .into_iter()
        .filter(|(_, found)| found.status == Status::Publicerad)
        .map(|(score, found)| hit(&found, score, &no_words, store))
        .collect())
}
