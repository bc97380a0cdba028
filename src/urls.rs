//! Every URL and output path of a built site, in one place: the table "What is built where" of
//! docs/theme.md is this module. Paths are relative to the output folder and `/`-separated; a link
//! between two pages is made relative with [`relative`], so the site works under any sub-path and
//! from `file://`. Nothing here reads the model: callers pass the slugs and URLs they have.

/// The home page.
pub const HOME: &str = "index.html";
/// The page servers send for a missing path (any depth: see docs/theme.md).
pub const NOT_FOUND: &str = "404.html";
pub const SITEMAP: &str = "sitemap.xml";
/// The teachers' index, the whole year's booklet and the competence-coverage matrix.
pub const TEACHERS: &str = "giao-vien/index.html";
pub const BOOKLET: &str = "giao-vien/chuong-trinh.html";
pub const COVERAGE: &str = "giao-vien/nang-luc.html";
/// The parents' index; each level's parents' page is [`parents`].
pub const PARENTS: &str = "cha-me/index.html";
pub const SEARCH: &str = "tim-kiem/index.html";
pub const SEARCH_INDEX: &str = "assets/search-index.js";

/// Top-level names the site's own pages use: a level or page may not take one of them.
pub const RESERVED: &[&str] = &["assets", "tim-kiem", "giao-vien", "cha-me", "404", "sitemap"];

/// A top-level page (`content/<slug>.md`).
pub fn page(slug: &str) -> String {
    format!("{slug}/index.html")
}

/// A level's page (`content/<level>/_index.md`).
pub fn level(level: &str) -> String {
    format!("{level}/index.html")
}

/// A lesson, session plan or material of a level (`content/<level>/<slug>.md`).
pub fn in_level(level: &str, slug: &str) -> String {
    format!("{level}/{slug}/index.html")
}

/// The students' page of a session plan whose own page is `session_url`.
pub fn session_student(session_url: &str) -> String {
    format!("{}hoc-sinh.html", folder(session_url))
}

/// A level's parents' page, which gathers its lessons' `parents` blocks.
pub fn parents(level: &str) -> String {
    format!("cha-me/{level}.html")
}

/// The id prefix of a lesson's blocks on its level's parents' page (several lessons share the page).
pub fn parents_id_prefix(lesson_slug: &str) -> String {
    format!("{lesson_slug}-")
}

/// The worksheet (or, with `key`, the answer key) of quiz `q` (0-based) of the lesson at `lesson_url`.
pub fn quiz_page(lesson_url: &str, q: usize, key: bool) -> String {
    let name = if key { "dap-an" } else { "phieu" };
    format!("{}{name}-{}.html", folder(lesson_url), q + 1)
}

/// The key a page's quiz results are stored under in the browser (quiz `n` of the page is `<key>#<n>`):
/// `thcs/mat-khau/index.html` → `thcs/mat-khau`, `thcs/buoi/hoc-sinh.html` → `thcs/buoi/hoc-sinh`.
/// Changing it would make children's saved results unreachable.
pub fn quiz_key(page_url: &str) -> &str {
    match page_url.strip_suffix("index.html") {
        Some(folder) => folder.trim_end_matches('/'),
        None => page_url.trim_end_matches(".html"),
    }
}

/// A site's own stylesheet: `static/custom.css`, copied to the output's root like every static file, and
/// linked by every page after the theme's, so a school changes the look without copying a template.
pub const CUSTOM_CSS: &str = "custom.css";

/// A theme asset, by its name under the theme's `static/`.
pub fn asset(name: &str) -> String {
    format!("assets/{name}")
}

/// What a file's path must not hold as it is in a URL's path: `#` and `?` would start the fragment or the
/// query (`tai lieu #3.pdf`), `%` would start an escape, and the rest are not allowed raw. `/` stays.
const NOT_IN_A_PATH: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Where the links of the root's 404.html start from: servers send that page for a missing path at any
/// depth, so its links cannot be relative. The path of `base_url` ("https://x.org/hoc/" → "/hoc/"), else
/// "/"; the page's own script corrects it when opened from a disk or under an unannounced sub-path
/// (docs/theme.md, "The 404 page").
pub fn not_found_root(base_url: Option<&str>) -> String {
    let url = base_url.unwrap_or("").trim();
    let path = match url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |i| &rest[i..]),
        None => url,
    };
    let path = path.split(['?', '#']).next().unwrap_or("").trim_matches('/');
    if path.is_empty() {
        "/".to_string()
    } else {
        format!("/{path}/")
    }
}

/// A site-relative file path (as on disk) as a URL path: every character a URL path cannot hold as it
/// is becomes `%XX` (non-ASCII letters too, as UTF-8).
pub fn encode_path(path: &str) -> String {
    percent_encoding::utf8_percent_encode(path, NOT_IN_A_PATH).to_string()
}

/// The folder of a page, with its trailing `/` (`""` at the root).
fn folder(url: &str) -> &str {
    url.rsplit_once('/').map_or("", |(dir, _)| &url[..dir.len() + 1])
}

/// `to` as a link from the page at `from` (both root-relative).
pub fn relative(from: &str, to: &str) -> String {
    let mut s = root_prefix(from);
    s.push_str(to);
    s
}

/// The `../` prefix from a page to the site root.
pub fn root_prefix(page_url: &str) -> String {
    "../".repeat(page_url.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_output_table() {
        assert_eq!(page("tro-giup"), "tro-giup/index.html");
        assert_eq!(level("thcs"), "thcs/index.html");
        assert_eq!(in_level("thcs", "mat-khau"), "thcs/mat-khau/index.html");
        assert_eq!(session_student("thcs/buoi/index.html"), "thcs/buoi/hoc-sinh.html");
        assert_eq!(parents("thcs"), "cha-me/thcs.html");
        assert_eq!(quiz_page("thcs/mat-khau/index.html", 0, false), "thcs/mat-khau/phieu-1.html");
        assert_eq!(quiz_page("thcs/mat-khau/index.html", 1, true), "thcs/mat-khau/dap-an-2.html");
        assert_eq!(quiz_key("thcs/mat-khau/index.html"), "thcs/mat-khau");
        assert_eq!(quiz_key(HOME), "");
        assert_eq!(quiz_key("thcs/buoi/hoc-sinh.html"), "thcs/buoi/hoc-sinh");
    }

    #[test]
    fn file_paths_become_url_paths() {
        assert_eq!(encode_path("tai-lieu/tai lieu #3.pdf"), "tai-lieu/tai%20lieu%20%233.pdf");
        assert_eq!(encode_path("a?b%c.pdf"), "a%3Fb%25c.pdf");
        assert_eq!(encode_path("hình/ảnh.png"), "h%C3%ACnh/%E1%BA%A3nh.png");
        assert_eq!(encode_path("thcs/mat-khau/index.html"), "thcs/mat-khau/index.html");
    }

    #[test]
    fn relative_urls() {
        assert_eq!(relative(HOME, "thcs/index.html"), "thcs/index.html");
        assert_eq!(relative("thcs/a/index.html", "tieu-hoc/b/index.html"), "../../tieu-hoc/b/index.html");
        assert_eq!(root_prefix("thcs/index.html"), "../");
    }
}
