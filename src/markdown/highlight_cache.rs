//! Highlighted code kept between builds, in `.hoclieu/cache/highlight.bin` inside the site folder.
//!
//! syntect is the largest single cost of a build (about 0.4 ms a code block: 40 % of the CPU time of
//! 10,000 lessons), and it makes the same HTML of the same code every time. So a block that an earlier
//! build highlighted is read back from this file instead of highlighted again.
//!
//! The file is only a cache: every entry is keyed by a 128-bit hash of the cache format, syntect's
//! version, the syntax and the code, and carries a checksum of its HTML. Anything missing, damaged or
//! unreadable is a miss, and the block is highlighted as if there were no cache; the output is the same
//! either way (tested). Entries are read by position when needed, so memory holds only the index
//! (about 40 bytes an entry), not the HTML (about 7.5 KB a block, 75 MB for 10,000 lessons).
//!
//! Format: `MAGIC`, then entries of key (16 bytes), HTML length (4), checksum (8), all little-endian,
//! and the HTML. New entries are appended; the file is rewritten with only the entries in use when more
//! than a quarter of it is stale.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use xxhash_rust::xxh3::{xxh3_128, xxh3_64};

const MAGIC: &[u8; 8] = b"HLCACHE1";
const FILE: &str = "highlight.bin";
/// Part of every key: a new syntect may highlight differently. Bump the number when `highlight`'s own
/// output changes.
const FORMAT: &str = concat!("hoclieu highlight 1, syntect ", env!("HOCLIEU_SYNTECT_VERSION"));
const HEADER: usize = 16 + 4 + 8;

/// Where one entry's HTML is in a file.
#[derive(Debug, Clone, Copy)]
struct Slot {
    offset: u64,
    len: u32,
    check: u64,
}

/// The cache of one build. Shared by the rendering threads; [`HighlightCache::finish`] saves it.
pub struct HighlightCache {
    dir: Option<PathBuf>,
    old: Option<(File, HashMap<u128, Slot>)>,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Keys of the old file that this build used.
    used: HashSet<u128>,
    /// Keys highlighted in this build, and the file they are written to as they come.
    fresh: HashSet<u128>,
    writer: Option<(PathBuf, BufWriter<File>)>,
    /// Writing failed (a full disk, a read-only folder): go on without saving.
    broken: bool,
}

impl HighlightCache {
    /// The cache in `dir` (usually `<site>/.hoclieu/cache`). With `save` false (as for `check`, which
    /// writes nothing), the cache is only read.
    pub fn open(dir: &Path, save: bool) -> HighlightCache {
        let old = File::open(dir.join(FILE)).ok().and_then(|f| index(&f).map(|i| (f, i)));
        HighlightCache { dir: save.then(|| dir.to_path_buf()), old, state: Mutex::new(State::default()) }
    }

    /// A cache that keeps nothing (tests, and callers with no site folder).
    pub fn none() -> HighlightCache {
        HighlightCache { dir: None, old: None, state: Mutex::new(State::default()) }
    }

    /// The HTML of `code` in `syntax`: from the cache, or made by `make`, which also says whether
    /// making it cost anything. Only then is it remembered: a block whose every line this build had
    /// highlighted already (the line memo) is made again as cheaply as it would be read back.
    pub fn get_or(&self, syntax: &str, code: &str, make: impl FnOnce() -> Option<(String, bool)>) -> Option<String> {
        let key = key(syntax, code);
        if let Some(html) = self.read_old(key) {
            self.lock().used.insert(key);
            return Some(html);
        }
        let (html, costly) = make()?;
        if self.dir.is_some() && costly {
            let mut state = self.lock();
            if state.fresh.insert(key) {
                self.append(&mut state, key, &html);
            }
        }
        Some(html)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn read_old(&self, key: u128) -> Option<String> {
        let (file, index) = self.old.as_ref()?;
        let slot = index.get(&key)?;
        let mut buf = vec![0; slot.len as usize];
        read_at(file, &mut buf, slot.offset).ok()?;
        if xxh3_64(&buf) != slot.check {
            return None;
        }
        String::from_utf8(buf).ok()
    }

    fn append(&self, state: &mut State, key: u128, html: &str) {
        if state.broken {
            return;
        }
        if state.writer.is_none() {
            state.writer = self.dir.as_ref().and_then(|dir| new_file(dir).ok());
        }
        let ok = match &mut state.writer {
            Some((_, w)) => write_entry(w, key, html.as_bytes()).is_ok(),
            None => false,
        };
        state.broken = !ok;
    }

    /// Saves what this build highlighted. Errors only cost speed next time, so they are not reported.
    /// Call it once, when every page is rendered.
    pub fn finish(&self) {
        let Some(dir) = &self.dir else { return };
        let state = std::mem::take(&mut *self.lock());
        let path = dir.join(FILE);
        let Some((tmp, writer)) = state.writer else { return };
        let result = (|| -> std::io::Result<()> {
            let mut writer = writer;
            if state.broken {
                return Err(std::io::Error::other("an entry could not be written"));
            }
            match &self.old {
                Some((old, index)) => {
                    let stale = index.len() - state.used.len();
                    if stale * 4 > state.used.len() + state.fresh.len() {
                        // Mostly stale: the fresh file becomes the cache, with the entries still in use.
                        for key in &state.used {
                            let slot = index[key];
                            let mut buf = vec![0; slot.len as usize];
                            read_at(old, &mut buf, slot.offset)?;
                            write_entry(&mut writer, *key, &buf)?;
                        }
                        writer.into_inner().map_err(|e| e.into_error())?;
                        std::fs::rename(&tmp, &path)
                    } else {
                        // Append the fresh entries to the cache as it is.
                        writer.flush()?;
                        drop(writer);
                        let mut fresh = File::open(&tmp)?;
                        fresh.seek(std::io::SeekFrom::Start(MAGIC.len() as u64))?;
                        let mut out = std::fs::OpenOptions::new().append(true).open(&path)?;
                        std::io::copy(&mut fresh, &mut out)?;
                        std::fs::remove_file(&tmp)
                    }
                }
                None => {
                    writer.into_inner().map_err(|e| e.into_error())?;
                    std::fs::rename(&tmp, &path)
                }
            }
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }
}

fn key(syntax: &str, code: &str) -> u128 {
    let mut bytes = Vec::with_capacity(FORMAT.len() + syntax.len() + code.len() + 2);
    for part in [FORMAT, syntax, code] {
        bytes.extend_from_slice(part.as_bytes());
        bytes.push(0);
    }
    xxh3_128(&bytes)
}

/// Reads the entries' positions, stopping at the first that does not fit in the file (an interrupted
/// append); `None` for a file that is not a cache of this kind.
fn index(file: &File) -> Option<HashMap<u128, Slot>> {
    let size = file.metadata().ok()?.len();
    let mut r = BufReader::with_capacity(1 << 16, file);
    let mut magic = [0; 8];
    r.read_exact(&mut magic).ok()?;
    if &magic != MAGIC {
        return None;
    }
    let mut index = HashMap::new();
    let mut offset = MAGIC.len() as u64;
    let mut head = [0u8; HEADER];
    while offset + HEADER as u64 <= size && r.read_exact(&mut head).is_ok() {
        let key = u128::from_le_bytes(head[..16].try_into().ok()?);
        let len = u32::from_le_bytes(head[16..20].try_into().ok()?);
        let check = u64::from_le_bytes(head[20..].try_into().ok()?);
        let start = offset + HEADER as u64;
        if start + u64::from(len) > size {
            break;
        }
        index.insert(key, Slot { offset: start, len, check });
        r.seek_relative(i64::from(len)).ok()?;
        offset = start + u64::from(len);
    }
    Some(index)
}

/// A new file beside the cache, named for this process, so builds running at once do not mix.
fn new_file(dir: &Path) -> std::io::Result<(PathBuf, BufWriter<File>)> {
    std::fs::create_dir_all(dir)?;
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        // Kept out of version control without asking authors to edit theirs.
        std::fs::write(ignore, "# hoclieu's cache of highlighted code: safe to delete.\n*\n")?;
    }
    let tmp = dir.join(format!("{FILE}.{}.tmp", std::process::id()));
    let mut w = BufWriter::with_capacity(1 << 16, File::create(&tmp)?);
    w.write_all(MAGIC)?;
    Ok((tmp, w))
}

fn write_entry(w: &mut impl Write, key: u128, html: &[u8]) -> std::io::Result<()> {
    let len = u32::try_from(html.len()).map_err(std::io::Error::other)?;
    w.write_all(&key.to_le_bytes())?;
    w.write_all(&len.to_le_bytes())?;
    w.write_all(&xxh3_64(html).to_le_bytes())?;
    w.write_all(html)
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
fn read_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    while !buf.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, buf, offset)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(not(any(unix, windows)))]
fn read_at(_: &File, _: &mut [u8], _: u64) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn make(html: &str) -> impl FnOnce() -> Option<(String, bool)> + '_ {
        move || Some((html.to_string(), true))
    }

    #[test]
    fn blocks_made_at_no_cost_are_not_kept() {
        let dir = tempfile::tempdir().unwrap();
        let cache = HighlightCache::open(dir.path(), true);
        cache.get_or("Python", "x = 1\n", || Some(("cheap".to_string(), false)));
        cache.get_or("Python", "x = 2\n", make("costly"));
        cache.finish();
        let cache = HighlightCache::open(dir.path(), true);
        assert_eq!(cache.get_or("Python", "x = 2\n", || panic!("cached")).unwrap(), "costly");
        assert_eq!(cache.get_or("Python", "x = 1\n", || Some(("again".to_string(), false))).unwrap(), "again");
    }

    #[test]
    fn a_later_build_reads_what_an_earlier_one_saved() {
        let dir = tempfile::tempdir().unwrap();
        let cache = HighlightCache::open(dir.path(), true);
        assert_eq!(cache.get_or("Python", "x = 1\n", make("<span>x</span>")).unwrap(), "<span>x</span>");
        assert_eq!(cache.get_or("JSON", "{}\n", make("<span>{}</span>")).unwrap(), "<span>{}</span>");
        cache.finish();
        assert!(dir.path().join(".gitignore").exists(), "the work folder keeps itself out of version control");

        let cache = HighlightCache::open(dir.path(), true);
        let hit = cache.get_or("Python", "x = 1\n", || panic!("highlighted again"));
        assert_eq!(hit.unwrap(), "<span>x</span>");
        assert_eq!(cache.get_or("JSON", "{}\n", || panic!("highlighted again")).unwrap(), "<span>{}</span>");
        // Another syntax, or other code, is another entry.
        assert_eq!(cache.get_or("Ruby", "x = 1\n", make("ruby")).unwrap(), "ruby");
        cache.finish();
        let cache = HighlightCache::open(dir.path(), false);
        assert_eq!(cache.old.as_ref().unwrap().1.len(), 3, "the new entry was appended");
        assert_eq!(cache.get_or("Ruby", "x = 1\n", || panic!("highlighted again")).unwrap(), "ruby");
    }

    #[test]
    fn stale_entries_are_dropped_and_damage_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let cache = HighlightCache::open(dir.path(), true);
        for i in 0..8 {
            cache.get_or("Python", &format!("x = {i}\n"), make("html"));
        }
        cache.finish();
        // A build that uses only two of the eight blocks rewrites the file with those two.
        let cache = HighlightCache::open(dir.path(), true);
        cache.get_or("Python", "x = 0\n", || panic!("cached"));
        cache.get_or("Python", "x = 9\n", make("new"));
        cache.finish();
        let cache = HighlightCache::open(dir.path(), false);
        assert_eq!(cache.old.as_ref().unwrap().1.len(), 2);
        drop(cache);

        // A damaged byte in an entry's HTML (the last entry: the one kept from before): that entry is
        // highlighted again.
        let path = dir.path().join(FILE);
        let mut bytes = std::fs::read(&path).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 0x20;
        std::fs::write(&path, &bytes).unwrap();
        let cache = HighlightCache::open(dir.path(), false);
        let damaged = cache.get_or("Python", "x = 0\n", make("made again")).unwrap();
        let intact = cache.get_or("Python", "x = 9\n", || panic!("cached")).unwrap();
        assert_eq!((damaged.as_str(), intact.as_str()), ("made again", "new"));

        // A cut-off file (an interrupted append) keeps the entries before the cut; another file is no cache.
        std::fs::write(&path, &bytes[..bytes.len() - 2]).unwrap();
        assert_eq!(HighlightCache::open(dir.path(), false).old.unwrap().1.len(), 1);
        std::fs::write(&path, b"not a cache").unwrap();
        assert!(HighlightCache::open(dir.path(), false).old.is_none());
    }

    #[test]
    fn reading_only_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let cache = HighlightCache::open(&dir.path().join("cache"), false);
        cache.get_or("Python", "x = 1\n", make("html"));
        cache.finish();
        assert!(!dir.path().join("cache").exists());
    }
}
