//! The modules' layering, held: each module of `src/` may name (as `crate::x`) only the modules its row
//! of the table allows, so data flows one way — load → validate → render → write — and no two modules
//! import each other. The same table, with the reasons, is in docs/architecture.md; change both
//! together.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module → the modules it may use. Bottom first; a module never uses one above it.
const ALLOWED: &[(&str, &[&str])] = &[
    // Plain helpers and the URL table: they know nothing of the site.
    ("text", &[]),
    ("urls", &[]),
    // Problems and where they are.
    ("diagnostics", &["text"]),
    // Reading files: YAML with positions, front matter, the site's configuration.
    ("yaml", &["diagnostics", "text"]),
    ("frontmatter", &["diagnostics", "text"]),
    ("config", &["yaml", "frontmatter", "diagnostics", "text", "urls"]),
    // What author text may not bring to a page: raw HTML cleaned, script URLs refused, JSON islands escaped.
    ("sanitize", &["diagnostics", "text", "urls"]),
    // The quiz model and its parser.
    ("quiz", &["yaml", "sanitize", "diagnostics", "text"]),
    // The Markdown pass: one document → its findings and its body with holes.
    ("markdown", &["quiz", "sanitize", "diagnostics", "text", "urls"]),
    // The search index, from plain documents (the loader cuts search text by its limits).
    ("search", &["markdown", "text"]),
    // Loading and validating the whole site into the model.
    (
        "content",
        &["config", "markdown", "quiz", "search", "sanitize", "frontmatter", "yaml", "diagnostics", "text", "urls"],
    ),
    // `check`'s list of other sites' images and links, for a teacher to review.
    ("external", &["frontmatter", "markdown", "sanitize", "diagnostics", "text", "urls"]),
    // The theme's templates and strings; the atomic output folder.
    ("theme", &["config", "diagnostics", "text"]),
    ("output", &["diagnostics", "text", "urls"]),
    // Model → pages. Reads the model, never changes it.
    (
        "render",
        &["content", "markdown", "quiz", "sanitize", "search", "theme", "config", "diagnostics", "text", "urls"],
    ),
    // The build: load and validate, then render, then write.
    ("build", &["content", "render", "output", "theme", "markdown", "search", "config", "diagnostics", "urls"]),
    // `serve`'s rebuilds of one lesson.
    ("incremental", &["build", "content", "render", "theme", "output", "diagnostics", "urls"]),
    // `init` and `new`.
    ("scaffold", &["config", "content", "frontmatter", "diagnostics", "text", "urls"]),
    // `hoclieu schema`: JSON Schemas from the types the loader reads.
    ("schema", &["config", "content", "quiz", "diagnostics"]),
    // One archive of a built site (`build --zip`).
    ("bundle", &["output", "diagnostics"]),
    // The preview server.
    ("serve", &["build", "incremental", "config", "output", "diagnostics", "text", "urls"]),
    // The command line, at the top.
    (
        "cli",
        &[
            "build",
            "serve",
            "scaffold",
            "schema",
            "external",
            "bundle",
            "theme",
            "render",
            "config",
            "content",
            "diagnostics",
            "output",
            "urls",
        ],
    ),
];

/// The top-level module a file of `src/` belongs to (`src/content/analyse.rs` → `content`).
fn module_of(rel: &Path) -> Option<String> {
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib" && name != "main").then(|| name.to_string())
}

/// The modules a file names as `crate::x`, outside comments and its `#[cfg(test)]` part.
fn used_modules(text: &str) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    for line in text.lines() {
        let code = line.trim_start();
        if code.starts_with("#[cfg(test)]") {
            break;
        }
        if code.starts_with("//") {
            continue;
        }
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            if !name.is_empty() {
                used.insert(name);
            }
        }
        // `use crate::{a, b::c}`
        if let Some(group) = code.strip_prefix("use crate::{").or_else(|| code.strip_prefix("pub use crate::{")) {
            for part in group.split([',', '}']) {
                let name: String = part.trim().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                if !name.is_empty() {
                    used.insert(name);
                }
            }
        }
    }
    used
}

#[test]
fn modules_use_only_the_layers_below_them() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let allowed: BTreeMap<&str, BTreeSet<&str>> =
        ALLOWED.iter().map(|(m, deps)| (*m, deps.iter().copied().collect())).collect();
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for entry in walkdir::WalkDir::new(&src).into_iter().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") || path.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).unwrap();
        let Some(module) = module_of(rel) else { continue };
        seen.insert(module.clone());
        let Some(ok) = allowed.get(module.as_str()) else {
            problems.push(format!("src/{}: module `{module}` is not in the layering table", rel.display()));
            continue;
        };
        let text = std::fs::read_to_string(path).unwrap();
        for used in used_modules(&text) {
            if used != module && !ok.contains(used.as_str()) {
                problems.push(format!("src/{} ({module}) uses `crate::{used}`", rel.display()));
            }
        }
    }
    for (m, _) in ALLOWED {
        assert!(seen.contains(*m), "the table names `{m}`, which is not a module of src/ any more");
    }
    assert!(problems.is_empty(), "layering broken (see docs/architecture.md):\n{}", problems.join("\n"));
}

#[test]
fn the_table_has_no_cycle_and_goes_upwards() {
    // Each module may use only modules listed before it: the table is its own topological order.
    let mut before = BTreeSet::new();
    for (m, deps) in ALLOWED {
        for d in *deps {
            assert!(before.contains(d), "`{m}` may use `{d}`, which is not below it in the table");
        }
        before.insert(*m);
    }
}

#[test]
fn the_scanner_finds_grouped_and_inline_uses() {
    let text = "use crate::{config, text::nfc};\nfn f() { crate::urls::page(\"a\"); }\n// crate::serve\n#[cfg(test)]\nuse crate::build;";
    let found: Vec<String> = used_modules(text).into_iter().collect();
    assert_eq!(found, ["config", "text", "urls"]);
}
