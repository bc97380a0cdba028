//! The command line: `hoclieu build`, `check`, and friends.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::build::{self, BuildOptions};
use crate::diagnostics::{self, msg, Diagnostics, Lang, Severity};
use crate::render::Audience;

mod guides;
mod vi;

#[derive(Parser)]
#[command(
    name = "hoclieu",
    version,
    about = "Turn Markdown lessons, grouped by school level, into an accessible website that works offline.",
    long_about = "hoclieu (\"học liệu\": learning materials) turns Markdown lessons, grouped by school level, into an \
accessible static website with quizzes, teacher guides and printable materials. The site works from any web server \
and straight from disk (file://), e.g. from a USB stick.\n\nA site is a folder with hoclieu.yaml and content/. \
The guides come with this program: `hoclieu docs` lists them, `hoclieu docs authoring` prints the author's guide. \
They are also in the docs/ folder of hoclieu's source.",
    after_help = "Examples:\n  hoclieu init truong-em        Start a new site in the folder truong-em\n  \
hoclieu serve                 Preview the site while you edit\n  \
hoclieu check                 Report every problem without writing anything\n  \
hoclieu build                 Build the site in this folder into public/\n  \
hoclieu docs authoring        Read the author's guide\n\n\
Help comes in Vietnamese when the site's language is vi (or with --lang vi).\n\
Exit status: 0 success, 1 problems in the content, 2 wrong command-line usage."
)]
pub struct Cli {
    /// The language of this help and of the messages: `vi` or `en` [default: the site's `language`].
    #[arg(long, global = true, value_parser = ["vi", "en"])]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Build the site into public/ (replaced as a whole; a failed build leaves it as it was).
    #[command(
        after_help = "Examples:\n  hoclieu build\n  hoclieu build --root ../truong-em --out /tmp/site\n  hoclieu build --drafts --quiet\n  \
hoclieu build --zip hoc-lieu.zip    Also pack the site into one archive (see `hoclieu docs deploy`)"
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
        /// Also pack the built site into this zip archive: one folder that works unzipped anywhere
        /// (a USB stick, a shared drive, any web host).
        #[arg(long, value_name = "FILE")]
        zip: Option<PathBuf>,
    },
    /// Check everything a build checks, and write nothing.
    #[command(
        after_help = "Examples:\n  hoclieu check\n  hoclieu check --root my-site --format json\n  hoclieu check --watch          Check again on every save"
    )]
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
        /// Keep running and check again whenever a file of the site is saved (Ctrl+C to stop).
        #[arg(long)]
        watch: bool,
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
    /// Add a level, a lesson or a session plan, with every field explained.
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Change the look: copy a template of the theme into the site to edit it.
    Theme {
        #[command(subcommand)]
        what: ThemeCommand,
    },
    /// Write JSON Schemas of hoclieu.yaml, front matter and quiz blocks, for editors to check as you type.
    #[command(
        after_help = "Examples:\n  hoclieu schema                  Write them into .hoclieu/schemas/ of this site\n  \
hoclieu schema --out schemas    Write them into the folder schemas/\n\n\
Files: hoclieu-config.schema.json, and page, level, lesson, session, material, quiz and frameworks.schema.json.\n\
`hoclieu docs editors` says how to use them in VS Code."
    )]
    Schema {
        /// The folder to write them into [default: .hoclieu/schemas/ in the site folder].
        #[arg(long)]
        out: Option<PathBuf>,
        /// The site folder (the one with hoclieu.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Read the guides that come with hoclieu (Markdown, printed to the terminal).
    #[command(
        after_help = "Examples:\n  hoclieu docs                  List the guides\n  hoclieu docs authoring        The author's guide\n  \
hoclieu docs diagnostics --lang vi   Every error code, in Vietnamese\n  hoclieu docs deploy > deploy.md"
    )]
    Docs {
        /// The guide: authoring, diagnostics, deploy, editors or theme.
        topic: Option<String>,
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
pub enum ThemeCommand {
    /// Copy a theme template (e.g. `lesson`) into templates/, where it replaces the theme's own.
    #[command(
        after_help = "Examples:\n  hoclieu theme eject lesson\n  hoclieu theme eject base.html --root truong-em"
    )]
    Eject {
        /// The template's name, e.g. `lesson` or `base.html` (`hoclieu theme list` lists them).
        template: String,
        /// The site folder (the one with hoclieu.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// List the theme's templates and which ones the site replaces.
    List {
        /// The site folder (the one with hoclieu.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum NewCommand {
    /// A level: `hoclieu new level <name>`, e.g. `thcs`; makes content/<name>/_index.md.
    #[command(
        after_help = "Examples:\n  hoclieu new level thcs\n  hoclieu new level mam-non\n  hoclieu new level \"Giáo dục thường xuyên\" --title \"GDTX\""
    )]
    Level {
        /// The level's folder name: `mam-non`, `tieu-hoc`, `thcs`, `thpt` or your own.
        name: String,
        /// The level's title [default: the usual name of the level].
        #[arg(long)]
        title: Option<String>,
        /// The site folder (the one with hoclieu.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// A lesson: `hoclieu new lesson <level>/<name>`; its order is the level's next number. It starts as a draft.
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
    let args: Vec<OsString> = std::env::args_os().collect();
    // Messages come in the language help comes in (docs/diagnostics.md, "Language").
    diagnostics::set_language(diagnostics::Lang::from_code(&help_language(&args)));
    let cli = parse(args);
    match cli.command {
        Command::Build { root, out, drafts, quiet, audience, zip } => {
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
                            "{}",
                            msg!(
                                "cli-built",
                                pages = s.pages,
                                lessons = s.lessons,
                                seconds = format!("{:.2}", s.seconds),
                                out = out.display().to_string(),
                                changed = s.files_written
                            )
                        );
                        eprintln!("{}", msg!("cli-open", index = out.join("index.html").display().to_string()));
                    }
                    if let Some(zip) = zip {
                        return pack(&out, &zip, quiet);
                    }
                    ExitCode::SUCCESS
                }
                None => {
                    let out = out.display().to_string();
                    eprintln!("{}", msg!("cli-build-failed", summary = diags.summary(), out = out));
                    ExitCode::from(1)
                }
            }
        }
        Command::Check { root, drafts, format, watch: true } => check_watch(root, drafts, &format),
        Command::Check { root, drafts, format, watch: false } => check(root, drafts, &format, false),
        Command::Init { dir, force, title } => init(dir, force, title),
        Command::New { what } => new(what),
        Command::Theme { what } => theme(what),
        Command::Schema { out, root } => schema(out, &root),
        Command::Docs { topic } => docs(topic.as_deref(), &cli.lang.unwrap_or_default()),
        Command::Serve { root, port, bind, open, drafts } => serve(root, port, bind, open, drafts),
    }
}

/// Parses the command line with its help in the language [`help_language`] picks.
pub fn parse(args: Vec<OsString>) -> Cli {
    let vi = help_language(&args) == "vi";
    let cmd = if vi { vi::localize(Cli::command()) } else { Cli::command() };
    let matches = cmd.get_matches_from(args);
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// The language for help: `--lang`, else the `language` of the site named by `--root` (or of the site
/// in this folder, or of the one `init` is making), else the computer's (`LANG=vi_VN…`), else English.
pub fn help_language(args: &[OsString]) -> String {
    let args: Vec<String> = args.iter().map(|a| a.to_string_lossy().into_owned()).collect();
    let value = |name: &str| {
        args.iter().enumerate().find_map(|(i, a)| {
            a.strip_prefix(&format!("{name}="))
                .map(str::to_string)
                .or_else(|| (a == name).then(|| args.get(i + 1).cloned()).flatten())
        })
    };
    if let Some(lang) = value("--lang") {
        return lang;
    }
    let root = value("--root").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("."));
    if let Some(lang) = site_language(&root) {
        return lang;
    }
    match std::env::var("LANG") {
        Ok(l) if l.starts_with("vi") => "vi".into(),
        _ => "en".into(),
    }
}

/// `language:` of the site's hoclieu.yaml, read leniently: a broken config still gets help and its
/// errors in the site's language (from the line `language: …` if the YAML does not parse), and a config
/// without the field has the configuration's default, Vietnamese.
fn site_language(root: &Path) -> Option<String> {
    let text = std::fs::read_to_string(root.join(crate::config::CONFIG_FILE)).ok()?;
    match serde_yaml::from_str::<serde_yaml::Value>(&text) {
        Ok(v) => Some(v.get("language").and_then(|l| l.as_str()).unwrap_or("vi").to_string()),
        Err(_) => Some(
            text.lines()
                .find_map(|l| l.strip_prefix("language:"))
                .map(|v| v.split('#').next().unwrap_or("").trim().trim_matches(['"', '\'']).to_string())
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| "vi".into()),
        ),
    }
}

fn check(root: PathBuf, drafts: bool, format: &str, watching: bool) -> ExitCode {
    {
        {
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
            let external = crate::external::review(&root, &diags);
            if format == "json" {
                print!("{}", diags.render_json());
                if watching {
                    // Tells an editor that this round's diagnostics are all there.
                    println!(
                        "{{\"version\":{},\"done\":true,\"errors\":{},\"warnings\":{}}}",
                        diagnostics::JSON_VERSION,
                        diags.count(Severity::Error),
                        diags.count(Severity::Warning)
                    );
                }
                use std::io::Write;
                let _ = std::io::stdout().flush();
            } else {
                report(&diags, false);
                eprint!("{}", crate::external::summary(&external));
                match &summary {
                    Some(s) => {
                        eprint!("{}", readiness_table(&s.readiness));
                        let line = msg!("cli-checked", pages = s.pages, lessons = s.lessons, summary = diags.summary());
                        // `check --watch` keeps the English line: editors' problem matchers wait for
                        // "Checked " or "Check failed" (docs/vi/editors.md).
                        eprintln!("{}", if watching { line.render(Lang::En) } else { line.to_string() })
                    }
                    None => {
                        let line = msg!("cli-check-failed", summary = diags.summary());
                        eprintln!("{}", if watching { line.render(Lang::En) } else { line.to_string() })
                    }
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

/// `check --watch`: checks, then checks again after every save until stopped.
fn check_watch(root: PathBuf, drafts: bool, format: &str) -> ExitCode {
    use crate::serve::watch::{Next, Watch};
    let abs = match root.canonicalize() {
        Ok(p) => p,
        Err(e) => {
            let p = diagnostics::Problem::new(msg!(
                "serve-cannot-open",
                folder = root.display().to_string(),
                error = e.to_string()
            ))
            .hint(msg!("serve-cannot-open.hint"));
            eprintln!("{p}");
            return ExitCode::from(1);
        }
    };
    let mut watch = match Watch::new(&abs) {
        Ok(w) => w,
        Err(p) => {
            eprintln!("{p}");
            return ExitCode::from(1);
        }
    };
    // A line that starts every round, for editors that read the human output (docs/vi/editors.md).
    eprintln!("Checking {} (and again on every save)…", root.display());
    check(root.clone(), drafts, format, true);
    eprintln!("Watching {} for changes; Ctrl+C to stop.", root.display());
    loop {
        match watch.next(std::time::Duration::from_secs(3600)) {
            Next::Changed(paths) => {
                let first = paths.first().map(|p| p.strip_prefix(&abs).unwrap_or(p).display().to_string());
                eprintln!("\n── {} changed: checking again ──", first.unwrap_or_default());
                check(root.clone(), drafts, format, true);
            }
            Next::Idle => {}
            Next::Closed => return ExitCode::SUCCESS,
        }
    }
}

/// `hoclieu schema`: writes the JSON Schemas and says where. Without `--out`, into the site's work folder;
/// outside a site that would leave a stray `.hoclieu/` behind, so it asks where instead.
fn schema(out: Option<PathBuf>, root: &Path) -> ExitCode {
    let out = match out {
        Some(out) => out,
        None if root.join(crate::config::CONFIG_FILE).is_file() => root.join(crate::config::WORK_DIR).join("schemas"),
        None => {
            let p = diagnostics::Problem::new(msg!(
                "problem-no-config",
                file = crate::config::CONFIG_FILE,
                folder = root.display().to_string()
            ))
            .hint(msg!("schema-no-site"));
            eprintln!("{p}");
            return ExitCode::from(1);
        }
    };
    match crate::schema::write(&out) {
        Ok(files) => {
            for f in &files {
                println!("{}", f.display());
            }
            eprintln!("{}", msg!("schema-written", count = files.len(), folder = out.display().to_string()));
            ExitCode::SUCCESS
        }
        Err(p) => {
            eprintln!("{p}");
            ExitCode::from(1)
        }
    }
}

/// `build --zip`: packs the site just built.
fn pack(out: &Path, zip: &Path, quiet: bool) -> ExitCode {
    match crate::bundle::zip_site(out, zip) {
        Ok(b) => {
            if !quiet {
                eprintln!(
                    "{}",
                    msg!(
                        "zip-packed",
                        files = b.files,
                        mb = format!("{:.1}", b.bytes as f64 / 1_000_000.0),
                        zip = b.path.display().to_string(),
                        folder = &b.folder
                    )
                );
            }
            ExitCode::SUCCESS
        }
        Err(p) => {
            eprintln!("{p}");
            ExitCode::from(1)
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

fn init(dir: PathBuf, force: bool, title: Option<String>) -> ExitCode {
    let opts = crate::scaffold::InitOptions { dir: dir.clone(), force, title };
    match crate::scaffold::init(&opts) {
        Ok(r) => {
            for rel in &r.created {
                eprintln!("  {}", msg!("init-created", file = rel));
            }
            for rel in &r.skipped {
                eprintln!("  {}", msg!("init-kept", file = rel));
            }
            eprintln!("\n{}", msg!("init-ready", folder = dir.display().to_string()));
            if dir != std::path::Path::new(".") {
                eprintln!("  cd {}", shell_word(&dir.display().to_string()));
            }
            eprintln!("{}", msg!("init-next"));
            eprintln!("\n{}", msg!("init-base-url"));
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
        NewCommand::Level { name, title, root } => crate::scaffold::new_level(root, name, title.as_deref()),
    };
    match result {
        Ok(c) => {
            eprintln!(
                "{}",
                msg!("new-created", file = c.path.strip_prefix(".").unwrap_or(&c.path).display().to_string())
            );
            for n in &c.notes {
                eprintln!("  {n}");
            }
            eprintln!("  {}", msg!("new-created.comments"));
            ExitCode::SUCCESS
        }
        Err(p) => {
            eprintln!("{p}");
            ExitCode::from(1)
        }
    }
}

fn theme(what: ThemeCommand) -> ExitCode {
    match what {
        ThemeCommand::Eject { template, root } => match crate::theme::eject(&root, &template) {
            Ok(e) => {
                eprintln!("{}", msg!("new-created", file = &e.rel));
                eprintln!("{}", msg!("eject-created"));
                ExitCode::SUCCESS
            }
            Err(p) => {
                eprintln!("{p}");
                ExitCode::from(1)
            }
        },
        ThemeCommand::List { root } => {
            for name in crate::theme::template_names() {
                let own = root.join("templates").join(name);
                if own.is_file() {
                    println!("{name}  {}", msg!("theme-list-replaced", name = name));
                } else {
                    println!("{name}");
                }
            }
            ExitCode::SUCCESS
        }
    }
}

fn docs(topic: Option<&str>, lang: &str) -> ExitCode {
    let lang = if lang.is_empty() { help_language(&std::env::args_os().collect::<Vec<_>>()) } else { lang.to_string() };
    let Some(topic) = topic else {
        println!("The guides that come with hoclieu (`hoclieu docs <name>`; `--lang vi` or `--lang en`):\n");
        for (name, about, en, vi) in guides::GUIDES {
            let note = match (en.is_some(), vi.is_some()) {
                (true, true) => "  [vi, en]",
                (false, true) => "  [vi]",
                _ => "  [en]",
            };
            println!("  {name:<12} {about}{note}");
        }
        println!("\nThey are also in the docs/ folder of hoclieu's source (docs/vi/ in Vietnamese).");
        return ExitCode::SUCCESS;
    };
    match guides::guide(topic, &lang) {
        Some(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        None => {
            let names: Vec<&str> = guides::GUIDES.iter().map(|g| g.0).collect();
            let hint = match diagnostics::did_you_mean(topic, &names) {
                Some(g) => msg!("docs-no-guide.suggest", guide = g, guides = names.join(", ")),
                None => msg!("docs-no-guide.known", guides = names.join(", ")),
            };
            eprintln!("{}", diagnostics::Problem::new(msg!("docs-no-guide", guide = topic)).hint(hint));
            ExitCode::from(1)
        }
    }
}

fn serve(root: PathBuf, port: u16, bind: std::net::IpAddr, open: bool, drafts: bool) -> ExitCode {
    let opts = crate::serve::ServeOptions { root, bind, port, drafts, log: true };
    match crate::serve::start(opts) {
        Ok(server) => {
            let url = server.url();
            eprintln!("{}", msg!("serve-serving", url = &url));
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
    let (ready, missing) = (msg!("cli-ready").to_string(), msg!("cli-missing").to_string());
    let label_width = ready.chars().count().max(missing.chars().count());
    let label = |l: &str| format!("{l}{}", " ".repeat(label_width - l.chars().count()));
    let mut out = format!("{}\n", msg!("cli-sessions-this-year"));
    for r in rows {
        let pad = " ".repeat(width - r.level.chars().count());
        match &r.session {
            Some(crate::build::ReadySession { title, minutes, lessons }) => out.push_str(&format!(
                "  ✓ {}  {}{pad}  {}  {title}\n",
                label(&ready),
                r.level,
                msg!("cli-session-size", minutes = *minutes, lessons = *lessons)
            )),
            None => out.push_str(&format!("  ✗ {}  {}{pad}  {}\n", label(&missing), r.level, msg!("cli-no-session"))),
        }
    }
    out
}
