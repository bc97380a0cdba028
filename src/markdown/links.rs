//! Links and images: source-relative paths in Markdown become relative URLs of built pages.
//!
//! Authors link to the `.md` file (so the link also works in a Git host's preview); the build
//! rewrites it to the page's URL, relative to the page it is on, so the site works from any
//! sub-path and from file://. Targets are checked here; anchors are checked once every page's
//! headings are known (see `content::check_refs`).

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::{Analysed, Ctx};
use crate::diagnostics::Diagnostic;

/// Every link target of the site, by path relative to `content/` (or to `static/` for `/…` URLs).
#[derive(Debug, Default)]
pub struct LinkIndex {
    /// `thcs/mat-khau.md` → `thcs/mat-khau/index.html`.
    pub pages: HashMap<String, String>,
    /// Non-Markdown files under `content/`, e.g. `thcs/hinh/a.png`.
    pub content_files: HashSet<String>,
    /// Files under the site's `static/`, e.g. `images/x.svg`.
    pub static_files: HashSet<String>,
    /// Draft pages left out of this build: linking to one is an error with its own hint.
    pub drafts: HashSet<String>,
    /// Pages refused for an error of their own (already reported): a link to one is not reported again.
    pub rejected: HashSet<String>,
}

/// A link to a page's anchor, checked once all headings are known.
#[derive(Debug, Clone)]
pub struct Ref {
    /// Content-relative path of the target page's source.
    pub target: String,
    pub anchor: String,
    /// The link in the source file.
    pub span: Range<usize>,
    /// Its line and column, for a report once the file's text has been let go of.
    pub line: usize,
    pub column: usize,
}

impl Ref {
    fn new(file: &crate::diagnostics::SourceFile, target: String, anchor: &str, span: Range<usize>) -> Ref {
        let (line, column) = file.line_col(span.start);
        Ref { target, anchor: anchor.to_string(), span, line, column }
    }
}

/// Joins `rel` onto folder `dir` (both `/`-separated, relative to content/), resolving `.` and `..`.
/// `None` when the path climbs out of content/.
pub fn join(dir: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for p in rel.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    match (dest.find(':'), dest.find(['/', '?', '#'])) {
        (Some(c), Some(s)) => c < s,
        (Some(_), None) => true,
        _ => false,
    }
}

/// Where a link or image of a page goes, once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dest {
    /// A file of the site, relative to the site root (with its `#anchor`): each page that shows the link
    /// makes it relative to itself.
    Site(String),
    /// Kept as written: another site, an anchor on the same page, or a target that was refused (its
    /// error is recorded).
    AsIs,
}

/// Checks one link or image destination; records anchors to check and errors for missing targets.
pub fn resolve(ctx: &Ctx, dest: &str, span: Range<usize>, out: &mut Analysed) -> Dest {
    if dest.is_empty() || is_external(dest) {
        return Dest::AsIs;
    }
    let file = ctx.file;
    let source = content_path(&file.rel);
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or("");
    let path = percent_decode(path);
    if path.is_empty() {
        if let Some(a) = anchor {
            out.refs.push(Ref::new(file, source.clone(), a, span));
        }
        return Dest::AsIs;
    }
    let err = |code, msg: String, hint: String| Diagnostic::error(code, msg).at(file, span.clone()).hint(hint);
    if let Some(abs) = path.strip_prefix('/') {
        if ctx.index.static_files.contains(abs) || ctx.index.content_files.contains(abs) {
            return Dest::Site(with_anchor(abs.to_string(), anchor));
        }
        out.errors.push(err(
            "E022",
            format!("`{dest}` names no file under static/"),
            format!("put the file at static/{abs}, or fix the path (a path starting with `/` is relative to static/)"),
        ));
        return Dest::AsIs;
    }
    let dir = source.rsplit_once('/').map_or("", |(d, _)| d);
    let Some(target) = join(dir, &path) else {
        out.errors.push(err(
            "E021",
            format!("`{dest}` points outside content/"),
            "link only to files inside the site".into(),
        ));
        return Dest::AsIs;
    };
    if target.ends_with(".md") {
        if let Some(url) = ctx.index.pages.get(&target) {
            if let Some(a) = anchor {
                out.refs.push(Ref::new(file, target.clone(), a, span));
            }
            return Dest::Site(with_anchor(url.clone(), anchor));
        }
        if ctx.index.rejected.contains(&target) {
            return Dest::AsIs;
        }
        let hint = if ctx.index.drafts.contains(&target) {
            "that lesson is a draft (`draft: true`): publish it or build with --drafts".to_string()
        } else {
            match suggest(&target, ctx.index.pages.keys()) {
                Some(s) => format!("did you mean `{}`?", relative_source(dir, &s)),
                None => "links to lessons are paths to their .md files, relative to this file".to_string(),
            }
        };
        out.errors.push(err("E020", format!("link to a missing page `{dest}`"), hint));
        return Dest::AsIs;
    }
    if ctx.index.content_files.contains(&target) {
        return Dest::Site(with_anchor(target, anchor));
    }
    out.errors.push(err(
        "E022",
        format!("`{dest}` names no file (looked for content/{target})"),
        "paths are relative to this Markdown file; a path starting with `/` names a file under static/".into(),
    ));
    Dest::AsIs
}

fn with_anchor(mut url: String, anchor: Option<&str>) -> String {
    if let Some(a) = anchor {
        url.push('#');
        url.push_str(a);
    }
    url
}

/// `content/thcs/a.md` → `thcs/a.md`.
pub fn content_path(rel: &str) -> String {
    rel.strip_prefix("content/").unwrap_or(rel).to_string()
}

fn relative_source(dir: &str, target: &str) -> String {
    match target.strip_prefix(dir).and_then(|t| t.strip_prefix('/')) {
        Some(t) if !dir.is_empty() => t.to_string(),
        _ if dir.is_empty() => target.to_string(),
        _ => format!("../{target}"),
    }
}

fn suggest<'a>(target: &str, candidates: impl Iterator<Item = &'a String>) -> Option<String> {
    candidates
        .map(|c| (strsim::jaro_winkler(target, c), c))
        .filter(|(s, _)| *s > 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.clone())
}

/// `%XX` escapes decoded, as a file name on disk; an escape that is not one is kept as written.
fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins() {
        assert_eq!(join("thcs", "../tieu-hoc/a.md").as_deref(), Some("tieu-hoc/a.md"));
        assert_eq!(join("thcs", "./a.md").as_deref(), Some("thcs/a.md"));
        assert_eq!(join("", "../x.md"), None);
    }

    #[test]
    fn externals() {
        assert!(is_external("https://vn-cop.vn"));
        assert!(is_external("tel:111"));
        assert!(is_external("mailto:a@b.c"));
        assert!(!is_external("a.md#x:y"));
        assert!(!is_external("../a.md"));
    }

    #[test]
    fn decodes() {
        assert_eq!(percent_decode("h%C3%ACnh%20a.png"), "hình a.png");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%aé.md"), "%aé.md");
    }
}
