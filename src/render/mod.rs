//! Rendering: the validated [`Site`] becomes pages through the theme's templates.
//! Renderers only read the model; every context value a template sees is built here.

use std::sync::Mutex;

use serde::Serialize;
use serde_json::{json, Value};
use tera::Context;

use crate::content::{Doc, Lesson, Level, Site};
use crate::diagnostics::Diagnostic;
use crate::markdown::{self, Markup, View};
use crate::text::escape;
use crate::theme::Theme;
use quiz_form::Words;

mod programme;
pub mod quiz_form;

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

use crate::urls;

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
        let strings_json = crate::sanitize::script_json(&Value::Object(quiz_strings).to_string());
        let t = audience == Audience::All;
        let nav = json!({
            "teachers": t.then_some(urls::TEACHERS),
            "booklet": t.then_some(urls::BOOKLET),
            "coverage": t.then_some(urls::COVERAGE),
            "parents": urls::PARENTS,
            "search": urls::SEARCH,
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
        let mut jobs = vec![Job::Home, Job::NotFound, Job::ParentsIndex, Job::SearchPage, Job::SearchIndex];
        // A sitemap lists absolute addresses: without `base_url` it could only be invalid.
        if s.config.base_url.as_deref().is_some_and(|b| !b.trim().is_empty()) {
            jobs.push(Job::Sitemap);
        }
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
                let mut ctx = self.base(urls::HOME, &s.home.meta.title, s.home.meta.summary.as_deref(), &[]);
                ctx.insert("content", &self.body(&s.home.doc));
                if self.teachers() {
                    ctx.insert("teacher_rows", &self.readiness_rows());
                }
                (urls::HOME.to_string(), self.template("index.html", &ctx)?)
            }
            Job::Page(i) => {
                let p = &s.pages[i];
                let mut ctx =
                    self.base(&p.doc.url, &p.meta.title, p.meta.summary.as_deref(), &[(&p.meta.title, &p.doc.url)]);
                ctx.insert("content", &self.body(&p.doc));
                (p.doc.url.clone(), self.template("page.html", &ctx)?)
            }
            Job::Level(li) => {
                let l = &s.levels[li];
                let mut ctx =
                    self.base(&l.doc.url, &l.meta.title, l.meta.summary.as_deref(), &[(&l.meta.title, &l.doc.url)]);
                let mut level = self.level_value(l);
                level["content"] = Value::String(self.body(&l.doc));
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
                let ctx = self.base(urls::SEARCH, &title, None, &[(&title, urls::SEARCH)]);
                (urls::SEARCH.to_string(), self.template("search.html", &ctx)?)
            }
            Job::SearchIndex => {
                let docs = self.search_docs();
                let limits = crate::search::Limits::default();
                let index = match self.caches.map(|c| c.search.lock()) {
                    Some(Ok(mut cache)) => crate::search::build_index_with(&docs, &limits, &mut cache),
                    _ => crate::search::build_index(&docs),
                };
                (urls::SEARCH_INDEX.to_string(), index.into_bytes())
            }
            Job::Worksheet(li, i, q) => self.quiz_page(li, i, q, false)?,
            Job::AnswerKey(li, i, q) => self.quiz_page(li, i, q, true)?,
            Job::NotFound => {
                // Served for any missing path, so its links cannot be relative to one place:
                // they assume the site root, which is where servers look for 404.html.
                let title = self.theme.t("not_found_title");
                let mut ctx = self.base(urls::NOT_FOUND, &title, None, &[]);
                ctx.insert("root", &urls::not_found_root(s.config.base_url.as_deref()));
                (urls::NOT_FOUND.to_string(), self.template("404.html", &ctx)?)
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
                (urls::SITEMAP.to_string(), self.template("sitemap.xml", &ctx)?)
            }
        };
        Ok((path, html))
    }

    /// Quiz `q` of a lesson, as a worksheet or (`key`) an answer key.
    fn quiz_page(&self, li: usize, i: usize, q: usize, key: bool) -> Result<OutFile, Diagnostic> {
        let l = &self.site.levels[li];
        let lesson = &l.lessons[i];
        let path = urls::quiz_page(&lesson.doc.url, q, key);
        let w = self.words();
        let words = Words { get: &w };
        let Some(quiz) = lesson.doc.quizzes.get(q) else {
            return Err(Diagnostic::error("E093", format!("{} has no quiz {}", lesson.doc.file.rel, q + 1)));
        };
        let view = quiz_form::view(quiz, q + 1, &words, &urls::root_prefix(&path));
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
        let l = &self.site.levels[li];
        let lesson = &l.lessons[i];
        let html = self.body(&lesson.doc);
        let (headings, quizzes) = (&lesson.doc.headings, &lesson.doc.quizzes);
        let mut ctx = self.base(
            &lesson.doc.url,
            &lesson.meta.title,
            lesson.meta.summary.as_deref(),
            &[(&l.meta.title, &l.doc.url), (&lesson.meta.title, &lesson.doc.url)],
        );
        let mut v = serde_json::to_value(self.summary_of(lesson)).unwrap_or(Value::Null);
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
        let quizzes = x
            .doc
            .quizzes
            .iter()
            .enumerate()
            .map(|(q, quiz)| QuizSummary {
                title: quiz.title.clone().unwrap_or_else(|| self.theme.t("quiz_default_title")),
                worksheet: urls::quiz_page(&x.doc.url, q, false),
                key: self.teachers().then(|| urls::quiz_page(&x.doc.url, q, true)),
                questions: quiz.questions.len(),
            })
            .collect();
        LessonSummary {
            slug: &x.slug,
            title: &x.meta.title,
            url: &x.doc.url,
            summary: x.meta.summary.as_deref(),
            duration: x.meta.duration,
            grades: x.meta.grades.as_ref().and_then(|g| range(g)),
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

    /// A page's own body, as readers see it (highlighted, quizzes as forms).
    pub fn body(&self, doc: &Doc) -> String {
        self.body_on(doc, &doc.url, "", true)
    }

    /// A body shown on the page at `page_url`: links relative to that page, heading ids prefixed with
    /// `id_prefix` so several bodies can share a page, and quizzes left out unless `quizzes`.
    pub fn body_on(&self, doc: &Doc, page_url: &str, id_prefix: &str, quizzes: bool) -> String {
        self.show(&doc.markup.main, doc, page_url, id_prefix, quizzes)
    }

    /// A body's `teacher` blocks, as the page at `page_url` shows them.
    pub fn teacher_blocks(&self, doc: &Doc, page_url: &str, id_prefix: &str) -> Vec<String> {
        doc.markup.teacher.iter().map(|m| self.show(m, doc, page_url, id_prefix, false)).collect()
    }

    /// A body's `parents` blocks, as the page at `page_url` shows them (no quiz form).
    pub fn parents_blocks_of(&self, doc: &Doc, page_url: &str, id_prefix: &str) -> Vec<String> {
        doc.markup.parents.iter().map(|m| self.show(m, doc, page_url, id_prefix, false)).collect()
    }

    fn show(&self, markup: &Markup, doc: &Doc, page_url: &str, id_prefix: &str, quizzes: bool) -> String {
        let root = urls::root_prefix(page_url);
        let fill = PageFill { renderer: self, doc, root: &root, quizzes };
        markup.to_html(&View { root: &root, id_prefix, fill: &fill })
    }

    /// The context every template gets (see docs/theme.md).
    pub(crate) fn base(&self, url: &str, title: &str, description: Option<&str>, crumbs: &[(&str, &str)]) -> Context {
        let mut ctx = Context::new();
        ctx.insert("root", &urls::root_prefix(url));
        ctx.insert("lang", &self.site.config.language);
        ctx.insert_value("t", self.strings.clone());
        ctx.insert_value("site", self.site_value.clone());
        ctx.insert_value("levels", self.levels.clone());
        ctx.insert(
            "page",
            &json!({"title": title, "url": url, "description": description.unwrap_or(&self.site.config.description)}),
        );
        let home = self.theme.t("home");
        let mut bc = vec![Crumb { title: &home, url: urls::HOME }];
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
        self.theme
            .tera
            .render_to(name, ctx, &mut out)
            .map(|()| out)
            .map_err(|e| self.theme.template_error("E093", name, &e))
    }
}

/// Fills a body's holes for one page: highlighted code, quiz forms and the theme's labels.
struct PageFill<'r, 'a> {
    renderer: &'r Renderer<'a>,
    doc: &'r Doc,
    /// The page's `../` prefix to the site root.
    root: &'r str,
    /// Whether this page shows the document's quizzes as forms.
    quizzes: bool,
}

impl markdown::Fill for PageFill<'_, '_> {
    fn code(&self, lang: &str, text: &str, out: &mut String) {
        out.push_str(&markdown::highlight::code_block(lang, text, self.renderer.highlights));
    }

    fn quiz(&self, n: usize, out: &mut String) {
        let Some(q) = self.doc.quizzes.get(n.wrapping_sub(1)).filter(|_| self.quizzes) else { return };
        let w = self.renderer.words();
        let words = Words { get: &w };
        let key = format!("{}#{n}", urls::quiz_key(&self.doc.url));
        out.push_str(&quiz_form::form_html(q, n, &key, &words, self.root, true));
    }

    fn callout(&self, name: &str, out: &mut String) {
        out.push_str(&open_html(name, &|k| self.renderer.theme.t(k)));
    }

    fn table(&self, n: usize, out: &mut String) {
        let label = escape(&self.renderer.theme.t("table").replace("{n}", &n.to_string()));
        out.push_str(&format!("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{label}\">"));
    }
}

/// The opening of a callout or audience block: an icon plus a text label, never colour alone.
fn open_html(name: &str, t: &dyn Fn(&str) -> String) -> String {
    if name == "parents" {
        let label = escape(&t("parents_block"));
        return format!(
            "<aside class=\"audience audience-parents\" role=\"note\" aria-label=\"{label}\"><p class=\"audience-title\"><span class=\"callout-icon\" aria-hidden=\"true\">♥</span> {label}</p>"
        );
    }
    // Plain symbols, not emoji: school computers often lack an emoji font. The label carries the meaning.
    let icon = match name {
        "tip" => "★",
        "warning" | "caution" => "⚠",
        "important" => "!",
        _ => "ℹ",
    };
    format!(
        "<aside class=\"callout callout-{name}\" role=\"note\"><p class=\"callout-title\"><span class=\"callout-icon\" aria-hidden=\"true\">{icon}</span> {}</p>",
        escape(&t(&format!("callout_{name}")))
    )
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
        "grades": l.meta.grades.as_ref().and_then(|g| range(g)),
        "ages": l.meta.ages.as_ref().and_then(|g| range(g)),
        "summary": l.meta.summary, "lesson_count": l.lessons.len(),
        "presentation": l.meta.presentation.as_deref().unwrap_or("standard"), "read_aloud": l.meta.read_aloud,
        "icon": l.meta.icon, "colour": l.meta.colour,
    })
}

/// `[first, last]` of a list of grades or ages (validated as a non-empty range while loading).
pub(crate) fn range(v: &[u8]) -> Option<[u8; 2]> {
    Some([*v.first()?, *v.last()?])
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
