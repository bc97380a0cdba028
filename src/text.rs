//! Text helpers shared by slugs, search and quiz grading: Vietnamese-aware folding.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// NFC-normalises `s` (authors on some systems type decomposed diacritics).
pub fn nfc(s: &str) -> String {
    // Most files are NFC already: check cheaply before composing a copy.
    if unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        return s.to_string();
    }
    s.nfc().collect()
}

/// Like [`nfc`], taking ownership so already-normal text is not copied.
pub fn into_nfc(s: String) -> String {
    if unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        s
    } else {
        s.nfc().collect()
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

/// A URL- and id-safe slug: "Bắt nạt qua mạng" → "bat-nat-qua-mang".
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut dash = false;
    for c in fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }

    #[test]
    fn nfc_composes() {
        assert_eq!(nfc("a\u{300}"), "à");
    }
}
