//! Property tests: generated input for front matter, quiz blocks, fenced divs, links and the whole
//! Markdown pipeline. Nothing may panic, and nothing generated may come out as active content.
//!
//! Inputs are built from fragments that matter to the parsers (fences, `:::`, YAML keys, `%` escapes,
//! multi-byte letters, tags, script URLs, the sanitiser's own marks) mixed with arbitrary text, so a
//! few hundred cases reach the corners that random bytes would not.
//!
//! Each property runs `CASES` cases by default (a few seconds in all, in a debug build); set
//! `PROPTEST_CASES` for longer runs, e.g. `PROPTEST_CASES=20000 cargo test --release --test properties`.
//! See docs/reliability.md ("Hostile content") for the figures. A crash found becomes a regression
//! test in tests/hostile.rs (through the real binary) or below.

mod common;

use std::path::Path;

use hoclieu::diagnostics::{Diagnostics, SourceFile};
use hoclieu::markdown::{self, Ctx, Fill, LinkIndex, View};
use hoclieu::quiz;
use hoclieu::render::quiz_form::{self, Words};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence};

const CASES: u32 = 200;
const MARKS: [char; 4] = ['\u{FDD0}', '\u{FDD1}', '\u{FDD2}', '\u{FDD3}'];

fn config(cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(cases);
    // Failures are turned into named regression tests by hand, not kept in a file of seeds.
    Config { cases, failure_persistence: Some(Box::new(FileFailurePersistence::Off)), ..Config::default() }
}

/// Fragments that mean something to one of the parsers.
const MARKDOWN: &[&str] = &[
    "\n",
    "\n\n",
    " ",
    "    ",
    "\t",
    "# ",
    "## ",
    "### ",
    "{#id}",
    "{.c onclick=x}",
    "{",
    "}",
    "*",
    "**",
    "_",
    "`",
    "```",
    "```quiz\n",
    "```js\n",
    "```\n",
    "~~~",
    "> ",
    "> [!NOTE]\n",
    "- ",
    "1. ",
    "| a | b |\n",
    "|---|---|\n",
    "[",
    "]",
    "(",
    ")",
    "![",
    "](",
    "[x]: ",
    "<",
    ">",
    "</",
    "<script>",
    "</script>",
    "<SCRIPT>",
    "<!--",
    "-->",
    "<img src=x onerror=y>",
    "<a href=\"",
    "\">",
    "javascript:",
    "JaVaScRiPt:",
    "data:",
    "&#106;",
    "&amp;",
    "&",
    "::: ",
    ":::",
    ":::\n",
    "teacher",
    "parents",
    "note",
    "tip",
    "warning",
    "bogus",
    "\\",
    "%",
    "%a",
    "%2",
    "%41",
    "é",
    "ệ",
    "😀",
    "..",
    "/",
    "#",
    "?",
    ".md",
    "a.md",
    "../",
    "thcs/a.md",
    "b.md#x",
    "\u{FDD0}",
    "\u{FDD1}",
    "\u{FDD2}0\u{FDD3}",
    "\r\n",
    "\u{0}",
    "\u{2028}",
    "x",
    "Mật khẩu",
    "<details>",
    "</details>",
    "<div title=\"",
    "<style>",
    "<textarea>",
    "<plaintext>",
    "<table>",
    "<svg>",
    "<math>",
];

const YAML: &[&str] = &[
    "\n",
    "  ",
    "    ",
    "- ",
    "title: ",
    "pass: ",
    "shuffle: ",
    "questions:",
    "q: ",
    "type: ",
    "options:",
    "text: ",
    "correct: ",
    "feedback: ",
    "answer: ",
    "items: ",
    "pairs: ",
    "accept: ",
    "fold_diacritics: ",
    "explain: ",
    "image: ",
    "alt: ",
    "true",
    "false",
    "single",
    "multiple",
    "true-false",
    "order",
    "match",
    "text",
    "[]",
    "[a, b]",
    "[[a, b], [c, d]]",
    "\"",
    "'",
    ":",
    "{",
    "}",
    "[",
    "]",
    ",",
    "-1",
    "0",
    "70",
    "101",
    "999999999999999999999",
    "é",
    "<!--",
    "</script>",
    "[x](javascript:y)",
    "<b>",
    "&",
    "*",
    "!",
    "|",
    ">",
    "#",
    "~",
    "null",
    "x",
    "Mật khẩu",
    "\t",
    "\u{FDD0}",
];

const FRONT_MATTER: &[&str] = &[
    "\n",
    "  ",
    "- ",
    "title: ",
    "order: ",
    "duration: ",
    "grades: ",
    "objectives:",
    "competencies: ",
    "keywords: ",
    "draft: ",
    "updated: ",
    "summary: ",
    "kind: ",
    "session",
    "lesson",
    "material",
    "[1, 5]",
    "[5, 1]",
    "[6]",
    "[300, 1]",
    "0",
    "1",
    "-1",
    "65536",
    "2026-13-45",
    "2026-11-28",
    "true",
    "\"",
    "'",
    ":",
    "[",
    "]",
    "{",
    "}",
    "é",
    "<script>",
    "[x](javascript:y)",
    "x",
    "Mật khẩu",
    "---",
    "...",
    "\u{feff}",
];

/// Text made of `fragments` and arbitrary characters.
fn text_from(fragments: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => proptest::sample::select(fragments).prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    proptest::collection::vec(piece, 0..max).prop_map(|v| v.concat())
}

fn link_index() -> LinkIndex {
    let mut idx = LinkIndex::default();
    idx.pages.insert("thcs/a.md".into(), "thcs/a/index.html".into());
    idx.pages.insert("thcs/b.md".into(), "thcs/b/index.html".into());
    idx.content_files.insert("thcs/hinh.png".into());
    idx.static_files.insert("images/x.svg".into());
    idx
}

/// A quiz form through the default theme's `_quiz_form.html`, as rendering makes it.
fn form_html(q: &quiz::Quiz, n: usize, key: &str, root: &str) -> String {
    static THEME: std::sync::OnceLock<(hoclieu::theme::Theme, tera::Value)> = std::sync::OnceLock::new();
    let (theme, t) = THEME.get_or_init(|| {
        let theme = hoclieu::theme::load(Path::new("/no-site"), "vi", true, &Diagnostics::default())
            .expect("the default theme loads");
        let t = tera::Value::from_serializable(&theme.strings);
        (theme, t)
    });
    let w = |k: &str| format!("[{k}]");
    let form = quiz_form::form(q, n, key, &Words { get: &w }, root, true);
    quiz_form::form_html(&theme.tera, t, &form).expect("the quiz form renders")
}

/// A page's view of a body, as rendering makes it: quiz forms from the theme's template, code escaped.
struct PageFill<'a> {
    quizzes: &'a [quiz::Quiz],
    forms: bool,
}

impl Fill for PageFill<'_> {
    fn code(&self, _: &str, text: &str, out: &mut String) {
        out.push_str(&format!("<pre><code>{}</code></pre>", hoclieu::text::escape(text)));
    }
    fn quiz(&self, n: usize, out: &mut String) {
        if let Some(q) = self.quizzes.get(n.wrapping_sub(1)).filter(|_| self.forms) {
            out.push_str(&form_html(q, n, "thcs/a#1", "../../"));
        }
    }
    fn callout(&self, name: &str, out: &mut String) {
        out.push_str(&format!("<aside class=\"callout-{name}\">"));
    }
    fn table(&self, n: usize, out: &mut String) {
        out.push_str(&format!("<div class=\"table-wrap\" aria-label=\"{n}\">"));
    }
    fn unreadable(&self, error: std::io::Error) {
        panic!("bodies are never spilled here: {error}");
    }
}

/// What one page shows of a body: its HTML, its teacher and parents blocks, and the pass's diagnostics.
struct Shown {
    html: String,
    teacher: Vec<String>,
    parents: Vec<String>,
    errors: Vec<hoclieu::diagnostics::Diagnostic>,
}

/// Passes over `body` as a lesson's Markdown (as written, and picture-first), and shows it as each page a
/// build makes shows it: the lesson's own page (quiz forms) and its level's parents' page (another depth,
/// prefixed ids).
fn render_all_ways(body: &str) -> Vec<Shown> {
    let text = format!("---\ntitle: A\n---\n{body}");
    let file = SourceFile::new(Path::new("/s"), Path::new("/s/content/thcs/a.md"), text);
    let idx = link_index();
    let mut out = Vec::new();
    // As written, and picture-first (a lesson for young children): the pass moves pictures there.
    for picture_first in [false, true] {
        let index = &idx;
        let r = markdown::analyse(&Ctx {
            file: &file,
            body: 16..file.text.len(),
            index,
            trusted_html: false,
            picture_first,
        });
        for (root, prefix, forms) in [("../../", "", true), ("../", "a-", false)] {
            let fill = PageFill { quizzes: &r.quizzes, forms };
            let view = View { root, id_prefix: prefix, fill: &fill };
            out.push(Shown {
                html: r.body.main.to_html(&view),
                teacher: r.body.teacher.iter().map(|m| m.to_html(&view)).collect(),
                parents: r.body.parents.iter().map(|m| m.to_html(&view)).collect(),
                errors: r.errors.clone(),
            });
        }
    }
    out
}

/// Active content in `html` that the renderer did not put there itself.
fn active(html: &str) -> Vec<String> {
    let mut bad = Vec::new();
    for t in common::tags(html) {
        let ours = t.name == "script" && t.get("type") == Some("application/json");
        if matches!(
            t.name.as_str(),
            "script" | "iframe" | "object" | "embed" | "base" | "meta" | "style" | "svg" | "math"
        ) && !ours
        {
            bad.push(format!("<{}>", t.name));
        }
        for (k, v) in &t.attrs {
            let v: String = v.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control()).collect();
            let v = v.to_ascii_lowercase();
            if k.starts_with("on")
                || (matches!(k.as_str(), "href" | "src" | "action" | "formaction")
                    && ["javascript:", "vbscript:", "data:"].iter().any(|s| v.starts_with(s)))
            {
                bad.push(format!("<{} {k}={v:?}>", t.name));
            }
        }
    }
    bad
}

/// Leaves out `%` until the core's percent-decoder no longer panics on `%a` before a multi-byte
/// letter (`links_with_percent_escapes_never_panic`, ignored meanwhile, covers it): otherwise every
/// property here would keep finding that one known crash. Remove with the fix.
fn check_rendered(body: &str) -> Result<(), TestCaseError> {
    check_rendered_as_is(body)
}

fn check_rendered_as_is(body: &str) -> Result<(), TestCaseError> {
    for r in render_all_ways(body) {
        for html in std::iter::once(&r.html).chain(&r.teacher).chain(&r.parents) {
            let bad = active(html);
            prop_assert!(bad.is_empty(), "active content {bad:?} in {html:?}");
            // The sanitiser's marks never reach a page (unless the author typed them as text).
            let leaked = html.contains(MARKS) && !body.contains(MARKS);
            prop_assert!(!leaked, "marks left in {:?}", html);
        }
        for d in &r.errors {
            prop_assert!(d.line >= 1, "a diagnostic without a line: {d:?}");
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(CASES))]

    /// The whole Markdown pipeline (divs, headings, links, images, raw HTML, quizzes, the parents'
    /// view): no panic, no active content, every problem located.
    #[test]
    fn markdown_never_panics_nor_publishes_active_content(body in text_from(MARKDOWN, 60)) {
        check_rendered(&body)?;
    }

    /// Fenced divs, nested and broken, with raw HTML between them.
    #[test]
    fn fenced_divs_never_panic(parts in proptest::collection::vec(prop_oneof![
        Just("::: teacher\n"), Just("::: parents\n"), Just("::: note\n"), Just("::: bogus\n"), Just(":::\n"), Just("::::\n"),
        Just("text\n"), Just("\n"), Just("<div>\n"), Just("</div>\n"), Just("<script>x</script>\n"), Just("```\n"), Just("> "),
        Just("- "), Just("    "), Just("## h\n"), Just("[a](a.md)\n"),
    ], 0..40)) {
        check_rendered(&parts.concat())?;
    }

    /// Quiz blocks: any YAML, valid or not; a valid quiz's form keeps its JSON island closed.
    #[test]
    fn quiz_blocks_never_panic(yaml in text_from(YAML, 80)) {
        let text = format!("```quiz\n{yaml}\n```\n");
        let file = SourceFile::new(Path::new("/s"), Path::new("/s/content/a.md"), text.clone());
        let mut errors = Vec::new();
        if let Some(q) = quiz::parse(&file, &yaml, 8, &mut errors) {
            let html = form_html(&q, 1, "a#1", "../");
            let island = html.split("class=\"quiz-data\">").nth(1).and_then(|s| s.split("</script>").next()).unwrap_or("");
            prop_assert!(!island.contains('<'), "`<` in the JSON island: {island}");
            prop_assert!(html.ends_with("</script></section>"));
        }
        check_rendered(&text)?;
    }

    /// Link destinations of every shape, without `%` (see the ignored test below).
    #[test]
    fn links_never_panic(dest in text_from(&["a", ".md", "/", "../", "#", "?", ":", "é", "ệ", "thcs", "b.md", "javascript:", "data:", "//", "\\", " ", "<", ">", "(", ")"], 12)) {
        check_rendered(&format!("[x]({dest}) ![y]({dest}) [z][r]\n\n[r]: {dest}\n"))?;
    }

    /// Links with `%` escapes before multi-byte letters: the lenient percent-decoder sliced inside a
    /// character (`[xem](%aé.md)` panicked). Ignored until the core's decoder is replaced.
    #[test]
    fn links_with_percent_escapes_never_panic(dest in text_from(&["%", "%a", "%2", "%41", "é", "ệ", "a", ".md", "/"], 10)) {
        check_rendered_as_is(&format!("[x]({dest})\n"))?;
    }

    /// The sanitiser alone, on arbitrary raw HTML between our own markup.
    #[test]
    fn sanitiser_output_is_inert(pieces in proptest::collection::vec((text_from(MARKDOWN, 8), any::<bool>()), 0..12)) {
        let mut html = String::new();
        for (p, raw) in &pieces {
            if *raw {
                html.push('\u{FDD0}');
                html.push_str(&p.replace(MARKS, ""));
                html.push('\u{FDD1}');
            } else {
                // Our own markup is never active (the renderer escapes text).
                html.push_str(&hoclieu::text::escape(p));
            }
        }
        let out = hoclieu::sanitize::finish(html);
        let bad = active(&out);
        prop_assert!(bad.is_empty(), "active content {bad:?} in {out:?}");
    }
}

proptest! {
    #![proptest_config(config(CASES / 25))]

    /// Whole sites through `check`, in-process: a lesson with generated front matter and body.
    #[test]
    fn check_never_panics_on_a_generated_lesson(fm in text_from(FRONT_MATTER, 30), body in text_from(MARKDOWN, 30)) {
        let site = common::Site::new();
        site.write("content/thcs/thu.md", &format!("---\n{fm}\n---\n{}", (&body)));
        let diags = Diagnostics::new();
        let opts = hoclieu::build::BuildOptions {
            root: site.root().to_path_buf(),
            out: std::path::PathBuf::new(),
            drafts: false,
            progress: false,
            write: false,
            audience: Default::default(),
        };
        let _ = hoclieu::build::build(&opts, &diags);
        for d in diags.sorted() {
            prop_assert!(d.file.is_empty() || d.line > 0 || d.span.is_none(), "{d:?}");
        }
    }
}
