//! The workspace's layers, checked against `cargo metadata`: each crate depends only on the
//! layers below it, and the heavy dependencies stay in the one crate that needs them.
//!
//! ```text
//! front ends   exempelbank-cli, exempelbank-serve, exempelbank-desktop
//! facade       exempelbank-library
//! services     exempelbank-share, exempelbank-search
//! storage      exempelbank-store
//! core         exempelbank-model
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

/// The workspace crates each crate may depend on (normal dependencies; tests may use more).
const ALLOWED: &[(&str, &[&str])] = &[
    ("exempelbank-model", &[]),
    ("exempelbank-store", &["exempelbank-model"]),
    (
        "exempelbank-search",
        &["exempelbank-model", "exempelbank-store"],
    ),
    ("exempelbank-share", &["exempelbank-model"]),
    (
        "exempelbank-library",
        &[
            "exempelbank-model",
            "exempelbank-store",
            "exempelbank-search",
            "exempelbank-share",
        ],
    ),
    (
        "exempelbank-serve",
        &["exempelbank-library", "exempelbank-model"],
    ),
    (
        "exempelbank-cli",
        &[
            "exempelbank-library",
            "exempelbank-model",
            "exempelbank-serve",
        ],
    ),
    (
        "exempelbank-desktop",
        &["exempelbank-library", "exempelbank-model"],
    ),
];

/// Heavy or front-end dependencies, and the only workspace crates that may reach them, even
/// through other crates. (SQLite and tantivy are not here: the model carries the conversions
/// of their errors behind features that the store and search crates switch on.)
const CONFINED: &[(&str, &[&str])] = &[
    (
        "typst",
        &[
            "exempelbank-share",
            "exempelbank-library",
            "exempelbank-serve",
            "exempelbank-cli",
            "exempelbank-desktop",
        ],
    ),
    ("axum", &["exempelbank-serve", "exempelbank-cli"]),
    ("clap", &["exempelbank-cli"]),
    ("tauri", &["exempelbank-desktop"]),
];

/// The normal (not dev, not build) dependency graph of the workspace, by package name.
fn graph() -> (BTreeSet<String>, BTreeMap<String, BTreeSet<String>>) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let host = Command::new("rustc")
        .arg("-vV")
        .output()
        .expect("rustc runs");
    let host = String::from_utf8_lossy(&host.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_owned))
        .expect("rustc names its host");
    // This machine's platform only: the others' packages need not be downloaded.
    let out = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--filter-platform",
            &host,
        ])
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let name_of: BTreeMap<&str, &str> = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["name"].as_str().unwrap()))
        .collect();
    let members: BTreeSet<String> = meta["workspace_members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| name_of[id.as_str().unwrap()].to_owned())
        .collect();
    let mut edges = BTreeMap::new();
    for node in meta["resolve"]["nodes"].as_array().unwrap() {
        let from = name_of[node["id"].as_str().unwrap()].to_owned();
        let deps: BTreeSet<String> = node["deps"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| {
                d["dep_kinds"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|k| k["kind"].is_null())
            })
            .map(|d| name_of[d["pkg"].as_str().unwrap()].to_owned())
            .collect();
        edges.entry(from).or_insert_with(BTreeSet::new).extend(deps);
    }
    (members, edges)
}

fn reaches(edges: &BTreeMap<String, BTreeSet<String>>, from: &str, target: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut todo = vec![from.to_owned()];
    while let Some(next) = todo.pop() {
        if next == target {
            return true;
        }
        if seen.insert(next.clone()) {
            todo.extend(edges.get(&next).into_iter().flatten().cloned());
        }
    }
    false
}

#[test]
fn every_crate_depends_only_on_the_layers_below_it() {
    let (members, edges) = graph();
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    for member in &members {
        let Some(may) = allowed.get(member.as_str()) else {
            panic!("{member} is not in the layer table of tests/integration/layers.rs");
        };
        for dep in edges[member].iter().filter(|d| members.contains(*d)) {
            assert!(
                may.contains(&dep.as_str()),
                "{member} must not depend on {dep}"
            );
        }
    }
}

#[test]
fn heavy_dependencies_stay_where_they_are_needed() {
    let (members, edges) = graph();
    for (dependency, only) in CONFINED {
        for member in &members {
            let reached = reaches(&edges, member, dependency);
            assert_eq!(
                reached,
                only.contains(&member.as_str()),
                "{member} {} {dependency}",
                if reached {
                    "must not reach"
                } else {
                    "no longer reaches"
                }
            );
        }
    }
}
