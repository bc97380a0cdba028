//! Links and images: source-relative paths in Markdown become relative URLs of built pages.
//!
//! Authors link to the `.md` file (so the link also works in a Git host's preview); the build
//! rewrites it to the page's URL, relative to the page it is on, so the site works from any
//! sub-path and from file://. Targets are checked here; anchors are checked once every page's
//! headings are known (see `content::check_refs`).

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::{Ctx, Rendered};
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
}

/// A link to a page's anchor, checked once all headings are known.
#[derive(Debug, Clone)]
pub struct Ref {
    /// Content-relative path of the target page's source.
    pub target: String,
    pub anchor: String,
    /// The link in the source file.
    pub span: Range<usize>,
}

/// `from` and `to` are root-relative; the result is relative to `from`'s folder.
pub fn relative(from: &str, to: &str) -> String {
    let depth = from.matches('/').count();
    let mut s = "../".repeat(depth);
    s.push_str(to);
    s
}

/// The `../` prefix from a page to the site root.
pub fn root_prefix(page_url: &str) -> String {
    "../".repeat(page_url.matches('/').count())
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

/// Rewrites one link or image destination; records anchors to check and errors for missing targets.
pub fn resolve(ctx: &Ctx, dest: &str, span: Range<usize>, out: &mut Rendered) -> String {
    if let Some(refused) = crate::sanitize::url::refused_link(ctx.file, dest, span.clone()) {
        out.errors.push(refused);
        return String::new();
    }
    if dest.is_empty() || is_external(dest) {
        return dest.to_string();
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
            out.refs.push(Ref { target: source.clone(), anchor: a.to_string(), span });
        }
        return dest.to_string();
    }
    let err = |code, msg: String, hint: String| Diagnostic::error(code, msg).at(file, span.clone()).hint(hint);
    if let Some(abs) = path.strip_prefix('/') {
        if ctx.index.static_files.contains(abs) || ctx.index.content_files.contains(abs) {
            return with_anchor(relative(ctx.page_url, abs), anchor);
        }
        out.errors.push(err(
            "E022",
            format!("`{dest}` names no file under static/"),
            format!("put the file at static/{abs}, or fix the path (a path starting with `/` is relative to static/)"),
        ));
        return dest.to_string();
    }
    let dir = source.rsplit_once('/').map_or("", |(d, _)| d);
    let Some(target) = join(dir, &path) else {
        out.errors.push(err(
            "E021",
            format!("`{dest}` points outside content/"),
            "link only to files inside the site".into(),
        ));
        return dest.to_string();
    };
    if target.ends_with(".md") {
        if let Some(url) = ctx.index.pages.get(&target) {
            if let Some(a) = anchor {
                out.refs.push(Ref { target: target.clone(), anchor: a.to_string(), span });
            }
            return with_anchor(relative(ctx.page_url, url), anchor);
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
        return dest.to_string();
    }
    if ctx.index.content_files.contains(&target) {
        return with_anchor(relative(ctx.page_url, &target), anchor);
    }
    out.errors.push(err(
        "E022",
        format!("`{dest}` names no file (looked for content/{target})"),
        "paths are relative to this Markdown file; a path starting with `/` names a file under static/".into(),
    ));
    dest.to_string()
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

fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls() {
        assert_eq!(relative("index.html", "thcs/index.html"), "thcs/index.html");
        assert_eq!(relative("thcs/a/index.html", "tieu-hoc/b/index.html"), "../../tieu-hoc/b/index.html");
        assert_eq!(root_prefix("thcs/index.html"), "../");
    }

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
    }
}
