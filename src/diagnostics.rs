//! Errors and warnings about the user's content, with positions, reported all at once.
//!
//! Everything that validates content pushes a [`Diagnostic`] into a [`Diagnostics`] sink instead of
//! returning early, so one run shows every problem in the site. Positions are byte spans into the
//! file's text, from which line and column are derived when the diagnostic is made.
//!
//! Messages and hints are catalogue entries ([`Text`], made with [`msg!`]), turned into words in
//! the output's language only when shown ([`Diagnostics::render_in`], [`Diagnostics::render_json_in`]);
//! `message` and `hint` hold the English words, for tests and for ordering. See `catalogue.rs`.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor};
use serde::Serialize;

mod catalogue;
pub(crate) use catalogue::msg;
pub use catalogue::{language, set_language, Arg, Lang, Text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable code documented in docs/diagnostics.md, e.g. `E012`.
    pub code: &'static str,
    pub message: String,
    /// Path relative to the site root, with `/` separators.
    pub file: String,
    /// 1-based; 0 when the diagnostic is about the whole file.
    pub line: usize,
    pub column: usize,
    /// Where the problem ends (the character after it), like `line` and `column`; both 0 without a span.
    pub end_line: usize,
    pub end_column: usize,
    pub hint: Option<String>,
    #[serde(skip)]
    pub span: Option<Range<usize>>,
    /// The message and hint before they are words: shown in the output's language.
    #[serde(skip)]
    pub text: Text,
    #[serde(skip)]
    pub hint_text: Option<Text>,
}

/// The version of the JSON output's fields (`check --format json`); it changes only when a field changes
/// meaning or goes away, never when one is added.
pub const JSON_VERSION: u32 = 1;

/// One line of the JSON output: the version, then the diagnostic's fields.
#[derive(Serialize)]
struct JsonLine<'a> {
    version: u32,
    #[serde(flatten)]
    diagnostic: &'a Diagnostic,
}

impl Diagnostic {
    /// An error: `Diagnostic::error("E012", msg!("e012-level-folder", dir = dir))`.
    pub fn error(code: &'static str, message: impl Into<Text>) -> Self {
        let text = message.into();
        Diagnostic {
            severity: Severity::Error,
            code,
            message: text.render(Lang::En),
            text,
            hint_text: None,
            file: String::new(),
            line: 0,
            column: 0,
            end_line: 0,
            end_column: 0,
            hint: None,
            span: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<Text>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(code, message) }
    }

    /// Attaches a file without a position.
    pub fn in_file(mut self, file: &SourceFile) -> Self {
        self.file = file.rel.clone();
        self
    }

    /// Attaches a line and column of a file whose text is no longer at hand (the report shows no excerpt).
    pub fn at_line(mut self, file: &SourceFile, line: usize, column: usize) -> Self {
        self.file = file.rel.clone();
        self.line = line;
        self.column = column;
        self
    }

    /// Attaches a byte span of `file`'s text; line and column are derived from it.
    pub fn at(mut self, file: &SourceFile, span: Range<usize>) -> Self {
        if file.released {
            debug_assert!(false, "a diagnostic points into {}, whose text was let go of", file.rel);
            return self.in_file(file);
        }
        debug_assert!(
            file.parked.is_none() || span.end <= file.text.len(),
            "a diagnostic points into the parked part of {}",
            file.rel
        );
        let start = span.start.min(file.text.len());
        let end = span.end.clamp(start, file.text.len());
        let (line, column) = file.line_col(start);
        self.file = file.rel.clone();
        self.line = line;
        self.column = column;
        (self.end_line, self.end_column) = file.line_col(end);
        self.span = Some(start..end);
        self
    }

    pub fn hint(mut self, hint: impl Into<Text>) -> Self {
        let text = hint.into();
        self.hint = Some(text.render(Lang::En));
        self.hint_text = Some(text);
        self
    }

    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        self.text.render(lang)
    }

    /// The hint in `lang`.
    pub fn hint_in(&self, lang: Lang) -> Option<String> {
        match &self.hint_text {
            Some(t) => Some(t.render(lang)),
            None => self.hint.clone(),
        }
    }

    /// A copy whose `message` and `hint` are in `lang`.
    pub fn localized(&self, lang: Lang) -> Diagnostic {
        Diagnostic { message: self.message_in(lang), hint: self.hint_in(lang), ..self.clone() }
    }
}

/// A loaded text file: its path relative to the site root and its (NFC) text.
///
/// The text is read once, by the loader, and is what validation checks and what diagnostics point into.
/// A one-shot build lets go of it ([`SourceFile::release`]) once no check can point into it: after the
/// page's load-time pass when nothing later looks at it, otherwise once the site has passed validation.
/// Renderers never read sources (they fill the [`crate::markdown::Body`] the load-time pass made), and
/// the diagnostics report keeps its own copy of every text it shows.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub rel: String,
    pub path: PathBuf,
    /// Shared, so remembering a file for the error report costs no copy.
    pub text: Arc<str>,
    released: bool,
    /// Set while only the start of the text is held ([`SourceFile::park`]).
    parked: Option<Parked>,
}

/// What a parked text was: its length and hash, to know it again when it is read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parked {
    len: usize,
    hash: u64,
}

impl SourceFile {
    pub fn new(root: &Path, path: &Path, text: impl Into<Arc<str>>) -> Self {
        let text = text.into();
        let rel = path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/");
        SourceFile { rel, path: path.to_path_buf(), text, released: false, parked: None }
    }

    /// Holds only the first `keep` bytes of the text (a page's front matter) until [`SourceFile::unpark`]
    /// puts the whole text back. A one-shot build parks each page's body between reading its front matter
    /// and its Markdown pass, so that the whole site's text is never held at once (on 100,000 lessons it
    /// was 0.8 GB); diagnostics in between point only into the front matter.
    pub fn park(&mut self, keep: usize) {
        if self.released || self.parked.is_some() {
            return;
        }
        let keep = floor_char_boundary(&self.text, keep);
        self.parked = Some(Parked { len: self.text.len(), hash: xxhash_rust::xxh3::xxh3_64(self.text.as_bytes()) });
        self.text = Arc::from(self.text.get(..keep).unwrap_or_default());
    }

    /// Whether [`SourceFile::park`] holds only the start of the text.
    pub fn is_parked(&self) -> bool {
        self.parked.is_some()
    }

    /// Puts back the whole text, as read again by the caller; when `text` is not the text that was parked
    /// (the file was changed in between, or the caller has not normalised it yet), nothing changes and
    /// `text` comes back.
    pub fn unpark(&mut self, text: String) -> Result<(), String> {
        let Some(p) = self.parked else { return Ok(()) };
        if text.len() != p.len
            || !text.starts_with(&*self.text)
            || xxhash_rust::xxh3::xxh3_64(text.as_bytes()) != p.hash
        {
            return Err(text);
        }
        self.text = text.into();
        self.parked = None;
        Ok(())
    }

    /// Whether [`SourceFile::release`] let go of the text.
    pub fn is_released(&self) -> bool {
        self.released
    }

    /// Lets go of the text (see the type's documentation). A diagnostic can no longer point into it:
    /// one that tries is a bug, caught in debug builds, and shows the file without a line otherwise.
    pub fn release(&mut self) {
        self.text = Arc::from("");
        self.released = true;
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset);
        let before = &self.text.as_bytes()[..offset];
        // Counted with `memchr` (a character search per line was about 1 % of a build: every link and
        // heading of every page keeps its position).
        let line = memchr::memchr_iter(b'\n', before).count() + 1;
        let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
        let column = self.text[line_start..offset].chars().count() + 1;
        (line, column)
    }

    /// Byte offset of a 1-based line and column (in characters); clamps past the end.
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let mut offset = 0;
        for _ in 1..line {
            match self.text[offset..].find('\n') {
                Some(i) => offset += i + 1,
                None => return self.text.len(),
            }
        }
        let rest = &self.text[offset..];
        let line_end = rest.find('\n').unwrap_or(rest.len());
        offset + rest[..line_end].char_indices().nth(column.saturating_sub(1)).map_or(line_end, |(i, _)| i)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A problem the author can fix, with what to do about it.
///
/// Like a [`Diagnostic`], `message` and `hint` are the English words; `Display` shows them in the
/// output's language ([`language`]).
#[derive(Debug)]
pub struct Problem {
    pub message: String,
    pub hint: Option<String>,
    text: Text,
    hint_text: Option<Text>,
}

impl Problem {
    pub fn new(message: impl Into<Text>) -> Self {
        let text = message.into();
        Problem { message: text.render(Lang::En), hint: None, text, hint_text: None }
    }

    pub fn hint(mut self, hint: impl Into<Text>) -> Self {
        let text = hint.into();
        self.hint = Some(text.render(Lang::En));
        self.hint_text = Some(text);
        self
    }

    /// "error: …" and "  hint: …" in `lang`.
    pub fn render_in(&self, lang: Lang) -> String {
        let mut out = format!("{} {}", msg!("label-error").render(lang), self.text.render(lang));
        if let Some(h) = &self.hint_text {
            out.push_str(&format!("\n  {} {}", msg!("label-hint").render(lang), h.render(lang)));
        }
        out
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render_in(language()))
    }
}

/// A thread-safe sink: parallel loaders push into it.
#[derive(Default)]
pub struct Diagnostics {
    items: Mutex<Vec<Diagnostic>>,
    sources: Mutex<BTreeMap<String, Arc<str>>>,
    /// The files a diagnostic with a span points into, kept as they are pushed ([`Diagnostics::points_into`]).
    spanned: Mutex<std::collections::HashSet<String>>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&self, d: Diagnostic) {
        if d.span.is_some() {
            self.spanned.lock().unwrap_or_else(|e| e.into_inner()).insert(d.file.clone());
        }
        self.lock_items().push(d);
    }

    /// Whether a diagnostic so far points into a line of `rel` (so its text must be kept for the report).
    pub fn points_into(&self, rel: &str) -> bool {
        self.spanned.lock().unwrap_or_else(|e| e.into_inner()).contains(rel)
    }

    /// Remembers a file's text so its lines can be shown in the report.
    pub fn remember(&self, file: &SourceFile) {
        let mut sources = self.sources.lock().unwrap_or_else(|e| e.into_inner());
        sources.entry(file.rel.clone()).or_insert_with(|| file.text.clone());
    }

    /// Forgets the texts of files whose lines no diagnostic shows, so a build that releases its sources
    /// ([`SourceFile::release`]) really frees them. (Advice such as "has no quiz" is about a whole file and
    /// shows no line.)
    pub fn forget_undiagnosed_sources(&self) {
        let files = self.files_with_spans();
        let mut sources = self.sources.lock().unwrap_or_else(|e| e.into_inner());
        sources.retain(|rel, _| files.contains(rel));
    }

    /// Forgets one file's text: no diagnostic will point into it ([`SourceFile::release`]).
    pub fn forget(&self, rel: &str) {
        self.sources.lock().unwrap_or_else(|e| e.into_inner()).remove(rel);
    }

    /// The files that a diagnostic so far points into (kept by [`Diagnostics::push`]; items are never
    /// taken out, so the set is exactly theirs).
    pub(crate) fn files_with_spans(&self) -> std::collections::BTreeSet<String> {
        self.spanned.lock().unwrap_or_else(|e| e.into_inner()).iter().cloned().collect()
    }

    /// Shares remembered file texts with another sink (for filtered reports).
    pub fn copy_sources_to(&self, other: &Diagnostics) {
        let sources = self.sources.lock().unwrap_or_else(|e| e.into_inner());
        let mut theirs = other.sources.lock().unwrap_or_else(|e| e.into_inner());
        for (k, v) in sources.iter() {
            theirs.insert(k.clone(), v.clone());
        }
    }

    fn lock_items(&self) -> std::sync::MutexGuard<'_, Vec<Diagnostic>> {
        self.items.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn has_errors(&self) -> bool {
        self.lock_items().iter().any(|d| d.severity == Severity::Error)
    }

    pub fn count(&self, severity: Severity) -> usize {
        // Counted after de-duplication, so the summary matches what is listed.
        self.sorted().iter().filter(|d| d.severity == severity).count()
    }

    /// All diagnostics, sorted by file and position so output is stable across parallel runs.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut v = self.lock_items().clone();
        v.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.severity, a.code, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.severity, b.code, &b.message))
        });
        v.dedup_by(|a, b| a.file == b.file && a.line == b.line && a.code == b.code && a.message == b.message);
        v
    }

    /// Renders every diagnostic rustc-style (with the offending line and a hint) to a string, in the
    /// output's language ([`language`]).
    pub fn render(&self, color: bool) -> String {
        self.render_in(language(), color)
    }

    /// [`Diagnostics::render`] in `lang`.
    pub fn render_in(&self, lang: Lang, color: bool) -> String {
        let shown = self.files_with_spans();
        let sources = self.sources.lock().unwrap_or_else(|e| e.into_inner());
        let mut files = SimpleFiles::new();
        let mut ids = BTreeMap::new();
        // Only the files whose lines are shown: a site's advice can name thousands of files.
        for (name, text) in sources.iter().filter(|(name, _)| shown.contains(*name)) {
            ids.insert(name.clone(), files.add(name.clone(), text.to_string()));
        }
        let config = term::Config::default();
        let mut buffer = if color { termcolor::Buffer::ansi() } else { termcolor::Buffer::no_color() };
        for d in self.sorted().iter().map(|d| d.localized(lang)) {
            let cs = match d.severity {
                Severity::Error => CsDiagnostic::error(),
                Severity::Warning => CsDiagnostic::warning(),
            }
            .with_code(d.code)
            .with_message(&d.message);
            let mut notes = Vec::new();
            let cs = match (ids.get(&d.file), &d.span) {
                (Some(id), Some(span)) => cs.with_labels(vec![Label::primary(*id, span.clone())]),
                _ => {
                    // A position without an excerpt (the file's text was let go of, or a template's):
                    // `file:line:column`, which terminals and editors open at the line.
                    let at = match (d.line, d.column) {
                        (0, _) => d.file.clone(),
                        (l, 0) => format!("{}:{l}", d.file),
                        (l, c) => format!("{}:{l}:{c}", d.file),
                    };
                    if !d.file.is_empty() {
                        notes.push(msg!("label-in-file", file = &at).render(lang));
                    }
                    cs
                }
            };
            if let Some(h) = &d.hint {
                notes.push(format!("{} {h}", msg!("label-hint").render(lang)));
            }
            let cs = cs.with_notes(notes);
            if term::emit_to_write_style(&mut buffer, &config, &files, &cs).is_err() {
                // The span did not fit the file (it changed on disk): fall back to a plain line.
                buffer.clear();
            }
        }
        String::from_utf8_lossy(buffer.as_slice()).into_owned()
    }

    /// One JSON object per line: for editors and CI; `message` and `hint` in the output's language.
    pub fn render_json(&self) -> String {
        self.render_json_in(language())
    }

    /// [`Diagnostics::render_json`] in `lang`.
    pub fn render_json_in(&self, lang: Lang) -> String {
        let mut out = String::new();
        for d in self.sorted().iter().map(|d| d.localized(lang)) {
            if let Ok(line) = serde_json::to_string(&JsonLine { version: JSON_VERSION, diagnostic: &d }) {
                out.push_str(&line);
                out.push('\n');
            }
        }
        out
    }

    /// "2 errors, 1 warning", in the output's language.
    pub fn summary(&self) -> String {
        let e = self.count(Severity::Error);
        let w = self.count(Severity::Warning);
        msg!("summary-counts", errors = e, warnings = w).to_string()
    }
}

pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Whether stderr should get colours.
pub fn stderr_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// The closest candidate to `word`, for "did you mean" hints.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new(Path::new("/site"), Path::new("/site/content/a.md"), text.to_string())
    }

    #[test]
    fn a_parked_text_keeps_its_front_matter_and_comes_back_only_unchanged() {
        let text = "---\ntitle: Mật khẩu\n---\n# Bài\nNội dung dài.\n";
        let body = text.find("# Bài").unwrap();
        let mut f = file(text);
        f.park(body);
        assert!(f.is_parked());
        assert_eq!(&*f.text, "---\ntitle: Mật khẩu\n---\n");
        // Diagnostics into the front matter still get their line and column.
        let d = Diagnostic::error("E010", "x").at(&f, 4..9);
        assert_eq!((d.line, d.column), (2, 1));
        assert!(f.unpark(text.replace("dài", "ngắn")).is_err(), "another text is refused");
        assert!(f.unpark(text.replace("title", "tilte")).is_err(), "so is one with another front matter");
        assert!(f.is_parked());
        assert!(f.unpark(text.to_string()).is_ok());
        assert!(!f.is_parked());
        assert_eq!(&*f.text, text);
    }

    #[test]
    fn positions_count_characters() {
        let f = file("một\nhai ba\n");
        assert_eq!(f.line_col(0), (1, 1));
        let off = f.text.find("ba").unwrap();
        assert_eq!(f.line_col(off), (2, 5));
        assert_eq!(f.offset_of(2, 5), off);
    }

    #[test]
    fn only_texts_whose_lines_are_shown_are_kept() {
        let shown = file("---\ntitle: x\ndurationn: 3\n---\n");
        let whole = SourceFile::new(Path::new("/site"), Path::new("/site/content/b.md"), "---\ntitle: y\n---\n");
        let quiet = SourceFile::new(Path::new("/site"), Path::new("/site/content/c.md"), "---\ntitle: z\n---\n");
        let diags = Diagnostics::new();
        for f in [&shown, &whole, &quiet] {
            diags.remember(f);
        }
        let off = shown.text.find("durationn").unwrap();
        diags.push(Diagnostic::error("E003", "unknown field `durationn`").at(&shown, off..off + 9));
        diags.push(Diagnostic::warning("W002", "`y` has no quiz").in_file(&whole));
        diags.forget_undiagnosed_sources();
        let kept: Vec<String> = diags.sources.lock().unwrap().keys().cloned().collect();
        assert_eq!(kept, ["content/a.md"]);
        let out = diags.render(false);
        assert!(out.contains("durationn: 3"), "the error still shows its line:\n{out}");
        assert!(out.contains("`y` has no quiz"), "{out}");
    }

    #[test]
    fn renders_with_file_line_and_hint() {
        let f = file("---\ntitle: x\ndurationn: 3\n---\n");
        let diags = Diagnostics::new();
        diags.remember(&f);
        let off = f.text.find("durationn").unwrap();
        diags.push(
            Diagnostic::error("E003", "unknown field `durationn`")
                .at(&f, off..off + 9)
                .hint("did you mean `duration`?"),
        );
        let out = diags.render(false);
        assert!(out.contains("error[E003]: unknown field `durationn`"), "{out}");
        assert!(out.contains("content/a.md:3:1"), "{out}");
        assert!(out.contains("hint: did you mean `duration`?"), "{out}");
        let json = diags.render_json();
        let v: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
        assert_eq!(v["line"], 3);
        assert_eq!(v["severity"], "error");
        assert_eq!(
            (v["version"].as_u64(), v["end_line"].as_u64(), v["end_column"].as_u64()),
            (Some(1), Some(3), Some(10))
        );
        assert!(json.starts_with("{\"version\":1,\"severity\":\"error\""), "{json}");
    }

    #[test]
    fn suggests_close_words() {
        assert_eq!(did_you_mean("titel", &["title", "summary"]), Some("title"));
        assert_eq!(did_you_mean("zzz", &["title", "summary"]), None);
    }
}
