//! Pages of the yearly programme: teacher guides (session plans), student session pages,
//! printable materials, the teachers' index and booklet, competence coverage, parents' pages.

use std::collections::{BTreeSet, HashMap};

use super::context::{
    AgendaStep, AnswerKey, BookletPage, Cell, CompetenceRow, CoveragePage, DomainRows, FrameworkRows, Guide,
    LessonBlocks, LessonLink, Letter, LetterLink, LevelInfo, Link, MaterialLink, MaterialPage, MaterialView,
    ParentsIndexPage, ParentsLevel, ParentsPage, ReadinessRow, SessionPage, SessionRow, SessionStudentPage,
    StudentLesson, StudentSession, TeachersPage,
};
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

    fn materials<'l>(
        &self,
        level: &'l Level,
        s: &'l Session,
        page_url: &str,
        full: bool,
    ) -> Result<Vec<MaterialLink<'l>>, Diagnostic> {
        s.materials
            .iter()
            .map(|m| match m {
                MaterialRef::Doc(i) => {
                    let mat = &level.materials[*i];
                    Ok(MaterialLink {
                        title: &mat.meta.title,
                        kind: &mat.meta.kind,
                        kind_label: self.kind_label(&mat.meta.kind),
                        url: mat.doc.url.as_str().into(),
                        is_file: false,
                        content: full
                            .then(|| self.body_on(&mat.doc, page_url, &format!("{}-", mat.slug), false))
                            .transpose()?,
                    })
                }
                MaterialRef::File(path) => Ok(MaterialLink {
                    title: path.rsplit('/').next().unwrap_or(path),
                    kind: "file",
                    kind_label: self.theme.t("material_file"),
                    url: crate::urls::encode_path(path).into(),
                    is_file: true,
                    content: None,
                }),
            })
            .collect()
    }

    /// Everything a teacher guide shows; also one entry of the booklet.
    fn guide<'l>(
        &self,
        level: &'l Level,
        s: &'l Session,
        page_url: &str,
        prefix: &str,
    ) -> Result<Guide<'l>, Diagnostic> {
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
        let lesson_link =
            |l: &'l Lesson| LessonLink { title: &l.meta.title, url: &l.doc.url, duration: l.meta.duration };
        let agenda = s
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
                            let notes = self.teacher_blocks(&l.doc, page_url, prefix)?;
                            if !notes.is_empty() {
                                plan_at.insert(l.slug.as_str(), i + 1);
                            }
                            (notes, None)
                        }
                    },
                    None => (Vec::new(), None),
                };
                Ok(AgendaStep {
                    start: clock(start),
                    end: clock(clock_at),
                    minutes: step.minutes,
                    title: &step.title,
                    lesson: lesson.map(lesson_link),
                    quiz: step.quiz,
                    notes: step.notes.as_deref().map(inline_html),
                    teacher_notes,
                    plan_step,
                })
            })
            .collect::<Result<_, Diagnostic>>()?;
        let w = self.words();
        let words = Words { get: &w };
        let root = crate::urls::root_prefix(page_url);
        let answer_keys = lessons
            .iter()
            .flat_map(|l| l.doc.quizzes.iter().enumerate().map(move |(q, quiz)| (l, q, quiz)).collect::<Vec<_>>())
            .map(|(l, q, quiz)| AnswerKey {
                lesson: Link::new(&l.meta.title, l.doc.url.as_str()),
                quiz: quiz_form::view(quiz, q + 1, &words, &root),
            })
            .collect();
        Ok(Guide {
            title: &s.meta.title,
            slug: &s.slug,
            url: &s.doc.url,
            student_url: student_url(s),
            school_year: s.school_year.as_deref(),
            duration: s.meta.duration,
            grades: s.meta.grades.as_deref().and_then(range),
            group_size: s.meta.group_size,
            level: LevelInfo::of(level),
            objectives,
            preparation: s.meta.preparation.iter().map(|p| inline_html(p)).collect(),
            content: self.body_on(&s.doc, page_url, prefix, false)?,
            lessons: lessons.iter().copied().map(lesson_link).collect(),
            materials: self.materials(level, s, page_url, false)?,
            agenda,
            answer_keys,
            materials_full: None,
        })
    }

    pub(super) fn session_page(&self, li: usize, si: usize) -> Page {
        let level = &self.site.levels[li];
        let s = &level.sessions[si];
        let base = self.base(
            &s.doc.url,
            &s.meta.title,
            None,
            &[(&level.meta.title, &level.doc.url), (&s.meta.title, &s.doc.url)],
        );
        let own = SessionPage { session: self.guide(level, s, &s.doc.url, "")? };
        Ok((s.doc.url.clone(), self.page("session.html", base, &own)?))
    }

    pub(super) fn session_student_page(&self, li: usize, si: usize) -> Page {
        let level = &self.site.levels[li];
        let s = &level.sessions[si];
        let url = student_url(s);
        let lessons = self.session_lessons(level, s);
        let lesson_views = lessons
            .iter()
            .map(|l| {
                Ok(StudentLesson {
                    title: &l.meta.title,
                    url: &l.doc.url,
                    slug: &l.slug,
                    content: self.body_on(&l.doc, &url, &format!("{}-", l.slug), false)?,
                })
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
        let mut base =
            self.base(&url, &s.meta.title, None, &[(&level.meta.title, &level.doc.url), (&s.meta.title, &url)]);
        base.has_quiz = quiz_html.is_some();
        let own = SessionStudentPage {
            session: StudentSession {
                title: &s.meta.title,
                url: &url,
                level: LevelInfo::of(level),
                lessons: lesson_views,
                quiz: quiz_html,
            },
        };
        let html = self.page("session-student.html", base, &own)?;
        Ok((url, html))
    }

    pub(super) fn material_page(&self, li: usize, mi: usize) -> Page {
        let level = &self.site.levels[li];
        let m = &level.materials[mi];
        let sessions = level
            .sessions
            .iter()
            .filter(|s| s.materials.iter().any(|r| matches!(r, MaterialRef::Doc(i) if *i == mi)))
            .map(|s| Link::new(&s.meta.title, if self.teachers() { s.doc.url.clone() } else { student_url(s) }))
            .collect();
        let base = self.base(
            &m.doc.url,
            &m.meta.title,
            m.meta.summary.as_deref(),
            &[(&level.meta.title, &level.doc.url), (&m.meta.title, &m.doc.url)],
        );
        let own = MaterialPage {
            material: MaterialView {
                title: &m.meta.title,
                kind: &m.meta.kind,
                kind_label: self.kind_label(&m.meta.kind),
                summary: m.meta.summary.as_deref(),
                content: self.body(&m.doc)?,
                level: LevelInfo::of(level),
                sessions,
            },
        };
        Ok((m.doc.url.clone(), self.page("material.html", base, &own)?))
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
                    level: LevelInfo::of(level),
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
        let base = self.base(urls::TEACHERS, &title, None, &[(&title, urls::TEACHERS)]);
        let own = TeachersPage {
            school_year: self.site.config.school_year.as_deref(),
            rows: self.readiness_rows(),
            booklet_url: urls::BOOKLET,
            coverage_url: urls::COVERAGE,
        };
        Ok((urls::TEACHERS.to_string(), self.page("teachers.html", base, &own)?))
    }

    pub(super) fn booklet_page(&self) -> Page {
        let title = self.theme.t("booklet_title");
        let year = self.site.config.school_year.as_deref();
        let guides = self
            .site
            .levels
            .iter()
            .flat_map(|level| {
                level.sessions.iter().filter(move |s| year.is_none() || s.school_year.as_deref() == year).map(
                    move |s| {
                        let prefix = format!("{}-{}-", level.slug, s.slug);
                        let mut guide = self.guide(level, s, urls::BOOKLET, &prefix)?;
                        guide.materials_full = Some(self.materials(level, s, urls::BOOKLET, true)?);
                        Ok(guide)
                    },
                )
            })
            .collect::<Result<_, Diagnostic>>()?;
        let teachers = self.theme.t("teachers_title");
        let base = self.base(urls::BOOKLET, &title, None, &[(&teachers, urls::TEACHERS), (&title, urls::BOOKLET)]);
        let own = BookletPage { school_year: year, guides };
        Ok((urls::BOOKLET.to_string(), self.page("booklet.html", base, &own)?))
    }

    pub(super) fn coverage_page(&self) -> Page {
        // One pass over the lessons: code → lessons of each level, in order.
        let levels = &self.site.levels;
        let mut by_code: HashMap<&str, Vec<Vec<Link>>> = HashMap::new();
        for (li, level) in levels.iter().enumerate() {
            for l in &level.lessons {
                for code in &l.meta.competencies {
                    let cells =
                        by_code.entry(code.as_str()).or_insert_with(|| levels.iter().map(|_| Vec::new()).collect());
                    // A code listed twice in one lesson shows the lesson once.
                    if cells[li].last().is_none_or(|x: &Link| x.url != l.doc.url.as_str()) {
                        cells[li].push(Link::new(&l.meta.title, l.doc.url.as_str()));
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
                                CompetenceRow { code: &c.code, title: &c.title, cells, covered }
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        let title = self.theme.t("coverage_title");
        let teachers = self.theme.t("teachers_title");
        let base = self.base(urls::COVERAGE, &title, None, &[(&teachers, urls::TEACHERS), (&title, urls::COVERAGE)]);
        Ok((urls::COVERAGE.to_string(), self.page("coverage.html", base, &CoveragePage { frameworks })?))
    }

    /// A lesson's `parents` blocks as its level's parents' page shows them.
    pub(crate) fn parents_blocks(&self, level: &Level, lesson: &Lesson) -> Result<Vec<String>, Diagnostic> {
        let prefix = crate::urls::parents_id_prefix(&lesson.slug);
        self.parents_blocks_of(&lesson.doc, &parents_url(level), &prefix)
    }

    fn letters<'l>(&self, level: &'l Level) -> impl Iterator<Item = &'l crate::content::session::Material> + 'l {
        level.materials.iter().filter(|m| m.meta.kind == "letter")
    }

    pub(super) fn parents_index_page(&self) -> Page {
        let title = self.theme.t("parents_title");
        let base = self.base(urls::PARENTS, &title, None, &[(&title, urls::PARENTS)]);
        let levels = self
            .site
            .levels
            .iter()
            .map(|l| ParentsLevel { level: LevelInfo::of(l), parents_url: parents_url(l) })
            .collect();
        let letters = self
            .site
            .levels
            .iter()
            .flat_map(|l| {
                self.letters(l).map(move |m| LetterLink {
                    title: &m.meta.title,
                    url: &m.doc.url,
                    level_title: &l.meta.title,
                })
            })
            .collect();
        let own = ParentsIndexPage { levels, letters };
        Ok((urls::PARENTS.to_string(), self.page("parents-index.html", base, &own)?))
    }

    pub(super) fn parents_page(&self, li: usize) -> Page {
        let level = &self.site.levels[li];
        let url = parents_url(level);
        // The blocks are held here so the page's rows can borrow them (a level has thousands).
        let held: Vec<(&Lesson, Vec<String>)> =
            level.lessons.iter().map(|l| Ok((l, self.parents_blocks(level, l)?))).collect::<Result<_, Diagnostic>>()?;
        let blocks: Vec<LessonBlocks> = held
            .iter()
            .filter(|(_, b)| !b.is_empty())
            .map(|(l, b)| LessonBlocks { lesson: Link::new(&l.meta.title, l.doc.url.as_str()), html: b })
            .collect();
        let letters = self
            .letters(level)
            .map(|m| {
                Ok(Letter {
                    title: &m.meta.title,
                    url: &m.doc.url,
                    content: self.body_on(&m.doc, &url, &format!("{}-", m.slug), false)?,
                })
            })
            .collect::<Result<_, Diagnostic>>()?;
        let parents = self.theme.t("parents_title");
        let title = format!("{} — {}", parents, level.meta.title);
        let base = self.base(&url, &title, None, &[(&parents, urls::PARENTS), (&level.meta.title, &url)]);
        let own = ParentsPage { level: LevelInfo::of(level), blocks, letters };
        let html = self.page("parents.html", base, &own)?;
        Ok((url, html))
    }
}

pub fn student_url(s: &Session) -> String {
    crate::urls::session_student(&s.doc.url)
}

pub fn parents_url(level: &Level) -> String {
    crate::urls::parents(&level.slug)
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
