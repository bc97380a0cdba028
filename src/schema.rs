//! `hoclieu schema`: JSON Schemas of what authors write (hoclieu.yaml, the front matter of each kind of
//! page, quiz blocks), generated from the very types the loader reads, so they cannot drift from it. Their
//! descriptions are those types' doc comments; editors show them while an author types.

use std::path::{Path, PathBuf};

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};

use crate::config::{Config, Framework};
use crate::content::session::{MaterialMeta, SessionMeta};
use crate::content::{LessonMeta, LevelMeta, PageMeta};
use crate::diagnostics::{msg, Problem};

/// Draft 7, the version editors' YAML support reads most widely.
fn generate<T: JsonSchema>(title: &str) -> Schema {
    let mut schema = SchemaSettings::draft07().into_generator().into_root_schema_for::<T>();
    schema.insert("title".into(), title.into());
    schema
}

/// Every schema: its file name and the schema.
pub fn schemas() -> Vec<(&'static str, Schema)> {
    let mut quiz = crate::quiz::schema_with(SchemaSettings::draft07());
    quiz.insert("title".into(), "hoclieu quiz block (```quiz)".into());
    vec![
        ("hoclieu-config.schema.json", generate::<Config>("hoclieu.yaml")),
        ("page.schema.json", generate::<PageMeta>("hoclieu page front matter (content/*.md)")),
        ("level.schema.json", generate::<LevelMeta>("hoclieu level front matter (content/<level>/_index.md)")),
        ("lesson.schema.json", generate::<LessonMeta>("hoclieu lesson front matter")),
        ("session.schema.json", generate::<SessionMeta>("hoclieu session plan front matter (kind: session)")),
        (
            "material.schema.json",
            generate::<MaterialMeta>("hoclieu material front matter (kind: handout, letter or poster)"),
        ),
        ("quiz.schema.json", quiz),
        (
            "frameworks.schema.json",
            generate::<Vec<Framework>>("hoclieu competence frameworks file (`frameworks:` in hoclieu.yaml)"),
        ),
    ]
}

/// Writes every schema into `dir` (created if missing); returns the files written. Unlike `init` and
/// `new`, it replaces files of these names: they are hoclieu's output, regenerated for each version.
pub fn write(dir: &Path) -> Result<Vec<PathBuf>, Problem> {
    std::fs::create_dir_all(dir).map_err(|e| {
        Problem::new(msg!("schema-cannot-create", folder = dir.display().to_string(), error = e.to_string()))
            .hint(msg!("schema-cannot-create.hint"))
    })?;
    let mut written = Vec::new();
    for (name, schema) in schemas() {
        let path = dir.join(name);
        let mut text = serde_json::to_string_pretty(&schema)
            .map_err(|e| Problem::new(msg!("schema-cannot-make", name = name, error = e.to_string())))?;
        text.push('\n');
        std::fs::write(&path, text).map_err(|e| {
            Problem::new(msg!("problem-cannot-write", path = path.display().to_string(), error = e.to_string()))
                .hint(msg!("problem-cannot-write.hint"))
        })?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_describes_its_fields_and_refuses_unknown_ones() {
        for (name, schema) in schemas() {
            let v = schema.as_value();
            assert_eq!(v["$schema"], "http://json-schema.org/draft-07/schema#", "{name}");
            // Every object type, the root's and those under `definitions`, refuses unknown keys and
            // describes each of its fields.
            let definitions = v.get("definitions").and_then(|d| d.as_object());
            let objects = std::iter::once(v).chain(definitions.into_iter().flat_map(|d| d.values()));
            let mut seen = 0;
            for object in objects.filter(|o| o.get("properties").is_some()) {
                seen += 1;
                assert_eq!(object["additionalProperties"], false, "{name}: {object}");
                for (field, p) in object["properties"].as_object().into_iter().flatten() {
                    assert!(
                        p.get("description").and_then(|d| d.as_str()).is_some_and(|d| !d.is_empty()),
                        "{name}: `{field}` has no description"
                    );
                }
            }
            assert!(seen > 0, "{name} describes no object");
        }
    }
}
