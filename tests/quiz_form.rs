//! The quiz form is the theme's `_quiz_form.html`: a site's own copy replaces it like any template, and a
//! mistake in it is a template error (E093) with the template's name, never a crash or a page without it.

mod common;

use common::Site;

#[test]
fn a_sites_own_quiz_form_replaces_the_themes() {
    let site = Site::new();
    site.write(
        "templates/_quiz_form.html",
        "<section class=\"my-quiz\" data-key=\"{{ quiz.key }}\">{% for q in quiz.questions %}<p data-answering=\"{{ q.answering }}\">{{ q.prompt | safe }}</p>{% endfor %}</section>",
    );
    let run = site.build_ok();
    assert!(run.advice().iter().all(|d| d.code != "W006"), "the partial replaces the theme's: {}", run.stderr);
    let page = site.out("tieu-hoc/mat-khau/index.html");
    assert!(page.contains("<section class=\"my-quiz\" data-key=\"tieu-hoc/mat-khau#1\">"), "{page}");
    assert!(page.contains("data-answering=\"choose-one\""));
    assert!(!page.contains("class=\"quiz-form\""), "the theme's form is gone");
    // Worksheets are another template: unchanged.
    assert!(site.out("tieu-hoc/mat-khau/phieu-1.html").contains("sheet-questions"));
}

#[test]
fn a_broken_quiz_form_is_a_template_error() {
    let site = Site::new();
    site.write("templates/_quiz_form.html", "<section>{{ quiz.no_such_field.x }}</section>");
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(!site.public().join("tieu-hoc/mat-khau/index.html").exists(), "nothing is written");
    let (_, d) = site.check_json();
    assert!(
        d.iter().any(|d| d.code == "E093" && d.message.contains("_quiz_form.html")),
        "E093 names the template: {d:?}"
    );
}
