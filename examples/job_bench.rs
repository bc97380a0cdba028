//! Times the render of the pages that grow with the site (level, parents', coverage, booklet, search
//! index), to find what an incremental rebuild pays for:
//!
//!     cargo run --release --example job_bench -- bench/out/synth-10000 [repeats] [job name prefix]
//!
//! With `all` as the prefix, it renders every job of the site once on one thread instead, and sums the
//! time by kind of job (lessons, worksheets, …): where a full build's rendering time goes.

use std::path::PathBuf;
use std::time::Instant;

use hoclieu::diagnostics::Diagnostics;
use hoclieu::render::{Audience, Job, Renderer};

// The same allocator as the `hoclieu` binary, so the figures match a real build.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().unwrap_or_else(|| "bench/out/synth-1000".into()));
    let repeats: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(3);
    let only = args.next().unwrap_or_default();
    let diags = Diagnostics::new();
    let start = Instant::now();
    let Some((site, theme)) = hoclieu::build::load(&root, false, false, Audience::All, &diags) else {
        eprint!("{}", diags.render(false));
        std::process::exit(1);
    };
    println!("load: {:.2} s", start.elapsed().as_secs_f64());
    // With the caches `serve` keeps: the first run fills them, the median is what a rebuild pays.
    let caches = hoclieu::render::Caches::default();
    let renderer = Renderer::new(&site, &theme, Audience::All).with_caches(&caches);
    if only == "all" {
        return by_kind(&renderer);
    }
    let jobs = [Job::Level(0), Job::Parents(0), Job::Coverage, Job::Booklet, Job::Session(0, 0), Job::SearchIndex];
    for job in jobs.into_iter().filter(|j| format!("{j:?}").starts_with(&only)) {
        let mut times = Vec::new();
        let mut size = 0;
        for _ in 0..repeats {
            let t = Instant::now();
            match renderer.render(job) {
                Ok((_, bytes)) => size = bytes.len(),
                Err(d) => {
                    eprintln!("{job:?}: {}", d.message);
                    break;
                }
            }
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        if let Some(median) = times.get(times.len() / 2) {
            println!("{job:?}: median {median:.1} ms over {} runs, {} KB", times.len(), size >> 10);
        }
    }
}

/// Every job once, on this thread; total time, count and bytes by kind of job.
fn by_kind(renderer: &Renderer) {
    let mut kinds: std::collections::BTreeMap<String, (f64, usize, usize)> = Default::default();
    for job in renderer.jobs() {
        let kind = format!("{job:?}").split('(').next().unwrap_or("").to_string();
        let t = Instant::now();
        let size = renderer.render(job).map(|(_, b)| b.len()).unwrap_or(0);
        let e = kinds.entry(kind).or_default();
        e.0 += t.elapsed().as_secs_f64();
        e.1 += 1;
        e.2 += size;
    }
    for (kind, (secs, n, bytes)) in kinds {
        println!(
            "{kind:>14}: {secs:6.3} s for {n:5} jobs ({:.1} ms each, {} MB)",
            secs * 1000.0 / n as f64,
            bytes >> 20
        );
    }
}
