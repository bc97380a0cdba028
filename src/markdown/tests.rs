use std::path::Path;

use super::*;

fn index() -> LinkIndex {
    let mut idx = LinkIndex::default();
    idx.pages.insert("thcs/a.md".into(), "thcs/a/index.html".into());
    idx.pages.insert("tieu-hoc/b.md".into(), "tieu-hoc/b/index.html".into());
    idx.static_files.insert("images/x.svg".into());
    idx.content_files.insert("thcs/hinh.png".into());
    idx.content_files.insert("thcs/ảnh #1.png".into());
    idx.image_sizes.insert("images/x.svg".into(), links::ImageSize { width: 240, height: 280 });
    idx.image_sizes.insert("thcs/ảnh #1.png".into(), links::ImageSize { width: 3, height: 2 });
    idx
}

/// Fills holes plainly, so tests see what the pass left: highlighted code (or nothing), and markers for
/// the renderer's parts.
struct TestFill {
    highlight: bool,
}

impl Fill for TestFill {
    fn code(&self, lang: &str, text: &str, out: &mut String) {
        if self.highlight {
            highlight::write_code_block(out, lang, text, None);
        }
    }
    fn quiz(&self, n: usize, out: &mut String) {
        out.push_str(&format!("[quiz {n}]"));
    }
    fn callout(&self, name: &str, out: &mut String) {
        out.push_str(&format!("<aside class=\"[{name}]\">"));
    }
    fn table(&self, n: usize, out: &mut String) {
        out.push_str(&format!("<div class=\"[table {n}]\">"));
    }
    fn unreadable(&self, error: std::io::Error) {
        panic!("no spilled body in these tests: {error}");
    }
}

/// What a test looks at: the pass's findings, and its markup as the page `thcs/a/index.html` shows it.
struct Run {
    analysed: Analysed,
    html: String,
    teacher: Vec<String>,
    parents: Vec<String>,
}

impl std::ops::Deref for Run {
    type Target = Analysed;
    fn deref(&self) -> &Analysed {
        &self.analysed
    }
}

fn run(body: &str, highlight: bool) -> Run {
    run_with(body, highlight, false)
}

fn run_with(body: &str, highlight: bool, picture_first: bool) -> Run {
    let text = format!("---\ntitle: A\n---\n{body}");
    let file = SourceFile::new(Path::new("/s"), Path::new("/s/content/thcs/a.md"), text);
    let idx = index();
    let analysed =
        analyse(&Ctx { file: &file, body: 16..file.text.len(), index: &idx, trusted_html: false, picture_first });
    let fill = TestFill { highlight };
    let view = View { root: "../../", id_prefix: "", fill: &fill };
    let html = analysed.body.main.to_html(&view);
    let teacher = analysed.body.teacher.iter().map(|m| m.to_html(&view)).collect();
    let parents = analysed.body.parents.iter().map(|m| m.to_html(&view)).collect();
    Run { analysed, html, teacher, parents }
}

#[test]
fn heading_ids_are_folded_unique_and_custom() {
    let r = run("## Bắt nạt qua mạng\n\n## Bắt nạt qua mạng\n\n## Ghi nhớ {#ghi-nho}\n", false);
    let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["bat-nat-qua-mang", "bat-nat-qua-mang-2", "ghi-nho"]);
    assert!(r.html.contains("<h2 id=\"bat-nat-qua-mang\">Bắt nạt qua mạng</h2>"), "{}", r.html);
    assert_eq!(r.headings[2].title, "Ghi nhớ");
}

#[test]
fn teacher_blocks_leave_the_page_and_parents_blocks_stay() {
    let r = run("Hello\n::: teacher\nSecret **plan**\n## Hidden heading\n:::\n\n::: parents\nAt home\n:::\n", false);
    assert!(!r.html.contains("Secret"), "{}", r.html);
    assert!(!r.html.contains("Hidden"), "{}", r.html);
    assert_eq!(r.teacher.len(), 1);
    assert!(r.teacher[0].contains("<strong>plan</strong>"));
    assert!(r.html.contains("<aside class=\"[parents]\">"), "{}", r.html);
    assert!(r.html.contains("At home"));
    assert_eq!(r.parents.len(), 1);
    assert!(r.parents[0].contains("At home"));
    assert!(r.headings.is_empty(), "teacher-only headings are not anchors of the student page");
}

#[test]
fn callouts_and_alerts_are_holes_for_the_renderer() {
    let r = run("::: tip\nUse it\n:::\n\n> [!WARNING]\n> Careful\n", false);
    assert!(r.html.starts_with("<aside class=\"[tip]\">\n<p>Use it</p>\n</aside>"), "{}", r.html);
    assert!(r.html.contains("<aside class=\"[warning]\">"), "{}", r.html);
    assert!(!r.html.contains("<blockquote"), "{}", r.html);
}

#[test]
fn fence_inside_code_is_code() {
    let r = run("```text\n::: teacher\n```\n", true);
    assert!(r.html.contains("::: teacher"), "{}", r.html);
    assert!(r.teacher.is_empty());
}

#[test]
fn links_are_rewritten_relative_and_checked() {
    let r =
        run("[a](../tieu-hoc/b.md#x) [self](#top) [img](/images/x.svg) [c](hinh.png) [e](https://vn-cop.vn)\n", false);
    assert!(r.html.contains("href=\"../../tieu-hoc/b/index.html#x\""), "{}", r.html);
    assert!(r.html.contains("href=\"../../images/x.svg\""), "{}", r.html);
    assert!(r.html.contains("href=\"../../thcs/hinh.png\""), "{}", r.html);
    assert!(r.html.contains("href=\"https://vn-cop.vn\""));
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let anchors: Vec<(&str, &str)> = r.refs.iter().map(|r| (r.target.as_str(), r.anchor.as_str())).collect();
    assert_eq!(anchors, [("tieu-hoc/b.md", "x"), ("thcs/a.md", "top")]);
}

#[test]
fn missing_targets_are_errors_at_their_line() {
    let r = run("ok\n\n[x](../tieu-hoc/c.md)\n\n![a](/images/none.png)\n", false);
    let codes: Vec<(&str, usize)> = r.errors.iter().map(|d| (d.code, d.line)).collect();
    assert_eq!(codes, [("E020", 6), ("E022", 8)]);
    assert_eq!(r.errors[0].hint.as_deref(), Some("did you mean `../tieu-hoc/b.md`?"));
}

#[test]
fn images_need_alt_unless_decorative() {
    let r = run("![](/images/x.svg)\n\n![](/images/x.svg \"decorative\")\n\n![Ổ khóa](/images/x.svg)\n", false);
    let codes: Vec<(&str, usize)> = r.errors.iter().map(|d| (d.code, d.line)).collect();
    assert_eq!(codes, [("E024", 4)]);
    assert!(r.html.contains("alt=\"\""));
    assert!(!r.html.contains("title=\"decorative\""));
    assert!(r.html.contains("alt=\"Ổ khóa\""));
}

#[test]
fn positions_after_divs_map_to_the_source() {
    let r = run("::: tip\nx\n:::\n\n[x](nope.md)\n", false);
    assert_eq!(r.errors[0].line, 8, "{:?}", r.errors);
}

#[test]
fn div_errors_are_reported() {
    let r = run("::: teachr\nx\n:::\n", false);
    assert_eq!(r.errors[0].code, "E030");
    assert_eq!(r.errors[0].line, 4);
    assert_eq!(r.errors[0].hint.as_deref(), Some("did you mean `::: teacher`?"));
}

#[test]
fn quizzes_parse_at_load_with_file_positions() {
    let r =
        run("Intro\n\n```quiz\nquestions:\n  - q: A?\n    options:\n      - text: x\n      - text: y\n```\n", false);
    assert_eq!(r.errors.len(), 1);
    assert_eq!((r.errors[0].code, r.errors[0].line), ("Q004", 8));
}

#[test]
fn code_is_highlighted_and_tables_render() {
    let r = run("```python\nprint('hi')\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", true);
    assert!(r.html.contains("<pre class=\"code\" data-lang=\"python\""));
    assert!(r.html.contains("hl-"));
    assert!(r.html.contains("<div class=\"[table 1]\"><table>"), "{}", r.html);
    assert!(r.html.contains("<th>a</th>"));
}

#[test]
fn links_ids_and_quizzes_are_filled_for_the_page_that_shows_them() {
    let r = run("## Mở đầu\n\n[a](../tieu-hoc/b.md#x)\n\n```quiz\nquestions:\n  - q: A?\n    options:\n      - text: x\n        correct: true\n      - text: y\n```\n", false);
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let fill = TestFill { highlight: false };
    let elsewhere = r.body.main.to_html(&View { root: "../", id_prefix: "a-", fill: &fill });
    assert!(elsewhere.contains("<h2 id=\"a-mo-dau\">Mở đầu</h2>"), "{elsewhere}");
    assert!(elsewhere.contains("href=\"../tieu-hoc/b/index.html#x\""), "{elsewhere}");
    assert!(elsewhere.contains("[quiz 1]"), "{elsewhere}");
    assert!(r.html.contains("<h2 id=\"mo-dau\">"), "{}", r.html);
}

#[test]
fn a_source_with_the_placeholder_characters_is_warned_about_and_cannot_forge_a_hole() {
    let r = run("a \u{F8FF}0\u{F8FE} [b](%EF%A3%BF0%EF%A3%BE)\n", false);
    assert_eq!(r.errors.iter().map(|d| d.code).collect::<Vec<_>>(), ["W020", "E022"]);
    assert!(r.html.contains("a \u{FFFD}0\u{FFFD}"), "{}", r.html);
}

#[test]
fn sections_collect_text_for_search() {
    let r = run("Intro text\n\n## Mật khẩu\n\nGiữ bí mật\n::: teacher\nnot for search\n:::\n", false);
    assert_eq!(r.sections.len(), 2);
    assert_eq!(r.sections[1].id.as_deref(), Some("mat-khau"));
    assert!(r.sections[1].text.contains("Giữ bí mật"));
    assert!(!r.sections.iter().any(|s| s.text.contains("not for search")));
}

#[test]
fn inline_markdown_escapes_html() {
    assert_eq!(inline_html("**a** <b>"), "<strong>a</strong> &lt;b&gt;");
}

#[test]
fn plain_inline_text_skips_the_parser_with_the_same_result() {
    for s in [
        "Không trả lời, chặn, và kể với người lớn em tin cậy hoặc gọi 111",
        "Gửi ảnh vì người đó nói là bạn của anh trai em  ",
        "Đúng. Sai: có thể (nếu muốn) - hoặc + không; 100%",
        "Tin nhắn trúng thưởng lạ",
        "a{b}c=d'e",
    ] {
        assert!(is_plain_text(s), "{s}");
        assert_eq!(inline_html(s), inline_html_parsed(s), "{s}");
    }
    for s in ["1. list", "**đậm**", "- item", "a <b>", "x & y", "a\nb", "#tag", "say \"hi\""] {
        assert!(!is_plain_text(s), "{s}");
    }
    // Each character Markdown or HTML gives a meaning to, anywhere in the text.
    for c in ['*', '_', '`', '[', ']', '<', '>', '&', '\\', '~', '!', '#', '|', '\n', '\r', '"'] {
        assert!(!is_plain_text(&format!("chữ{c}đậm")), "{c:?}");
    }
}

#[test]
fn the_outline_warns_about_a_second_h1_and_skipped_levels_only() {
    let warnings = |body: &str| -> Vec<(&'static str, usize)> {
        run(body, false).errors.iter().filter(|d| d.code.starts_with("W02")).map(|d| (d.code, d.line)).collect()
    };
    // Line 4 is the body's first line. The title is the h1: the text starts at `##`.
    assert_eq!(warnings("## A\n\n### B\n\n## C\n\n### D\n"), []);
    assert_eq!(warnings("### A\n"), [("W022", 4)]);
    assert_eq!(warnings("## A\n\n#### B\n\n### C\n"), [("W022", 6)]);
    // The title is the page's `h1`: a `#` in the text is a second one, and setext headings count too.
    assert_eq!(warnings("# A\n\n## B\n\nC\n=\n"), [("W021", 4), ("W021", 8)]);
    let r = run("# A\n", false);
    let w = r.errors.iter().find(|d| d.code == "W021").expect("W021");
    assert!(w.hint.as_deref().unwrap_or("").contains("line 2"), "the title's line: {:?}", w.hint);
    // `#` in code is not a heading; a heading in a teacher block is part of the outline.
    assert_eq!(warnings("## A\n\n```sh\n# b\n#### c\n```\n\n::: teacher\n#### D\n:::\n"), [("W022", 12)]);
    let r = run("## A\n\n#### B\n", false);
    let w = r.errors.iter().find(|d| d.code == "W022").expect("W022");
    assert_eq!(w.message, "this heading skips a level: h2 is followed by h4");
    assert!(w.hint.as_deref().unwrap_or("").starts_with("make it `###` (h3)"), "{:?}", w.hint);
}

#[test]
fn a_quiz_fence_in_any_case_is_a_quiz() {
    for info in ["quiz", "Quiz", "QUIZ", "quiz extra", "  Quiz"] {
        assert!(is_quiz_fence(info), "{info}");
    }
    for info in ["", "yaml", "quizz", "quiz-yaml"] {
        assert!(!is_quiz_fence(info), "{info}");
    }
    let r = run("```Quiz\nquestions:\n  - q: A?\n    answer: true\n```\n", false);
    assert_eq!(r.quizzes.len(), 1);
    assert!(!r.html.contains("answer: true"), "{}", r.html);
}

#[test]
fn images_of_the_site_carry_their_size_wherever_they_are_shown() {
    let r = run(
        "![Ổ khóa](/images/x.svg?v=2)\n\n[link](/images/x.svg) ![no size](hinh.png) ![a](%E1%BA%A3nh%20%231.png)\n\n::: parents\n![Ổ khóa](/images/x.svg)\n:::\n\n::: teacher\n![](/images/x.svg \"decorative\")\n:::\n",
        false,
    );
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    assert!(
        r.html.contains("<img width=\"240\" height=\"280\" src=\"../../images/x.svg?v=2\" alt=\"Ổ khóa\" />"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<a href=\"../../images/x.svg\">"), "a link is no image: {}", r.html);
    assert!(r.html.contains("<img src=\"../../thcs/hinh.png\" alt=\"no size\" />"), "{}", r.html);
    assert!(r.html.contains("<img width=\"3\" height=\"2\" src=\"../../thcs/%E1%BA%A3nh%20%231.png\""), "{}", r.html);
    assert_eq!(r.html.matches("width=").count(), 3, "{}", r.html);
    assert!(r.parents[0].contains("<img width=\"240\" height=\"280\" src=\"../../images/x.svg\""), "{:?}", r.parents);
    assert!(
        r.teacher[0].contains("<img width=\"240\" height=\"280\" src=\"../../images/x.svg\" alt=\"\""),
        "{:?}",
        r.teacher
    );
}

/// Where each of `marks` is in `html`, in the order they appear (a mark missing is a failure).
fn order_of<'a>(html: &str, marks: &[&'a str]) -> Vec<&'a str> {
    let mut found: Vec<(usize, &str)> =
        marks.iter().map(|m| (html.find(m).unwrap_or_else(|| panic!("no `{m}` in {html}")), *m)).collect();
    found.sort();
    found.into_iter().map(|(_, m)| m).collect()
}

#[test]
fn picture_first_moves_each_parts_first_picture_under_its_heading() {
    let body = "Mở đầu.\n\n![A](/images/x.svg)\n\n## Một\n\nChữ một.\n\nChữ hai.\n\n![B](/images/x.svg)\n![B2](/images/x.svg)\n\n![C](/images/x.svg)\n\n## Hai\n\n![D](/images/x.svg)\n\nChữ ba.\n\n![E](/images/x.svg)\n\n## Ba\n\nChỉ chữ, ![F](/images/x.svg) trong câu.\n\n- ![G](/images/x.svg)\n\n::: tip\nMẹo\n\n![H](/images/x.svg)\n:::\n\n[![I](/images/x.svg)](../tieu-hoc/b.md)\n\n<figure><img src=\"a.png\" alt=\"J\"><figcaption>Hình J</figcaption></figure>\n\n## Bốn\n\nChữ bốn.\n\n![K](/images/x.svg)\n";
    let marks = [
        "Mở đầu",
        "\"A\"",
        "Một</h2>",
        "Chữ một",
        "Chữ hai",
        "\"B\"",
        "\"B2\"",
        "\"C\"",
        "Hai</h2>",
        "\"D\"",
        "Chữ ba",
        "\"E\"",
        "Ba</h2>",
        "Chỉ chữ",
        "\"G\"",
        "Mẹo",
        "\"H\"",
        "\"I\"",
        "\"J\"",
        "Bốn</h2>",
        "Chữ bốn",
        "\"K\"",
    ];
    let plain = run_with(body, false, false);
    assert_eq!(order_of(&plain.html, &marks), marks, "without picture-first, the page's own order");

    let first = run_with(body, false, true);
    assert!(first.errors.is_empty(), "{:?}", first.errors);
    assert_eq!(
        order_of(&first.html, &marks),
        [
            // Before the first heading too; the two images of one paragraph move together; a later picture stays.
            "\"A\"",
            "Mở đầu",
            "Một</h2>",
            "\"B\"",
            "\"B2\"",
            "Chữ một",
            "Chữ hai",
            "\"C\"",
            // Already first.
            "Hai</h2>",
            "\"D\"",
            "Chữ ba",
            "\"E\"",
            // An image in a sentence, a list, a callout or a link is no picture of the part; a <figure> is.
            "Ba</h2>",
            "\"J\"",
            "Chỉ chữ",
            "\"G\"",
            "Mẹo",
            "\"H\"",
            "\"I\"",
            "Bốn</h2>",
            "\"K\"",
            "Chữ bốn",
        ]
    );
    assert!(
        first.html.contains("<figure><img src=\"a.png\" alt=\"J\"><figcaption>Hình J</figcaption></figure>"),
        "{}",
        first.html
    );
    // Only the order changed: the same HTML, the same headings and search text.
    let sorted = |h: &str| {
        let mut lines: Vec<String> = h.lines().map(str::to_string).collect();
        lines.sort();
        lines
    };
    assert_eq!(sorted(&first.html), sorted(&plain.html));
    assert_eq!(first.sections, plain.sections);
    assert_eq!(first.headings.len(), plain.headings.len());
}
