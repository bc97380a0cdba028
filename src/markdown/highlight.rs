//! Code highlighting with syntect into CSS classes (`hl-…`), so light and dark themes are pure CSS
//! and no inline style breaks the Content-Security-Policy.

use std::sync::OnceLock;

use syntect::parsing::SyntaxSet;

use crate::text::escape_into;

fn syntaxes() -> &'static SyntaxSet {
    // Loading the bundled syntax dump costs a few milliseconds: do it once per process.
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Warms the syntax set up on the calling thread, so the first highlighted page does not pay for it.
pub fn init() {
    let _ = syntaxes();
}

/// The `<pre>` element for a code block, written at the end of `out` (a page's body). Unknown or missing
/// languages fall back to plain text. The highlighted HTML is made first, so that `out` grows once, to its
/// size, and no copy of the block is made on the way.
pub fn write_code_block(
    out: &mut String,
    lang: &str,
    code: &str,
    cache: Option<&super::highlight_cache::HighlightCache>,
) {
    let lang = lang.split([' ', ',', '{']).next().unwrap_or("").trim();
    let set = syntaxes();
    let syntax =
        if lang.is_empty() || lang == "text" || lang == "plain" { None } else { set.find_syntax_by_token(lang) };
    let html = syntax.and_then(|s| match cache {
        Some(cache) => cache.get_or(&s.name, code, || super::line_memo::highlight(set, s, code)),
        None => super::line_memo::highlight(set, s, code).map(|(html, _)| html),
    });
    // Escaping adds a few bytes for each `<`, `>`, `&` and quote of the code.
    out.reserve(html.as_ref().map_or(code.len() + code.len() / 4, String::len) + lang.len() + 64);
    out.push_str("<pre class=\"code\"");
    if !lang.is_empty() {
        out.push_str(" data-lang=\"");
        escape_into(out, lang);
        out.push('"');
    }
    // tabindex lets keyboard users scroll a long line (WCAG 2.1.1, axe "scrollable-region-focusable").
    out.push_str(" tabindex=\"0\"><code>");
    match html {
        Some(html) => out.push_str(&html),
        None => escape_into(out, code),
    }
    out.push_str("</code></pre>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_block(lang: &str, code: &str) -> String {
        let mut out = String::new();
        write_code_block(&mut out, lang, code, None);
        out
    }

    #[test]
    fn highlights_known_language_with_classes() {
        let html = code_block("rust", "fn main() {}\n");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn unknown_language_is_plain_escaped() {
        let html = code_block("klingon", "<b>x</b>\n");
        assert!(html.contains("&lt;b&gt;x&lt;/b&gt;"));
        assert!(!html.contains("hl-"));
    }
}
