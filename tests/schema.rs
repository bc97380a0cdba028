//! The JSON Schemas of `hoclieu schema` against what authors write: the bundled curriculum (content/,
//! hoclieu.yaml and its frameworks file in this repository) passes them, front matter and quiz blocks alike,
//! and a misspelt field or a value of the wrong type fails them, as it fails `check`.

use std::collections::HashMap;
use std::path::Path;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn validators() -> HashMap<&'static str, jsonschema::Validator> {
    hoclieu::schema::schemas()
        .into_iter()
        .map(|(name, schema)| {
            let validator = jsonschema::validator_for(schema.as_value())
                .unwrap_or_else(|e| panic!("{name} is not a valid JSON Schema: {e}"));
            (name, validator)
        })
        .collect()
}

/// The errors of `yaml` against the schema `name` (empty: valid).
fn errors(validators: &HashMap<&str, jsonschema::Validator>, name: &str, yaml: &str) -> Vec<String> {
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("not YAML ({e}): {yaml}"));
    let json: Value = serde_json::to_value(value).expect("YAML as JSON");
    validators[name].iter_errors(&json).map(|e| format!("{e} at {}", e.instance_path())).collect()
}

/// The schema the loader would use for a content file: by place and `kind:`, as `content::load` does.
fn schema_for(rel: &str, front: &Value) -> &'static str {
    let nested = rel.contains('/');
    match (nested, rel.ends_with("_index.md"), front.get("kind").and_then(Value::as_str)) {
        (false, _, _) => "page.schema.json",
        (true, true, _) => "level.schema.json",
        (true, false, Some("session")) => "session.schema.json",
        (true, false, Some("handout" | "letter" | "poster")) => "material.schema.json",
        _ => "lesson.schema.json",
    }
}

/// The front matter (between the first two `---` lines) and the body of a Markdown file.
fn split(text: &str) -> (&str, &str) {
    let rest = text.strip_prefix("---\n").expect("front matter");
    let end = rest.find("\n---\n").expect("end of front matter");
    (&rest[..end + 1], &rest[end + 5..])
}

/// The YAML of every quiz block in a Markdown body, read as the loader reads them.
fn quizzes(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut open: Option<String> = None;
    for event in Parser::new_ext(body, hoclieu::markdown::options()) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if hoclieu::markdown::is_quiz_fence(&info) => {
                open = Some(String::new());
            }
            Event::Text(t) => {
                if let Some(q) = open.as_mut() {
                    q.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => out.extend(open.take()),
            _ => {}
        }
    }
    out
}

#[test]
fn the_bundled_curriculum_passes_every_schema() {
    let validators = validators();
    let mut checked: HashMap<&str, usize> = HashMap::new();
    let mut problems = Vec::new();
    let config = std::fs::read_to_string(Path::new(ROOT).join("hoclieu.yaml")).expect("hoclieu.yaml");
    problems.extend(
        errors(&validators, "hoclieu-config.schema.json", &config).into_iter().map(|e| format!("hoclieu.yaml: {e}")),
    );
    *checked.entry("hoclieu-config.schema.json").or_default() += 1;
    let frameworks = std::fs::read_to_string(Path::new(ROOT).join("data/nang-luc.yaml")).expect("frameworks file");
    problems.extend(
        errors(&validators, "frameworks.schema.json", &frameworks)
            .into_iter()
            .map(|e| format!("data/nang-luc.yaml: {e}")),
    );
    *checked.entry("frameworks.schema.json").or_default() += 1;
    let content = Path::new(ROOT).join("content");
    for entry in walkdir::WalkDir::new(&content).sort_by_file_name() {
        let entry = entry.expect("content/");
        let rel = entry.path().strip_prefix(&content).expect("inside").to_string_lossy().replace('\\', "/");
        if !rel.ends_with(".md") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).expect("UTF-8");
        let (yaml, body) = split(&text);
        let front: Value =
            serde_json::to_value(serde_yaml::from_str::<serde_yaml::Value>(yaml).expect("YAML")).expect("JSON");
        let name = schema_for(&rel, &front);
        problems.extend(errors(&validators, name, yaml).into_iter().map(|e| format!("content/{rel} ({name}): {e}")));
        *checked.entry(name).or_default() += 1;
        for quiz in quizzes(body) {
            problems.extend(
                errors(&validators, "quiz.schema.json", &quiz)
                    .into_iter()
                    .map(|e| format!("content/{rel} (quiz): {e}")),
            );
            *checked.entry("quiz.schema.json").or_default() += 1;
        }
    }
    assert!(problems.is_empty(), "the bundled curriculum fails its schemas:\n{}", problems.join("\n"));
    // Every schema was used, the lessons' and quizzes' many times.
    for (name, _) in hoclieu::schema::schemas() {
        assert!(checked.get(name).copied().unwrap_or(0) > 0, "no file checked against {name}: {checked:?}");
    }
    assert!(checked["lesson.schema.json"] >= 20 && checked["quiz.schema.json"] >= 20, "{checked:?}");
}

#[test]
fn a_misspelt_field_or_a_wrong_type_fails_the_schema() {
    let v = validators();
    let lesson = "title: Mật khẩu\norder: 1\nduration: 35\ngrades: [1, 3]\nobjectives: [Em biết giữ mật khẩu]\nupdated: 2026-11-28\n";
    assert_eq!(errors(&v, "lesson.schema.json", lesson), Vec::<String>::new());
    let bad = [
        ("lesson.schema.json", lesson.replace("duration:", "duraton:")),
        ("lesson.schema.json", lesson.replace("duration: 35", "duration: 35 phút")),
        ("lesson.schema.json", lesson.replace("duration: 35", "duration: 0")),
        ("lesson.schema.json", lesson.replace("grades: [1, 3]", "grades: [1, 2, 3]")),
        ("lesson.schema.json", lesson.replace("updated: 2026-11-28", "updated: 28/11/2026")),
        ("lesson.schema.json", lesson.replace("title: Mật khẩu\n", "")),
        ("level.schema.json", "title: Tiểu học\norder: 2\npresentation: tre-em\n".to_string()),
        (
            "session.schema.json",
            "kind: session\ntitle: Buổi\nduration: 45\nagenda:\n  - minutes: 10\n    titel: Khởi động\n".to_string(),
        ),
        ("material.schema.json", "kind: flyer\ntitle: Tờ rơi\n".to_string()),
        ("hoclieu-config.schema.json", "title: Trường\nlanguage: fr\n".to_string()),
        ("hoclieu-config.schema.json", "title: Trường\nhelp:\n  - name: Tổng đài\n    phone: 111\n".to_string()),
        ("quiz.schema.json", "questions:\n  - q: Ai?\n    option:\n      - text: Em\n".to_string()),
        ("quiz.schema.json", "questions:\n  - q: Ai?\n    type: choice\n".to_string()),
        ("quiz.schema.json", "pass: 120\nquestions:\n  - q: Đúng không?\n    answer: true\n".to_string()),
        (
            "quiz.schema.json",
            "questions:\n  - q: Ai?\n    options:\n      - text: Em\n        correct: có\n".to_string(),
        ),
    ];
    for (name, yaml) in bad {
        assert!(!errors(&v, name, &yaml).is_empty(), "{name} accepts:\n{yaml}");
    }
}

#[test]
fn the_command_writes_every_schema() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let out = dir.path().join("schemas");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_hoclieu"))
        .args(["schema", "--out"])
        .arg(&out)
        .output()
        .expect("run hoclieu");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    for (name, schema) in hoclieu::schema::schemas() {
        let text = std::fs::read_to_string(out.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let written: Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(&written, schema.as_value(), "{name}");
        assert!(String::from_utf8_lossy(&run.stdout).contains(name), "the files written are listed");
    }
}

#[test]
fn without_out_it_writes_into_the_sites_work_folder_and_outside_a_site_it_asks_where() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_hoclieu"))
            .args(args)
            .arg("--root")
            .arg(dir.path())
            .env("NO_COLOR", "1")
            .output()
            .expect("run hoclieu")
    };
    let outside = run(&["schema"]);
    assert_eq!(outside.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&outside.stderr);
    assert!(stderr.contains("hoclieu.yaml") && stderr.contains("--out"), "{stderr}");
    assert!(!dir.path().join(".hoclieu").exists(), "nothing written outside a site");
    std::fs::write(dir.path().join("hoclieu.yaml"), "title: Trường\n").expect("config");
    let inside = run(&["schema"]);
    assert!(inside.status.success(), "{}", String::from_utf8_lossy(&inside.stderr));
    assert!(dir.path().join(".hoclieu/schemas/lesson.schema.json").is_file());
}
