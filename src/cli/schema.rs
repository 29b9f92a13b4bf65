//! `carepath schema`: the JSON Schema of the pathway format, generated from
//! the model types so that it cannot drift from what the loader reads.
//! Editors' YAML language servers use it for completion and checking.

use crate::model::{Pathway, schema};

/// Where the schema is published, for the `$id` and the README's
/// `# yaml-language-server: $schema=…` line.
pub const SCHEMA_FILE: &str = "schema/carepath.schema.json";

/// The schema as pretty JSON with a final newline, exactly as shipped in
/// `schema/carepath.schema.json`. Draft-07, which every YAML language
/// server reads.
pub fn schema_json() -> String {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let mut schema = generator.into_root_schema_for::<Pathway>();
    schema.insert(
        "title".into(),
        "carepath pathway (format carepath: 1)".into(),
    );
    if let Some(properties) = schema.get_mut("properties") {
        add_titles(properties);
    }
    if let Some(serde_json::Value::Object(definitions)) = schema.get_mut("definitions") {
        for definition in definitions.values_mut() {
            if let Some(properties) = definition.get_mut("properties") {
                add_titles(properties);
            }
        }
    }
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Gives every property the model names for people a title, in the same
/// words as the forms and messages use ([`schema::title`]).
fn add_titles(properties: &mut serde_json::Value) {
    let serde_json::Value::Object(properties) = properties else {
        return;
    };
    for (key, property) in properties.iter_mut() {
        if let (Some(title), serde_json::Value::Object(p)) = (schema::title(key), property) {
            p.insert("title".into(), title.into());
        }
    }
}

pub fn run() -> i32 {
    print!("{}", schema_json());
    super::exit::OK
}
