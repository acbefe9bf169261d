//! Real-world data in, as it comes: a file shaped like a European case dataset (26 English
//! columns, organisation names with commas, descriptions longer than a summary, statuses and
//! countries to translate), a municipal project list, imports that keep the valid rows, a
//! suggested mapping, and English entries searched with English stemming.
//!
//! The files are generated here and marked synthetic: no row describes a real case.

use model::query::SearchRequest;
use model::{Language, OrgType, Stage, Status};

use crate::util::{CliOutput, TestLibrary};

/// The columns of the European dataset's shape.
const HEADERS: [&str; 26] = [
    "ID",
    "Name",
    "Description",
    "Url",
    "Lead organisation",
    "Category",
    "Country",
    "Geographical scope",
    "Sector",
    "Technology",
    "Sub-technology",
    "Application area",
    "Status",
    "Start year",
    "End year",
    "Government function",
    "Process type",
    "Interaction",
    "Partners",
    "Funding",
    "Cross-border",
    "Data source",
    "Last update",
    "Contact",
    "Notes",
    "Impact",
];

const SENTENCES: [&str; 6] = [
    "The municipality introduced a chatbot that answers residents' questions about waste collection.",
    "Caseworkers use automated decision support to prioritise applications for social assistance.",
    "The service was designed together with residents in a series of workshops.",
    "A pilot ran for six months before the decision to scale it up was taken.",
    "Staff received training in how to review each decision the system proposes.",
    "The project documented its lessons in an open report for other public bodies.",
];

const COUNTRIES: [(&str, &str); 5] = [
    ("Belgium", "BE"),
    ("Finland", "FI"),
    ("Germany", "DE"),
    ("Czech Republic", "CZ"),
    ("Netherlands", "NL"),
];

const STATUSES: [(&str, Stage); 3] = [
    ("Pilot", Stage::Pilot),
    ("Implemented", Stage::Inforande),
    ("Planned", Stage::Ide),
];

/// One synthetic row: every other description is about 2 000 characters.
pub(crate) struct Row {
    title: String,
    description: String,
    organisation: String,
    category: &'static str,
    country: (&'static str, &'static str),
    status: (&'static str, Stage),
    start: &'static str,
}

pub(crate) fn rows(n: usize) -> Vec<Row> {
    (1..=n)
        .map(|i| {
            let sentences = if i % 2 == 1 { 22 } else { 3 };
            let description: Vec<&str> = (0..sentences)
                .map(|k| SENTENCES[(i + k) % SENTENCES.len()])
                .collect();
            Row {
                title: format!("Synthetic case {i}: a digital service"),
                description: description.join(" "),
                organisation: format!("City of Example {i}, Department of Digital Services"),
                category: if i % 3 == 0 { "National" } else { "Local" },
                country: COUNTRIES[i % COUNTRIES.len()],
                status: STATUSES[i % STATUSES.len()],
                start: "2019",
            }
        })
        .collect()
}

/// A CSV of the European shape, `,`-separated as such datasets are.
pub(crate) fn european_csv(rows: &[Row]) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(HEADERS).unwrap();
    for (i, r) in rows.iter().enumerate() {
        let id = (i + 1).to_string();
        let url = format!("https://example.org/synthetic/{}", i + 1);
        let record = [
            id.as_str(),
            &r.title,
            &r.description,
            &url,
            &r.organisation,
            r.category,
            r.country.0,
            "Local",
            "Social protection",
            "Artificial Intelligence",
            "Chatbot",
            "Service delivery",
            r.status.0,
            r.start,
            "",
            "General public services",
            "Service",
            "G2C",
            "",
            "EU",
            "No",
            "Synthetic data",
            "2023",
            "",
            "",
            "",
        ];
        out.write_record(record).unwrap();
    }
    String::from_utf8(out.into_inner().unwrap()).unwrap()
}

/// The mapping a user writes for that shape, with the value maps given as options.
const MAPPING: &str = r#"
skip_unmapped = true
long_summary = "solution"

[columns]
"ID" = "-"
"Name" = "title"
"Description" = "summary"
"Url" = "sources.url"
"Lead organisation" = "organisations.name"
"Category" = "organisations.type"
"Country" = "places.country"
"Technology" = "tags"
"Sub-technology" = "tags"
"Status" = "stage"
"Start year" = "start"
"End year" = "end"
"#;

/// `import FILE --map MAPPING` with the value maps of that shape given as options.
fn import_mapped(t: &TestLibrary, file: &str, mapping: &str, extra: &[&str]) -> CliOutput {
    let mut args = vec![
        "import",
        file,
        "--map",
        mapping,
        "--values",
        "Status: Pilot=pilot; Implemented=inforande; Planned=ide",
        "--values",
        "Category: Local=kommun; National=myndighet",
    ];
    args.extend_from_slice(extra);
    t.cli(&args)
}

#[test]
fn a_european_dataset_lands_whole_with_a_mapping_file_and_value_maps() {
    let t = TestLibrary::empty();
    let data = rows(60);
    let file = t.file("pstw.csv", &european_csv(&data));
    let mapping = t.file("mapping.toml", MAPPING);
    let out = import_mapped(&t, &file, &mapping, &["--json"]).ok();
    let report = out.json();
    assert_eq!(report["totals"]["create"], 60, "{report}");
    assert_eq!(report["totals"]["reject"], 0);
    let skipped = report["skipped_columns"].as_array().unwrap();
    assert_eq!(skipped.len(), 26 - 12, "{skipped:?}");
    assert!(skipped[0].as_str().unwrap().contains("Geographical scope"));

    let lib = t.open();
    let rows_report = report["rows"].as_array().unwrap();
    for (i, row) in data.iter().enumerate() {
        let line = &rows_report[i];
        let entry = lib.get(line["id"].as_str().unwrap()).unwrap();
        assert_eq!(entry.title, row.title);
        // Nothing is cut: the whole description is in the entry, and a long one says where.
        let long = row.description.chars().count() > model::validate::MAX_SUMMARY_CHARS;
        if long {
            assert_eq!(entry.sections.solution, row.description);
            assert!(row.description.starts_with(&entry.summary));
            assert!(entry.summary.ends_with('.'), "{}", entry.summary);
            let reason = line["reason"].as_str().unwrap();
            assert!(
                reason.contains("flyttades till avsnittet Lösning och genomförande"),
                "{reason}"
            );
        } else {
            assert_eq!(entry.summary, row.description);
        }
        assert_eq!(entry.organisations.len(), 1);
        assert_eq!(entry.organisations[0].name, row.organisation);
        let expected = if row.category == "Local" {
            OrgType::Kommun
        } else {
            OrgType::Myndighet
        };
        assert_eq!(entry.organisations[0].org_type, expected);
        assert_eq!(entry.stage, Some(row.status.1));
        assert_eq!(entry.places.len(), 1);
        assert_eq!(entry.places[0].country_code, row.country.1);
        assert_eq!(entry.language, Language::En, "detected from the text");
        assert_eq!(
            entry.sources[0].url,
            format!("https://example.org/synthetic/{}", i + 1)
        );
        assert_eq!(entry.tags, ["artificial intelligence", "chatbot"]);
    }
    assert_eq!(
        lib.get("synthetic-case-3-a-digital-service")
            .unwrap()
            .places[0]
            .country,
        "Tjeckien"
    );
}

#[test]
fn without_long_summary_a_long_description_is_refused_and_nothing_is_written() {
    let t = TestLibrary::empty();
    let file = t.file("pstw.csv", &european_csv(&rows(4)));
    let mapping = t.file(
        "mapping.toml",
        &MAPPING.replace("long_summary", "# long_summary"),
    );
    let out = import_mapped(&t, &file, &mapping, &[]);
    assert_eq!(out.code(), 1, "{}", out.stdout());
    assert!(out.stdout().contains("summary"), "{}", out.stdout());
    assert!(t.open().list(None).unwrap().is_empty());
}

#[test]
fn accept_valid_keeps_the_valid_rows_and_the_fixed_rejects_file_completes_the_library() {
    let t = TestLibrary::empty();
    let mut data = rows(100);
    // Three bad rows: a status nobody maps, a year that is no year, a missing name.
    data[9].status = ("Ongoing", Stage::Pilot);
    data[19].start = "20x9";
    data[29].title.clear();
    let file = t.file("pstw.csv", &european_csv(&data));
    let out = t
        .cli(&["import", &file, "--preset", "pstw", "--accept-valid"])
        .ok();
    assert!(
        out.stdout()
            .contains("97 nya, 0 ändrade, 0 oförändrade, 3 avvisade"),
        "{}",
        out.stdout()
    );
    assert_eq!(t.open().list(None).unwrap().len(), 97);
    let rejects_path = std::path::Path::new(&file).with_file_name("pstw.avvisade.csv");
    assert!(
        out.stderr().contains("pstw.avvisade.csv"),
        "{}",
        out.stderr()
    );
    let rejects = std::fs::read_to_string(&rejects_path).unwrap();
    let rejected = csv_lines(&rejects);
    assert_eq!(rejected.len(), 4, "{rejects}");
    assert!(rejected[0].ends_with("Avvisad: skäl"), "{}", rejected[0]);
    assert!(
        rejects.contains("Ongoing") && rejects.contains("okänt värde"),
        "{rejects}"
    );
    assert!(
        rejects.contains("20x9") && rejects.contains("årtal"),
        "{rejects}"
    );
    assert!(rejects.contains("titel saknas"), "{rejects}");

    // Fixed as a user would, in the same file, the reason column left as it is.
    let fixed = rejects
        .replace("Ongoing", "Pilot")
        .replace("20x9", "2019")
        .replacen("30;;", "30;Synthetic case 30: fixed;", 1);
    std::fs::write(&rejects_path, fixed).unwrap();
    let again = t
        .cli(&["import", rejects_path.to_str().unwrap(), "--preset", "pstw"])
        .ok();
    assert!(
        again
            .stdout()
            .contains("3 nya, 0 ändrade, 0 oförändrade, 0 avvisade"),
        "{}",
        again.stdout()
    );
    assert_eq!(t.open().list(None).unwrap().len(), 100);
}

/// The records of a CSV text, one string each, as they stand (no record here spans lines).
fn csv_lines(text: &str) -> Vec<String> {
    text.lines().map(str::to_owned).collect()
}

#[test]
fn a_suggested_mapping_imports_after_editing_only_the_lines_it_marks_uncertain() {
    let t = TestLibrary::empty();
    let data = rows(40);
    let file = t.file("pstw.csv", &european_csv(&data));
    let suggestion = t.cli(&["import", &file, "--suggest-mapping"]).ok().stdout();
    // What the user puts on each marked line; a marked line not listed keeps its guess.
    let fixes = [
        ("\"Name\"", "\"Name\" = \"title\""),
        ("\"Category\"", "\"Category\" = \"organisations.type\""),
        ("\"Status\"", "\"Status\" = \"stage\""),
        ("\"Sector\"", "\"Sector\" = \"-\""),
        ("\"Application area\"", "\"Application area\" = \"-\""),
        ("\"Local\"", "\"Local\" = \"kommun\""),
        ("\"National\"", "\"National\" = \"myndighet\""),
        ("\"Implemented\"", "\"Implemented\" = \"inforande\""),
        ("\"Planned\"", "\"Planned\" = \"ide\""),
    ];
    let mut marked = 0;
    let edited: Vec<String> = suggestion
        .lines()
        .map(|line| {
            if !line.contains("# osäker") {
                return line.to_owned();
            }
            marked += 1;
            fixes
                .iter()
                .find(|(key, _)| line.starts_with(key))
                .map_or_else(|| line.to_owned(), |(_, fixed)| (*fixed).to_owned())
        })
        .collect();
    assert!(marked >= 10, "{suggestion}");
    // The sure lines are right as they stand.
    for sure in [
        "\"Description\" = \"summary\"",
        "\"Lead organisation\" = \"organisations.name\"",
        "\"Country\" = \"countries\"",
        "\"Start year\" = \"start\"",
        "\"Pilot\" = \"pilot\"",
        "long_summary = \"solution\"",
    ] {
        assert!(
            suggestion.lines().any(|l| l == sure),
            "{sure} not sure in:\n{suggestion}"
        );
    }
    let mapping = t.file("mapping.toml", &edited.join("\n"));
    let out = t.cli(&["import", &file, "--map", &mapping]).ok();
    assert!(
        out.stdout()
            .contains("40 nya, 0 ändrade, 0 oförändrade, 0 avvisade"),
        "{}",
        out.stdout()
    );
    let lib = t.open();
    let first = lib.get("synthetic-case-1-a-digital-service").unwrap();
    assert_eq!(first.organisations[0].org_type, OrgType::Kommun);
    assert_eq!(first.stage, Some(Stage::Inforande));
}

#[test]
fn a_municipal_project_list_imports_with_its_preset() {
    let t = TestLibrary::empty();
    let csv = "Projektnamn;Beskrivning;Förvaltning;Kontaktperson;E-post;Status;Startdatum;Kommun;Budget;Anteckning\n\
Matsvinnsmätning i skolköken (syntetisk);Skolköken väger svinnet varje dag och delar resultaten.;Barn- och utbildningsförvaltningen, kostenheten;Anna Testsson;anna@example.org;Pågående;2022;Södertälje;100 000;intern\n\
Digital trygghetstillsyn (syntetisk);Nattillsyn med kamera för den som vill.;Vård- och omsorgsförvaltningen;Per Provsson;per@example.org;Idé;2024;Örebro;;\n";
    let file = t.file("projekt.csv", csv);
    let out = t.cli(&["import", &file, "--preset", "kommun"]).ok();
    assert!(out.stdout().contains("2 nya"), "{}", out.stdout());
    assert!(
        out.stdout().contains("\"Anteckning\" (kolumn J)"),
        "the skipped column is named: {}",
        out.stdout()
    );
    let lib = t.open();
    let meals = lib.get("matsvinnsmatning-i-skolkoken-syntetisk").unwrap();
    assert_eq!(
        meals.organisations[0].name,
        "Barn- och utbildningsförvaltningen, kostenheten"
    );
    assert_eq!(meals.contacts[0].name, "Anna Testsson");
    assert_eq!(meals.contacts[0].email, "anna@example.org");
    assert_eq!(meals.stage, Some(Stage::Inforande));
    assert_eq!(meals.places[0].municipality, "Södertälje");
    assert_eq!(meals.language, Language::Sv);
    assert_eq!(meals.status, Status::Utkast);
}

/// Publishes every entry of a library, as a curator would after checking them.
pub(crate) fn publish_all(t: &TestLibrary) {
    let mut lib = t.open();
    for e in lib.list(Some(Status::Utkast)).unwrap() {
        lib.set_status(&e.id, Status::Granskning, "").unwrap();
        lib.set_status(&e.id, Status::Publicerad, "granskad")
            .unwrap();
    }
}

#[test]
fn english_entries_are_found_by_english_stemming_and_swedish_queries_rank_as_before() {
    let t = TestLibrary::starter();
    let swedish_first = |t: &TestLibrary| -> Vec<String> {
        t.open()
            .search(&SearchRequest::query(
                "hållbar livsmedelsförsörjning skolmåltider",
            ))
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.id)
            .collect()
    };
    let before = swedish_first(&t);
    let file = t.file("pstw.csv", &european_csv(&rows(12)));
    t.cli(&["import", &file, "--preset", "pstw"]).ok();
    publish_all(&t);
    let lib = t.open();
    let ids = |q: &str| -> Vec<String> {
        lib.search(&SearchRequest::query(q))
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.id)
            .collect()
    };
    // "decisions" finds "decision" by English stemming (the Swedish stemmer leaves
    // "decisions" alone), and only in English entries.
    let decisions = ids("decisions");
    assert!(!decisions.is_empty());
    assert!(decisions.iter().all(|id| id.starts_with("synthetic-case")));
    let hit = lib.search(&SearchRequest::query("decisions")).unwrap().hits;
    assert_eq!(hit[0].language, Language::En);
    assert!(
        hit[0].snippet.contains("<mark>decision"),
        "{}",
        hit[0].snippet
    );
    // A Swedish query reaches English entries through their English words.
    assert!(!ids("chatbot").is_empty());
    assert!(
        ids("automatiserade beslut")
            .iter()
            .any(|id| id.starts_with("synthetic-case")),
        "a Swedish query finds the English cases"
    );
    // Swedish queries rank the Swedish entries exactly as before.
    assert_eq!(swedish_first(&t), before);
    // The language and country facets count them, and filter.
    let all = lib.search(&SearchRequest::default()).unwrap();
    assert_eq!(all.facets.language["en"], 12);
    assert!(all.facets.language["sv"] >= 10);
    assert_eq!(all.facets.country["FI"], 3, "cases 1, 6 and 11");
    let finnish = lib
        .search(&SearchRequest {
            country: vec!["FI".into()],
            ..SearchRequest::default()
        })
        .unwrap();
    assert_eq!(finnish.total, 3);
    let english = lib
        .search(&SearchRequest {
            language: vec![Language::En],
            ..SearchRequest::default()
        })
        .unwrap();
    assert_eq!(english.total, 12);
}

/// A preset's choices can be switched off: `--long-summary none` refuses a long description
/// again, `--language detect` reads each row's language instead of the preset's English.
#[test]
fn a_presets_long_summary_and_language_can_be_switched_off() {
    let t = TestLibrary::empty();
    let file = t.file("pstw.csv", &european_csv(&rows(3)));
    let out = t.cli(&[
        "import",
        &file,
        "--preset",
        "pstw",
        "--long-summary",
        "none",
    ]);
    assert_eq!(out.code(), 1, "{}", out.stdout());
    assert!(t.open().list(None).unwrap().is_empty());
    let mut swedish = rows(2);
    swedish[1].title = "Syntetiskt fall: digital tjänst".into();
    swedish[1].description = "Kommunen införde en digital tjänst där invånarna själva kan boka \
        tid för avfallshämtning. Tjänsten togs fram tillsammans med invånare och personal."
        .into();
    let file = t.file("mixed.csv", &european_csv(&swedish));
    t.cli(&["import", &file, "--preset", "pstw", "--language", "detect"])
        .ok();
    let lib = t.open();
    assert_eq!(
        lib.get("syntetiskt-fall-digital-tjanst").unwrap().language,
        Language::Sv
    );
    assert_eq!(
        lib.get("synthetic-case-1-a-digital-service")
            .unwrap()
            .language,
        Language::En
    );
}
