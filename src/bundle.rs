//! Library bundles: a whole library or a selection in one signed zip file that another
//! library imports.
//!
//! ```text
//! manifest.json          format, library id, signer (name, ed25519 public key), the SHA-256
//!                        of every other member
//! manifest.sig           the ed25519 signature of manifest.json's exact bytes, in hex
//! taxonomy.json          the focus areas the entries use
//! entries/<uid>.json     each entry in the exchange format
//! attachments/<sha256>   each attached file
//! ```
//! Import checks everything before it writes anything: member names (no paths of its own, so
//! no zip-slip), sizes (declared and actual, so no zip bomb), the signature, the signer's trust
//! and every hash. Then it merges on `uid` in one transaction after a backup: new entries are
//! added; a newer revision of an entry not changed here since it was received is applied; an
//! entry changed here keeps its local content and the incoming version is kept for review.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{Read, Seek, Write};
use std::path::Path;

use ed25519_dalek::{Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::api::{Library, now};
use crate::error::{Error, ErrorCode, Result};
use crate::model::Entry;
use crate::progress::Progress;
use crate::store::Change;
use crate::taxonomy::FocusArea;
use crate::validate::{self, normalise_and_check};

pub const BUNDLE_FORMAT: u32 = 1;
/// The signer recorded for the starter library, which is compiled into the program and so
/// trusted as much as the program itself.
pub const STARTER_SIGNER: &str = "exempelbanken-start";
/// The most members a bundle may have.
pub const MAX_MEMBERS: usize = 300_000;
/// The largest manifest, taxonomy or entry member.
pub const MAX_JSON_BYTES: u64 = 8 * 1024 * 1024;
/// The largest attachment member.
pub const MAX_ATTACHMENT_BYTES: u64 = crate::attachments::MAX_ATTACHMENT_BYTES;
/// The most a bundle may unpack to in all.
pub const MAX_TOTAL_BYTES: u64 = 4 * 1024 * 1024 * 1024;
/// The highest compression ratio accepted for a member larger than a megabyte.
pub const MAX_RATIO: u64 = 200;

/// The signed table of contents of a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: u32,
    pub library_id: String,
    pub created_at: String,
    pub signer: BundleSigner,
    pub entries: u32,
    pub attachments: u32,
    /// Member name → SHA-256 in hex, for every member but the manifest and its signature.
    pub members: BTreeMap<String, String>,
}

/// Who signed a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleSigner {
    pub name: String,
    /// The ed25519 public key, in hex.
    pub public_key: String,
}

/// A key that signs bundles, with the name recorded beside it.
pub struct BundleKey {
    pub name: String,
    pub key: SigningKey,
}

/// A key file as `bundle keygen` writes it.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyFile {
    name: String,
    secret: String,
}

impl BundleKey {
    /// A new random key.
    pub fn generate(name: &str) -> Result<BundleKey> {
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret)
            .map_err(|e| Error::new(ErrorCode::Io, format!("slumptal saknas: {e}")))?;
        Ok(BundleKey {
            name: name.to_owned(),
            key: SigningKey::from_bytes(&secret),
        })
    }

    pub fn from_hex(name: &str, secret: &str) -> Result<BundleKey> {
        let bytes: [u8; 32] = hex::decode(secret.trim())
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| Error::invalid(format!("nyckeln \"{name}\" är inte 32 byte i hex")))?;
        Ok(BundleKey {
            name: name.to_owned(),
            key: SigningKey::from_bytes(&bytes),
        })
    }

    /// Reads a key file written by [`BundleKey::write`].
    pub fn read(path: &Path) -> Result<BundleKey> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let file: KeyFile = serde_json::from_str(&text)
            .map_err(|e| Error::invalid(format!("{}: ingen nyckelfil: {e}", path.display())))?;
        BundleKey::from_hex(&file.name, &file.secret)
    }

    /// Writes the key to a new file readable only by its owner.
    pub fn write(&self, path: &Path) -> Result<()> {
        let text = serde_json::to_string_pretty(&KeyFile {
            name: self.name.clone(),
            secret: hex::encode(self.key.to_bytes()),
        })
        .expect("key file serialises");
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(path).map_err(|e| Error::io(path, e))?;
        file.write_all(text.as_bytes())
            .map_err(|e| Error::io(path, e))?;
        Ok(())
    }

    pub fn public_hex(&self) -> String {
        hex::encode(self.key.verifying_key().to_bytes())
    }
}

/// What `bundle create` wrote.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BundleSummary {
    pub entries: u32,
    pub attachments: u32,
    /// Attachments whose file this library does not have (left out).
    pub missing_attachments: u32,
    #[ts(type = "number")]
    pub bytes: u64,
    pub signer: String,
    pub public_key: String,
}

/// What a bundle import did, or (dry run) would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BundleReport {
    pub signer: String,
    pub public_key: String,
    pub library_id: String,
    pub dry_run: bool,
    pub imported: bool,
    pub rows: Vec<BundleRow>,
    pub added: u32,
    pub updated: u32,
    pub unchanged: u32,
    /// Local changes kept; the incoming version waits for review.
    pub kept_local: u32,
    pub attachments: u32,
    #[ts(optional)]
    pub backup: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BundleRow {
    pub uid: String,
    pub id: String,
    pub title: String,
    pub action: BundleAction,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BundleAction {
    Add,
    Update,
    Unchanged,
    KeepLocal,
}

/// A bundle's content, checked: signature, trust decision left to the caller, every hash.
pub struct Contents {
    pub manifest: Manifest,
    pub taxonomy: Vec<FocusArea>,
    pub entries: Vec<Entry>,
    /// Attachment hashes present in the bundle.
    pub attachments: Vec<String>,
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// What a member name may be: the fixed names, or an entry or attachment named by its own
/// identity. Anything else (a path, `..`, a directory) is refused.
fn member_kind(name: &str) -> Option<&'static str> {
    match name {
        "manifest.json" => return Some("manifest"),
        "manifest.sig" => return Some("signature"),
        "taxonomy.json" => return Some("taxonomy"),
        _ => {}
    }
    if let Some(uid) = name
        .strip_prefix("entries/")
        .and_then(|n| n.strip_suffix(".json"))
    {
        return uuid::Uuid::parse_str(uid)
            .ok()
            .filter(|u| u.hyphenated().to_string() == uid)
            .map(|_| "entry");
    }
    if let Some(hash) = name.strip_prefix("attachments/") {
        return (hash.len() == 64
            && hash
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()))
        .then_some("attachment");
    }
    None
}

fn bad(file: &str, problem: impl std::fmt::Display) -> Error {
    Error::invalid(format!("{file}: {problem}; inget importerades"))
}

/// Reads one member whole, refusing more than `limit` bytes whatever its header says.
fn read_member<R: Read + Seek>(
    archive: &mut zip::ZipArchive<R>,
    index: usize,
    limit: u64,
    file: &str,
) -> Result<(String, Vec<u8>)> {
    let member = archive
        .by_index(index)
        .map_err(|e| bad(file, format!("paketet kan inte läsas: {e}")))?;
    let name = member
        .name()
        .map_err(|e| bad(file, format!("ett filnamn i paketet kan inte läsas: {e}")))?
        .into_owned();
    let mut out = Vec::with_capacity(member.size().min(limit) as usize);
    member
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| bad(file, format!("{name} kan inte packas upp: {e}")))?;
    if out.len() as u64 > limit {
        return Err(bad(
            file,
            format!(
                "{name} är större än tillåtet ({} MB)",
                limit / (1024 * 1024)
            ),
        ));
    }
    Ok((name, out))
}

/// Opens and checks a bundle without writing anything. `on_attachment` sees each attachment
/// after its hash is checked (a second pass writes them; the first only checks).
pub fn read_bundle(
    path: &Path,
    progress: &Progress,
    stage: &str,
    mut on_attachment: impl FnMut(&str, &[u8]) -> Result<()>,
) -> Result<Contents> {
    let file = path.display().to_string();
    let handle = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut archive = zip::ZipArchive::new(std::io::BufReader::new(handle))
        .map_err(|e| bad(&file, format!("ingen giltig zip-fil: {e}")))?;
    if archive.len() > MAX_MEMBERS {
        return Err(bad(&file, format!("fler än {MAX_MEMBERS} filer")));
    }
    // First the central directory: names, kinds and declared sizes.
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut declared_total: u64 = 0;
    for i in 0..archive.len() {
        let member = archive
            .by_index_raw(i)
            .map_err(|e| bad(&file, format!("paketet kan inte läsas: {e}")))?;
        let name = member
            .name()
            .map_err(|e| bad(&file, format!("ett filnamn kan inte läsas: {e}")))?
            .into_owned();
        let Some(kind) = member_kind(&name) else {
            return Err(bad(
                &file,
                format!("paketet innehåller en otillåten fil \"{name}\""),
            ));
        };
        let limit = if kind == "attachment" {
            MAX_ATTACHMENT_BYTES
        } else {
            MAX_JSON_BYTES
        };
        if member.size() > limit {
            return Err(bad(
                &file,
                format!("{name} är för stor ({} MB)", member.size() / (1024 * 1024)),
            ));
        }
        if member.size() > 1024 * 1024
            && member.size() / member.compressed_size().max(1) > MAX_RATIO
        {
            return Err(bad(
                &file,
                format!(
                    "{name} packas upp {} gånger större: en zip-bomb?",
                    member.size() / member.compressed_size().max(1)
                ),
            ));
        }
        declared_total += member.size();
        if by_name.insert(name.clone(), i).is_some() {
            return Err(bad(&file, format!("{name} förekommer två gånger")));
        }
    }
    if declared_total > MAX_TOTAL_BYTES {
        return Err(bad(&file, "paketet packas upp till mer än 4 GB"));
    }
    let index_of = |name: &str| {
        by_name.get(name).copied().ok_or_else(|| {
            bad(
                &file,
                format!("{name} saknas; är det ett paket från Exempelbanken?"),
            )
        })
    };
    // The manifest and its signature.
    let (_, manifest_bytes) = read_member(
        &mut archive,
        index_of("manifest.json")?,
        MAX_JSON_BYTES,
        &file,
    )?;
    let (_, signature_hex) = read_member(&mut archive, index_of("manifest.sig")?, 1024, &file)?;
    let manifest: Manifest = serde_json::from_slice(&manifest_bytes)
        .map_err(|e| bad(&file, format!("manifestet kan inte läsas: {e}")))?;
    if manifest.format > BUNDLE_FORMAT {
        return Err(bad(
            &file,
            format!(
                "paketformat {} är nyare än det här programmet läser",
                manifest.format
            ),
        ));
    }
    let key: [u8; 32] = hex::decode(&manifest.signer.public_key)
        .ok()
        .and_then(|k| k.try_into().ok())
        .ok_or_else(|| bad(&file, "signerarens nyckel är ogiltig"))?;
    let verifying =
        VerifyingKey::from_bytes(&key).map_err(|_| bad(&file, "signerarens nyckel är ogiltig"))?;
    let signature: [u8; 64] = hex::decode(String::from_utf8_lossy(&signature_hex).trim())
        .ok()
        .and_then(|s| s.try_into().ok())
        .ok_or_else(|| bad(&file, "signaturen är ogiltig"))?;
    verifying
        .verify(&manifest_bytes, &ed25519_dalek::Signature::from_bytes(&signature))
        .map_err(|_| {
            bad(
                &file,
                "signaturen stämmer inte med manifestet: paketet har ändrats efter att det signerades",
            )
        })?;
    // Every member is in the manifest, and every manifest entry is a member.
    for name in by_name.keys() {
        if name != "manifest.json" && name != "manifest.sig" && !manifest.members.contains_key(name)
        {
            return Err(bad(
                &file,
                format!("{name} finns inte i manifestet: paketet har ändrats"),
            ));
        }
    }
    let mut contents = Contents {
        manifest: manifest.clone(),
        taxonomy: Vec::new(),
        entries: Vec::new(),
        attachments: Vec::new(),
    };
    let mut total: u64 = 0;
    let members = manifest.members.len() as u64;
    for (done, (name, expected)) in manifest.members.iter().enumerate() {
        progress.step(done as u64, members, stage)?;
        let kind = member_kind(name).ok_or_else(|| {
            bad(
                &file,
                format!("manifestet nämner en otillåten fil \"{name}\""),
            )
        })?;
        let limit = if kind == "attachment" {
            MAX_ATTACHMENT_BYTES
        } else {
            MAX_JSON_BYTES
        };
        let (_, bytes) = read_member(&mut archive, index_of(name)?, limit, &file)?;
        total += bytes.len() as u64;
        if total > MAX_TOTAL_BYTES {
            return Err(bad(&file, "paketet packas upp till mer än 4 GB"));
        }
        if &sha256_hex(&bytes) != expected {
            return Err(bad(
                &file,
                format!("{name} stämmer inte med manifestets kontrollsumma: paketet har ändrats"),
            ));
        }
        match kind {
            "taxonomy" => {
                contents.taxonomy = serde_json::from_slice(&bytes)
                    .map_err(|e| bad(&file, format!("taxonomy.json: {e}")))?;
            }
            "entry" => {
                let text = std::str::from_utf8(&bytes)
                    .map_err(|_| bad(&file, format!("{name}: inte UTF-8")))?;
                let entry = validate::parse_entry(text)
                    .map_err(|e| bad(&file, format!("{name}: {}", e.message)))?;
                if format!("entries/{}.json", entry.uid) != *name {
                    return Err(bad(&file, format!("{name}: posten har uid {}", entry.uid)));
                }
                contents.entries.push(entry);
            }
            "attachment" => {
                let hash = &name["attachments/".len()..];
                on_attachment(hash, &bytes)?;
                contents.attachments.push(hash.to_owned());
            }
            _ => return Err(bad(&file, format!("manifestet nämner \"{name}\""))),
        }
    }
    if contents.entries.len() as u32 != manifest.entries {
        return Err(bad(&file, "antalet poster stämmer inte med manifestet"));
    }
    Ok(contents)
}

/// Writes a bundle of `entries` (with the attachment files found under `library_dir`) to
/// `out`, signed with `key`. The file appears complete or not at all.
pub fn write_bundle(
    out: &Path,
    library_id: &str,
    library_dir: &Path,
    entries: &[Entry],
    taxonomy: &[FocusArea],
    key: &BundleKey,
    progress: &Progress,
) -> Result<BundleSummary> {
    let partial = out.with_extension(format!("partial-{}", std::process::id()));
    let result = (|| -> Result<BundleSummary> {
        let handle = std::fs::File::create(&partial).map_err(|e| Error::io(&partial, e))?;
        let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(handle));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        let zip_err = |e: zip::result::ZipError| Error::io(&partial, e);
        let io_err = |e: std::io::Error| Error::io(&partial, e);
        let mut members = BTreeMap::new();
        let used: HashSet<&str> = entries
            .iter()
            .flat_map(|e| e.focus_areas.iter().map(String::as_str))
            .collect();
        let taxonomy: Vec<&FocusArea> = taxonomy
            .iter()
            .filter(|f| used.contains(f.slug.as_str()))
            .collect();
        let bytes = serde_json::to_vec_pretty(&taxonomy).expect("taxonomy serialises");
        members.insert("taxonomy.json".to_owned(), sha256_hex(&bytes));
        zip.start_file("taxonomy.json", options).map_err(zip_err)?;
        zip.write_all(&bytes).map_err(io_err)?;
        let mut attachments = HashSet::new();
        let mut missing = 0;
        for (done, entry) in entries.iter().enumerate() {
            progress.step(done as u64, entries.len() as u64, "Packar posterna")?;
            let name = format!("entries/{}.json", entry.uid);
            let bytes = serde_json::to_vec_pretty(entry).expect("entries serialise");
            members.insert(name.clone(), sha256_hex(&bytes));
            zip.start_file(name, options).map_err(zip_err)?;
            zip.write_all(&bytes).map_err(io_err)?;
            for a in &entry.attachments {
                if !attachments.insert(a.sha256.clone()) {
                    continue;
                }
                let path = crate::attachments::stored_path(library_dir, &a.sha256);
                let Ok(bytes) = std::fs::read(&path) else {
                    missing += 1;
                    attachments.remove(&a.sha256);
                    continue;
                };
                let name = format!("attachments/{}", a.sha256);
                members.insert(name.clone(), sha256_hex(&bytes));
                // Attachments are mostly compressed already (PDF, JPEG, DOCX).
                zip.start_file(name, stored).map_err(zip_err)?;
                zip.write_all(&bytes).map_err(io_err)?;
            }
        }
        let manifest = Manifest {
            format: BUNDLE_FORMAT,
            library_id: library_id.to_owned(),
            created_at: now(),
            signer: BundleSigner {
                name: key.name.clone(),
                public_key: key.public_hex(),
            },
            entries: entries.len() as u32,
            attachments: attachments.len() as u32,
            members,
        };
        let manifest_bytes = serde_json::to_vec_pretty(&manifest).expect("manifest serialises");
        let signature = key.key.sign(&manifest_bytes);
        zip.start_file("manifest.json", options).map_err(zip_err)?;
        zip.write_all(&manifest_bytes).map_err(io_err)?;
        zip.start_file("manifest.sig", options).map_err(zip_err)?;
        zip.write_all(hex::encode(signature.to_bytes()).as_bytes())
            .map_err(io_err)?;
        let writer = zip.finish().map_err(zip_err)?;
        let handle = writer
            .into_inner()
            .map_err(|e| Error::io(&partial, e.error()))?;
        handle.sync_all().map_err(io_err)?;
        Ok(BundleSummary {
            entries: entries.len() as u32,
            attachments: attachments.len() as u32,
            missing_attachments: missing,
            bytes: handle.metadata().map_err(io_err)?.len(),
            signer: key.name.clone(),
            public_key: key.public_hex(),
        })
    })();
    match result {
        Ok(summary) => {
            std::fs::rename(&partial, out).map_err(|e| Error::io(out, e))?;
            Ok(summary)
        }
        Err(err) => {
            let _ = std::fs::remove_file(&partial);
            Err(err)
        }
    }
}

/// An incoming version of a locally changed entry, for review.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct IncomingVersion {
    pub id: String,
    pub title: String,
    pub origin_revision: u32,
    /// What taking it would change here.
    pub changes: Vec<crate::diff::FieldChange>,
}

/// One incoming entry and what the merge does with it.
enum Merge {
    Add(Entry),
    /// The entry ready to save (local id, next revision), the local revision it follows
    /// and the bundle's revision.
    Update(Entry, u32, u32),
    Unchanged,
    KeepLocal(Entry),
}

impl Library {
    /// The library's own bundle key, made the first time it is needed.
    pub fn bundle_key(&mut self) -> Result<BundleKey> {
        let id = self.id()?;
        let name = format!("bibliotek {}", &id[..id.len().min(8)]);
        if let Some(secret) = self.store.meta("signing_key")? {
            return BundleKey::from_hex(&name, &secret);
        }
        let key = BundleKey::generate(&name)?;
        self.store
            .set_meta("signing_key", &hex::encode(key.key.to_bytes()))?;
        Ok(key)
    }

    /// Writes a bundle of the entries with these uids (in the trash or not) to `out`.
    pub fn bundle_create(
        &mut self,
        uids: &[String],
        key: Option<BundleKey>,
        out: &Path,
    ) -> Result<BundleSummary> {
        self.bundle_create_with(uids, key, out, &Progress::none())
    }

    /// Like [`Library::bundle_create`], reporting progress and stopping when cancelled.
    pub fn bundle_create_with(
        &mut self,
        uids: &[String],
        key: Option<BundleKey>,
        out: &Path,
        progress: &Progress,
    ) -> Result<BundleSummary> {
        let key = match key {
            Some(key) => key,
            None => self.bundle_key()?,
        };
        let entries = self.store.live_by_uids(uids)?;
        let taxonomy = self.store.focus_areas()?;
        write_bundle(
            out,
            &self.id()?,
            &self.dir,
            &entries,
            &taxonomy,
            &key,
            progress,
        )
    }

    /// Imports a bundle: everything is checked first; then, unless `dry_run`, a backup is
    /// made and the merge lands in one transaction. A signer that is neither this library
    /// nor trusted is refused unless `trust`, which remembers it.
    pub fn bundle_import(
        &mut self,
        path: &Path,
        dry_run: bool,
        trust: bool,
    ) -> Result<BundleReport> {
        self.bundle_import_with(path, dry_run, trust, &Progress::none())
    }

    /// Like [`Library::bundle_import`], reporting progress; a cancel before the merge
    /// leaves the library as it was.
    pub fn bundle_import_with(
        &mut self,
        path: &Path,
        dry_run: bool,
        trust: bool,
        progress: &Progress,
    ) -> Result<BundleReport> {
        let contents = read_bundle(path, progress, "Kontrollerar paketet", |_, _| Ok(()))?;
        let signer = contents.manifest.signer.clone();
        let own = self.bundle_key()?.public_hex();
        if signer.public_key != own && !self.store.is_trusted(&signer.public_key)? && !trust {
            return Err(Error::new(
                ErrorCode::Conflict,
                format!(
                    "{}: paketet är signerat av \"{}\" (nyckel {}…), som biblioteket inte litar på \
                     ännu; importera med --trust om du vet att det kommer från dem",
                    path.display(),
                    signer.name,
                    &signer.public_key[..16]
                ),
            ));
        }
        let (rows, merges, new_areas) = self.plan_merge(&contents.taxonomy, &contents.entries)?;
        let count = |a: BundleAction| rows.iter().filter(|r| r.action == a).count() as u32;
        let mut report = BundleReport {
            signer: signer.name.clone(),
            public_key: signer.public_key.clone(),
            library_id: contents.manifest.library_id.clone(),
            dry_run,
            imported: false,
            added: count(BundleAction::Add),
            updated: count(BundleAction::Update),
            unchanged: count(BundleAction::Unchanged),
            kept_local: count(BundleAction::KeepLocal),
            attachments: contents.attachments.len() as u32,
            rows,
            backup: None,
        };
        if dry_run {
            return Ok(report);
        }
        // Attachments first: content-addressed, so a file written before a failed merge is
        // only an unused copy. The second pass checks every hash again as it writes.
        let dir = self.dir.clone();
        read_bundle(path, progress, "Packar upp bilagorna", |hash, bytes| {
            crate::attachments::store_file(&dir, hash, bytes).map(|_| ())
        })?;
        let stamp = now().replace([':', '-'], "");
        let backup = self.dir.join("backups").join(format!(
            "fore-paket-{stamp}-{}.sqlite3",
            &uuid::Uuid::new_v4().simple().to_string()[..8]
        ));
        self.store.backup_to(&backup)?;
        report.backup = Some(backup.display().to_string());
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.apply_merge(
            merges,
            new_areas,
            &signer,
            &format!("från paketet {name} ({})", signer.name),
        )?;
        report.imported = true;
        self.extract_missing_texts()?;
        Ok(report)
    }

    fn plan_merge(
        &self,
        taxonomy: &[FocusArea],
        entries: &[Entry],
    ) -> Result<(Vec<BundleRow>, Vec<Merge>, Vec<FocusArea>)> {
        let mut focus = self.store.focus_areas()?;
        let mut new_areas = Vec::new();
        for area in taxonomy {
            if !focus.iter().any(|f| f.slug == area.slug) {
                focus.push(area.clone());
                new_areas.push(area.clone());
            }
        }
        let mut rows = Vec::new();
        let mut merges = Vec::new();
        let mut taken = HashSet::new();
        for incoming in entries {
            let mut entry = incoming.clone();
            normalise_and_check(&mut entry, &focus).map_err(|e| {
                Error::invalid(format!(
                    "posten {} i paketet: {}; inget importerades",
                    incoming.uid, e.message
                ))
            })?;
            let origin_revision = incoming.revision.max(1);
            let local = self.store.get(&entry.uid)?;
            let local_id = local.as_ref().map(|(e, _)| e.id.clone());
            let (action, merge, reason) = match local {
                None => {
                    if entry.id.is_empty()
                        || self.store.id_taken(&entry.id)?
                        || taken.contains(&entry.id)
                    {
                        let base = if entry.id.is_empty() {
                            validate::slugify(&entry.title)
                        } else {
                            entry.id.clone()
                        };
                        entry.id = self.free_id(&base, &taken)?;
                    }
                    taken.insert(entry.id.clone());
                    (BundleAction::Add, Merge::Add(entry.clone()), String::new())
                }
                Some((current, _)) => {
                    let changes = crate::diff::diff(&current, &entry, &focus);
                    match self.store.received(&entry.uid)? {
                        Some((seen, _)) if origin_revision <= seen => {
                            (BundleAction::Unchanged, Merge::Unchanged, format!("revision {origin_revision} är redan mottagen"))
                        }
                        Some((_, local_revision)) if local_revision == current.revision => {
                            if changes.is_empty() {
                                (BundleAction::Unchanged, Merge::Unchanged, String::new())
                            } else {
                                let labels: Vec<String> = changes.into_iter().map(|c| c.label).collect();
                                let mut update = entry.clone();
                                update.id = current.id.clone();
                                update.created_at = current.created_at.clone();
                                update.revision = current.revision + 1;
                                (
                                    BundleAction::Update,
                                    Merge::Update(update, current.revision, origin_revision),
                                    format!("ändrar: {}", labels.join(", ")),
                                )
                            }
                        }
                        _ if changes.is_empty() => (BundleAction::Unchanged, Merge::Unchanged, String::new()),
                        _ => (
                            BundleAction::KeepLocal,
                            Merge::KeepLocal(entry.clone()),
                            "posten har ändrats här sedan den togs emot: den lokala versionen behålls och \
                             den inkommande sparas för granskning"
                                .to_owned(),
                        ),
                    }
                }
            };
            rows.push(BundleRow {
                uid: entry.uid.clone(),
                id: match &merge {
                    Merge::Add(e) => e.id.clone(),
                    _ => local_id.unwrap_or_default(),
                },
                title: entry.title.clone(),
                action,
                reason,
            });
            merges.push(merge);
        }
        Ok((rows, merges, new_areas))
    }

    fn apply_merge(
        &mut self,
        merges: Vec<Merge>,
        new_areas: Vec<FocusArea>,
        signer: &BundleSigner,
        comment: &str,
    ) -> Result<()> {
        let own = self.bundle_key()?.public_hex();
        let at = now();
        let change = Change {
            by: &self.user,
            at: &at,
            comment,
        };
        let mut focus = self.store.focus_areas()?;
        focus.extend(new_areas.iter().cloned());
        let batch = self.store.batch()?;
        if !new_areas.is_empty() {
            batch.set_focus_areas(&focus)?;
        }
        if signer.public_key != own && signer.public_key != STARTER_SIGNER {
            batch.trust(&signer.public_key, &signer.name, &at)?;
        }
        for merge in merges {
            match merge {
                Merge::Add(mut entry) => {
                    let origin_revision = entry.revision.max(1);
                    entry.revision = 1;
                    if entry.created_at.is_empty() {
                        entry.created_at = at.clone();
                    }
                    entry.updated_at = at.clone();
                    batch.insert(&entry, &change)?;
                    batch.mark_received(&entry.uid, origin_revision, 1, &signer.public_key, &at)?;
                }
                Merge::Update(mut entry, expected, origin_revision) => {
                    entry.updated_at = at.clone();
                    batch.update(&entry, Some(expected), &change)?;
                    batch.mark_received(
                        &entry.uid,
                        origin_revision,
                        entry.revision,
                        &signer.public_key,
                        &at,
                    )?;
                }
                Merge::KeepLocal(entry) => batch.keep_incoming(&entry, &signer.public_key, &at)?,
                Merge::Unchanged => {}
            }
        }
        batch.commit()?;
        self.after_write();
        Ok(())
    }

    /// Extracts the text of PDF attachments that have none yet (after a bundle brought them).
    fn extract_missing_texts(&mut self) -> Result<()> {
        let mut wanted = Vec::new();
        self.store.for_each_live(|entry| {
            for a in entry.attachments {
                if a.media_type == "application/pdf" {
                    wanted.push(a.sha256);
                }
            }
            Ok(())
        })?;
        wanted.sort();
        wanted.dedup();
        let mut changed = false;
        for hash in wanted {
            if self.store.attachment_text(&hash)?.is_some() {
                continue;
            }
            let path = crate::attachments::stored_path(&self.dir, &hash);
            if !path.exists() {
                continue;
            }
            let (program, timeout) = self.extractor_program()?;
            let (text, problem) =
                match crate::attachments::extract_pdf_text(&program, &path, timeout) {
                    Ok(text) => (text, String::new()),
                    Err(problem) => (String::new(), problem),
                };
            self.store
                .set_attachment_text(&hash, &text, &problem, &now())?;
            changed = true;
        }
        if changed {
            self.reindex()?;
        }
        Ok(())
    }

    /// Merges the starter library's entries by the rules of a bundle: what is new is added, a
    /// newer revision of an entry not changed here is applied, a local change is kept.
    pub fn merge_starter(&mut self, entries: Vec<Entry>) -> Result<BundleReport> {
        let (rows, merges, _) = self.plan_merge(&[], &entries)?;
        let count = |a: BundleAction| rows.iter().filter(|r| r.action == a).count() as u32;
        let report = BundleReport {
            signer: "Exempelbanken".to_owned(),
            public_key: STARTER_SIGNER.to_owned(),
            library_id: crate::starter::ORIGIN.to_owned(),
            dry_run: false,
            imported: true,
            added: count(BundleAction::Add),
            updated: count(BundleAction::Update),
            unchanged: count(BundleAction::Unchanged),
            kept_local: count(BundleAction::KeepLocal),
            attachments: 0,
            rows,
            backup: None,
        };
        let signer = BundleSigner {
            name: "Exempelbanken".to_owned(),
            public_key: STARTER_SIGNER.to_owned(),
        };
        let user = std::mem::replace(&mut self.user, "Exempelbanken".to_owned());
        let result = self.apply_merge(merges, Vec::new(), &signer, "från startbiblioteket");
        self.user = user;
        result?;
        Ok(report)
    }

    /// Incoming versions of locally changed entries, waiting for review.
    pub fn incoming(&self) -> Result<Vec<(String, u32, Entry)>> {
        self.store.incoming()
    }

    /// The incoming versions waiting for review, each with what it would change here.
    pub fn incoming_review(&self) -> Result<Vec<IncomingVersion>> {
        let focus = self.store.focus_areas()?;
        let mut out = Vec::new();
        for (uid, origin_revision, incoming) in self.store.incoming()? {
            let Some((local, _)) = self.store.get(&uid)? else {
                continue;
            };
            out.push(IncomingVersion {
                id: local.id.clone(),
                title: local.title.clone(),
                origin_revision,
                changes: crate::diff::diff(&local, &incoming, &focus),
            });
        }
        Ok(out)
    }

    /// Takes the newest incoming version of an entry as its next revision (the local one
    /// stays in the history) and forgets the others.
    pub fn accept_incoming(&mut self, id: &str) -> Result<Entry> {
        let current = self.get(id)?;
        let (origin_revision, mut entry) = self
            .store
            .incoming()?
            .into_iter()
            .filter(|(uid, _, _)| *uid == current.uid)
            .map(|(_, rev, e)| (rev, e))
            .max_by_key(|(rev, _)| *rev)
            .ok_or_else(|| {
                Error::not_found(format!("posten \"{id}\" har ingen inkommande version"))
            })?;
        let signer = self
            .store
            .incoming_signer(&current.uid)?
            .unwrap_or_default();
        normalise_and_check(&mut entry, &self.store.focus_areas()?)?;
        entry.id = current.id.clone();
        entry.created_at = current.created_at.clone();
        entry.revision = current.revision + 1;
        let at = now();
        entry.updated_at = at.clone();
        let comment = format!("inkommande version (revision {origin_revision}) godtagen");
        let change = Change {
            by: &self.user,
            at: &at,
            comment: &comment,
        };
        let batch = self.store.batch()?;
        batch.update(&entry, Some(current.revision), &change)?;
        batch.mark_received(&entry.uid, origin_revision, entry.revision, &signer, &at)?;
        batch.delete_incoming(&entry.uid)?;
        batch.commit()?;
        self.after_write();
        Ok(entry)
    }

    /// Keeps the local version and forgets the incoming ones. Returns how many went.
    pub fn discard_incoming(&mut self, id: &str) -> Result<usize> {
        let uid = self.get(id)?.uid;
        let batch = self.store.batch()?;
        let n = batch.delete_incoming(&uid)?;
        batch.commit()?;
        if n == 0 {
            return Err(Error::not_found(format!(
                "posten \"{id}\" har ingen inkommande version"
            )));
        }
        Ok(n)
    }
}
