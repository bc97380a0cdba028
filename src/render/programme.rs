//! Pages of the yearly programme: teacher guides (session plans), student session pages,
//! printable materials, the teachers' index and booklet, competence coverage, parents' pages.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use serde_json::{json, Value};

use super::quiz_form::{self, Words};
use super::{range, Renderer};
use crate::content::session::{MaterialRef, Session};
use crate::content::{Lesson, Level};
use crate::diagnostics::Diagnostic;
use crate::markdown::inline_html;
use crate::quiz::Quiz;
use crate::urls;

type Page = Result<(String, Vec<u8>), Diagnostic>;

/// "0:05", "1:30": the running clock of an agenda.
pub fn clock(minutes: u32) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

impl Renderer<'_> {
    fn lesson_by_slug<'l>(&self, level: &'l Level, slug: &str) -> Option<&'l Lesson> {
        level.lessons.iter().find(|l| l.slug == slug)
    }

    /// The session's lessons in agenda order (then any listed only in `lessons`).
    fn session_lessons<'l>(&self, level: &'l Level, s: &Session) -> Vec<&'l Lesson> {
        let mut seen = BTreeSet::new();
        let order =
            s.meta.agenda.iter().filter_map(|x| x.lesson.as_deref()).chain(s.meta.lessons.iter().map(String::as_str));
        order.filter(|slug| seen.insert(*slug)).filter_map(|slug| self.lesson_by_slug(level, slug)).collect()
    }

    fn kind_label(&self, kind: &str) -> String {
        self.theme.t(&format!("material_{kind}"))
    }

    fn materials_value(
        &self,
        level: &Level,
        s: &Session,
        page_url: &str,
        full: bool,
    ) -> Result<Vec<Value>, Diagnostic> {
        s.materials
            .iter()
            .map(|m| match m {
                MaterialRef::Doc(i) => {
                    let mat = &level.materials[*i];
                    let mut v = json!({"title": mat.meta.title, "kind": mat.meta.kind,
                        "kind_label": self.kind_label(&mat.meta.kind), "url": mat.doc.url, "is_file": false});
                    if full {
                        v["content"] = Value::String(self.body_on(&mat.doc, page_url, &format!("{}-", mat.slug), false));
                    }
                    Ok(v)
                }
                MaterialRef::File(path) => {
                    let name = path.rsplit('/').next().unwrap_or(path);
                    Ok(json!({"title": name, "kind": "file", "kind_label": self.theme.t("material_file"), "url": crate::urls::encode_path(path), "is_file": true}))
                }
            })
            .collect()
    }

    /// Everything a teacher guide shows; also one entry of the booklet.
    fn guide_value(&self, level: &Level, s: &Session, page_url: &str, prefix: &str) -> Result<Value, Diagnostic> {
        let lessons = self.session_lessons(level, s);
        let mut objectives = Vec::new();
        for l in &lessons {
            for o in &l.meta.objectives {
                let html = inline_html(o);
                if !objectives.contains(&html) {
                    objectives.push(html);
                }
            }
        }
        // Every agenda row is a step of its own, in order, with its own minutes. A lesson used by several
        // rows shows its lesson plan (its `teacher` notes, written for the whole lesson) once, at the first
        // row; later rows point back to that step (`plan_step`, 1-based) instead of repeating it.
        let mut plan_at: HashMap<&str, usize> = HashMap::new();
        let mut clock_at = 0;
        let agenda: Vec<Value> = s
            .meta
            .agenda
            .iter()
            .enumerate()
            .map(|(i, step)| {
                let start = clock_at;
                clock_at += step.minutes;
                let lesson = step.lesson.as_deref().and_then(|slug| self.lesson_by_slug(level, slug));
                let (teacher_notes, plan_step) = match lesson {
                    Some(l) => match plan_at.get(l.slug.as_str()) {
                        Some(&first) => (Vec::new(), Some(first)),
                        None => {
                            let notes = self.teacher_blocks(&l.doc, page_url, prefix);
                            if !notes.is_empty() {
                                plan_at.insert(l.slug.as_str(), i + 1);
                            }
                            (notes, None)
                        }
                    },
                    None => (Vec::new(), None),
                };
                Ok(json!({
                    "start": clock(start), "end": clock(clock_at), "minutes": step.minutes, "title": step.title,
                    "lesson": lesson.map(|l| json!({"title": l.meta.title, "url": l.doc.url, "duration": l.meta.duration})),
                    "quiz": step.quiz, "notes": step.notes.as_deref().map(inline_html), "teacher_notes": teacher_notes,
                    "plan_step": plan_step,
                }))
            })
            .collect::<Result<_, Diagnostic>>()?;
        let w = self.words();
        let words = Words { get: &w };
        let root = crate::urls::root_prefix(page_url);
        let answer_keys: Vec<Value> = lessons
            .iter()
            .flat_map(|l| {
                l.doc.quizzes.iter().enumerate().map(move |(q, quiz)| (l, q, quiz)).collect::<Vec<_>>()
            })
            .map(|(l, q, quiz)| json!({"lesson": {"title": l.meta.title, "url": l.doc.url}, "quiz": quiz_form::view(quiz, q + 1, &words, &root)}))
            .collect();
        Ok(json!({
            "title": s.meta.title, "slug": s.slug, "url": s.doc.url, "student_url": student_url(s),
            "school_year": s.school_year, "duration": s.meta.duration,
            "grades": s.meta.grades.as_ref().and_then(|g| range(g)), "group_size": s.meta.group_size,
            "level": self.level_value(level), "objectives": objectives,
            "preparation": s.meta.preparation.iter().map(|p| inline_html(p)).collect::<Vec<_>>(),
            "content": self.body_on(&s.doc, page_url, prefix, false),
            "lessons": lessons.iter().map(|l| json!({"title": l.meta.title, "url": l.doc.url, "duration": l.meta.duration})).collect::<Vec<_>>(),
            "materials": self.materials_value(level, s, page_url, false)?,
            "agenda": agenda, "answer_keys": answer_keys,
        }))
    }

    pub(super) fn session_page(&self, li: usize, si: usize) -> Page {
        let level = &self.site.levels[li];
        let s = &level.sessions[si];
        let mut ctx = self.base(
            &s.doc.url,
            &s.meta.title,
            None,
            &[(&level.meta.title, &level.doc.url), (&s.meta.title, &s.doc.url)],
        );
        ctx.insert("session", &self.guide_value(level, s, &s.doc.url, "")?);
        Ok((s.doc.url.clone(), self.template("session.html", &ctx)?))
    }

    pub(super) fn session_student_page(&self, li: usize, si: usize) -> Page {
        let level = &self.site.levels[li];
        let s = &level.sessions[si];
        let url = student_url(s);
        let lessons = self.session_lessons(level, s);
        let lesson_values: Vec<Value> = lessons
            .iter()
            .map(|l| {
                let html = self.body_on(&l.doc, &url, &format!("{}-", l.slug), false);
                Ok(json!({"title": l.meta.title, "url": l.doc.url, "slug": l.slug, "content": html}))
            })
            .collect::<Result<_, Diagnostic>>()?;
        // One combined quiz: the questions of every lesson's quizzes, in agenda order.
        let questions: Vec<_> =
            lessons.iter().flat_map(|l| l.doc.quizzes.iter().flat_map(|q| q.questions.iter().cloned())).collect();
        let quiz_html = (!questions.is_empty()).then(|| {
            let combined =
                Quiz { title: Some(self.theme.t("session_quiz_title")), pass: 70, shuffle: false, questions };
            let w = self.words();
            let words = Words { get: &w };
            let key = crate::urls::quiz_key(&url);
            let root = crate::urls::root_prefix(&url);
            let form = self.quiz_form_html(&quiz_form::form(&combined, 1, key, &words, &root, false))?;
            Ok::<_, Diagnostic>(format!("{form}{}", self.strings_script()))
        });
        let quiz_html = quiz_html.transpose()?;
        let mut ctx =
            self.base(&url, &s.meta.title, None, &[(&level.meta.title, &level.doc.url), (&s.meta.title, &url)]);
        ctx.insert("has_quiz", &quiz_html.is_some());
        ctx.insert(
            "session",
            &json!({"title": s.meta.title, "url": url, "level": self.level_value(level), "lessons": lesson_values, "quiz": quiz_html}),
        );
        Ok((url, self.template("session-student.html", &ctx)?))
    }

    pub(super) fn material_page(&self, li: usize, mi: usize) -> Page {
        let level = &self.site.levels[li];
        let m = &level.materials[mi];
        let sessions: Vec<Value> = level
            .sessions
            .iter()
            .filter(|s| s.materials.iter().any(|r| matches!(r, MaterialRef::Doc(i) if *i == mi)))
            .map(|s| json!({"title": s.meta.title, "url": if self.teachers() { s.doc.url.clone() } else { student_url(s) }}))
            .collect();
        let mut ctx = self.base(
            &m.doc.url,
            &m.meta.title,
            m.meta.summary.as_deref(),
            &[(&level.meta.title, &level.doc.url), (&m.meta.title, &m.doc.url)],
        );
        ctx.insert(
            "material",
            &json!({"title": m.meta.title, "kind": m.meta.kind, "kind_label": self.kind_label(&m.meta.kind),
                "summary": m.meta.summary, "content": self.body(&m.doc)?, "level": self.level_value(level), "sessions": sessions}),
        );
        Ok((m.doc.url.clone(), self.template("material.html", &ctx)?))
    }

    /// This school year's session of each level, or none: the programme's readiness at a glance.
    /// Each level and its session for the configured school year (the teachers' page, the home page's
    /// table and `check`'s summary).
    pub fn readiness_rows(&self) -> Vec<ReadinessRow<'_>> {
        let year = self.site.config.school_year.as_deref();
        self.site
            .levels
            .iter()
            .map(|level| {
                let s = level.sessions.iter().find(|s| year.is_none() || s.school_year.as_deref() == year);
                ReadinessRow {
                    level_title: &level.meta.title,
                    level: self.level_value(level),
                    ready: s.is_some(),
                    session: s.map(|s| SessionRow {
                        title: &s.meta.title,
                        url: &s.doc.url,
                        duration: s.meta.duration,
                        lesson_count: self.session_lessons(level, s).len(),
                        grades: s.meta.grades.as_ref().and_then(|g| range(g)),
                    }),
                }
            })
            .collect()
    }

    pub(super) fn teachers_page(&self) -> Page {
        let title = self.theme.t("teachers_title");
        let mut ctx = self.base(urls::TEACHERS, &title, None, &[(&title, urls::TEACHERS)]);
        ctx.insert("school_year", &self.site.config.school_year);
        ctx.insert("rows", &self.readiness_rows());
        ctx.insert("booklet_url", urls::BOOKLET);
        ctx.insert("coverage_url", urls::COVERAGE);
        Ok((urls::TEACHERS.to_string(), self.template("teachers.html", &ctx)?))
    }

    pub(super) fn booklet_page(&self) -> Page {
        let title = self.theme.t("booklet_title");
        let year = self.site.config.school_year.as_deref();
        let guides: Vec<Value> = self
            .site
            .levels
            .iter()
            .flat_map(|level| {
                level.sessions.iter().filter(move |s| year.is_none() || s.school_year.as_deref() == year).map(
                    move |s| {
                        let prefix = format!("{}-{}-", level.slug, s.slug);
                        let mut v = self.guide_value(level, s, urls::BOOKLET, &prefix)?;
                        v["materials_full"] = Value::Array(self.materials_value(level, s, urls::BOOKLET, true)?);
                        Ok(v)
                    },
                )
            })
            .collect::<Result<_, Diagnostic>>()?;
        let teachers = self.theme.t("teachers_title");
        let mut ctx = self.base(urls::BOOKLET, &title, None, &[(&teachers, urls::TEACHERS), (&title, urls::BOOKLET)]);
        ctx.insert("school_year", &self.site.config.school_year);
        ctx.insert("guides", &guides);
        Ok((urls::BOOKLET.to_string(), self.template("booklet.html", &ctx)?))
    }

    pub(super) fn coverage_page(&self) -> Page {
        // Typed rows rather than `json!` maps: the matrix lists every lesson of the site, and building it
        // twice (JSON, then template values) took longer than rendering it.
        #[derive(Serialize, Clone)]
        struct Link<'a> {
            title: &'a str,
            url: &'a str,
        }
        #[derive(Serialize)]
        struct Cell<'a> {
            level_slug: &'a str,
            lessons: Vec<Link<'a>>,
        }
        #[derive(Serialize)]
        struct Row<'a> {
            code: &'a str,
            title: &'a str,
            cells: Vec<Cell<'a>>,
            covered: bool,
        }
        #[derive(Serialize)]
        struct DomainRows<'a> {
            code: &'a str,
            title: &'a str,
            competences: Vec<Row<'a>>,
        }
        #[derive(Serialize)]
        struct FrameworkRows<'a> {
            id: &'a str,
            title: &'a str,
            note: Option<&'a str>,
            domains: Vec<DomainRows<'a>>,
        }
        // One pass over the lessons: code → lessons of each level, in order.
        let levels = &self.site.levels;
        let mut by_code: HashMap<&str, Vec<Vec<Link>>> = HashMap::new();
        for (li, level) in levels.iter().enumerate() {
            for l in &level.lessons {
                for code in &l.meta.competencies {
                    let cells =
                        by_code.entry(code.as_str()).or_insert_with(|| levels.iter().map(|_| Vec::new()).collect());
                    // A code listed twice in one lesson shows the lesson once.
                    if cells[li].last().is_none_or(|x: &Link| x.url != l.doc.url) {
                        cells[li].push(Link { title: &l.meta.title, url: &l.doc.url });
                    }
                }
            }
        }
        let frameworks: Vec<FrameworkRows> = self
            .site
            .config
            .framework_list
            .iter()
            .map(|f| FrameworkRows {
                id: &f.id,
                title: &f.title,
                note: f.note.as_deref(),
                domains: f
                    .domains
                    .iter()
                    .map(|d| DomainRows {
                        code: &d.code,
                        title: &d.title,
                        competences: d
                            .competences
                            .iter()
                            .map(|c| {
                                let mut lessons = by_code.get(c.code.as_str()).cloned().unwrap_or_default();
                                lessons.resize_with(levels.len(), Vec::new);
                                let covered = lessons.iter().any(|x| !x.is_empty());
                                let cells = levels
                                    .iter()
                                    .zip(lessons)
                                    .map(|(level, lessons)| Cell { level_slug: &level.slug, lessons })
                                    .collect();
                                Row { code: &c.code, title: &c.title, cells, covered }
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        let title = self.theme.t("coverage_title");
        let teachers = self.theme.t("teachers_title");
        let mut ctx = self.base(urls::COVERAGE, &title, None, &[(&teachers, urls::TEACHERS), (&title, urls::COVERAGE)]);
        ctx.insert("frameworks", &frameworks);
        Ok((urls::COVERAGE.to_string(), self.template("coverage.html", &ctx)?))
    }

    /// A lesson's `parents` blocks as its level's parents' page shows them.
    pub(crate) fn parents_blocks(&self, level: &Level, lesson: &Lesson) -> Vec<String> {
        let prefix = crate::urls::parents_id_prefix(&lesson.slug);
        self.parents_blocks_of(&lesson.doc, &parents_url(level), &prefix)
    }

    fn letters<'l>(&self, level: &'l Level) -> impl Iterator<Item = &'l crate::content::session::Material> + 'l {
        level.materials.iter().filter(|m| m.meta.kind == "letter")
    }

    pub(super) fn parents_index_page(&self) -> Page {
        let title = self.theme.t("parents_title");
        let mut ctx = self.base(urls::PARENTS, &title, None, &[(&title, urls::PARENTS)]);
        let levels: Vec<Value> = self
            .site
            .levels
            .iter()
            .map(|l| {
                let mut v = self.level_value(l);
                v["parents_url"] = Value::String(parents_url(l));
                v
            })
            .collect();
        ctx.insert("levels", &levels);
        let letters: Vec<Value> = self
            .site
            .levels
            .iter()
            .flat_map(|l| {
                self.letters(l)
                    .map(move |m| json!({"title": m.meta.title, "url": m.doc.url, "level_title": l.meta.title}))
            })
            .collect();
        ctx.insert("letters", &letters);
        Ok((urls::PARENTS.to_string(), self.template("parents-index.html", &ctx)?))
    }

    pub(super) fn parents_page(&self, li: usize) -> Page {
        let level = &self.site.levels[li];
        let url = parents_url(level);
        #[derive(Serialize)]
        struct Link<'a> {
            title: &'a str,
            url: &'a str,
        }
        #[derive(Serialize)]
        struct LessonBlocks<'a> {
            lesson: Link<'a>,
            html: &'a [String],
        }
        // The blocks are held here so the page's rows can borrow them (a level has thousands).
        let held: Vec<(&Lesson, Vec<String>)> =
            level.lessons.iter().map(|l| (l, self.parents_blocks(level, l))).collect();
        let blocks: Vec<LessonBlocks> = held
            .iter()
            .filter(|(_, b)| !b.is_empty())
            .map(|(l, b)| LessonBlocks { lesson: Link { title: &l.meta.title, url: &l.doc.url }, html: b })
            .collect();
        let letters: Vec<Value> = self
            .letters(level)
            .map(|m| Ok(json!({"title": m.meta.title, "url": m.doc.url, "content": self.body_on(&m.doc, &url, &format!("{}-", m.slug), false)})))
            .collect::<Result<_, Diagnostic>>()?;
        let parents = self.theme.t("parents_title");
        let title = format!("{} — {}", parents, level.meta.title);
        let mut ctx = self.base(&url, &title, None, &[(&parents, urls::PARENTS), (&level.meta.title, &url)]);
        ctx.insert("level", &self.level_value(level));
        ctx.insert("blocks", &blocks);
        ctx.insert("letters", &letters);
        Ok((url, self.template("parents.html", &ctx)?))
    }
}

pub fn student_url(s: &Session) -> String {
    crate::urls::session_student(&s.doc.url)
}

pub fn parents_url(level: &Level) -> String {
    crate::urls::parents(&level.slug)
}

/// A row of [`Renderer::readiness_rows`] (see docs/theme.md, `teachers.html`).
#[derive(Serialize)]
pub struct ReadinessRow<'a> {
    #[serde(skip)]
    pub level_title: &'a str,
    pub level: Value,
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

#[cfg(test)]
mod tests {
    #[test]
    fn clock_runs() {
        assert_eq!(super::clock(0), "0:00");
        assert_eq!(super::clock(75), "1:15");
    }

    #[test]
    fn not_found_root_is_base_urls_path() {
        use crate::urls::not_found_root;
        assert_eq!(not_found_root(None), "/");
        assert_eq!(not_found_root(Some("https://example.org")), "/");
        assert_eq!(not_found_root(Some("https://example.org/")), "/");
        assert_eq!(not_found_root(Some("https://example.org/hoc/lieu")), "/hoc/lieu/");
        assert_eq!(not_found_root(Some("https://example.org/hoc/?x=1")), "/hoc/");
        assert_eq!(not_found_root(Some("/sub/dir/")), "/sub/dir/");
    }
}
