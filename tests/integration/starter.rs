//! The starter library: every entry valid and complete, the facts the sources give present.

use model::Kind;
use model::taxonomy::default_focus_areas;
use model::validate::normalise_and_check;

use crate::util::TestLibrary;

#[test]
fn every_starter_entry_validates_and_is_complete() {
    let entries = library::starter::entries().unwrap();
    assert!(
        entries.len() >= 12,
        "only {} starter entries",
        entries.len()
    );
    let uids: Vec<&str> = entries.iter().map(|e| e.uid.as_str()).collect();
    for entry in &entries {
        let mut e = entry.clone();
        normalise_and_check(&mut e, &default_focus_areas())
            .unwrap_or_else(|err| panic!("{}: {}", entry.id, err.message));
        assert_eq!(e.origin, library::starter::ORIGIN, "{}", e.id);
        assert!(!e.uid.is_empty() && !e.id.is_empty(), "{}", e.title);
        let n = e.summary.chars().count();
        assert!(
            (120..=600).contains(&n),
            "{}: summary of {n} characters",
            e.id
        );
        assert!(!e.focus_areas.is_empty(), "{}: no focus area", e.id);
        assert!(
            !e.organisations.is_empty() || !e.places.is_empty(),
            "{}: no organisation or place",
            e.id
        );
        assert!(!e.sources.is_empty(), "{}: no source", e.id);
        for s in &e.sources {
            assert!(
                !s.publisher.is_empty(),
                "{}: source without publisher",
                e.id
            );
            // Dates only where the source gives one (Mälardalsrådet's page has none).
            let date_ok = s.date.is_empty()
                || (s.date.len() >= 4 && s.date.chars().all(|c| c.is_ascii_digit() || c == '-'));
            assert!(date_ok, "{}: source date {:?}", e.id, s.date);
        }
        for c in &e.contacts {
            assert!(
                c.email.is_empty() && c.phone.is_empty(),
                "{}: personal contact data",
                e.id
            );
        }
        for r in &e.related {
            assert!(
                uids.contains(&r.as_str()),
                "{}: related {r} is not a starter entry",
                e.id
            );
        }
    }
}

#[test]
fn the_starter_library_covers_the_required_kinds() {
    let entries = library::starter::entries().unwrap();
    for kind in [
        Kind::Exempel,
        Kind::Metod,
        Kind::Natverk,
        Kind::Rapport,
        Kind::Evenemang,
        Kind::Styrdokument,
    ] {
        assert!(
            entries.iter().any(|e| e.kind == kind),
            "no starter entry of kind {kind:?}"
        );
    }
}

#[test]
fn a_new_library_holds_every_starter_entry_with_the_facts_of_the_sources() {
    let t = TestLibrary::unmade();
    let list = t.cli(&["list", "--json"]).ok().json();
    assert_eq!(
        list.as_array().unwrap().len(),
        library::starter::entries().unwrap().len()
    );

    let sodertalje = t
        .cli(&["show", "sodertalje-hallbar-livsmedelsforsorjning", "--json"])
        .ok()
        .json();
    let text = sodertalje.to_string();
    assert!(text.contains("16 kommuner och två regioner"), "{text}");
    assert_eq!(sodertalje["places"][0]["municipality_code"], "0181");

    let orebro = t
        .cli(&[
            "show",
            "orebro-gemensam-testbadd-valfardsteknik-e-halsa",
            "--json",
        ])
        .ok()
        .json();
    assert!(orebro.to_string().contains("13 kommuner och 3 regioner"));
    let place = &orebro["places"][0];
    assert_eq!(place["municipality"], "Örebro");
    assert_eq!(place["municipality_code"], "1880");
    assert_eq!(place["lan"], "Örebro län");
    assert_eq!(place["lan_code"], "18");
}

#[test]
fn the_flagship_cases_point_to_the_spreading_method() {
    let t = TestLibrary::starter();
    let lib = t.open();
    let method = lib
        .get("malardalsradets-spridningsmetod-inspirerad-av-danska-coi")
        .unwrap();
    for id in [
        "sodertalje-hallbar-livsmedelsforsorjning",
        "orebro-gemensam-testbadd-valfardsteknik-e-halsa",
    ] {
        assert!(lib.get(id).unwrap().related.contains(&method.uid), "{id}");
    }
}

fn committed_schema() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../assets/schema/entry.schema.json"
    );
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(path, model::schema::entry_schema_text()).unwrap();
    }
    std::fs::read_to_string(path).unwrap_or_default()
}

#[test]
fn the_committed_entry_schema_is_generated_from_the_model() {
    assert!(
        committed_schema() == model::schema::entry_schema_text(),
        "assets/schema/entry.schema.json is stale: run `UPDATE_SCHEMA=1 cargo test --test integration schema` and commit it"
    );
}

#[test]
fn every_starter_file_validates_against_the_entry_schema() {
    let schema: serde_json::Value = serde_json::from_str(&committed_schema()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/library");
    let mut checked = 0;
    for file in std::fs::read_dir(dir).unwrap() {
        let path = file.unwrap().path();
        let instance: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", path.display());
        checked += 1;
    }
    assert!(checked >= 12);
    // The schema refuses what `add` refuses for its shape.
    for bad in [
        serde_json::json!({"kind": "roman", "title": "T"}),
        serde_json::json!({"kind": "exempel", "title": "T", "titel": "x"}),
        serde_json::json!({"title": "T"}),
    ] {
        assert!(!validator.is_valid(&bad), "schema accepted {bad}");
    }
}

/// Every organisation the source documents (`../shared/seeds/`) name, as the starter library
/// writes them: an uptake in the starter library may name no other.
const SEED_ORGANISATIONS: &[&str] = &[
    "Mälardalsrådet",
    "Södertälje",
    "Örebro",
    "SKR",
    "Sveriges Kommuner och Regioner",
    "Vinnova",
    "Adda",
    "Upphandlingsmyndigheten",
    "DIGG",
    "Göteborgs stad",
    "Center for Offentlig Innovation",
    "OECD",
];

#[test]
fn the_flagship_cases_carry_the_uptakes_their_source_counts_and_name_nobody_else() {
    let t = TestLibrary::unmade();
    let lib = t.open();
    for (id, summary) in [
        (
            "sodertalje-hallbar-livsmedelsforsorjning",
            "Tagits upp av 16 kommuner och 2 regioner",
        ),
        (
            "orebro-gemensam-testbadd-valfardsteknik-e-halsa",
            "Tagits upp av 13 kommuner och 3 regioner",
        ),
    ] {
        let entry = lib.get(id).unwrap();
        assert_eq!(
            model::spread::reach(&entry.uptakes).summary().as_deref(),
            Some(summary),
            "{id}"
        );
    }
    let delegations = lib.get("sodertalje-hallbar-livsmedelsforsorjning").unwrap();
    let followed: Vec<(u32, model::OrgType)> = delegations
        .uptakes
        .iter()
        .filter(|u| u.note.contains("Delegation") || u.note.contains("delegation"))
        .map(|u| (u.organisations(), u.org_type))
        .collect();
    assert_eq!(
        followed,
        [(3, model::OrgType::Kommun), (1, model::OrgType::Region)]
    );

    for entry in library::starter::entries().unwrap() {
        let sources: Vec<String> = entry
            .sources
            .iter()
            .map(|s| format!("{}: {}", s.publisher, s.title))
            .collect();
        for (i, u) in entry.uptakes.iter().enumerate() {
            let at = format!("{} uptakes[{i}]", entry.id);
            assert!(
                sources.contains(&u.source),
                "{at}: source {:?} is none of the entry's",
                u.source
            );
            if u.count.is_none() {
                assert!(
                    SEED_ORGANISATIONS
                        .iter()
                        .any(|o| u.organisation.contains(o)),
                    "{at}: {:?} is not named by the sources",
                    u.organisation
                );
            }
            assert!(
                u.contacts.is_empty(),
                "{at}: the sources name no contact for an uptake"
            );
        }
    }
}
