//! hoclieu: Markdown lessons by school level → an accessible static site.
//!
//! Data flows one way: [`content`] loads and validates a [`content::Site`] (each page parsed once by
//! [`markdown::analyse`]); [`render`] turns it into pages through the [`theme`]; [`output`] writes them
//! atomically. docs/architecture.md maps the modules and their layering (held by tests/layering.rs).

// A `Diagnostic` (message, file, hint, span) is large, but one is made only when the content has a
// problem; boxing it on every `Err` would buy nothing on the paths that run.
#![allow(clippy::result_large_err)]

pub mod build;
pub mod bundle;
pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod external;
pub mod frontmatter;
pub mod incremental;
pub mod markdown;
pub mod output;
pub mod quiz;
pub mod render;
pub mod sanitize;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod text;
pub mod theme;
pub mod urls;
pub mod yaml;
