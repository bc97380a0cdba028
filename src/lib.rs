//! hoclieu: Markdown lessons by school level → an accessible static site.
//!
//! Data flows one way: [`config`] and [`content`] load and validate a [`content::Site`];
//! [`render`] turns it into pages; [`output`] writes them atomically.

pub mod config;
pub mod diagnostics;
pub mod frontmatter;
pub mod markdown;
pub mod quiz;
pub mod text;
pub mod yaml;
