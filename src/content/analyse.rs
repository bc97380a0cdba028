//! The load-time Markdown pass over every page of a loaded tree: what validation needs of each page
//! (headings, links, quizzes, search text) and its body as [`crate::markdown::Body`], kept in the model;
//! then the anchor check across pages.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::{Doc, Site};
use crate::diagnostics::{msg, Diagnostic, Diagnostics};
use crate::markdown::{self, LinkIndex};

/// Runs the Markdown pass over every document (in parallel), then checks anchors across pages.
///
/// With `release`, a document's source text is let go of as soon as its pass is done, if no check can
/// point into it any more: nothing found so far points into it, its pass found nothing wrong and it is
/// not a session plan (whose checks come later). The anchor check, which comes after every pass, reports by the line and column each link
/// recorded ([`markdown::Ref`]). The diagnostics report forgets the text as well. On a large site the
/// sources are the largest part of what a build holds.
pub(super) fn analyse(site: &mut Site, release: bool, diags: &Diagnostics) {
    let index = std::mem::take(&mut site.index);
    let trusted_html = site.config.trusted_html;
    let sessions: HashSet<String> =
        site.levels.iter().flat_map(|l| l.sessions.iter().map(|s| s.doc.file.rel.clone())).collect();
    let picture_first: HashSet<String> = site
        .levels
        .iter()
        .flat_map(|l| {
            l.lessons.iter().filter(|x| super::picture_first(&l.meta, &x.meta)).map(|x| x.doc.file.rel.clone())
        })
        .collect();
    // Files an earlier diagnostic points into keep their text for the report.
    let shown = diags.files_with_spans();
    let home = site.home.doc.file.rel.clone();
    let mut docs: Vec<&mut Doc> = site.docs_mut().collect();
    // A one-shot build also cuts each page's search text, chunk by chunk, to what the index can still read
    // (`search::ReachBound`); `serve` keeps it whole, since an edit can move the caps. Only pages every
    // build's index holds are counted: not the home page, nor session plans (a student build leaves them
    // out); see `render::search_docs`.
    let mut bound = release.then(|| crate::search::ReachBound::new(Default::default(), docs.len()));
    // A large site's bodies are held compressed until they are rendered. Below this size rendering, not
    // the model, sets a build's peak memory (10,000 lessons: 205 MB after loading, 250 MB while
    // rendering), and compressing would only cost time (about 2 % of the CPU).
    let pack = release && docs.len() >= PACK_FROM_PAGES;
    // And held in a temporary file rather than memory, where one can be made (`markdown::spill`).
    let spill = pack.then(crate::markdown::spill::Spill::new).flatten().map(std::sync::Arc::new);
    for chunk in docs.chunks_mut(super::CHUNK) {
        chunk.par_iter_mut().for_each(|doc| {
            if doc.file.is_parked() {
                match super::unpark(&mut doc.file) {
                    Ok(()) => {
                        diags.forget(&doc.file.rel);
                        diags.remember(&doc.file);
                    }
                    Err(d) => return diags.push(d),
                }
            }
            let r = pass(doc, &index, trusted_html, picture_first.contains(&doc.file.rel));
            let clean = r.errors.is_empty();
            keep_analysis(doc, r, diags);
            if pack {
                doc.markup.pack(spill.as_ref());
            }
            if release && clean && !sessions.contains(&doc.file.rel) && !shown.contains(&doc.file.rel) {
                diags.forget(&doc.file.rel);
                doc.file.release();
            }
        });
        if let Some(bound) = &mut bound {
            for doc in chunk.iter().filter(|d| d.file.rel != home && !sessions.contains(&d.file.rel)) {
                bound.add(&doc.sections);
            }
            let reach = bound.reach();
            chunk.par_iter_mut().for_each(|doc| crate::search::trim_sections(&mut doc.sections, reach));
        }
    }
    site.index = index;
    let site = &*site;
    check_refs(site.docs(), |_| true, diags);
}

/// Pages from which a one-shot build holds bodies compressed ([`markdown::Body::pack`]).
const PACK_FROM_PAGES: usize = 20_000;

/// The load-time pass over one page (see `markdown::analyse`), its findings kept in `doc`.
pub fn analyse_doc(doc: &mut Doc, index: &LinkIndex, trusted_html: bool, picture_first: bool, diags: &Diagnostics) {
    let r = pass(doc, index, trusted_html, picture_first);
    keep_analysis(doc, r, diags);
}

fn pass(doc: &Doc, index: &LinkIndex, trusted_html: bool, picture_first: bool) -> markdown::Analysed {
    markdown::analyse(&markdown::Ctx { file: &doc.file, body: doc.body.clone(), index, trusted_html, picture_first })
}

/// Puts what a load-time pass found into the model, and its errors into `diags`.
fn keep_analysis(doc: &mut Doc, r: markdown::Analysed, diags: &Diagnostics) {
    for e in r.errors {
        diags.push(e);
    }
    doc.markup = r.body;
    doc.headings = r.headings;
    doc.quizzes = r.quizzes;
    doc.refs = r.refs;
    doc.sections = r.sections;
    doc.refused_quizzes = r.refused_quizzes;
}

/// Checks the anchors of links made by the pages `from` selects against every page's headings.
pub fn check_refs<'a>(docs: impl Iterator<Item = &'a Doc> + Clone, from: impl Fn(&Doc) -> bool, diags: &Diagnostics) {
    let from: Vec<&Doc> = docs.clone().filter(|d| from(d)).collect();
    // Only the pages linked to: after a one-lesson edit in `serve` that is a handful, not the whole site.
    let targets: HashSet<&str> = from.iter().flat_map(|d| d.refs.iter().map(|r| r.target.as_str())).collect();
    let anchors: HashMap<String, HashSet<&str>> = docs
        // A page whose text could not be read again (E008) had no pass: its headings are unknown, not absent.
        .filter(|d| !d.file.is_parked())
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
                Some(s) => msg!("e023-no-heading.suggest", anchor = s),
                None if ids.is_empty() => msg!("e023-no-heading.no-headings"),
                None => {
                    let mut v: Vec<&str> = ids.iter().copied().collect();
                    v.sort();
                    msg!("e023-no-heading.known", anchors = v.join(", "))
                }
            };
            let d = Diagnostic::error("E023", msg!("e023-no-heading", page = &r.target, anchor = &r.anchor));
            let d = match doc.file.is_released() {
                true => d.at_line(&doc.file, r.line, r.column),
                false => d.at(&doc.file, r.span.clone()),
            };
            diags.push(d.hint(hint));
        }
    }
}
