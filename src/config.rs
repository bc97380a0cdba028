//! The site configuration, `hoclieu.yaml`.

use std::path::Path;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostics::{msg, Diagnostic, Diagnostics, SourceFile, Text};
use crate::text::nfc;

pub const CONFIG_FILE: &str = "hoclieu.yaml";
/// hoclieu's own folder in a site: `serve`'s preview and the highlight cache (never the author's files).
pub const WORK_DIR: &str = ".hoclieu";

const FIELDS: &[&str] =
    &["title", "description", "language", "school_year", "help", "help_page", "base_url", "frameworks", "trusted_html"];

/// The site configuration, `hoclieu.yaml` in the site folder (Cấu hình trang: tệp `hoclieu.yaml`).
///
/// The doc comments of these types are the descriptions of `hoclieu schema`'s JSON Schemas, which editors
/// show while an author types: they are written for authors.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "hoclieu.yaml")]
pub struct Config {
    /// The site's name, shown in every page's header and the browser tab. Required.
    /// (Tên trang, ví dụ `Em an toàn trên mạng`.)
    pub title: String,
    /// One or two sentences about the site, for the home page and search engines. (Mô tả ngắn.)
    #[serde(default)]
    pub description: String,
    /// The language of the site's pages and of hoclieu's messages: `vi` (default) or `en`.
    /// (Ngôn ngữ: `vi` hoặc `en`.)
    #[serde(default = "default_language")]
    #[schemars(extend("enum" = ["vi", "en"]))]
    pub language: String,
    /// The school year the session plans are for, two consecutive years: `2026-2027`.
    /// (Năm học, ví dụ `2026-2027`.)
    #[serde(default)]
    #[schemars(extend("pattern" = "^[0-9]{4}-[0-9]{4}$"))]
    pub school_year: Option<String>,
    /// Help lines shown to children, parents and teachers: who to call when something goes wrong online.
    /// (Đường dây trợ giúp: tên, số điện thoại, ghi chú.)
    #[serde(default)]
    pub help: Vec<HelpLine>,
    /// The page about getting help (root-relative, e.g. `tro-giup/index.html`): the header's "Cần giúp?"
    /// link and the home page's "Cần giúp ngay?" go there. Without it they go to the page's help box.
    #[serde(default)]
    #[schemars(extend("pattern" = "^[^/].*\\.html$"))]
    pub help_page: Option<String>,
    /// The address the site is published at, e.g. `https://truong.edu.vn/hoc-lieu/`. Only used for the
    /// sitemap's absolute URLs; every page link stays relative. (Địa chỉ trang khi đăng lên mạng.)
    #[serde(default)]
    pub base_url: Option<String>,
    /// Competence frameworks, inline or as a path to a YAML file relative to the site folder, e.g.
    /// `data/nang-luc.yaml`. Lessons name their competences by code in `competencies:`.
    /// (Khung năng lực: viết trực tiếp hoặc đường dẫn tới tệp YAML.)
    #[serde(default, skip_serializing)]
    pub frameworks: Option<FrameworksSpec>,
    /// Publish raw HTML in Markdown as written, without the sanitiser (docs/authoring.md). Off by
    /// default: only for a site whose every author is trusted. (Chỉ bật khi mọi người soạn đều tin cậy.)
    #[serde(default)]
    pub trusted_html: bool,
    /// The frameworks once loaded (from the file if `frameworks` names one).
    #[serde(skip)]
    pub framework_list: Vec<Framework>,
}

/// Competence frameworks: the path of a YAML file that lists them, or the list itself.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum FrameworksSpec {
    /// A YAML file relative to the site folder, e.g. `data/nang-luc.yaml`.
    File(String),
    /// The frameworks, written here.
    Inline(Vec<Framework>),
}

/// A competence framework: domains, each with coded competences. (Khung năng lực.)
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// A short identifier, e.g. `nlS`.
    pub id: String,
    /// The framework's name as readers see it.
    pub title: String,
    /// Where the framework comes from, or how it is used here.
    #[serde(default)]
    pub note: Option<String>,
    /// Its domains (miền năng lực).
    pub domains: Vec<Domain>,
}

/// A domain of a framework and its competences. (Miền năng lực.)
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    /// The domain's code, e.g. `2`.
    pub code: String,
    /// The domain's name.
    pub title: String,
    /// Its competences (năng lực thành phần).
    pub competences: Vec<Competence>,
}

/// One competence: a code lessons use in `competencies:`, and its name. (Năng lực thành phần.)
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Competence {
    /// Unique across all frameworks, e.g. `2.3`; a lesson's `competencies:` lists these codes.
    pub code: String,
    /// The competence's name.
    pub title: String,
}

const FRAMEWORK_FIELDS: &[&str] = &["id", "title", "note", "domains", "code", "competences"];

impl Config {
    /// Every competence code → (framework title, competence title).
    pub fn competences(&self) -> std::collections::HashMap<&str, (&str, &str)> {
        self.framework_list
            .iter()
            .flat_map(|f| {
                f.domains.iter().flat_map(move |d| {
                    d.competences.iter().map(move |c| (c.code.as_str(), (f.title.as_str(), c.title.as_str())))
                })
            })
            .collect()
    }
}

/// A help line: who to call, and when. (Đường dây trợ giúp.)
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HelpLine {
    /// Who answers, e.g. `Tổng đài quốc gia bảo vệ trẻ em`.
    pub name: String,
    /// The number as people dial it, in quotes so it stays text: `"111"`. (Số điện thoại, trong ngoặc kép.)
    pub phone: String,
    /// When to call, e.g. `miễn phí, 24/7`. (Ghi chú.)
    #[serde(default)]
    pub note: Option<String>,
    /// Whether the school has checked that the number works. An unchecked line (`verified: false`) is
    /// shown only on teachers' pages, with its note, so that they can call it first; children's pages,
    /// parents' pages, posters and letters never show it.
    #[serde(default = "verified_by_default")]
    pub verified: bool,
}

/// Lines are trusted unless marked otherwise: older sites, whose lines were all shown, keep them.
fn verified_by_default() -> bool {
    true
}

fn default_language() -> String {
    "vi".into()
}

impl HelpLine {
    /// Digits only, for `tel:` links ("1800.599.963" → "1800599963").
    pub fn tel(&self) -> String {
        self.phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect()
    }
}

/// Reads and validates `hoclieu.yaml`. Problems go to `diags`; `None` means the site cannot be built.
pub fn load(root: &Path, diags: &Diagnostics) -> Option<Config> {
    let path = root.join(CONFIG_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => nfc(&t),
        Err(e) => {
            diags.push(
                Diagnostic::error("E001", msg!("e001-no-config", file = CONFIG_FILE, error = e.to_string()))
                    .hint(msg!("e001-no-config.hint", file = CONFIG_FILE)),
            );
            return None;
        }
    };
    let file = SourceFile::new(root, &path, text);
    diags.remember(&file);
    let mut config: Config = match crate::yaml::parse(&file, &file.text, 0, "E002", msg!("where-config"), FIELDS) {
        Ok(c) => c,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    if config.trusted_html {
        let d = match file.text.find("trusted_html:") {
            Some(i) => Diagnostic::warning("W012", msg!("w012-trusted-html")).at(&file, i..i + "trusted_html".len()),
            None => Diagnostic::warning("W012", msg!("w012-trusted-html")).in_file(&file),
        };
        diags.push(d.hint(msg!("w012-trusted-html.hint")));
    }
    let mut ok = true;
    if config.title.trim().is_empty() {
        diags.push(field_error(&file, "title", msg!("e003-no-title")));
        ok = false;
    }
    if !matches!(config.language.as_str(), "vi" | "en") {
        diags.push(field_error(&file, "language", msg!("e003-language")).hint(msg!("e003-language.hint")));
        ok = false;
    }
    if let Some(y) = &config.school_year {
        if !valid_school_year(y) {
            diags.push(
                field_error(&file, "school_year", msg!("e003-school-year", value = y))
                    .hint(msg!("e003-school-year.hint")),
            );
            ok = false;
        }
    }
    for h in &config.help {
        if h.tel().is_empty() {
            diags.push(field_error(&file, "phone", msg!("e003-phone", name = &h.name)).hint(msg!("e003-phone.hint")));
            ok = false;
        }
    }
    if let Some(p) = &config.help_page {
        if p.starts_with('/') || p.contains("://") || !p.ends_with(".html") {
            diags.push(
                field_error(&file, "help_page", msg!("e003-help-page", page = p)).hint(msg!("e003-help-page.hint")),
            );
            ok = false;
        }
    }
    match load_frameworks(root, &file, &config, diags) {
        Some(list) => config.framework_list = list,
        None => ok = false,
    }
    ok.then_some(config)
}

fn load_frameworks(
    root: &Path,
    config_file: &SourceFile,
    config: &Config,
    diags: &Diagnostics,
) -> Option<Vec<Framework>> {
    let list = match &config.frameworks {
        None => return Some(Vec::new()),
        Some(FrameworksSpec::Inline(list)) => list.clone(),
        Some(FrameworksSpec::File(rel)) => {
            let path = root.join(rel);
            let text = match std::fs::read_to_string(&path) {
                Ok(t) => nfc(&t),
                Err(e) => {
                    diags.push(
                        field_error(
                            config_file,
                            "frameworks",
                            msg!("e003-frameworks-file", file = rel.as_str(), error = e.to_string()),
                        )
                        .hint(msg!("e003-frameworks-file.hint")),
                    );
                    return None;
                }
            };
            let file = SourceFile::new(root, &path, text);
            diags.remember(&file);
            match crate::yaml::parse::<Vec<Framework>>(
                &file,
                &file.text,
                0,
                "E002",
                msg!("where-frameworks"),
                FRAMEWORK_FIELDS,
            ) {
                Ok(l) => l,
                Err(d) => {
                    diags.push(d);
                    return None;
                }
            }
        }
    };
    let mut seen = std::collections::HashSet::new();
    for c in list.iter().flat_map(|f| f.domains.iter().flat_map(|d| d.competences.iter())) {
        if !seen.insert(c.code.clone()) {
            diags.push(
                field_error(config_file, "frameworks", msg!("e003-competence-twice", code = &c.code))
                    .hint(msg!("e003-competence-twice.hint")),
            );
            return None;
        }
    }
    Some(list)
}

/// "2026-2027": two consecutive years.
pub fn valid_school_year(s: &str) -> bool {
    let mut parts = s.split('-');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(a), Some(b), None) => match (a.parse::<u32>(), b.parse::<u32>()) {
            (Ok(a), Ok(b)) => a >= 1900 && b == a + 1,
            _ => false,
        },
        _ => false,
    }
}

fn field_error(file: &SourceFile, field: &str, message: Text) -> Diagnostic {
    let needle = format!("{field}:");
    match file.text.find(&needle) {
        Some(i) => Diagnostic::error("E003", message).at(file, i..i + field.len()),
        None => Diagnostic::error("E003", message).in_file(file),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn school_years() {
        assert!(valid_school_year("2026-2027"));
        assert!(!valid_school_year("2026-2028"));
        assert!(!valid_school_year("2026"));
    }

    #[test]
    fn tel_keeps_digits() {
        let h = HelpLine { name: "x".into(), phone: "1800.599.963".into(), note: None, verified: false };
        assert_eq!(h.tel(), "1800599963");
    }

    #[test]
    fn help_lines_are_verified_unless_marked() {
        let lines: Vec<HelpLine> = serde_yaml::from_str(
            "- {name: a, phone: \"111\"}\n- {name: b, phone: \"1800.599.963\", verified: false}\n",
        )
        .expect("help lines");
        assert!(lines[0].verified);
        assert!(!lines[1].verified);
    }
}
