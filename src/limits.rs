//! Limits of what the theme can show, checked on the content so that an author gets the lesson's
//! file and line rather than a template error (E093) about no lesson.

use std::ops::Range;

use crate::diagnostics::{Diagnostic, SourceFile};
use crate::quiz::{Kind, Question};

/// Worksheets and answer keys letter the options of a question, and the right-hand sides of a
/// match question, from A to Z (`letters` in `_quiz_questions.html`).
pub const MAX_LETTERED: usize = 26;

/// The error (Q014) for a question with more lettered options than the worksheet has letters.
pub fn check_question(file: &SourceFile, q: &Question, span: Range<usize>) -> Option<Diagnostic> {
    let (n, what) = match &q.kind {
        Kind::Single { options } | Kind::Multiple { options } => (options.len(), "options"),
        Kind::Match { pairs } => (pairs.len(), "pairs"),
        _ => return None,
    };
    (n > MAX_LETTERED).then(|| {
        Diagnostic::error(
            "Q014",
            format!("this question has {n} {what}; at most {MAX_LETTERED} fit the worksheet's letters A–Z"),
        )
        .at(file, span)
        .hint("split it into several questions: a child reads a short list more easily too")
    })
}
