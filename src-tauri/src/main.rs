//! Exempelbanken's desktop shell: a window on the user's library, and Tauri commands that
//! are thin adapters over the core's facade. No logic lives here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use exempelbank::api::{Library, LibraryInfo, default_dir};
use exempelbank::bundle::{BundleReport, BundleSummary};
use exempelbank::collections::{EntryList, SavedSearch};
use exempelbank::curation::{ErasureReport, Note};
use exempelbank::diff::FieldChange;
use exempelbank::error::{Error, ErrorCode};
use exempelbank::export::ExportOptions;
use exempelbank::import::ImportReport;
use exempelbank::model::{Entry, EntrySummary, RevisionInfo, Status, TrashedEntry};
use exempelbank::progress::{Progress, ProgressEvent};
use exempelbank::search::{SearchRequest, SearchResponse};
use exempelbank::taxonomy::FocusArea;
use exempelbank::taxonomy::Taxonomy;
use exempelbank::workflow::Transition;
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

/// Runs a long task off the async runtime, with progress sent to the window.
async fn long_task<T: Send + 'static>(
    app: AppHandle,
    progress: Channel<ProgressEvent>,
    f: impl FnOnce(&mut Library, &Progress) -> Result<T, Error> + Send + 'static,
) -> Result<T, Error> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let cancel = state.cancel.clone();
        cancel.store(false, Ordering::SeqCst);
        let report = move |event: ProgressEvent| {
            let _ = progress.send(event);
        };
        state.with(|lib| f(lib, &Progress::new(&report, &cancel)))
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

/// The uids of every entry a search matches (for exporting all hits).
#[tauri::command]
async fn select_entries(
    state: State<'_, AppState>,
    request: SearchRequest,
) -> Result<Vec<String>, Error> {
    state.with(|lib| lib.select(&request))
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
    long_task(app, on_progress, move |lib, progress| {
        lib.export_to_with(&ids, &options, &path, progress)
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
    long_task(app, on_progress, move |lib, progress| {
        let uids = lib.select(&request)?;
        lib.bundle_create_with(&uids, None, &path, progress)
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
    long_task(app, on_progress, move |lib, progress| {
        lib.bundle_import_with(&path, dry_run, trust, progress)
    })
    .await
}

/// Cancels the running export or bundle task.
#[tauri::command]
async fn cancel_task(state: State<'_, AppState>) -> Result<(), Error> {
    state.cancel.store(true, Ordering::SeqCst);
    Ok(())
}

#[tauri::command]
async fn library_info(state: State<'_, AppState>) -> Result<LibraryInfo, Error> {
    state.with(|lib| lib.info())
}

#[tauri::command]
async fn taxonomy(state: State<'_, AppState>) -> Result<Taxonomy, Error> {
    state.with(|lib| lib.taxonomy())
}

#[tauri::command]
async fn search(
    state: State<'_, AppState>,
    request: SearchRequest,
) -> Result<SearchResponse, Error> {
    state.with(|lib| lib.search(&request))
}

#[tauri::command]
async fn get_entry(state: State<'_, AppState>, id: String) -> Result<Entry, Error> {
    state.with(|lib| lib.get(&id))
}

#[tauri::command]
async fn lists(state: State<'_, AppState>) -> Result<Vec<EntryList>, Error> {
    state.with(|lib| lib.lists())
}

#[tauri::command]
async fn create_list(state: State<'_, AppState>, name: String) -> Result<EntryList, Error> {
    state.with(|lib| lib.create_list(&name))
}

#[tauri::command]
async fn rename_list(
    state: State<'_, AppState>,
    list: i64,
    name: String,
) -> Result<EntryList, Error> {
    state.with(|lib| lib.rename_list(list, &name))
}

#[tauri::command]
async fn delete_list(state: State<'_, AppState>, list: i64) -> Result<(), Error> {
    state.with(|lib| lib.delete_list(list))
}

#[tauri::command]
async fn add_to_list(
    state: State<'_, AppState>,
    list: i64,
    entry: String,
) -> Result<EntryList, Error> {
    state.with(|lib| lib.add_to_list(list, &entry))
}

#[tauri::command]
async fn remove_from_list(
    state: State<'_, AppState>,
    list: i64,
    uid: String,
) -> Result<EntryList, Error> {
    state.with(|lib| lib.remove_from_list(list, &uid))
}

#[tauri::command]
async fn saved_searches(state: State<'_, AppState>) -> Result<Vec<SavedSearch>, Error> {
    state.with(|lib| lib.saved_searches())
}

#[tauri::command]
async fn save_search(
    state: State<'_, AppState>,
    name: String,
    request: SearchRequest,
) -> Result<SavedSearch, Error> {
    state.with(|lib| lib.save_search(&name, &request))
}

#[tauri::command]
async fn delete_saved_search(state: State<'_, AppState>, id: i64) -> Result<(), Error> {
    state.with(|lib| lib.delete_saved_search(id))
}

#[tauri::command]
async fn list_entries(
    state: State<'_, AppState>,
    status: Option<Status>,
) -> Result<Vec<EntrySummary>, Error> {
    state.with(|lib| lib.list(status))
}

#[tauri::command]
async fn validate_entry(state: State<'_, AppState>, entry: Entry) -> Result<Entry, Error> {
    state.with(|lib| lib.validate(entry))
}

#[tauri::command]
async fn create_entry(state: State<'_, AppState>, entry: Entry) -> Result<Entry, Error> {
    state.with(|lib| lib.add(entry))
}

#[tauri::command]
async fn update_entry(
    state: State<'_, AppState>,
    id: String,
    entry: Entry,
    expected_revision: u32,
) -> Result<Entry, Error> {
    state.with(|lib| lib.edit(&id, entry, None, Some(expected_revision), "ändrad"))
}

#[tauri::command]
async fn transitions(state: State<'_, AppState>, id: String) -> Result<Vec<Transition>, Error> {
    state.with(|lib| lib.transitions(&id))
}

#[tauri::command]
async fn set_status(
    state: State<'_, AppState>,
    id: String,
    status: Status,
    comment: String,
) -> Result<Entry, Error> {
    state.with(|lib| lib.set_status(&id, status, &comment))
}

#[tauri::command]
async fn history(state: State<'_, AppState>, id: String) -> Result<Vec<RevisionInfo>, Error> {
    state.with(|lib| lib.history(&id))
}

#[tauri::command]
async fn revision(state: State<'_, AppState>, id: String, revision: u32) -> Result<Entry, Error> {
    state.with(|lib| lib.revision(&id, revision))
}

#[tauri::command]
async fn diff(
    state: State<'_, AppState>,
    id: String,
    from: u32,
    to: u32,
) -> Result<Vec<FieldChange>, Error> {
    state.with(|lib| lib.diff(&id, from, to))
}

#[tauri::command]
async fn restore(state: State<'_, AppState>, id: String, revision: u32) -> Result<Entry, Error> {
    state.with(|lib| lib.restore(&id, revision))
}

#[tauri::command]
async fn delete_entry(state: State<'_, AppState>, id: String) -> Result<Entry, Error> {
    state.with(|lib| lib.delete(&id))
}

#[tauri::command]
async fn undelete_entry(state: State<'_, AppState>, id: String) -> Result<Entry, Error> {
    state.with(|lib| lib.undelete(&id))
}

#[tauri::command]
async fn trash(state: State<'_, AppState>) -> Result<Vec<TrashedEntry>, Error> {
    state.with(|lib| lib.trash())
}

#[tauri::command]
async fn empty_trash(state: State<'_, AppState>) -> Result<usize, Error> {
    state.with(|lib| lib.empty_trash())
}

#[tauri::command]
async fn get_note(state: State<'_, AppState>, id: String) -> Result<Note, Error> {
    state.with(|lib| lib.note(&id))
}

#[tauri::command]
async fn set_note(state: State<'_, AppState>, id: String, text: String) -> Result<Note, Error> {
    state.with(|lib| lib.set_note(&id, &text))
}

#[tauri::command]
async fn add_focus_area(
    state: State<'_, AppState>,
    name: String,
    description: String,
) -> Result<FocusArea, Error> {
    state.with(|lib| lib.add_focus_area(&name, &description))
}

#[tauri::command]
async fn rename_focus_area(
    state: State<'_, AppState>,
    slug: String,
    name: String,
) -> Result<FocusArea, Error> {
    state.with(|lib| lib.rename_focus_area(&slug, &name))
}

#[tauri::command]
async fn merge_focus_areas(
    state: State<'_, AppState>,
    from: String,
    into: String,
) -> Result<FocusArea, Error> {
    state.with(|lib| lib.merge_focus_areas(&from, &into))
}

#[tauri::command]
async fn user_name(state: State<'_, AppState>) -> Result<String, Error> {
    state.with(|lib| Ok(lib.user().to_owned()))
}

#[tauri::command]
async fn save_user_name(state: State<'_, AppState>, name: String) -> Result<String, Error> {
    state.with(|lib| lib.save_user(&name))
}

/// Imports a file the user picked in the window; its name is a label, never a path.
#[tauri::command]
async fn import_file(
    state: State<'_, AppState>,
    name: String,
    bytes: Vec<u8>,
    mapping: Option<String>,
    dry_run: bool,
) -> Result<ImportReport, Error> {
    state.with(|lib| lib.import(&name, &bytes, mapping.as_deref(), dry_run))
}

/// Attaches a file the user picked in the window; its name is a label, never a path.
#[tauri::command]
async fn attach_file(
    state: State<'_, AppState>,
    id: String,
    name: String,
    bytes: Vec<u8>,
    licence: String,
) -> Result<Entry, Error> {
    state.with(|lib| Ok(lib.attach_bytes(&id, &name, &bytes, &licence)?.0))
}

#[tauri::command]
async fn detach_file(state: State<'_, AppState>, id: String, name: String) -> Result<Entry, Error> {
    state.with(|lib| lib.detach(&id, &name))
}

#[tauri::command]
async fn erase_person(state: State<'_, AppState>, name: String) -> Result<ErasureReport, Error> {
    state.with(|lib| lib.erase_person(&name))
}

fn main() {
    // The same executable extracts PDF text in a child process (see `attachments`).
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args.len() == 3 && args[1] == "extract-pdf-text" {
        std::process::exit(
            match exempelbank::attachments::extract_child_main(std::path::Path::new(&args[2])) {
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
            library_info,
            taxonomy,
            search,
            get_entry,
            lists,
            create_list,
            rename_list,
            delete_list,
            add_to_list,
            remove_from_list,
            saved_searches,
            save_search,
            delete_saved_search,
            list_entries,
            validate_entry,
            create_entry,
            update_entry,
            transitions,
            set_status,
            history,
            revision,
            diff,
            restore,
            delete_entry,
            undelete_entry,
            trash,
            empty_trash,
            get_note,
            set_note,
            add_focus_area,
            rename_focus_area,
            merge_focus_areas,
            user_name,
            save_user_name,
            import_file,
            attach_file,
            detach_file,
            erase_person,
            select_entries,
            export_file,
            bundle_create,
            bundle_import,
            cancel_task,
        ])
        .run(tauri::generate_context!())
        .expect("the window could not be opened");
}
