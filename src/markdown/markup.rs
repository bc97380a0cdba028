//! A page's body as the load-time pass leaves it: HTML with holes for what depends on the page that
//! shows it or on rendering. The pass parses each document once and keeps its [`Markup`] in the model;
//! renderers fill the holes for the page they make ([`View`]). So one parse serves a lesson's own page,
//! its level's parents' page, the session pages and the booklet, and the loader needs neither the
//! theme nor the highlighter.
//!
//! The holes:
//! - a link or image to a file of the site, kept relative to the site root: each page puts its own
//!   `../` prefix in front (pages sit at different depths, and the site must work from any sub-path and
//!   from `file://`, so URLs are relative);
//! - a heading id: pages that show several documents' bodies prefix them;
//! - a code block: highlighted when rendered (with the highlight cache), never when loading;
//! - a quiz, a callout's or a table's opening: they carry UI strings of the theme.

use std::borrow::Cow;
use std::sync::Arc;

use super::spill::{Block, Spill};

/// A hole, in the order the pass met it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hole {
    /// A URL relative to the site root, already escaped for an attribute (`thcs/mat-khau/index.html#a`).
    Url(Box<str>),
    /// A heading id, already escaped for an attribute.
    Id(Box<str>),
    /// A fenced or indented code block: its language (first word of the info string) and text.
    Code { lang: Box<str>, text: Box<str> },
    /// The `n`-th quiz of the document (1-based).
    Quiz(usize),
    /// The opening of a callout or audience block (`tip`, `parents`…), up to and including its title.
    Callout(Box<str>),
    /// The opening of the `n`-th table's scrolling region (1-based; its label is numbered).
    Table(usize),
}

/// HTML with holes: `html` without them, and each hole with the byte offset in `html` where it goes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Markup {
    html: Text,
    holes: Box<[(u32, Hole)]>,
}

/// The HTML of a [`Markup`], compressed once [`Markup::pack`] is called: every page's body is held from
/// loading until it is rendered, which on 100,000 lessons was a third of a build's peak memory, and HTML
/// compresses about threefold. Compressing costs about 2 % of a build's CPU time, so a build packs only
/// on large sites (`content::analyse`); decompressing is several times faster than writing the page.
/// Given a [`Spill`], the compressed bytes wait in a temporary file instead of memory.
#[derive(Clone)]
enum Text {
    Plain(Box<str>),
    /// lz4 block with its length in front (`lz4_flex::compress_prepend_size`).
    Lz4(Box<[u8]>),
    /// The same lz4 block, in a temporary file; with its length here too.
    Spilled {
        store: Arc<Spill>,
        block: Block,
        len: u32,
    },
}

impl Default for Text {
    fn default() -> Self {
        Text::Plain(Box::default())
    }
}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.get() {
            Ok(text) => text.fmt(f),
            Err(e) => write!(f, "<unreadable: {e}>"),
        }
    }
}

/// The same HTML, however it is held.
impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Text::Plain(a), Text::Plain(b)) => a == b,
            (a, b) => a.len() == b.len() && matches!((a.get(), b.get()), (Ok(x), Ok(y)) if x == y),
        }
    }
}

impl Eq for Text {}

impl Text {
    /// Shorter texts are kept as they are: compressing them saves little and costs a call per page.
    const PACK_FROM: usize = 256;

    /// Compressed, if that saves an eighth or more; into `spill` if there is one and it takes the bytes.
    fn pack(self, spill: Option<&Arc<Spill>>) -> Self {
        match self {
            Text::Plain(html) if html.len() >= Self::PACK_FROM => {
                let packed = lz4_flex::compress_prepend_size(html.as_bytes());
                if packed.len() >= html.len() - html.len() / 8 {
                    return Text::Plain(html);
                }
                let spilled = spill.and_then(|store| {
                    let len = u32::try_from(html.len()).ok()?;
                    Some(Text::Spilled { store: Arc::clone(store), block: store.put(&packed)?, len })
                });
                spilled.unwrap_or_else(|| Text::Lz4(packed.into()))
            }
            other => other,
        }
    }

    /// The length of the HTML, without decompressing it.
    fn len(&self) -> usize {
        match self {
            Text::Plain(s) => s.len(),
            Text::Lz4(bytes) => bytes.first_chunk().map_or(0, |n| u32::from_le_bytes(*n) as usize),
            Text::Spilled { len, .. } => *len as usize,
        }
    }

    /// The HTML; an error if it was spilled and cannot be read back, or (which only damaged memory or a
    /// damaged file could cause) does not decompress to UTF-8.
    fn get(&self) -> std::io::Result<Cow<'_, str>> {
        let unpack = |bytes: &[u8]| {
            lz4_flex::decompress_size_prepended(bytes)
                .ok()
                .and_then(crate::text::string_from_utf8)
                .map(Cow::Owned)
                .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidData, "not the bytes written"))
        };
        match self {
            Text::Plain(s) => Ok(Cow::Borrowed(s)),
            Text::Lz4(bytes) => unpack(bytes),
            Text::Spilled { store, block, .. } => unpack(&store.get(*block)?),
        }
    }
}

/// How one page fills the holes of the bodies it shows.
pub struct View<'a> {
    /// The `../` prefix from this page to the site root.
    pub root: &'a str,
    /// Put before every heading id (several bodies on one page).
    pub id_prefix: &'a str,
    /// The HTML of a code block, of a quiz (`None`: left out on this page), of a callout's opening and of a
    /// table's opening: the renderer's.
    pub fill: &'a dyn Fill,
}

/// What only the renderer knows: the theme's strings, the highlighter and the quiz forms.
pub trait Fill {
    fn code(&self, lang: &str, text: &str, out: &mut String);
    fn quiz(&self, n: usize, out: &mut String);
    fn callout(&self, name: &str, out: &mut String);
    fn table(&self, n: usize, out: &mut String);
    /// The body could not be read back (see [`Spill`]): nothing of it was written, and the page must not
    /// be published without it.
    fn unreadable(&self, error: std::io::Error);
}

impl Markup {
    /// Writes the HTML as `view`'s page shows it.
    pub fn write(&self, view: &View, out: &mut String) {
        let html = match self.html.get() {
            Ok(html) => html,
            Err(e) => return view.fill.unreadable(e),
        };
        let html = html.as_ref();
        let mut from = 0;
        for (at, hole) in self.holes.iter() {
            let at = *at as usize;
            out.push_str(html.get(from..at).unwrap_or_default());
            from = at;
            match hole {
                Hole::Url(url) => {
                    out.push_str(view.root);
                    out.push_str(url);
                }
                Hole::Id(id) => {
                    out.push_str(view.id_prefix);
                    out.push_str(id);
                }
                Hole::Code { lang, text } => view.fill.code(lang, text, out),
                Hole::Quiz(n) => view.fill.quiz(*n, out),
                Hole::Callout(name) => view.fill.callout(name, out),
                Hole::Table(n) => view.fill.table(*n, out),
            }
        }
        out.push_str(html.get(from..).unwrap_or_default());
    }

    /// Holds the HTML compressed from now on, in `spill` if given (see [`Text`]); what [`Markup::write`]
    /// writes is the same.
    pub fn pack(&mut self, spill: Option<&Arc<Spill>>) {
        self.html = std::mem::take(&mut self.html).pack(spill);
    }

    /// [`Markup::write`] into a new string.
    pub fn to_html(&self, view: &View) -> String {
        let len = self.html.len();
        let mut out = String::with_capacity(len + len / 4);
        self.write(view, &mut out);
        out
    }
}

/// A placeholder the pass puts where hole `i` goes, in an event that pulldown-cmark writes out. It is
/// made of two private-use characters around the hole's number: written raw in HTML and in attributes,
/// and percent-encoded in `href`/`src` (pulldown-cmark encodes every non-ASCII byte there). A source that
/// contains either character has them replaced before the pass ([`clear_sentinels`]), so a placeholder
/// can only come from the pass.
pub(super) fn placeholder(i: usize) -> String {
    format!("{OPEN}{i}{CLOSE}")
}

const OPEN: char = '\u{F8FF}';
const CLOSE: char = '\u{F8FE}';
const OPEN_STR: &str = "\u{F8FF}";
const CLOSE_STR: &str = "\u{F8FE}";
const OPEN_ENCODED: &str = "%EF%A3%BF";
/// The first two bytes of both [`OPEN`] and [`CLOSE`] in UTF-8.
const SENTINEL_LEAD: &[u8] = b"\xEF\xA3";
const CLOSE_ENCODED: &str = "%EF%A3%BE";

/// Replaces the placeholders' characters (and their percent-encoded forms, as pulldown-cmark would write
/// them in a URL) in a page's source, keeping every byte offset: `true` if there were any.
pub(super) fn clear_sentinels(text: &mut String) -> bool {
    // Two vectorised scans of every page's text: both characters begin with the bytes EF A3, and both
    // encoded forms with `%EF%A3%B`. (Searching for the two chars and two strings one by one was about
    // 2 % of a build.) A hit of a prefix alone is checked exactly below.
    let bytes = text.as_bytes();
    let found = (memchr::memmem::find(bytes, SENTINEL_LEAD).is_some() && text.contains([OPEN, CLOSE]))
        || (memchr::memmem::find(bytes, b"%EF%A3%B").is_some()
            && (text.contains(OPEN_ENCODED) || text.contains(CLOSE_ENCODED)));
    if found {
        // U+FFFD is three bytes in UTF-8, like the two private-use characters: offsets stay valid.
        *text = text
            .replace([OPEN, CLOSE], "\u{FFFD}")
            .replace(OPEN_ENCODED, "%EF%BF%BD")
            .replace(CLOSE_ENCODED, "%EF%BF%BD");
    }
    found
}

/// Turns HTML with placeholders into [`Markup`], taking each hole from `holes` by its number.
pub(super) fn from_placeholders(html: &str, holes: &[Hole]) -> Markup {
    let mut out = String::with_capacity(html.len());
    let mut found = Vec::new();
    // The next raw and the next encoded placeholder at or after `pos`, each searched again only once it
    // is passed: searching both from every hole was quadratic in a page's holes (over 1 % of a build).
    let next =
        |from: usize, pat: &str| memchr::memmem::find(html.as_bytes().get(from..)?, pat.as_bytes()).map(|i| from + i);
    let (mut raw, mut enc) = (next(0, OPEN_STR), next(0, OPEN_ENCODED));
    let mut pos = 0;
    loop {
        if raw.is_some_and(|at| at < pos) {
            raw = next(pos, OPEN_STR);
        }
        if enc.is_some_and(|at| at < pos) {
            enc = next(pos, OPEN_ENCODED);
        }
        let raw_next = raw.map(|at| (at, OPEN_STR.len(), CLOSE_STR));
        let enc_next = enc.map(|at| (at, OPEN_ENCODED.len(), CLOSE_ENCODED));
        let Some((at, open_len, close)) = (match (raw_next, enc_next) {
            (Some(a), Some(b)) => Some(if a.0 < b.0 { a } else { b }),
            (a, b) => a.or(b),
        }) else {
            break;
        };
        // Both patterns are whole characters: `at` and `start` are character boundaries.
        let start = at + open_len;
        let after = html.get(start..).unwrap_or_default();
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let hole = after.get(..digits).and_then(|d| d.parse::<usize>().ok()).and_then(|i| holes.get(i));
        match (hole, after.get(digits..).is_some_and(|a| a.starts_with(close))) {
            (Some(hole), true) => {
                out.push_str(html.get(pos..at).unwrap_or_default());
                found.push((out.len() as u32, hole.clone()));
                pos = start + digits + close.len();
            }
            // Not one of ours (cannot happen once the source is cleared): kept as it is.
            _ => {
                out.push_str(html.get(pos..start).unwrap_or_default());
                pos = start;
            }
        }
    }
    out.push_str(html.get(pos..).unwrap_or_default());
    Markup { html: Text::Plain(out.into()), holes: found.into() }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Markup {
        /// A body held in a temporary file that no longer has it, as a failing disk would leave it.
        pub(crate) fn unreadable_for_tests() -> Markup {
            let store = Arc::new(Spill::new().expect("a temporary file"));
            let block = store.put(b"abc").expect("written");
            let lost = Spill::new().expect("a temporary file");
            Markup { html: Text::Spilled { store: Arc::new(lost), block, len: 3 }, holes: Box::default() }
        }
    }

    struct Plain;
    impl Fill for Plain {
        fn code(&self, lang: &str, text: &str, out: &mut String) {
            out.push_str(&format!("<pre data-lang=\"{lang}\">{text}</pre>"));
        }
        fn quiz(&self, n: usize, out: &mut String) {
            out.push_str(&format!("<form id=\"quiz-{n}\"></form>"));
        }
        fn callout(&self, name: &str, out: &mut String) {
            out.push_str(&format!("<aside class=\"{name}\">"));
        }
        fn table(&self, n: usize, out: &mut String) {
            out.push_str(&format!("<div aria-label=\"Bảng {n}\">"));
        }
        fn unreadable(&self, error: std::io::Error) {
            panic!("no spilled body in these tests: {error}");
        }
    }

    #[test]
    fn placeholders_raw_and_percent_encoded_become_holes_in_any_order() {
        let holes = vec![Hole::Url("a/b.html".into()), Hole::Id("muc".into()), Hole::Quiz(1)];
        let html = format!(
            "<h2 id=\"{}\">x</h2><a href=\"{}#y\">z</a>{}",
            placeholder(1),
            placeholder(0).replace(OPEN, OPEN_ENCODED).replace(CLOSE, CLOSE_ENCODED),
            placeholder(2)
        );
        let m = from_placeholders(&html, &holes);
        let view = View { root: "../../", id_prefix: "p-", fill: &Plain };
        assert_eq!(
            m.to_html(&view),
            "<h2 id=\"p-muc\">x</h2><a href=\"../../a/b.html#y\">z</a><form id=\"quiz-1\"></form>"
        );
        let view = View { root: "", id_prefix: "", fill: &Plain };
        assert_eq!(m.to_html(&view), "<h2 id=\"muc\">x</h2><a href=\"a/b.html#y\">z</a><form id=\"quiz-1\"></form>");
        // Raw and encoded in turns, with a stray raw character between: each found once, in order.
        let enc = |i: usize| placeholder(i).replace(OPEN, OPEN_ENCODED).replace(CLOSE, CLOSE_ENCODED);
        let html = format!("{}1{}2{OPEN}x{}3{}", enc(0), placeholder(1), enc(0), placeholder(1));
        let m = from_placeholders(&html, &holes);
        assert_eq!(m.to_html(&view), format!("a/b.html1muc2{OPEN}xa/b.html3muc"));
    }

    #[test]
    fn long_html_is_held_compressed_and_written_the_same() {
        let para =
            "<p>Không chia sẻ mật khẩu với bạn bè, kể cả bạn thân. <a href=\"\u{F8FF}0\u{F8FE}\">Xem thêm</a></p>\n";
        let html = para.repeat(40);
        let holes: Vec<Hole> = vec![Hole::Url("thcs/mat-khau/index.html".into())];
        let mut m = from_placeholders(&html, &holes);
        let view = View { root: "../", id_prefix: "", fill: &Plain };
        let plain = m.to_html(&view);
        let whole = m.clone();
        m.pack(None);
        assert!(matches!(m.html, Text::Lz4(_)), "a long body is compressed");
        assert_eq!(m.to_html(&view), plain);
        assert_eq!(m.html.len(), m.html.get().unwrap().len());
        assert_eq!(m, whole, "the same HTML, however it is held");
        let spill = Arc::new(Spill::new().expect("a temporary file"));
        let mut spilled = whole.clone();
        spilled.pack(Some(&spill));
        assert!(matches!(spilled.html, Text::Spilled { .. }), "and spilled, given a file");
        assert_eq!(spilled.to_html(&view), plain);
        assert_eq!(spilled.html.len(), whole.html.len());
        assert_eq!(spilled, whole);
        let expected = html.replace("\u{F8FF}0\u{F8FE}", "../thcs/mat-khau/index.html");
        assert_eq!(m.to_html(&view), expected);
        let mut short = from_placeholders("<p>Chào em</p>", &[]);
        short.pack(Some(&spill));
        assert!(matches!(short.html, Text::Plain(_)), "a short one is not");
        assert_eq!(short.to_html(&view), "<p>Chào em</p>");
    }

    #[test]
    fn a_stray_sentinel_is_kept_as_text() {
        let m = from_placeholders("a\u{F8FF}9\u{F8FE}b", &[]);
        assert_eq!(m.to_html(&View { root: "", id_prefix: "", fill: &Plain }), "a\u{F8FF}9\u{F8FE}b");
    }

    #[test]
    fn clearing_sentinels_keeps_offsets() {
        let mut t = "x\u{F8FF}y%EF%A3%BEz".to_string();
        let len = t.len();
        assert!(clear_sentinels(&mut t));
        assert_eq!(t.len(), len);
        assert_eq!(t, "x\u{FFFD}y%EF%BF%BDz");
        let mut plain = "Mật khẩu".to_string();
        assert!(!clear_sentinels(&mut plain));
        for c in [OPEN, CLOSE] {
            assert!(c.to_string().as_bytes().starts_with(SENTINEL_LEAD));
        }
        // Other characters that begin with the same bytes, and a partial encoded form, are left alone.
        let mut near = "\u{F8C0} %EF%A3%B0 %ef%a3%bf".to_string();
        assert!(!clear_sentinels(&mut near));
        let mut encoded_close = "a%EF%A3%BEb".to_string();
        assert!(clear_sentinels(&mut encoded_close));
        assert_eq!(encoded_close, "a%EF%BF%BDb");
    }
}
