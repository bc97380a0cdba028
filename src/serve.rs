//! `hoclieu serve`: build into a private folder, serve it, rebuild on every save and reload the
//! open pages.
//!
//! Three kinds of threads share one `http::Shared`: a pool answering requests (so many
//! concurrent requests are fine), and one watcher that waits for saves, rebuilds, and tells the
//! pages. A failed build leaves the last good site in place (the engine only swaps the output
//! folder on success), so authors keep a working preview while they fix the error the overlay
//! shows them.

mod http;
mod live;
pub(crate) mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::build::{BuildOptions, Summary};
use crate::config::CONFIG_FILE;
use crate::diagnostics::Problem;
use crate::diagnostics::{self, Diagnostics};
use crate::incremental::{Outcome, Project};

pub use http::{resolve, Resolved};
pub use watch::DIRS as WATCHED_DIRS;

/// Inside the site folder; ignored by version control through its own `.gitignore`.
pub use crate::config::WORK_DIR;
/// Request threads; long polls are parked, so these only ever do short work.
const WORKERS: usize = 8;
/// How often threads look at the stop flag and expire long polls.
const TICK: Duration = Duration::from_millis(250);

pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port (tests).
    pub port: u16,
    pub drafts: bool,
    /// Print build results to stderr (off in tests).
    pub log: bool,
}

/// A running server; dropping it does not stop it, [`Server::stop`] does.
pub struct Server {
    addr: SocketAddr,
    shared: Arc<http::Shared>,
    stop: Arc<AtomicBool>,
    threads: Vec<JoinHandle<()>>,
}

impl Server {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn url(&self) -> String {
        let host = if self.addr.ip().is_unspecified() { "localhost".to_string() } else { self.addr.ip().to_string() };
        match self.addr {
            SocketAddr::V6(_) if host != "localhost" => format!("http://[{host}]:{}/", self.addr.port()),
            _ => format!("http://{host}:{}/", self.addr.port()),
        }
    }

    /// The folder being served.
    pub fn output_dir(&self) -> &Path {
        &self.shared.out_dir
    }

    /// Blocks for as long as the server runs (until the process is interrupted).
    pub fn wait(self) {
        for t in self.threads {
            let _ = t.join();
        }
    }

    pub fn stop(self) {
        self.stop.store(true, Ordering::Relaxed);
        for t in self.threads {
            let _ = t.join();
        }
        self.shared.live.close();
    }
}

/// The rebuild step: the engine's incremental project, which keeps the model between saves.
struct Builder {
    root: PathBuf,
    project: std::sync::Mutex<Project>,
}

impl Builder {
    fn new(root: PathBuf, out: PathBuf, drafts: bool) -> Self {
        let opts = BuildOptions {
            root: root.clone(),
            out,
            drafts,
            // A bar would garble the plain lines `serve` prints between builds.
            progress: false,
            write: true,
            audience: Default::default(),
        };
        Builder { root, project: std::sync::Mutex::new(Project::new(opts)) }
    }

    /// Rebuilds after `changed` (empty: everything). `Ok` carries the warnings.
    fn rebuild(&self, changed: &[PathBuf]) -> Result<(Summary, Diagnostics), Diagnostics> {
        let diags = Diagnostics::new();
        let mut project = self.project.lock().unwrap_or_else(|e| e.into_inner());
        match project.rebuild(changed, &diags) {
            Some(Outcome::Full(summary)) => Ok((summary, diags)),
            Some(Outcome::Incremental { pages, files_written, seconds }) => {
                Ok((Summary { readiness: Vec::new(), pages, lessons: 0, files_written, seconds }, diags))
            }
            None => Err(diags),
        }
    }
}

/// Builds the site, starts serving and watching, and returns once the first build is done.
pub fn start(opts: ServeOptions) -> Result<Server, Problem> {
    let root = opts.root.canonicalize().map_err(|e| {
        Problem::new(format!("cannot open the site folder {}: {e}", opts.root.display()))
            .hint("pass the folder that holds hoclieu.yaml with --root DIR")
    })?;
    if !root.join(CONFIG_FILE).is_file() {
        return Err(Problem::new(format!("there is no {CONFIG_FILE} in {}", root.display()))
            .hint("run `hoclieu serve` inside a site folder, pass --root DIR, or create a site with `hoclieu init`"));
    }
    let work = root.join(WORK_DIR);
    prepare_work_dir(&work);
    let server = bind(opts.bind, opts.port)?;
    if opts.log && !opts.bind.is_loopback() {
        eprintln!(
            "warning: serving on {}: other devices on the network can open this preview. Use --bind 127.0.0.1 to keep it on this computer.",
            opts.bind
        );
    }
    let addr = server.server_addr().to_ip().ok_or_else(|| Problem::new("the server has no IP address"))?;
    let mut watch = watch::Watch::new(&root)?;
    let shared = Arc::new(http::Shared {
        out_dir: work.join("serve"),
        live: live::Live::default(),
        loopback: opts.bind.is_loopback(),
    });
    let builder = Builder::new(root, shared.out_dir.clone(), opts.drafts);
    run_build(&builder, &shared, &[], opts.log);

    let stop = Arc::new(AtomicBool::new(false));
    let server = Arc::new(server);
    let mut threads = Vec::with_capacity(WORKERS + 1);
    for _ in 0..WORKERS {
        let (server, shared, stop) = (server.clone(), shared.clone(), stop.clone());
        threads.push(std::thread::spawn(move || serve_requests(&server, &shared, &stop)));
    }
    let (shared2, stop2) = (shared.clone(), stop.clone());
    let log = opts.log;
    threads.push(std::thread::spawn(move || {
        while !stop2.load(Ordering::Relaxed) {
            match watch.next(TICK) {
                watch::Next::Changed(paths) => run_build(&builder, &shared2, &paths, log),
                watch::Next::Idle => {}
                watch::Next::Closed => break,
            }
            shared2.live.expire();
        }
    }));
    Ok(Server { addr, shared, stop, threads })
}

/// `.hoclieu/` holds the preview; its own `.gitignore` keeps it out of version control without
/// asking authors to edit theirs.
fn prepare_work_dir(work: &Path) {
    let ignore = work.join(".gitignore");
    if !ignore.exists() && std::fs::create_dir_all(work).is_ok() {
        let _ = std::fs::write(ignore, "# hoclieu serve's preview: rebuilt on every start.\n*\n");
    }
}

fn bind(ip: IpAddr, port: u16) -> Result<tiny_http::Server, Problem> {
    tiny_http::Server::http(SocketAddr::new(ip, port)).map_err(|e| {
        let hint = if port == 0 {
            "check the --bind address".to_string()
        } else {
            format!("another program may be using port {port}: try `hoclieu serve --port {}`", port.saturating_add(1))
        };
        Problem::new(format!("cannot listen on {ip}:{port}: {e}")).hint(hint)
    })
}

fn serve_requests(server: &tiny_http::Server, shared: &http::Shared, stop: &AtomicBool) {
    while !stop.load(Ordering::Relaxed) {
        // Errors are failed connections of single clients; the server itself goes on.
        if let Ok(Some(req)) = server.recv_timeout(TICK) {
            http::handle(req, shared);
        }
    }
}

/// One rebuild: publish the result to open pages and print one plain line (or the errors).
fn run_build(builder: &Builder, shared: &http::Shared, changed: &[PathBuf], log: bool) {
    let start = Instant::now();
    let result = builder.rebuild(changed);
    let ms = start.elapsed().as_millis();
    match result {
        Ok((summary, diags)) => {
            // The first build always counts as news: pages loaded before it are from an old run.
            let news = summary.files_written > 0 || changed.is_empty();
            shared.live.publish(true, news, &diags);
            if log {
                eprint!("{}", diags.render(diagnostics::stderr_color()));
                eprintln!("{}", built_line(&summary, ms, changed, &builder.root));
            }
        }
        Err(diags) => {
            shared.live.publish(false, false, &diags);
            if log {
                eprint!("{}", diags.render(diagnostics::stderr_color()));
                let serving = if shared.out_dir.join("index.html").is_file() {
                    "still serving the last good build; open pages show the errors"
                } else {
                    "open pages list the errors"
                };
                eprintln!("Build failed: {}; {serving}. Fix and save to rebuild.", diags.summary());
            }
        }
    }
}

fn built_line(summary: &Summary, ms: u128, changed: &[PathBuf], root: &Path) -> String {
    let files = diagnostics::plural(summary.files_written, "file");
    if changed.is_empty() {
        return format!("Built {} pages in {ms} ms ({files} changed)", summary.pages);
    }
    // Editors save through temporary files that are gone by now: name a file that is there.
    let shown = changed.iter().find(|p| p.exists()).unwrap_or(&changed[0]);
    let first = shown.strip_prefix(root).unwrap_or(shown).display().to_string();
    let what = match changed.len() {
        1 => first,
        n => format!("{first} and {} more", n - 1),
    };
    format!("Rebuilt in {ms} ms ({files} changed) after saving {what}")
}

/// Opens `url` in the default browser; failures are only reported, the server runs on.
pub fn open_browser(url: &str) {
    let mut cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    cmd.arg(url).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
    match cmd.spawn() {
        // Reaped on its own thread so the opener does not linger as a zombie.
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
        }
        Err(e) => eprintln!("warning: could not open a browser ({e}); open {url} yourself."),
    }
}
