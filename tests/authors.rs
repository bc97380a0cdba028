//! What an author meets, run through the real binary on a copy of the fixture site: Markdown read as
//! CommonMark reads it (e-mail autolinks, query strings, `:::` in raw HTML or after a code block left
//! open), file names `check` and `build` agree on, and the author's commands (`new level`, `theme eject`,
//! `build --zip`, `check --watch`, `docs`, help in Vietnamese).

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{hoclieu, Site};

const PAGE: &str = "content/tro-giup.md";

/// The fixture's help page with `body` in place of its own.
fn page(body: &str) -> String {
    format!("---\ntitle: Trợ giúp\nsummary: Số điện thoại và người lớn em có thể tìm đến.\n---\n\n{body}")
}

#[test]
fn an_e_mail_autolink_is_a_mailto_link() {
    let site = Site::new();
    site.write(PAGE, &page("Viết cho thầy cô: <hotro@truong.edu.vn>.\n"));
    site.build_ok();
    let html = site.out("tro-giup/index.html");
    assert!(html.contains("href=\"mailto:hotro@truong.edu.vn\""), "{html}");
    // Written as a path, the address is a missing file, and the hint says how to link it.
    site.write(PAGE, &page("[Viết thư](hotro@truong.edu.vn)\n"));
    let (run, diags) = site.check_json();
    assert_eq!(run.code, 1);
    let e = diags.iter().find(|d| d.code == "E022").expect("E022");
    assert!(e.hint.as_deref().unwrap_or("").contains("mailto:hotro@truong.edu.vn"), "{e:?}");
}

#[test]
fn a_missing_file_gets_the_path_the_author_meant() {
    let site = Site::new();
    site.write(
        PAGE,
        &page("[Mật khẩu](/tieu-hoc/mat-khau/)\n\n![Ổ khóa](/images/o-khoa.png)\n\n![Ổ khóa](images/o-khoa.svg)\n"),
    );
    let (_, diags) = site.check_json();
    let hints: Vec<(usize, String)> =
        diags.iter().filter(|d| d.code == "E022").map(|d| (d.line, d.hint.clone().unwrap_or_default())).collect();
    assert_eq!(hints.len(), 3, "{diags:?}");
    // An address as other generators write it: the .md file it names.
    assert!(hints[0].1.contains("did you mean `tieu-hoc/mat-khau.md`?"), "{hints:?}");
    // Another extension: the file that is there.
    assert!(hints[1].1.contains("did you mean `/images/o-khoa.svg`?"), "{hints:?}");
    // A file of static/ without the leading `/`.
    assert!(hints[2].1.contains("write `/images/o-khoa.svg`"), "{hints:?}");
}

#[test]
fn a_local_link_keeps_its_query_string() {
    let site = Site::new();
    site.write("static/tai-lieu.pdf", "%PDF-1.4\n");
    site.write(PAGE, &page("[Tài liệu](/tai-lieu.pdf?v=2#page=3) và [ảnh](/images/o-khoa.svg?v=3)\n"));
    site.build_ok();
    let html = site.out("tro-giup/index.html");
    assert!(html.contains("href=\"../tai-lieu.pdf?v=2#page=3\""), "{html}");
    assert!(html.contains("href=\"../images/o-khoa.svg?v=3\""), "{html}");
}

#[test]
fn a_percent_before_a_letter_with_diacritics_is_a_missing_page_not_a_crash() {
    let site = Site::new();
    site.write(PAGE, &page("[xem](%aé.md)\n"));
    let (run, diags) = site.check_json();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(diags.iter().any(|d| d.code == "E020" && d.line == 6), "{diags:?}");
}

#[test]
fn a_block_fence_inside_raw_html_pre_is_text() {
    let site = Site::new();
    site.write(PAGE, &page("<pre>\nCú pháp khối:\n::: tip\nNội dung\n:::\n</pre>\n\n::: tip\nMẹo thật\n:::\n"));
    let (run, diags) = site.check_json();
    assert_eq!(run.code, 0, "{diags:?}");
    site.build_ok();
    let html = site.out("tro-giup/index.html");
    assert!(html.contains("::: tip\nNội dung\n:::"), "the <pre> keeps its lines:\n{html}");
    assert_eq!(html.matches("callout-tip").count(), 1, "{html}");
}

#[test]
fn a_block_after_a_code_fence_left_open_in_a_list_item_is_a_block() {
    let site = Site::new();
    site.write(
        PAGE,
        &page("1. Mở cài đặt:\n   ```\n   Cài đặt > Quyền riêng tư\n\n::: tip\nMẹo: hỏi người lớn.\n:::\n"),
    );
    site.build_ok();
    let html = site.out("tro-giup/index.html");
    assert!(html.contains("callout-tip"), "{html}");
    assert!(!html.contains("::: tip"), "printed as text:\n{html}");
}

#[test]
fn a_block_swallowed_by_a_code_block_never_closed_is_an_error() {
    let site = Site::new();
    site.write(PAGE, &page("```\nmật khẩu\n\n::: teacher\nĐáp án: B\n:::\n"));
    let (run, diags) = site.check_json();
    assert_eq!(run.code, 1);
    let e = diags.iter().find(|d| d.code == "E030").unwrap_or_else(|| panic!("{diags:?}"));
    assert_eq!(e.line, 9, "{e:?}");
    assert!(e.message.contains("`::: teacher` is inside a code block that is never closed"), "{e:?}");
}

#[test]
fn check_and_build_agree_on_a_file_name_with_a_backslash() {
    if cfg!(windows) {
        return; // `\` separates folders there.
    }
    let site = Site::new();
    site.write("static/anh\\lop.png", "png");
    let (run, diags) = site.check_json();
    assert_eq!(run.code, 1, "check must refuse what build cannot write");
    let e = diags.iter().find(|d| d.code == "E025").unwrap_or_else(|| panic!("{diags:?}"));
    assert!(e.message.contains("static/anh\\lop.png"), "{e:?}");
    assert!(e.hint.as_deref().unwrap_or("").contains("static/anh-lop.png"), "{e:?}");
    let build = site.build();
    assert_eq!(build.code, 1);
    assert!(build.stderr.contains("E025"), "{}", build.stderr);
}

#[test]
fn json_diagnostics_have_a_version_and_an_end() {
    let site = Site::new();
    site.write(PAGE, &page("Xem [bài](khong-co.md).\n"));
    let run = site.run(&["check", "--format", "json"]);
    let line = run.stdout.lines().find(|l| l.contains("E020")).expect("E020");
    let v: serde_json::Value = serde_json::from_str(line).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!((v["line"].as_u64(), v["column"].as_u64()), (Some(6), Some(5)));
    // `[bài](khong-co.md)` is 18 characters: the end is the column after it.
    assert_eq!((v["end_line"].as_u64(), v["end_column"].as_u64()), (Some(6), Some(23)), "{line}");
}

// ---------------------------------------------------------------------------------------------
// Commands

#[test]
fn new_level_then_new_lesson_as_a_draft() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("truong");
    let root_s = root.to_str().unwrap();
    let init = hoclieu(&["init", root_s]);
    assert_eq!(init.code, 0);
    // A new site has no base_url: init says that the sitemap waits for it.
    assert!(init.stderr.contains("set base_url") && init.stderr.contains("sitemap.xml"), "{}", init.stderr);
    let config = std::fs::read_to_string(root.join("hoclieu.yaml")).unwrap();
    assert!(config.contains("# base_url:") && config.contains("không có sitemap.xml"), "{config}");
    let run = hoclieu(&["new", "lesson", "thcs/tin-gia", "--root", root_s]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("hoclieu new level thcs"), "the hint says how to make the level:\n{}", run.stderr);

    let run = hoclieu(&["new", "level", "thcs", "--root", root_s]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("content/thcs/_index.md"), "{}", run.stderr);
    let level = std::fs::read_to_string(root.join("content/thcs/_index.md")).unwrap();
    assert!(level.contains("title: Trung học cơ sở\n") && level.contains("order: 3\n"), "{level}");
    assert!(level.contains("grades: [6, 9]\n") && level.contains("ages: [11, 15]\n"), "{level}");
    assert_eq!(hoclieu(&["new", "level", "thcs", "--root", root_s]).code, 1, "never overwrites");

    let run = hoclieu(&["new", "lesson", "thcs/tin-gia", "--root", root_s]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("draft"), "{}", run.stderr);
    let lesson = std::fs::read_to_string(root.join("content/thcs/tin-gia.md")).unwrap();
    assert!(lesson.contains("\ndraft: true\n"), "{lesson}");
    // A level of one's own gets the next place.
    let run = hoclieu(&["new", "level", "Giáo dục thường xuyên", "--root", root_s]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let own = std::fs::read_to_string(root.join("content/giao-duc-thuong-xuyen/_index.md")).unwrap();
    assert!(own.contains("title: Giáo dục thường xuyên\n") && own.contains("order: 4\n"), "{own}");
    // The new level needs its session plan; then the site checks.
    assert_eq!(hoclieu(&["new", "session", "thcs", "--root", root_s]).code, 0);
    assert_eq!(hoclieu(&["new", "session", "giao-duc-thuong-xuyen", "--root", root_s]).code, 0);
    let run = hoclieu(&["check", "--root", root_s]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Published with its sample text still in it: a warning at the first sample line (the title, after its comment).
    let published = lesson.replace("\ndraft: true\n", "\n");
    std::fs::write(root.join("content/thcs/tin-gia.md"), published).unwrap();
    let run = hoclieu(&["check", "--format", "json", "--root", root_s]);
    let w: Vec<common::Diag> =
        run.advice().into_iter().filter(|d| d.code == "W005" && d.file == "content/thcs/tin-gia.md").collect();
    assert_eq!(w.len(), 1, "{}", run.stdout);
    assert_eq!(w[0].line, 3, "{:?}", w[0]);
    assert!(w[0].message.contains("Bài học mới"), "{:?}", w[0]);
}

#[test]
fn theme_eject_copies_a_template_and_a_misspelt_override_is_reported() {
    let site = Site::new();
    let run = site.run(&["theme", "eject", "lesson"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let copy = site.read("templates/lesson.html");
    assert_eq!(
        copy,
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/templates/lesson.html")).unwrap()
    );
    site.edit("templates/lesson.html", "{% block content %}", "{% block content %}<p>MARKER-EJECTED</p>");
    site.build_ok();
    assert!(site.out("thcs/tin-gia/index.html").contains("MARKER-EJECTED"));
    let run = site.run(&["theme", "list"]);
    assert!(run.stdout.contains("lesson.html  (replaced by templates/lesson.html)"), "{}", run.stdout);

    site.write("templates/lessons.html", "{% extends \"base.html\" %}");
    let run = site.run(&["check", "--format", "json"]);
    let w = run.advice().into_iter().find(|d| d.code == "W006").unwrap_or_else(|| panic!("{}", run.stdout));
    assert_eq!(w.file, "templates/lessons.html");
    assert!(w.hint.unwrap().contains("did you mean `templates/lesson.html`?"));
    assert_eq!(run.code, 0, "a warning only");
}

#[test]
fn build_zip_packs_a_site_that_works_unzipped() {
    let site = Site::new();
    let zip = site.root().join("../hoc-lieu-test.zip");
    let zip_s = zip.to_str().unwrap().to_string();
    let run = site.run(&["build", "--audience", "student", "--zip", &zip_s]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("hoc-lieu-test/index.html"), "{}", run.stderr);
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
    let names: Vec<String> = archive.file_names().map(str::to_string).collect();
    let _ = std::fs::remove_file(&zip);
    let built: Vec<String> = common::files(&site.public())
        .into_keys()
        .filter(|k| !k.starts_with(".hoclieu"))
        .map(|k| format!("hoc-lieu-test/{k}"))
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(sorted, built, "the archive holds the built site in one folder, and nothing else");
    let mut index = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("hoc-lieu-test/index.html").unwrap(), &mut index).unwrap();
    assert_eq!(index, site.out("index.html"));
    // The student site has no answer keys.
    assert!(!names.iter().any(|n| n.contains("dap-an-")), "{names:?}");
}

#[test]
fn check_watch_checks_again_on_save() {
    let site = Site::new();
    let mut child = Command::new(env!("CARGO_BIN_EXE_hoclieu"))
        .args(["check", "--watch", "--format", "json", "--root", site.root().to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    // Each round ends with a `done` line.
    let round = |rx: &std::sync::mpsc::Receiver<String>| {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut lines = Vec::new();
        while Instant::now() < deadline {
            if let Ok(line) = rx.recv_timeout(Duration::from_millis(200)) {
                let done = line.contains("\"done\":true");
                lines.push(line);
                if done {
                    return Some(lines);
                }
            }
        }
        None
    };
    let first = round(&rx);
    let saved = first.as_ref().map(|_| {
        site.write(PAGE, &page("Xem [bài](khong-co.md).\n"));
        round(&rx)
    });
    let _ = child.kill();
    let _ = child.wait();
    let first = first.expect("a first check");
    assert!(first.last().unwrap().contains("\"errors\":0"), "{first:?}");
    let second = saved.flatten().expect("a check after the save");
    assert!(second.iter().any(|l| l.contains("E020")), "{second:?}");
    assert!(second.last().unwrap().contains("\"errors\":1"), "{second:?}");
}

#[test]
fn help_in_vietnamese_and_english_and_the_guides_built_in() {
    let vi = hoclieu(&["--lang", "vi", "--help"]);
    assert_eq!(vi.code, 0);
    assert!(vi.stdout.contains("Cách dùng: hoclieu") && vi.stdout.contains("Dựng trang vào public/"), "{}", vi.stdout);
    let en = hoclieu(&["--lang", "en", "--help"]);
    assert!(en.stdout.contains("Usage: hoclieu") && en.stdout.contains("Build the site into public/"), "{}", en.stdout);
    assert!(!en.stdout.contains("See docs/authoring.md"), "help names no file a binary-only user lacks");
    assert!(en.stdout.contains("hoclieu docs authoring"), "{}", en.stdout);
    // The site's language picks the help's.
    let site = Site::new();
    let run = site.run(&["build", "--help"]);
    assert!(run.stdout.contains("Chỉ in lỗi."), "{}", run.stdout);

    let list = hoclieu(&["docs"]);
    assert!(list.stdout.contains("authoring") && list.stdout.contains("deploy"), "{}", list.stdout);
    assert!(list.stdout.lines().any(|l| l.contains("theme") && l.ends_with("[en]")), "{}", list.stdout);
    let guide = hoclieu(&["docs", "deploy", "--lang", "en"]);
    assert_eq!(guide.code, 0);
    assert!(guide.stdout.starts_with("# Publishing a site"), "{}", guide.stdout);
    let vi = hoclieu(&["docs", "authoring", "--lang", "vi"]);
    assert!(vi.stdout.starts_with("# Soạn học liệu với hoclieu"), "{}", vi.stdout);
    let theme = hoclieu(&["docs", "theme", "--lang", "vi"]);
    assert!(theme.stdout.starts_with("# Theme"), "a guide in one language only falls back to it: {}", theme.stdout);
    let editors = hoclieu(&["docs", "editors", "--lang", "en"]);
    assert!(editors.stdout.starts_with("# Writing lessons in VS Code"), "{}", editors.stdout);
    let editors = hoclieu(&["docs", "editors", "--lang", "vi"]);
    assert!(editors.stdout.starts_with("# Soạn bài bằng VS Code"), "{}", editors.stdout);
    let wrong = hoclieu(&["docs", "deploi"]);
    assert_eq!(wrong.code, 1);
    assert!(wrong.stderr.contains("did you mean `deploy`?"), "{}", wrong.stderr);
}
