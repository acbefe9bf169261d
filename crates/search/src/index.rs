//! The tantivy index: its schema, its Swedish analyzers, and the watermark scheme that keeps
//! it in step with SQLite.
//!
//! The index is derived: deleting `index/` is always safe. Its commit payload holds the
//! schema and analyzer versions and the watermark, the last SQLite change it has applied.
//! At open, an index that is missing, unreadable or built by other versions is rebuilt into
//! a fresh directory that is swapped in; one that is behind is caught up. The writer's lock
//! is taken for one batch and released, so several processes can share a library: a process
//! that finds the lock taken leaves the catch-up to the holder or to the next start.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer,
    Stemmer, StopWordFilter, TextAnalyzer,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use model::Entry;
use model::error::{Error, Result};
use store::Store;

/// Bumped whenever the fields change; an index built with another value is rebuilt.
pub const SCHEMA_VERSION: u32 = 8;
/// Bumped whenever an analyzer changes; an index built with another value is rebuilt.
pub const ANALYZER_VERSION: u32 = 3;

/// Analyzer names, registered each time an index is opened (tantivy stores only the name).
pub(crate) const SV_STEM: &str = "sv_stem";

/// The shortest part of a compound that is looked for, in characters.
pub(crate) const PART_CHARS: usize = 4;

/// The languages other than Swedish that an entry may be written in, each with its stemmer
/// and the analyzer name of its fields. An entry's title and text go to its own language's
/// fields only; a query is matched against all of them.
pub(crate) const OTHER_LANGUAGES: [(model::Language, Language, &str); 4] = [
    (model::Language::En, Language::English, "en_stem"),
    (model::Language::Da, Language::Danish, "da_stem"),
    (model::Language::No, Language::Norwegian, "no_stem"),
    (model::Language::Fi, Language::Finnish, "fi_stem"),
];

/// What the index remembers in its commit payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Payload {
    schema: u32,
    analyzer: u32,
    watermark: u64,
}

/// The place of `language` in [`OTHER_LANGUAGES`] (and in the fields kept per language), or
/// `None` for Swedish.
pub(crate) fn other_language(language: model::Language) -> Option<usize> {
    OTHER_LANGUAGES
        .iter()
        .position(|(lang, _, _)| *lang == language)
}

/// The fields of the index.
#[derive(Clone, Copy)]
pub(crate) struct Fields {
    pub uid: Field,
    pub status: Field,
    /// The text fields of a Swedish entry: stemmed as written, not folded (`får` and `far`
    /// are two terms), with positions for phrases. A query folds them as it reads them
    /// ([`crate::fold`]).
    pub title: Field,
    pub summary: Field,
    pub body: Field,
    pub names: Field,
    /// The text extracted from the entry's PDF attachments.
    pub attachments: Field,
    pub focus_area: Field,
    pub lan: Field,
    pub municipality: Field,
    pub kind: Field,
    pub stage: Field,
    pub year: Field,
    pub updated: Field,
    /// Where the entry came from (a subscription's or a bundle signer's name), for the
    /// source filter.
    pub source: Field,
    /// Counties and municipalities where it has been taken up.
    pub spread_lan: Field,
    pub spread_municipality: Field,
    /// How many organisations have taken it up: "mest spridda" and `min_uptakes`.
    pub reach: Field,
    pub language: Field,
    pub country: Field,
    /// Per entry in [`OTHER_LANGUAGES`], in its order: the title, and the summary with the
    /// sections, of entries written in that language, with its stemmer.
    pub other_title: [Field; 4],
    pub other_text: [Field; 4],
}

impl Fields {
    /// The Swedish text fields, which a query folds as it reads them.
    pub(crate) fn swedish_text(&self) -> [Field; 5] {
        [
            self.title,
            self.summary,
            self.body,
            self.names,
            self.attachments,
        ]
    }
}

/// The facet fields, named as in JSON and on the command line; each is a multi-valued
/// `STRING | FAST` field of the same name.
pub(crate) const FACETS: [&str; 10] = [
    "focus_area",
    "lan",
    "municipality",
    "kind",
    "stage",
    "year",
    "spread_lan",
    "spread_municipality",
    "language",
    "country",
];

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |analyzer: &str, record: IndexRecordOption| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analyzer)
                .set_index_option(record),
        )
    };
    let facet = STRING | FAST;
    let swedish = text(SV_STEM, IndexRecordOption::WithFreqsAndPositions);
    let fields = Fields {
        uid: b.add_text_field("uid", STRING | STORED),
        status: b.add_text_field("status", STRING),
        title: b.add_text_field("title", swedish.clone()),
        summary: b.add_text_field("summary", swedish.clone()),
        body: b.add_text_field("body", swedish.clone()),
        names: b.add_text_field("names", swedish.clone()),
        attachments: b.add_text_field("attachments", swedish),
        focus_area: b.add_text_field("focus_area", facet.clone()),
        lan: b.add_text_field("lan", facet.clone()),
        municipality: b.add_text_field("municipality", facet.clone()),
        kind: b.add_text_field("kind", facet.clone()),
        stage: b.add_text_field("stage", facet.clone()),
        year: b.add_text_field("year", facet.clone()),
        updated: b.add_i64_field("updated", INDEXED | FAST),
        source: b.add_text_field("source", STRING),
        spread_lan: b.add_text_field("spread_lan", facet.clone()),
        spread_municipality: b.add_text_field("spread_municipality", facet.clone()),
        reach: b.add_u64_field("reach", INDEXED | FAST),
        language: b.add_text_field("language", facet.clone()),
        country: b.add_text_field("country", facet.clone()),
        other_title: OTHER_LANGUAGES.map(|(lang, _, analyzer)| {
            b.add_text_field(
                &format!("title_{}", lang.slug()),
                text(analyzer, IndexRecordOption::WithFreqsAndPositions),
            )
        }),
        other_text: OTHER_LANGUAGES.map(|(lang, _, analyzer)| {
            b.add_text_field(
                &format!("text_{}", lang.slug()),
                text(analyzer, IndexRecordOption::WithFreqsAndPositions),
            )
        }),
    };
    (b.build(), fields)
}

/// The Swedish analysis of a query word and of the text a snippet is cut from: words, lower
/// case, the Swedish stemmer, then folding (after stemming: the Swedish suffix rules contain
/// å, ä and ö). Each distinct word is analysed once per analyzer ([`crate::memo`]).
pub(crate) fn stem_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(crate::memo::Memoized::new(swedish_chain(
        RawTokenizer::default(),
        true,
    )))
}

/// The Swedish chain over `tokenizer`, folded or not.
pub(crate) fn swedish_chain<T: tantivy::tokenizer::Tokenizer>(
    tokenizer: T,
    folded: bool,
) -> TextAnalyzer {
    let chain = TextAnalyzer::builder(tokenizer)
        .filter(RemoveLongFilter::limit(crate::memo::MAX_WORD_BYTES))
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::Swedish));
    if folded {
        chain.filter(AsciiFoldingFilter).build()
    } else {
        chain.build()
    }
}

/// The analyzer of one of [`OTHER_LANGUAGES`]: its stemmer, then folding.
pub(crate) fn other_analyzer(language: Language) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(Stemmer::new(language))
        .filter(AsciiFoldingFilter)
        .build()
}

/// Words in lower case and folded, unstemmed.
pub(crate) fn fold_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Drops Swedish stop words; used to tell which query words may be left unmatched.
pub(crate) fn stop_word_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(
            StopWordFilter::new(Language::Swedish).expect("Swedish stop words ship with tantivy"),
        )
        .build()
}

fn register_analyzers(index: &Index) {
    let tokenizers = index.tokenizers();
    tokenizers.register(SV_STEM, unfolded_stem_analyzer());
    for (_, language, name) in OTHER_LANGUAGES {
        tokenizers.register(name, other_analyzer(language));
    }
}

/// The changes past which the index is caught up with a writer of two threads and a large
/// arena (measured with `make bench-feed`: 1 000 changed entries indexed in 1.1 s by the
/// small writer).
const LARGE_BATCH: u64 = 256;

/// How long a process keeps the index writer between commits. While it does, a commit costs
/// no new writer and the writer's merges run in the background, but no other process can
/// write the index: their changes are applied by this one at its next search or write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KeepWriter {
    /// A writer for each batch, dropped once the merges its commit started are done (a
    /// command-line run).
    #[default]
    Never,
    /// Until the process ends (a server).
    Always,
    /// While writes come, and let go (its merges done) after this long without one: the
    /// desktop, where a curator saves again and again, and a command run beside it may write.
    WhileWriting(Duration),
}

impl KeepWriter {
    /// The desktop's: the writer goes two seconds after the last save.
    pub const DESKTOP: KeepWriter = KeepWriter::WhileWriting(Duration::from_secs(2));
}

/// The search index of one library.
pub struct SearchIndex {
    dir: PathBuf,
    index: Index,
    reader: IndexReader,
    pub(crate) fields: Fields,
    /// The watermark of the commit the reader last loaded.
    seen: std::sync::atomic::AtomicU64,
    /// Held by the thread of this process that applies changes (a search that finds it held
    /// does not wait, see [`SearchIndex::catch_up_unless_busy`]), with the writer a
    /// long-running process keeps ([`SearchIndex::keep_writer`]).
    applying: Mutex<Option<IndexWriter>>,
    /// How long to keep the writer between commits.
    keep: Mutex<KeepWriter>,
    /// When changes were last applied, for [`KeepWriter::WhileWriting`].
    last_write: Mutex<Instant>,
    /// Whether the thread that lets an idle writer go runs.
    releasing: std::sync::atomic::AtomicBool,
    /// The facet values of the loaded segments.
    pub(crate) facets: crate::facets::FacetCache,
    /// The words of the loaded segments, for compounds.
    pub(crate) vocabulary: crate::compounds::VocabularyCache,
}

impl SearchIndex {
    /// Opens the index in `dir` (the library's `index/`), rebuilding it from `store` when it
    /// is missing, unreadable or of another version, and catching it up when it is behind.
    pub fn open(dir: &Path, store: &Store) -> Result<SearchIndex> {
        let opened = match Self::open_existing(dir) {
            Ok(Some(index)) => Some(index),
            Ok(None) | Err(_) => None,
        };
        let index = match opened {
            Some(index) => index,
            None => {
                rebuild_into(dir, store)?;
                Self::open_existing(dir)?
                    .ok_or_else(|| Error::index("indexet kunde inte öppnas efter återuppbyggnad"))?
            }
        };
        index.catch_up(store)?;
        Ok(index)
    }

    /// Opens `dir` if it holds an index of this build's versions.
    fn open_existing(dir: &Path) -> Result<Option<SearchIndex>> {
        if !dir.join("meta.json").exists() {
            return Ok(None);
        }
        let index = Index::open_in_dir(dir)?;
        let Some(payload) = read_payload(&index)? else {
            return Ok(None);
        };
        if payload.schema != SCHEMA_VERSION || payload.analyzer != ANALYZER_VERSION {
            return Ok(None);
        }
        let (expected, fields) = schema();
        if index.schema() != expected {
            return Ok(None);
        }
        register_analyzers(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Some(SearchIndex {
            dir: dir.to_owned(),
            index,
            reader,
            fields,
            seen: payload.watermark.into(),
            applying: Mutex::new(None),
            keep: Mutex::new(KeepWriter::Never),
            last_write: Mutex::new(Instant::now()),
            releasing: false.into(),
            facets: Default::default(),
            vocabulary: crate::compounds::VocabularyCache::new(&fields.swedish_text()),
        }))
    }

    /// The loaded segments, for one search; what the caches hold of segments that are gone
    /// (merged away, or replaced by a rebuild) is dropped.
    pub(crate) fn searcher(&self) -> tantivy::Searcher {
        let searcher = self.reader.searcher();
        let live: Vec<tantivy::index::SegmentId> = searcher
            .segment_readers()
            .iter()
            .map(|segment| segment.segment_id())
            .collect();
        self.facets.retain(&live);
        self.vocabulary.retain(&live);
        searcher
    }

    /// Reads what a search needs from each loaded segment (its words, for compounds, and its
    /// facet values), so that the first search after opening does not wait for it: at 100 000
    /// entries most of a third of a second. A long-running process calls this on a thread of
    /// its own at start; a search meanwhile waits only for a value being read, which is read
    /// once ([`crate::segment_cache`]).
    pub fn warm(&self) -> Result<()> {
        crate::fold::warm();
        let searcher = self.searcher();
        for segment in searcher.segment_readers() {
            self.vocabulary.get(segment)?;
            for facet in FACETS {
                self.facets.values(segment, facet)?;
            }
        }
        Ok(())
    }

    /// The watermark of the commit the reader has loaded.
    pub fn seen_watermark(&self) -> u64 {
        self.seen.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// The watermark of the newest commit on disk.
    pub fn committed_watermark(&self) -> Result<u64> {
        Ok(read_payload(&self.index)?.map_or(0, |p| p.watermark))
    }

    /// Applies every SQLite change past the index's watermark, then reloads the reader.
    /// If another process holds the writer, only reloads: that process, or the next start,
    /// applies the changes. Waits while another thread of this process applies changes.
    pub fn catch_up(&self, store: &Store) -> Result<()> {
        let applying = self
            .applying
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        self.catch_up_holding(applying, store)
    }

    /// As [`SearchIndex::catch_up`], but a search does not wait while another thread applies
    /// changes: it searches what is loaded, and that thread's reload follows.
    pub fn catch_up_unless_busy(&self, store: &Store) -> Result<()> {
        match self.applying.try_lock() {
            Ok(applying) => self.catch_up_holding(applying, store),
            Err(std::sync::TryLockError::Poisoned(poisoned)) => {
                self.catch_up_holding(poisoned.into_inner(), store)
            }
            Err(std::sync::TryLockError::WouldBlock) => Ok(()),
        }
    }

    /// Keeps the index writer between commits from now on, as `keep` says. With
    /// [`KeepWriter::WhileWriting`], a thread of this process lets the writer go once it has
    /// been idle that long (and ends with the index).
    pub fn keep_writer(self: &Arc<Self>, keep: KeepWriter) {
        *self.keep.lock().unwrap_or_else(PoisonError::into_inner) = keep;
        if let KeepWriter::WhileWriting(_) = keep
            && !self
                .releasing
                .swap(true, std::sync::atomic::Ordering::SeqCst)
        {
            let index = Arc::downgrade(self);
            std::thread::Builder::new()
                .name("index-writer-release".into())
                .spawn(move || release_idle_writer(index))
                .expect("a thread can be started");
        }
    }

    /// How long the writer is kept between commits.
    pub fn keeps_writer(&self) -> KeepWriter {
        *self.keep.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Lets the kept writer go (once its merges are done) if [`KeepWriter`] says it has been
    /// kept long enough since changes were last applied.
    fn release_if_idle(&self) {
        // A thread applying changes is not idle; it is looked at again later.
        let mut applying = match self.applying.try_lock() {
            Ok(applying) => applying,
            Err(std::sync::TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => return,
        };
        let last = *self
            .last_write
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        match self.keeps_writer() {
            KeepWriter::Always => return,
            KeepWriter::WhileWriting(idle) if last.elapsed() < idle => return,
            KeepWriter::WhileWriting(_) | KeepWriter::Never => {}
        }
        Self::let_go(&mut applying)
    }

    /// Lets the kept writer go, once its merges are done. The caller holds `applying`
    /// meanwhile, so that a write waits for the lock to be free rather than find it taken by
    /// this writer. A failed merge leaves the segments as they were.
    fn let_go(applying: &mut Option<IndexWriter>) {
        if let Some(writer) = applying.take() {
            let _ = writer.wait_merging_threads();
        }
    }

    /// How often the releasing thread looks whether the writer has been idle long enough.
    fn release_check_interval(&self) -> Duration {
        match self.keeps_writer() {
            KeepWriter::WhileWriting(idle) => (idle / 4).max(Duration::from_millis(50)),
            KeepWriter::Never | KeepWriter::Always => Duration::from_millis(500),
        }
    }

    /// Runs `f` with no writer of this process on the index, and none made meanwhile: a
    /// rebuild swaps the index directory, and a writer kept across it would write its merges
    /// and commits into the new one.
    pub fn without_writer<R>(&self, f: impl FnOnce() -> R) -> R {
        let mut applying = self.applying.lock().unwrap_or_else(PoisonError::into_inner);
        Self::let_go(&mut applying);
        f()
    }

    fn catch_up_holding(
        &self,
        mut applying: std::sync::MutexGuard<'_, Option<IndexWriter>>,
        store: &Store,
    ) -> Result<()> {
        let watermark = self.committed_watermark()?;
        let last = store.last_change()?;
        let keep = self.keeps_writer() != KeepWriter::Never;
        if last > watermark {
            // A few hundred changes (a pull, an import) get the bigger writer below: both
            // cores and one segment each, instead of one core flushing a small arena.
            let large = last - watermark > LARGE_BATCH;
            if let Some(writer) = applying.as_mut().filter(|_| !large) {
                if let Err(err) = self.apply_changes(writer, store, watermark) {
                    // What it added before the failure goes with it, uncommitted.
                    *applying = None;
                    return Err(err);
                }
            } else {
                if let Some(kept) = applying.take() {
                    kept.wait_merging_threads()?;
                }
                // A large backlog (an import, a first catch-up) gets the bigger writer.
                let writer = if large {
                    self.index.writer_with_num_threads(2, 200_000_000)
                } else {
                    self.index.writer_with_num_threads(1, 15_000_000)
                };
                match writer {
                    Ok(mut writer) => {
                        writer.set_merge_policy(Box::new(merge_policy()));
                        self.apply_changes(&mut writer, store, watermark)?;
                        if keep && !large {
                            *applying = Some(writer);
                        } else {
                            // The merges the commit started finish before the writer goes.
                            // (Dropped at once, a writer left every commit's segment
                            // unmerged: after 60 edits of a 10 000-entry library there were
                            // 62 segments and an edit took 1–2.5 s.)
                            writer.wait_merging_threads()?;
                        }
                    }
                    Err(tantivy::TantivyError::LockFailure(..)) => {}
                    Err(err) => return Err(err.into()),
                }
            }
            // The idle time of a kept writer counts from the end of the commit.
            *self
                .last_write
                .lock()
                .unwrap_or_else(PoisonError::into_inner) = Instant::now();
        }
        drop(applying);
        self.reader.reload()?;
        self.seen.store(
            self.committed_watermark()?,
            std::sync::atomic::Ordering::SeqCst,
        );
        Ok(())
    }

    fn apply_changes(&self, writer: &mut IndexWriter, store: &Store, watermark: u64) -> Result<()> {
        let (uids, last) = store.changes_since(watermark)?;
        for uid in &uids {
            writer.delete_term(Term::from_field_text(self.fields.uid, uid));
        }
        for entry in store.live_by_uids(&uids)? {
            writer.add_document(document(&self.fields, &entry, store)?)?;
        }
        commit(writer, last)?;
        Ok(())
    }

    /// The directory of the index.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The number of documents the reader sees.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The uids of every document in the index, for consistency checks.
    pub fn all_uids(&self) -> Result<Vec<String>> {
        let searcher = self.reader.searcher();
        let mut uids = Vec::new();
        for segment in searcher.segment_readers() {
            let store = segment.get_store_reader(1).map_err(Error::index)?;
            for doc in segment.doc_ids_alive() {
                let doc: TantivyDocument = store.get(doc)?;
                if let Some(uid) = doc
                    .get_first(self.fields.uid)
                    .and_then(|v| tantivy::schema::Value::as_str(&v))
                {
                    uids.push(uid.to_owned());
                }
            }
        }
        uids.sort();
        Ok(uids)
    }
}

fn read_payload(index: &Index) -> Result<Option<Payload>> {
    let metas = index.load_metas()?;
    Ok(metas
        .payload
        .as_deref()
        .and_then(|p| serde_json::from_str(p).ok()))
}

/// Lets the writer of `index` go whenever it has been idle as long as the index's
/// [`KeepWriter`] says, until the index is dropped.
fn release_idle_writer(index: Weak<SearchIndex>) {
    let mut every = Duration::from_millis(50);
    loop {
        std::thread::sleep(every);
        let Some(index) = index.upgrade() else {
            return;
        };
        index.release_if_idle();
        every = index.release_check_interval();
    }
}

/// Small segments merge among themselves, and a large one is left alone until segments of
/// its size are many. (With tantivy's default, every segment under 10 000 documents is of one
/// layer, so every eighth edit of a 10 000-entry library merged the whole index again: 1–2 s.)
fn merge_policy() -> tantivy::merge_policy::LogMergePolicy {
    let mut policy = tantivy::merge_policy::LogMergePolicy::default();
    policy.set_min_layer_size(64);
    policy
}

fn commit(writer: &mut IndexWriter, watermark: u64) -> Result<()> {
    let payload = Payload {
        schema: SCHEMA_VERSION,
        analyzer: ANALYZER_VERSION,
        watermark,
    };
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&serde_json::to_string(&payload).expect("payload serialises"));
    prepared.commit()?;
    Ok(())
}

/// Builds a complete index from SQLite in a fresh directory beside `dir`, then swaps it in.
/// A file lock keeps two processes from rebuilding at once.
pub fn rebuild_into(dir: &Path, store: &Store) -> Result<()> {
    let parent = dir.parent().unwrap_or(Path::new("."));
    let lock_path = parent.join("index.lock");
    let lock = File::create(&lock_path).map_err(|e| Error::io(&lock_path, e))?;
    lock.lock().map_err(|e| Error::io(&lock_path, e))?;

    let fresh = parent.join(format!("index.new-{}", std::process::id()));
    if fresh.exists() {
        std::fs::remove_dir_all(&fresh).map_err(|e| Error::io(&fresh, e))?;
    }
    std::fs::create_dir_all(&fresh).map_err(|e| Error::io(&fresh, e))?;
    let (schema, fields) = schema();
    // The doc store holds only each document's uid, read for the page of hits: uncompressed
    // and in small blocks, a hit's uid costs a copy of 4 KB instead of decompressing 16 KB
    // (the page's uids at 100 000 entries: 54–58 µs at the median against 80–92 µs; the
    // store grows from 2.0 to 2.35 MB a segment).
    let settings = tantivy::IndexSettings {
        docstore_compression: tantivy::store::Compressor::None,
        docstore_blocksize: 4096,
        ..Default::default()
    };
    let index = Index::builder()
        .schema(schema)
        .settings(settings)
        .create_in_dir(&fresh)?;
    register_analyzers(&index);
    // A large arena and no merging while building: a few big segments, written once.
    // (Merging them afterwards cost more than it saved searches; later writes merge as usual.)
    let mut writer: IndexWriter = index.writer_with_num_threads(2, 1_000_000_000)?;
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    // Read the watermark first: a change made during the scan is replayed later, which is
    // harmless, while one missed would not be.
    let watermark = store.last_change()?;
    store.for_each_live_as_stored(|entry| {
        writer.add_document(document(&fields, &entry, store)?)?;
        Ok(())
    })?;
    commit(&mut writer, watermark)?;
    writer.wait_merging_threads()?;

    let old = parent.join(format!("index.old-{}", std::process::id()));
    if dir.exists() {
        std::fs::rename(dir, &old).map_err(|e| Error::io(dir, e))?;
    }
    std::fs::rename(&fresh, dir).map_err(|e| Error::io(dir, e))?;
    if old.exists() {
        let _ = std::fs::remove_dir_all(&old);
    }
    drop(lock);
    Ok(())
}

/// The years an entry covers, for the `year` facet (at most 50).
pub(crate) fn years(entry: &Entry) -> Vec<i32> {
    match entry.period {
        Some(p) => match (p.start, p.end) {
            (Some(s), Some(e)) => (s..=e.min(s + 49)).collect(),
            (Some(y), None) | (None, Some(y)) => vec![y],
            (None, None) => Vec::new(),
        },
        None => Vec::new(),
    }
}

/// Each non-empty value once, sorted. A facet value written twice for one entry would count
/// twice when facets are counted match by match (two places may share a municipality).
fn distinct<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut out: Vec<&str> = values.into_iter().filter(|v| !v.is_empty()).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The counties of an entry's places, each once.
pub(crate) fn lans(entry: &Entry) -> Vec<&str> {
    distinct(entry.places.iter().map(|p| p.lan_code.as_str()))
}

/// The municipalities of an entry's places, each once.
pub(crate) fn municipalities(entry: &Entry) -> Vec<&str> {
    distinct(entry.places.iter().map(|p| p.municipality_code.as_str()))
}

/// The countries of an entry's places, each once: `SE` for a Swedish municipality or county.
pub(crate) fn countries(entry: &Entry) -> Vec<&str> {
    let mut out: Vec<&str> = entry
        .places
        .iter()
        .map(|p| {
            if p.country_code.is_empty() {
                "SE"
            } else {
                p.country_code.as_str()
            }
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The document for one entry, with the extracted text of its attachments from `store`.
fn document(f: &Fields, entry: &Entry, store: &Store) -> Result<TantivyDocument> {
    let mut doc = TantivyDocument::default();
    for attachment in &entry.attachments {
        if let Some((text, _)) = store.attachment_text(&attachment.sha256)?
            && !text.is_empty()
        {
            doc.add_text(f.attachments, &text);
        }
    }
    doc.add_text(f.uid, &entry.uid);
    doc.add_text(f.status, entry.status.slug());
    let body: Vec<&str> = entry.sections.iter().map(|(_, text)| text).collect();
    let body = body.join("\n\n");
    match other_language(entry.language) {
        None => {
            doc.add_text(f.title, &entry.title);
            doc.add_text(f.summary, &entry.summary);
            doc.add_text(f.body, &body);
        }
        Some(i) => {
            doc.add_text(f.other_title[i], &entry.title);
            doc.add_text(f.other_text[i], &entry.summary);
            doc.add_text(f.other_text[i], &body);
        }
    }
    doc.add_text(f.language, entry.language.slug());
    for country in countries(entry) {
        doc.add_text(f.country, country);
    }
    let names = names_text(entry);
    doc.add_text(f.names, &names);
    for slug in &entry.focus_areas {
        doc.add_text(f.focus_area, slug);
    }
    for lan in lans(entry) {
        doc.add_text(f.lan, lan);
    }
    for code in municipalities(entry) {
        doc.add_text(f.municipality, code);
    }
    doc.add_text(f.kind, entry.kind.slug());
    if let Some(stage) = entry.stage {
        doc.add_text(f.stage, stage.slug());
    }
    for year in years(entry) {
        doc.add_text(f.year, year.to_string());
    }
    let updated = time::OffsetDateTime::parse(
        &entry.updated_at,
        &time::format_description::well_known::Rfc3339,
    )
    .map(|t| t.unix_timestamp())
    .unwrap_or(0);
    doc.add_i64(f.updated, updated);
    for lan in distinct(entry.uptakes.iter().filter_map(|u| u.lan_code())) {
        doc.add_text(f.spread_lan, lan);
    }
    let spread_municipalities = entry
        .uptakes
        .iter()
        .filter(|u| u.code.len() == 4)
        .map(|u| u.code.as_str());
    for code in distinct(spread_municipalities) {
        doc.add_text(f.spread_municipality, code);
    }
    doc.add_u64(
        f.reach,
        u64::from(model::spread::reach(&entry.uptakes).organisations()),
    );
    let source = store.source_of(&entry.uid)?;
    if !source.is_empty() {
        doc.add_text(f.source, &source);
    }
    Ok(doc)
}

/// The analyzer of the Swedish text fields: the Swedish chain without folding, so that a word
/// with å, ä or ö is told from its folded twin.
pub(crate) fn unfolded_stem_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(crate::memo::Memoized::new(swedish_chain(
        RawTokenizer::default(),
        false,
    )))
}

/// Organisations, places and tags as one text.
pub(crate) fn names_text(entry: &Entry) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for org in &entry.organisations {
        parts.push(&org.name);
    }
    for place in &entry.places {
        parts.push(&place.municipality);
        parts.push(&place.lan);
    }
    for tag in &entry.tags {
        parts.push(tag);
    }
    parts.retain(|p| !p.is_empty());
    parts.join("\n")
}

#[cfg(test)]
mod tests {
    use super::FACETS;

    #[test]
    fn warming_reads_each_segment_s_words_and_facets_before_any_search() {
        let dir = tempfile::tempdir().unwrap();
        let (_store, index) = crate::test_library(dir.path(), crate::starter_entries());
        let searcher = index.reader.searcher();
        let segments = searcher.segment_readers();
        assert!(!segments.is_empty());
        let held = |segment| {
            index.vocabulary.read_already(segment).is_some()
                && FACETS
                    .iter()
                    .all(|facet| index.facets.read_already(segment, facet).is_some())
        };
        assert!(!segments.iter().any(held), "nothing is read before");
        index.warm().unwrap();
        assert!(segments.iter().all(held));
    }
}
