//! Curation: the workflow's rules, history with diffs and restore, personal notes, the trash,
//! the taxonomy editor, attachments and erasing a person's data.

use model::Status;
use model::query::SearchRequest;

use crate::util::{TestLibrary, full_entry_json, pdf_with_text, write_bytes};

const ID: &str = "aldreomsorgens-digitala-nattillsyn-i-testby";

/// An empty library with the full test entry, as a draft.
fn with_draft() -> TestLibrary {
    let t = TestLibrary::empty();
    let mut entry: serde_json::Value = serde_json::from_str(&full_entry_json()).unwrap();
    entry["status"] = "utkast".into();
    t.cli_with_stdin(&["add", "-"], Some(&entry.to_string()))
        .ok();
    t
}

#[test]
fn a_draft_goes_through_review_before_it_is_published() {
    let t = with_draft();
    let early = t.cli(&["status", ID, "publicerad"]);
    assert_eq!(early.code(), 1);
    assert!(
        early.stderr().contains("granskning först"),
        "{}",
        early.stderr()
    );

    t.cli(&["status", ID, "granskning"]).ok();
    let back = t.cli(&["status", ID, "utkast"]);
    assert_eq!(back.code(), 1, "sending back needs a reason");
    assert!(
        back.stderr().contains("fältet comment"),
        "{}",
        back.stderr()
    );
    t.cli(&["status", ID, "utkast", "--comment", "Källan saknar datum"])
        .ok();
    t.cli(&["status", ID, "granskning"]).ok();
    t.cli(&["status", ID, "publicerad", "--comment", "Granskad"])
        .ok();

    let history = t.cli(&["history", ID, "--json"]).ok().json();
    let steps: Vec<(String, String, String)> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["status"].as_str().unwrap().to_owned(),
                h["by"].as_str().unwrap().to_owned(),
                h["comment"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(steps.len(), 5);
    assert_eq!(steps[2].0, "utkast");
    assert_eq!(steps[2].2, "Källan saknar datum");
    assert_eq!(
        steps[4],
        ("publicerad".into(), "testaren".into(), "Granskad".into())
    );

    // Readers see it only now.
    let found = t.cli(&["search", "nattillsyn", "--json"]).ok().json();
    assert_eq!(found["total"], 1);
}

#[test]
fn drafts_are_hidden_from_search_unless_all_is_asked() {
    let t = with_draft();
    let readers = t.cli(&["search", "nattillsyn", "--json"]).ok().json();
    assert_eq!(readers["total"], 0);
    let curators = t
        .cli(&["search", "nattillsyn", "--all", "--json"])
        .ok()
        .json();
    assert_eq!(curators["total"], 1);
}

#[test]
fn diff_names_the_changed_fields_and_restore_adds_a_revision() {
    let t = with_draft();
    let lib = t.open();
    let mut entry = lib.get(ID).unwrap();
    drop(lib);
    entry.sections.results = "Hälften så många onödiga väckningar.".into();
    entry.tags.push("nattro".into());
    let mut lib = t.open();
    lib.edit(ID, entry, None, Some(1), "ändrad").unwrap();
    drop(lib);

    let changes = t.cli(&["diff", ID, "1", "2", "--json"]).ok().json();
    let fields: Vec<&str> = changes
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["sections.results", "tags"]);
    let inserted: String = changes[0]["parts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["op"] == "insert")
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert!(inserted.contains("Hälften"), "{inserted}");
    let text = t.cli(&["diff", ID, "1", "2"]).ok().stdout();
    assert!(text.contains("## Resultat och effekter"), "{text}");
    assert!(text.contains("+ Hälften så många"), "{text}");

    t.cli(&["restore", ID, "1"]).ok();
    let lib = t.open();
    assert_eq!(lib.history(ID).unwrap().len(), 3);
    let first = lib.revision(ID, 1).unwrap();
    let now = lib.get(ID).unwrap();
    assert_eq!(now.sections.results, first.sections.results);
    assert_eq!(now.revision, 3);
    // Nothing was rewritten: revision 2 still holds the edit.
    assert!(
        lib.revision(ID, 2)
            .unwrap()
            .tags
            .contains(&"nattro".to_owned())
    );
    assert!(lib.diff(ID, 1, 3).unwrap().is_empty());
}

#[test]
fn a_personal_note_is_kept_apart_from_the_entry_and_survives_an_import() {
    let t = with_draft();
    t.cli(&["note", ID, "Ring Testby om uppföljningen i mars."])
        .ok();
    let shown = t.cli(&["show", ID, "--json"]).ok().stdout();
    assert!(
        !shown.contains("Ring Testby"),
        "the note is not part of the entry"
    );

    let mut entry: serde_json::Value = serde_json::from_str(&shown).unwrap();
    entry["summary"] = "En ny sammanfattning från en import.".into();
    let file = t.file("uppdatering.json", &entry.to_string());
    t.cli(&["import", &file]).ok();
    assert_eq!(
        t.cli(&["note", ID]).ok().stdout().trim(),
        "Ring Testby om uppföljningen i mars."
    );
    assert_eq!(
        t.cli(&["show", ID, "--json"]).ok().json()["summary"],
        "En ny sammanfattning från en import."
    );
    t.cli(&["note", ID, "--clear"]).ok();
    assert_eq!(t.cli(&["note", ID]).ok().stdout().trim(), "");
}

#[test]
fn emptying_the_trash_asks_first_then_deletes_for_good() {
    let t = with_draft();
    t.cli(&["delete", ID]).ok();
    let before = t.digest();
    let unconfirmed = t.cli(&["trash", "--empty"]);
    assert_eq!(unconfirmed.code(), 2);
    assert!(
        unconfirmed.stderr().contains("--yes"),
        "{}",
        unconfirmed.stderr()
    );
    assert_eq!(t.digest(), before, "nothing deleted without --yes");

    let out = t.cli(&["trash", "--empty", "--yes"]).ok();
    assert!(out.stdout().contains("1 poster"), "{}", out.stdout());
    assert_eq!(
        t.cli(&["trash", "--json"]).ok().json(),
        serde_json::json!([])
    );
    assert_eq!(t.cli(&["show", ID]).code(), 1);
    t.cli(&["check"]).ok();
}

#[test]
fn renaming_and_merging_focus_areas_moves_the_entries_in_one_go() {
    let t = TestLibrary::starter();
    let lib = t.open();
    let tagged = |lib: &library::Library, slug: &str| {
        let mut n = 0;
        for e in lib.list(None).unwrap() {
            if lib
                .get(&e.id)
                .unwrap()
                .focus_areas
                .iter()
                .any(|f| f == slug)
            {
                n += 1;
            }
        }
        n
    };
    let meals = tagged(&lib, "offentliga-maltider");
    assert!(meals > 0);
    drop(lib);

    let out = t
        .cli(&[
            "taxonomy",
            "rename",
            "offentliga-maltider",
            "Måltider och livsmedel",
        ])
        .ok();
    assert!(
        out.stdout().contains("maltider-och-livsmedel"),
        "{}",
        out.stdout()
    );
    let lib = t.open();
    assert_eq!(tagged(&lib, "offentliga-maltider"), 0);
    assert_eq!(tagged(&lib, "maltider-och-livsmedel"), meals);
    let some = lib
        .search(&SearchRequest {
            focus: vec!["maltider-och-livsmedel".into()],
            ..SearchRequest::default()
        })
        .unwrap();
    assert_eq!(some.total as usize, meals, "the index follows the rename");
    let example = &some.hits[0].id;
    let last = lib.history(example).unwrap().pop().unwrap();
    assert!(
        last.comment.contains("Måltider och livsmedel"),
        "{}",
        last.comment
    );
    drop(lib);

    let into_digital = tagged(&t.open(), "digitalisering");
    t.cli(&[
        "taxonomy",
        "merge",
        "maltider-och-livsmedel",
        "digitalisering",
    ])
    .ok();
    let lib = t.open();
    assert!(
        lib.taxonomy()
            .unwrap()
            .focus_areas
            .iter()
            .all(|f| f.slug != "maltider-och-livsmedel")
    );
    assert!(tagged(&lib, "digitalisering") >= into_digital.max(meals));
    assert!(lib.check().unwrap().problems.is_empty());

    let dup = t.cli(&["taxonomy", "add", "Digitalisering"]);
    assert_eq!(dup.code(), 1);
    assert!(dup.stderr().contains("finns redan"), "{}", dup.stderr());
    t.cli(&[
        "taxonomy",
        "add",
        "Civilt försvar",
        "--description",
        "Beredskap",
    ])
    .ok();
    assert!(
        t.open()
            .taxonomy()
            .unwrap()
            .focus_areas
            .iter()
            .any(|f| f.slug == "civilt-forsvar")
    );
}

#[test]
fn pdf_attachments_are_stored_by_hash_and_their_text_is_searchable() {
    let t = with_draft();
    t.cli(&["status", ID, "granskning"]).ok();
    t.cli(&["status", ID, "publicerad"]).ok();
    let pdf = pdf_with_text("Utvärderingen nämner nattkameror och Kvarnbyängen särskilt.");
    let file = write_bytes(&t, "utvärdering.pdf", &pdf);
    let out = t.cli(&["attach", ID, &file, "--licence", "CC BY 4.0"]).ok();
    assert!(out.stdout().contains("utvärdering.pdf"), "{}", out.stdout());

    let entry = t.cli(&["show", ID, "--json"]).ok().json();
    let attachment = &entry["attachments"][1];
    assert_eq!(attachment["name"], "utvärdering.pdf");
    assert_eq!(attachment["media_type"], "application/pdf");
    assert_eq!(attachment["licence"], "CC BY 4.0");
    let sha = attachment["sha256"].as_str().unwrap();
    let stored = t.dir().join("attachments").join(&sha[..2]).join(sha);
    assert_eq!(
        std::fs::read(&stored).unwrap(),
        pdf,
        "stored under its hash"
    );

    // A word only the PDF has finds the entry, and the hit names the file.
    let found = t.cli(&["search", "Kvarnbyängen", "--json"]).ok().json();
    assert_eq!(found["total"], 1, "{found}");
    assert_eq!(found["hits"][0]["attachment"], "utvärdering.pdf");
    assert!(
        found["hits"][0]["snippet"]
            .as_str()
            .unwrap()
            .contains("<mark>Kvarnbyängen</mark>")
    );

    // The same name twice is refused; a file that is not a supported type too.
    assert_eq!(t.cli(&["attach", ID, &file]).code(), 1);
    let exe = write_bytes(&t, "program.pdf", b"MZ\x90\x00\x03");
    let refused = t.cli(&["attach", ID, &exe]);
    assert_eq!(refused.code(), 1);
    assert!(
        refused.stderr().contains("filtypen stöds inte"),
        "{}",
        refused.stderr()
    );

    t.cli(&["detach", ID, "utvärdering.pdf"]).ok();
    assert_eq!(
        t.cli(&["search", "Kvarnbyängen", "--json"]).ok().json()["total"],
        0
    );
    t.cli(&["check"]).ok();
}

#[test]
fn a_pdf_that_breaks_the_extractor_is_kept_without_text() {
    let t = with_draft();
    let mut broken = b"%PDF-1.7\n".to_vec();
    broken.extend(std::iter::repeat_n(b'\xff', 4096));
    let file = write_bytes(&t, "trasig.pdf", &broken);
    t.cli(&["attach", ID, &file]).ok();
    let lib = t.open();
    let entry = lib.get(ID).unwrap();
    let sha = &entry.attachments.last().unwrap().sha256;
    let (text, problem) = lib.attachment_text(sha).unwrap().unwrap();
    assert!(text.is_empty());
    assert!(problem.contains("textutdragningen"), "{problem}");
}

#[test]
fn an_extractor_that_hangs_is_stopped_at_the_time_limit() {
    let t = with_draft();
    let script = t.file("hangs.sh", "#!/bin/sh\nsleep 30\n");
    std::fs::set_permissions(&script, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let mut lib = t.open();
    lib.set_extractor(script.into(), std::time::Duration::from_millis(300));
    let started = std::time::Instant::now();
    let pdf = pdf_with_text("Text");
    let (entry, _) = lib.attach_bytes(ID, "hänger.pdf", &pdf, "").unwrap();
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    let (_, problem) = lib
        .attachment_text(&entry.attachments.last().unwrap().sha256)
        .unwrap()
        .unwrap();
    assert!(problem.contains("avbröts"), "{problem}");
}

#[test]
fn attachment_names_from_outside_are_labels_never_paths() {
    let t = with_draft();
    let mut lib = t.open();
    let (_, attachment) = lib
        .attach_bytes(ID, "../../../etc/passwd.pdf", &pdf_with_text("x"), "")
        .unwrap();
    assert_eq!(attachment.name, "passwd.pdf");
    assert!(!t.dir().parent().unwrap().join("etc").exists());
}

#[test]
fn erasing_a_person_removes_them_from_every_revision_and_backup() {
    let t = TestLibrary::empty();
    let mut entry: serde_json::Value = serde_json::from_str(&full_entry_json()).unwrap();
    entry["contacts"] = serde_json::json!([
        {"name": "Vera Exempelsson", "role": "projektledare", "organisation": "Testby kommun",
         "email": "vera.exempelsson@testby.example", "phone": "070-000 00 00"},
        {"name": "Registrator", "organisation": "Testby kommun", "email": "registrator@testby.example"}
    ]);
    t.cli_with_stdin(&["add", "-"], Some(&entry.to_string()))
        .ok();
    // A second revision, and a backup made by an import.
    entry["id"] = ID.into();
    entry["summary"] = "Andra versionen.".into();
    let file = t.file("andra.json", &entry.to_string());
    t.cli(&["import", &file]).ok();
    let backups: Vec<_> = std::fs::read_dir(t.dir().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(backups.len(), 1);
    let holds = |path: &std::path::Path| {
        std::fs::read(path)
            .map(|b| b.windows(10).any(|w| w == b"Exempelsso"))
            .unwrap_or(false)
    };
    assert!(holds(&backups[0]));

    let unconfirmed = t.cli(&["erase-person", "Vera Exempelsson"]);
    assert_eq!(unconfirmed.code(), 2);
    assert_eq!(t.open().get(ID).unwrap().contacts.len(), 2);

    let out = t.cli(&["erase-person", "vera  exempelsson", "--yes"]).ok();
    assert!(
        out.stdout().contains("1 poster och 2 revisioner"),
        "{}",
        out.stdout()
    );
    let lib = t.open();
    for rev in lib.history(ID).unwrap() {
        let old = lib.revision(ID, rev.revision).unwrap();
        assert_eq!(old.contacts.len(), 1, "revision {}", rev.revision);
        assert_eq!(old.contacts[0].name, "Registrator");
    }
    drop(lib);
    assert!(!holds(&backups[0]), "the backup still holds the name");
    for file in ["library.sqlite3", "library.sqlite3-wal"] {
        assert!(!holds(&t.dir().join(file)), "{file} still holds the name");
    }
    for file in std::fs::read_dir(t.dir().join("index")).unwrap() {
        let path = file.unwrap().path();
        let lower = std::fs::read(&path).unwrap();
        assert!(
            !lower.windows(10).any(|w| w == b"exempelsso"),
            "{} still holds the name",
            path.display()
        );
    }
    let found = t
        .cli(&["search", "Exempelsson", "--all", "--json"])
        .ok()
        .json();
    assert_eq!(found["total"], 0);
    t.cli(&["check"]).ok();
}

#[test]
fn the_user_name_from_the_settings_is_recorded_in_history() {
    let t = with_draft();
    let mut lib = t.open();
    lib.save_user("Processledare Test").unwrap();
    drop(lib);
    // A fresh open reads it back (no EXEMPELBANK_USER in this process).
    let mut lib = t.open();
    if std::env::var_os("EXEMPELBANK_USER").is_none() {
        assert_eq!(lib.user(), "Processledare Test");
    }
    lib.set_user("Processledare Test");
    lib.set_status(ID, Status::Granskning, "").unwrap();
    let last = lib.history(ID).unwrap().pop().unwrap();
    assert_eq!(last.by, "Processledare Test");
    assert!(lib.save_user("   ").is_err());
}
