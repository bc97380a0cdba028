//! `hoclieu serve` over loopback: live rebuilds, the error overlay's data, path safety, 404s and
//! a bounded load. Every server binds port 0, so these tests run in parallel.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use hoclieu::scaffold::{self, InitOptions};
use hoclieu::serve::{self, ServeOptions, Server};

const LESSON: &str = "content/tieu-hoc/thong-tin-rieng-tu.md";
const LESSON_URL: &str = "/tieu-hoc/thong-tin-rieng-tu/index.html";
/// In hoclieu.yaml and nowhere in the built site: seeing it means a file outside the output leaked.
const CONFIG_ONLY: &str = "base_url: https://truong-em";

struct Reply {
    status: u16,
    headers: String,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

/// A minimal HTTP/1.1 client: one request per connection, read until the server closes it.
fn request(addr: SocketAddr, raw: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    stream.write_all(raw.as_bytes()).unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).expect("read the reply");
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    Reply { status, headers: head.to_string(), body: body.to_string() }
}

fn get(addr: SocketAddr, path: &str) -> Reply {
    request(addr, &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n", addr.port()))
}

fn status(addr: SocketAddr) -> serde_json::Value {
    serde_json::from_str(&get(addr, "/__hoclieu/status").body).expect("status is JSON")
}

/// Polls `f` until it holds, for at most 10 s.
fn eventually(what: &str, mut f: impl FnMut() -> bool) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if f() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("timed out waiting for {what}");
}

fn site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    scaffold::init(&InitOptions { dir: root.clone(), force: false, title: None }).unwrap();
    let config = root.join("hoclieu.yaml");
    let text = std::fs::read_to_string(&config).unwrap().replace("# base_url: https://truong-em", CONFIG_ONLY);
    std::fs::write(config, text).unwrap();
    (tmp, root)
}

fn start(root: &Path) -> Server {
    let opts =
        ServeOptions { root: root.to_path_buf(), bind: [127, 0, 0, 1].into(), port: 0, drafts: false, log: false };
    serve::start(opts).expect("the server starts")
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} contains {from:?}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn serves_the_site_with_the_live_script() {
    let (_tmp, root) = site();
    let server = start(&root);
    let addr = server.addr();

    let home = get(addr, "/");
    assert_eq!(home.status, 200);
    assert_eq!(home.header("Content-Type"), Some("text/html; charset=utf-8"));
    assert_eq!(home.header("Cache-Control"), Some("no-store"));
    let script = home.body.find("<script src=\"/__hoclieu/live.js?v=").expect("live script injected");
    assert!(script < home.body.rfind("</body>").unwrap(), "before </body>");

    assert_eq!(get(addr, "/tieu-hoc/").status, 200);
    let folder = get(addr, "/tieu-hoc");
    assert_eq!((folder.status, folder.header("Location")), (301, Some("/tieu-hoc/")));
    let css = get(addr, "/assets/style.css");
    assert_eq!((css.status, css.header("Content-Type")), (200, Some("text/css; charset=utf-8")));
    assert!(!css.body.contains("__hoclieu"), "only HTML gets the script");
    let js = get(addr, "/__hoclieu/live.js");
    assert_eq!((js.status, js.header("Content-Type")), (200, Some("text/javascript; charset=utf-8")));
    assert!(js.body.contains("textContent") && !js.body.contains("innerHTML"));
    assert_eq!(get(addr, "/__hoclieu/live.css").status, 200);
    let head =
        request(addr, &format!("HEAD / HTTP/1.1\r\nHost: localhost:{}\r\nConnection: close\r\n\r\n", addr.port()));
    assert_eq!((head.status, head.body.as_str()), (200, ""));
    let post = request(
        addr,
        &format!(
            "POST / HTTP/1.1\r\nHost: localhost:{}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            addr.port()
        ),
    );
    assert_eq!(post.status, 405);
    server.stop();
}

#[test]
fn a_saved_change_shows_up_in_the_served_page() {
    let (_tmp, root) = site();
    let server = start(&root);
    let addr = server.addr();
    let before = status(addr)["version"].as_u64().unwrap();
    // A long poll parked on the current version returns when the rebuild lands.
    let poll = std::thread::spawn(move || get(addr, &format!("/__hoclieu/wait?v={before}")));
    std::thread::sleep(Duration::from_millis(200));
    edit(&root, LESSON, "title: Thông tin riêng tư của em", "title: Bí mật của em");
    eventually("the new title", || get(addr, LESSON_URL).body.contains("Bí mật của em"));
    let woke: serde_json::Value = serde_json::from_str(&poll.join().unwrap().body).unwrap();
    assert!(woke["version"].as_u64().unwrap() > before);
    assert_eq!(woke["ok"], true);
    server.stop();
}

#[test]
fn a_bad_save_reports_errors_and_keeps_the_last_good_page() {
    let (_tmp, root) = site();
    let server = start(&root);
    let addr = server.addr();
    edit(&root, LESSON, "duration: 35", "duration: ba mươi lăm");
    eventually("a failed build", || status(addr)["ok"] == false);
    let s = status(addr);
    let errors = s["errors"].as_array().unwrap();
    let e = errors.iter().find(|e| e["file"] == LESSON).expect("an error in the lesson");
    assert_eq!(e["severity"], "error");
    assert_eq!(e["line"], 9, "{e}");
    assert!(e["column"].as_u64().unwrap() > 0);
    assert!(e["message"].as_str().unwrap().contains("duration"));
    assert!(e["hint"].as_str().is_some());

    let page = get(addr, LESSON_URL);
    assert_eq!(page.status, 200, "the last good page is still served");
    assert!(page.body.contains("Thông tin riêng tư của em"));

    // The next good save clears the errors and tells waiting pages to reload.
    let v = s["version"].as_u64().unwrap();
    let poll = std::thread::spawn(move || get(addr, &format!("/__hoclieu/wait?v={v}")));
    edit(&root, LESSON, "duration: ba mươi lăm", "duration: 40");
    let woke: serde_json::Value = serde_json::from_str(&poll.join().unwrap().body).unwrap();
    assert_eq!(woke["ok"], true);
    assert_eq!(woke["errors"].as_array().unwrap().len(), 0);
    server.stop();
}

#[test]
fn a_site_that_never_built_lists_its_errors() {
    let (_tmp, root) = site();
    edit(&root, "content/tieu-hoc/_index.md", "order: 2", "order: hai");
    let server = start(&root);
    let addr = server.addr();
    let home = get(addr, "/");
    assert_eq!(home.status, 503);
    assert!(home.body.contains("content/tieu-hoc/_index.md:"), "{}", home.body);
    assert!(home.body.contains("/__hoclieu/live.js"));
    edit(&root, "content/tieu-hoc/_index.md", "order: hai", "order: 2");
    eventually("the first good build", || get(addr, "/").status == 200);
    server.stop();
}

#[test]
fn paths_outside_the_output_are_never_served() {
    let (_tmp, root) = site();
    let server = start(&root);
    let addr = server.addr();
    let mut attempts = vec![
        "/../hoclieu.yaml",
        "/%2e%2e/hoclieu.yaml",
        "/%2E%2E/hoclieu.yaml",
        "/..%2fhoclieu.yaml",
        "/..%2Fhoclieu.yaml",
        "/tieu-hoc/../../hoclieu.yaml",
        "/tieu-hoc/%2e%2e/%2e%2e/hoclieu.yaml",
        "/..\\..\\hoclieu.yaml",
        "/%5c..%5c..%5choclieu.yaml",
        "/index.html%00.yaml",
        "/../../../../../../etc/passwd",
        "/.hoclieu-manifest",
        "/.hoclieu-output",
    ];
    #[cfg(unix)]
    {
        let out = server.output_dir();
        std::os::unix::fs::symlink(root.join("hoclieu.yaml"), out.join("leak.yaml")).unwrap();
        std::os::unix::fs::symlink(&root, out.join("site-root")).unwrap();
        attempts.extend(["/leak.yaml", "/site-root/hoclieu.yaml"]);
    }
    for path in attempts {
        let reply = get(addr, path);
        assert!(matches!(reply.status, 400 | 403 | 404), "{path}: {}", reply.status);
        assert!(!reply.body.contains(CONFIG_ONLY) && !reply.body.contains("root:x:0"), "{path} leaked a file");
    }
    server.stop();
}

#[test]
fn a_missing_page_gets_the_sites_404_page() {
    let (_tmp, root) = site();
    let server = start(&root);
    let page = std::fs::read_to_string(server.output_dir().join("404.html")).unwrap();
    let title = &page[page.find("<title>").unwrap()..page.find("</title>").unwrap()];
    let reply = get(server.addr(), "/khong-co-trang-nay.html");
    assert_eq!(reply.status, 404);
    assert!(reply.body.contains(title), "the site's 404 page");
    assert!(reply.body.contains("/__hoclieu/live.js"));
    assert_eq!(get(server.addr(), "/tieu-hoc/khong-co/").status, 404);
    server.stop();
}

#[test]
fn other_hosts_are_refused_on_loopback() {
    let (_tmp, root) = site();
    let server = start(&root);
    let addr = server.addr();
    let reply = request(addr, "GET / HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n");
    assert_eq!(reply.status, 403);
    let reply =
        request(addr, &format!("GET / HTTP/1.1\r\nHost: localhost:{}\r\nConnection: close\r\n\r\n", addr.port()));
    assert_eq!(reply.status, 200);
    server.stop();
}

#[test]
fn a_burst_of_saves_is_one_rebuild() {
    let (_tmp, root) = site();
    let server = start(&root);
    let addr = server.addr();
    let builds = status(addr)["builds"].as_u64().unwrap();
    edit(&root, LESSON, "title: Thông tin riêng tư của em", "title: Lần lưu 0");
    for i in 0..9 {
        edit(&root, LESSON, &format!("title: Lần lưu {i}"), &format!("title: Lần lưu {}", i + 1));
    }
    eventually("the last save", || get(addr, LESSON_URL).body.contains("Lần lưu 9"));
    std::thread::sleep(Duration::from_millis(600));
    let after = status(addr)["builds"].as_u64().unwrap();
    // One rebuild for the burst; a second only if the burst straddled the start of the first.
    assert!((builds + 1..=builds + 2).contains(&after), "{builds} → {after} builds");
    server.stop();
}

#[test]
fn keeps_serving_under_a_bounded_load() {
    let (_tmp, root) = site();
    let server = start(&root);
    let addr = server.addr();
    let paths = ["/", LESSON_URL, "/assets/style.css", "/tieu-hoc/", "/khong-co.html", "/__hoclieu/status"];
    let threads: Vec<_> = (0..8)
        .map(|t| {
            std::thread::spawn(move || {
                (0..50)
                    .map(|i| {
                        let path = paths[(t + i) % paths.len()];
                        let expected = if path == "/khong-co.html" { 404 } else { 200 };
                        u32::from(get(addr, path).status == expected)
                    })
                    .sum::<u32>()
            })
        })
        .collect();
    let ok: u32 = threads.into_iter().map(|t| t.join().unwrap()).sum();
    assert_eq!(ok, 400);
    assert_eq!(get(addr, "/").status, 200);
    server.stop();
}

#[test]
fn the_command_prints_its_address_and_serves() {
    let (_tmp, root) = site();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_hoclieu"))
        .args(["serve", "--port", "0", "--root"])
        .arg(&root)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut seen = String::new();
    let url = loop {
        let mut line = String::new();
        if std::io::BufRead::read_line(&mut stderr, &mut line).unwrap_or(0) == 0 {
            let _ = child.kill();
            panic!("no address printed:\n{seen}");
        }
        seen.push_str(&line);
        if let Some(i) = line.find("http://") {
            break line[i..].split_whitespace().next().unwrap().to_string();
        }
    };
    assert!(seen.contains("Built "), "{seen}");
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let addr: SocketAddr = url.trim_start_matches("http://").trim_end_matches('/').parse().unwrap();
    let reply = get(addr, "/");
    child.kill().unwrap();
    let _ = child.wait();
    assert_eq!(reply.status, 200);
}
