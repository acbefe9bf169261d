//! Search benchmark: Exempelbanken's tantivy search against SQLite FTS5 on the same synthetic
//! Swedish corpus, the same queries and the same output (top 20 with snippets, the total and
//! facet counts), in one run.
//!
//! ```sh
//! make bench                                   # 10k and 100k entries
//! CARGO_TARGET_DIR=target-bench cargo bench --bench search -- 10000
//! ```
//!
//! The corpus is generated deterministically from the words of the starter library; every
//! entry is marked synthetic (title prefix, tag and origin). Figures go to standard output;
//! BENCHMARKS.md records them with the machine they came from.

extern crate exempelbank_library as library;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use library::{Contents, KeepWriter, Library};
use model::query::SearchRequest;
use model::{Entry, Period};
use rusqlite::Connection;

#[path = "../../../tests/relevance/metrics.rs"]
mod metrics;

#[path = "common/synthetic.rs"]
mod synthetic;
use synthetic::{Rng, synthetic, vocabulary};

/// The same corpus in an FTS5 table, with a facet table for the counts.
struct Fts5 {
    conn: Connection,
}

impl Fts5 {
    fn build(path: &Path, entries: &[Entry]) -> Fts5 {
        let _ = std::fs::remove_file(path);
        let conn = Connection::open(path).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             CREATE VIRTUAL TABLE docs USING fts5(
                 uid UNINDEXED, title, summary, body, names,
                 tokenize = 'unicode61 remove_diacritics 2');
             CREATE TABLE facets (doc INTEGER NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL);",
        )
        .unwrap();
        let tx = conn.unchecked_transaction().unwrap();
        {
            let mut doc = tx
                .prepare("INSERT INTO docs (rowid, uid, title, summary, body, names) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                .unwrap();
            let mut facet = tx
                .prepare("INSERT INTO facets (doc, facet, value) VALUES (?1, ?2, ?3)")
                .unwrap();
            for (i, e) in entries.iter().enumerate() {
                let row = i as i64 + 1;
                let body: Vec<&str> = e.sections.iter().map(|(_, t)| t).collect();
                let names: Vec<String> = e
                    .organisations
                    .iter()
                    .map(|o| o.name.clone())
                    .chain(
                        e.places
                            .iter()
                            .flat_map(|p| [p.municipality.clone(), p.lan.clone()]),
                    )
                    .chain(e.tags.iter().cloned())
                    .collect();
                doc.execute(rusqlite::params![
                    row,
                    e.uid,
                    e.title,
                    e.summary,
                    body.join("\n\n"),
                    names.join("\n")
                ])
                .unwrap();
                let mut values: Vec<(&str, String)> = Vec::new();
                values.extend(e.focus_areas.iter().map(|f| ("focus_area", f.clone())));
                values.extend(e.places.iter().map(|p| ("lan", p.lan_code.clone())));
                values.extend(
                    e.places
                        .iter()
                        .map(|p| ("municipality", p.municipality_code.clone())),
                );
                values.push(("kind", e.kind.slug().into()));
                values.extend(e.stage.map(|s| ("stage", s.slug().to_owned())));
                if let Some(Period {
                    start: Some(s),
                    end,
                }) = e.period
                {
                    for y in s..=end.unwrap_or(s) {
                        values.push(("year", y.to_string()));
                    }
                }
                for (f, v) in values {
                    facet.execute(rusqlite::params![row, f, v]).unwrap();
                }
            }
        }
        tx.execute_batch("CREATE INDEX facets_doc ON facets (doc);")
            .unwrap();
        tx.commit().unwrap();
        Fts5 { conn }
    }

    /// The FTS5 query for the user's words: every word required, or any word when fewer
    /// than three entries have them all (the same rule Exempelbanken uses).
    fn match_expr(query: &str, any: bool) -> Option<String> {
        let words: Vec<String> = query
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| format!("\"{w}\""))
            .collect();
        (!words.is_empty()).then(|| words.join(if any { " OR " } else { " " }))
    }

    /// Top `limit` uids with snippets, the total and the facet counts.
    fn search(&self, query: &str, limit: usize) -> FtsAnswer {
        let Some(mut expr) = Self::match_expr(query, false) else {
            return FtsAnswer::default();
        };
        let count = |expr: &str| -> u64 {
            self.conn
                .prepare_cached("SELECT count(*) FROM docs WHERE docs MATCH ?1")
                .unwrap()
                .query_row([expr], |r| r.get::<_, i64>(0))
                .unwrap() as u64
        };
        let mut total = count(&expr);
        if total < 3 && expr.contains("\" \"") {
            expr = Self::match_expr(query, true).unwrap();
            total = count(&expr);
        }
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT uid, snippet(docs, -1, '<mark>', '</mark>', '…', 24) FROM docs
                 WHERE docs MATCH ?1 ORDER BY bm25(docs, 0.0, 4.0, 2.5, 1.0, 2.0) LIMIT ?2",
            )
            .unwrap();
        let hits = stmt
            .query_map(rusqlite::params![expr, limit as i64], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let mut facets: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT f.facet, f.value, count(*) FROM docs JOIN facets f ON f.doc = docs.rowid
                 WHERE docs MATCH ?1 GROUP BY f.facet, f.value",
            )
            .unwrap();
        let rows = stmt
            .query_map([&expr], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })
            .unwrap();
        for row in rows {
            let (f, v, n) = row.unwrap();
            facets.entry(f).or_default().insert(v, n as u64);
        }
        FtsAnswer {
            hits,
            total,
            facets,
        }
    }
}

/// What an FTS5 search returns: (uid, snippet) of the page, the total, the facet counts.
#[derive(Default)]
struct FtsAnswer {
    hits: Vec<(String, String)>,
    total: u64,
    facets: BTreeMap<String, BTreeMap<String, u64>>,
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn summary(times: &mut [Duration]) -> String {
    times.sort();
    format!(
        "p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms",
        percentile(times, 0.50),
        percentile(times, 0.95),
        percentile(times, 0.99)
    )
}

fn dir_size(path: &Path) -> u64 {
    let mut total = 0;
    for item in std::fs::read_dir(path).unwrap() {
        let item = item.unwrap();
        let meta = item.metadata().unwrap();
        total += if meta.is_dir() {
            dir_size(&item.path())
        } else {
            meta.len()
        };
    }
    total
}

fn file_size(path: &Path) -> u64 {
    ["", "-wal"]
        .iter()
        .map(|s| std::fs::metadata(format!("{}{s}", path.display())).map_or(0, |m| m.len()))
        .sum()
}

/// Queries drawn from the corpus vocabulary: single words and pairs, common and rare.
fn query_set(words: &[String], rng: &mut Rng) -> Vec<String> {
    let mut queries = Vec::new();
    for _ in 0..20 {
        queries.push(words[rng.skewed(words.len().min(400))].clone());
    }
    for _ in 0..20 {
        queries.push(format!(
            "{} {}",
            words[rng.skewed(words.len().min(400))],
            words[rng.skewed(words.len())]
        ));
    }
    queries
}

fn bench_size(n: usize, words: &[String]) {
    println!("\n## {n} synthetic entries");
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("bibliotek");
    let mut rng = Rng(0x5eed_0000 + n as u64);
    let t = Instant::now();
    let entries: Vec<Entry> = (0..n).map(|i| synthetic(&mut rng, words, i)).collect();
    let words_per_entry: usize = entries
        .iter()
        .map(|e| {
            e.summary.split_whitespace().count()
                + e.sections
                    .iter()
                    .map(|(_, s)| s.split_whitespace().count())
                    .sum::<usize>()
        })
        .sum::<usize>()
        / n;
    println!(
        "generated in {:.1} s ({words_per_entry} words per entry on average)",
        t.elapsed().as_secs_f64()
    );

    let mut lib = Library::create(&dir, Contents::Empty).unwrap();
    let t = Instant::now();
    let entries = lib.add_many(entries).unwrap();
    println!(
        "imported into SQLite and indexed incrementally in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    lib.reindex().unwrap();
    let rebuild = t.elapsed();
    let index_bytes = dir_size(&dir.join("index"));
    println!(
        "tantivy: full rebuild {:.1} s ({:.0} entries/s), index {:.0} MB",
        rebuild.as_secs_f64(),
        n as f64 / rebuild.as_secs_f64(),
        index_bytes as f64 / 1e6
    );

    let fts_path = tmp.path().join("fts5.sqlite3");
    let t = Instant::now();
    let fts = Fts5::build(&fts_path, &entries);
    let fts_build = t.elapsed();
    println!(
        "FTS5:    build {:.1} s ({:.0} entries/s), database {:.0} MB (text and index)",
        fts_build.as_secs_f64(),
        n as f64 / fts_build.as_secs_f64(),
        file_size(&fts_path) as f64 / 1e6
    );

    let queries = query_set(words, &mut rng);
    let rounds = if n > 50_000 { 3 } else { 5 };
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    // Warm both once, then alternate so neither gets a warmer cache.
    for q in &queries {
        lib.search(&SearchRequest::query(q)).unwrap();
        fts.search(q, 20);
    }
    for _ in 0..rounds {
        for q in &queries {
            let t = Instant::now();
            let found = lib.search(&SearchRequest::query(q)).unwrap();
            ours.push(t.elapsed());
            assert!(found.hits.len() <= 20);
            let t = Instant::now();
            let answer = fts.search(q, 20);
            theirs.push(t.elapsed());
            assert!(answer.hits.len() <= 20 && answer.total >= answer.hits.len() as u64);
            assert!(answer.total == 0 || !answer.facets.is_empty());
        }
    }
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    println!(
        "query, top 20 + snippets + total + facet counts, {} queries × {rounds}:",
        queries.len()
    );
    println!("  tantivy: {}", summary(&mut ours));
    println!("  FTS5:    {}", summary(&mut theirs));
    println!(
        "  median ratio FTS5 / tantivy: {:.1}×",
        median(&mut theirs).as_secs_f64() / median(&mut ours).as_secs_f64()
    );

    let browse = SearchRequest {
        focus: vec!["digitalisering".into()],
        ..SearchRequest::default()
    };
    let mut times = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        lib.search(&browse).unwrap();
        times.push(t.elapsed());
    }
    println!(
        "browse one focus area with counts (empty query): {}",
        summary(&mut times)
    );

    similar_entries(&lib, &spread_ids(&lib, n));

    // As the desktop app keeps it: a save waits for no merge.
    lib.keep_index_writer(KeepWriter::DESKTOP);
    let mut paced = save_and_find(&mut lib, &mut rng, words, n, 20, Some(CURATOR_PAUSE));
    println!(
        "save → found by search (add returns, then the search finds it; a save every {:.1} s, \
         the writer kept while writing as in the desktop app): {}",
        CURATOR_PAUSE.as_secs_f64(),
        summary(&mut paced)
    );
    let mut back_to_back = save_and_find(&mut lib, &mut rng, words, n + 20, 20, None);
    println!(
        "save → found, 20 saves back to back (the merges compete for the two cores): {}",
        summary(&mut back_to_back)
    );
}

/// The pause before each save of the paced save → found figure: a curator who saves again a
/// third of a second later is quick.
const CURATOR_PAUSE: Duration = Duration::from_millis(300);

/// Adds `count` synthetic entries, each after `pause`, and searches for each at once: the time
/// from the save until the search has found it, per save.
fn save_and_find(
    lib: &mut Library,
    rng: &mut Rng,
    words: &[String],
    first: usize,
    count: usize,
    pause: Option<Duration>,
) -> Vec<Duration> {
    let mut times = Vec::new();
    for i in first..first + count {
        if let Some(pause) = pause {
            std::thread::sleep(pause);
        }
        let mut e = synthetic(rng, words, i);
        let title = format!("Syntetisk sparprov{i}");
        e.title = title.clone();
        let t = Instant::now();
        lib.add(e).unwrap();
        let found = lib
            .search(&SearchRequest::query(&format!("sparprov{i}")))
            .unwrap();
        times.push(t.elapsed());
        assert!(found.hits.iter().any(|h| h.title == title));
    }
    times
}

fn relevance() {
    println!("\n## Judged query set on the starter library");
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("bibliotek");
    let lib = Library::create(&dir, Contents::Starter).unwrap();
    let entries: Vec<Entry> = lib
        .list(None)
        .unwrap()
        .into_iter()
        .map(|s| lib.get(&s.id).unwrap())
        .collect();
    let fts = Fts5::build(&tmp.path().join("fts5.sqlite3"), &entries);
    let id_of: BTreeMap<String, String> = entries
        .iter()
        .map(|e| (e.uid.clone(), e.id.clone()))
        .collect();
    let queries = metrics::judged_queries();
    let (mut ours, mut theirs, mut ours_rr, mut theirs_rr) = (0.0, 0.0, 0.0, 0.0);
    let mut by_kind: BTreeMap<&str, (f64, f64, usize)> = BTreeMap::new();
    for q in &queries {
        let ranking: Vec<String> = lib
            .search(&SearchRequest {
                limit: Some(10),
                ..SearchRequest::query(&q.query)
            })
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.id)
            .collect();
        let ours_one = metrics::ndcg_at_10(&ranking, &q.relevant);
        ours += ours_one;
        ours_rr += metrics::reciprocal_rank(&ranking, &q.relevant);
        let ranking: Vec<String> = fts
            .search(&q.query, 10)
            .hits
            .into_iter()
            .map(|(uid, _)| id_of[&uid].clone())
            .collect();
        let theirs_one = metrics::ndcg_at_10(&ranking, &q.relevant);
        theirs += theirs_one;
        let slot = by_kind.entry(q.kind.as_str()).or_default();
        slot.0 += ours_one;
        slot.1 += theirs_one;
        slot.2 += 1;
        theirs_rr += metrics::reciprocal_rank(&ranking, &q.relevant);
    }
    let n = queries.len() as f64;
    println!(
        "{} queries: nDCG@10 tantivy {:.3}, FTS5 {:.3}; MRR tantivy {:.3}, FTS5 {:.3}",
        queries.len(),
        ours / n,
        theirs / n,
        ours_rr / n,
        theirs_rr / n
    );
    println!("nDCG@10 by kind of query (tantivy / FTS5):");
    for (kind, (a, b, count)) in by_kind {
        let c = count as f64;
        println!("  {kind:<14} {:.3} / {:.3}  ({count})", a / c, b / c);
    }
}

/// 50 entries spread over the library, for "Liknande exempel".
fn spread_ids(lib: &Library, n: usize) -> Vec<String> {
    lib.select(&SearchRequest::default())
        .unwrap()
        .into_iter()
        .step_by((n / 50).max(1))
        .take(50)
        .collect()
}

/// "Liknande exempel" for each of `ids`.
fn similar_entries(lib: &Library, ids: &[String]) {
    let mut times = Vec::new();
    let mut shown = 0;
    for id in ids {
        let t = Instant::now();
        shown += lib.similar(id, 5).unwrap().len();
        times.push(t.elapsed());
    }
    println!(
        "similar entries (\"Liknande exempel\", five of {} entries): {} ({shown} shown)",
        ids.len(),
        summary(&mut times)
    );
}

/// `-- profile DIR N [rebuild | similar | saves]`: a library of N synthetic entries kept in
/// DIR (made on the first run, reused after), then the query set in a loop with each query's
/// time (`ROUNDS`, default 5; before each, `QUERY_PAUSE_MS` idle and `QUERY_BUSY_MS` of work
/// on the calling thread, as `make bench`'s FTS5 query), for `perf` and for trying a change
/// without generating the corpus again. `similar` times "Liknande exempel"; `saves` adds
/// entries to DIR (copy it first), each after `PAUSE_MS`, with a new writer per save when
/// `NEW_WRITER` is set. Not part of `make bench`.
fn profile(dir: &Path, n: usize, what: &str) {
    let words = vocabulary();
    let mut rng = Rng(0x5eed_0000 + n as u64);
    let mut lib = if dir.join(library::DATABASE_FILE).exists() {
        Library::open(dir).unwrap()
    } else {
        let entries: Vec<Entry> = (0..n).map(|i| synthetic(&mut rng, &words, i)).collect();
        let mut lib = Library::create(dir, Contents::Empty).unwrap();
        lib.add_many(entries).unwrap();
        lib
    };
    if what == "rebuild" {
        let t = Instant::now();
        lib.reindex().unwrap();
        println!(
            "rebuild {:.1} s, index {:.0} MB",
            t.elapsed().as_secs_f64(),
            dir_size(&dir.join("index")) as f64 / 1e6
        );
        return;
    }
    let rounds = env_number("ROUNDS").unwrap_or(5) as usize;
    if what == "saves" {
        // The first search reads every segment's vocabulary: not a save's cost.
        lib.search(&SearchRequest::query("syntetisk")).unwrap();
        if std::env::var_os("NEW_WRITER").is_none() {
            lib.keep_index_writer(KeepWriter::DESKTOP);
        }
        let pause = env_number("PAUSE_MS").map(Duration::from_millis);
        let mut times = save_and_find(&mut lib, &mut rng, &words, n, rounds * 10, pause);
        println!("save → found: {}", summary(&mut times));
        return;
    }
    if what == "similar" {
        let ids = spread_ids(&lib, n);
        for _ in 0..rounds {
            similar_entries(&lib, &ids);
        }
        return;
    }
    // The benchmark's queries for this size, drawn after its corpus; kept beside the library.
    let kept = dir.join("queries.txt");
    let queries: Vec<String> = match std::fs::read_to_string(&kept) {
        Ok(text) => text.lines().map(str::to_owned).collect(),
        Err(_) => {
            let mut rng = Rng(0x5eed_0000 + n as u64);
            for i in 0..n {
                synthetic(&mut rng, &words, i);
            }
            let queries = query_set(&words, &mut rng);
            std::fs::write(&kept, queries.join("\n")).unwrap();
            queries
        }
    };
    let mut all = Vec::new();
    let mut per_query: Vec<Vec<Duration>> = vec![Vec::new(); queries.len()];
    // A pause before each query, as between keystrokes: threads that wait for work sleep.
    let pause = env_number("QUERY_PAUSE_MS").map(Duration::from_millis);
    // Work on this thread before each query, as `make bench`'s FTS5 query between ours.
    let busy = env_number("QUERY_BUSY_MS").map(Duration::from_millis);
    for _ in 0..rounds {
        for (q, times) in queries.iter().zip(&mut per_query) {
            if let Some(pause) = pause {
                std::thread::sleep(pause);
            }
            if let Some(busy) = busy {
                let t = Instant::now();
                while t.elapsed() < busy {
                    std::hint::spin_loop();
                }
            }
            let t = Instant::now();
            let found = lib.search(&SearchRequest::query(q)).unwrap();
            let took = t.elapsed();
            std::hint::black_box(found);
            times.push(took);
            all.push(took);
        }
    }
    for (q, times) in queries.iter().zip(&mut per_query) {
        let total = lib.search(&SearchRequest::query(q)).unwrap().total;
        times.sort();
        println!(
            "{:>8.2} ms  {total:>6}  {q}",
            times[times.len() / 2].as_secs_f64() * 1000.0
        );
    }
    println!("all: {}", summary(&mut all));
}

/// A number from the environment variable `name`, if it is set to one.
fn env_number(name: &str) -> Option<u64> {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
}

/// The allocator of the binaries it stands for (see `crates/cli/src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(i) = args.iter().position(|a| a == "profile") {
        let dir = Path::new(&args[i + 1]);
        let n = args[i + 2].parse().unwrap();
        profile(dir, n, args.get(i + 3).map_or("query", String::as_str));
        return;
    }
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10_000, 100_000]
    } else {
        sizes
    };
    println!(
        "# Exempelbanken search benchmark ({} cores)",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    relevance();
    let words = vocabulary();
    println!(
        "\nvocabulary: {} words (the starter library's, and synthetic compounds of them)",
        words.len()
    );
    for n in sizes {
        bench_size(n, &words);
    }
}
