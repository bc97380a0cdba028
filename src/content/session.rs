//! Session plans (`kind: session`) and printable materials (`kind: handout|letter|poster`):
//! the programme's one extracurricular session per level per school year.

use std::collections::HashMap;
use std::ops::Range;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Doc, Level};
use crate::diagnostics::{did_you_mean, msg, Diagnostic, Diagnostics, Severity, SourceFile};
use crate::markdown::links;

pub const MATERIAL_KINDS: &[&str] = &["handout", "letter", "poster"];

/// The front matter of a session plan (`kind: session`) in a level folder: the level's extracurricular
/// session for a school year. (Kế hoạch buổi ngoại khóa.)
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionMeta {
    /// `session`: what makes this file a session plan. Required. (Loại trang: `session`.)
    #[schemars(extend("const" = "session"))]
    pub kind: String,
    /// The session's title. Required. (Tên buổi.)
    pub title: String,
    /// The school year it is for, e.g. `2026-2027` [default: the site's `school_year`]. (Năm học.)
    #[serde(default)]
    #[schemars(extend("pattern" = "^[0-9]{4}-[0-9]{4}$"))]
    pub school_year: Option<String>,
    /// The whole session's length in minutes; the agenda's minutes must add up to it. Required.
    /// (Thời lượng cả buổi, tính bằng phút.)
    #[schemars(range(min = 1))]
    pub duration: u32,
    /// The grades taking part, as a range `[first, last]`. (Các lớp tham gia.)
    #[serde(default)]
    #[schemars(extend("minItems" = 1, "maxItems" = 2))]
    pub grades: Option<Vec<u8>>,
    /// How many children in each group. (Số em mỗi nhóm.)
    #[serde(default)]
    pub group_size: Option<u32>,
    /// The lessons the session uses, by file name without `.md`, from the same level.
    /// (Các bài dùng trong buổi: tên tệp, không có `.md`.)
    #[serde(default)]
    pub lessons: Vec<String>,
    /// The session's steps in order; their minutes add up to `duration`. (Các bước của buổi.)
    #[serde(default)]
    pub agenda: Vec<Step>,
    /// What to prepare beforehand, one item per line. (Chuẩn bị trước.)
    #[serde(default)]
    pub preparation: Vec<String>,
    /// Printable materials of the level (`handout`, `letter`, `poster` pages, by file name without `.md`)
    /// or files beside the plan (PDF, images). (Tài liệu in.)
    #[serde(default)]
    pub materials: Vec<String>,
    /// `true` keeps the plan out of the built site until it is ready. (Bản nháp.)
    #[serde(default)]
    pub draft: bool,
}
pub const SESSION_FIELDS: &[&str] = &[
    "kind",
    "title",
    "school_year",
    "duration",
    "grades",
    "group_size",
    "lessons",
    "agenda",
    "preparation",
    "materials",
    "draft",
    "minutes",
    "lesson",
    "quiz",
    "notes",
];

/// One step of a session's agenda. (Một bước của buổi.)
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// How long the step takes, in minutes. Required. (Số phút.)
    #[schemars(range(min = 1))]
    pub minutes: u32,
    /// What happens, e.g. `Khởi động: trò chơi Đúng hay sai`. Required. (Tên bước.)
    pub title: String,
    /// A lesson taught in this step, by file name without `.md`. (Bài học dùng ở bước này.)
    #[serde(default)]
    pub lesson: Option<String>,
    /// `true`: the lesson's quiz is done in this step (printed on the plan's worksheet).
    /// (Làm bài kiểm tra của bài ở bước này.)
    #[serde(default)]
    pub quiz: bool,
    /// Notes for the teacher (Markdown). (Ghi chú cho thầy cô.)
    #[serde(default)]
    pub notes: Option<String>,
}

/// The front matter of a printable material (`kind: handout`, `letter` or `poster`) in a level folder.
/// (Tài liệu in: phiếu học tập, thư gửi cha mẹ, áp phích.)
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MaterialMeta {
    /// `handout` (phiếu học tập), `letter` (thư gửi cha mẹ) or `poster` (áp phích). Required.
    #[schemars(extend("enum" = ["handout", "letter", "poster"]))]
    pub kind: String,
    /// The material's title. Required. (Tên tài liệu.)
    pub title: String,
    /// One sentence about it. (Tóm tắt.)
    #[serde(default)]
    pub summary: Option<String>,
    /// `true` keeps it out of the built site until it is ready. (Bản nháp.)
    #[serde(default)]
    pub draft: bool,
}
pub const MATERIAL_FIELDS: &[&str] = &["kind", "title", "summary", "draft"];

#[derive(Debug)]
pub struct Session {
    pub slug: String,
    pub meta: SessionMeta,
    pub doc: Doc,
    /// The school year it is for (its own or the site's).
    pub school_year: Option<String>,
    /// Resolved `materials`: a material of the level (by index) or a plain file.
    pub materials: Vec<MaterialRef>,
}

#[derive(Debug, Clone)]
pub enum MaterialRef {
    Doc(usize),
    /// A content file (PDF, image), content-relative.
    File(String),
}

#[derive(Debug)]
pub struct Material {
    pub slug: String,
    pub meta: MaterialMeta,
    pub doc: Doc,
}

fn key_span(file: &SourceFile, key: &str) -> Range<usize> {
    let needle = format!("\n{key}:");
    file.text.find(&needle).map_or(0..0, |i| i + 1..i + 1 + key.len())
}

fn value_span(file: &SourceFile, from_key: &str, value: &str) -> Range<usize> {
    let start = key_span(file, from_key).start;
    match file.text[start..].find(value) {
        Some(i) => start + i..start + i + value.len(),
        None => key_span(file, from_key),
    }
}

/// Checks every session of `level` against its lessons and materials, and that the level has a
/// session for the school year. `strict` makes a missing session an error (`check`) rather than
/// a warning (`build`).
pub fn check_level(
    level: &mut Level,
    site_year: Option<&str>,
    index: &links::LinkIndex,
    strict: bool,
    diags: &Diagnostics,
) {
    let content_files = &index.content_files;
    // A lesson refused for its own error is not reported again as missing.
    let refused = |slug: &str| index.rejected.contains(&format!("{}/{slug}.md", level.slug));
    let refused_quiz: HashMap<&str, bool> =
        level.lessons.iter().map(|l| (l.slug.as_str(), l.doc.refused_quizzes > 0)).collect();
    let lesson_slugs: Vec<&str> = level.lessons.iter().map(|l| l.slug.as_str()).collect();
    let quizzes: HashMap<&str, usize> = level.lessons.iter().map(|l| (l.slug.as_str(), l.doc.quizzes.len())).collect();
    let material_paths: HashMap<String, usize> =
        level.materials.iter().enumerate().map(|(i, m)| (links::content_path(&m.doc.file.rel), i)).collect();
    for s in &mut level.sessions {
        let f = &s.doc.file;
        let unknown_lesson = |slug: &str, key: &str| {
            let draft = index.drafts.contains(&format!("{}/{slug}.md", level.slug));
            let hint = match did_you_mean(slug, &lesson_slugs) {
                _ if draft => msg!("s002-not-a-lesson.draft", lesson = slug),
                Some(x) => msg!("s002-not-a-lesson.suggest", lesson = x),
                None if lesson_slugs.is_empty() => msg!("s002-not-a-lesson.no-lessons"),
                None => msg!("s002-not-a-lesson.known", lessons = lesson_slugs.join(", ")),
            };
            Diagnostic::error("S002", msg!("s002-not-a-lesson", lesson = slug, level = &level.slug))
                .at(f, value_span(f, key, slug))
                .hint(hint)
        };
        for slug in &s.meta.lessons {
            if !quizzes.contains_key(slug.as_str()) && !refused(slug) {
                diags.push(unknown_lesson(slug, "lessons"));
            }
        }
        let total: u32 = s.meta.agenda.iter().map(|x| x.minutes).sum();
        if !s.meta.agenda.is_empty() && total != s.meta.duration {
            diags.push(
                Diagnostic::error("S003", msg!("s003-agenda-minutes", total = total, duration = s.meta.duration))
                    .at(f, key_span(f, "agenda"))
                    .hint(msg!("s003-agenda-minutes.hint")),
            );
        }
        if s.meta.agenda.is_empty() {
            diags.push(
                Diagnostic::error("S001", msg!("s001-no-agenda"))
                    .at(f, key_span(f, "kind"))
                    .hint(msg!("s001-no-agenda.hint")),
            );
        }
        for step in &s.meta.agenda {
            if let Some(l) = &step.lesson {
                if !quizzes.contains_key(l.as_str()) {
                    // Named in `lessons:` too, it is reported there: one mistake, one error.
                    if !refused(l) && !s.meta.lessons.contains(l) {
                        diags.push(unknown_lesson(l, "agenda"));
                    }
                    continue;
                }
            }
            if step.quiz {
                let used: Vec<&str> = match &step.lesson {
                    Some(l) => vec![l.as_str()],
                    None => s.meta.lessons.iter().map(String::as_str).collect(),
                };
                let refused = used.iter().any(|l| refused(l) || refused_quiz.get(l).copied().unwrap_or(false));
                if !refused && !used.iter().any(|l| quizzes.get(l).copied().unwrap_or(0) > 0) {
                    diags.push(
                        Diagnostic::error(
                            "S004",
                            match used.as_slice() {
                                [one] => msg!("s004-step-without-quiz", step = &step.title, lesson = *one),
                                _ => msg!("s004-steps-without-quiz", step = &step.title),
                            },
                        )
                        .at(f, value_span(f, "agenda", &step.title))
                        .hint(msg!("s004-step-without-quiz.hint")),
                    );
                }
            }
        }
        let dir = links::content_path(&f.rel);
        let dir = dir.rsplit_once('/').map_or("", |(d, _)| d).to_string();
        s.materials.clear();
        for m in &s.meta.materials {
            let target = links::join(&dir, m).unwrap_or_default();
            if let Some(i) = material_paths.get(&target) {
                s.materials.push(MaterialRef::Doc(*i));
            } else if content_files.contains(&target) {
                s.materials.push(MaterialRef::File(target));
            } else if index.rejected.contains(&target) {
                // Refused for an error of its own, already reported.
            } else {
                let names: Vec<&str> = material_paths.keys().map(|k| k.rsplit('/').next().unwrap_or(k)).collect();
                let hint = match did_you_mean(m, &names) {
                    Some(x) => msg!("s005-no-material.suggest", material = x),
                    None => msg!("s005-no-material.known"),
                };
                diags.push(
                    Diagnostic::error("S005", msg!("s005-no-material", material = m))
                        .at(f, value_span(f, "materials", m))
                        .hint(hint),
                );
            }
        }
        if let Some(y) = &s.meta.school_year {
            if !crate::config::valid_school_year(y) {
                diags.push(
                    Diagnostic::error("S006", msg!("s006-school-year", value = y))
                        .at(f, key_span(f, "school_year"))
                        .hint(msg!("s006-school-year.hint")),
                );
            }
        }
        s.school_year = s.meta.school_year.clone().or_else(|| site_year.map(str::to_string));
    }
    // A level whose folder name is refused (E012) gets its session plan after the rename: the hint's
    // command and path would name the folder as it is now.
    let folder_ok = crate::text::slugify(&level.slug) == level.slug;
    if let Some(year) = site_year.filter(|_| folder_ok) {
        if !level.sessions.iter().any(|s| s.school_year.as_deref() == Some(year)) {
            let d = Diagnostic {
                severity: if strict { Severity::Error } else { Severity::Warning },
                ..Diagnostic::error("S010", msg!("s010-no-session", level = &level.slug, year = year))
            }
            .in_file(&level.doc.file)
            .hint(msg!("s010-no-session.hint", level = &level.slug, year = year));
            diags.push(d);
        }
    }
}
