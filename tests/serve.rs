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
        .args(["serve", "--lang=en", "--port", "0", "--root"])
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

/// Writes a copy of the lesson under another name and `order`, so that it can go without breaking
/// the session plan, which names the first lesson only.
fn extra_lesson(root: &Path, slug: &str) {
    let text = std::fs::read_to_string(root.join(LESSON))
        .unwrap()
        .replacen("title: Thông tin riêng tư của em", "title: Bài thêm", 1)
        .replacen("order: 1", "order: 2", 1);
    std::fs::write(root.join(format!("content/tieu-hoc/{slug}.md")), text).unwrap();
}

/// Parks a long poll on the current version and returns it with the version.
fn park(addr: SocketAddr) -> (u64, std::thread::JoinHandle<Reply>) {
    let v = status(addr)["version"].as_u64().unwrap();
    let poll = std::thread::spawn(move || get(addr, &format!("/__hoclieu/wait?v={v}")));
    // Long enough for the request to reach the server and wait there.
    std::thread::sleep(Duration::from_millis(150));
    (v, poll)
}

fn woke_after(v: u64, poll: std::thread::JoinHandle<Reply>) -> serde_json::Value {
    let woke: serde_json::Value = serde_json::from_str(&poll.join().unwrap().body).unwrap();
    assert!(woke["version"].as_u64().unwrap() > v, "open pages are told: {woke}");
    assert_eq!(woke["ok"], true, "{woke}");
    woke
}

/// The order matters: full builds take turns between two folders, and a build used to count only
/// the files that differ from the build before last. Creating a lesson and deleting it again made
/// that build "0 files changed", and no page reloaded; the same for putting it back.
#[test]
fn deleting_or_renaming_a_lesson_reloads_open_pages() {
    let (_tmp, root) = site();
    let server = start(&root);
    let addr = server.addr();
    let (v, poll) = park(addr);
    extra_lesson(&root, "bai-them");
    woke_after(v, poll);
    assert_eq!(get(addr, "/tieu-hoc/bai-them/").status, 200);

    let (v, poll) = park(addr);
    std::fs::remove_file(root.join("content/tieu-hoc/bai-them.md")).unwrap();
    woke_after(v, poll);
    assert_eq!(get(addr, "/tieu-hoc/bai-them/").status, 404);
    assert!(!get(addr, "/tieu-hoc/").body.contains("Bài thêm"), "the level page no longer lists it");

    let (v, poll) = park(addr);
    extra_lesson(&root, "bai-them");
    woke_after(v, poll);
    assert_eq!(get(addr, "/tieu-hoc/bai-them/").status, 200, "put back");

    let (v, poll) = park(addr);
    std::fs::rename(root.join("content/tieu-hoc/bai-them.md"), root.join("content/tieu-hoc/bai-doi-ten.md")).unwrap();
    woke_after(v, poll);
    assert_eq!(get(addr, "/tieu-hoc/bai-them/").status, 404);
    assert_eq!(get(addr, "/tieu-hoc/bai-doi-ten/").status, 200);
    server.stop();
}

#[test]
fn a_save_that_changes_nothing_served_reloads_nothing() {
    let (_tmp, root) = site();
    let server = start(&root);
    let addr = server.addr();
    let before = status(addr);
    // Saved as it was (an editor's "save" with no edit): a rebuild, and no reload.
    let config = root.join("hoclieu.yaml");
    std::fs::write(&config, std::fs::read(&config).unwrap()).unwrap();
    let builds = before["builds"].as_u64().unwrap();
    eventually("the rebuild", || status(addr)["builds"].as_u64().unwrap() > builds);
    assert_eq!(status(addr)["version"], before["version"]);
    server.stop();
}

/// Save → the long poll answered, as a page sees it: the median stays well under what a person
/// notices. The figures for the release build are in docs/reliability.md.
#[test]
fn saves_reach_open_pages_quickly() {
    let (_tmp, root) = site();
    let server = start(&root);
    let addr = server.addr();
    let mut times = Vec::new();
    for i in 0..15 {
        let (v, poll) = park(addr);
        let from = if i == 0 { "Thông tin riêng tư của em".to_string() } else { format!("Lần lưu {}", i - 1) };
        let t0 = Instant::now();
        edit(&root, LESSON, &format!("title: {from}"), &format!("title: Lần lưu {i}"));
        let woke = poll.join().unwrap();
        times.push(t0.elapsed());
        let woke: serde_json::Value = serde_json::from_str(&woke.body).unwrap();
        assert!(woke["version"].as_u64().unwrap() > v);
    }
    times.sort();
    let median = times[times.len() / 2];
    eprintln!("save → reload sent: median {median:?}, max {:?} (debug build)", times[times.len() - 1]);
    assert!(median < Duration::from_millis(400), "median {median:?}");
    server.stop();
}

/// Reads one response from a kept-alive connection: the head, then `Content-Length` bytes.
fn read_response(stream: &mut std::io::BufReader<TcpStream>) -> (u16, Vec<u8>) {
    use std::io::BufRead;
    let mut head = String::new();
    loop {
        let mut line = String::new();
        assert!(stream.read_line(&mut line).unwrap() > 0, "connection closed early");
        if line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let len = head
        .lines()
        .find_map(|l| l.split_once(':').filter(|(k, _)| k.eq_ignore_ascii_case("content-length")))
        .and_then(|(_, v)| v.trim().parse::<usize>().ok())
        .expect("a Content-Length");
    let mut body = vec![0; len];
    stream.read_exact(&mut body).unwrap();
    (status, body)
}

#[test]
fn kept_alive_connections_answer_at_once() {
    let (_tmp, root) = site();
    let server = start(&root);
    let addr = server.addr();
    let stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut writer = stream.try_clone().unwrap();
    let mut reader = std::io::BufReader::new(stream);
    let paths = [LESSON_URL, "/assets/style.css", "/__hoclieu/live.js", "/"];
    let mut times = Vec::new();
    for i in 0..200 {
        let path = paths[i % paths.len()];
        let t0 = Instant::now();
        // One write, as browsers and curl send a request: `write!` would send it in pieces, and the
        // client's own Nagle algorithm would then hold the last piece back.
        writer.write_all(format!("GET {path} HTTP/1.1\r\nHost: localhost:{}\r\n\r\n", addr.port()).as_bytes()).unwrap();
        let (status, body) = read_response(&mut reader);
        times.push(t0.elapsed());
        assert_eq!(status, 200, "{path}");
        assert!(!body.is_empty());
    }
    times.sort();
    let (median, p99) = (times[times.len() / 2], times[times.len() * 99 / 100]);
    eprintln!("200 requests on one kept-alive connection: median {median:?}, p99 {p99:?} (debug build)");
    // The delayed-ACK stall this guards against cost 40 ms on every request.
    assert!(median < Duration::from_millis(10), "median {median:?}");
    server.stop();
}

#[test]
fn clients_that_stop_reading_do_not_starve_the_others() {
    let (_tmp, root) = site();
    std::fs::create_dir_all(root.join("static")).unwrap();
    std::fs::write(root.join("static/video.mp4"), vec![7u8; 48 << 20]).unwrap();
    let server = start(&root);
    let addr = server.addr();
    // Sixteen clients ask for the large file and never read a byte of it.
    let stalled: Vec<TcpStream> = (0..16)
        .map(|_| {
            let mut s = TcpStream::connect(addr).unwrap();
            s.write_all(b"GET /video.mp4 HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
            s
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    for path in ["/", LESSON_URL, "/assets/style.css"] {
        let t0 = Instant::now();
        let reply = get(addr, path);
        let took = t0.elapsed();
        eprintln!("{path} with 16 stalled readers: {took:?}");
        assert_eq!(reply.status, 200);
        assert!(took < Duration::from_secs(1), "{path} took {took:?}");
    }
    // The large file itself still comes whole to a client that reads it.
    let reply = request(addr, "GET /video.mp4 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assert_eq!((reply.status, reply.header("Content-Length")), (200, Some("50331648")));
    assert_eq!(reply.header("Content-Type"), Some("video/mp4"));
    drop(stalled);
    server.stop();
}

/// Starts `hoclieu serve` as its own process (so its threads and memory can be read) and returns
/// it with its address.
fn spawn_serve(root: &Path) -> (std::process::Child, SocketAddr) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_hoclieu"))
        .args(["serve", "--lang=en", "--port", "0", "--root"])
        .arg(root)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let url = loop {
        let mut line = String::new();
        if std::io::BufRead::read_line(&mut stderr, &mut line).unwrap_or(0) == 0 {
            let _ = child.kill();
            panic!("no address printed");
        }
        if let Some(i) = line.find("http://") {
            break line[i..].split_whitespace().next().unwrap().to_string();
        }
    };
    // The rest of its output goes nowhere, so that the server never blocks on a full pipe.
    std::thread::spawn(move || std::io::copy(&mut stderr, &mut std::io::sink()));
    let addr: SocketAddr = url.trim_start_matches("http://").trim_end_matches('/').parse().unwrap();
    (child, addr)
}

/// `Threads` and `VmRSS` (KiB) of a process, from /proc.
#[cfg(target_os = "linux")]
fn threads_and_rss(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap()
    };
    (field("Threads:"), field("VmRSS:"))
}

/// Lets this process hold `n` more sockets.
#[cfg(unix)]
fn allow_open_files(n: u64) {
    let mut lim = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: a valid rlimit to fill in, then one no higher than the hard limit.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) == 0 && lim.rlim_cur < n as libc::rlim_t {
            lim.rlim_cur = (n as libc::rlim_t).min(lim.rlim_max);
            libc::setrlimit(libc::RLIMIT_NOFILE, &lim);
        }
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_thousand_connections_keep_threads_and_memory_bounded() {
    let (_tmp, root) = site();
    allow_open_files(4096);
    let (mut child, addr) = spawn_serve(&root);
    let (threads_idle, rss_idle) = threads_and_rss(child.id());
    // 500 kept-alive connections that each had a page, and 500 that send half a request and stop.
    let mut open = Vec::new();
    for i in 0..1000 {
        let mut s = TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        if i % 2 == 0 {
            s.write_all(format!("GET {LESSON_URL} HTTP/1.1\r\nHost: localhost\r\n\r\n").as_bytes()).unwrap();
            let mut reader = std::io::BufReader::new(s.try_clone().unwrap());
            assert_eq!(read_response(&mut reader).0, 200, "connection {i}");
        } else {
            s.write_all(b"GET / HTTP/1.1\r\nHost: loc").unwrap();
        }
        open.push(s);
    }
    let t0 = Instant::now();
    let reply = get(addr, LESSON_URL);
    let took = t0.elapsed();
    let (threads, rss) = threads_and_rss(child.id());
    eprintln!(
        "1,000 open connections: threads {threads_idle} → {threads}, memory {} → {} MiB, a new request answered in {took:?}",
        rss_idle >> 10,
        rss >> 10
    );
    drop(open);
    child.kill().unwrap();
    let _ = child.wait();
    assert_eq!(reply.status, 200);
    assert!(took < Duration::from_secs(1), "{took:?}");
    // Main, watcher, the file watcher's own, 2 request threads, at most 8 for disk work, and the
    // build's pool (one per core).
    let cores = std::thread::available_parallelism().map_or(4, |n| n.get() as u64);
    assert!(threads <= 12 + cores, "{threads} threads");
    assert!(rss < rss_idle + (64 << 10), "{rss_idle} → {rss} KiB");
}
