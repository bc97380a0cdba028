//! Highlighted lines remembered within a process, so a line of code that syntect has already
//! highlighted in the same state is not parsed again.
//!
//! syntect highlights a block line by line, and what a line becomes depends only on its text and on
//! the state that the lines before it left: the parser's context stack ([`ParseState`]) and the scope
//! stack of the open `<span>`s ([`ScopeStack`]). Both are compared whole, so a remembered line gives
//! exactly the HTML and the next state that parsing it again would give (tested against syntect's own
//! `ClassedHTMLGenerator`).
//!
//! Code in a curriculum repeats itself: the same list of passwords, the same `}` or `</li>` in the
//! same place, the same example adapted from lesson to lesson. On the benchmark corpus 2 % of the
//! highlighted lines are distinct, and the regular expressions, which were 37 % of a clean build's
//! CPU time, run for those alone (docs/performance.md). A block whose every line is new costs what it
//! cost before, plus one hash lookup a line.
//!
//! syntect's states hold Oniguruma regions, which may not cross threads, so each rendering thread keeps
//! its own memo, with a bounded size.

use std::cell::RefCell;
use std::collections::HashMap;

use syntect::html::{line_tokens_to_classed_spans, ClassStyle};
use syntect::parsing::{ParseState, ScopeStack, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;
use xxhash_rust::xxh3::xxh3_64;

/// The classes syntect's spans get: `hl-keyword hl-control hl-python`.
pub const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// What one thread may keep, roughly in bytes (text, HTML and states). Past it, lines are still
/// highlighted, just no longer remembered.
const BUDGET: usize = 8 << 20;
/// Candidates kept for one line text (the same `}` can close many different states).
const PER_LINE: usize = 16;

struct Entry {
    line: Box<str>,
    before: (ParseState, ScopeStack),
    after: (ParseState, ScopeStack),
    html: Box<str>,
    delta: isize,
}

#[derive(Default)]
struct Memo {
    lines: HashMap<u64, Vec<Entry>>,
    bytes: usize,
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

/// The classed HTML of `code` in `syntax`, the same as syntect's `ClassedHTMLGenerator` makes of it
/// line by line, and whether any line had to be parsed (it was not all remembered); `None` if syntect
/// fails on it.
pub fn highlight(set: &SyntaxSet, syntax: &SyntaxReference, code: &str) -> Option<(String, bool)> {
    MEMO.with(|memo| highlight_with(&mut memo.borrow_mut(), set, syntax, code))
}

fn highlight_with(memo: &mut Memo, set: &SyntaxSet, syntax: &SyntaxReference, code: &str) -> Option<(String, bool)> {
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    let mut open: isize = 0;
    let mut html = String::with_capacity(code.len() * 8);
    let mut parsed = false;
    for line in LinesWithEndings::from(code) {
        let hash = xxh3_64(line.as_bytes());
        let known = memo.lines.get(&hash).and_then(|entries| {
            entries.iter().find(|e| &*e.line == line && e.before.0 == state && e.before.1 == stack)
        });
        if let Some(e) = known {
            html.push_str(&e.html);
            open += e.delta;
            state.clone_from(&e.after.0);
            stack.clone_from(&e.after.1);
            continue;
        }
        // A state that holds the captures of an earlier match (a heredoc's or a tag's name, kept to
        // find its end) never equals another: syntect compares Oniguruma regions by their pointers, not
        // their contents. Such lines are not remembered, as they would never be found.
        let before = (memo.bytes < BUDGET).then(|| (state.clone(), stack.clone())).filter(|(s, _)| *s == state);
        parsed = true;
        let ops = state.parse_line(line, set).ok()?;
        let (fragment, delta) = line_tokens_to_classed_spans(line, &ops, STYLE, &mut stack).ok()?;
        html.push_str(&fragment);
        open += delta;
        if let Some(before) = before {
            memo.remember(hash, line, before, (state.clone(), stack.clone()), fragment, delta);
        }
    }
    for _ in 0..open {
        html.push_str("</span>");
    }
    Some((html, parsed))
}

impl Memo {
    fn remember(
        &mut self,
        hash: u64,
        line: &str,
        before: (ParseState, ScopeStack),
        after: (ParseState, ScopeStack),
        html: String,
        delta: isize,
    ) {
        let entries = self.lines.entry(hash).or_default();
        if entries.len() >= PER_LINE {
            return;
        }
        // A fair estimate: the texts, and a few hundred bytes for the two pairs of stacks.
        self.bytes += line.len() + html.len() + 512;
        entries.push(Entry { line: line.into(), before, after, html: html.into(), delta });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use syntect::html::ClassedHTMLGenerator;

    fn syntect_alone(set: &SyntaxSet, syntax: &SyntaxReference, code: &str) -> String {
        let mut gen = ClassedHTMLGenerator::new_with_class_style(syntax, set, STYLE);
        for line in LinesWithEndings::from(code) {
            gen.parse_html_for_line_which_includes_newline(line).unwrap();
        }
        gen.finalize()
    }

    /// Blocks that share lines in the same and in different states, in languages whose states differ
    /// (strings and comments across lines, HTML with CSS and JS inside), each highlighted after all the
    /// others so that their lines come from the memo.
    #[test]
    fn remembered_lines_give_syntects_own_html() {
        let set = SyntaxSet::load_defaults_newlines();
        let blocks = [
            ("py", "def f(x):\n    return [\n        \"a\",\n    ]\n\"\"\"\n    return [\n\"\"\"\nx = 1\n"),
            ("py", "    return [\n        \"a\",\n    ]\nx = 1\n# return [\n"),
            ("js", "/* start\n  const a = [1];\n*/\n  const a = [1];\n`\n  const a = [1];\n`;\n"),
            (
                "html",
                "<style>\n  p { color: red }\n</style>\n  p { color: red }\n<script>\n  const a = [1];\n</script>\n",
            ),
            ("json", "{\n  \"a\": [\n    \"x\"\n  ]\n}\n"),
            ("json", "[\n    \"x\"\n]"),
            ("rs", "fn main() {\n    let s = \"unterminated\n    let t = 1;\n}\n    let t = 1;\n"),
        ];
        let mut memo = Memo::default();
        for round in 0..3 {
            for (lang, code) in blocks {
                let syntax = set.find_syntax_by_token(lang).unwrap();
                let (ours, parsed) = highlight_with(&mut memo, &set, syntax, code).unwrap();
                assert_eq!(ours, syntect_alone(&set, syntax, code), "{lang} block, round {round}:\n{code}");
                // Strings whose end is matched by a capture (Python's, Rust's) are parsed every time.
                if round == 0 || lang == "json" {
                    assert_eq!(parsed, round == 0, "{lang} block, round {round}");
                }
            }
        }
        // The later rounds were served from the memo: nothing new was remembered after the first.
        let before = memo.bytes;
        for (lang, code) in blocks {
            let syntax = set.find_syntax_by_token(lang).unwrap();
            highlight_with(&mut memo, &set, syntax, code).unwrap();
        }
        assert_eq!(memo.bytes, before);
        // The same text in two states ("    return [" in code and inside a string) is two entries.
        let line = "    return [\n";
        assert!(memo.lines[&xxh3_64(line.as_bytes())].len() >= 2);
    }

    #[test]
    fn a_full_memo_still_highlights() {
        let set = SyntaxSet::load_defaults_newlines();
        let syntax = set.find_syntax_by_token("py").unwrap();
        let mut memo = Memo { bytes: BUDGET, ..Memo::default() };
        let code = "x = 1\nprint(x)\n";
        assert_eq!(highlight_with(&mut memo, &set, syntax, code).unwrap().0, syntect_alone(&set, syntax, code));
        assert!(memo.lines.is_empty());
    }
}
