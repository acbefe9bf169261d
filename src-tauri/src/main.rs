//! Exempelbanken's desktop shell: a window on the user's library, and Tauri commands that
//! are thin adapters over the core's facade. No logic lives here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::sync::Mutex;

use exempelbank::api::{Library, LibraryInfo, default_dir};
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
            get_entry
        ])
        .run(tauri::generate_context!())
        .expect("the window could not be opened");
}
