//! Embeds the UI and declares the app's commands, so that capabilities must name each one.

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(&[
        "library_info",
        "taxonomy",
        "search",
        "get_entry",
        "lists",
        "create_list",
        "rename_list",
        "delete_list",
        "add_to_list",
        "remove_from_list",
        "saved_searches",
        "save_search",
        "delete_saved_search",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri-build failed");
}
