//! Author text that could harm a reader: raw HTML, script URLs, text placed inside `<script>`.
//!
//! Lessons are written by many teachers and read by children, so nothing an author types may run
//! code, navigate the page elsewhere or load from another site. The rules, all in this module:
//!
//! - Raw HTML in Markdown is cleaned with [ammonia] (an allowlist of tags, attributes and URL
//!   schemes, [`html`]), unless the site opts in with `trusted_html: true` in `hoclieu.yaml`. Each
//!   removal is a warning (W010) at the file, line and column of the raw HTML that had it.
//! - A `javascript:`, `vbscript:` or `data:` URL in a Markdown link or image, or in a YAML field
//!   rendered as Markdown, is an error (E026) ([`url`]).
//! - HTML typed into a YAML field is shown as text, and the author is told (W011) ([`yaml`]).
//! - Text placed in a `<script>` element (JSON islands) is escaped by [`script_json`].
//!
//! The rest of the pipeline calls in through small hooks, so the rules stay here:
//! `markdown::render` ([`html::RawHtml::mark`] for each raw fragment, [`html::RawHtml::heading_attrs`],
//! [`html::finish`] on each rendered document, [`html::RawHtml::warnings`]), `markdown::links::resolve`
//! ([`url::refused_link`]), `markdown::inline_html` ([`url::defuse`]), the front-matter and quiz
//! validation ([`yaml::check_fields`]), the JSON islands ([`script_json`]), `config` (the
//! `trusted_html` setting, which the loader passes to each page's pass in `markdown::Ctx`) and `check` (`crate::external::review`, which lists other sites' images and links).

pub mod html;
pub mod url;
pub mod yaml;

pub use html::{finish, RawHtml};
pub use url::refused_scheme;

/// Escapes text (usually JSON) for the inside of a `<script>` element: `<`, `>` and `&` become
/// `\u003c`, `\u003e` and `\u0026`, and U+2028/U+2029 become `\u2028`/`\u2029`.
///
/// In a JSON string these escapes mean the same characters, so `JSON.parse` reads the same value;
/// but no `</script>`, `<!--` or `<script` can appear, so the element always ends where it should
/// (a `<!--` followed by `<script>` would otherwise make the browser skip the real `</script>`).
/// U+2028/U+2029 are line terminators to older JavaScript parsers. Outside JSON strings, `<`, `>`
/// and `&` do not occur in JSON, so this is safe for any JSON text.
pub fn script_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_escapes_what_could_end_or_confuse_a_script_element() {
        let v = serde_json::json!({"accept": ["<!--", "</script>", "<script>", "a & b > c", "x\u{2028}y\u{2029}"]});
        let s = script_json(&v.to_string());
        for bad in ["<", ">", "&", "\u{2028}", "\u{2029}"] {
            assert!(!s.contains(bad), "{bad:?} left in {s}");
        }
        // The escaped text is the same JSON value.
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn script_json_keeps_plain_text() {
        assert_eq!(script_json("{\"a\":\"Mật khẩu\"}"), "{\"a\":\"Mật khẩu\"}");
    }
}
