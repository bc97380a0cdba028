//! A quiz as HTML: the interactive form on lesson and session pages (see docs/theme.md for its contract
//! with quiz.js), the answers in words, and the view worksheet and answer-key templates receive. The
//! model and its parser are `crate::quiz`; this is rendering.

use crate::markdown::inline_html;
use crate::quiz::{scramble, Kind, Question, Quiz};
use crate::text::{escape, escape_into};

/// UI words the quiz HTML needs.
pub struct Words<'a> {
    pub get: &'a (dyn Fn(&str) -> String + Sync),
}

/// The interactive form on the lesson page (see docs/theme.md for the contract with quiz.js).
/// `root` is the page's prefix to the site root (question images are stored root-relative);
/// `answers: false` leaves out the "Xem đáp án" disclosures (the student session page has none).
pub fn form_html(quiz: &Quiz, n: usize, key: &str, w: &Words, root: &str, answers: bool) -> String {
    let t = w.get;
    let id = format!("quiz-{n}");
    let mut h = String::with_capacity(4096);
    let title = quiz.title.clone().unwrap_or_else(|| t("quiz_default_title"));
    h.push_str(&format!(
        "<section class=\"quiz\" id=\"{id}\" aria-labelledby=\"{id}-title\" data-quiz-key=\"{}\"><h2 id=\"{id}-title\">{}</h2><form class=\"quiz-form\" novalidate><ol class=\"quiz-questions\">",
        escape(key),
        inline_html(&title)
    ));
    let mut data_qs = Vec::new();
    for (i, q) in quiz.questions.iter().enumerate() {
        let qid = format!("{id}-q{}", i + 1);
        h.push_str(&format!(
            "<li class=\"quiz-q\" data-type=\"{}\" id=\"{qid}\"><fieldset><legend class=\"quiz-legend\">{}</legend>",
            q.kind.name(),
            inline_html(&q.text)
        ));
        if let Some((src, alt)) = &q.image {
            h.push_str(&format!(
                "<img class=\"quiz-image\" src=\"{}{}\" alt=\"{}\">",
                escape(root),
                escape(src),
                escape(alt)
            ));
        }
        let explain = q.explain.as_deref().map(inline_html);
        match &q.kind {
            Kind::Single { options } | Kind::Multiple { options } => {
                let input = if matches!(q.kind, Kind::Single { .. }) { "radio" } else { "checkbox" };
                if input == "checkbox" {
                    h.push_str(&format!("<p class=\"quiz-hint\">{}</p>", escape(&t("quiz_choose_all"))));
                }
                h.push_str("<ul class=\"quiz-options\">");
                for (j, o) in options.iter().enumerate() {
                    h.push_str(&format!(
                        "<li><label><input type=\"{input}\" name=\"{qid}\" value=\"{j}\"> <span>{}</span></label></li>",
                        inline_html(&o.text)
                    ));
                }
                h.push_str("</ul>");
                let correct: Vec<usize> =
                    options.iter().enumerate().filter(|(_, o)| o.correct).map(|(j, _)| j).collect();
                let feedback: Vec<Option<String>> =
                    options.iter().map(|o| o.feedback.as_deref().map(inline_html)).collect();
                data_qs.push(serde_json::json!({"type": q.kind.name(), "correct": correct, "feedback": feedback, "explain": explain}));
            }
            Kind::TrueFalse { answer } => {
                h.push_str("<ul class=\"quiz-options\">");
                for (j, label) in [t("quiz_true"), t("quiz_false")].iter().enumerate() {
                    h.push_str(&format!(
                        "<li><label><input type=\"radio\" name=\"{qid}\" value=\"{j}\"> <span>{}</span></label></li>",
                        escape(label)
                    ));
                }
                h.push_str("</ul>");
                let correct = if *answer { 0 } else { 1 };
                data_qs.push(serde_json::json!({"type": "true-false", "correct": [correct], "feedback": [null, null], "explain": explain}));
            }
            Kind::Order { items } => {
                h.push_str(&format!(
                    "<p class=\"quiz-hint\">{}</p><ol class=\"quiz-order\">",
                    escape(&t("quiz_order_hint"))
                ));
                for j in scramble(items.len(), &q.text) {
                    let text = inline_html(&items[j]);
                    let plain = escape(&items[j]);
                    h.push_str(&format!(
                        "<li data-item=\"{j}\"><span class=\"quiz-order-text\">{text}</span> <button type=\"button\" class=\"quiz-move\" data-dir=\"up\" hidden>↑ <span class=\"visually-hidden\">{}: {plain}</span></button> <button type=\"button\" class=\"quiz-move\" data-dir=\"down\" hidden>↓ <span class=\"visually-hidden\">{}: {plain}</span></button></li>",
                        escape(&t("quiz_move_up")),
                        escape(&t("quiz_move_down"))
                    ));
                }
                h.push_str("</ol>");
                data_qs.push(serde_json::json!({"type": "order", "count": items.len(), "explain": explain}));
            }
            Kind::Match { pairs } => {
                let order = scramble(pairs.len(), &q.text);
                h.push_str("<div class=\"quiz-match\">");
                for (j, (left, _)) in pairs.iter().enumerate() {
                    let sid = format!("{qid}-{j}");
                    h.push_str(&format!(
                        "<p><label for=\"{sid}\">{}</label> <select id=\"{sid}\" name=\"{sid}\"><option value=\"\">—</option>",
                        inline_html(left)
                    ));
                    for &k in &order {
                        h.push_str(&format!("<option value=\"{k}\">{}</option>", escape(&pairs[k].1)));
                    }
                    h.push_str("</select></p>");
                }
                h.push_str("</div>");
                let answer: Vec<usize> = (0..pairs.len()).collect();
                data_qs.push(serde_json::json!({"type": "match", "answer": answer, "explain": explain}));
            }
            Kind::Text { accept, fold_diacritics } => {
                h.push_str(&format!(
                    "<p><label for=\"{qid}-input\">{}</label> <input type=\"text\" id=\"{qid}-input\" name=\"{qid}\" autocomplete=\"off\"></p>",
                    escape(&t("quiz_your_answer"))
                ));
                data_qs.push(serde_json::json!({"type": "text", "accept": accept, "fold_diacritics": fold_diacritics, "explain": explain}));
            }
        }
        h.push_str("</fieldset><div class=\"quiz-feedback\" hidden></div>");
        if answers {
            h.push_str(&format!(
                "<details class=\"quiz-answer\"><summary>{}</summary><div>{}</div></details>",
                escape(&t("quiz_show_answer")),
                answer_html(q, w)
            ));
        }
        h.push_str("</li>");
    }
    h.push_str(&format!(
        "</ol><div class=\"quiz-actions\" hidden><button type=\"submit\" class=\"quiz-check\">{}</button> <button type=\"button\" class=\"quiz-retry\" hidden>{}</button> <button type=\"button\" class=\"quiz-clear\">{}</button></div><p class=\"quiz-status\" role=\"status\" aria-live=\"polite\" tabindex=\"-1\"></p><p class=\"quiz-best\"></p></form>",
        escape(&t("quiz_check")),
        escape(&t("quiz_retry")),
        escape(&t("quiz_clear"))
    ));
    let data = serde_json::json!({"key": key, "pass": quiz.pass, "shuffle": quiz.shuffle, "questions": data_qs});
    let json = crate::sanitize::script_json(&data.to_string());
    h.push_str(&format!("<script type=\"application/json\" class=\"quiz-data\">{json}</script></section>"));
    h
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
pub fn view(quiz: &Quiz, n: usize, w: &Words, root: &str) -> serde_json::Value {
    let t = w.get;
    let questions: Vec<serde_json::Value> = quiz
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let mut v = serde_json::json!({
                "n": i + 1,
                "type": q.kind.name(),
                "text": inline_html(&q.text),
                "explain": q.explain.as_deref().map(inline_html),
                "answer_html": answer_html(q, w),
            });
            if let Some((src, alt)) = &q.image {
                let root = if is_site_path(src) { root } else { "" };
                v["image"] = serde_json::json!({"src": format!("{root}{src}"), "alt": alt});
            }
            match &q.kind {
                Kind::Single { options } | Kind::Multiple { options } => {
                    v["options"] = options
                        .iter()
                        .map(|o| serde_json::json!({"text": inline_html(&o.text), "correct": o.correct}))
                        .collect();
                }
                Kind::TrueFalse { answer } => {
                    v["options"] = serde_json::json!([
                        {"text": escape(&t("quiz_true")), "correct": *answer},
                        {"text": escape(&t("quiz_false")), "correct": !*answer}
                    ]);
                }
                Kind::Order { items } => {
                    v["items"] = scramble(items.len(), &q.text).into_iter().map(|j| inline_html(&items[j])).collect();
                    v["items_correct"] = items.iter().map(|s| inline_html(s)).collect();
                }
                Kind::Match { pairs } => {
                    v["pairs"] =
                        pairs.iter().map(|(l, r)| serde_json::json!([inline_html(l), inline_html(r)])).collect();
                    v["rights"] =
                        scramble(pairs.len(), &q.text).into_iter().map(|k| inline_html(&pairs[k].1)).collect();
                }
                Kind::Text { accept, .. } => {
                    v["accept"] = accept.iter().map(|a| escape(a)).collect();
                }
            }
            v
        })
        .collect();
    let title = quiz.title.clone().unwrap_or_else(|| t("quiz_default_title"));
    serde_json::json!({"title": inline_html(&title), "number": n, "pass": quiz.pass, "questions": questions})
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

    #[test]
    fn form_carries_data_for_the_script_and_answers_for_no_js() {
        let q = parse_str("title: Ôn tập\nquestions:\n  - q: Số nào?\n    type: text\n    accept: [\"111\"]\n    explain: Gọi </script> 111\n");
        let words = |k: &str| k.to_string();
        let w = Words { get: &words };
        let html = form_html(&q.unwrap(), 1, "a/b#1", &w, "", true);
        assert!(html.contains("<details class=\"quiz-answer\">"));
        assert!(html.contains("\"accept\":[\"111\"]"));
        assert!(!html.contains("Gọi </script>"), "a script end tag must not leak into the JSON");
        assert!(html.contains("<legend class=\"quiz-legend\">Số nào?</legend>"));
    }
}
