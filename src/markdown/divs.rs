//! Fenced divs (`::: tip` … `:::`), which released pulldown-cmark does not parse.
//!
//! Each fence line is replaced by an HTML comment marker (`<!--hl:open:N-->` / `<!--hl:close:N-->`).
//! An HTML comment is a CommonMark HTML block that may interrupt a paragraph and ends on its own
//! line, so the Markdown between the markers is parsed as usual in one pass over the whole body.
//! Fences inside code blocks are left alone. An [`OffsetMap`] maps positions in the rewritten text
//! back to the author's file for error messages.

use std::ops::Range;

use crate::diagnostics::{msg, Text};

/// Names a fenced div may have, and what they mean.
pub const DIV_NAMES: &[&str] = &["teacher", "parents", "tip", "note", "warning", "important", "caution"];

#[derive(Debug, Clone)]
pub struct Div {
    pub name: String,
    /// The opening fence line, in the original text.
    pub open: Range<usize>,
}

#[derive(Debug)]
pub struct DivError {
    pub span: Range<usize>,
    pub message: Text,
    pub hint: Text,
}

/// Rewritten text plus the map back to original offsets.
#[derive(Debug, Default)]
pub struct Preprocessed {
    pub text: String,
    pub divs: Vec<Div>,
    pub map: OffsetMap,
}

/// Sorted (position in rewritten text, original minus rewritten) pairs.
#[derive(Debug, Default, Clone)]
pub struct OffsetMap {
    points: Vec<(usize, isize)>,
}

impl OffsetMap {
    pub fn to_original(&self, pos: usize) -> usize {
        let i = self.points.partition_point(|(p, _)| *p <= pos);
        let delta = if i == 0 { 0 } else { self.points[i - 1].1 };
        (pos as isize + delta).max(0) as usize
    }
}

pub fn open_marker(n: usize) -> String {
    format!("<!--hl:open:{n}-->")
}

pub fn close_marker(n: usize) -> String {
    format!("<!--hl:close:{n}-->")
}

/// Parses a marker back: `Some((true, n))` for an opening one.
pub fn parse_marker(html: &str) -> Option<(bool, usize)> {
    let s = html.trim().strip_prefix("<!--hl:")?.strip_suffix("-->")?;
    let (kind, n) = s.split_once(':')?;
    let n = n.parse().ok()?;
    match kind {
        "open" => Some((true, n)),
        "close" => Some((false, n)),
        _ => None,
    }
}

/// Rewrites fence lines of `text` (which starts at byte `base` of the file).
///
/// A `:::` line is a fence unless Markdown reads it as code or as raw HTML that runs to an end mark
/// (`<pre>`…`</pre>`, `<!--`…`-->`, …). Lines are told apart line by line, which is exact at the top of the
/// page; a code fence indented like a list item's may end with its item instead, so when such a fence
/// holds a `:::` line, pulldown-cmark itself says where the code is (rarely needed: one more parse).
pub fn preprocess(text: &str, base: usize) -> (Preprocessed, Vec<DivError>) {
    let mut found = scan(text, None);
    if found.doubtful {
        let literal = literal_blocks(text);
        found = scan(text, Some(&literal));
    }
    rewrite(text, base, &found)
}

/// The div lines of a text, and the `:::` lines an unclosed code block turns into code.
#[derive(Default)]
struct Scan<'t> {
    /// Each fence line (without its `\n`) and its name (`None` for a closing `:::`).
    fences: Vec<(Range<usize>, Option<&'t str>)>,
    /// The first `:::` line inside each code block that is never closed.
    swallowed: Vec<Range<usize>>,
    /// A `:::` line is inside an indented code fence: only the Markdown parser knows whether it is code.
    doubtful: bool,
}

/// A code block or raw HTML block, as pulldown-cmark read it.
struct Literal {
    range: Range<usize>,
    /// A fenced code block that ends with its closing fence (not with the page or its list item).
    closed: bool,
}

/// An open code fence while scanning.
struct Fence {
    ch: char,
    len: usize,
    indent: usize,
    swallowed: Option<Range<usize>>,
}

fn scan<'t>(text: &'t str, literal: Option<&[Literal]>) -> Scan<'t> {
    let mut found = Scan::default();
    let mut fence: Option<Fence> = None;
    // While inside raw HTML of CommonMark types 1–5: the texts that end it.
    let mut html_end: Option<&'static [&'static str]> = None;
    let mut pos = 0;
    while pos < text.len() {
        // `memchr`: a `find` by character was about 1 % of a build (every line of every page).
        let end = memchr::memchr(b'\n', &text.as_bytes()[pos..]).map_or(text.len(), |i| pos + i);
        let line = &text[pos..end];
        let indent = line.len() - line.trim_start_matches(' ').len();
        let trimmed = line.trim();
        let div = if indent <= 3 { div_line(trimmed) } else { None };
        if let Some(literal) = literal {
            if let Some(name) = div {
                match literal.iter().find(|l| l.range.contains(&pos)) {
                    None => found.fences.push((pos..end, name)),
                    Some(l) if !l.closed && !found.swallowed.iter().any(|s| l.range.contains(&s.start)) => {
                        found.swallowed.push(pos..end)
                    }
                    Some(_) => {}
                }
            }
        } else if let Some(ends) = html_end {
            if contains_any(line, ends) {
                html_end = None;
            }
        } else if let Some(f) = fence.as_mut() {
            if indent <= 3 && is_fence_close(trimmed, f.ch, f.len) {
                fence = None;
            } else if div.is_some() {
                f.swallowed.get_or_insert(pos..end);
                found.doubtful |= f.indent > 0;
            }
        } else if indent <= 3 {
            if let Some((ch, len)) = fence_open(trimmed) {
                fence = Some(Fence { ch, len, indent, swallowed: None });
            } else if let Some((start, ends)) = html_start(trimmed) {
                if !contains_any(&trimmed[start..], ends) {
                    html_end = Some(ends);
                }
            } else if let Some(name) = div {
                found.fences.push((pos..end, name));
            }
        }
        pos = end + 1;
    }
    if let Some(f) = fence {
        // Never closed: everything after it is code, `:::` lines too.
        found.doubtful |= f.indent > 0 && f.swallowed.is_some();
        found.swallowed.extend(f.swallowed);
    }
    found
}

/// Code blocks, and raw HTML blocks that only an end mark closes, by pulldown-cmark.
fn literal_blocks(text: &str) -> Vec<Literal> {
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(text, super::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => {
                let closed = fenced_block_closed(&text[range.clone()]);
                out.push(Literal { range, closed });
            }
            Event::Start(Tag::HtmlBlock) if html_start(text[range.clone()].trim_start()).is_some() => {
                out.push(Literal { range, closed: true })
            }
            _ => {}
        }
    }
    out
}

/// Whether a fenced code block's text (opening line to its last line) ends with a closing fence.
fn fenced_block_closed(block: &str) -> bool {
    let mut lines = block.trim_end().lines();
    let Some((ch, len)) = lines.next().and_then(|l| fence_open(l.trim())) else { return true };
    lines.last().is_some_and(|l| is_fence_close(l.trim().trim_start_matches('>').trim(), ch, len))
}

/// The start of a CommonMark HTML block of types 1–5 (those that only an end mark closes): the length of
/// the opening and the texts that end the block.
fn html_start(trimmed: &str) -> Option<(usize, &'static [&'static str])> {
    const RAW: &[&str] = &["</pre>", "</script>", "</style>", "</textarea>"];
    let rest = trimmed.strip_prefix('<')?;
    for tag in ["pre", "script", "style", "textarea"] {
        let head = rest.get(..tag.len()).filter(|h| h.eq_ignore_ascii_case(tag));
        let next = rest.get(tag.len()..).and_then(|r| r.chars().next());
        if head.is_some() && matches!(next, None | Some(' ' | '\t' | '>')) {
            return Some((1 + tag.len(), RAW));
        }
    }
    if rest.starts_with("!--") {
        Some((4, &["-->"]))
    } else if rest.starts_with("![CDATA[") {
        Some((9, &["]]>"]))
    } else if rest.starts_with('?') {
        Some((2, &["?>"]))
    } else if rest.strip_prefix('!').and_then(|r| r.chars().next()).is_some_and(|c| c.is_ascii_alphabetic()) {
        Some((2, &[">"]))
    } else {
        None
    }
}

fn contains_any(line: &str, ends: &[&str]) -> bool {
    let lower = line.to_ascii_lowercase();
    ends.iter().any(|e| lower.contains(e))
}

/// Replaces the fence lines found by [`scan`] with markers and checks that they pair up.
fn rewrite(text: &str, base: usize, found: &Scan) -> (Preprocessed, Vec<DivError>) {
    let mut out = Preprocessed { text: String::with_capacity(text.len() + 64), ..Default::default() };
    let mut errors = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    // Untouched runs between fence lines are copied in one go.
    let mut copied = 0;
    for (line, name) in &found.fences {
        let (pos, end) = (line.start, line.end);
        out.text.push_str(&text[copied..pos]);
        let span = base + pos..base + end;
        let marker = match name {
            None => match stack.pop() {
                Some(n) => close_marker(n),
                None => {
                    errors.push(DivError {
                        span,
                        message: msg!("e030-closes-nothing"),
                        hint: msg!("e030-closes-nothing.hint"),
                    });
                    String::new()
                }
            },
            Some(name) => {
                if !DIV_NAMES.contains(name) {
                    let hint = match crate::diagnostics::did_you_mean(name, DIV_NAMES) {
                        Some(s) => msg!("e030-unknown-block.suggest", name = s),
                        None => msg!("e030-unknown-block.known", names = DIV_NAMES.join(", ")),
                    };
                    errors.push(DivError {
                        span: span.clone(),
                        message: msg!("e030-unknown-block", name = *name),
                        hint,
                    });
                }
                let n = out.divs.len();
                out.divs.push(Div { name: name.to_string(), open: span });
                stack.push(n);
                open_marker(n)
            }
        };
        let new_pos = out.text.len() + marker.len();
        out.text.push_str(&marker);
        copied = end;
        out.map.points.push((new_pos, end as isize - new_pos as isize));
    }
    out.text.push_str(&text[copied.min(text.len())..]);
    for n in stack {
        errors.push(DivError {
            span: out.divs[n].open.clone(),
            message: msg!("e030-never-closed", name = &out.divs[n].name),
            hint: msg!("e030-never-closed.hint"),
        });
    }
    for line in &found.swallowed {
        let shown = text[line.clone()].trim();
        errors.push(DivError {
            span: base + line.start..base + line.end,
            message: msg!("e030-in-open-code", line = shown),
            hint: msg!("e030-in-open-code.hint"),
        });
    }
    (out, errors)
}

/// `Some(None)` for a closing `:::`, `Some(Some(name))` for an opening `::: name`.
fn div_line(trimmed: &str) -> Option<Option<&str>> {
    let colons = trimmed.len() - trimmed.trim_start_matches(':').len();
    if colons < 3 {
        return None;
    }
    let rest = trimmed[colons..].trim();
    if rest.is_empty() {
        return Some(None);
    }
    let name = rest.split_whitespace().next()?;
    let name = name.trim_start_matches('{').trim_start_matches('.').trim_end_matches('}');
    if name.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') {
        Some(Some(name))
    } else {
        None
    }
}

fn fence_open(trimmed: &str) -> Option<(char, usize)> {
    let ch = trimmed.chars().next()?;
    if ch != '`' && ch != '~' {
        return None;
    }
    let len = trimmed.len() - trimmed.trim_start_matches(ch).len();
    // A backtick fence's info string may not contain backticks (it would be inline code).
    (len >= 3 && !(ch == '`' && trimmed[len..].contains('`'))).then_some((ch, len))
}

fn is_fence_close(trimmed: &str, ch: char, len: usize) -> bool {
    let n = trimmed.len() - trimmed.trim_start_matches(ch).len();
    n >= len && trimmed[n..].trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Lang;

    #[test]
    fn rewrites_fences_and_maps_offsets() {
        let src = "a\n::: tip\nhi\n:::\nafter\n";
        let (p, errs) = preprocess(src, 0);
        assert!(errs.is_empty());
        assert_eq!(p.text, "a\n<!--hl:open:0-->\nhi\n<!--hl:close:0-->\nafter\n");
        let after = p.text.find("after").unwrap();
        assert_eq!(p.map.to_original(after), src.find("after").unwrap());
        let hi = p.text.find("hi").unwrap();
        assert_eq!(p.map.to_original(hi), src.find("hi").unwrap());
        assert_eq!(p.divs[0].name, "tip");
    }

    #[test]
    fn ignores_code_fences() {
        let src = "```\n::: tip\n```\n~~~~\n:::\n~~~~\n";
        let (p, errs) = preprocess(src, 0);
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(p.text, src);
    }

    #[test]
    fn nests_and_reports() {
        let (p, errs) = preprocess("::: teacher\n::: tip\nx\n:::\n:::\n", 0);
        assert!(errs.is_empty());
        assert!(p.text.contains("<!--hl:close:1-->\n<!--hl:close:0-->"));
        let (_, errs) = preprocess("::: tipp\nx\n", 10);
        assert_eq!(errs.len(), 2);
        assert!(errs[0].hint.render(Lang::En).contains("::: tip"));
        assert_eq!(errs[0].span.start, 10);
        let (_, errs) = preprocess("x\n:::\n", 0);
        assert_eq!(errs[0].message.render(Lang::En), "this `:::` closes nothing");
    }

    #[test]
    fn fences_inside_raw_html_that_runs_to_an_end_mark_are_left_alone() {
        for src in [
            "<pre>\n:::\n::: tip\n</pre>\n",
            "<PRE class=\"x\">\n:::\n\n:::\n</pre>\n",
            "<!-- ghi chú\n:::\n-->\n",
            "<script>\n:::\n</script>\n",
        ] {
            let (p, errs) = preprocess(src, 0);
            assert!(errs.is_empty(), "{src:?}: {errs:?}");
            assert_eq!(p.text, src);
        }
        // One-line HTML ends on its line; a fence after it counts.
        let (p, errs) = preprocess("<!-- x -->\n::: tip\na\n:::\n<pre>a</pre>\n", 0);
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(p.divs.len(), 1);
        // `<prefix>` is not `<pre>`.
        assert_eq!(html_start("<prefix>"), None);
        assert_eq!(html_start("<pre>").map(|h| h.0), Some(4));
    }

    #[test]
    fn a_fence_left_open_in_a_list_item_ends_with_the_item() {
        // CommonMark closes the code block with its list item: the `::: tip` below is a block.
        let src = "1. Mở cài đặt:\n   ```\n   Cài đặt > Quyền riêng tư\n\n::: tip\nMẹo\n:::\n";
        let (p, errs) = preprocess(src, 0);
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(p.divs.len(), 1, "{}", p.text);
        assert!(p.text.contains("<!--hl:open:0-->") && p.text.contains("<!--hl:close:0-->"), "{}", p.text);
        // Closed inside the item, the fence keeps its `:::` line as code.
        let src = "- a\n  ```\n  :::\n  ```\n";
        let (p, errs) = preprocess(src, 0);
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(p.text, src);
    }

    #[test]
    fn a_code_block_never_closed_that_swallows_a_block_is_reported() {
        let src = "Chữ\n```\ncode\n::: teacher\nBí mật\n:::\n";
        let (_, errs) = preprocess(src, 100);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(
            errs[0].message.render(Lang::En).contains("`::: teacher` is inside a code block that is never closed"),
            "{errs:?}"
        );
        assert_eq!(errs[0].span.start, 100 + src.find("::: teacher").unwrap());
        // Indented like a list item and never closed: the parser decides, the author is told.
        let src = "- a\n  ```\n  code\n  ::: tip\n";
        let (_, errs) = preprocess(src, 0);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(errs[0].message.render(Lang::En).contains("never closed"), "{errs:?}");
    }

    #[test]
    fn markers_round_trip() {
        assert_eq!(parse_marker(&open_marker(3)), Some((true, 3)));
        assert_eq!(parse_marker("<!--hl:close:12-->\n"), Some((false, 12)));
        assert_eq!(parse_marker("<!-- x -->"), None);
    }
}
