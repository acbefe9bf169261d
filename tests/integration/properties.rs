//! Property tests over every parser of outside input: bundles, imports (JSON, JSON Lines,
//! CSV, XLSX), the search request's JSON and the query text. Each case asserts no panic, a
//! clear error or a valid result, and the library unchanged when the answer is an error.
//!
//! `make test` runs a few hundred cases; `make fuzz` sets `PROPTEST_CASES` much higher.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use library::Library;
use model::query::SearchRequest;

use crate::util::TestLibrary;

/// Cases per property: `PROPTEST_CASES`, or `default` in a normal test run.
fn runner(default: u32) -> TestRunner {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default);
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

/// Every entry with its history, and the focus areas: what an error must leave as it was.
fn digest(lib: &Library) -> String {
    let mut out = serde_json::to_string(&lib.taxonomy().unwrap().focus_areas).unwrap();
    let mut ids: Vec<String> = lib.list(None).unwrap().into_iter().map(|e| e.id).collect();
    ids.extend(lib.trash().unwrap().into_iter().map(|t| t.id));
    ids.sort();
    for id in ids {
        for rev in lib.history(&id).unwrap() {
            out.push_str(
                &serde_json::to_string(&lib.revision(&id, rev.revision).unwrap()).unwrap(),
            );
        }
    }
    out
}

/// What a write from outside must do: apply, or say why not and leave the library as it was.
fn applied_or_untouched(
    result: model::error::Result<library::plan::WriteReport>,
    lib: &Library,
    before: &str,
) -> Result<(), TestCaseError> {
    match result {
        Ok(report) if report.applied => prop_assert!(!report.rows.is_empty()),
        Ok(report) => {
            prop_assert!(report.totals.reject > 0);
            prop_assert_eq!(digest(lib), before);
        }
        Err(err) => {
            prop_assert!(!err.message.is_empty());
            prop_assert_eq!(digest(lib), before);
        }
    }
    Ok(())
}

/// A valid file's bytes with some of them changed, some cut away or some added.
fn mutated(valid: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    let len = valid.len().max(1);
    (
        prop::collection::vec((0..len, any::<u8>()), 0..12),
        prop::option::of(0..len),
        prop::collection::vec(any::<u8>(), 0..16),
    )
        .prop_map(move |(flips, cut, tail)| {
            let mut bytes = valid.clone();
            for (at, byte) in flips {
                if at < bytes.len() {
                    bytes[at] = byte;
                }
            }
            if let Some(cut) = cut {
                bytes.truncate(cut);
            }
            bytes.extend(tail);
            bytes
        })
}

/// Random bytes, or a mutation of one of `valid`.
fn hostile(valid: Vec<Vec<u8>>) -> impl Strategy<Value = Vec<u8>> {
    let mutations: Vec<_> = valid.into_iter().map(mutated).collect();
    prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 0..2048),
        4 => prop::strategy::Union::new(mutations),
    ]
}

#[test]
fn bundle_reading_survives_random_and_mutated_bundles() {
    let source = TestLibrary::starter();
    let bundle = source.dir().parent().unwrap().join("start.zip");
    source
        .cli(&["bundle", "create", "--out", &bundle.to_string_lossy()])
        .ok();
    let valid = std::fs::read(&bundle).unwrap();
    let target = TestLibrary::empty();
    let lib = std::cell::RefCell::new(target.open());
    let path = target.dir().parent().unwrap().join("prov.zip");
    runner(48)
        .run(&hostile(vec![valid]), |bytes| {
            std::fs::write(&path, &bytes).unwrap();
            let before = digest(&lib.borrow());
            let result = lib.borrow_mut().bundle_import(&path, false, true);
            // A mutation the checks cannot tell from the original (in the zip's comment, say)
            // merges the same signed entries.
            applied_or_untouched(result, &lib.borrow(), &before)
        })
        .unwrap();
}

#[test]
fn imports_survive_random_and_mutated_files() {
    let t = TestLibrary::starter();
    let lib = std::cell::RefCell::new(t.open());
    let ids: Vec<String> = lib
        .borrow()
        .list(None)
        .unwrap()
        .into_iter()
        .map(|e| e.id)
        .collect();
    let export = |format: &str| -> Vec<u8> {
        let options = library::export::ExportOptions {
            format: library::export::ExportFormat::from_name(format).unwrap(),
            brief: false,
            no_contacts: false,
            title: None,
            columns: Vec::new(),
        };
        lib.borrow()
            .export_job(
                &ids,
                &options,
                library::commands::Scope::OWNER,
                &model::progress::Progress::none(),
            )
            .unwrap()
            .render(&model::progress::Progress::none())
            .unwrap()
    };
    let (json, csv, xlsx) = (export("json"), export("csv"), export("xlsx"));
    let jsonl: Vec<u8> = {
        let entries: Vec<serde_json::Value> = serde_json::from_slice(&json).unwrap();
        entries
            .iter()
            .map(|e| format!("{e}\n"))
            .collect::<String>()
            .into_bytes()
    };
    for (name, valid) in [
        ("prov.json", json),
        ("prov.jsonl", jsonl),
        ("prov.csv", csv),
        ("prov.xlsx", xlsx),
    ] {
        runner(40)
            .run(&hostile(vec![valid]), |bytes| {
                let before = digest(&lib.borrow());
                let result = lib.borrow_mut().import(name, &bytes, &Default::default());
                applied_or_untouched(result, &lib.borrow(), &before)
            })
            .unwrap();
    }
}

#[test]
fn search_requests_from_outside_answer_or_refuse() {
    let t = TestLibrary::starter();
    let lib = t.open();
    let valid = serde_json::to_string(&SearchRequest {
        query: "mat skola".into(),
        focus: vec!["livsmedel".into()],
        limit: Some(5),
        offset: Some(2),
        prefix: true,
        ..Default::default()
    })
    .unwrap();
    let requests = prop_oneof![
        ".{0,300}".prop_map(String::into_bytes),
        mutated(valid.into_bytes()),
    ];
    runner(200)
        .run(&requests, |bytes| {
            if let Ok(request) = serde_json::from_slice::<SearchRequest>(&bytes) {
                match lib.search(&request) {
                    Ok(found) => prop_assert!(found.hits.len() as u64 <= found.total),
                    Err(err) => prop_assert!(!err.message.is_empty()),
                }
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn the_query_parser_takes_any_text() {
    let t = TestLibrary::starter();
    let lib = t.open();
    let text = prop_oneof![
        "\\PC{0,200}",
        "[a-zåäö*\"()+\\-~^: ]{0,80}",
        prop::collection::vec(
            prop::sample::select(vec![
                "mat",
                "\"",
                "(",
                ")",
                "-",
                "+",
                "*",
                "~",
                "OR",
                "AND",
                "NOT",
                ":",
                "^2",
                "välfärdsteknik",
            ]),
            0..30
        )
        .prop_map(|words| words.join(" ")),
    ];
    runner(300)
        .run(&(text, any::<bool>()), |(query, prefix)| {
            let request = SearchRequest {
                query,
                prefix,
                ..Default::default()
            };
            match lib.search(&request) {
                Ok(found) => prop_assert!(found.hits.len() as u64 <= found.total),
                Err(err) => prop_assert!(!err.message.is_empty()),
            }
            Ok(())
        })
        .unwrap();
}
