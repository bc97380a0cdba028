//! Splitting a Markdown file into its YAML front matter and its body.

use std::ops::Range;

use crate::diagnostics::{msg, Diagnostic, SourceFile};

/// Where the front matter's YAML and the Markdown body lie in the file's text.
#[derive(Debug, Clone)]
pub struct Split {
    pub yaml: Range<usize>,
    pub body: Range<usize>,
}

/// Finds the `---` fences. A file without front matter is an error: every page needs a title.
pub fn split(file: &SourceFile) -> Result<Split, Diagnostic> {
    let text = &file.text;
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let first_line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    if text[start..first_line_end].trim_end() != "---" {
        return Err(Diagnostic::error("E010", msg!("e010-no-front-matter"))
            .at(file, start..first_line_end)
            .hint(msg!("e010-no-front-matter.hint")));
    }
    let yaml_start = (first_line_end + 1).min(text.len());
    let mut pos = yaml_start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            let body_start = (end + 1).min(text.len());
            return Ok(Split { yaml: yaml_start..pos, body: body_start..text.len() });
        }
        pos = end + 1;
    }
    Err(Diagnostic::error("E011", msg!("e011-not-closed"))
        .at(file, start..first_line_end)
        .hint(msg!("e011-not-closed.hint")))
}

/// The value of a top-level `key:` in the YAML, read without parsing it (to choose the schema).
pub fn peek_key<'a>(yaml: &'a str, key: &str) -> Option<&'a str> {
    yaml.lines().find_map(|line| {
        let rest = line.strip_prefix(key)?.strip_prefix(':')?;
        Some(rest.trim().trim_matches(|c| c == '"' || c == '\''))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn file(t: &str) -> SourceFile {
        SourceFile::new(Path::new("/"), Path::new("/a.md"), t.to_string())
    }

    #[test]
    fn splits() {
        let f = file("---\ntitle: A\n---\n# Body\n");
        let s = split(&f).unwrap();
        assert_eq!(&f.text[s.yaml.clone()], "title: A\n");
        assert_eq!(&f.text[s.body.clone()], "# Body\n");
    }

    #[test]
    fn missing_and_unclosed() {
        assert_eq!(split(&file("# no\n")).unwrap_err().code, "E010");
        let d = split(&file("---\ntitle: A\n")).unwrap_err();
        assert_eq!((d.code, d.line), ("E011", 1));
    }

    #[test]
    fn peeks() {
        assert_eq!(peek_key("title: x\nkind: session\n", "kind"), Some("session"));
        assert_eq!(peek_key("kinds: x\n", "kind"), None);
    }
}
