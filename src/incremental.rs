//! Rebuilds for `serve`: the model stays in memory between saves, and an edit to existing lessons
//! re-renders only those lessons and the pages that show what changed of them: their worksheets,
//! the level's sessions, the booklet and the search index always; the level page, neighbours,
//! coverage page and parents' page only when what they show of the lesson changed. The search
//! index reuses the words of every other page ([`Caches`]). Anything
//! structural — a new or deleted file, a changed `order`, the config, templates, static files —
//! takes a full build.

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::build::{self, BuildOptions, Summary};
use crate::content::{self, LoadOptions, Site};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::render::{Audience, Caches, Job, Renderer};
use crate::theme::Theme;

pub struct Project {
    pub opts: BuildOptions,
    state: Option<(Site, Theme)>,
    caches: Caches,
}

/// How a rebuild went.
pub enum Outcome {
    Full(Summary),
    /// Only these files were re-rendered.
    Incremental {
        pages: usize,
        files_written: usize,
        seconds: f64,
    },
}

impl Project {
    pub fn new(opts: BuildOptions) -> Self {
        Project { opts, state: None, caches: Caches::default() }
    }

    /// Rebuilds after `changed` files (empty: everything). `None` when the content has errors
    /// (in `diags`); the output and the model stay as they were.
    pub fn rebuild(&mut self, changed: &[PathBuf], diags: &Diagnostics) -> Option<Outcome> {
        match self.incremental(changed, diags) {
            Step::Done(outcome) => return Some(outcome),
            Step::Failed => return None,
            Step::NeedFull => {}
        }
        // Every document is loaded anew: nothing cached for the old ones can be used again.
        self.caches = Caches::default();
        let (summary, site, theme) = build::full_build(&self.opts, diags, Some(&self.caches))?;
        self.state = Some((site, theme));
        Some(Outcome::Full(summary))
    }

    fn incremental(&mut self, changed: &[PathBuf], diags: &Diagnostics) -> Step {
        let start = Instant::now();
        let Some((site, theme)) = self.state.as_mut() else { return Step::NeedFull };
        if changed.is_empty() || !changed.iter().all(|p| p.extension().is_some_and(|e| e == "md") && p.is_file()) {
            return Step::NeedFull;
        }
        let opts = LoadOptions {
            drafts: self.opts.drafts,
            strict: false,
            student: self.opts.audience == Audience::Student,
            release_sources: false,
        };
        let mut touched = Vec::new();
        for path in changed {
            let path = if content::find_lesson(site, path).is_some() {
                path.clone()
            } else {
                same_path_as_site(site, &std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()))
            };
            let before = content::find_lesson(site, &path).map(|(li, i)| {
                Shown::of(&Renderer::new(site, theme, self.opts.audience).with_caches(&self.caches), li, i)
            });
            match content::reload_lesson(site, &path, &opts, diags) {
                content::Reload::Applied(r) => {
                    let renderer = Renderer::new(site, theme, self.opts.audience).with_caches(&self.caches);
                    let after = Shown::of(&renderer, r.level, r.lesson);
                    touched.push(Touched { level: r.level, lesson: r.lesson, before, after });
                }
                content::Reload::NeedFull => return Step::NeedFull,
                content::Reload::Failed => return Step::Failed,
            }
        }
        build::timing("reload and validate", start);
        let renderer = Renderer::new(site, theme, self.opts.audience).with_caches(&self.caches);
        let jobs = affected_jobs(site, &renderer, &touched);
        build::timing("find affected pages", start);
        let out = &self.opts.out;
        // The folder no longer matches its manifest: the next full build must not trust it.
        crate::output::forget_manifest(out);
        let written: Vec<Result<bool, Diagnostic>> = jobs
            .par_iter()
            .map(|job| {
                let t0 = Instant::now();
                let (path, bytes) = renderer.render(*job)?;
                if std::env::var_os("HOCLIEU_TIMING").is_some() {
                    eprintln!(
                        "[timing]   {job:?}: {:.1} ms, {} KB",
                        t0.elapsed().as_secs_f64() * 1000.0,
                        bytes.len() >> 10
                    );
                }
                crate::output::write_in_place(out, &path, &bytes)
            })
            .collect();
        let mut files_written = 0;
        for w in written {
            match w {
                Ok(true) => files_written += 1,
                Ok(false) => {}
                Err(d) => diags.push(d),
            }
        }
        build::timing("render and write", start);
        if diags.has_errors() {
            return Step::Failed;
        }
        Step::Done(Outcome::Incremental { pages: jobs.len(), files_written, seconds: start.elapsed().as_secs_f64() })
    }
}

enum Step {
    Done(Outcome),
    Failed,
    NeedFull,
}

/// The watcher may report a path through another spelling (symlinks, `./`); match the model's.
fn same_path_as_site(site: &Site, path: &Path) -> PathBuf {
    site.levels
        .iter()
        .flat_map(|l| l.lessons.iter())
        .map(|l| &l.doc.file.path)
        .find(|p| std::fs::canonicalize(p).map(|c| c == path).unwrap_or(false))
        .cloned()
        .unwrap_or_else(|| path.to_path_buf())
}

/// What other pages show of a lesson: when it is the same after an edit, they are not rendered again.
struct Shown {
    /// As the level page lists it (title, summary, duration, grades, quizzes).
    summary: crate::render::context::LessonSummary<'static>,
    /// The neighbours' previous/next links show the title.
    title: String,
    competencies: Vec<String>,
    /// `None` if they could not be made: then the parents' page is made again, and reports why.
    parents: Option<Vec<String>>,
}

impl Shown {
    fn of(renderer: &Renderer, li: usize, i: usize) -> Shown {
        let level = &renderer.site.levels[li];
        let lesson = &level.lessons[i];
        Shown {
            summary: renderer.lesson_summary(lesson),
            title: lesson.meta.title.clone(),
            competencies: lesson.meta.competencies.clone(),
            parents: renderer.parents_blocks(level, lesson).ok(),
        }
    }
}

struct Touched {
    level: usize,
    lesson: usize,
    /// `None` when the lesson was not in the model before (then everything that may show it is rendered).
    before: Option<Shown>,
    after: Shown,
}

/// The pages that show something of the touched lessons that changed.
fn affected_jobs(site: &Site, renderer: &Renderer, touched: &[Touched]) -> Vec<Job> {
    let all = renderer.jobs();
    let mut jobs = Vec::new();
    for t in touched {
        let (li, i) = (t.level, t.lesson);
        let changed = |differs: fn(&Shown, &Shown) -> bool| t.before.as_ref().is_none_or(|b| differs(b, &t.after));
        let summary = changed(|a, b| a.summary != b.summary);
        let title = changed(|a, b| a.title != b.title);
        let coverage = title || changed(|a, b| a.competencies != b.competencies);
        let parents = title || changed(|a, b| b.parents.is_none() || a.parents != b.parents);
        let n = site.levels[li].lessons.len();
        for job in &all {
            let hit = match *job {
                Job::Lesson(l, x) => l == li && (x == i || title && x + 1 >= i && x <= i + 1 && x < n),
                Job::Worksheet(l, x, _) | Job::AnswerKey(l, x, _) => l == li && x == i,
                Job::Level(l) => l == li && summary,
                Job::Parents(l) => l == li && parents,
                Job::Session(l, _) | Job::SessionStudent(l, _) => l == li,
                Job::Coverage => coverage,
                Job::Booklet | Job::SearchIndex => true,
                _ => false,
            };
            if hit {
                jobs.push(*job);
            }
        }
    }
    jobs.sort();
    jobs.dedup();
    jobs
}
