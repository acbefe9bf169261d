//! Search quality on the judged query set in `tests/relevance/queries.json`: nDCG@10 and MRR
//! over the starter library, with a floor set from measurements.

use std::collections::BTreeMap;

use model::query::SearchRequest;

use crate::util::TestLibrary;

#[path = "../relevance/metrics.rs"]
mod metrics;
use metrics::{judged_queries, ndcg_at_10, reciprocal_rank};

/// Measured 2026-12-03 at 0.975 nDCG@10 and 0.989 MRR over 94 queries with compounds looked
/// up in the vocabulary and a compound in the title counting more (0.963 / 0.974 with trigrams,
/// 0.937 / 0.955 when the 20 compound and inflection queries were added); a drop below these
/// floors is a regression.
const NDCG_FLOOR: f64 = 0.97;
const MRR_FLOOR: f64 = 0.98;

#[test]
fn ndcg_and_mrr_on_the_judged_set_stay_above_the_floor() {
    let t = TestLibrary::starter();
    let lib = t.open();
    let queries = judged_queries();
    assert!(queries.len() >= 40);
    let mut ndcg = 0.0;
    let mut mrr = 0.0;
    let mut by_kind: BTreeMap<&str, (f64, usize)> = BTreeMap::new();
    let mut worst = Vec::new();
    for q in &queries {
        let ranking = top_ten(&lib, &q.query);
        let n = ndcg_at_10(&ranking, &q.relevant);
        ndcg += n;
        mrr += reciprocal_rank(&ranking, &q.relevant);
        let slot = by_kind.entry(&q.kind).or_default();
        slot.0 += n;
        slot.1 += 1;
        if n < 0.8 {
            worst.push(format!(
                "  {:.2} {:?} → {:?}",
                n,
                q.query,
                ranking.iter().take(3).collect::<Vec<_>>()
            ));
        }
    }
    let count = queries.len() as f64;
    let (ndcg, mrr) = (ndcg / count, mrr / count);
    println!(
        "judged queries: {}, nDCG@10 {ndcg:.3}, MRR {mrr:.3}",
        queries.len()
    );
    for (kind, (sum, n)) in &by_kind {
        println!("  {kind:<14} nDCG@10 {:.3} ({n})", sum / *n as f64);
    }
    println!("weakest:\n{}", worst.join("\n"));
    assert!(ndcg >= NDCG_FLOOR, "nDCG@10 {ndcg:.3} below {NDCG_FLOOR}");
    assert!(mrr >= MRR_FLOOR, "MRR {mrr:.3} below {MRR_FLOOR}");
}

/// The ids of the first ten hits for a query.
fn top_ten(lib: &library::Library, query: &str) -> Vec<String> {
    let req = SearchRequest {
        limit: Some(10),
        ..SearchRequest::query(query)
    };
    lib.search(&req)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect()
}

/// nDCG@10 and MRR of a library over the judged set.
fn figures(lib: &library::Library) -> (f64, f64) {
    let queries = judged_queries();
    let (mut ndcg, mut mrr) = (0.0, 0.0);
    for q in &queries {
        let ranking = top_ten(lib, &q.query);
        ndcg += ndcg_at_10(&ranking, &q.relevant);
        mrr += reciprocal_rank(&ranking, &q.relevant);
    }
    let count = queries.len() as f64;
    (ndcg / count, mrr / count)
}

/// English entries are analysed in their own fields: published beside the starter library,
/// they outrank a relevant Swedish entry on a Swedish query only where they hold the query's
/// own word (`design` is in "designed"), never through Swedish analysis of English text.
#[test]
fn english_entries_outrank_swedish_ones_only_on_words_they_contain() {
    let t = TestLibrary::starter();
    let before = figures(&t.open());
    let file = t.file(
        "pstw.csv",
        &crate::real_data::european_csv(&crate::real_data::rows(30)),
    );
    t.cli(&["import", &file, "--preset", "pstw"]).ok();
    crate::real_data::publish_all(&t);
    let lib = t.open();
    let after = figures(&lib);
    println!("judged set, starter {before:?}, with 30 English entries {after:?}");
    let mut outranked = 0;
    for q in judged_queries().iter().filter(|q| q.kind != "english") {
        let req = SearchRequest {
            limit: Some(10),
            ..SearchRequest::query(&q.query)
        };
        let hits = lib.search(&req).unwrap().hits;
        // Above the last relevant hit, or anywhere when the relevant ones fell out of the page.
        let above = hits
            .iter()
            .rposition(|h| q.relevant.contains_key(&h.id))
            .unwrap_or(hits.len());
        for hit in hits
            .iter()
            .take(above)
            .filter(|h| h.language == model::Language::En)
        {
            outranked += 1;
            let entry = lib.get(&hit.id).unwrap();
            let text = format!(
                "{} {} {}",
                entry.title, entry.summary, entry.sections.solution
            )
            .to_lowercase();
            for word in q.query.split_whitespace() {
                assert!(
                    text.contains(&word.to_lowercase()),
                    "{:?}: {} outranks a relevant entry without the word {word:?}",
                    q.query,
                    hit.id
                );
            }
        }
    }
    println!("English entries above a relevant Swedish one: {outranked}");
}

#[test]
fn ndcg_is_one_for_the_ideal_ranking_and_lower_otherwise() {
    let relevant: BTreeMap<String, u32> = [("a".to_owned(), 3), ("b".to_owned(), 1)].into();
    let ideal = ["a".to_owned(), "b".to_owned()];
    let swapped = ["b".to_owned(), "a".to_owned()];
    assert!((ndcg_at_10(&ideal, &relevant) - 1.0).abs() < 1e-9);
    assert!(ndcg_at_10(&swapped, &relevant) < 0.8);
    assert_eq!(reciprocal_rank(&swapped, &relevant), 0.5);
    assert_eq!(ndcg_at_10(&[], &relevant), 0.0);
}

/// "Liknande exempel" on the starter library against the hand-judged related entries of
/// `tests/relevance/similar.json`: precision@5 over the entries that still have a judged
/// related entry once the entry's own "Se även" is left out (those are never shown again).
#[test]
fn similar_entries_are_judged_by_precision_at_five() {
    let judged: serde_json::Value =
        serde_json::from_str(include_str!("../relevance/similar.json")).unwrap();
    let t = TestLibrary::starter();
    let lib = t.open();
    let uid_to_id: BTreeMap<String, String> = lib
        .list(None)
        .unwrap()
        .into_iter()
        .map(|e| (e.uid, e.id))
        .collect();
    let (mut precision, mut ceiling, mut judged_entries, mut shown_in_all) = (0.0, 0.0, 0, 0);
    for (id, related) in judged["related"].as_object().unwrap() {
        let entry = lib.get(id).unwrap();
        let see_also: Vec<&String> = entry
            .related
            .iter()
            .filter_map(|u| uid_to_id.get(u))
            .collect();
        let hits = lib.similar(id, 5).unwrap();
        assert!(hits.len() <= 5);
        for hit in &hits {
            assert_ne!(&hit.id, id, "an entry is not like itself");
            assert!(
                !see_also.contains(&&hit.id),
                "{id}: {} is under Se även",
                hit.id
            );
        }
        let related: Vec<&str> = related
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        if !related.iter().any(|r| !see_also.iter().any(|s| s == r)) || hits.is_empty() {
            continue;
        }
        let good = hits
            .iter()
            .filter(|h| related.contains(&h.id.as_str()))
            .count();
        let possible = related
            .iter()
            .filter(|r| !see_also.iter().any(|s| s == *r))
            .count();
        shown_in_all += hits.len();
        precision += good as f64 / hits.len() as f64;
        ceiling += possible.min(hits.len()) as f64 / hits.len() as f64;
        judged_entries += 1;
    }
    let precision = precision / judged_entries as f64;
    let ceiling = ceiling / judged_entries as f64;
    println!(
        "similar: precision@5 {precision:.2} over {judged_entries} starter entries ({shown_in_all} \
         shown); the best possible with so few related entries left is {ceiling:.2}"
    );
    assert!(judged_entries >= 10);
    // Measured 0.39 against a ceiling of 0.45 (2026-12-03), the same in every run since the
    // words of an entry are chosen in a fixed order (before, 0.35–0.43 from run to run).
    assert!(precision >= 0.37, "precision@5 {precision:.2}");
}
