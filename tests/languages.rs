//! Messages come in the site's language: a `language: vi` site gets Vietnamese diagnostics, hints and
//! closing lines, in the human output and in `--format json`; `--lang en` (or an `en` site) gets
//! English. The codes are the same in both. (The catalogue itself is checked against the source by
//! `catalogue_matches_the_source` in src/diagnostics/catalogue.rs.)

mod common;

use common::{hoclieu_as_given, Site};

/// A lesson in `thcs` with a duration written with its unit and a tab before a field.
fn with_mistakes(site: &Site) {
    site.write("content/thcs/on-tap.md", "---\ntitle: Ôn tập\norder: 9\nduration: 45 phút\n---\n\nNội dung.\n");
}

fn run(site: &Site, args: &[&str]) -> common::Run {
    let root = site.root().to_str().unwrap().to_string();
    let mut all = args.to_vec();
    all.extend(["--root", &root]);
    hoclieu_as_given(&all)
}

fn json_lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn a_vietnamese_site_gets_vietnamese_messages_in_human_and_json_output() {
    let site = Site::new();
    with_mistakes(&site);
    let human = run(&site, &["check"]);
    assert_eq!(human.code, 1, "{}", human.stderr);
    assert!(human.stderr.contains("error[E010]"), "the code stays: {}", human.stderr);
    assert!(
        human.stderr.contains("`duration` cần một số phút, ví dụ 45, chứ không phải `45 phút`"),
        "{}",
        human.stderr
    );
    assert!(human.stderr.contains("gợi ý: chỉ viết con số"), "{}", human.stderr);
    assert!(human.stderr.contains("Kiểm tra không thành công: 1 lỗi"), "{}", human.stderr);
    assert!(!human.stderr.contains("expected u32"), "no parser jargon: {}", human.stderr);

    let json = run(&site, &["check", "--format", "json"]);
    let diags = json_lines(&json.stdout);
    let e010 = diags.iter().find(|d| d["code"] == "E010").expect("an E010");
    let message = e010["message"].as_str().unwrap();
    assert!(message.starts_with("Ở phần đầu bài học (front matter): `duration` cần một số phút"), "{message}");
    assert!(e010["hint"].as_str().unwrap().contains("`duration: 45`"), "{e010}");
    assert_eq!((e010["line"].as_u64(), e010["column"].as_u64()), (Some(4), Some(11)), "{e010}");
}

#[test]
fn lang_en_gets_english_with_the_same_codes_and_places() {
    let site = Site::new();
    with_mistakes(&site);
    let human = run(&site, &["check", "--lang", "en"]);
    assert!(human.stderr.contains("error[E010]"), "{}", human.stderr);
    assert!(
        human
            .stderr
            .contains("in the lesson's front matter: `duration` is a number of minutes, e.g. 45, not `45 phút`"),
        "{}",
        human.stderr
    );
    assert!(human.stderr.contains("hint: write a whole number alone"), "{}", human.stderr);
    assert!(human.stderr.contains("Check failed: 1 error"), "{}", human.stderr);

    let vi = json_lines(&run(&site, &["check", "--format", "json"]).stdout);
    let en = json_lines(&run(&site, &["check", "--format", "json", "--lang=en"]).stdout);
    assert_eq!(vi.len(), en.len());
    for (v, e) in vi.iter().zip(&en) {
        for key in ["code", "file", "line", "column", "end_line", "end_column", "severity"] {
            assert_eq!(v[key], e[key], "{key} differs between languages: {v} / {e}");
        }
        assert_ne!(v["message"], e["message"], "{v} / {e}");
    }
    let e010 = en.iter().find(|d| d["code"] == "E010").expect("an E010");
    assert!(e010["message"].as_str().unwrap().starts_with("in the lesson's front matter"), "{e010}");
}

#[test]
fn an_english_site_gets_english_and_lang_vi_gets_vietnamese() {
    let site = Site::new();
    site.edit("hoclieu.yaml", "language: vi", "language: en");
    site.write("content/thcs/on-tap.md", "---\ntitle: Ôn tập\norder: 9\n\tduration: 45\n---\n");
    let en = run(&site, &["check"]);
    assert!(en.stderr.contains("this line starts with a tab; YAML is indented with spaces only"), "{}", en.stderr);
    let vi = run(&site, &["check", "--lang", "vi"]);
    assert!(vi.stderr.contains("dòng này bắt đầu bằng một dấu tab"), "{}", vi.stderr);
    assert!(vi.stderr.contains("content/thcs/on-tap.md:4:1"), "the tab is pointed at: {}", vi.stderr);
}

#[test]
fn a_broken_config_of_a_vietnamese_site_is_reported_in_vietnamese() {
    let site = Site::new();
    // The YAML no longer parses, but its `language:` line still says which language to speak.
    site.edit("hoclieu.yaml", "school_year: 2026-2027", "school_year: [2026");
    let run = run(&site, &["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[E002]"), "{}", run.stderr);
    assert!(run.stderr.contains("Trong tệp cấu hình hoclieu.yaml"), "{}", run.stderr);
}

#[test]
fn commands_answer_in_the_sites_language() {
    let site = Site::new();
    let vi = run(&site, &["new", "lesson", "thpt/bai-moi"]);
    assert_eq!(vi.code, 1, "{}", vi.stderr);
    assert!(vi.stderr.contains("lỗi: không có cấp học `thpt` trong content/"), "{}", vi.stderr);
    assert!(vi.stderr.contains("gợi ý:") && vi.stderr.contains("hoclieu new level thpt"), "{}", vi.stderr);
    let en = run(&site, &["new", "lesson", "thpt/bai-moi", "--lang", "en"]);
    assert!(en.stderr.contains("error: there is no level `thpt` in content/"), "{}", en.stderr);
}

/// A lesson with a second `#` heading and a skipped level (W021, W022), and a template of the site with an
/// `{% if %}` that is never closed (E092).
fn with_outline_and_template_mistakes(site: &Site) {
    site.edit(
        "content/tieu-hoc/mat-khau.md",
        "## Thử viết mật khẩu\n",
        "# Thử viết mật khẩu\n\n#### Một chi tiết\n\n# Lần nữa\n",
    );
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n{% if page.title %}<p>{{ page.title }}</p>\n{% endblock content %}\n",
    );
}

#[test]
fn heading_warnings_and_template_errors_come_in_the_sites_language() {
    let site = Site::new();
    with_outline_and_template_mistakes(&site);
    let vi = run(&site, &["check"]);
    assert_eq!(vi.code, 1, "{}", vi.stderr);
    for words in [
        "warning[W021]: trang này có tiêu đề `#` (h1) thứ hai",
        "gợi ý: mỗi trang chỉ có một tiêu đề chính (tiêu đề thứ nhất ở dòng",
        "warning[W022]: tiêu đề này nhảy cấp: ngay sau h1 là h4",
        "gợi ý: đổi thành `##` (h2)",
        "error[E092]: khối `{% if page.title %}` trong `templates/page.html` chưa được đóng",
        "gợi ý: thêm `{% endif %}` ở chỗ khối kết thúc: tới dòng 4 thì gặp `{% endblock content %}`",
    ] {
        assert!(vi.stderr.contains(words), "missing {words:?} in:\n{}", vi.stderr);
    }
    for english in ["second `#` heading", "skips a level", "never closed", "where the block should end"] {
        assert!(!vi.stderr.contains(english), "{english:?} in:\n{}", vi.stderr);
    }
    // The same places in both languages; the words in English with --lang en.
    assert!(vi.stderr.contains("templates/page.html:3:1"), "{}", vi.stderr);
    let en = run(&site, &["check", "--lang", "en"]);
    for words in [
        "warning[W021]: a second `#` heading (h1) on this page",
        "hint: a page has one main heading (the first is on line",
        "warning[W022]: this heading skips a level: h1 is followed by h4",
        "error[E092]: `{% if page.title %}` in `templates/page.html` is never closed",
        "hint: add `{% endif %}` where the block should end: on line 4, `{% endblock content %}` comes while it is still open",
        "templates/page.html:3:1",
    ] {
        assert!(en.stderr.contains(words), "missing {words:?} in:\n{}", en.stderr);
    }
    assert!(!en.stderr.contains("tiêu đề") && !en.stderr.contains("gợi ý"), "{}", en.stderr);
}

#[test]
fn a_clash_with_the_theme_and_a_broken_image_come_in_the_sites_language() {
    let site = Site::new();
    site.write("static/assets/style.css", "body { color: red }\n");
    site.write("static/images/hong.png", "không phải ảnh");
    let vi = run(&site, &["check"]);
    assert_eq!(vi.code, 1, "{}", vi.stderr);
    for words in [
        "error[E052]: `static/assets/style.css` sẽ được ghi vào đúng chỗ của tệp `assets/style.css` thuộc giao diện",
        "warning[W007]: không đọc được ảnh static/images/hong.png: nội dung tệp không phải ảnh PNG",
        "gợi ý: mở tệp bằng phần mềm sửa ảnh rồi lưu lại",
    ] {
        assert!(vi.stderr.contains(words), "missing {words:?} in:\n{}", vi.stderr);
    }
    let en = run(&site, &["check", "--lang", "en"]);
    for words in [
        "error[E052]: `static/assets/style.css` would be written where the theme's file `assets/style.css` is",
        "warning[W007]: static/images/hong.png cannot be read as an image: its content is not PNG, JPEG, GIF, WebP or AVIF",
    ] {
        assert!(en.stderr.contains(words), "missing {words:?} in:\n{}", en.stderr);
    }
}

#[test]
fn hoclieu_schema_answers_in_the_sites_language() {
    let site = Site::new();
    let vi = run(&site, &["schema"]);
    assert_eq!(vi.code, 0, "{}", vi.stderr);
    assert!(vi.stderr.contains("Đã ghi 8 lược đồ JSON (JSON Schema) vào"), "{}", vi.stderr);
    let en = run(&site, &["schema", "--lang", "en"]);
    assert!(en.stderr.contains("Wrote 8 JSON Schemas into"), "{}", en.stderr);
    // Outside a site, without --out: the computer's language or --lang.
    let empty = tempfile::tempdir().unwrap();
    let root = empty.path().to_str().unwrap();
    let vi = hoclieu_as_given(&["schema", "--root", root, "--lang", "vi"]);
    assert_eq!(vi.code, 1, "{}", vi.stderr);
    assert!(vi.stderr.contains("lỗi: không có tệp hoclieu.yaml trong"), "{}", vi.stderr);
    assert!(vi.stderr.contains("gợi ý:") && vi.stderr.contains("--out THƯ-MỤC"), "{}", vi.stderr);
    let en = hoclieu_as_given(&["schema", "--root", root, "--lang", "en"]);
    assert!(en.stderr.contains("error: there is no hoclieu.yaml in"), "{}", en.stderr);
    assert!(en.stderr.contains("say where to write the schemas with --out DIR"), "{}", en.stderr);
}

#[test]
fn a_template_failing_while_a_page_is_made_comes_in_the_sites_language_at_its_line() {
    let site = Site::new();
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ page.no_such.deeper }}</p>\n{% endblock content %}\n",
    );
    let vi = run(&site, &["check"]);
    assert_eq!(vi.code, 1, "{}", vi.stderr);
    assert!(
        vi.stderr.contains("error[E093]: mẫu trang `templates/page.html` bị lỗi khi dựng trang: "),
        "{}",
        vi.stderr
    );
    assert!(vi.stderr.contains("gợi ý: mẫu trang viết bằng Tera 2"), "{}", vi.stderr);
    let en = run(&site, &["build", "--lang", "en"]);
    assert_eq!(en.code, 1, "{}", en.stderr);
    assert!(en.stderr.contains("error[E093]: `templates/page.html` failed: "), "{}", en.stderr);
    // The report shows the template's line, in `check` and `build` alike.
    for run in [&vi, &en] {
        assert!(run.stderr.contains("templates/page.html:3:"), "{}", run.stderr);
        assert!(run.stderr.contains("3 │ <p>{{ page.no_such.deeper }}</p>"), "{}", run.stderr);
    }
}

#[test]
fn build_zip_says_what_it_packed_in_the_sites_language() {
    let site = Site::new();
    let zips = tempfile::tempdir().unwrap();
    let zip = zips.path().join("hoc-lieu.zip");
    let zip = zip.to_str().unwrap();
    let vi = run(&site, &["build", "--zip", zip]);
    assert_eq!(vi.code, 0, "{}", vi.stderr);
    assert!(
        vi.stderr.contains("Đã đóng gói ") && vi.stderr.contains("giải nén ra là thư mục hoc-lieu/"),
        "{}",
        vi.stderr
    );
    let en = run(&site, &["build", "--zip", zip, "--lang", "en"]);
    assert_eq!(en.code, 0, "{}", en.stderr);
    assert!(
        en.stderr.contains("Packed ") && en.stderr.contains("unzipped, it is the folder hoc-lieu/"),
        "{}",
        en.stderr
    );
}
