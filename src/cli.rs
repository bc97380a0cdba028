//! The command line: `hoclieu build`, `check`, and friends.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::build::{self, BuildOptions};
use crate::diagnostics::{self, Diagnostics, Severity};
use crate::render::Audience;

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
    #[command(
        after_help = "Examples:\n  hoclieu build\n  hoclieu build --root ../truong-em --out /tmp/site\n  hoclieu build --drafts --quiet"
    )]
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
        /// `all` (default) or `student`: a site without teacher guides and answer keys, for publishing openly.
        #[arg(long, default_value = "all", value_parser = ["all", "student"])]
        audience: String,
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
    /// Create a new site: config, one level, a lesson with a quiz, a session plan and a handout.
    #[command(
        after_help = "Examples:\n  hoclieu init truong-em\n  hoclieu init . --force      Add only the missing files to this folder"
    )]
    Init {
        /// The folder for the new site (created if missing).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Add the missing files to a folder that is not empty; existing files are never changed.
        #[arg(long)]
        force: bool,
        /// The site's title [default: Em an toàn trên mạng].
        #[arg(long)]
        title: Option<String>,
    },
    /// Add a lesson or a session plan, with every field explained.
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Preview the site: build it, serve it on this computer, rebuild and reload on every save.
    #[command(
        after_help = "Examples:\n  hoclieu serve\n  hoclieu serve --root truong-em --open\n  hoclieu serve --port 8080 --drafts\n\n\
The preview is built into .hoclieu/serve/ inside the site folder (ignored by git). Press Ctrl+C to stop."
    )]
    Serve {
        /// The site folder (the one with hoclieu.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; anything but 127.0.0.1 or ::1 lets other devices see the preview.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Include lessons marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
}

#[derive(Subcommand)]
pub enum NewCommand {
    /// A lesson: `hoclieu new lesson <level>/<name>`; its order is the level's next number.
    #[command(
        after_help = "Examples:\n  hoclieu new lesson tieu-hoc/mat-khau-manh --title \"Mật khẩu mạnh\"\n  hoclieu new lesson \"thcs/Tin giả\""
    )]
    Lesson {
        /// Level folder and file name, e.g. `tieu-hoc/mat-khau-manh`.
        path: String,
        /// The lesson's title.
        #[arg(long)]
        title: Option<String>,
        /// The site folder (the one with hoclieu.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// This school year's session plan for a level, listing the level's lessons and materials.
    #[command(after_help = "Examples:\n  hoclieu new session thcs")]
    Session {
        /// The level folder, e.g. `thcs`.
        level: String,
        /// The site folder (the one with hoclieu.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { root, out, drafts, quiet, audience } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            let diags = Diagnostics::new();
            let audience = if audience == "student" { Audience::Student } else { Audience::All };
            let opts = BuildOptions { root, out: out.clone(), drafts, progress: !quiet, write: true, audience };
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
                        eprintln!(
                            "Open {} in a browser, or serve the folder with any web server.",
                            out.join("index.html").display()
                        );
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
            let opts = BuildOptions {
                root: root.clone(),
                out: PathBuf::new(),
                drafts,
                progress: false,
                write: false,
                audience: Default::default(),
            };
            let summary = build::build(&opts, &diags);
            // Other sites' images and links, for a teacher to review (check only; not a build's cost).
            let external = crate::sanitize::external::review(&root, &diags);
            if format == "json" {
                print!("{}", diags.render_json());
            } else {
                report(&diags, false);
                eprint!("{}", crate::sanitize::external::summary(&external));
                match &summary {
                    Some(s) => {
                        eprint!("{}", readiness_table(&s.readiness));
                        eprintln!(
                            "Checked {} pages, {}: {}.",
                            s.pages,
                            diagnostics::plural(s.lessons, "lesson"),
                            diags.summary()
                        )
                    }
                    None => eprintln!("Check failed: {}.", diags.summary()),
                }
            }
            if summary.is_some() && diags.count(Severity::Error) == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Command::Init { dir, force, title } => init(dir, force, title),
        Command::New { what } => new(what),
        Command::Serve { root, port, bind, open, drafts } => serve(root, port, bind, open, drafts),
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

fn init(dir: PathBuf, force: bool, title: Option<String>) -> ExitCode {
    let opts = crate::scaffold::InitOptions { dir: dir.clone(), force, title };
    match crate::scaffold::init(&opts) {
        Ok(r) => {
            for rel in &r.created {
                eprintln!("  created  {rel}");
            }
            for rel in &r.skipped {
                eprintln!("  kept     {rel} (already there, left unchanged)");
            }
            eprintln!("\nA new site is ready in {}. Next:", dir.display());
            if dir != std::path::Path::new(".") {
                eprintln!("  cd {}", shell_word(&dir.display().to_string()));
            }
            eprintln!("  hoclieu serve          preview it at http://127.0.0.1:1111/ while you edit");
            eprintln!("  hoclieu new lesson tieu-hoc/<name>   add a lesson");
            eprintln!("  hoclieu check          check every page before you publish");
            ExitCode::SUCCESS
        }
        Err(p) => {
            eprintln!("{p}");
            ExitCode::from(1)
        }
    }
}

/// Quotes a path for the "next steps" the author may copy into a shell.
fn shell_word(s: &str) -> String {
    if s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c)) {
        s.to_string()
    } else {
        format!("\"{}\"", s.replace('"', "\\\""))
    }
}

fn new(what: NewCommand) -> ExitCode {
    let result = match &what {
        NewCommand::Lesson { path, title, root } => crate::scaffold::new_lesson(root, path, title.as_deref()),
        NewCommand::Session { level, root } => crate::scaffold::new_session(root, level),
    };
    match result {
        Ok(c) => {
            eprintln!("Created {}", c.path.strip_prefix(".").unwrap_or(&c.path).display());
            for n in &c.notes {
                eprintln!("  {n}");
            }
            eprintln!("  Every field has a comment explaining it; `hoclieu serve` previews the page as you edit.");
            ExitCode::SUCCESS
        }
        Err(p) => {
            eprintln!("{p}");
            ExitCode::from(1)
        }
    }
}

fn serve(root: PathBuf, port: u16, bind: std::net::IpAddr, open: bool, drafts: bool) -> ExitCode {
    let opts = crate::serve::ServeOptions { root, bind, port, drafts, log: true };
    match crate::serve::start(opts) {
        Ok(server) => {
            let url = server.url();
            eprintln!("Serving the site at {url} (Ctrl+C to stop). Pages reload by themselves when you save.");
            if open {
                crate::serve::open_browser(&url);
            }
            server.wait();
            ExitCode::SUCCESS
        }
        Err(p) => {
            eprintln!("{p}");
            ExitCode::from(1)
        }
    }
}

/// The programme's readiness: one line per level, as the teachers' page shows it.
fn readiness_table(rows: &[build::Readiness]) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let width = rows.iter().map(|r| r.level.chars().count()).max().unwrap_or(0).max(5);
    let mut out = String::from("Sessions this school year:\n");
    for r in rows {
        let pad = " ".repeat(width - r.level.chars().count());
        match &r.session {
            Some((title, minutes, lessons)) => out.push_str(&format!(
                "  ✓ ready    {}{pad}  {minutes} min, {}  {title}\n",
                r.level,
                diagnostics::plural(*lessons, "lesson")
            )),
            None => out.push_str(&format!("  ✗ missing  {}{pad}  no session plan\n", r.level)),
        }
    }
    out
}
