//! Mistakes that used to pass without a word, run through the real binary on a copy of the fixture site:
//! a quiz fence written in another case (its answers shown as code), a page outline with a second `h1` or a
//! skipped level, a static file that the theme's own file would overwrite, and an error in a template
//! override reported at the author's file and line.

mod common;

use common::Site;

const LESSON: &str = "content/tieu-hoc/mat-khau.md";

#[test]
fn a_quiz_fence_in_any_case_is_a_quiz_and_never_shows_its_answers() {
    let plain = Site::new();
    plain.build_ok();
    let forms = plain.out("tieu-hoc/mat-khau/index.html").matches("class=\"quiz-form\"").count();
    assert!(forms > 0, "the fixture's lesson has a quiz");
    for fence in ["```Quiz", "```QUIZ", "``` quiz", "```  Quiz  "] {
        let site = Site::new();
        let text = site.read(LESSON).replacen("```quiz\n", &format!("{fence}\n"), 1);
        assert!(text.contains(fence), "{fence}");
        site.write(LESSON, &text);
        let (run, diags) = site.check_json();
        assert_eq!(run.code, 0, "{fence}: {diags:?}\n{}", run.stderr);
        // Read as a quiz: no "has no quiz" advice, and the session plan that uses its quiz is fine.
        assert!(!run.advice().iter().any(|d| d.code == "W002" && d.file == LESSON), "{fence}: {:?}", run.advice());
        site.build_ok();
        let html = site.out("tieu-hoc/mat-khau/index.html");
        assert_eq!(html.matches("class=\"quiz-form\"").count(), forms, "{fence}");
        assert!(!html.contains("correct: true"), "{fence}: the quiz's YAML is shown as code");
        assert!(!html.to_lowercase().contains("language-quiz"), "{fence}");
    }
}

#[test]
fn a_second_h1_and_a_skipped_heading_level_are_warnings_at_their_line() {
    let site = Site::new();
    site.edit(LESSON, "## Thử viết mật khẩu\n", "# Thử viết mật khẩu\n\n#### Một chi tiết\n\n# Lần nữa\n");
    let (run, _) = site.check_json();
    assert_eq!(run.code, 0, "warnings only: {}", run.stderr);
    let text = site.read(LESSON);
    let line_of = |needle: &str| text.lines().position(|l| l == needle).map(|i| i + 1).expect(needle);
    let advice = run.advice();
    let skipped: Vec<_> = advice.iter().filter(|d| d.code == "W022").collect();
    assert_eq!(skipped.len(), 1, "{advice:?}");
    assert_eq!(
        (skipped[0].file.as_str(), skipped[0].line, skipped[0].column),
        (LESSON, line_of("#### Một chi tiết"), 1)
    );
    assert!(skipped[0].message.contains("h1 is followed by h4"), "{:?}", skipped[0]);
    assert!(skipped[0].hint.as_deref().unwrap_or("").contains("h2"), "{:?}", skipped[0]);
    // The title is the page's h1 (every page template prints it so): each `#` in the text is a second
    // one, and the hint names the line of `title:`.
    let second: Vec<_> = advice.iter().filter(|d| d.code == "W021").collect();
    let lines: Vec<_> = second.iter().map(|d| (d.file.as_str(), d.line, d.column)).collect();
    assert_eq!(lines, [(LESSON, line_of("# Thử viết mật khẩu"), 1), (LESSON, line_of("# Lần nữa"), 1)]);
    let title = text.lines().position(|l| l.starts_with("title:")).map(|i| i + 1).expect("title");
    assert!(second.iter().all(|d| d.hint.as_deref().unwrap_or("").contains(&format!("line {title}"))), "{second:?}");
    // The human report shows file:line:col.
    let human = site.run(&["check"]);
    assert!(human.stderr.contains(&format!("{LESSON}:{}:1", line_of("# Lần nữa"))), "{}", human.stderr);
}

#[test]
fn headings_in_order_and_hashes_in_code_are_no_warning() {
    let site = Site::new();
    site.edit(LESSON, "## Thử viết mật khẩu\n", "## Thử viết mật khẩu\n\n### Bước một\n\n#### Chi tiết\n\n## Tiếp\n\n```bash\n# một chú thích\n#### không phải tiêu đề\n```\n");
    let (run, _) = site.check_json();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.advice().iter().any(|d| d.code == "W021" || d.code == "W022"), "{:?}", run.advice());
}

#[test]
fn a_static_file_over_a_theme_asset_is_reported_by_check_naming_it() {
    let site = Site::new();
    site.write("static/assets/style.css", "body { color: red }\n");
    let (run, diags) = site.check_json();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let d = diags.iter().find(|d| d.code == "E052").unwrap_or_else(|| panic!("no E052: {diags:?}"));
    assert_eq!(d.file, "static/assets/style.css", "{d:?}");
    assert!(d.message.contains("the theme's file `assets/style.css`"), "{d:?}");
    // The human output of `check` names it as well, and `build` says the same before writing anything.
    for command in ["check", "build"] {
        let run = site.run(&[command]);
        assert_eq!(run.code, 1, "{command}: {}", run.stderr);
        assert!(
            run.stderr.contains("E052") && run.stderr.contains("static/assets/style.css"),
            "{command}: {}",
            run.stderr
        );
    }
    assert!(!site.public().exists(), "nothing was written");
}

#[test]
fn a_static_file_with_a_pages_path_is_reported_by_check() {
    let site = Site::new();
    site.write("static/tro-giup/index.html", "<p>cũ</p>\n");
    let (run, diags) = site.check_json();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let d = diags.iter().find(|d| d.code == "E052").unwrap_or_else(|| panic!("no E052: {diags:?}"));
    assert_eq!(d.file, "static/tro-giup/index.html", "{d:?}");
    assert!(d.message.contains("the page `tro-giup/index.html`"), "{d:?}");
    // `build` names the file the same way, and leaves no output behind.
    let build = site.build();
    assert_eq!(build.code, 1, "{}", build.stderr);
    assert!(build.stderr.contains("`static/tro-giup/index.html` would be written where the page"), "{}", build.stderr);
    assert!(!build.stderr.contains("two pages want"), "{}", build.stderr);
    assert!(!site.public().join("index.html").exists(), "a failed build writes nothing");
    // Found from the pages' paths before any page is made: not even the work folder got a page.
    assert!(!site.path(".public.hoclieu-next/index.html").exists(), "no page rendered into the work folder");
    assert!(!site.path(".public.hoclieu-next/tro-giup/index.html").exists());
}

/// `templates/page.html` of the site: the theme's, ejected, with `edit` applied to its text.
fn page_template(site: &Site, edit: impl Fn(&str) -> String) -> String {
    let run = site.run(&["theme", "eject", "page"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = edit(&site.read("templates/page.html"));
    site.write("templates/page.html", &text);
    text
}

#[test]
fn an_unclosed_if_in_a_template_is_reported_at_its_opening_line() {
    let site = Site::new();
    let text = page_template(&site, |t| {
        let mut lines: Vec<&str> = t.lines().collect();
        // After the first line (`{% extends … %}`) and a few more, inside a block.
        let at = lines.iter().position(|l| l.contains("{% block content")).expect("a content block") + 1;
        lines.insert(at, "{% if page.title %}<p>Mở mà không đóng</p>");
        lines.join("\n") + "\n"
    });
    let line = text.lines().position(|l| l.starts_with("{% if page.title %}")).expect("inserted") + 1;
    let (run, diags) = site.check_json();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let d = diags.iter().find(|d| d.code == "E092").unwrap_or_else(|| panic!("no E092: {diags:?}"));
    assert_eq!((d.file.as_str(), d.line, d.column), ("templates/page.html", line, 1), "{d:?}");
    assert!(d.message.contains("{% if page.title %}") && d.message.contains("never closed"), "{d:?}");
    assert!(d.hint.as_deref().unwrap_or("").contains("{% endif %}"), "{d:?}");
    let human = site.run(&["check"]);
    assert!(human.stderr.contains(&format!("templates/page.html:{line}:1")), "{}", human.stderr);
    // `build` says the same.
    let build = site.build();
    assert_eq!(build.code, 1);
    assert!(build.stderr.contains(&format!("templates/page.html:{line}:1")), "{}", build.stderr);
}

#[test]
fn an_unclosed_if_at_the_end_of_a_template_is_reported_at_its_opening_line() {
    let site = Site::new();
    site.write("templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title }}</h1>\n{% endblock content %}\n{% for x in [1, 2] %}\n{{ x }}\n");
    let (_, diags) = site.check_json();
    let d = diags.iter().find(|d| d.code == "E092").unwrap_or_else(|| panic!("no E092: {diags:?}"));
    assert_eq!((d.file.as_str(), d.line, d.column), ("templates/page.html", 5, 1), "{d:?}");
    assert!(d.hint.as_deref().unwrap_or("").contains("{% endfor %}"), "{d:?}");
}

#[test]
fn a_syntax_error_in_a_template_is_at_its_own_line() {
    let site = Site::new();
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title }}</h1>\n<p>{{ page.title | }}</p>\n{% endblock content %}\n",
    );
    let (_, diags) = site.check_json();
    let d = diags.iter().find(|d| d.code == "E092").unwrap_or_else(|| panic!("no E092: {diags:?}"));
    assert_eq!((d.file.as_str(), d.line), ("templates/page.html", 4), "{d:?}");
    assert!(d.column > 1, "{d:?}");
    assert!(!d.message.contains("-->"), "Tera's own report is not repeated in the message: {d:?}");
}

#[test]
fn a_rendering_error_in_a_template_is_at_its_file_and_line() {
    let site = Site::new();
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title }}</h1>\n\n<p>{{ page.no_such_field.deeper }}</p>\n{% endblock content %}\n",
    );
    let (run, diags) = site.check_json();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let d = diags.iter().find(|d| d.code == "E093").unwrap_or_else(|| panic!("no E093: {diags:?}"));
    assert_eq!((d.file.as_str(), d.line), ("templates/page.html", 5), "{d:?}");
    assert!(d.column > 1, "{d:?}");
}

#[test]
fn an_unknown_filter_in_a_template_is_at_its_file_line_and_column() {
    let site = Site::new();
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ page.title | khong_co }}</h1>\n<p>{{ page.title | cung_khong }}</p>\n{% endblock content %}\n",
    );
    let (run, diags) = site.check_json();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let found: Vec<_> =
        diags.iter().filter(|d| d.code == "E092").map(|d| (d.file.as_str(), d.line, d.column)).collect();
    // Both, each at the filter's name.
    assert_eq!(found, [("templates/page.html", 3, 21), ("templates/page.html", 4, 20)], "{diags:?}");
    assert!(diags.iter().any(|d| d.message.contains("Unknown filter `khong_co`")), "{diags:?}");
}
