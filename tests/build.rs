//! `hoclieu build` and `check` on the fixture site: what is written, where, and what the pages
//! promise (relative links that name files, no teacher notes for students, no third-party
//! requests, NFC text), plus the output folder's safety rules and the command-line contract.

mod common;

use common::{attributes, check_links, files, hoclieu, html_pages, resolve, tags, Site};
use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;

/// At least these pages: home, 404, sitemap, one plain page, 2 levels, 4 lessons and 5 quizzes ×
/// (worksheet + answer key). Teacher and parent pages add more.
const MIN_PAGES: usize = 20;

/// Pages for teachers, where `::: teacher` blocks belong: answer keys, the teachers' section
/// and each level's session plan (the teacher guide, docs/theme.md).
fn is_teacher_page(rel: &str) -> bool {
    rel.starts_with("giao-vien/")
        || rel.rsplit('/').next().unwrap().starts_with("dap-an-")
        || rel.ends_with("/buoi-ngoai-khoa-2026-2027/index.html")
}

/// Theme URLs whose targets the engine does not write yet (the search page is in progress):
/// checked by the ignored test `search_page_and_script_are_written`, skipped by the link check
/// so it keeps guarding every other URL. Remove once search lands.
/// Written since the search work landed; kept as a regression check.
const SEARCH_FILES: &[&str] = &["tim-kiem/index.html", "assets/search.js", "assets/search-index.js"];

/// The fixture's lesson pages (student-facing).
const LESSONS: &[&str] = &["tieu-hoc/mat-khau", "tieu-hoc/nguoi-la", "thcs/bat-nat", "thcs/tin-gia"];

#[test]
fn build_writes_every_page_at_its_documented_path() {
    let site = Site::new();
    // The sitemap is written only with a published address (see `no_sitemap_without_base_url`).
    site.edit("hoclieu.yaml", "language: vi\n", "language: vi\nbase_url: https://truong.example/\n");
    let run = site.build_ok();
    let pages: usize = run
        .stderr
        .split("Built ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no \"Built N pages\" summary:\n{}", run.stderr));
    let written = files(&site.public()).keys().filter(|k| k.ends_with(".html") || k.ends_with(".xml")).count();
    assert_eq!(pages, written, "the summary counts the pages written");
    assert!(pages >= MIN_PAGES, "only {pages} pages");
    assert!(run.stdout.is_empty(), "build prints to stderr only: {}", run.stdout);
    let expected = [
        "index.html",
        "404.html",
        "sitemap.xml",
        "assets/style.css",
        "tro-giup/index.html",
        "tieu-hoc/index.html",
        "tieu-hoc/mat-khau/index.html",
        "tieu-hoc/mat-khau/phieu-1.html",
        "tieu-hoc/mat-khau/dap-an-1.html",
        "tieu-hoc/mat-khau/phieu-2.html",
        "tieu-hoc/mat-khau/dap-an-2.html",
        "tieu-hoc/nguoi-la/index.html",
        "tieu-hoc/nguoi-la/phieu-1.html",
        "tieu-hoc/nguoi-la/dap-an-1.html",
        "thcs/index.html",
        "thcs/bat-nat/index.html",
        "thcs/bat-nat/phieu-1.html",
        "thcs/bat-nat/dap-an-1.html",
        "thcs/tin-gia/index.html",
        "thcs/tin-gia/phieu-1.html",
        "thcs/tin-gia/dap-an-1.html",
        // The site's static/ goes to the root; other files under content/ keep their path.
        "images/o-khoa.svg",
        "thcs/hinh/so-do.svg",
    ];
    let missing: Vec<&str> = expected.iter().copied().filter(|rel| !site.public().join(rel).is_file()).collect();
    assert!(missing.is_empty(), "missing from public/: {missing:?}\nwritten: {:?}", files(&site.public()).keys());
    let sitemap = site.out("sitemap.xml");
    for lesson in LESSONS {
        assert!(sitemap.contains(&format!("{lesson}/index.html")), "sitemap lacks {lesson}:\n{sitemap}");
    }
}

#[test]
fn every_internal_url_is_relative_names_a_file_and_resolves() {
    let site = Site::new();
    site.build_ok();
    let report = check_links(&site.public());
    let checked: usize = report.checked.values().sum();
    assert!(checked > 100, "the scanner found only {checked} URLs: is it reading the pages?");
    assert!(report.problems.is_empty(), "{} broken URLs:\n{}", report.problems.len(), report.problems.join("\n"));
}

#[test]
fn cross_links_are_rewritten_to_the_built_pages_with_their_anchors() {
    let site = Site::new();
    site.build_ok();
    let urls: Vec<String> = attributes(&site.out("tieu-hoc/mat-khau/index.html"))
        .into_iter()
        .filter(|a| a.tag == "a" && a.name == "href")
        .map(|a| a.value)
        .collect();
    for expected in [
        "../../tieu-hoc/nguoi-la/index.html#khi-nguoi-la-nhan-tin",
        "../../thcs/bat-nat/index.html#goi-ngay",
        "phieu-1.html",
        "dap-an-1.html",
        "phieu-2.html",
        "dap-an-2.html",
    ] {
        // Worksheet links may be written from the root (`../../tieu-hoc/mat-khau/phieu-1.html`).
        let found = urls.iter().any(|u| u == expected || u.ends_with(&format!("/tieu-hoc/mat-khau/{expected}")));
        assert!(found, "lesson page lacks a link to {expected}; its links: {urls:?}");
    }
    // A stylesheet-relative CSS url() must resolve too.
    let css = site.out("assets/style.css");
    for part in css.split("url(").skip(1) {
        let url = part.split(')').next().unwrap().trim().trim_matches(|c| c == '"' || c == '\'');
        if url.starts_with("data:") || url.starts_with('#') {
            continue;
        }
        assert!(!url.contains("//"), "style.css loads {url} from another origin");
        let target = resolve("assets/style.css", url).unwrap_or_default();
        assert!(site.public().join(&target).is_file(), "style.css: url({url}) → {target} is missing");
    }
}

#[test]
fn teacher_blocks_appear_on_no_student_page() {
    let site = Site::new();
    site.build_ok();
    let all = files(&site.public());
    let mut student_pages = 0;
    for (rel, bytes) in &all {
        if is_teacher_page(rel) {
            continue;
        }
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains("MARKER-TEACHER"), "teacher-only text leaked into public/{rel}");
        student_pages += rel.ends_with(".html") as usize;
    }
    assert!(student_pages >= 14, "only {student_pages} student pages checked");
    // The rest of the lesson is still there.
    assert!(site.out("tieu-hoc/mat-khau/index.html").contains("Chỉ em và bố mẹ được biết mật khẩu"));
}

#[test]
fn parents_blocks_show_in_a_titled_aside_on_the_lesson_page() {
    let site = Site::new();
    site.build_ok();
    for (lesson, marker) in [
        ("tieu-hoc/mat-khau", "MARKER-PARENTS-MAT-KHAU"),
        ("tieu-hoc/nguoi-la", "MARKER-PARENTS-NGUOI-LA"),
        ("thcs/bat-nat", "MARKER-PARENTS-BAT-NAT"),
        ("thcs/tin-gia", "MARKER-PARENTS-TIN-GIA"),
    ] {
        let html = site.out(&format!("{lesson}/index.html"));
        let at = html.find(marker).unwrap_or_else(|| panic!("{lesson}: parents block missing"));
        let open = html[..at].rfind("<aside").unwrap_or_else(|| panic!("{lesson}: parents block not in an <aside>"));
        let tag_end = open + html[open..].find('>').unwrap();
        assert!(html[open..tag_end].contains("audience-parents"), "{lesson}: aside is `{}`", &html[open..=tag_end]);
        assert!(!html[open..at].contains("</aside>"), "{lesson}: the marker is outside the aside");
        assert!(html[tag_end..at].contains("Dành cho cha mẹ"), "{lesson}: the aside has no visible title");
    }
}

#[test]
fn pages_are_vietnamese_with_a_csp_and_no_third_party_requests_or_inline_code() {
    let site = Site::new();
    site.build_ok();
    let pages = html_pages(&site.public());
    let mut problems = Vec::new();
    for (page, html) in &pages {
        let attrs = attributes(html);
        let lang: Vec<&str> =
            attrs.iter().filter(|a| a.tag == "html" && a.name == "lang").map(|a| a.value.as_str()).collect();
        if lang != ["vi"] {
            problems.push(format!("{page}: <html lang> is {lang:?}"));
        }
        let csp = attrs.iter().any(|a| {
            a.tag == "meta" && a.name == "http-equiv" && a.value.eq_ignore_ascii_case("content-security-policy")
        });
        let policy = attrs.iter().find(|a| a.tag == "meta" && a.name == "content" && a.value.contains("default-src"));
        if !csp || !policy.is_some_and(|p| p.value.contains("default-src 'self'") && !p.value.contains("http")) {
            problems.push(format!("{page}: no Content-Security-Policy meta allowing only 'self'"));
        }
        for a in &attrs {
            let v = a.value.to_ascii_lowercase();
            let remote = v.starts_with("http:") || v.starts_with("https:") || v.starts_with("//");
            if remote && (a.name == "src" || a.name == "srcset" || (a.tag == "link" && a.name == "href")) {
                problems.push(format!("{page}: <{} {}=\"{}\"> requests another origin", a.tag, a.name, a.value));
            }
            // The CSP blocks inline styles and handlers; they would silently do nothing.
            if a.name == "style" || a.name.starts_with("on") {
                problems.push(format!("{page}: inline `{}` attribute on <{}>", a.name, a.tag));
            }
        }
        // 404.html alone may carry inline code, allowed by its own CSP: its files may be what cannot be found.
        if page == "404.html" {
            continue;
        }
        // Inline scripts are blocked by the CSP; JSON data blocks are not scripts.
        for t in tags(html).iter().filter(|t| t.name == "script") {
            if t.get("src").is_none() && t.get("type") != Some("application/json") {
                problems.push(format!("{page}: inline <script {:?}>", t.attrs));
            }
        }
        if html.to_ascii_lowercase().contains("<style") {
            problems.push(format!("{page}: inline <style> element"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The fixture's external link stays a plain link: following it is the reader's choice.
    assert!(site.out("tieu-hoc/mat-khau/index.html").contains("https://example.org/an-toan"));
}

#[test]
fn code_blocks_are_highlighted_with_classes() {
    let site = Site::new();
    site.build_ok();
    let html = site.out("tieu-hoc/mat-khau/index.html");
    assert!(html.contains("con-meo-bay-len-troi"), "the code block is missing");
    let pre = attributes(&html)
        .into_iter()
        .any(|a| a.tag == "pre" && a.name == "class" && a.value.split(' ').any(|c| c == "code"));
    assert!(pre, "no <pre class=\"code\"> on the page");
    assert!(html.contains("class=\"hl-") || html.contains("class=hl-"), "no highlighting classes in the code block");
}

#[test]
fn highlighted_code_is_kept_between_builds_without_changing_a_byte() {
    let site = Site::new();
    let cache = site.path(".hoclieu/cache/highlight.bin");
    assert_eq!(site.run(&["check"]).code, 0);
    assert!(!site.path(".hoclieu").exists(), "check writes nothing, not even the cache");

    site.build_ok();
    let first = files(&site.public());
    let saved = std::fs::read(&cache).expect("the first build saves the cache");
    assert!(site.read(".hoclieu/cache/.gitignore").contains('*'), "the cache stays out of version control");
    site.build_ok();
    assert_eq!(files(&site.public()), first, "a build from the cache makes the same files");
    assert_eq!(std::fs::read(&cache).unwrap(), saved, "nothing new, so the cache is left as it was");

    // New code is highlighted and added; the output equals a build with no cache at all.
    site.edit("content/thcs/tin-gia.md", "const nguon = \"báo chính thống\";", "let nguon = 'cổng thông tin';");
    site.build_ok();
    assert_ne!(std::fs::read(&cache).unwrap(), saved, "the new block is added to the cache");
    let warm = files(&site.public());
    std::fs::remove_dir_all(site.path(".hoclieu")).unwrap();
    site.build_ok();
    assert_eq!(files(&site.public()), warm);
    assert!(String::from_utf8_lossy(&warm["thcs/tin-gia/index.html"]).contains("cổng thông tin"));
}

#[test]
fn decomposed_diacritics_are_normalised_and_heading_ids_folded() {
    let site = Site::new();
    let nfd: String = site.read("content/thcs/bat-nat.md").nfd().collect();
    assert_ne!(nfd, site.read("content/thcs/bat-nat.md"), "the fixture should have diacritics to decompose");
    site.write("content/thcs/bat-nat.md", &nfd);
    // The tin-gia lesson links to `bat-nat.md#bat-nat-qua-mang-la-gi`: the build checks the folded id.
    site.build_ok();
    let html = site.out("thcs/bat-nat/index.html");
    let title_nfd: String = "Bắt nạt qua mạng".nfd().collect();
    assert!(html.contains("Bắt nạt qua mạng"), "NFC text missing");
    assert!(!html.contains(&title_nfd), "decomposed text reached the page");
    let ids: Vec<String> = attributes(&html).into_iter().filter(|a| a.name == "id").map(|a| a.value).collect();
    assert!(ids.iter().any(|i| i == "bat-nat-qua-mang-la-gi"), "folded heading id missing: {ids:?}");
    assert!(ids.iter().any(|i| i == "goi-ngay"), "`{{#goi-ngay}}` custom id missing: {ids:?}");
    let level = site.out("thcs/index.html");
    assert!(level.contains("Bắt nạt qua mạng") && !level.contains(&title_nfd), "the level page lists the NFC title");
}

#[test]
fn a_heading_id_folds_vietnamese_and_a_custom_id_wins() {
    let site = Site::new();
    site.edit(
        "content/thcs/tin-gia.md",
        "## Nhận ra tin giả",
        "## Bắt nạt qua mạng\n\n## Đường dây nóng {#duong-day}\n\n## Nhận ra tin giả",
    );
    site.build_ok();
    let ids: Vec<String> = attributes(&site.out("thcs/tin-gia/index.html"))
        .into_iter()
        .filter(|a| a.name == "id")
        .map(|a| a.value)
        .collect();
    for id in ["bat-nat-qua-mang", "duong-day", "nhan-ra-tin-gia"] {
        assert!(ids.iter().any(|i| i == id), "no id=\"{id}\" in {ids:?}");
    }
}

#[test]
fn worksheets_leave_answers_out_and_answer_keys_have_them() {
    let site = Site::new();
    site.build_ok();
    let sheet = site.out("tieu-hoc/mat-khau/phieu-1.html");
    let key = site.out("tieu-hoc/mat-khau/dap-an-1.html");
    assert!(sheet.contains("Ai được biết mật khẩu của em?"), "worksheet lacks the question");
    assert!(key.contains("Ai được biết mật khẩu của em?"), "answer key lacks the question");
    assert!(!sheet.contains("MARKER-EXPLAIN-MAT-KHAU"), "the worksheet gives the explanation away");
    assert!(key.contains("MARKER-EXPLAIN-MAT-KHAU"), "the answer key lacks the explanation");
    let text_key = site.out("thcs/bat-nat/dap-an-1.html");
    assert!(text_key.contains("111"), "the text question's accepted answer is missing from its key");
}

#[test]
fn no_sitemap_without_base_url() {
    let site = Site::new();
    site.build_ok();
    assert!(!site.public().join("sitemap.xml").exists(), "a sitemap without base_url has relative <loc>s");
}

#[test]
fn sitemap_uses_base_url_only_there() {
    let site = Site::new();
    site.edit("hoclieu.yaml", "language: vi\n", "language: vi\nbase_url: https://truong.example/hoc-lieu/\n");
    site.build_ok();
    let sitemap = site.out("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://truong.example/hoc-lieu/tieu-hoc/mat-khau/index.html</loc>"),
        "sitemap:\n{sitemap}"
    );
    for (page, html) in html_pages(&site.public()) {
        assert!(!html.contains("truong.example"), "{page} uses base_url: page links must stay relative");
    }
}

/// A hash of every file under `public/`, to prove a failed build changed nothing.
fn snapshot(site: &Site) -> BTreeMap<String, u64> {
    use std::hash::{Hash, Hasher};
    files(&site.public())
        .into_iter()
        .map(|(k, v)| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            v.hash(&mut h);
            (k, h.finish())
        })
        .collect()
}

#[test]
fn a_failed_build_leaves_the_previous_output_byte_identical() {
    let site = Site::new();
    site.build_ok();
    let before = snapshot(&site);
    assert!(before.len() > 20);

    site.edit("content/tieu-hoc/mat-khau.md", "## Thử viết mật khẩu", "## Thử viết mật khẩu\n\n[Bài mới](khong-co.md)");
    let run = site.build();
    assert_eq!(run.code, 1, "a broken link must fail the build:\n{}", run.stderr);
    assert!(run.stderr.contains("E020"), "{}", run.stderr);
    assert!(run.stderr.contains("left as it was"), "the failure says public/ is untouched:\n{}", run.stderr);
    assert_eq!(snapshot(&site), before, "public/ changed after a failed build");

    site.edit("content/tieu-hoc/mat-khau.md", "[Bài mới](khong-co.md)", "Một đoạn mới MARKER-SECOND-BUILD.");
    site.build_ok();
    let after = snapshot(&site);
    assert_ne!(after, before, "a good build replaces the output");
    assert!(site.out("tieu-hoc/mat-khau/index.html").contains("MARKER-SECOND-BUILD"));
    assert_eq!(after.keys().collect::<Vec<_>>(), before.keys().collect::<Vec<_>>(), "same files, new content");
}

/// A build that fails while writing (disk full, a file it may not write) must not leave the next build
/// believing in a file it never wrote: the next build equals a clean one, byte for byte.
#[test]
fn after_a_failed_write_the_next_build_equals_a_clean_build() {
    let site = Site::new();
    site.build_ok();
    site.build_ok();
    let work = site.root().join(".public.hoclieu-next");
    assert!(work.is_dir(), "the second build leaves the first output as its work folder");
    site.edit("content/tieu-hoc/mat-khau.md", "## Thử viết mật khẩu", "## Thử viết mật khẩu\n\nMARKER-AFTER-FAILURE.");
    // The page cannot be written: a folder stands where the file goes.
    let page = work.join("tieu-hoc/mat-khau/index.html");
    std::fs::remove_file(&page).unwrap();
    std::fs::create_dir_all(page.join("blocked")).unwrap();
    let before = snapshot(&site);
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("E053"), "{}", run.stderr);
    assert_eq!(snapshot(&site), before, "public/ changed after a failed build");

    std::fs::remove_dir_all(&page).unwrap();
    site.build_ok();
    assert!(site.out("tieu-hoc/mat-khau/index.html").contains("MARKER-AFTER-FAILURE"));
    let clean = tempfile::tempdir().unwrap();
    let clean_out = clean.path().join("public");
    let run =
        hoclieu(&["build", "--quiet", "--root", site.root().to_str().unwrap(), "--out", clean_out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(files(&site.public()), files(&clean_out), "the build after the failure differs from a clean one");
}

/// Two builds into one output folder take turns: the second waits, says so, and then builds.
#[test]
fn a_second_build_into_the_same_output_waits_for_the_first() {
    let site = Site::new();
    site.build_ok();
    // Stand in for a build in progress: hold the output's lock.
    let held = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(site.root().join(".public.hoclieu-lock"))
        .unwrap();
    held.lock().unwrap();
    let mut second = std::process::Command::new(env!("CARGO_BIN_EXE_hoclieu"))
        .args([
            "build",
            "--lang=en",
            "--quiet",
            "--root",
            site.root().to_str().unwrap(),
            "--out",
            site.public().to_str().unwrap(),
        ])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // It says it waits (on stderr), and goes on waiting while the lock is held.
    let mut stderr = std::io::BufReader::new(second.stderr.take().unwrap());
    let mut first = String::new();
    std::io::BufRead::read_line(&mut stderr, &mut first).unwrap();
    assert!(first.contains("Waiting for another hoclieu build"), "{first}");
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(second.try_wait().unwrap().is_none(), "the second build must wait for the lock");
    held.unlock().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    let status = second.wait().unwrap();
    assert!(status.success(), "{rest}");
    assert!(site.public().join("index.html").is_file());
}

/// A file name with `#`, `?` or spaces is linked with them escaped: `#` raw would start an anchor.
#[test]
fn file_names_with_hash_and_spaces_are_linked_escaped() {
    let site = Site::new();
    site.write("content/thcs/tai lieu #3.pdf", "%PDF-1.4");
    site.edit("content/thcs/tin-gia.md", "## ", "[Tài liệu số 3](tai%20lieu%20%233.pdf)\n\n## ");
    site.edit(
        "content/thcs/buoi-ngoai-khoa-2026-2027.md",
        "materials: [phieu-thcs.md]",
        "materials: [phieu-thcs.md, \"tai lieu #3.pdf\"]",
    );
    site.build_ok();
    assert!(site.public().join("thcs/tai lieu #3.pdf").is_file());
    let lesson = site.out("thcs/tin-gia/index.html");
    assert!(lesson.contains("href=\"../../thcs/tai%20lieu%20%233.pdf\""), "{lesson}");
    let session = site.out("thcs/buoi-ngoai-khoa-2026-2027/index.html");
    assert!(session.contains("thcs/tai%20lieu%20%233.pdf\""), "{session}");
    assert!(!session.contains("tai lieu #3.pdf\""), "{session}");
}

#[test]
fn a_rebuild_drops_pages_of_removed_lessons() {
    let site = Site::new();
    site.build_ok();
    assert!(site.public().join("thcs/tin-gia/index.html").is_file());
    site.remove("content/thcs/tin-gia.md");
    site.edit("content/thcs/buoi-ngoai-khoa-2026-2027.md", "lessons: [bat-nat, tin-gia]", "lessons: [bat-nat]");
    site.edit("content/thcs/buoi-ngoai-khoa-2026-2027.md", "    lesson: tin-gia\n", "    lesson: bat-nat\n");
    site.build_ok();
    assert!(!site.public().join("thcs/tin-gia").exists(), "a removed lesson's pages stay in public/");
    assert!(site.public().join("thcs/bat-nat/index.html").is_file());
}

#[test]
fn a_foreign_output_folder_is_refused_and_left_alone() {
    let site = Site::new();
    site.write("public/notes.txt", "ghi chú của cô giáo");
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("E050"), "{}", run.stderr);
    assert!(run.stderr.contains("--out"), "the message says how to proceed:\n{}", run.stderr);
    assert_eq!(site.read("public/notes.txt"), "ghi chú của cô giáo");
    assert_eq!(files(&site.public()).len(), 1, "nothing was added to the foreign folder");
}

#[test]
fn out_writes_elsewhere_and_leaves_the_site_folder_alone() {
    let site = Site::new();
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("web").join("hoc-lieu");
    let run = site.run(&["build", "--out", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(out.join("index.html").is_file());
    assert!(out.join("tieu-hoc/mat-khau/index.html").is_file());
    assert!(!site.public().exists(), "--out must not also write public/");
    assert!(run.stderr.contains(out.to_str().unwrap()), "the summary names the output folder:\n{}", run.stderr);
}

#[test]
fn check_writes_nothing_and_passes_on_the_good_site() {
    let site = Site::new();
    let before = files(site.root());
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!site.public().exists(), "check created public/");
    assert_eq!(files(site.root()), before, "check changed the site folder");
    let (run, diags) = site.check_json();
    assert_eq!(run.code, 0);
    assert!(diags.is_empty(), "{diags:?}");
    // Three fixture lessons have no objectives on purpose: only that advice (W001) is given.
    assert!(run.advice().iter().all(|d| d.severity == "warning" && d.code == "W001"), "{:?}", run.advice());
}

#[test]
fn quiet_prints_nothing_on_success_and_only_errors_on_failure() {
    let site = Site::new();
    let run = site.run(&["build", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!((run.stdout.as_str(), run.stderr.as_str()), ("", ""));
    assert!(site.public().join("index.html").is_file());

    site.edit("content/thcs/tin-gia.md", "## Nhận ra tin giả", "## Nhận ra tin giả\n\n![Ảnh](khong-co.png)");
    let run = site.run(&["build", "-q"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("E022"), "--quiet still shows errors:\n{}", run.stderr);
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = Site::new();
    site.write(
        "content/thcs/nhap.md",
        "---\ntitle: Bài nháp MARKER-DRAFT\norder: 3\ndraft: true\n---\n\n## Đang viết\n\nChưa xong.\n",
    );
    site.build_ok();
    assert!(!site.public().join("thcs/nhap").exists(), "a draft was published");
    for (page, html) in html_pages(&site.public()) {
        assert!(!html.contains("MARKER-DRAFT"), "{page} mentions the draft");
    }
    let run = site.run(&["build", "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.out("thcs/nhap/index.html").contains("MARKER-DRAFT"));
    assert!(site.out("thcs/index.html").contains("MARKER-DRAFT"), "the level lists the draft with --drafts");
}

#[test]
fn linking_to_a_draft_is_an_error_that_mentions_drafts() {
    let site = Site::new();
    site.write("content/thcs/nhap.md", "---\ntitle: Bài nháp\norder: 3\ndraft: true\n---\n\nChưa xong.\n");
    site.edit("content/thcs/tin-gia.md", "Kiểm tra nguồn", "Xem [bài nháp](nhap.md). Kiểm tra nguồn");
    let (run, diags) = site.check_json();
    assert_eq!(run.code, 1);
    let d = diags.iter().find(|d| d.code == "E020").unwrap_or_else(|| panic!("no E020 in {diags:?}"));
    assert_eq!((d.file.as_str(), d.line, d.column), ("content/thcs/tin-gia.md", 9, 5));
    assert!(d.hint.as_deref().unwrap_or("").contains("--drafts"), "{d:?}");
    let run = site.run(&["build", "--drafts"]);
    assert_eq!(run.code, 0, "with --drafts the link works:\n{}", run.stderr);
}

#[test]
fn usage_errors_exit_with_2() {
    let site = Site::new();
    for args in [&["build", "--frobnicate"][..], &["frobnicate"], &["check", "--format", "xml"], &[]] {
        let run = if args.is_empty() { hoclieu(args) } else { site.run(args) };
        assert_eq!(run.code, 2, "hoclieu {args:?} should be a usage error:\n{}", run.stderr);
        assert!(!run.stderr.is_empty(), "a usage error explains itself");
    }
    assert!(!site.public().exists());
    let help = hoclieu(&["--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("build") && help.stdout.contains("check"), "{}", help.stdout);
}

#[test]
fn a_missing_config_is_a_content_error_not_a_usage_error() {
    let empty = tempfile::tempdir().unwrap();
    let run = hoclieu(&["build", "--root", empty.path().to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("E001"), "{}", run.stderr);
}

/// The link checks above are only as good as this scanner: it must read minified HTML too.
#[test]
fn the_html_scanner_reads_quoted_unquoted_and_skips_scripts() {
    let html = "<!doctype html><html lang=vi><!-- <a href=x.html> --><a class=\"a b\" href='../a.html#t&amp;x'>\
                <img src=i.svg alt=\"\" hidden><script>let s = '<a href=no.html>';</script><p id=t>";
    let got: Vec<(String, String, String)> = attributes(html).into_iter().map(|a| (a.tag, a.name, a.value)).collect();
    let want = [
        ("html", "lang", "vi"),
        ("a", "class", "a b"),
        ("a", "href", "../a.html#t&x"),
        ("img", "src", "i.svg"),
        ("img", "alt", ""),
        ("img", "hidden", ""),
        ("p", "id", "t"),
    ]
    .map(|(t, n, v)| (t.to_string(), n.to_string(), v.to_string()));
    assert_eq!(got, want);
    assert_eq!(tags(html).iter().filter(|t| t.name == "script").count(), 1);
    assert_eq!(resolve("thcs/a/index.html", "../../tieu-hoc/b/index.html").as_deref(), Some("tieu-hoc/b/index.html"));
    assert_eq!(resolve("index.html", "../x.html"), None);
}

// ---- Regression tests for bugs found while writing these tests. ----

#[test]
fn search_page_and_script_are_written() {
    let site = Site::new();
    site.build_ok();
    for rel in SEARCH_FILES {
        assert!(site.public().join(rel).is_file(), "public/{rel} is missing");
    }
}

#[test]
fn a_page_may_link_to_the_home_page() {
    let site = Site::new();
    site.edit("content/tro-giup.md", "Quay lại", "Về [trang chủ](_index.md). Quay lại");
    site.edit("content/thcs/tin-gia.md", "Kiểm tra nguồn", "Về [trang chủ](../_index.md). Kiểm tra nguồn");
    site.build_ok();
    let hrefs: Vec<String> = attributes(&site.out("thcs/tin-gia/index.html")).into_iter().map(|a| a.value).collect();
    assert!(hrefs.iter().any(|h| h == "../../index.html"), "{hrefs:?}");
}

#[test]
fn a_link_to_a_session_plan_or_handout_resolves() {
    let site = Site::new();
    site.edit(
        "content/thcs/tin-gia.md",
        "Kiểm tra nguồn",
        "Xem [buổi ngoại khóa](buoi-ngoai-khoa-2026-2027.md) và [phiếu](phieu-thcs.md). Kiểm tra nguồn",
    );
    let run = site.build();
    if run.code != 0 {
        return; // refusing the link is an acceptable fix too
    }
    for a in attributes(&site.out("thcs/tin-gia/index.html")) {
        if a.tag == "a" && a.name == "href" && (a.value.contains("buoi-ngoai-khoa") || a.value.contains("phieu-thcs")) {
            let target = resolve("thcs/tin-gia/index.html", &a.value).unwrap();
            assert!(site.public().join(&target).is_file(), "{} → {target} was not written", a.value);
        }
    }
}

#[test]
fn a_quiz_image_is_relative_to_the_page() {
    let site = Site::new();
    site.edit(
        "content/thcs/bat-nat.md",
        "    type: text\n",
        "    type: text\n    image: /images/o-khoa.svg\n    alt: Ổ khóa màu vàng\n",
    );
    site.build_ok();
    for page in ["thcs/bat-nat/index.html", "thcs/bat-nat/phieu-1.html", "thcs/bat-nat/dap-an-1.html"] {
        for a in attributes(&site.out(page)) {
            if a.tag == "img" && a.name == "src" && a.value.contains("o-khoa") {
                assert_eq!(a.value, "../../images/o-khoa.svg", "{page}");
            }
        }
    }
}

/// One load-time pass makes a lesson's body; every page that shows a part of it fills its holes for
/// itself. A `parents` block holds what differs between the lesson's page and its level's parents' page:
/// links, images, headings, a quiz, code.
#[test]
fn a_parents_block_is_shown_on_each_page_as_that_page_needs_it() {
    let site = Site::new();
    site.edit(
        "content/thcs/bat-nat.md",
        "MARKER-PARENTS-BAT-NAT: lắng nghe con, đừng tịch thu điện thoại.\n",
        "MARKER-PARENTS-BAT-NAT: lắng nghe con, đừng tịch thu điện thoại.\n\n\
         ### Cùng con đọc {#cung-con}\n\n\
         Đọc [bài tin giả](tin-gia.md) và [mục gọi 111](#goi-ngay), rồi [bài mật khẩu](../tieu-hoc/mat-khau.md).\n\n\
         ![Sơ đồ](hinh/so-do.svg) ![](hinh/so-do.svg \"decorative\")\n\n\
         ```python\nprint(\"111\")\n```\n\n\
         ```quiz\nquestions:\n  - q: Gọi số nào khi cần giúp?\n    type: text\n    accept: [\"111\"]\n```\n\n\
         ## Bắt nạt qua mạng là gì?\n",
    );
    // The parents' page shows the block's links from where it is, its heading under the lesson's prefix,
    // and no quiz form.
    site.build_ok();
    let parents = site.out("cha-me/thcs.html");
    assert!(parents.contains("href=\"../thcs/tin-gia/index.html\""), "{parents}");
    assert!(parents.contains("id=\"bat-nat-cung-con\""), "{parents}");
    assert!(parents.contains("src=\"../thcs/hinh/so-do.svg\""), "{parents}");
    assert!(parents.contains("<pre class=\"code\" data-lang=\"python\""), "{parents}");
    assert!(!parents.contains("quiz-form"), "the parents' page shows no quiz form: {parents}");
    let lesson = site.out("thcs/bat-nat/index.html");
    assert!(lesson.contains("href=\"../../thcs/tin-gia/index.html\""), "{lesson}");
    assert!(lesson.contains("src=\"../../thcs/hinh/so-do.svg\""), "{lesson}");
    assert!(lesson.contains("id=\"cung-con\""), "{lesson}");
    assert!(lesson.contains("quiz-form"), "{lesson}");
}

/// Images of the site carry `width` and `height` read from their files while loading (so the page keeps
/// their place before they load). A file that is
/// not the image its name says is a warning (W007) and its image simply has no size.
#[test]
fn images_of_the_site_carry_their_size_from_the_file() {
    let site = Site::new();
    // A PNG's header is enough to know its size: signature, IHDR, width 4, height 3.
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend_from_slice(&4u32.to_be_bytes());
    png.extend_from_slice(&3u32.to_be_bytes());
    png.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
    std::fs::write(site.path("content/thcs/hinh/anh.png"), png).unwrap();
    site.write("content/thcs/hinh/hong.jpg", "không phải ảnh");
    site.write(
        "content/thcs/hinh/khung.svg",
        "<?xml version=\"1.0\"?>\n<!-- vẽ tay -->\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 28\" width=\"240\" height=\"280\"><rect width=\"24\" height=\"28\"/></svg>\n",
    );
    site.edit(
        "content/thcs/tin-gia.md",
        "## ",
        "![Ảnh nhỏ](hinh/anh.png?v=2)\n\n![Ảnh hỏng](hinh/hong.jpg)\n\n![Khung](hinh/khung.svg)\n\n## ",
    );
    site.build_ok();
    let size_of = |page: &str, file: &str| {
        let html = site.out(page);
        let img = tags(&html)
            .into_iter()
            .find(|t| t.name == "img" && t.get("src").is_some_and(|s| s.contains(file)))
            .unwrap_or_else(|| panic!("no <img> of {file} in {page}"));
        (img.get("width").map(str::to_string), img.get("height").map(str::to_string))
    };
    let sized = |w: &str, h: &str| (Some(w.to_string()), Some(h.to_string()));
    // The width and height of the SVG's root element; with only a viewBox, its numbers.
    assert_eq!(size_of("thcs/tin-gia/index.html", "hinh/khung.svg"), sized("240", "280"));
    assert_eq!(size_of("thcs/bat-nat/index.html", "hinh/so-do.svg"), sized("30", "10"));
    assert_eq!(size_of("tieu-hoc/mat-khau/index.html", "images/o-khoa.svg"), sized("24", "24"));
    assert_eq!(size_of("thcs/tin-gia/index.html", "hinh/anh.png?v=2"), sized("4", "3"));
    assert_eq!(size_of("thcs/tin-gia/index.html", "hinh/hong.jpg"), (None, None));
    // The stylesheet still lets every image shrink to the column, keeping its proportions.
    let css = site.out("assets/style.css");
    assert!(
        css.contains("img,svg,video{max-width:100%;height:auto}")
            || css.contains("img, svg, video { max-width: 100%; height: auto; }"),
        "{css}"
    );

    let run = site.run(&["check", "--format", "json"]);
    let broken: Vec<_> = run.advice().into_iter().filter(|d| d.code == "W007").collect();
    assert_eq!(broken.len(), 1, "{broken:?}");
    assert!(broken[0].message.starts_with("content/thcs/hinh/hong.jpg cannot be read as an image"), "{broken:?}");
}

#[test]
fn a_sites_custom_css_is_linked_after_the_theme_stylesheet_on_every_page() {
    let site = Site::new();
    let out = tempfile::tempdir().unwrap();
    let run = hoclieu(&["build", "--root", site.root().to_str().unwrap(), "--out", out.path().to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (rel, html) in html_pages(out.path()) {
        assert!(!html.contains("custom.css"), "{rel} links a stylesheet the site does not have");
    }
    site.write("static/custom.css", "h1 { color: #8a1538; }\n");
    let run = hoclieu(&["build", "--root", site.root().to_str().unwrap(), "--out", out.path().to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(out.path().join("custom.css")).unwrap(), "h1 { color: #8a1538; }\n");
    let pages = html_pages(out.path());
    assert!(pages.len() >= MIN_PAGES);
    for (rel, html) in &pages {
        let theme = html.find("assets/style.css").unwrap_or_else(|| panic!("{rel} has no theme stylesheet"));
        let own = html.find("custom.css\"").unwrap_or_else(|| panic!("{rel} does not link custom.css"));
        assert!(own > theme, "{rel}: custom.css must come after the theme's stylesheet");
        // The same prefix as the theme's stylesheet: relative on every page, as 404.html sets its own.
        let prefix = html[..theme].rsplit("href=\"").next().unwrap_or_default();
        assert!(html.contains(&format!("href=\"{prefix}custom.css\"")), "{rel}: custom.css not beside assets/");
    }
}
