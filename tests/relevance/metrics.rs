//! Ranking metrics over the judged query set, shared by the relevance test and the benchmark.

use std::collections::BTreeMap;

use serde::Deserialize;

/// One judged query: the words, what sort of query it is, and graded relevant entry ids
/// (3: the entry it is about, 2: clearly relevant, 1: partly).
#[derive(Deserialize)]
pub struct Judged {
    pub query: String,
    pub kind: String,
    pub relevant: BTreeMap<String, u32>,
}

pub fn judged_queries() -> Vec<Judged> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/relevance/queries.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).expect("queries.json"))
        .expect("queries.json is valid")
}

/// nDCG@10 of a ranking against graded judgements.
pub fn ndcg_at_10(ranking: &[String], relevant: &BTreeMap<String, u32>) -> f64 {
    let gain = |g: u32| 2f64.powi(g as i32) - 1.0;
    let dcg: f64 = ranking
        .iter()
        .take(10)
        .enumerate()
        .map(|(i, id)| gain(*relevant.get(id).unwrap_or(&0)) / ((i + 2) as f64).log2())
        .sum();
    let mut ideal: Vec<u32> = relevant.values().copied().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(10)
        .enumerate()
        .map(|(i, g)| gain(*g) / ((i + 2) as f64).log2())
        .sum();
    if idcg == 0.0 { 0.0 } else { dcg / idcg }
}

/// Reciprocal rank of the first entry judged 2 or 3.
pub fn reciprocal_rank(ranking: &[String], relevant: &BTreeMap<String, u32>) -> f64 {
    ranking
        .iter()
        .take(10)
        .position(|id| relevant.get(id).is_some_and(|g| *g >= 2))
        .map_or(0.0, |i| 1.0 / (i + 1) as f64)
}
