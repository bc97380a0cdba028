//! A quiz for pages: the context of the interactive form's template partial (`_quiz_form.html`, see
//! docs/theme.md for it and its contract with quiz.js), the answers in words, and the view worksheet and
//! answer-key templates receive. The model and its parser are `crate::quiz`, whose table of question types
//! ([`crate::quiz::KINDS`]) says how each type is answered; what differs by type here is each type's data.

use serde::Serialize;

use crate::markdown::inline_html;
use crate::quiz::{scramble, Answering, Kind, Question, Quiz};
use crate::text::{escape, escape_into};

/// UI words the quiz HTML needs.
pub struct Words<'a> {
    pub get: &'a (dyn Fn(&str) -> String + Sync),
}

/// The context of `_quiz_form.html`, as `quiz` (docs/theme.md, "Quiz form").
#[derive(Debug, Serialize)]
pub struct QuizForm {
    /// `quiz-<n>`: the section's id, and the start of every id inside it.
    pub id: String,
    /// Where quiz.js keeps the score (`data-quiz-key`).
    pub key: String,
    /// Inline HTML.
    pub title: String,
    /// Whether each question has its "Xem đáp án" disclosure (not on the student session page).
    pub answers: bool,
    pub questions: Vec<FormQuestion>,
    /// The grading data for quiz.js, JSON already made safe inside a `<script>` element.
    pub data: String,
}

/// One question of the form.
#[derive(Debug, Serialize)]
pub struct FormQuestion {
    /// `quiz-<n>-q<i>`: the question's id and the `name` of its inputs.
    pub id: String,
    /// The type's name (`single`, `order` …), the `data-type` attribute.
    pub kind: &'static str,
    /// How it is answered, from the type's row: `choose-one`, `choose-all`, `order`, `match`, `type`.
    pub answering: Answering,
    /// The type's instruction before the controls (plain text), if it has one.
    pub hint: Option<String>,
    /// The question, inline HTML.
    pub prompt: String,
    pub image: Option<FormImage>,
    /// By `answering`: the options (choose-one/all), the items in their scrambled first order (order),
    /// or the left-hand sides (match, each with the `id` of its select); none for a typed answer.
    pub options: Vec<FormOption>,
    /// Match only: the right-hand sides, scrambled, as each select lists them.
    pub rights: Vec<FormOption>,
    /// The right answer and explanation, HTML (what "Xem đáp án" shows).
    pub answer_html: String,
}

#[derive(Debug, Serialize)]
pub struct FormImage {
    /// With the page's prefix to the site root.
    pub src: String,
    pub alt: String,
}

#[derive(Debug, Serialize)]
pub struct FormOption {
    /// What the control submits: the option's or item's index in the author's order.
    pub value: usize,
    /// The text as inline HTML.
    pub html: String,
    /// The text as written (plain; for attributes, `<option>`s and screen-reader labels).
    pub text: String,
    /// Match: the id of the left-hand side's select.
    pub id: Option<String>,
}

/// The theme's template of the form.
pub const TEMPLATE: &str = "_quiz_form.html";

/// The form's HTML: `form` through the theme's [`TEMPLATE`], with `t` the theme's strings.
pub fn form_html(tera: &tera::Tera, t: &tera::Value, form: &QuizForm) -> tera::TeraResult<String> {
    let mut ctx = tera::Context::new();
    ctx.insert("quiz", form);
    ctx.insert_value("t", t.clone());
    // Bytes checked with the vectorised UTF-8 check: `Tera::render`'s own check of every form was a
    // share of the build's time.
    let mut out = Vec::with_capacity(4096);
    tera.render_to(TEMPLATE, &ctx, &mut out)?;
    crate::text::string_from_utf8(out).ok_or_else(|| tera::Error::message("the quiz form is not UTF-8"))
}

/// The form of quiz `n` on a page whose prefix to the site root is `root` (question images are stored
/// root-relative); `answers: false` leaves out the "Xem đáp án" disclosures.
pub fn form(quiz: &Quiz, n: usize, key: &str, w: &Words, root: &str, answers: bool) -> QuizForm {
    let t = w.get;
    let id = format!("quiz-{n}");
    let mut data_qs = Vec::new();
    let questions = quiz
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let qid = format!("{id}-q{}", i + 1);
            let (options, rights) = form_options(q, &qid, w);
            data_qs.push(grading_data(q));
            let info = q.kind.info();
            FormQuestion {
                kind: info.name,
                answering: info.answering,
                hint: info.hint.map(t),
                prompt: inline_html(&q.text),
                // Like the worksheet's (`view`): only a file of the site takes the page's `../` prefix.
                image: q.image.as_ref().map(|(src, alt)| {
                    let root = if is_site_path(src) { root } else { "" };
                    FormImage { src: format!("{root}{src}"), alt: alt.clone() }
                }),
                options,
                rights,
                answer_html: answer_html(q, w),
                id: qid,
            }
        })
        .collect();
    let title = quiz.title.clone().unwrap_or_else(|| t("quiz_default_title"));
    let data = serde_json::json!({"key": key, "pass": quiz.pass, "shuffle": quiz.shuffle, "questions": data_qs});
    QuizForm {
        title: inline_html(&title),
        key: key.to_string(),
        answers,
        questions,
        data: crate::sanitize::script_json(&data.to_string()),
        id,
    }
}

/// A question's controls: its options, items or left-hand sides, and a match's right-hand sides.
fn form_options(q: &Question, qid: &str, w: &Words) -> (Vec<FormOption>, Vec<FormOption>) {
    let option =
        |value: usize, text: &str| FormOption { value, html: inline_html(text), text: text.to_string(), id: None };
    match &q.kind {
        Kind::Single { options } | Kind::Multiple { options } => {
            (options.iter().enumerate().map(|(j, o)| option(j, &o.text)).collect(), Vec::new())
        }
        Kind::TrueFalse { .. } => {
            // The theme's words, not Markdown: escaped, not rendered.
            let words = [(w.get)("quiz_true"), (w.get)("quiz_false")];
            let options = words
                .into_iter()
                .enumerate()
                .map(|(j, text)| FormOption { value: j, html: escape(&text), text, id: None })
                .collect();
            (options, Vec::new())
        }
        Kind::Order { items } => {
            let shown = scramble(items.len(), &q.text).into_iter().filter_map(|j| Some(option(j, items.get(j)?)));
            (shown.collect(), Vec::new())
        }
        Kind::Match { pairs } => {
            let lefts = pairs
                .iter()
                .enumerate()
                .map(|(j, (left, _))| FormOption { id: Some(format!("{qid}-{j}")), ..option(j, left) })
                .collect();
            let rights =
                scramble(pairs.len(), &q.text).into_iter().filter_map(|k| Some(option(k, &pairs.get(k)?.1))).collect();
            (lefts, rights)
        }
        Kind::Text { .. } => (Vec::new(), Vec::new()),
    }
}

/// What quiz.js grades a question with (docs/theme.md, `quiz-data`).
fn grading_data(q: &Question) -> serde_json::Value {
    let explain = q.explain.as_deref().map(inline_html);
    match &q.kind {
        Kind::Single { options } | Kind::Multiple { options } => {
            let correct: Vec<usize> = options.iter().enumerate().filter(|(_, o)| o.correct).map(|(j, _)| j).collect();
            let feedback: Vec<Option<String>> =
                options.iter().map(|o| o.feedback.as_deref().map(inline_html)).collect();
            serde_json::json!({"type": q.kind.name(), "correct": correct, "feedback": feedback, "explain": explain})
        }
        Kind::TrueFalse { answer } => {
            let correct = if *answer { 0 } else { 1 };
            serde_json::json!({"type": q.kind.name(), "correct": [correct], "feedback": [null, null], "explain": explain})
        }
        Kind::Order { items } => {
            serde_json::json!({"type": q.kind.name(), "count": items.len(), "explain": explain})
        }
        Kind::Match { pairs } => {
            let answer: Vec<usize> = (0..pairs.len()).collect();
            serde_json::json!({"type": q.kind.name(), "answer": answer, "explain": explain})
        }
        Kind::Text { accept, fold_diacritics } => {
            serde_json::json!({"type": q.kind.name(), "accept": accept, "fold_diacritics": fold_diacritics, "explain": explain})
        }
    }
}

/// Question images are stored root-relative; a full address (`https://…`, `data:`) is left alone.
fn is_site_path(src: &str) -> bool {
    !(src.contains("://") || src.starts_with("data:") || src.starts_with("//"))
}

/// The right answer in words, with the explanation: shown behind "Xem đáp án" and on answer keys.
pub fn answer_html(q: &Question, w: &Words) -> String {
    let t = w.get;
    let mut h = String::new();
    let label = escape(&t("quiz_answer_is"));
    match &q.kind {
        Kind::Single { options } | Kind::Multiple { options } => {
            h.push_str(&format!("<p><strong>{label}</strong></p><ul>"));
            for o in options.iter().filter(|o| o.correct) {
                h.push_str(&format!("<li>✓ {}</li>", inline_html(&o.text)));
            }
            h.push_str("</ul>");
        }
        Kind::TrueFalse { answer } => {
            let word = if *answer { t("quiz_true") } else { t("quiz_false") };
            h.push_str(&format!("<p><strong>{label}</strong> {}</p>", escape(&word)));
        }
        Kind::Order { items } => {
            h.push_str(&format!("<p><strong>{label}</strong></p><ol>"));
            for it in items {
                h.push_str(&format!("<li>{}</li>", inline_html(it)));
            }
            h.push_str("</ol>");
        }
        Kind::Match { pairs } => {
            h.push_str(&format!("<p><strong>{label}</strong></p><ul>"));
            for (l, r) in pairs {
                h.push_str(&format!("<li>{} → {}</li>", inline_html(l), inline_html(r)));
            }
            h.push_str("</ul>");
        }
        Kind::Text { accept, .. } => {
            h.push_str(&format!("<p><strong>{label}</strong> "));
            for (i, a) in accept.iter().enumerate() {
                if i > 0 {
                    h.push_str(" / ");
                }
                escape_into(&mut h, a);
            }
            h.push_str("</p>");
        }
    }
    if let Some(e) = &q.explain {
        h.push_str(&format!("<p>{}</p>", inline_html(e)));
    }
    h
}

/// What worksheet and answer-key templates read (see docs/theme.md).
pub fn view(quiz: &Quiz, n: usize, w: &Words, root: &str) -> QuizView {
    let t = w.get;
    let questions = quiz
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let mut v = QuestionView {
                n: i + 1,
                kind: q.kind.name(),
                answering: q.kind.info().answering,
                text: inline_html(&q.text),
                explain: q.explain.as_deref().map(inline_html),
                answer_html: answer_html(q, w),
                image: q.image.as_ref().map(|(src, alt)| {
                    let root = if is_site_path(src) { root } else { "" };
                    ImageView { src: format!("{root}{src}"), alt: alt.clone() }
                }),
                options: None,
                items: None,
                items_correct: None,
                pairs: None,
                rights: None,
                accept: None,
            };
            match &q.kind {
                Kind::Single { options } | Kind::Multiple { options } => {
                    v.options = Some(
                        options.iter().map(|o| OptionView { text: inline_html(&o.text), correct: o.correct }).collect(),
                    );
                }
                Kind::TrueFalse { answer } => {
                    v.options = Some(vec![
                        OptionView { text: escape(&t("quiz_true")), correct: *answer },
                        OptionView { text: escape(&t("quiz_false")), correct: !*answer },
                    ]);
                }
                Kind::Order { items } => {
                    v.items =
                        Some(scramble(items.len(), &q.text).into_iter().map(|j| inline_html(&items[j])).collect());
                    v.items_correct = Some(items.iter().map(|s| inline_html(s)).collect());
                }
                Kind::Match { pairs } => {
                    v.pairs = Some(pairs.iter().map(|(l, r)| [inline_html(l), inline_html(r)]).collect());
                    v.rights =
                        Some(scramble(pairs.len(), &q.text).into_iter().map(|k| inline_html(&pairs[k].1)).collect());
                }
                Kind::Text { accept, .. } => {
                    v.accept = Some(accept.iter().map(|a| escape(a)).collect());
                }
            }
            v
        })
        .collect();
    let title = quiz.title.clone().unwrap_or_else(|| t("quiz_default_title"));
    QuizView { title: inline_html(&title), number: n, pass: quiz.pass, questions }
}

/// A quiz as worksheets and answer keys show it (`quiz` in `worksheet.html`, `answer-key.html` and the
/// session guide's keys). Text fields are HTML, escaped.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Serialize)]
pub struct QuizView {
    pub title: String,
    /// The quiz's number in its lesson, from 1.
    pub number: usize,
    /// The pass mark, in percent.
    pub pass: u8,
    pub questions: Vec<QuestionView>,
}

/// One question of a [`QuizView`]. Only the fields of its kind are present (`options` for `single`,
/// `multiple` and `true-false`; `items` for `order`; `pairs` for `match`; `accept` for `text`).
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Serialize)]
pub struct QuestionView {
    /// Its number in the quiz, from 1.
    pub n: usize,
    /// The question type (`single`, `multiple`, `true-false`, `order`, `match`, `text`).
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// How a child answers it: `choose-one`, `choose-all`, `order`, `match` or `type` (`quiz::Answering`).
    #[cfg_attr(test, schemars(with = "String"))]
    pub answering: crate::quiz::Answering,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<String>,
    /// The right answer in words, for the key.
    pub answer_html: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<ImageView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<OptionView>>,
    /// The items in the worksheet's (scrambled) order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<String>>,
    /// The items in the right order, for the key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items_correct: Option<Vec<String>>,
    /// Left and right sides, as the author paired them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pairs: Option<Vec<[String; 2]>>,
    /// The right-hand sides in the worksheet's (scrambled) order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rights: Option<Vec<String>>,
    /// Accepted answers of a `text` question.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accept: Option<Vec<String>>,
}

/// A question's picture: its URL from the page and its alt text.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Serialize)]
pub struct ImageView {
    pub src: String,
    pub alt: String,
}

/// One lettered option.
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[derive(Debug, Serialize)]
pub struct OptionView {
    pub text: String,
    pub correct: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::SourceFile;
    use std::path::Path;

    fn parse_str(body: &str) -> Option<Quiz> {
        let text = format!("---\ntitle: x\n---\n\n```quiz\n{body}```\n");
        let file = SourceFile::new(Path::new("/s"), Path::new("/s/content/a/b.md"), text);
        let base = file.text.find("```quiz\n").unwrap() + 8;
        let end = file.text.rfind("```").unwrap();
        let yaml = file.text[base..end].to_string();
        crate::quiz::parse(&file, &yaml, base, &mut Vec::new())
    }

    fn render(quiz: &Quiz, answers: bool) -> String {
        let theme = crate::theme::load(Path::new("/no-site"), "vi", true, &crate::diagnostics::Diagnostics::default())
            .expect("the default theme loads");
        let t = tera::Value::from_serializable(&theme.strings);
        let words = |k: &str| theme.t(k);
        let f = form(quiz, 1, "a/b#1", &Words { get: &words }, "../", answers);
        form_html(&theme.tera, &t, &f).expect("the quiz form renders")
    }

    #[test]
    fn form_carries_data_for_the_script_and_answers_for_no_js() {
        let q = parse_str("title: Ôn tập\nquestions:\n  - q: Số nào?\n    type: text\n    accept: [\"111\"]\n    explain: Gọi </script> 111\n").unwrap();
        let html = render(&q, true);
        assert!(html.contains("<details class=\"quiz-answer\"><summary>Xem đáp án</summary>"));
        assert!(html.contains("\"accept\":[\"111\"]"));
        assert!(!html.contains("Gọi </script>"), "a script end tag must not leak into the JSON");
        assert!(html.contains("<legend class=\"quiz-legend\">Số nào?</legend>"));
        assert!(html.contains("<input type=\"text\" id=\"quiz-1-q1-input\" name=\"quiz-1-q1\" autocomplete=\"off\">"));
        assert!(html.starts_with(
            "<section class=\"quiz\" id=\"quiz-1\" aria-labelledby=\"quiz-1-title\" data-quiz-key=\"a/b#1\">"
        ));
        assert!(html.ends_with("</script></section>"), "one line, nothing after the form: {html}");
        assert!(!html.contains('\n'));
        assert!(!render(&q, false).contains("quiz-answer"), "the student session page shows no answers");
    }

    #[test]
    fn each_type_is_drawn_by_how_it_is_answered() {
        let q = parse_str("questions:\n  - q: A?\n    options:\n      - text: x\n      - text: y\n        correct: true\n  - q: B?\n    options:\n      - text: x\n        correct: true\n      - text: y\n        correct: true\n  - q: C?\n    answer: false\n  - q: D\n    pairs:\n      - [p, q]\n      - [r, s]\n").unwrap();
        let html = render(&q, true);
        assert!(html
            .contains("<li><label><input type=\"radio\" name=\"quiz-1-q1\" value=\"0\"> <span>x</span></label></li>"));
        assert!(html.contains("<p class=\"quiz-hint\">Chọn tất cả các ý đúng.</p><ul class=\"quiz-options\"><li><label><input type=\"checkbox\" name=\"quiz-1-q2\""));
        assert!(html.contains("<input type=\"radio\" name=\"quiz-1-q3\" value=\"1\"> <span>Sai</span>"));
        assert!(html.contains("<p><label for=\"quiz-1-q4-0\">p</label> <select id=\"quiz-1-q4-0\" name=\"quiz-1-q4-0\"><option value=\"\">—</option>"));
        assert!(html.contains("\"type\":\"true-false\",\"correct\":[1]") || html.contains("\"correct\":[1]"));
    }

    #[test]
    fn only_a_site_image_takes_the_pages_prefix() {
        // As the pass leaves them: a site file is root-relative, another site's address is kept as written.
        let q = parse_str("questions:\n  - q: A?\n    image: images/o-khoa.svg\n    alt: Ổ khóa\n    answer: true\n  - q: B?\n    image: https://truong.example/anh.png\n    alt: Ảnh\n    answer: true\n").unwrap();
        let html = render(&q, true);
        assert!(html.contains("src=\"../images/o-khoa.svg\""), "{html}");
        assert!(html.contains("src=\"https://truong.example/anh.png\""), "{html}");
        assert!(!html.contains("../https:"), "{html}");
    }

    #[test]
    fn an_order_question_can_be_answered_without_javascript() {
        let q = parse_str("questions:\n  - q: Xếp?\n    items: [Một, Hai, Ba]\n").unwrap();
        let html = render(&q, true);
        // A select per item, places 1..n, each named after its item; the ↑/↓ buttons hidden for quiz.js.
        assert_eq!(html.matches("<label class=\"quiz-position\">").count(), 3);
        assert_eq!(html.matches("<option value=\"3\">3</option>").count(), 3);
        assert!(!html.contains("<option value=\"4\">"));
        assert!(html.contains("<span class=\"visually-hidden\">Vị trí: Một</span> <select name=\"quiz-1-q1-0\"><option value=\"\">—</option><option value=\"1\">1</option>"));
        assert_eq!(html.matches("class=\"quiz-move\" data-dir=\"up\" hidden>").count(), 3);
        assert!(html.contains("<p class=\"quiz-hint quiz-hint-js\">Dùng nút ↑ và ↓"));
        assert!(html.contains("<p class=\"quiz-hint quiz-hint-nojs\">Chọn số thứ tự"));
        // Shown scrambled, never in the answer's order.
        let first = html.find("data-item=\"0\"").unwrap();
        let items: Vec<usize> = (0..3).map(|i| html.find(&format!("data-item=\"{i}\"")).unwrap()).collect();
        assert!(!(items[0] < items[1] && items[1] < items[2]), "{first}");
    }
}
