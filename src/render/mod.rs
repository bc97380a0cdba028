//! Rendering: the validated [`Site`] becomes pages through the theme's templates.
//! Renderers only read the model; every context value a template sees is built here.

use std::sync::Mutex;

use serde::Serialize;
use serde_json::{json, Value};
use tera::Context;

use crate::content::{Doc, Lesson, Level, Site};
use crate::diagnostics::Diagnostic;
use crate::markdown::{self, links, Quizzes};
use crate::quiz::{self, Words};
use crate::theme::{self, Theme};

mod programme;

/// One file of the output, rendered on demand (in parallel).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Job {
    Home,
    Page(usize),
    Level(usize),
    Lesson(usize, usize),
    Worksheet(usize, usize, usize),
    AnswerKey(usize, usize, usize),
    Session(usize, usize),
    SessionStudent(usize, usize),
    Material(usize, usize),
    Teachers,
    Booklet,
    Coverage,
    ParentsIndex,
    Parents(usize),
    NotFound,
    Sitemap,
    SearchPage,
    SearchIndex,
}

/// One output file: its path in the output folder, and its bytes.
pub type OutFile = (String, Vec<u8>);

/// Who the site is for: everything (default), or students only (no teacher guides or answer keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Audience {
    #[default]
    All,
    Student,
}

pub const TEACHERS_URL: &str = "giao-vien/index.html";
pub const BOOKLET_URL: &str = "giao-vien/chuong-trinh.html";
pub const COVERAGE_URL: &str = "giao-vien/nang-luc.html";
pub const PARENTS_URL: &str = "cha-me/index.html";
pub const SEARCH_URL: &str = "tim-kiem/index.html";
pub const SEARCH_INDEX: &str = "assets/search-index.js";

/// What `serve` keeps between rebuilds, so an edit re-renders only what it changed: the search index's
/// words and snippets of every page, keyed by [`Doc::stamp`] (new whenever a document is loaded again).
#[derive(Default)]
pub struct Caches {
    search: Mutex<crate::search::Cache>,
}

pub struct Renderer<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    pub audience: Audience,
    caches: Option<&'a Caches>,
    highlights: Option<&'a crate::markdown::highlight_cache::HighlightCache>,
    // Converted to template values once; every page clones them cheaply.
    levels: tera::Value,
    /// Each level as `level_value` makes it, for the pages of that level.
    level_values: Vec<tera::Value>,
    nav: tera::Value,
    site_value: tera::Value,
    strings: tera::Value,
    strings_json: String,
}

#[derive(Serialize)]
struct Crumb<'a> {
    title: &'a str,
    url: &'a str,
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, theme: &'a Theme, audience: Audience) -> Self {
        let levels = Value::Array(site.levels.iter().map(level_value).collect());
        let c = &site.config;
        let help: Vec<Value> = c
            .help
            .iter()
            .map(|h| json!({"name": h.name, "phone": h.phone, "tel": h.tel(), "note": h.note, "verified": h.verified}))
            .collect();
        let site_value = json!({
            "title": c.title, "description": c.description, "school_year": c.school_year,
            "help": help, "language": c.language, "help_page": c.help_page,
        });
        let strings = serde_json::to_value(&theme.strings).unwrap_or(Value::Null);
        let quiz_strings: serde_json::Map<String, Value> = theme
            .strings
            .iter()
            .filter(|(k, _)| k.starts_with("quiz_"))
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect();
        let strings_json = Value::Object(quiz_strings).to_string().replace("</", "<\\/");
        let t = audience == Audience::All;
        let nav = json!({
            "teachers": t.then_some(TEACHERS_URL),
            "booklet": t.then_some(BOOKLET_URL),
            "coverage": t.then_some(COVERAGE_URL),
            "parents": PARENTS_URL,
        });
        Renderer {
            site,
            theme,
            audience,
            caches: None,
            highlights: None,
            levels: tera::Value::from_serializable(&levels),
            level_values: site.levels.iter().map(|l| tera::Value::from_serializable(&level_value(l))).collect(),
            nav: tera::Value::from_serializable(&nav),
            site_value: tera::Value::from_serializable(&site_value),
            strings: tera::Value::from_serializable(&strings),
            strings_json,
        }
    }

    /// Reuses (and fills) `caches`, kept between rebuilds by `serve`.
    pub fn with_caches(mut self, caches: &'a Caches) -> Self {
        self.caches = Some(caches);
        self
    }

    /// Reads highlighted code from, and adds it to, a cache kept between builds.
    pub fn with_highlights(mut self, cache: &'a crate::markdown::highlight_cache::HighlightCache) -> Self {
        self.highlights = Some(cache);
        self
    }

    fn teachers(&self) -> bool {
        self.audience == Audience::All
    }

    /// Every output file, in a stable order.
    pub fn jobs(&self) -> Vec<Job> {
        let s = self.site;
        let teachers = self.teachers();
        let mut jobs =
            vec![Job::Home, Job::NotFound, Job::Sitemap, Job::ParentsIndex, Job::SearchPage, Job::SearchIndex];
        if teachers {
            jobs.extend([Job::Teachers, Job::Booklet, Job::Coverage]);
        }
        jobs.extend((0..s.pages.len()).map(Job::Page));
        for (li, level) in s.levels.iter().enumerate() {
            jobs.push(Job::Level(li));
            jobs.push(Job::Parents(li));
            for (i, lesson) in level.lessons.iter().enumerate() {
                jobs.push(Job::Lesson(li, i));
                for q in 0..lesson.doc.quizzes.len() {
                    jobs.push(Job::Worksheet(li, i, q));
                    if teachers {
                        jobs.push(Job::AnswerKey(li, i, q));
                    }
                }
            }
            for si in 0..level.sessions.len() {
                if teachers {
                    jobs.push(Job::Session(li, si));
                }
                jobs.push(Job::SessionStudent(li, si));
            }
            jobs.extend((0..level.materials.len()).map(|mi| Job::Material(li, mi)));
        }
        jobs
    }

    /// Renders one job: its output path and bytes.
    pub fn render(&self, job: Job) -> Result<(String, Vec<u8>), Diagnostic> {
        let s = self.site;
        let (path, html) = match job {
            Job::Home => {
                let mut ctx = self.base("index.html", &s.home.meta.title, s.home.meta.summary.as_deref(), &[]);
                ctx.insert("content", &self.body(&s.home.doc)?.html);
                if self.teachers() {
                    ctx.insert("teacher_rows", &self.readiness_rows());
                }
                ("index.html".to_string(), self.template("index.html", &ctx)?)
            }
            Job::Page(i) => {
                let p = &s.pages[i];
                let mut ctx =
                    self.base(&p.doc.url, &p.meta.title, p.meta.summary.as_deref(), &[(&p.meta.title, &p.doc.url)]);
                ctx.insert("content", &self.body(&p.doc)?.html);
                (p.doc.url.clone(), self.template("page.html", &ctx)?)
            }
            Job::Level(li) => {
                let l = &s.levels[li];
                let mut ctx =
                    self.base(&l.doc.url, &l.meta.title, l.meta.summary.as_deref(), &[(&l.meta.title, &l.doc.url)]);
                let mut level = self.level_value(l);
                level["content"] = Value::String(self.body(&l.doc)?.html);
                ctx.insert("level", &level);
                let lessons: Vec<LessonSummary> = l.lessons.iter().map(|x| self.summary_of(x)).collect();
                ctx.insert("lessons", &lessons);
                (l.doc.url.clone(), self.template("level.html", &ctx)?)
            }
            Job::Lesson(li, i) => self.lesson_page(li, i)?,
            Job::Session(li, si) => self.session_page(li, si)?,
            Job::SessionStudent(li, si) => self.session_student_page(li, si)?,
            Job::Material(li, mi) => self.material_page(li, mi)?,
            Job::Teachers => self.teachers_page()?,
            Job::Booklet => self.booklet_page()?,
            Job::Coverage => self.coverage_page()?,
            Job::ParentsIndex => self.parents_index_page()?,
            Job::Parents(li) => self.parents_page(li)?,
            Job::SearchPage => {
                let title = self.theme.t("search_title");
                let ctx = self.base(SEARCH_URL, &title, None, &[(&title, SEARCH_URL)]);
                (SEARCH_URL.to_string(), self.template("search.html", &ctx)?)
            }
            Job::SearchIndex => {
                let docs = self.search_docs();
                let limits = crate::search::Limits::default();
                let index = match self.caches.map(|c| c.search.lock()) {
                    Some(Ok(mut cache)) => crate::search::build_index_with(&docs, &limits, &mut cache),
                    _ => crate::search::build_index(&docs),
                };
                (SEARCH_INDEX.to_string(), index.into_bytes())
            }
            Job::Worksheet(li, i, q) => self.quiz_page(li, i, q, false, &s.levels[li].lessons[i].doc.quizzes)?,
            Job::AnswerKey(li, i, q) => self.quiz_page(li, i, q, true, &s.levels[li].lessons[i].doc.quizzes)?,
            Job::NotFound => {
                // Served for any missing path, so its links cannot be relative to one place:
                // they assume the site root, which is where servers look for 404.html.
                let title = self.theme.t("not_found_title");
                let mut ctx = self.base("404.html", &title, None, &[]);
                ctx.insert("root", &not_found_root(s.config.base_url.as_deref()));
                ("404.html".to_string(), self.template("404.html", &ctx)?)
            }
            Job::Sitemap => {
                let mut urls: Vec<&str> = vec![""];
                urls.extend(s.pages.iter().map(|p| p.doc.url.as_str()));
                for l in &s.levels {
                    urls.push(&l.doc.url);
                    urls.extend(l.lessons.iter().map(|x| x.doc.url.as_str()));
                }
                let mut ctx = Context::new();
                let base = s.config.base_url.as_deref().unwrap_or("").trim_end_matches('/');
                ctx.insert("base_url", &if base.is_empty() { String::new() } else { format!("{base}/") });
                ctx.insert("urls", &urls);
                ("sitemap.xml".to_string(), self.template("sitemap.xml", &ctx)?)
            }
        };
        Ok((path, html))
    }

    /// Whether `job` is one of the files of [`Renderer::lesson_files`].
    pub fn is_lesson_file(job: Job) -> bool {
        matches!(job, Job::Lesson(..) | Job::Worksheet(..) | Job::AnswerKey(..))
    }

    /// A lesson's page, worksheets and answer keys, made from its load-time pass
    /// (`content::EarlyLessons`) rather than from the finished model: the same files as its `Lesson`,
    /// `Worksheet` and `AnswerKey` jobs (tested). Takes the body's HTML out of `r`.
    pub fn lesson_files(&self, li: usize, i: usize, r: &mut markdown::Rendered) -> Vec<Result<OutFile, Diagnostic>> {
        let html = std::mem::take(&mut r.html);
        let mut files = vec![self.lesson_page_from(li, i, html, &r.headings, &r.quizzes)];
        for q in 0..r.quizzes.len() {
            files.push(self.quiz_page(li, i, q, false, &r.quizzes));
            if self.teachers() {
                files.push(self.quiz_page(li, i, q, true, &r.quizzes));
            }
        }
        files
    }

    /// Quiz `q` of a lesson whose quizzes are `quizzes`, as a worksheet or (`key`) an answer key.
    fn quiz_page(
        &self,
        li: usize,
        i: usize,
        q: usize,
        key: bool,
        quizzes: &[quiz::Quiz],
    ) -> Result<OutFile, Diagnostic> {
        let l = &self.site.levels[li];
        let lesson = &l.lessons[i];
        let path = quiz_path(lesson, q, key);
        let w = self.words();
        let words = Words { get: &w };
        let view = quiz::view(&quizzes[q], q + 1, &words, &links::root_prefix(&path));
        let title = format!("{} — {}", self.theme.t(if key { "answer_key" } else { "worksheet" }), lesson.meta.title);
        let mut ctx = self.base(
            &path,
            &title,
            None,
            &[(&l.meta.title, &l.doc.url), (&lesson.meta.title, &lesson.doc.url), (&title, &path)],
        );
        ctx.insert("quiz", &view);
        ctx.insert("lesson", &json!({"title": lesson.meta.title, "url": lesson.doc.url}));
        ctx.insert_value("level", self.level_values[li].clone());
        let template = if key { "answer-key.html" } else { "worksheet.html" };
        Ok((path.clone(), self.template(template, &ctx)?))
    }

    fn lesson_page(&self, li: usize, i: usize) -> Result<OutFile, Diagnostic> {
        let lesson = &self.site.levels[li].lessons[i];
        let rendered = self.body(&lesson.doc)?;
        self.lesson_page_from(li, i, rendered.html, &lesson.doc.headings, &lesson.doc.quizzes)
    }

    /// A lesson's page from its body's HTML, headings and quizzes.
    fn lesson_page_from(
        &self,
        li: usize,
        i: usize,
        html: String,
        headings: &[markdown::Heading],
        quizzes: &[quiz::Quiz],
    ) -> Result<OutFile, Diagnostic> {
        let l = &self.site.levels[li];
        let lesson = &l.lessons[i];
        let mut ctx = self.base(
            &lesson.doc.url,
            &lesson.meta.title,
            lesson.meta.summary.as_deref(),
            &[(&l.meta.title, &l.doc.url), (&lesson.meta.title, &lesson.doc.url)],
        );
        let mut v = serde_json::to_value(self.summary_with(lesson, quizzes)).unwrap_or(Value::Null);
        let toc: Vec<Value> = headings
            .iter()
            .filter(|h| h.level == 2 || h.level == 3)
            .map(|h| json!({"id": h.id, "title": h.title, "level": h.level}))
            .collect();
        let mut content = html;
        let has_quiz = !quizzes.is_empty();
        if has_quiz {
            content.push_str(&self.strings_script());
        }
        v["content"] = Value::String(content);
        v["toc"] = Value::Array(toc);
        v["objectives"] = lesson.meta.objectives.iter().map(|o| Value::String(markdown::inline_html(o))).collect();
        // By name, not only by code: teachers and parents do not know the framework's numbering.
        let known = self.site.config.competences();
        v["competencies"] = lesson
            .meta
            .competencies
            .iter()
            .map(|code| {
                let (framework, title) = known.get(code.as_str()).copied().unwrap_or(("", ""));
                json!({"code": code, "title": title, "framework": framework})
            })
            .collect();
        v["keywords"] = json!(lesson.meta.keywords);
        v["updated"] = json!(lesson.meta.updated);
        ctx.insert("lesson", &v);
        ctx.insert_value("level", self.level_values[li].clone());
        ctx.insert("has_quiz", &has_quiz);
        // "Bài 2/6": where the lesson sits in its level.
        ctx.insert("position", &json!({"n": i + 1, "count": l.lessons.len()}));
        if i > 0 {
            let p = &l.lessons[i - 1];
            ctx.insert("prev", &json!({"title": p.meta.title, "url": p.doc.url}));
        }
        if let Some(n) = l.lessons.get(i + 1) {
            ctx.insert("next", &json!({"title": n.meta.title, "url": n.doc.url}));
        }
        Ok((lesson.doc.url.clone(), self.template("lesson.html", &ctx)?))
    }

    pub(crate) fn lesson_summary(&self, x: &Lesson) -> Value {
        serde_json::to_value(self.summary_of(x)).unwrap_or(Value::Null)
    }

    /// A lesson as lists show it (see docs/theme.md). Typed, not `json!`: a level page lists thousands.
    fn summary_of<'l>(&self, x: &'l Lesson) -> LessonSummary<'l> {
        self.summary_with(x, &x.doc.quizzes)
    }

    /// [`Self::summary_of`] with the lesson's quizzes given (before the model has them).
    fn summary_with<'l>(&self, x: &'l Lesson, quizzes: &[quiz::Quiz]) -> LessonSummary<'l> {
        let quizzes = quizzes
            .iter()
            .enumerate()
            .map(|(q, quiz)| QuizSummary {
                title: quiz.title.clone().unwrap_or_else(|| self.theme.t("quiz_default_title")),
                worksheet: quiz_path(x, q, false),
                key: self.teachers().then(|| quiz_path(x, q, true)),
                questions: quiz.questions.len(),
            })
            .collect();
        LessonSummary {
            slug: &x.slug,
            title: &x.meta.title,
            url: &x.doc.url,
            summary: x.meta.summary.as_deref(),
            duration: x.meta.duration,
            grades: x.meta.grades.as_ref().map(|g| range(g)),
            quizzes,
        }
    }

    pub(crate) fn level_value(&self, l: &Level) -> Value {
        level_value(l)
    }

    /// Every page a reader may look for, with its text by section (teacher-only text is never in it).
    fn search_docs(&self) -> Vec<crate::search::SearchDoc<'a>> {
        search_docs(self.site, self.audience)
    }

    /// quiz.js reads its UI strings from the page, so translations need no JS change.
    pub(crate) fn strings_script(&self) -> String {
        format!("<script type=\"application/json\" id=\"hl-strings\">{}</script>", self.strings_json)
    }

    pub(crate) fn words(&self) -> impl Fn(&str) -> String + '_ {
        |k: &str| self.theme.t(k)
    }

    /// The page's Markdown body, rendered for readers (highlighted, quizzes as forms).
    pub fn body(&self, doc: &Doc) -> Result<markdown::Rendered, Diagnostic> {
        self.body_on(doc, &doc.url, "", true)
    }

    /// Only the `teacher`/`parents` blocks of a body, for pages that gather them (highlights only those).
    pub fn blocks_of(&self, doc: &Doc, page_url: &str, id_prefix: &str) -> Result<markdown::Rendered, Diagnostic> {
        self.render_md(doc, page_url, id_prefix, false, markdown::Highlight::BlocksOnly)
    }

    /// A body shown on another page (`page_url`): links are made relative to that page, heading ids
    /// get `id_prefix` so several bodies can share a page, and quizzes can be left out.
    pub fn body_on(
        &self,
        doc: &Doc,
        page_url: &str,
        id_prefix: &str,
        quizzes: bool,
    ) -> Result<markdown::Rendered, Diagnostic> {
        self.render_md(doc, page_url, id_prefix, quizzes, markdown::Highlight::All)
    }

    fn render_md(
        &self,
        doc: &Doc,
        page_url: &str,
        id_prefix: &str,
        quizzes: bool,
        highlight: markdown::Highlight,
    ) -> Result<markdown::Rendered, Diagnostic> {
        let file = doc.file.reloaded()?;
        let w = self.words();
        let words = Words { get: &w };
        let key = quiz_key(&doc.url);
        let ctx = markdown::Ctx {
            file: &file,
            body: doc.body.clone(),
            page_url,
            index: &self.site.index,
            highlight,
            quizzes: Quizzes::Render(if quizzes { &doc.quizzes } else { &[] }),
            words: &words,
            quiz_key: &key,
            id_prefix,
            highlights: self.highlights,
            parents_page: None,
        };
        Ok(markdown::render(&ctx))
    }

    /// The context every template gets (see docs/theme.md).
    pub(crate) fn base(&self, url: &str, title: &str, description: Option<&str>, crumbs: &[(&str, &str)]) -> Context {
        let mut ctx = Context::new();
        ctx.insert("root", &links::root_prefix(url));
        ctx.insert("lang", &self.site.config.language);
        ctx.insert_value("t", self.strings.clone());
        ctx.insert_value("site", self.site_value.clone());
        ctx.insert_value("levels", self.levels.clone());
        ctx.insert(
            "page",
            &json!({"title": title, "url": url, "description": description.unwrap_or(&self.site.config.description)}),
        );
        let home = self.theme.t("home");
        let mut bc = vec![Crumb { title: &home, url: "index.html" }];
        bc.extend(crumbs.iter().map(|(t, u)| Crumb { title: t, url: u }));
        if !crumbs.is_empty() {
            ctx.insert("breadcrumbs", &bc);
        }
        ctx.insert("has_quiz", &false);
        ctx.insert("audience", if self.teachers() { "all" } else { "student" });
        ctx.insert_value("nav", self.nav.clone());
        ctx
    }

    /// Bytes, not a `String`: pages go straight to files, and checking the UTF-8 of every page again
    /// cost a few percent of a build.
    pub(crate) fn template(&self, name: &str, ctx: &Context) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(16 * 1024);
        self.theme.tera.render_to(name, ctx, &mut out).map(|()| out).map_err(|e| {
            Diagnostic::error("E093", format!("template `{name}` failed: {}", theme::tera_error_text(&e)))
                .hint("if you override this template in templates/, compare it with the theme's (docs/theme.md lists what templates receive)")
        })
    }
}

#[derive(Serialize)]
struct LessonSummary<'a> {
    slug: &'a str,
    title: &'a str,
    url: &'a str,
    summary: Option<&'a str>,
    duration: Option<u32>,
    grades: Option<[u8; 2]>,
    quizzes: Vec<QuizSummary>,
}

#[derive(Serialize)]
struct QuizSummary {
    title: String,
    worksheet: String,
    key: Option<String>,
    questions: usize,
}

/// A level as every template sees it (see docs/theme.md).
fn level_value(l: &Level) -> Value {
    json!({
        "slug": l.slug, "title": l.meta.title, "url": l.doc.url,
        "grades": l.meta.grades.as_ref().map(|g| range(g)),
        "ages": l.meta.ages.as_ref().map(|g| range(g)),
        "summary": l.meta.summary, "lesson_count": l.lessons.len(),
        "presentation": l.meta.presentation.as_deref().unwrap_or("standard"), "read_aloud": l.meta.read_aloud,
        "icon": l.meta.icon, "colour": l.meta.colour,
    })
}

pub(crate) fn range(v: &[u8]) -> [u8; 2] {
    [v[0], v[v.len() - 1]]
}

/// The root 404.html's links start from: the path of `base_url` ("https://x.org/hoc/" → "/hoc/"), else "/".
/// The page's own script corrects it from a disk and under an unannounced sub-path (docs/theme.md).
pub fn not_found_root(base_url: Option<&str>) -> String {
    let url = base_url.unwrap_or("").trim();
    let path = match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |i| &rest[i..]),
        None => url,
    };
    let path = path.split(['?', '#']).next().unwrap_or("").trim_matches('/');
    if path.is_empty() {
        "/".to_string()
    } else {
        format!("/{path}/")
    }
}

/// `thcs/mat-khau/index.html` → `thcs/mat-khau`: the key quiz progress is stored under.
pub fn quiz_key(url: &str) -> String {
    url.trim_end_matches("index.html").trim_end_matches('/').to_string()
}

/// Where a lesson's worksheet or answer key for quiz `q` (0-based) goes.
pub fn quiz_path(lesson: &Lesson, q: usize, key: bool) -> String {
    let dir = lesson.doc.url.trim_end_matches("index.html");
    if key {
        format!("{dir}dap-an-{}.html", q + 1)
    } else {
        format!("{dir}phieu-{}.html", q + 1)
    }
}

/// The pages the search index covers for this audience (teachers' session plans only in the full site).
pub fn search_docs<'s>(s: &'s Site, audience: Audience) -> Vec<crate::search::SearchDoc<'s>> {
    let doc = |d: &'s Doc, title: &str, level: Option<&Level>| crate::search::SearchDoc {
        url: d.url.clone(),
        title: title.to_string(),
        level: level.map(|l| (l.slug.clone(), l.meta.title.clone())),
        sections: std::borrow::Cow::Borrowed(&d.sections),
        stamp: d.stamp,
    };
    let mut docs: Vec<crate::search::SearchDoc<'s>> =
        s.pages.iter().map(|p| doc(&p.doc, &p.meta.title, None)).collect();
    for l in &s.levels {
        docs.push(doc(&l.doc, &l.meta.title, Some(l)));
        docs.extend(l.lessons.iter().map(|x| doc(&x.doc, &x.meta.title, Some(l))));
        docs.extend(l.materials.iter().map(|x| doc(&x.doc, &x.meta.title, Some(l))));
        if audience == Audience::All {
            docs.extend(l.sessions.iter().map(|x| doc(&x.doc, &x.meta.title, Some(l))));
        }
    }
    docs
}
