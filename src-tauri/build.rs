//! Embeds the UI and declares the app's commands, so that capabilities must name each one.

include!("src/command_names.rs");

fn main() {
    println!("cargo::rerun-if-changed=src/command_names.rs");
    let manifest = tauri_build::AppManifest::new().commands(DESKTOP_COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri-build failed");
}
