//! Links and images: source-relative paths in Markdown become relative URLs of built pages.
//!
//! Authors link to the `.md` file (so the link also works in a Git host's preview); the build
//! rewrites it to the page's URL, relative to the page it is on, so the site works from any
//! sub-path and from file://. Targets are checked here; anchors are checked once every page's
//! headings are known (see `content::check_refs`).

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::{Analysed, Ctx};
use crate::diagnostics::{msg, Diagnostic, Text};

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
    /// The size of each image file of the site whose size could be read, by its path relative to the site
    /// root (`images/x.svg`, `thcs/hinh/a.png`): read while loading, before the pages' passes, so that an
    /// image carries `width` and `height` (the page keeps its place while the image loads).
    pub image_sizes: HashMap<String, ImageSize>,
}

/// An image's size in CSS pixels, as its `<img>` says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageSize {
    pub width: u32,
    pub height: u32,
}

impl LinkIndex {
    /// The size of the image a [`Dest::Site`] URL names (its query and anchor aside), when it is known.
    pub fn image_size(&self, site_url: &str) -> Option<ImageSize> {
        let path = site_url.split(['?', '#']).next().unwrap_or_default();
        self.image_sizes.get(&percent_decode(path)).copied()
    }
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
    /// Kept as written: another site, an anchor on the same page, or a missing target (its error is
    /// recorded).
    AsIs,
    /// A script or data address (its error is recorded): written nowhere, not even in a page that fails.
    Refused,
}

/// Checks one link or image destination; records anchors to check and errors for missing targets.
pub fn resolve(ctx: &Ctx, dest: &str, span: Range<usize>, out: &mut Analysed) -> Dest {
    if let Some(refused) = crate::sanitize::url::refused_link(ctx.file, dest, span.clone()) {
        out.errors.push(refused);
        return Dest::Refused;
    }
    if dest.is_empty() || is_external(dest) {
        return Dest::AsIs;
    }
    let file = ctx.file;
    let source = content_path(&file.rel);
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (dest, None),
    };
    // A query string (`?v=2`, to make browsers fetch a changed file again) is kept as written.
    let (path, query) = match path.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (path, None),
    };
    let path = percent_decode(path);
    // The path as on disk, made a URL path (`#`, `?`, spaces… escaped); the query and anchor as written.
    let located = |url: String| with_anchor(with_query(crate::urls::encode_path(&url), query), anchor);
    if path.is_empty() {
        if let Some(a) = anchor {
            out.refs.push(Ref::new(file, source.clone(), a, span));
        }
        return Dest::AsIs;
    }
    let err = |code, message: Text, hint: Text| Diagnostic::error(code, message).at(file, span.clone()).hint(hint);
    let dir = source.rsplit_once('/').map_or("", |(d, _)| d);
    if let Some(abs) = path.strip_prefix('/') {
        if ctx.index.static_files.contains(abs) || ctx.index.content_files.contains(abs) {
            return Dest::Site(located(abs.to_string()));
        }
        // An address as other site generators write it (`/tieu-hoc/bai/`), a near miss (`.png` for `.svg`).
        let hint = if let Some(page) = page_for_address(ctx.index, abs) {
            msg!("e022-no-static-file.page", page = relative_source(dir, &page))
        } else if let Some(s) = suggest_file(abs, ctx.index.static_files.iter()) {
            msg!("e022-no-static-file.suggest", file = s, path = abs)
        } else {
            msg!("e022-no-static-file.hint", path = abs)
        };
        out.errors.push(err("E022", msg!("e022-no-static-file", dest = dest), hint));
        return Dest::AsIs;
    }
    let Some(target) = join(dir, &path) else {
        out.errors.push(err("E021", msg!("e021-outside", dest = dest), msg!("e021-outside.hint")));
        return Dest::AsIs;
    };
    if target.ends_with(".md") {
        if let Some(url) = ctx.index.pages.get(&target) {
            if let Some(a) = anchor {
                out.refs.push(Ref::new(file, target.clone(), a, span));
            }
            return Dest::Site(located(url.clone()));
        }
        if ctx.index.rejected.contains(&target) {
            return Dest::AsIs;
        }
        let hint = if ctx.index.drafts.contains(&target) {
            msg!("e020-missing-page.draft")
        } else {
            match suggest(&target, ctx.index.pages.keys()) {
                Some(s) => msg!("e020-missing-page.suggest", page = relative_source(dir, &s)),
                None => msg!("e020-missing-page.hint"),
            }
        };
        out.errors.push(err("E020", msg!("e020-missing-page", dest = dest), hint));
        return Dest::AsIs;
    }
    if ctx.index.content_files.contains(&target) {
        return Dest::Site(located(target));
    }
    let hint = if looks_like_email(&path) {
        msg!("e022-no-file.email", address = path.as_str())
    } else if let Some(page) = page_for_address(ctx.index, &target) {
        msg!("e022-no-file.page", page = relative_source(dir, &page))
    } else if ctx.index.static_files.contains(path.as_str()) {
        msg!("e022-no-file.in-static", path = path.as_str())
    } else if let Some(s) = suggest_file(&target, ctx.index.content_files.iter()) {
        msg!("e022-no-file.suggest", file = relative_source(dir, &s))
    } else if let Some(s) = suggest_file(&path, ctx.index.static_files.iter()) {
        msg!("e022-no-file.suggest-static", file = s)
    } else {
        msg!("e022-no-file.hint")
    };
    out.errors.push(err("E022", msg!("e022-no-file", dest = dest, target = &target), hint));
    Dest::AsIs
}

/// Like [`resolve`], for the destination of a link of kind `link_type`. An e-mail autolink
/// (`<hotro@truong.edu.vn>`) is an address, not a path: pulldown-cmark adds `mailto:` when it writes it.
pub fn resolve_link(
    ctx: &Ctx,
    link_type: pulldown_cmark::LinkType,
    dest: &str,
    span: Range<usize>,
    out: &mut Analysed,
) -> Dest {
    if link_type == pulldown_cmark::LinkType::Email {
        return Dest::AsIs;
    }
    resolve(ctx, dest, span, out)
}

/// The page a link written as a web address meant: `tieu-hoc/bai/`, `tieu-hoc/bai/index.html` or
/// `tieu-hoc/bai.html` → `tieu-hoc/bai.md` (or a level's `tieu-hoc/_index.md`), when there is one.
fn page_for_address(index: &LinkIndex, address: &str) -> Option<String> {
    let a = address.trim_matches('/');
    let a = a.strip_suffix("index.html").or_else(|| a.strip_suffix(".html")).unwrap_or(a).trim_end_matches('/');
    if a.is_empty() {
        return None;
    }
    [format!("{a}.md"), format!("{a}/_index.md")].into_iter().find(|c| index.pages.contains_key(c))
}

/// `hotro@truong.edu.vn`: written as a link's path, it was meant as an address.
fn looks_like_email(path: &str) -> bool {
    !path.contains('/')
        && path
            .split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.') && !host.ends_with(".md"))
}

fn with_query(mut url: String, query: Option<&str>) -> String {
    if let Some(q) = query {
        url.push('?');
        url.push_str(q);
    }
    url
}

/// `E025` for a file under `static/` or `content/` (`folder`) whose name holds a `\\`, `rel` being its path
/// inside that folder. A browser reads `\\` in an address as `/`, so no page could link to it, and on
/// Windows it would name a folder: `check` and `build` both refuse it, before anything is written.
pub fn backslash_in_name(folder: &str, rel: &std::path::Path) -> Option<Diagnostic> {
    if !rel.components().any(|c| c.as_os_str().to_string_lossy().contains('\\')) {
        return None;
    }
    let shown = rel.to_string_lossy();
    Some(
        Diagnostic::error("E025", msg!("e025-backslash", file = format!("{folder}/{shown}")))
            .hint(msg!("e025-backslash.hint", file = format!("{folder}/{}", shown.replace('\\', "-")))),
    )
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

/// A file in the same folder whose name is close to `path`'s (`o-khoa.png` for `o-khoa.svg`): names are
/// compared without their folder, which every candidate shares and which would make any two look alike.
fn suggest_file<'a>(path: &str, candidates: impl Iterator<Item = &'a String>) -> Option<String> {
    let split = |p: &'a str| p.rsplit_once('/').unwrap_or(("", p));
    let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
    candidates
        .filter_map(|c| {
            let (cdir, cname) = split(c);
            (cdir == dir).then(|| (strsim::jaro_winkler(name, cname), c))
        })
        .filter(|(s, _)| *s > 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.clone())
}

/// `%XX` escapes decoded (`h%C3%ACnh%20a.png` → `hình a.png`); a `%` that starts no escape stays as it is,
/// and bytes that are not UTF-8 become U+FFFD, so any input gives a path to look up.
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
        // A `%` before a multi-byte letter once sliced through the letter and panicked.
        assert_eq!(percent_decode("%aé.md"), "%aé.md");
        assert_eq!(percent_decode("%é"), "%é");
        assert_eq!(percent_decode("%ff.md"), "\u{fffd}.md");
    }

    #[test]
    fn file_suggestions_compare_names_in_one_folder() {
        let files: Vec<String> =
            ["images/o-khoa.svg", "images/dong-ho.svg", "khac/o-khoa.png"].map(String::from).into();
        assert_eq!(suggest_file("images/o-khoa.png", files.iter()).as_deref(), Some("images/o-khoa.svg"));
        assert_eq!(suggest_file("images/khong-co.svg", files.iter()), None, "the shared folder is no likeness");
        assert_eq!(suggest_file("hinh/o-khoa.svg", files.iter()), None);
    }

    #[test]
    fn e_mail_addresses_written_as_paths_are_recognised() {
        assert!(looks_like_email("hotro@truong.edu.vn"));
        assert!(!looks_like_email("anh@2x.png/a"));
        assert!(!looks_like_email("@x.vn"));
        assert!(!looks_like_email("bai@hai.md"));
    }
}
