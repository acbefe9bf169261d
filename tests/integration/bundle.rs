//! Bundles: a round trip between two libraries, the merge rules, trust, and bundles that
//! must be refused with nothing written (tampered, zip-slip, oversized, zip bomb).

use std::io::{Read, Write};

use library::plan::WriteAction;
use model::Entry;

use crate::util::{TestLibrary, pdf_with_text, write_bytes};

/// An entry without the fields a library sets on receipt.
fn content(entry: &Entry) -> serde_json::Value {
    let mut v = serde_json::to_value(entry).unwrap();
    for key in ["revision", "updated_at"] {
        v.as_object_mut().unwrap().remove(key);
    }
    v
}

fn entries_of(t: &TestLibrary) -> Vec<serde_json::Value> {
    let lib = t.open();
    let mut all: Vec<Entry> = lib
        .list(None)
        .unwrap()
        .into_iter()
        .map(|e| lib.get(&e.uid).unwrap())
        .collect();
    all.sort_by(|a, b| a.uid.cmp(&b.uid));
    all.iter().map(content).collect()
}

#[test]
fn a_library_travels_in_a_bundle_with_its_attachments() {
    let source = TestLibrary::starter();
    let id = source.open().list(None).unwrap()[0].id.clone();
    let pdf = pdf_with_text("Bilagan beskriver Solrosgårdens matsal.");
    let file = write_bytes(&source, "matsal.pdf", &pdf);
    source
        .cli(&["attach", &id, &file, "--licence", "CC BY 4.0"])
        .ok();
    let bundle = source.dir().parent().unwrap().join("bibliotek.zip");
    let bundle_arg = bundle.to_string_lossy().into_owned();
    let out = source.cli(&["bundle", "create", "--out", &bundle_arg]).ok();
    assert!(
        out.stdout().contains("14 poster, 1 bilagor"),
        "{}",
        out.stdout()
    );

    let target = TestLibrary::empty();
    let before = target.digest();
    let untrusted = target.cli(&["bundle", "import", &bundle_arg]);
    assert_eq!(untrusted.code(), 1);
    assert!(
        untrusted.stderr().contains("--trust"),
        "{}",
        untrusted.stderr()
    );
    assert_eq!(
        target.digest(),
        before,
        "an untrusted bundle writes nothing"
    );

    let dry = target
        .cli(&[
            "bundle",
            "import",
            &bundle_arg,
            "--trust",
            "--dry-run",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(dry["totals"]["create"], 14);
    assert_eq!(target.digest(), before, "a dry run writes nothing");

    let report = target
        .cli(&["bundle", "import", &bundle_arg, "--trust", "--json"])
        .ok()
        .json();
    assert_eq!(report["totals"]["create"], 14);
    assert_eq!(
        report["rows"], dry["rows"],
        "the dry run predicted the import"
    );
    assert_eq!(
        entries_of(&target),
        entries_of(&source),
        "identical entries"
    );
    let lib = target.open();
    let entry = lib.get(&id).unwrap();
    let copied = lib.attachment_path(&id, "matsal.pdf").unwrap();
    assert_eq!(std::fs::read(copied).unwrap(), pdf, "identical attachment");
    assert_eq!(entry.attachments[0].licence, "CC BY 4.0");
    drop(lib);
    // The attachment's text is searchable in the new library too.
    let found = target
        .cli(&["search", "Solrosgårdens", "--json"])
        .ok()
        .json();
    assert_eq!(found["total"], 1, "{found}");

    // The signer is remembered: the second import needs no --trust and changes nothing.
    let again = target
        .cli(&["bundle", "import", &bundle_arg, "--json"])
        .ok()
        .json();
    assert_eq!(again["totals"]["unchanged"], 14);
    target.cli(&["check"]).ok();
}

#[test]
fn merging_applies_newer_revisions_and_keeps_local_changes() {
    let a = TestLibrary::empty();
    for title in [
        "Lokal mat i skolan",
        "Delad testbädd",
        "Gemensam upphandling",
    ] {
        let json = serde_json::json!({"kind": "exempel", "title": title,
            "summary": "Första versionen.", "status": "publicerad"});
        a.cli_with_stdin(&["add", "-"], Some(&json.to_string()))
            .ok();
    }
    let v1 = a.dir().parent().unwrap().join("v1.zip");
    a.cli(&["bundle", "create", "--out", &v1.to_string_lossy()])
        .ok();

    let b = TestLibrary::empty();
    b.cli(&["bundle", "import", &v1.to_string_lossy(), "--trust"])
        .ok();
    // B edits one entry and writes a personal note on another.
    let mut local = b.open().get("delad-testbadd").unwrap();
    local.summary = "Vår egen version.".into();
    let mut lib = b.open();
    lib.edit("delad-testbadd", local, None, None, "lokal ändring")
        .unwrap();
    lib.set_note("lokal-mat-i-skolan", "Fråga om avtalet.")
        .unwrap();
    drop(lib);

    // A makes newer revisions of two entries and a new one.
    let mut lib = a.open();
    for id in ["lokal-mat-i-skolan", "delad-testbadd"] {
        let mut e = lib.get(id).unwrap();
        e.summary = "Andra versionen från A.".into();
        lib.edit(id, e, None, None, "ändrad").unwrap();
    }
    drop(lib);
    let json = serde_json::json!({"kind": "metod", "title": "Ny metod", "status": "publicerad"});
    a.cli_with_stdin(&["add", "-"], Some(&json.to_string()))
        .ok();
    let v2 = a.dir().parent().unwrap().join("v2.zip");
    a.cli(&["bundle", "create", "--out", &v2.to_string_lossy()])
        .ok();

    let mut lib = b.open();
    let report = lib.bundle_import(&v2, false, false).unwrap();
    let action = |id: &str| report.rows.iter().find(|r| r.id == id).unwrap().action;
    assert_eq!(action("lokal-mat-i-skolan"), WriteAction::Update);
    assert_eq!(action("delad-testbadd"), WriteAction::KeepForReview);
    assert_eq!(action("gemensam-upphandling"), WriteAction::Unchanged);
    assert_eq!(action("ny-metod"), WriteAction::Create);
    assert_eq!(
        lib.get("lokal-mat-i-skolan").unwrap().summary,
        "Andra versionen från A."
    );
    assert_eq!(
        lib.get("delad-testbadd").unwrap().summary,
        "Vår egen version."
    );
    let waiting = lib.incoming().unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].2.summary, "Andra versionen från A.");
    assert_eq!(
        lib.note("lokal-mat-i-skolan").unwrap().text,
        "Fråga om avtalet."
    );
    // The applied update is a revision with the bundle named; nothing was overwritten.
    let last = lib.history("lokal-mat-i-skolan").unwrap().pop().unwrap();
    assert!(last.comment.contains("v2.zip"), "{}", last.comment);
    assert!(lib.check().unwrap().problems.is_empty());
    drop(lib);

    // The curator reviews the waiting version: it would change the summary; taking it makes
    // a new revision and the local one stays in the history.
    let review = b.cli(&["bundle", "incoming", "--json"]).ok().json();
    assert_eq!(review[0]["id"], "delad-testbadd");
    assert_eq!(review[0]["changes"][0]["field"], "summary");
    b.cli(&["bundle", "incoming", "accept", "delad-testbadd"])
        .ok();
    let lib = b.open();
    assert_eq!(
        lib.get("delad-testbadd").unwrap().summary,
        "Andra versionen från A."
    );
    assert!(lib.incoming().unwrap().is_empty());
    let history = lib.history("delad-testbadd").unwrap();
    let local = lib
        .revision("delad-testbadd", history.len() as u32 - 1)
        .unwrap();
    assert_eq!(local.summary, "Vår egen version.");
    assert_eq!(
        b.cli(&["bundle", "incoming", "discard", "delad-testbadd"])
            .code(),
        1,
        "nothing left to discard"
    );
}

#[test]
fn a_newer_starter_library_updates_untouched_entries_and_keeps_edited_ones() {
    let t = TestLibrary::starter();
    let mut lib = t.open();
    let list = lib.list(None).unwrap();
    let (edited, untouched) = (list[0].id.clone(), list[1].id.clone());
    let mut mine = lib.get(&edited).unwrap();
    mine.summary = "Vår kommuns egen sammanfattning.".into();
    lib.edit(&edited, mine, None, None, "lokal ändring")
        .unwrap();

    let mut newer = library::starter::entries().unwrap();
    for e in &mut newer {
        if e.id == edited || e.id == untouched {
            e.revision = 2;
            e.summary = format!("{} (uppdaterad i en ny version)", e.summary);
        }
    }
    let report = lib.merge_starter(newer).unwrap();
    assert_eq!(
        (report.totals.update, report.totals.keep_for_review),
        (1, 1)
    );
    assert!(
        lib.get(&untouched)
            .unwrap()
            .summary
            .ends_with("(uppdaterad i en ny version)")
    );
    assert_eq!(
        lib.get(&edited).unwrap().summary,
        "Vår kommuns egen sammanfattning."
    );
    // Merging the same version again changes nothing.
    let again = lib
        .merge_starter(library::starter::entries().unwrap())
        .unwrap();
    assert_eq!(
        again.totals.update + again.totals.create + again.totals.keep_for_review,
        0
    );
}

/// Rewrites a bundle, letting `change` alter (name, bytes) of each member or add members.
fn rewrite(
    from: &std::path::Path,
    to: &std::path::Path,
    change: impl Fn(&str, Vec<u8>) -> Option<(String, Vec<u8>)>,
    extra: &[(&str, Vec<u8>, zip::CompressionMethod)],
) {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for i in 0..archive.len() {
        let mut member = archive.by_index(i).unwrap();
        let name = member.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        member.read_to_end(&mut bytes).unwrap();
        if let Some((name, bytes)) = change(&name, bytes) {
            out.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            out.write_all(&bytes).unwrap();
        }
    }
    for (name, bytes, method) in extra {
        out.start_file(
            *name,
            zip::write::SimpleFileOptions::default()
                .compression_method(*method)
                .large_file(bytes.len() > u32::MAX as usize),
        )
        .unwrap();
        out.write_all(bytes).unwrap();
    }
    out.finish().unwrap();
}

#[track_caller]
fn refused(t: &TestLibrary, bundle: &std::path::Path, expected: &str) {
    let before = t.digest();
    let files_before = walk(t.dir());
    let out = t.cli(&["bundle", "import", &bundle.to_string_lossy(), "--trust"]);
    assert_eq!(out.code(), 1, "stdout: {}", out.stdout());
    assert!(
        out.stderr().contains(expected),
        "expected {expected:?} in {}",
        out.stderr()
    );
    assert!(
        out.stderr().contains("inget importerades"),
        "{}",
        out.stderr()
    );
    assert_eq!(t.digest(), before, "the library changed");
    let outside = t.dir().parent().unwrap().join("utanfor.txt");
    assert!(!outside.exists(), "a file was written outside the library");
    assert_eq!(
        walk(&t.dir().join("attachments")),
        walk_sub(&files_before, "attachments")
    );
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    if let Ok(items) = std::fs::read_dir(dir) {
        for item in items.flatten() {
            let path = item.path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path.display().to_string());
            }
        }
    }
    out.sort();
    out
}

fn walk_sub(all: &[String], sub: &str) -> Vec<String> {
    all.iter()
        .filter(|p| p.contains(&format!("/{sub}/")))
        .cloned()
        .collect()
}

#[test]
fn tampered_unsafe_and_oversized_bundles_are_refused_with_nothing_written() {
    let source = TestLibrary::starter();
    let dir = source.dir().parent().unwrap().to_owned();
    let good = dir.join("bra.zip");
    source
        .cli(&["bundle", "create", "--out", &good.to_string_lossy()])
        .ok();
    let target = TestLibrary::empty();

    // An entry changed after signing.
    let tampered = dir.join("andrad.zip");
    rewrite(
        &good,
        &tampered,
        |name, bytes| {
            let bytes = if name.starts_with("entries/") {
                String::from_utf8(bytes)
                    .unwrap()
                    .replacen("\"title\": \"", "\"title\": \"Förfalskad ", 1)
                    .into_bytes()
            } else {
                bytes
            };
            Some((name.to_owned(), bytes))
        },
        &[],
    );
    refused(
        &target,
        &tampered,
        "stämmer inte med manifestets kontrollsumma",
    );

    // The manifest changed after signing.
    let resigned = dir.join("manifest.zip");
    rewrite(
        &good,
        &resigned,
        |name, bytes| {
            let bytes = if name == "manifest.json" {
                String::from_utf8(bytes)
                    .unwrap()
                    .replacen("\"entries\": 14", "\"entries\": 14 ", 1)
                    .into_bytes()
            } else {
                bytes
            };
            Some((name.to_owned(), bytes))
        },
        &[],
    );
    refused(&target, &resigned, "signaturen stämmer inte");

    // A member with a path of its own (zip-slip), and a member the manifest does not name.
    let slip = dir.join("slip.zip");
    rewrite(
        &good,
        &slip,
        |n, b| Some((n.to_owned(), b)),
        &[(
            "../utanfor.txt",
            b"x".to_vec(),
            zip::CompressionMethod::Stored,
        )],
    );
    refused(&target, &slip, "otillåten fil \"../utanfor.txt\"");
    let nested = dir.join("nested.zip");
    rewrite(
        &good,
        &nested,
        |n, b| Some((n.to_owned(), b)),
        &[(
            "entries/../../utanfor.txt",
            b"x".to_vec(),
            zip::CompressionMethod::Stored,
        )],
    );
    refused(&target, &nested, "otillåten fil");
    let unlisted = dir.join("extra.zip");
    let hash = "a".repeat(64);
    let name = format!("attachments/{hash}");
    rewrite(
        &good,
        &unlisted,
        |n, b| Some((n.to_owned(), b)),
        &[(name.as_str(), b"x".to_vec(), zip::CompressionMethod::Stored)],
    );
    refused(&target, &unlisted, "finns inte i manifestet");

    // An oversized member, and a zip bomb: 40 MB of zeros in a few dozen kilobytes.
    let big = dir.join("stor.zip");
    let uid = uuid::Uuid::new_v4();
    let entry_name = format!("entries/{uid}.json");
    let noise: Vec<u8> = (0..9 * 1024 * 1024u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    rewrite(
        &good,
        &big,
        |n, b| Some((n.to_owned(), b)),
        &[(entry_name.as_str(), noise, zip::CompressionMethod::Stored)],
    );
    refused(&target, &big, "för stor");
    let bomb = dir.join("bomb.zip");
    rewrite(
        &good,
        &bomb,
        |n, b| Some((n.to_owned(), b)),
        &[(
            name.as_str(),
            vec![0u8; 40 * 1024 * 1024],
            zip::CompressionMethod::Deflated,
        )],
    );
    assert!(std::fs::metadata(&bomb).unwrap().len() < 2 * 1024 * 1024);
    refused(&target, &bomb, "zip-bomb");

    // Not a zip at all, and a truncated one.
    let junk = write_bytes(&target, "skräp.zip", b"inte en zip-fil");
    refused(&target, std::path::Path::new(&junk), "ingen giltig zip-fil");
    let whole = std::fs::read(&good).unwrap();
    let cut = write_bytes(&target, "avkortad.zip", &whole[..whole.len() / 2]);
    refused(&target, std::path::Path::new(&cut), "ingen giltig zip-fil");
}

#[test]
fn a_named_key_signs_and_is_trusted_by_name() {
    let source = TestLibrary::starter();
    let dir = source.dir().parent().unwrap().to_owned();
    let key = dir.join("malardalsradet.key");
    source
        .cli(&[
            "bundle",
            "keygen",
            &key.to_string_lossy(),
            "--name",
            "Mälardalsrådet",
        ])
        .ok();
    assert_eq!(
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&key).unwrap().permissions())
            & 0o777,
        0o600
    );
    let bundle = dir.join("urval.zip");
    source
        .cli(&[
            "bundle",
            "create",
            "--out",
            &bundle.to_string_lossy(),
            "--key",
            &key.to_string_lossy(),
            "--focus",
            "offentliga-maltider",
        ])
        .ok();
    let target = TestLibrary::empty();
    let refusal = target.cli(&["bundle", "import", &bundle.to_string_lossy()]);
    assert!(
        refusal.stderr().contains("\"Mälardalsrådet\""),
        "{}",
        refusal.stderr()
    );
    let report = target
        .cli(&[
            "bundle",
            "import",
            &bundle.to_string_lossy(),
            "--trust",
            "--json",
        ])
        .ok()
        .json();
    assert_eq!(report["sender"]["name"], "Mälardalsrådet");
    let added = report["totals"]["create"].as_u64().unwrap();
    assert!(added > 0 && added < 14, "a selection: {added}");
}

/// A trusted bundle whose entries were all unchanged returned before it saved the signer, so
/// the next import asked to trust it again.
#[test]
fn trusting_a_bundle_with_nothing_new_is_remembered() {
    let source = TestLibrary::starter();
    let bundle = source.dir().parent().unwrap().join("samma.zip");
    let bundle_arg = bundle.to_string_lossy().into_owned();
    source.cli(&["bundle", "create", "--out", &bundle_arg]).ok();
    let target = TestLibrary::starter();
    target
        .cli(&["bundle", "import", &bundle_arg, "--trust"])
        .ok();
    let again = target.cli(&["bundle", "import", &bundle_arg, "--dry-run"]);
    assert_eq!(again.code(), 0, "{}", again.stderr());
}
