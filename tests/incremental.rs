//! `serve`'s incremental rebuilds: an edit to a lesson re-renders only the pages that show it,
//! with the same result as a full build; structural edits fall back to a full build.

use std::path::{Path, PathBuf};

use hoclieu::build::BuildOptions;
use hoclieu::diagnostics::Diagnostics;
use hoclieu::incremental::{Outcome, Project};

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

fn project() -> (tempfile::TempDir, PathBuf, Project) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(Path::new("tests/fixtures/site"), &root);
    let root = root.canonicalize().unwrap();
    let opts = BuildOptions {
        root: root.clone(),
        out: root.join("public"),
        drafts: false,
        progress: false,
        write: true,
        audience: Default::default(),
    };
    (tmp, root, Project::new(opts))
}

fn first_lesson(root: &Path) -> PathBuf {
    let dir = root.join("content/thcs");
    let mut lessons: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            p.extension().is_some_and(|e| e == "md") && !p.ends_with("_index.md") && !text.contains("\nkind:")
        })
        .collect();
    lessons.sort();
    lessons.remove(0)
}

fn all_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().display().to_string(), std::fs::read(e.path()).unwrap()))
        .filter(|(p, _)| !p.starts_with(".hoclieu"))
        .collect();
    v.sort();
    v
}

#[test]
fn a_lesson_edit_rerenders_only_what_shows_it_and_matches_a_full_build() {
    let (_tmp, root, mut project) = project();
    let diags = Diagnostics::new();
    assert!(matches!(project.rebuild(&[], &diags), Some(Outcome::Full(_))), "{}", diags.render(false));
    let lesson = first_lesson(&root);
    let text = std::fs::read_to_string(&lesson).unwrap();
    let title_line = text.lines().find(|l| l.starts_with("title:")).unwrap().to_string();
    let edited = text.replacen(&title_line, "title: Tiêu đề mới vừa sửa", 1) + "\nĐoạn văn mới thêm vào cuối bài.\n";
    std::fs::write(&lesson, &edited).unwrap();

    let diags = Diagnostics::new();
    match project.rebuild(std::slice::from_ref(&lesson), &diags) {
        Some(Outcome::Incremental { pages, files_written, .. }) => {
            assert!(files_written >= 2, "the lesson and its level page at least: {files_written}");
            assert!(pages < 40, "only the pages that show the lesson: {pages}");
        }
        Some(Outcome::Full(_)) => panic!("a text edit must not need a full build"),
        None => panic!("{}", diags.render(false)),
    }
    let out = root.join("public");
    let level = std::fs::read_to_string(out.join("thcs/index.html")).unwrap();
    assert!(level.contains("Tiêu đề mới vừa sửa"), "the level page lists the new title");
    let incremental = all_files(&out);

    // A full build of the same sources gives the same site.
    let full_out = root.join("public-full");
    let opts = BuildOptions { out: full_out.clone(), ..project.opts.clone() };
    assert!(hoclieu::build::build(&opts, &Diagnostics::new()).is_some());
    let full = all_files(&full_out);
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(&incremental), names(&full));
    for ((path, a), (_, b)) in incremental.iter().zip(full.iter()) {
        assert!(a == b, "{path} differs from a full build");
    }
}

/// Asserts that `out` holds exactly what a full build of the same sources writes.
fn assert_same_as_full_build(project: &Project, out: &Path, name: &str) {
    let full_out = project.opts.root.join(format!("public-full-{name}"));
    let opts = BuildOptions { out: full_out.clone(), ..project.opts.clone() };
    assert!(hoclieu::build::build(&opts, &Diagnostics::new()).is_some());
    let (got, want) = (all_files(out), all_files(&full_out));
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(&got), names(&want), "{name}");
    for ((path, a), (_, b)) in got.iter().zip(want.iter()) {
        assert!(a == b, "after the {name} edit, {path} differs from a full build");
    }
}

fn pages_rerendered(project: &mut Project, lesson: &Path) -> usize {
    let diags = Diagnostics::new();
    match project.rebuild(&[lesson.to_path_buf()], &diags) {
        Some(Outcome::Incremental { pages, .. }) => pages,
        Some(Outcome::Full(_)) => panic!("an edit of existing text must not need a full build"),
        None => panic!("{}", diags.render(false)),
    }
}

#[test]
fn pages_that_show_nothing_changed_are_skipped_and_the_site_still_matches_a_full_build() {
    let (_tmp, root, mut project) = project();
    assert!(project.rebuild(&[], &Diagnostics::new()).is_some());
    let lesson = root.join("content/thcs/bat-nat.md");
    let out = root.join("public");
    let original = std::fs::read_to_string(&lesson).unwrap();

    // Body text only: the level page, neighbours, coverage and parents' pages show none of it.
    std::fs::write(&lesson, original.replace("Em có thể gọi 111", "Em luôn có thể gọi 111")).unwrap();
    let body_only = pages_rerendered(&mut project, &lesson);
    assert_same_as_full_build(&project, &out, "body");

    // The parents' block: its page must follow, even though nothing else a list shows changed.
    let parents_edit = original.replace("đừng tịch thu điện thoại", "đừng tịch thu điện thoại của con");
    std::fs::write(&lesson, &parents_edit).unwrap();
    let with_parents = pages_rerendered(&mut project, &lesson);
    assert_eq!(with_parents, body_only + 1, "the parents' page is added");
    let parents = std::fs::read_to_string(out.join("cha-me/thcs.html")).unwrap();
    assert!(parents.contains("điện thoại của con"));
    assert_same_as_full_build(&project, &out, "parents");

    // Competences: the coverage page lists lessons by competence (the fixture declares no framework, so
    // any code is accepted).
    let with_codes = parents_edit.replacen("grades: [6, 9]\n", "grades: [6, 9]\ncompetencies: [\"KH923.1\"]\n", 1);
    std::fs::write(&lesson, &with_codes).unwrap();
    let codes = pages_rerendered(&mut project, &lesson);
    assert!(codes > body_only);
    assert_same_as_full_build(&project, &out, "competences");

    // The duration shows on the level page.
    std::fs::write(&lesson, original.replace("duration: 45", "duration: 40")).unwrap();
    let with_level = pages_rerendered(&mut project, &lesson);
    assert!(with_level > body_only, "{with_level} > {body_only}");
    assert_same_as_full_build(&project, &out, "duration");
}

#[test]
fn an_error_keeps_the_served_site_and_the_fix_applies() {
    let (_tmp, root, mut project) = project();
    assert!(project.rebuild(&[], &Diagnostics::new()).is_some());
    let lesson = first_lesson(&root);
    let good = std::fs::read_to_string(&lesson).unwrap();
    let page = root.join("public/thcs").join(lesson.file_stem().unwrap()).join("index.html");
    let before = std::fs::read(&page).unwrap();
    std::fs::write(&lesson, format!("{good}\n[x](khong-co.md)\n")).unwrap();
    let diags = Diagnostics::new();
    assert!(project.rebuild(std::slice::from_ref(&lesson), &diags).is_none());
    assert!(diags.sorted().iter().any(|d| d.code == "E020"));
    assert_eq!(std::fs::read(&page).unwrap(), before, "the last good page is still served");
    std::fs::write(&lesson, format!("{good}\nĐã sửa.\n")).unwrap();
    assert!(matches!(
        project.rebuild(std::slice::from_ref(&lesson), &Diagnostics::new()),
        Some(Outcome::Incremental { .. })
    ));
    assert!(String::from_utf8(std::fs::read(&page).unwrap()).unwrap().contains("Đã sửa."));
}

#[test]
fn structural_changes_take_a_full_build() {
    let (_tmp, root, mut project) = project();
    assert!(project.rebuild(&[], &Diagnostics::new()).is_some());
    let lesson = first_lesson(&root);
    let text = std::fs::read_to_string(&lesson).unwrap();
    let order = text.lines().find(|l| l.starts_with("order:")).unwrap().to_string();
    std::fs::write(&lesson, text.replacen(&order, "order: 99", 1)).unwrap();
    assert!(matches!(project.rebuild(std::slice::from_ref(&lesson), &Diagnostics::new()), Some(Outcome::Full(_))));
    let config = root.join("hoclieu.yaml");
    assert!(matches!(project.rebuild(&[config], &Diagnostics::new()), Some(Outcome::Full(_))));
}
