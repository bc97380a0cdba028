//! Every kind of mistake an author can make is reported by `hoclieu check --format json` with
//! its code, the file, the line (and column where it means something) and a hint. Each test
//! injects one fault into a copy of the fixture site (tests/fixtures/site).

mod common;

use common::{Diag, Site};

/// Runs `check --format json` and returns the one diagnostic with `code` in `file`, after
/// checking that the run failed and that it carries a position and a hint.
fn expect(site: &Site, code: &str, file: &str, line: usize, column: Option<usize>) -> Diag {
    let (run, diags) = site.check_json();
    assert_eq!(run.code, 1, "check should fail with {code}; stderr:\n{}\ndiagnostics: {diags:#?}", run.stderr);
    let found: Vec<&Diag> = diags.iter().filter(|d| d.code == code && d.file == file).collect();
    let d = match found.as_slice() {
        [d] => *d,
        [] => panic!("no {code} in {file}; got {diags:#?}"),
        _ => panic!("{code} reported {} times in {file}: {found:#?}", found.len()),
    };
    assert_eq!(d.severity, "error", "{d:?}");
    assert_eq!(d.line, line, "{code}: wrong line: {d:#?}");
    if let Some(c) = column {
        assert_eq!(d.column, c, "{code}: wrong column: {d:#?}");
    }
    let hint = d.hint.as_deref().unwrap_or("");
    assert!(!hint.trim().is_empty(), "{code} has no hint: {d:#?}");
    d.clone()
}

fn hint_contains(d: &Diag, s: &str) {
    let hint = d.hint.as_deref().unwrap_or("");
    assert!(hint.contains(s), "{}: hint `{hint}` should mention `{s}`", d.code);
}

/// A new lesson in `thcs`: front matter lines 1–4, so its body starts on line 6.
const NEW: &str = "content/thcs/on-tap.md";

fn lesson_with_body(body: &str) -> String {
    format!("---\ntitle: Ôn tập\norder: 9\n---\n\n{body}")
}

/// A lesson whose only quiz's YAML starts on line 9 (line 8 is the ```quiz fence).
fn lesson_with_quiz(yaml: &str) -> String {
    lesson_with_body(&format!("## Câu hỏi\n\n```quiz\n{yaml}```\n"))
}

/// Line 9 of `lesson_with_quiz` holds `questions:`, line 10 the first `- q: ` (its text at column 8).
const Q_LINE: usize = 10;
const Q_COL: usize = 8;

// ---- hoclieu.yaml ----

#[test]
fn e002_unknown_config_key_suggests_the_right_one() {
    let site = Site::new();
    site.edit("hoclieu.yaml", "school_year:", "school_yeer:");
    let d = expect(&site, "E002", "hoclieu.yaml", 4, Some(1));
    hint_contains(&d, "did you mean `school_year`?");
}

#[test]
fn e003_bad_config_values() {
    let site = Site::new();
    site.edit("hoclieu.yaml", "school_year: 2026-2027", "school_year: 2026-2028");
    let d = expect(&site, "E003", "hoclieu.yaml", 4, Some(1));
    hint_contains(&d, "2026-2027");
}

// ---- files and front matter ----

#[test]
fn e010_front_matter_that_is_not_valid_yaml() {
    let site = Site::new();
    site.write(NEW, "---\ntitle: Ôn tập\nsummary: Mật khẩu: bí mật: của em\norder: 9\n---\n\nNội dung.\n");
    let d = expect(&site, "E010", NEW, 3, None);
    hint_contains(&d, "quotes");
}

#[test]
fn e010_wrong_type_points_at_the_value_with_a_whole_number_hint() {
    let site = Site::new();
    site.write(NEW, "---\ntitle: Ôn tập\norder: 9\nduration: \"twenty\"\n---\n\nNội dung.\n");
    let d = expect(&site, "E010", NEW, 4, Some(11));
    hint_contains(&d, "whole number");
}

#[test]
fn e010_unknown_front_matter_key_suggests_the_right_one() {
    let site = Site::new();
    site.write(NEW, "---\ntitle: Ôn tập\norder: 9\ndurration: 35\n---\n\nNội dung.\n");
    let d = expect(&site, "E010", NEW, 4, Some(1));
    hint_contains(&d, "did you mean `duration`?");
}

#[test]
fn e010_missing_front_matter() {
    let site = Site::new();
    site.write(NEW, "# Ôn tập\n\nKhông có phần đầu.\n");
    expect(&site, "E010", NEW, 1, Some(1));
}

#[test]
fn e011_unclosed_front_matter() {
    let site = Site::new();
    site.write(NEW, "---\ntitle: Ôn tập\norder: 9\n\n# Ôn tập\n");
    expect(&site, "E011", NEW, 1, Some(1));
}

#[test]
fn e012_a_file_name_that_is_not_a_slug() {
    let site = Site::new();
    site.write("content/thcs/Tin-Moi.md", &lesson_with_body("Nội dung.\n"));
    let d = expect(&site, "E012", "content/thcs/Tin-Moi.md", 0, None);
    hint_contains(&d, "tin-moi.md");
}

#[test]
fn e041_two_files_with_the_same_slug() {
    let site = Site::new();
    // `Bat-nat.md` makes the same address as `bat-nat.md`.
    site.write("content/thcs/Bat-nat.md", &lesson_with_body("Nội dung.\n"));
    let (run, diags) = site.check_json();
    assert_eq!(run.code, 1);
    let d = diags.iter().find(|d| d.code == "E041").unwrap_or_else(|| panic!("no E041 in {diags:#?}"));
    assert!(d.file == "content/thcs/Bat-nat.md" || d.file == "content/thcs/bat-nat.md", "{d:?}");
    assert!(
        d.hint.as_deref().unwrap_or("").contains("bat-nat.md")
            || d.hint.as_deref().unwrap_or("").contains("Bat-nat.md"),
        "{d:?}"
    );
}

#[test]
fn e013_a_markdown_file_in_a_folder_without_index() {
    let site = Site::new();
    site.write("content/lop-hoc-them/bai-1.md", &lesson_with_body("Nội dung.\n"));
    let d = expect(&site, "E013", "content/lop-hoc-them/bai-1.md", 0, None);
    hint_contains(&d, "_index.md");
}

#[test]
fn e014_a_lesson_nested_too_deep() {
    let site = Site::new();
    site.write("content/thcs/chuong-1/bai-1.md", &lesson_with_body("Nội dung.\n"));
    expect(&site, "E014", "content/thcs/chuong-1/bai-1.md", 0, None);
}

#[test]
fn e015_to_e018_front_matter_values() {
    for (front, code, line) in [
        ("title: \"\"\norder: 9\n", "E015", 2),
        ("title: Ôn tập\norder: 9\ngrades: [9, 6]\n", "E016", 4),
        ("title: Ôn tập\norder: 9\nduration: 0\n", "E017", 4),
        ("title: Ôn tập\norder: 9\nupdated: 28/11/2026\n", "E018", 4),
    ] {
        let site = Site::new();
        site.write(NEW, &format!("---\n{front}---\n\nNội dung.\n"));
        expect(&site, code, NEW, line, Some(1));
    }
}

#[test]
fn e019_a_reserved_name() {
    let site = Site::new();
    site.write("content/assets.md", "---\ntitle: Tài nguyên\n---\n\nNội dung.\n");
    expect(&site, "E019", "content/assets.md", 0, None);
}

#[test]
fn e040_two_lessons_with_the_same_order() {
    let site = Site::new();
    site.edit("content/tieu-hoc/nguoi-la.md", "order: 2", "order: 1");
    let d = expect(&site, "E040", "content/tieu-hoc/nguoi-la.md", 3, Some(1));
    hint_contains(&d, "mat-khau.md");
}

#[test]
fn e042_lesson_grades_outside_the_level() {
    let site = Site::new();
    site.edit("content/tieu-hoc/nguoi-la.md", "grades: [4, 5]", "grades: [4, 6]");
    expect(&site, "E042", "content/tieu-hoc/nguoi-la.md", 5, Some(1));
}

#[test]
fn e043_unknown_kind_suggests_one() {
    let site = Site::new();
    site.write(NEW, "---\nkind: sesion\ntitle: Buổi học\n---\n\nNội dung.\n");
    let d = expect(&site, "E043", NEW, 2, Some(1));
    hint_contains(&d, "session");
}

// ---- links and images ----

#[test]
fn e020_link_to_a_missing_page_with_did_you_mean() {
    let site = Site::new();
    site.edit("content/thcs/tin-gia.md", "Kiểm tra nguồn", "Đọc [bài này](bat-nta.md). Kiểm tra nguồn");
    let d = expect(&site, "E020", "content/thcs/tin-gia.md", 9, Some(5));
    hint_contains(&d, "bat-nat.md");
}

#[test]
fn e021_link_out_of_the_content_folder() {
    let site = Site::new();
    site.edit("content/thcs/tin-gia.md", "Kiểm tra nguồn", "[README](../../README.md) Kiểm tra nguồn");
    expect(&site, "E021", "content/thcs/tin-gia.md", 9, Some(1));
}

#[test]
fn e022_missing_image_from_static() {
    let site = Site::new();
    site.edit("content/thcs/tin-gia.md", "Kiểm tra nguồn", "![Biểu đồ](/images/khong-co.svg)\n\nKiểm tra nguồn");
    let d = expect(&site, "E022", "content/thcs/tin-gia.md", 9, Some(1));
    hint_contains(&d, "static/images/khong-co.svg");
}

#[test]
fn e022_missing_image_beside_the_lesson() {
    let site = Site::new();
    site.edit("content/thcs/tin-gia.md", "Kiểm tra nguồn", "Xem ![Sơ đồ](hinh/khong-co.svg)\n\nKiểm tra nguồn");
    expect(&site, "E022", "content/thcs/tin-gia.md", 9, Some(5));
}

#[test]
fn e023_missing_anchor_with_did_you_mean() {
    let site = Site::new();
    site.edit("content/thcs/tin-gia.md", "bat-nat.md#bat-nat-qua-mang-la-gi", "bat-nat.md#goi-ngayy");
    let d = expect(&site, "E023", "content/thcs/tin-gia.md", 9, Some(43));
    hint_contains(&d, "#goi-ngay");
}

#[test]
fn e023_missing_anchor_on_the_same_page() {
    let site = Site::new();
    site.edit("content/thcs/tin-gia.md", "Kiểm tra nguồn", "[Lên đầu](#khong-co) Kiểm tra nguồn");
    expect(&site, "E023", "content/thcs/tin-gia.md", 9, Some(1));
}

#[test]
fn e024_image_without_alt_text_and_the_decorative_escape() {
    let site = Site::new();
    site.edit("content/thcs/tin-gia.md", "Kiểm tra nguồn", "![](/images/o-khoa.svg)\n\nKiểm tra nguồn");
    let d = expect(&site, "E024", "content/thcs/tin-gia.md", 9, Some(1));
    hint_contains(&d, "decorative");

    let site = Site::new();
    site.edit("content/thcs/tin-gia.md", "Kiểm tra nguồn", "![](/images/o-khoa.svg \"decorative\")\n\nKiểm tra nguồn");
    let (run, diags) = site.check_json();
    assert_eq!(run.code, 0, "a decorative image needs no alt text: {diags:#?}");
}

// ---- fenced divs ----

#[test]
fn e030_unknown_fenced_div_suggests_one() {
    let site = Site::new();
    site.edit("content/thcs/tin-gia.md", "::: teacher", "::: teachr");
    let d = expect(&site, "E030", "content/thcs/tin-gia.md", 15, Some(1));
    hint_contains(&d, "::: teacher");
}

#[test]
fn e030_unclosed_fenced_div_points_at_its_opening() {
    let site = Site::new();
    site.edit("content/thcs/tin-gia.md", "Kiểm tra nguồn", "::: warning\nKiểm tra nguồn");
    let d = expect(&site, "E030", "content/thcs/tin-gia.md", 9, Some(1));
    assert!(d.message.contains("never closed"), "{d:?}");
}

#[test]
fn e030_a_closing_fence_that_closes_nothing() {
    let site = Site::new();
    site.edit("content/thcs/tin-gia.md", "Kiểm tra nguồn", ":::\nKiểm tra nguồn");
    let d = expect(&site, "E030", "content/thcs/tin-gia.md", 9, Some(1));
    assert!(d.message.contains("closes nothing"), "{d:?}");
}

#[test]
fn colons_inside_a_code_fence_are_code() {
    let site = Site::new();
    site.edit(
        "content/thcs/tin-gia.md",
        "Kiểm tra nguồn",
        "```markdown\n::: teacher\nGhi chú\n:::\n:::\n```\n\n~~~\n::: khong-ton-tai\n~~~\n\nKiểm tra nguồn",
    );
    let (run, diags) = site.check_json();
    assert_eq!(run.code, 0, "`:::` inside a code fence is not a block: {diags:#?}");
    site.build_ok();
    let html = site.out("thcs/tin-gia/index.html");
    assert!(html.contains("::: khong-ton-tai"), "the fenced `:::` lines are shown as code");
}

// ---- quizzes ----

#[test]
fn q001_quiz_yaml_syntax_error() {
    let site = Site::new();
    site.write(
        NEW,
        &lesson_with_quiz("questions:\n  - q: Mật khẩu: là gì: vậy?\n    type: text\n    accept: [\"a\"]\n"),
    );
    let d = expect(&site, "Q001", NEW, Q_LINE, None);
    hint_contains(&d, "quotes");
}

#[test]
fn q001_unknown_quiz_key_suggests_one() {
    let site = Site::new();
    site.write(NEW, &lesson_with_quiz("questions:\n  - q: Câu?\n    optoins: []\n"));
    let d = expect(&site, "Q001", NEW, Q_LINE + 1, Some(5));
    hint_contains(&d, "did you mean `options`?");
}

/// The quiz-validation table: (yaml, code, line, column). Lines count from the lesson's first line.
const QUIZ_CASES: &[(&str, &str, usize, usize)] = &[
    ("questions: []\n", "Q002", 9, 1),
    ("questions:\n  - q: Câu?\n    type: choice\n", "Q003", Q_LINE, Q_COL),
    ("questions:\n  - q: Câu?\n    options:\n      - text: A\n      - text: B\n", "Q004", Q_LINE, Q_COL),
    (
        "questions:\n  - q: Câu?\n    type: single\n    options:\n      - text: A\n        correct: true\n      - text: B\n        correct: true\n",
        "Q005",
        Q_LINE,
        Q_COL,
    ),
    ("questions:\n  - q: Câu?\n    options:\n      - text: A\n        correct: true\n", "Q006", Q_LINE, Q_COL),
    ("questions:\n  - q: Câu?\n    type: order\n    items: [Một bước]\n", "Q007", Q_LINE, Q_COL),
    ("questions:\n  - q: Câu?\n    type: order\n    items: [Chặn, Báo, Chặn]\n", "Q008", Q_LINE, Q_COL),
    ("questions:\n  - q: Câu?\n    type: text\n    accept: []\n", "Q009", Q_LINE, Q_COL),
    ("questions:\n  - q: Câu?\n    type: true-false\n", "Q010", Q_LINE, Q_COL),
    ("questions:\n  - q: Câu?\n    type: match\n    pairs:\n      - [A, B]\n", "Q010", Q_LINE, Q_COL),
    ("questions:\n  - q: Câu?\n    type: true-false\n    answer: true\n    items: [a, b]\n", "Q011", Q_LINE, Q_COL),
    ("pass: 150\nquestions:\n  - q: Câu?\n    answer: true\n", "Q012", 9, 1),
    ("questions:\n  - q: Câu?\n    image: /images/o-khoa.svg\n    answer: true\n", "Q013", Q_LINE, Q_COL),
];

#[test]
fn every_quiz_validation_error_at_its_line_in_the_lesson() {
    for (yaml, code, line, column) in QUIZ_CASES {
        let site = Site::new();
        site.write(NEW, &lesson_with_quiz(yaml));
        let d = expect(&site, code, NEW, *line, Some(*column));
        assert!(!d.message.is_empty());
    }
}

#[test]
fn q008_duplicate_option_points_at_an_option_line() {
    let site = Site::new();
    site.write(
        NEW,
        &lesson_with_quiz(
            "questions:\n  - q: Câu?\n    options:\n      - text: Chặn\n        correct: true\n      - text: Chặn\n",
        ),
    );
    let d = expect(&site, "Q008", NEW, 12, None);
    hint_contains(&d, "different");
}

#[test]
fn quiz_errors_in_a_later_question_and_a_second_quiz_have_their_own_lines() {
    let site = Site::new();
    let body = "## Câu hỏi\n\n```quiz\nquestions:\n  - q: Đúng?\n    answer: true\n  - q: Thứ tự?\n    items: [Một]\n```\n\nĐoạn giữa.\n\n```quiz\nquestions:\n  - q: Chọn?\n    options:\n      - text: A\n      - text: B\n```\n";
    site.write(NEW, &lesson_with_body(body));
    let (run, diags) = site.check_json();
    assert_eq!(run.code, 1);
    let got: Vec<(&str, usize)> = diags.iter().filter(|d| d.file == NEW).map(|d| (d.code.as_str(), d.line)).collect();
    assert_eq!(got, [("Q007", 12), ("Q004", 20)], "{diags:#?}");
}

#[test]
fn a_valid_quiz_of_every_type_passes() {
    let site = Site::new();
    site.write(
        NEW,
        &lesson_with_quiz(
            "title: Ôn tập cuối bài\npass: 80\nshuffle: true\nquestions:\n  - q: Chọn một?\n    options:\n      - text: A\n        correct: true\n      - text: B\n  - q: Chọn nhiều?\n    options:\n      - text: A\n        correct: true\n      - text: B\n        correct: true\n      - text: C\n  - q: Đúng hay sai?\n    answer: false\n  - q: Thứ tự?\n    items: [Một, Hai]\n  - q: Nối?\n    pairs:\n      - [A, B]\n      - [C, D]\n  - q: Số nào?\n    accept: [\"111\"]\n    fold_diacritics: false\n  - q: Hình gì?\n    image: /images/o-khoa.svg\n    alt: Ổ khóa\n    answer: true\n",
        ),
    );
    let (run, diags) = site.check_json();
    assert_eq!(run.code, 0, "{diags:#?}");
}

// ---- session plans ----

const SESSION: &str = "content/tieu-hoc/buoi-ngoai-khoa-2026-2027.md";

#[test]
fn s001_session_without_agenda() {
    let site = Site::new();
    site.write(SESSION, "---\nkind: session\ntitle: Buổi học\nduration: 40\nlessons: [mat-khau]\n---\n\nNội dung.\n");
    expect(&site, "S001", SESSION, 2, Some(1));
}

#[test]
fn s002_unknown_lesson_in_lessons_suggests_one() {
    let site = Site::new();
    site.edit(SESSION, "lessons: [mat-khau, nguoi-la]", "lessons: [mat-khau, nguoi-laa]");
    let d = expect(&site, "S002", SESSION, 6, Some(21));
    hint_contains(&d, "did you mean `nguoi-la`?");
}

#[test]
fn s002_unknown_lesson_in_an_agenda_step() {
    let site = Site::new();
    site.edit(SESSION, "    lesson: nguoi-la\n", "    lesson: nguoi-lo\n");
    expect(&site, "S002", SESSION, 13, Some(13));
}

#[test]
fn s003_agenda_does_not_add_up() {
    let site = Site::new();
    site.edit(SESSION, "minutes: 20", "minutes: 25");
    let d = expect(&site, "S003", SESSION, 7, Some(1));
    assert!(d.message.contains("45") && d.message.contains("40"), "{d:?}");
}

#[test]
fn s004_quiz_step_for_a_lesson_without_a_quiz() {
    let site = Site::new();
    site.write("content/tieu-hoc/tro-choi.md", "---\ntitle: Trò chơi\norder: 3\n---\n\nChơi cùng nhau.\n");
    site.edit(SESSION, "    lesson: mat-khau\n    quiz: true", "    lesson: tro-choi\n    quiz: true");
    let d = expect(&site, "S004", SESSION, 15, Some(12));
    hint_contains(&d, "quiz");
}

#[test]
fn s005_missing_material_suggests_one() {
    let site = Site::new();
    site.edit(SESSION, "materials: [phieu-tieu-hoc.md]", "materials: [phieu-tieu-hocc.md]");
    let d = expect(&site, "S005", SESSION, 18, Some(13));
    hint_contains(&d, "phieu-tieu-hoc.md");
}

#[test]
fn s006_session_school_year() {
    let site = Site::new();
    site.edit(SESSION, "school_year: 2026-2027", "school_year: 2026");
    // The session no longer counts for the site's year either.
    expect(&site, "S006", SESSION, 4, Some(1));
}

#[test]
fn s010_level_without_a_session_is_an_error_in_check_and_a_warning_in_build() {
    let site = Site::new();
    site.remove("content/thcs/buoi-ngoai-khoa-2026-2027.md");
    let d = expect(&site, "S010", "content/thcs/_index.md", 0, None);
    hint_contains(&d, "hoclieu new session thcs");

    let run = site.build();
    assert_eq!(run.code, 0, "S010 is only a warning in build:\n{}", run.stderr);
    assert!(run.stderr.contains("warning[S010]"), "{}", run.stderr);
    assert!(site.public().join("thcs/index.html").is_file());
}

// ---- several problems at once ----

#[test]
fn every_error_of_a_run_is_reported_together() {
    let site = Site::new();
    site.edit("content/thcs/bat-nat.md", "Em có thể gọi 111", "Em có thể [gọi](khong-co.md) 111");
    site.edit("content/tieu-hoc/nguoi-la.md", "Nhớ bài", "![](/images/o-khoa.svg) Nhớ bài");
    site.edit("content/thcs/tin-gia.md", "::: parents", "::: parent");
    site.edit(SESSION, "materials: [phieu-tieu-hoc.md]", "materials: [khong-co.md]");
    site.write(NEW, &lesson_with_quiz("questions:\n  - q: Câu?\n    options:\n      - text: A\n      - text: B\n"));
    site.write("content/thcs/bai-loi.md", "---\ntitle: Lỗi\norder: 10\nduration: \"twenty\"\n---\n\nNội dung.\n");

    let (run, diags) = site.check_json();
    assert_eq!(run.code, 1);
    let mut got: Vec<(String, String, usize)> =
        diags.iter().map(|d| (d.file.clone(), d.code.clone(), d.line)).collect();
    got.sort();
    let expected = [
        ("content/thcs/bai-loi.md", "E010", 4),
        ("content/thcs/bat-nat.md", "E020", 16),
        ("content/thcs/on-tap.md", "Q004", Q_LINE),
        ("content/thcs/tin-gia.md", "E030", 19),
        ("content/tieu-hoc/buoi-ngoai-khoa-2026-2027.md", "S005", 18),
        ("content/tieu-hoc/nguoi-la.md", "E024", 10),
    ]
    .map(|(f, c, l)| (f.to_string(), c.to_string(), l));
    assert_eq!(got, expected, "{diags:#?}");
    assert!(diags.iter().all(|d| d.hint.is_some()), "every error has a hint: {diags:#?}");

    // The human format: rustc-style positions, hints and a summary with the count.
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    for (file, code, line) in &expected {
        assert!(run.stderr.contains(&format!("error[{code}]")), "no error[{code}] in:\n{}", run.stderr);
        assert!(run.stderr.contains(&format!("{file}:{line}:")), "no {file}:{line}: in:\n{}", run.stderr);
    }
    assert!(run.stderr.contains("content/thcs/bai-loi.md:4:11"), "file:line:col\n{}", run.stderr);
    // Every error and every advice warning carries one hint.
    let warnings = run.stderr.matches("warning[").count();
    assert_eq!(run.stderr.matches("hint:").count(), expected.len() + warnings, "{}", run.stderr);
    assert!(run.stderr.contains("6 errors"), "summary with the count:\n{}", run.stderr);

    // build reports the same problems and writes nothing.
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("6 errors"), "{}", run.stderr);
    assert!(!site.public().exists(), "a failed first build leaves no public/");
}

// ---- bugs found while writing these tests ----

#[test]
fn q008_is_not_fooled_by_the_same_text_in_the_question() {
    let site = Site::new();
    site.write(
        NEW,
        &lesson_with_quiz(
            "questions:\n  - q: Chọn x?\n    options:\n      - text: x\n        correct: true\n      - text: x\n",
        ),
    );
    expect(&site, "Q008", NEW, 12, None);
}

#[test]
fn e022_missing_quiz_image() {
    let site = Site::new();
    site.write(
        NEW,
        &lesson_with_quiz(
            "questions:\n  - q: Hình gì?\n    image: /images/khong-co.svg\n    alt: Ổ khóa\n    answer: true\n",
        ),
    );
    let (run, diags) = site.check_json();
    assert_eq!(run.code, 1, "a missing quiz image must be an error");
    let d = diags.iter().find(|d| d.file == NEW).unwrap_or_else(|| panic!("{diags:#?}"));
    assert_eq!(d.line, 11, "{d:?}");
}

// ---- Checks never run on what another check refused (no crash, no cascade) ----

/// Only these codes, and each once: one mistake gives one error.
fn only(diags: &[Diag], codes: &[&str]) {
    let errors: Vec<&str> = diags.iter().filter(|d| d.severity == "error").map(|d| d.code.as_str()).collect();
    assert_eq!(errors, codes, "{diags:#?}");
}

#[test]
fn a_level_with_empty_grades_is_one_error_at_its_line_not_a_crash() {
    let site = Site::new();
    site.edit("content/tieu-hoc/_index.md", "grades: [1, 5]", "grades: []");
    let d = expect(&site, "E016", "content/tieu-hoc/_index.md", 4, Some(1));
    hint_contains(&d, "grades: [");
    only(&site.check_json().1, &["E016"]);
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[test]
fn a_session_with_empty_grades_is_one_error_at_its_line_not_a_crash() {
    let site = Site::new();
    site.edit("content/tieu-hoc/buoi-ngoai-khoa-2026-2027.md", "duration: 40\n", "duration: 40\ngrades: []\n");
    expect(&site, "E016", "content/tieu-hoc/buoi-ngoai-khoa-2026-2027.md", 6, Some(1));
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[test]
fn a_link_with_a_broken_percent_escape_before_a_multibyte_letter_is_an_error_not_a_crash() {
    let site = Site::new();
    site.write(NEW, &lesson_with_body("[xem](%aé.md)\n"));
    let (run, diags) = site.check_json();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let d = diags.iter().find(|d| d.file == NEW).unwrap_or_else(|| panic!("no error in {NEW}: {diags:#?}"));
    assert_eq!(d.line, 6, "{d:?}");
}

#[test]
fn a_front_matter_typo_in_a_lesson_is_not_also_a_missing_lesson_in_the_session_plan() {
    let site = Site::new();
    site.edit("content/tieu-hoc/mat-khau.md", "duration: 35", "durration: 35");
    let d = expect(&site, "E010", "content/tieu-hoc/mat-khau.md", 5, Some(1));
    hint_contains(&d, "duration");
    // The session plan names the lesson three times, and the level page links to it.
    only(&site.check_json().1, &["E010"]);
}

#[test]
fn a_quiz_typo_is_not_also_a_lesson_without_a_quiz() {
    let site = Site::new();
    site.edit("content/tieu-hoc/mat-khau.md", "correct: true", "corect: true");
    let (run, diags) = site.check_json();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(diags.iter().all(|d| d.code != "S004" && d.code != "W002"), "{diags:#?}");
    assert_eq!(diags.iter().filter(|d| d.severity == "error").count(), 1, "{diags:#?}");
    assert!(diags[0].code.starts_with('Q'), "{diags:#?}");
}

#[test]
fn e055_an_output_folder_inside_the_sites_own_folders_is_refused_before_anything_is_written() {
    let site = Site::new();
    for out in ["content/ban-in", "static", "static/x", "data/../static/y"] {
        let target = site.root().join(out);
        let run = site.run(&["build", "--out", target.to_str().unwrap()]);
        assert_eq!(run.code, 1, "{out}: {}", run.stderr);
        assert!(run.stderr.contains("E055"), "{out}: {}", run.stderr);
        assert!(!site.root().join("content/ban-in").exists() && !site.root().join("static/x").exists(), "{out}");
    }
    assert!(!site.root().join("content/.ban-in.hoclieu-next").exists(), "nothing was written");
    // Next to the site's folders is fine.
    let run = site.run(&["build", "--out", site.root().join("ban-in").to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn a_linked_lesson_inside_the_site_is_published_and_a_link_outside_is_e009() {
    let site = Site::new();
    // A lesson kept elsewhere in the site folder and linked into its level.
    std::fs::create_dir_all(site.root().join("kho")).unwrap();
    std::fs::rename(site.root().join("content/thcs/tin-gia.md"), site.root().join("kho/tin-gia.md")).unwrap();
    std::os::unix::fs::symlink(site.root().join("kho/tin-gia.md"), site.root().join("content/thcs/tin-gia.md"))
        .unwrap();
    site.build_ok();
    assert!(site.public().join("thcs/tin-gia/index.html").is_file(), "the linked lesson is published");

    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("bi-mat.pdf"), "x").unwrap();
    std::os::unix::fs::symlink(outside.path().join("bi-mat.pdf"), site.root().join("static/bi-mat.pdf")).unwrap();
    let (run, diags) = site.check_json();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let d = diags.iter().find(|d| d.code == "E009").unwrap_or_else(|| panic!("no E009: {diags:#?}"));
    assert!(d.message.contains("outside the site folder"), "{d:?}");
    assert!(d.hint.as_deref().is_some_and(|h| h.contains("copy")), "{d:?}");
}

#[test]
fn a_front_matter_typo_in_a_material_is_not_also_a_missing_material_in_the_session_plan() {
    let site = Site::new();
    site.edit("content/thcs/phieu-thcs.md", "title:", "titel:");
    let (run, diags) = site.check_json();
    assert_eq!(run.code, 1, "{}", run.stderr);
    only(&diags, &["E010"]);
}
