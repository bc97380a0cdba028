//! Fenced divs (`::: tip` … `:::`), which released pulldown-cmark does not parse.
//!
//! Each fence line is replaced by an HTML comment marker (`<!--hl:open:N-->` / `<!--hl:close:N-->`).
//! An HTML comment is a CommonMark HTML block that may interrupt a paragraph and ends on its own
//! line, so the Markdown between the markers is parsed as usual in one pass over the whole body.
//! Fences inside code blocks are left alone. An [`OffsetMap`] maps positions in the rewritten text
//! back to the author's file for error messages.

use std::ops::Range;

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
    pub message: String,
    pub hint: String,
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
pub fn preprocess(text: &str, base: usize) -> (Preprocessed, Vec<DivError>) {
    let mut out = Preprocessed { text: String::with_capacity(text.len() + 64), ..Default::default() };
    let mut errors = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    let mut pos = 0;
    // Fast path: most lessons have few fences; copy untouched runs in one go.
    let mut copied = 0;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = &text[pos..end];
        let indent = line.len() - line.trim_start_matches(' ').len();
        let trimmed = line.trim();
        if indent <= 3 {
            if let Some((ch, len)) = fence {
                if is_fence_close(trimmed, ch, len) {
                    fence = None;
                }
            } else if let Some(f) = fence_open(trimmed) {
                fence = Some(f);
            } else if let Some(name) = div_line(trimmed) {
                out.text.push_str(&text[copied..pos]);
                let span = base + pos..base + end;
                let marker = match name {
                    None => match stack.pop() {
                        Some(n) => close_marker(n),
                        None => {
                            errors.push(DivError {
                                span,
                                message: "this `:::` closes nothing".into(),
                                hint: "remove it, or open a block above with e.g. `::: tip`".into(),
                            });
                            String::new()
                        }
                    },
                    Some(name) => {
                        if !DIV_NAMES.contains(&name) {
                            let hint = match crate::diagnostics::did_you_mean(name, DIV_NAMES) {
                                Some(s) => format!("did you mean `::: {s}`?"),
                                None => format!("blocks are: {}", DIV_NAMES.join(", ")),
                            };
                            errors.push(DivError {
                                span: span.clone(),
                                message: format!("unknown block `::: {name}`"),
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
        }
        pos = end + 1;
    }
    out.text.push_str(&text[copied.min(text.len())..]);
    for n in stack {
        errors.push(DivError {
            span: out.divs[n].open.clone(),
            message: format!("`::: {}` is never closed", out.divs[n].name),
            hint: "add a line `:::` where the block ends".into(),
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
        assert!(errs[0].hint.contains("::: tip"));
        assert_eq!(errs[0].span.start, 10);
        let (_, errs) = preprocess("x\n:::\n", 0);
        assert_eq!(errs[0].message, "this `:::` closes nothing");
    }

    #[test]
    fn markers_round_trip() {
        assert_eq!(parse_marker(&open_marker(3)), Some((true, 3)));
        assert_eq!(parse_marker("<!--hl:close:12-->\n"), Some((false, 12)));
        assert_eq!(parse_marker("<!-- x -->"), None);
    }
}
