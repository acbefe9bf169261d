//! The search index follows SQLite: rebuilt when missing or of another version, caught up
//! when behind, shared between processes.

use std::time::{Duration, Instant};

use library::KeepWriter;
use model::query::SearchRequest;
use tantivy::Index;

use crate::util::{TestLibrary, full_entry_json};

fn titles(lib: &library::Library, query: &str) -> Vec<String> {
    lib.search(&SearchRequest::query(query))
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.title)
        .collect()
}

#[test]
fn a_deleted_index_is_rebuilt_at_the_next_start() {
    let t = TestLibrary::starter();
    let before = titles(&t.open(), "livsmedel");
    assert!(!before.is_empty());
    std::fs::remove_dir_all(t.dir().join("index")).unwrap();

    let lib = t.open();
    assert!(t.dir().join("index/meta.json").exists());
    assert_eq!(titles(&lib, "livsmedel"), before);
    assert!(lib.check().unwrap().problems.is_empty());
}

#[test]
fn a_write_made_while_the_index_was_behind_is_found_after_the_next_start() {
    let t = TestLibrary::starter();
    drop(t.open());
    {
        // Another process holds the index writer: the CLI's write goes to SQLite only.
        let index = Index::open_in_dir(t.dir().join("index")).unwrap();
        let _writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let file = t.file("ny.json", &full_entry_json());
        t.cli(&["add", &file]).ok();
    }
    // The index on disk has not seen the write yet.
    let index = Index::open_in_dir(t.dir().join("index")).unwrap();
    let reader = index.reader().unwrap();
    assert_eq!(
        reader.searcher().num_docs(),
        library::starter::entries().unwrap().len() as u64
    );

    let lib = t.open();
    assert_eq!(
        titles(&lib, "nattillsyn"),
        ["Äldreomsorgens digitala nattillsyn i Testby"]
    );
    assert!(lib.check().unwrap().problems.is_empty());
}

#[test]
fn an_index_of_another_version_is_rebuilt() {
    let t = TestLibrary::starter();
    drop(t.open());
    {
        let index = Index::open_in_dir(t.dir().join("index")).unwrap();
        let mut writer: tantivy::IndexWriter =
            index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.delete_all_documents().unwrap();
        let mut prepared = writer.prepare_commit().unwrap();
        prepared.set_payload(r#"{"schema":0,"analyzer":0,"watermark":999999}"#);
        prepared.commit().unwrap();
    }
    let lib = t.open();
    assert!(!titles(&lib, "testbädd").is_empty());
    let payload = Index::open_in_dir(t.dir().join("index"))
        .unwrap()
        .load_metas()
        .unwrap()
        .payload
        .unwrap();
    assert!(
        payload.contains(&format!("\"schema\":{}", search::index::SCHEMA_VERSION)),
        "{payload}"
    );
    assert!(lib.check().unwrap().problems.is_empty());
}

#[test]
fn an_open_library_finds_what_another_process_added() {
    let t = TestLibrary::starter();
    let app = t.open();
    assert!(titles(&app, "nattillsyn").is_empty());
    let file = t.file("ny.json", &full_entry_json());
    t.cli(&["add", &file]).ok();
    assert_eq!(
        titles(&app, "nattillsyn"),
        ["Äldreomsorgens digitala nattillsyn i Testby"]
    );
}

#[test]
fn an_index_missing_a_document_is_reported_by_check_and_fixed_by_reindex() {
    let t = TestLibrary::starter();
    drop(t.open());
    {
        // A document lost behind SQLite's back, with the watermark left as it was.
        let index = Index::open_in_dir(t.dir().join("index")).unwrap();
        let uid = index.schema().get_field("uid").unwrap();
        let meta = index.load_metas().unwrap();
        let mut writer: tantivy::IndexWriter =
            index.writer_with_num_threads(1, 15_000_000).unwrap();
        let orebro = library::starter::entries()
            .unwrap()
            .into_iter()
            .find(|e| e.id.starts_with("orebro"))
            .unwrap();
        writer.delete_term(tantivy::Term::from_field_text(uid, &orebro.uid));
        let mut prepared = writer.prepare_commit().unwrap();
        prepared.set_payload(meta.payload.as_deref().unwrap());
        prepared.commit().unwrap();
    }
    let check = t.cli(&["check"]);
    assert_eq!(check.code(), 1, "{}", check.stdout());
    assert!(
        check.stdout().contains("1 poster saknas"),
        "{}",
        check.stdout()
    );
    t.cli(&["reindex"]).ok();
    t.cli(&["check"]).ok();
    let found = t.cli(&["search", "testbädd", "--json"]).ok().json();
    assert_eq!(
        found["hits"][0]["id"],
        "orebro-gemensam-testbadd-valfardsteknik-e-halsa"
    );
}

/// The desktop keeps the index writer while a curator saves (a save then waits for no merge)
/// and lets it go after a quiet moment: a command run beside the app can then write the index,
/// and finds what it added.
#[test]
fn a_writer_kept_while_writing_is_let_go_when_idle() {
    let t = TestLibrary::starter();
    let mut lib = t.open();
    lib.keep_index_writer(KeepWriter::WhileWriting(Duration::from_millis(300)));
    let id = "orebro-gemensam-testbadd-valfardsteknik-e-halsa";
    let mut entry = lib.get(id).unwrap();
    entry.summary = format!("{} Ändring.", entry.summary);
    let revision = entry.revision;
    lib.edit(id, entry, None, Some(revision), "prov").unwrap();
    let index = Index::open_in_dir(t.dir().join("index")).unwrap();
    let take = || index.writer::<tantivy::TantivyDocument>(15_000_000);
    assert!(
        matches!(take(), Err(tantivy::TantivyError::LockFailure(..))),
        "the writer is kept after a save"
    );
    let start = Instant::now();
    loop {
        match take() {
            Ok(writer) => break drop(writer),
            Err(tantivy::TantivyError::LockFailure(..)) if start.elapsed() < WAIT => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(err) => panic!("the writer was not let go: {err}"),
        }
    }
    let file = t.file("ny.json", &full_entry_json());
    t.cli(&["add", &file]).ok();
    let found = t.cli(&["search", "nattillsyn", "--json"]).ok().json();
    assert_eq!(found["total"], 1, "{found}");
    // The app, still open, finds it too.
    let found = lib.search(&SearchRequest::query("nattillsyn")).unwrap();
    assert_eq!(found.total, 1);
}

/// A rebuild swaps the index directory: a writer kept across it (the desktop's, a server's)
/// wrote its next commit into the new index, listing segments the new index does not have.
/// It is let go first.
#[test]
fn a_rebuild_lets_a_kept_writer_go_first() {
    let t = TestLibrary::starter();
    let mut lib = t.open();
    lib.keep_index_writer(KeepWriter::Always);
    let id = "orebro-gemensam-testbadd-valfardsteknik-e-halsa";
    let edit = |lib: &mut library::Library, word: &str| {
        let mut entry = lib.get(id).unwrap();
        entry.summary = format!("{} {word}.", entry.summary);
        let revision = entry.revision;
        lib.edit(id, entry, None, Some(revision), "prov").unwrap();
    };
    edit(&mut lib, "Förebyggnad");
    // A reading handle made before the rebuild keeps the index it was given, with its writer.
    let reader = lib.reader().unwrap();
    lib.reindex().unwrap();
    edit(&mut lib, "Efterombyggnad");
    // Another handle writes SQLite (the new index's writer is kept, so it leaves the index
    // behind); the old index catches up at its next search, and its writer must not commit
    // into the new directory.
    let mut other = t.open();
    other
        .add_report(&full_entry_json(), false)
        .expect("added beside the kept writer");
    let _ = reader.search(&SearchRequest::query("testbädd"));
    let found = lib.search(&SearchRequest::query("nattillsyn")).unwrap();
    assert_eq!(found.total, 1);
    drop((lib, reader, other));
    t.cli(&["check"]).ok();
    let found = t.cli(&["search", "efterombyggnad", "--json"]).ok().json();
    assert_eq!(found["hits"][0]["id"], id, "{found}");
}

/// How long a test waits for something that should happen within a second.
const WAIT: Duration = Duration::from_secs(10);

/// The number of segments of the index in `dir`.
fn segments(dir: &std::path::Path) -> usize {
    Index::open_in_dir(dir.join("index"))
        .unwrap()
        .searchable_segment_ids()
        .unwrap()
        .len()
}

/// A writer made and dropped for every commit left each commit's segment unmerged: after 60
/// edits of a 10 000-entry library there were 62 segments and an edit took 1–2.5 s. Small
/// segments are merged now, whether the writer is made per write (the CLI), kept while
/// writing (the desktop) or kept (a server).
#[test]
fn many_edits_do_not_leave_a_segment_each() {
    for keep in [
        KeepWriter::Never,
        KeepWriter::Always,
        KeepWriter::WhileWriting(Duration::from_secs(60)),
    ] {
        let t = TestLibrary::starter();
        let mut lib = t.open();
        lib.keep_index_writer(keep);
        let id = "orebro-gemensam-testbadd-valfardsteknik-e-halsa";
        for i in 0..40 {
            let mut entry = lib.get(id).unwrap();
            entry.summary = format!("{} Ändring {i}.", entry.summary);
            let revision = entry.revision;
            lib.edit(id, entry, None, Some(revision), "prov").unwrap();
        }
        let report = lib.check().unwrap();
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        drop(lib);
        let n = segments(t.dir());
        assert!(
            n <= 12,
            "{n} segments after 40 edits (writer kept: {keep:?})"
        );
    }
}
