//! Sharing benchmark: a PDF case card, a PDF brief of 100 entries, and a bundle of 10 000
//! entries created and imported into an empty library, against the targets of BENCHMARKS.md.
//!
//! ```sh
//! make bench-share
//! CARGO_TARGET_DIR=target-bench cargo bench --bench share -- 10000
//! ```
//!
//! The entries are the synthetic corpus of `benches/common/synthetic.rs`, marked synthetic.

extern crate exempelbank_library as library;

use std::time::{Duration, Instant};

use library::{Contents, Library};
use share::export::{ExportFormat, ExportOptions};

#[path = "common/synthetic.rs"]
mod synthetic;
use synthetic::{Rng, synthetic, vocabulary};

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// The allocator of the binaries it stands for (see `crates/cli/src/main.rs`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // The first number among the arguments (cargo bench passes `--bench` too).
    let n: usize = std::env::args()
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let tmp = tempfile::tempdir().unwrap();
    let words = vocabulary();
    let mut rng = Rng(0x5ca1ab1e);
    let entries: Vec<_> = (0..n).map(|i| synthetic(&mut rng, &words, i)).collect();
    let source_dir = tmp.path().join("källa");
    let mut source = Library::create(&source_dir, Contents::Empty).unwrap();
    let started = Instant::now();
    for chunk in entries.chunks(1000) {
        source.add_many(chunk.to_vec()).unwrap();
    }
    println!(
        "# Sharing, {n} synthetic entries (added in {:.1} s)",
        started.elapsed().as_secs_f64()
    );
    let uids: Vec<String> = source
        .list(None)
        .unwrap()
        .into_iter()
        .map(|e| e.uid)
        .collect();

    let card = ExportOptions {
        format: ExportFormat::Pdf,
        brief: false,
        no_contacts: false,
        title: None,
        columns: Vec::new(),
    };
    // The first rendering also parses the fonts and the template; report it apart.
    let first = Instant::now();
    source.export(&uids[..1], &card).unwrap();
    let first = first.elapsed();
    let mut times: Vec<Duration> = (0..20)
        .map(|i| {
            let t = Instant::now();
            source.export(&uids[100 + i..101 + i], &card).unwrap();
            t.elapsed()
        })
        .collect();
    println!(
        "PDF case card: median {} over 20 (first in a process {}); target ≤ 300 ms",
        ms(median(&mut times)),
        ms(first)
    );

    let brief = ExportOptions {
        brief: true,
        title: Some("Hundra syntetiska exempel".into()),
        ..card.clone()
    };
    // Different entries each time: typst caches what it has laid out before.
    let mut times: Vec<Duration> = (0..3)
        .map(|k| {
            let t = Instant::now();
            let pdf = source
                .export(&uids[1000 + k * 100..1100 + k * 100], &brief)
                .unwrap();
            assert!(pdf.len() > 100_000);
            t.elapsed()
        })
        .collect();
    println!(
        "PDF brief of 100 entries: median {} over 3; target ≤ 5 s",
        ms(median(&mut times))
    );

    let bundle = tmp.path().join("paket.zip");
    let t = Instant::now();
    let summary = source.bundle_create(&uids, None, &bundle).unwrap();
    let created = t.elapsed();
    println!(
        "bundle of {} entries created: {:.2} s, {:.1} MB; target ≤ 10 s",
        summary.entries,
        created.as_secs_f64(),
        summary.bytes as f64 / 1e6
    );
    let mut target = Library::create(&tmp.path().join("mål"), Contents::Empty).unwrap();
    let t = Instant::now();
    let report = target.bundle_import(&bundle, false, true).unwrap();
    let imported = t.elapsed();
    assert_eq!(report.totals.create as usize, n);
    println!(
        "bundle of {} entries imported into an empty library (checked, merged, indexed): {:.2} s; target ≤ 30 s",
        report.totals.create,
        imported.as_secs_f64()
    );
    let t = Instant::now();
    let again = target.bundle_import(&bundle, false, true).unwrap();
    println!(
        "the same bundle again ({} unchanged): {:.2} s",
        again.totals.unchanged,
        t.elapsed().as_secs_f64()
    );
}
