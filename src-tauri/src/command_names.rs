// The Tauri commands of the desktop shell, by name. `build.rs` includes this file to declare
// them in the app manifest, so `capabilities/default.json` must allow each by name; a test
// checks that it does, and allows nothing else of the app's own.

/// Every command in `generate_handler!`, in the same order.
// Read by build.rs and the tests; the handler list in main.rs names the same functions.
#[allow(dead_code)]
pub const DESKTOP_COMMANDS: &[&str] = &[
    "call",
    "choose_save_path",
    "choose_open_path",
    "export_file",
    "bundle_create",
    "bundle_import",
    "cancel_task",
    "subscription_peek",
    "subscription_pull",
];
