//! `hoclieu serve`: build into a private folder, serve it, rebuild on every save and reload the
//! open pages.
//!
//! Requests are answered by hyper on a small tokio runtime ([`listen`]): a fixed number of
//! threads, however many clients connect, slow or not. One more thread, the watcher, waits for
//! saves, rebuilds, and tells the pages ([`live`]). A failed build leaves the last good site in
//! place (the engine only swaps the output folder on success), so authors keep a working preview
//! while they fix the error the overlay shows them.

mod http;
mod listen;
mod live;
pub(crate) mod watch;

use std::collections::HashSet;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use tokio_util::sync::CancellationToken;

use crate::build::{BuildOptions, Summary};
use crate::config::CONFIG_FILE;
use crate::diagnostics::{self, Diagnostics};
use crate::diagnostics::{msg, Problem};
use crate::incremental::{Outcome, Project};

pub use http::{resolve, Resolved};
pub use watch::DIRS as WATCHED_DIRS;

/// Inside the site folder; ignored by version control through its own `.gitignore`.
pub use crate::config::WORK_DIR;
/// How often the watcher looks at the stop flag.
const TICK: Duration = Duration::from_millis(250);
/// The list of files and hashes a full build leaves in its output (`output::MANIFEST`).
/// Comparing two builds' lists tells whether anything served changed, deletions included.
use crate::output::MANIFEST;

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
    cancel: CancellationToken,
    runtime: tokio::runtime::Runtime,
    accept: tokio::task::JoinHandle<()>,
    watcher: JoinHandle<()>,
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
        let _ = self.runtime.block_on(self.accept);
        let _ = self.watcher.join();
    }

    pub fn stop(self) {
        self.stop.store(true, Ordering::Relaxed);
        self.shared.live.close();
        self.cancel.cancel();
        let _ = self.runtime.block_on(self.accept);
        let _ = self.watcher.join();
        self.runtime.shutdown_timeout(Duration::from_secs(1));
    }
}

/// The rebuild step: the engine's incremental project, which keeps the model between saves.
struct Builder {
    root: PathBuf,
    out: PathBuf,
    project: Project,
    /// The served folder's manifest after the last full build; `None` before the first, and once
    /// a partial rebuild has changed the folder behind it.
    manifest: Option<String>,
}

/// A good build, as open pages see it.
struct Built {
    summary: Summary,
    /// Warnings.
    diags: Diagnostics,
    /// How many served files differ from before: written, changed or removed. `None` when that
    /// cannot be told (open pages are then told to reload, to be safe).
    changed: Option<usize>,
}

impl Builder {
    fn new(root: PathBuf, out: PathBuf, drafts: bool) -> Self {
        let opts = BuildOptions {
            root: root.clone(),
            out: out.clone(),
            drafts,
            // A bar would garble the plain lines `serve` prints between builds.
            progress: false,
            write: true,
            audience: Default::default(),
        };
        Builder { root, out, project: Project::new(opts), manifest: None }
    }

    /// Rebuilds after `changed` (empty: everything).
    fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Built, Diagnostics> {
        let diags = Diagnostics::new();
        match self.project.rebuild(changed, &diags) {
            Some(Outcome::Full(summary)) => {
                // A full build counts the files it wrote into its work folder, which held the build
                // before last, and not the files it removed: a deleted lesson counted 0. The
                // manifests of two builds in a row tell what the pages see change.
                let now = std::fs::read_to_string(self.out.join(MANIFEST)).ok();
                let changed = match (&self.manifest, &now) {
                    (Some(before), Some(after)) => Some(differing(before, after)),
                    _ => None,
                };
                self.manifest = now;
                Ok(Built { summary, diags, changed })
            }
            Some(Outcome::Incremental { pages, files_written, seconds }) => {
                // Files written in place, each compared with what was served: an exact count.
                self.manifest = None;
                let summary = Summary { readiness: Vec::new(), pages, lessons: 0, files_written, seconds };
                Ok(Built { summary, diags, changed: Some(files_written) })
            }
            None => Err(diags),
        }
    }
}

/// How many files differ between two manifests (one line per file, its hash and its path):
/// added, removed or changed.
fn differing(before: &str, after: &str) -> usize {
    let before: HashSet<&str> = before.lines().collect();
    let after: HashSet<&str> = after.lines().collect();
    let paths: HashSet<&str> =
        before.symmetric_difference(&after).map(|line| line.split_once('\t').map_or(*line, |(_, p)| p)).collect();
    paths.len()
}

/// Builds the site, starts serving and watching, and returns once the first build is done.
pub fn start(opts: ServeOptions) -> Result<Server, Problem> {
    let root = opts.root.canonicalize().map_err(|e| {
        Problem::new(msg!("serve-cannot-open", folder = opts.root.display().to_string(), error = e.to_string()))
            .hint(msg!("serve-cannot-open.hint"))
    })?;
    if !root.join(CONFIG_FILE).is_file() {
        return Err(Problem::new(msg!("problem-no-config", file = CONFIG_FILE, folder = root.display().to_string()))
            .hint(msg!("problem-no-config.hint")));
    }
    let work = root.join(WORK_DIR);
    prepare_work_dir(&work);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(listen::WORKERS)
        .max_blocking_threads(listen::BLOCKING)
        .thread_name("hoclieu-serve")
        .enable_all()
        .build()
        .map_err(|e| Problem::new(msg!("serve-cannot-start", error = e.to_string())))?;
    let listener = {
        let _context = runtime.enter();
        listen::bind(SocketAddr::new(opts.bind, opts.port)).map_err(|e| bind_problem(opts.bind, opts.port, e))?
    };
    let addr = listener.local_addr().map_err(|e| bind_problem(opts.bind, opts.port, e))?;
    if opts.log && !opts.bind.is_loopback() {
        eprintln!("{}", msg!("serve-on-network", address = opts.bind.to_string()));
    }
    let limit = listen::max_connections();
    let mut watch = watch::Watch::new(&root)?;
    let shared = Arc::new(http::Shared {
        out_dir: work.join("serve"),
        live: live::Live::default(),
        loopback: opts.bind.is_loopback(),
    });
    let mut builder = Builder::new(root, shared.out_dir.clone(), opts.drafts);
    // Clients that connect meanwhile wait in the listen queue.
    run_build(&mut builder, &shared, &[], opts.log);

    let cancel = CancellationToken::new();
    let accept = runtime.spawn(listen::accept(listener, shared.clone(), limit, cancel.clone()));
    let stop = Arc::new(AtomicBool::new(false));
    let (shared2, stop2) = (shared.clone(), stop.clone());
    let log = opts.log;
    let watcher = std::thread::Builder::new()
        .name("hoclieu-watch".into())
        .spawn(move || {
            while !stop2.load(Ordering::Relaxed) {
                match watch.next(TICK) {
                    watch::Next::Changed(paths) => run_build(&mut builder, &shared2, &paths, log),
                    watch::Next::Idle => {}
                    watch::Next::Closed => break,
                }
            }
        })
        .map_err(|e| Problem::new(msg!("serve-cannot-watch", error = e.to_string())))?;
    Ok(Server { addr, shared, stop, cancel, runtime, accept, watcher })
}

fn bind_problem(ip: IpAddr, port: u16, e: std::io::Error) -> Problem {
    let hint = if port == 0 {
        msg!("serve-cannot-listen.bind")
    } else {
        msg!("serve-cannot-listen.port", port = port.to_string(), next = port.saturating_add(1).to_string())
    };
    Problem::new(msg!("serve-cannot-listen", address = format!("{ip}:{port}"), error = e.to_string())).hint(hint)
}

/// `.hoclieu/` holds the preview; its own `.gitignore` keeps it out of version control without
/// asking authors to edit theirs.
fn prepare_work_dir(work: &Path) {
    let ignore = work.join(".gitignore");
    if !ignore.exists() && std::fs::create_dir_all(work).is_ok() {
        let _ = std::fs::write(ignore, "# hoclieu serve's preview: rebuilt on every start.\n*\n");
    }
}

/// One rebuild: publish the result to open pages and print one plain line (or the errors).
fn run_build(builder: &mut Builder, shared: &http::Shared, changed: &[PathBuf], log: bool) {
    let start = Instant::now();
    let result = builder.rebuild(changed);
    let ms = start.elapsed().as_millis();
    match result {
        Ok(built) => {
            // The first build always counts as news: pages loaded before it are from an old run.
            let news = built.changed.is_none_or(|n| n > 0) || changed.is_empty();
            shared.live.publish(true, news, &built.diags);
            if log {
                eprint!("{}", built.diags.render(diagnostics::stderr_color()));
                eprintln!("{}", built_line(&built, ms, changed, &builder.root));
            }
        }
        Err(diags) => {
            shared.live.publish(false, false, &diags);
            if log {
                eprint!("{}", diags.render(diagnostics::stderr_color()));
                let line = if shared.out_dir.join("index.html").is_file() {
                    msg!("serve-build-failed.last-good", summary = diags.summary())
                } else {
                    msg!("serve-build-failed.no-build", summary = diags.summary())
                };
                eprintln!("{line}");
            }
        }
    }
}

fn built_line(built: &Built, ms: u128, changed: &[PathBuf], root: &Path) -> String {
    let files = built.changed.unwrap_or(built.summary.files_written);
    let ms = ms.to_string();
    // Editors save through temporary files that are gone by now: name a file that is there.
    let Some(shown) = changed.iter().find(|p| p.exists()).or(changed.first()) else {
        return msg!("serve-built", pages = built.summary.pages, ms = ms, files = files).to_string();
    };
    let first = shown.strip_prefix(root).unwrap_or(shown).display().to_string();
    let more = changed.len().saturating_sub(1);
    match shown.exists() {
        true => msg!("serve-rebuilt.saved", ms = ms, files = files, file = first, more = more).to_string(),
        false => msg!("serve-rebuilt.removed", ms = ms, files = files, file = first, more = more).to_string(),
    }
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
        Err(e) => eprintln!("{}", msg!("serve-no-browser", error = e.to_string(), url = url)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifests_differ_by_the_files_added_changed_or_removed() {
        let before = "01\tindex.html\n02\ttieu-hoc/index.html\n03\ttieu-hoc/bai/index.html\n";
        assert_eq!(differing(before, before), 0);
        let removed = "01\tindex.html\n04\ttieu-hoc/index.html\n";
        assert_eq!(differing(before, removed), 2, "one page changed, one gone");
        let added = "01\tindex.html\n02\ttieu-hoc/index.html\n03\ttieu-hoc/bai/index.html\n05\tmoi.html\n";
        assert_eq!(differing(before, added), 1);
    }

    #[test]
    fn the_line_names_a_removed_file_as_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        std::fs::write(root.join("a.md"), "x").unwrap();
        let summary = Summary { readiness: Vec::new(), pages: 3, lessons: 1, files_written: 0, seconds: 0.0 };
        let built = Built { summary, diags: Diagnostics::new(), changed: Some(2) };
        let line = built_line(&built, 5, &[root.join("gone.md")], root);
        assert_eq!(line, "Rebuilt in 5 ms (2 files changed) after removing gone.md");
        let line = built_line(&built, 5, &[root.join("gone.md"), root.join("a.md")], root);
        assert_eq!(line, "Rebuilt in 5 ms (2 files changed) after saving a.md and 1 more");
        assert_eq!(built_line(&built, 5, &[], root), "Built 3 pages in 5 ms (2 files changed)");
    }
}
