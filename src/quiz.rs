//! Quizzes: ```quiz blocks of YAML inside lessons. Parsing and validation live here; the
//! lesson's HTML form and the data the worksheet/answer-key templates read are made from the
//! validated [`Quiz`], so nothing downstream sees an invalid quiz.

use std::ops::Range;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostics::{msg, Diagnostic, SourceFile, Text};

/// Every key of a quiz, its questions and options: serde names only the unknown key, not its level.
const QUIZ_FIELDS: &[&str] = &[
    "title",
    "pass",
    "shuffle",
    "questions",
    "q",
    "type",
    "options",
    "answer",
    "items",
    "pairs",
    "accept",
    "fold_diacritics",
    "explain",
    "image",
    "alt",
    "text",
    "correct",
    "feedback",
];

/// How a child answers a question, and so how the form draws it and how quiz.js reads and grades it.
/// Several types may share one: `true-false` is answered like `single`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Answering {
    /// One of a list of options (radio buttons).
    ChooseOne,
    /// Every right option of a list (checkboxes).
    ChooseAll,
    /// Items put in order (a position per item; ↑/↓ buttons with JavaScript).
    Order,
    /// A right-hand side chosen for each left-hand side.
    Match,
    /// A typed answer.
    Type,
}

/// One row per question type: everything about a type that is not its own data. Parsing (names,
/// inference, stray fields), the worksheet's limits, the form and the grading read it from here;
/// docs/architecture.md says how to add a type.
#[derive(Debug)]
pub struct KindInfo {
    /// The name authors write in `type:`; also the form's `data-type` and the worksheet's `q.type`.
    pub name: &'static str,
    /// The question fields that belong to this type: written in another type, they are an error (Q011).
    pub fields: &'static [&'static str],
    /// Without `type:`, a question that has this field is of this type (the first such row wins);
    /// one with none of them is `multiple` with several correct options, else `single`.
    pub implied_by: Option<&'static str>,
    pub answering: Answering,
    /// The i18n key of the instruction the form shows before the controls, if the type has one.
    pub hint: Option<&'static str>,
    /// What the worksheet letters A–Z (Q014 names it), if anything.
    pub lettered: Option<&'static str>,
}

/// The question types, in the order the docs list them.
pub static KINDS: &[KindInfo] = &[
    KindInfo {
        name: "single",
        fields: &["options"],
        implied_by: None,
        answering: Answering::ChooseOne,
        hint: None,
        lettered: Some("options"),
    },
    KindInfo {
        name: "multiple",
        fields: &["options"],
        implied_by: None,
        answering: Answering::ChooseAll,
        hint: Some("quiz_choose_all"),
        lettered: Some("options"),
    },
    KindInfo {
        name: "true-false",
        fields: &["answer"],
        implied_by: Some("answer"),
        answering: Answering::ChooseOne,
        hint: None,
        lettered: None,
    },
    KindInfo {
        name: "order",
        fields: &["items"],
        implied_by: Some("items"),
        answering: Answering::Order,
        hint: Some("quiz_order_hint"),
        lettered: None,
    },
    KindInfo {
        name: "match",
        fields: &["pairs"],
        implied_by: Some("pairs"),
        answering: Answering::Match,
        hint: None,
        lettered: Some("pairs"),
    },
    KindInfo {
        name: "text",
        fields: &["accept", "fold_diacritics"],
        implied_by: Some("accept"),
        answering: Answering::Type,
        hint: None,
        lettered: None,
    },
];

/// The row of the type named `name`.
pub fn kind_info(name: &str) -> Option<&'static KindInfo> {
    KINDS.iter().find(|k| k.name == name)
}

/// A quiz: the YAML inside a ```` ```quiz ```` block of a lesson. (Bài kiểm tra nhanh trong bài học.)
///
/// The doc comments here are the descriptions of `hoclieu schema`'s `quiz.schema.json`, which editors
/// show while an author types: they are written for authors.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "quiz block")]
struct QuizSpec {
    /// The quiz's heading [default: the theme's "Kiểm tra nhanh"]. (Tiêu đề.)
    title: Option<String>,
    /// The percentage of right answers that passes, 0–100 [default: 70]. (Tỉ lệ đạt, %.)
    #[schemars(range(min = 0, max = 100))]
    pass: Option<i64>,
    /// `true` shows the questions in a different order each time. (Xáo trộn câu hỏi.)
    #[serde(default)]
    shuffle: bool,
    /// The questions, at least one. (Các câu hỏi.)
    #[serde(default)]
    #[schemars(length(min = 1))]
    questions: Vec<QuestionSpec>,
}

/// One question. Its `type` may be left out when the fields say it: `answer` (true-false), `items`
/// (order), `pairs` (match), `accept` (text), `options` (single or multiple by how many are correct).
/// (Một câu hỏi.)
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct QuestionSpec {
    /// The question (inline Markdown). Required. (Câu hỏi.)
    q: String,
    /// `single` (one right option), `multiple` (several), `true-false`, `order` (put `items` in order),
    /// `match` (match `pairs`), `text` (type the answer). (Loại câu hỏi.)
    #[serde(rename = "type")]
    #[schemars(extend("enum" = ["single", "multiple", "true-false", "order", "match", "text", null]))]
    kind: Option<String>,
    /// The options to choose from (`single`, `multiple`), at least two. (Các lựa chọn.)
    options: Option<Vec<OptionSpec>>,
    /// The right answer of a `true-false` question: `true` (Đúng) or `false` (Sai).
    answer: Option<bool>,
    /// The items of an `order` question, in the right order; children see them shuffled.
    /// (Các mục, viết theo thứ tự đúng.)
    items: Option<Vec<String>>,
    /// The pairs of a `match` question, each `[left, right]`; children see the right sides shuffled.
    /// (Các cặp ghép: `[trái, phải]`.)
    pairs: Option<Vec<(String, String)>>,
    /// The accepted answers of a `text` question. (Các đáp án được chấp nhận.)
    accept: Option<Vec<String>>,
    /// `text` questions: `true` also accepts an answer typed without diacritics ("mat khau" for "mật khẩu").
    /// (Chấp nhận câu trả lời không dấu.)
    fold_diacritics: Option<bool>,
    /// Shown after answering: why the answer is right (inline Markdown). (Giải thích.)
    explain: Option<String>,
    /// An image for the question, like a Markdown image's path. Needs `alt`. (Hình minh họa.)
    image: Option<String>,
    /// What the image shows, for children who cannot see it. (Mô tả hình.)
    alt: Option<String>,
}

impl QuestionSpec {
    /// The type-specific fields written in this question (those some [`KindInfo::fields`] lists).
    fn present_fields(&self) -> Vec<&'static str> {
        [
            ("options", self.options.is_some()),
            ("answer", self.answer.is_some()),
            ("items", self.items.is_some()),
            ("pairs", self.pairs.is_some()),
            ("accept", self.accept.is_some()),
            ("fold_diacritics", self.fold_diacritics.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, present)| present.then_some(name))
        .collect()
    }
}

/// One option of a `single` or `multiple` question. (Một lựa chọn.)
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct OptionSpec {
    /// The option's text (inline Markdown). Required. (Nội dung lựa chọn.)
    text: String,
    /// `true` for a right option. (Đáp án đúng.)
    #[serde(default)]
    correct: bool,
    /// Shown when this option is chosen. (Phản hồi khi chọn.)
    feedback: Option<String>,
}

/// The JSON Schema of a quiz block's YAML (`hoclieu schema`), from the types the parser reads.
pub fn schema_with(settings: schemars::generate::SchemaSettings) -> schemars::Schema {
    settings.into_generator().into_root_schema_for::<QuizSpec>()
}

#[derive(Debug, Clone, Serialize)]
pub struct Quiz {
    pub title: Option<String>,
    pub pass: u8,
    pub shuffle: bool,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Question {
    /// Inline Markdown source.
    pub text: String,
    pub kind: Kind,
    pub explain: Option<String>,
    /// Image URL as written (resolved like any Markdown image) and its alt text.
    pub image: Option<(String, String)>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Kind {
    Single { options: Vec<Choice> },
    Multiple { options: Vec<Choice> },
    TrueFalse { answer: bool },
    Order { items: Vec<String> },
    Match { pairs: Vec<(String, String)> },
    Text { accept: Vec<String>, fold_diacritics: bool },
}

#[derive(Debug, Clone, Serialize)]
pub struct Choice {
    pub text: String,
    pub correct: bool,
    pub feedback: Option<String>,
}

impl Kind {
    /// This type's row of [`KINDS`].
    pub fn info(&self) -> &'static KindInfo {
        let i = match self {
            Kind::Single { .. } => 0,
            Kind::Multiple { .. } => 1,
            Kind::TrueFalse { .. } => 2,
            Kind::Order { .. } => 3,
            Kind::Match { .. } => 4,
            Kind::Text { .. } => 5,
        };
        &KINDS[i]
    }

    pub fn name(&self) -> &'static str {
        self.info().name
    }

    /// How many things of this question the worksheet letters A–Z.
    fn lettered_len(&self) -> usize {
        match self {
            Kind::Single { options } | Kind::Multiple { options } => options.len(),
            Kind::Match { pairs } => pairs.len(),
            Kind::TrueFalse { .. } | Kind::Order { .. } | Kind::Text { .. } => 0,
        }
    }
}

/// Parses and validates one quiz block. `yaml` starts at byte `base` of `file`.
/// Returns the quiz only when it has no error; every problem is pushed to `errors`.
pub fn parse(file: &SourceFile, yaml: &str, base: usize, errors: &mut Vec<Diagnostic>) -> Option<Quiz> {
    let spec: QuizSpec = match crate::yaml::parse(file, yaml, base, "Q001", msg!("where-quiz"), QUIZ_FIELDS) {
        Ok(s) => s,
        Err(d) => {
            errors.push(d.hint_if_none(msg!("q001-question-fields")));
            return None;
        }
    };
    let before = errors.len();
    let block = base..base + yaml.len();
    let at = |needle: &str, from: usize| locate(file, &block, needle, from);
    if spec.questions.is_empty() {
        errors.push(
            Diagnostic::error("Q002", msg!("q002-no-questions"))
                .at(file, block.start..block.start)
                .hint(msg!("q002-no-questions.hint")),
        );
    }
    let pass = match spec.pass {
        None => 70,
        Some(p @ 0..=100) => p as u8,
        Some(p) => {
            errors.push(
                Diagnostic::error("Q012", msg!("q012-pass", value = p))
                    .at(file, at("pass:", block.start))
                    .hint(msg!("q012-pass.hint")),
            );
            70
        }
    };
    let mut questions = Vec::new();
    let mut cursor = block.start;
    for spec in spec.questions {
        let span = at(&spec.q, cursor);
        cursor = span.end;
        if let Some(q) = question(file, spec, span.clone(), &at, errors) {
            errors.extend(check_question(file, &q, span));
            questions.push(q);
        }
    }
    // A link to a script is an error, HTML shown as text only a warning: the quiz stays valid then.
    errors.extend(crate::sanitize::yaml::check_fields(file, block));
    let valid = !errors[before..].iter().any(|d| d.severity == crate::diagnostics::Severity::Error);
    valid.then_some(Quiz { title: spec.title, pass, shuffle: spec.shuffle, questions })
}

trait HintIfNone {
    fn hint_if_none(self, hint: Text) -> Self;
}

impl HintIfNone for Diagnostic {
    fn hint_if_none(self, hint: Text) -> Self {
        if self.hint.is_some() {
            self
        } else {
            self.hint(hint)
        }
    }
}

fn question(
    file: &SourceFile,
    s: QuestionSpec,
    span: Range<usize>,
    at: &dyn Fn(&str, usize) -> Range<usize>,
    errors: &mut Vec<Diagnostic>,
) -> Option<Question> {
    let err = |code, message: Text, hint: Text| Diagnostic::error(code, message).at(file, span.clone()).hint(hint);
    let n_correct = s.options.as_ref().map_or(0, |o| o.iter().filter(|o| o.correct).count());
    let present = s.present_fields();
    let kind_name = match s.kind.as_deref() {
        Some(k) => k.to_string(),
        None => KINDS
            .iter()
            .find(|k| k.implied_by.is_some_and(|f| present.contains(&f)))
            .map_or(if n_correct > 1 { "multiple" } else { "single" }, |k| k.name)
            .into(),
    };
    let Some(info) = kind_info(&kind_name) else {
        let names: Vec<&str> = KINDS.iter().map(|k| k.name).collect();
        let hint = match crate::diagnostics::did_you_mean(&kind_name, &names) {
            Some(t) => msg!("q003-unknown-type.suggest", kind = t),
            None => msg!("q003-unknown-type.known", kinds = names.join(", ")),
        };
        errors.push(err("Q003", msg!("q003-unknown-type", kind = &kind_name), hint));
        return None;
    };
    // Fields that belong to another type are mistakes worth telling: the author expects them to matter.
    let stray: Vec<&str> = present.iter().copied().filter(|f| !info.fields.contains(f)).collect();
    if !stray.is_empty() {
        errors.push(err(
            "Q011",
            msg!("q011-stray-field", fields = stray.join("`, `"), kind = &kind_name),
            msg!("q011-stray-field.hint"),
        ));
    }
    let image = match (s.image, s.alt) {
        (Some(src), Some(alt)) if !alt.trim().is_empty() => Some((src, alt)),
        (Some(_), _) => {
            errors.push(err("Q013", msg!("q013-image-alt"), msg!("q013-image-alt.hint")));
            None
        }
        (None, _) => None,
    };
    let kind = match kind_name.as_str() {
        "single" | "multiple" => {
            let options = s.options.unwrap_or_default();
            if options.len() < 2 {
                errors.push(err(
                    "Q006",
                    msg!("q006-two-options", kind = &kind_name, count = options.len()),
                    msg!("q006-two-options.hint"),
                ));
                return None;
            }
            if let Some(dup) = first_duplicate(options.iter().map(|o| o.text.as_str())) {
                errors.push(
                    Diagnostic::error("Q008", msg!("q008-same-option", option = dup))
                        .at(file, {
                            let r = at(&format!("text: {dup}"), span.start);
                            if r.is_empty() {
                                at(dup, span.end)
                            } else {
                                r
                            }
                        })
                        .hint(msg!("q008-same-option.hint")),
                );
            }
            if n_correct == 0 {
                errors.push(err("Q004", msg!("q004-no-correct"), msg!("q004-no-correct.hint")));
            } else if kind_name == "single" && n_correct > 1 {
                errors.push(err("Q005", msg!("q005-one-correct", count = n_correct), msg!("q005-one-correct.hint")));
            }
            let options = options
                .into_iter()
                .map(|o| Choice { text: o.text, correct: o.correct, feedback: o.feedback })
                .collect();
            if kind_name == "single" {
                Kind::Single { options }
            } else {
                Kind::Multiple { options }
            }
        }
        "true-false" => match s.answer {
            Some(answer) => Kind::TrueFalse { answer },
            None => {
                errors.push(err("Q010", msg!("q010-true-false-answer"), msg!("q010-true-false-answer.hint")));
                return None;
            }
        },
        "order" => {
            let items = s.items.unwrap_or_default();
            if items.len() < 2 {
                errors.push(err("Q007", msg!("q007-two-items", count = items.len()), msg!("q007-two-items.hint")));
                return None;
            }
            if let Some(dup) = first_duplicate(items.iter().map(String::as_str)) {
                errors.push(err("Q008", msg!("q008-same-item", item = dup), msg!("q008-same-item.hint")));
            }
            Kind::Order { items }
        }
        "match" => {
            let pairs = s.pairs.unwrap_or_default();
            if pairs.len() < 2 {
                errors.push(err("Q010", msg!("q010-two-pairs", count = pairs.len()), msg!("q010-two-pairs.hint")));
                return None;
            }
            if let Some(dup) = first_duplicate(pairs.iter().map(|p| p.0.as_str()))
                .or_else(|| first_duplicate(pairs.iter().map(|p| p.1.as_str())))
            {
                errors.push(err("Q008", msg!("q008-same-pair", side = dup), msg!("q008-same-pair.hint")));
            }
            Kind::Match { pairs }
        }
        _ => {
            let accept: Vec<String> =
                s.accept.unwrap_or_default().into_iter().filter(|a| !a.trim().is_empty()).collect();
            if accept.is_empty() {
                errors.push(err("Q009", msg!("q009-no-accepted"), msg!("q009-no-accepted.hint")));
                return None;
            }
            Kind::Text { accept, fold_diacritics: s.fold_diacritics.unwrap_or(true) }
        }
    };
    Some(Question { text: s.q, kind, explain: s.explain, image })
}

fn first_duplicate<'a>(items: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut seen = std::collections::HashSet::new();
    items.into_iter().find(|t| !seen.insert(crate::text::fold(t.trim())))
}

/// The span of `needle`'s first line in the block after `from`, or the block's start.
fn locate(file: &SourceFile, block: &Range<usize>, needle: &str, from: usize) -> Range<usize> {
    let needle = needle.lines().next().unwrap_or("").trim();
    let from = from.clamp(block.start, block.end);
    let hay = &file.text[from..block.end];
    match (!needle.is_empty()).then(|| hay.find(needle)).flatten() {
        Some(i) => from + i..from + i + needle.len(),
        None => block.start..block.start,
    }
}

/// A deterministic, never-identity permutation of `0..n`, so a printed or no-JS order question
/// does not show the answer, and the page is the same on every build.
pub fn scramble(n: usize, seed: &str) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    let mut state = xxhash_rust::xxh3::xxh3_64(seed.as_bytes()) | 1;
    for i in (1..n).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        idx.swap(i, (state % (i as u64 + 1)) as usize);
    }
    if n > 1 && idx.iter().enumerate().all(|(i, v)| i == *v) {
        idx.rotate_left(1);
    }
    idx
}

// Limits of what the theme can show, checked here so that an author gets the lesson's file and line
// rather than a template error (E093) about no lesson.

/// Worksheets and answer keys letter the options of a question, and the right-hand sides of a
/// match question, from A to Z (`letters` in `_quiz_questions.html`).
pub const MAX_LETTERED: usize = 26;

/// The error (Q014) for a question with more lettered options than the worksheet has letters.
pub fn check_question(file: &SourceFile, q: &Question, span: Range<usize>) -> Option<Diagnostic> {
    let what = q.kind.info().lettered?;
    let n = q.kind.lettered_len();
    (n > MAX_LETTERED).then(|| {
        Diagnostic::error("Q014", msg!("q014-too-many", count = n, what = what, max = MAX_LETTERED))
            .at(file, span)
            .hint(msg!("q014-too-many.hint"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn parse_str(body: &str) -> (Option<Quiz>, Vec<Diagnostic>, SourceFile) {
        let text = format!("---\ntitle: x\n---\n\n```quiz\n{body}```\n");
        let file = SourceFile::new(Path::new("/s"), Path::new("/s/content/a/b.md"), text);
        let base = file.text.find("```quiz\n").unwrap() + 8;
        let end = file.text.rfind("```").unwrap();
        let mut errors = Vec::new();
        let yaml = file.text[base..end].to_string();
        let q = parse(&file, &yaml, base, &mut errors);
        (q, errors, file)
    }

    fn codes(body: &str) -> Vec<(&'static str, usize)> {
        parse_str(body).1.iter().map(|d| (d.code, d.line)).collect()
    }

    #[test]
    fn parses_every_type_from_the_issue() {
        let (q, errors, _) = parse_str(
            "questions:\n  - q: A?\n    options:\n      - text: x\n        feedback: no\n      - text: y\n        correct: true\n    explain: because\n  - q: B?\n    type: true-false\n    answer: false\n  - q: C\n    type: order\n    items: [a, b, c, d]\n  - q: D\n    type: match\n    pairs:\n      - [p, q]\n      - [r, s]\n  - q: E\n    type: text\n    accept: [\"111\"]\n  - q: F\n    options:\n      - text: a\n        correct: true\n      - text: b\n        correct: true\n      - text: c\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        let q = q.unwrap();
        let kinds: Vec<&str> = q.questions.iter().map(|q| q.kind.name()).collect();
        assert_eq!(kinds, ["single", "true-false", "order", "match", "text", "multiple"]);
        assert_eq!(q.pass, 70);
    }

    #[test]
    fn each_validation_error_has_its_code_and_line() {
        // Lines: 1 ---, 2 title, 3 ---, 4 blank, 5 ```quiz, 6 questions:, 7 first question.
        assert_eq!(codes("questions:\n  - q: A?\n    options:\n      - text: x\n      - text: y\n"), [("Q004", 7)]);
        assert_eq!(
            codes("questions:\n  - q: A?\n    type: single\n    options:\n      - text: x\n        correct: true\n      - text: y\n        correct: true\n"),
            [("Q005", 7)]
        );
        assert_eq!(
            codes("questions:\n  - q: A?\n    options:\n      - text: x\n        correct: true\n"),
            [("Q006", 7)]
        );
        assert_eq!(codes("questions:\n  - q: A?\n    items: [a]\n"), [("Q007", 7)]);
        assert_eq!(
            codes("questions:\n  - q: A?\n    options:\n      - text: x\n        correct: true\n      - text: x\n"),
            [("Q008", 9)]
        );
        assert_eq!(codes("questions:\n  - q: A?\n    type: text\n    accept: []\n"), [("Q009", 7)]);
        assert_eq!(codes("questions:\n  - q: A?\n    type: choice\n"), [("Q003", 7)]);
        assert_eq!(codes("questions: []\n"), [("Q002", 6)]);
        assert_eq!(codes("pass: 150\nquestions:\n  - q: A?\n    answer: true\n"), [("Q012", 6)]);
        assert_eq!(
            codes("questions:\n  - q: A?\n    answer: true\n    items: [a, b]\n    type: true-false\n"),
            [("Q011", 7)]
        );
    }

    #[test]
    fn yaml_errors_point_into_the_block_with_hints() {
        let (_, errors, _) = parse_str("questions:\n  - q: A?\n    optoins: []\n");
        assert_eq!(errors[0].code, "Q001");
        assert_eq!(errors[0].line, 8);
        assert_eq!(errors[0].hint.as_deref(), Some("did you mean `options`?"));
        let (_, errors, _) = parse_str("questions:\n  - q: [broken\n");
        assert_eq!(errors[0].code, "Q001");
        assert!(errors[0].line >= 7);
    }

    #[test]
    fn several_errors_in_one_quiz_are_all_reported() {
        let (_, errors, _) = parse_str(
            "questions:\n  - q: A?\n    options:\n      - text: x\n      - text: y\n  - q: B?\n    items: [a]\n",
        );
        let c: Vec<_> = errors.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(c, [("Q004", 7), ("Q007", 11)]);
    }

    #[test]
    fn the_table_of_types_drives_names_inference_and_stray_fields() {
        let names: Vec<&str> = KINDS.iter().map(|k| k.name).collect();
        assert_eq!(names, ["single", "multiple", "true-false", "order", "match", "text"]);
        // Each variant finds its own row.
        let (q, _, _) = parse_str(
            "questions:\n  - q: A?\n    options:\n      - text: x\n        correct: true\n      - text: y\n  - q: F\n    options:\n      - text: a\n        correct: true\n      - text: b\n        correct: true\n  - q: B?\n    answer: false\n  - q: C\n    items: [a, b]\n  - q: D\n    pairs:\n      - [p, q]\n      - [r, s]\n  - q: E\n    accept: [\"1\"]\n",
        );
        let q = q.unwrap();
        for (question, row) in q.questions.iter().zip(KINDS) {
            assert!(std::ptr::eq(question.kind.info(), row), "{}", row.name);
        }
        // A field of the text type in an order question: named from the table.
        assert_eq!(codes("questions:\n  - q: A?\n    items: [a, b]\n    fold_diacritics: false\n"), [("Q011", 7)]);
        let (_, errors, _) = parse_str("questions:\n  - q: A?\n    type: multi\n");
        assert_eq!(errors[0].hint.as_deref(), Some("did you mean `type: multiple`?"));
    }

    #[test]
    fn scramble_is_deterministic_and_never_identity() {
        for n in 2..8 {
            let s = scramble(n, "seed");
            assert_eq!(s, scramble(n, "seed"));
            assert_ne!(s, (0..n).collect::<Vec<_>>());
            let mut sorted = s.clone();
            sorted.sort();
            assert_eq!(sorted, (0..n).collect::<Vec<_>>());
        }
    }
}
