//! The command line: JSON shapes, exit codes, and messages for bad input.

use crate::util::{TestLibrary, full_entry_json};

#[test]
fn search_json_has_hits_with_marked_snippets_and_facet_counts() {
    let t = TestLibrary::unmade();
    let out = t.cli(&["search", "livsmedel", "--json"]).ok().json();
    assert!(out["total"].as_u64().unwrap() >= 1);
    let first = &out["hits"][0];
    assert_eq!(first["id"], "sodertalje-hallbar-livsmedelsforsorjning");
    assert!(first["title"].as_str().unwrap().starts_with("Södertälje"));
    assert!(first["score"].as_f64().unwrap() > 0.0);
    let snippet = first["snippet"].as_str().unwrap();
    assert!(
        snippet.contains("<mark>livsmedelsförsörjning</mark>"),
        "{snippet}"
    );
    for facet in ["focus_area", "lan", "municipality", "kind", "stage", "year"] {
        assert!(
            out["facets"][facet].is_object(),
            "facet {facet} missing: {out}"
        );
    }
    assert_eq!(out["facets"]["municipality"]["0181"], 1);
    assert_eq!(out["facets"]["kind"]["exempel"], 1);
}

#[test]
fn search_says_what_a_typo_was_read_as_and_what_was_meant_when_nothing_matched() {
    let t = TestLibrary::unmade();
    let corrected = t.cli(&["search", "hållbar livsmedl"]).ok().stdout();
    assert!(
        corrected.contains("Visar träffar för: hållbar livsmedel\n"),
        "{corrected}"
    );
    let none = t.cli(&["search", "livsmdl"]).ok().stdout();
    assert!(
        none.starts_with("0 träffar\nMenade du: livsmedel?\n"),
        "{none}"
    );
    let json = t.cli(&["search", "livsmdl", "--json"]).ok().json();
    assert_eq!(json["suggestion"], "livsmedel");
    // Nothing to say: neither key.
    let plain = t.cli(&["search", "livsmedel", "--json"]).ok().json();
    assert!(plain.get("corrected").is_none() && plain.get("suggestion").is_none());
}

#[test]
fn search_filters_combine_and_an_empty_query_browses() {
    let t = TestLibrary::unmade();
    let all = t
        .cli(&["search", "", "--json", "--limit", "200"])
        .ok()
        .json();
    let total = all["total"].as_u64().unwrap();
    assert_eq!(total as usize, library::starter::entries().unwrap().len());

    let focus = t
        .cli(&["search", "", "--focus", "valfardsteknik-e-halsa", "--json"])
        .ok()
        .json();
    let n = all["facets"]["focus_area"]["valfardsteknik-e-halsa"]
        .as_u64()
        .unwrap();
    assert_eq!(focus["total"].as_u64().unwrap(), n);

    let both = t
        .cli(&[
            "search",
            "",
            "--region",
            "Örebro län",
            "--kind",
            "exempel",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(both["total"], 1);
    assert_eq!(
        both["hits"][0]["id"],
        "orebro-gemensam-testbadd-valfardsteknik-e-halsa"
    );

    let either = t
        .cli(&["search", "", "--region", "18", "--region", "01", "--json"])
        .ok()
        .json();
    assert_eq!(either["total"], 2);
}

#[test]
fn list_show_and_history_print_the_documented_json() {
    let t = TestLibrary::unmade();
    let list = t.cli(&["list", "--json"]).ok().json();
    let first = &list[0];
    for key in ["id", "title", "kind", "status", "revision"] {
        assert!(!first[key].is_null(), "{key} missing in {first}");
    }
    let id = first["id"].as_str().unwrap();
    let entry = t.cli(&["show", id, "--json"]).ok().json();
    for key in [
        "format",
        "id",
        "uid",
        "origin",
        "kind",
        "title",
        "summary",
        "focus_areas",
        "status",
        "revision",
        "created_at",
        "updated_at",
    ] {
        assert!(!entry[key].is_null(), "{key} missing in {entry}");
    }
    assert_eq!(entry["origin"], "exempelbanken-start");
    let history = t.cli(&["history", id, "--json"]).ok().json();
    assert_eq!(history[0]["revision"], 1);
    for key in ["revision", "at", "by", "status", "comment"] {
        assert!(!history[0][key].is_null(), "{key} missing in {history}");
    }
}

#[test]
fn add_edit_status_delete_and_restore_through_the_cli() {
    let t = TestLibrary::empty();
    let file = t.file("ny.json", &full_entry_json());
    let out = t.cli(&["add", &file]).ok();
    assert!(
        out.stdout()
            .contains("aldreomsorgens-digitala-nattillsyn-i-testby"),
        "{}",
        out.stdout()
    );
    let id = "aldreomsorgens-digitala-nattillsyn-i-testby";

    let mut entry = t.cli(&["show", id, "--json"]).ok().json();
    entry["title"] = "Digital nattillsyn, andra versionen".into();
    t.cli_with_stdin(&["edit", id, "-"], Some(&entry.to_string()))
        .ok();
    // The same stale copy again is refused: it names revision 1.
    let stale = t.cli_with_stdin(&["edit", id, "-"], Some(&entry.to_string()));
    assert_eq!(stale.code(), 1);
    assert!(stale.stderr().contains("revision 1"), "{}", stale.stderr());

    t.cli(&["status", id, "arkiverad", "--comment", "inaktuell"])
        .ok();
    t.cli(&["restore", id, "1"]).ok();
    let history = t.cli(&["history", id, "--json"]).ok().json();
    let comments: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["comment"].as_str().unwrap())
        .collect();
    assert_eq!(
        comments,
        [
            "skapad",
            "ändrad",
            "inaktuell",
            "återställd från revision 1"
        ]
    );
    let shown = t.cli(&["show", id, "--json"]).ok().json();
    assert_eq!(
        shown["title"],
        "Äldreomsorgens digitala nattillsyn i Testby"
    );
    assert_eq!(shown["status"], "arkiverad");

    t.cli(&["delete", id]).ok();
    let trash = t.cli(&["trash", "--json"]).ok().json();
    assert_eq!(trash[0]["id"], id);
    assert_eq!(t.cli(&["show", id]).code(), 1);
    t.cli(&["undelete", id]).ok();
    t.cli(&["show", id]).ok();
    t.cli(&["check"]).ok();
}

/// Runs a bad `add` and checks the exit code, the message and that nothing changed.
#[track_caller]
fn refused(t: &TestLibrary, input: &str, expected: &[&str]) {
    let before = t.digest();
    let out = t.cli_with_stdin(&["add", "-"], Some(input));
    assert_eq!(out.code(), 1, "stdout: {}", out.stdout());
    for text in expected {
        assert!(
            out.stderr().contains(text),
            "{text:?} not in {:?}",
            out.stderr()
        );
    }
    assert_eq!(t.digest(), before, "the library changed");
}

#[test]
fn bad_input_exits_1_with_a_message_naming_the_problem_and_changes_nothing() {
    let t = TestLibrary::starter();
    refused(
        &t,
        r#"{"kind": "exempel", "title": "Trasig"#,
        &["ogiltig JSON", "rad 1"],
    );
    refused(
        &t,
        r#"{"kind": "exempel", "summary": "Ingen titel"}"#,
        &["fältet title", "titel saknas"],
    );
    refused(
        &t,
        r#"{"kind": "exempel", "title": "T", "focus_areas": ["rymdfart"]}"#,
        &["fältet focus_areas[0]", "okänt fokusområde \"rymdfart\""],
    );
    refused(&t, r#"{"title": "T"}"#, &["fältet kind saknas"]);
    refused(
        &t,
        r#"{"kind": "roman", "title": "T"}"#,
        &["fältet kind", "okänt värde \"roman\"", "exempel"],
    );
    refused(
        &t,
        r#"{"kind": "exempel", "title": "T", "titel": "x"}"#,
        &["okänt fält \"titel\""],
    );
    refused(
        &t,
        r#"{"kind": "exempel", "title": "T", "places": [{"municipality_code": "9999"}]}"#,
        &[
            "fältet places[0].municipality_code",
            "okänd kommunkod \"9999\"",
        ],
    );
    refused(
        &t,
        r#"{"kind": "exempel", "title": "T", "goals": [18]}"#,
        &["fältet goals[0]", "18"],
    );
    refused(
        &t,
        r#"{"kind": "exempel", "title": "T", "period": {"start": 2022, "end": 2019}}"#,
        &["fältet period", "2022", "2019"],
    );
    let big = format!(
        r#"{{"kind": "exempel", "title": "T", "sections": {{"results": "{}"}}}}"#,
        "a".repeat(300_000)
    );
    refused(&t, &big, &["fältet sections.results", "för lång"]);
}

#[test]
fn add_of_an_array_adds_all_or_nothing() {
    let t = TestLibrary::empty();
    let two = r#"[{"kind":"metod","title":"Första"},{"kind":"metod","title":"Andra"}]"#;
    let out = t.cli_with_stdin(&["add", "-"], Some(two)).ok();
    assert!(
        out.stdout().contains("post 1   ny         forsta")
            && out.stdout().contains("post 2   ny         andra")
            && out.stdout().contains("2 nya, 0 ändrade"),
        "{}",
        out.stdout()
    );
    let bad = r#"[{"kind":"metod","title":"Tredje"},{"kind":"metod","title":""}]"#;
    refused(&t, bad, &["post 2", "fältet title"]);
    assert_eq!(
        t.cli(&["list", "--json"])
            .ok()
            .json()
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn unreadable_files_and_unknown_ids_exit_1_and_usage_errors_exit_2() {
    let t = TestLibrary::starter();
    let missing = t.cli(&["add", "/finns/inte.json"]);
    assert_eq!(missing.code(), 1);
    assert!(
        missing.stderr().contains("/finns/inte.json"),
        "{}",
        missing.stderr()
    );

    let latin1 = t.dir().parent().unwrap().join("latin1.json");
    std::fs::write(&latin1, b"{\"kind\":\"exempel\",\"title\":\"K\xf6ping\"}").unwrap();
    let bad = t.cli(&["add", latin1.to_str().unwrap()]);
    assert_eq!(bad.code(), 1);
    assert!(bad.stderr().contains("UTF-8"), "{}", bad.stderr());

    let unknown = t.cli(&["show", "finns-inte"]);
    assert_eq!(unknown.code(), 1);
    assert!(
        unknown
            .stderr()
            .contains("ingen post med id \"finns-inte\""),
        "{}",
        unknown.stderr()
    );

    let json_err = t.cli(&["show", "finns-inte", "--json"]);
    let err: serde_json::Value = serde_json::from_str(json_err.stderr().trim()).unwrap();
    assert_eq!(err["error"]["code"], "not_found");

    assert_eq!(t.cli(&["frobnicate"]).code(), 2);
    assert_eq!(t.cli(&["search", "x", "--kind", "roman"]).code(), 2);
    let region = t.cli(&["search", "x", "--region", "Atlantis"]);
    assert_eq!(region.code(), 1);
    assert!(
        region.stderr().contains("okänt län \"Atlantis\""),
        "{}",
        region.stderr()
    );
}

#[test]
fn init_refuses_an_existing_library_and_empty_makes_one_without_entries() {
    let t = TestLibrary::unmade();
    t.cli(&["init", "--empty"]).ok();
    assert_eq!(
        t.cli(&["list", "--json"]).ok().json(),
        serde_json::json!([])
    );
    let again = t.cli(&["init"]);
    assert_eq!(again.code(), 1);
    assert!(again.stderr().contains("finns redan"), "{}", again.stderr());
}

/// An attachment's `sha256` names its file in the library, so `/etc/hostname` or a path into
/// the library's own database would have been shipped in the next bundle. Every attachment
/// field is checked where the others are; nothing is written.
#[test]
fn attachment_sha256_that_is_a_path_is_refused_and_nothing_changes() {
    let t = TestLibrary::starter();
    let before = t.digest();
    for bad in ["/etc/hostname", "./../library.sqlite3", "a"] {
        let entry = serde_json::json!({
            "kind": "exempel",
            "title": "En post med en bilaga",
            "attachments": [{
                "name": "rapport.pdf",
                "media_type": "application/pdf",
                "size": 10,
                "sha256": bad,
            }],
        });
        let file = t.file("bilaga.json", &entry.to_string());
        let out = t.cli(&["add", &file]);
        assert_eq!(out.code(), 1, "{bad}: {}", out.stderr());
        assert!(
            out.stderr().contains("attachments[0].sha256"),
            "{}",
            out.stderr()
        );
        let out = t.cli(&["import", &file]);
        assert_eq!(out.code(), 1, "{bad}: {}", out.stdout());
        assert!(
            out.stdout().contains("attachments[0].sha256"),
            "{}",
            out.stdout()
        );
    }
    assert_eq!(t.digest(), before);
}

/// `--json` is one global flag: before it was a flag of some subcommands, and `bundle incoming
/// --json` printed its errors as text.
#[test]
fn json_errors_come_from_every_subcommand() {
    let t = TestLibrary::starter();
    for args in [
        &["bundle", "incoming", "accept", "finns-inte", "--json"][..],
        &["--json", "show", "finns-inte"][..],
        &["status", "finns-inte", "publicerad", "--json"][..],
    ] {
        let out = t.cli(args);
        assert_eq!(out.code(), 1, "{args:?}");
        let error: serde_json::Value = serde_json::from_str(out.stderr().trim())
            .unwrap_or_else(|_| panic!("{args:?}: not JSON: {}", out.stderr()));
        assert_eq!(error["error"]["code"], "not_found", "{args:?}");
    }
}

#[test]
fn output_into_a_closed_pipe_ends_quietly_without_a_panic() {
    // Regression: `exempelbank --json list | head` printed a panic ("failed printing to
    // stdout: Broken pipe") with a stack trace.
    let t = TestLibrary::starter();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_exempelbank"))
        .arg("--library")
        .arg(t.dir())
        .args(["--json", "list"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}
