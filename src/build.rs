//! The build: load and validate → render → write, with one summary at the end. Nothing is rendered
//! before the whole site is validated, and nothing is written before that either.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use rayon::prelude::*;

use crate::content::{self, LoadOptions, Site};
use crate::diagnostics::{msg, Diagnostic, Diagnostics};
use crate::markdown::highlight_cache::HighlightCache;
use crate::output::Output;
use crate::render::{Audience, Caches, Renderer};
use crate::theme::{self, Theme};

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub out: PathBuf,
    pub drafts: bool,
    /// Show a progress bar (only on a terminal, and not with --quiet).
    pub progress: bool,
    /// Skip writing (for `check`).
    pub write: bool,
    pub audience: Audience,
}

/// One level's session for the configured school year, if it has one.
pub struct Readiness {
    pub level: String,
    pub session: Option<ReadySession>,
}

/// The session plan a level is ready with.
pub struct ReadySession {
    pub title: String,
    pub minutes: u32,
    pub lessons: usize,
}

pub struct Summary {
    pub readiness: Vec<Readiness>,
    pub pages: usize,
    pub lessons: usize,
    pub files_written: usize,
    pub seconds: f64,
}

/// Loads and validates the site, and loads the theme; `None` if anything is wrong (see `diags`). Nothing
/// is rendered or written here. Every source text stays in the model.
pub fn load(root: &Path, drafts: bool, strict: bool, audience: Audience, diags: &Diagnostics) -> Option<(Site, Theme)> {
    let opts = LoadOptions { drafts, strict, student: audience == Audience::Student, release_sources: false };
    load_with(root, &opts, diags)
}

fn load_with(root: &Path, opts: &LoadOptions, diags: &Diagnostics) -> Option<(Site, Theme)> {
    // The syntax set loads on another thread while files are read.
    let warm = std::thread::spawn(crate::markdown::highlight::init);
    let site = content::load(root, opts, diags);
    // The theme is checked even when the content has errors, so that every error shows at once; its UI
    // strings are in the site's language (Vietnamese when the configuration could not be read).
    let language = site.as_ref().map_or("vi", |s| s.config.language.as_str());
    let theme = theme::load(root, language, true, diags);
    let _ = warm.join();
    let (site, theme) = (site?, theme?);
    // Found here, so that `check` reports it too, naming the author's file (writing would only see the path).
    let theme_paths: Vec<String> = theme.assets.iter().map(|(name, _)| crate::urls::asset(name)).collect();
    let clashes = file_clashes(&site, &theme_paths, Taken::ThemeFile);
    let ok = clashes.is_empty();
    clashes.into_iter().for_each(|d| diags.push(d));
    ok.then_some((site, theme))
}

/// Whether a file of the site's static/ or content/ has this output path.
fn is_a_sites_file(site: &Site, path: &str) -> bool {
    site.index.static_files.contains(path) || site.index.content_files.contains(path)
}

/// Whose output paths a file of the site is checked against ([`file_clashes`]).
#[derive(Clone, Copy)]
enum Taken {
    ThemeFile,
    Page,
}

/// `E052` for each file of the site's static/ or content/ that would be written where `taken` already is
/// (`what` says whose those paths are): one of the two would silently replace the other.
fn file_clashes(site: &Site, taken: &[String], what: Taken) -> Vec<Diagnostic> {
    let whose = match what {
        Taken::ThemeFile => "theme",
        Taken::Page => "page",
    };
    let taken: std::collections::HashSet<&str> = taken.iter().map(String::as_str).collect();
    let files = site
        .index
        .static_files
        .iter()
        .map(|rel| ("static", rel))
        .chain(site.index.content_files.iter().map(|rel| ("content", rel)));
    let mut out: Vec<Diagnostic> = files
        .filter(|(_, rel)| taken.contains(rel.as_str()))
        .map(|(dir, rel)| {
            let mut d =
                Diagnostic::error("E052", msg!("e052-clash", file = format!("{dir}/{rel}"), taken = whose, path = rel))
                    .hint(if whose == "theme" { msg!("e052-clash.theme") } else { msg!("e052-clash.hint") });
            d.file = format!("{dir}/{rel}");
            d
        })
        .collect();
    out.sort_by(|a, b| a.file.cmp(&b.file));
    out
}

pub fn build(opts: &BuildOptions, diags: &Diagnostics) -> Option<Summary> {
    full_build(opts, diags, None).map(|(summary, _, _)| summary)
}

/// A whole build, returning the model too (kept by `serve` for incremental rebuilds, with `caches`):
/// load and validate, then render and write, in that order.
pub(crate) fn full_build(
    opts: &BuildOptions,
    diags: &Diagnostics,
    caches: Option<&Caches>,
) -> Option<(Summary, Site, Theme)> {
    let start = Instant::now();
    if opts.write {
        if let Some(d) = output_inside_the_site(&opts.root, &opts.out) {
            diags.push(d);
            return None;
        }
    }
    let load_opts = LoadOptions {
        drafts: opts.drafts,
        strict: !opts.write,
        student: opts.audience == Audience::Student,
        // `serve` keeps the model, and every text, for the next edit.
        release_sources: caches.is_none(),
    };
    let (mut site, theme) = load_with(&opts.root, &load_opts, diags)?;
    timing("load and validate", start);
    if caches.is_none() {
        release_memory(&mut site, opts.audience, diags);
        // The site's own templates stay: an error while a page is made (E093) shows their lines.
        theme.own.iter().for_each(|f| diags.remember(f));
        timing("release sources and search text", start);
    }
    if std::env::var_os("HOCLIEU_TIMING").is_some() {
        let text: usize = site.docs().map(|d| d.file.text.len()).sum();
        let sections: usize = site.docs().flat_map(|d| d.sections.iter()).map(|s| s.text.len() + s.heading.len()).sum();
        eprintln!("[timing] model holds {} MB of sources and {} MB of search text", text >> 20, sections >> 20);
    }
    // `check` only reads the cache: it writes nothing.
    let highlights = HighlightCache::open(&highlight_cache_dir(&opts.root), opts.write);
    let output = match opts.write.then(|| Output::begin(&opts.out)) {
        Some(Ok(o)) => Some(o),
        Some(Err(d)) => {
            diags.push(d);
            return None;
        }
        None => None,
    };
    let summary = render_all(opts, &site, &theme, caches, &highlights, output, start, diags)?;
    Some((summary, site, theme))
}

/// A one-shot build (not `serve`, which keeps the model for the next edit) lets go of what validation
/// needed whole and rendering does not: each page's source (renderers read the [`crate::markdown::Body`]
/// the load-time pass made, never the source), and the search text beyond what the index reads. On
/// 10,000 lessons that is 76 MB and 57 MB (docs/performance.md).
fn release_memory(site: &mut Site, audience: Audience, diags: &Diagnostics) {
    let reach = crate::search::reach(&crate::render::search_docs(site, audience), &Default::default());
    site.docs_mut().for_each(|d| {
        crate::search::trim_sections(&mut d.sections, reach);
        d.file.release();
    });
    diags.forget_undiagnosed_sources();
    collect_freed_memory();
}

/// The texts were allocated by the loading threads and freed here, on another one. mimalloc takes such
/// blocks back only when their own thread next looks at them, which left the freed memory out of reach of
/// rendering in about half the runs (peaks of 315–325 MB instead of 288); each thread looks now.
fn collect_freed_memory() {
    // Built with the system allocator (for heap profilers), there is no mimalloc heap to ask.
    if cfg!(feature = "system-alloc") {
        return;
    }
    // SAFETY: `mi_collect` only walks the calling thread's own heap; it is safe on any thread at any time,
    // and does nothing to memory that another allocator owns.
    rayon::broadcast(|_| unsafe { libmimalloc_sys::mi_collect(true) });
    unsafe { libmimalloc_sys::mi_collect(true) };
}

#[allow(clippy::too_many_arguments)]
fn render_all(
    opts: &BuildOptions,
    site: &Site,
    theme: &Theme,
    caches: Option<&Caches>,
    highlights: &HighlightCache,
    output: Option<Output>,
    start: Instant,
    diags: &Diagnostics,
) -> Option<Summary> {
    let mut renderer = Renderer::new(site, theme, opts.audience).with_highlights(highlights);
    if let Some(c) = caches {
        renderer = renderer.with_caches(c);
    }
    let jobs = renderer.jobs();
    // A file of the site at a page's path: found from the paths alone, before anything is rendered or
    // written, by `build` and `check` alike.
    let taken: Vec<String> =
        jobs.iter().map(|job| renderer.path(*job)).filter(|path| is_a_sites_file(site, path)).collect();
    let clashes = file_clashes(site, &taken, Taken::Page);
    let clashed = !clashes.is_empty();
    clashes.into_iter().for_each(|d| diags.push(d));
    if !opts.write || clashed {
        // `check` renders every page too, so template errors are found without writing anything; so does a
        // build that already has a clash, so that it reports every error at once, as `check` would.
        jobs.par_iter().for_each(|job| {
            if let Err(d) = renderer.render(*job) {
                diags.push(d);
            }
        });
        if opts.write {
            // Nothing was written: the work folder is given up as it is, and public/ is untouched.
            output.into_iter().for_each(Output::abandon);
            return None;
        }
        return (!diags.has_errors()).then(|| Summary {
            readiness: readiness(&renderer),
            pages: page_count(&jobs),
            lessons: site.lesson_count(),
            files_written: 0,
            seconds: start.elapsed().as_secs_f64(),
        });
    }
    // `None`: the work folder could not be prepared (that error is in `diags`).
    let output = output?;
    let bar = progress_bar(opts.progress, jobs.len(), "pages");
    let done = AtomicUsize::new(0);
    jobs.par_iter().for_each(|job| {
        match renderer.render(*job) {
            Ok((path, bytes)) => {
                if let Err(d) = output.write(&path, &bytes) {
                    diags.push(d);
                }
            }
            Err(d) => diags.push(d),
        }
        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(b) = &bar {
            if n.is_multiple_of(64) {
                b.set_position(n as u64);
            }
        }
    });
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    timing("render and write pages", start);
    highlights.finish();
    copy_files(site, theme, &output, diags);
    if diags.has_errors() {
        // The work folder is abandoned; public/ is untouched.
        output.abandon();
        return None;
    }
    let files_written = output.files_written.load(Ordering::Relaxed);
    if let Err(d) = output.commit() {
        diags.push(d);
        return None;
    }
    timing("copy files and commit the output", start);
    Some(Summary {
        readiness: readiness(&renderer),
        pages: page_count(&jobs),
        lessons: site.lesson_count(),
        files_written,
        seconds: start.elapsed().as_secs_f64(),
    })
}

/// An output folder inside a folder the build reads would be read back as content on the next build (a
/// copy of the site inside itself, or two pages for one path): refused, before anything is read.
fn output_inside_the_site(root: &Path, out: &Path) -> Option<Diagnostic> {
    let absolute = |p: &Path| std::path::absolute(p).map(|p| normalise(&p)).unwrap_or_else(|_| p.to_path_buf());
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| absolute(root));
    // The output may not exist yet: its nearest existing ancestor is resolved (symlinks), the rest kept.
    let out = absolute(out);
    let mut existing = out.as_path();
    let mut tail = Vec::new();
    while !existing.exists() {
        let (Some(parent), Some(name)) = (existing.parent(), existing.file_name()) else { break };
        tail.push(name.to_os_string());
        existing = parent;
    }
    let mut out = std::fs::canonicalize(existing).unwrap_or_else(|_| existing.to_path_buf());
    out.extend(tail.iter().rev());
    for dir in ["content", "static", "data", "templates"] {
        if out.starts_with(root.join(dir)) {
            return Some(
                Diagnostic::error("E055", msg!("e055-out-inside", folder = out.display().to_string(), dir = dir))
                    .hint(msg!("e055-out-inside.hint", dir = dir)),
            );
        }
    }
    None
}

/// `a/./b/../c` → `a/c`, without touching the file system.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `.hoclieu/cache/` in the site folder, beside `serve`'s preview.
fn highlight_cache_dir(root: &Path) -> PathBuf {
    root.join(crate::config::WORK_DIR).join("cache")
}

/// Theme assets, the site's static/ files and non-Markdown files under content/.
fn copy_files(site: &Site, theme: &Theme, output: &Output, diags: &Diagnostics) {
    for (name, bytes) in &theme.assets {
        if let Err(d) = output.write(&crate::urls::asset(name), bytes) {
            diags.push(d);
        }
    }
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    files.extend(site.index.static_files.iter().map(|rel| (rel.clone(), site.root.join("static").join(rel))));
    files.extend(site.index.content_files.iter().map(|rel| (rel.clone(), site.root.join("content").join(rel))));
    files.par_iter().for_each(|(rel, path)| match std::fs::read(path) {
        Ok(bytes) => {
            if let Err(d) = output.write(rel, &bytes) {
                diags.push(d);
            }
        }
        Err(e) => diags.push(Diagnostic::error(
            "E054",
            msg!("e005-cannot-read", file = path.display().to_string(), error = e.to_string()),
        )),
    });
}

fn progress_bar(enabled: bool, len: usize, what: &str) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !enabled || !std::io::stderr().is_terminal() || len < 500 {
        return None;
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(&format!(
            "{{spinner}} Rendering {{pos}}/{{len}} {what} {{wide_bar}} {{eta}}"
        ))
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(bar)
}

fn readiness(renderer: &Renderer) -> Vec<Readiness> {
    renderer
        .readiness_rows()
        .iter()
        .map(|r| Readiness {
            level: r.level_title.to_string(),
            session: r.session.as_ref().map(|s| ReadySession {
                title: s.title.to_string(),
                minutes: s.duration,
                lessons: s.lesson_count,
            }),
        })
        .collect()
}

/// `HOCLIEU_TIMING=1` prints how long each phase took (for the benchmark notes).
pub(crate) fn timing(phase: &str, since: Instant) {
    if std::env::var_os("HOCLIEU_TIMING").is_some() {
        // Peak and current memory too, where the system tells (Linux).
        let mem = std::fs::read_to_string("/proc/self/status")
            .map(|s| {
                s.lines()
                    .filter(|l| l.starts_with("VmHWM") || l.starts_with("VmRSS"))
                    .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        // CPU time of the whole process so far (user and system), in clock ticks of 10 ms.
        let cpu = std::fs::read_to_string("/proc/self/stat")
            .ok()
            .and_then(|s| {
                let after = s.rsplit_once(')')?.1.split_whitespace().collect::<Vec<_>>();
                Some(format!("CPU: {} user {} sys (ticks), ", after.get(11)?, after.get(12)?))
            })
            .unwrap_or_default();
        eprintln!("[timing] {phase}: {:.3} s since start {cpu}{mem}", since.elapsed().as_secs_f64());
    }
}

/// Pages are what readers open: every job but the search index (a script).
fn page_count(jobs: &[crate::render::Job]) -> usize {
    jobs.iter().filter(|j| !matches!(j, crate::render::Job::SearchIndex)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page whose body cannot be read back is an error (E056), never a page published without it; the
    /// renderer goes on making the next pages.
    #[test]
    fn a_body_that_cannot_be_read_back_fails_its_page() {
        let diags = Diagnostics::new();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (mut site, theme) = load(root, false, false, Audience::All, &diags).expect("the bundled site loads");
        site.home.doc.markup.main = crate::markdown::Markup::unreadable_for_tests();
        let renderer = Renderer::new(&site, &theme, Audience::All);
        let err = renderer.render(crate::render::Job::Home).expect_err("the home page cannot be made");
        assert_eq!(err.code, "E056");
        assert!(err.message.to_string().contains("content/_index.md"), "{}", err.message.to_string());
        assert!(renderer.render(crate::render::Job::NotFound).is_ok());
    }

    /// Every page that shows an unreadable body fails with E056 naming it (its own page, the session page
    /// for students that shows it, the teachers' booklet…), and only those.
    #[test]
    fn every_page_showing_an_unreadable_body_fails_and_only_those() {
        use crate::render::Job;
        let diags = Diagnostics::new();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (mut site, theme) = load(root, false, false, Audience::All, &diags).expect("the bundled site loads");
        // A lesson that a session plan shows, with `teacher` notes.
        let (li, si, i) = site
            .levels
            .iter()
            .enumerate()
            .flat_map(|(li, l)| l.sessions.iter().enumerate().map(move |(si, s)| (li, si, l, s)))
            .find_map(|(li, si, l, s)| {
                let i = l
                    .lessons
                    .iter()
                    .position(|x| s.meta.lessons.contains(&x.slug) && !x.doc.markup.teacher.is_empty())?;
                Some((li, si, i))
            })
            .expect("a session plan with a lesson that has teacher notes");
        let lesson = &mut site.levels[li].lessons[i];
        lesson.doc.markup.main = crate::markdown::Markup::unreadable_for_tests();
        lesson.doc.markup.teacher = vec![crate::markdown::Markup::unreadable_for_tests()];
        let file = lesson.doc.file.rel.clone();
        let renderer = Renderer::new(&site, &theme, Audience::All);
        let failed: Vec<Job> = renderer
            .jobs()
            .into_iter()
            .filter(|job| match renderer.render(*job) {
                Ok(_) => false,
                Err(d) => {
                    assert_eq!(d.code, "E056", "{job:?}: {d:?}");
                    assert!(d.message.contains(&file), "{job:?}: {}", d.message);
                    true
                }
            })
            .collect();
        for job in [Job::Lesson(li, i), Job::SessionStudent(li, si), Job::Session(li, si), Job::Booklet] {
            assert!(failed.contains(&job), "{job:?} showed the body and did not fail: {failed:?}");
        }
        assert!(!failed.contains(&Job::Home) && !failed.contains(&Job::Level(li)), "{failed:?}");
    }

    /// The paths the build checks against the site's own files before rendering are the paths pages are
    /// then written to, for every page of the bundled site in both audiences.
    #[test]
    fn every_job_is_written_where_it_says() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for audience in [Audience::All, Audience::Student] {
            let diags = Diagnostics::new();
            let (site, theme) = load(root, false, false, audience, &diags).expect("the bundled site loads");
            let renderer = Renderer::new(&site, &theme, audience);
            let jobs = renderer.jobs();
            assert!(jobs.len() > 50, "{} jobs", jobs.len());
            for job in jobs {
                let (written, _) = renderer.render(job).expect("the bundled site renders");
                assert_eq!(renderer.path(job), written, "{job:?}");
            }
        }
    }
}
