//! The theme: templates, static assets and UI strings, embedded in the binary at compile time
//! and overridable per site (`templates/` in the site folder wins over the theme's file).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use tera::Tera;

use crate::diagnostics::{msg, Diagnostic, Diagnostics, SourceFile};

include!(concat!(env!("OUT_DIR"), "/theme_files.rs"));

pub struct Theme {
    pub tera: Tera,
    /// Output path under `assets/` → contents (CSS and JS minified once here).
    pub assets: Vec<(String, Vec<u8>)>,
    pub strings: BTreeMap<String, String>,
    /// The site's own templates (`templates/…`) as written, so that an error in one points at the
    /// author's file and line ([`Theme::template_error`]).
    pub own: Vec<SourceFile>,
}

impl Theme {
    /// A UI string; a missing key shows itself so the gap is visible rather than silent.
    pub fn t(&self, key: &str) -> String {
        self.strings.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }

    /// A Tera error while rendering the template `rendering` as a diagnostic (see [`template_errors`]).
    pub fn template_error(&self, code: &'static str, rendering: &str, e: &tera::Error) -> Diagnostic {
        // Rendering stops at its first error: there is one.
        let first = template_errors(&self.own, code, rendering, e).into_iter().next();
        first.unwrap_or_else(|| in_theme_template(code, rendering, &tera_error_text(e)))
    }
}

/// Templates that are not minified: the quiz form partial is written with whitespace control to give one
/// line of HTML, exactly the markup docs/theme.md shows and quiz.js reads; minifying it would only drop
/// attribute quotes from some of its tags.
const VERBATIM: &[&str] = &["_quiz_form.html"];

/// Loads the theme for `language`, with the site's own `templates/` on top.
pub fn load(site_root: &Path, language: &str, minify: bool, diags: &Diagnostics) -> Option<Theme> {
    let mut templates: BTreeMap<String, String> = BTreeMap::new();
    let mut assets = Vec::new();
    let mut strings = BTreeMap::new();
    for (path, bytes) in THEME_FILES {
        if let Some(name) = path.strip_prefix("templates/") {
            templates.insert(name.to_string(), String::from_utf8_lossy(bytes).into_owned());
        } else if let Some(name) = path.strip_prefix("static/") {
            assets.push((name.to_string(), minify_asset(name, bytes, minify)));
        } else if *path == format!("i18n/{language}.yaml") {
            match serde_yaml::from_slice::<BTreeMap<String, String>>(bytes) {
                Ok(m) => strings = m,
                Err(e) => diags
                    .push(Diagnostic::error("E090", msg!("e090-strings", language = language, error = e.to_string()))),
            }
        }
    }
    let theme_names: Vec<String> = templates.keys().cloned().collect();
    let mut own_names = Vec::new();
    let mut own_files = Vec::new();
    let own = site_root.join("templates");
    if own.is_dir() {
        for entry in walkdir::WalkDir::new(&own).into_iter().flatten() {
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(&own) else { continue };
            let name = rel.to_string_lossy().replace('\\', "/");
            match std::fs::read_to_string(entry.path()) {
                Ok(t) => {
                    // NFC like every text of the site; Tera gets the same text, so its positions fit the file's.
                    let t = crate::text::nfc(&t);
                    own_names.push(name.clone());
                    let file = SourceFile::new(site_root, entry.path(), t.as_str());
                    diags.remember(&file);
                    own_files.push(file);
                    templates.insert(name, t);
                }
                Err(e) => diags.push(Diagnostic::error(
                    "E091",
                    msg!("e005-cannot-read", file = format!("templates/{name}"), error = e.to_string()),
                )),
            }
        }
    }
    for name in &own_names {
        if let Some(d) = unused_override(name, &theme_names, &templates) {
            diags.push(d);
        }
    }
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(crate::text::escape_to);
    register_filters(&mut tera);
    let sources: Vec<(String, String)> = templates
        .into_iter()
        .map(|(name, src)| {
            // The site's own templates stay as written: minified, an error's line and column would point
            // into a one-line copy the author never saw.
            let own = own_names.contains(&name);
            let src = if minify && !own && name.ends_with(".html") && !VERBATIM.contains(&name.as_str()) {
                minify_template(&src)
            } else {
                src
            };
            (name, src)
        })
        .collect();
    if let Err(e) = tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str()))) {
        template_errors(&own_files, "E092", "", &e).into_iter().for_each(|d| diags.push(d));
        return None;
    }
    Some(Theme { tera, assets, strings, own: own_files })
}

/// `W006` for a file in the site's `templates/` that replaces no theme template and that no template
/// uses (`{% include %}`, `{% extends %}`, `{% import %}`): most often a misspelt name, which would
/// otherwise be ignored without a word.
fn unused_override(name: &str, theme_names: &[String], templates: &BTreeMap<String, String>) -> Option<Diagnostic> {
    if theme_names.iter().any(|t| t == name) {
        return None;
    }
    let used = templates
        .iter()
        .filter(|(other, _)| other.as_str() != name)
        .any(|(_, src)| src.contains(&format!("\"{name}\"")) || src.contains(&format!("'{name}'")));
    if used {
        return None;
    }
    let pages: Vec<&str> = theme_names.iter().map(String::as_str).filter(|n| !n.starts_with('_')).collect();
    let hint = match crate::diagnostics::did_you_mean(name, &pages) {
        Some(s) => msg!("w006-unused-template.suggest", template = s),
        None => msg!("w006-unused-template.known", templates = pages.join(", ")),
    };
    let mut d = Diagnostic::warning("W006", msg!("w006-unused-template", name = name)).hint(hint);
    d.file = format!("templates/{name}");
    Some(d)
}

/// The theme's template names (`lesson.html`, `_components.html`, …).
pub fn template_names() -> Vec<&'static str> {
    THEME_FILES.iter().filter_map(|(p, _)| p.strip_prefix("templates/")).collect()
}

/// What [`eject`] wrote.
#[derive(Debug)]
pub struct Ejected {
    /// Relative to the site folder, e.g. `templates/lesson.html`.
    pub rel: String,
    pub path: std::path::PathBuf,
}

/// `hoclieu theme eject <name>`: copies the theme's template `name` (`lesson`, `lesson.html` or
/// `templates/lesson.html`) into the site's `templates/`, where it replaces the theme's. Never overwrites.
pub fn eject(site_root: &Path, name: &str) -> Result<Ejected, crate::diagnostics::Problem> {
    use crate::diagnostics::Problem;
    if !site_root.join(crate::config::CONFIG_FILE).is_file() {
        return Err(Problem::new(msg!(
            "problem-no-config",
            file = crate::config::CONFIG_FILE,
            folder = site_root.display().to_string()
        ))
        .hint(msg!("problem-no-config.hint")));
    }
    let names = template_names();
    let wanted = name.trim().trim_start_matches("templates/");
    let found = names.iter().find(|n| **n == wanted || n.strip_suffix(".html") == Some(wanted));
    let Some(found) = found else {
        let guess = crate::diagnostics::did_you_mean(wanted, &names)
            .or_else(|| crate::diagnostics::did_you_mean(&format!("{wanted}.html"), &names));
        let hint = match guess {
            Some(g) => msg!("eject-no-template.suggest", template = g, templates = names.join(", ")),
            None => msg!("eject-no-template.known", templates = names.join(", ")),
        };
        return Err(Problem::new(msg!("eject-no-template", template = wanted)).hint(hint));
    };
    let Some((_, bytes)) = THEME_FILES.iter().find(|(p, _)| p.strip_prefix("templates/") == Some(*found)) else {
        return Err(Problem::new(msg!("eject-no-template", template = *found)));
    };
    let rel = format!("templates/{found}");
    let path = site_root.join(&rel);
    if path.exists() {
        return Err(Problem::new(msg!("problem-exists", path = &rel)).hint(msg!("eject-exists")));
    }
    let io = |e: std::io::Error| {
        Problem::new(msg!("problem-cannot-write", path = path.display().to_string(), error = e.to_string()))
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    std::fs::write(&path, bytes).map_err(io)?;
    Ok(Ejected { rel, path })
}

/// A Tera error (`E092` while templates are read, `E093` while a page is rendered) as diagnostics at the
/// file and line of the site's template it is in. A block left open (`{% if %}` without `{% endif %}`)
/// is reported where it opens: Tera only notices at the tag or the end of file that does not fit, which
/// can be far below. An error in one of the theme's own templates (embedded in hoclieu) names the
/// template in the message, as there is no file of the site to point at. `rendering` names the template being
/// rendered (`""` while templates are read), for an error that names none.
pub fn template_errors(own: &[SourceFile], code: &'static str, rendering: &str, e: &tera::Error) -> Vec<Diagnostic> {
    if report_error(e).is_none() {
        // Unknown filters, tests, functions and blocks come as text only: one report each, joined.
        let reports = text_reports(&tera_error_text(e));
        if !reports.is_empty() {
            return reports.into_iter().map(|r| text_report_diagnostic(own, code, r)).collect();
        }
    }
    vec![template_error(own, code, rendering, e)]
}

/// An error at a line of the site's template `file`: its message (Tera's `error` quoted as Tera gives it)
/// and hint, by the code (`E092` while templates are read, `E093` while a page is made).
fn in_own_template(code: &'static str, file: &SourceFile, error: String) -> Diagnostic {
    let (message, hint) = if code == "E092" {
        (msg!("e092-in-template", file = &file.rel, error = error), msg!("e092-in-template.hint"))
    } else {
        (msg!("e093-in-template", file = &file.rel, error = error), msg!("e093-in-template.hint"))
    };
    Diagnostic::error(code, message).hint(hint)
}

/// One of Tera's text reports: template name, message, line and column (1-based).
struct TextReport {
    name: String,
    message: String,
    line: usize,
    column: usize,
}

/// The reports in Tera's text: each is `error: MESSAGE`, then ` --> NAME:LINE:COLUMN`, then the line quoted.
fn text_reports(text: &str) -> Vec<TextReport> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(at) = line.trim_start().strip_prefix("--> ") else { continue };
        let mut parts = at.rsplitn(3, ':');
        let (Some(column), Some(number), Some(name)) = (parts.next(), parts.next(), parts.next()) else { continue };
        let (Ok(column), Ok(number)) = (column.trim().parse::<usize>(), number.trim().parse::<usize>()) else {
            continue;
        };
        let before = i.checked_sub(1).and_then(|j| lines.get(j)).map_or("", |l| l.trim());
        let message = before.strip_prefix("error: ").unwrap_or(before).trim().to_string();
        out.push(TextReport { name: name.trim().to_string(), message, line: number, column });
    }
    out
}

fn text_report_diagnostic(own: &[SourceFile], code: &'static str, r: TextReport) -> Diagnostic {
    let Some(file) = own.iter().find(|f| f.rel.strip_prefix("templates/") == Some(r.name.as_str())) else {
        return in_theme_template(code, &r.name, &r.message);
    };
    let start = file.offset_of(r.line, r.column);
    // Up to the end of the name Tera points at (a filter's, a function's…).
    let len = file
        .text
        .get(start..)
        .map_or(0, |t| t.char_indices().find(|(_, c)| !(c.is_alphanumeric() || *c == '_')).map_or(t.len(), |(i, _)| i));
    let suggestion = unknown_filter_suggestion(&r.message);
    let d = in_own_template(code, file, r.message).at(file, start..start + len);
    match suggestion {
        Some(name) => d.hint(msg!("e092-in-template.suggest", name = name)),
        None => d,
    }
}

/// The filters a template can use: Tera 2's own and hoclieu's (a test renders each, so the list cannot
/// drift from what Tera accepts).
const FILTERS: &[&str] = &[
    "safe",
    "default",
    "upper",
    "lower",
    "wordcount",
    "escape",
    "escape_html",
    "escape_xml",
    "newlines_to_br",
    "pluralize",
    "trim",
    "trim_start",
    "trim_end",
    "replace",
    "capitalize",
    "title",
    "truncate",
    "indent",
    "str",
    "int",
    "float",
    "length",
    "reverse",
    "split",
    "abs",
    "round",
    "first",
    "last",
    "nth",
    "join",
    "sort",
    "unique",
    "get",
    "values",
    "keys",
    "pairs",
    "group_by",
    "shift_headings",
];

/// For Tera's "Unknown filter `X`": the filter meant, if one is close.
fn unknown_filter_suggestion(message: &str) -> Option<&'static str> {
    let name = message.strip_prefix("Unknown filter `")?.strip_suffix('`')?;
    crate::diagnostics::did_you_mean(name, FILTERS)
}

/// An error in one of the theme's own templates (embedded in hoclieu, no file of the site to point at),
/// most often caused by something a template of the site defines: the template's name is in the message.
fn in_theme_template(code: &'static str, name: &str, text: &str) -> Diagnostic {
    if code == "E092" {
        let error = if name.is_empty() { text.to_string() } else { format!("`{name}`: {text}") };
        Diagnostic::error(code, msg!("e092-template-error", error = error)).hint(msg!("e092-template-error.hint"))
    } else {
        Diagnostic::error(code, msg!("e093-template-failed", name = name, error = text))
            .hint(msg!("e093-template-failed.hint"))
    }
}

/// One Tera error that carries its position (or names its template) as a diagnostic.
fn template_error(own: &[SourceFile], code: &'static str, rendering: &str, e: &tera::Error) -> Diagnostic {
    let report = report_error(e);
    let name = match (report, e.kind()) {
        (Some(r), _) => r.filename().to_string(),
        (None, tera::ErrorKind::MissingParent { current, .. }) => current.clone(),
        (None, tera::ErrorKind::CircularExtend { tpl, .. } | tera::ErrorKind::CircularInclude { tpl, .. }) => {
            tpl.clone()
        }
        _ => rendering.to_string(),
    };
    let file = own.iter().find(|f| f.rel.strip_prefix("templates/") == Some(name.as_str()));
    let Some(file) = file else {
        let text = report.map_or_else(|| tera_error_text(e), |r| r.message().to_string());
        return in_theme_template(code, &name, &text);
    };
    let Some(r) = report else {
        // Inheritance errors carry no position: point at the tag that names the other template. Another
        // error without one (none is known) is shown at the file's start, with Tera's whole text.
        let word = match e.kind() {
            tera::ErrorKind::CircularInclude { .. } => "include",
            tera::ErrorKind::MissingParent { .. } | tera::ErrorKind::CircularExtend { .. } => "extends",
            _ => "",
        };
        let at = tag_offset(&file.text, word).unwrap_or(0);
        return in_own_template(code, file, tera_error_text(e)).at(file, at..at);
    };
    let span = r.span();
    let text = &file.text;
    // Tera's byte range is into the source it was given, which is the file's text (own templates are not
    // minified); clamped all the same.
    let start = span.range.start.min(text.len());
    let end = span.range.end.clamp(start, text.len());
    if matches!(e.kind(), tera::ErrorKind::SyntaxError(_)) {
        if let Some(open) = unclosed_block(text, start) {
            let tag = text.get(open.tag.clone()).unwrap_or_default();
            let (line, _) = file.line_col(start);
            // What came while the block was open: another block's end tag, or the end of the file.
            let stopped = match block_tags(text).find(|t| t.range.contains(&start)) {
                Some(t) => {
                    msg!("e092-never-closed.stopped-by", line = line, tag = text.get(t.range).unwrap_or_default())
                }
                None => msg!("e092-never-closed.file-ends"),
            };
            return Diagnostic::error(code, msg!("e092-never-closed", tag = tag, file = &file.rel))
                .at(file, open.tag.clone())
                .hint(msg!("e092-never-closed.hint", keyword = &open.keyword, stopped = stopped));
        }
    }
    in_own_template(code, file, short_field_list(r.message())).at(file, start..end)
}

/// Tera's "Field `X` is not defined. Available fields: …" lists every field, about 200 for the texts `t`:
/// a long list becomes the closest names (did you mean), a short one stays as it is.
fn short_field_list(message: &str) -> String {
    const MARK: &str = "Available fields: ";
    const LONG: usize = 20;
    let Some((head, list)) = message.split_once(MARK) else { return message.to_string() };
    let fields: Vec<&str> = list.split(", ").map(str::trim).filter(|f| !f.is_empty()).collect();
    if fields.len() <= LONG {
        return message.to_string();
    }
    let wanted = head.split('`').nth(1).unwrap_or_default();
    let mut close: Vec<(f64, &str)> =
        fields.iter().map(|f| (strsim::jaro_winkler(&wanted.to_lowercase(), &f.to_lowercase()), *f)).collect();
    close.sort_by(|a, b| b.0.total_cmp(&a.0));
    let names: Vec<String> = close.iter().take(5).map(|(_, f)| format!("`{f}`")).collect();
    format!("{head}Closest of its {} fields: {}", fields.len(), names.join(", "))
}

/// The error with a position in it, if `e` or one of its causes has one.
fn report_error(e: &tera::Error) -> Option<&tera::ReportError> {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = current {
        if let Some(t) = err.downcast_ref::<tera::Error>() {
            if let tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) = t.kind() {
                return Some(r);
            }
        }
        current = err.source();
    }
    None
}

/// Where the first `{% word … %}` tag starts.
fn tag_offset(text: &str, word: &str) -> Option<usize> {
    block_tags(text).find(|t| t.word == word).map(|t| t.range.start)
}

/// A block tag of a template: its first word and where the whole `{% … %}` is.
struct Tag<'a> {
    word: &'a str,
    rest: &'a str,
    range: std::ops::Range<usize>,
}

/// The `{% … %}` tags of a template in order, skipping comments and the inside of `{% raw %}`.
fn block_tags(text: &str) -> impl Iterator<Item = Tag<'_>> {
    let mut from = 0;
    let mut in_raw = false;
    std::iter::from_fn(move || loop {
        let rest = text.get(from..)?;
        let open = rest.find("{%");
        let comment = rest.find("{#");
        if let (Some(c), false) = (comment, in_raw) {
            if open.is_none_or(|o| c < o) {
                let close = rest.get(c..)?.find("#}")?;
                from += c + close + 2;
                continue;
            }
        }
        let start = from + open?;
        let close = text.get(start..)?.find("%}")?;
        let end = start + close + 2;
        from = end;
        let inner = text.get(start + 2..end - 2)?.trim_matches(|c: char| c == '-' || c == '+' || c.is_whitespace());
        let (word, rest) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
        if in_raw {
            if word == "endraw" {
                in_raw = false;
            }
            continue;
        }
        if word == "raw" {
            in_raw = true;
            continue;
        }
        return Some(Tag { word, rest, range: start..end });
    })
}

/// A block left open: its keyword (`if`) and its opening tag.
struct Open {
    keyword: String,
    tag: std::ops::Range<usize>,
}

/// The block that is still open where Tera stopped (`at`): the innermost one when an end tag of another
/// block comes (`{% endblock %}` while an `{% if %}` is open) or the file ends. `None` when the tags are
/// balanced up to there: the error is something else, and Tera's position is right.
fn unclosed_block(text: &str, at: usize) -> Option<Open> {
    const BLOCKS: &[&str] = &["if", "for", "block", "filter", "component", "set", "set_global"];
    let mut stack: Vec<Open> = Vec::new();
    for tag in block_tags(text) {
        let at_error = tag.range.start >= at;
        if let Some(kw) = tag.word.strip_prefix("end") {
            match stack.last() {
                Some(top) if top.keyword == kw => {
                    if at_error {
                        return None;
                    }
                    stack.pop();
                }
                Some(_) => return stack.pop(),
                None => return None,
            }
        } else if at_error {
            return None;
        } else if BLOCKS.contains(&tag.word) {
            // `{% set x = 1 %}` is a statement; only `{% set x %}…{% endset %}` is a block.
            let assigns = tag.rest.contains('=');
            if !(tag.word.starts_with("set") && assigns) {
                stack.push(Open { keyword: tag.word.to_string(), tag: tag.range });
            }
        }
    }
    // The end of the file came with blocks still open.
    stack.pop()
}

/// Tera errors nest their causes; show the whole chain.
pub fn tera_error_text(e: &tera::Error) -> String {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        let more = s.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = s.source();
    }
    text
}

/// The engine's filters: `shift_headings` (docs/theme.md), and `safe` in place of Tera's own.
fn register_filters(tera: &mut Tera) {
    tera.register_filter("shift_headings", |html: &str, kwargs: tera::Kwargs, _: &tera::State| {
        let by = kwargs.get::<i64>("by")?.unwrap_or(1);
        let prefix = kwargs.get::<&str>("prefix")?.unwrap_or("");
        tera::TeraResult::Ok(shift_headings(html, by.clamp(0, 5) as u8, prefix))
    });
    // Tera's `safe` copies the string into a new one; marking the same string safe shares it. Every page
    // shows its body and its navigation through `safe` (about 1 % of a build's instructions went to the
    // copies). Anything else is written as Tera writes it, as before (tested against Tera's filter).
    tera.register_filter("safe", |value: &tera::Value, _: tera::Kwargs, _: &tera::State| {
        if value.is_string() {
            value.clone().mark_safe()
        } else {
            tera::Value::safe_string(&value.to_string())
        }
    });
}

/// Minifies a theme template's HTML once, at load, so pages need no per-page minification.
/// minify-html keeps `{{ }}`/`{% %}` opaque, but it cannot know what a template will output;
/// if minifying changed the template tags or the number of HTML tags, the whitespace-only
/// minifier is used for that template instead.
pub fn minify_template(src: &str) -> String {
    let cfg = minify_html::Cfg {
        preserve_brace_template_syntax: true,
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        keep_comments: false,
        minify_css: true,
        minify_js: true,
        ..minify_html::Cfg::default()
    };
    let out = String::from_utf8(minify_html::minify(src.as_bytes(), &cfg)).unwrap_or_default();
    if template_tags(src) == template_tags(&out)
        && html_tag_count(src) == html_tag_count(&out)
        && !out.contains("={{")
        && !out.contains("={%")
    {
        out
    } else {
        collapse_whitespace(src)
    }
}

fn template_tags(s: &str) -> Vec<String> {
    let mut tags = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find(['{']) {
        rest = &rest[i..];
        let close = match rest.get(..2) {
            Some("{{") => "}}",
            Some("{%") => "%}",
            _ => {
                rest = &rest[1..];
                continue;
            }
        };
        match rest.find(close) {
            Some(j) => {
                tags.push(rest[..j + 2].split_whitespace().collect::<Vec<_>>().join(" "));
                rest = &rest[j + 2..];
            }
            None => break,
        }
    }
    tags
}

fn html_tag_count(s: &str) -> usize {
    strip_comments(s)
        .as_bytes()
        .windows(2)
        .filter(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/'))
        .count()
}

fn strip_comments(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        match rest[i..].find("-->") {
            Some(j) => rest = &rest[i + j + 3..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// Drops indentation and blank lines; keeps `<pre>` and `<textarea>` content as is.
pub fn collapse_whitespace(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut keep = false;
    for line in src.lines() {
        if keep {
            out.push_str(line);
            out.push('\n');
        } else {
            let t = line.trim();
            if !t.is_empty() {
                out.push_str(t);
                out.push('\n');
            }
        }
        let lower = line.to_ascii_lowercase();
        if lower.contains("<pre") || lower.contains("<textarea") {
            keep = true;
        }
        if lower.contains("</pre>") || lower.contains("</textarea>") {
            keep = false;
        }
    }
    out
}

fn minify_asset(name: &str, bytes: &[u8], minify: bool) -> Vec<u8> {
    if !minify {
        return bytes.to_vec();
    }
    let (open, close) = if name.ends_with(".css") {
        ("<style>", "</style>")
    } else if name.ends_with(".js") {
        ("<script>", "</script>")
    } else {
        return bytes.to_vec();
    };
    // minify-html minifies CSS and JS inside <style>/<script>; wrap, minify, unwrap.
    let mut doc = Vec::with_capacity(bytes.len() + 20);
    doc.extend_from_slice(open.as_bytes());
    doc.extend_from_slice(bytes);
    doc.extend_from_slice(close.as_bytes());
    let cfg =
        minify_html::Cfg { minify_css: true, minify_js: true, keep_closing_tags: true, ..minify_html::Cfg::default() };
    let out = minify_html::minify(&doc, &cfg);
    let out = String::from_utf8_lossy(&out);
    match out.strip_prefix(open).and_then(|s| s.strip_suffix(close)) {
        Some(inner) if !inner.trim().is_empty() && name.ends_with(".js") => strip_comment_lines(inner).into_bytes(),
        Some(inner) if !inner.trim().is_empty() => inner.as_bytes().to_vec(),
        _ => bytes.to_vec(),
    }
}

/// The JS minifier keeps comments; readers' browsers need none. Only whole-line comments go (a line that
/// starts with `//`, or a `/* … */` that starts a line), which cannot be code or the inside of a string
/// in a script that uses no multi-line template strings, as the theme's do not.
fn strip_comment_lines(js: &str) -> String {
    let mut out = String::with_capacity(js.len());
    let mut in_block = false;
    for line in js.lines() {
        let t = line.trim_start();
        if in_block {
            if let Some(i) = line.find("*/") {
                in_block = false;
                let rest = &line[i + 2..];
                if !rest.trim().is_empty() {
                    out.push_str(rest);
                    out.push('\n');
                }
            }
            continue;
        }
        if t.starts_with("//") {
            continue;
        }
        if let Some(body) = t.strip_prefix("/*") {
            match body.find("*/") {
                Some(i) => {
                    let rest = &body[i + 2..];
                    if !rest.trim().is_empty() {
                        out.push_str(rest);
                        out.push('\n');
                    }
                }
                None => in_block = true,
            }
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// For templates: the strings as a map.
pub fn strings_map(theme: &Theme) -> HashMap<&str, &str> {
    theme.strings.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

/// Content HTML written for a page of its own starts at h2; placed under a page's own heading it must
/// start lower, or the outline screen readers navigate by is wrong. Moves every `<hN`/`</hN` down `by`
/// levels (h6 at most) and, when `prefix` is set, puts it before every id and same-page reference, for
/// pages that hold several documents whose headings share ids. Escaped text (`&lt;h2`) is never touched.
/// A filter in Rust: the same chain of `replace` filters in the template took longer than the rest of a
/// parents' page of 2,500 lessons.
pub fn shift_headings(html: &str, by: u8, prefix: &str) -> String {
    let mut out = String::with_capacity(html.len() + 16);
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        let after = &rest.as_bytes()[i + 1..];
        let tag = if after.starts_with(b"/h") {
            3
        } else if after.starts_with(b"h") {
            2
        } else {
            out.push_str(&rest[..=i]);
            rest = &rest[i + 1..];
            continue;
        };
        out.push_str(&rest[..i + tag]);
        match rest.as_bytes().get(i + tag).copied() {
            Some(d @ b'1'..=b'5') => {
                out.push(char::from(b'0' + (d - b'0' + by).min(6)));
                rest = &rest[i + tag + 1..];
            }
            _ => rest = &rest[i + tag..],
        }
    }
    out.push_str(rest);
    if prefix.is_empty() {
        return out;
    }
    for attr in [" id=\"", " href=\"#", " aria-labelledby=\"", " aria-describedby=\"", " for=\""] {
        out = out.replace(attr, &format!("{attr}{prefix}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_engines_safe_filter_writes_what_teras_does() {
        let template = "{{ s | safe }}|{{ small | safe }}|{{ n | safe }}|{{ list | safe }}|{{ m | safe }}|\
                        {{ s | safe | upper }}|{{ s }}|{{ s | safe | escape }}";
        let mut ctx = tera::Context::new();
        ctx.insert("s", &"<b>Đậm</b> & a \"long\" enough string to be held on the heap");
        ctx.insert("small", &"<i>x</i>");
        ctx.insert("n", &3.5);
        ctx.insert("list", &vec!["<a>", "b"]);
        ctx.insert("m", &std::collections::BTreeMap::from([("k", "<v>")]));
        let render = |engine: bool| {
            let mut tera = Tera::new();
            tera.autoescape_on(vec![".html"]);
            if engine {
                register_filters(&mut tera);
            }
            tera.add_raw_template("t.html", template).unwrap();
            tera.render("t.html", &ctx).unwrap()
        };
        let ours = render(true);
        assert_eq!(ours, render(false));
        assert!(ours.starts_with("<b>Đậm</b> &"), "{ours}");
    }

    #[test]
    fn every_filter_suggested_is_one_tera_knows() {
        let known = |name: &str| {
            let mut tera = Tera::new();
            match tera.add_raw_template("t.html", &format!("{{{{ x | {name} }}}}")) {
                Ok(()) => true,
                Err(e) => !tera_error_text(&e).contains("Unknown filter"),
            }
        };
        assert!(!known("khong_co"), "Tera reports an unknown filter when the template is added");
        // hoclieu's own, registered in `load`.
        for name in FILTERS.iter().filter(|n| **n != "shift_headings") {
            assert!(known(name), "`{name}` is not a filter");
        }
        assert_eq!(unknown_filter_suggestion("Unknown filter `uper`"), Some("upper"));
        assert_eq!(unknown_filter_suggestion("Unknown filter `hoa`"), None);
    }

    #[test]
    fn a_long_list_of_fields_becomes_the_closest_ones() {
        let many: Vec<String> = (0..30).map(|i| format!("key_{i}")).chain(["school_name".to_string()]).collect();
        let m = short_field_list(&format!("Field `school` is not defined. Available fields: {}", many.join(", ")));
        assert!(m.starts_with("Field `school` is not defined. Closest of its 31 fields: `school_name`"), "{m}");
        assert_eq!(m.matches('`').count(), 2 + 5 * 2, "{m}");
        // A short list, as for `lesson`, is kept whole.
        let short = "Field `titel` is not defined. Available fields: content, title, url";
        assert_eq!(short_field_list(short), short);
    }

    /// What the `shifted` component did before the filter: one chain of replacements per level.
    fn shifted_by_replacing(html: &str, by: u8, prefix: &str) -> String {
        let mut h = html.to_string();
        for _ in 0..by {
            for n in (1..=5).rev() {
                h = h.replace(&format!("<h{n}"), &format!("<h{}", n + 1));
                h = h.replace(&format!("</h{n}>"), &format!("</h{}>", n + 1));
            }
        }
        if !prefix.is_empty() {
            for attr in [" id=\"", " href=\"#", " aria-labelledby=\"", " aria-describedby=\"", " for=\""] {
                h = h.replace(attr, &format!("{attr}{prefix}"));
            }
        }
        h
    }

    #[test]
    fn shift_headings_does_what_the_replacements_did() {
        let html = concat!(
            "<h1 id=\"a\">A</h1><h2 id=\"b\">B</h2><p>&lt;h2 stays &lt;/h2&gt; <a href=\"#b\">b</a></p>",
            "<h3>C</h3><h4>D</h4><h5>E</h5><h6>F</h6><header><hr><label for=\"x\">x</label>",
            "<div aria-labelledby=\"b\" aria-describedby=\"a\">Tiếng Việt <</div><h",
        );
        for by in 0..=3 {
            for prefix in ["", "p-1-"] {
                assert_eq!(
                    shift_headings(html, by, prefix),
                    shifted_by_replacing(html, by, prefix),
                    "by {by} {prefix:?}"
                );
            }
        }
    }

    #[test]
    fn every_theme_template_minifies_safely() {
        for (path, bytes) in THEME_FILES {
            if path.starts_with("templates/") && path.ends_with(".html") {
                let src = String::from_utf8_lossy(bytes);
                let min = minify_template(&src);
                assert_eq!(template_tags(&src), template_tags(&min), "{path}");
                assert!(min.len() <= src.len(), "{path}");
            }
        }
    }

    #[test]
    fn unsafe_minification_falls_back() {
        let t = "<div>\n  <a href=\"{{x}}\">a</a>\n</div>\n";
        let m = minify_template(t);
        assert!(m.contains("\"{{x}}\"") || m.contains("'{{x}}'"), "{m}");
    }

    /// The keyword and the line of the block [`unclosed_block`] finds when Tera stops at `at` (a needle).
    fn open_block(text: &str, at: &str) -> Option<(String, usize)> {
        let at = if at.is_empty() { text.len() } else { text.find(at).expect("needle") };
        unclosed_block(text, at).map(|o| (o.keyword, text[..o.tag.start].matches('\n').count() + 1))
    }

    #[test]
    fn an_unclosed_block_is_found_where_it_opens() {
        // Another block's end tag comes while an `if` is open.
        let t = "{% block a %}\n{% if x %}\n<p>\n{% endblock a %}\n";
        assert_eq!(open_block(t, "{% endblock"), Some(("if".into(), 2)));
        // The file ends: the innermost open block, with trim markers.
        let t = "{% for x in y -%}\n{%- if x %}ok{% endif %}\n";
        assert_eq!(open_block(t, ""), Some(("for".into(), 1)));
        // `{% set x = 1 %}` opens nothing; `{% set x %}` does.
        let t = "{% set a = 1 %}\n{% set b %}\ntext\n";
        assert_eq!(open_block(t, ""), Some(("set".into(), 2)));
        // Tags in comments and in `{% raw %}` do not count.
        let t = "{# {% if %} #}\n{% raw %}{% for %}{% endraw %}\n{% block c %}{% endblock c %}\n";
        assert_eq!(open_block(t, ""), None);
        // Balanced up to the error: Tera's own position is kept.
        let t = "{% if a %}{{ x | }}{% endif %}\n";
        assert_eq!(open_block(t, "}}{% endif"), None);
        // A stray end tag is Tera's to report.
        assert_eq!(open_block("text {% endif %}", "{% endif"), None);
    }

    #[test]
    fn a_template_error_points_at_the_sites_file() {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::create_dir_all(dir.path().join("templates")).expect("templates/");
        std::fs::write(
            dir.path().join("templates/page.html"),
            "{% extends \"base.html\" %}\n{% block content %}\n{% if page.title %}\n{% endblock content %}\n",
        )
        .expect("template");
        let diags = Diagnostics::new();
        assert!(load(dir.path(), "vi", true, &diags).is_none());
        let d = diags.sorted().into_iter().find(|d| d.code == "E092").expect("E092");
        assert_eq!((d.file.as_str(), d.line, d.column), ("templates/page.html", 3, 1), "{d:?}");
        // A template that extends one that does not exist: at its `extends`.
        std::fs::write(dir.path().join("templates/page.html"), "<p>\n{% extends \"khong-co.html\" %}\n")
            .expect("template");
        let diags = Diagnostics::new();
        assert!(load(dir.path(), "vi", true, &diags).is_none());
        let d = diags.sorted().into_iter().find(|d| d.code == "E092").expect("E092");
        assert_eq!((d.file.as_str(), d.line), ("templates/page.html", 2), "{d:?}");
    }

    #[test]
    fn an_override_that_replaces_nothing_is_reported_with_a_guess() {
        let names = template_names().iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let mut templates: BTreeMap<String, String> = BTreeMap::new();
        templates.insert("lesson.html".into(), "{% include \"banner.html\" %}".into());
        templates.insert("banner.html".into(), "<p>Trường em</p>".into());
        let d = unused_override("lessons.html", &names, &templates).unwrap();
        assert_eq!((d.code, d.file.as_str()), ("W006", "templates/lessons.html"));
        assert!(d.hint.unwrap().contains("did you mean `templates/lesson.html`?"));
        assert!(unused_override("lesson.html", &names, &templates).is_none(), "it replaces the theme's");
        assert!(unused_override("banner.html", &names, &templates).is_none(), "lesson.html includes it");
        let d = unused_override("zzz.html", &names, &templates).unwrap();
        assert!(d.hint.unwrap().contains("hoclieu theme eject"));
    }

    #[test]
    fn eject_copies_the_theme_template_once() {
        let tmp = tempfile::tempdir().unwrap();
        let err = eject(tmp.path(), "lesson").unwrap_err();
        assert!(err.message.contains("hoclieu.yaml"), "{err}");
        std::fs::write(tmp.path().join("hoclieu.yaml"), "title: T\n").unwrap();
        let e = eject(tmp.path(), "lesson").unwrap();
        assert_eq!(e.rel, "templates/lesson.html");
        let theme = THEME_FILES.iter().find(|(p, _)| *p == "templates/lesson.html").unwrap().1;
        assert_eq!(std::fs::read(&e.path).unwrap(), theme);
        assert!(eject(tmp.path(), "templates/lesson.html").unwrap_err().message.contains("already exists"));
        assert_eq!(eject(tmp.path(), "base.html").unwrap().rel, "templates/base.html");
        let err = eject(tmp.path(), "lessons").unwrap_err();
        assert!(err.hint.unwrap().contains("did you mean `lesson.html`?"), "a guess for a near miss");
    }

    #[test]
    fn assets_are_minified() {
        let css = minify_asset("a.css", b"body {  color : red ;  }\n", true);
        assert_eq!(String::from_utf8_lossy(&css), "body{color:red}");
    }

    #[test]
    fn served_scripts_lose_their_comments() {
        let js = "/*\n * header\n */\n(function () {\n  // why\n  var a = 'http://x'; /* kept: after code */\n  /* one */ var b = 1;\n})();\n";
        let out = strip_comment_lines(js);
        assert!(!out.contains("header") && !out.contains("why") && !out.contains("one"), "{out}");
        assert!(out.contains("'http://x'") && out.contains("var b = 1;"), "{out}");
        for (path, bytes) in THEME_FILES.iter().filter(|(p, _)| p.ends_with(".js")) {
            let served = String::from_utf8_lossy(&minify_asset(path, bytes, true)).into_owned();
            assert!(!served.lines().any(|l| l.trim_start().starts_with("//")), "{path} keeps a comment line");
        }
    }
}
