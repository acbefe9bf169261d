//! Spread (uptakes): where a case has been taken up, named or counted, kept in the entry's
//! history, carried by bundles, and erased with the people it names.

use model::{OrgType, UptakeStage};

use crate::util::TestLibrary;

/// A made-up published entry, taken up by Örebro (testing since 2021), counted municipalities,
/// and a named network with a contact.
fn with_uptakes(contact: &str) -> serde_json::Value {
    serde_json::json!({
        "kind": "exempel",
        "title": "Syntetiskt exempel på spridning",
        "summary": "Påhittat för ett test.",
        "status": "publicerad",
        "uptakes": [
            {"code": "1880", "stage": "testar", "date": "2021", "source": "Testkälla"},
            {"count": 16, "type": "kommun", "stage": "intresserad", "source": "Testkälla",
             "note": "deltog i spridningsarbetet"},
            {"organisation": "Testnätverket", "type": "ideell", "stage": "planerar",
             "source": "https://example.org/natverk",
             "contacts": [{"name": contact, "role": "samordnare"}]}
        ]
    })
}

const ID: &str = "syntetiskt-exempel-pa-spridning";

#[test]
fn named_and_counted_uptakes_round_trip_with_their_history_and_diff() {
    let t = TestLibrary::empty();
    let mut lib = t.open();
    lib.add_json(&with_uptakes("Testa Testsson").to_string())
        .unwrap();
    drop(lib);
    // Read back from the file, by a new handle.
    let mut lib = t.open();
    let entry = lib.get(ID).unwrap();
    let u = &entry.uptakes;
    assert_eq!(u.len(), 3);
    assert_eq!(
        (u[0].organisation.as_str(), u[0].org_type, u[0].stage),
        ("Örebro", OrgType::Kommun, UptakeStage::Testar)
    );
    assert_eq!((u[1].count, u[1].org_type), (Some(16), OrgType::Kommun));
    assert!(u[1].organisation.is_empty() && u[1].code.is_empty());
    assert_eq!(u[2].contacts[0].name, "Testa Testsson");
    assert_eq!(
        model::spread::reach(u).summary().unwrap(),
        "Tagits upp av 16 kommuner och 1 ideell organisation, 2021"
    );

    // Örebro has introduced it: a new revision, and the diff names the change.
    let mut changed = entry.clone();
    changed.uptakes[0].stage = UptakeStage::Infort;
    changed.uptakes[0].date = "2023-05".into();
    lib.edit(ID, changed, None, None, "Örebro har infört arbetssättet")
        .unwrap();
    assert_eq!(lib.history(ID).unwrap().len(), 2);
    let diff = lib.diff(ID, 1, 2).unwrap();
    assert_eq!(diff.len(), 1, "{diff:?}");
    assert_eq!(
        (diff[0].field.as_str(), diff[0].label.as_str()),
        ("uptakes", "Spridning")
    );
    assert!(
        diff[0].before.contains("Örebro (kommun), testar, 2021"),
        "{}",
        diff[0].before
    );
    assert!(
        diff[0].after.contains("Örebro (kommun), infört, 2023-05"),
        "{}",
        diff[0].after
    );
    assert!(
        diff[0].after.contains("16 kommuner, intresserad"),
        "{}",
        diff[0].after
    );
    // The first revision is still there as it was.
    assert_eq!(lib.get(ID).unwrap().uptakes[0].stage, UptakeStage::Infort);
}

#[test]
fn a_bad_uptake_is_refused_with_its_place_named_and_nothing_written() {
    let t = TestLibrary::empty();
    let before = t.digest();
    let mut entry = with_uptakes("Testa Testsson");
    entry["uptakes"][1]["organisation"] = "Kommun X".into();
    let out = t.cli_with_stdin(&["add", "-"], Some(&entry.to_string()));
    assert_eq!(out.code(), 1, "{}", out.stderr());
    assert!(
        out.stderr().contains("uptakes[1].count") && out.stderr().contains("inte båda"),
        "{}",
        out.stderr()
    );
    assert_eq!(t.digest(), before);
}

#[test]
fn uptakes_travel_in_a_bundle_and_a_newer_revision_merges() {
    let a = TestLibrary::empty();
    a.cli_with_stdin(
        &["add", "-"],
        Some(&with_uptakes("Testa Testsson").to_string()),
    )
    .ok();
    let bundle = |name: &str| {
        let path = a.dir().parent().unwrap().join(name);
        a.cli(&["bundle", "create", "--out", &path.to_string_lossy()])
            .ok();
        path.to_string_lossy().into_owned()
    };
    let v1 = bundle("v1.zip");
    let b = TestLibrary::empty();
    b.cli(&["bundle", "import", &v1, "--trust"]).ok();
    assert_eq!(
        b.open().get(ID).unwrap().uptakes,
        a.open().get(ID).unwrap().uptakes
    );

    // Uppsala (0380) takes it up at the origin; the untouched copy follows.
    let mut lib = a.open();
    let mut newer = lib.get(ID).unwrap();
    newer.uptakes.push(model::Uptake {
        code: "0380".into(),
        organisation: String::new(),
        org_type: OrgType::Annan,
        count: None,
        stage: UptakeStage::Planerar,
        date: "2024".into(),
        source: "Testkälla".into(),
        note: String::new(),
        contacts: Vec::new(),
    });
    lib.edit(ID, newer, None, None, "Uppsala planerar").unwrap();
    drop(lib);
    let v2 = bundle("v2.zip");
    let report = b.cli(&["bundle", "import", &v2, "--json"]).ok().json();
    assert_eq!(report["totals"]["update"], 1, "{report}");
    let merged = b.open().get(ID).unwrap();
    assert_eq!(merged.uptakes.len(), 4);
    assert_eq!(
        (
            merged.uptakes[3].organisation.as_str(),
            merged.uptakes[3].org_type
        ),
        ("Uppsala", OrgType::Kommun)
    );
}

#[test]
fn an_erased_persons_contact_on_an_uptake_is_erased_and_stays_erased() {
    const NAME: &str = "Vera Spridningsson";
    let a = TestLibrary::empty();
    a.cli_with_stdin(&["add", "-"], Some(&with_uptakes(NAME).to_string()))
        .ok();
    let path = a.dir().parent().unwrap().join("v1.zip");
    let v1 = path.to_string_lossy().into_owned();
    a.cli(&["bundle", "create", "--out", &v1]).ok();

    let b = TestLibrary::empty();
    b.cli(&["bundle", "import", &v1, "--trust"]).ok();
    b.cli(&["erase-person", NAME, "--yes"]).ok();
    let erased = b.open().get(ID).unwrap();
    assert!(
        erased.uptakes[2].contacts.is_empty(),
        "{:?}",
        erased.uptakes[2]
    );
    assert_eq!(erased.uptakes.len(), 3, "the uptake itself stays");

    // The origin sends the entry again, contact and all (a newer revision): it stays out.
    let mut lib = a.open();
    let mut again = lib.get(ID).unwrap();
    again.summary = "Andra versionen.".into();
    lib.edit(ID, again, None, None, "ändrad").unwrap();
    drop(lib);
    a.cli(&["bundle", "create", "--out", &v1]).ok();
    let report = b.cli(&["bundle", "import", &v1, "--json"]).ok().json();
    assert_eq!(report["erased_contacts"], 1, "{report}");
    let lib = b.open();
    let entry = lib.get(ID).unwrap();
    assert!(entry.uptakes.iter().all(|u| u.contacts.is_empty()));
    for (_, _, incoming) in lib.incoming().unwrap() {
        assert!(incoming.uptakes.iter().all(|u| u.contacts.is_empty()));
    }
}

/// Three made-up published entries: one taken up by Uppsala and Region Örebro län, one by 16
/// counted municipalities, one by nobody.
fn spread_library() -> TestLibrary {
    let t = TestLibrary::empty();
    let mut lib = t.open();
    for (title, uptakes) in [
        (
            "Syntetiskt A",
            serde_json::json!([
                {"code": "0380", "stage": "infort", "date": "2022", "source": "Testkälla"},
                {"code": "18", "stage": "testar", "source": "Testkälla"}]),
        ),
        (
            "Syntetiskt B",
            serde_json::json!([
                {"count": 16, "type": "kommun", "stage": "intresserad", "source": "Testkälla"}]),
        ),
        ("Syntetiskt C", serde_json::json!([])),
    ] {
        let entry = serde_json::json!({"kind": "exempel", "title": title,
            "summary": "Påhittat för ett test.", "status": "publicerad", "uptakes": uptakes});
        lib.add_json(&entry.to_string()).unwrap();
    }
    t
}

fn titles(found: &model::query::SearchResponse) -> Vec<&str> {
    found.hits.iter().map(|h| h.title.as_str()).collect()
}

#[test]
fn search_filters_counts_and_sorts_by_spread() {
    use model::query::{SearchRequest, SortOrder};
    let t = spread_library();
    let lib = t.open();
    let all = lib.search(&SearchRequest::query("")).unwrap();
    assert_eq!(all.total, 3);
    assert_eq!(
        serde_json::to_value(&all.facets.spread_lan).unwrap(),
        serde_json::json!({"03": 1, "18": 1})
    );
    assert_eq!(
        serde_json::to_value(&all.facets.spread_municipality).unwrap(),
        serde_json::json!({"0380": 1})
    );
    let to_uppsala = lib
        .search(&SearchRequest {
            spread_to: vec!["03".into()],
            ..SearchRequest::query("")
        })
        .unwrap();
    assert_eq!(titles(&to_uppsala), ["Syntetiskt A"]);
    let to_the_municipality = lib
        .search(&SearchRequest {
            spread_municipality: vec!["0380".into()],
            ..SearchRequest::query("")
        })
        .unwrap();
    assert_eq!(titles(&to_the_municipality), ["Syntetiskt A"]);
    let elsewhere = lib
        .search(&SearchRequest {
            spread_municipality: vec!["1880".into()],
            ..SearchRequest::query("")
        })
        .unwrap();
    assert_eq!(elsewhere.total, 0);
    // The county picked is counted as if it were not, so the others stay to add.
    assert_eq!(to_uppsala.facets.spread_lan.get("18"), Some(&1));
    let widest = lib
        .search(&SearchRequest {
            sort: SortOrder::Spread,
            ..SearchRequest::query("")
        })
        .unwrap();
    assert_eq!(
        titles(&widest),
        ["Syntetiskt B", "Syntetiskt A", "Syntetiskt C"]
    );
    assert_eq!(
        widest.hits.iter().map(|h| h.reach).collect::<Vec<_>>(),
        [16, 2, 0]
    );
    for (min, expected) in [(1, 2), (2, 2), (3, 1), (17, 0)] {
        let found = lib
            .search(&SearchRequest {
                min_uptakes: Some(min),
                ..SearchRequest::query("")
            })
            .unwrap();
        assert_eq!(found.total, expected, "min_uptakes {min}");
    }
}

#[test]
fn the_cli_searches_by_spread() {
    let t = spread_library();
    let out = t
        .cli(&["search", "--spread-to", "Uppsala län", "--json"])
        .ok()
        .json();
    assert_eq!(out["total"], 1);
    assert_eq!(out["hits"][0]["title"], "Syntetiskt A");
    assert_eq!(out["facets"]["spread_lan"]["18"], 1);
    let out = t
        .cli(&["search", "--min-uptakes", "10", "--json"])
        .ok()
        .json();
    assert_eq!(out["hits"][0]["title"], "Syntetiskt B");
    assert_eq!(out["total"], 1);
    let text = t.cli(&["search", "--most-spread"]).ok().stdout();
    let b = text.find("Syntetiskt B").unwrap();
    let a = text.find("Syntetiskt A").unwrap();
    assert!(b < a, "{text}");
    let bad = t.cli(&["search", "--spread-to", "Atlantis"]);
    assert_eq!(bad.code(), 1, "{}", bad.stderr());
    assert!(
        bad.stderr().contains("--spread-to: okänt län"),
        "{}",
        bad.stderr()
    );
}
