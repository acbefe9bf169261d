//! Import from CSV, XLSX and JSON: column mapping, the dry run that predicts the real import,
//! all-or-nothing, the backup, and malformed input that changes nothing.

use crate::util::{TestLibrary, write_bytes};

const CSV: &str = "Rubrik;Typ;Sammanfattning;Fokusområden;Kommun;Skede;Startår;Resultat\n\
Skolmåltider från närområdet;Exempel;Kommunen köper mer lokalt.;Offentliga måltider och livsmedel;Södertälje;Test/pilot;2021;\"Fler lokala leverantörer.\nSvinnet minskade.\"\n\
Testbädd för välfärdsteknik;Metod;Ett delat testbed.;Välfärdsteknik och e-hälsa;1880;Införande;2019;\n";

fn import_json(t: &TestLibrary, args: &[&str]) -> (i32, serde_json::Value) {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    all.push("--json");
    let out = t.cli(&all);
    let report = serde_json::from_str(&out.stdout()).unwrap_or(serde_json::Value::Null);
    (out.code(), report)
}

#[test]
fn a_swedish_spreadsheet_becomes_draft_entries() {
    let t = TestLibrary::empty();
    let file = t.file("poster.csv", CSV);
    let out = t.cli(&["import", &file]).ok();
    assert!(
        out.stdout().contains("2 nya, 0 ändrade"),
        "{}",
        out.stdout()
    );
    let lib = t.open();
    let meals = lib.get("skolmaltider-fran-naromradet").unwrap();
    assert_eq!(meals.status, model::Status::Utkast);
    assert_eq!(meals.focus_areas, ["offentliga-maltider"]);
    assert_eq!(meals.places[0].municipality, "Södertälje");
    assert_eq!(meals.places[0].lan, "Stockholms län");
    assert_eq!(meals.period.unwrap().start, Some(2021));
    assert_eq!(
        meals.sections.results,
        "Fler lokala leverantörer.\nSvinnet minskade."
    );
    let testbed = lib.get("testbadd-for-valfardsteknik").unwrap();
    assert_eq!(testbed.places[0].municipality, "Örebro");
    assert_eq!(testbed.kind, model::Kind::Metod);
    let history = lib.history(&testbed.id).unwrap();
    assert!(
        history[0].comment.starts_with("importerad från"),
        "{:?}",
        history[0]
    );
    // A backup was made before the import.
    let backups = std::fs::read_dir(t.dir().join("backups")).unwrap().count();
    assert_eq!(backups, 1);
}

#[test]
fn the_dry_run_predicts_the_real_import_exactly_and_writes_nothing() {
    let t = TestLibrary::starter();
    // An update of a starter entry, an unchanged one, and a new one.
    let lib = t.open();
    let starter = lib.list(None).unwrap();
    let mut changed = lib.get(&starter[0].id).unwrap();
    changed.summary = format!("{} Uppdaterad genom import.", changed.summary);
    let same = lib.get(&starter[1].id).unwrap();
    drop(lib);
    let new = serde_json::json!({"kind": "rapport", "title": "En ny rapport om upphandling",
        "focus_areas": ["innovationsupphandling"]});
    let body = serde_json::json!([changed, same, new]).to_string();
    let file = t.file("blandat.json", &body);

    let before = t.digest();
    let (code, dry) = import_json(&t, &[&file, "--dry-run"]);
    assert_eq!(code, 0);
    assert_eq!(t.digest(), before, "a dry run writes nothing");
    assert_eq!(
        (
            dry["totals"]["create"].as_u64(),
            dry["totals"]["update"].as_u64(),
            dry["totals"]["unchanged"].as_u64()
        ),
        (Some(1), Some(1), Some(1))
    );
    assert!(
        dry["rows"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("Sammanfattning")
    );

    let (code, real) = import_json(&t, &[&file]);
    assert_eq!(code, 0);
    assert_eq!(real["rows"], dry["rows"], "the dry run predicted every row");
    assert_eq!(real["totals"], dry["totals"]);
    assert_eq!(real["applied"], true);
    assert!(real["backup"].as_str().unwrap().contains("fore-import"));
    let lib = t.open();
    assert_eq!(lib.get(&changed.id).unwrap().revision, 2);
    assert_eq!(
        lib.get(&same.id).unwrap().revision,
        1,
        "unchanged rows make no revision"
    );
    // The published status of the starter entry stays; the new one is a draft.
    assert_eq!(
        lib.get(&changed.id).unwrap().status,
        model::Status::Publicerad
    );
    assert_eq!(
        lib.get("en-ny-rapport-om-upphandling").unwrap().status,
        model::Status::Utkast
    );
    assert!(lib.check().unwrap().problems.is_empty());
}

#[test]
fn xlsx_with_a_column_mapping() {
    let t = TestLibrary::empty();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in [
        "Namn på exemplet",
        "Kort text",
        "Kommun",
        "Budget",
        "Startår",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet
        .write_string(1, 0, "Digital nattillsyn i Testby")
        .unwrap();
    sheet
        .write_string(1, 1, "Kommunen prövar kameror.")
        .unwrap();
    sheet.write_string(1, 2, "0180").unwrap();
    sheet.write_number(1, 3, 120000.0).unwrap();
    sheet.write_number(1, 4, 2022.0).unwrap();
    let path = t.dir().parent().unwrap().join("poster.xlsx");
    book.save(&path).unwrap();
    let file = path.to_string_lossy().into_owned();

    let before = t.digest();
    let unmapped = t.cli(&["import", &file]);
    assert_eq!(unmapped.code(), 1);
    let message = unmapped.stderr();
    assert!(
        message.contains("\"Namn på exemplet\" (kolumn A)")
            && message.contains("\"Budget\" (kolumn D)"),
        "{message}"
    );
    assert_eq!(t.digest(), before);

    let map = "Namn på exemplet=title;Kort text=summary;Budget=-";
    t.cli(&["import", &file, "--map", map]).ok();
    let entry = t.open().get("digital-nattillsyn-i-testby").unwrap();
    assert_eq!(entry.summary, "Kommunen prövar kameror.");
    assert_eq!(entry.places[0].municipality, "Stockholm");
    assert_eq!(entry.period.unwrap().start, Some(2022));
}

/// Runs an import that must be refused: exit 1, the message names the problem, and the
/// library is exactly as before.
#[track_caller]
fn refused(t: &TestLibrary, file: &str, expected: &[&str]) {
    let before = t.digest();
    let backups = std::fs::read_dir(t.dir().join("backups"))
        .map(|d| d.count())
        .unwrap_or(0);
    let out = t.cli(&["import", file]);
    assert_eq!(
        out.code(),
        1,
        "stdout: {}\nstderr: {}",
        out.stdout(),
        out.stderr()
    );
    let said = format!("{}{}", out.stdout(), out.stderr());
    for e in expected {
        assert!(said.contains(e), "expected {e:?} in: {said}");
    }
    assert_eq!(t.digest(), before, "the library changed");
    let after = std::fs::read_dir(t.dir().join("backups"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(after, backups, "a refused import makes no backup");
    t.cli(&["check"]).ok();
}

#[test]
fn malformed_input_is_refused_with_its_place_and_changes_nothing() {
    let t = TestLibrary::starter();
    let dir = t.dir().parent().unwrap().to_owned();
    let write = |name: &str, bytes: &[u8]| write_bytes(&t, name, bytes);

    // Wrong columns.
    refused(
        &t,
        &t.file("kolumner.csv", "Titel;Budget;Ansvarig\nA;1;B\n"),
        &["\"Budget\" (kolumn B)", "\"Ansvarig\" (kolumn C)", "--map"],
    );
    refused(
        &t,
        &t.file("utan-rubrik.csv", "Sammanfattning\nText\n"),
        &["saknar en kolumn för rubriken"],
    );
    // A wrong encoding: Latin-1 bytes, and UTF-16.
    let latin1: Vec<u8> = "Rubrik;Kommun\nMåltider;Södertälje\n"
        .chars()
        .map(|c| c as u8)
        .collect();
    refused(
        &t,
        &write("latin1.csv", &latin1),
        &["rad 2 är inte UTF-8", "CSV UTF-8"],
    );
    refused(
        &t,
        &write("utf16.csv", &[0xFF, 0xFE, b'R', 0, b'u', 0]),
        &["UTF-16"],
    );
    // Unknown taxonomy values, named by row and column.
    refused(
        &t,
        &t.file("skede.csv", "Rubrik;Skede;Fokusområden\nEtt bra exempel;Pilott;Digitalisering\nEtt annat;Idé;Rymdfart\n"),
        &["rad 2", "kolumnen \"Skede\"", "\"Pilott\"", "rad 3", "okänt fokusområde \"Rymdfart\"", "Inget importerades"],
    );
    // Duplicate ids in one file: all or nothing, so the good first row is not imported either.
    refused(
        &t,
        &t.file("dubbletter.csv", "Id;Rubrik\nett-id;Första\nett-id;Andra\n"),
        &["rad 3", "id \"ett-id\" förekommer redan på rad 2"],
    );
    // A 10 MB field.
    let huge = format!(
        "Rubrik;Resultat\nStor post;{}\n",
        "å".repeat(5 * 1024 * 1024)
    );
    refused(
        &t,
        &t.file("stor.csv", &huge),
        &["rad 2", "fältet sections.results", "för lång text"],
    );
    // Invalid UTF-8 inside JSON, broken JSON, and a broken JSON line.
    refused(
        &t,
        &write(
            "trasig-utf8.json",
            b"{\"kind\":\"exempel\",\"title\":\"\xC3\x28\"}",
        ),
        &["inte UTF-8"],
    );
    refused(
        &t,
        &t.file("trasig.json", "[{\"kind\":\"exempel\",\"title\":\"A\"},"),
        &["ogiltig JSON på rad 1"],
    );
    refused(
        &t,
        &t.file(
            "rader.jsonl",
            "{\"kind\":\"exempel\",\"title\":\"A\"}\n{\"kind\":\"exempel\",\n",
        ),
        &["rad 2", "ogiltig JSON"],
    );
    // An unknown field and a wrong enum value in JSON name the field.
    refused(
        &t,
        &t.file(
            "falt.json",
            "{\"kind\":\"exempel\",\"title\":\"A\",\"budget\":1}",
        ),
        &["budget"],
    );
    refused(
        &t,
        &t.file("typ.json", "{\"kind\":\"case\",\"title\":\"A\"}"),
        &["fältet kind", "\"case\""],
    );
    // A truncated XLSX.
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().write_string(0, 0, "Rubrik").unwrap();
    let whole = book.save_to_buffer().unwrap();
    refused(
        &t,
        &write("avkortad.xlsx", &whole[..whole.len() / 2]),
        &["trasig eller avkortad"],
    );
    // A format the import does not read.
    refused(&t, &write("poster.pages", b"x"), &["okänt filformat"]);
    assert!(dir.exists());
}

#[test]
fn an_update_cannot_reach_an_entry_in_the_trash() {
    let t = TestLibrary::starter();
    let id = t.open().list(None).unwrap()[0].id.clone();
    t.cli(&["delete", &id]).ok();
    refused(
        &t,
        &t.file("papperskorg.csv", &format!("Id;Rubrik\n{id};Ny rubrik\n")),
        &["papperskorgen"],
    );
}

/// A 1.6 kB XLSX with cells at A1 and XFD1048576 made the reader allocate the whole grid
/// (550 GB) and abort. The sheet is read cell by cell and refused at the first cell past the
/// limits, within a 4 GB address space.
#[test]
fn sparse_xlsx_with_a_cell_at_the_last_column_is_refused_without_allocating_the_grid() {
    let t = TestLibrary::starter();
    let before = t.digest();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Rubrik").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    assert!(bytes.len() < 10_000, "a small file: {} bytes", bytes.len());
    let file = crate::util::write_bytes(&t, "gles.xlsx", &bytes);
    for dry_run in [true, false] {
        let script = format!(
            "ulimit -v 4000000; exec \"$0\" --library \"$1\" import \"$2\" {}",
            if dry_run { "--dry-run" } else { "" }
        );
        let out = std::process::Command::new("sh")
            .args(["-c", &script, env!("CARGO_BIN_EXE_exempelbank")])
            .arg(t.dir())
            .arg(&file)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains("XFD"),
            "the message names the column: {stderr}"
        );
    }
    assert_eq!(t.digest(), before);
}
