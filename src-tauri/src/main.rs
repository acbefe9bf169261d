//! Exempelbanken's desktop shell: a window on the user's library, and Tauri commands that
//! are thin adapters over the core's facade. No logic lives here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::sync::Mutex;

use exempelbank::api::{Library, LibraryInfo, default_dir};
use exempelbank::collections::{EntryList, SavedSearch};
use exempelbank::error::{Error, ErrorCode};
use exempelbank::model::Entry;
use exempelbank::search::{SearchRequest, SearchResponse};
use exempelbank::taxonomy::Taxonomy;
use tauri::State;

/// The open library, or why it could not be opened (shown in the window).
struct AppState {
    library: Result<Mutex<Library>, Error>,
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

fn main() {
    let dir = std::env::var_os("EXEMPELBANK_LIBRARY")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(default_dir);
    let library = Library::open(&dir).map(Mutex::new);
    if let Err(err) = &library {
        eprintln!("exempelbanken: {}", err.message);
    }
    tauri::Builder::default()
        .plugin(tauri_plugin_opener::init())
        .manage(AppState { library })
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
        ])
        .run(tauri::generate_context!())
        .expect("the window could not be opened");
}
