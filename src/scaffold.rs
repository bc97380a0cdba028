//! `hoclieu init` and `hoclieu new`: starting files for authors, with every field explained.
//!
//! Authors are teachers, so each written file teaches the format through its comments, and
//! nothing here ever overwrites or deletes a file that already exists.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_yaml::Value;

use crate::config::CONFIG_FILE;
use crate::content::RESERVED;
use crate::diagnostics::did_you_mean;
use crate::text::slugify;

const SITE_YAML: &str = include_str!("scaffold/site.yaml");
const GITIGNORE: &str = include_str!("scaffold/gitignore");
const HOME: &str = include_str!("scaffold/home.md");
const LEVEL: &str = include_str!("scaffold/level.md");
const LESSON: &str = include_str!("scaffold/lesson.md");
const SESSION: &str = include_str!("scaffold/session.md");
const HANDOUT: &str = include_str!("scaffold/handout.md");
const NEW_LESSON: &str = include_str!("scaffold/new-lesson.md");
const NEW_SESSION: &str = include_str!("scaffold/new-session.md");
const NEW_LEVEL: &str = include_str!("scaffold/new-level.md");

use crate::diagnostics::msg;
pub use crate::diagnostics::Problem;

fn io_problem(path: &Path, e: std::io::Error) -> Problem {
    Problem::new(msg!("problem-cannot-write", path = path.display().to_string(), error = e.to_string()))
        .hint(msg!("problem-cannot-write.hint"))
}

// ---------------------------------------------------------------------------------------------
// Dates

/// Today's date as (year, month, day), in UTC: a few hours either side of midnight do not matter
/// for a school year or an `updated:` date, and UTC needs no time-zone database.
pub fn today() -> (i64, u32, u32) {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// Days since 1970-01-01 → proleptic Gregorian date (the usual era-based conversion).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Vietnamese school years start in September; from August on, authors prepare the coming year.
pub fn school_year_for(year: i64, month: u32) -> String {
    if month >= 8 {
        format!("{year}-{}", year + 1)
    } else {
        format!("{}-{year}", year - 1)
    }
}

pub fn current_school_year() -> String {
    let (y, m, _) = today();
    school_year_for(y, m)
}

fn today_string() -> String {
    let (y, m, d) = today();
    format!("{y:04}-{m:02}-{d:02}")
}

/// Replaces `{{name}}` placeholders.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(template.to_string(), |t, (k, v)| t.replace(&format!("{{{{{k}}}}}"), v))
}

/// A YAML scalar that reads back as exactly `s`: plain when YAML reads it as that text, else
/// quoted (JSON strings are valid YAML), so authors see quotes only where they are needed.
fn yaml_str(s: &str) -> String {
    let plain = !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && serde_yaml::from_str::<Value>(s).ok() == Some(Value::String(s.to_string()));
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
    }
}

/// Writes `text` to `path` only if no file is there; `Ok(false)` when one was.
fn write_new(path: &Path, text: &str) -> Result<bool, Problem> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| io_problem(dir, e))?;
    }
    // `create_new` makes "never overwrite" atomic: no window between a check and the write.
    match std::fs::OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(mut f) => {
            f.write_all(text.as_bytes()).map_err(|e| io_problem(path, e))?;
            Ok(true)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(io_problem(path, e)),
    }
}

// ---------------------------------------------------------------------------------------------
// init

pub struct InitOptions {
    pub dir: PathBuf,
    pub force: bool,
    pub title: Option<String>,
}

#[derive(Debug, Default)]
pub struct InitReport {
    /// Paths relative to the site folder.
    pub created: Vec<String>,
    pub skipped: Vec<String>,
}

/// The files of a new site: relative path and text.
fn site_files(title: &str, school_year: &str) -> Vec<(String, String)> {
    let values = [("title", title), ("school_year", school_year), ("today", &today_string())];
    let f = |t: &str| fill(t, &values);
    vec![
        (CONFIG_FILE.to_string(), f(SITE_YAML)),
        (".gitignore".into(), GITIGNORE.to_string()),
        ("content/_index.md".into(), f(HOME)),
        ("content/tieu-hoc/_index.md".into(), f(LEVEL)),
        ("content/tieu-hoc/thong-tin-rieng-tu.md".into(), f(LESSON)),
        (format!("content/tieu-hoc/buoi-ngoai-khoa-{school_year}.md"), f(SESSION)),
        ("content/tieu-hoc/phieu-hoc-tap.md".into(), f(HANDOUT)),
    ]
}

/// A folder counts as empty if it holds nothing but version-control metadata, so `git init`
/// before `hoclieu init` works.
fn is_empty_dir(dir: &Path) -> Result<bool, Problem> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Problem::new(msg!("e005-cannot-read", file = dir.display().to_string(), error = e.to_string()))
            .hint(msg!("problem-cannot-read-folder"))
    })?;
    Ok(entries.flatten().all(|e| e.file_name() == ".git"))
}

/// Creates a new site in `opts.dir`.
pub fn init(opts: &InitOptions) -> Result<InitReport, Problem> {
    let dir = &opts.dir;
    if dir.exists() {
        if !dir.is_dir() {
            return Err(Problem::new(msg!("init-is-a-file", path = dir.display().to_string()))
                .hint(msg!("init-is-a-file.hint")));
        }
        if !opts.force && !is_empty_dir(dir)? {
            return Err(Problem::new(msg!("init-not-empty", path = dir.display().to_string()))
                .hint(msg!("init-not-empty.hint", path = dir.display().to_string())));
        }
    }
    let title = opts.title.clone().unwrap_or_else(|| "Em an toàn trên mạng".into());
    let mut report = InitReport::default();
    for (rel, text) in site_files(&title, &current_school_year()) {
        if write_new(&dir.join(&rel), &text)? {
            report.created.push(rel);
        } else {
            report.skipped.push(rel);
        }
    }
    Ok(report)
}

// ---------------------------------------------------------------------------------------------
// new: reading the site just enough to fill the new file in

/// A level folder, read leniently: a half-written `_index.md` should not block `new`.
struct LevelInfo {
    slug: String,
    title: String,
    grades: Option<(u64, u64)>,
}

/// A Markdown file of a level, read leniently.
struct Entry {
    slug: String,
    kind: String,
    title: String,
    order: Option<i64>,
    draft: bool,
    has_quiz: bool,
}

/// The front matter of a Markdown file as a YAML mapping, and its body.
fn front_matter(path: &Path) -> Option<(Value, String)> {
    let text = std::fs::read_to_string(path).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let rest = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n"))?;
    let end = rest.find("\n---")?;
    let yaml: Value = serde_yaml::from_str(&rest[..end]).ok()?;
    Some((yaml, rest[end + 4..].to_string()))
}

fn str_field(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

fn grades(v: &Value) -> Option<(u64, u64)> {
    let list = v.get("grades")?.as_sequence()?;
    let first = list.first()?.as_u64()?;
    let last = list.last()?.as_u64()?;
    Some((first, last))
}

fn levels(root: &Path) -> Vec<LevelInfo> {
    let Ok(entries) = std::fs::read_dir(root.join("content")) else { return Vec::new() };
    let mut levels: Vec<LevelInfo> = entries
        .flatten()
        .filter(|e| e.path().join("_index.md").is_file())
        .map(|e| {
            let slug = e.file_name().to_string_lossy().into_owned();
            let fm = front_matter(&e.path().join("_index.md")).map(|(v, _)| v);
            LevelInfo {
                title: fm.as_ref().and_then(|v| str_field(v, "title")).unwrap_or_else(|| slug.clone()),
                grades: fm.as_ref().and_then(grades),
                slug,
            }
        })
        .collect();
    levels.sort_by(|a, b| a.slug.cmp(&b.slug));
    levels
}

/// Whether a lesson's Markdown has a quiz block, by the rule the Markdown pass reads quizzes with
/// ([`crate::text::is_quiz_fence`]: ```` ```Quiz ````, ```` ``` quiz ````, `~~~quiz`…), and only where it
/// opens a fenced block (not as an example inside another code block).
fn has_quiz(body: &str) -> bool {
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};
    Parser::new(body).any(
        |e| matches!(e, Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if crate::text::is_quiz_fence(&info)),
    )
}

fn entries(level_dir: &Path) -> Vec<Entry> {
    let Ok(dir) = std::fs::read_dir(level_dir) else { return Vec::new() };
    let mut out: Vec<Entry> = dir
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let stem = name.strip_suffix(".md")?;
            if stem == "_index" || name.starts_with('.') {
                return None;
            }
            let (fm, body) = front_matter(&e.path())?;
            Some(Entry {
                slug: stem.to_string(),
                kind: str_field(&fm, "kind").unwrap_or_else(|| "lesson".into()),
                title: str_field(&fm, "title").unwrap_or_else(|| stem.to_string()),
                order: fm.get("order").and_then(Value::as_i64),
                draft: fm.get("draft").and_then(Value::as_bool).unwrap_or(false),
                has_quiz: has_quiz(&body),
            })
        })
        .collect();
    out.sort_by(|a, b| (a.order.unwrap_or(i64::MAX), &a.slug).cmp(&(b.order.unwrap_or(i64::MAX), &b.slug)));
    out
}

/// Finds the level an author named; unknown names get the list of levels and a guess.
fn find_level(root: &Path, name: &str) -> Result<LevelInfo, Problem> {
    if !root.join(CONFIG_FILE).is_file() {
        return Err(Problem::new(msg!("problem-no-config", file = CONFIG_FILE, folder = root.display().to_string()))
            .hint(msg!("problem-no-config.hint")));
    }
    let name = name.trim_matches('/');
    let mut all = levels(root);
    let slug = slugify(name);
    if let Some(i) = all.iter().position(|l| l.slug == name || l.slug == slug) {
        return Ok(all.swap_remove(i));
    }
    let names: Vec<&str> = all.iter().map(|l| l.slug.as_str()).collect();
    let make = format!("`hoclieu new level {}`", if slug.is_empty() { "<name>" } else { &slug });
    let hint = if names.is_empty() {
        msg!("new-no-level.no-levels", command = make)
    } else {
        match did_you_mean(&slug, &names) {
            Some(g) => msg!("new-no-level.suggest", level = g, levels = names.join(", "), command = make),
            None => msg!("new-no-level.known", levels = names.join(", "), command = make),
        }
    };
    Err(Problem::new(msg!("new-no-level", level = name)).hint(hint))
}

fn grades_lines(level: &LevelInfo, what: &str) -> String {
    match level.grades {
        Some((a, b)) => format!(
            "# Các lớp {what}, [lớp đầu, lớp cuối], trong các lớp {a}–{b} của cấp học. / Grades, [first, last].\ngrades: [{a}, {b}]"
        ),
        None => format!(
            "# Các lớp {what}, [lớp đầu, lớp cuối]; cấp học này không chia lớp nên dòng dưới để tắt.\n# Grades, [first, last]; this level has no grades, so the line stays commented out.\n# grades: [1, 2]"
        ),
    }
}

/// Minutes of one class period at this level.
fn period(level: &LevelInfo) -> u32 {
    match level.grades {
        None => 25,
        Some((a, _)) if a >= 6 => 45,
        Some(_) => 35,
    }
}

/// What `new` wrote, for the message to the author.
#[derive(Debug)]
pub struct Created {
    /// Relative to the site root.
    pub rel: String,
    pub path: PathBuf,
    pub notes: Vec<String>,
}

fn write_fresh(root: &Path, rel: &str, text: &str, hint: crate::diagnostics::Text) -> Result<PathBuf, Problem> {
    let path = root.join(rel);
    if write_new(&path, text)? {
        Ok(path)
    } else {
        Err(Problem::new(msg!("problem-exists", path = rel)).hint(hint))
    }
}

// ---------------------------------------------------------------------------------------------
// new lesson

/// `hoclieu new lesson <level>/<slug>`.
pub fn new_lesson(root: &Path, spec: &str, title: Option<&str>) -> Result<Created, Problem> {
    let Some((level_name, raw)) = spec.trim_matches('/').split_once('/') else {
        return Err(Problem::new(msg!("new-lesson-spec", spec = spec)).hint(msg!("new-lesson-spec.hint")));
    };
    let level = find_level(root, level_name)?;
    let raw = raw.trim().trim_end_matches(".md");
    let slug = slugify(raw);
    if slug.is_empty() || raw.contains('/') {
        return Err(Problem::new(msg!("new-bad-file-name", name = raw)).hint(msg!("new-bad-file-name.hint")));
    }
    if RESERVED.contains(&slug.as_str()) {
        return Err(Problem::new(msg!("e019-reserved", slug = &slug))
            .hint(msg!("e019-reserved.hint", names = RESERVED.join(", "))));
    }
    let mut notes = Vec::new();
    if slug != raw {
        notes.push(msg!("new-note-file-name", slug = &slug).to_string());
    }
    // An author who typed a real name ("Mật khẩu mạnh") meant it as the title too.
    let title = match title {
        Some(t) => t.trim().to_string(),
        None if slug != raw => raw.to_string(),
        None => {
            notes.push(msg!("new-note-lesson-title").to_string());
            "Bài học mới".to_string()
        }
    };
    let existing = entries(&root.join("content").join(&level.slug));
    let order = existing.iter().filter(|e| e.kind == "lesson").filter_map(|e| e.order).max().unwrap_or(0) + 1;
    let text = fill(
        NEW_LESSON,
        &[
            ("title", &yaml_str(&title)),
            ("order", &order.to_string()),
            ("duration", &period(&level).to_string()),
            ("grades", &grades_lines(&level, "học bài này")),
            ("today", &today_string()),
        ],
    );
    let rel = format!("content/{}/{slug}.md", level.slug);
    let path = write_fresh(root, &rel, &text, msg!("problem-exists.hint"))?;
    let sessions: Vec<String> = existing
        .iter()
        .filter(|e| e.kind == "session")
        .map(|e| format!("content/{}/{}.md", level.slug, e.slug))
        .collect();
    notes.push(msg!("new-note-draft").to_string());
    notes.push(
        match sessions.last() {
            Some(s) => {
                msg!("new-note-lesson-number.session", order = order, level = &level.slug, slug = &slug, session = s)
            }
            None => msg!("new-note-lesson-number.no-session", order = order, level = &level.slug),
        }
        .to_string(),
    );
    Ok(Created { rel, path, notes })
}

// ---------------------------------------------------------------------------------------------
// new level

/// One of the usual Vietnamese school levels.
struct KnownLevel {
    slug: &'static str,
    title: &'static str,
    order: i64,
    grades: Option<(u8, u8)>,
    ages: (u8, u8),
}

const KNOWN_LEVELS: &[KnownLevel] = &[
    KnownLevel { slug: "mam-non", title: "Mầm non", order: 1, grades: None, ages: (3, 5) },
    KnownLevel { slug: "tieu-hoc", title: "Tiểu học", order: 2, grades: Some((1, 5)), ages: (6, 11) },
    KnownLevel { slug: "thcs", title: "Trung học cơ sở", order: 3, grades: Some((6, 9)), ages: (11, 15) },
    KnownLevel { slug: "thpt", title: "Trung học phổ thông", order: 4, grades: Some((10, 12)), ages: (15, 18) },
];

/// `hoclieu new level <name>`: `content/<slug>/_index.md`. The usual levels (`mam-non`, `tieu-hoc`,
/// `thcs`, `thpt`) get their title, place, grades and ages; any other gets the next place and
/// commented-out grades.
pub fn new_level(root: &Path, name: &str, title: Option<&str>) -> Result<Created, Problem> {
    if !root.join(CONFIG_FILE).is_file() {
        return Err(Problem::new(msg!("problem-no-config", file = CONFIG_FILE, folder = root.display().to_string()))
            .hint(msg!("problem-no-config.hint")));
    }
    let raw = name.trim().trim_matches('/');
    let slug = slugify(raw);
    if slug.is_empty() || raw.contains('/') {
        return Err(Problem::new(msg!("new-bad-folder-name", name = raw)).hint(msg!("new-bad-folder-name.hint")));
    }
    if RESERVED.contains(&slug.as_str()) {
        return Err(Problem::new(msg!("e019-reserved", slug = &slug))
            .hint(msg!("e019-reserved.hint", names = RESERVED.join(", "))));
    }
    let existing = levels(root);
    if existing.iter().any(|l| l.slug == slug) {
        return Err(
            Problem::new(msg!("new-level-exists", level = &slug)).hint(msg!("new-level-exists.hint", level = &slug))
        );
    }
    let known = KNOWN_LEVELS.iter().find(|k| k.slug == slug);
    let orders: Vec<i64> = existing
        .iter()
        .filter_map(|l| front_matter(&root.join("content").join(&l.slug).join("_index.md")))
        .filter_map(|(v, _)| v.get("order").and_then(Value::as_i64))
        .collect();
    let order = match known {
        Some(k) if !orders.contains(&k.order) => k.order,
        _ => orders.iter().max().copied().unwrap_or(0) + 1,
    };
    let mut notes = Vec::new();
    if slug != raw {
        notes.push(msg!("new-note-folder-name", slug = &slug).to_string());
    }
    let title = match (title, known) {
        (Some(t), _) => t.trim().to_string(),
        (None, Some(k)) => k.title.to_string(),
        (None, None) if slug != raw => raw.to_string(),
        (None, None) => {
            notes.push(msg!("new-note-level-title").to_string());
            "Cấp học mới".to_string()
        }
    };
    let grades = match known {
        Some(KnownLevel { grades: Some((a, b)), .. }) => format!(
            "# Các lớp của cấp học, [lớp đầu, lớp cuối]. / The level's grades, [first, last].\ngrades: [{a}, {b}]"
        ),
        Some(KnownLevel { grades: None, .. }) => {
            "# Mầm non không chia lớp nên không có `grades`. / Pre-school has no grades.".to_string()
        }
        None => "# Các lớp của cấp học, [lớp đầu, lớp cuối]; bỏ dấu # ở đầu dòng dưới và sửa số.\n# The level's grades, [first, last]: remove the # and set them.\n# grades: [6, 9]".to_string(),
    };
    let ages = match known {
        Some(KnownLevel { ages: (a, b), .. }) => {
            format!("# Độ tuổi, [nhỏ nhất, lớn nhất]. / Ages, [youngest, oldest].\nages: [{a}, {b}]")
        }
        None => "# Độ tuổi, [nhỏ nhất, lớn nhất]; bỏ dấu # và sửa số. / Ages, [youngest, oldest].\n# ages: [11, 15]"
            .to_string(),
    };
    let info = LevelInfo {
        slug: slug.clone(),
        title: title.clone(),
        grades: known.and_then(|k| k.grades).map(|(a, b)| (a.into(), b.into())),
    };
    let text = fill(
        NEW_LEVEL,
        &[
            ("title", &yaml_str(&title)),
            ("order", &order.to_string()),
            ("grades", &grades),
            ("ages", &ages),
            ("period", &period(&info).to_string()),
        ],
    );
    let rel = format!("content/{slug}/_index.md");
    let path = write_fresh(root, &rel, &text, msg!("problem-exists.hint"))?;
    notes.push(msg!("new-note-level-next", slug = &slug).to_string());
    Ok(Created { rel, path, notes })
}

// ---------------------------------------------------------------------------------------------
// sample text left in a published page

pub use crate::content::placeholders::{placeholder_warning, PLACEHOLDERS};

// ---------------------------------------------------------------------------------------------
// new session

/// The site's school year, or the current one when the config has none.
fn site_school_year(root: &Path) -> String {
    std::fs::read_to_string(root.join(CONFIG_FILE))
        .ok()
        .and_then(|t| serde_yaml::from_str::<Value>(&t).ok())
        .and_then(|v| match v.get("school_year") {
            Some(Value::String(s)) => Some(s.clone()),
            _ => None,
        })
        .filter(|y| crate::config::valid_school_year(y))
        .unwrap_or_else(current_school_year)
}

/// A sample agenda over the level's first lessons whose minutes add up to the returned total.
fn agenda(lessons: &[&Entry]) -> (String, u32) {
    let mut steps: Vec<(u32, String, Option<&str>, bool)> = vec![(5, "Khởi động".into(), None, false)];
    for l in lessons.iter().take(3) {
        steps.push((15, format!("Hoạt động: {}", l.title), Some(&l.slug), false));
    }
    if lessons.is_empty() {
        steps.push((20, "Hoạt động chính".into(), None, false));
    }
    if let Some(q) = lessons.iter().find(|l| l.has_quiz) {
        steps.push((5, "Câu hỏi ôn tập".into(), Some(&q.slug), true));
    }
    steps.push((5, "Tổng kết và lời hứa của lớp".into(), None, false));
    let mut out = String::new();
    for (minutes, title, lesson, quiz) in &steps {
        out.push_str(&format!("  - minutes: {minutes}\n    title: {}\n", yaml_str(title)));
        if let Some(l) = lesson {
            out.push_str(&format!("    lesson: {l}\n"));
        }
        if *quiz {
            out.push_str("    quiz: true\n");
        }
    }
    out.push_str("    notes: Ghi chú cho thầy cô (không bắt buộc).");
    (out, steps.iter().map(|s| s.0).sum())
}

fn yaml_list(items: &[&str]) -> String {
    format!("[{}]", items.join(", "))
}

/// `hoclieu new session <level>`: this school year's session plan for a level.
pub fn new_session(root: &Path, level_name: &str) -> Result<Created, Problem> {
    let level = find_level(root, level_name)?;
    let year = site_school_year(root);
    let all = entries(&root.join("content").join(&level.slug));
    // Drafts are left out: a session naming a draft lesson fails the build.
    let lessons: Vec<&Entry> = all.iter().filter(|e| e.kind == "lesson" && !e.draft).collect();
    let materials: Vec<String> = all
        .iter()
        .filter(|e| crate::content::session::MATERIAL_KINDS.contains(&e.kind.as_str()) && !e.draft)
        .map(|e| format!("{}.md", e.slug))
        .collect();
    let (agenda, duration) = agenda(&lessons);
    let lesson_slugs: Vec<&str> = lessons.iter().map(|l| l.slug.as_str()).collect();
    let text = fill(
        NEW_SESSION,
        &[
            ("title", &yaml_str(&format!("Buổi ngoại khóa — {} ({year})", level.title))),
            ("school_year", &year),
            ("duration", &duration.to_string()),
            ("grades", &grades_lines(&level, "tham gia")),
            ("lessons", &yaml_list(&lesson_slugs)),
            ("agenda", &agenda),
            ("materials", &yaml_list(&materials.iter().map(String::as_str).collect::<Vec<_>>())),
        ],
    );
    let rel = format!("content/{}/buoi-ngoai-khoa-{year}.md", level.slug);
    let path = write_fresh(root, &rel, &text, msg!("new-session-exists"))?;
    let mut notes = vec![msg!("new-note-agenda", duration = duration).to_string()];
    if lessons.is_empty() {
        notes.push(msg!("new-note-no-lessons", level = &level.slug).to_string());
    }
    Ok(Created { rel, path, notes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quiz_in_any_case_or_with_spaces_is_found_and_an_example_of_one_is_not() {
        let quiz = "questions:\n  - q: Mật khẩu là bí mật?\n    answer: true\n";
        for fence in ["```quiz", "```Quiz", "```QUIZ", "``` quiz", "```  Quiz  ", "~~~quiz", "  ```quiz"] {
            let close = if fence.contains('~') { "~~~" } else { "```" };
            let body = format!("# Bài\n\nNội dung.\n\n{fence}\n{quiz}{close}\n");
            assert!(has_quiz(&body), "{fence:?}");
        }
        for body in [
            "Nội dung, không có câu hỏi.\n".to_string(),
            format!("```yaml\n{quiz}```\n"),
            // How to write a quiz, shown as an example inside a longer fence: not a quiz of the lesson.
            format!("````markdown\n```quiz\n{quiz}```\n````\n"),
            "Viết ```quiz ở đầu khối.\n".to_string(),
        ] {
            assert!(!has_quiz(&body), "{body:?}");
        }
    }

    #[test]
    fn dates_and_school_years() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(school_year_for(2026, 8), "2026-2027");
        assert_eq!(school_year_for(2026, 7), "2025-2026");
        assert_eq!(school_year_for(2027, 1), "2026-2027");
        assert!(crate::config::valid_school_year(&current_school_year()));
    }

    #[test]
    fn fills_and_quotes() {
        assert_eq!(fill("a {{x}} b {{x}}", &[("x", "1")]), "a 1 b 1");
        for s in ["Khởi động: \"vui\"", "111", "true", "- a", "[x]", "a # b", "Khởi động", "'x'"] {
            let back: String = serde_yaml::from_str(&yaml_str(s)).unwrap();
            assert_eq!(back, s);
        }
        assert_eq!(yaml_str("Khởi động"), "Khởi động");
        assert_eq!(yaml_str("111"), "\"111\"");
    }

    fn source(text: &str) -> crate::diagnostics::SourceFile {
        crate::diagnostics::SourceFile::new(Path::new("/s"), Path::new("/s/content/a/b.md"), text.to_string())
    }

    #[test]
    fn every_placeholder_is_sample_text_that_new_writes() {
        let written = format!("{NEW_LESSON}\ntitle: Bài học mới\n{NEW_LEVEL}");
        for p in PLACEHOLDERS {
            assert!(written.lines().any(|l| l.trim() == *p), "`{p}` is not a line of the templates");
        }
    }

    #[test]
    fn sample_text_left_in_a_page_is_found_at_its_line() {
        let lesson = fill(
            NEW_LESSON,
            &[("title", "Bài học mới"), ("order", "1"), ("duration", "35"), ("grades", ""), ("today", "2026-12-06")],
        );
        let w = placeholder_warning(&source(&lesson)).expect("a new lesson is all sample text");
        assert_eq!((w.code, w.line), ("W005", 3), "{w:?}");
        assert!(w.message.contains("\"Bài học mới\" (and 10 more)"), "{}", w.message);
        let one = "---\ntitle: Mật khẩu\n---\n\n```quiz\nquestions:\n  - q: Viết câu hỏi ở đây?\n```\n";
        let w = placeholder_warning(&source(one)).unwrap();
        assert_eq!((w.line, w.column), (7, 3));
        assert!(w.message.ends_with("\"Viết câu hỏi ở đây?\""), "{}", w.message);
        // Own words that merely begin alike are the author's.
        assert!(placeholder_warning(&source("---\ntitle: Bài học mới về mật khẩu\n---\n- Em biết … đặt mật khẩu\n"))
            .is_none());
        assert!(placeholder_warning(&source("---\ntitle: Mật khẩu\n---\nĐáp án đúng là B.\n")).is_none());
        // The last line counts without a newline, and a Windows line end is no part of a line.
        let w = placeholder_warning(&source("---\r\ntitle: Mật khẩu\r\n---\r\n\r\n  - Em biết …")).unwrap();
        assert_eq!((w.line, w.column), (5, 3));
    }

    #[test]
    fn the_sites_that_ship_hold_no_sample_text() {
        for (rel, text) in site_files("T", "2026-2027") {
            assert!(placeholder_warning(&source(&text)).is_none(), "{rel}");
        }
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        for entry in walkdir::WalkDir::new(&content).into_iter().flatten() {
            if entry.path().extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(entry.path()).unwrap();
                let w = placeholder_warning(&source(&text));
                assert!(w.is_none(), "{}: {w:?}", entry.path().display());
            }
        }
    }

    #[test]
    fn the_new_site_names_no_provincial_number() {
        let files = site_files("T", "2026-2027");
        let config = &files[0].1;
        let phones: Vec<&str> = config.lines().filter(|l| l.trim_start().starts_with("phone:")).collect();
        assert_eq!(phones, ["    phone: \"111\""]);
    }
}
