//! Markdown as authors know it: every example of the CommonMark spec, rendered by hoclieu, must come
//! out as pulldown-cmark renders it with the same options, apart from what hoclieu adds on purpose
//! (heading ids, a scrolling wrapper around tables, highlighted code), which is normalised away.
//!
//! The examples come from the `commonmark-spec` package that tests/browser installs (its `spec.txt`),
//! or from the file `HOCLIEU_COMMONMARK_SPEC` names. Without it the test says so and passes, unless
//! `HOCLIEU_REQUIRE_COMMONMARK_SPEC` is set, as tests/browser/run.sh does in CI.

use std::path::{Path, PathBuf};

use hoclieu::diagnostics::SourceFile;
use hoclieu::markdown::{self, Ctx, Fill, LinkIndex, View};

struct Example {
    number: usize,
    section: String,
    markdown: String,
}

fn spec_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("HOCLIEU_COMMONMARK_SPEC") {
        return Some(PathBuf::from(p));
    }
    let installed = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/node_modules/commonmark-spec/spec.txt");
    installed.is_file().then_some(installed)
}

/// The examples of spec.txt: between a line of 32 backticks + ` example` and one of 32 backticks,
/// Markdown, a line `.`, then HTML; `→` stands for a tab.
fn examples(spec: &str) -> Vec<Example> {
    let fence = "`".repeat(32);
    let open = format!("{fence} example");
    let mut out = Vec::new();
    let mut section = String::new();
    let mut current: Option<(Vec<&str>, bool)> = None;
    for line in spec.lines() {
        if line.starts_with("<!-- END TESTS -->") {
            break;
        }
        match current.as_mut() {
            None if line == open => current = Some((Vec::new(), false)),
            None => {
                if let Some(h) = line.strip_prefix('#') {
                    section = h.trim_start_matches('#').trim().to_string();
                }
            }
            Some((md, in_html)) => {
                if line == fence {
                    let mut markdown = md.join("\n");
                    if !md.is_empty() {
                        markdown.push('\n');
                    }
                    out.push(Example {
                        number: out.len() + 1,
                        section: section.clone(),
                        markdown: markdown.replace('→', "\t"),
                    });
                    current = None;
                } else if !*in_html && line == "." {
                    *in_html = true;
                } else if !*in_html {
                    md.push(line);
                }
            }
        }
    }
    out
}

/// Fills the pass's holes as the renderer does for what the spec's examples hold (code, tables).
struct Renderer;

impl Fill for Renderer {
    fn code(&self, lang: &str, text: &str, out: &mut String) {
        markdown::highlight::write_code_block(out, lang, text, None);
    }
    fn quiz(&self, _: usize, _: &mut String) {}
    fn callout(&self, name: &str, out: &mut String) {
        out.push_str(&format!("<aside class=\"callout callout-{name}\">"));
    }
    fn table(&self, n: usize, out: &mut String) {
        out.push_str(&format!("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"[table] {n}\">"));
    }
    fn unreadable(&self, error: std::io::Error) {
        panic!("bodies are never spilled here: {error}");
    }
}

/// hoclieu's HTML for one example, and how many problems it reported.
fn hoclieu_html(markdown: &str, index: &LinkIndex) -> (String, Vec<String>) {
    let file = SourceFile::new(Path::new("/s"), Path::new("/s/content/a/b.md"), markdown.to_string());
    // Raw HTML as written: this test is about Markdown; the cleaning of raw HTML (tests/hostile.rs) changes
    // it on purpose (closing tags, decoding entities), which is not a difference of Markdown.
    let ctx = Ctx { file: &file, body: 0..file.text.len(), index, trusted_html: true, picture_first: false };
    let r = markdown::analyse(&ctx);
    let html = r.body.main.to_html(&View { root: "../../", id_prefix: "", fill: &Renderer });
    (html, r.errors.iter().map(|e| format!("{} {}", e.code, e.message)).collect())
}

fn pulldown_html(markdown: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(markdown, markdown::options()));
    html
}

/// Takes away what hoclieu adds on purpose, from either output.
fn normalise(html: &str) -> String {
    let html = strip_heading_ids(html);
    let html = strip_table_wraps(&html);
    // hoclieu writes a code block as one piece of HTML, so the line breaks pulldown-cmark puts around a
    // `<pre>` block are not there: compare without them.
    normalise_code(&html).replace("\n<pre>", "<pre>").replace("</pre>\n", "</pre>")
}

fn strip_heading_ids(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<h") {
        out.push_str(&rest[..i + 2]);
        rest = &rest[i + 2..];
        let level = rest.as_bytes().first().copied();
        if matches!(level, Some(b'1'..=b'6')) && rest.get(1..6) == Some(" id=\"") {
            out.push_str(&rest[..1]);
            let after = &rest[6..];
            rest = after.find('"').map_or(after, |j| &after[j + 1..]);
        }
    }
    out.push_str(rest);
    out
}

fn strip_table_wraps(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<div class=\"table-wrap\"") {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        rest = rest.find('>').map_or("", |j| &rest[j + 1..]);
        if let Some(end) = rest.find("</table>\n</div>") {
            out.push_str(&rest[..end + "</table>\n".len()]);
            rest = &rest[end + "</table>\n</div>".len()..];
        } else if let Some(end) = rest.find("</table></div>") {
            out.push_str(&rest[..end + "</table>".len()]);
            rest = &rest[end + "</table></div>".len()..];
        }
    }
    out.push_str(rest);
    out
}

/// `<pre class="code" data-lang="x" tabindex="0"><code>` with syntect's spans, and pulldown-cmark's
/// `<pre><code class="language-x">`, both become the latter with the code's text only; `"` and `'`,
/// which hoclieu escapes in code and pulldown-cmark does not, are compared unescaped.
fn normalise_code(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<pre") {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(code_at) = rest.find("<code") else { break };
        let open = &rest[..code_at];
        let after_code = &rest[code_at..];
        let Some(gt) = after_code.find('>') else { break };
        let code_tag = &after_code[..gt];
        let body_and_rest = &after_code[gt + 1..];
        let Some(end) = body_and_rest.find("</code></pre>") else { break };
        let lang = attr(open, "data-lang").or_else(|| attr(code_tag, "class").map(|c| c.replacen("language-", "", 1)));
        let text = strip_tags(&body_and_rest[..end]).replace("&quot;", "\"").replace("&#39;", "'");
        match lang {
            Some(l) if !l.is_empty() => out.push_str(&format!("<pre><code class=\"language-{l}\">{text}</code></pre>")),
            _ => out.push_str(&format!("<pre><code>{text}</code></pre>")),
        }
        rest = &body_and_rest[end + "</code></pre>".len()..];
    }
    out.push_str(rest);
    out
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    Some(tag[i..].split('"').next().unwrap_or("").to_string())
}

fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut inside = false;
    for c in s.chars() {
        match c {
            '<' => inside = true,
            '>' if inside => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

/// Examples whose HTML differs by design, with the reason.
const DIFFER_BY_DESIGN: &[(usize, &str)] = &[];

#[test]
fn every_commonmark_example_renders_as_pulldown_cmark_renders_it() {
    let Some(path) = spec_path() else {
        assert!(
            std::env::var_os("HOCLIEU_REQUIRE_COMMONMARK_SPEC").is_none(),
            "HOCLIEU_REQUIRE_COMMONMARK_SPEC is set but no spec.txt was found: run `npm ci` in tests/browser"
        );
        eprintln!(
            "SKIPPED: the CommonMark examples are not installed (tests/browser/node_modules/commonmark-spec/spec.txt); \
             `npm ci` in tests/browser installs them, or set HOCLIEU_COMMONMARK_SPEC to a spec.txt"
        );
        return;
    };
    let spec = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let examples = examples(&spec);
    assert!(examples.len() >= 600, "only {} examples read from {}", examples.len(), path.display());
    let index = LinkIndex::default();
    let mut differ = Vec::new();
    let mut with_problems = 0;
    for ex in &examples {
        // Rendering must never panic on any Markdown.
        let (ours, problems) = hoclieu_html(&ex.markdown, &index);
        if !problems.is_empty() {
            // Links to files that this empty test site does not have: refused by `check`, rendered as written.
            with_problems += 1;
        }
        let theirs = pulldown_html(&ex.markdown);
        if normalise(&ours) != normalise(&theirs) {
            differ.push((ex.number, ex.section.clone(), ex.markdown.clone(), ours, theirs));
        }
    }
    let expected: Vec<usize> = DIFFER_BY_DESIGN.iter().map(|(n, _)| *n).collect();
    let got: Vec<usize> = differ.iter().map(|d| d.0).collect();
    let report: String = differ
        .iter()
        .filter(|d| !expected.contains(&d.0))
        .map(|(n, section, md, ours, theirs)| {
            format!("\n--- example {n} ({section})\n{md}--- hoclieu\n{ours}--- pulldown-cmark\n{theirs}")
        })
        .collect();
    eprintln!(
        "{} CommonMark examples: {} render as pulldown-cmark renders them, {} differ by design; {} link to files \
         outside this test site (reported, rendered as written)",
        examples.len(),
        examples.len() - differ.len(),
        differ.len(),
        with_problems
    );
    assert_eq!(got, expected, "examples that render differently:{report}");
}

#[test]
fn the_examples_are_read_as_the_spec_writes_them() {
    let spec = format!(
        "# Tabs\n\n{f} example\n→foo\n.\n<pre><code>foo\n</code></pre>\n{f}\n\n## Next\n\n{f} example\n.\n{f}\n",
        f = "`".repeat(32)
    );
    let ex = examples(&spec);
    assert_eq!(ex.len(), 2);
    assert_eq!((ex[0].number, ex[0].section.as_str(), ex[0].markdown.as_str()), (1, "Tabs", "\tfoo\n"));
    assert_eq!((ex[1].section.as_str(), ex[1].markdown.as_str()), ("Next", ""));
}

#[test]
fn normalising_takes_away_only_what_hoclieu_adds() {
    assert_eq!(strip_heading_ids("<h2 id=\"a-b\">A</h2><hr />"), "<h2>A</h2><hr />");
    assert_eq!(
        strip_table_wraps("<div class=\"table-wrap\" tabindex=\"0\">\n<table><tr></tr></table>\n</div>\n<p>x</p>"),
        "\n<table><tr></tr></table>\n\n<p>x</p>"
    );
    assert_eq!(
        normalise_code("<pre class=\"code\" data-lang=\"rust\" tabindex=\"0\"><code><span class=\"hl-k\">fn</span> &quot;a&quot;</code></pre>"),
        "<pre><code class=\"language-rust\">fn \"a\"</code></pre>"
    );
    assert_eq!(normalise_code("<pre><code>&lt;a&gt;</code></pre>"), "<pre><code>&lt;a&gt;</code></pre>");
}
