//! The load-time Markdown pass over every page of a loaded tree: what validation needs of each page
//! (headings, links, quizzes, search text), kept in the model, then the anchor check across pages. A
//! build's lessons get their pages made in the same pass ([`EarlyLessons`]).

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::{parents_prefix, parents_url, Doc, Site};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{self, LinkIndex, Quizzes};
use crate::quiz::Words;

/// What a build does with each lesson as soon as the load-time pass has read it, while the rest of the
/// site is still being read (see [`super::load_with`]).
pub trait EarlyLessons: Sync {
    /// Called once the tree is known (levels, lessons in order, front matter) but before any page's
    /// Markdown is read, and only if nothing was wrong so far.
    fn start<'s>(&'s self, site: &'s Site) -> Box<dyn LessonSink + 's>;
}

/// Takes the lessons of one load, from the rendering threads.
pub trait LessonSink: Sync {
    /// Code highlighted by earlier builds, for the pass's own highlighting.
    fn highlights(&self) -> Option<&markdown::highlight_cache::HighlightCache>;
    /// Lesson `i` of level `li`, read without error, with what its pass made of it: `html` is its
    /// page's body, highlighted and with its quizzes, ready to render.
    fn lesson(&self, li: usize, i: usize, rendered: &mut markdown::Rendered);
    /// Let go of each lesson's text once its pass is done and nothing was wrong with it (one-shot
    /// builds; `serve` keeps every text for the next edit). A diagnostic that needs it later reads the
    /// file again ([`crate::diagnostics::SourceFile::reloaded`]).
    fn release_sources(&self) -> bool;
}

/// A lesson's place (level, lesson, and its number in the site), and the page that gathers its
/// `parents` blocks (URL, id prefix).
struct LessonAt {
    li: usize,
    i: usize,
    n: usize,
    gather: (String, String),
}

/// What became of a document's text in the load-time pass.
enum Kept {
    /// It never left the model.
    InModel,
    /// Taken out for the pass, and to be put back.
    Text(std::sync::Arc<str>),
    /// Let go of: the hash of what it was.
    Released(u64),
}

/// Runs the Markdown analysis over every document (in parallel), then checks anchors. With `early`
/// (and no error so far), a lesson's pass also makes its page's HTML and hands it over.
pub(super) fn analyse(site: &mut Site, words: &Words, diags: &Diagnostics, early: Option<&dyn EarlyLessons>) {
    let early = early.filter(|_| !diags.has_errors());
    // Lessons' texts, taken out of the model for the pass so that each can be let go of when its pass
    // is done: a site of 10,000 lessons holds 76 MB of them.
    let mut texts: Vec<std::sync::Mutex<Option<std::sync::Arc<str>>>> = Vec::new();
    if early.is_some() {
        for level in &mut site.levels {
            texts.extend(level.lessons.iter_mut().map(|l| Some(l.doc.file.take_text()).into()));
        }
    }
    let shown = diags.files_with_spans();
    let results: Vec<(markdown::Rendered, bool, Kept)> = {
        let site = &*site;
        let early = early.map(|e| e.start(site));
        // In the order of `Site::docs_mut`, which takes the results.
        let mut docs: Vec<(&Doc, Option<LessonAt>)> = vec![(&site.home.doc, None)];
        docs.extend(site.pages.iter().map(|p| (&p.doc, None)));
        let mut n = 0;
        for (li, level) in site.levels.iter().enumerate() {
            docs.push((&level.doc, None));
            let url = parents_url(&level.slug);
            docs.extend(level.lessons.iter().enumerate().map(|(i, l)| {
                n += 1;
                (&l.doc, Some(LessonAt { li, i, n: n - 1, gather: (url.clone(), parents_prefix(&l.slug)) }))
            }));
            docs.extend(level.sessions.iter().map(|l| (&l.doc, None)));
            docs.extend(level.materials.iter().map(|l| (&l.doc, None)));
        }
        docs.par_iter()
            .map(|(doc, lesson)| match (lesson, &early) {
                (Some(at), Some(early)) => {
                    let (url, prefix) = (&at.gather.0, &at.gather.1);
                    let key = doc.url.trim_end_matches("index.html").trim_end_matches('/');
                    let text = texts[at.n].lock().unwrap_or_else(|e| e.into_inner()).take().unwrap_or_default();
                    let file = doc.file.with_text(text);
                    let ctx = markdown::Ctx {
                        file: &file,
                        body: doc.body.clone(),
                        page_url: &doc.url,
                        index: &site.index,
                        highlight: markdown::Highlight::All,
                        quizzes: Quizzes::ParseAndRender,
                        words,
                        quiz_key: key,
                        id_prefix: "",
                        highlights: early.highlights(),
                        parents_page: Some((url, prefix)),
                    };
                    let mut r = markdown::render(&ctx);
                    if r.errors.iter().any(|d| d.severity == crate::diagnostics::Severity::Error) {
                        return (r, true, Kept::Text(file.text));
                    }
                    early.lesson(at.li, at.i, &mut r);
                    // A text that a diagnostic points into stays, for the report.
                    if !early.release_sources() || !r.errors.is_empty() || shown.contains(&file.rel) {
                        return (r, true, Kept::Text(file.text));
                    }
                    diags.forget(&file.rel);
                    (r, true, Kept::Released(xxhash_rust::xxh3::xxh3_64(file.text.as_bytes())))
                }
                (lesson, _) => {
                    let gather = lesson.as_ref().map(|at| (at.gather.0.as_str(), at.gather.1.as_str()));
                    (load_time_pass(doc, &site.index, words, gather), gather.is_some(), Kept::InModel)
                }
            })
            .collect()
    };
    for (doc, (r, gathered, kept)) in site.docs_mut().zip(results) {
        match kept {
            Kept::InModel => {}
            Kept::Text(text) => doc.file.text = text,
            Kept::Released(hash) => doc.file.released_as(hash),
        }
        keep_analysis(doc, r, gathered, diags);
    }
    let site = &*site;
    check_refs(site.docs(), |_| true, diags);
}

/// The load-time Markdown pass over one page: headings, quizzes, links (see `markdown::render`).
/// With `gather` (page URL, id prefix), its HTML is made for that page, and the `parents` blocks of it
/// are kept in [`Doc::parents_html`]; the rest of the HTML is thrown away.
pub fn analyse_doc(doc: &mut Doc, index: &LinkIndex, words: &Words, gather: Option<(&str, &str)>, diags: &Diagnostics) {
    let r = load_time_pass(doc, index, words, gather);
    keep_analysis(doc, r, gather.is_some(), diags);
}

/// The pass of [`analyse_doc`], which changes nothing: its result goes to [`keep_analysis`].
fn load_time_pass(doc: &Doc, index: &LinkIndex, words: &Words, gather: Option<(&str, &str)>) -> markdown::Rendered {
    let key = doc.url.trim_end_matches("/index.html").trim_end_matches("index.html").to_string();
    let (page_url, id_prefix) = gather.unwrap_or((&doc.url, ""));
    let ctx = markdown::Ctx {
        file: &doc.file,
        body: doc.body.clone(),
        page_url,
        index,
        highlight: if gather.is_some() { markdown::Highlight::BlocksOnly } else { markdown::Highlight::None },
        quizzes: Quizzes::Parse,
        words,
        quiz_key: &key,
        id_prefix,
        highlights: None,
        parents_page: None,
    };
    let mut r = markdown::render(&ctx);
    if gather.is_some() {
        // The model keeps ids as the page's own: the prefix belongs to the gathering page only.
        let own = |id: &mut String| {
            if let Some(rest) = id.strip_prefix(id_prefix) {
                *id = rest.to_string();
            }
        };
        r.headings.iter_mut().for_each(|h| own(&mut h.id));
        r.sections.iter_mut().filter_map(|s| s.id.as_mut()).for_each(own);
    }
    r
}

/// Puts what a load-time pass found into the model, and its errors into `diags`. A lesson's
/// `parents` blocks, made for its level's parents' page, are kept for that page.
fn keep_analysis(doc: &mut Doc, r: markdown::Rendered, gathered: bool, diags: &Diagnostics) {
    for e in r.errors {
        diags.push(e);
    }
    if gathered {
        doc.parents_html = Some(std::sync::Arc::new(r.parents));
    }
    doc.headings = r.headings;
    doc.quizzes = r.quizzes;
    doc.refs = r.refs;
    doc.sections = r.sections;
}

/// Checks the anchors of links made by the pages `from` selects against every page's headings.
pub fn check_refs<'a>(docs: impl Iterator<Item = &'a Doc> + Clone, from: impl Fn(&Doc) -> bool, diags: &Diagnostics) {
    let from: Vec<&Doc> = docs.clone().filter(|d| from(d)).collect();
    // Only the pages linked to: after a one-lesson edit in `serve` that is a handful, not the whole site.
    let targets: HashSet<&str> = from.iter().flat_map(|d| d.refs.iter().map(|r| r.target.as_str())).collect();
    let anchors: HashMap<String, HashSet<&str>> = docs
        .map(|d| (markdown::links::content_path(&d.file.rel), d))
        .filter(|(path, _)| targets.contains(path.as_str()))
        .map(|(path, d)| (path, d.headings.iter().map(|h| h.id.as_str()).collect()))
        .collect();
    for doc in from {
        for r in &doc.refs {
            let Some(ids) = anchors.get(&r.target) else { continue };
            if ids.contains(r.anchor.as_str()) || r.anchor.starts_with("quiz-") {
                continue;
            }
            let hint = match crate::diagnostics::did_you_mean(&r.anchor, &ids.iter().copied().collect::<Vec<_>>()) {
                Some(s) => format!("did you mean `#{s}`?"),
                None if ids.is_empty() => "that page has no headings to link to".to_string(),
                None => {
                    let mut v: Vec<&str> = ids.iter().copied().collect();
                    v.sort();
                    format!("its headings are: {}", v.join(", "))
                }
            };
            // The text may have been let go of (see `EarlyLessons::release_sources`).
            let file = match doc.file.reloaded() {
                Ok(f) => f,
                Err(d) => {
                    diags.push(d);
                    continue;
                }
            };
            diags.remember(&file);
            diags.push(
                Diagnostic::error("E023", format!("`{}` has no heading `#{}`", r.target, r.anchor))
                    .at(&file, r.span.clone())
                    .hint(hint),
            );
        }
    }
}
