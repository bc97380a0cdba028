//! The command line: `hoclieu build`, `check`, and friends.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::build::{self, BuildOptions};
use crate::diagnostics::{self, Diagnostics, Severity};

#[derive(Parser)]
#[command(
    name = "hoclieu",
    version,
    about = "Turn Markdown lessons, grouped by school level, into an accessible website that works offline.",
    long_about = "hoclieu (\"học liệu\": learning materials) turns Markdown lessons, grouped by school level, into an \
accessible static website with quizzes, teacher guides and printable materials. The site works from any web server \
and straight from disk (file://), e.g. from a USB stick.\n\nA site is a folder with hoclieu.yaml and content/. \
See docs/authoring.md for how to write lessons.",
    after_help = "Examples:\n  hoclieu build                 Build the site in this folder into public/\n  \
hoclieu build --root my-site   Build another folder\n  hoclieu check                 Report every problem without writing anything\n\n\
Exit status: 0 success, 1 problems in the content, 2 wrong command-line usage."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Build the site into public/ (replaced as a whole; a failed build leaves it as it was).
    #[command(after_help = "Examples:\n  hoclieu build\n  hoclieu build --root ../truong-em --out /tmp/site\n  hoclieu build --drafts --quiet")]
    Build {
        /// The site folder (the one with hoclieu.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site [default: public/ inside the site folder].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Include lessons marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Check everything a build checks, and write nothing.
    #[command(after_help = "Examples:\n  hoclieu check\n  hoclieu check --root my-site --format json")]
    Check {
        /// The site folder (the one with hoclieu.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Also check lessons marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// `human` (default) or `json` (one object per line, for editors and CI).
        #[arg(long, default_value = "human", value_parser = ["human", "json"])]
        format: String,
    },
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { root, out, drafts, quiet } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            let diags = Diagnostics::new();
            let opts = BuildOptions { root, out: out.clone(), drafts, progress: !quiet, write: true };
            let summary = build::build(&opts, &diags);
            report(&diags, quiet);
            match summary {
                Some(s) => {
                    if !quiet {
                        eprintln!(
                            "Built {} pages, {} in {:.2} s → {} ({} files changed)",
                            s.pages,
                            diagnostics::plural(s.lessons, "lesson"),
                            s.seconds,
                            out.display(),
                            s.files_written
                        );
                        eprintln!("Open {} in a browser, or serve the folder with any web server.", out.join("index.html").display());
                    }
                    ExitCode::SUCCESS
                }
                None => {
                    eprintln!("Build failed: {}. {} was left as it was.", diags.summary(), out.display());
                    ExitCode::from(1)
                }
            }
        }
        Command::Check { root, drafts, format } => {
            let diags = Diagnostics::new();
            let opts = BuildOptions { root: root.clone(), out: PathBuf::new(), drafts, progress: false, write: false };
            let summary = build::build(&opts, &diags);
            if format == "json" {
                print!("{}", diags.render_json());
            } else {
                report(&diags, false);
                match &summary {
                    Some(s) => eprintln!("Checked {} pages, {}: {}.", s.pages, diagnostics::plural(s.lessons, "lesson"), diags.summary()),
                    None => eprintln!("Check failed: {}.", diags.summary()),
                }
            }
            if summary.is_some() && diags.count(Severity::Error) == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
    }
}

fn report(diags: &Diagnostics, quiet: bool) {
    let shown = if quiet {
        // --quiet keeps errors only.
        let errors = Diagnostics::new();
        for d in diags.sorted().into_iter().filter(|d| d.severity == Severity::Error) {
            errors.push(d);
        }
        diags.copy_sources_to(&errors);
        errors.render(diagnostics::stderr_color())
    } else {
        diags.render(diagnostics::stderr_color())
    };
    eprint!("{shown}");
}
