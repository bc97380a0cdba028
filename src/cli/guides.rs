//! The guides in docs/, built into the binary: someone who has only the `hoclieu` program still has
//! them (`hoclieu docs authoring`).

/// Name, what it is about, the English text, the Vietnamese text.
pub const GUIDES: &[(&str, &str, Option<&str>, Option<&str>)] = &[
    (
        "authoring",
        "writing lessons, quizzes, session plans / soạn bài",
        Some(include_str!("../../docs/authoring.md")),
        Some(include_str!("../../docs/vi/authoring.md")),
    ),
    (
        "diagnostics",
        "every error and warning code, its cause and fix / mọi mã lỗi",
        Some(include_str!("../../docs/diagnostics.md")),
        Some(include_str!("../../docs/vi/diagnostics.md")),
    ),
    (
        "deploy",
        "publishing: web hosts, GitHub Pages, a USB stick, a zip / đăng trang",
        Some(include_str!("../../docs/deploy.md")),
        Some(include_str!("../../docs/vi/deploy.md")),
    ),
    (
        "editors",
        "VS Code: errors on save, JSON Schemas / soạn bài bằng VS Code",
        Some(include_str!("../../docs/editors.md")),
        Some(include_str!("../../docs/vi/editors.md")),
    ),
    ("theme", "templates, and changing the look", Some(include_str!("../../docs/theme.md")), None),
];

/// The guide `name` in `lang` (`vi` or `en`), or in the other language when it has only that one.
pub fn guide(name: &str, lang: &str) -> Option<&'static str> {
    let (_, _, en, vi) = GUIDES.iter().find(|g| g.0 == name.trim().trim_end_matches(".md"))?;
    if lang == "vi" {
        vi.or(*en)
    } else {
        en.or(*vi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_guide_has_a_text_and_falls_back() {
        for (name, _, en, vi) in GUIDES {
            assert!(en.is_some() || vi.is_some(), "{name}");
            assert!(guide(name, "vi").is_some_and(|t| t.starts_with('#')), "{name}");
            assert!(guide(name, "en").is_some_and(|t| t.starts_with('#')), "{name}");
        }
        assert_eq!(guide("authoring.md", "en"), guide("authoring", "en"));
        assert!(guide("nothing", "en").is_none());
    }
}
