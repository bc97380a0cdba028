//! Rendering: the validated [`Site`] becomes pages through the theme's templates.
//! Renderers only read the model; every context a template sees is one of the types of [`context`], built here.

use std::sync::Mutex;

use serde::Serialize;
use serde_json::Value;
use tera::Context;

use crate::content::{Doc, Lesson, Level, Site};
use crate::diagnostics::{msg, Diagnostic};
use crate::markdown::{self, Markup, View};
use crate::text::escape;
use crate::theme::Theme;
use context::{
    Base, Common, Competence, HomePage, LessonPage, LessonSummary, LessonView, LevelInfo, LevelPage, LevelWithContent,
    Link, Page, PageMeta, PlainPage, Position, QuizPage, QuizSummary, Shared, Sitemap, TocEntry,
};
use quiz_form::Words;

pub mod context;
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
    capture: Option<&'a Mutex<Vec<Captured>>>,
    /// What every page shows of the site.
    shared: Shared<'a>,
    /// `shared` as template values, made once: every page's context starts from a (cheap) copy.
    shared_ctx: Context,
    /// The first breadcrumb's title.
    home: String,
    /// The theme's UI strings as a template value, for the quiz form partial (`t` in `_quiz_form.html`).
    strings: tera::Value,
    strings_json: String,
}

/// A page's context as its template received it, as JSON, in its parts (see [`Renderer::with_capture`]).
#[derive(Debug, Clone)]
pub struct Captured {
    pub template: String,
    /// [`context::Shared`] and [`context::Base`]; `None` for the sitemap, which gets neither.
    pub common: Option<(Value, Value)>,
    /// The page kind's own fields.
    pub own: Value,
}

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, theme: &'a Theme, audience: Audience) -> Self {
        let custom_css = site.index.static_files.contains(crate::urls::CUSTOM_CSS);
        let shared = Shared::new(&site.config, &theme.strings, &site.levels, audience == Audience::All, custom_css);
        // Only strings and plain values: serializing them cannot fail.
        let shared_ctx = Context::from_serialize(&shared).unwrap_or_default();
        let quiz_strings: serde_json::Map<String, Value> = theme
            .strings
            .iter()
            .filter(|(k, _)| k.starts_with("quiz_"))
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect();
        let strings_json = crate::sanitize::script_json(&Value::Object(quiz_strings).to_string());
        Renderer {
            site,
            theme,
            audience,
            caches: None,
            highlights: None,
            capture: None,
            shared,
            shared_ctx,
            home: theme.t("home"),
            strings: tera::Value::from_serializable(&theme.strings),
            strings_json,
        }
    }

    /// Records every page's context, as its template receives it, in `into` (for the check that
    /// docs/theme.md lists every field; see `tests/theme_contexts.rs`).
    pub fn with_capture(mut self, into: &'a Mutex<Vec<Captured>>) -> Self {
        self.capture = Some(into);
        self
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

    /// Where `job`'s page is written, known without rendering it: the build checks every path against the
    /// site's own files before it renders or writes anything. The same path [`Renderer::render`] returns
    /// (test `every_job_is_written_where_it_says`).
    pub fn path(&self, job: Job) -> String {
        let s = self.site;
        let lesson = |li: usize, i: usize| s.levels.get(li).and_then(|l| l.lessons.get(i));
        let session = |li: usize, si: usize| s.levels.get(li).and_then(|l| l.sessions.get(si));
        let url = |doc: Option<&Doc>| doc.map(|d| d.url.clone()).unwrap_or_default();
        match job {
            Job::Home => urls::HOME.to_string(),
            Job::Page(i) => url(s.pages.get(i).map(|p| &p.doc)),
            Job::Level(li) => url(s.levels.get(li).map(|l| &l.doc)),
            Job::Lesson(li, i) => url(lesson(li, i).map(|x| &x.doc)),
            Job::Worksheet(li, i, q) => {
                lesson(li, i).map(|x| urls::quiz_page(&x.doc.url, q, false)).unwrap_or_default()
            }
            Job::AnswerKey(li, i, q) => lesson(li, i).map(|x| urls::quiz_page(&x.doc.url, q, true)).unwrap_or_default(),
            Job::Session(li, si) => url(session(li, si).map(|x| &x.doc)),
            Job::SessionStudent(li, si) => session(li, si).map(programme::student_url).unwrap_or_default(),
            Job::Material(li, mi) => url(s.levels.get(li).and_then(|l| l.materials.get(mi)).map(|m| &m.doc)),
            Job::Teachers => urls::TEACHERS.to_string(),
            Job::Booklet => urls::BOOKLET.to_string(),
            Job::Coverage => urls::COVERAGE.to_string(),
            Job::ParentsIndex => urls::PARENTS.to_string(),
            Job::Parents(li) => s.levels.get(li).map(programme::parents_url).unwrap_or_default(),
            Job::NotFound => urls::NOT_FOUND.to_string(),
            Job::Sitemap => urls::SITEMAP.to_string(),
            Job::SearchPage => urls::SEARCH.to_string(),
            Job::SearchIndex => urls::SEARCH_INDEX.to_string(),
        }
    }

    /// Renders one job: its output path and bytes.
    pub fn render(&self, job: Job) -> Result<(String, Vec<u8>), Diagnostic> {
        let s = self.site;
        let (path, html) = match job {
            Job::Home => {
                let base = self.base(urls::HOME, &s.home.meta.title, s.home.meta.summary.as_deref(), &[]);
                let own = HomePage {
                    content: self.body(&s.home.doc)?,
                    teacher_rows: self.teachers().then(|| self.readiness_rows()),
                };
                (urls::HOME.to_string(), self.page("index.html", base, &own)?)
            }
            Job::Page(i) => {
                let p = &s.pages[i];
                let base =
                    self.base(&p.doc.url, &p.meta.title, p.meta.summary.as_deref(), &[(&p.meta.title, &p.doc.url)]);
                (p.doc.url.clone(), self.page("page.html", base, &PlainPage { content: self.body(&p.doc)? })?)
            }
            Job::Level(li) => {
                let l = &s.levels[li];
                let base =
                    self.base(&l.doc.url, &l.meta.title, l.meta.summary.as_deref(), &[(&l.meta.title, &l.doc.url)]);
                let own = LevelPage {
                    level: LevelWithContent { level: LevelInfo::of(l), content: self.body(&l.doc)? },
                    lessons: l.lessons.iter().map(|x| self.summary_of(x)).collect(),
                };
                (l.doc.url.clone(), self.page("level.html", base, &own)?)
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
                let base = self.base(urls::SEARCH, &title, None, &[(&title, urls::SEARCH)]);
                (urls::SEARCH.to_string(), self.page("search.html", base, &Common {})?)
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
                let mut base = self.base(urls::NOT_FOUND, &title, None, &[]);
                base.root = urls::not_found_root(s.config.base_url.as_deref());
                (urls::NOT_FOUND.to_string(), self.page("404.html", base, &Common {})?)
            }
            Job::Sitemap => {
                let mut urls: Vec<&str> = vec![""];
                urls.extend(s.pages.iter().map(|p| p.doc.url.as_str()));
                for l in &s.levels {
                    urls.push(&l.doc.url);
                    urls.extend(l.lessons.iter().map(|x| x.doc.url.as_str()));
                }
                let base = s.config.base_url.as_deref().unwrap_or("").trim_end_matches('/');
                let own = Sitemap { base_url: if base.is_empty() { String::new() } else { format!("{base}/") }, urls };
                // Only its own fields: a sitemap shows nothing of the theme or the site's pages.
                self.record(|| {
                    Ok(Captured { template: "sitemap.xml".into(), common: None, own: serde_json::to_value(&own)? })
                })
                .map_err(|e| context_error("sitemap.xml", &e))?;
                let ctx = Context::from_serialize(&own).map_err(|e| context_error("sitemap.xml", &e))?;
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
            return Err(Diagnostic::error("E093", msg!("e093-no-quiz", file = &lesson.doc.file.rel, number = q + 1)));
        };
        let view = quiz_form::view(quiz, q + 1, &words, &urls::root_prefix(&path));
        let title = format!("{} — {}", self.theme.t(if key { "answer_key" } else { "worksheet" }), lesson.meta.title);
        let base = self.base(
            &path,
            &title,
            None,
            &[(&l.meta.title, &l.doc.url), (&lesson.meta.title, &lesson.doc.url), (&title, &path)],
        );
        let own = QuizPage {
            quiz: view,
            lesson: Link::new(&lesson.meta.title, lesson.doc.url.as_str()),
            level: &self.shared.levels[li],
        };
        let template = if key { "answer-key.html" } else { "worksheet.html" };
        Ok((path.clone(), self.page(template, base, &own)?))
    }

    fn lesson_page(&self, li: usize, i: usize) -> Result<OutFile, Diagnostic> {
        let l = &self.site.levels[li];
        let lesson = &l.lessons[i];
        let html = self.body(&lesson.doc)?;
        let (headings, quizzes) = (&lesson.doc.headings, &lesson.doc.quizzes);
        let mut base = self.base(
            &lesson.doc.url,
            &lesson.meta.title,
            lesson.meta.summary.as_deref(),
            &[(&l.meta.title, &l.doc.url), (&lesson.meta.title, &lesson.doc.url)],
        );
        let toc = headings
            .iter()
            .filter(|h| h.level == 2 || h.level == 3)
            .map(|h| TocEntry { id: &h.id, title: &h.title, level: h.level })
            .collect();
        let mut content = html;
        let has_quiz = !quizzes.is_empty();
        if has_quiz {
            content.push_str(&self.strings_script());
        }
        base.has_quiz = has_quiz;
        // By name, not only by code: teachers and parents do not know the framework's numbering.
        let known = self.site.config.competences();
        let competencies = lesson
            .meta
            .competencies
            .iter()
            .map(|code| {
                let (framework, title) = known.get(code.as_str()).copied().unwrap_or(("", ""));
                Competence { code, title, framework }
            })
            .collect();
        let link = |x: &'a Lesson| Link::new(&x.meta.title, x.doc.url.as_str());
        let own = LessonPage {
            lesson: LessonView {
                summary: self.summary_of(lesson),
                content,
                toc,
                objectives: lesson.meta.objectives.iter().map(|o| markdown::inline_html(o)).collect(),
                competencies,
                keywords: &lesson.meta.keywords,
                updated: lesson.meta.updated.as_deref(),
            },
            level: &self.shared.levels[li],
            // "Bài 2/6": where the lesson sits in its level.
            position: Position { n: i + 1, count: l.lessons.len() },
            prev: i.checked_sub(1).and_then(|p| l.lessons.get(p)).map(link),
            next: l.lessons.get(i + 1).map(link),
        };
        Ok((lesson.doc.url.clone(), self.page("lesson.html", base, &own)?))
    }

    /// What lists show of a lesson, owning its text: `serve` compares it before and after an edit.
    pub(crate) fn lesson_summary(&self, x: &Lesson) -> LessonSummary<'static> {
        self.summary_of(x).into_owned()
    }

    /// A lesson as lists show it (see docs/theme.md).
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
            slug: x.slug.as_str().into(),
            title: x.meta.title.as_str().into(),
            url: x.doc.url.as_str().into(),
            summary: x.meta.summary.as_deref().map(Into::into),
            duration: x.meta.duration,
            grades: x.meta.grades.as_ref().and_then(|g| range(g)),
            quizzes,
        }
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

    /// A page's own body, as readers see it (highlighted, quizzes as forms); an error if a quiz form's
    /// template failed.
    pub fn body(&self, doc: &Doc) -> Result<String, Diagnostic> {
        self.show(&doc.markup.main, doc, &doc.url, "", true)
    }

    /// A quiz form, from the theme's `_quiz_form.html`.
    pub(crate) fn quiz_form_html(&self, form: &quiz_form::QuizForm) -> Result<String, Diagnostic> {
        quiz_form::form_html(&self.theme.tera, &self.strings, form)
            .map_err(|e| self.theme.template_error("E093", quiz_form::TEMPLATE, &e))
    }

    /// A body shown on the page at `page_url`: links relative to that page, heading ids prefixed with
    /// `id_prefix` so several bodies can share a page, and quizzes left out unless `quizzes`.
    pub fn body_on(&self, doc: &Doc, page_url: &str, id_prefix: &str, quizzes: bool) -> Result<String, Diagnostic> {
        self.show(&doc.markup.main, doc, page_url, id_prefix, quizzes)
    }

    /// A body's `teacher` blocks, as the page at `page_url` shows them.
    pub fn teacher_blocks(&self, doc: &Doc, page_url: &str, id_prefix: &str) -> Result<Vec<String>, Diagnostic> {
        doc.markup.teacher.iter().map(|m| self.show(m, doc, page_url, id_prefix, false)).collect()
    }

    /// A body's `parents` blocks, as the page at `page_url` shows them (no quiz form).
    pub fn parents_blocks_of(&self, doc: &Doc, page_url: &str, id_prefix: &str) -> Result<Vec<String>, Diagnostic> {
        doc.markup.parents.iter().map(|m| self.show(m, doc, page_url, id_prefix, false)).collect()
    }

    /// A body as one page shows it; an error if a quiz form's template failed or the body could not be
    /// read back (E056): the page is not made without it.
    fn show(
        &self,
        markup: &Markup,
        doc: &Doc,
        page_url: &str,
        id_prefix: &str,
        quizzes: bool,
    ) -> Result<String, Diagnostic> {
        let root = urls::root_prefix(page_url);
        let fill = PageFill { renderer: self, doc, root: &root, quizzes, failed: Default::default() };
        let html = markup.to_html(&View { root: &root, id_prefix, fill: &fill });
        match fill.failed.into_inner() {
            Some(e) => Err(e),
            None => Ok(html),
        }
    }

    /// What every page but the sitemap gets besides the shared part (see docs/theme.md).
    pub(crate) fn base<'p>(
        &'p self,
        url: &'p str,
        title: &'p str,
        description: Option<&'p str>,
        crumbs: &[(&'p str, &'p str)],
    ) -> Base<'p> {
        let breadcrumbs = (!crumbs.is_empty()).then(|| {
            let home = Link { title: &self.home, url: urls::HOME.into() };
            std::iter::once(home).chain(crumbs.iter().map(|&(t, u)| Link::new(t, u))).collect()
        });
        Base {
            root: urls::root_prefix(url),
            lang: &self.site.config.language,
            page: PageMeta { title, url, description: description.unwrap_or(&self.site.config.description) },
            breadcrumbs,
            has_quiz: false,
            audience: if self.teachers() { "all" } else { "student" },
        }
    }

    /// Renders a page: the shared part, then `base`, then the page kind's own fields.
    pub(crate) fn page<P: Serialize>(&self, template: &str, base: Base, own: &P) -> Result<Vec<u8>, Diagnostic> {
        let page = Page { base, own };
        self.record(|| {
            Ok(Captured {
                template: template.to_string(),
                common: Some((serde_json::to_value(&self.shared)?, serde_json::to_value(&page.base)?)),
                own: serde_json::to_value(page.own)?,
            })
        })
        .map_err(|e| context_error(template, &e))?;
        let mut ctx = self.shared_ctx.clone();
        ctx.extend(Context::from_serialize(&page).map_err(|e| context_error(template, &e))?);
        self.template(template, &ctx)
    }

    /// Keeps a page's context for [`Renderer::with_capture`], when asked to.
    fn record(&self, page: impl FnOnce() -> serde_json::Result<Captured>) -> serde_json::Result<()> {
        if let Some(into) = self.capture {
            let page = page()?;
            into.lock().unwrap_or_else(|e| e.into_inner()).push(page);
        }
        Ok(())
    }

    /// Bytes, not a `String`: pages go straight to files, and checking the UTF-8 of every page again
    /// cost a few percent of a build.
    pub(crate) fn template(&self, name: &str, ctx: &Context) -> Result<Vec<u8>, Diagnostic> {
        // Most pages are under 32 KB: one allocation, no copy on the way.
        let mut out = Vec::with_capacity(32 * 1024);
        self.theme
            .tera
            .render_to(name, ctx, &mut out)
            .map(|()| out)
            .map_err(|e| self.theme.template_error("E093", name, &e))
    }
}

fn context_error(template: &str, e: &dyn std::fmt::Display) -> Diagnostic {
    Diagnostic::error("E093", msg!("e093-no-context", template = template, error = e.to_string()))
}

/// Fills a body's holes for one page: highlighted code, quiz forms and the theme's labels.
struct PageFill<'r, 'a> {
    renderer: &'r Renderer<'a>,
    doc: &'r Doc,
    /// The page's `../` prefix to the site root.
    root: &'r str,
    /// Whether this page shows the document's quizzes as forms.
    quizzes: bool,
    /// The first quiz form whose template failed, or the body if it could not be read back (E056): the
    /// page fails with it.
    failed: std::cell::RefCell<Option<Diagnostic>>,
}

impl markdown::Fill for PageFill<'_, '_> {
    fn code(&self, lang: &str, text: &str, out: &mut String) {
        markdown::highlight::write_code_block(out, lang, text, self.renderer.highlights);
    }

    fn quiz(&self, n: usize, out: &mut String) {
        let Some(q) = self.doc.quizzes.get(n.wrapping_sub(1)).filter(|_| self.quizzes) else { return };
        let w = self.renderer.words();
        let words = Words { get: &w };
        let key = format!("{}#{n}", urls::quiz_key(&self.doc.url));
        match self.renderer.quiz_form_html(&quiz_form::form(q, n, &key, &words, self.root, true)) {
            Ok(html) => out.push_str(&html),
            Err(e) => {
                self.failed.borrow_mut().get_or_insert(e);
            }
        }
    }

    fn callout(&self, name: &str, out: &mut String) {
        out.push_str(&open_html(name, &|k| self.renderer.theme.t(k)));
    }

    fn unreadable(&self, error: std::io::Error) {
        let d = Diagnostic::error(
            "E056",
            msg!("e056-unreadable-body", file = &self.doc.file.rel, error = error.to_string()),
        )
        .hint(msg!("e056-unreadable-body.hint"));
        self.failed.borrow_mut().get_or_insert(d);
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
