//! Answering one request: files of the output folder (and nothing else), the 404 page, and the
//! live-reload endpoints.
//!
//! Requests come from hyper ([`super::listen`]). File work (resolving a path, reading a page) is
//! blocking disk work, so it runs on tokio's bounded blocking pool; large files are streamed in
//! chunks, so a client that reads slowly holds one chunk, not the file, and no thread.

use std::convert::Infallible;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_core::Stream;
use http_body_util::{Either, Full};
use hyper::body::{Frame, SizeHint};
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS};
use tokio::io::AsyncReadExt;
use tokio_util::io::ReaderStream;

use super::live::{self, Live};

/// What the serving tasks share.
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

/// A response body: bytes in memory, or a file streamed from disk.
pub type Body = Either<Full<Bytes>, FileBody>;

/// Files up to this size are read whole; larger ones are streamed.
const READ_WHOLE: u64 = 256 * 1024;
/// One read of a streamed file, and so what a slow client holds in memory.
const CHUNK: usize = 64 * 1024;

pub async fn handle<B>(req: Request<B>, shared: Arc<Shared>) -> Result<Response<Body>, Infallible> {
    if shared.loopback && !host_allowed(&req) {
        return Ok(text(403, "This server only answers requests for localhost."));
    }
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        let mut resp = text(405, "Only GET and HEAD are supported.");
        resp.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return Ok(resp);
    }
    let path = req.uri().path().to_string();
    if let Some(name) = path.strip_prefix(live::PREFIX) {
        return Ok(live_endpoint(name, req.uri().query().unwrap_or(""), &shared).await);
    }
    // Disk work on the blocking pool: the few async threads keep answering other clients.
    let task = tokio::task::spawn_blocking(move || file_response(&shared, &path));
    Ok(task.await.unwrap_or_else(|_| text(500, "The server failed while reading that file.")))
}

fn file_response(shared: &Shared, path: &str) -> Response<Body> {
    match resolve(&shared.out_dir, path) {
        Resolved::File(file) => serve_file(&file, StatusCode::OK, shared),
        Resolved::Redirect(location) => {
            let mut resp = no_store(Response::new(empty()));
            *resp.status_mut() = StatusCode::MOVED_PERMANENTLY;
            if let Ok(v) = HeaderValue::from_str(&utf8_percent_encode(&location, LOCATION).to_string()) {
                resp.headers_mut().insert(header::LOCATION, v);
            }
            resp
        }
        Resolved::NotFound => not_found(shared),
        Resolved::Forbidden => text(403, "Forbidden: that path is outside the site."),
    }
}

/// What may not appear raw in a `Location` header: controls and spaces (non-ASCII always is encoded).
const LOCATION: &AsciiSet = &CONTROLS.add(b' ');

/// Maps a raw request path to a file of `root`. Anything that could name a file outside `root`
/// (`..` raw or percent-encoded, backslashes, NUL, symlinks leading out) is refused, and hidden
/// files (the build's manifest and marker) do not exist as far as clients can tell.
pub fn resolve(root: &Path, raw: &str) -> Resolved {
    let Some(decoded) = percent_decode_strict(raw) else {
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

/// Percent-decodes a path into UTF-8; `None` for a malformed escape or bytes that are not UTF-8.
/// The decoder alone is lenient (it keeps `%zz` as text): a path with a broken escape is refused
/// instead, as no link of the site produces one.
fn percent_decode_strict(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    for (i, _) in raw.match_indices('%') {
        let hex = bytes.get(i + 1..i + 3)?;
        if !hex.iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
    }
    percent_decode_str(raw).decode_utf8().ok().map(|s| s.into_owned())
}

/// Whether the request names this computer: a page of another site, whose name an attacker points
/// at 127.0.0.1 (DNS rebinding), must not read the preview.
fn host_allowed<B>(req: &Request<B>) -> bool {
    // An absolute request target (`GET http://host/ HTTP/1.1`) names the host too.
    if let Some(host) = req.uri().host() {
        if !local_name(host) {
            return false;
        }
    }
    let Some(host) = req.headers().get(header::HOST) else {
        return true; // HTTP/1.0 clients may omit it; they are not browsers running other sites' scripts
    };
    let Ok(host) = host.to_str() else { return false };
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(n, _)| n)
    };
    local_name(name)
}

fn local_name(name: &str) -> bool {
    let name = name.trim_start_matches('[').trim_end_matches(']');
    name.eq_ignore_ascii_case("localhost") || name == "::1" || name.starts_with("127.")
}

/// The `Content-Type` of a file. Text is always UTF-8 here (the engine writes nothing else), and
/// saying so spares browsers a guess.
pub fn content_type(path: &Path) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let essence = mime.essence_str();
    let text = mime.type_() == mime_guess::mime::TEXT
        || matches!(essence, "application/javascript" | "application/xml" | "image/svg+xml");
    if text && essence != "image/svg+xml" {
        format!("{essence}; charset=utf-8")
    } else {
        essence.to_string()
    }
}

fn serve_file(path: &Path, status: StatusCode, shared: &Shared) -> Response<Body> {
    let ctype = content_type(path);
    let Ok(mut file) = std::fs::File::open(path) else {
        return text(404, "Not found.");
    };
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if ctype.starts_with("text/html") || len <= READ_WHOLE {
        let mut bytes = Vec::with_capacity(len.min(READ_WHOLE) as usize);
        if file.read_to_end(&mut bytes).is_err() {
            return text(404, "Not found.");
        }
        if ctype.starts_with("text/html") {
            bytes = inject(bytes, shared.live.version());
        }
        return bytes_response(status, &ctype, bytes);
    }
    let body = FileBody::new(tokio::fs::File::from_std(file), len);
    let mut resp = no_store(Response::new(Either::Right(body)));
    *resp.status_mut() = status;
    set_type(&mut resp, &ctype);
    resp
}

/// The site's own 404 page; before any build succeeded, a page listing the errors.
fn not_found(shared: &Shared) -> Response<Body> {
    let page = shared.out_dir.join("404.html");
    if page.is_file() {
        return serve_file(&page, StatusCode::NOT_FOUND, shared);
    }
    let body = fallback_page(shared);
    bytes_response(
        StatusCode::SERVICE_UNAVAILABLE,
        "text/html; charset=utf-8",
        inject(body.into_bytes(), shared.live.version()),
    )
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
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
            escape(d.code),
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

async fn live_endpoint(name: &str, query: &str, shared: &Shared) -> Response<Body> {
    match name {
        "live.js" => bytes_response(StatusCode::OK, "text/javascript; charset=utf-8", live::SCRIPT.as_bytes().to_vec()),
        "live.css" => bytes_response(StatusCode::OK, "text/css; charset=utf-8", live::STYLE.as_bytes().to_vec()),
        "status" => json(shared.live.status_json()),
        "wait" => {
            let seen = query.split('&').find_map(|kv| kv.strip_prefix("v=")).and_then(|v| v.parse::<u64>().ok());
            json(shared.live.wait(seen).await)
        }
        _ => text(404, "Not found."),
    }
}

/// Pages change on every save: browsers must not keep old copies.
fn no_store<B>(mut resp: Response<B>) -> Response<B> {
    let h = resp.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    resp
}

fn set_type<B>(resp: &mut Response<B>, ctype: &str) {
    // Every type this server names is ASCII; a value that is not a valid header is left out.
    if let Ok(v) = HeaderValue::from_str(ctype) {
        resp.headers_mut().insert(header::CONTENT_TYPE, v);
    }
}

fn empty() -> Body {
    Either::Left(Full::new(Bytes::new()))
}

fn bytes_response(status: StatusCode, ctype: &str, body: Vec<u8>) -> Response<Body> {
    let mut resp = no_store(Response::new(Either::Left(Full::new(Bytes::from(body)))));
    *resp.status_mut() = status;
    set_type(&mut resp, ctype);
    resp
}

fn text(status: u16, text: &str) -> Response<Body> {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    bytes_response(status, "text/plain; charset=utf-8", text.as_bytes().to_vec())
}

fn json(json: String) -> Response<Body> {
    bytes_response(StatusCode::OK, "application/json", json.into_bytes())
}

/// A file sent in chunks of [`CHUNK`] as the client takes them, with its length announced.
pub struct FileBody {
    chunks: ReaderStream<tokio::io::Take<tokio::fs::File>>,
    /// Bytes still to send: a file cut short while it is sent ends the response early (hyper
    /// then closes the connection) rather than sending more than announced.
    remaining: u64,
}

impl FileBody {
    fn new(file: tokio::fs::File, len: u64) -> FileBody {
        FileBody { chunks: ReaderStream::with_capacity(file.take(len), CHUNK), remaining: len }
    }
}

impl hyper::body::Body for FileBody {
    type Data = Bytes;
    type Error = std::io::Error;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let this = self.get_mut();
        Pin::new(&mut this.chunks).poll_next(cx).map(|next| {
            next.map(|chunk| {
                chunk.map(|bytes| {
                    this.remaining = this.remaining.saturating_sub(bytes.len() as u64);
                    Frame::data(bytes)
                })
            })
        })
    }

    fn is_end_stream(&self) -> bool {
        self.remaining == 0
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.remaining)
    }
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
            "/%",
            "/a%2",
            "/%ff%fe",
            "secret.txt",
        ] {
            assert_eq!(resolve(&out, bad), Resolved::Forbidden, "{bad}");
        }
    }

    #[test]
    fn decodes_utf8_paths() {
        let tmp = site();
        let out = tmp.path().join("out");
        std::fs::write(out.join("tài liệu #3.pdf"), "pdf").unwrap();
        let want = Resolved::File(out.join("tài liệu #3.pdf").canonicalize().unwrap());
        assert_eq!(resolve(&out, "/t%C3%A0i%20li%E1%BB%87u%20%233.pdf"), want);
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
        assert_eq!(content_type(Path::new("i.html")), "text/html; charset=utf-8");
        assert_eq!(content_type(Path::new("s.css")), "text/css; charset=utf-8");
        assert_eq!(content_type(Path::new("q.js")), "text/javascript; charset=utf-8");
        assert_eq!(content_type(Path::new("s.json")), "application/json");
        assert_eq!(content_type(Path::new("p.pdf")), "application/pdf");
        assert_eq!(content_type(Path::new("a.png")), "image/png");
        assert_eq!(content_type(Path::new("v.mp4")), "video/mp4");
    }

    #[test]
    fn local_names() {
        let req = |host: &str| Request::builder().uri("/").header("Host", host).body(()).unwrap();
        assert!(host_allowed(&req("localhost:1111")));
        assert!(host_allowed(&req("LOCALHOST")));
        assert!(host_allowed(&req("127.0.0.1:1111")));
        assert!(host_allowed(&req("[::1]:1111")));
        assert!(!host_allowed(&req("attacker.example")));
        assert!(!host_allowed(&req("localhost.attacker.example:1111")));
        let absolute = Request::builder().uri("http://attacker.example/").header("Host", "localhost").body(()).unwrap();
        assert!(!host_allowed(&absolute));
        assert!(host_allowed(&Request::builder().uri("/").body(()).unwrap()));
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("<a href=\"x\">&</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
    }
}
