//! YAML fields (front matter, session plans, quiz blocks) that pages show as inline Markdown.
//!
//! Such a field never becomes raw HTML (`markdown::inline_html` shows HTML as text), but a link in
//! it is a real link. So a field is checked like a Markdown body: a `javascript:`, `vbscript:` or
//! `data:` link or image is an error (E026), and HTML typed into it is a warning (W011), since the
//! page shows the tags as text. Each is reported at the field's line.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

use crate::diagnostics::{msg, Diagnostic, SourceFile};

/// Keys whose values are compared or used as typed, never shown as Markdown.
const VERBATIM_KEYS: &[&str] = &["accept"];

/// A problem in one inline-Markdown value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Issue {
    /// A link or image to a refused scheme: (scheme, the URL).
    Refused(&'static str, String),
    /// A piece of HTML that will be shown as text.
    Html(String),
}

/// The problems of one value rendered as inline Markdown.
pub fn inline_issues(value: &str) -> Vec<Issue> {
    if !value.contains(['<', '[', ':']) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for event in Parser::new_ext(value, Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                if let Some(s) = super::refused_scheme(&dest_url) {
                    out.push(Issue::Refused(s, dest_url.to_string()));
                }
            }
            // The first piece says it: `<b>x</b>` is one problem, not two.
            Event::Html(h) | Event::InlineHtml(h) if !out.iter().any(|i| matches!(i, Issue::Html(_))) => {
                out.push(Issue::Html(h.trim().to_string()))
            }
            _ => {}
        }
    }
    out
}

/// Checks every string of the YAML at `yaml` (a span of `file`) and returns the problems found.
/// The YAML must already be valid; if it is not, nothing is reported (its parser reports it).
pub fn check_fields(file: &SourceFile, yaml: Range<usize>) -> Vec<Diagnostic> {
    let Some(text) = file.text.get(yaml.clone()) else { return Vec::new() };
    // Most front matter has neither a link (`](`, a reference `]:`), an autolink nor a tag (`<`):
    // skip the second parse. (`grades: [6, 9]` has brackets but no link.)
    if !text.contains('<') && !text.contains("](") && !text.contains("]:") {
        return Vec::new();
    }
    let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(text) else { return Vec::new() };
    let mut strings = Vec::new();
    walk(&value, None, &mut strings);
    let mut out = Vec::new();
    let mut from = 0;
    for (key, s) in strings {
        for issue in inline_issues(s) {
            let (needle, d) = match &issue {
                Issue::Refused(scheme, url) => (
                    url.as_str(),
                    Diagnostic::error("E026", msg!("e026-refused-address", scheme = *scheme, address = short(url)))
                        .hint(msg!("e026-refused-address.hint")),
                ),
                Issue::Html(h) => (
                    h.as_str(),
                    Diagnostic::warning("W011", msg!("w011-html-in-field", key = key, html = short(h)))
                        .hint(msg!("w011-html-in-field.hint")),
                ),
            };
            let span = locate(text, needle, from).or_else(|| locate(text, needle, 0)).unwrap_or(0..0);
            from = span.end;
            out.push(d.at(file, yaml.start + span.start..yaml.start + span.end));
        }
    }
    out
}

fn walk<'v>(v: &'v serde_yaml::Value, key: Option<&'v str>, out: &mut Vec<(&'v str, &'v str)>) {
    use serde_yaml::Value;
    match v {
        Value::String(s) => {
            let key = key.unwrap_or("");
            if !VERBATIM_KEYS.contains(&key) {
                out.push((key, s));
            }
        }
        Value::Sequence(items) => items.iter().for_each(|i| walk(i, key, out)),
        Value::Mapping(m) => {
            for (k, v) in m {
                walk(v, k.as_str().or(key), out);
            }
        }
        Value::Tagged(t) => walk(&t.value, key, out),
        _ => {}
    }
}

/// The first line of `needle` in `text` after `from`, as written (YAML may have re-quoted it).
fn locate(text: &str, needle: &str, from: usize) -> Option<Range<usize>> {
    let first = needle.lines().next().unwrap_or("").trim();
    if first.is_empty() {
        return None;
    }
    let i = text.get(from..)?.find(first)?;
    Some(from + i..from + i + first.len())
}

fn short(s: &str) -> String {
    let s = s.lines().next().unwrap_or("").trim();
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new(std::path::Path::new("/s"), std::path::Path::new("/s/content/a.md"), text)
    }

    #[test]
    fn refuses_script_links_in_fields_and_locates_them() {
        let text = "title: A\nobjectives:\n  - Em biết [mẹo](JavaScript:alert(1)).\n  - \"[x][r]\\n\\n[r]: data:text/html,hi\"\n";
        let f = file(text);
        let d = check_fields(&f, 0..text.len());
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!((d[0].code, d[0].line), ("E026", 3));
        assert!(d[0].message.contains("javascript:"), "{}", d[0].message);
        assert_eq!(d[1].code, "E026");
    }

    #[test]
    fn html_in_a_field_is_a_warning_but_not_in_accept() {
        let text = "questions:\n  - q: Chọn <script>alert(1)</script>\n    accept: [\"</script>\", \"<!--\"]\n";
        let f = file(text);
        let d = check_fields(&f, 0..text.len());
        assert!(d.iter().all(|d| d.code == "W011" && d.line == 2), "{d:?}");
        assert!(!d.is_empty());
    }

    #[test]
    fn plain_fields_cost_nothing() {
        let text = "title: Mật khẩu\ngrades: [6, 9]\nobjectives:\n  - Em tạo được mật khẩu mạnh.\n";
        assert!(check_fields(&file(text), 0..text.len()).is_empty());
    }
}
