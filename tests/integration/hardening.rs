//! The hardening review of the sharing paths: each test is named after the finding it
//! guards, and tries what an attacker or a careless colleague would.

use std::path::{Path, PathBuf};

use library::plan::WriteAction;
use share::bundle::{BundleKey, Outgoing, write_bundle};

use crate::util::TestLibrary;

/// Whether `text` occurs in the file at `path` (raw bytes, as any tool would find it).
fn holds(path: &Path, text: &str) -> bool {
    std::fs::read(path)
        .map(|b| b.windows(text.len()).any(|w| w == text.as_bytes()))
        .unwrap_or(false)
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(items) = std::fs::read_dir(dir) else {
        return out;
    };
    for item in items {
        let path = item.unwrap().path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn bundle_of(t: &TestLibrary, name: &str) -> String {
    let path = t.dir().parent().unwrap().join(name);
    t.cli(&["bundle", "create", "--out", &path.to_string_lossy()])
        .ok();
    path.to_string_lossy().into_owned()
}

fn published(title: &str) -> serde_json::Value {
    serde_json::json!({"kind": "exempel", "title": title, "summary": "Första versionen.",
        "status": "publicerad"})
}

#[test]
fn finding_1_an_attachment_missing_from_the_library_is_refused_on_import() {
    let t = TestLibrary::empty();
    let mut entry = published("Med bilaga");
    entry["attachments"] = serde_json::json!([{
        "name": "rapport.pdf", "media_type": "application/pdf", "size": 10,
        "sha256": "a".repeat(64)}]);
    let file = t.file("bilaga.json", &entry.to_string());
    let before = t.digest();
    for args in [vec!["add", &file], vec!["import", &file]] {
        let out = t.cli(&args);
        assert_eq!(out.code(), 1, "{args:?}: {}", out.stdout());
        assert!(
            out.stderr().contains("attachments[0].sha256") && out.stderr().contains("finns inte"),
            "{args:?}: {}",
            out.stderr()
        );
    }
    assert_eq!(t.digest(), before);
}

#[test]
fn finding_3_a_search_of_200000_words_is_refused_with_a_message() {
    let t = TestLibrary::starter();
    let lib = t.open();
    let words = "mat ".repeat(200_000);
    let started = std::time::Instant::now();
    let err = lib
        .search(&model::query::SearchRequest::query(&words))
        .unwrap_err();
    assert_eq!(err.field.as_deref(), Some("query"), "{}", err.message);
    assert!(err.message.contains("högst"), "{}", err.message);
    // Not a timing test: a refusal that parsed the words first would still answer, but only
    // a refusal before the query is built answers at once.
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    let many = model::query::SearchRequest {
        municipality: vec!["0180".to_owned(); 10_000],
        ..Default::default()
    };
    let err = lib.search(&many).unwrap_err();
    assert_eq!(err.field.as_deref(), Some("municipality"));
}

#[test]
fn finding_4_an_erased_person_stays_erased_after_the_origin_sends_a_newer_bundle() {
    const NAME: &str = "Vera Exempelsson";
    let a = TestLibrary::empty();
    let mut entry = published("Delad matförsörjning");
    entry["contacts"] = serde_json::json!([
        {"name": NAME, "role": "projektledare", "email": "vera@testby.example"},
        {"name": "Registrator", "email": "registrator@testby.example"}]);
    a.cli_with_stdin(&["add", "-"], Some(&entry.to_string()))
        .ok();
    let v1 = bundle_of(&a, "v1.zip");

    let b = TestLibrary::empty();
    b.cli(&["bundle", "import", &v1, "--trust"]).ok();
    let id = "delad-matforsorjning";
    // The name also lands in a note, a revision comment, a saved search and, through a
    // local change and a newer bundle, in the incoming table.
    let mut lib = b.open();
    lib.set_note(id, &format!("Ring {NAME} om avtalet."))
        .unwrap();
    let mut local = lib.get(id).unwrap();
    local.summary = "Vår egen sammanfattning.".into();
    lib.edit(id, local, None, None, &format!("efter samtal med {NAME}"))
        .unwrap();
    lib.save_search(NAME, &model::query::SearchRequest::query(NAME))
        .unwrap();
    drop(lib);
    let mut lib = a.open();
    let mut newer = lib.get(id).unwrap();
    newer.summary = "Andra versionen.".into();
    lib.edit(id, newer, None, None, "ändrad").unwrap();
    drop(lib);
    let v2 = bundle_of(&a, "v2.zip");
    let report = b.cli(&["bundle", "import", &v2, "--json"]).ok().json();
    assert_eq!(report["totals"]["keep_for_review"], 1, "{report}");

    b.cli(&["erase-person", NAME, "--yes"]).ok();
    b.cli(&["bundle", "incoming", "discard", id]).ok();

    // The origin makes a third revision, still naming the person, and sends it again.
    let mut lib = a.open();
    let mut third = lib.get(id).unwrap();
    third.summary = "Tredje versionen.".into();
    lib.edit(id, third, None, None, "ändrad").unwrap();
    drop(lib);
    let v3 = bundle_of(&a, "v3.zip");
    let report = b.cli(&["bundle", "import", &v3, "--json"]).ok().json();
    assert_eq!(report["erased_contacts"], 1, "{report}");
    let lib = b.open();
    let names: Vec<String> = lib
        .get(id)
        .unwrap()
        .contacts
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(names, ["Registrator"]);
    for (_, _, incoming) in lib.incoming().unwrap() {
        assert!(incoming.contacts.iter().all(|c| c.name != NAME));
    }
    drop(lib);

    // Nowhere in the database, its log, the backups or the index.
    let mut places = vec![
        b.dir().join("library.sqlite3"),
        b.dir().join("library.sqlite3-wal"),
    ];
    places.extend(files_under(&b.dir().join("backups")));
    places.extend(files_under(&b.dir().join("index")));
    assert!(places.len() > 3, "{places:?}");
    for place in places {
        for form in ["Exempelsson", "exempelsson"] {
            assert!(
                !holds(&place, form),
                "{} still holds the name",
                place.display()
            );
        }
    }
    b.cli(&["check"]).ok();
}

#[test]
fn finding_5_an_untrusted_bundle_is_refused_before_its_entries_are_read() {
    let a = TestLibrary::empty();
    a.cli_with_stdin(&["add", "-"], Some(&published("Ett exempel").to_string()))
        .ok();
    let path = bundle_of(&a, "paket.zip");
    // Change an entry member after signing: reading it would fail on its checksum.
    let tampered = a.dir().parent().unwrap().join("ändrat.zip");
    {
        let mut source = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
        let mut out = zip::ZipWriter::new(std::fs::File::create(&tampered).unwrap());
        for i in 0..source.len() {
            let mut member = source.by_index(i).unwrap();
            let name = member.name().unwrap().into_owned();
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut member, &mut bytes).unwrap();
            if name.starts_with("entries/") {
                bytes = String::from_utf8(bytes)
                    .unwrap()
                    .replace("Första", "Falsk")
                    .into_bytes();
            }
            out.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            std::io::Write::write_all(&mut out, &bytes).unwrap();
        }
        out.finish().unwrap();
    }
    let b = TestLibrary::empty();
    let out = b.cli(&["bundle", "import", &tampered.to_string_lossy()]);
    assert_eq!(out.code(), 1);
    assert!(out.stderr().contains("--trust"), "{}", out.stderr());
    assert!(!out.stderr().contains("kontrollsumma"), "{}", out.stderr());
    // Trusted, the change is found.
    let out = b.cli(&["bundle", "import", &tampered.to_string_lossy(), "--trust"]);
    assert!(out.stderr().contains("kontrollsumma"), "{}", out.stderr());
    // No private copy of the bundle is left in the library.
    assert!(files_under(b.dir()).iter().all(|p| {
        !p.file_name()
            .unwrap()
            .to_string_lossy()
            .contains("inkommande-paket")
    }));
}

#[test]
fn finding_6_an_attachment_whose_bytes_are_not_its_name_is_refused() {
    let a = TestLibrary::empty();
    let pdf = crate::util::pdf_with_text("Riktig bilaga");
    let pdf_file = crate::util::write_bytes(&a, "riktig.pdf", &pdf);
    a.cli_with_stdin(&["add", "-"], Some(&published("Med bilaga").to_string()))
        .ok();
    a.cli(&["attach", "med-bilaga", &pdf_file]).ok();
    let lib = a.open();
    let entries = vec![lib.get("med-bilaga").unwrap()];
    let key = BundleKey::generate("Angripare").unwrap();
    let out = a.dir().parent().unwrap().join("falsk.zip");
    let outgoing = Outgoing {
        library_id: "x",
        created_at: "2026-01-01T00:00:00Z",
        entries: &entries,
        taxonomy: &[],
        feed: None,
    };
    // The manifest is signed over the bytes that are sent, but the member keeps the name of
    // the real file's digest.
    let other = b"%PDF-1.4 something else entirely".to_vec();
    write_bundle(
        &out,
        &outgoing,
        |_| Some(other.clone()),
        &key,
        &model::progress::Progress::none(),
    )
    .unwrap();
    let b = TestLibrary::empty();
    let before = b.digest();
    let result = b.cli(&["bundle", "import", &out.to_string_lossy(), "--trust"]);
    assert_eq!(result.code(), 1);
    assert!(
        result.stderr().contains("annan kontrollsumma"),
        "{}",
        result.stderr()
    );
    assert_eq!(b.digest(), before);
    let named = &entries[0].attachments[0].sha256;
    assert!(
        files_under(&b.dir().join("attachments"))
            .iter()
            .all(|p| !p.ends_with(named)),
        "a file was stored under a name that is not its digest"
    );
}

#[test]
fn finding_7_an_update_from_another_signer_is_kept_for_review() {
    let a = TestLibrary::empty();
    a.cli_with_stdin(&["add", "-"], Some(&published("Ett exempel").to_string()))
        .ok();
    let from_a = bundle_of(&a, "a.zip");
    let b = TestLibrary::empty();
    b.cli(&["bundle", "import", &from_a, "--trust"]).ok();
    // C takes A's entry too, changes it and sends it on, signed by C.
    let c = TestLibrary::empty();
    c.cli(&["bundle", "import", &from_a, "--trust"]).ok();
    let mut lib = c.open();
    let mut entry = lib.get("ett-exempel").unwrap();
    entry.summary = "C:s version.".into();
    lib.edit("ett-exempel", entry, None, None, "ändrad")
        .unwrap();
    drop(lib);
    let from_c = bundle_of(&c, "c.zip");
    let mut lib = b.open();
    let report = lib.bundle_import(Path::new(&from_c), false, true).unwrap();
    assert_eq!(
        report.rows[0].action,
        WriteAction::KeepForReview,
        "{report:?}"
    );
    assert_eq!(lib.get("ett-exempel").unwrap().summary, "Första versionen.");
    assert_eq!(lib.incoming().unwrap().len(), 1);
}

#[test]
fn finding_8_the_signing_key_lives_in_a_private_file_not_in_the_database() {
    let t = TestLibrary::empty();
    t.cli_with_stdin(&["add", "-"], Some(&published("Ett exempel").to_string()))
        .ok();
    let first = bundle_of(&t, "ett.zip");
    let key_file = t.dir().join(library::bundle::SIGNING_KEY_FILE);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let secret: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&key_file).unwrap()).unwrap();
    let secret = secret["secret"].as_str().unwrap().to_owned();
    // An import makes a backup: neither it nor the database holds the secret.
    let file = t.file("ny.json", &published("Ett till").to_string());
    t.cli(&["import", &file]).ok();
    let mut places = vec![t.dir().join("library.sqlite3")];
    places.extend(files_under(&t.dir().join("backups")));
    assert!(places.len() > 1);
    for place in &places {
        assert!(!holds(place, &secret), "{} holds the key", place.display());
    }

    // A library from before the key file keeps its key: it moves out of the database.
    std::fs::remove_file(&key_file).unwrap();
    let conn = rusqlite::Connection::open(t.dir().join("library.sqlite3")).unwrap();
    conn.execute(
        "INSERT INTO library (key, value) VALUES ('signing_key', ?1)",
        [&secret],
    )
    .unwrap();
    drop(conn);
    // A backup made before the move holds the key as well.
    let old_backup = t
        .dir()
        .join("backups")
        .join("fore-flytt-av-nyckeln.sqlite3");
    std::fs::copy(t.dir().join("library.sqlite3"), &old_backup).unwrap();
    assert!(holds(&old_backup, &secret));
    let second = bundle_of(&t, "två.zip");
    assert!(key_file.exists());
    assert!(
        !holds(&old_backup, &secret),
        "the old backup still holds the key"
    );
    let signer = |path: &str| {
        let b = TestLibrary::empty();
        b.cli(&["bundle", "import", path, "--trust", "--dry-run", "--json"])
            .ok()
            .json()["sender"]["public_key"]
            .clone()
    };
    assert_eq!(signer(&first), signer(&second));
    assert!(!holds(&t.dir().join("library.sqlite3"), &secret));
}

#[test]
fn finding_11_a_refused_import_says_so_on_standard_error() {
    let t = TestLibrary::empty();
    let file = t.file("fel.csv", "Rubrik;Skede\nEtt exempel;Pilott\n");
    let out = t.cli(&["import", &file]);
    assert_eq!(out.code(), 1);
    assert!(out.stderr().contains("rad 2"), "{}", out.stderr());
    assert!(
        out.stderr().contains("Inget importerades"),
        "{}",
        out.stderr()
    );
    // The report names the row by the title it has, though it never became an entry.
    let report = t.cli(&["import", &file, "--json"]).json();
    assert_eq!(report["rows"][0]["title"], "Ett exempel", "{report}");
}

#[test]
fn finding_11_a_hit_unpublished_after_the_index_was_written_is_not_shown() {
    let t = TestLibrary::starter();
    let lib = t.open();
    let request = model::query::SearchRequest::query("livsmedel");
    let first = lib.search(&request).unwrap().hits[0].uid.clone();
    // Another process unpublishes the entry; this index has not seen it yet.
    let conn = rusqlite::Connection::open(t.dir().join("library.sqlite3")).unwrap();
    conn.execute(
        "UPDATE entries SET status = 'utkast', body = json_set(body, '$.status', 'utkast')
         WHERE uid = ?1",
        [&first],
    )
    .unwrap();
    let hits = lib.search(&request).unwrap().hits;
    assert!(!hits.is_empty());
    assert!(
        hits.iter().all(|h| h.uid != first),
        "an unpublished entry was shown"
    );
}
