//! Where a large site's page bodies wait, compressed, between loading and rendering: an unnamed
//! temporary file instead of memory.
//!
//! Each page is parsed once (docs/architecture.md) and its [`super::Markup`] kept until every page that
//! shows it is made. On 100,000 lessons those bodies are about 440 MB even compressed, the largest part
//! of the model; held in a file they leave the build's memory to the operating system, which keeps them
//! in its file cache while there is room and can let them go when there is not. Only one-shot builds of
//! large sites spill (`content::analyse`); `serve` keeps its model in memory for the next edit.
//!
//! The file has no name (`tempfile::tempfile`): the system removes it when the build ends, even if the
//! build is killed. If it cannot be made, or a write fails, bodies simply stay in memory. A body that
//! cannot be read back fails the build (E056) rather than publish an empty page.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom, Write};
use std::sync::Mutex;

/// An append-only store of byte blocks in an unnamed temporary file.
#[derive(Debug)]
pub struct Spill {
    /// The file and its length so far. One lock for both: blocks are written once each while loading and
    /// read once or a few times each while rendering, a small share of a page's time.
    file: Mutex<(File, u64)>,
}

/// Where a block is in a [`Spill`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    at: u64,
    len: u32,
}

impl Spill {
    /// A new store, or `None` if no temporary file can be made here (the bodies stay in memory).
    pub fn new() -> Option<Spill> {
        tempfile::tempfile().ok().map(|f| Spill { file: Mutex::new((f, 0)) })
    }

    /// Appends `bytes`; `None` if they could not be written (the caller keeps them).
    pub fn put(&self, bytes: &[u8]) -> Option<Block> {
        let len = u32::try_from(bytes.len()).ok()?;
        let mut guard = self.file.lock().unwrap_or_else(|e| e.into_inner());
        let (file, end) = &mut *guard;
        let at = *end;
        let written = file.seek(SeekFrom::Start(at)).and_then(|_| file.write_all(bytes));
        match written {
            Ok(()) => {
                *end = at + u64::from(len);
                Some(Block { at, len })
            }
            // A partial write is overwritten by the next block: `end` has not moved.
            Err(_) => None,
        }
    }

    /// The bytes of `block`, as [`Spill::put`] was given them.
    pub fn get(&self, block: Block) -> std::io::Result<Vec<u8>> {
        let mut out = vec![0; block.len as usize];
        let mut guard = self.file.lock().unwrap_or_else(|e| e.into_inner());
        let (file, _) = &mut *guard;
        file.seek(SeekFrom::Start(block.at))?;
        file.read_exact(&mut out)?;
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_come_back_as_they_were_put_in_any_order() {
        let spill = Spill::new().expect("a temporary file");
        let texts: Vec<Vec<u8>> = (0..50).map(|i| format!("khối {i} ").repeat(i + 1).into_bytes()).collect();
        let blocks: Vec<Block> = texts.iter().map(|t| spill.put(t).expect("written")).collect();
        for i in (0..50).rev() {
            assert_eq!(spill.get(blocks[i]).unwrap(), texts[i]);
        }
        assert_eq!(spill.get(spill.put(b"").unwrap()).unwrap(), b"");
    }

    #[test]
    fn a_block_past_the_end_is_an_error_not_a_panic() {
        let spill = Spill::new().expect("a temporary file");
        let b = spill.put(b"abc").unwrap();
        assert!(spill.get(Block { at: b.at + 10, len: 3 }).is_err());
    }
}
