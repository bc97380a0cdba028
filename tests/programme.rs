//! The yearly programme on the fixture site: teacher guides, student session pages, materials,
//! the teachers' index, the booklet, competence coverage and the parents' pages — what is written,
//! where each `::: teacher` / `::: parents` block ends up, both audiences, and that every link of
//! every variant resolves.

mod common;

use common::{attributes, check_links, files, resolve, tags, ui_string, Site};
use std::collections::BTreeSet;

const SESSION: &str = "buoi-ngoai-khoa-2026-2027";
const BOOKLET: &str = "giao-vien/chuong-trinh.html";
const TEACHERS: &str = "giao-vien/index.html";
const COVERAGE: &str = "giao-vien/nang-luc.html";
const PARENTS: &str = "cha-me/index.html";
const SEARCH_INDEX: &str = "assets/search-index.js";

/// The fixture's levels, in order.
const LEVELS: &[&str] = &["tieu-hoc", "thcs"];

/// The fixture's lessons: level, slug, the marker of its `::: teacher` block, of its `::: parents`
/// block. Every lesson is used by an agenda step of its level's session.
const LESSONS: &[(&str, &str, &str, &str)] = &[
    ("tieu-hoc", "mat-khau", "MARKER-TEACHER-MAT-KHAU", "MARKER-PARENTS-MAT-KHAU"),
    ("tieu-hoc", "nguoi-la", "MARKER-TEACHER-NGUOI-LA", "MARKER-PARENTS-NGUOI-LA"),
    ("thcs", "bat-nat", "MARKER-TEACHER-BAT-NAT", "MARKER-PARENTS-BAT-NAT"),
    ("thcs", "tin-gia", "MARKER-TEACHER-TIN-GIA", "MARKER-PARENTS-TIN-GIA"),
];

/// The fixture's handouts (one per level), as built pages.
const MATERIALS: &[&str] = &["tieu-hoc/phieu-tieu-hoc/index.html", "thcs/phieu-thcs/index.html"];

/// Text only teachers may read, added by [`rich_site`]: the session narrative, a preparation item
/// and an agenda step's notes.
const TEACHER_ONLY: &[&str] = &["MARKER-NARRATIVE", "MARKER-PREP", "MARKER-STEP-NOTE"];

fn guide(level: &str) -> String {
    format!("{level}/{SESSION}/index.html")
}

fn student_page(level: &str) -> String {
    format!("{level}/{SESSION}/hoc-sinh.html")
}

fn parents_page(level: &str) -> String {
    format!("cha-me/{level}.html")
}

/// The fixture with everything the programme can show: a competence framework (1.1 taught in
/// tiểu học only, 1.2 nowhere, 2.1 in THCS only), a parents' letter and a file material in THCS,
/// and a tiểu học session with a narrative, a preparation list and agenda notes.
fn rich_site() -> Site {
    let site = Site::new();
    site.edit(
        "hoclieu.yaml",
        "language: vi\n",
        "language: vi\n\
         frameworks:\n\
         \x20 - id: thu\n\
         \x20   title: Khung thử nghiệm\n\
         \x20   note: Chỉ dùng cho kiểm thử.\n\
         \x20   domains:\n\
         \x20     - code: \"1\"\n\
         \x20       title: Thông tin\n\
         \x20       competences:\n\
         \x20         - { code: \"1.1\", title: \"Tìm kiếm thông tin MARKER-COMP-1-1\" }\n\
         \x20         - { code: \"1.2\", title: \"Đánh giá thông tin MARKER-COMP-1-2\" }\n\
         \x20     - code: \"2\"\n\
         \x20       title: Giao tiếp\n\
         \x20       competences:\n\
         \x20         - { code: \"2.1\", title: \"Ứng xử trên mạng MARKER-COMP-2-1\" }\n",
    );
    site.edit(
        "content/tieu-hoc/mat-khau.md",
        "keywords: [mật khẩu]\n",
        "keywords: [mật khẩu]\ncompetencies: [\"1.1\"]\n",
    );
    site.edit("content/thcs/bat-nat.md", "grades: [6, 9]\n", "grades: [6, 9]\ncompetencies: [\"2.1\"]\n");
    site.write(
        "content/thcs/thu-gui-cha-me.md",
        "---\nkind: letter\ntitle: Thư gửi cha mẹ THCS\n---\n\nKính gửi cha mẹ, MARKER-LETTER-THCS.\n",
    );
    site.edit(
        "content/thcs/buoi-ngoai-khoa-2026-2027.md",
        "materials: [phieu-thcs.md]",
        "materials: [phieu-thcs.md, thu-gui-cha-me.md, hinh/so-do.svg]",
    );
    let s = "content/tieu-hoc/buoi-ngoai-khoa-2026-2027.md";
    site.edit(s, "Buổi học gồm một tiết.", "Buổi học gồm một tiết. MARKER-NARRATIVE");
    site.edit(
        s,
        "materials: [phieu-tieu-hoc.md]",
        "preparation:\n  - In phiếu MARKER-PREP\nmaterials: [phieu-tieu-hoc.md]",
    );
    site.edit(
        s,
        "    title: Đóng vai gặp người lạ\n",
        "    title: Đóng vai gặp người lạ\n    notes: Chia nhóm bốn MARKER-STEP-NOTE\n",
    );
    site
}

// ---- small readers of built HTML -----------------------------------------------------------------

/// Every output file whose text contains `needle`, by relative path (scripts and data too).
fn files_containing(site: &Site, needle: &str) -> BTreeSet<String> {
    files(&site.public())
        .into_iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(needle))
        .map(|(rel, _)| rel)
        .collect()
}

/// The text of an HTML fragment: tags dropped, the common entities decoded, spaces collapsed.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"");
    out.replace("&#39;", "'").replace("&amp;", "&").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The table rows of a page, each from its `<tr` to the next row or the end of its table (the
/// minifier drops optional end tags, so `</tr>` cannot be relied on).
fn rows(html: &str) -> Vec<&str> {
    let starts: Vec<usize> = html
        .match_indices("<tr")
        .map(|(i, _)| i)
        .filter(|&i| html[i + 3..].starts_with(|c: char| c == '>' || c.is_ascii_whitespace()))
        .collect();
    starts
        .iter()
        .enumerate()
        .map(|(n, &s)| {
            let row = &html[s..starts.get(n + 1).copied().unwrap_or(html.len())];
            let end = ["</table", "</tbody", "</thead"].iter().filter_map(|e| row.find(e)).min().unwrap_or(row.len());
            &row[..end]
        })
        .collect()
}

/// The cells (`<td`/`<th`) of one row: the start tag and the HTML inside.
fn cells(row: &str) -> Vec<(common::Tag, &str)> {
    let mut starts: Vec<usize> = row.match_indices("<td").chain(row.match_indices("<th")).map(|(i, _)| i).collect();
    starts.retain(|&i| row[i + 3..].starts_with(|c: char| c == '>' || c.is_ascii_whitespace()));
    starts.sort();
    starts
        .iter()
        .enumerate()
        .map(|(n, &s)| {
            let open_end = s + row[s..].find('>').unwrap() + 1;
            let end = starts.get(n + 1).copied().unwrap_or(row.len());
            let inner = &row[open_end..end];
            let inner = inner.find("</t").map_or(inner, |e| &inner[..e]);
            (tags(&row[s..open_end]).remove(0), inner)
        })
        .collect()
}

fn has_class(tag: &common::Tag, class: &str) -> bool {
    tag.get("class").is_some_and(|c| c.split_whitespace().any(|x| x == class))
}

/// The pages an HTML fragment of the page at `page` links to (`<a href>`), resolved, without fragments.
fn link_targets(page: &str, html: &str) -> Vec<String> {
    attributes(html)
        .into_iter()
        .filter(|a| a.tag == "a" && a.name == "href" && !common::is_external(&a.value))
        .filter_map(|a| resolve(page, a.value.split('#').next().unwrap()))
        .collect()
}

/// The running clock of a guide's agenda: the text of each `td.agenda-time`.
fn agenda_times(html: &str) -> Vec<String> {
    rows(html)
        .iter()
        .flat_map(|r| cells(r))
        .filter(|(tag, _)| tag.name == "td" && has_class(tag, "agenda-time"))
        .map(|(_, inner)| text(inner))
        .collect()
}

/// The row of a table whose first cell (a `th`) links to `target` or says `label`.
fn row_of<'h>(page: &str, html: &'h str, target: Option<&str>, label: Option<&str>) -> &'h str {
    rows(html)
        .into_iter()
        .find(|r| {
            let Some((tag, inner)) = cells(r).into_iter().next() else { return false };
            tag.name == "th"
                && (target.is_some_and(|t| link_targets(page, inner).iter().any(|x| x == t))
                    || label.is_some_and(|l| text(inner).starts_with(l)))
        })
        .unwrap_or_else(|| panic!("{page}: no table row for {target:?} {label:?}"))
}

/// The URLs (`doc_url`) the search index knows, as page paths.
fn search_index_pages(site: &Site) -> Vec<String> {
    let js = site.out(SEARCH_INDEX);
    let json = js.split_once('=').map(|(_, j)| j.trim().trim_end_matches(';')).expect("`window.X = {…}`");
    let index: serde_json::Value = serde_json::from_str(json).expect("the search index is JSON after `=`");
    index["doc_url"]
        .as_array()
        .expect("doc_url")
        .iter()
        .map(|u| {
            let u = u.as_str().unwrap();
            if u.ends_with('/') || u.is_empty() {
                format!("{u}index.html")
            } else {
                u.to_string()
            }
        })
        .collect()
}

// ---- pages -----------------------------------------------------------------------------------------

#[test]
fn every_programme_page_is_written_at_its_documented_path() {
    let site = Site::new();
    site.build_ok();
    let mut expected: Vec<String> = LEVELS.iter().flat_map(|l| [guide(l), student_page(l), parents_page(l)]).collect();
    expected.extend(MATERIALS.iter().map(|m| m.to_string()));
    expected.extend([TEACHERS, BOOKLET, COVERAGE, PARENTS, "tim-kiem/index.html", SEARCH_INDEX].map(String::from));
    let missing: Vec<&String> = expected.iter().filter(|rel| !site.public().join(rel).is_file()).collect();
    assert!(missing.is_empty(), "missing from public/: {missing:?}\nwritten: {:?}", files(&site.public()).keys());
}

// ---- aggregation -------------------------------------------------------------------------------------

#[test]
fn a_teacher_block_is_in_its_sessions_guide_and_the_booklet_and_nowhere_else() {
    let site = Site::new();
    site.build_ok();
    for (level, slug, teacher, _) in LESSONS {
        let want: BTreeSet<String> = [guide(level), BOOKLET.to_string()].into();
        let found = files_containing(&site, teacher);
        assert_eq!(
            found, want,
            "{slug}'s teacher block must be in its guide and the booklet only (lesson, level, student session, \
             parents' pages, search index and the other level's guide must not have it)"
        );
        // mat-khau is used by two agenda steps: its notes are shown once, on the first.
        assert_eq!(site.out(&guide(level)).matches(teacher).count(), 1, "{slug}: notes repeated in the guide");
        assert_eq!(site.out(BOOKLET).matches(teacher).count(), 1, "{slug}: notes repeated in the booklet");
        // The note sits in the step-by-step section, under the step that uses the lesson.
        let html = site.out(&guide(level));
        let at = html.find(teacher).unwrap();
        let steps =
            html.find("guide-steps").unwrap_or_else(|| panic!("{level}: the guide has no step-by-step section"));
        assert!(steps < at, "{slug}: the teacher note is not in the guide's step section");
        let lesson_page = format!("{level}/{slug}/index.html");
        let step_start = html[..at].rfind("guide-step").unwrap();
        assert!(
            link_targets(&guide(level), &html[step_start..at]).contains(&lesson_page),
            "{slug}: the step holding the note does not link its lesson"
        );
    }
    // The pages that must not have them do exist, so their absence means something.
    for level in LEVELS {
        for rel in [student_page(level), parents_page(level), format!("{level}/index.html")] {
            assert!(site.public().join(&rel).is_file(), "{rel} missing");
        }
    }
}

#[test]
fn a_parents_block_is_on_its_levels_parents_page_under_the_lesson_title() {
    let site = Site::new();
    site.build_ok();
    for (level, slug, _, parents) in LESSONS {
        let lesson_page = format!("{level}/{slug}/index.html");
        let found = files_containing(&site, parents);
        for rel in [parents_page(level), lesson_page.clone()] {
            assert!(found.contains(&rel), "{parents} is not on {rel} (found on {found:?})");
        }
        for other in LEVELS.iter().filter(|l| *l != level) {
            assert!(!found.contains(&parents_page(other)), "{slug}'s parents block is on {other}'s parents page");
        }
        // Under a heading that names and links the lesson.
        let page = parents_page(level);
        let html = site.out(&page);
        let at = html.find(parents).unwrap();
        let h = html[..at].rfind("<h2").unwrap_or_else(|| panic!("{page}: no heading before {parents}"));
        let heading = &html[h..h + html[h..].find("</h2").unwrap()];
        assert!(
            link_targets(&page, heading).contains(&lesson_page),
            "{page}: the heading over {parents} is `{heading}`"
        );
    }
    // Parents find their pages from the home page, and each level from the parents' index.
    assert!(link_targets("index.html", &site.out("index.html")).contains(&PARENTS.to_string()));
    let index = link_targets(PARENTS, &site.out(PARENTS));
    for level in LEVELS {
        assert!(index.contains(&parents_page(level)), "{PARENTS} does not link {}", parents_page(level));
    }
}

#[test]
fn a_parents_letter_is_on_the_parents_pages_and_has_its_own_printable_page() {
    let site = rich_site();
    site.build_ok();
    let letter = "thcs/thu-gui-cha-me/index.html";
    let found = files_containing(&site, "MARKER-LETTER-THCS");
    for rel in [letter, "cha-me/thcs.html", BOOKLET] {
        assert!(found.contains(rel), "the letter is not on {rel} (found on {found:?})");
    }
    assert!(!found.contains("cha-me/tieu-hoc.html"), "THCS's letter is on tiểu học's parents page");
    assert!(
        link_targets(PARENTS, &site.out(PARENTS)).contains(&letter.to_string()),
        "{PARENTS} does not list the letter"
    );
    assert!(
        link_targets(&guide("thcs"), &site.out(&guide("thcs"))).contains(&letter.to_string()),
        "the guide does not list the letter"
    );
}

// ---- the teacher guide ------------------------------------------------------------------------------

#[test]
fn the_guide_agenda_runs_a_clock_that_ends_at_the_duration() {
    let site = Site::new();
    site.build_ok();
    // tiểu học: 15 + 20 + 5 = 40 minutes; THCS: 25 + 20 = 45.
    assert_eq!(agenda_times(&site.out(&guide("tieu-hoc"))), ["0:00–0:15", "0:15–0:35", "0:35–0:40"]);
    assert_eq!(agenda_times(&site.out(&guide("thcs"))), ["0:00–0:25", "0:25–0:45"]);
    // The booklet holds the same agendas, in level order.
    assert_eq!(
        agenda_times(&site.out(BOOKLET)),
        ["0:00–0:15", "0:15–0:35", "0:35–0:40", "0:00–0:25", "0:25–0:45"],
        "the booklet's agendas"
    );

    // Past the hour the clock shows h:mm.
    let s = "content/thcs/buoi-ngoai-khoa-2026-2027.md";
    site.edit(s, "duration: 45\n", "duration: 90\n");
    site.edit(s, "  - minutes: 20\n    title: Kiểm tra một tin", "  - minutes: 65\n    title: Kiểm tra một tin");
    site.build_ok();
    let html = site.out(&guide("thcs"));
    assert_eq!(agenda_times(&html), ["0:00–0:25", "0:25–1:30"]);
    let caption = ui_string("vi", "session_agenda_caption").replace("{n}", "90");
    assert!(text(&html).contains(&caption), "the agenda caption does not give the duration: `{caption}`");
}

#[test]
fn the_guide_gathers_objectives_preparation_materials_notes_answer_keys_and_help_lines() {
    let site = rich_site();
    site.build_ok();
    let page = guide("tieu-hoc");
    let html = site.out(&page);
    let words = text(&html);
    // Objectives come from the lessons (Markdown kept), preparation and agenda notes from the plan.
    assert!(html.contains("Em biết mật khẩu là <strong>bí mật</strong>"), "objectives missing");
    assert!(words.contains("In phiếu MARKER-PREP"), "preparation missing");
    assert!(words.contains("Chia nhóm bốn MARKER-STEP-NOTE"), "agenda notes missing");
    assert!(words.contains("MARKER-NARRATIVE"), "the teacher's narrative is missing");
    // Every printable material and the student page are one link away.
    let targets = link_targets(&page, &html);
    for t in ["tieu-hoc/phieu-tieu-hoc/index.html", "tieu-hoc/buoi-ngoai-khoa-2026-2027/hoc-sinh.html"] {
        assert!(targets.contains(&t.to_string()), "{page} does not link {t}");
    }
    let thcs = link_targets(&guide("thcs"), &site.out(&guide("thcs")));
    assert!(thcs.contains(&"thcs/hinh/so-do.svg".to_string()), "a file material is not linked: {thcs:?}");
    // The answer keys of the quizzes used, with their explanations.
    assert!(html.contains("MARKER-EXPLAIN-MAT-KHAU"), "the answer key is missing");
    assert!(words.contains(&ui_string("vi", "session_answer_keys")));
    // What to do when a child discloses abuse, with the configured help line to call.
    assert!(words.contains(&ui_string("vi", "disclosure_title")), "no disclosure section");
    let tel = attributes(&html).into_iter().any(|a| a.tag == "a" && a.name == "href" && a.value.starts_with("tel:111"));
    assert!(tel && words.contains("Tổng đài quốc gia bảo vệ trẻ em"), "the help line is not on the guide");
}

#[test]
fn the_student_session_page_has_the_lessons_and_one_quiz_but_no_notes_or_answer_keys() {
    let site = rich_site();
    site.build_ok();
    let html = site.out(&student_page("tieu-hoc"));
    let words = text(&html);
    for lesson_text in ["Chỉ em và bố mẹ được biết mật khẩu", "Không trả lời, chặn, và kể với người lớn"]
    {
        assert!(words.contains(lesson_text), "the student page lacks `{lesson_text}`");
    }
    let quizzes = tags(&html).into_iter().filter(|t| t.name == "section" && has_class(t, "quiz")).count();
    assert_eq!(quizzes, 1, "one combined quiz");
    assert!(!html.contains("quiz-answer"), "the answers are shown on the student session page");
    for marker in LESSONS.iter().map(|l| l.2).chain(TEACHER_ONLY.iter().copied()) {
        assert!(!html.contains(marker), "{marker} is on the student session page");
    }
}

// ---- readiness ----------------------------------------------------------------------------------------

#[test]
fn the_teachers_page_and_check_list_every_level_as_ready() {
    let site = Site::new();
    site.build_ok();
    let html = site.out(TEACHERS);
    let ready = ui_string("vi", "session_ready");
    for level in LEVELS {
        let row = row_of(TEACHERS, &html, Some(&format!("{level}/index.html")), None);
        assert!(has_class(&tags(row)[0], "is-ready"), "{level}'s row: {row}");
        assert!(text(row).contains(&ready), "{level}'s row does not say `{ready}`: {}", text(row));
        assert!(link_targets(TEACHERS, row).contains(&guide(level)), "{level}'s row does not link its guide");
    }
    let targets = link_targets(TEACHERS, &html);
    assert!(targets.contains(&BOOKLET.to_string()) && targets.contains(&COVERAGE.to_string()));
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for title in ["Tiểu học", "Trung học cơ sở"] {
        let line = run
            .stderr
            .lines()
            .find(|l| l.contains(title))
            .unwrap_or_else(|| panic!("check lists no {title}:\n{}", run.stderr));
        assert!(line.contains("ready") && !line.contains("missing"), "{line}");
    }
}

#[test]
fn a_level_without_this_years_session_is_missing_an_error_in_check_and_a_warning_in_build() {
    // Removed, or planned for another school year: both leave THCS without a session this year.
    for how in ["removed", "last year"] {
        let site = Site::new();
        let plan = "content/thcs/buoi-ngoai-khoa-2026-2027.md";
        if how == "removed" {
            site.remove(plan);
        } else {
            site.edit(plan, "kind: session\n", "kind: session\nschool_year: 2025-2026\n");
        }
        let (run, diags) = site.check_json();
        assert_eq!(run.code, 1, "{how}: check must fail:\n{}", run.stdout);
        let d = diags.iter().find(|d| d.code == "S010").unwrap_or_else(|| panic!("{how}: no S010 in {diags:?}"));
        assert_eq!(d.severity, "error");
        assert!(d.message.contains("thcs") && d.message.contains("2026-2027"), "{how}: {}", d.message);
        let text_run = site.run(&["check"]);
        assert!(text_run.stderr.contains("S010") && text_run.stderr.contains("thcs"), "{how}:\n{}", text_run.stderr);

        let run = site.build();
        assert_eq!(run.code, 0, "{how}: S010 is only a warning in build:\n{}", run.stderr);
        assert!(run.stderr.contains("S010") && run.stderr.to_lowercase().contains("warning"), "{how}:\n{}", run.stderr);
        let html = site.out(TEACHERS);
        let row = row_of(TEACHERS, &html, Some("thcs/index.html"), None);
        assert!(has_class(&tags(row)[0], "is-missing"), "{how}: THCS row: {row}");
        let missing = ui_string("vi", "session_missing");
        assert!(text(row).contains(&missing), "{how}: THCS row does not say `{missing}`: {}", text(row));
        let row = row_of(TEACHERS, &html, Some("tieu-hoc/index.html"), None);
        assert!(has_class(&tags(row)[0], "is-ready"), "{how}: tiểu học is still ready");
        // The home page says the same, and the booklet holds only this year's guides.
        let home = text(&site.out("index.html"));
        assert!(home.contains(&missing), "{how}: the home page does not show the missing session");
        assert_eq!(agenda_times(&site.out(BOOKLET)), ["0:00–0:15", "0:15–0:35", "0:35–0:40"], "{how}: booklet");
    }
}

// ---- audiences ------------------------------------------------------------------------------------------

#[test]
fn the_student_audience_has_no_teacher_pages_or_text_and_every_link_resolves() {
    let site = rich_site();
    let run = site.run(&["build", "--audience", "student"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let public = site.public();
    let all = files(&public);
    assert!(!public.join("giao-vien").exists(), "giao-vien/ was built for students: {:?}", all.keys());
    let keys: Vec<&String> = all.keys().filter(|k| k.rsplit('/').next().unwrap().starts_with("dap-an-")).collect();
    assert!(keys.is_empty(), "answer keys in the student build: {keys:?}");
    // A session folder holds the student page only.
    for rel in all.keys().filter(|k| k.ends_with("/hoc-sinh.html")) {
        let guide = format!("{}index.html", rel.trim_end_matches("hoc-sinh.html"));
        assert!(!all.contains_key(&guide), "{guide}: a teacher guide in the student build");
    }
    let mut expected: Vec<String> = LEVELS.iter().flat_map(|l| [student_page(l), parents_page(l)]).collect();
    expected.extend(MATERIALS.iter().map(|m| m.to_string()));
    expected.extend(
        ["thcs/thu-gui-cha-me/index.html", "tieu-hoc/mat-khau/phieu-1.html", PARENTS, SEARCH_INDEX].map(String::from),
    );
    let missing: Vec<&String> = expected.iter().filter(|rel| !all.contains_key(*rel)).collect();
    assert!(missing.is_empty(), "missing from the student build: {missing:?}");

    let report = check_links(&public);
    assert!(report.checked.values().sum::<usize>() > 100, "only {:?} URLs checked", report.checked);
    assert!(report.problems.is_empty(), "{} broken URLs:\n{}", report.problems.len(), report.problems.join("\n"));

    for marker in LESSONS.iter().map(|l| l.2).chain(TEACHER_ONLY.iter().copied()) {
        let found = files_containing(&site, marker);
        assert!(found.is_empty(), "teacher-only {marker} in the student build: {found:?}");
    }
    // Search only offers pages that exist; session plans are teachers' pages.
    for page in search_index_pages(&site) {
        assert!(all.contains_key(&page), "the student search index offers {page}, which is not built");
        assert!(!page.ends_with(&format!("{SESSION}/index.html")), "the student search index offers {page}");
    }
    // A material page's "used in" link leads to the student page, not the missing guide.
    let targets = link_targets(MATERIALS[0], &site.out(MATERIALS[0]));
    assert!(targets.contains(&student_page("tieu-hoc")), "{}: {targets:?}", MATERIALS[0]);
}

#[test]
fn the_full_audience_has_every_link_resolving_from_the_booklet_and_coverage_page_too() {
    let site = rich_site();
    site.build_ok();
    let report = check_links(&site.public());
    assert!(report.problems.is_empty(), "{} broken URLs:\n{}", report.problems.len(), report.problems.join("\n"));
    for page in [BOOKLET, COVERAGE, TEACHERS, &guide("tieu-hoc"), &student_page("thcs"), "cha-me/thcs.html"] {
        let n = report.checked.get(page).copied().unwrap_or(0);
        assert!(n > 10, "{page}: only {n} URLs checked");
    }
    // The booklet reaches every guide's lessons and materials, the coverage page the lessons.
    let booklet = link_targets(BOOKLET, &site.out(BOOKLET));
    for t in
        ["tieu-hoc/mat-khau/index.html", "thcs/tin-gia/index.html", MATERIALS[0], MATERIALS[1], "thcs/hinh/so-do.svg"]
    {
        assert!(booklet.contains(&t.to_string()), "{BOOKLET} does not link {t}");
    }
    // The full search index offers the guides (teachers search too) and only pages that exist.
    let pages = search_index_pages(&site);
    assert!(pages.contains(&guide("thcs")), "{pages:?}");
    for page in pages {
        assert!(site.public().join(&page).is_file(), "the search index offers {page}, which is not built");
    }
}

// ---- competences -------------------------------------------------------------------------------------------

#[test]
fn the_coverage_page_links_each_competence_to_its_lessons_and_marks_gaps() {
    let site = rich_site();
    site.build_ok();
    let html = site.out(COVERAGE);
    let gap = ui_string("vi", "coverage_gap");
    let uncovered = ui_string("vi", "coverage_uncovered");
    assert!(text(&html).contains("Chỉ dùng cho kiểm thử."), "the framework's note is missing");
    // Columns are the levels in order: 1.1 is taught in tiểu học only.
    let row = row_of(COVERAGE, &html, None, Some("1.1"));
    let cells = cells(row);
    assert!(text(cells[0].1).contains("MARKER-COMP-1-1"), "the row names the competence: {}", text(cells[0].1));
    assert_eq!(cells.len(), 1 + LEVELS.len(), "one cell per level: {row}");
    assert_eq!(link_targets(COVERAGE, cells[1].1), ["tieu-hoc/mat-khau/index.html"], "tiểu học cell of 1.1");
    assert!(
        has_class(&cells[2].0, "gap") && text(cells[2].1).contains(&gap),
        "THCS cell of 1.1 is not a gap: {}",
        cells[2].1
    );
    assert!(!text(cells[0].1).contains(&uncovered), "1.1 is taught somewhere");
    // 2.1 in THCS only.
    let cells = self::cells(row_of(COVERAGE, &html, None, Some("2.1")));
    assert!(has_class(&cells[1].0, "gap"));
    assert_eq!(link_targets(COVERAGE, cells[2].1), ["thcs/bat-nat/index.html"], "THCS cell of 2.1");
    // 1.2 nowhere: said in words, not only by a dash or a colour.
    let row = row_of(COVERAGE, &html, None, Some("1.2"));
    assert!(text(row).contains(&uncovered), "1.2's row does not say `{uncovered}`: {}", text(row));
    assert!(self::cells(row)[1..].iter().all(|(t, inner)| has_class(t, "gap") && text(inner).contains(&gap)));
}

#[test]
fn a_lesson_page_lists_its_competences() {
    let site = rich_site();
    site.build_ok();
    let html = site.out("tieu-hoc/mat-khau/index.html");
    let at = html
        .find("class=\"competencies\"")
        .or_else(|| html.find("class=competencies"))
        .expect("no competences section");
    assert!(text(&html[at..]).contains("1.1"), "the competence code is not shown");
    assert!(
        !site.out("tieu-hoc/nguoi-la/index.html").contains("competencies-title"),
        "a lesson without competences shows the section"
    );
}

/// The issue asks that "each lesson page shows its competences by name", not only by code.
#[test]
fn a_lesson_page_names_its_competences() {
    let site = rich_site();
    site.build_ok();
    let html = site.out("tieu-hoc/mat-khau/index.html");
    assert!(
        text(&html).contains("Tìm kiếm thông tin MARKER-COMP-1-1"),
        "the competence 1.1 is not named on its lesson page"
    );
}

#[test]
fn an_unknown_competence_code_is_an_error_at_its_line_with_a_hint() {
    let site = rich_site();
    site.edit("content/thcs/bat-nat.md", "competencies: [\"2.1\"]", "competencies: [\"2.1\", \"2.9\"]");
    let (run, diags) = site.check_json();
    assert_eq!(run.code, 1);
    let d = diags.iter().find(|d| d.code == "E044").unwrap_or_else(|| panic!("no E044 in {diags:?}"));
    assert_eq!((d.file.as_str(), d.line), ("content/thcs/bat-nat.md", 6), "{d:?}");
    assert!(d.message.contains("2.9"), "{d:?}");
    assert!(d.hint.as_deref().is_some_and(|h| !h.is_empty()), "no hint: {d:?}");
}
