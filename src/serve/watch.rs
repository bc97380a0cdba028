//! Watching the site's sources and turning bursts of file events into one list of changes.
//!
//! An editor's save is several events within a few milliseconds (vim: write a new file, rename,
//! delete the backup; others: truncate, write, close). The burst is over after a short quiet
//! time, [`QUIET`]; while a file is open for writing (Linux reports the close) the wait is longer,
//! [`QUIET_OPEN`], so a build never reads a file half-written. A fixed wait of 100 ms was most of
//! the time between a save and the reload.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::config::CONFIG_FILE;
use crate::diagnostics::{msg, Problem};

/// The folders whose files go into the site.
pub const DIRS: &[&str] = &["content", "static", "templates", "themes", "data"];

/// Quiet time that ends a burst when no file is known to be open for writing.
const QUIET: Duration = Duration::from_millis(if REPORTS_CLOSE { 12 } else { 30 });
/// Quiet time while a written file has not been closed yet.
const QUIET_OPEN: Duration = Duration::from_millis(100);
/// A stream of changes (a `git checkout`) still gets a build this often.
const MAX_BURST: Duration = Duration::from_secs(1);
/// Whether the system reports that a file written to was closed (inotify's `IN_CLOSE_WRITE`).
const REPORTS_CLOSE: bool = cfg!(any(target_os = "linux", target_os = "android"));

pub struct Watch {
    root: PathBuf,
    watcher: RecommendedWatcher,
    watched: BTreeSet<PathBuf>,
    rx: Receiver<notify::Result<Event>>,
}

pub enum Next {
    Changed(Vec<PathBuf>),
    Idle,
    Closed,
}

/// The changes of one burst so far.
#[derive(Default)]
struct Burst {
    changed: BTreeSet<PathBuf>,
    /// Files written to and not closed yet.
    writing: BTreeSet<PathBuf>,
}

impl Watch {
    /// `root` must be absolute (canonical), as event paths are matched against it.
    pub fn new(root: &Path) -> Result<Watch, Problem> {
        let (tx, rx) = mpsc::channel();
        let fail = |e: notify::Error| {
            Problem::new(msg!("watch-cannot", folder = root.display().to_string(), error = e.to_string()))
                .hint(msg!("watch-cannot.hint"))
        };
        let mut watcher = notify::recommended_watcher(tx).map_err(fail)?;
        // The root itself is watched flat: saves of hoclieu.yaml often replace the file, which
        // would end a watch on the file alone, and new source folders show up here.
        watcher.watch(root, RecursiveMode::NonRecursive).map_err(fail)?;
        let mut w = Watch { root: root.to_path_buf(), watcher, watched: BTreeSet::new(), rx };
        w.refresh();
        Ok(w)
    }

    /// Watches source folders created since the last look; forgets deleted ones.
    fn refresh(&mut self) {
        for dir in DIRS {
            let path = self.root.join(dir);
            if !path.is_dir() {
                self.watched.remove(&path);
            } else if !self.watched.contains(&path) && self.watcher.watch(&path, RecursiveMode::Recursive).is_ok() {
                self.watched.insert(path);
            }
        }
    }

    /// Waits up to `timeout` for a change, then gathers the rest of its burst.
    pub fn next(&mut self, timeout: Duration) -> Next {
        let mut burst = Burst::default();
        // Reads (the builds' own among them) and files outside the site's sources are no change.
        let deadline = Instant::now() + timeout;
        loop {
            match self.rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Ok(event) => {
                    if self.collect(event, &mut burst) {
                        break;
                    }
                }
                Err(RecvTimeoutError::Timeout) => return Next::Idle,
                Err(RecvTimeoutError::Disconnected) => return Next::Closed,
            }
        }
        let start = Instant::now();
        let mut last = start;
        loop {
            let quiet = if burst.writing.is_empty() { QUIET } else { QUIET_OPEN };
            let until = (last + quiet).min(start + MAX_BURST);
            let Some(left) = until.checked_duration_since(Instant::now()).filter(|d| !d.is_zero()) else { break };
            match self.rx.recv_timeout(left) {
                Ok(event) => {
                    if self.collect(event, &mut burst) {
                        last = Instant::now();
                    }
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return Next::Closed,
            }
        }
        self.refresh();
        Next::Changed(burst.changed.into_iter().collect())
    }

    /// Adds an event to the burst; whether it was a change to the site's sources.
    fn collect(&self, event: notify::Result<Event>, burst: &mut Burst) -> bool {
        let Ok(event) = event else {
            // The watcher lost track (e.g. an overflowing event queue): rebuild to be safe.
            burst.changed.insert(self.root.join(CONFIG_FILE));
            return true;
        };
        let closed = matches!(event.kind, EventKind::Access(AccessKind::Close(AccessMode::Write)));
        if matches!(event.kind, EventKind::Access(_)) && !closed {
            return false;
        }
        let opened = REPORTS_CLOSE
            && matches!(
                event.kind,
                EventKind::Create(CreateKind::File | CreateKind::Any) | EventKind::Modify(ModifyKind::Data(_))
            );
        let mut any = false;
        for path in event.paths {
            if !relevant(&self.root, &path) {
                continue;
            }
            if opened {
                burst.writing.insert(path.clone());
            } else if closed || matches!(event.kind, EventKind::Remove(_)) {
                burst.writing.remove(&path);
            }
            burst.changed.insert(path);
            any = true;
        }
        any
    }
}

/// Whether a changed path can affect the site: the config, or a file in a source folder other
/// than an editor's temporary file.
pub fn relevant(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else { return false };
    let mut parts = rel.components();
    let Some(first) = parts.next() else { return false };
    let first = first.as_os_str().to_string_lossy();
    if parts.next().is_none() {
        return first == CONFIG_FILE || DIRS.contains(&first.as_ref());
    }
    if !DIRS.contains(&first.as_ref()) {
        return false;
    }
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    !(name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relevant_paths() {
        let root = Path::new("/site");
        assert!(relevant(root, Path::new("/site/hoclieu.yaml")));
        assert!(relevant(root, Path::new("/site/content/tieu-hoc/a.md")));
        assert!(relevant(root, Path::new("/site/static")));
        assert!(!relevant(root, Path::new("/site/.hoclieu/serve/index.html")));
        assert!(!relevant(root, Path::new("/site/public/index.html")));
        assert!(!relevant(root, Path::new("/site/content/tieu-hoc/.a.md.swp")));
        assert!(!relevant(root, Path::new("/site/content/tieu-hoc/a.md~")));
        assert!(!relevant(root, Path::new("/elsewhere/content/a.md")));
    }
}
