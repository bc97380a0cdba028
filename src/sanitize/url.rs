//! URL schemes as a browser reads them.
//!
//! The scheme is found with the WHATWG URL parser (the `url` crate, the one ammonia uses), so
//! whatever a browser would treat as `javascript:` is treated so here: any capitals, leading spaces
//! and control characters, tabs or newlines inside the scheme. Entities (`&#106;avascript:`) are
//! decoded before this by the Markdown or HTML parser that read the URL.

use ammonia::url::{ParseError, Url};
use pulldown_cmark::{CowStr, Event, Tag};

/// Schemes that run code or carry a whole document: refused in links and images everywhere.
pub const REFUSED: &[&str] = &["javascript", "vbscript", "data"];

/// Schemes a link in raw HTML may use besides relative URLs (the sanitiser's allowlist).
pub const ALLOWED_IN_HTML: &[&str] = &["http", "https", "mailto", "tel"];

/// The URL's scheme, lowercased, as the WHATWG URL parser's scheme state reads it: after leading
/// spaces and control characters, ignoring tabs and newlines, a letter then letters, digits, `+`,
/// `-`, `.` up to a `:`. `None` for a relative URL (`a.md`, `#x`, `//host/x`, `a/b:c`).
///
/// Only the scheme is read, not the rest: `javascript://x:a` is not a valid URL (its "port" is not
/// a number), but it is refused all the same, whatever a browser would make of it.
pub fn scheme(url: &str) -> Option<String> {
    let chars = url.trim_start_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    let mut s = String::new();
    for c in chars {
        match c {
            ':' if !s.is_empty() => return Some(s),
            c if c.is_ascii_alphabetic() || (!s.is_empty() && (c.is_ascii_digit() || matches!(c, '+' | '-' | '.'))) => {
                s.push(c.to_ascii_lowercase())
            }
            _ => return None,
        }
    }
    None
}

/// `Some("javascript")` (or `vbscript`, `data`) when `url` must not be published.
pub fn refused_scheme(url: &str) -> Option<&'static str> {
    // Cheap test first: every refused URL contains a colon (after decoding, which the caller did).
    if !url.contains(':') {
        return None;
    }
    let s = scheme(url)?;
    REFUSED.iter().copied().find(|r| *r == s)
}

/// The error (E026) for a Markdown link or image at `span` of `file` whose address is refused.
pub fn refused_link(
    file: &crate::diagnostics::SourceFile,
    dest: &str,
    span: std::ops::Range<usize>,
) -> Option<crate::diagnostics::Diagnostic> {
    let scheme = refused_scheme(dest)?;
    let shown: String = dest.trim().chars().take(60).collect();
    Some(
        crate::diagnostics::Diagnostic::error(
            "E026",
            crate::diagnostics::msg!("e026-refused-address", scheme = scheme, address = shown),
        )
        .at(file, span)
        .hint(crate::diagnostics::msg!("e026-refused-address.hint")),
    )
}

/// A link or image event with its address emptied if it is refused (for inline Markdown from YAML
/// fields, which `sanitize::yaml` reports with a position at load time).
pub fn defuse(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Start(Tag::Link { link_type, dest_url, title, id }) if refused_scheme(&dest_url).is_some() => {
            Event::Start(Tag::Link { link_type, dest_url: CowStr::Borrowed(""), title, id })
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) if refused_scheme(&dest_url).is_some() => {
            Event::Start(Tag::Image { link_type, dest_url: CowStr::Borrowed(""), title, id })
        }
        other => other,
    }
}

/// Whether a raw-HTML URL attribute survives the sanitiser: a relative URL or an allowed scheme,
/// decided as ammonia decides (a whole parse: an absolute URL that does not parse is removed).
pub fn allowed_in_html(url: &str) -> bool {
    match Url::parse(url) {
        Ok(u) => ALLOWED_IN_HTML.contains(&u.scheme()),
        Err(ParseError::RelativeUrlWithoutBase) => true,
        Err(_) => false,
    }
}

/// Whether a browser would fetch `url` from another site: `http(s)://…` or protocol-relative
/// `//host/…` (browsers read `\` as `/` there).
pub fn other_origin(url: &str) -> bool {
    let t = url.trim_start_matches(|c: char| c <= ' ');
    let mut chars = t.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    if matches!((chars.next(), chars.next()), (Some('/' | '\\'), Some('/' | '\\'))) {
        return true;
    }
    matches!(scheme(url).as_deref(), Some("http" | "https"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_script_and_data_urls_however_written() {
        for u in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "  javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "VBScript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "DATA:image/svg+xml;base64,AAAA",
            // Found by `links_never_panic`: not a valid URL (its port is `a`), a script URL all the same.
            "javascript://javascript:a",
            "javascript:",
        ] {
            assert!(refused_scheme(u).is_some(), "{u:?} was not refused");
        }
    }

    #[test]
    fn keeps_ordinary_urls() {
        for u in
            ["a.md", "../b/c.md#x", "#top", "/images/a.png", "https://example.org/", "mailto:a@b.c", "tel:111", "x:y"]
        {
            assert!(refused_scheme(u).is_none(), "{u:?} was refused");
        }
        // A colon after a slash is a path, not a scheme.
        assert!(refused_scheme("a/javascript:x").is_none());
    }

    #[test]
    fn allowed_in_html_is_relative_or_web_mail_phone() {
        assert!(allowed_in_html("a/b.png"));
        assert!(allowed_in_html("https://example.org"));
        assert!(!allowed_in_html("javascript:alert(1)"));
        assert!(!allowed_in_html("ftp://example.org"));
    }

    #[test]
    fn other_origin_urls() {
        for u in ["https://x.vn/a.png", "HTTP://x.vn/a.png", "//x.vn/a.png", " \\\\x.vn/a.png", "/\\x.vn/a.png"] {
            assert!(other_origin(u), "{u:?}");
        }
        for u in ["a.png", "/images/a.png", "../a.png", "mailto:a@b.c", "#x"] {
            assert!(!other_origin(u), "{u:?}");
        }
    }
}
