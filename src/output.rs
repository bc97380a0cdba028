//! Writing the site: the output folder is replaced as a whole, never left half-written.
//!
//! A build writes into a hidden sibling folder (`.public.hoclieu-next`) and swaps it with
//! `public/` at the end; the old output becomes the next build's work folder. Each folder keeps
//! a manifest of content hashes, so a rebuild rewrites only files that differ and deletes only
//! files that are gone: no build ever deletes a whole tree (slow for 10,000 files) and a failed
//! build leaves `public/` exactly as it was.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::diagnostics::{msg, Diagnostic};

/// Written into every folder hoclieu creates; hoclieu touches no folder without it.
pub const MARKER: &str = ".hoclieu-output";
/// The list of files hoclieu wrote, kept in the output folder (see the module documentation).
pub const MANIFEST: &str = ".hoclieu-manifest";

/// Marks `out` as no longer matching its manifest (`serve` writes single pages in place), so that the
/// next full build trusts none of it.
pub fn forget_manifest(out: &Path) {
    let _ = std::fs::remove_file(out.join(MANIFEST));
}

pub struct Output {
    final_dir: PathBuf,
    work_dir: PathBuf,
    previous: HashMap<String, u64>,
    /// The work folder's manifest was missing (first build, or a crash): walk it for stale files.
    untrusted: bool,
    /// The work folder was empty or absent when this build began: it holds only what this build writes,
    /// so there is nothing stale to look for. A clean build of 10,000 lessons skips a walk of 10,000
    /// folders (five system calls each, on one thread, at the end of the build).
    fresh: bool,
    /// Every path a page or file of this build claimed: two claims of one path are an error.
    claimed: Mutex<HashSet<String>>,
    /// The hash of every file this build has in the work folder, recorded only once it is there whole:
    /// a manifest that believed in a file whose writing failed would let the next build keep it.
    written: Mutex<HashMap<String, u64>>,
    /// Files whose writing failed: whatever is left of them is in no manifest.
    failed: Mutex<HashSet<String>>,
    dirs: Mutex<HashSet<PathBuf>>,
    /// Held from `begin` to the end of the build: one build at a time writes to an output folder.
    _lock: std::fs::File,
    pub files_written: std::sync::atomic::AtomicUsize,
}

impl Output {
    /// Prepares the work folder next to `final_dir`.
    pub fn begin(final_dir: &Path) -> Result<Output, Diagnostic> {
        let name = final_dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        let parent = final_dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        if final_dir.exists() && !owned(final_dir) {
            return Err(Diagnostic::error("E050", msg!("e050-not-ours", folder = final_dir.display().to_string()))
                .hint(msg!("e050-not-ours.hint")));
        }
        std::fs::create_dir_all(parent).map_err(|e| io_diag(parent, e))?;
        let lock = lock(&parent.join(format!(".{name}.hoclieu-lock")), final_dir)?;
        let work_dir = parent.join(format!(".{name}.hoclieu-next"));
        if work_dir.exists() && !owned(&work_dir) {
            return Err(Diagnostic::error("E051", msg!("e051-work-not-ours", folder = work_dir.display().to_string()))
                .hint(msg!("e051-work-not-ours.hint")));
        }
        let fresh = match std::fs::read_dir(&work_dir) {
            Ok(mut entries) => entries.next().is_none(),
            Err(e) => e.kind() == std::io::ErrorKind::NotFound,
        };
        std::fs::create_dir_all(&work_dir).map_err(|e| io_diag(&work_dir, e))?;
        std::fs::write(work_dir.join(MARKER), marker_text()).map_err(|e| io_diag(&work_dir, e))?;
        let manifest_path = work_dir.join(MANIFEST);
        let (previous, untrusted) = match std::fs::read_to_string(&manifest_path) {
            Ok(text) => (parse_manifest(&text), false),
            Err(_) => (HashMap::new(), true),
        };
        // If this build fails half-way, the folder no longer matches any manifest.
        let _ = std::fs::remove_file(&manifest_path);
        Ok(Output {
            final_dir: final_dir.to_path_buf(),
            work_dir,
            previous,
            untrusted,
            fresh,
            claimed: Mutex::new(HashSet::new()),
            written: Mutex::new(HashMap::new()),
            failed: Mutex::new(HashSet::new()),
            dirs: Mutex::new(HashSet::new()),
            _lock: lock,
            files_written: Default::default(),
        })
    }

    /// Writes one file (path relative to the output root, `/`-separated) unless it is unchanged.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let hash = xxhash_rust::xxh3::xxh3_64(bytes);
        if !self.claimed.lock().unwrap_or_else(|e| e.into_inner()).insert(rel.to_string()) {
            return Err(Diagnostic::error("E052", msg!("e052-same-path", path = rel)).hint(msg!("e052-same-path.hint")));
        }
        let result = self.write_file(rel, hash, bytes);
        match &result {
            Ok(()) => self.written.lock().unwrap_or_else(|e| e.into_inner()).insert(rel.to_string(), hash),
            Err(_) => {
                self.failed.lock().unwrap_or_else(|e| e.into_inner()).insert(rel.to_string());
                None
            }
        };
        result
    }

    fn write_file(&self, rel: &str, hash: u64, bytes: &[u8]) -> Result<(), Diagnostic> {
        if !self.untrusted && self.previous.get(rel) == Some(&hash) {
            return Ok(());
        }
        let path = self.work_dir.join(rel);
        if let Some(dir) = path.parent() {
            let known = self.dirs.lock().unwrap_or_else(|e| e.into_inner()).contains(dir);
            if !known {
                std::fs::create_dir_all(dir).map_err(|e| io_diag(dir, e))?;
                self.dirs.lock().unwrap_or_else(|e| e.into_inner()).insert(dir.to_path_buf());
            }
        }
        let mut f = std::fs::File::create(&path).map_err(|e| io_diag(&path, e))?;
        f.write_all(bytes).map_err(|e| io_diag(&path, e))?;
        self.files_written.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(())
    }

    /// Gives the build up: the site stays as it was, and the work folder keeps what was written into
    /// it with a manifest that says so, so the next build still rewrites only what differs.
    pub fn abandon(self) {
        if self.untrusted {
            return;
        }
        let mut entries = self.previous;
        entries.extend(self.written.into_inner().unwrap_or_else(|e| e.into_inner()));
        for rel in self.failed.into_inner().unwrap_or_else(|e| e.into_inner()) {
            entries.remove(&rel);
        }
        let _ = write_manifest(&self.work_dir, &entries);
    }

    /// Removes stale files, records the manifest, and swaps the work folder in.
    pub fn commit(self) -> Result<(), Diagnostic> {
        let written = self.written.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut stale: Vec<PathBuf> = if self.untrusted && !self.fresh {
            walkdir::WalkDir::new(&self.work_dir)
                .into_iter()
                .flatten()
                .filter(|e| e.file_type().is_file())
                .filter_map(|e| {
                    let rel = e.path().strip_prefix(&self.work_dir).ok()?.to_string_lossy().replace('\\', "/");
                    (!written.contains_key(&rel) && rel != MARKER).then(|| e.path().to_path_buf())
                })
                .collect()
        } else {
            self.previous.keys().filter(|k| !written.contains_key(*k)).map(|k| self.work_dir.join(k)).collect()
        };
        stale.sort();
        for path in &stale {
            let _ = std::fs::remove_file(path);
        }
        // Folders emptied by the removals go too (deepest first); non-empty ones refuse, as they should.
        for path in stale.iter().rev() {
            let mut dir = path.parent();
            while let Some(d) = dir {
                if d == self.work_dir || std::fs::remove_dir(d).is_err() {
                    break;
                }
                dir = d.parent();
            }
        }
        write_manifest(&self.work_dir, &written)?;
        swap(&self.work_dir, &self.final_dir)
    }
}

/// The content hash of every file in `dir`, sorted by path.
fn write_manifest(dir: &Path, files: &HashMap<String, u64>) -> Result<(), Diagnostic> {
    let mut manifest = String::with_capacity(files.len() * 48);
    let mut entries: Vec<_> = files.iter().collect();
    entries.sort();
    for (rel, hash) in entries {
        manifest.push_str(&format!("{hash:016x}\t{rel}\n"));
    }
    std::fs::write(dir.join(MANIFEST), manifest).map_err(|e| io_diag(dir, e))
}

/// Writes one file into a live folder (for `serve`'s incremental rebuilds): through a temporary
/// file and a rename, so a reader never sees half a page. `Ok(false)` when it was already the same.
pub fn write_in_place(dir: &Path, rel: &str, bytes: &[u8]) -> Result<bool, Diagnostic> {
    let path = dir.join(rel);
    if std::fs::read(&path).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| io_diag(parent, e))?;
    }
    let tmp = path.with_extension("hoclieu-tmp");
    std::fs::write(&tmp, bytes).map_err(|e| io_diag(&tmp, e))?;
    std::fs::rename(&tmp, &path).map_err(|e| io_diag(&path, e))?;
    Ok(true)
}

/// Takes the output folder's lock, waiting (and saying so) while another build holds it: two builds
/// writing one folder at once would leave it a mix of both. The operating system lets go of the lock when
/// the build ends, however it ends.
fn lock(path: &Path, final_dir: &Path) -> Result<std::fs::File, Diagnostic> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| io_diag(path, e))?;
    match file.try_lock() {
        Ok(()) => return Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => {
            eprintln!("{}", msg!("output-waiting", folder = final_dir.display().to_string()));
        }
        Err(std::fs::TryLockError::Error(e)) => return Err(io_diag(path, e)),
    }
    file.lock().map_err(|e| io_diag(path, e))?;
    Ok(file)
}

fn marker_text() -> &'static str {
    "This folder was made by hoclieu, which replaces it on every build.\n"
}

/// A folder hoclieu may replace: it carries the marker, or it is empty.
pub fn owned(dir: &Path) -> bool {
    dir.join(MARKER).is_file() || std::fs::read_dir(dir).map(|mut d| d.next().is_none()).unwrap_or(false)
}

fn parse_manifest(text: &str) -> HashMap<String, u64> {
    text.lines()
        .filter_map(|l| {
            let (h, p) = l.split_once('\t')?;
            Some((p.to_string(), u64::from_str_radix(h, 16).ok()?))
        })
        .collect()
}

fn io_diag(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error("E053", msg!("e053-cannot-write", path = path.display().to_string(), error = e.to_string()))
        .hint(msg!("e053-cannot-write.hint"))
}

/// Exchanges the two folders: atomically where the system can (Linux `renameat2`), else by
/// three renames, with `public/` missing only between the first two.
fn swap(work: &Path, final_dir: &Path) -> Result<(), Diagnostic> {
    if !final_dir.exists() {
        std::fs::rename(work, final_dir).map_err(|e| io_diag(final_dir, e))?;
        return Ok(());
    }
    if exchange(work, final_dir) {
        return Ok(());
    }
    let parent = final_dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let aside =
        parent.join(format!(".{}.hoclieu-old", final_dir.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()));
    if aside.exists() && owned(&aside) {
        // Left by an interrupted swap: an old build of ours, marked as such.
        let _ = std::fs::remove_dir_all(&aside);
    }
    std::fs::rename(final_dir, &aside).map_err(|e| io_diag(final_dir, e))?;
    if let Err(e) = std::fs::rename(work, final_dir) {
        let _ = std::fs::rename(&aside, final_dir);
        return Err(io_diag(final_dir, e));
    }
    std::fs::rename(&aside, work).map_err(|e| io_diag(work, e))
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let (Ok(a), Ok(b)) = (CString::new(a.as_os_str().as_bytes()), CString::new(b.as_os_str().as_bytes())) else {
        return false;
    };
    // SAFETY: both pointers are valid NUL-terminated paths for the duration of the call.
    let r = unsafe { libc::renameat2(libc::AT_FDCWD, a.as_ptr(), libc::AT_FDCWD, b.as_ptr(), libc::RENAME_EXCHANGE) };
    r == 0
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_swap_and_rewrite_only_changes() {
        let tmp = tempfile::tempdir().unwrap();
        let public = tmp.path().join("public");
        let out = Output::begin(&public).unwrap();
        out.write("index.html", b"one").unwrap();
        out.write("a/b.html", b"b").unwrap();
        out.commit().unwrap();
        assert_eq!(std::fs::read(public.join("index.html")).unwrap(), b"one");

        let out = Output::begin(&public).unwrap();
        out.write("index.html", b"two").unwrap();
        out.commit().unwrap();
        assert_eq!(std::fs::read(public.join("index.html")).unwrap(), b"two");
        assert!(!public.join("a/b.html").exists(), "stale file removed");
        assert!(!public.join("a").exists(), "emptied folder removed");

        // Third build reuses the first build's folder: unchanged files are not rewritten.
        let out = Output::begin(&public).unwrap();
        out.write("index.html", b"two").unwrap();
        out.write("c.html", b"c").unwrap();
        let n = out.files_written.load(std::sync::atomic::Ordering::Relaxed);
        out.commit().unwrap();
        assert_eq!(n, 2, "the work folder held build 1, so both files differ there");
        let out = Output::begin(&public).unwrap();
        out.write("index.html", b"two").unwrap();
        out.write("c.html", b"c").unwrap();
        assert_eq!(
            out.files_written.load(std::sync::atomic::Ordering::Relaxed),
            1,
            "index.html unchanged since build 2"
        );
        out.commit().unwrap();
        assert_eq!(std::fs::read(public.join("c.html")).unwrap(), b"c");
    }

    #[test]
    fn refuses_foreign_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let public = tmp.path().join("public");
        std::fs::create_dir_all(&public).unwrap();
        std::fs::write(public.join("mine.txt"), "keep").unwrap();
        let err = Output::begin(&public).err().unwrap();
        assert_eq!(err.code, "E050");
        assert_eq!(std::fs::read_to_string(public.join("mine.txt")).unwrap(), "keep");
    }

    #[test]
    fn a_build_given_up_keeps_the_work_folder_trusted() {
        let tmp = tempfile::tempdir().unwrap();
        let public = tmp.path().join("public");
        for text in [&b"one"[..], b"two"] {
            let out = Output::begin(&public).unwrap();
            out.write("a.html", text).unwrap();
            out.write("b.html", b"b").unwrap();
            out.commit().unwrap();
        }
        // The work folder holds build 1 ("one"); a failed build writes "three" into it, then gives up.
        let out = Output::begin(&public).unwrap();
        out.write("a.html", b"three").unwrap();
        out.abandon();
        assert_eq!(std::fs::read(public.join("a.html")).unwrap(), b"two", "the site is untouched");
        // The next build knows what the work folder holds: it rewrites only what differs there.
        let out = Output::begin(&public).unwrap();
        assert!(!out.untrusted);
        out.write("a.html", b"three").unwrap();
        out.write("b.html", b"b").unwrap();
        assert_eq!(out.files_written.load(std::sync::atomic::Ordering::Relaxed), 0);
        out.commit().unwrap();
        assert_eq!(std::fs::read(public.join("a.html")).unwrap(), b"three");
        assert_eq!(std::fs::read(public.join("b.html")).unwrap(), b"b");
    }

    #[test]
    fn only_a_folder_this_build_starts_empty_skips_the_search_for_stale_files() {
        let tmp = tempfile::tempdir().unwrap();
        let public = tmp.path().join("public");
        let out = Output::begin(&public).unwrap();
        assert!(out.fresh && out.untrusted, "no work folder yet");
        out.write("a.html", b"a").unwrap();
        out.write("old/b.html", b"b").unwrap();
        out.commit().unwrap();
        let out = Output::begin(&public).unwrap();
        out.write("a.html", b"a").unwrap();
        out.commit().unwrap();
        // A crash half-way through a build: the work folder (build 1's output) has lost its manifest.
        let out = Output::begin(&public).unwrap();
        out.write("a.html", b"a2").unwrap();
        drop(out);
        let out = Output::begin(&public).unwrap();
        assert!(!out.fresh && out.untrusted, "a folder with files and no manifest is searched");
        out.write("a.html", b"a3").unwrap();
        out.commit().unwrap();
        assert!(!public.join("old/b.html").exists(), "build 1's file, in no manifest, was found and removed");
        assert!(!public.join("old").exists());
        assert_eq!(std::fs::read(public.join("a.html")).unwrap(), b"a3");
    }

    #[test]
    fn an_abandoned_build_leaves_the_output_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let public = tmp.path().join("public");
        let out = Output::begin(&public).unwrap();
        out.write("index.html", b"good").unwrap();
        out.commit().unwrap();
        let out = Output::begin(&public).unwrap();
        out.write("index.html", b"half").unwrap();
        drop(out); // a crash: never committed
        assert_eq!(std::fs::read(public.join("index.html")).unwrap(), b"good");
        // The next build does not trust the half-written work folder.
        let out = Output::begin(&public).unwrap();
        out.write("index.html", b"good").unwrap();
        out.commit().unwrap();
        assert_eq!(std::fs::read(public.join("index.html")).unwrap(), b"good");
    }
}
