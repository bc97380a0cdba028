//! Raw HTML in Markdown, cleaned with ammonia and reported where it was written.
//!
//! pulldown-cmark hands raw HTML over in pieces: an HTML block line by line, inline HTML tag by
//! tag, with Markdown between (`<details>`, a paragraph, `</details>`). A piece cannot be cleaned
//! alone, so the renderer wraps each piece in marks ([`RawHtml::mark`]) and [`finish`] cleans the
//! whole rendered document at once:
//!
//! 1. every part *between* raw pieces is the renderer's own HTML (Markdown output, quiz forms with
//!    their JSON island, highlighted code, callouts): it is set aside and replaced by a placeholder;
//! 2. ammonia cleans what is left: the author's raw HTML, with the placeholders as text;
//! 3. the placeholders are replaced by the parts set aside.
//!
//! So only the author's HTML is cleaned, in its context, and only documents that have raw HTML
//! pay for it. The marks are Unicode noncharacters, stripped from the author's pieces, so an author
//! cannot forge them in raw HTML; a placeholder that ends up in an attribute value loses its marks
//! there (see the attribute filter) and is not restored.
//!
//! Warnings come from reading each raw piece with html5ever's tokenizer against the same allowlist
//! ([`RawHtml::warnings`]), so they carry the piece's position in the file.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer};
use pulldown_cmark::{CowStr, Event};

use crate::diagnostics::{msg, Diagnostic, SourceFile, Text};

/// Around an author's raw HTML piece in the rendered document.
const RAW_OPEN: char = '\u{FDD0}';
const RAW_CLOSE: char = '\u{FDD1}';
/// Around the number of a part set aside (a placeholder).
const KEEP_OPEN: char = '\u{FDD2}';
const KEEP_CLOSE: char = '\u{FDD3}';
const MARKS: [char; 4] = [RAW_OPEN, RAW_CLOSE, KEEP_OPEN, KEEP_CLOSE];

/// Tags kept besides ammonia's defaults (tables, lists, headings, `details`/`summary`, `kbd`,
/// `abbr`, `figure`, `img`, `a`, `mark`, `sub`/`sup`, …).
const EXTRA_TAGS: &[&str] = &["section", "tfoot", "picture"];

/// Removed together with everything inside them: code, styles, embedded documents, foreign markup.
pub const REMOVED_WITH_CONTENT: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "noscript",
    "template", "noembed", "noframes", "xmp", "title",
];

/// Attributes allowed on every kept tag (besides ammonia's `lang` and `title`).
const GENERIC_ATTRIBUTES: &[&str] = &["class", "id", "dir", "role", "hidden"];
const ATTRIBUTE_PREFIXES: &[&str] = &["aria-", "data-"];
/// Attributes allowed on one tag, besides ammonia's defaults (e.g. `img` `src`/`alt`, `a` `href`).
const EXTRA_TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("img", &["loading", "decoding"]),
    ("details", &["open"]),
    ("th", &["scope", "abbr", "headers"]),
    ("td", &["headers"]),
    ("time", &["datetime"]),
];

/// The sanitiser and the allowlist it was built with (read again by the warnings' scanner).
struct Policy {
    builder: ammonia::Builder<'static>,
    tags: HashSet<&'static str>,
    removed_with_content: HashSet<&'static str>,
    generic: HashSet<&'static str>,
    by_tag: HashMap<&'static str, HashSet<&'static str>>,
}

fn policy() -> &'static Policy {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    POLICY.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_tags(EXTRA_TAGS)
            .clean_content_tags(REMOVED_WITH_CONTENT.iter().copied().collect())
            .add_generic_attributes(GENERIC_ATTRIBUTES)
            .generic_attribute_prefixes(ATTRIBUTE_PREFIXES.iter().copied().collect())
            .url_schemes(super::url::ALLOWED_IN_HTML.iter().copied().collect())
            .url_relative(ammonia::UrlRelative::PassThrough)
            // The document's own links must come out as the renderer wrote them.
            .link_rel(None)
            .strip_comments(true)
            // A placeholder inside an attribute value is never restored (see the module doc).
            .attribute_filter(|_, _, value| {
                if value.contains(MARKS) {
                    Some(Cow::Owned(value.replace(MARKS, "")))
                } else {
                    Some(Cow::Borrowed(value))
                }
            });
        for (tag, attrs) in EXTRA_TAG_ATTRIBUTES {
            b.add_tag_attributes(tag, attrs.iter().copied());
        }
        Policy {
            tags: b.clone_tags(),
            removed_with_content: b.clone_clean_content_tags(),
            generic: b.clone_generic_attributes(),
            by_tag: b.clone_tag_attributes(),
            builder: b,
        }
    })
}

impl Policy {
    fn attribute_allowed(&self, tag: &str, attr: &str) -> bool {
        self.generic.contains(attr)
            || ATTRIBUTE_PREFIXES.iter().any(|p| attr.starts_with(p))
            || self.by_tag.get(tag).is_some_and(|a| a.contains(attr))
    }
}

/// Which attributes ammonia reads as URLs (its `is_url_attr`, for the tags it can keep).
fn is_url_attribute(tag: &str, attr: &str) -> bool {
    matches!(attr, "href" | "src" | "xlink:href") || (tag == "a" && attr == "ping")
}

/// The raw HTML pieces of one document, as the renderer meets them.
pub struct RawHtml<'f> {
    file: &'f SourceFile,
    trusted: bool,
    /// Each piece as written and its span in the file.
    pieces: Vec<(String, Range<usize>)>,
    /// Warnings about Markdown heading attributes.
    headings: Vec<Diagnostic>,
}

impl<'f> RawHtml<'f> {
    pub fn new(file: &'f SourceFile, trusted: bool) -> Self {
        RawHtml { file, trusted, pieces: Vec::new(), headings: Vec::new() }
    }

    /// The event to render for a raw HTML piece (`Event::Html` or `Event::InlineHtml`) at `span`
    /// of the file: the piece wrapped in marks for [`finish`], or the piece itself when the site
    /// trusts raw HTML.
    pub fn mark<'e>(&mut self, html: CowStr<'e>, span: Range<usize>) -> Event<'e> {
        if self.trusted {
            return Event::Html(html);
        }
        let clean: Cow<str> =
            if html.contains(MARKS) { Cow::Owned(html.replace(MARKS, "\u{FFFD}")) } else { Cow::Borrowed(&html) };
        let mut s = String::with_capacity(clean.len() + 6);
        s.push(RAW_OPEN);
        s.push_str(&clean);
        s.push(RAW_CLOSE);
        self.pieces.push((html.to_string(), span));
        Event::Html(CowStr::Boxed(s.into_boxed_str()))
    }

    /// The attributes of a Markdown heading (`## Title {#id .class key=value}`) that the sanitiser
    /// would keep on an `h1`–`h6`: `{onclick=…}` is raw HTML by another name. Each one dropped is a
    /// warning at the heading (`span`).
    pub fn heading_attrs<'e>(
        &mut self,
        attrs: Vec<(CowStr<'e>, Option<CowStr<'e>>)>,
        span: Range<usize>,
    ) -> Vec<(CowStr<'e>, Option<CowStr<'e>>)> {
        if self.trusted {
            return attrs;
        }
        let p = policy();
        let (kept, dropped): (Vec<_>, Vec<_>) =
            attrs.into_iter().partition(|(k, _)| p.attribute_allowed("h2", &k.to_ascii_lowercase()));
        for (k, _) in dropped {
            let line = self.file.text.get(span.clone()).unwrap_or("");
            let at = line.find(k.as_ref()).map_or(span.start, |i| span.start + i);
            self.headings.push(
                Diagnostic::warning("W010", msg!("w010-heading-attribute", attribute = k.as_ref()))
                    .at(self.file, at..at + k.len())
                    .hint(msg!("w010-heading-attribute.hint")),
            );
        }
        kept
    }

    /// A warning (W010) for each thing the sanitiser removes from these pieces, at its position.
    pub fn warnings(&self) -> Vec<Diagnostic> {
        let mut out = self.headings.clone();
        let text = &self.file.text;
        let mut i = 0;
        while i < self.pieces.len() {
            // Pieces with only whitespace or blockquote marks between them are one stretch of HTML
            // (an HTML block comes line by line, and a tag may span lines).
            let mut j = i + 1;
            while j < self.pieces.len() {
                let (prev, next) = (&self.pieces[j - 1].1, &self.pieces[j].1);
                let between = text.get(prev.end..next.start);
                if !between.is_some_and(|b| b.chars().all(|c| c == '>' || c.is_whitespace())) {
                    break;
                }
                j += 1;
            }
            let group = &self.pieces[i..j];
            let mut joined = String::new();
            let mut starts = Vec::with_capacity(group.len());
            for (piece, span) in group {
                starts.push((joined.len(), span.start));
                joined.push_str(piece);
            }
            for f in scan(&joined) {
                let at = starts.iter().rev().find(|(o, _)| *o <= f.offset).map_or(0, |(o, s)| s + (f.offset - o));
                out.push(
                    Diagnostic::warning("W010", f.message)
                        .at(self.file, at..at + f.len)
                        .hint(msg!("w010-removed.hint")),
                );
            }
            i = j;
        }
        out
    }
}

/// Cleans the author's raw HTML in a rendered document (see the module doc). Documents without
/// marks (no raw HTML, or trusted HTML) are returned as they are.
pub fn finish(html: String) -> String {
    if !html.contains(RAW_OPEN) {
        return html;
    }
    let mut kept: Vec<&str> = Vec::new();
    let mut input = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while !rest.is_empty() {
        let (ours, after) = match rest.find(RAW_OPEN) {
            Some(i) => (&rest[..i], &rest[i + RAW_OPEN.len_utf8()..]),
            None => (rest, ""),
        };
        if ours.trim().is_empty() {
            input.push_str(ours);
        } else {
            input.push(KEEP_OPEN);
            input.push_str(&kept.len().to_string());
            input.push(KEEP_CLOSE);
            kept.push(ours);
        }
        let (raw, after) = match after.find(RAW_CLOSE) {
            Some(i) => (&after[..i], &after[i + RAW_CLOSE.len_utf8()..]),
            None => (after, ""),
        };
        input.push_str(raw);
        rest = after;
    }
    let cleaned = policy().builder.clean(&input).to_string();
    restore(&cleaned, &kept)
}

/// Puts the parts set aside back in place of their placeholders.
fn restore(cleaned: &str, kept: &[&str]) -> String {
    let mut out = String::with_capacity(cleaned.len() + kept.iter().map(|k| k.len()).sum::<usize>());
    let mut rest = cleaned;
    while let Some(i) = rest.find(KEEP_OPEN) {
        out.push_str(&rest[..i]);
        let after = &rest[i + KEEP_OPEN.len_utf8()..];
        let Some(j) = after.find(KEEP_CLOSE) else {
            rest = after;
            continue;
        };
        if let Some(part) = after[..j].parse::<usize>().ok().and_then(|n| kept.get(n)) {
            out.push_str(part);
        }
        rest = &after[j + KEEP_CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    out.retain(|c| c != RAW_OPEN && c != RAW_CLOSE);
    out
}

/// Something the sanitiser removes, found in a stretch of raw HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte offset in the stretch, and length of the text pointed at.
    pub offset: usize,
    pub len: usize,
    pub message: Text,
}

/// One start tag of raw HTML: its name and attributes (entities decoded), and where it ends.
#[derive(Debug, Clone)]
pub struct StartTag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    /// 1-based line (within the text read) on which the tag ends.
    pub line: u64,
}

/// Start tags (`Ok`) and end tags (`Err`, name and line) in document order.
type Tags = Vec<Result<StartTag, (String, u64)>>;

struct Sink(RefCell<Tags>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else { return TokenSinkResult::Continue };
        let name = tag.name.to_string();
        if tag.kind == TagKind::EndTag {
            self.0.borrow_mut().push(Err((name, line)));
            return TokenSinkResult::Continue;
        }
        let attrs = tag.attrs.iter().map(|a| (a.name.local.to_string(), a.value.to_string())).collect();
        // What the HTML tree builder would tell the tokenizer, so that a script's text is not read as tags.
        let next = match name.as_str() {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "iframe" | "xmp" | "noembed" | "noframes" | "noscript" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
            "plaintext" => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        };
        self.0.borrow_mut().push(Ok(StartTag { name, attrs, line }));
        next
    }
}

/// Every start and end tag of `html`, in order, as a browser's tokenizer reads them.
fn tokens(html: &str) -> Tags {
    let tokenizer = Tokenizer::new(Sink(RefCell::new(Vec::new())), Default::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.take()
}

/// The start tags of a piece of raw HTML (for the review of other-origin images and links).
pub fn start_tags(html: &str) -> Vec<StartTag> {
    tokens(html).into_iter().filter_map(Result::ok).collect()
}

/// What the sanitiser would remove from `html`, with positions.
pub fn scan(html: &str) -> Vec<Found> {
    let p = policy();
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    // Inside an element removed with its content: its name and nesting depth.
    let mut skipping: Option<(String, usize)> = None;
    // Tags come in order: each is looked for after the previous one (two `<a>` on one line).
    let mut cursor = 0;
    for token in tokens(html) {
        let tag = match token {
            Err((name, _)) => {
                if let Some((skip, depth)) = skipping.as_mut() {
                    if *skip == name {
                        *depth -= 1;
                        if *depth == 0 {
                            skipping = None;
                        }
                    }
                }
                continue;
            }
            Ok(tag) => tag,
        };
        let needle = format!("<{}", tag.name);
        let at = match lower.get(cursor..).and_then(|s| s.find(&needle)) {
            Some(i) => cursor + i,
            None => tag_start(&lower, &tag),
        };
        cursor = at + 1;
        if let Some((skip, depth)) = skipping.as_mut() {
            if *skip == tag.name {
                *depth += 1;
            }
            continue;
        }
        let name = &tag.name;
        if !p.tags.contains(name.as_str()) {
            let message = if p.removed_with_content.contains(name.as_str()) {
                if !is_void(name) && !html_self_closing(&lower, at) {
                    skipping = Some((name.clone(), 1));
                }
                msg!("w010-removed-with-content", tag = name)
            } else if is_void(name) {
                msg!("w010-removed-tag", tag = name)
            } else {
                msg!("w010-removed-tag-kept-text", tag = name)
            };
            found.push(Found { offset: at, len: name.len() + 1, message });
            continue;
        }
        for (attr, value) in &tag.attrs {
            let (offset, len) = match lower.get(at..).and_then(|s| s.find(attr.as_str())) {
                Some(i) => (at + i, attr.len()),
                None => (at, name.len() + 1),
            };
            if !p.attribute_allowed(name, attr) {
                found.push(Found {
                    offset,
                    len,
                    message: msg!("w010-removed-attribute", attribute = attr, tag = name),
                });
            } else if is_url_attribute(name, attr) && !super::url::allowed_in_html(value) {
                found.push(Found {
                    offset,
                    len,
                    message: msg!("w010-removed-address", attribute = attr, value = shorten(value), tag = name),
                });
            }
        }
    }
    found
}

/// Where the tag that ends on `tag.line` starts: the last `<name` up to the end of that line.
fn tag_start(lower: &str, tag: &StartTag) -> usize {
    let mut end = lower.len();
    let mut line = 1;
    for (i, c) in lower.char_indices() {
        if c == '\n' {
            if line == tag.line {
                end = i;
                break;
            }
            line += 1;
        }
    }
    lower[..end].rfind(&format!("<{}", tag.name)).unwrap_or(0)
}

fn html_self_closing(lower: &str, at: usize) -> bool {
    lower.get(at..).and_then(|s| s.find('>')).is_some_and(|i| lower[..at + i].ends_with('/'))
}

fn is_void(name: &str) -> bool {
    matches!(name, "embed" | "frame" | "img" | "br" | "hr" | "input" | "meta" | "link" | "base" | "param" | "source")
}

/// A value cut for a message: the first 60 characters.
fn shorten(s: &str) -> String {
    let s = s.trim();
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(doc: &[(&str, bool)]) -> String {
        // (text, is_raw): what a renderer would produce with marks.
        let mut s = String::new();
        for (t, raw) in doc {
            if *raw {
                s.push(RAW_OPEN);
                s.push_str(t);
                s.push(RAW_CLOSE);
            } else {
                s.push_str(t);
            }
        }
        finish(s)
    }

    #[test]
    fn documents_without_raw_html_are_untouched() {
        let html = "<p onclick=\"x\">our own markup <script type=\"application/json\">{}</script></p>".to_string();
        assert_eq!(finish(html.clone()), html);
    }

    #[test]
    fn removes_active_content_from_raw_html() {
        let out = clean(&[
            ("<script>alert(1)</script>\n", true),
            ("<img src=x onerror=alert(1) alt=\"a\">\n", true),
            ("<svg onload=alert(1)><circle/></svg>\n", true),
            ("<a href=\" JaVaScRiPt:alert(1)\">x</a>\n", true),
            ("<a href=\"&#106;avascript:alert(1)\">y</a>\n", true),
            ("<iframe src=\"https://evil.example\"></iframe>\n", true),
            ("<object data=\"x.swf\"></object><embed src=\"x.swf\">\n", true),
            ("<form action=\"https://evil.example\"><input name=p></form>\n", true),
            ("<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">\n", true),
            ("<style>body{display:none}</style><base href=\"https://evil.example/\">\n", true),
            ("<a href=\"data:text/html,hi\">d</a><a href=\"vbscript:x\">v</a>\n", true),
        ]);
        for bad in [
            "<script",
            "onerror",
            "onload",
            "<svg",
            "javascript",
            "<iframe",
            "<object",
            "<embed",
            "<form",
            "<meta",
            "<style",
            "<base",
            "data:",
            "vbscript",
            "evil",
        ] {
            assert!(!out.to_ascii_lowercase().contains(bad), "{bad} left in {out}");
        }
        assert!(out.contains("<img src=\"x\" alt=\"a\">"), "{out}");
    }

    #[test]
    fn keeps_what_lessons_use_and_our_own_markup() {
        let ours = "<section class=\"quiz\" data-quiz=\"1\"><form><input type=\"radio\"></form><script type=\"application/json\" class=\"quiz-data\">{\"a\":1}</script></section>";
        let out = clean(&[
            ("<details open>\n", true),
            ("<summary>Gợi ý</summary>\n", true),
            ("<p>Nhấn <kbd>Ctrl</kbd> + <kbd>C</kbd>, <abbr title=\"mật khẩu\">MK</abbr></p>", false),
            ("</details>\n", true),
            (ours, false),
            ("<figure><img src=\"../hinh/a.png\" alt=\"Ảnh\"><figcaption>Chú thích</figcaption></figure>\n", true),
            (
                "<table><thead><tr><th scope=\"col\">A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>\n",
                true,
            ),
            ("<a href=\"../bai/index.html#muc\">bài</a> <a href=\"https://example.org\">web</a>\n", true),
        ]);
        assert!(out.contains(ours), "{out}");
        for good in [
            "<details open=\"\">",
            "<summary>Gợi ý</summary>",
            "<kbd>Ctrl</kbd>",
            "<abbr title=\"mật khẩu\">MK</abbr>",
            "<img src=\"../hinh/a.png\" alt=\"Ảnh\">",
            "<figcaption>",
            "<th scope=\"col\">A</th>",
            "<a href=\"../bai/index.html#muc\">bài</a>",
            "<a href=\"https://example.org\">web</a>",
        ] {
            assert!(out.contains(good), "{good} missing in {out}");
        }
    }

    #[test]
    fn a_placeholder_swallowed_by_an_attribute_is_not_restored() {
        let out = clean(&[("<div title=\"", true), ("<script>ours()</script>", false), ("\">x</div>", true)]);
        assert!(!out.contains("<script"), "{out}");
    }

    #[test]
    fn forged_marks_in_raw_html_are_not_marks() {
        // A mark typed into raw HTML could otherwise end the raw piece early.
        let file = SourceFile::new(std::path::Path::new("/"), std::path::Path::new("/a.md"), "x");
        let mut raw = RawHtml { file: &file, trusted: false, pieces: Vec::new(), headings: Vec::new() };
        let e = raw.mark(CowStr::Borrowed("<b>\u{FDD1}<script>alert(1)</script>"), 0..1);
        let Event::Html(h) = e else { panic!() };
        let out = finish(h.to_string());
        assert!(!out.contains("<script"), "{out}");
    }

    #[test]
    fn scan_names_each_removal_where_it_is() {
        let html = "<p>ok</p>\n<IMG SRC=x\n  OnError=alert(1) alt=a>\n<script>document.write('<img onerror=x>')</script><a href=\"javascript:x\">";
        let found = scan(html);
        let msgs: Vec<String> = found.iter().map(|f| f.message.render(crate::diagnostics::Lang::En)).collect();
        assert_eq!(found.len(), 3, "{msgs:?}");
        assert!(msgs[0].contains("`onerror` of `<img>`"), "{msgs:?}");
        assert_eq!(&html[found[0].offset..found[0].offset + found[0].len].to_ascii_lowercase(), "onerror");
        assert!(msgs[1].contains("`<script>` and its content"), "{msgs:?}");
        assert_eq!(&html[found[1].offset..found[1].offset + 7], "<script");
        assert!(msgs[2].contains("javascript:x"), "{msgs:?}");
    }

    #[test]
    fn scan_points_at_the_right_one_of_two_tags_on_a_line() {
        let html = "<p><a href=\"a.html\">1</a> <a href=\"javascript:x\">2</a></p>";
        let found = scan(html);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].offset, html.find("href=\"javascript").unwrap());
    }

    #[test]
    fn scan_finds_nothing_in_allowed_html() {
        assert!(scan("<details><summary>x</summary><kbd>a</kbd><img src=\"a.png\" alt=\"b\"></details>").is_empty());
    }
}
