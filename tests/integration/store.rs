//! The store through the facade: round trips, history, restore and the trash.

use model::Status;
use model::validate::parse_entry;

use crate::util::{TestLibrary, full_entry_json};

#[test]
fn every_field_survives_a_round_trip() {
    let t = TestLibrary::empty();
    let mut lib = t.open();
    let added = lib.add_json(&full_entry_json()).unwrap();
    drop(lib);

    let lib = t.open();
    let shown = lib.get(&added.id).unwrap();
    assert_eq!(shown, added);

    let input = parse_entry(&full_entry_json()).unwrap();
    assert_eq!(shown.title, input.title);
    assert_eq!(shown.summary, input.summary);
    assert_eq!(shown.sections, input.sections);
    assert_eq!(shown.focus_areas, input.focus_areas);
    assert_eq!(shown.stage, input.stage);
    assert_eq!(shown.novelty, input.novelty);
    assert_eq!(shown.organisations, input.organisations);
    assert_eq!(shown.period, input.period);
    assert_eq!(shown.goals, input.goals);
    assert_eq!(shown.tags, input.tags);
    assert_eq!(shown.contacts, input.contacts);
    assert_eq!(shown.sources, input.sources);
    assert_eq!(shown.attachments, input.attachments);
    assert_eq!(shown.status, Status::Publicerad);
    // Places are completed from the SCB codes.
    assert_eq!(shown.places[0].municipality, "Stockholm");
    assert_eq!(shown.places[0].lan, "Stockholms län");
    assert_eq!(shown.places[1].lan, "Uppsala län");
    // Fields the library owns.
    assert_eq!(shown.id, "aldreomsorgens-digitala-nattillsyn-i-testby");
    assert_eq!(shown.revision, 1);
    assert_eq!(shown.origin, lib.id().unwrap());
    assert!(uuid_like(&shown.uid), "{}", shown.uid);
    assert!(shown.created_at.ends_with('Z') && shown.created_at == shown.updated_at);
}

fn uuid_like(s: &str) -> bool {
    s.len() == 36 && s.chars().filter(|c| *c == '-').count() == 4
}

#[test]
fn a_new_entry_without_status_is_a_draft_and_same_titles_get_distinct_ids() {
    let t = TestLibrary::empty();
    let mut lib = t.open();
    let a = lib
        .add_json(r#"{"kind":"metod","title":"Samma titel"}"#)
        .unwrap();
    let b = lib
        .add_json(r#"{"kind":"metod","title":"Samma titel"}"#)
        .unwrap();
    assert_eq!(a.status, Status::Utkast);
    assert_eq!(a.id, "samma-titel");
    assert_eq!(b.id, "samma-titel-2");
    assert_ne!(a.uid, b.uid);
}

#[test]
fn history_records_every_save_and_restore_makes_a_new_revision() {
    let t = TestLibrary::empty();
    let mut lib = t.open();
    let first = lib.add_json(&full_entry_json()).unwrap();
    let mut changed = first.clone();
    changed.title = "Ny titel".into();
    changed.summary = "Ändrad sammanfattning.".into();
    let second = lib
        .edit(&first.id, changed, None, Some(1), "ny titel")
        .unwrap();
    assert_eq!(second.revision, 2);
    assert_eq!(second.title, "Ny titel");

    let restored = lib.restore(&first.id, 1).unwrap();
    assert_eq!(restored.revision, 3);
    assert_eq!(restored.title, first.title);
    assert_eq!(restored.summary, first.summary);
    assert_eq!(restored.created_at, first.created_at);

    let history = lib.history(&first.id).unwrap();
    let revisions: Vec<u32> = history.iter().map(|r| r.revision).collect();
    assert_eq!(revisions, [1, 2, 3]);
    assert_eq!(history[1].comment, "ny titel");
    assert_eq!(history[2].comment, "återställd från revision 1");
    // Nothing was rewritten: revision 2 is still there as it was.
    assert_eq!(lib.revision(&first.id, 2).unwrap().title, "Ny titel");
}

#[test]
fn a_stale_revision_is_refused_instead_of_overwriting() {
    let t = TestLibrary::empty();
    let mut lib = t.open();
    let e = lib.add_json(&full_entry_json()).unwrap();
    lib.edit(&e.id, e.clone(), None, Some(1), "första").unwrap();
    let err = lib
        .edit(&e.id, e.clone(), None, Some(1), "gammal kopia")
        .unwrap_err();
    assert_eq!(err.code, model::error::ErrorCode::Conflict);
    assert!(err.message.contains("revision 1"), "{}", err.message);
    assert_eq!(lib.get(&e.id).unwrap().revision, 2);
}

#[test]
fn delete_moves_to_the_trash_and_undelete_brings_it_back() {
    let t = TestLibrary::empty();
    let mut lib = t.open();
    let e = lib.add_json(&full_entry_json()).unwrap();
    lib.delete(&e.id).unwrap();
    assert!(lib.list(None).unwrap().is_empty());
    assert_eq!(lib.trash().unwrap()[0].id, e.id);
    let err = lib.get(&e.id).unwrap_err();
    assert!(err.message.contains("papperskorgen"), "{}", err.message);
    assert_eq!(
        lib.search(&model::query::SearchRequest::query("nattillsyn"))
            .unwrap()
            .total,
        0
    );

    lib.undelete(&e.id).unwrap();
    assert!(lib.trash().unwrap().is_empty());
    let back = lib.get(&e.id).unwrap();
    assert_eq!(back.title, e.title);
    assert_eq!(back.revision, 3);
    assert_eq!(
        lib.search(&model::query::SearchRequest::query("nattillsyn"))
            .unwrap()
            .total,
        1
    );
}

#[test]
fn status_changes_are_revisions_with_comments() {
    let t = TestLibrary::empty();
    let mut lib = t.open();
    let e = lib
        .add_json(r#"{"kind":"metod","title":"Ett utkast om nattillsyn"}"#)
        .unwrap();
    let req = model::query::SearchRequest::query("nattillsyn");
    assert_eq!(
        lib.search(&req).unwrap().total,
        0,
        "drafts are not shown by default"
    );
    let all = model::query::SearchRequest {
        all: true,
        ..req.clone()
    };
    assert_eq!(lib.search(&all).unwrap().total, 1);

    lib.set_status(&e.id, Status::Granskning, "").unwrap();
    assert_eq!(
        lib.search(&req).unwrap().total,
        0,
        "in review is not published"
    );
    lib.set_status(&e.id, Status::Publicerad, "granskad av redaktionen")
        .unwrap();
    assert_eq!(lib.search(&req).unwrap().total, 1);
    let history = lib.history(&e.id).unwrap();
    assert_eq!(history[1].status, Status::Granskning);
    assert_eq!(history[2].status, Status::Publicerad);
    assert_eq!(history[2].comment, "granskad av redaktionen");
}

#[test]
fn a_directory_with_other_files_is_refused() {
    let t = TestLibrary::unmade();
    std::fs::create_dir_all(t.dir()).unwrap();
    std::fs::write(t.dir().join("semester.jpg"), b"not a library").unwrap();
    let err = library::Library::open(t.dir()).err().expect("refused");
    assert!(
        err.message.contains("annat än ett bibliotek"),
        "{}",
        err.message
    );
    assert!(!t.dir().join("library.sqlite3").exists());
}

/// The library's counts (`library_info`, the app's first call, now counted from an index of
/// the live entries' statuses): the entries outside the trash, and the published ones of them.
#[test]
fn the_library_counts_its_entries_and_the_published_ones_but_not_the_trash() {
    let t = TestLibrary::starter();
    let mut lib = t.open();
    let listed = lib.list(None).unwrap();
    let count = |lib: &library::Library| {
        let info = lib.info().unwrap();
        (info.entries, info.published)
    };
    let all = listed.len() as u64;
    assert!(all >= 3);
    assert_eq!(count(&lib), (all, all), "the starter entries are published");

    lib.set_status(&listed[0].id, Status::Arkiverad, "")
        .unwrap();
    assert_eq!(count(&lib), (all, all - 1));
    lib.delete(&listed[1].id).unwrap();
    assert_eq!(count(&lib), (all - 1, all - 2));
    lib.delete(&listed[0].id).unwrap();
    assert_eq!(count(&lib), (all - 2, all - 2));
    lib.undelete(&listed[1].id).unwrap();
    assert_eq!(count(&lib), (all - 1, all - 1));
    assert_eq!(
        count(&lib).1,
        lib.list(Some(Status::Publicerad)).unwrap().len() as u64
    );
}
