//! `hoclieu init` and `hoclieu new`, end to end in temporary folders: what they write must pass
//! `hoclieu check` as it is.

use std::path::{Path, PathBuf};
use std::process::Command;

use hoclieu::build::{self, BuildOptions};
use hoclieu::diagnostics::{Diagnostics, Severity};
use hoclieu::scaffold::{self, InitOptions};

fn init_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    scaffold::init(&InitOptions { dir: root.clone(), force: false, title: None }).unwrap();
    (tmp, root)
}

/// `hoclieu check` through the library; panics with the report unless there are no errors.
fn check(root: &Path) -> Diagnostics {
    let diags = Diagnostics::new();
    let opts = BuildOptions {
        root: root.to_path_buf(),
        out: PathBuf::new(),
        drafts: false,
        progress: false,
        write: false,
        audience: Default::default(),
    };
    let summary = build::build(&opts, &diags);
    assert!(summary.is_some() && !diags.has_errors(), "{}", diags.render(false));
    diags
}

fn assert_clean(root: &Path) {
    let diags = check(root);
    assert_eq!(diags.count(Severity::Warning), 0, "{}", diags.render(false));
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap()
}

fn front_matter(text: &str) -> serde_yaml::Value {
    let rest = text.strip_prefix("---\n").unwrap();
    serde_yaml::from_str(&rest[..rest.find("\n---").unwrap()]).unwrap()
}

#[test]
fn init_makes_a_site_that_checks_clean() {
    let (_tmp, root) = init_site();
    assert_clean(&root);
    let config: serde_yaml::Value = serde_yaml::from_str(&read(&root, "hoclieu.yaml")).unwrap();
    let year = scaffold::current_school_year();
    assert_eq!(config["school_year"].as_str(), Some(year.as_str()));
    assert_eq!(config["language"].as_str(), Some("vi"));
    // A new site must not inherit any province's number: 111 is the only line.
    let help = config["help"].as_sequence().unwrap();
    assert_eq!(help.len(), 1);
    assert_eq!(help[0]["phone"].as_str(), Some("111"));
    assert_eq!(help[0]["note"].as_str(), Some("Miễn phí, 24/7"));
    let session = read(&root, &format!("content/tieu-hoc/buoi-ngoai-khoa-{year}.md"));
    let fm = front_matter(&session);
    let total: u64 = fm["agenda"].as_sequence().unwrap().iter().map(|s| s["minutes"].as_u64().unwrap()).sum();
    assert_eq!(Some(total), fm["duration"].as_u64());
    assert!(read(&root, "content/tieu-hoc/thong-tin-rieng-tu.md").contains("```quiz"));
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let err = scaffold::init(&InitOptions { dir: tmp.path().to_path_buf(), force: false, title: None }).unwrap_err();
    assert!(err.message.contains("not empty"), "{err}");
    assert!(err.hint.unwrap().contains("--force"));
    assert!(!tmp.path().join("hoclieu.yaml").exists());
    assert_eq!(std::fs::read_to_string(tmp.path().join("notes.txt")).unwrap(), "mine");
}

#[test]
fn init_accepts_a_fresh_git_repository() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join(".git")).unwrap();
    scaffold::init(&InitOptions { dir: tmp.path().to_path_buf(), force: false, title: Some("Trường em".into()) })
        .unwrap();
    assert!(read(tmp.path(), "hoclieu.yaml").contains("title: Trường em"));
}

#[test]
fn init_force_only_adds_missing_files() {
    let (_tmp, root) = init_site();
    std::fs::write(root.join("content/_index.md"), "---\ntitle: Của tôi\n---\nGiữ nguyên.\n").unwrap();
    std::fs::remove_file(root.join("content/tieu-hoc/phieu-hoc-tap.md")).unwrap();
    std::fs::write(root.join("notes.txt"), "mine").unwrap();
    let report = scaffold::init(&InitOptions { dir: root.clone(), force: true, title: None }).unwrap();
    assert_eq!(report.created, ["content/tieu-hoc/phieu-hoc-tap.md"]);
    assert!(report.skipped.contains(&"content/_index.md".to_string()));
    assert_eq!(read(&root, "content/_index.md"), "---\ntitle: Của tôi\n---\nGiữ nguyên.\n");
    assert_eq!(read(&root, "notes.txt"), "mine");
    assert_clean(&root);
}

#[test]
fn new_lesson_takes_the_next_order_and_normalises_the_name() {
    let (_tmp, root) = init_site();
    let created = scaffold::new_lesson(&root, "tieu-hoc/Mật khẩu mạnh", None).unwrap();
    assert_eq!(created.rel, "content/tieu-hoc/mat-khau-manh.md");
    assert!(created.notes.iter().any(|n| n.contains("mat-khau-manh.md")), "the author is told the name changed");
    let fm = front_matter(&read(&root, &created.rel));
    assert_eq!(fm["title"].as_str(), Some("Mật khẩu mạnh"));
    assert_eq!(fm["order"].as_i64(), Some(2));
    assert_eq!(fm["grades"], serde_yaml::from_str::<serde_yaml::Value>("[1, 5]").unwrap());
    for field in ["summary", "duration", "objectives", "competencies", "keywords", "draft", "updated"] {
        assert!(fm.get(field).is_some(), "the new lesson has `{field}`");
    }
    assert_eq!(fm["draft"].as_bool(), Some(true), "a new lesson starts as a draft: its sample text is not published");
    assert!(created.notes.iter().any(|n| n.contains("hoclieu serve --drafts")), "{:?}", created.notes);
    check(&root);

    let second = scaffold::new_lesson(&root, "tieu-hoc/so-111", Some("Số 111: gọi khi nào?")).unwrap();
    let fm = front_matter(&read(&root, &second.rel));
    assert_eq!(fm["order"].as_i64(), Some(3));
    assert_eq!(fm["title"].as_str(), Some("Số 111: gọi khi nào?"));
    check(&root);
}

#[test]
fn new_lesson_refuses_overwrites_and_unknown_levels() {
    let (_tmp, root) = init_site();
    let lesson = root.join("content/tieu-hoc/thong-tin-rieng-tu.md");
    let before = std::fs::read_to_string(&lesson).unwrap();
    let err = scaffold::new_lesson(&root, "tieu-hoc/thong-tin-rieng-tu", None).unwrap_err();
    assert!(err.message.contains("already exists"), "{err}");
    assert_eq!(std::fs::read_to_string(&lesson).unwrap(), before);

    let err = scaffold::new_lesson(&root, "tieuhoc/bai-moi", None).unwrap_err();
    assert!(err.message.contains("tieuhoc"), "{err}");
    let hint = err.hint.unwrap();
    assert!(hint.contains("did you mean `tieu-hoc`") && hint.contains("the levels are: tieu-hoc"), "{hint}");

    assert!(scaffold::new_lesson(&root, "tieu-hoc/!!!", None).is_err());
    assert!(scaffold::new_lesson(&root, "tieu-hoc/assets", None).is_err());
    assert!(scaffold::new_lesson(&root, "bai-moi", None).unwrap_err().hint.unwrap().contains("tieu-hoc/"));
}

#[test]
fn new_session_lists_the_level_and_adds_up() {
    let (_tmp, root) = init_site();
    std::fs::create_dir_all(root.join("content/thcs")).unwrap();
    std::fs::write(
        root.join("content/thcs/_index.md"),
        "---\ntitle: THCS\norder: 3\ngrades: [6, 9]\n---\nGiới thiệu.\n",
    )
    .unwrap();
    // A level without this year's session fails `check`; `new session` is the fix it suggests.
    let diags = Diagnostics::new();
    let opts = BuildOptions {
        root: root.clone(),
        out: PathBuf::new(),
        drafts: false,
        progress: false,
        write: false,
        audience: Default::default(),
    };
    assert!(build::build(&opts, &diags).is_none());
    let lesson = scaffold::new_lesson(&root, "thcs/tin-gia", Some("Tin giả")).unwrap();
    // A new lesson is a draft, which a session plan may not name: the author publishes it first.
    let text = read(&root, &lesson.rel);
    assert!(text.contains("\ndraft: true\n"), "{text}");
    // Published, its sample text would be reported (W005, tests/authors.rs): the author replaces it.
    let published = text.replace("\ndraft: true\n", "\ndraft: false\n");
    let own: String = published
        .lines()
        .map(|l| match scaffold::PLACEHOLDERS.contains(&l.trim()) {
            true => format!("{l} (đã sửa)\n"),
            false => format!("{l}\n"),
        })
        .collect();
    std::fs::write(root.join(&lesson.rel), own).unwrap();
    let created = scaffold::new_session(&root, "thcs").unwrap();
    let year = scaffold::current_school_year();
    assert_eq!(created.rel, format!("content/thcs/buoi-ngoai-khoa-{year}.md"));
    let fm = front_matter(&read(&root, &created.rel));
    assert_eq!(fm["kind"].as_str(), Some("session"));
    assert_eq!(fm["school_year"].as_str(), Some(year.as_str()));
    assert_eq!(fm["lessons"], serde_yaml::from_str::<serde_yaml::Value>("[tin-gia]").unwrap());
    let total: u64 = fm["agenda"].as_sequence().unwrap().iter().map(|s| s["minutes"].as_u64().unwrap()).sum();
    assert_eq!(Some(total), fm["duration"].as_u64());
    for field in ["title", "grades", "group_size", "preparation", "materials", "draft"] {
        assert!(fm.get(field).is_some(), "the new session has `{field}`");
    }
    assert_clean(&root);
    let err = scaffold::new_session(&root, "thcs").unwrap_err();
    assert!(err.message.contains("already exists"), "{err}");
}

#[test]
fn the_commands_work_end_to_end() {
    let tmp = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_hoclieu");
    // In English, whatever the new site's language (the messages asserted below are English).
    let run = |args: &[&str]| Command::new(bin).args(args).arg("--lang=en").current_dir(tmp.path()).output().unwrap();

    let out = run(&["init", "truong-em"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("cd truong-em") && err.contains("hoclieu serve"), "{err}");

    let again = run(&["init", "truong-em"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));

    let out = run(&["new", "lesson", "tieu-hoc/Bạn bè trên mạng", "--root", "truong-em"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("ban-be-tren-mang.md"), "{err}");

    let out = run(&["new", "session", "mam-non", "--root", "truong-em"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the levels are: tieu-hoc"));

    let out = run(&["check", "--root", "truong-em"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
