//! `hoclieu build --zip FILE`: the built site as one zip archive, to hand to a school's web host, copy to a
//! USB stick or share through a drive.
//!
//! Pages link to each other relatively and work from file://, so the unzipped folder works wherever it
//! lands. The archive holds one folder named after it (`hoc-lieu.zip` → `hoc-lieu/index.html`), so
//! unzipping never scatters files, and leaves out hoclieu's own bookkeeping files. Entries are sorted and
//! dated 1980-01-01, so the same site makes the same archive, byte for byte.

use std::io::Write;
use std::path::{Path, PathBuf};

use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

use crate::diagnostics::{msg, Problem};

/// Files in an output folder that are hoclieu's bookkeeping, not the site.
const NOT_THE_SITE: &[&str] = &[crate::output::MARKER, crate::output::MANIFEST];

/// Already compressed: stored as they are (deflating them again costs time and saves nothing).
const STORED: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "webp", "avif", "woff", "woff2", "zip", "gz", "mp3", "mp4", "m4a", "webm", "ogg",
    "pdf",
];

/// What [`zip_site`] wrote.
#[derive(Debug)]
pub struct Bundle {
    pub path: PathBuf,
    /// The folder inside the archive.
    pub folder: String,
    pub files: usize,
    pub bytes: u64,
}

/// The folder name inside `zip_path`'s archive: its file name without `.zip`.
pub fn folder_name(zip_path: &Path) -> String {
    let name = zip_path.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = match name.len().checked_sub(4) {
        Some(i) if name.is_char_boundary(i) && name[i..].eq_ignore_ascii_case(".zip") => name[..i].to_string(),
        _ => name,
    };
    if stem.trim().is_empty() {
        "hoclieu-site".to_string()
    } else {
        stem
    }
}

/// Every file of the built site in `site_dir`, by `/`-separated path, sorted.
fn site_files(site_dir: &Path) -> Result<Vec<(String, PathBuf)>, Problem> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(site_dir).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            Problem::new(msg!("e005-cannot-read", file = site_dir.display().to_string(), error = e.to_string()))
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(site_dir) else { continue };
        let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        if NOT_THE_SITE.contains(&rel.as_str()) {
            continue;
        }
        files.push((rel, entry.path().to_path_buf()));
    }
    Ok(files)
}

/// Writes the site built in `site_dir` to the archive `zip_path` (replaced as a whole, never half-written).
pub fn zip_site(site_dir: &Path, zip_path: &Path) -> Result<Bundle, Problem> {
    if !site_dir.join("index.html").is_file() {
        return Err(
            Problem::new(msg!("zip-no-site", folder = site_dir.display().to_string())).hint(msg!("zip-no-site.hint"))
        );
    }
    if let (Ok(site), Some(Ok(dir))) = (
        site_dir.canonicalize(),
        zip_path.parent().map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p }).map(Path::canonicalize),
    ) {
        if dir.starts_with(&site) {
            return Err(Problem::new(msg!(
                "zip-inside",
                zip = zip_path.display().to_string(),
                folder = site_dir.display().to_string()
            ))
            .hint(msg!("zip-inside.hint")));
        }
    }
    let folder = folder_name(zip_path);
    let files = site_files(site_dir)?;
    let tmp = zip_path.with_extension("zip.hoclieu-tmp");
    let io = |path: &Path, e: std::io::Error| {
        Problem::new(msg!("problem-cannot-write", path = path.display().to_string(), error = e.to_string()))
            .hint(msg!("problem-cannot-write.hint"))
    };
    let file = std::fs::File::create(&tmp).map_err(|e| io(&tmp, e))?;
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
    let mut bytes = 0u64;
    let result = (|| {
        for (rel, path) in &files {
            let data = std::fs::read(path).map_err(|e| {
                Problem::new(msg!("e005-cannot-read", file = path.display().to_string(), error = e.to_string()))
            })?;
            let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
            let method =
                if STORED.contains(&ext.as_str()) { CompressionMethod::Stored } else { CompressionMethod::Deflated };
            let options = SimpleFileOptions::default()
                .compression_method(method)
                .last_modified_time(zip::DateTime::default())
                .unix_permissions(0o644)
                .large_file(data.len() as u64 >= u32::MAX as u64);
            zip.start_file(format!("{folder}/{rel}"), options).map_err(|e| io(&tmp, e.into()))?;
            zip.write_all(&data).map_err(|e| io(&tmp, e))?;
            bytes += data.len() as u64;
        }
        let mut out = zip.finish().map_err(|e| io(&tmp, e.into()))?;
        out.flush().map_err(|e| io(&tmp, e))?;
        Ok(())
    })();
    if let Err(p) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(p);
    }
    std::fs::rename(&tmp, zip_path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(zip_path, e)
    })?;
    Ok(Bundle { path: zip_path.to_path_buf(), folder, files: files.len(), bytes })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_zip(path: &Path) -> Vec<(String, Vec<u8>)> {
        let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
        (0..archive.len())
            .map(|i| {
                let mut f = archive.by_index(i).unwrap();
                let mut data = Vec::new();
                std::io::Read::read_to_end(&mut f, &mut data).unwrap();
                (f.name().to_string(), data)
            })
            .collect()
    }

    #[test]
    fn packs_the_site_in_one_folder_without_bookkeeping_and_the_same_each_time() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("public");
        std::fs::create_dir_all(site.join("thcs/bai")).unwrap();
        std::fs::write(site.join("index.html"), "<p>Trang chủ</p>").unwrap();
        std::fs::write(site.join("thcs/bai/index.html"), "<p>Bài</p>").unwrap();
        std::fs::write(site.join("anh.png"), [137u8, 80, 78, 71]).unwrap();
        std::fs::write(site.join(crate::output::MARKER), "").unwrap();
        std::fs::write(site.join(".hoclieu-manifest"), "x").unwrap();
        let zip_path = tmp.path().join("hoc-lieu.zip");
        let b = zip_site(&site, &zip_path).unwrap();
        assert_eq!((b.folder.as_str(), b.files), ("hoc-lieu", 3));
        let entries = read_zip(&zip_path);
        let names: Vec<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["hoc-lieu/anh.png", "hoc-lieu/index.html", "hoc-lieu/thcs/bai/index.html"]);
        assert_eq!(entries[1].1, "<p>Trang chủ</p>".as_bytes());
        let first = std::fs::read(&zip_path).unwrap();
        zip_site(&site, &zip_path).unwrap();
        assert_eq!(std::fs::read(&zip_path).unwrap(), first, "the same site makes the same archive");
        assert!(!tmp.path().join("hoc-lieu.zip.hoclieu-tmp").exists());
    }

    #[test]
    fn refuses_an_empty_folder_and_an_archive_inside_the_site() {
        let tmp = tempfile::tempdir().unwrap();
        let err = zip_site(tmp.path(), &tmp.path().join("../x.zip")).unwrap_err();
        assert!(err.message.contains("holds no built site"), "{err}");
        std::fs::write(tmp.path().join("index.html"), "x").unwrap();
        let err = zip_site(tmp.path(), &tmp.path().join("x.zip")).unwrap_err();
        assert!(err.message.contains("inside the site folder"), "{err}");
        assert_eq!(folder_name(Path::new("/a/.zip")), "hoclieu-site");
    }
}
