//! Library bundles: a whole library or a selection in one signed zip file that another
//! library imports.
//!
//! ```text
//! manifest.json          format, library id, signer (name, ed25519 public key), the SHA-256
//!                        of every other member; for a feed delta also where it starts and
//!                        ends in the source's change log and the uids it withdraws
//! manifest.sig           the ed25519 signature of manifest.json's exact bytes, in hex
//! taxonomy.json          the focus areas the entries use
//! entries/<uid>.json     each entry in the exchange format
//! attachments/<sha256>   each attached file
//! ```
//! Import checks everything before it writes anything: member names (no paths of its own, so
//! no zip-slip), sizes (declared and actual, so no zip bomb), the signature, then the signer's
//! trust (before any other member is read), and every hash: an attachment's name, its hash in
//! the manifest and the digest of its bytes must be one and the same. Then it merges on `uid` in one transaction after a backup: new entries are
//! added; a newer revision of an entry not changed here since it was received is applied; an
//! entry changed here keeps its local content and the incoming version is kept for review.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{Read, Seek, Write};
use std::path::Path;

use ed25519_dalek::{Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use model::Entry;
use model::error::{Error, ErrorCode, Result};
use model::progress::Progress;
use model::taxonomy::FocusArea;

pub const BUNDLE_FORMAT: u32 = 1;
/// The format of a feed delta: a bundle whose manifest also has [`FeedPart`]. A bundle
/// without one is still written as format 1, so older programs read it.
pub const FEED_FORMAT: u32 = 2;
/// The signer recorded for the starter library, which is compiled into the program and so
/// trusted as much as the program itself.
pub const STARTER_SIGNER: &str = "exempelbanken-start";
/// The most members a bundle may have.
pub const MAX_MEMBERS: usize = 300_000;
/// The largest manifest, taxonomy or entry member.
pub const MAX_JSON_BYTES: u64 = 8 * 1024 * 1024;
/// The largest attachment member.
pub const MAX_ATTACHMENT_BYTES: u64 = model::validate::MAX_ATTACHMENT_BYTES;
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
    /// Present in a feed delta (signed with the rest, so neither its range nor its
    /// withdrawals can be changed on the way).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feed: Option<FeedPart>,
}

/// What makes a bundle a feed delta: the changes of the source's change log after `since` up
/// to `cursor`, and the entries withdrawn in them (archived, deleted or no longer published
/// there), by uid.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedPart {
    pub since: u64,
    pub cursor: u64,
    pub withdrawn: Vec<String>,
}

/// Whether `uid` is a uuid in its hyphenated lower-case form, the only form an entry's uid has
/// in a bundle.
fn is_uid(uid: &str) -> bool {
    uuid::Uuid::parse_str(uid)
        .ok()
        .is_some_and(|u| u.hyphenated().to_string() == uid)
}

/// Whether a signer's name, as another library sends it, is plain text that prints as it
/// reads: at most 200 characters, no control characters (no line breaks or terminal escapes
/// that could draw a fake fingerprint) and no bidirectional overrides.
pub fn plain_signer_name(name: &str) -> bool {
    name.chars().count() <= 200
        && !name.chars().any(|c| {
            c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
}

/// A signer's fingerprint, as `exempelbank key` prints it and `subscribe add --trust` takes it:
/// the ed25519 public key in lower-case hex. [`normalise_fingerprint`] reads it back from what
/// a person typed or pasted (spaces, colons, capitals).
pub fn fingerprint(public_key_hex: &str) -> String {
    public_key_hex.to_ascii_lowercase()
}

/// A fingerprint as typed, in the form [`fingerprint`] prints; an error names what is wrong.
pub fn normalise_fingerprint(typed: &str) -> Result<String> {
    let hex: String = typed
        .chars()
        .filter(|c| !matches!(c, ' ' | ':' | '-'))
        .collect::<String>()
        .to_ascii_lowercase();
    if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Error::field(
            "fingerprint",
            "ett fingeravtryck är 64 hexadecimala tecken, som `exempelbank key` skriver det",
        ));
    }
    Ok(hex)
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
        return is_uid(uid).then_some("entry");
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

/// Opens and checks a bundle without writing anything. `decide_trust` sees the manifest as
/// soon as its signature is verified and refuses a signer by returning an error: nothing else
/// is read from an untrusted bundle. `on_attachment` sees each attachment after its hash is
/// checked (a second pass writes them; the first only checks).
pub fn read_bundle(
    path: &Path,
    progress: &Progress,
    stage: &str,
    decide_trust: impl FnOnce(&Manifest) -> Result<()>,
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
    if manifest.format > FEED_FORMAT {
        return Err(bad(
            &file,
            format!(
                "paketformat {} är nyare än det här programmet läser",
                manifest.format
            ),
        ));
    }
    if !plain_signer_name(&manifest.signer.name) {
        return Err(bad(&file, "signerarens namn innehåller otillåtna tecken"));
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
    if let Some(feed) = &manifest.feed {
        if feed.withdrawn.len() > MAX_MEMBERS {
            return Err(bad(
                &file,
                format!("fler än {MAX_MEMBERS} återkallade poster"),
            ));
        }
        if let Some(uid) = feed.withdrawn.iter().find(|uid| !is_uid(uid)) {
            return Err(bad(
                &file,
                format!("en återkallad post har ogiltigt uid \"{uid}\""),
            ));
        }
        if feed.cursor < feed.since {
            return Err(bad(&file, "flödets intervall slutar före sin början"));
        }
    }
    decide_trust(&manifest)?;
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
        if kind == "attachment" && name["attachments/".len()..] != *expected {
            return Err(bad(
                &file,
                format!("{name} har en annan kontrollsumma i manifestet: paketet har ändrats"),
            ));
        }
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
                let entry = model::validate::parse_entry(text)
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

/// What a bundle carries besides its attachment files.
pub struct Outgoing<'a> {
    pub library_id: &'a str,
    pub created_at: &'a str,
    pub entries: &'a [Entry],
    /// The library's focus areas; the bundle holds those its entries use.
    pub taxonomy: &'a [FocusArea],
    /// Set for a feed delta.
    pub feed: Option<&'a FeedPart>,
}

/// Writes a bundle to `out`, signed with `key`, with the attachment files that `attachment`
/// finds by their SHA-256 (a missing one is counted, not an error). The file appears complete
/// or not at all.
pub fn write_bundle(
    out: &Path,
    outgoing: &Outgoing,
    attachment: impl Fn(&str) -> Option<Vec<u8>>,
    key: &BundleKey,
    progress: &Progress,
) -> Result<BundleSummary> {
    let partial = out.with_extension(format!("partial-{}", std::process::id()));
    let result = (|| -> Result<BundleSummary> {
        let handle = std::fs::File::create(&partial).map_err(|e| Error::io(&partial, e))?;
        let (mut summary, writer) = write_bundle_to(
            std::io::BufWriter::new(handle),
            outgoing,
            attachment,
            key,
            progress,
        )
        .map_err(|e| match e.code {
            ErrorCode::Io => Error {
                message: format!("{}: {}", partial.display(), e.message),
                ..e
            },
            _ => e,
        })?;
        let handle = writer
            .into_inner()
            .map_err(|e| Error::io(&partial, e.error()))?;
        handle.sync_all().map_err(|e| Error::io(&partial, e))?;
        summary.bytes = handle.metadata().map_err(|e| Error::io(&partial, e))?.len();
        Ok(summary)
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

/// Writes a bundle to any seekable writer (a file, or memory for a feed served over HTTP)
/// and returns the writer; [`BundleSummary::bytes`] is left at 0 for the caller to fill.
pub fn write_bundle_to<W: Write + Seek>(
    writer: W,
    outgoing: &Outgoing,
    attachment: impl Fn(&str) -> Option<Vec<u8>>,
    key: &BundleKey,
    progress: &Progress,
) -> Result<(BundleSummary, W)> {
    let Outgoing {
        library_id,
        created_at,
        entries,
        taxonomy,
        feed,
    } = *outgoing;
    let mut zip = zip::ZipWriter::new(writer);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let zip_err = |e: zip::result::ZipError| Error::new(ErrorCode::Io, e.to_string());
    let io_err = |e: std::io::Error| Error::new(ErrorCode::Io, e.to_string());
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
            let Some(bytes) = attachment(&a.sha256) else {
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
        format: if feed.is_some() {
            FEED_FORMAT
        } else {
            BUNDLE_FORMAT
        },
        library_id: library_id.to_owned(),
        created_at: created_at.to_owned(),
        signer: BundleSigner {
            name: key.name.clone(),
            public_key: key.public_hex(),
        },
        entries: entries.len() as u32,
        attachments: attachments.len() as u32,
        members,
        feed: feed.cloned(),
    };
    let manifest_bytes = serde_json::to_vec_pretty(&manifest).expect("manifest serialises");
    let signature = key.key.sign(&manifest_bytes);
    zip.start_file("manifest.json", options).map_err(zip_err)?;
    zip.write_all(&manifest_bytes).map_err(io_err)?;
    zip.start_file("manifest.sig", options).map_err(zip_err)?;
    zip.write_all(hex::encode(signature.to_bytes()).as_bytes())
        .map_err(io_err)?;
    let writer = zip.finish().map_err(zip_err)?;
    Ok((
        BundleSummary {
            entries: entries.len() as u32,
            attachments: attachments.len() as u32,
            missing_attachments: missing,
            bytes: 0,
            signer: key.name.clone(),
            public_key: key.public_hex(),
        },
        writer,
    ))
}
