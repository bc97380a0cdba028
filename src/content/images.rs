//! The size of the site's image files, read while loading so that every Markdown image of the site can
//! carry `width` and `height`: the browser then keeps the image's place before it has loaded (no layout
//! shift, Lighthouse's `unsized-images`). The Markdown pass only looks sizes up
//! ([`crate::markdown::LinkIndex::image_size`]); renderers never read files.
//!
//! PNG, JPEG, GIF, WebP and AVIF sizes come from the file's header (`imagesize`, which reads a few bytes),
//! turned as the photo's EXIF orientation says (`kamadak-exif`), as browsers show it.
//! An SVG's size comes from its root element: `width` and `height` when they are lengths in absolute units,
//! else its `viewBox` (which gives the picture's proportions; its numbers are taken as pixels), read with
//! an XML parser (`quick-xml`) rather than by looking for text, so that comments, a doctype or attributes
//! in another order cannot fool it. An image whose size cannot be known (an SVG sized in `%` without a
//! `viewBox`) simply has none; a file that cannot be read as the image its name says is warned about
//! (`W007`), since browsers will not show it either.

use std::collections::HashMap;
use std::io::{Read, Seek};
use std::path::Path;

use rayon::prelude::*;

use crate::diagnostics::{msg, Diagnostic, Diagnostics, Text};
use crate::markdown::links::{ImageSize, LinkIndex};

/// The image files whose size is read, by their name's ending (in any capitals).
const RASTER: [&str; 6] = [".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"];

/// How much of an SVG file is read to find its root element: far more than any prolog (declaration,
/// comments, doctype) before it, and little for a large drawing.
const SVG_HEAD: u64 = 64 * 1024;

/// The size of every image under `static/` and `content/` of the site at `root`, by its path relative to the
/// site root. A file in both folders under one path is the one in `static/` (as links resolve it).
pub fn read_sizes(root: &Path, index: &LinkIndex, diags: &Diagnostics) -> HashMap<String, ImageSize> {
    let files: Vec<(&str, &String)> = index
        .content_files
        .iter()
        .map(|r| ("content", r))
        .chain(index.static_files.iter().map(|r| ("static", r)))
        .filter(|(_, rel)| is_image(rel))
        .collect();
    let sizes: Vec<Option<(String, ImageSize)>> = files
        .par_iter()
        .map(|(dir, rel)| match read_size(&root.join(dir).join(rel)) {
            Ok(size) => size.map(|s| (rel.to_string(), s)),
            Err(why) => {
                diags.push(
                    Diagnostic::warning("W007", msg!("w007-not-an-image", file = format!("{dir}/{rel}"), reason = why))
                        .hint(msg!("w007-not-an-image.hint")),
                );
                None
            }
        })
        .collect();
    // `static/` comes last in `files`, so its size is the one kept.
    sizes.into_iter().flatten().collect()
}

/// Whether a file of the site is an image by its name: one list for its size and for W004.
pub(crate) fn is_image(rel: &str) -> bool {
    let lower = rel.to_ascii_lowercase();
    lower.ends_with(".svg") || RASTER.iter().any(|e| lower.ends_with(e))
}

/// The size of the image file at `path`: `Ok(None)` when the file gives none (an SVG without usable
/// `width`/`height` or `viewBox`), `Err` with the reason when it is not the image it should be (in the
/// catalogue, or the system's own words for a file that cannot be read).
pub fn read_size(path: &Path) -> Result<Option<ImageSize>, Text> {
    let is_svg = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("svg"));
    if is_svg {
        let mut head = Vec::new();
        let file = std::fs::File::open(path).map_err(|e| Text::from(e.to_string()))?;
        file.take(SVG_HEAD).read_to_end(&mut head).map_err(|e| Text::from(e.to_string()))?;
        let whole = (head.len() as u64) < SVG_HEAD;
        return svg_size(&String::from_utf8_lossy(&head), whole);
    }
    match imagesize::size(path) {
        // Browsers turn a photo as its EXIF orientation says (`image-orientation: from-image`): a portrait
        // photo stored landscape, with orientation 5–8, is shown with its width and height swapped.
        Ok(s) if matches!(exif_orientation(path), Some(5..=8)) => Ok(pixels(s.height as f64, s.width as f64)),
        Ok(s) => Ok(pixels(s.width as f64, s.height as f64)),
        Err(imagesize::ImageError::NotSupported) => Err(msg!("w007-not-an-image.unknown-format")),
        Err(imagesize::ImageError::CorruptedImage) => Err(msg!("w007-not-an-image.damaged")),
        Err(imagesize::ImageError::IoError(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            Err(msg!("w007-not-an-image.cut-short"))
        }
        Err(imagesize::ImageError::IoError(e)) => Err(e.to_string().into()),
    }
}

/// The EXIF orientation (1–8) of a photo, when it has one. Only JPEG, WebP and HEIF files are asked: the
/// formats cameras and phones write. The reader walks a PNG's chunks to its end looking for EXIF, which
/// would read every drawing of the site in full on every build.
fn exif_orientation(path: &Path) -> Option<u32> {
    let mut file = std::io::BufReader::new(std::fs::File::open(path).ok()?);
    let mut magic = [0u8; 12];
    file.read_exact(&mut magic).ok()?;
    let photo = magic.starts_with(&[0xFF, 0xD8, 0xFF])
        || (magic.starts_with(b"RIFF") && magic.get(8..12) == Some(b"WEBP".as_slice()))
        || magic.get(4..8) == Some(b"ftyp".as_slice());
    if !photo {
        return None;
    }
    file.seek(std::io::SeekFrom::Start(0)).ok()?;
    let exif = exif::Reader::new().read_from_container(&mut file).ok()?;
    exif.get_field(exif::Tag::Orientation, exif::In::PRIMARY)?.value.get_uint(0)
}

/// The size an SVG document gives its picture, from its root element. `whole` says whether `text` is the
/// whole file (else the root element may lie beyond what was read, which is no error).
pub fn svg_size(text: &str, whole: bool) -> Result<Option<ImageSize>, Text> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    let root = loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => break e,
            Ok(Event::Eof) if whole => return Err(msg!("w007-not-an-image.no-svg")),
            Ok(Event::Eof) => return Ok(None),
            Ok(_) => {}
            Err(_) if !whole => return Ok(None),
            Err(e) => return Err(msg!("w007-not-an-image.not-xml", error = e.to_string())),
        }
    };
    if root.local_name().as_ref() != "svg" {
        let element = root.name().as_ref().to_string();
        return Err(msg!("w007-not-an-image.svg-root", element = element));
    }
    let (mut width, mut height, mut view_box) = (None, None, None);
    for attr in root.attributes().flatten() {
        let value = &attr.value;
        match attr.key.local_name().as_ref() {
            "width" => width = length(value),
            "height" => height = length(value),
            "viewBox" => view_box = ratio(value),
            _ => {}
        }
    }
    // As a browser sizes an `<img>` of it: the lengths given, the missing one from the viewBox's proportions.
    Ok(match (width, height, view_box) {
        (Some(w), Some(h), _) => pixels(w, h),
        (Some(w), None, Some((vw, vh))) => pixels(w, w * vh / vw),
        (None, Some(h), Some((vw, vh))) => pixels(h * vw / vh, h),
        (None, None, Some((vw, vh))) => pixels(vw, vh),
        _ => None,
    })
}

/// An SVG length in CSS pixels: a number with no unit, `px` or an absolute unit. Relative units (`%`,
/// `em`…) depend on where the picture is shown: `None`.
fn length(value: &str) -> Option<f64> {
    let value = value.trim();
    let unit_at = value.find(|c: char| c.is_ascii_alphabetic() || c == '%').unwrap_or(value.len());
    let number: f64 = value.get(..unit_at)?.trim().parse().ok()?;
    let per_unit = match value.get(unit_at..)?.trim() {
        "" | "px" => 1.0,
        "in" => 96.0,
        "cm" => 96.0 / 2.54,
        "mm" => 96.0 / 25.4,
        "pt" => 96.0 / 72.0,
        "pc" => 16.0,
        _ => return None,
    };
    Some(number * per_unit).filter(|n| n.is_finite() && *n > 0.0)
}

/// A `viewBox`'s width and height (`min-x min-y width height`, by spaces or commas), both positive.
fn ratio(value: &str) -> Option<(f64, f64)> {
    let numbers: Vec<f64> = value
        .split([' ', ',', '\t', '\n', '\r'])
        .filter(|s| !s.is_empty())
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    match numbers.as_slice() {
        [_, _, w, h] if w.is_finite() && h.is_finite() && *w > 0.0 && *h > 0.0 => Some((*w, *h)),
        _ => None,
    }
}

/// Whole pixels, at least 1, for sizes a page can use (a 0 or absurd size is no size).
fn pixels(width: f64, height: f64) -> Option<ImageSize> {
    let px = |n: f64| (n.is_finite() && (0.5..=100_000.0).contains(&n)).then(|| n.round() as u32);
    Some(ImageSize { width: px(width)?, height: px(height)? })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size(width: u32, height: u32) -> Option<ImageSize> {
        Some(ImageSize { width, height })
    }

    #[test]
    fn svg_sizes_from_width_height_or_view_box() {
        let svg =
            |attrs: &str| svg_size(&format!("<svg xmlns=\"http://www.w3.org/2000/svg\" {attrs}><g/></svg>"), true);
        assert_eq!(svg("viewBox=\"0 0 240 280\" width=\"240\" height=\"280\""), Ok(size(240, 280)));
        assert_eq!(svg("width=\"120px\" height=\"80.4\""), Ok(size(120, 80)));
        assert_eq!(svg("viewBox=\"0,0,24,12\""), Ok(size(24, 12)), "commas, and no width: the viewBox");
        assert_eq!(svg("width=\"300\" viewBox=\"0 0 200 100\""), Ok(size(300, 150)), "height from the ratio");
        assert_eq!(svg("height=\"1in\" viewBox=\"0 0 2 1\""), Ok(size(192, 96)));
        assert_eq!(svg("width=\"100%\" height=\"100%\" viewBox=\"0 0 50 40\""), Ok(size(50, 40)));
        assert_eq!(svg("width=\"100%\" height=\"2em\""), Ok(None), "relative units and no viewBox: no size");
        assert_eq!(svg("viewBox=\"0 0 0 10\""), Ok(None));
        assert_eq!(svg("width=\"-5\" height=\"10\""), Ok(None));
        assert_eq!(svg(""), Ok(None));
    }

    #[test]
    fn svg_root_after_a_prolog_and_with_a_prefix() {
        let text = "<?xml version=\"1.0\"?>\n<!-- vẽ bằng tay -->\n<!DOCTYPE svg>\n<svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"20\"/>";
        assert_eq!(svg_size(text, true), Ok(size(10, 20)));
    }

    #[test]
    fn broken_svg_is_an_error_unless_cut_short() {
        let why = svg_size("<html><body/></html>", true).unwrap_err();
        assert!(why.render(crate::diagnostics::Lang::En).contains("its root element is <html>"), "{why:?}");
        assert!(why.render(crate::diagnostics::Lang::Vi).contains("thẻ ngoài cùng của tệp là <html>"), "{why:?}");
        assert!(svg_size("", true).is_err());
        assert!(svg_size("<svg width=\"10\" height=\"10", true).is_err());
        assert_eq!(svg_size("<!-- a very long comment", false), Ok(None), "the root may lie after what was read");
    }

    #[test]
    fn raster_sizes_from_headers_and_broken_files() {
        let dir = std::env::temp_dir().join(format!("hoclieu-images-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // A 3 × 2 PNG header (signature, IHDR length and type, width, height); the rest is not needed.
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend_from_slice(&3u32.to_be_bytes());
        png.extend_from_slice(&2u32.to_be_bytes());
        png.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
        std::fs::write(dir.join("a.PNG"), &png).unwrap();
        // A GIF header: 5 × 7.
        std::fs::write(dir.join("b.gif"), b"GIF89a\x05\0\x07\0\0\0\0").unwrap();
        std::fs::write(dir.join("c.png"), b"this is not a picture at all").unwrap();
        std::fs::write(dir.join("d.jpg"), b"").unwrap();
        std::fs::write(dir.join("e.svg"), "<svg width=\"4\" height=\"6\"></svg>").unwrap();
        assert_eq!(read_size(&dir.join("a.PNG")), Ok(size(3, 2)));
        assert_eq!(read_size(&dir.join("b.gif")), Ok(size(5, 7)));
        assert!(read_size(&dir.join("c.png")).is_err());
        assert!(read_size(&dir.join("d.jpg")).is_err());
        assert_eq!(read_size(&dir.join("e.svg")), Ok(size(4, 6)));
        // A JPEG stored 3 × 2 whose EXIF orientation (6) turns it a quarter: shown 2 × 3.
        let jpeg = |orientation: u8| {
            let mut b = b"\xff\xd8\xff\xe1\0\x22Exif\0\0MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0".to_vec();
            b.extend_from_slice(&[orientation, 0, 0, 0, 0, 0, 0]);
            b.extend_from_slice(b"\xff\xc0\0\x11\x08\0\x02\0\x03\x03\x01\x22\0\x02\x11\x01\x03\x11\x01\xff\xd9");
            b
        };
        std::fs::write(dir.join("f.jpg"), jpeg(6)).unwrap();
        std::fs::write(dir.join("g.jpeg"), jpeg(1)).unwrap();
        assert_eq!(read_size(&dir.join("f.jpg")), Ok(size(2, 3)));
        assert_eq!(read_size(&dir.join("g.jpeg")), Ok(size(3, 2)));

        let mut index = LinkIndex::default();
        index.static_files.extend(["a.PNG", "c.png", "notes.txt"].map(String::from));
        index.content_files.extend(["b.gif", "e.svg"].map(String::from));
        let moved = |from: &str, to: &str| std::fs::rename(dir.join(from), dir.join(to)).unwrap();
        std::fs::create_dir_all(dir.join("static")).unwrap();
        std::fs::create_dir_all(dir.join("content")).unwrap();
        for f in ["a.PNG", "c.png"] {
            moved(f, &format!("static/{f}"));
        }
        for f in ["b.gif", "e.svg"] {
            moved(f, &format!("content/{f}"));
        }
        let diags = Diagnostics::new();
        let sizes = read_sizes(&dir, &index, &diags);
        assert_eq!(sizes.len(), 3, "{sizes:?}");
        assert_eq!(sizes.get("a.PNG").copied(), size(3, 2));
        assert_eq!(sizes.get("e.svg").copied(), size(4, 6));
        let warnings: Vec<String> = diags.sorted().into_iter().map(|d| format!("{} {}", d.code, d.message)).collect();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].starts_with("W007 static/c.png cannot be read as an image"), "{warnings:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
