//! Shared helpers for the integration tests: a copy of the fixture site in a temporary folder,
//! a runner for the real `hoclieu` binary, the JSON diagnostics it prints, and a small HTML
//! attribute scanner for checking the built pages.
//!
//! The fixture (`tests/fixtures/site/`) is a minimal but complete valid site: two levels with two
//! lessons each (teacher and parents blocks, cross-links with anchors, images from `static/` and
//! beside a lesson, code blocks, quizzes of every type), a plain page, and one session plan per
//! level whose agenda adds up, with a handout. Tests copy it and overwrite single files to
//! inject one fault at a time.

#![allow(dead_code)] // each test crate uses a different part of this module

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/site");

/// A throw-away copy of the fixture site.
pub struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    pub fn new() -> Site {
        let dir = tempfile::tempdir().expect("temporary folder");
        copy_tree(Path::new(FIXTURE), dir.path());
        Site { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    pub fn public(&self) -> PathBuf {
        self.path("public")
    }

    /// Writes (or overwrites) a file of the site.
    pub fn write(&self, rel: &str, text: &str) -> &Site {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("cannot read {rel}: {e}"))
    }

    /// Replaces the one occurrence of `from` in a file of the site.
    pub fn edit(&self, rel: &str, from: &str, to: &str) -> &Site {
        let text = self.read(rel);
        assert_eq!(text.matches(from).count(), 1, "`{from}` should occur once in {rel}");
        self.write(rel, &text.replacen(from, to, 1))
    }

    pub fn remove(&self, rel: &str) -> &Site {
        std::fs::remove_file(self.path(rel)).unwrap();
        self
    }

    /// Runs `hoclieu <args…> --root <site>`.
    pub fn run(&self, args: &[&str]) -> Run {
        let mut all: Vec<&str> = args.to_vec();
        let root = self.root().to_str().unwrap().to_string();
        all.push("--root");
        all.push(&root);
        hoclieu(&all)
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    /// `check --format json`, parsed.
    pub fn check_json(&self) -> (Run, Vec<Diag>) {
        let run = self.run(&["check", "--format", "json"]);
        let diags = run.diagnostics();
        (run, diags)
    }

    /// Builds and panics with the diagnostics if the build fails.
    pub fn build_ok(&self) -> Run {
        let run = self.build();
        assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
        run
    }

    /// The text of a built file under `public/`.
    pub fn out(&self, rel: &str) -> String {
        std::fs::read_to_string(self.public().join(rel)).unwrap_or_else(|e| panic!("cannot read public/{rel}: {e}"))
    }
}

/// Runs the binary with the given arguments, its messages in English (`--lang en`) unless the
/// arguments choose a language or ask for help (whose language tests choose themselves). The fixtures
/// are Vietnamese sites, whose messages would otherwise be Vietnamese.
pub fn hoclieu(args: &[&str]) -> Run {
    let mut all = args.to_vec();
    if !args.iter().any(|a| a.starts_with("--lang") || *a == "--help" || *a == "-h") {
        all.push("--lang=en");
    }
    hoclieu_as_given(&all)
}

/// Runs the binary with exactly the given arguments.
pub fn hoclieu_as_given(args: &[&str]) -> Run {
    let out =
        Command::new(env!("CARGO_BIN_EXE_hoclieu")).args(args).env("NO_COLOR", "1").output().expect("run hoclieu");
    Run::from(out)
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl Run {
    /// The JSON diagnostics on stdout (`--format json`): one object per line. The advice warnings
    /// W001–W004 (no objectives, no quiz, …) are left out: fixtures are minimal on purpose, and these
    /// tests are about errors; `advice()` returns them.
    pub fn diagnostics(&self) -> Vec<Diag> {
        self.all_diagnostics().into_iter().filter(|d| !d.code.starts_with('W')).collect()
    }

    /// Only the advice warnings (W…).
    pub fn advice(&self) -> Vec<Diag> {
        self.all_diagnostics().into_iter().filter(|d| d.code.starts_with('W')).collect()
    }

    pub fn all_diagnostics(&self) -> Vec<Diag> {
        self.stdout
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let v: serde_json::Value =
                    serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}"));
                for key in ["severity", "code", "message", "file", "line", "column", "hint"] {
                    assert!(v.get(key).is_some(), "diagnostic without `{key}`: {l}");
                }
                Diag {
                    severity: v["severity"].as_str().unwrap_or_default().to_string(),
                    code: v["code"].as_str().unwrap_or_default().to_string(),
                    message: v["message"].as_str().unwrap_or_default().to_string(),
                    file: v["file"].as_str().unwrap_or_default().to_string(),
                    line: v["line"].as_u64().unwrap_or(0) as usize,
                    column: v["column"].as_u64().unwrap_or(0) as usize,
                    hint: v["hint"].as_str().map(str::to_string),
                }
            })
            .collect()
    }
}

#[derive(Debug, Clone)]
pub struct Diag {
    pub severity: String,
    pub code: String,
    pub message: String,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub hint: Option<String>,
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir`, by `/`-separated relative path, with its bytes.
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut map = BTreeMap::new();
    collect(dir, dir, &mut map);
    map
}

fn collect(root: &Path, dir: &Path, map: &mut BTreeMap<String, Vec<u8>>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if entry.file_type().unwrap().is_dir() {
            collect(root, &path, map);
        } else {
            let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            map.insert(rel, std::fs::read(&path).unwrap());
        }
    }
}

/// The built HTML pages under `dir`, by relative path.
pub fn html_pages(dir: &Path) -> BTreeMap<String, String> {
    files(dir)
        .into_iter()
        .filter(|(k, _)| k.ends_with(".html"))
        .map(|(k, v)| (k, String::from_utf8(v).expect("UTF-8 page")))
        .collect()
}

/// One start tag's attribute.
#[derive(Debug, Clone)]
pub struct Attr {
    pub tag: String,
    pub name: String,
    pub value: String,
}

/// One start tag: its lowercased name and attributes in order.
#[derive(Debug, Clone)]
pub struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
}

impl Tag {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// The attributes of every start tag in `html` (see [`tags`]).
pub fn attributes(html: &str) -> Vec<Attr> {
    tags(html)
        .into_iter()
        .flat_map(|t| {
            let tag = t.name;
            t.attrs.into_iter().map(move |(name, value)| Attr { tag: tag.clone(), name, value })
        })
        .collect()
}

/// Every start tag in `html`, with lowercased names and entity-decoded values. Comments and the
/// contents of `<script>`/`<style>` are skipped; unquoted values (which a minifier produces) are
/// read too.
pub fn tags(html: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off + 1;
        if html[i..].starts_with("!--") {
            i = html[i..].find("-->").map_or(html.len(), |e| i + e + 3);
            continue;
        }
        if i >= b.len() || !b[i].is_ascii_alphabetic() {
            continue;
        }
        let start = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-') {
            i += 1;
        }
        let mut tag = Tag { name: html[start..i].to_ascii_lowercase(), attrs: Vec::new() };
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                i += 1;
                break;
            }
            let ns = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
                i += 1;
            }
            let name = html[ns..i].to_ascii_lowercase();
            let mut value = String::new();
            if i < b.len() && b[i] == b'=' {
                i += 1;
                if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                    let q = b[i] as char;
                    let vs = i + 1;
                    let ve = html[vs..].find(q).map_or(html.len(), |e| vs + e);
                    value = html[vs..ve].to_string();
                    i = (ve + 1).min(b.len());
                } else {
                    let vs = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = html[vs..i].to_string();
                }
            }
            tag.attrs.push((name, decode_entities(&value)));
        }
        let raw = tag.name == "script" || tag.name == "style";
        if raw {
            let close = format!("</{}", tag.name);
            let from = i.min(html.len());
            i = html[from..].to_ascii_lowercase().find(&close).map_or(html.len(), |e| from + e);
        }
        out.push(tag);
    }
    out
}

fn decode_entities(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// `%XX` escapes in a URL path, decoded.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Ok(x) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(x);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Resolves `url` (relative, no fragment) against the page at `page` (both relative to the output root).
/// `None` when it climbs above the root.
pub fn resolve(page: &str, url: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for p in url.split('/') {
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

/// Whether a URL leaves the site (or is not a location at all).
pub fn is_external(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    ["http:", "https:", "mailto:", "tel:", "data:", "javascript:"].iter().any(|s| lower.starts_with(s))
}

/// What [`check_links`] found: how many internal URLs each page has, and every one that breaks.
pub struct LinkReport {
    pub checked: BTreeMap<String, usize>,
    pub problems: Vec<String>,
}

/// Every internal `href`/`src`/`action` of every built page must be relative, name a file (not a
/// folder), resolve inside the output, and name an existing id when it has a fragment. The same
/// rules as `every_internal_url_is_relative_names_a_file_and_resolves` in tests/build.rs, for
/// tests that build other variants of the site (another audience, frameworks, letters).
pub fn check_links(public: &Path) -> LinkReport {
    use std::collections::HashSet;
    let pages = html_pages(public);
    let ids: BTreeMap<&str, HashSet<String>> = pages
        .iter()
        .map(|(rel, html)| {
            (rel.as_str(), attributes(html).into_iter().filter(|a| a.name == "id").map(|a| a.value).collect())
        })
        .collect();
    let mut report = LinkReport { checked: BTreeMap::new(), problems: Vec::new() };
    for (page, html) in &pages {
        let mut checked = 0;
        for a in attributes(html) {
            if !matches!(a.name.as_str(), "href" | "src" | "action") || is_external(&a.value) {
                continue;
            }
            checked += 1;
            let url = a.value.as_str();
            let (path, fragment) = match url.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (url, None),
            };
            let path = percent_decode(path.split('?').next().unwrap_or(""));
            let problem = if path.is_empty() {
                match fragment {
                    Some(f) if ids[page.as_str()].contains(&percent_decode(f)) => None,
                    _ => Some("names no id on the page".to_string()),
                }
            } else if page == "404.html" && path.starts_with('/') && !url.starts_with("//") {
                // Shown at any depth, 404.html starts its URLs at the site's root path (docs/theme.md).
                let target = path.trim_start_matches('/');
                (!public.join(target).is_file()).then(|| format!("→ {target} does not exist"))
            } else if path.starts_with('/') || url.starts_with("//") {
                Some("is absolute".to_string())
            } else if path.ends_with('/') || path == "." || path == ".." {
                Some("names a folder, not a file".to_string())
            } else {
                match resolve(page, &path) {
                    None => Some("climbs above the site root".to_string()),
                    Some(target) if !public.join(&target).is_file() => Some(format!("→ {target} does not exist")),
                    Some(target) => fragment.and_then(|f| {
                        let known = ids.get(target.as_str()).is_some_and(|s| s.contains(&percent_decode(f)));
                        (!known).then(|| format!("→ {target} has no id=\"{f}\""))
                    }),
                }
            };
            if let Some(p) = problem {
                report.problems.push(format!("{page}: <{} {}=\"{url}\"> {p}", a.tag, a.name));
            }
        }
        report.checked.insert(page.clone(), checked);
    }
    report
}

/// A UI string of the default theme (`themes/default/i18n/<lang>.yaml`, a flat `key: text` map), so
/// tests look for what the reader sees without copying translations.
pub fn ui_string(lang: &str, key: &str) -> String {
    let file = format!("{}/themes/default/i18n/{lang}.yaml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("cannot read {file}: {e}"));
    let value = text
        .lines()
        .find_map(|l| l.strip_prefix(key).and_then(|r| r.strip_prefix(':')))
        .unwrap_or_else(|| panic!("no `{key}` in {file}"))
        .trim();
    match value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        Some(inner) => inner.replace("\\\"", "\""),
        None => value.to_string(),
    }
}
