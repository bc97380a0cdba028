//! Answering one request: files of the output folder (and nothing else), the 404 page, and the
//! live-reload endpoints.

use std::fs::File;
use std::io::Cursor;
use std::path::{Component, Path, PathBuf};

use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::live::{self, Live};
use crate::text::escape;

/// What the serving threads share.
pub struct Shared {
    /// The private output folder the builds write.
    pub out_dir: PathBuf,
    pub live: Live,
    /// Bound to loopback: only `localhost` Host headers are accepted (no DNS rebinding).
    pub loopback: bool,
}

/// Where a request path leads inside the output folder.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    File(PathBuf),
    /// A folder asked for without its trailing slash: relative links need the slash.
    Redirect(String),
    NotFound,
    /// An attempt to leave the output folder.
    Forbidden,
}

pub fn handle(req: Request, shared: &Shared) {
    if shared.loopback && !host_allowed(&req) {
        return respond_text(req, 403, "This server only answers requests for localhost.");
    }
    if !matches!(req.method(), Method::Get | Method::Head) {
        return respond_text(req, 405, "Only GET and HEAD are supported.");
    }
    let url = req.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    if let Some(name) = path.strip_prefix(live::PREFIX) {
        return live_endpoint(req, name, query, shared);
    }
    match resolve(&shared.out_dir, path) {
        Resolved::File(file) => serve_file(req, &file, 200, shared),
        Resolved::Redirect(location) => {
            send(req, no_store(with(Response::empty(301), "Location", &encode_location(&location))));
        }
        Resolved::NotFound => not_found(req, shared),
        Resolved::Forbidden => respond_text(req, 403, "Forbidden: that path is outside the site."),
    }
}

/// Maps a raw request path to a file of `root`. Anything that could name a file outside `root`
/// (`..` raw or percent-encoded, backslashes, NUL, symlinks leading out) is refused, and hidden
/// files (the build's manifest and marker) do not exist as far as clients can tell.
pub fn resolve(root: &Path, raw: &str) -> Resolved {
    let Some(decoded) = percent_decode(raw).and_then(|b| String::from_utf8(b).ok()) else {
        return Resolved::Forbidden;
    };
    if !decoded.starts_with('/') || decoded.contains(['\\', '\0']) {
        return Resolved::Forbidden;
    }
    let mut rel = PathBuf::new();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment == "." || segment == ".." {
            return Resolved::Forbidden;
        }
        // One plain name per segment: no drive letters or roots on any system.
        let mut parts = Path::new(segment).components();
        if !matches!((parts.next(), parts.next()), (Some(Component::Normal(_)), None)) {
            return Resolved::Forbidden;
        }
        if segment.starts_with('.') {
            return Resolved::NotFound;
        }
        rel.push(segment);
    }
    let mut path = root.join(&rel);
    if path.is_dir() {
        if !decoded.ends_with('/') {
            return Resolved::Redirect(format!("{raw}/"));
        }
        path.push("index.html");
    }
    // Symlinks are followed, then the real path must still be inside the real output folder.
    let (Ok(real), Ok(real_root)) = (path.canonicalize(), root.canonicalize()) else {
        return Resolved::NotFound;
    };
    if !real.starts_with(&real_root) {
        return Resolved::Forbidden;
    }
    if real.is_file() {
        Resolved::File(real)
    } else {
        Resolved::NotFound
    }
}

/// `%XX` → byte; `None` for a malformed escape.
fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            if !hex.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            out.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

fn host_allowed(req: &Request) -> bool {
    let Some(host) = req.headers().iter().find(|h| h.field.equiv("Host")) else {
        return true; // HTTP/1.0 clients may omit it; they are not browsers running other sites' scripts
    };
    let host = host.value.as_str();
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(n, _)| n)
    };
    name.eq_ignore_ascii_case("localhost") || name == "::1" || name.starts_with("127.")
}

pub fn content_type(path: &Path) -> &'static str {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "mp3" => "audio/mpeg",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        _ => "application/octet-stream",
    }
}

fn serve_file(req: Request, path: &Path, status: u16, shared: &Shared) {
    let ctype = content_type(path);
    if ctype.starts_with("text/html") {
        return match std::fs::read(path) {
            Ok(bytes) => respond(req, status, ctype, inject(bytes, shared.live.version())),
            Err(_) => respond_text(req, 404, "Not found."),
        };
    }
    match File::open(path) {
        Ok(f) => {
            send(req, no_store(with(Response::from_file(f).with_status_code(status), "Content-Type", ctype)));
        }
        Err(_) => respond_text(req, 404, "Not found."),
    }
}

/// The site's own 404 page; before any build succeeded, a page listing the errors.
fn not_found(req: Request, shared: &Shared) {
    let page = shared.out_dir.join("404.html");
    if page.is_file() {
        return serve_file(req, &page, 404, shared);
    }
    let body = fallback_page(shared);
    respond(req, 503, "text/html; charset=utf-8", inject(body.into_bytes(), shared.live.version()))
}

/// Shown until the first good build: the errors, readable without JavaScript too.
fn fallback_page(shared: &Shared) -> String {
    let mut items = String::new();
    for d in shared.live.errors() {
        let place = if d.line > 0 { format!("{}:{}:{}", d.file, d.line, d.column) } else { d.file.clone() };
        let hint = d.hint.as_deref().map(|h| format!("<br>Gợi ý / hint: {}", escape(h))).unwrap_or_default();
        items.push_str(&format!(
            "<li><code>{}</code> [{}] {}{hint}</li>\n",
            escape(&place),
            d.code,
            escape(&d.message)
        ));
    }
    let state = if shared.live.failing() {
        "Nội dung đang có lỗi, nên trang chưa dựng được."
    } else {
        "Trang đang được dựng…"
    };
    format!(
        "<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<title>hoclieu serve</title>\n<link rel=\"stylesheet\" href=\"{p}live.css\">\n</head>\n<body class=\"hoclieu-fallback\">\n<main>\n<h1>hoclieu serve</h1>\n\
<p>{state} Sửa các lỗi dưới đây rồi lưu tệp: trang sẽ tự tải lại.</p>\n<p lang=\"en\">The site cannot be built yet. Fix the errors below and save: this page reloads by itself.</p>\n\
<ol>\n{items}</ol>\n</main>\n</body>\n</html>\n",
        p = live::PREFIX
    )
}

/// Adds the live-reload script before the last `</body>` (or at the end). The script is a file of
/// this server, so the pages' `script-src 'self'` policy allows it.
pub fn inject(mut html: Vec<u8>, version: u64) -> Vec<u8> {
    let tag = format!("<script src=\"{}live.js?v={version}\" defer></script>\n", live::PREFIX);
    let at = html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")).unwrap_or(html.len());
    html.splice(at..at, tag.into_bytes());
    html
}

fn live_endpoint(req: Request, name: &str, query: &str, shared: &Shared) {
    match name {
        "live.js" => respond(req, 200, "text/javascript; charset=utf-8", live::SCRIPT.as_bytes().to_vec()),
        "live.css" => respond(req, 200, "text/css; charset=utf-8", live::STYLE.as_bytes().to_vec()),
        "status" => respond_json(req, &shared.live.status_json()),
        "wait" => {
            let seen = query.split('&').find_map(|kv| kv.strip_prefix("v=")).and_then(|v| v.parse::<u64>().ok());
            shared.live.wait(req, seen);
        }
        _ => respond_text(req, 404, "Not found."),
    }
}

/// Adds a header; a value that is not a valid header is left out rather than failing the response.
fn with<R: std::io::Read>(resp: Response<R>, name: &str, value: &str) -> Response<R> {
    match Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        Ok(h) => resp.with_header(h),
        Err(()) => resp,
    }
}

/// Percent-encodes what may not appear in a header value (non-ASCII, controls, spaces).
fn encode_location(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_graphic() {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Pages change on every save: browsers must not keep old copies.
fn no_store<R: std::io::Read>(resp: Response<R>) -> Response<R> {
    with(with(resp, "Cache-Control", "no-store"), "X-Content-Type-Options", "nosniff")
}

fn send<R: std::io::Read>(req: Request, resp: Response<R>) {
    // The client may have gone away (a closed tab); there is no one left to tell.
    let _ = req.respond(resp);
}

pub fn respond(req: Request, status: u16, ctype: &str, body: Vec<u8>) {
    let resp: Response<Cursor<Vec<u8>>> = Response::from_data(body).with_status_code(StatusCode(status));
    send(req, no_store(with(resp, "Content-Type", ctype)));
}

pub fn respond_text(req: Request, status: u16, text: &str) {
    respond(req, status, "text/plain; charset=utf-8", text.as_bytes().to_vec());
}

pub fn respond_json(req: Request, json: &str) {
    respond(req, 200, "application/json", json.as_bytes().to_vec());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("out/tieu-hoc")).unwrap();
        std::fs::write(tmp.path().join("out/index.html"), "home").unwrap();
        std::fs::write(tmp.path().join("out/tieu-hoc/index.html"), "level").unwrap();
        std::fs::write(tmp.path().join("out/.hoclieu-manifest"), "x").unwrap();
        std::fs::write(tmp.path().join("secret.txt"), "secret").unwrap();
        tmp
    }

    #[test]
    fn resolves_inside_only() {
        let tmp = site();
        let out = tmp.path().join("out");
        let real = |p: &str| Resolved::File(out.join(p).canonicalize().unwrap());
        assert_eq!(resolve(&out, "/"), real("index.html"));
        assert_eq!(resolve(&out, "/tieu-hoc/"), real("tieu-hoc/index.html"));
        assert_eq!(resolve(&out, "/tieu-hoc%2F"), real("tieu-hoc/index.html"));
        assert_eq!(resolve(&out, "/tieu-hoc"), Resolved::Redirect("/tieu-hoc/".into()));
        assert_eq!(resolve(&out, "/missing.html"), Resolved::NotFound);
        assert_eq!(resolve(&out, "/.hoclieu-manifest"), Resolved::NotFound);
        for bad in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/..%2fsecret.txt",
            "/tieu-hoc/..%5c..%5csecret.txt",
            "/..\\secret.txt",
            "/index.html%00",
            "/%zz",
            "secret.txt",
        ] {
            assert_eq!(resolve(&out, bad), Resolved::Forbidden, "{bad}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_out_are_refused() {
        let tmp = site();
        let out = tmp.path().join("out");
        std::os::unix::fs::symlink(tmp.path().join("secret.txt"), out.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(tmp.path(), out.join("up")).unwrap();
        assert_eq!(resolve(&out, "/leak.txt"), Resolved::Forbidden);
        assert_eq!(resolve(&out, "/up/secret.txt"), Resolved::Forbidden);
    }

    #[test]
    fn injects_before_the_last_body_end() {
        let html = inject(b"<body><p>x</p></BODY></html>".to_vec(), 3);
        let html = String::from_utf8(html).unwrap();
        assert_eq!(html, "<body><p>x</p><script src=\"/__hoclieu/live.js?v=3\" defer></script>\n</BODY></html>");
        let bare = String::from_utf8(inject(b"<p>x</p>".to_vec(), 1)).unwrap();
        assert!(bare.ends_with("defer></script>\n"));
    }

    #[test]
    fn types() {
        assert_eq!(content_type(Path::new("a/b.SVG")), "image/svg+xml");
        assert_eq!(content_type(Path::new("f.woff2")), "font/woff2");
        assert_eq!(content_type(Path::new("x")), "application/octet-stream");
    }
}
