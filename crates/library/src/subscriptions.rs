//! Following other libraries: subscriptions to their feeds ([`crate::feed`]), pulled over
//! HTTP or from a folder, and merged by the rules of a bundle.
//!
//! A pull is split so that the network never holds the library: [`Library::pull_target`]
//! reads where the subscription stands, [`fetch`] downloads the next delta into a private
//! file with no library at all (timeouts, a size limit, proxies from the environment), and
//! [`Library::apply_fetched`] checks and merges it in one transaction that also moves the
//! subscription's cursor. [`pull`] runs the three under a lock it takes only for the first and
//! the last. A server sends at most [`crate::feed::MAX_PAGE_ENTRIES`] entries per delta, so a
//! long first pull lands page by page and an interrupted one goes on from the last page.
//!
//! Trust: a subscription records the signer's key when it is added (after a person compared
//! the fingerprint, or with `--trust`); a delta signed by any other key, for another library,
//! or not continuing from where the subscription stands is refused and nothing is written.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use serde::Serialize;
use ts_rs::TS;

use model::error::{Error, ErrorCode, Result};
use model::progress::Progress;
use model::subscription::{SourceKind, Subscription};
use share::bundle::{FeedPart, Manifest, normalise_fingerprint, read_bundle};
use share::feed::{FeedInfo, INFO_FILE, MAX_INFO_BYTES, delta_file_name};

use crate::plan::Step;
use crate::{Library, now};
use store::subscriptions::PullCounts;

/// The most a pull downloads in one delta.
pub const MAX_DELTA_BYTES: u64 = 2 * 1024 * 1024 * 1024;
/// The most deltas one pull applies (a folder feed is a chain of them).
const MAX_STEPS: usize = 10_000;
/// Held by the pull under way in this process.
static PULLING: Mutex<()> = Mutex::new(());

/// How long a pull waits and how much it takes.
#[derive(Debug, Clone, Copy)]
pub struct FetchLimits {
    /// For connecting, for the answer to begin and for each read after it: a source that
    /// stops answering is given up after this long.
    pub timeout: Duration,
    /// The most one delta may be.
    pub max_bytes: u64,
}

impl Default for FetchLimits {
    fn default() -> Self {
        FetchLimits {
            timeout: Duration::from_secs(30),
            max_bytes: MAX_DELTA_BYTES,
        }
    }
}

/// Where the next pull of a subscription starts.
#[derive(Debug, Clone)]
pub struct PullTarget {
    pub name: String,
    pub kind: SourceKind,
    pub source: String,
    pub library_id: String,
    pub public_key: String,
    pub cursor: u64,
    pub etag: String,
}

/// What a fetch brought.
pub enum Fetched {
    /// The source has nothing after the cursor (a `304`, or a folder at the same cursor).
    Unchanged,
    /// The next delta, in a private file removed when dropped, and how far the source
    /// reaches (more deltas follow while the delta's cursor is below it).
    Delta {
        file: tempfile::NamedTempFile,
        etag: String,
        latest: u64,
    },
}

/// What a pull did, for the app's notice and `subscribe pull`.
#[derive(Debug, Clone, Default, Serialize, TS)]
#[ts(export)]
pub struct PullReport {
    pub name: String,
    /// Whether the source answered (an unreachable source is not an error: the library
    /// works offline and the subscription says when it last heard from it).
    pub reached: bool,
    /// Why the source was not reached, or the delta refused; empty when all went well.
    pub problem: String,
    pub new: u32,
    pub updated: u32,
    pub withdrawn: u32,
    pub kept_for_review: u32,
    /// Deltas applied.
    pub deltas: u32,
    /// One sentence for people: "12 nya exempel från Regionens exempelbank".
    pub message: String,
}

/// What removing a subscription did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Unsubscribed {
    pub name: String,
    /// Entries from it moved to the trash (when asked), else 0.
    pub trashed: u32,
    /// Entries from it still in the library.
    pub kept: u32,
}

/// A source as typed: an `http(s)://` address, else a folder.
pub fn parse_source(typed: &str) -> Result<(SourceKind, String)> {
    let typed = typed.trim();
    if typed.is_empty() || typed.len() > 2000 {
        return Err(Error::field(
            "source",
            "ange en adress (https://…) eller en mapp",
        ));
    }
    if let Some(rest) = typed
        .strip_prefix("https://")
        .or_else(|| typed.strip_prefix("http://"))
    {
        let uri: ureq::http::Uri = typed
            .parse()
            .map_err(|_| Error::field("source", format!("\"{typed}\" är ingen giltig adress")))?;
        let authority = rest.split('/').next().unwrap_or_default();
        if authority.contains('@') {
            return Err(Error::field(
                "source",
                "adressen får inte innehålla användarnamn eller lösenord",
            ));
        }
        if uri.host().is_none_or(str::is_empty) || uri.query().is_some() {
            return Err(Error::field(
                "source",
                format!("\"{typed}\" är ingen giltig adress till en Exempelbank"),
            ));
        }
        return Ok((SourceKind::Server, typed.trim_end_matches('/').to_owned()));
    }
    if typed.contains("://") {
        return Err(Error::field(
            "source",
            "bara adresser med http:// eller https:// kan följas",
        ));
    }
    let dir = std::fs::canonicalize(typed)
        .map_err(|e| Error::field("source", format!("mappen \"{typed}\" kan inte öppnas: {e}")))?;
    if !dir.is_dir() {
        return Err(Error::field("source", format!("\"{typed}\" är ingen mapp")));
    }
    Ok((SourceKind::Folder, dir.display().to_string()))
}

fn agent(limits: &FetchLimits) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_connect(Some(limits.timeout))
        .timeout_recv_response(Some(limits.timeout))
        .timeout_per_read(Some(limits.timeout))
        // A bound on the whole exchange, for a source that trickles.
        .timeout_global(Some(Duration::from_secs(30 * 60)))
        .http_status_as_error(false)
        .proxy(ureq::Proxy::try_from_env())
        .user_agent(concat!("Exempelbanken/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

/// A network failure in words for people, naming the source.
fn unreachable(source: &str, err: ureq::Error, limits: &FetchLimits) -> Error {
    let why = match &err {
        ureq::Error::Timeout(_) => format!(
            "svarade inte inom {} s (tidsgränsen)",
            limits.timeout.as_secs()
        ),
        ureq::Error::HostNotFound => "adressen hittades inte".to_owned(),
        ureq::Error::ConnectionFailed => "det gick inte att ansluta".to_owned(),
        ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            "hämtningen avbröts innan allt kom fram".to_owned()
        }
        ureq::Error::BodyExceedsLimit(_) => "svaret är större än tillåtet".to_owned(),
        other => other.to_string(),
    };
    Error::new(ErrorCode::Io, format!("{source}: {why}; inget hämtades"))
}

fn status_problem(source: &str, status: ureq::http::StatusCode) -> Error {
    let why = match status.as_u16() {
        401 | 403 => "flödet kräver inloggning; följ en Exempelbank som publicerar öppet \
                     (serve, eller serve --team --public)"
            .to_owned(),
        404 => "ingen Exempelbank med flöde på den adressen".to_owned(),
        code => format!("servern svarade {code}"),
    };
    Error::new(ErrorCode::Io, format!("{source}: {why}; inget hämtades"))
}

/// Reads a source's description (the server's `feed/info`, a folder's `feed.json`): its
/// library and signer, for a person to decide whether to trust it.
pub fn peek(source: &str, limits: &FetchLimits) -> Result<FeedInfo> {
    // Whatever went wrong is about the source the person typed: said beside that field (and
    // never taken for a fault of the program that a server would hide).
    read_info(source, limits).map_err(|err| Error {
        code: ErrorCode::InvalidInput,
        field: Some("source".to_owned()),
        ..err
    })
}

fn read_info(source: &str, limits: &FetchLimits) -> Result<FeedInfo> {
    let (kind, source) = parse_source(source)?;
    match kind {
        SourceKind::Server => {
            let url = format!("{source}/api/feed/info");
            let mut response = agent(limits)
                .get(&url)
                .call()
                .map_err(|e| unreachable(&source, e, limits))?;
            if !response.status().is_success() {
                return Err(status_problem(&source, response.status()));
            }
            let bytes = response
                .body_mut()
                .with_config()
                .limit(MAX_INFO_BYTES)
                .read_to_vec()
                .map_err(|e| unreachable(&source, e, limits))?;
            FeedInfo::parse(&bytes, &source)
        }
        SourceKind::Folder => read_folder_info(Path::new(&source)),
    }
}

fn read_folder_info(dir: &Path) -> Result<FeedInfo> {
    let path = dir.join(INFO_FILE);
    let mut bytes = Vec::new();
    std::fs::File::open(&path)
        .and_then(|f| f.take(MAX_INFO_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| {
            Error::new(
                ErrorCode::Io,
                format!(
                    "{}: inget flöde här ({e}); skriv det med `exempelbank bundle publish`",
                    dir.display()
                ),
            )
        })?;
    FeedInfo::parse(&bytes, &path.display().to_string())
}

/// Downloads the next delta of a subscription into a private file in `scratch`, reading no
/// library. Nothing is kept of a download that fails, is cut short or is too large.
pub fn fetch(target: &PullTarget, scratch: &Path, limits: &FetchLimits) -> Result<Fetched> {
    match target.kind {
        SourceKind::Server => fetch_server(target, scratch, limits),
        SourceKind::Folder => fetch_folder(target, scratch, limits),
    }
}

fn fetch_server(target: &PullTarget, scratch: &Path, limits: &FetchLimits) -> Result<Fetched> {
    let source = &target.source;
    let url = format!("{source}/api/feed?since={}", target.cursor);
    let mut request = agent(limits).get(&url);
    if !target.etag.is_empty() {
        request = request.header("If-None-Match", &target.etag);
    }
    let mut response = request.call().map_err(|e| unreachable(source, e, limits))?;
    if response.status() == ureq::http::StatusCode::NOT_MODIFIED {
        return Ok(Fetched::Unchanged);
    }
    if !response.status().is_success() {
        return Err(status_problem(source, response.status()));
    }
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let etag = header("ETag")
        .filter(|t| t.len() <= 200)
        .unwrap_or_default();
    let latest = header("X-Exempelbank-Latest")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let declared: Option<u64> = header("Content-Length").and_then(|v| v.parse().ok());
    if declared.is_some_and(|n| n > limits.max_bytes) {
        return Err(too_large(source, limits));
    }
    let mut file = scratch_file(scratch)?;
    let copied = std::io::copy(
        &mut response
            .body_mut()
            .with_config()
            .limit(limits.max_bytes + 1)
            .reader(),
        file.as_file_mut(),
    )
    .map_err(|e| match e.kind() {
        std::io::ErrorKind::TimedOut => {
            unreachable(source, ureq::Error::Timeout(ureq::Timeout::PerRead), limits)
        }
        std::io::ErrorKind::UnexpectedEof => unreachable(source, ureq::Error::Io(e), limits),
        _ => Error::new(
            ErrorCode::Io,
            format!("{source}: hämtningen avbröts ({e}); inget hämtades"),
        ),
    })?;
    if copied > limits.max_bytes {
        return Err(too_large(source, limits));
    }
    if declared.is_some_and(|n| n != copied) {
        return Err(Error::new(
            ErrorCode::Io,
            format!(
                "{source}: hämtningen avbröts efter {copied} av {} byte; inget hämtades",
                declared.unwrap_or_default()
            ),
        ));
    }
    Ok(Fetched::Delta { file, etag, latest })
}

fn too_large(source: &str, limits: &FetchLimits) -> Error {
    Error::invalid(format!(
        "{source}: flödet är större än {} MB; inget hämtades",
        limits.max_bytes / (1024 * 1024)
    ))
}

fn scratch_file(scratch: &Path) -> Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(".inkommande-flode-")
        .tempfile_in(scratch)
        .map_err(|e| Error::io(scratch, e))
}

fn fetch_folder(target: &PullTarget, scratch: &Path, limits: &FetchLimits) -> Result<Fetched> {
    let dir = PathBuf::from(&target.source);
    let info = read_folder_info(&dir)?;
    if info.cursor == target.cursor {
        return Ok(Fetched::Unchanged);
    }
    // The delta after our cursor, named from our own number, never from what the folder says.
    let path = dir.join(delta_file_name(target.cursor));
    let source = std::fs::File::open(&path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::new(
            ErrorCode::Io,
            format!(
                "{}: mappen saknar ändringarna efter position {} ({}); den kan ha rensats. Ta \
                 bort prenumerationen (behåll exemplen) och följ källan igen; inget hämtades",
                dir.display(),
                target.cursor,
                delta_file_name(target.cursor)
            ),
        ),
        _ => Error::io(&path, e),
    })?;
    let mut file = scratch_file(scratch)?;
    let copied = std::io::copy(&mut source.take(limits.max_bytes + 1), file.as_file_mut())
        .map_err(|e| Error::io(&path, e))?;
    if copied > limits.max_bytes {
        return Err(too_large(&path.display().to_string(), limits));
    }
    Ok(Fetched::Delta {
        file,
        etag: String::new(),
        latest: info.cursor,
    })
}

/// Pulls a subscription until it has everything its source has, holding the library only
/// to read where it stands and to merge each delta: a search goes on while the network is
/// slow. An unreachable source or a refused delta is recorded on the subscription and told
/// in [`PullReport::problem`]; what earlier deltas of the same pull brought stays.
pub fn pull(library: &Mutex<Library>, name: &str, limits: &FetchLimits) -> Result<PullReport> {
    // One pull at a time in a process (the app's background pull and a click on "Hämta nu"
    // would otherwise race for the same cursor; the second now waits and finds little new).
    let _one_at_a_time = PULLING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let lock = || -> Result<std::sync::MutexGuard<'_, Library>> { Ok(lock(library)) };
    let (mut target, scratch) = {
        let library = lock()?;
        (library.pull_target(name)?, library.dir.clone())
    };
    let mut report = PullReport {
        name: target.name.clone(),
        ..PullReport::default()
    };
    for _ in 0..MAX_STEPS {
        let fetched = match fetch(&target, &scratch, limits) {
            Ok(fetched) => fetched,
            Err(err) => {
                lock()?.record_pull_problem(&target.name, &err.message)?;
                report.problem = err.message;
                break;
            }
        };
        report.reached = true;
        let step = lock()?.apply_fetched(&target, fetched);
        match step {
            Ok(step) => {
                report.add(&step);
                if !step.more {
                    break;
                }
                target = lock()?.pull_target(name)?;
            }
            Err(err) => {
                lock()?.record_pull_problem(&target.name, &err.message)?;
                report.problem = err.message;
                break;
            }
        }
    }
    report.message = report.sentence();
    Ok(report)
}

/// The library, for one step of a pull. A panic elsewhere while the lock was held leaves the
/// library sound (its transaction rolled back when dropped), so a poisoned lock is taken as
/// it is.
fn lock(library: &Mutex<Library>) -> std::sync::MutexGuard<'_, Library> {
    library
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Pulls the subscription `name`, or every one in turn, as [`pull`] does.
pub fn pull_some(
    library: &Mutex<Library>,
    name: Option<&str>,
    limits: &FetchLimits,
) -> Result<Vec<PullReport>> {
    let names: Vec<String> = match name {
        Some(name) => vec![name.to_owned()],
        None => lock(library)
            .subscriptions()?
            .into_iter()
            .map(|s| s.name)
            .collect(),
    };
    names
        .iter()
        .map(|name| pull(library, name, limits))
        .collect()
}

/// What applying one fetched delta did.
#[derive(Debug, Default)]
pub struct Applied {
    pub counts: PullCounts,
    pub kept_for_review: u32,
    /// Whether a delta was merged (not so for an unchanged source).
    pub applied: bool,
    /// Whether the source has more after this delta.
    pub more: bool,
}

impl PullReport {
    fn add(&mut self, step: &Applied) {
        self.new += step.counts.new;
        self.updated += step.counts.updated;
        self.withdrawn += step.counts.withdrawn;
        self.kept_for_review += step.kept_for_review;
        self.deltas += u32::from(step.applied);
    }

    fn sentence(&self) -> String {
        if !self.problem.is_empty() && !self.reached {
            return format!("{} kunde inte nås: {}", self.name, self.problem);
        }
        if !self.problem.is_empty() && self.deltas == 0 {
            return format!("Inget hämtades från {}: {}", self.name, self.problem);
        }
        let mut parts = Vec::new();
        let count =
            |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        if self.new > 0 {
            parts.push(count(self.new, "nytt exempel", "nya exempel"));
        }
        if self.updated > 0 {
            parts.push(count(self.updated, "uppdaterat", "uppdaterade"));
        }
        if self.withdrawn > 0 {
            parts.push(count(self.withdrawn, "tillbakadraget", "tillbakadragna"));
        }
        if self.kept_for_review > 0 {
            parts.push(count(
                self.kept_for_review,
                "väntar på granskning",
                "väntar på granskning",
            ));
        }
        let mut sentence = if parts.is_empty() {
            format!("Inget nytt från {}", self.name)
        } else {
            format!("{} från {}", join_swedish(&parts), self.name)
        };
        if !self.problem.is_empty() {
            sentence.push_str(&format!(" (sedan avbröts hämtningen: {})", self.problem));
        }
        sentence
    }
}

/// "a", "a och b", "a, b och c".
fn join_swedish(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} och {last}", rest.join(", ")),
    }
}

/// A subscription's name as given: its source's entries show it, so it is short and plain.
fn check_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(Error::field(
            "name",
            "namnet på en prenumeration är 1–100 tecken utan radbrytningar",
        ));
    }
    Ok(name.to_owned())
}

impl Library {
    /// Where an entry came from, if it was received from another library.
    pub fn origin(&self, id: &str) -> Result<Option<model::subscription::EntryOrigin>> {
        let uid = self.get(id)?.uid;
        self.store.origin(&uid)
    }

    /// The subscriptions, by name.
    pub fn subscriptions(&self) -> Result<Vec<Subscription>> {
        self.store.subscriptions()
    }

    fn subscription(&self, name: &str) -> Result<(Subscription, String)> {
        self.store.subscription(name)?.ok_or_else(|| {
            Error::not_found(format!("biblioteket följer ingen prenumeration \"{name}\""))
        })
    }

    /// Follows a source whose description `info` was read by [`peek`]. `fingerprint` is
    /// what the person confirmed (or gave with `--trust`): it must be the source's signer's.
    /// The name defaults to the signer's.
    pub fn subscribe(
        &mut self,
        source: &str,
        name: Option<&str>,
        info: &FeedInfo,
        fingerprint: &str,
    ) -> Result<Subscription> {
        let (kind, source) = parse_source(source)?;
        let fingerprint = normalise_fingerprint(fingerprint)?;
        if fingerprint != info.signer.public_key.to_ascii_lowercase() {
            return Err(Error::field(
                "fingerprint",
                format!(
                    "fingeravtrycket stämmer inte med källans signerare \"{}\" ({}); \
                     inget sparades",
                    info.signer.name, info.signer.public_key
                ),
            ));
        }
        if info.library_id == self.id()? {
            return Err(Error::field(
                "source",
                "källan är det här biblioteket självt",
            ));
        }
        let name = check_name(name.unwrap_or(&info.signer.name))?;
        self.store
            .add_subscription(&store::subscriptions::NewSubscription {
                name: &name,
                source: &source,
                kind,
                library_id: &info.library_id,
                signer_name: &info.signer.name,
                public_key: &fingerprint,
                at: &now(),
            })?;
        self.after_write();
        Ok(self.subscription(&name)?.0)
    }

    /// Stops following a subscription. Its entries stay unless `remove_entries`, which moves
    /// them to the trash (from where they can be brought back); incoming versions from it
    /// go. One transaction.
    pub fn unsubscribe(&mut self, name: &str, remove_entries: bool) -> Result<Unsubscribed> {
        let (subscription, _) = self.subscription(name)?;
        let uids = self.store.uids_from_source(&subscription.name)?;
        let at = now();
        let comment = format!("prenumerationen {} togs bort", subscription.name);
        let change = store::Change {
            by: &self.user,
            at: &at,
            comment: &comment,
        };
        let entries = if remove_entries {
            self.store.live_by_uids(&uids)?
        } else {
            Vec::new()
        };
        let batch = self.store.batch()?;
        for mut entry in entries {
            entry.updated_at = at.clone();
            batch.set_trashed(&mut entry, true, &change)?;
        }
        batch.remove_subscription(&subscription.name)?;
        batch.commit()?;
        self.after_write();
        let trashed = if remove_entries { uids.len() as u32 } else { 0 };
        Ok(Unsubscribed {
            name: subscription.name,
            trashed,
            kept: uids.len() as u32 - trashed,
        })
    }

    /// Where the next pull of a subscription starts.
    pub fn pull_target(&self, name: &str) -> Result<PullTarget> {
        let (s, etag) = self.subscription(name)?;
        Ok(PullTarget {
            name: s.name,
            kind: s.kind,
            source: s.source,
            library_id: s.library_id,
            public_key: s.fingerprint,
            cursor: s.cursor,
            etag,
        })
    }

    /// Records why a pull did not reach its source or was refused.
    pub fn record_pull_problem(&mut self, name: &str, problem: &str) -> Result<()> {
        self.store.record_pull_problem(name, &now(), problem)
    }

    /// Checks a fetched delta against the subscription and merges it: the signer must be the
    /// trusted key, the library the one subscribed to, and the delta must start exactly at
    /// the subscription's cursor. Then entries merge as from a bundle, withdrawals archive
    /// untouched copies, and the cursor moves, in one transaction (which fails if another
    /// process moved the cursor meanwhile).
    pub fn apply_fetched(&mut self, target: &PullTarget, fetched: Fetched) -> Result<Applied> {
        let (file, etag, latest) = match fetched {
            Fetched::Unchanged => {
                let batch = self.store.batch()?;
                batch.record_pull(
                    &target.name,
                    &store::subscriptions::PullOutcome {
                        from: target.cursor,
                        cursor: target.cursor,
                        etag: &target.etag,
                        at: &now(),
                        counts: None,
                    },
                )?;
                batch.commit()?;
                return Ok(Applied::default());
            }
            Fetched::Delta { file, etag, latest } => (file, etag, latest),
        };
        let place = &target.source;
        let decide_trust = |manifest: &Manifest| -> Result<()> {
            let refuse =
                |why: String| Err(Error::invalid(format!("{place}: {why}; inget hämtades")));
            if manifest.signer.public_key.to_ascii_lowercase() != target.public_key {
                return refuse(format!(
                    "flödet är signerat med en annan nyckel ({}…) än den betrodda ({}…)",
                    &manifest.signer.public_key[..16.min(manifest.signer.public_key.len())],
                    &target.public_key[..16]
                ));
            }
            if manifest.library_id != target.library_id {
                return refuse("flödet kommer från ett annat bibliotek än det du följer".into());
            }
            let Some(part) = &manifest.feed else {
                return refuse("filen är ett paket, inget flöde".into());
            };
            if part.since != target.cursor {
                // A delta from the start to a subscriber that has more carries no
                // withdrawals: taking it would keep what the source withdrew meanwhile (and an
                // old one could be replayed). It comes from a source restored from an older
                // copy, or a folder whose delta for this cursor is gone.
                return refuse(format!(
                    "flödet börjar vid {} men prenumerationen står vid {}; källan kan ha \
                     återställts från en säkerhetskopia. Ta bort prenumerationen (behåll \
                     exemplen) och följ källan igen",
                    part.since, target.cursor
                ));
            }
            Ok(())
        };
        let contents = read_bundle(
            file.path(),
            &Progress::none(),
            "Kontrollerar flödet",
            decide_trust,
            |_, _| Ok(()),
        )
        .map_err(|e| Error {
            message: e.message.replace(&file.path().display().to_string(), place),
            ..e
        })?;
        let part: FeedPart = contents.manifest.feed.clone().unwrap_or_default();
        let signer = contents.manifest.signer.clone();
        let carried: std::collections::HashSet<&str> =
            contents.attachments.iter().map(String::as_str).collect();
        let mut plan = self.plan_merge(&contents.taxonomy, contents.entries, &carried, &signer)?;
        if plan.is_rejected() {
            let problem = plan.into_problem().expect("a rejected plan has a problem");
            return Err(Error {
                message: format!("{place}: {}; inget hämtades", problem.message),
                ..problem
            });
        }
        self.plan_withdrawals(&mut plan, &part.withdrawn, &signer.public_key)?;
        plan.sender = Some(signer);
        plan.source_name = Some(target.name.clone());
        let etag = if part.cursor >= latest {
            etag
        } else {
            String::new()
        };
        plan.pull = Some(crate::plan::PullPosition {
            name: target.name.clone(),
            from: target.cursor,
            cursor: part.cursor,
            etag,
        });
        if !contents.attachments.is_empty() {
            // Attachments first, content-addressed, each hash checked again as it is written.
            let dir = self.dir.clone();
            read_bundle(
                file.path(),
                &Progress::none(),
                "Packar upp bilagorna",
                |_| Ok(()),
                |hash, bytes| store::files::store_file(&dir, hash, bytes).map(|_| ()),
            )?;
        }
        let comment = format!("från prenumerationen {}", target.name);
        let withdrawn = plan.withdrawn;
        let report = self.apply(plan, false, None, &comment)?;
        if !contents.attachments.is_empty() {
            self.extract_missing_texts()?;
        }
        Ok(Applied {
            counts: crate::plan::pull_counts(&report.totals, withdrawn),
            kept_for_review: report.totals.keep_for_review,
            applied: true,
            more: part.cursor < latest && part.cursor > target.cursor,
        })
    }

    /// Plans the withdrawals of a delta: an entry that came from this signer and was not
    /// changed here is archived; one changed here is kept as it is, and the report says so.
    fn plan_withdrawals(
        &self,
        plan: &mut crate::plan::Plan,
        withdrawn: &[String],
        signer: &str,
    ) -> Result<()> {
        for (i, uid) in withdrawn.iter().enumerate() {
            let Some((mut entry, false)) = self.store.get(uid)? else {
                continue;
            };
            let Some((origin, local, from)) = self.store.received(uid)? else {
                continue;
            };
            if from != signer || entry.status == model::Status::Arkiverad {
                continue;
            }
            let place = format!("tillbakadragen {}", i + 1);
            if local != entry.revision {
                plan.unchanged(
                    place,
                    &entry,
                    "källan har dragit tillbaka posten, men den har ändrats här: den lokala \
                     versionen behålls"
                        .to_owned(),
                );
                continue;
            }
            let current = entry.revision;
            entry.status = model::Status::Arkiverad;
            plan.write(
                place,
                Step::Update {
                    entry,
                    current,
                    received: Some(origin),
                },
                "källan har dragit tillbaka posten: den arkiveras här".to_owned(),
            );
            plan.withdrawn += 1;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(new: u32, updated: u32, withdrawn: u32, review: u32) -> PullReport {
        PullReport {
            name: "Regionens exempelbank".into(),
            reached: true,
            new,
            updated,
            withdrawn,
            kept_for_review: review,
            deltas: 1,
            ..PullReport::default()
        }
    }

    #[test]
    fn a_pull_is_told_in_one_swedish_sentence() {
        assert_eq!(
            report(12, 0, 0, 0).sentence(),
            "12 nya exempel från Regionens exempelbank"
        );
        assert_eq!(
            report(1, 2, 1, 1).sentence(),
            "1 nytt exempel, 2 uppdaterade, 1 tillbakadraget och 1 väntar på granskning \
             från Regionens exempelbank"
        );
        assert_eq!(
            report(0, 0, 0, 0).sentence(),
            "Inget nytt från Regionens exempelbank"
        );
        let unreachable = PullReport {
            reached: false,
            deltas: 0,
            problem: "http://x: det gick inte att ansluta; inget hämtades".into(),
            ..report(0, 0, 0, 0)
        };
        assert!(
            unreachable
                .sentence()
                .starts_with("Regionens exempelbank kunde inte nås")
        );
        let refused = PullReport {
            deltas: 0,
            problem: "flödet är signerat med en annan nyckel".into(),
            ..report(0, 0, 0, 0)
        };
        assert!(
            refused
                .sentence()
                .starts_with("Inget hämtades från Regionens exempelbank")
        );
    }

    #[test]
    fn a_source_is_an_address_without_credentials_or_an_existing_folder() {
        let (kind, source) = parse_source("https://exempel.region.example/bank/").unwrap();
        assert_eq!(
            (kind, source.as_str()),
            (SourceKind::Server, "https://exempel.region.example/bank")
        );
        for bad in [
            "https://anna:hemligt@exempel.example",
            "ftp://exempel.example",
            "https://exempel.example/?since=3",
            "",
            "/finns/inte/har",
        ] {
            let err = parse_source(bad).unwrap_err();
            assert_eq!(
                err.field.as_deref(),
                Some("source"),
                "{bad}: {}",
                err.message
            );
        }
        let dir = tempfile::tempdir().unwrap();
        let (kind, _) = parse_source(&dir.path().display().to_string()).unwrap();
        assert_eq!(kind, SourceKind::Folder);
    }

    #[test]
    fn an_unreachable_source_is_told_beside_the_address_not_hidden_as_a_fault() {
        // Regression: under `serve --write` an `io` error became "ett fel i servern".
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        drop(listener);
        let err = peek(&format!("http://{addr}"), &FetchLimits::default()).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidInput);
        assert_eq!(err.field.as_deref(), Some("source"));
        assert!(err.message.contains("inget hämtades"), "{}", err.message);
    }
}
