//! Exempelbanken's desktop shell: a window on the user's library. No logic lives here.
//!
//! The window reaches the library through nine Tauri commands (`command_names.rs`, which
//! `build.rs` declares and the capability allows): `call`, which runs any command of the
//! table in `library::commands`, and what only a desktop has: the system's save and open
//! dialogs (`choose_save_path`, `choose_open_path`), shown from here, and the tasks that write
//! or read a file the user picked in them, reporting progress over a channel: `export_file`,
//! `bundle_create`, `bundle_import` and `cancel_task`; and the network of subscriptions,
//! which never holds the library while it waits (`subscription_peek`, `subscription_pull`).
//!
//! The webview never names a file on its own: the tasks accept only a path that one of the
//! dialogs returned in this session, once.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// The names of the Tauri commands (shared with `build.rs`).
mod command_names;
/// CPU painting where there is no GPU.
mod painting;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use library::bundle::BundleSummary;
use library::commands::{self, Scope};
use library::export::ExportOptions;
use library::feed::FeedInfo;
use library::plan::WriteReport;
use library::subscriptions::{self, FetchLimits, PullReport};
use library::{Library, default_dir};
use model::error::{Error, ErrorCode};
use model::progress::{Progress, ProgressEvent};
use model::query::SearchRequest;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

/// The open library, or why it could not be opened (shown in the window).
struct AppState {
    library: Result<Mutex<Library>, Error>,
    /// Set by `cancel_task`; the running export or bundle task stops at its next step.
    cancel: Arc<AtomicBool>,
    /// Paths the dialogs returned and no task has used yet.
    chosen: Mutex<HashSet<PathBuf>>,
}

impl AppState {
    fn with<T>(&self, f: impl FnOnce(&mut Library) -> Result<T, Error>) -> Result<T, Error> {
        let library = self.library.as_ref().map_err(Clone::clone)?;
        // A command that panicked while it held the lock poisons it; the library is still
        // sound (an unfinished transaction rolled back as it was dropped), so go on.
        let mut library = library
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&mut library)
    }
}

/// Runs a long task off the async runtime, with progress sent to the window. The task takes
/// the library's lock itself (`AppState::with`) for as long as it needs it, and no longer.
async fn long_task<T: Send + 'static>(
    app: AppHandle,
    progress: Channel<ProgressEvent>,
    f: impl FnOnce(&AppState, &Progress) -> Result<T, Error> + Send + 'static,
) -> Result<T, Error> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let cancel = state.cancel.clone();
        cancel.store(false, Ordering::SeqCst);
        let report = move |event: ProgressEvent| {
            let _ = progress.send(event);
        };
        f(&state, &Progress::new(&report, &cancel))
    })
    .await
    .map_err(|e| Error::new(ErrorCode::Io, format!("uppgiften avbröts: {e}")))?
}

impl AppState {
    /// Takes a path a dialog returned in this session (each may be used once); any other is
    /// refused, so the webview cannot make the app write or read a file of its choosing.
    fn take_chosen(&self, path: &str) -> Result<PathBuf, Error> {
        let path = PathBuf::from(path);
        let mut chosen = self
            .chosen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if chosen.remove(&path) {
            Ok(path)
        } else {
            Err(Error::new(
                ErrorCode::Forbidden,
                "filen valdes inte i programmets dialogruta; välj den där",
            ))
        }
    }

    fn remember(&self, path: PathBuf) -> String {
        let shown = path.display().to_string();
        self.chosen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(path);
        shown
    }
}

/// A file filter of a dialog: its name and extensions (letters and digits only).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FileFilter {
    name: String,
    extensions: Vec<String>,
}

fn checked_filter(filter: &FileFilter) -> Result<Vec<&str>, Error> {
    let fine =
        |x: &String| !x.is_empty() && x.len() <= 8 && x.chars().all(|c| c.is_ascii_alphanumeric());
    if filter.name.chars().count() > 60
        || filter.extensions.len() > 8
        || !filter.extensions.iter().all(fine)
    {
        return Err(Error::new(ErrorCode::InvalidInput, "ogiltigt filfilter"));
    }
    Ok(filter.extensions.iter().map(String::as_str).collect())
}

/// Shows the system's save dialog and returns the path chosen (null when closed), which the
/// next export or bundle may write.
#[tauri::command]
async fn choose_save_path(
    app: AppHandle,
    suggested_name: String,
    filter: FileFilter,
) -> Result<Option<String>, Error> {
    let extensions: Vec<String> = checked_filter(&filter)?
        .into_iter()
        .map(str::to_owned)
        .collect();
    let name = model::text::label(&suggested_name);
    let picked = tauri::async_runtime::spawn_blocking(move || {
        let extensions: Vec<&str> = extensions.iter().map(String::as_str).collect();
        app.dialog()
            .file()
            .set_file_name(name)
            .add_filter(filter.name, &extensions)
            .blocking_save_file()
            .and_then(|p| p.into_path().ok())
            .map(|path| app.state::<AppState>().remember(path))
    })
    .await
    .map_err(|e| Error::new(ErrorCode::Io, format!("dialogrutan avbröts: {e}")))?;
    Ok(picked)
}

/// Shows the system's open dialog and returns the file chosen (null when closed), which the
/// next bundle import may read.
#[tauri::command]
async fn choose_open_path(app: AppHandle, filter: FileFilter) -> Result<Option<String>, Error> {
    let extensions: Vec<String> = checked_filter(&filter)?
        .into_iter()
        .map(str::to_owned)
        .collect();
    let picked = tauri::async_runtime::spawn_blocking(move || {
        let extensions: Vec<&str> = extensions.iter().map(String::as_str).collect();
        app.dialog()
            .file()
            .add_filter(filter.name, &extensions)
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok())
            .filter(|p| p.is_file())
            .map(|path| app.state::<AppState>().remember(path))
    })
    .await
    .map_err(|e| Error::new(ErrorCode::Io, format!("dialogrutan avbröts: {e}")))?;
    Ok(picked)
}

/// Exports entries to the file the user chose.
#[tauri::command]
async fn export_file(
    app: AppHandle,
    ids: Vec<String>,
    options: ExportOptions,
    path: String,
    on_progress: Channel<ProgressEvent>,
) -> Result<u64, Error> {
    let path = app.state::<AppState>().take_chosen(&path)?;
    long_task(app, on_progress, move |state, progress| {
        let job = state.with(|lib| lib.export_job(&ids, &options, Scope::OWNER, progress))?;
        // Rendered without the library's lock: searches go on while a brief is typeset.
        job.write_to(&path, progress)
    })
    .await
}

/// Writes a bundle of the entries a search selects (the whole library with an empty one).
#[tauri::command]
async fn bundle_create(
    app: AppHandle,
    request: SearchRequest,
    path: String,
    on_progress: Channel<ProgressEvent>,
) -> Result<BundleSummary, Error> {
    let path = app.state::<AppState>().take_chosen(&path)?;
    long_task(app, on_progress, move |state, progress| {
        state.with(|lib| {
            let uids = lib.select(&request)?;
            lib.bundle_create_with(&uids, None, &path, progress)
        })
    })
    .await
}

#[tauri::command]
async fn bundle_import(
    app: AppHandle,
    path: String,
    dry_run: bool,
    trust: bool,
    on_progress: Channel<ProgressEvent>,
) -> Result<WriteReport, Error> {
    // A dry run and the import that follows read the same file: the path stays chosen until
    // the import itself.
    let state = app.state::<AppState>();
    let path = state.take_chosen(&path)?;
    if dry_run {
        state.remember(path.clone());
    }
    long_task(app, on_progress, move |state, progress| {
        state.with(|lib| lib.bundle_import_with(&path, dry_run, trust, progress))
    })
    .await
}

/// Cancels the running export or bundle task.
#[tauri::command]
async fn cancel_task(state: State<'_, AppState>) -> Result<(), Error> {
    state.cancel.store(true, Ordering::SeqCst);
    Ok(())
}

/// Every command of the table (`library::commands`), by name, with its arguments as JSON.
/// The window is the library's owner: it may call every command. The call runs on a blocking
/// thread: while a long task holds the library, a waiting call must not hold one of the async
/// runtime's few workers, which deliver the task's progress to the window.
#[tauri::command]
async fn call(
    app: AppHandle,
    name: String,
    args: serde_json::Value,
) -> Result<serde_json::Value, Error> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        state.with(|lib| commands::dispatch(lib, Scope::OWNER, &name, &args.to_string()))
    })
    .await
    .map_err(|e| Error::new(ErrorCode::Io, format!("anropet avbröts: {e}")))?
}

/// What a source says about itself (its library, signer and fingerprint), for the person
/// to decide whether to follow it. Reads the network, never the library.
#[tauri::command]
async fn subscription_peek(source: String) -> Result<FeedInfo, Error> {
    tauri::async_runtime::spawn_blocking(move || {
        subscriptions::peek(&source, &FetchLimits::default())
    })
    .await
    .map_err(|e| Error::new(ErrorCode::Io, format!("anropet avbröts: {e}")))?
}

/// Pulls one subscription, or every one: the network off the library's lock, each delta
/// merged under it, so searches go on meanwhile. An unreachable source is a report, not an
/// error: the app works offline.
#[tauri::command]
async fn subscription_pull(app: AppHandle, name: Option<String>) -> Result<Vec<PullReport>, Error> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let library = state.library.as_ref().map_err(Clone::clone)?;
        subscriptions::pull_some(library, name.as_deref(), &FetchLimits::default())
    })
    .await
    .map_err(|e| Error::new(ErrorCode::Io, format!("hämtningen avbröts: {e}")))?
}

/// mimalloc rather than the system's allocator: a search allocates and frees its bit sets and
/// score arrays on several threads, and glibc's spent about an eighth of a search's time
/// (BENCHMARKS.md, session 15).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // SAFETY: first in `main`, so the process has one thread: the code that runs before
    // `main` (tauri-utils' `ctor`, the type registrations tantivy's dependencies make) starts
    // none, and nothing here has started one yet (the library's index threads come later).
    unsafe { painting::on_cpu_without_gpu() };
    // The same executable extracts PDF text in a child process (see `attachments`).
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.len() == 3 && args[1] == "extract-pdf-text" {
        std::process::exit(
            match library::attachments::extract_child_main(std::path::Path::new(&args[2])) {
                code if code == std::process::ExitCode::SUCCESS => 0,
                _ => 1,
            },
        );
    }
    let dir = std::env::var_os("EXEMPELBANK_LIBRARY")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(default_dir);
    let library = Library::open(&dir).map(|library| {
        // A curator saves again and again: the index writer is kept while they do (a save
        // then waits for no merge), and let go after a quiet moment so that a command run
        // beside the app can write the index too.
        library.keep_index_writer(library::KeepWriter::DESKTOP);
        library.warm_search_in_background();
        Mutex::new(library)
    });
    if let Err(err) = &library {
        eprintln!("exempelbanken: {}", err.message);
    }
    tauri::Builder::default()
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .manage(AppState {
            library,
            cancel: Arc::new(AtomicBool::new(false)),
            chosen: Mutex::new(HashSet::new()),
        })
        .invoke_handler(tauri::generate_handler![
            call,
            choose_save_path,
            choose_open_path,
            export_file,
            bundle_create,
            bundle_import,
            cancel_task,
            subscription_peek,
            subscription_pull
        ])
        .run(tauri::generate_context!())
        .expect("the window could not be opened");
}

#[cfg(test)]
mod tests {
    use super::command_names::DESKTOP_COMMANDS;
    use super::*;

    /// Finding 10 of the hardening review: the save commands wrote any absolute path the
    /// webview sent. Only a path a dialog returned may be used, and only once.
    #[test]
    fn raw_paths_from_the_webview_are_refused() {
        let state = AppState {
            library: Err(Error::new(ErrorCode::Library, "no library in this test")),
            cancel: Arc::new(AtomicBool::new(false)),
            chosen: Mutex::new(HashSet::new()),
        };
        let err = state.take_chosen("/home/user/.bashrc").unwrap_err();
        assert_eq!(err.code, ErrorCode::Forbidden);
        let shown = state.remember(PathBuf::from("/tmp/kort.pdf"));
        assert_eq!(
            state.take_chosen(&shown).unwrap(),
            PathBuf::from("/tmp/kort.pdf")
        );
        assert!(
            state.take_chosen(&shown).is_err(),
            "a chosen path is used once"
        );
    }

    /// A command missing from the capability cannot be called from the window; one allowed
    /// there but not declared would be a permission for nothing.
    #[test]
    fn the_capability_allows_exactly_the_declared_commands() {
        let text = include_str!("../capabilities/default.json");
        let capability: serde_json::Value = serde_json::from_str(text).unwrap();
        let mut allowed: Vec<String> = capability["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p.as_str())
            .filter_map(|p| p.strip_prefix("allow-"))
            .map(|p| p.replace('-', "_"))
            .collect();
        allowed.sort();
        let mut declared: Vec<String> = DESKTOP_COMMANDS.iter().map(|c| c.to_string()).collect();
        declared.sort();
        assert_eq!(allowed, declared);
    }

    /// Every command of the table goes through `call`, which the window may use.
    #[test]
    fn every_table_command_is_reachable_through_call() {
        assert!(DESKTOP_COMMANDS.contains(&"call"));
        assert!(!library::commands::COMMANDS.is_empty());
        for command in library::commands::COMMANDS {
            assert!(
                !DESKTOP_COMMANDS.contains(&command.name),
                "{} is both a table command and a desktop command",
                command.name
            );
        }
    }
}
