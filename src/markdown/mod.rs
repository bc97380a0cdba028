//! Markdown → [`Markup`] for one page, in a single pulldown-cmark pass over its events: heading ids,
//! fenced divs (callouts, audience blocks), GitHub alerts, link and image checks, quizzes, and the text
//! of each section for search.
//!
//! This is the load-time pass: it runs once per document, and what it finds (headings, links to check,
//! quizzes, search text, and the body as [`Markup`]) is kept in the model. Whatever depends on the page
//! that shows a body (relative URLs, id prefixes) or on the theme and the highlighter (quiz forms,
//! callout titles, highlighted code) is left as a hole for the renderer to fill (see [`markup`]). So
//! the loader never renders, and every page that shows a body shows the one that was validated.

pub mod divs;
pub mod highlight;
pub mod highlight_cache;
mod line_memo;
pub mod links;
pub mod markup;
pub mod spill;

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::diagnostics::{msg, Diagnostic, SourceFile};
use crate::quiz::{self, Quiz};
use crate::text::slugify;
pub use links::{Dest, LinkIndex, Ref};
pub use markup::{Fill, Hole, Markup, View};

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// The document a pass reads, and the site's files its links may name.
pub struct Ctx<'a> {
    pub file: &'a SourceFile,
    /// Where the Markdown body is in the file (after the front matter).
    pub body: Range<usize>,
    pub index: &'a LinkIndex,
    /// `trusted_html: true` in the configuration: raw HTML is published as written (see `sanitize`).
    pub trusted_html: bool,
    /// A lesson for young children (`content::picture_first`): each part's first picture comes before its
    /// text, in the page's order itself (see [`Pass::pictures_first`]).
    pub picture_first: bool,
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

/// A document's body, as every page that shows it needs it.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// The page's own body (without its `teacher` blocks; with its `parents` blocks).
    pub main: Markup,
    /// Each `::: teacher` block, for the teachers' pages.
    pub teacher: Vec<Markup>,
    /// Each `::: parents` block again, for the level's parents' page.
    pub parents: Vec<Markup>,
}

impl Body {
    /// Holds every part compressed, in `spill` if given ([`Markup::pack`]).
    pub fn pack(&mut self, spill: Option<&std::sync::Arc<spill::Spill>>) {
        self.main.pack(spill);
        self.teacher.iter_mut().chain(self.parents.iter_mut()).for_each(|m| m.pack(spill));
    }
}

#[derive(Debug, Default)]
pub struct Analysed {
    pub body: Body,
    pub headings: Vec<Heading>,
    pub refs: Vec<Ref>,
    pub quizzes: Vec<Quiz>,
    pub sections: Vec<Section>,
    pub errors: Vec<Diagnostic>,
    /// ```quiz blocks that had errors (and are not in `quizzes`).
    pub refused_quizzes: usize,
}

/// An open fenced div: its name, where its events start in the buffer they go to, and (teacher blocks)
/// the buffer its events collect in instead of the page's.
struct Frame<'e> {
    name: String,
    start: usize,
    capture: Option<Vec<Event<'e>>>,
}

/// The state of one pass over a document's events.
struct Pass<'c, 'e> {
    ctx: &'c Ctx<'c>,
    /// The author's raw HTML, marked as it is met and cleaned once each part is whole (`sanitize::html`).
    raw: crate::sanitize::RawHtml<'c>,
    out: Analysed,
    /// The page's events; a teacher block's go to its frame instead.
    main: Vec<Event<'e>>,
    stack: Vec<Frame<'e>>,
    holes: Vec<Hole>,
    ids: HashMap<String, usize>,
    /// The heading being read: its event's index, level, custom id and title so far.
    heading: Option<OpenHeading>,
    /// The image being read: its event's index, alt text so far and where it is in the source.
    image: Option<(usize, String, Range<usize>)>,
    /// Images of the site whose size is known: the number of their `src` hole and their size.
    sized: Vec<(usize, links::ImageSize)>,
    quiz_n: usize,
    tables: usize,
    section: Section,
    /// The level of the heading before, for the outline warnings (W021, W022); 1 before the first, as the
    /// page's title is its `h1`.
    outline: u8,
    /// Where the body's first `# h1` is, if it has one.
    first_h1: Option<Range<usize>>,
    /// How many Markdown tags (paragraphs, lists, quotes…) are open: 0 at the top level of the page.
    depth: usize,
    /// Picture-first: where each top-level part of the page begins in `main` (the start, and after each
    /// top-level heading), and the top-level pictures (a paragraph of only images, or an HTML block that
    /// is a `<figure>` or an `<img>`) as ranges of `main`'s events.
    parts: Vec<usize>,
    pictures: Vec<Range<usize>>,
    /// The top-level block being read that is a picture so far: its first event in `main`.
    picture: Option<usize>,
}

struct OpenHeading {
    event: usize,
    level: u8,
    custom: Option<String>,
    title: String,
}

/// A code block being read: its language, text, where its text starts and where it is in the source.
#[derive(Default)]
struct OpenCode {
    lang: String,
    text: String,
    first: Option<usize>,
    span: Range<usize>,
}

/// The `title:` line of a front matter: the page's main heading (h1), which every page template prints
/// above the text, so that a `#` heading in the text is a second one (W021).
fn title_line(front: &str) -> Option<Range<usize>> {
    let mut at = 0;
    for line in front.split_inclusive('\n') {
        if line.starts_with("title:") {
            return Some(at..at + line.trim_end().len());
        }
        at += line.len();
    }
    None
}

pub fn analyse(ctx: &Ctx) -> Analysed {
    let file = ctx.file;
    let body_text = file.text.get(ctx.body.clone()).unwrap_or_default();
    let (mut pre, div_errors) = divs::preprocess(body_text, ctx.body.start);
    let mut pass = Pass {
        ctx,
        raw: crate::sanitize::RawHtml::new(file, ctx.trusted_html),
        out: Analysed::default(),
        main: Vec::with_capacity(256),
        stack: Vec::new(),
        holes: Vec::new(),
        ids: HashMap::new(),
        heading: None,
        image: None,
        sized: Vec::new(),
        quiz_n: 0,
        tables: 0,
        section: Section::default(),
        outline: 1,
        first_h1: title_line(file.text.get(..ctx.body.start).unwrap_or_default()),
        depth: 0,
        parts: vec![0],
        pictures: Vec::new(),
        picture: None,
    };
    for e in div_errors {
        pass.out.errors.push(Diagnostic::error("E030", e.message).at(file, e.span).hint(e.hint));
    }
    if markup::clear_sentinels(&mut pre.text) {
        pass.out.errors.push(
            Diagnostic::warning("W020", msg!("w020-private-use")).in_file(file).hint(msg!("w020-private-use.hint")),
        );
    }
    let base = ctx.body.start;
    let orig = |r: &Range<usize>| base + pre.map.to_original(r.start)..base + pre.map.to_original(r.end);

    let mut code: Option<OpenCode> = None;
    for (event, range) in Parser::new_ext(&pre.text, options()).into_offset_iter() {
        // Code blocks and quizzes: gather the text, then emit one hole.
        if let Some(open) = code.as_mut() {
            match event {
                Event::Text(t) => {
                    open.first.get_or_insert(range.start);
                    open.text.push_str(&t);
                }
                Event::End(TagEnd::CodeBlock) => {
                    let OpenCode { lang, text, first, span } = code.take().unwrap_or_default();
                    if is_quiz_fence(&lang) {
                        let start = first.map_or(span.start, |f| base + pre.map.to_original(f));
                        pass.quiz(&text, start, &span);
                    } else {
                        if !pass.in_teacher() {
                            pass.section.text.push_str(&text);
                            pass.section.text.push(' ');
                        }
                        pass.hole(Hole::Code { lang: lang.into(), text: text.into() });
                    }
                }
                _ => {}
            }
            continue;
        }
        let top = pass.depth == 0 && pass.stack.is_empty();
        let picture_end = ctx.picture_first && pass.follow_picture(&event, top);
        let heading_end = matches!(event, Event::End(TagEnd::Heading(_)));
        match &event {
            // A code block's end is taken above, with its text.
            Event::Start(Tag::CodeBlock(_)) => {}
            Event::Start(_) => pass.depth += 1,
            Event::End(_) => pass.depth = pass.depth.saturating_sub(1),
            _ => {}
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some(OpenCode { lang, span: orig(&range), ..OpenCode::default() });
            }
            Event::Html(ref h) if divs::parse_marker(h).is_some() => {
                let Some((open, n)) = divs::parse_marker(h) else { continue };
                let name = pre.divs.get(n).map_or("note", |d| d.name.as_str()).to_string();
                if open {
                    pass.open_div(name);
                } else {
                    pass.close_div();
                }
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => pass.hole(Hole::Callout(alert_name(kind).into())),
            Event::End(TagEnd::BlockQuote(Some(_))) => pass.push(Event::Html("</aside>".into())),
            // Wide tables scroll inside a focusable region, never the page (320 px screens).
            Event::Start(Tag::Table(align)) => {
                // Numbered: several regions with one name fail axe's landmark-unique rule.
                pass.tables += 1;
                pass.hole(Hole::Table(pass.tables));
                pass.push(Event::Start(Tag::Table(align)));
            }
            Event::End(TagEnd::Table) => {
                pass.push(Event::End(TagEnd::Table));
                pass.push(Event::Html("</div>".into()));
            }
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let event = pass.len();
                pass.outline(level as u8, orig(&range));
                pass.heading = Some(OpenHeading {
                    event,
                    level: level as u8,
                    custom: id.map(|s| s.to_string()),
                    title: String::new(),
                });
                let attrs = pass.raw.heading_attrs(attrs, orig(&range));
                pass.push(Event::Start(Tag::Heading { level, id: None, classes, attrs }));
            }
            Event::End(TagEnd::Heading(level)) => {
                pass.close_heading();
                pass.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest = pass.resolve(Some(link_type), &dest_url, orig(&range));
                pass.push(Event::Start(Tag::Link { link_type, dest_url: dest, title, id }));
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest = pass.resolve(None, &dest_url, orig(&range));
                pass.image = Some((pass.len(), String::new(), orig(&range)));
                pass.push(Event::Start(Tag::Image { link_type, dest_url: dest, title, id }));
            }
            Event::End(TagEnd::Image) => {
                pass.close_image();
                pass.push(Event::End(TagEnd::Image));
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                if let Some(h) = pass.heading.as_mut() {
                    h.title.push_str(t);
                } else if !pass.in_teacher() {
                    pass.section.text.push_str(t);
                }
                if let Some((_, alt, _)) = pass.image.as_mut() {
                    alt.push_str(t);
                }
                pass.push(event);
            }
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                if !pass.in_teacher() {
                    pass.section.text.push(' ');
                }
                pass.push(event);
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                let marked = pass.raw.mark(h, orig(&range));
                pass.push(marked);
            }
            other => pass.push(other),
        }
        if picture_end {
            if let Some(start) = pass.picture.take() {
                pass.pictures.push(start..pass.main.len());
            }
        }
        if heading_end && pass.depth == 0 && pass.stack.is_empty() {
            pass.parts.push(pass.main.len());
        }
    }
    pass.finish(body_text.len())
}

impl<'c, 'e> Pass<'c, 'e> {
    fn in_teacher(&self) -> bool {
        self.stack.iter().any(|f| f.capture.is_some())
    }

    /// The buffer events go to: the innermost teacher block's, or the page's.
    fn current(&mut self) -> &mut Vec<Event<'e>> {
        match self.stack.iter_mut().rev().find_map(|f| f.capture.as_mut()) {
            Some(c) => c,
            None => &mut self.main,
        }
    }

    fn push(&mut self, e: Event<'e>) {
        self.current().push(e);
    }

    fn len(&mut self) -> usize {
        self.current().len()
    }

    /// The placeholder of a new hole, as a string for an event.
    fn new_hole(&mut self, hole: Hole) -> CowStr<'e> {
        self.holes.push(hole);
        CowStr::Boxed(markup::placeholder(self.holes.len() - 1).into_boxed_str())
    }

    /// A hole as an HTML event of its own.
    fn hole(&mut self, hole: Hole) {
        let html = self.new_hole(hole);
        self.push(Event::Html(html));
    }

    fn open_div(&mut self, name: String) {
        let capture = (name == "teacher").then(Vec::new);
        let start = self.len();
        if name != "teacher" {
            self.hole(Hole::Callout(name.clone().into()));
        }
        self.stack.push(Frame { name, start, capture });
    }

    fn close_div(&mut self) {
        let Some(frame) = self.stack.pop() else { return };
        match frame.capture {
            Some(events) => {
                let mut html = String::new();
                pulldown_cmark::html::push_html(&mut html, events.into_iter());
                let m = self.markup(html);
                self.out.body.teacher.push(m);
            }
            None => {
                self.push(Event::Html("</aside>".into()));
                if frame.name == "parents" {
                    let events = self.current().get(frame.start..).unwrap_or_default().to_vec();
                    let mut html = String::new();
                    pulldown_cmark::html::push_html(&mut html, events.into_iter());
                    let m = self.markup(html);
                    self.out.body.parents.push(m);
                }
            }
        }
    }

    /// Screen-reader users move through a page by its headings: a second `h1` or a skipped level (`##` then
    /// `####`) makes the outline say something the page does not mean. Advice only: the page is built.
    fn outline(&mut self, level: u8, span: Range<usize>) {
        let file = self.ctx.file;
        // The heading's first line is enough to point at.
        let line_end = file.text.get(span.clone()).and_then(|t| t.find('\n')).map_or(span.end, |i| span.start + i);
        let at = span.start..line_end;
        if level == 1 {
            match &self.first_h1 {
                Some(first) => {
                    let (line, _) = file.line_col(first.start);
                    self.out.errors.push(
                        Diagnostic::warning("W021", msg!("w021-second-h1"))
                            .at(file, at.clone())
                            .hint(msg!("w021-second-h1.hint", line = line)),
                    );
                }
                None => self.first_h1 = Some(at.clone()),
            }
        } else if level > self.outline + 1 {
            let (want, had) = (self.outline + 1, self.outline);
            self.out.errors.push(
                Diagnostic::warning("W022", msg!("w022-skipped-level", had = had, level = level))
                    .at(file, at)
                    .hint(msg!("w022-skipped-level.hint", hashes = "#".repeat(usize::from(want)), want = want)),
            );
        }
        self.outline = level;
    }

    fn close_heading(&mut self) {
        let Some(OpenHeading { event, level, custom, title }) = self.heading.take() else { return };
        let id = unique_id(&mut self.ids, custom.unwrap_or_else(|| slugify(&title)));
        let placeholder = self.new_hole(Hole::Id(escape_html(&id).into()));
        if let Some(Event::Start(Tag::Heading { id: slot, .. })) = self.current().get_mut(event) {
            *slot = Some(placeholder);
        }
        if !self.in_teacher() {
            self.out.sections.push(std::mem::take(&mut self.section));
            self.section.id = Some(id.clone());
            self.section.heading = title.clone();
            self.out.headings.push(Heading { level, id, title });
        }
    }

    fn close_image(&mut self) {
        let Some((event, alt, span)) = self.image.take() else { return };
        let file = self.ctx.file;
        let Some(Event::Start(Tag::Image { title, .. })) = self.current().get_mut(event) else { return };
        if title.trim().eq_ignore_ascii_case("decorative") {
            *title = CowStr::Borrowed("");
        } else if alt.trim().is_empty() {
            self.out
                .errors
                .push(Diagnostic::error("E024", msg!("e024-no-alt")).at(file, span).hint(msg!("e024-no-alt.hint")));
        }
    }

    /// A link's or image's destination in the event: a hole for a file of the site (each page makes it
    /// relative to itself), or the destination as written.
    fn resolve(&mut self, link: Option<LinkType>, dest: &CowStr<'e>, span: Range<usize>) -> CowStr<'e> {
        let resolved = match link {
            Some(link_type) => links::resolve_link(self.ctx, link_type, dest, span, &mut self.out),
            None => links::resolve(self.ctx, dest, span, &mut self.out),
        };
        match resolved {
            Dest::Site(url) => {
                let mut escaped = String::with_capacity(url.len());
                let _ = pulldown_cmark_escape::escape_href(&mut escaped, &url);
                let size = if link.is_none() { self.ctx.index.image_size(&url) } else { None };
                let placeholder = self.new_hole(Hole::Url(escaped.into()));
                if let Some(size) = size {
                    self.sized.push((self.holes.len() - 1, size));
                }
                placeholder
            }
            Dest::AsIs => dest.clone(),
            Dest::Refused => CowStr::Borrowed(""),
        }
    }

    /// Rendered HTML of a part of the page → [`Markup`]: the author's raw HTML cleaned, the images whose
    /// size is known given `width` and `height`, the placeholders cut out as holes.
    fn markup(&self, html: String) -> Markup {
        let mut html = crate::sanitize::finish(html);
        for (hole, size) in &self.sized {
            // pulldown-cmark writes `<img src="…" alt="…" />`, with the placeholder percent-encoded like
            // this; its closing character makes the prefix unique (a query or an anchor may follow it).
            let mut img = String::from("<img src=\"");
            let _ = pulldown_cmark_escape::escape_href(&mut img, &markup::placeholder(*hole));
            if let Some(src) = img.strip_prefix("<img ").filter(|_| html.contains(&img)) {
                let sized = format!("<img width=\"{}\" height=\"{}\" {src}", size.width, size.height);
                html = html.replace(&img, &sized);
            }
        }
        markup::from_placeholders(&html, &self.holes)
    }

    /// A ```quiz block: parsed and checked here; the renderer makes its form (`Hole::Quiz`).
    fn quiz(&mut self, text: &str, start: usize, span: &Range<usize>) {
        self.quiz_n += 1;
        let ctx = self.ctx;
        let file = ctx.file;
        // The YAML must be the file's own text for positions to be right; a fence indented in a list has
        // its indentation stripped, so fall back to the fence's position then.
        let exact = file.text.get(start..start + text.len()) == Some(text);
        let base = if exact { start } else { span.start };
        let mut errors = Vec::new();
        if let Some(mut q) = quiz::parse(file, text, base, &mut errors) {
            // Question images are checked and kept relative to the site root, like Markdown images: the
            // quiz also appears on pages at other depths.
            let mut from = base;
            for question in &mut q.questions {
                if let Some((src, _)) = question.image.as_mut() {
                    let at = file.text.get(from..).and_then(|t| t.find("image:")).map_or(base, |i| from + i);
                    from = at + 6;
                    let line_end = file.text.get(at..).and_then(|t| t.find('\n')).map_or(file.text.len(), |i| at + i);
                    match links::resolve(ctx, src, at..line_end, &mut self.out) {
                        Dest::Site(url) => *src = url,
                        Dest::Refused => src.clear(),
                        Dest::AsIs => {}
                    }
                }
            }
            self.out.quizzes.push(q);
        } else {
            self.out.refused_quizzes += 1;
            if errors.is_empty() {
                errors.push(Diagnostic::error("Q001", msg!("q001-unreadable")).at(file, span.clone()));
            }
        }
        self.out.errors.extend(errors);
        self.hole(Hole::Quiz(self.quiz_n));
    }

    /// Picture-first: follows the top-level block `event` belongs to, keeping it in `picture` while it
    /// can still be a picture. `true` when `event` ends one.
    fn follow_picture(&mut self, event: &Event, top: bool) -> bool {
        match event {
            Event::Start(Tag::Paragraph | Tag::HtmlBlock) if top => {
                self.picture = Some(self.main.len());
                return false;
            }
            Event::End(TagEnd::Paragraph | TagEnd::HtmlBlock) if self.depth == 1 && self.stack.is_empty() => {
                // A paragraph with at least one image; an HTML block that opens with a picture.
                let first = self.picture.and_then(|start| self.main.get(start.checked_add(1)?));
                let is_picture = matches!(first, Some(Event::Start(Tag::Image { .. })))
                    || matches!(first, Some(Event::Html(h)) if starts_with_picture(h));
                if !is_picture {
                    self.picture = None;
                }
                return is_picture;
            }
            _ => {}
        }
        if self.picture.is_none() {
            return false;
        }
        // Inside a picture paragraph only images, their alt text and the breaks between them.
        let in_image = self.image.is_some();
        let keeps = match event {
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => true,
            Event::Text(t) => in_image || t.trim().is_empty(),
            Event::Code(_) | Event::Start(_) | Event::End(_) => in_image,
            Event::SoftBreak | Event::HardBreak => true,
            Event::Html(_) => {
                let block = self.picture.and_then(|start| self.main.get(start));
                matches!(block, Some(Event::Start(Tag::HtmlBlock)))
            }
            _ => false,
        };
        if !keeps {
            self.picture = None;
        }
        false
    }

    /// Picture-first: in each top-level part of the page (before the first heading, and from each
    /// heading to the next), the first picture moves up to the part's beginning, right under its
    /// heading. It moves in the page itself, not only on screen, so that what a child sees first is also
    /// what a screen reader reads first and where the keyboard goes first.
    fn pictures_first(&mut self) {
        let mut pictures = self.pictures.iter().peekable();
        for (i, &start) in self.parts.iter().enumerate() {
            let end = self.parts.get(i + 1).copied().unwrap_or(self.main.len());
            while pictures.next_if(|p| p.start < start).is_some() {}
            let Some(picture) = pictures.next_if(|p| p.end <= end) else { continue };
            if let Some(events) = self.main.get_mut(start..picture.end) {
                events.rotate_right(picture.len());
            }
            while pictures.next_if(|p| p.end <= end).is_some() {}
        }
    }

    fn finish(mut self, len: usize) -> Analysed {
        let section = std::mem::take(&mut self.section);
        self.out.sections.push(section);
        self.out.sections.retain(|s| s.id.is_some() || !s.text.trim().is_empty());
        if self.ctx.picture_first {
            self.pictures_first();
        }
        let mut html = String::with_capacity(len + len / 2);
        pulldown_cmark::html::push_html(&mut html, std::mem::take(&mut self.main).into_iter());
        self.out.body.main = self.markup(html);
        self.out.errors.extend(self.raw.warnings());
        self.out
    }
}

/// The rule lives in `text`, below both this pass and `hoclieu new` (which looks for a lesson's quiz).
pub use crate::text::is_quiz_fence;

fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

/// An HTML block that begins with a `<figure>` or an `<img>` (after the sanitiser's mark, if any).
fn starts_with_picture(html: &str) -> bool {
    let text = html.trim_start_matches(|c: char| c.is_whitespace() || !c.is_ascii()).to_ascii_lowercase();
    text.starts_with("<figure") || text.starts_with("<img")
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
    // Every character that matters is ASCII, so the bytes are looked up in a table: searching for a set of
    // characters decodes each one and was over 1 % of a build (quiz forms show every option on three pages).
    const MEANINGFUL: [bool; 256] = {
        let mut table = [false; 256];
        let special = b"*_`[]<>&\\~!#|\n\r\"";
        let mut i = 0;
        while i < special.len() {
            table[special[i] as usize] = true;
            i += 1;
        }
        table
    };
    s.chars().next().is_some_and(char::is_alphabetic) && !s.bytes().any(|b| MEANINGFUL[usize::from(b)])
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
