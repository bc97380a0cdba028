//! Sample text that `hoclieu new` writes (src/scaffold/*.md) and that must not reach a published page.
//! It lives here, with validation, so that `scaffold` (which writes it) and `content` (which looks for it)
//! share one list without `content` depending on the commands above it.

use crate::diagnostics::{msg, Diagnostic, SourceFile};

/// Sample text that `hoclieu new lesson` and `hoclieu new level` write for the author to replace: whole
/// lines, as written (a line the author changed at all is theirs). None of it belongs in a published page.
pub const PLACEHOLDERS: &[&str] = &[
    "title: Bài học mới",
    "summary: Học xong bài này, em biết …",
    "- Em biết …",
    "Viết nội dung bài ở đây. Mỗi đoạn cách nhau một dòng trống; `## ` mở một mục mới; `**chữ đậm**` để nhấn mạnh.",
    "- Điều em cần nhớ nhất.",
    "Phần dành cho thầy cô: thời gian gợi ý cho từng hoạt động, câu hỏi thảo luận, điều cần lưu ý.",
    "Phần dành cho cha mẹ: một hai việc nhỏ cả nhà làm cùng nhau.",
    "- q: Viết câu hỏi ở đây?",
    "- text: Đáp án chưa đúng",
    "feedback: Giải thích vì sao đáp án này chưa đúng.",
    "explain: Giải thích đáp án đúng.",
    "summary: Viết một câu giới thiệu cấp học ở đây.",
    "Viết vài dòng giới thiệu cấp học: các em ở tuổi nào, dùng thiết bị số ra sao, các bài học giúp gì.",
];

/// `W005` when a page still holds sample text from `hoclieu new` (see [`PLACEHOLDERS`]): at the first
/// one, counting the others. For published pages only: a draft is expected to hold it.
///
/// Content validation calls it for every lesson and level in the build that is not a draft.
pub fn placeholder_warning(file: &SourceFile) -> Option<Diagnostic> {
    let text: &str = &file.text;
    let mut found: Vec<(usize, &str)> = Vec::new();
    // Every page's every line is looked at: lines are found with `memchr` (a `split` by character cost
    // about 1 % of a build), and a line shorter than every placeholder is not compared.
    let shortest = PLACEHOLDERS.iter().map(|p| p.len()).min().unwrap_or(0);
    let mut pos = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1).chain([text.len()]);
    for end in ends {
        // `pos` and `end` are each 0, the text's length or just after a newline: character boundaries.
        let line = text.get(pos..end).unwrap_or_default();
        if line.len() >= shortest {
            let trimmed = line.trim();
            if let Some(p) = PLACEHOLDERS.iter().find(|p| trimmed == **p) {
                found.push((pos + (line.len() - line.trim_start().len()), p));
            }
        }
        pos = end;
    }
    let (at, first) = *found.first()?;
    // The text as the reader sees it: without the list dash and the YAML key.
    let item = first.trim_start_matches("- ");
    let shown = match item.split_once(": ") {
        Some((key, value)) if ["title", "summary", "q", "text", "feedback", "explain"].contains(&key) => value,
        _ => item,
    };
    let more = found.len() - 1;
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    Some(
        Diagnostic::warning("W005", msg!("w005-sample-text", text = shown, more = more))
            .at(file, at..end)
            .hint(msg!("w005-sample-text.hint")),
    )
}
