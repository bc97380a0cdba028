//! `check`'s review of addresses on other sites.
//!
//! An image from another site breaks on the page (the Content-Security-Policy allows images from
//! the site itself only) and, where it loads, tells that site that a child opened the lesson. So
//! `check` warns about each one (W013): in Markdown, raw HTML (`img`, `source`, `video`, `audio`
//! sources) and quiz `image:` fields. Links to other sites are allowed, but a teacher should know
//! where the lessons send children: `check` lists them at the end of its report.
//!
//! This is a separate read of `content/`, done by `check` only: a build never pays for it.

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use crate::diagnostics::{msg, Diagnostic, Diagnostics, SourceFile};
use crate::sanitize::url::other_origin;

/// A link to another site, for the review list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalLink {
    /// Path relative to the site root, e.g. `content/thcs/a.md`.
    pub file: String,
    pub line: usize,
    pub url: String,
}

/// Reviews every Markdown file under `root/content`: warnings go to `diags`, links are returned
/// in file and line order.
pub fn review(root: &Path, diags: &Diagnostics) -> Vec<ExternalLink> {
    let mut paths: Vec<_> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    paths.sort();
    let mut links = Vec::new();
    for path in paths {
        // Unreadable files are the loader's to report.
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let file = SourceFile::new(root, &path, crate::text::nfc(&text));
        let (found, file_links) = review_file(&file);
        if !found.is_empty() {
            diags.remember(&file);
        }
        for d in found {
            diags.push(d);
        }
        links.extend(file_links);
    }
    links
}

/// The warnings and external links of one file.
pub fn review_file(file: &SourceFile) -> (Vec<Diagnostic>, Vec<ExternalLink>) {
    let mut r = Review { file, warnings: Vec::new(), links: Vec::new() };
    let text: &str = &file.text;
    let (yaml, body) = match crate::frontmatter::split(file) {
        Ok(s) => (Some(s.yaml), s.body),
        Err(_) => (None, 0..text.len()),
    };
    if let Some(yaml) = yaml {
        r.yaml_lines(yaml);
    }
    let mut quiz: Option<Range<usize>> = None;
    let body_text = text.get(body.clone()).unwrap_or("");
    for (event, range) in Parser::new_ext(body_text, crate::markdown::options()).into_offset_iter() {
        let at = body.start + range.start..body.start + range.end;
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if crate::markdown::is_quiz_fence(&info) => {
                quiz = Some(at.end..at.end);
            }
            Event::Text(_) if quiz.is_some() => {
                if let Some(q) = quiz.as_mut() {
                    if q.start == q.end {
                        q.start = at.start;
                    }
                    q.end = at.end;
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(q) = quiz.take() {
                    r.yaml_lines(q);
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => r.image(&dest_url, at),
            Event::Start(Tag::Link { dest_url, .. }) => r.link(&dest_url, at.start),
            Event::Html(h) | Event::InlineHtml(h) => r.raw_html(&h, at.start),
            _ => {}
        }
    }
    (r.warnings, r.links)
}

struct Review<'f> {
    file: &'f SourceFile,
    warnings: Vec<Diagnostic>,
    links: Vec<ExternalLink>,
}

impl Review<'_> {
    fn image(&mut self, url: &str, span: Range<usize>) {
        if other_origin(url) {
            self.warnings.push(
                Diagnostic::warning("W013", msg!("w013-image-elsewhere", url = url))
                    .at(self.file, span)
                    .hint(msg!("w013-image-elsewhere.hint")),
            );
        }
    }

    fn link(&mut self, url: &str, at: usize) {
        if other_origin(url) {
            let (line, _) = self.file.line_col(at);
            self.links.push(ExternalLink { file: self.file.rel.clone(), line, url: url.to_string() });
        }
    }

    fn raw_html(&mut self, html: &str, at: usize) {
        for tag in crate::sanitize::html::start_tags(html) {
            for (attr, value) in &tag.attrs {
                let pos = html.find(value.as_str()).map_or(at, |i| at + i);
                match (tag.name.as_str(), attr.as_str()) {
                    ("a" | "area", "href") => self.link(value, pos),
                    ("img" | "source" | "video" | "audio", "src" | "poster" | "srcset") => {
                        let first = value.split([',', ' ']).find(|s| !s.is_empty()).unwrap_or("");
                        self.image(first, pos..pos + value.len());
                    }
                    _ => {}
                }
            }
        }
    }

    /// YAML (front matter or a quiz): `image:` values, and links and images in inline Markdown.
    fn yaml_lines(&mut self, span: Range<usize>) {
        let Some(text) = self.file.text.get(span.clone()) else { return };
        let mut offset = span.start;
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim_start().trim_start_matches("- ");
            let start = offset + (line.len() - trimmed.len());
            let value = trimmed.split_once(':').map_or(trimmed, |(k, v)| if k.contains(' ') { trimmed } else { v });
            let vstart = start + (trimmed.len() - value.len());
            let v = value.trim();
            let v_at = vstart + (value.len() - value.trim_start().len());
            if trimmed.starts_with("image:") {
                self.image(v.trim_matches(['"', '\'']), v_at..v_at + v.len());
            }
            if v.contains('[') || v.contains('<') {
                for (event, r) in Parser::new_ext(v, Options::empty()).into_offset_iter() {
                    match event {
                        Event::Start(Tag::Image { dest_url, .. }) => {
                            self.image(&dest_url, v_at + r.start..v_at + r.end)
                        }
                        Event::Start(Tag::Link { dest_url, .. }) => self.link(&dest_url, v_at + r.start),
                        _ => {}
                    }
                }
            }
            offset += line.len();
        }
    }
}

/// The list printed at the end of `check`.
pub fn summary(links: &[ExternalLink]) -> String {
    if links.is_empty() {
        return String::new();
    }
    let mut s = format!("{}\n", msg!("check-external-links", count = links.len()));
    for l in links {
        s.push_str(&format!("  {}:{}  {}\n", l.file, l.line, l.url));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new(Path::new("/s"), Path::new("/s/content/a.md"), text)
    }

    #[test]
    fn finds_other_origin_images_and_links_everywhere() {
        let text = "---\ntitle: A\nobjectives:\n    - Xem [trang](https://a.example/x)\n---\n\
                    ![ảnh](https://img.example/a.png)\n\n<img src=\"//img.example/b.png\" alt=\"b\">\n\n\
                    [web](https://b.example) and [bài](b.md) <a href=\"http://c.example\">c</a>\n\n\
                    ```quiz\nquestions:\n  - q: X\n    image: https://img.example/c.png\n    alt: c\n    answer: true\n```\n\
                    ![local](hinh/a.png)\n";
        let (w, links) = review_file(&file(text));
        let lines: Vec<usize> = w.iter().map(|d| d.line).collect();
        assert!(w.iter().all(|d| d.code == "W013"), "{w:?}");
        assert_eq!(lines, [6, 8, 15], "{w:?}");
        let urls: Vec<(usize, &str)> = links.iter().map(|l| (l.line, l.url.as_str())).collect();
        assert_eq!(urls, [(4, "https://a.example/x"), (10, "https://b.example"), (10, "http://c.example")]);
        assert!(summary(&links).contains("content/a.md:10  https://b.example"));
    }

    #[test]
    fn a_site_of_its_own_has_nothing_to_review() {
        let (w, links) =
            review_file(&file("---\ntitle: A\n---\n![a](a.png) [b](b.md) <img src=\"/x.png\" alt=\"\">\n"));
        assert!(w.is_empty() && links.is_empty());
        assert_eq!(summary(&links), "");
    }
}
