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
#[cfg_attr(test, derive(schemars::JsonSchema))]
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
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Serialize)]
pub struct SiteInfo<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub school_year: Option<&'a str>,
    pub help: Vec<HelpLine<'a>>,
    pub language: &'a str,
    /// The root-relative URL of the help page, or null.
    pub help_page: Option<&'a str>,
    /// The root-relative URL of the site's own stylesheet (`static/custom.css`), or null when it has none.
    pub custom_css: Option<&'static str>,
}

/// One line of `site.help`.
#[cfg_attr(test, derive(schemars::JsonSchema))]
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
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Serialize)]
pub struct Nav {
    pub teachers: Option<&'static str>,
    pub booklet: Option<&'static str>,
    pub coverage: Option<&'static str>,
    pub parents: &'static str,
    pub search: &'static str,
}

/// A level as every template sees it (`levels`, and `level` on the pages of a level).
#[cfg_attr(test, derive(schemars::JsonSchema))]
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
    /// `custom_css`: whether the site has `static/custom.css`.
    pub fn new(
        config: &'a Config,
        strings: &'a BTreeMap<String, String>,
        levels: &'a [Level],
        teachers: bool,
        custom_css: bool,
    ) -> Self {
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
                custom_css: custom_css.then_some(urls::CUSTOM_CSS),
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
#[cfg_attr(test, derive(schemars::JsonSchema))]
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
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Serialize)]
pub struct PageMeta<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub description: &'a str,
}

/// A title and a root-relative URL.
#[cfg_attr(test, derive(schemars::JsonSchema))]
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
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Serialize)]
pub struct Common {}

/// The home page: its body and, for teachers, where the programme stands.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Serialize)]
pub struct HomePage<'a> {
    /// The HTML of `content/_index.md`'s body.
    pub content: String,
    /// The readiness rows of `teachers.html`; in the full build only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub teacher_rows: Option<Vec<ReadinessRow<'a>>>,
}

/// A plain page (`content/<slug>.md`).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Serialize)]
pub struct PlainPage {
    /// The page's body (HTML).
    pub content: String,
}

/// A level's page: its intro and its lessons, in order.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Serialize)]
pub struct LevelPage<'a> {
    pub level: LevelWithContent<'a>,
    pub lessons: Vec<LessonSummary<'a>>,
}

/// A level (as in `levels`) with its intro.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Serialize)]
pub struct LevelWithContent<'a> {
    #[serde(flatten)]
    pub level: LevelInfo<'a>,
    /// The intro's HTML (the body of `content/<level>/_index.md`).
    pub content: String,
}

/// A lesson as lists show it.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Serialize, Clone, PartialEq, Debug)]
pub struct LessonSummary<'a> {
    pub slug: Cow<'a, str>,
    pub title: Cow<'a, str>,
    pub url: Cow<'a, str>,
    pub summary: Option<Cow<'a, str>>,
    /// Minutes.
    pub duration: Option<u32>,
    /// The first and the last grade.
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

/// One quiz of a `LessonSummary`.
#[cfg_attr(test, derive(schemars::JsonSchema))]
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

/// A lesson's page.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Serialize)]
pub struct LessonPage<'a> {
    pub lesson: LessonView<'a>,
    pub level: &'a LevelInfo<'a>,
    /// The lesson's place in its level ("Bài 2/6").
    pub position: Position,
    /// The lesson before it in its level (absent on the first).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prev: Option<Link<'a>>,
    /// The lesson after it (absent on the last).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<Link<'a>>,
}

/// The lesson of `lesson.html`: its summary and its body.
#[cfg_attr(test, derive(schemars::JsonSchema))]
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
    /// Passed, but the default theme does not show it.
    pub keywords: &'a [String],
    /// The date of the last update (ISO, `2026-11-28`).
    pub updated: Option<&'a str>,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
/// A heading of the lesson.
#[derive(Serialize)]
pub struct TocEntry<'a> {
    pub id: &'a str,
    pub title: &'a str,
    /// 2 or 3.
    pub level: u8,
}

/// A competence by code, name and framework title (both `""` for a code no framework declares).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Serialize)]
pub struct Competence<'a> {
    pub code: &'a str,
    pub title: &'a str,
    pub framework: &'a str,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
/// "Bài `n`/`count`".
#[derive(Serialize)]
pub struct Position {
    pub n: usize,
    pub count: usize,
}

/// A quiz as a printable worksheet, or as its answer key.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Serialize)]
pub struct QuizPage<'a> {
    /// The quiz view (see "Page-specific context" above).
    pub quiz: super::quiz_form::QuizView,
    pub lesson: Link<'a>,
    pub level: &'a LevelInfo<'a>,
}

/// The sitemap, which gets nothing else (not even the common part).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Serialize)]
pub struct Sitemap<'a> {
    /// The configuration's `base_url` with one trailing `/`, or `""`.
    pub base_url: String,
    /// Root-relative URLs of the home page (`""`), plain pages, levels and lessons.
    pub urls: Vec<&'a str>,
}

/// A session plan's teacher guide.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Serialize)]
pub struct SessionPage<'a> {
    pub session: Guide<'a>,
}

/// Everything a teacher guide shows; also one entry of the booklet.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Serialize)]
pub struct Guide<'a> {
    pub title: &'a str,
    pub slug: &'a str,
    pub url: &'a str,
    /// The session's page for the class.
    pub student_url: String,
    pub school_year: Option<&'a str>,
    /// Minutes.
    pub duration: u32,
    pub grades: Option<[u8; 2]>,
    pub group_size: Option<u32>,
    pub level: LevelInfo<'a>,
    /// The objectives of its lessons, each once (inline HTML).
    pub objectives: Vec<String>,
    /// Inline HTML.
    pub preparation: Vec<String>,
    /// The teacher narrative.
    pub content: String,
    /// Its lessons in agenda order.
    pub lessons: Vec<LessonLink<'a>>,
    pub materials: Vec<MaterialLink<'a>>,
    pub agenda: Vec<AgendaStep<'a>>,
    /// Every quiz of its lessons.
    pub answer_keys: Vec<AnswerKey<'a>>,
    /// In the booklet only: the materials with their content.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub materials_full: Option<Vec<MaterialLink<'a>>>,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
/// A lesson of a session.
#[derive(Serialize)]
pub struct LessonLink<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub duration: Option<u32>,
}

/// A material a session uses: a Markdown material, or a file (`kind` `file`, `is_file` true).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Serialize)]
pub struct MaterialLink<'a> {
    pub title: &'a str,
    /// `handout`, `letter`, `poster` or `file`.
    pub kind: &'a str,
    /// The kind in the theme's words.
    pub kind_label: String,
    pub url: Cow<'a, str>,
    pub is_file: bool,
    /// In the booklet's `materials_full` only, and only for Markdown materials.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
}

/// One step of a guide's agenda.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Serialize)]
pub struct AgendaStep<'a> {
    /// The running clock: "0:00", "0:10".
    pub start: String,
    pub end: String,
    pub minutes: u32,
    pub title: &'a str,
    pub lesson: Option<LessonLink<'a>>,
    /// Whether the step is the lesson's quiz.
    pub quiz: bool,
    /// Inline HTML.
    pub notes: Option<String>,
    /// The lesson's `::: teacher` blocks, on the first step that uses the lesson.
    pub teacher_notes: Vec<String>,
    /// On a later step of the same lesson: the 1-based number of that first step.
    pub plan_step: Option<usize>,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
/// A quiz of a session's lessons, with its answers.
#[derive(Serialize)]
pub struct AnswerKey<'a> {
    pub lesson: Link<'a>,
    /// The quiz view, as in `worksheet.html`.
    pub quiz: super::quiz_form::QuizView,
}

/// A session's page for the class: its lessons on one page, and one combined quiz.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Serialize)]
pub struct SessionStudentPage<'a> {
    pub session: StudentSession<'a>,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
/// The session of `session-student.html`.
#[derive(Serialize)]
pub struct StudentSession<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub level: LevelInfo<'a>,
    pub lessons: Vec<StudentLesson<'a>>,
    /// The combined quiz form and the `#hl-strings` script, or null.
    pub quiz: Option<String>,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
/// A lesson as the class sees it on the session's page.
#[derive(Serialize)]
pub struct StudentLesson<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub slug: &'a str,
    /// The body without quizzes or teacher blocks, heading ids prefixed with `<slug>-`.
    pub content: String,
}

/// A printable material (handout, letter, poster).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Serialize)]
pub struct MaterialPage<'a> {
    pub material: MaterialView<'a>,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
/// The material of `material.html`.
#[derive(Serialize)]
pub struct MaterialView<'a> {
    pub title: &'a str,
    /// `handout`, `letter` or `poster`.
    pub kind: &'a str,
    /// The kind in the theme's words.
    pub kind_label: String,
    pub summary: Option<&'a str>,
    /// The body's HTML.
    pub content: String,
    pub level: LevelInfo<'a>,
    /// The sessions that use it: their teacher guides, or their student pages in the student build.
    pub sessions: Vec<Link<'a>>,
}

/// The teachers' index: where the programme stands this school year.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Serialize)]
pub struct TeachersPage<'a> {
    pub school_year: Option<&'a str>,
    pub rows: Vec<ReadinessRow<'a>>,
    pub booklet_url: &'static str,
    pub coverage_url: &'static str,
}

/// A level and its session for the configured school year (the teachers' page, the home page's table
/// and `check`'s summary).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Serialize)]
pub struct ReadinessRow<'a> {
    #[serde(skip)]
    pub level_title: &'a str,
    pub level: LevelInfo<'a>,
    pub ready: bool,
    pub session: Option<SessionRow<'a>>,
}

/// The session of a `ReadinessRow`.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Serialize)]
pub struct SessionRow<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub duration: u32,
    pub lesson_count: usize,
    pub grades: Option<[u8; 2]>,
}

/// The programme booklet: every teacher guide of this school year, to print.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Serialize)]
pub struct BookletPage<'a> {
    pub school_year: Option<&'a str>,
    pub guides: Vec<Guide<'a>>,
}

/// Which lessons teach each competence of the frameworks, level by level.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Serialize)]
pub struct CoveragePage<'a> {
    pub frameworks: Vec<FrameworkRows<'a>>,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
/// A competence framework.
#[derive(Serialize)]
pub struct FrameworkRows<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub note: Option<&'a str>,
    pub domains: Vec<DomainRows<'a>>,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
/// A domain of a framework.
#[derive(Serialize)]
pub struct DomainRows<'a> {
    pub code: &'a str,
    pub title: &'a str,
    pub competences: Vec<CompetenceRow<'a>>,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
/// A competence and the lessons that teach it.
#[derive(Serialize)]
pub struct CompetenceRow<'a> {
    pub code: &'a str,
    pub title: &'a str,
    /// One cell per level, in order.
    pub cells: Vec<Cell<'a>>,
    /// Whether any lesson teaches it.
    pub covered: bool,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
/// The lessons of one level that teach a competence.
#[derive(Serialize)]
pub struct Cell<'a> {
    pub level_slug: &'a str,
    pub lessons: Vec<Link<'a>>,
}

/// The parents' index: a page per level, and the letters to parents.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Serialize)]
pub struct ParentsIndexPage<'a> {
    /// Every level, each with the URL of its parents' page (shadows the common `levels`).
    pub levels: Vec<ParentsLevel<'a>>,
    pub letters: Vec<LetterLink<'a>>,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
/// A level (as in `levels`) with its parents' page.
#[derive(Serialize)]
pub struct ParentsLevel<'a> {
    #[serde(flatten)]
    pub level: LevelInfo<'a>,
    pub parents_url: String,
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
/// A letter to parents, and its level's title.
#[derive(Serialize)]
pub struct LetterLink<'a> {
    pub title: &'a str,
    pub url: &'a str,
    pub level_title: &'a str,
}

/// A level's page for parents: what its lessons ask of families, and its letters in full.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Serialize)]
pub struct ParentsPage<'a> {
    pub level: LevelInfo<'a>,
    pub blocks: Vec<LessonBlocks<'a>>,
    pub letters: Vec<Letter<'a>>,
}

/// A lesson's `::: parents` blocks.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Serialize)]
pub struct LessonBlocks<'a> {
    pub lesson: Link<'a>,
    /// Each block's HTML.
    pub html: &'a [String],
}

#[cfg_attr(test, derive(schemars::JsonSchema))]
/// A letter to parents, in full.
#[derive(Serialize)]
pub struct Letter<'a> {
    pub title: &'a str,
    pub url: &'a str,
    /// The letter's HTML.
    pub content: String,
}

/// docs/theme.md's reference of every template's context is written from these types: the test below
/// fails when the two differ, and `HOCLIEU_BLESS=1 cargo test --lib render::context` writes it again.
#[cfg(test)]
mod tests {
    use super::*;
    use schemars::generate::{SchemaGenerator, SchemaSettings};
    use serde_json::Value;

    const BEGIN: &str = "<!-- Written from src/render/context.rs: `HOCLIEU_BLESS=1 cargo test --lib render::context`. Do not edit by hand. -->\n";
    const END: &str = "<!-- End of the part written from src/render/context.rs. -->\n";

    /// Each page template and the type of its own fields (what it gets besides the common part).
    fn templates(g: &mut SchemaGenerator) -> Vec<(&'static str, Value)> {
        let ours = |t: &'static str, s: schemars::Schema| (t, s.to_value());
        vec![
            ours("index.html", g.subschema_for::<HomePage>()),
            ours("page.html", g.subschema_for::<PlainPage>()),
            ours("level.html", g.subschema_for::<LevelPage>()),
            ours("lesson.html", g.subschema_for::<LessonPage>()),
            ours("worksheet.html, answer-key.html", g.subschema_for::<QuizPage>()),
            ours("search.html, 404.html", g.subschema_for::<Common>()),
            ours("session.html", g.subschema_for::<SessionPage>()),
            ours("session-student.html", g.subschema_for::<SessionStudentPage>()),
            ours("material.html", g.subschema_for::<MaterialPage>()),
            ours("teachers.html", g.subschema_for::<TeachersPage>()),
            ours("booklet.html", g.subschema_for::<BookletPage>()),
            ours("coverage.html", g.subschema_for::<CoveragePage>()),
            ours("parents-index.html", g.subschema_for::<ParentsIndexPage>()),
            ours("parents.html", g.subschema_for::<ParentsPage>()),
            ours("sitemap.xml", g.subschema_for::<Sitemap>()),
        ]
    }

    fn ref_name(s: &Value) -> Option<&str> {
        s.get("$ref")?.as_str()?.rsplit('/').next()
    }

    /// A schema as the reference's "type" column says it.
    fn type_text(s: &Value) -> String {
        if let Some(name) = ref_name(s) {
            return format!("`{name}`");
        }
        if let Some(any) = s.get("anyOf").and_then(Value::as_array) {
            return any.iter().map(type_text).collect::<Vec<_>>().join(" or ");
        }
        let kinds: Vec<&str> = match s.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ => return "any".into(),
        };
        kinds
            .iter()
            .map(|&k| match k {
                "array" => {
                    let item = s.get("items").map(type_text).unwrap_or_else(|| "any".into());
                    match (s.get("minItems"), s.get("maxItems")) {
                        (Some(a), Some(b)) if a == b && a.as_u64().is_some_and(|n| n <= 4) => {
                            let n = a.as_u64().unwrap_or(0) as usize;
                            format!("[{}]", vec![item; n].join(", "))
                        }
                        _ => format!("list of {item}"),
                    }
                }
                "object" => match s.get("additionalProperties") {
                    Some(v) if v.is_object() => format!("map of {}", type_text(v)),
                    _ => "object".into(),
                },
                other => other.into(),
            })
            .collect::<Vec<_>>()
            .join(" or ")
    }

    /// Every type a schema names, in order.
    fn named(s: &Value, out: &mut Vec<String>) {
        if let Some(name) = ref_name(s) {
            if !out.iter().any(|n| n == name) {
                out.push(name.to_string());
            }
        }
        match s {
            Value::Object(m) => m.values().for_each(|v| named(v, out)),
            Value::Array(a) => a.iter().for_each(|v| named(v, out)),
            _ => {}
        }
    }

    fn one_line(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The fields of a struct's schema as a table (or a sentence when it has none).
    fn table(def: &Value) -> String {
        let props = def.get("properties").and_then(Value::as_object);
        let Some(props) = props.filter(|p| !p.is_empty()) else {
            return "No fields of its own.\n".into();
        };
        let required: Vec<&str> = def
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let mut out = String::from("| field | type | notes |\n| --- | --- | --- |\n");
        for (name, s) in props {
            let mut ty = type_text(s);
            // Left out rather than null (`skip_serializing_if`).
            if !required.contains(&name.as_str()) {
                ty = format!("{}, or absent", ty.strip_suffix(" or null").unwrap_or(&ty));
            }
            let about = one_line(s.get("description").and_then(Value::as_str).unwrap_or("")).replace('|', "\\|");
            out.push_str(&format!("| `{name}` | {ty} | {about} |\n"));
        }
        out
    }

    /// The reference part of docs/theme.md, from the types.
    fn reference() -> String {
        let mut g = SchemaSettings::draft2020_12().for_serialize().into_generator();
        let shared = g.subschema_for::<Shared>().to_value();
        let base = g.subschema_for::<Base>().to_value();
        let pages = templates(&mut g);
        let defs = g.definitions().clone();
        let def = |s: &Value| ref_name(s).and_then(|n| defs.get(n)).cloned().unwrap_or(Value::Null);
        let mut out = String::from(BEGIN);
        out.push_str("\n### Every page but `sitemap.xml`\n\nThe same on every page (`Shared`):\n\n");
        out.push_str(&table(&def(&shared)));
        out.push_str("\nThis page's own (`Base`):\n\n");
        out.push_str(&table(&def(&base)));
        let mut names = Vec::new();
        named(&def(&shared), &mut names);
        named(&def(&base), &mut names);
        for (template, s) in &pages {
            let d = def(s);
            let files: Vec<String> = template.split(", ").map(|t| format!("`{t}`")).collect();
            out.push_str(&format!("\n### {} (`{}`)\n\n", files.join(", "), ref_name(s).unwrap_or("?")));
            if let Some(about) = d.get("description").and_then(Value::as_str) {
                out.push_str(&format!("{}\n\n", one_line(about)));
            }
            out.push_str(&table(&d));
            named(&d, &mut names);
        }
        out.push_str("\n### The types they use\n");
        let mut i = 0;
        while let Some(name) = names.get(i).cloned() {
            i += 1;
            let Some(d) = defs.get(&name) else { continue };
            out.push_str(&format!("\n#### `{name}`\n\n"));
            if let Some(about) = d.get("description").and_then(Value::as_str) {
                out.push_str(&format!("{}\n\n", one_line(about)));
            }
            out.push_str(&table(d));
            named(d, &mut names);
        }
        out.push_str(END);
        out
    }

    #[test]
    fn theme_doc_lists_every_context_field() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/theme.md");
        let doc = std::fs::read_to_string(&path).expect("docs/theme.md");
        let (Some(a), Some(b)) = (doc.find(BEGIN), doc.find(END)) else {
            panic!("docs/theme.md has no part written from the types (markers missing)");
        };
        let want = reference();
        let have = &doc[a..b + END.len()];
        if have != want {
            if std::env::var_os("HOCLIEU_BLESS").is_some() {
                let new = format!("{}{}{}", &doc[..a], want, &doc[b + END.len()..]);
                std::fs::write(&path, new).expect("write docs/theme.md");
                return;
            }
            panic!("docs/theme.md's context reference differs from src/render/context.rs; run `HOCLIEU_BLESS=1 cargo test --lib render::context` and review the diff");
        }
    }

    #[test]
    fn type_text_names_what_templates_see() {
        assert_eq!(type_text(&serde_json::json!({"type": ["string", "null"]})), "string or null");
        assert_eq!(type_text(&serde_json::json!({"$ref": "#/$defs/Link"})), "`Link`");
        assert_eq!(
            type_text(
                &serde_json::json!({"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2})
            ),
            "[integer, integer]"
        );
        assert_eq!(
            type_text(&serde_json::json!({"type": "object", "additionalProperties": {"type": "string"}})),
            "map of string"
        );
        assert_eq!(
            type_text(&serde_json::json!({"anyOf": [{"$ref": "#/$defs/Link"}, {"type": "null"}]})),
            "`Link` or null"
        );
    }
}
