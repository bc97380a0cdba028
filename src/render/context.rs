//! What templates receive: one `Serialize` struct per page kind, and the parts every page shares.
//!
//! A template's context is the fields of [`Shared`] (the same on every page, serialized once per build),
//! then those of [`Base`] (this page's place and title), then the page kind's own struct; a later part
//! may shadow an earlier one (the parents' index gives its own `levels`). docs/theme.md lists every field
//! of every template; `tests/theme_contexts.rs` checks that list against what a build serializes.
//!
//! Fields that are `Option` serialize as `null` unless marked to be left out: a template can then test
//! `x is defined` (the theme does for `level`, which only a level's pages have).

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::Config;
use crate::content::Level;
use crate::urls;

/// The parts of every page's context that do not depend on the page.
#[derive(Serialize)]
pub struct Shared<'a> {
    /// The theme's UI strings (`{{ t.skip_link }}`).
    pub t: &'a BTreeMap<String, String>,
    pub site: SiteInfo<'a>,
    /// Every level, in order.
    pub levels: Vec<LevelInfo<'a>>,
    pub nav: Nav,
}

/// `site`: the configuration as pages show it.
#[derive(Serialize)]
pub struct SiteInfo<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub school_year: Option<&'a str>,
    pub help: Vec<HelpLine<'a>>,
    pub language: &'a str,
    /// The root-relative URL of the help page, or null.
    pub help_page: Option<&'a str>,
}

/// One line of `site.help`.
#[derive(Serialize)]
pub struct HelpLine<'a> {
    pub name: &'a str,
    pub phone: &'a str,
    /// The digits of `phone`, for a `tel:` link.
    pub tel: String,
    pub note: Option<&'a str>,
    /// False for a line nobody has checked (the `help_box` component shows it to teachers only).
    pub verified: bool,
}

/// `nav`: the site-wide entry points; the teachers' ones are null in the student build.
#[derive(Serialize)]
pub struct Nav {
    pub teachers: Option<&'static str>,
    pub booklet: Option<&'static str>,
    pub coverage: Option<&'static str>,
    pub parents: &'static str,
    pub search: &'static str,
}

/// A level as every template sees it (`levels`, and `level` on the pages of a level).
#[derive(Serialize, Clone)]
pub struct LevelInfo<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    pub grades: Option<[u8; 2]>,
    pub ages: Option<[u8; 2]>,
    pub summary: Option<&'a str>,
    pub lesson_count: usize,
    /// `preschool`, `young` or `standard`.
    pub presentation: &'a str,
    pub read_aloud: bool,
    pub icon: Option<&'a str>,
    pub colour: Option<&'a str>,
}

impl<'a> Shared<'a> {
    pub fn new(config: &'a Config, strings: &'a BTreeMap<String, String>, levels: &'a [Level], teachers: bool) -> Self {
        let help = config
            .help
            .iter()
            .map(|h| HelpLine {
                name: &h.name,
                phone: &h.phone,
                tel: h.tel(),
                note: h.note.as_deref(),
                verified: h.verified,
            })
            .collect();
        Shared {
            t: strings,
            site: SiteInfo {
                title: &config.title,
                description: &config.description,
                school_year: config.school_year.as_deref(),
                help,
                language: &config.language,
                help_page: config.help_page.as_deref(),
            },
            levels: levels.iter().map(LevelInfo::of).collect(),
            nav: Nav {
                teachers: teachers.then_some(urls::TEACHERS),
                booklet: teachers.then_some(urls::BOOKLET),
                coverage: teachers.then_some(urls::COVERAGE),
                parents: urls::PARENTS,
                search: urls::SEARCH,
            },
        }
    }
}

impl<'a> LevelInfo<'a> {
    pub fn of(l: &'a Level) -> Self {
        LevelInfo {
            slug: &l.slug,
            title: &l.meta.title,
            url: &l.doc.url,
            grades: l.meta.grades.as_deref().and_then(super::range),
            ages: l.meta.ages.as_deref().and_then(super::range),
            summary: l.meta.summary.as_deref(),
            lesson_count: l.lessons.len(),
            presentation: l.meta.presentation.as_deref().unwrap_or("standard"),
            read_aloud: l.meta.read_aloud,
            icon: l.meta.icon.as_deref(),
            colour: l.meta.colour.as_deref(),
        }
    }
}

/// What every page but `sitemap.xml` gets besides [`Shared`].
#[derive(Serialize)]
pub struct Base<'a> {
    /// The relative prefix from this page to the site root (`""`, `"../"` …); absolute on `404.html`.
    pub root: String,
    pub lang: &'a str,
    pub page: PageMeta<'a>,
    /// The home page first, this page last; left out on the home page and `404.html`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub breadcrumbs: Option<Vec<Link<'a>>>,
    /// True only on a page with an interactive quiz (`base.html` loads quiz.js then).
    pub has_quiz: bool,
    /// `"all"` or `"student"`.
    pub audience: &'static str,
}

/// `page`: this page's title, URL and description (its `summary`, else the site's).
#[derive(Serialize)]
pub struct PageMeta<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub description: &'a str,
}

/// A title and a root-relative URL.
#[derive(Serialize, Clone, PartialEq, Debug)]
pub struct Link<'a> {
    pub title: &'a str,
    pub url: Cow<'a, str>,
}

impl<'a> Link<'a> {
    pub fn new(title: &'a str, url: impl Into<Cow<'a, str>>) -> Self {
        Link { title, url: url.into() }
    }
}

/// A page kind's own fields, after [`Base`].
#[derive(Serialize)]
pub struct Page<'a, P: Serialize> {
    #[serde(flatten)]
    pub base: Base<'a>,
    #[serde(flatten)]
    pub own: &'a P,
}

/// `search.html` and `404.html`: the common context only.
#[derive(Serialize)]
pub struct Common {}

/// `index.html`, the home page.
#[derive(Serialize)]
pub struct HomePage<'a> {
    /// The HTML of `content/_index.md`'s body.
    pub content: String,
    /// The readiness rows of `teachers.html`; in the full build only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub teacher_rows: Option<Vec<ReadinessRow<'a>>>,
}

/// `page.html`, a plain page.
#[derive(Serialize)]
pub struct PlainPage {
    pub content: String,
}

/// `level.html`.
#[derive(Serialize)]
pub struct LevelPage<'a> {
    pub level: LevelWithContent<'a>,
    pub lessons: Vec<LessonSummary<'a>>,
}

/// A level with its intro's HTML.
#[derive(Serialize)]
pub struct LevelWithContent<'a> {
    #[serde(flatten)]
    pub level: LevelInfo<'a>,
    pub content: String,
}

/// A lesson as lists show it. Typed, not a JSON map: a level page lists thousands.
#[derive(Serialize, Clone, PartialEq, Debug)]
pub struct LessonSummary<'a> {
    pub slug: Cow<'a, str>,
    pub title: Cow<'a, str>,
    pub url: Cow<'a, str>,
    pub summary: Option<Cow<'a, str>>,
    pub duration: Option<u32>,
    pub grades: Option<[u8; 2]>,
    pub quizzes: Vec<QuizSummary>,
}

impl LessonSummary<'_> {
    /// The same summary, owning its text (what `serve` keeps to compare a lesson before and after an edit).
    pub fn into_owned(self) -> LessonSummary<'static> {
        LessonSummary {
            slug: Cow::Owned(self.slug.into_owned()),
            title: Cow::Owned(self.title.into_owned()),
            url: Cow::Owned(self.url.into_owned()),
            summary: self.summary.map(|s| Cow::Owned(s.into_owned())),
            duration: self.duration,
            grades: self.grades,
            quizzes: self.quizzes,
        }
    }
}

/// One quiz of a [`LessonSummary`].
#[derive(Serialize, Clone, PartialEq, Debug)]
pub struct QuizSummary {
    pub title: String,
    /// The worksheet's URL.
    pub worksheet: String,
    /// The answer key's URL; null in the student build.
    pub key: Option<String>,
    /// The number of questions.
    pub questions: usize,
}

/// `lesson.html`.
#[derive(Serialize)]
pub struct LessonPage<'a> {
    pub lesson: LessonView<'a>,
    pub level: &'a LevelInfo<'a>,
    /// The lesson's place in its level ("Bài 2/6").
    pub position: Position,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prev: Option<Link<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<Link<'a>>,
}

/// The lesson of `lesson.html`: its summary and its body.
#[derive(Serialize)]
pub struct LessonView<'a> {
    #[serde(flatten)]
    pub summary: LessonSummary<'a>,
    /// The body's HTML, ending with the `#hl-strings` script when the lesson has quizzes.
    pub content: String,
    /// The h2 and h3 headings.
    pub toc: Vec<TocEntry<'a>>,
    /// Inline HTML.
    pub objectives: Vec<String>,
    pub competencies: Vec<Competence<'a>>,
    pub keywords: &'a [String],
    pub updated: Option<&'a str>,
}

#[derive(Serialize)]
pub struct TocEntry<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub level: u8,
}

/// A competence by code, name and framework title (both `""` for a code no framework declares).
#[derive(Serialize)]
pub struct Competence<'a> {
    pub code: &'a str,
    pub title: &'a str,
    pub framework: &'a str,
}

#[derive(Serialize)]
pub struct Position {
    pub n: usize,
    pub count: usize,
}

/// `worksheet.html` and `answer-key.html`.
#[derive(Serialize)]
pub struct QuizPage<'a> {
    /// The quiz view of `render::quiz_form::view`.
    pub quiz: serde_json::Value,
    pub lesson: Link<'a>,
    pub level: &'a LevelInfo<'a>,
}

/// `sitemap.xml`, which gets nothing else.
#[derive(Serialize)]
pub struct Sitemap<'a> {
    /// The configuration's `base_url` with one trailing `/`, or `""`.
    pub base_url: String,
    /// Root-relative URLs of the home page (`""`), plain pages, levels and lessons.
    pub urls: Vec<&'a str>,
}

/// `session.html`.
#[derive(Serialize)]
pub struct SessionPage<'a> {
    pub session: Guide<'a>,
}

/// Everything a teacher guide shows; also one entry of the booklet.
#[derive(Serialize)]
pub struct Guide<'a> {
    pub title: &'a str,
    pub slug: &'a str,
    pub url: &'a str,
    pub student_url: String,
    pub school_year: Option<&'a str>,
    pub duration: u32,
    pub grades: Option<[u8; 2]>,
    pub group_size: Option<u32>,
    pub level: LevelInfo<'a>,
    /// The objectives of its lessons, each once (inline HTML).
    pub objectives: Vec<String>,
    pub preparation: Vec<String>,
    /// The teacher narrative.
    pub content: String,
    pub lessons: Vec<LessonLink<'a>>,
    pub materials: Vec<MaterialLink<'a>>,
    pub agenda: Vec<AgendaStep<'a>>,
    pub answer_keys: Vec<AnswerKey<'a>>,
    /// In the booklet only: the materials with their content.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub materials_full: Option<Vec<MaterialLink<'a>>>,
}

#[derive(Serialize)]
pub struct LessonLink<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub duration: Option<u32>,
}

/// A material a session uses: a Markdown material, or a file (`kind` `file`, `is_file` true).
#[derive(Serialize)]
pub struct MaterialLink<'a> {
    pub title: &'a str,
    pub kind: &'a str,
    pub kind_label: String,
    pub url: Cow<'a, str>,
    pub is_file: bool,
    /// In the booklet's `materials_full` only, and only for Markdown materials.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
}

/// One step of a guide's agenda.
#[derive(Serialize)]
pub struct AgendaStep<'a> {
    /// The running clock: "0:00", "0:10".
    pub start: String,
    pub end: String,
    pub minutes: u32,
    pub title: &'a str,
    pub lesson: Option<LessonLink<'a>>,
    pub quiz: bool,
    pub notes: Option<String>,
    /// The lesson's `::: teacher` blocks, on the first step that uses the lesson.
    pub teacher_notes: Vec<String>,
    /// On a later step of the same lesson: the 1-based number of that first step.
    pub plan_step: Option<usize>,
}

#[derive(Serialize)]
pub struct AnswerKey<'a> {
    pub lesson: Link<'a>,
    /// The quiz view, as in `worksheet.html`.
    pub quiz: serde_json::Value,
}

/// `session-student.html`.
#[derive(Serialize)]
pub struct SessionStudentPage<'a> {
    pub session: StudentSession<'a>,
}

#[derive(Serialize)]
pub struct StudentSession<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub level: LevelInfo<'a>,
    pub lessons: Vec<StudentLesson<'a>>,
    /// The combined quiz form and the `#hl-strings` script, or null.
    pub quiz: Option<String>,
}

#[derive(Serialize)]
pub struct StudentLesson<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub slug: &'a str,
    /// The body without quizzes or teacher blocks, heading ids prefixed with `<slug>-`.
    pub content: String,
}

/// `material.html`.
#[derive(Serialize)]
pub struct MaterialPage<'a> {
    pub material: MaterialView<'a>,
}

#[derive(Serialize)]
pub struct MaterialView<'a> {
    pub title: &'a str,
    pub kind: &'a str,
    pub kind_label: String,
    pub summary: Option<&'a str>,
    pub content: String,
    pub level: LevelInfo<'a>,
    /// The sessions that use it: their teacher guides, or their student pages in the student build.
    pub sessions: Vec<Link<'a>>,
}

/// `teachers.html`.
#[derive(Serialize)]
pub struct TeachersPage<'a> {
    pub school_year: Option<&'a str>,
    pub rows: Vec<ReadinessRow<'a>>,
    pub booklet_url: &'static str,
    pub coverage_url: &'static str,
}

/// A level and its session for the configured school year (the teachers' page, the home page's table
/// and `check`'s summary).
#[derive(Serialize)]
pub struct ReadinessRow<'a> {
    #[serde(skip)]
    pub level_title: &'a str,
    pub level: LevelInfo<'a>,
    pub ready: bool,
    pub session: Option<SessionRow<'a>>,
}

/// The session of a [`ReadinessRow`].
#[derive(Serialize)]
pub struct SessionRow<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub duration: u32,
    pub lesson_count: usize,
    pub grades: Option<[u8; 2]>,
}

/// `booklet.html`.
#[derive(Serialize)]
pub struct BookletPage<'a> {
    pub school_year: Option<&'a str>,
    pub guides: Vec<Guide<'a>>,
}

/// `coverage.html`. Typed rows: the matrix lists every lesson of the site.
#[derive(Serialize)]
pub struct CoveragePage<'a> {
    pub frameworks: Vec<FrameworkRows<'a>>,
}

#[derive(Serialize)]
pub struct FrameworkRows<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub note: Option<&'a str>,
    pub domains: Vec<DomainRows<'a>>,
}

#[derive(Serialize)]
pub struct DomainRows<'a> {
    pub code: &'a str,
    pub title: &'a str,
    pub competences: Vec<CompetenceRow<'a>>,
}

#[derive(Serialize)]
pub struct CompetenceRow<'a> {
    pub code: &'a str,
    pub title: &'a str,
    /// One cell per level, in order.
    pub cells: Vec<Cell<'a>>,
    pub covered: bool,
}

#[derive(Serialize)]
pub struct Cell<'a> {
    pub level_slug: &'a str,
    pub lessons: Vec<Link<'a>>,
}

/// `parents-index.html`.
#[derive(Serialize)]
pub struct ParentsIndexPage<'a> {
    /// Every level, each with the URL of its parents' page (shadows the common `levels`).
    pub levels: Vec<ParentsLevel<'a>>,
    pub letters: Vec<LetterLink<'a>>,
}

#[derive(Serialize)]
pub struct ParentsLevel<'a> {
    #[serde(flatten)]
    pub level: LevelInfo<'a>,
    pub parents_url: String,
}

#[derive(Serialize)]
pub struct LetterLink<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub level_title: &'a str,
}

/// `parents.html`.
#[derive(Serialize)]
pub struct ParentsPage<'a> {
    pub level: LevelInfo<'a>,
    pub blocks: Vec<LessonBlocks<'a>>,
    pub letters: Vec<Letter<'a>>,
}

/// A lesson's `::: parents` blocks.
#[derive(Serialize)]
pub struct LessonBlocks<'a> {
    pub lesson: Link<'a>,
    pub html: &'a [String],
}

#[derive(Serialize)]
pub struct Letter<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub content: String,
}
