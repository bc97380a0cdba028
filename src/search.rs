//! Builds the client-side search index (`assets/search-index.js`).
//!
//! The index is a plain script that assigns one object to `window.HOCLIEU_SEARCH`, so the page can load it
//! with a `<script>` element: `fetch` and XHR are refused on `file://`, a script element is not.
//! The matching, ranking and snippet code lives in `themes/default/static/search.js`; `docs/search.md`
//! describes the format and why no search library is used.
//!
//! Format (version 1), one array per field (columns compress better than records):
//! ```text
//! { "v": 1,
//!   "levels": [[slug, title], …],
//!   "doc_url": [url, …],            // root-relative, a trailing "index.html" dropped
//!   "doc_title": [title, …],
//!   "doc_level": [index into levels or -1, …],
//!   "doc_sections": [section count, …],   // a lesson's sections follow those of the lessons before it
//!   "sec_id": [null (no anchor) | 0 (the id is slugify(heading)) | id, …],
//!   "sec_heading": [heading, …],
//!   "sec_text": [snippet, …],       // the start of the section, possibly "" (see Limits)
//!   "terms": [word, …],             // lowercase NFC words, sorted by (fold(word), word) in UTF-16 order
//!   "post": [postings, …] }         // one per term: title doc deltas, "|", section entries
//! ```
//! Numbers in `post` are written in base 32 with the last digit drawn from `FINAL` and the others from `MORE`,
//! so no separators are needed. A section entry is `delta << 1 | in_heading`.

use std::borrow::Cow;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use unicode_normalization::char::is_combining_mark;

use crate::text::{fold, nfc, slugify};

/// One lesson or page; built by the engine from rendered text (teacher blocks already removed for students).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDoc<'a> {
    /// Root-relative, e.g. `thcs/lua-dao-truc-tuyen/index.html`.
    pub url: String,
    pub title: String,
    /// `(slug, title)` of the level, `None` for plain pages.
    pub level: Option<(String, String)>,
    /// The text before the first heading is a section with `id: None`. Borrowed from the model: copying
    /// the whole site's text was a fifth of the index's build time.
    pub sections: Cow<'a, [SearchSection]>,
    /// The page's [`crate::content::Doc::stamp`]: a [`Cache`] reuses the page's words while the stamp is the
    /// same. 0 means "never cache".
    pub stamp: u64,
}

/// A section of a page: its heading's id (`None` before the first heading), heading and text.
pub use crate::markdown::Section as SearchSection;

/// Digits that end a number in the postings strings.
pub const FINAL: &[u8; 32] = b"0123456789abcdefghijklmnopqrstuv";
/// Digits that are followed by more digits of the same number.
pub const MORE: &[u8; 32] = b"wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!#";

/// Size caps. A curriculum of a few hundred lessons stays under them and is searched in full text; on a
/// site of thousands of lessons only the start of each section's body is indexed, which bounds both the
/// download (the first keystroke would otherwise fetch many megabytes) and the build time (tokenising is
/// nearly all of it). Titles and headings are always indexed in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most bytes of body text tokenised over the whole site, shared fairly between sections.
    pub body_bytes: usize,
    /// Most characters of stored snippet text over the whole site.
    pub snippet_chars: usize,
    /// Longest snippet stored for one section.
    pub snippet_max: usize,
    /// A share smaller than this is not worth showing: such sections get no snippet.
    pub snippet_min: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { body_bytes: 1_500_000, snippet_chars: 700_000, snippet_max: 240, snippet_min: 60 }
    }
}

/// Returns the contents of `assets/search-index.js`, which assigns the index to `window.HOCLIEU_SEARCH`.
pub fn build_index(docs: &[SearchDoc]) -> String {
    build_index_with(docs, &Limits::default(), &mut Cache::default())
}

/// [`build_index`] with explicit caps (tests use small ones), reusing and filling `cache`.
pub fn build_index_with(docs: &[SearchDoc], limits: &Limits, cache: &mut Cache) -> String {
    let index = Index::build(docs, limits, cache);
    // The three parts are written on both threads, then joined into one object: `{a…}` + `{b…}` + `{c…}`
    // → `{a…,b…,c…}`, the same bytes as serialising one struct with all the fields.
    let json = |v: &dyn erased::Json| v.json();
    let (docs_part, (sections_part, terms_part)) =
        rayon::join(|| json(&index.docs), || rayon::join(|| json(&index.sections), || json(&index.terms)));
    let mut out = String::with_capacity(docs_part.len() + sections_part.len() + terms_part.len() + 32);
    out.push_str("window.HOCLIEU_SEARCH=");
    out.push_str(docs_part.strip_suffix('}').unwrap_or(&docs_part));
    out.push(',');
    out.push_str(sections_part.strip_prefix('{').and_then(|p| p.strip_suffix('}')).unwrap_or(&sections_part));
    out.push(',');
    out.push_str(terms_part.strip_prefix('{').unwrap_or(&terms_part));
    out.push_str(";\n");
    out
}

mod erased {
    /// Serialises any of the index's parts (serde's `Serialize` is not object-safe).
    pub trait Json: Sync {
        fn json(&self) -> String;
    }
    impl<T: serde::Serialize + Sync> Json for T {
        fn json(&self) -> String {
            serde_json::to_string(self).expect("search index serialises")
        }
    }
}

/// The index, in the field order of the format above.
#[derive(Default)]
struct Index {
    docs: DocsPart,
    sections: SectionsPart,
    terms: TermsPart,
}

#[derive(Serialize, Default)]
struct DocsPart {
    v: u32,
    levels: Vec<(String, String)>,
    doc_url: Vec<String>,
    doc_title: Vec<String>,
    doc_level: Vec<i64>,
    doc_sections: Vec<usize>,
}

#[derive(Serialize, Default)]
struct SectionsPart {
    sec_id: Vec<serde_json::Value>,
    sec_heading: Vec<String>,
    sec_text: Vec<String>,
}

#[derive(Serialize, Default)]
struct TermsPart {
    terms: Vec<String>,
    post: Vec<String>,
}

/// Postings of one term while the index is built.
#[derive(Default)]
struct Postings {
    title_docs: Vec<u32>,
    /// `section << 1 | in_heading`, ascending.
    sections: Vec<u32>,
}

/// The keys are short words from our own content and page stamps, so SipHash's flood resistance buys
/// nothing, and hashing was a large share of the build time: rustc's Fx hash instead.
type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;

/// Interns words so each distinct word is allocated once.
#[derive(Default)]
struct Terms {
    ids: FastMap<String, u32>,
    words: Vec<String>,
}

/// What `serve` keeps between rebuilds: the words and snippets of every page by its stamp, so an edit
/// tokenises only the pages it changed. The caps depend on the whole site's text; when an edit moves
/// them (rarely: most sections are longer than the cap), everything is tokenised again.
#[derive(Default)]
pub struct Cache {
    terms: Terms,
    /// Each term's sort key (its folded form, then itself, in UTF-16), made once per term.
    keys: Vec<Vec<u16>>,
    body_caps: (usize, usize),
    snippet_caps: (usize, usize),
    words: FastMap<u64, Arc<DocWords>>,
    snippets: FastMap<u64, Arc<Vec<SectionEntry>>>,
}

/// A page's title words and its sections' words, numbered by the cache's [`Terms`].
struct DocWords {
    title: Vec<u32>,
    sections: Vec<SectionWords>,
}

/// A section as the index stores it: id (`null`, `0` or the id), heading and snippet.
type SectionEntry = (serde_json::Value, String, String);

impl Terms {
    fn intern(&mut self, word: String) -> u32 {
        if let Some(&id) = self.ids.get(&word) {
            return id;
        }
        let id = self.words.len() as u32;
        self.ids.insert(word.clone(), id);
        self.words.push(word);
        id
    }

    fn id(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.words.len() as u32;
        self.ids.insert(word.to_owned(), id);
        self.words.push(word.to_owned());
        id
    }
}

impl Index {
    fn build(docs: &[SearchDoc], limits: &Limits, cache: &mut Cache) -> Index {
        let caps = shares(docs, limits.body_bytes, SearchSection::full_len);
        if cache.body_caps != caps {
            cache.words.clear();
            cache.body_caps = caps;
        }
        let cached: Vec<Option<Arc<DocWords>>> =
            docs.iter().map(|d| if d.stamp == 0 { None } else { cache.words.get(&d.stamp).cloned() }).collect();
        let missing: Vec<&SearchDoc> = docs.iter().zip(&cached).filter(|(_, c)| c.is_none()).map(|(d, _)| d).collect();
        // Tokenising is nearly all of the work: chunks of pages are tokenised in parallel, each with its own
        // word list, then merged in order so the output does not depend on threads.
        let chunks: Vec<Tokenized> = missing.par_chunks(32).map(|chunk| tokenize(chunk, caps)).collect();
        let mut fresh = Vec::with_capacity(missing.len());
        for (chunk_docs, chunk) in missing.chunks(32).zip(chunks) {
            let global: Vec<u32> = chunk.vocab.into_iter().map(|w| cache.terms.intern(w)).collect();
            let mut sections = chunk.sections.into_iter();
            for (doc, mut title) in chunk_docs.iter().zip(chunk.titles) {
                title.iter_mut().for_each(|t| *t = global[*t as usize]);
                let sections = sections
                    .by_ref()
                    .take(doc.sections.len())
                    .map(|(mut heading, mut body)| {
                        heading.iter_mut().for_each(|t| *t = global[*t as usize]);
                        body.iter_mut().for_each(|(t, _)| *t = global[*t as usize]);
                        (heading, body)
                    })
                    .collect();
                fresh.push(Arc::new(DocWords { title, sections }));
            }
        }
        let mut fresh = fresh.into_iter();
        let per_doc: Vec<Arc<DocWords>> = docs
            .iter()
            .zip(cached)
            .map(|(d, c)| {
                c.unwrap_or_else(|| {
                    let w =
                        fresh.next().unwrap_or_else(|| Arc::new(DocWords { title: Vec::new(), sections: Vec::new() }));
                    if d.stamp != 0 {
                        cache.words.insert(d.stamp, w.clone());
                    }
                    w
                })
            })
            .collect();
        if cache.words.len() > docs.len() {
            // Pages edited or removed since the last build.
            let live: std::collections::HashSet<u64> = docs.iter().map(|d| d.stamp).collect();
            cache.words.retain(|k, _| live.contains(k));
            cache.snippets.retain(|k, _| live.contains(k));
        }

        // Postings and snippets do not depend on each other: one thread each.
        let (terms, sections) = rayon::join(
            || terms_part(&per_doc, &cache.terms, &mut cache.keys),
            || sections(docs, limits, &mut cache.snippets, &mut cache.snippet_caps),
        );
        let mut part = DocsPart { v: 1, ..DocsPart::default() };
        for doc in docs {
            let level = match &doc.level {
                None => -1,
                Some((slug, title)) => match part.levels.iter().position(|(s, _)| s == slug) {
                    Some(i) => i as i64,
                    None => {
                        part.levels.push((slug.clone(), normalized(title).into_owned()));
                        (part.levels.len() - 1) as i64
                    }
                },
            };
            part.doc_url.push(doc.url.strip_suffix("index.html").unwrap_or(&doc.url).to_owned());
            part.doc_title.push(normalized(&doc.title).into_owned());
            part.doc_level.push(level);
            part.doc_sections.push(doc.sections.len());
        }
        Index { docs: part, sections, terms }
    }
}

/// Every word with its postings, sorted for the client.
fn terms_part(per_doc: &[Arc<DocWords>], terms: &Terms, keys: &mut Vec<Vec<u16>>) -> TermsPart {
    let n_terms = terms.words.len();
    let mut postings: Vec<Postings> = (0..n_terms).map(|_| Postings::default()).collect();
    for (d, words) in per_doc.iter().enumerate() {
        for &t in &words.title {
            postings[t as usize].title_docs.push(d as u32);
        }
    }
    // `seen[t]` is 1 + the last section whose heading has word t: a word in both heading and body gets
    // one entry, flagged as heading.
    let mut seen = vec![0u32; n_terms];
    for (s, (heading, body)) in per_doc.iter().flat_map(|d| &d.sections).enumerate() {
        let s = s as u32;
        for &t in heading {
            seen[t as usize] = s + 1;
            postings[t as usize].sections.push(s << 1 | 1);
        }
        for &(t, _) in body {
            if seen[t as usize] != s + 1 {
                postings[t as usize].sections.push(s << 1);
            }
        }
    }

    // Sort words by their folded form so the client can binary-search a typed prefix; UTF-16 order
    // because that is how JavaScript compares strings.
    let known = keys.len();
    keys.extend(terms.words[known..].iter().map(|w| (fold(w) + "\u{0}" + w).encode_utf16().collect::<Vec<u16>>()));
    // Words only in body text that was trimmed away (or only in pages since edited) are left out.
    let mut order: Vec<u32> = (0..n_terms as u32)
        .filter(|&t| !postings[t as usize].title_docs.is_empty() || !postings[t as usize].sections.is_empty())
        .collect();
    order.sort_unstable_by(|&a, &b| keys[a as usize].cmp(&keys[b as usize]));
    TermsPart {
        terms: order.iter().map(|&t| terms.words[t as usize].clone()).collect(),
        post: order.iter().map(|&t| encode_postings(&postings[t as usize])).collect(),
    }
}

/// Distinct heading words, and distinct body words with their counts.
type SectionWords = (Vec<u32>, Vec<(u32, u32)>);

/// Words of a run of lessons, numbered in `vocab` order.
struct Tokenized {
    vocab: Vec<String>,
    /// Per lesson: distinct title words.
    titles: Vec<Vec<u32>>,
    /// Per section: distinct heading words, and distinct body words with their counts.
    sections: Vec<SectionWords>,
}

/// `caps`: the most body bytes to read from the lead section and from the other sections of each lesson.
fn tokenize(docs: &[&SearchDoc], caps: (usize, usize)) -> Tokenized {
    let mut terms = Terms::default();
    let mut buf = String::new();
    // Word counts of the current section, indexed by word; `touched` lists the words to read and reset.
    let mut counts: Vec<u32> = Vec::new();
    let mut touched: Vec<u32> = Vec::new();
    let distinct = |terms: &mut Terms, text: &str, buf: &mut String| {
        let mut words = Vec::new();
        for_each_word(&normalized(text), buf, |w| words.push(terms.id(w)));
        words.sort_unstable();
        words.dedup();
        words
    };
    let mut out = Tokenized { vocab: Vec::new(), titles: Vec::with_capacity(docs.len()), sections: Vec::new() };
    for doc in docs {
        out.titles.push(distinct(&mut terms, &doc.title, &mut buf));
        let lead = lead_section(&doc.sections);
        for (i, section) in doc.sections.iter().enumerate() {
            let body_cap = if Some(i) == lead { caps.0 } else { caps.1 };
            let heading = distinct(&mut terms, &section.heading, &mut buf);
            for_each_word(&normalized(head(&section.text, body_cap)), &mut buf, |w| {
                let t = terms.id(w) as usize;
                if t >= counts.len() {
                    counts.resize(t + 1024, 0);
                }
                if counts[t] == 0 {
                    touched.push(t as u32);
                }
                counts[t] += 1;
            });
            let body = touched.iter().map(|&t| (t, std::mem::take(&mut counts[t as usize]))).collect();
            touched.clear();
            out.sections.push((heading, body));
        }
    }
    out.vocab = terms.words;
    out
}

/// The first section of `doc` with text: it usually says what the lesson is about, so it gets its share
/// of the body and snippet budgets before the other sections.
fn lead_section(sections: &[SearchSection]) -> Option<usize> {
    sections.iter().position(|s| !s.text.trim().is_empty())
}

/// Splits `budget` between sections of the given sizes: lead sections first, then the others. Returns the
/// most each lead section and each other section may take; short sections are kept whole and leave their
/// share to the long ones.
fn shares(docs: &[SearchDoc], budget: usize, size: impl Fn(&SearchSection) -> usize) -> (usize, usize) {
    let (mut lead, mut other) = (Vec::new(), Vec::new());
    for doc in docs {
        let l = lead_section(&doc.sections);
        for (i, section) in doc.sections.iter().enumerate() {
            let n = size(section);
            if Some(i) == l {
                lead.push(n)
            } else {
                other.push(n)
            }
        }
    }
    let lead_cap = water_level(&lead, budget);
    let used: usize = lead.iter().map(|&n| n.min(lead_cap)).sum();
    (lead_cap, water_level(&other, budget - used))
}

/// The largest cap such that the sizes, each cut to it, add up to at most `budget`.
fn water_level(sizes: &[usize], budget: usize) -> usize {
    if sizes.iter().sum::<usize>() <= budget {
        return usize::MAX;
    }
    let (mut lo, mut hi) = (0, sizes.iter().copied().max().unwrap_or(0));
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if sizes.iter().map(|&n| n.min(mid)).sum::<usize>() <= budget {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    lo
}

/// At most `cap` bytes from the start of `text`, not cutting a word (a cut word would be indexed as a
/// different, shorter word).
fn head(text: &str, cap: usize) -> &str {
    if text.len() <= cap {
        return text;
    }
    let mut end = cap;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if text[end..].starts_with(char::is_whitespace) {
        return &text[..end];
    }
    match text[..end].rfind(char::is_whitespace) {
        Some(space) => &text[..space],
        None => "",
    }
}

fn sections(
    docs: &[SearchDoc],
    limits: &Limits,
    cache: &mut FastMap<u64, Arc<Vec<SectionEntry>>>,
    cached_caps: &mut (usize, usize),
) -> SectionsPart {
    let (lead_cap, other_cap) = snippet_caps(docs, limits);
    if *cached_caps != (lead_cap, other_cap) {
        cache.clear();
        *cached_caps = (lead_cap, other_cap);
    }
    let mut part = SectionsPart::default();
    for doc in docs {
        let entries = match cache.get(&doc.stamp).filter(|_| doc.stamp != 0) {
            Some(hit) => hit.clone(),
            None => {
                let lead = lead_section(&doc.sections);
                let cap_of = |i| if Some(i) == lead { lead_cap } else { other_cap };
                let entries: Vec<SectionEntry> = doc
                    .sections
                    .iter()
                    .enumerate()
                    .map(|(i, section)| {
                        let heading = normalized(&section.heading).into_owned();
                        let id = match &section.id {
                            None => serde_json::Value::Null,
                            Some(id) if *id == slugify(&heading) => serde_json::Value::from(0),
                            Some(id) => serde_json::Value::from(id.as_str()),
                        };
                        // Cut first: normalising the whole section only to keep its first lines would double
                        // the work.
                        let text = normalized(&snippet(&section.text, cap_of(i))).into_owned();
                        (id, heading, text)
                    })
                    .collect();
                let entries = Arc::new(entries);
                if doc.stamp != 0 {
                    cache.insert(doc.stamp, entries.clone());
                }
                entries
            }
        };
        for (id, heading, text) in entries.iter() {
            part.sec_id.push(id.clone());
            part.sec_heading.push(heading.clone());
            part.sec_text.push(text.clone());
        }
    }
    part
}

/// The most characters of snippet each lead section and each other section may show.
fn snippet_caps(docs: &[SearchDoc], limits: &Limits) -> (usize, usize) {
    let max = limits.snippet_max;
    // Bytes stand in for characters: never fewer, and counting characters of every section cost more than
    // the rest of this function.
    let (lead_cap, other_cap) = shares(docs, limits.snippet_chars, |s| s.full_len().min(max));
    let cap = |c: usize| if c < limits.snippet_min { 0 } else { c.min(max) };
    (cap(lead_cap), cap(other_cap))
}

/// How much of each section's text an index of some pages reads: (body bytes, snippet characters) for
/// lead sections and for the others. See [`trim_sections`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reach {
    lead: (usize, usize),
    other: (usize, usize),
}

/// What [`build_index_with`] would read of `docs` with these limits.
pub fn reach(docs: &[SearchDoc], limits: &Limits) -> Reach {
    let (lead_body, other_body) = shares(docs, limits.body_bytes, SearchSection::full_len);
    let (lead_snippet, other_snippet) = snippet_caps(docs, limits);
    Reach { lead: (lead_body, lead_snippet), other: (other_body, other_snippet) }
}

/// Cuts each section's text to the part an index within `reach` reads, keeping its full length: on a site
/// of thousands of lessons that frees most of the model's search text (60 MB of 10,000 lessons) before
/// rendering. The index built afterwards is the same, byte for byte (tested). Only for one-shot builds:
/// `serve` keeps whole texts, since an edit can move the caps.
pub fn trim_sections(sections: &mut [SearchSection], reach: Reach) {
    let lead = lead_section(sections);
    for (i, section) in sections.iter_mut().enumerate() {
        let (body, snippet_cap) = if Some(i) == lead { reach.lead } else { reach.other };
        let text = &section.text;
        if body >= text.len() {
            continue;
        }
        // `head` looks at the character that starts at its cut; `snippet` reads up to the end of the first
        // word that does not fit.
        let mut keep = (body + 4).min(text.len());
        while !text.is_char_boundary(keep) {
            keep += 1;
        }
        keep = keep.max(snippet_end(text, snippet_cap));
        // A section that is not blank must stay so (it decides which section leads).
        if keep >= text.len() || text[..keep].trim().is_empty() {
            continue;
        }
        section.cut_from = Some(section.full_len());
        section.text.truncate(keep);
        section.text.shrink_to_fit();
    }
}

/// A bound on [`reach`] that grows page by page while a site loads, so that each page's search text can be
/// cut soon after its pass instead of being held whole until every page is read (on 100,000 lessons the
/// whole texts were 0.8 GB, a third of the build's peak).
///
/// [`reach`] depends on every section's length, but only ever shrinks as sections are added: a fixed budget
/// shared by more sections leaves each at most as much. So the reach of the pages seen so far bounds the
/// final one, provided every page counted is one the index will hold (a subset of the final pages). What
/// [`ReachBound::reach`] returns is coarser still, from lengths bucketed by powers of two, so adding a page
/// costs a few additions: a section may keep up to twice what the final index reads, which on a large site
/// is a few megabytes in all. Cutting with it and then with the final [`reach`] leaves the index as cutting
/// with the final reach alone (tested).
#[derive(Debug, Clone)]
pub struct ReachBound {
    limits: Limits,
    /// At least the number of pages the final index holds: each has at most one lead section.
    most_pages: usize,
    lead: Buckets,
    other: Buckets,
}

/// Section lengths by power of two: `count[k]` sections have a length in `[2^k, 2^(k+1))`.
#[derive(Debug, Clone)]
struct Buckets {
    count: [usize; usize::BITS as usize],
    /// The sum of the lengths, and of the lengths cut to the longest snippet.
    total: usize,
    total_snippet: usize,
}

impl Default for Buckets {
    fn default() -> Self {
        Buckets { count: [0; usize::BITS as usize], total: 0, total_snippet: 0 }
    }
}

impl Buckets {
    fn add(&mut self, len: usize, snippet_max: usize) {
        if len > 0 {
            self.count[len.ilog2() as usize] += 1;
        }
        self.total += len;
        self.total_snippet += len.min(snippet_max);
    }

    /// More than the cap that [`water_level`] gives for these lengths and `budget` (or `usize::MAX`): the
    /// smallest power of two `t` such that the sections at least `t` long, each given `t`, overspend the
    /// budget; the water level is then below `t`.
    fn cap_above(&self, budget: usize) -> usize {
        let mut at_least = 0;
        let mut found = usize::MAX;
        for k in (0..self.count.len()).rev() {
            at_least += self.count[k];
            let t = 1usize << k;
            if at_least.saturating_mul(t) > budget {
                found = t;
            }
        }
        found
    }
}

impl ReachBound {
    /// `most_pages`: at least the number of pages the final index will hold.
    pub fn new(limits: Limits, most_pages: usize) -> Self {
        ReachBound { limits, most_pages, lead: Buckets::default(), other: Buckets::default() }
    }

    /// Counts one page's sections. Only pages the final index holds may be counted.
    pub fn add(&mut self, sections: &[SearchSection]) {
        let lead = lead_section(sections);
        for (i, s) in sections.iter().enumerate() {
            let b = if Some(i) == lead { &mut self.lead } else { &mut self.other };
            b.add(s.full_len(), self.limits.snippet_max);
        }
    }

    /// A reach that reads at least as much of every section as the final [`reach`] will.
    pub fn reach(&self) -> Reach {
        let l = &self.limits;
        // The lead sections take their share first; what they leave is the others' budget. They take at
        // least all they have (up to the budget) or, once over it, all but one byte per lead section.
        let others_budget = |budget: usize, lead_total: usize| {
            budget - lead_total.min(budget).min(budget.saturating_sub(self.most_pages))
        };
        let body_lead = self.lead.cap_above(l.body_bytes);
        let body_other = self.other.cap_above(others_budget(l.body_bytes, self.lead.total));
        let snippet = |cap: usize| cap.min(l.snippet_max);
        let snippet_lead = snippet(self.lead.cap_above(l.snippet_chars));
        let snippet_other = snippet(self.other.cap_above(others_budget(l.snippet_chars, self.lead.total_snippet)));
        Reach { lead: (body_lead, snippet_lead), other: (body_other, snippet_other) }
    }
}

/// Where [`snippet`] stops reading `text` with this cap: the end of the first word that does not fit.
fn snippet_end(text: &str, cap: usize) -> usize {
    if cap == 0 {
        return 0;
    }
    // One pass over the characters, counting each word as it ends (`split_whitespace` and then counting
    // each word's characters again was about 1 % of a build: every section of every page is cut).
    let (mut len, mut word, mut words) = (0, 0, 0);
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        if !c.is_whitespace() {
            word += 1;
        } else if word > 0 {
            let sep = usize::from(words > 0);
            if len + sep + word > cap {
                return i;
            }
            (len, word, words) = (len + sep + word, 0, words + 1);
        }
    }
    text.len()
}

/// The start of `text`, whitespace collapsed, cut at a word boundary to at most `cap` characters
/// (plus "…" when cut).
pub fn snippet(text: &str, cap: usize) -> String {
    let mut out = String::new();
    if cap == 0 {
        return out;
    }
    let mut len = 0;
    for word in text.split_whitespace() {
        let n = word.chars().count();
        let sep = usize::from(!out.is_empty());
        if len + sep + n > cap {
            if out.is_empty() {
                out.extend(word.chars().take(cap));
            }
            out.push('…');
            return out;
        }
        if sep == 1 {
            out.push(' ');
        }
        out.push_str(word);
        len += sep + n;
    }
    out
}

fn normalized(s: &str) -> std::borrow::Cow<'_, str> {
    if crate::text::is_nfc(s) {
        std::borrow::Cow::Borrowed(s)
    } else {
        std::borrow::Cow::Owned(nfc(s))
    }
}

/// Calls `f` with each word of `text` lowercased. A word is a run of letters, digits and combining marks
/// (so decomposed diacritics that survive NFC stay inside their word). The client splits the same way.
/// Words already in lowercase, nearly all of them, are passed as slices of `text` without copying; ASCII
/// bytes are classified without decoding, as this loop runs over every byte of the site's text.
fn for_each_word(text: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut start = usize::MAX;
    let mut upper = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (len, word, up) = if b < 0x80 {
            (1, b.is_ascii_alphanumeric(), b.is_ascii_uppercase())
        } else {
            let c = text[i..].chars().next().expect("char boundary");
            let word = is_word_char(c);
            (c.len_utf8(), word, word && is_upper(c))
        };
        if word {
            if start == usize::MAX {
                start = i;
                upper = false;
            }
            upper |= up;
        } else if start != usize::MAX {
            emit(&text[start..i], upper, buf, &mut f);
            start = usize::MAX;
        }
        i += len;
    }
    if start != usize::MAX {
        emit(&text[start..], upper, buf, &mut f);
    }
}

fn emit(word: &str, upper: bool, buf: &mut String, f: &mut impl FnMut(&str)) {
    if upper {
        buf.clear();
        buf.extend(word.chars().flat_map(char::to_lowercase));
        f(buf);
    } else {
        f(word);
    }
}

fn is_upper(c: char) -> bool {
    match c {
        // Vietnamese precomposed letters alternate capital, small.
        '\u{1ea0}'..='\u{1ef9}' => (c as u32).is_multiple_of(2),
        '\u{c0}'..='\u{de}' => c != '×',
        '\u{df}'..='\u{ff}' => false,
        _ => c.is_uppercase(),
    }
}

fn is_word_char(c: char) -> bool {
    // Vietnamese letters live in these blocks; checking them first skips the general Unicode tables.
    matches!(c, '\u{c0}'..='\u{24f}' if c != '×' && c != '÷')
        || matches!(c, '\u{1ea0}'..='\u{1ef9}')
        || c.is_alphanumeric()
        || is_combining_mark(c)
}

/// The words of `text` as the index stores them (lowercase NFC).
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut buf = String::new();
    for_each_word(&normalized(text), &mut buf, |w| out.push(w.to_owned()));
    out
}

fn encode_postings(p: &Postings) -> String {
    let mut out = String::new();
    let mut prev = 0;
    for (i, &d) in p.title_docs.iter().enumerate() {
        push_number(&mut out, if i == 0 { d } else { d - prev });
        prev = d;
    }
    out.push('|');
    let mut prev = 0;
    for (i, &e) in p.sections.iter().enumerate() {
        let (s, h) = (e >> 1, e & 1);
        push_number(&mut out, (if i == 0 { s } else { s - prev }) << 1 | h);
        prev = s;
    }
    out
}

fn push_number(out: &mut String, mut n: u32) {
    let mut digits = [0u8; 7];
    let mut i = digits.len();
    i -= 1;
    digits[i] = FINAL[(n & 31) as usize];
    n >>= 5;
    while n > 0 {
        i -= 1;
        digits[i] = MORE[(n & 31) as usize];
        n >>= 5;
    }
    out.push_str(std::str::from_utf8(&digits[i..]).expect("ASCII digits"));
}

/// Decodes one postings string: `(title docs, [(section, in_heading)])`. Mirrors `decode` in search.js.
pub fn decode_postings(s: &str) -> (Vec<u32>, Vec<(u32, bool)>) {
    let (title, sections) = s.split_once('|').unwrap_or((s, ""));
    let numbers = |part: &str| {
        let mut out = Vec::new();
        let mut acc = 0u32;
        for b in part.bytes() {
            if let Some(d) = FINAL.iter().position(|&x| x == b) {
                out.push(acc * 32 + d as u32);
                acc = 0;
            } else if let Some(d) = MORE.iter().position(|&x| x == b) {
                acc = acc * 32 + d as u32;
            }
        }
        out
    };
    let mut docs = numbers(title);
    for i in 1..docs.len() {
        docs[i] += docs[i - 1];
    }
    let mut secs = Vec::new();
    let mut prev = 0;
    for (i, n) in numbers(sections).into_iter().enumerate() {
        let s = if i == 0 { n >> 1 } else { prev + (n >> 1) };
        secs.push((s, n & 1 == 1));
        prev = s;
    }
    (docs, secs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::slugify;
    use serde_json::Value;

    fn doc(url: &str, title: &str, level: Option<&str>, sections: &[(Option<&str>, &str, &str)]) -> SearchDoc<'static> {
        SearchDoc {
            url: url.into(),
            title: title.into(),
            level: level.map(|l| (l.into(), l.to_uppercase())),
            sections: sections
                .iter()
                .map(|(id, h, t)| SearchSection {
                    id: id.map(Into::into),
                    heading: (*h).into(),
                    text: (*t).into(),
                    cut_from: None,
                })
                .collect::<Vec<_>>()
                .into(),
            stamp: 0,
        }
    }

    fn parse(js: &str) -> Value {
        let json = js.strip_prefix("window.HOCLIEU_SEARCH=").unwrap().trim_end().strip_suffix(';').unwrap();
        serde_json::from_str(json).unwrap()
    }

    /// Postings of the words whose folded form is `key`, merged: (title docs, sections with heading flag).
    fn lookup(index: &Value, key: &str) -> (Vec<u32>, Vec<(u32, bool)>) {
        let mut docs = Vec::new();
        let mut secs = Vec::new();
        for (w, p) in index["terms"].as_array().unwrap().iter().zip(index["post"].as_array().unwrap()) {
            if fold(w.as_str().unwrap()) == key {
                let (d, s) = decode_postings(p.as_str().unwrap());
                docs.extend(d);
                secs.extend(s);
            }
        }
        docs.sort_unstable();
        docs.dedup();
        secs.sort_unstable();
        secs.dedup();
        (docs, secs)
    }

    #[test]
    fn words_are_lowercase_nfc_and_split_on_punctuation() {
        assert_eq!(words("Lừa ĐẢO trực-tuyến, số 111!"), ["lừa", "đảo", "trực", "tuyến", "số", "111"]);
        // Decomposed input gives the same words as composed input.
        assert_eq!(words("Lu\u{300}a đa\u{309}o"), words("Lùa đảo"));
        assert_eq!(fold(&words("Mật KHẨU")[1]), "khau");
    }

    #[test]
    fn numbers_round_trip() {
        let p = Postings { title_docs: vec![0, 5, 40, 1_000_000], sections: vec![1, 3 << 1, 33 << 1 | 1, 70_000 << 1] };
        let s = encode_postings(&p);
        assert!(s.bytes().all(|b| b.is_ascii_graphic() && b != b'"' && b != b'\\'), "{s}");
        let (d, secs) = decode_postings(&s);
        assert_eq!(d, [0, 5, 40, 1_000_000]);
        assert_eq!(secs, [(0, true), (3, false), (33, true), (70_000, false)]);
        assert_eq!(decode_postings("|"), (vec![], vec![]));
    }

    #[test]
    fn fields_are_kept_apart() {
        let docs = [
            doc("a/x/index.html", "Lừa đảo trực tuyến", Some("thcs"), &[(None, "", "Bài này nói về an toàn.")]),
            doc(
                "a/y/index.html",
                "Mật khẩu",
                Some("thcs"),
                &[(None, "", "Mở đầu."), (Some("dau-hieu-lua-dao"), "Dấu hiệu lừa đảo", "Cẩn thận.")],
            ),
            doc("b/z/index.html", "Bạn bè", Some("thpt"), &[(None, "", "Có người lừa em.")]),
        ];
        let index = parse(&build_index(&docs));
        let (title, secs) = lookup(&index, "lua");
        assert_eq!(title, [0]);
        // Section 2 is doc 1's heading, section 3 is doc 2's body.
        assert_eq!(secs, [(2, true), (3, false)]);
        // A heading id that is the heading's slug is stored as 0, the client recomputes it.
        assert_eq!(index["sec_id"][2], Value::from(0));
        assert_eq!(index["sec_id"][0], Value::Null);
        assert_eq!(index["doc_url"][0], "a/x/");
        assert_eq!(index["doc_title"][0], "Lừa đảo trực tuyến");
        assert_eq!(index["doc_level"], serde_json::json!([0, 0, 1]));
        assert_eq!(index["doc_sections"], serde_json::json!([1, 2, 1]));
        assert_eq!(index["levels"], serde_json::json!([["thcs", "THCS"], ["thpt", "THPT"]]));
    }

    #[test]
    fn terms_sorted_by_folded_form_and_both_spellings_kept() {
        let docs = [doc("x/index.html", "Lửa và lừa, lúa", None, &[(Some("bat-nat"), "Bắt nạt", "Đà Lạt da")])];
        let index = parse(&build_index(&docs));
        let terms: Vec<&str> = index["terms"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
        let keys: Vec<String> = terms.iter().map(|t| fold(t)).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        for w in ["lửa", "lừa", "lúa", "đà", "da"] {
            assert!(terms.contains(&w), "{w} in {terms:?}");
        }
        assert_eq!(lookup(&index, "da").1, [(0, false)]);
        assert_eq!(index["doc_level"][0], Value::from(-1));
    }

    #[test]
    fn snippets_cut_at_words() {
        assert_eq!(snippet("  Một   hai\nba  ", 100), "Một hai ba");
        assert_eq!(snippet("Một hai ba bốn", 9), "Một hai…");
        assert_eq!(snippet("Mộthaibabốn", 4), "Mộth…");
        assert_eq!(snippet("abc", 0), "");
    }

    #[test]
    fn budgets_bound_body_and_snippets() {
        let sections: Vec<(Option<&str>, &str, &str)> =
            vec![(None, "", "hổ và mèo"), (Some("b"), "Bò", "voi và cá heo"), (Some("c"), "Cò", "rùa")];
        let docs = [doc("x/index.html", "Con vật", None, &sections)];
        // 21 bytes of body: the lead section's 13 first, then 4 bytes for each other section.
        let limits = Limits { body_bytes: 21, snippet_chars: 24, snippet_max: 240, snippet_min: 5 };
        let index = parse(&build_index_with(&docs, &limits, &mut Cache::default()));
        assert_eq!(lookup(&index, "meo").1, [(0, false)]);
        assert_eq!(lookup(&index, "voi").1, [(1, false)]);
        assert_eq!(lookup(&index, "rua").1, [(2, false)]);
        assert_eq!(lookup(&index, "va").1, [(0, false)], "only the lead section's 'và' is within budget");
        assert_eq!(lookup(&index, "heo"), (vec![], vec![]));
        // Titles and headings are never trimmed.
        assert_eq!(lookup(&index, "bo").1, [(1, true)]);
        assert_eq!(lookup(&index, "vat").0, [0]);
        // The first section gets its snippet first; the rest share what is left.
        assert_eq!(index["sec_text"][0], "hổ và mèo");
        assert_eq!(index["sec_text"][1], "voi và…");
        assert_eq!(index["sec_text"][2], "rùa");
    }

    #[test]
    fn empty_intro_passes_the_lead_to_the_next_section() {
        let docs = [doc(
            "x/index.html",
            "Bài",
            None,
            &[(None, "", "  "), (Some("a"), "A", "một hai ba bốn năm"), (Some("b"), "B", "sáu bảy tám chín mười")],
        )];
        let limits = Limits { body_bytes: 13, snippet_chars: 12, snippet_max: 240, snippet_min: 5 };
        let index = parse(&build_index_with(&docs, &limits, &mut Cache::default()));
        assert_eq!(index["sec_text"][1], "một hai ba…");
        assert_eq!(index["sec_text"][2], "");
        assert_eq!(lookup(&index, "ba").1, [(1, false)]);
        assert_eq!(lookup(&index, "sau"), (vec![], vec![]));
    }

    #[test]
    fn slugs_of_generated_headings_are_folded_words() {
        // `slugify` folds one character at a time; folding the whole string first gives the same slug.
        let by_fold = |s: &str| {
            let mut out = String::new();
            for word in fold(s).split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
                if !out.is_empty() {
                    out.push('-');
                }
                out.push_str(word);
            }
            out
        };
        for doc in bench::corpus(200, 2_000) {
            for section in doc.sections.iter() {
                assert_eq!(slugify(&section.heading), by_fold(&section.heading), "{}", section.heading);
            }
        }
    }

    #[test]
    fn head_cuts_between_words() {
        assert_eq!(head("mật khẩu", 100), "mật khẩu");
        assert_eq!(head("mật khẩu", 6), "mật");
        assert_eq!(head("mật khẩu", 5), "mật");
        assert_eq!(head("mật khẩu", 2), "");
    }

    #[test]
    fn normalizes_only_what_needs_it() {
        assert!(matches!(normalized("Lừa đảo – “ỹ”"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(normalized("lu\u{300}a"), "lùa");
    }

    #[test]
    fn cached_rebuild_equals_a_fresh_build() {
        // Small caps, so both the body and the snippet budgets bind, as on a large site.
        let limits = Limits { body_bytes: 400, snippet_chars: 300, snippet_max: 80, snippet_min: 10 };
        let mut docs = bench::corpus(40, 600);
        for (i, d) in docs.iter_mut().enumerate() {
            d.stamp = i as u64 + 1;
        }
        let mut cache = Cache::default();
        assert_eq!(
            build_index_with(&docs, &limits, &mut cache),
            build_index_with(&docs, &limits, &mut Cache::default())
        );
        // An edit: new words in one page (a new stamp), and a page whose text shrinks, which moves the caps.
        docs[3].stamp = 100;
        docs[3].sections.to_mut()[1].text = "Từ mới toanh xuất hiện ở đây: ngựa vằn.".into();
        docs[3].title = "Bài đã sửa: toanh".into();
        let edited = build_index_with(&docs, &limits, &mut cache);
        assert_eq!(edited, build_index_with(&docs, &limits, &mut Cache::default()));
        assert!(edited.contains("\"toanh\""), "new title words are indexed");
        docs[7].stamp = 101;
        docs[7].sections.to_mut().truncate(1);
        assert_eq!(
            build_index_with(&docs, &limits, &mut cache),
            build_index_with(&docs, &limits, &mut Cache::default())
        );
        assert!(cache.words.len() <= docs.len(), "entries of replaced pages are dropped");
    }

    #[test]
    fn trimmed_sections_give_the_same_index() {
        let odd = doc(
            "x/odd.html",
            "Khoảng trắng",
            Some("thcs"),
            &[
                (None, "", "   \n\n   đầu   đoạn    có     nhiều      khoảng      trắng   giữa   các   từ"),
                (Some("dai"), "Dài", "mộttừrấtdàikhôngcókhoảngtrắngnàocảmộttừrấtdàikhôngcókhoảngtrắng rồi hết"),
                (Some("trong"), "Trống", "      "),
                (Some("ngan"), "Ngắn", "ít chữ"),
            ],
        );
        let small = Limits { body_bytes: 400, snippet_chars: 300, snippet_max: 80, snippet_min: 10 };
        let middle = Limits { body_bytes: 20_000, snippet_chars: 5_000, snippet_max: 240, snippet_min: 60 };
        let tiny = Limits { body_bytes: 10, snippet_chars: 10, snippet_max: 80, snippet_min: 0 };
        for limits in [Limits::default(), small, middle, tiny] {
            let mut docs = bench::corpus(60, 3_000);
            docs.push(odd.clone());
            let whole = build_index_with(&docs, &limits, &mut Cache::default());
            let reach = reach(&docs, &limits);
            let before: usize = docs.iter().flat_map(|d| d.sections.iter()).map(|s| s.text.len()).sum();
            for d in &mut docs {
                trim_sections(d.sections.to_mut(), reach);
            }
            let after: usize = docs.iter().flat_map(|d| d.sections.iter()).map(|s| s.text.len()).sum();
            assert_eq!(build_index_with(&docs, &limits, &mut Cache::default()), whole, "{limits:?}");
            if limits == Limits::default() {
                assert_eq!(after, before, "a site under the caps is indexed, and kept, whole");
            } else {
                assert!(after < before / 2, "{limits:?}: {before} → {after} bytes");
            }
        }
    }

    #[test]
    fn cutting_while_loading_keeps_the_index() {
        // Pages of very different lengths, in chunks as the loader sees them; some are cut but not counted
        // (like the home page, which the index leaves out).
        let small = Limits { body_bytes: 400, snippet_chars: 300, snippet_max: 80, snippet_min: 10 };
        let middle = Limits { body_bytes: 20_000, snippet_chars: 5_000, snippet_max: 240, snippet_min: 60 };
        let tiny = Limits { body_bytes: 10, snippet_chars: 10, snippet_max: 80, snippet_min: 0 };
        for limits in [Limits::default(), small, middle, tiny] {
            let mut all = bench::corpus(25, 300);
            all.extend(bench::corpus(25, 9_000));
            all.extend(bench::corpus(25, 60));
            all.extend(bench::fixture());
            // Interleave long and short pages, so that early chunks do not see the typical lengths.
            all.sort_by_key(|d| d.url.len() % 7);
            let outside = all.remove(0);
            let whole = build_index_with(&all, &limits, &mut Cache::default());
            let last = reach(&all, &limits);
            let mut pages: Vec<SearchDoc> = std::iter::once(outside).chain(all).collect();
            let mut bound = ReachBound::new(limits, pages.len());
            for (n, chunk) in pages.chunks_mut(9).enumerate() {
                for (i, d) in chunk.iter().enumerate() {
                    if n + i > 0 {
                        bound.add(&d.sections);
                    }
                }
                let r = bound.reach();
                for (got, at_least) in [(r.lead, last.lead), (r.other, last.other)] {
                    assert!(got.0 >= at_least.0 && got.1 >= at_least.1, "{limits:?}: {r:?} below {last:?}");
                }
                for d in chunk.iter_mut() {
                    trim_sections(d.sections.to_mut(), r);
                }
            }
            let mut all: Vec<SearchDoc> = pages.into_iter().skip(1).collect();
            assert_eq!(reach(&all, &limits), last, "cutting keeps every section's length");
            for d in &mut all {
                trim_sections(d.sections.to_mut(), last);
            }
            assert_eq!(build_index_with(&all, &limits, &mut Cache::default()), whole, "{limits:?}");
        }
    }

    #[test]
    fn snippet_end_is_where_snippet_stops() {
        let text = "  một   hai ba\nbốn năm ";
        for cap in 0..20 {
            let end = snippet_end(text, cap);
            assert_eq!(snippet(&text[..end], cap), snippet(text, cap), "cap {cap}");
        }
        assert_eq!(snippet_end(text, 100), text.len());
        // The same as counting the words `split_whitespace` gives, on any whitespace.
        let by_words = |text: &str, cap: usize| {
            if cap == 0 {
                return 0;
            }
            let mut len = 0;
            for (n, word) in text.split_whitespace().enumerate() {
                let chars = word.chars().count() + usize::from(n > 0);
                if len + chars > cap {
                    return word.as_ptr() as usize - text.as_ptr() as usize + word.len();
                }
                len += chars;
            }
            text.len()
        };
        for text in ["", " ", "một", "một ", " một\u{a0}hai\u{3000} ba", "a\u{2028}bc  d\t\r\nđ ", "xin chào các em"]
        {
            for cap in 0..16 {
                assert_eq!(snippet_end(text, cap), by_words(text, cap), "{text:?} {cap}");
            }
        }
    }

    #[test]
    fn index_holds_only_given_text() {
        // The engine removes teacher-only blocks before building SearchDocs; nothing else is added here.
        let docs = [doc("x/index.html", "Bài", None, &[(None, "", "Chỉ phần của học sinh.")])];
        let js = build_index(&docs);
        assert!(js.starts_with("window.HOCLIEU_SEARCH={"));
        let index = parse(&js);
        let terms: Vec<&str> = index["terms"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
        assert_eq!(terms, ["bài", "chỉ", "của", "học", "phần", "sinh"]);
    }

    #[test]
    fn size_bound_per_lesson() {
        // 300 synthetic lessons of ~8 KB: raw bytes per lesson stay small enough that 10,000 lessons fit the
        // 2 MB gzip budget (the full measurement is `bench_10k` below).
        let docs = bench::corpus(300, 8_000);
        let js = build_index(&docs);
        let per_doc = js.len() / docs.len();
        assert!(per_doc < 6_000, "{per_doc} bytes per lesson");
    }

    /// `cargo test --lib search::tests::bench_10k -- --ignored --nocapture`; set HOCLIEU_SEARCH_BENCH_OUT to a
    /// folder to also write the index there (the browser benchmark loads it).
    #[test]
    #[ignore]
    fn bench_10k() {
        let n = std::env::var("HOCLIEU_SEARCH_BENCH_DOCS").ok().and_then(|s| s.parse().ok()).unwrap_or(10_000);
        // HOCLIEU_SEARCH_BENCH_SITE: a site folder (e.g. from examples/synth.rs) to index instead.
        let docs = match std::env::var("HOCLIEU_SEARCH_BENCH_SITE") {
            Ok(dir) => bench::from_markdown(std::path::Path::new(&dir)),
            Err(_) => bench::corpus(n, 8_000),
        };
        let n = docs.len();
        let text_bytes: usize =
            docs.iter().flat_map(|d| d.sections.iter()).map(|s| s.text.len() + s.heading.len()).sum();
        let markdown: Vec<String> = docs.iter().map(bench::markdown).collect();

        let t = bench::cpu_time();
        let mut html_bytes = 0;
        for md in &markdown {
            let mut html = String::new();
            pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(md));
            html_bytes += html.len();
        }
        let render = bench::cpu_time() - t;
        let t = bench::cpu_time();
        let wall = std::time::Instant::now();
        let js = build_index(&docs);
        let (build, build_wall) = (bench::cpu_time() - t, wall.elapsed());

        let gz = bench::gzip_len(js.as_bytes());
        println!("docs: {n}, text: {:.1} MB, html: {:.1} MB", text_bytes as f64 / 1e6, html_bytes as f64 / 1e6);
        println!(
            "CPU time: markdown → HTML alone {render:?}; build_index {build:?} ({:.0}%), wall {build_wall:?} on {} threads",
            100.0 * build.as_secs_f64() / render.as_secs_f64(),
            rayon::current_num_threads()
        );
        println!("index: {:.2} MB raw, {:.2} MB gzip -9", js.len() as f64 / 1e6, gz as f64 / 1e6);
        if let Ok(dir) = std::env::var("HOCLIEU_SEARCH_BENCH_OUT") {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(std::path::Path::new(&dir).join("search-index.js"), &js).unwrap();
        }
        assert!(gz < 2_000_000, "index is {gz} bytes gzip");
    }

    /// Writes the index of a few hand-written lessons to HOCLIEU_SEARCH_FIXTURE_OUT: the browser test's fixture.
    #[test]
    #[ignore]
    fn write_fixture() {
        let Ok(dir) = std::env::var("HOCLIEU_SEARCH_FIXTURE_OUT") else { return };
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(std::path::Path::new(&dir).join("search-index.js"), build_index(&bench::fixture())).unwrap();
    }
}

/// Synthetic corpora for tests and the size/time benchmark.
#[cfg(test)]
pub(crate) mod bench {
    use super::{SearchDoc, SearchSection};
    use crate::text::slugify;
    use std::borrow::Cow;

    /// Vietnamese sentences in the curriculum's register; the generator walks word bigrams drawn from them,
    /// so word frequencies and compressibility resemble real lessons more than uniform random words would.
    const SEED_TEXT: &str = "Em hiểu mật khẩu giống chìa khóa nhà, chỉ em và bố mẹ được biết. \
        Khi có người lạ nhắn tin hỏi thông tin riêng tư, em không trả lời và kể ngay với người lớn em tin cậy. \
        Lừa đảo trực tuyến là khi kẻ xấu giả làm người quen để lấy tiền, mật khẩu hoặc hình ảnh của em. \
        Dấu hiệu nhận biết: họ hứa tặng quà, giục em làm nhanh, bảo em giữ bí mật với bố mẹ. \
        Bắt nạt qua mạng làm bạn bè buồn và sợ; em có thể chặn, lưu bằng chứng và báo cho thầy cô. \
        Thời gian dùng màn hình cần có giới hạn, em nghỉ mắt, vận động và ngủ đủ giấc. \
        Trên mạng xã hội, em chỉ kết bạn với người em biết ngoài đời và đặt tài khoản ở chế độ riêng tư. \
        Tin giả lan nhanh; em kiểm tra nguồn, so sánh nhiều trang tin và hỏi người lớn trước khi chia sẻ. \
        Tổng đài 111 miễn phí, gọi được cả ngày lẫn đêm khi em cần giúp đỡ. \
        Thầy cô tổ chức hoạt động nhóm, học sinh thảo luận tình huống và trình bày cách xử lý an toàn. \
        Mỗi khi tải ứng dụng hoặc trò chơi, em hỏi bố mẹ và đọc kỹ những quyền mà ứng dụng yêu cầu. \
        Hình ảnh đã gửi lên mạng có thể bị sao chép mãi mãi, vì vậy em suy nghĩ kỹ trước khi đăng. \
        Kỹ năng số giúp em học tập, sáng tạo, kết nối với bạn bè và bảo vệ bản thân trên Internet. \
        Khi thấy nội dung làm em khó chịu, em tắt màn hình, rời khỏi trang đó và kể với người lớn. \
        Phần mềm độc hại có thể ẩn trong đường link lạ, tệp đính kèm hoặc quảng cáo trúng thưởng. \
        Em tôn trọng bạn bè trên mạng, không chế giễu, không chia sẻ ảnh của bạn khi chưa được đồng ý.";

    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            // xorshift64*: deterministic, so the benchmark's figures are reproducible.
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
    }

    struct Chain {
        words: Vec<&'static str>,
        next: Vec<Vec<usize>>,
    }

    impl Chain {
        fn new() -> Chain {
            let tokens: Vec<&str> = SEED_TEXT.split_whitespace().collect();
            let mut words: Vec<&str> = tokens.clone();
            words.sort_unstable();
            words.dedup();
            let pos = |w: &str| words.binary_search(&w).unwrap();
            let mut next = vec![Vec::new(); words.len()];
            for pair in tokens.windows(2) {
                next[pos(pair[0])].push(pos(pair[1]));
            }
            for (i, n) in next.iter_mut().enumerate() {
                if n.is_empty() {
                    n.push((i + 1) % words.len());
                }
            }
            Chain { words, next }
        }

        /// About `len` bytes of text. A quarter of the words are drawn instead from [`SYLLABLES`] made-up
        /// syllables with Zipf frequencies, so the vocabulary grows with the corpus as real topics make it do
        /// (the seed alone has a few hundred words; 80 MB of real Vietnamese has thousands of syllables).
        fn text(&self, rng: &mut Rng, len: usize, out: &mut String) {
            let mut w = rng.below(self.words.len());
            while out.len() < len {
                if !out.is_empty() {
                    out.push(' ');
                }
                if rng.below(4) == 0 {
                    out.push_str(&syllable(zipf(rng, SYLLABLES)));
                } else {
                    out.push_str(self.words[w]);
                }
                let n = &self.next[w];
                w = if rng.below(8) == 0 { rng.below(self.words.len()) } else { n[rng.below(n.len())] };
            }
        }
    }

    const SYLLABLES: usize = 8_000;

    /// A rank in `0..n` with probability about 1/rank.
    fn zipf(rng: &mut Rng, n: usize) -> usize {
        let u = (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
    }

    /// The `i`-th made-up syllable: onset × rime × tone, all distinct for `i` < 21 × 48 × 6.
    fn syllable(i: usize) -> String {
        const ONSETS: &[&str] = &[
            "b", "c", "ch", "d", "đ", "g", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "s", "t", "th", "tr", "v",
            "x",
        ];
        const RIMES: &[&str] = &[
            "a", "e", "i", "o", "u", "y", "ai", "ao", "au", "ay", "an", "am", "ang", "anh", "at", "ac", "ach", "ăn",
            "ăm", "ăng", "ât", "âu", "ây", "en", "em", "eo", "et", "ên", "êt", "êu", "in", "im", "inh", "it", "ich",
            "iên", "iêt", "oa", "oan", "oai", "on", "ong", "ôi", "ông", "ơi", "ơn", "uôn", "ương",
        ];
        const TONES: &[char] = &['\0', '\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
        let onset = ONSETS[i % ONSETS.len()];
        let rime = RIMES[(i / ONSETS.len()) % RIMES.len()];
        let tone = TONES[(i / ONSETS.len() / RIMES.len()) % TONES.len()];
        let mut s = String::from(onset);
        let mut chars = rime.chars();
        if let Some(first) = chars.next() {
            s.push(first);
            if tone != '\0' {
                s.push(tone);
            }
            s.extend(chars);
        }
        crate::text::nfc(&s)
    }

    fn phrase(chain: &Chain, rng: &mut Rng, len: usize) -> String {
        let mut s = String::new();
        chain.text(rng, len, &mut s);
        let s = s.trim_end_matches([',', '.', ';', ':']).to_owned();
        let mut c = s.chars();
        match c.next() {
            Some(f) => f.to_uppercase().chain(c).collect(),
            None => s,
        }
    }

    /// `n` lessons of about `bytes` bytes of text each, in 4 levels, 1 intro and 6–8 sections per lesson.
    pub fn corpus(n: usize, bytes: usize) -> Vec<SearchDoc<'static>> {
        let chain = Chain::new();
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let levels = [("mam-non", "Mầm non"), ("tieu-hoc", "Tiểu học"), ("thcs", "THCS"), ("thpt", "THPT")];
        (0..n)
            .map(|i| {
                let (slug, level) = levels[i * levels.len() / n.max(1)];
                let len = 18 + rng.below(20);
                let title = phrase(&chain, &mut rng, len);
                let n_sections = 7 + rng.below(3);
                let per = bytes / n_sections;
                let sections = (0..n_sections)
                    .map(|s| {
                        let len = 12 + rng.below(20);
                        let heading = if s == 0 { String::new() } else { phrase(&chain, &mut rng, len) };
                        let mut text = String::new();
                        chain.text(&mut rng, per, &mut text);
                        let id = (s > 0).then(|| slugify(&heading));
                        SearchSection { id, heading, text, cut_from: None }
                    })
                    .collect();
                SearchDoc {
                    url: format!("{slug}/{}-{i}/index.html", slugify(&title)),
                    title,
                    level: Some((slug.into(), level.into())),
                    sections: Cow::Owned(sections),
                    stamp: 0,
                }
            })
            .collect()
    }

    /// Lessons of a site's `content/<level>/*.md` as the engine would hand them over, roughly: title from the
    /// front matter, a section per `##`/`###` heading, the Markdown's text (teacher blocks included, so the
    /// figure errs on the large side).
    pub fn from_markdown(site: &std::path::Path) -> Vec<SearchDoc<'static>> {
        use pulldown_cmark::{Event, Parser, Tag, TagEnd};
        let mut files = Vec::new();
        for level in std::fs::read_dir(site.join("content")).expect("content/") {
            let level = level.unwrap().path();
            if !level.is_dir() {
                continue;
            }
            for f in std::fs::read_dir(&level).unwrap() {
                let f = f.unwrap().path();
                let name = f.file_name().unwrap().to_string_lossy().into_owned();
                if name.ends_with(".md") && !name.starts_with('_') {
                    files.push(f);
                }
            }
        }
        files.sort();
        files
            .iter()
            .map(|f| {
                let src = std::fs::read_to_string(f).unwrap();
                let (front, body) = match src.strip_prefix("---\n").and_then(|r| r.split_once("\n---\n")) {
                    Some((front, body)) => (front, body),
                    None => ("", src.as_str()),
                };
                let title = front
                    .lines()
                    .find_map(|l| l.strip_prefix("title:"))
                    .map(|t| t.trim().trim_matches('"').to_owned())
                    .unwrap_or_default();
                let mut sections = vec![SearchSection::default()];
                let mut in_heading = false;
                for event in Parser::new(body) {
                    match event {
                        Event::Start(Tag::Heading { .. }) => {
                            in_heading = true;
                            sections.push(SearchSection::default());
                        }
                        Event::End(TagEnd::Heading(_)) => {
                            in_heading = false;
                            let last = sections.last_mut().unwrap();
                            last.id = Some(slugify(&last.heading));
                        }
                        Event::Text(t) | Event::Code(t) => {
                            let last = sections.last_mut().unwrap();
                            let into = if in_heading { &mut last.heading } else { &mut last.text };
                            into.push_str(&t);
                            into.push(' ');
                        }
                        _ => {}
                    }
                }
                let level = f.parent().unwrap().file_name().unwrap().to_string_lossy().into_owned();
                let slug = f.file_stem().unwrap().to_string_lossy().into_owned();
                SearchDoc {
                    url: format!("{level}/{slug}/index.html"),
                    title,
                    level: Some((level.clone(), level)),
                    sections: Cow::Owned(sections),
                    stamp: 0,
                }
            })
            .collect()
    }

    /// The lesson as Markdown, to time the rendering that a build does anyway.
    pub fn markdown(doc: &SearchDoc) -> String {
        let mut md = format!("# {}\n\n", doc.title);
        for s in doc.sections.iter() {
            if !s.heading.is_empty() {
                md.push_str(&format!("## {}\n\n", s.heading));
            }
            for para in s.text.split(". ") {
                md.push_str(para);
                md.push_str(".\n\n");
            }
        }
        md
    }

    /// CPU time of this process, all threads: the machine is shared, so wall-clock time would measure the
    /// neighbours too. Linux only; in clock ticks of 10 ms.
    pub fn cpu_time() -> std::time::Duration {
        let stat = std::fs::read_to_string("/proc/self/stat").expect("Linux /proc/self/stat");
        // Fields after the command name, which is in parentheses and may hold spaces.
        let rest = &stat[stat.rfind(')').expect("comm") + 2..];
        let f: Vec<u64> = rest.split_whitespace().skip(11).take(2).map(|n| n.parse().expect("ticks")).collect();
        std::time::Duration::from_millis((f[0] + f[1]) * 10)
    }

    pub fn gzip_len(bytes: &[u8]) -> usize {
        use std::io::Write;
        use std::process::{Command, Stdio};
        let mut child =
            Command::new("gzip").arg("-9c").stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().expect("gzip");
        let mut stdin = child.stdin.take().unwrap();
        let data = bytes.to_vec();
        let writer = std::thread::spawn(move || stdin.write_all(&data));
        let out = child.wait_with_output().unwrap();
        writer.join().unwrap().unwrap();
        out.stdout.len()
    }

    /// Hand-written lessons for the browser test: the scam lesson must be found by "lua dao".
    pub fn fixture() -> Vec<SearchDoc<'static>> {
        let s = |id: Option<&str>, h: &str, t: &str| SearchSection {
            id: id.map(Into::into),
            heading: h.into(),
            text: t.into(),
            cut_from: None,
        };
        let lvl = |slug: &str, title: &str| Some((slug.to_owned(), title.to_owned()));
        vec![
            SearchDoc {
                url: "tieu-hoc/mat-khau-la-bi-mat/index.html".into(),
                title: "Mật khẩu là bí mật".into(),
                level: lvl("tieu-hoc", "Tiểu học"),
                stamp: 0,
                sections: Cow::Owned(vec![
                    s(None, "", "Em hiểu mật khẩu là bí mật, chỉ em và bố mẹ được biết."),
                    s(
                        Some("mat-khau-giong-chia-khoa-nha"),
                        "Mật khẩu giống chìa khóa nhà",
                        "Chỉ người trong nhà mới có chìa để mở cửa.",
                    ),
                    s(
                        Some("ai-duoc-biet-mat-khau-cua-em"),
                        "Ai được biết mật khẩu của em?",
                        "Chỉ có em và bố mẹ. Có người nhắn xin mật khẩu để tặng quà: đó là một cách lừa.",
                    ),
                ]),
            },
            SearchDoc {
                url: "thcs/lua-dao-truc-tuyen/index.html".into(),
                title: "Lừa đảo trực tuyến".into(),
                level: lvl("thcs", "THCS"),
                stamp: 0,
                sections: Cow::Owned(vec![
                    s(None, "", "Kẻ xấu giả làm người quen để lấy tiền hoặc mật khẩu của em."),
                    s(
                        Some("dau-hieu-nhan-biet"),
                        "Dấu hiệu nhận biết",
                        "Họ hứa tặng quà, giục em làm thật nhanh và bảo em giữ bí mật.",
                    ),
                    s(Some("em-lam-gi"), "Em làm gì?", "Dừng lại, không chuyển tiền, kể với người lớn và gọi 111."),
                ]),
            },
            SearchDoc {
                url: "thpt/tin-gia/index.html".into(),
                title: "Tin giả và lửa giận trên mạng".into(),
                level: lvl("thpt", "THPT"),
                stamp: 0,
                sections: Cow::Owned(vec![
                    s(None, "", "Tin giả lan nhanh như lửa."),
                    s(
                        Some("kiem-tra-nguon"),
                        "Kiểm tra nguồn",
                        "So sánh nhiều trang tin; cẩn thận với trang lừa đảo giả danh báo chí. Đừng bấm link lạ đòi mở khóa tài khoản.",
                    ),
                ]),
            },
            SearchDoc {
                url: "tieu-hoc/khoa-man-hinh/index.html".into(),
                title: "Khóa màn hình điện thoại".into(),
                level: lvl("tieu-hoc", "Tiểu học"),
                stamp: 0,
                sections: Cow::Owned(vec![
                    s(None, "", "Điện thoại có thể đặt mã để người khác không mở được."),
                    // An id that is not the heading's slug (the engine numbers repeated headings).
                    s(Some("cach-lam-2"), "Cách làm", "Nhờ bố mẹ đặt mã gồm sáu số."),
                ]),
            },
            SearchDoc {
                url: "tro-giup/index.html".into(),
                title: "Trợ giúp".into(),
                level: None,
                stamp: 0,
                sections: Cow::Owned(vec![s(None, "", "Tổng đài 111 miễn phí. Nếu em bị lừa, hãy kể ngay với người lớn.")]),
            },
        ]
    }
}
