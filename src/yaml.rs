//! YAML parsing with errors mapped back to positions in the file the YAML came from.
//!
//! Front matter and quiz blocks are YAML embedded in a Markdown file; serde_yaml reports
//! positions relative to the embedded text, which we shift to the file's own lines.

use serde::de::DeserializeOwned;

use crate::diagnostics::msg;
use crate::diagnostics::{did_you_mean, Diagnostic, SourceFile, Text};

/// Parses `yaml`, which starts at byte `base` of `file`, into `T`.
/// `what` says where the YAML is (`msg!("where-front-matter")`); `fields` are the keys `T` accepts,
/// used for "did you mean" hints.
pub fn parse<T: DeserializeOwned>(
    file: &SourceFile,
    yaml: &str,
    base: usize,
    code: &'static str,
    what: Text,
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
    what: Text,
    fields: &[&str],
) -> Diagnostic {
    let full = e.to_string();
    // serde_yaml appends " at line L column C"; we show the position ourselves.
    let raw = match full.find(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full.clone(),
    };
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
    let line_start = file.text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = &file.text[line_start..end];
    let value = file.text[offset..end].trim();
    let (message, hint) = humanise(&raw, what, fields, line, value, &file.text[base.min(file.text.len())..]);
    // A tab is shown where it is, even when the parser stopped later on the line.
    let span = match line.find('\t') {
        Some(i) if matches!(message, Text::Msg { id: "yaml-tab", .. }) => line_start + i..line_start + i + 1,
        _ => offset..end,
    };
    let mut d = Diagnostic::error(code, message).at(file, span);
    if let Some(h) = hint {
        d = d.hint(h);
    }
    d
}

/// The first name between backticks after `after` in serde's message.
fn quoted<'a>(message: &'a str, after: &str) -> Option<&'a str> {
    message.split_once(after).and_then(|(_, rest)| rest.split('`').next())
}

/// The key of a line `key: value` (or `- key: value`), for examples in hints.
fn key_of(line: &str) -> Option<&str> {
    let line = line.trim_start().trim_start_matches("- ").trim_start();
    let (key, _) = line.split_once(':')?;
    let key = key.trim();
    (!key.is_empty() && !key.contains(' ')).then_some(key)
}

/// serde_yaml's message, said in plain words: what is wrong and how to write it instead.
fn humanise(raw: &str, place: Text, fields: &[&str], line: &str, value: &str, yaml: &str) -> (Text, Option<Text>) {
    let key = key_of(line).unwrap_or("");
    if let Some(field) = quoted(raw, "unknown field `") {
        let hint = match did_you_mean(field, fields) {
            Some(s) => msg!("yaml-unknown-field.suggest", field = s),
            None => msg!("yaml-unknown-field.known", fields = fields.join(", ")),
        };
        return (msg!("yaml-unknown-field", place = place, field = field), Some(hint));
    }
    if let Some(found) = quoted(raw, "unknown variant `") {
        let expected: Vec<&str> =
            raw.split_once("expected ").map(|(_, e)| e.split('`').skip(1).step_by(2).collect()).unwrap_or_default();
        let hint = match did_you_mean(found, &expected) {
            Some(s) => msg!("yaml-unknown-value.suggest", key = key, value = s),
            None => msg!("yaml-unknown-value.known", values = expected.join(", ")),
        };
        return (msg!("yaml-unknown-value", place = place, key = key, value = found), Some(hint));
    }
    if let Some(field) = quoted(raw, "missing field `") {
        return (
            msg!("yaml-missing-field", place = place, field = field),
            Some(msg!("yaml-missing-field.hint", field = field)),
        );
    }
    if raw.contains("duplicate") {
        // `duplicate field `title`` (a struct) or `duplicate entry with key "title"` (a map).
        let name = quoted(raw, "duplicate field `").or_else(|| raw.split('"').nth(1)).unwrap_or(key);
        return (
            msg!("yaml-duplicate-key", place = place, key = name),
            Some(msg!("yaml-duplicate-key.hint", key = name)),
        );
    }
    // A tab: YAML indents with spaces only, and libyaml's words for it never say "tab".
    if line.contains('\t')
        || (raw.contains("cannot start any token") && yaml.contains('\t'))
        || raw.contains("tab character")
    {
        return (msg!("yaml-tab", place = place), Some(msg!("yaml-tab.hint")));
    }
    if raw.contains("invalid type") || raw.contains("invalid value") {
        let expected = raw.split_once("expected ").map_or("", |(_, e)| e);
        let example_key = if key.is_empty() { "duration" } else { key };
        let number = expected.starts_with('u')
            || expected.starts_with('i')
            || expected.contains("integer")
            || expected.starts_with('f');
        if number && ["duration", "minutes"].contains(&key) {
            return (
                msg!("yaml-expected-minutes", place = place, key = key, value = value),
                Some(msg!("yaml-expected-minutes.hint", key = key)),
            );
        }
        if number {
            return (
                msg!("yaml-expected-number", place = place, key = example_key, value = value),
                Some(msg!("yaml-expected-number.hint", key = example_key)),
            );
        }
        if expected.contains("sequence") {
            return (
                msg!("yaml-expected-list", place = place, key = example_key, value = value),
                Some(msg!("yaml-expected-list.hint", key = example_key)),
            );
        }
        if expected.contains("boolean") {
            return (
                msg!("yaml-expected-yes-no", place = place, key = example_key, value = value),
                Some(msg!("yaml-expected-yes-no.hint", key = example_key)),
            );
        }
        if expected.contains("string") || expected.contains("char") {
            return (
                msg!("yaml-expected-text", place = place, key = example_key, value = value),
                Some(msg!("yaml-expected-text.hint", key = example_key)),
            );
        }
        if expected.contains("map") || expected.starts_with("struct") {
            return (
                msg!("yaml-expected-fields", place = place, key = example_key),
                Some(msg!("yaml-expected-fields.hint")),
            );
        }
    }
    // libyaml says the same when a line is indented one step too far (`text: A` then ` correct: true`
    // under it reads as text of the value above): a line with one `key: value` is an indentation slip.
    let colons = line.trim_start().trim_start_matches("- ").matches(": ").count() + usize::from(line.ends_with(':'));
    if raw.contains("mapping values are not allowed") && colons >= 2 {
        return (
            msg!("yaml-colon-in-value", place = place),
            Some(msg!("yaml-colon-in-value.hint", key = if key.is_empty() { "title" } else { key })),
        );
    }
    if raw.contains("did not find expected")
        || raw.contains("while parsing a block")
        || raw.contains("mapping values are not allowed")
    {
        return (msg!("yaml-indentation", place = place), Some(msg!("yaml-indentation.hint")));
    }
    if raw.contains("while scanning a quoted scalar") || raw.contains("found unexpected end of stream") {
        return (msg!("yaml-unclosed-quote", place = place), Some(msg!("yaml-unclosed-quote.hint")));
    }
    // Anything else keeps the parser's own words, after the place in the author's language.
    (msg!("yaml-other", place = place, problem = raw), Some(msg!("yaml-other.hint")))
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
        let d = parse::<Fm>(&f, yaml, 4, "E010", msg!("where-front-matter"), &["title", "duration"]).unwrap_err();
        assert_eq!(d.line, 3, "{d:?}");
        assert_eq!(d.column, 11, "{d:?}");
        assert!(d.hint.unwrap().contains("without quotes or a unit: `duration: 45`"));
    }

    #[test]
    fn unknown_field_suggests() {
        let f = file("---\ntitle: A\ndurtion: 3\n---\n");
        let d = parse::<Fm>(
            &f,
            &f.text[4..f.text.len() - 4],
            4,
            "E010",
            msg!("where-front-matter"),
            &["title", "duration"],
        )
        .unwrap_err();
        assert_eq!(d.line, 3);
        assert_eq!(d.hint.as_deref(), Some("did you mean `duration`?"));
    }

    #[test]
    fn syntax_error_has_position() {
        let f = file("---\ntitle: [unclosed\n---\n");
        let d = parse::<Fm>(&f, &f.text[4..f.text.len() - 4], 4, "E010", msg!("where-front-matter"), &["title"])
            .unwrap_err();
        assert!(d.line >= 2, "{d:?}");
    }

    fn fm_error(text: &str) -> Diagnostic {
        let f = file(text);
        let end = f.text.rfind("---").unwrap();
        parse::<Fm>(&f, &f.text[4..end], 4, "E010", msg!("where-lesson-front-matter"), &["title", "duration"])
            .unwrap_err()
    }

    #[test]
    fn common_mistakes_in_plain_vietnamese_and_english() {
        use crate::diagnostics::Lang;
        let cases: &[(&str, &str, &str, &str)] = &[
            (
                "---\ntitle: A\nduration: 45 phút\n---\n",
                "yaml-expected-minutes",
                "cần một số phút, ví dụ 45",
                "number of minutes",
            ),
            ("---\ntitle: A\n\tduration: 4\n---\n", "yaml-tab", "dấu tab", "tab"),
            ("---\ntitle: A\ntitle: B\n---\n", "yaml-duplicate-key", "hai lần", "twice"),
            ("---\nduration: 4\n---\n", "yaml-missing-field", "còn thiếu mục `title`", "`title` is missing"),
            ("---\ntitle: Mật khẩu: bí mật\n---\n", "yaml-colon-in-value", "dấu `: `", "contains `: `"),
            ("---\ntitel: A\n---\n", "yaml-unknown-field", "không có mục nào tên là `titel`", "unknown field `titel`"),
            // One space too many reads as text of the line above: an indentation slip, not a colon in text.
            ("---\ntitle: A\n duration: 4\n---\n", "yaml-indentation", "thụt lề chưa thẳng hàng", "not lined up"),
        ];
        for (text, id, vi, en) in cases {
            let d = fm_error(text);
            assert!(
                matches!(d.text, Text::Msg { id: got, .. } if got == *id),
                "{text:?}: {:?} ({})",
                d.text,
                d.message
            );
            let (m_vi, m_en) = (d.message_in(Lang::Vi), d.message_in(Lang::En));
            assert!(m_vi.starts_with("Ở phần đầu bài học") && m_vi.contains(vi), "{m_vi}");
            assert!(m_en.starts_with("in the lesson's front matter") && m_en.contains(en), "{m_en}");
            assert!(d.hint_in(Lang::Vi).is_some_and(|h| !h.is_empty()), "{text:?} has a hint");
            assert!(!m_vi.contains("expected") && !m_vi.contains("invalid type"), "no parser jargon: {m_vi}");
        }
        // A tab is pointed at, not the parser's stop.
        let d = fm_error("---\ntitle: A\n\tduration: 4\n---\n");
        assert_eq!((d.line, d.column), (3, 1), "{d:?}");
    }
}
