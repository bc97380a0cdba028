//! docs/theme.md lists every template's context field by field (written from the context types, see
//! `src/render/context.rs`). This test holds that list against what a real build gives templates: the
//! bundled curriculum and the fixture site, in both audiences, every page. Each field a page gets must be
//! listed for its template with a type that fits its value, and each field listed as always there must be
//! there. So the doc cannot drift from the types, nor the types from what templates see.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

use hoclieu::diagnostics::Diagnostics;
use hoclieu::render::{Audience, Captured, Renderer};
use serde_json::Value;

/// The reference part of docs/theme.md: each type's fields (name → type text), and each template's type.
struct Reference {
    types: BTreeMap<String, BTreeMap<String, String>>,
    templates: BTreeMap<String, String>,
}

/// The backticked names of a line, in order.
fn ticked(line: &str) -> Vec<&str> {
    line.split('`').skip(1).step_by(2).collect()
}

fn reference() -> Reference {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/theme.md")).unwrap();
    let start = doc.find("<!-- Written from src/render/context.rs").expect("the written part of docs/theme.md");
    let end = doc.find("<!-- End of the part written from src/render/context.rs").expect("its end");
    let mut r = Reference { types: BTreeMap::new(), templates: BTreeMap::new() };
    // The type a table belongs to: the last backticked name of the heading (or "… (`Shared`):") before it.
    let mut current: Option<String> = None;
    for line in doc[start..end].lines() {
        if let Some(row) = line.strip_prefix("| `") {
            let cells: Vec<&str> = row.split(" | ").collect();
            let (Some(name), Some(ty), Some(ty_name)) = (cells.first(), cells.get(1), current.as_ref()) else {
                panic!("a row outside a table: {line}")
            };
            let fields = r.types.entry(ty_name.clone()).or_default();
            fields.insert(name.trim_end_matches('`').to_string(), ty.to_string());
        } else if line.starts_with('|') || line.trim().is_empty() {
        } else if !(line.starts_with('#') || line.ends_with("`):")) {
            // A type's description.
        } else if let Some((&last, rest)) = ticked(line).split_last() {
            current = Some(last.to_string());
            if line.starts_with("### ") {
                for template in rest {
                    r.templates.insert(template.to_string(), last.to_string());
                }
            }
            // A type without fields has no table.
            r.types.entry(last.to_string()).or_default();
        }
    }
    r
}

impl Reference {
    /// Checks `v` against a field's type text; `at` names the place for the message.
    fn fits(&self, ty: &str, v: &Value, at: &str, problems: &mut Vec<String>) {
        let ty = ty.strip_suffix(", or absent").unwrap_or(ty);
        let alternatives: Vec<&str> = ty.split(" or ").collect();
        let ok = alternatives.iter().any(|alt| self.fits_one(alt, v, at, &mut Vec::new()));
        if !ok {
            // Report the deeper problems of the one alternative of the value's shape, if any.
            let mut deeper = Vec::new();
            for alt in &alternatives {
                self.fits_one(alt, v, at, &mut deeper);
            }
            if deeper.is_empty() {
                problems.push(format!("{at}: {v:.60} is not {ty}"));
            }
            problems.extend(deeper);
        }
    }

    fn fits_one(&self, alt: &str, v: &Value, at: &str, problems: &mut Vec<String>) -> bool {
        match (alt, v) {
            ("any", _) | ("string", Value::String(_)) | ("boolean", Value::Bool(_)) | ("null", Value::Null) => true,
            ("integer", Value::Number(n)) => n.is_u64() || n.is_i64(),
            (_, Value::Array(items)) if alt.starts_with("list of ") => {
                let before = problems.len();
                for (i, item) in items.iter().enumerate() {
                    self.fits(&alt["list of ".len()..], item, &format!("{at}[{i}]"), problems);
                }
                problems.len() == before
            }
            (_, Value::Array(items)) if alt.starts_with('[') => {
                let parts: Vec<&str> = alt.trim_matches(['[', ']']).split(", ").collect();
                parts.len() == items.len() && parts.iter().zip(items).all(|(p, x)| self.fits_one(p, x, at, problems))
            }
            (_, Value::Object(map)) if alt.starts_with("map of ") => {
                let before = problems.len();
                for (k, x) in map {
                    self.fits(&alt["map of ".len()..], x, &format!("{at}.{k}"), problems);
                }
                problems.len() == before
            }
            (_, Value::Object(_)) if alt.starts_with('`') => {
                let before = problems.len();
                self.object(alt.trim_matches('`'), v, at, problems);
                problems.len() == before
            }
            _ => false,
        }
    }

    /// Checks an object against the fields the doc lists for `type_name`.
    fn object(&self, type_name: &str, v: &Value, at: &str, problems: &mut Vec<String>) {
        let Some(fields) = self.types.get(type_name) else {
            problems.push(format!("{at}: docs/theme.md does not describe `{type_name}`"));
            return;
        };
        let Some(map) = v.as_object() else {
            problems.push(format!("{at}: not an object"));
            return;
        };
        for (k, x) in map {
            match fields.get(k) {
                Some(ty) => self.fits(ty, x, &format!("{at}.{k}"), problems),
                None => problems.push(format!("{at}.{k}: not in docs/theme.md for `{type_name}`")),
            }
        }
        for (k, ty) in fields {
            if !ty.ends_with(", or absent") && !map.contains_key(k) {
                problems.push(format!("{at}.{k}: listed as always there, but absent"));
            }
        }
    }
}

/// Every page's context of the site at `root`.
fn contexts(root: &Path, audience: Audience, base_url: Option<&str>) -> Vec<Captured> {
    let diags = Diagnostics::new();
    let (mut site, theme) = hoclieu::build::load(root, false, false, audience, &diags).expect("the site loads");
    // Only a site with an address gets a sitemap.
    site.config.base_url = base_url.map(String::from);
    let captured = Mutex::new(Vec::new());
    let renderer = Renderer::new(&site, &theme, audience).with_capture(&captured);
    for job in renderer.jobs() {
        renderer.render(job).unwrap_or_else(|d| panic!("{job:?}: {d:?}"));
    }
    drop(renderer);
    captured.into_inner().unwrap()
}

#[test]
fn every_context_field_is_in_the_theme_doc() {
    let r = reference();
    assert!(r.types.contains_key("Shared") && r.types.contains_key("Base"), "the common part's tables");
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixture = here.join("tests/fixtures/site");
    let mut pages = Vec::new();
    for audience in [Audience::All, Audience::Student] {
        pages.extend(contexts(here, audience, None));
        pages.extend(contexts(&fixture, audience, Some("https://example.org/hoc-lieu")));
    }
    let mut problems = Vec::new();
    let mut seen = BTreeMap::new();
    for page in &pages {
        let t = &page.template;
        *seen.entry(t.clone()).or_insert(0) += 1;
        let Some(ty) = r.templates.get(t) else {
            problems.push(format!("{t}: docs/theme.md has no section for this template"));
            continue;
        };
        if let Some((shared, base)) = &page.common {
            r.object("Shared", shared, &format!("{t}: "), &mut problems);
            r.object("Base", base, &format!("{t}: "), &mut problems);
        }
        r.object(ty, &page.own, &format!("{t}: "), &mut problems);
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
    // The samples reach every template the doc describes.
    let missing: Vec<_> = r.templates.keys().filter(|t| !seen.contains_key(*t)).collect();
    assert!(missing.is_empty(), "no sample page for {missing:?}");
}

/// The check finds a field the doc does not list, one of the wrong type, and one that is missing.
#[test]
fn the_check_finds_what_differs() {
    let r = reference();
    let good = serde_json::json!({"title": "Bài 1", "url": "tieu-hoc/bai-1/index.html"});
    let mut problems = Vec::new();
    r.object("Link", &good, "x", &mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    let bad = serde_json::json!({"title": 3, "href": "x"});
    r.object("Link", &bad, "x", &mut problems);
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("x.href: not in docs/theme.md")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("x.title: 3 is not string")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("x.url: listed as always there, but absent")), "{problems:?}");
}
