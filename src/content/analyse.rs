//! The load-time Markdown pass over every page of a loaded tree: what validation needs of each page
//! (headings, links, quizzes, search text) and its body as [`crate::markdown::Body`], kept in the model;
//! then the anchor check across pages.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::{Doc, Site};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::{self, LinkIndex};

/// Runs the Markdown pass over every document (in parallel), then checks anchors across pages.
pub(super) fn analyse(site: &mut Site, diags: &Diagnostics) {
    let results: Vec<markdown::Analysed> = {
        let index = &site.index;
        let docs: Vec<&Doc> = site.docs().collect();
        docs.par_iter().map(|doc| pass(doc, index)).collect()
    };
    for (doc, r) in site.docs_mut().zip(results) {
        keep_analysis(doc, r, diags);
    }
    let site = &*site;
    check_refs(site.docs(), |_| true, diags);
}

/// The load-time pass over one page (see `markdown::analyse`), its findings kept in `doc`.
pub fn analyse_doc(doc: &mut Doc, index: &LinkIndex, diags: &Diagnostics) {
    let r = pass(doc, index);
    keep_analysis(doc, r, diags);
}

fn pass(doc: &Doc, index: &LinkIndex) -> markdown::Analysed {
    markdown::analyse(&markdown::Ctx { file: &doc.file, body: doc.body.clone(), index })
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
            diags.push(
                Diagnostic::error("E023", format!("`{}` has no heading `#{}`", r.target, r.anchor))
                    .at(&doc.file, r.span.clone())
                    .hint(hint),
            );
        }
    }
}
