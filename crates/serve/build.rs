//! Embeds the built UI (`ui/dist`) into `exempelbank serve` when it exists; a later UI build
//! is picked up because cargo watches the folder.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(embedded_ui)");
    println!("cargo::rerun-if-changed=../../ui/dist");
    if std::path::Path::new("../../ui/dist/index.html").exists() {
        println!("cargo::rustc-cfg=embedded_ui");
    }
}
