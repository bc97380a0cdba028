//! YAML parsing with errors mapped back to positions in the file the YAML came from.
//!
//! Front matter and quiz blocks are YAML embedded in a Markdown file; serde_yaml reports
//! positions relative to the embedded text, which we shift to the file's own lines.

use serde::de::DeserializeOwned;

use crate::diagnostics::{did_you_mean, Diagnostic, SourceFile};

/// Parses `yaml`, which starts at byte `base` of `file`, into `T`.
/// `fields` are the keys `T` accepts, used for "did you mean" hints.
pub fn parse<T: DeserializeOwned>(
    file: &SourceFile,
    yaml: &str,
    base: usize,
    code: &'static str,
    what: &str,
    fields: &[&str],
) -> Result<T, Diagnostic> {
    // serde_yaml treats an empty document as null; an empty mapping is what authors mean.
    let source = if yaml.trim().is_empty() { "{}" } else { yaml };
    serde_yaml::from_str::<T>(source).map_err(|e| to_diagnostic(&e, file, base, code, what, fields))
}

fn to_diagnostic(
    e: &serde_yaml::Error,
    file: &SourceFile,
    base: usize,
    code: &'static str,
    what: &str,
    fields: &[&str],
) -> Diagnostic {
    let full = e.to_string();
    // serde_yaml appends " at line L column C"; we show the position ourselves.
    let mut message = match full.find(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full.clone(),
    };
    // The hint names the field meant; serde's list of every field is noise next to it.
    if let Some(i) = message.find(", expected one of") {
        message.truncate(i);
    }
    let offset = match e.location() {
        Some(loc) => {
            let (base_line, base_col) = file.line_col(base);
            let line = base_line + loc.line().saturating_sub(1);
            let column = if loc.line() <= 1 { base_col + loc.column().saturating_sub(1) } else { loc.column() };
            file.offset_of(line, column)
        }
        None => base,
    };
    let end = file.text[offset..].find('\n').map_or(file.text.len(), |i| offset + i);
    let hint = hint_for(&message, fields);
    let mut d = Diagnostic::error(code, format!("{what}: {message}")).at(file, offset..end);
    if let Some(h) = hint {
        d = d.hint(h);
    }
    d
}

fn hint_for(message: &str, fields: &[&str]) -> Option<String> {
    if let Some((_, rest)) = message.split_once("unknown field `") {
        let name = rest.split('`').next().unwrap_or("");
        return Some(match did_you_mean(name, fields) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("known fields are: {}", fields.join(", ")),
        });
    }
    if let Some((_, rest)) = message.split_once("missing field `") {
        let name = rest.split('`').next().unwrap_or("");
        return Some(format!("add a line `{name}: …`"));
    }
    if message.contains("invalid type") || message.contains("invalid value") {
        if message.contains("expected u") || message.contains("expected i") {
            return Some("write a whole number without quotes, e.g. `duration: 35`".into());
        }
        if message.contains("expected a sequence") {
            return Some("write a list, e.g. `[a, b]` or one `- item` per line".into());
        }
        if message.contains("expected a boolean") {
            return Some("write `true` or `false` without quotes".into());
        }
        if message.contains("expected a string") {
            return Some("put the text in quotes if it looks like a number or a list".into());
        }
    }
    if message.contains("mapping values are not allowed") || message.contains("did not find expected") {
        return Some(
            "check the indentation, and put text containing `: ` or starting with `[`, `{`, `*` or `#` in quotes"
                .into(),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use std::path::Path;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Fm {
        title: String,
        duration: Option<u32>,
    }

    fn file(text: &str) -> SourceFile {
        SourceFile::new(Path::new("/s"), Path::new("/s/a.md"), text.to_string())
    }

    #[test]
    fn wrong_type_points_at_value_line() {
        let f = file("---\ntitle: A\nduration: \"twenty\"\n---\nbody\n");
        let yaml = &f.text[4..f.text.find("---\nbody").unwrap()];
        let d = parse::<Fm>(&f, yaml, 4, "E010", "front matter", &["title", "duration"]).unwrap_err();
        assert_eq!(d.line, 3, "{d:?}");
        assert_eq!(d.column, 11, "{d:?}");
        assert!(d.hint.unwrap().contains("whole number"));
    }

    #[test]
    fn unknown_field_suggests() {
        let f = file("---\ntitle: A\ndurtion: 3\n---\n");
        let d = parse::<Fm>(&f, &f.text[4..f.text.len() - 4], 4, "E010", "front matter", &["title", "duration"])
            .unwrap_err();
        assert_eq!(d.line, 3);
        assert_eq!(d.hint.as_deref(), Some("did you mean `duration`?"));
    }

    #[test]
    fn syntax_error_has_position() {
        let f = file("---\ntitle: [unclosed\n---\n");
        let d = parse::<Fm>(&f, &f.text[4..f.text.len() - 4], 4, "E010", "front matter", &["title"]).unwrap_err();
        assert!(d.line >= 2, "{d:?}");
    }
}
