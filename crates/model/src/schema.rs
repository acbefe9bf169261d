//! The JSON Schema of the exchange format, generated from the model so that it can never
//! disagree with what `add`, `edit` and `show --json` read and write. The committed copy is
//! `assets/schema/entry.schema.json`; a test keeps it current.

/// The schema of one entry in the exchange format.
pub fn entry_schema() -> serde_json::Value {
    let mut schema =
        serde_json::to_value(schemars::schema_for!(crate::Entry)).expect("the schema serialises");
    schema["title"] = "Exempelbanken: en post (utbytesformat)".into();
    schema["$id"] = "urn:exempelbanken:schema:entry:1".into();
    schema
}

/// The schema as committed, pretty-printed with a final newline.
pub fn entry_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&entry_schema()).expect("the schema serialises");
    text.push('\n');
    text
}
