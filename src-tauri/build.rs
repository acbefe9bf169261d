//! Embeds the UI and declares the app's commands, so that capabilities must name each one.

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(&[
        "library_info",
        "taxonomy",
        "search",
        "get_entry",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri-build failed");
}
