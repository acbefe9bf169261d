//! Exempelbanken's desktop shell: a window on the user's library. No logic lives here.
//!
//! The window reaches the library through five Tauri commands (`command_names.rs`, which
//! `build.rs` declares and the capability allows): `call`, which runs any command of the
//! table in `library::commands`, and the four tasks that only a desktop has, because they
//! write or read a file the user picked in the system's dialogs and report progress over a
//! channel: `export_file`, `bundle_create`, `bundle_import` and `cancel_task`.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// The names of the Tauri commands (shared with `build.rs`).
mod command_names;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use library::bundle::{BundleReport, BundleSummary};
use library::commands::{self, Scope};
use library::export::ExportOptions;
use library::{Library, default_dir};
use model::error::{Error, ErrorCode};
use model::progress::{Progress, ProgressEvent};
use model::query::SearchRequest;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};

/// The open library, or why it could not be opened (shown in the window).
struct AppState {
    library: Result<Mutex<Library>, Error>,
    /// Set by `cancel_task`; the running export or bundle task stops at its next step.
    cancel: Arc<AtomicBool>,
}

impl AppState {
    fn with<T>(&self, f: impl FnOnce(&mut Library) -> Result<T, Error>) -> Result<T, Error> {
        let library = self.library.as_ref().map_err(Clone::clone)?;
        let mut library = library.lock().map_err(|_| {
            Error::new(
                ErrorCode::Library,
                "biblioteket är låst efter ett tidigare fel; starta om programmet",
            )
        })?;
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

/// A path the user chose in the save dialog: absolute, in an existing folder, not a folder.
fn save_path(path: &str) -> Result<std::path::PathBuf, Error> {
    let path = std::path::PathBuf::from(path);
    let folder_exists = path.parent().is_some_and(|p| p.is_dir());
    if !path.is_absolute() || !folder_exists || path.is_dir() || path.file_name().is_none() {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            format!("{}: ingen fil i en befintlig mapp", path.display()),
        ));
    }
    Ok(path)
}

/// A file the user chose in the open dialog: absolute and an existing file.
fn open_path(path: &str) -> Result<std::path::PathBuf, Error> {
    let path = std::path::PathBuf::from(path);
    if !path.is_absolute() || !path.is_file() {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            format!("{}: ingen fil", path.display()),
        ));
    }
    Ok(path)
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
    let path = save_path(&path)?;
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
    let path = save_path(&path)?;
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
) -> Result<BundleReport, Error> {
    let path = open_path(&path)?;
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

fn main() {
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
    let library = Library::open(&dir).map(Mutex::new);
    if let Err(err) = &library {
        eprintln!("exempelbanken: {}", err.message);
    }
    tauri::Builder::default()
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .manage(AppState {
            library,
            cancel: Arc::new(AtomicBool::new(false)),
        })
        .invoke_handler(tauri::generate_handler![
            call,
            export_file,
            bundle_create,
            bundle_import,
            cancel_task
        ])
        .run(tauri::generate_context!())
        .expect("the window could not be opened");
}

#[cfg(test)]
mod tests {
    use super::command_names::DESKTOP_COMMANDS;

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
