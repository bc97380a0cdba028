//! Markdown → HTML for one page, in a single pulldown-cmark pass over its events:
//! heading ids, fenced divs (callouts, audience blocks), GitHub alerts, link and image
//! rewriting with validation records, code highlighting and quizzes.
//!
//! The same function serves the load-time pass (it collects headings, links and quizzes so the
//! model can validate the whole site) and rendering. One code path means the anchors validated are
//! the anchors rendered. A lesson's load-time pass also makes its page's HTML, so a build parses a
//! lesson once (see [`Ctx::parents_page`] and `content::analyse`); other pages are parsed again when
//! they are rendered.

pub mod divs;
pub mod highlight;
pub mod highlight_cache;
mod line_memo;
pub mod links;

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::diagnostics::{Diagnostic, SourceFile};
use crate::quiz::{self, Quiz, Words};
use crate::text::slugify;
use highlight::escape;
pub use links::{LinkIndex, Ref};

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Which code blocks to highlight (syntect is the costliest step of rendering).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Highlight {
    /// None: load-time analysis, whose HTML is thrown away.
    None,
    All,
    /// Only inside `teacher`/`parents` blocks: for pages that gather those blocks and nothing else.
    BlocksOnly,
}

/// What to do with ```quiz blocks.
pub enum Quizzes<'a> {
    /// Parse and validate them (load time).
    Parse,
    /// Parse and validate them, and render each as it is read (a lesson's load-time pass).
    ParseAndRender,
    /// Render these, already validated, in order (render time).
    Render(&'a [Quiz]),
}

pub struct Ctx<'a> {
    pub file: &'a SourceFile,
    pub body: Range<usize>,
    /// Root-relative URL of the page being rendered, e.g. `thcs/mat-khau/index.html`.
    pub page_url: &'a str,
    pub index: &'a LinkIndex,
    pub highlight: Highlight,
    pub quizzes: Quizzes<'a>,
    pub words: &'a Words<'a>,
    /// Prefix of localStorage keys for this page's quizzes, e.g. `thcs/mat-khau`.
    pub quiz_key: &'a str,
    /// Prefixed to heading ids when several pages' bodies share one HTML page (session pages, booklet).
    pub id_prefix: &'a str,
    /// Code highlighted by earlier builds (see [`highlight_cache`]).
    pub highlights: Option<&'a highlight_cache::HighlightCache>,
    /// Also make the `parents` blocks as another page shows them: (that page's URL, the id prefix of
    /// this page's headings there). [`Rendered::parents`] then holds them as that page shows them
    /// (links relative to it, prefixed ids, no quiz forms), while `html` is this page's own. This is
    /// how a lesson's one pass serves both its page and its level's parents' page.
    pub parents_page: Option<(&'a str, &'a str)>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// Text of one part of a page (the part before the first heading has no id), for search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    pub id: Option<String>,
    pub heading: String,
    pub text: String,
    /// The length of `text` before a build cut it to what the search index reads
    /// (`search::trim_sections`); `None` while it is whole.
    pub cut_from: Option<usize>,
}

impl Section {
    /// The length of the whole text, also once it has been cut: the index shares its budget by it.
    pub fn full_len(&self) -> usize {
        self.cut_from.unwrap_or(self.text.len())
    }
}

#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub refs: Vec<Ref>,
    pub quizzes: Vec<Quiz>,
    /// HTML of each `::: teacher` block (left out of `html`).
    pub teacher: Vec<String>,
    /// HTML of each `::: parents` block (also kept in `html`); with [`Ctx::parents_page`], as that
    /// page shows them.
    pub parents: Vec<String>,
    pub sections: Vec<Section>,
    pub errors: Vec<Diagnostic>,
}

struct Frame<'e> {
    name: String,
    /// Where this block's events start in the buffer they go to.
    start: usize,
    /// Teacher blocks collect into their own buffer.
    capture: Option<Buffer<'e>>,
}

/// Events, and where the `parents` blocks among them differ on [`Ctx::parents_page`]: the event to
/// use there instead, by position.
#[derive(Default)]
struct Buffer<'e> {
    events: Vec<Event<'e>>,
    elsewhere: BTreeMap<usize, Event<'e>>,
}

pub fn render(ctx: &Ctx) -> Rendered {
    let file = ctx.file;
    let body_text = &file.text[ctx.body.clone()];
    let (pre, div_errors) = divs::preprocess(body_text, ctx.body.start);
    let mut out = Rendered::default();
    for e in div_errors {
        out.errors.push(Diagnostic::error("E030", e.message).at(file, e.span).hint(e.hint));
    }
    let base = ctx.body.start;
    let orig = |r: &Range<usize>| base + pre.map.to_original(r.start)..base + pre.map.to_original(r.end);

    // Events borrow the page's text: copying every text node was a large share of rendering time.
    let mut main = Buffer { events: Vec::with_capacity(256), elsewhere: BTreeMap::new() };
    // The parents' page's view of a link or image in a `parents` block (its errors are the same).
    let elsewhere_ctx = ctx.parents_page.map(|(url, _)| Ctx {
        page_url: url,
        quizzes: Quizzes::Parse,
        body: ctx.body.clone(),
        parents_page: None,
        ..*ctx
    });
    let mut stack: Vec<Frame> = Vec::new();
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut heading: Option<(usize, u8, Option<String>, String)> = None;
    let mut image: Option<(usize, String, Range<usize>)> = None;
    let mut code: Option<(String, String, Option<usize>, Range<usize>)> = None;
    let mut quiz_n = 0;
    let mut tables = 0;
    let mut section = Section::default();
    // Raw HTML is marked here and cleaned once the document is whole (see `sanitize::html`).
    let mut raw = crate::sanitize::RawHtml::new(file);

    for (event, range) in Parser::new_ext(&pre.text, options()).into_offset_iter() {
        let in_teacher = stack.iter().any(|f| f.capture.is_some());
        let in_parents = elsewhere_ctx.is_some() && stack.iter().any(|f| f.name == "parents");
        // Code blocks and quizzes: gather the text, then emit one HTML event.
        if let Some((_, text, first, _)) = code.as_mut() {
            match event {
                Event::Text(t) => {
                    first.get_or_insert(range.start);
                    text.push_str(&t);
                    continue;
                }
                Event::End(TagEnd::CodeBlock) => {
                    let (lang, text, first, span) = code.take().unwrap_or_default();
                    let html = if lang == "quiz" {
                        quiz_n += 1;
                        let start = first.map_or(span.start, |f| base + pre.map.to_original(f));
                        if in_parents {
                            // The parents' page shows no quiz form (as the load-time pass made it).
                            instead_of_next(&mut main, &mut stack, Event::Html("".into()));
                        }
                        quiz_block(ctx, &mut out, quiz_n, &text, start, &span)
                    } else {
                        if !in_teacher {
                            section.text.push_str(&text);
                            section.text.push(' ');
                        }
                        let in_block = stack.iter().any(|f| f.name == "teacher" || f.name == "parents");
                        if ctx.highlight == Highlight::All || (ctx.highlight == Highlight::BlocksOnly && in_block) {
                            highlight::code_block(&lang, &text, ctx.highlights)
                        } else {
                            String::new()
                        }
                    };
                    push(&mut main, &mut stack, Event::Html(html.into()));
                    continue;
                }
                _ => continue,
            }
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new(), None, orig(&range)));
            }
            Event::Html(ref h) if divs::parse_marker(h).is_some() => {
                let Some((open, n)) = divs::parse_marker(h) else { continue };
                let name = pre.divs.get(n).map_or("note", |d| d.name.as_str()).to_string();
                if open {
                    let capture = (name == "teacher").then(Buffer::default);
                    let start = current_len(&main, &stack);
                    if name != "teacher" {
                        push(&mut main, &mut stack, Event::Html(open_html(&name, ctx.words).into()));
                    }
                    stack.push(Frame { name, start, capture });
                } else if let Some(frame) = stack.pop() {
                    match frame.capture {
                        Some(buffer) => {
                            let mut html = String::new();
                            pulldown_cmark::html::push_html(&mut html, buffer.events.into_iter());
                            out.teacher.push(crate::sanitize::finish(html));
                        }
                        None => {
                            push(&mut main, &mut stack, Event::Html("</aside>".into()));
                            if frame.name == "parents" {
                                let buf = current(&main, &stack);
                                let events = buf.events[frame.start..]
                                    .iter()
                                    .enumerate()
                                    .map(|(i, e)| buf.elsewhere.get(&(frame.start + i)).unwrap_or(e).clone());
                                let mut html = String::new();
                                pulldown_cmark::html::push_html(&mut html, events);
                                out.parents.push(crate::sanitize::finish(html));
                            }
                        }
                    }
                }
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                push(&mut main, &mut stack, Event::Html(open_html(alert_name(kind), ctx.words).into()));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => push(&mut main, &mut stack, Event::Html("</aside>".into())),
            // Wide tables scroll inside a focusable region, never the page (320 px screens).
            Event::Start(Tag::Table(align)) => {
                // Numbered: several regions with one name fail axe's landmark-unique rule.
                tables += 1;
                let label = escape(&(ctx.words.get)("table").replace("{n}", &tables.to_string()));
                push(
                    &mut main,
                    &mut stack,
                    Event::Html(
                        format!("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{label}\">")
                            .into(),
                    ),
                );
                push(&mut main, &mut stack, Event::Start(Tag::Table(align)));
            }
            Event::End(TagEnd::Table) => {
                push(&mut main, &mut stack, Event::End(TagEnd::Table));
                push(&mut main, &mut stack, Event::Html("</div>".into()));
            }
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let idx = current_len(&main, &stack);
                heading = Some((idx, level as u8, id.map(|s| s.to_string()), String::new()));
                let attrs = raw.heading_attrs(attrs, orig(&range));
                push(&mut main, &mut stack, Event::Start(Tag::Heading { level, id: None, classes, attrs }));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((idx, lvl, custom, title)) = heading.take() {
                    let id = unique_id(&mut ids, custom.unwrap_or_else(|| slugify(&title)));
                    let id = if ctx.id_prefix.is_empty() { id } else { format!("{}{id}", ctx.id_prefix) };
                    let buf = current_mut(&mut main, &mut stack);
                    if let Some(Event::Start(Tag::Heading { id: slot, .. })) = buf.events.get_mut(idx) {
                        *slot = Some(CowStr::Boxed(id.clone().into_boxed_str()));
                    }
                    if let (true, Some((_, prefix))) = (in_parents, ctx.parents_page) {
                        if let Some(Event::Start(Tag::Heading { level, classes, attrs, .. })) = buf.events.get(idx) {
                            let there = CowStr::Boxed(format!("{prefix}{id}").into_boxed_str());
                            let (level, classes, attrs) = (*level, classes.clone(), attrs.clone());
                            let heading = Event::Start(Tag::Heading { level, id: Some(there), classes, attrs });
                            buf.elsewhere.insert(idx, heading);
                        }
                    }
                    if !in_teacher {
                        out.sections.push(std::mem::take(&mut section));
                        section.id = Some(id.clone());
                        section.heading = title.clone();
                        out.headings.push(Heading { level: lvl, id, title });
                    }
                }
                push(&mut main, &mut stack, Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest = links::resolve(ctx, &dest_url, orig(&range), &mut out);
                if let (true, Some(there)) = (in_parents, &elsewhere_ctx) {
                    let url = links::resolve(there, &dest_url, orig(&range), &mut Rendered::default()).into();
                    let link =
                        Event::Start(Tag::Link { link_type, dest_url: url, title: title.clone(), id: id.clone() });
                    instead_of_next(&mut main, &mut stack, link);
                }
                push(&mut main, &mut stack, Event::Start(Tag::Link { link_type, dest_url: dest.into(), title, id }));
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest = links::resolve(ctx, &dest_url, orig(&range), &mut out);
                let idx = current_len(&main, &stack);
                if let (true, Some(there)) = (in_parents, &elsewhere_ctx) {
                    let url = links::resolve(there, &dest_url, orig(&range), &mut Rendered::default()).into();
                    let image =
                        Event::Start(Tag::Image { link_type, dest_url: url, title: title.clone(), id: id.clone() });
                    instead_of_next(&mut main, &mut stack, image);
                }
                image = Some((idx, String::new(), orig(&range)));
                push(&mut main, &mut stack, Event::Start(Tag::Image { link_type, dest_url: dest.into(), title, id }));
            }
            Event::End(TagEnd::Image) => {
                if let Some((idx, alt, span)) = image.take() {
                    let buf = current_mut(&mut main, &mut stack);
                    // The parents' page's copy (if any) loses the word too.
                    if let Some(Event::Start(Tag::Image { title, .. })) = buf.elsewhere.get_mut(&idx) {
                        if title.trim().eq_ignore_ascii_case("decorative") {
                            *title = CowStr::Borrowed("");
                        }
                    }
                    if let Some(Event::Start(Tag::Image { title, .. })) = buf.events.get_mut(idx) {
                        if title.trim().eq_ignore_ascii_case("decorative") {
                            *title = CowStr::Borrowed("");
                        } else if alt.trim().is_empty() {
                            out.errors.push(
                                Diagnostic::error("E024", "this image has no alt text")
                                    .at(file, span)
                                    .hint("describe the image in the brackets: `![Bàn tay với năm ngón](x.svg)`; for a purely decorative image write `![](x.svg \"decorative\")`"),
                            );
                        }
                    }
                }
                push(&mut main, &mut stack, Event::End(TagEnd::Image));
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                if let Some((_, _, _, title)) = heading.as_mut() {
                    title.push_str(t);
                } else if !in_teacher {
                    section.text.push_str(t);
                }
                if let Some((_, alt, _)) = image.as_mut() {
                    alt.push_str(t);
                }
                push(&mut main, &mut stack, event);
            }
            Event::SoftBreak | Event::HardBreak => {
                if !in_teacher {
                    section.text.push(' ');
                }
                push(&mut main, &mut stack, event);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                if !in_teacher {
                    section.text.push(' ');
                }
                push(&mut main, &mut stack, event);
            }
            Event::Html(h) | Event::InlineHtml(h) => push(&mut main, &mut stack, raw.mark(h, orig(&range))),
            other => push(&mut main, &mut stack, other),
        }
    }
    out.sections.push(section);
    out.sections.retain(|s| s.id.is_some() || !s.text.trim().is_empty());
    let mut html = String::with_capacity(body_text.len() + body_text.len() / 2);
    pulldown_cmark::html::push_html(&mut html, main.events.into_iter());
    out.html = crate::sanitize::finish(html);
    out.errors.extend(raw.warnings());
    out
}

fn quiz_block(ctx: &Ctx, out: &mut Rendered, n: usize, text: &str, start: usize, span: &Range<usize>) -> String {
    let key = format!("{}#{n}", ctx.quiz_key);
    match &ctx.quizzes {
        Quizzes::Parse | Quizzes::ParseAndRender => {
            // The YAML must be the file's own text for positions to be right; a fence indented in
            // a list has its indentation stripped, so fall back to the fence's position then.
            let exact = ctx.file.text.get(start..start + text.len()) == Some(text);
            let base = if exact { start } else { span.start };
            let mut errors = Vec::new();
            let mut parsed = None;
            if let Some(mut q) = quiz::parse(ctx.file, text, base, &mut errors) {
                // Question images are checked and rewritten like Markdown images, once, here.
                let mut from = base;
                for question in &mut q.questions {
                    if let Some((src, _)) = question.image.as_mut() {
                        let at = ctx.file.text[from..].find("image:").map_or(base, |i| from + i);
                        from = at + 6;
                        let line_end = ctx.file.text[at..].find('\n').map_or(ctx.file.text.len(), |i| at + i);
                        // Stored root-relative: the quiz also appears on pages at other depths.
                        let at_root =
                            Ctx { page_url: "index.html", quizzes: Quizzes::Parse, body: ctx.body.clone(), ..*ctx };
                        *src = links::resolve(&at_root, src, at..line_end, out);
                    }
                }
                parsed = Some(out.quizzes.len());
                out.quizzes.push(q);
            } else if errors.is_empty() {
                errors.push(Diagnostic::error("Q001", "this quiz could not be read").at(ctx.file, span.clone()));
            }
            let html = match (&ctx.quizzes, parsed.and_then(|i| out.quizzes.get(i))) {
                (Quizzes::ParseAndRender, Some(q)) => {
                    quiz::form_html(q, n, &key, ctx.words, &links::root_prefix(ctx.page_url), true)
                }
                _ => String::new(),
            };
            out.errors.extend(errors);
            html
        }
        Quizzes::Render(quizzes) => match quizzes.get(n - 1) {
            Some(q) => quiz::form_html(q, n, &key, ctx.words, &links::root_prefix(ctx.page_url), true),
            None => String::new(),
        },
    }
}

fn alert_name(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "note",
        BlockQuoteKind::Tip => "tip",
        BlockQuoteKind::Important => "important",
        BlockQuoteKind::Warning => "warning",
        BlockQuoteKind::Caution => "caution",
    }
}

/// The opening of a callout or audience block: an icon plus a text label, never colour alone.
fn open_html(name: &str, words: &Words) -> String {
    let t = words.get;
    if name == "parents" {
        let label = escape(&t("parents_block"));
        return format!(
            "<aside class=\"audience audience-parents\" role=\"note\" aria-label=\"{label}\"><p class=\"audience-title\"><span class=\"callout-icon\" aria-hidden=\"true\">♥</span> {label}</p>"
        );
    }
    // Plain symbols, not emoji: school computers often lack an emoji font. The label carries the meaning.
    let icon = match name {
        "tip" => "★",
        "warning" | "caution" => "⚠",
        "important" => "!",
        _ => "ℹ",
    };
    format!(
        "<aside class=\"callout callout-{name}\" role=\"note\"><p class=\"callout-title\"><span class=\"callout-icon\" aria-hidden=\"true\">{icon}</span> {}</p>",
        escape(&t(&format!("callout_{name}")))
    )
}

fn unique_id(ids: &mut HashMap<String, usize>, id: String) -> String {
    let id = if id.is_empty() { "muc".to_string() } else { id };
    let n = ids.entry(id.clone()).or_insert(0);
    *n += 1;
    if *n == 1 {
        id
    } else {
        format!("{id}-{n}")
    }
}

fn push<'e>(main: &mut Buffer<'e>, stack: &mut [Frame<'e>], e: Event<'e>) {
    current_mut(main, stack).events.push(e);
}

/// `e` is what the parents' page shows instead of the next event pushed ([`Ctx::parents_page`]).
fn instead_of_next<'e>(main: &mut Buffer<'e>, stack: &mut [Frame<'e>], e: Event<'e>) {
    let buf = current_mut(main, stack);
    buf.elsewhere.insert(buf.events.len(), e);
}

/// The buffer events go to: the innermost teacher block's, or the page's.
fn current<'b, 'e>(main: &'b Buffer<'e>, stack: &'b [Frame<'e>]) -> &'b Buffer<'e> {
    stack.iter().rev().find_map(|f| f.capture.as_ref()).unwrap_or(main)
}

fn current_mut<'b, 'e>(main: &'b mut Buffer<'e>, stack: &'b mut [Frame<'e>]) -> &'b mut Buffer<'e> {
    match stack.iter_mut().rev().find_map(|f| f.capture.as_mut()) {
        Some(c) => c,
        None => main,
    }
}

fn current_len(main: &Buffer, stack: &[Frame]) -> usize {
    current(main, stack).events.len()
}

/// Inline Markdown (quiz questions, options, objectives) without the wrapping paragraph.
/// Raw HTML is shown as text: these strings end up inside form labels and JSON.
pub fn inline_html(s: &str) -> String {
    // Most quiz options and objectives are plain words: skip the parser for them. Plain means it starts
    // with a letter and has no character Markdown or HTML gives a meaning to (tested equal to the parser).
    if is_plain_text(s) {
        return s.trim_end().to_string();
    }
    inline_html_parsed(s)
}

fn is_plain_text(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_alphabetic)
        && !s.contains(['*', '_', '`', '[', ']', '<', '>', '&', '\\', '~', '!', '#', '|', '\n', '\r', '"'])
}

fn inline_html_parsed(s: &str) -> String {
    let events = Parser::new_ext(s, Options::ENABLE_STRIKETHROUGH).map(|e| match e {
        Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
        other => crate::sanitize::url::defuse(other),
    });
    let mut html = String::with_capacity(s.len() + 16);
    pulldown_cmark::html::push_html(&mut html, events);
    let trimmed = html.trim_end();
    match trimmed.strip_prefix("<p>").and_then(|h| h.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => trimmed.to_string(),
    }
}

#[cfg(test)]
mod tests;
