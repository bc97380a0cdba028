//! Watching the site's sources and turning bursts of file events into one list of changes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::config::CONFIG_FILE;
use crate::diagnostics::Problem;

/// The folders whose files go into the site.
pub const DIRS: &[&str] = &["content", "static", "templates", "themes", "data"];

/// An editor's save is several events (write, rename, chmod) within a few milliseconds.
const QUIET: Duration = Duration::from_millis(100);
/// A stream of changes (a `git checkout`) still gets a build this often.
const MAX_BURST: Duration = Duration::from_secs(1);

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

impl Watch {
    /// `root` must be absolute (canonical), as event paths are matched against it.
    pub fn new(root: &Path) -> Result<Watch, Problem> {
        let (tx, rx) = mpsc::channel();
        let fail = |e: notify::Error| {
            Problem::new(format!("cannot watch {} for changes: {e}", root.display()))
                .hint("on Linux, raise fs.inotify.max_user_watches, or close other programs that watch many files")
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
        let mut changed = BTreeSet::new();
        match self.rx.recv_timeout(timeout) {
            Ok(event) => self.collect(event, &mut changed),
            Err(RecvTimeoutError::Timeout) => return Next::Idle,
            Err(RecvTimeoutError::Disconnected) => return Next::Closed,
        }
        let start = Instant::now();
        while start.elapsed() < MAX_BURST {
            match self.rx.recv_timeout(QUIET) {
                Ok(event) => self.collect(event, &mut changed),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return Next::Closed,
            }
        }
        if changed.is_empty() {
            return Next::Idle;
        }
        self.refresh();
        Next::Changed(changed.into_iter().collect())
    }

    fn collect(&self, event: notify::Result<Event>, changed: &mut BTreeSet<PathBuf>) {
        let Ok(event) = event else {
            // The watcher lost track (e.g. an overflowing event queue): rebuild to be safe.
            changed.insert(self.root.join(CONFIG_FILE));
            return;
        };
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        for path in event.paths {
            if relevant(&self.root, &path) {
                changed.insert(path);
            }
        }
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
