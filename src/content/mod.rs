//! Loading: walk `content/`, read front matter, analyse every page's Markdown once, and validate the
//! whole site into a [`Site`]. Every check about the author's content happens here, so renderers
//! only read a model that is known to be right: each page's body is kept as [`markdown::Body`], and
//! nothing here renders, highlights or writes.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::config::{self, Config};
use crate::diagnostics::msg;
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile, Text};
use crate::frontmatter;
use crate::markdown::{self, Heading, LinkIndex};
use crate::quiz::Quiz;
pub mod images;
pub mod placeholders;
pub mod session;

use crate::text::{nfc, slugify};
use crate::urls;
use session::{Material, MaterialMeta, Session, SessionMeta};

mod analyse;
use analyse::analyse;
pub use analyse::{analyse_doc, check_refs};

pub use crate::urls::RESERVED;

/// The front matter of a plain page (`content/<name>.md`) or of the home page (`content/_index.md`).
/// (Phần đầu của một trang thường hoặc trang chủ.)
///
/// The doc comments of the front-matter types are the descriptions of `hoclieu schema`'s JSON Schemas,
/// which editors show while an author types: they are written for authors.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    /// The page's title, its heading and its name in the browser tab. Required. (Tên trang.)
    pub title: String,
    /// One sentence about the page, shown under its title and in search results. (Tóm tắt một câu.)
    #[serde(default)]
    pub summary: Option<String>,
    /// `true` keeps the page out of the built site until it is ready (`--drafts` shows it).
    /// (Bản nháp: chưa đăng.)
    #[serde(default)]
    pub draft: bool,
}
const PAGE_FIELDS: &[&str] = &["title", "summary", "draft"];

/// The front matter of a level, `content/<level>/_index.md` (cấp học: mầm non, tiểu học, THCS, THPT).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelMeta {
    /// The level's name, e.g. `Tiểu học`. Required. (Tên cấp học.)
    pub title: String,
    /// Where the level comes in the site's menus: lower first, each level its own number. Required.
    /// (Thứ tự: số nhỏ đứng trước.)
    pub order: i64,
    /// The grades the level is for, as a range `[first, last]`, e.g. `[1, 5]`. (Các lớp: `[đầu, cuối]`.)
    #[serde(default)]
    #[schemars(extend("minItems" = 1, "maxItems" = 2))]
    pub grades: Option<Vec<u8>>,
    /// The children's ages, as a range `[youngest, oldest]`, e.g. `[6, 11]`. (Độ tuổi.)
    #[serde(default)]
    #[schemars(extend("minItems" = 1, "maxItems" = 2))]
    pub ages: Option<Vec<u8>>,
    /// One sentence about the level, shown on the home page. (Tóm tắt.)
    #[serde(default)]
    pub summary: Option<String>,
    /// How the theme presents the level (docs/theme.md): `preschool` (pictures first, big buttons),
    /// `young`, or `standard` (default). (Cách trình bày theo lứa tuổi.)
    #[serde(default)]
    #[schemars(extend("enum" = ["preschool", "young", "standard", null]))]
    pub presentation: Option<String>,
    /// Whether lessons and quizzes offer "Nghe đọc" (the browser reads them aloud).
    #[serde(default)]
    pub read_aloud: bool,
    /// The theme's icon for the level (docs/theme.md lists the names). (Biểu tượng.)
    #[serde(default)]
    pub icon: Option<String>,
    /// The theme's colour for the level (docs/theme.md lists the names). (Màu.)
    #[serde(default)]
    pub colour: Option<String>,
}
const LEVEL_FIELDS: &[&str] =
    &["title", "order", "grades", "ages", "summary", "presentation", "read_aloud", "icon", "colour"];

/// The front matter of a lesson, `content/<level>/<lesson>.md`. (Phần đầu của một bài học.)
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LessonMeta {
    /// Always `lesson` when written; accepted so authors may say so explicitly.
    #[serde(default, skip_serializing)]
    #[schemars(extend("enum" = ["lesson", null]))]
    pub kind: Option<String>,
    /// The lesson's title, e.g. `Mật khẩu là bí mật`. Required. (Tên bài.)
    pub title: String,
    /// One sentence about the lesson, shown in lists and search results. (Tóm tắt một câu.)
    #[serde(default)]
    pub summary: Option<String>,
    /// Where the lesson comes in its level: lower first, each lesson its own number.
    /// (Thứ tự trong cấp học.)
    #[serde(default)]
    pub order: Option<i64>,
    /// How long the lesson takes, in minutes, e.g. `35`. (Thời lượng, tính bằng phút.)
    #[serde(default)]
    #[schemars(range(min = 1))]
    pub duration: Option<u32>,
    /// The grades the lesson is for, within its level's, as a range `[first, last]`, e.g. `[6, 7]`.
    /// (Các lớp: `[đầu, cuối]`.)
    #[serde(default)]
    #[schemars(extend("minItems" = 1, "maxItems" = 2))]
    pub grades: Option<Vec<u8>>,
    /// What children can do after the lesson, one per line (Markdown). (Mục tiêu: sau bài học, em…)
    #[serde(default)]
    pub objectives: Vec<String>,
    /// Competence codes from the frameworks in `hoclieu.yaml`, e.g. `2.3`. (Mã năng lực.)
    #[serde(default)]
    pub competencies: Vec<String>,
    /// Words that help find the lesson in the site's search. (Từ khóa tìm kiếm.)
    #[serde(default)]
    pub keywords: Vec<String>,
    /// `true` keeps the lesson out of the built site until it is ready (`--drafts` shows it).
    /// (Bản nháp: chưa đăng.)
    #[serde(default)]
    pub draft: bool,
    /// When the lesson was last revised, as year-month-day: `2026-11-28`. (Ngày cập nhật.)
    #[serde(default)]
    #[schemars(extend("pattern" = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub updated: Option<String>,
}
const LESSON_FIELDS: &[&str] =
    &["title", "summary", "order", "duration", "grades", "objectives", "competencies", "keywords", "draft", "updated"];

/// A Markdown document of the site: its file, where its body is, its output URL and what the
/// load-time analysis found in it.
#[derive(Debug)]
pub struct Doc {
    pub file: SourceFile,
    pub body: Range<usize>,
    /// Root-relative output path, e.g. `thcs/mat-khau/index.html`.
    pub url: String,
    pub headings: Vec<Heading>,
    pub quizzes: Vec<Quiz>,
    /// Links from this page to anchors of pages (checked once every page's headings are known).
    pub refs: Vec<markdown::Ref>,
    /// Its text by section (no teacher blocks), for the search index.
    pub sections: Vec<markdown::Section>,
    /// Different for every load of a document: caches kept between rebuilds (`serve`) key on it.
    pub stamp: u64,
    /// Its body as the load-time pass made it, for every page that shows it (holes filled by each).
    pub markup: markdown::Body,
    /// ```quiz blocks that had errors: later checks must not also call the page quiz-less.
    pub refused_quizzes: usize,
}

impl Doc {
    /// A document just read, before the load-time analysis fills in what it found; with a fresh stamp.
    fn new(file: SourceFile, body: Range<usize>, url: String) -> Doc {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Doc {
            file,
            body,
            url,
            headings: Vec::new(),
            quizzes: Vec::new(),
            refs: Vec::new(),
            sections: Vec::new(),
            stamp: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            markup: markdown::Body::default(),
            refused_quizzes: 0,
        }
    }
}

#[derive(Debug)]
pub struct Page {
    pub slug: String,
    pub meta: PageMeta,
    pub doc: Doc,
}

#[derive(Debug)]
pub struct Level {
    pub slug: String,
    pub meta: LevelMeta,
    pub doc: Doc,
    pub lessons: Vec<Lesson>,
    pub sessions: Vec<Session>,
    pub materials: Vec<Material>,
}

#[derive(Debug)]
pub struct Lesson {
    pub slug: String,
    pub meta: LessonMeta,
    pub doc: Doc,
}

#[derive(Debug)]
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub home: Page,
    pub pages: Vec<Page>,
    pub levels: Vec<Level>,
    pub index: LinkIndex,
}

impl Site {
    pub fn lesson_count(&self) -> usize {
        self.levels.iter().map(|l| l.lessons.len()).sum()
    }

    /// Every document with a stable position, for parallel rendering.
    pub fn docs(&self) -> impl Iterator<Item = &Doc> + Clone {
        std::iter::once(&self.home.doc).chain(self.pages.iter().map(|p| &p.doc)).chain(self.levels.iter().flat_map(
            |l| {
                std::iter::once(&l.doc)
                    .chain(l.lessons.iter().map(|x| &x.doc))
                    .chain(l.sessions.iter().map(|x| &x.doc))
                    .chain(l.materials.iter().map(|x| &x.doc))
            },
        ))
    }

    pub fn docs_mut(&mut self) -> impl Iterator<Item = &mut Doc> {
        std::iter::once(&mut self.home.doc).chain(self.pages.iter_mut().map(|p| &mut p.doc)).chain(
            self.levels.iter_mut().flat_map(|l| {
                std::iter::once(&mut l.doc)
                    .chain(l.lessons.iter_mut().map(|x| &mut x.doc))
                    .chain(l.sessions.iter_mut().map(|x| &mut x.doc))
                    .chain(l.materials.iter_mut().map(|x| &mut x.doc))
            }),
        )
    }
}

pub struct LoadOptions {
    pub drafts: bool,
    /// `check`: a level without this year's session is an error, not a warning.
    pub strict: bool,
    /// A student-only build: links to a session plan go to its student page.
    pub student: bool,
    /// Let go of each page's source text as soon as no check can point into it any more (one-shot
    /// builds; `serve` keeps every text for the checks of the next edit). See [`analyse`].
    pub release_sources: bool,
}

/// Whether a lesson's pages show each part's picture before its text: lessons of a `preschool` level,
/// and of a `young` level up to grade 3 (the same rule as the theme's `present-` class in lesson.html;
/// docs/theme.md). The Markdown pass puts the pictures first ([`crate::markdown::Ctx::picture_first`]).
pub fn picture_first(level: &LevelMeta, lesson: &LessonMeta) -> bool {
    match level.presentation.as_deref() {
        Some("preschool") => true,
        Some("young") => lesson.grades.as_ref().and_then(|g| g.last()).is_none_or(|&last| last <= 3),
        _ => false,
    }
}

/// A file found under content/, before parsing.
struct Found {
    /// Content-relative, `/`-separated.
    rel: String,
    path: PathBuf,
}

/// Loads and validates the site at `root`. `None` when there were errors (all in `diags`).
pub fn load(root: &Path, opts: &LoadOptions, diags: &Diagnostics) -> Option<Site> {
    let config = config::load(root, diags);
    let content_dir = root.join("content");
    if !content_dir.is_dir() {
        diags.push(
            Diagnostic::error("E004", msg!("e004-no-content", folder = root.display().to_string()))
                .hint(msg!("e004-no-content.hint")),
        );
        return None;
    }
    let mut markdown = Vec::new();
    let mut index = LinkIndex::default();
    for entry in walkdir::WalkDir::new(&content_dir).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(Diagnostic::error(
                    "E005",
                    msg!("e005-cannot-read", file = "content/", error = e.to_string()),
                ));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        if entry.path_is_symlink() {
            if let Err(d) = linked_file_inside(root, entry.path()) {
                diags.push(d);
                continue;
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        if let Some(d) = markdown::links::backslash_in_name(
            "content",
            entry.path().strip_prefix(&content_dir).unwrap_or(entry.path()),
        ) {
            diags.push(d);
            continue;
        }
        let rel = entry.path().strip_prefix(&content_dir).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
        let rel = nfc(&rel);
        if rel.ends_with(".md") {
            markdown.push(Found { rel, path: entry.path().to_path_buf() });
        } else {
            index.content_files.insert(rel);
        }
    }
    let static_dir = root.join("static");
    for entry in walkdir::WalkDir::new(&static_dir).into_iter().flatten() {
        let linked = entry.path_is_symlink();
        if linked {
            if let Err(d) = linked_file_inside(root, entry.path()) {
                diags.push(d);
                continue;
            }
        }
        if linked || entry.file_type().is_file() {
            if let Ok(rel) = entry.path().strip_prefix(&static_dir) {
                if let Some(d) = markdown::links::backslash_in_name("static", rel) {
                    diags.push(d);
                    continue;
                }
                index.static_files.insert(nfc(&rel.to_string_lossy().replace('\\', "/")));
            }
        }
    }
    // Before the pages' passes, which give each image of the site its size.
    index.image_sizes = images::read_sizes(root, &index, diags);

    // Read and split every file in parallel: this is the I/O- and YAML-heavy part. A one-shot build parks
    // each page's body as soon as its front matter is read (`SourceFile::park`) and reads it again for the
    // page's Markdown pass, so the whole site's text is never held at once. Session plans keep theirs (their
    // checks come later), and so does a file a diagnostic already points into. Parking happens on the
    // thread that read the file: the allocator takes back memory freed by another thread only late.
    let parsed: Vec<Option<Parsed>> = markdown
        .par_iter()
        .map(|f| {
            let mut p = read_and_parse(root, f, diags)?;
            if opts.release_sources && !matches!(p.kind, Kind::Session(_)) && !diags.points_into(&p.file.rel) {
                p.file.park(p.body.start);
                diags.forget(&p.file.rel);
                diags.remember(&p.file);
            }
            Some(p)
        })
        .collect();
    // A page refused here (its error is reported) is out of the tree. What only follows from its absence
    // is not reported again: links to it, session plans naming it, the lessons of a refused level.
    let parsed: Vec<Parsed> = markdown
        .iter()
        .zip(parsed)
        .filter_map(|(f, p)| {
            if p.is_none() {
                index.rejected.insert(f.rel.clone());
            }
            p
        })
        .collect();
    // A broken config must not hide the content's own errors: analyse with a stand-in and fail at the end.
    let config_ok = config.is_some();
    let config = config.unwrap_or_else(|| Config {
        title: String::new(),
        description: String::new(),
        language: "vi".into(),
        school_year: None,
        help: Vec::new(),
        help_page: None,
        base_url: None,
        frameworks: None,
        framework_list: Vec::new(),
        trusted_html: false,
    });

    // Assemble the tree.
    let mut home = None;
    let mut pages = Vec::new();
    let mut levels: Vec<Level> = Vec::new();
    let mut lessons: HashMap<String, Vec<Lesson>> = HashMap::new();
    let mut sessions: HashMap<String, Vec<Session>> = HashMap::new();
    let mut materials: HashMap<String, Vec<Material>> = HashMap::new();
    let mut level_dirs = HashSet::new();
    for p in &parsed {
        if let Parsed { kind: Kind::Level(_), dir, .. } = p {
            level_dirs.insert(dir.clone());
        }
    }
    for p in parsed {
        let Parsed { rel, dir, slug, file, body, kind } = p;
        let doc = |url: String, file: SourceFile, body: Range<usize>| Doc::new(file, body, url);
        match kind {
            Kind::Home(meta) => {
                index.pages.insert(rel, urls::HOME.into());
                home = Some(Page { slug: String::new(), meta, doc: doc(urls::HOME.into(), file, body) })
            }
            Kind::Page(meta) => {
                if meta.draft && !opts.drafts {
                    index.drafts.insert(rel);
                    continue;
                }
                if RESERVED.contains(&slug.as_str()) {
                    diags.push(reserved(&file, &slug));
                }
                let url = urls::page(&slug);
                index.pages.insert(rel, url.clone());
                pages.push(Page { slug, meta, doc: doc(url, file, body) });
            }
            Kind::Level(meta) => {
                if RESERVED.contains(&dir.as_str()) {
                    diags.push(reserved(&file, &dir));
                }
                if slugify(&dir) != dir {
                    diags.push(
                        Diagnostic::error("E012", msg!("e012-level-folder", dir = &dir))
                            .in_file(&file)
                            .hint(msg!("e012-level-folder.hint", slug = slugify(&dir))),
                    );
                }
                let url = urls::level(&dir);
                index.pages.insert(rel, url.clone());
                levels.push(Level {
                    slug: dir,
                    meta,
                    doc: doc(url, file, body),
                    lessons: Vec::new(),
                    sessions: Vec::new(),
                    materials: Vec::new(),
                });
            }
            Kind::Session(_) | Kind::Material(_) | Kind::Lesson(_) if !level_dirs.contains(&dir) => {
                if !index.rejected.contains(&format!("{dir}/_index.md")) {
                    diags.push(outside_level(&file, &dir));
                }
            }
            Kind::Session(meta) => {
                let meta: SessionMeta = *meta;
                if meta.draft && !opts.drafts {
                    index.drafts.insert(rel);
                    continue;
                }
                let url = urls::in_level(&dir, &slug);
                let link = if opts.student { urls::session_student(&url) } else { url.clone() };
                index.pages.insert(rel, link);
                sessions.entry(dir).or_default().push(Session {
                    slug,
                    meta,
                    doc: doc(url, file, body),
                    school_year: None,
                    materials: Vec::new(),
                });
            }
            Kind::Material(meta) => {
                let meta: MaterialMeta = *meta;
                if meta.draft && !opts.drafts {
                    index.drafts.insert(rel);
                    continue;
                }
                let url = urls::in_level(&dir, &slug);
                index.pages.insert(rel, url.clone());
                materials.entry(dir).or_default().push(Material { slug, meta, doc: doc(url, file, body) });
            }
            Kind::Lesson(meta) => {
                if meta.draft && !opts.drafts {
                    index.drafts.insert(rel);
                    continue;
                }
                let url = urls::in_level(&dir, &slug);
                index.pages.insert(rel, url.clone());
                lessons.entry(dir).or_default().push(Lesson { slug, meta, doc: doc(url, file, body) });
            }
        }
    }
    let Some(home) = home else {
        diags.push(Diagnostic::error("E006", msg!("e006-no-home")).hint(msg!("e006-no-home.hint")));
        return None;
    };
    levels.sort_by(|a, b| (a.meta.order, &a.slug).cmp(&(b.meta.order, &b.slug)));
    check_level_orders(&levels, diags);
    for level in &mut levels {
        let mut ls = lessons.remove(&level.slug).unwrap_or_default();
        ls.sort_by(|a, b| {
            (a.meta.order.unwrap_or(i64::MAX), &a.slug).cmp(&(b.meta.order.unwrap_or(i64::MAX), &b.slug))
        });
        check_lessons(level, &ls, diags);
        level.lessons = ls;
        let mut ss = sessions.remove(&level.slug).unwrap_or_default();
        ss.sort_by(|a, b| (&b.meta.school_year, &a.slug).cmp(&(&a.meta.school_year, &b.slug)));
        level.sessions = ss;
        let mut ms = materials.remove(&level.slug).unwrap_or_default();
        ms.sort_by(|a, b| a.slug.cmp(&b.slug));
        level.materials = ms;
    }
    check_slug_clashes(&levels, diags);
    pages.sort_by(|a, b| a.slug.cmp(&b.slug));

    let mut site = Site { root: root.to_path_buf(), config, home, pages, levels, index };
    check_competences(&site, diags);
    analyse(&mut site, opts.release_sources, diags);
    let year = site.config.school_year.clone();
    for level in &mut site.levels {
        session::check_level(level, year.as_deref(), &site.index, opts.strict, diags);
    }
    warn_thin(&site, diags);
    (config_ok && !diags.has_errors()).then_some(site)
}

/// A symbolic link under content/ or static/ is published as the file it leads to when that file is inside
/// the site folder. A link that leads outside the site, to a folder (not followed: links can make cycles)
/// or nowhere is an error: a lesson must not silently go missing, and a build must not publish files from
/// elsewhere on the computer.
fn linked_file_inside(root: &Path, link: &Path) -> Result<(), Diagnostic> {
    let rel = link.strip_prefix(root).unwrap_or(link).display().to_string();
    let target = std::fs::canonicalize(link).map_err(|e| {
        Diagnostic::error("E009", msg!("e009-link-nowhere", file = &rel, error = e.to_string()))
            .hint(msg!("e009-link-nowhere.hint"))
    })?;
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    if !target.starts_with(&root) {
        return Err(Diagnostic::error(
            "E009",
            msg!("e009-link-outside", file = &rel, target = target.display().to_string()),
        )
        .hint(msg!("e009-link-outside.hint")));
    }
    if target.is_dir() {
        return Err(
            Diagnostic::error("E009", msg!("e009-link-folder", file = &rel)).hint(msg!("e009-link-folder.hint"))
        );
    }
    Ok(())
}

enum Kind {
    Home(PageMeta),
    Page(PageMeta),
    Level(LevelMeta),
    Lesson(LessonMeta),
    Session(Box<SessionMeta>),
    Material(Box<MaterialMeta>),
}

/// Pages per step of the Markdown pass (`analyse`): the search texts of one step are held whole until it ends.
const CHUNK: usize = 1024;

/// Reads a parked page's text again ([`SourceFile::park`]) for its Markdown pass, as the loader read it
/// the first time; an error if the file cannot be read or is no longer what was read.
pub(crate) fn unpark(file: &mut SourceFile) -> Result<(), Diagnostic> {
    if !file.is_parked() {
        return Ok(());
    }
    let text = std::fs::read(&file.path).ok().and_then(crate::text::string_from_utf8);
    // Most files are NFC as written: the text read is then the one parked, and checking it is NFC again
    // (a scan of every character) is not needed. Only a text that does not match is normalised and tried
    // once more.
    let matched = text.is_some_and(|t| match file.unpark(t) {
        Ok(()) => true,
        Err(t) => file.unpark(crate::text::into_nfc(t)).is_ok(),
    });
    if matched {
        return Ok(());
    }
    Err(Diagnostic::error("E008", msg!("e008-changed", file = &file.rel)).in_file(file).hint(msg!("e008-changed.hint")))
}

struct Parsed {
    rel: String,
    /// Level folder (`""` at the top).
    dir: String,
    slug: String,
    file: SourceFile,
    body: Range<usize>,
    kind: Kind,
}

fn read_and_parse(root: &Path, f: &Found, diags: &Diagnostics) -> Option<Parsed> {
    let text = match std::fs::read(&f.path) {
        Ok(bytes) => match crate::text::string_from_utf8(bytes) {
            Some(t) => crate::text::into_nfc(t),
            None => {
                diags.push(
                    Diagnostic::error("E007", msg!("e007-not-utf8", file = format!("content/{}", f.rel)))
                        .hint(msg!("e007-not-utf8.hint")),
                );
                return None;
            }
        },
        Err(e) => {
            diags.push(Diagnostic::error(
                "E005",
                msg!("e005-cannot-read", file = format!("content/{}", f.rel), error = e.to_string()),
            ));
            return None;
        }
    };
    let file = SourceFile::new(root, &f.path, text);
    diags.remember(&file);
    let split = match frontmatter::split(&file) {
        Ok(s) => s,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let parts: Vec<&str> = f.rel.split('/').collect();
    let (dir, name) = match parts.as_slice() {
        [name] => (String::new(), *name),
        [dir, name] => (dir.to_string(), *name),
        _ => {
            diags.push(
                Diagnostic::error("E014", msg!("e014-too-deep", file = format!("content/{}", f.rel)))
                    .in_file(&file)
                    .hint(msg!("e014-too-deep.hint")),
            );
            return None;
        }
    };
    let stem = name.trim_end_matches(".md");
    let slug = slugify(stem);
    let yaml = &file.text[split.yaml.clone()];
    let base = split.yaml.start;
    let kind = match (dir.is_empty(), stem) {
        (true, "_index") => {
            crate::yaml::parse(&file, yaml, base, "E010", crate::diagnostics::msg!("where-front-matter"), PAGE_FIELDS)
                .map(Kind::Home)
        }
        (true, _) => {
            crate::yaml::parse(&file, yaml, base, "E010", crate::diagnostics::msg!("where-front-matter"), PAGE_FIELDS)
                .map(Kind::Page)
        }
        (false, "_index") => crate::yaml::parse(
            &file,
            yaml,
            base,
            "E010",
            crate::diagnostics::msg!("where-level-front-matter"),
            LEVEL_FIELDS,
        )
        .map(Kind::Level),
        (false, _) => match frontmatter::peek_key(yaml, "kind") {
            None | Some("lesson") => crate::yaml::parse(
                &file,
                yaml,
                base,
                "E010",
                crate::diagnostics::msg!("where-lesson-front-matter"),
                LESSON_FIELDS,
            )
            .map(Kind::Lesson),
            Some("session") => crate::yaml::parse(
                &file,
                yaml,
                base,
                "E010",
                crate::diagnostics::msg!("where-session-front-matter"),
                session::SESSION_FIELDS,
            )
            .map(|m| Kind::Session(Box::new(m))),
            Some(k) if session::MATERIAL_KINDS.contains(&k) => crate::yaml::parse(
                &file,
                yaml,
                base,
                "E010",
                crate::diagnostics::msg!("where-material-front-matter"),
                session::MATERIAL_FIELDS,
            )
            .map(|m| Kind::Material(Box::new(m))),
            Some(k) => {
                let kinds = ["lesson", "session", "handout", "letter", "poster"];
                let hint = match crate::diagnostics::did_you_mean(k, &kinds) {
                    Some(x) => msg!("e043-unknown-kind.suggest", kind = x),
                    None => msg!("e043-unknown-kind.known", kinds = kinds.join(", ")),
                };
                Err(Diagnostic::error("E043", msg!("e043-unknown-kind", kind = k))
                    .at(&file, key_span(yaml, base, "kind"))
                    .hint(hint))
            }
        },
    };
    let kind = match kind {
        Ok(k) => k,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    if stem != "_index" && slug != stem {
        diags.push(
            Diagnostic::error("E012", msg!("e012-file-name", name = name))
                .in_file(&file)
                .hint(msg!("e012-file-name.hint", slug = &slug)),
        );
    }
    if !validate_meta(&file, yaml, base, &kind, diags) {
        return None;
    }
    // Sample text from `hoclieu new` left in a page that is published (a draft may hold it).
    let published = match &kind {
        Kind::Lesson(m) => !m.draft,
        Kind::Level(_) => true,
        _ => false,
    };
    if let Some(w) = published.then(|| placeholders::placeholder_warning(&file)).flatten() {
        diags.push(w);
    }
    Some(Parsed { rel: f.rel.clone(), dir, slug, file, body: split.body, kind })
}

/// Points at `key:` in the front matter, or at its start.
fn key_span(yaml: &str, base: usize, key: &str) -> Range<usize> {
    let needle = format!("{key}:");
    let mut offset = 0;
    for line in yaml.lines() {
        if line.starts_with(&needle) {
            return base + offset..base + offset + key.len();
        }
        offset += line.len() + 1;
    }
    base..base
}

/// Checks what the front matter's types cannot say; `false` if the page is refused (errors in `diags`).
fn validate_meta(file: &SourceFile, yaml: &str, base: usize, kind: &Kind, diags: &Diagnostics) -> bool {
    let ok = std::cell::Cell::new(true);
    let err = |key: &str, code, msg: Text, hint: Text| {
        ok.set(false);
        diags.push(Diagnostic::error(code, msg).at(file, key_span(yaml, base, key)).hint(hint));
    };
    // Links and HTML in fields shown as inline Markdown (objectives, session notes…).
    crate::sanitize::yaml::check_fields(file, base..base + yaml.len()).into_iter().for_each(|d| diags.push(d));
    let title = match kind {
        Kind::Home(m) | Kind::Page(m) => &m.title,
        Kind::Level(m) => &m.title,
        Kind::Lesson(m) => &m.title,
        Kind::Session(m) => &m.title,
        Kind::Material(m) => &m.title,
    };
    if title.trim().is_empty() {
        err("title", "E015", msg!("e015-empty-title"), msg!("e015-empty-title.hint"));
    }
    let range_ok =
        |r: &Option<Vec<u8>>| r.as_ref().is_none_or(|v| matches!(v.as_slice(), [a] | [a, _] if *a <= v[v.len() - 1]));
    match kind {
        Kind::Level(m) => {
            if !range_ok(&m.grades) {
                err("grades", "E016", msg!("e016-grades-range"), msg!("e016-grades-range.hint", example = "[6, 9]"));
            }
            if !range_ok(&m.ages) {
                err("ages", "E016", msg!("e016-ages-range"), msg!("e016-ages-range.hint"));
            }
        }
        Kind::Lesson(m) => {
            if !range_ok(&m.grades) {
                err("grades", "E016", msg!("e016-grades-range"), msg!("e016-grades-range.hint", example = "[6, 7]"));
            }
            if m.duration == Some(0) {
                err("duration", "E017", msg!("e017-zero-minutes"), msg!("e017-zero-minutes.hint"));
            }
            if let Some(u) = &m.updated {
                if !is_date(u) {
                    // Vietnamese dates are written day first (6/12/2026): the hint shows that date the other way
                    // round, and any example date when the value is not one.
                    let date = day_first(u).unwrap_or_else(|| "2026-11-28".to_string());
                    err(
                        "updated",
                        "E018",
                        msg!("e018-not-a-date", value = u),
                        msg!("e018-not-a-date.hint", date = date),
                    );
                }
            }
        }
        Kind::Session(m) if !range_ok(&m.grades) => {
            err("grades", "E016", msg!("e016-grades-range"), msg!("e016-grades-range.hint", example = "[1, 5]"));
        }
        _ => {}
    }
    ok.get()
}

fn is_date(s: &str) -> bool {
    let p: Vec<&str> = s.split('-').collect();
    matches!(p.as_slice(), [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2
        && y.parse::<u32>().is_ok() && matches!(m.parse::<u32>(), Ok(1..=12)) && matches!(d.parse::<u32>(), Ok(1..=31)))
}

/// A date written day first (`6/12/2026`, `06-12-2026`, `6.12.2026`) as year-month-day, if it is one.
fn day_first(s: &str) -> Option<String> {
    let p: Vec<&str> = s.trim().split(['/', '-', '.']).collect();
    let [d, m, y] = p.as_slice() else { return None };
    let (d, m) = (d.parse::<u32>().ok()?, m.parse::<u32>().ok()?);
    let date = format!("{y}-{m:02}-{d:02}");
    (y.len() == 4 && d <= 31 && m <= 12 && is_date(&date)).then_some(date)
}

/// Advice rather than errors: things that make a lesson less useful, found by `check` and `build`.
fn warn_thin(site: &Site, diags: &Diagnostics) {
    for level in &site.levels {
        for lesson in &level.lessons {
            let f = &lesson.doc.file;
            if lesson.meta.objectives.is_empty() {
                diags.push(
                    Diagnostic::warning("W001", msg!("w001-no-objectives", title = &lesson.meta.title))
                        .in_file(f)
                        .hint(msg!("w001-no-objectives.hint")),
                );
            }
            // A quiz that was refused is reported as such, not as a missing quiz.
            if lesson.doc.quizzes.is_empty() && lesson.doc.refused_quizzes == 0 {
                diags.push(
                    Diagnostic::warning("W002", msg!("w002-no-quiz", title = &lesson.meta.title))
                        .in_file(f)
                        .hint(msg!("w002-no-quiz.hint")),
                );
            }
            if !level.sessions.iter().any(|s| {
                s.meta.lessons.contains(&lesson.slug)
                    || s.meta.agenda.iter().any(|x| x.lesson.as_deref() == Some(lesson.slug.as_str()))
            }) {
                diags.push(
                    Diagnostic::warning("W003", msg!("w003-no-session", lesson = &lesson.slug))
                        .in_file(f)
                        .hint(msg!("w003-no-session.hint", level = &level.slug)),
                );
            }
        }
    }
    let images = site
        .index
        .static_files
        .iter()
        .map(|r| ("static", r))
        .chain(site.index.content_files.iter().map(|r| ("content", r)));
    for (dir, rel) in images {
        if !images::is_image(rel) {
            continue;
        }
        let size = std::fs::metadata(site.root.join(dir).join(rel)).map(|m| m.len()).unwrap_or(0);
        if size > 500 * 1024 {
            diags.push(
                Diagnostic::warning("W004", msg!("w004-large-image", file = format!("{dir}/{rel}"), kb = size / 1024))
                    .hint(msg!("w004-large-image.hint")),
            );
        }
    }
}

/// Lessons name competences by code; every code must be declared by a framework in the config.
fn check_competences(site: &Site, diags: &Diagnostics) {
    let known = site.config.competences();
    if known.is_empty() {
        return;
    }
    let codes: Vec<&str> = known.keys().copied().collect();
    for lesson in site.levels.iter().flat_map(|l| l.lessons.iter()) {
        check_competences_of(&known, &codes, lesson, diags);
    }
}

/// `known` and `codes` come from `Config::competences`, built once per check rather than per lesson.
fn check_competences_of(known: &HashMap<&str, (&str, &str)>, codes: &[&str], lesson: &Lesson, diags: &Diagnostics) {
    for code in &lesson.meta.competencies {
        if known.is_empty() || known.contains_key(code.as_str()) {
            continue;
        }
        let f = &lesson.doc.file;
        let line = f.text.find("competencies:").unwrap_or(0);
        let span = f.text[line..].find(code.as_str()).map_or(line..line + 12, |i| line + i..line + i + code.len());
        let hint = match crate::diagnostics::did_you_mean(code, codes) {
            Some(c) => msg!("e044-unknown-competence.suggest", code = c),
            None => msg!("e044-unknown-competence.known"),
        };
        diags.push(Diagnostic::error("E044", msg!("e044-unknown-competence", code = code)).at(f, span).hint(hint));
    }
}

fn outside_level(file: &SourceFile, dir: &str) -> Diagnostic {
    Diagnostic::error("E013", msg!("e013-no-level", file = &file.rel))
        .in_file(file)
        .hint(msg!("e013-no-level.hint", dir = dir))
}

/// Lessons, sessions and materials of a level share one address space.
fn check_slug_clashes(levels: &[Level], diags: &Diagnostics) {
    for level in levels {
        let mut seen: HashMap<&str, &SourceFile> =
            level.lessons.iter().map(|l| (l.slug.as_str(), &l.doc.file)).collect();
        let others = level
            .sessions
            .iter()
            .map(|s| (&s.slug, &s.doc.file))
            .chain(level.materials.iter().map(|m| (&m.slug, &m.doc.file)));
        for (slug, file) in others {
            if let Some(other) = seen.insert(slug, file) {
                diags.push(
                    Diagnostic::error("E041", msg!("e041-same-address", level = &level.slug, slug = slug))
                        .in_file(file)
                        .hint(msg!("e041-same-address.hint", other = &other.rel)),
                );
            }
        }
    }
}

fn reserved(file: &SourceFile, slug: &str) -> Diagnostic {
    Diagnostic::error("E019", msg!("e019-reserved", slug = slug))
        .in_file(file)
        .hint(msg!("e019-reserved.hint", names = RESERVED.join(", ")))
}

fn check_level_orders(levels: &[Level], diags: &Diagnostics) {
    for w in levels.windows(2) {
        if w[0].meta.order == w[1].meta.order {
            diags.push(order_clash(&w[1].doc.file, &w[0].doc.file, w[1].meta.order, "level"));
        }
    }
}

fn order_clash(file: &SourceFile, other: &SourceFile, order: i64, what: &str) -> Diagnostic {
    let span = file.text.find("order:").map_or(0..0, |i| i..i + 5);
    Diagnostic::error("E040", msg!("e040-same-order", what = what, order = order)).at(file, span).hint(msg!(
        "e040-same-order.hint",
        what = what,
        other = &other.rel
    ))
}

fn check_lessons(level: &Level, lessons: &[Lesson], diags: &Diagnostics) {
    let mut slugs: HashMap<&str, &SourceFile> = HashMap::new();
    for l in lessons {
        if let Some(other) = slugs.insert(&l.slug, &l.doc.file) {
            diags.push(
                Diagnostic::error("E041", msg!("e041-same-address", level = &level.slug, slug = &l.slug))
                    .in_file(&l.doc.file)
                    .hint(msg!("e041-same-address.hint", other = &other.rel)),
            );
        }
        let level_grades = level.meta.grades.as_ref().and_then(|lg| Some((*lg.first()?, *lg.last()?)));
        if let (Some((lo, hi)), Some(g)) = (level_grades, &l.meta.grades) {
            if g.iter().any(|x| *x < lo || *x > hi) {
                let span = l.doc.file.text.find("grades:").map_or(0..0, |i| i..i + 6);
                diags.push(
                    Diagnostic::error(
                        "E042",
                        msg!("e042-grades-outside", grades = format!("{g:?}"), low = lo, high = hi),
                    )
                    .at(&l.doc.file, span)
                    .hint(msg!("e042-grades-outside.hint")),
                );
            }
        }
    }
    for w in lessons.windows(2) {
        if let (Some(a), Some(b)) = (w[0].meta.order, w[1].meta.order) {
            if a == b {
                diags.push(order_clash(&w[1].doc.file, &w[0].doc.file, b, "lesson"));
            }
        }
    }
}

/// Where a lesson's source is in the site: (level index, lesson index).
pub fn find_lesson(site: &Site, path: &Path) -> Option<(usize, usize)> {
    site.levels
        .iter()
        .enumerate()
        .find_map(|(li, l)| l.lessons.iter().position(|x| x.doc.file.path == path).map(|i| (li, i)))
}

/// What changed when one lesson was reloaded in place.
pub struct Reloaded {
    pub level: usize,
    pub lesson: usize,
    /// Its heading ids changed: links into it from other pages were re-checked.
    pub headings_changed: bool,
}

/// What reloading one lesson came to.
pub enum Reload {
    Applied(Reloaded),
    /// The change is structural (order, draft, slug, quiz count…): it needs a full build.
    NeedFull,
    /// The lesson has errors (in `diags`); the site is left as it was.
    Failed,
}

/// Re-reads one existing lesson and validates it against the rest of the (unchanged) site.
pub fn reload_lesson(site: &mut Site, path: &Path, opts: &LoadOptions, diags: &Diagnostics) -> Reload {
    let Some((li, i)) = find_lesson(site, path) else { return Reload::NeedFull };
    let old = &site.levels[li].lessons[i];
    let rel = markdown::links::content_path(&old.doc.file.rel);
    let found = Found { rel: rel.clone(), path: path.to_path_buf() };
    let Some(parsed) = read_and_parse(&site.root, &found, diags) else { return Reload::Failed };
    let Kind::Lesson(meta) = parsed.kind else { return Reload::NeedFull };
    if meta.order != old.meta.order || meta.draft != old.meta.draft || meta.draft && !opts.drafts {
        return Reload::NeedFull;
    }
    let mut doc = Doc::new(parsed.file, parsed.body, old.doc.url.clone());
    let pictures = picture_first(&site.levels[li].meta, &meta);
    analyse_doc(&mut doc, &site.index, site.config.trusted_html, pictures, diags);
    if doc.quizzes.len() != old.doc.quizzes.len() {
        // Worksheet pages appear or disappear: let the full build add and remove them.
        return if diags.has_errors() { Reload::Failed } else { Reload::NeedFull };
    }
    let headings_changed = doc.headings.iter().map(|h| &h.id).ne(old.doc.headings.iter().map(|h| &h.id));
    let old_lesson = std::mem::replace(&mut site.levels[li].lessons[i], Lesson { slug: parsed.slug, meta, doc });
    // Links from this lesson, and (if its headings changed) links into it.
    let target = rel.clone();
    check_refs(
        site.docs(),
        |d| d.file.path == path || (headings_changed && d.refs.iter().any(|r| r.target == target)),
        diags,
    );
    let level = &site.levels[li];
    check_lessons(level, &level.lessons, diags);
    let known = site.config.competences();
    let codes: Vec<&str> = known.keys().copied().collect();
    check_competences_of(&known, &codes, &site.levels[li].lessons[i], diags);
    let year = site.config.school_year.clone();
    session::check_level(&mut site.levels[li], year.as_deref(), &site.index, opts.strict, diags);
    if diags.has_errors() {
        site.levels[li].lessons[i] = old_lesson;
        return Reload::Failed;
    }
    Reload::Applied(Reloaded { level: li, lesson: i, headings_changed })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_first_date_is_suggested_year_first() {
        assert_eq!(day_first("6/12/2026").as_deref(), Some("2026-12-06"));
        assert_eq!(day_first("06-12-2026").as_deref(), Some("2026-12-06"));
        assert_eq!(day_first("6.1.2027").as_deref(), Some("2027-01-06"));
        // Not a date, or month first beyond 12: no guess.
        assert_eq!(day_first("12/31/2026"), None);
        assert_eq!(day_first("hôm qua"), None);
        assert_eq!(day_first("6/12/26"), None);
        assert_eq!(day_first("2026-12-06"), None);
    }

    #[test]
    fn a_page_changed_between_its_front_matter_and_its_pass_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("content/bai.md");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let text = "---\ntitle: Bài\n---\nMo\u{0302}t\n";
        std::fs::write(&path, text).unwrap();
        // The loader keeps texts in NFC; reading again must give the same text.
        let mut f = SourceFile::new(dir.path(), &path, crate::text::into_nfc(text.to_string()));
        f.park(text.find("Mo").unwrap());
        assert!(unpark(&mut f).is_ok());
        assert!(f.text.ends_with("Môt\n"));
        f.park(text.find("Mo").unwrap());
        std::fs::write(&path, "---\ntitle: Bài\n---\nKhác\n").unwrap();
        let e = unpark(&mut f).unwrap_err();
        assert_eq!((e.code, e.file.as_str()), ("E008", "content/bai.md"));
        std::fs::remove_file(&path).unwrap();
        assert_eq!(unpark(&mut f).unwrap_err().code, "E008", "a file gone is an error too");
    }
}
