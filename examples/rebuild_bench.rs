//! Times `serve`'s rebuild after a one-lesson edit, on a site made by `examples/synth.rs`.
//!
//!     cargo run --release --example synth -- --lessons 10000 --out /tmp/synth10k
//!     cargo run --release --example rebuild_bench -- /tmp/synth10k [edits] [body|title]
//!
//! Does one full build (as `serve` does at start), then edits one lesson `edits` times (default 20),
//! timing each rebuild; prints the median and the worst. The lesson is restored. A `body` edit (the
//! default) adds a sentence at the end of the lesson; a `title` edit also changes its title, which
//! the level page, the neighbours, the coverage and parents' pages show, so they are rendered too.

use std::path::PathBuf;
use std::time::Instant;

use hoclieu::build::BuildOptions;
use hoclieu::diagnostics::Diagnostics;
use hoclieu::incremental::{Outcome, Project};

// The same allocator as the `hoclieu` binary (and so `serve`), so the figures match what authors get.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().unwrap_or_else(|| "/tmp/synth10k".into()));
    let edits: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    let title = args.next().is_some_and(|kind| kind == "title");
    let root = root.canonicalize().expect("site folder");
    let out = std::env::temp_dir().join("hoclieu-rebuild-bench");
    let opts = BuildOptions {
        root: root.clone(),
        out,
        drafts: false,
        progress: false,
        write: true,
        audience: Default::default(),
    };
    let mut project = Project::new(opts);
    let start = Instant::now();
    let diags = Diagnostics::new();
    if project.rebuild(&[], &diags).is_none() {
        eprint!("{}", diags.render(false));
        std::process::exit(1);
    }
    println!("first (full) build: {:.2} s", start.elapsed().as_secs_f64());
    let level = std::fs::read_dir(root.join("content"))
        .expect("content/")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.is_dir())
        .expect("a level");
    let lesson = std::fs::read_dir(&level)
        .expect("level folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("bai-")))
        .min()
        .expect("a lesson");
    let original = std::fs::read_to_string(&lesson).expect("lesson");
    let mut times = Vec::new();
    for n in 0..edits {
        let mut text = format!("{original}\nSửa lần {n}: thêm một câu mới vào cuối bài.\n");
        if title {
            text = text.replacen("\ntitle: \"", &format!("\ntitle: \"(sửa {n}) "), 1);
        }
        std::fs::write(&lesson, text).expect("write");
        let t = Instant::now();
        let diags = Diagnostics::new();
        match project.rebuild(std::slice::from_ref(&lesson), &diags) {
            Some(Outcome::Incremental { pages, .. }) if n == 0 => println!("re-rendered {pages} pages per edit"),
            Some(Outcome::Incremental { .. }) => {}
            Some(Outcome::Full(_)) => println!("edit {n}: took a full build"),
            None => {
                eprint!("{}", diags.render(false));
                break;
            }
        }
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    std::fs::write(&lesson, original).expect("restore");
    times.sort_by(f64::total_cmp);
    if !times.is_empty() {
        println!(
            "one-lesson edit, {} runs: median {:.1} ms, fastest {:.1} ms, slowest {:.1} ms",
            times.len(),
            times[times.len() / 2],
            times[0],
            times[times.len() - 1]
        );
    }
}
