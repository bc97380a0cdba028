//! Text helpers shared by slugs, search and quiz grading: Vietnamese-aware folding.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// `String::from_utf8` with a vectorised check: Vietnamese text is mostly multi-byte letters, on which the
/// standard library's check ran at about 350 MB/s (4 % of the CPU time of a build).
pub fn string_from_utf8(bytes: Vec<u8>) -> Option<String> {
    simdutf8::basic::from_utf8(&bytes).ok()?;
    // SAFETY: `bytes` was just checked to be valid UTF-8.
    Some(unsafe { String::from_utf8_unchecked(bytes) })
}

/// NFC-normalises `s` (authors on some systems type decomposed diacritics).
pub fn nfc(s: &str) -> String {
    // Most files are NFC already: check cheaply before composing a copy.
    if is_nfc(s) {
        return s.to_string();
    }
    s.nfc().collect()
}

/// Like [`nfc`], taking ownership so already-normal text is not copied.
pub fn into_nfc(s: String) -> String {
    if is_nfc(&s) {
        s
    } else {
        s.nfc().collect()
    }
}

/// True when `s` is certainly NFC (Unicode's quick check answers "yes"). Characters below U+0300 and the
/// Vietnamese precomposed letters U+1EA0–U+1EF9, nearly all of a lesson, are starters that are NFC on
/// their own, so they are recognised from their bytes and only the runs between them go through the
/// general check, which costs as much per character as tokenising (it was a tenth of loading time).
pub fn is_nfc(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Bytes below 0xCC are ASCII, continuation bytes or the lead bytes of U+0080–U+02FF: always inside
        // a plain character, so one comparison a byte suffices for most of a text.
        if bytes[i] < 0xcc {
            i += 1;
            continue;
        }
        if let Some(n) = plain_char_len(bytes, i) {
            i += n;
            continue;
        }
        // A starter resets the quick check's state, so each run can be checked on its own.
        let start = i;
        while i < bytes.len() && plain_char_len(bytes, i).is_none() {
            i += match bytes[i] {
                0..=0x7f => 1,
                0x80..=0xdf => 2,
                0xe0..=0xef => 3,
                _ => 4,
            };
        }
        let run = &s[start..i];
        if unicode_normalization::is_nfc_quick(run.chars()) != unicode_normalization::IsNormalized::Yes {
            return false;
        }
    }
    true
}

/// The byte length of the character at `i` if it is below U+0300 or in U+1EA0–U+1EF9 (lead bytes below
/// 0xCC encode U+0000–U+02FF).
fn plain_char_len(bytes: &[u8], i: usize) -> Option<usize> {
    match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
        (0..=0x7f, ..) => Some(1),
        (0xc0..=0xcb, ..) => Some(2),
        (0xe1, Some(0xba), Some(0xa0..=0xbf)) | (0xe1, Some(0xbb), Some(0x80..=0xb9)) => Some(3),
        _ => None,
    }
}

/// Removes diacritics and maps `đ`/`Đ` to `d`/`D`, keeping case: "Lừa đảo" → "Lua dao".
/// `đ` is a letter of its own, not `d` plus a mark, so decomposition alone would keep it.
pub fn fold_diacritics(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            other => other,
        })
        .collect()
}

/// Folds diacritics and case: the form used to compare words typed by children.
pub fn fold(s: &str) -> String {
    fold_diacritics(s).to_lowercase()
}

/// A URL- and id-safe slug: "Bắt nạt qua mạng" → "bat-nat-qua-mang": the ASCII letters and digits of the
/// text with its diacritics folded ([`fold`]), each run of anything else one dash.
///
/// It folds one character at a time rather than the whole text (a full normalisation pass sorts combining
/// marks only for them to be dropped): every heading of every page gets an id, and this was over 1 % of a
/// build. The same slug as folding first (tested).
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut dash = false;
    let mut push = |c: char| {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    };
    for c in s.chars() {
        if c.is_ascii() {
            push(c.to_ascii_lowercase());
            continue;
        }
        unicode_normalization::char::decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                let d = match d {
                    'đ' => 'd',
                    'Đ' => 'D',
                    other => other,
                };
                d.to_lowercase().for_each(&mut push);
            }
        });
    }
    out
}

/// The entity for a byte HTML escaping replaces, if it is one of the five.
#[inline]
fn entity(b: u8) -> Option<&'static str> {
    match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        _ => None,
    }
}

/// Calls `run` with `s` in pieces: runs of text that need no escaping, and entities in place of the five
/// bytes that do. Whole runs, not a call per character: templates escape every value they print, and
/// writing byte by byte was several percent of a build.
#[inline]
fn escaped_runs<E>(s: &str, mut run: impl FnMut(&str) -> Result<(), E>) -> Result<(), E> {
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        if let Some(e) = entity(b) {
            // The five are ASCII, so `start..i` and `i + 1` are character boundaries.
            run(s.get(start..i).unwrap_or_default())?;
            run(e)?;
            start = i + 1;
        }
    }
    run(s.get(start..).unwrap_or_default())
}

/// Escapes text for HTML content and attribute values.
pub fn escape_into(out: &mut String, s: &str) {
    let _ = escaped_runs::<()>(s, |piece| {
        out.push_str(piece);
        Ok(())
    });
}

/// [`escape_into`] for a writer: the templates' escape function (`Theme`), so a template's
/// `{{ value }}` is escaped exactly as the pages' own text is.
pub fn escape_to(s: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    escaped_runs(s, |piece| out.write_all(piece.as_bytes()))
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// Whether a fenced block's info string makes it a quiz. Any case counts (```` ```Quiz ````), and spaces
/// around the word: a block shown as code would show children the answers, so a quiz written a little
/// differently is still a quiz.
pub fn is_quiz_fence(info: &str) -> bool {
    info.split_whitespace().next().is_some_and(|w| w.eq_ignore_ascii_case("quiz"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_replaces_the_five_and_keeps_the_rest() {
        let s = "a&b<c>d\"e'f — Tiếng Việt <<&&";
        let want = "a&amp;b&lt;c&gt;d&quot;e&#39;f — Tiếng Việt &lt;&lt;&amp;&amp;";
        assert_eq!(escape(s), want);
        let mut out = Vec::new();
        escape_to(s, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), want);
        // Tera's own escaping, which the templates used before: the same bytes.
        let mut theirs = Vec::new();
        tera::escape_html(s, &mut theirs).unwrap();
        assert_eq!(String::from_utf8(theirs).unwrap(), want);
        assert_eq!(escape(""), "");
        assert_eq!(escape("&"), "&amp;");
    }

    #[test]
    fn quiz_fences_in_any_case_and_with_spaces() {
        for info in ["quiz", "Quiz", "QUIZ", " quiz ", "quiz title=x"] {
            assert!(is_quiz_fence(info), "{info:?}");
        }
        for info in ["", "yaml", "quizz", "quiz-yaml", "my quiz"] {
            assert!(!is_quiz_fence(info), "{info:?}");
        }
    }

    #[test]
    fn utf8_check_agrees_with_the_standard_one() {
        for bytes in [&b"M\xe1\xba\xadt kh\xe1\xba\xa9u"[..], b"", b"\xff", b"\xe1\xba", b"ok\xc0\x80", b"\xed\xa0\x80"]
        {
            assert_eq!(string_from_utf8(bytes.to_vec()), String::from_utf8(bytes.to_vec()).ok(), "{bytes:?}");
        }
    }

    #[test]
    fn folds_vietnamese() {
        assert_eq!(fold("Lừa ĐẢO"), "lua dao");
        assert_eq!(fold_diacritics("Đường"), "Duong");
        // Decomposed input folds the same as composed input.
        assert_eq!(fold("lu\u{300}a"), fold("lừa"));
    }

    #[test]
    fn slugs() {
        assert_eq!(slugify("Bắt nạt qua mạng"), "bat-nat-qua-mang");
        assert_eq!(slugify("  Mật khẩu: bí mật!  "), "mat-khau-bi-mat");
        assert_eq!(slugify("Số 111"), "so-111");
        assert_eq!(slugify("!!!"), "");
        assert_eq!(slugify("ĐÂY là Đường"), "day-la-duong");
        // Decomposed marks, a mark after a space, capitals that lowercase to more than one character, and
        // letters that are not ASCII once folded: the same as folding the whole text first.
        for s in ["lu\u{300}a đa\u{309}o", " \u{301}a", "İstanbul K Ω ǅ", "한국어 ＡＢＣ ﬁ", "Ꮃ ß ẞ ǈ"]
        {
            let by_fold: Vec<String> = fold(s)
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            assert_eq!(slugify(s), by_fold.join("-"), "{s}");
        }
    }

    #[test]
    fn nfc_composes() {
        assert_eq!(nfc("a\u{300}"), "à");
        assert_eq!(into_nfc("Lu\u{300}a – “đảo” …".to_string()), "Lùa – “đảo” …");
    }

    #[test]
    fn nfc_check_agrees_with_the_quick_check() {
        use unicode_normalization::{is_nfc_quick, IsNormalized};
        let samples = [
            "Lừa đảo trực tuyến: Ắ ỹ Ỹ ư Ư",
            "Ω € – “nháy” … 😀",
            "lu\u{300}a",
            "a\u{301}\u{300}",
            "\u{1e9b}\u{323}",
            "Å Å",
            "Khoảng\u{2000}trắng",
            "",
            "日本語の文",
            "Một người bạn tốt trên mạng sẽ không bao giờ ép em",
            "ệ\u{301}",
            "Ư\u{303}x",
            "ˆ\u{300}",
            "a\u{1ea0}\u{323}",
        ];
        for s in samples {
            assert_eq!(is_nfc(s), is_nfc_quick(s.chars()) == IsNormalized::Yes, "{s:?}");
        }
        // Every string of up to three characters from plain letters, the edges of the Vietnamese block,
        // combining marks and other scripts.
        let alphabet = ['a', 'ệ', '\u{301}', '\u{323}', 'Ư', 'ˆ', '日', '\u{1ea0}', '\u{1ef9}', '\u{1efa}', 'đ', 'Ω'];
        for a in alphabet {
            for b in alphabet {
                for c in alphabet {
                    for s in [format!("{a}"), format!("{a}{b}"), format!("{a}{b}{c}")] {
                        assert_eq!(is_nfc(&s), is_nfc_quick(s.chars()) == IsNormalized::Yes, "{s:?}");
                    }
                }
            }
        }
    }
}
