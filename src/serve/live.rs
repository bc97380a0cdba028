//! Live reload: the state of the last build, and the page requests parked until it changes.
//!
//! Pages long-poll `/__hoclieu/wait?v=N`. Waiting requests are parked here rather than holding a
//! worker thread, so many open tabs cannot starve the file server.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::Serialize;
use tiny_http::Request;

use super::http;
use crate::diagnostics::{Diagnostic, Diagnostics, Severity};

pub const PREFIX: &str = "/__hoclieu/";
pub const SCRIPT: &str = include_str!("live.js");
pub const STYLE: &str = include_str!("live.css");

/// Long polls end after this even without news, before browsers or proxies give up on them.
const POLL_TIMEOUT: Duration = Duration::from_secs(25);

#[derive(Serialize)]
struct Status<'a> {
    /// Changes whenever open pages should reload or show other errors.
    version: u64,
    /// Every finished build, news or not.
    builds: u64,
    ok: bool,
    summary: &'a str,
    errors: &'a [Diagnostic],
}

#[derive(Default)]
struct Inner {
    version: u64,
    builds: u64,
    ok: bool,
    summary: String,
    errors: Vec<Diagnostic>,
    errors_json: String,
    waiters: Vec<(Request, Instant)>,
}

#[derive(Default)]
pub struct Live {
    inner: Mutex<Inner>,
}

impl Inner {
    fn json(&self) -> String {
        let status = Status {
            version: self.version,
            builds: self.builds,
            ok: self.ok,
            summary: &self.summary,
            errors: &self.errors,
        };
        serde_json::to_string(&status).unwrap_or_else(|_| "{}".into())
    }
}

impl Live {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn version(&self) -> u64 {
        self.lock().version
    }

    /// Whether the last build failed: pages then come from an older build.
    pub fn failing(&self) -> bool {
        !self.lock().ok
    }

    pub fn errors(&self) -> Vec<Diagnostic> {
        self.lock().errors.clone()
    }

    pub fn status_json(&self) -> String {
        self.lock().json()
    }

    /// Records a finished build. `changed`: it wrote files, so open pages may be stale.
    pub fn publish(&self, ok: bool, changed: bool, diags: &Diagnostics) {
        let errors: Vec<Diagnostic> = diags.sorted().into_iter().filter(|d| d.severity == Severity::Error).collect();
        let errors_json = serde_json::to_string(&errors).unwrap_or_default();
        let (waiters, json) = {
            let mut g = self.lock();
            g.builds += 1;
            let news = changed || g.ok != ok || g.errors_json != errors_json;
            g.ok = ok;
            // Counted from the deduplicated list, so the number matches what pages show.
            g.summary = crate::diagnostics::plural(errors.len(), "error");
            g.errors = errors;
            g.errors_json = errors_json;
            if !news {
                return;
            }
            g.version += 1;
            (std::mem::take(&mut g.waiters), g.json())
        };
        // Answered outside the lock: a slow client must not hold up the next build.
        for (req, _) in waiters {
            http::respond_json(req, &json);
        }
    }

    /// Answers now if the page's version `seen` is stale (or unknown), else parks the request.
    pub fn wait(&self, req: Request, seen: Option<u64>) {
        let mut g = self.lock();
        if seen == Some(g.version) {
            g.waiters.push((req, Instant::now()));
            return;
        }
        let json = g.json();
        drop(g);
        http::respond_json(req, &json);
    }

    /// Ends long polls that waited `POLL_TIMEOUT`; the page simply polls again.
    pub fn expire(&self) {
        self.release(|since| since.elapsed() >= POLL_TIMEOUT);
    }

    /// Ends every long poll (the server is stopping).
    pub fn close(&self) {
        self.release(|_| true);
    }

    fn release(&self, due: impl Fn(&Instant) -> bool) {
        let (due, json) = {
            let mut g = self.lock();
            let (due, keep): (Vec<_>, Vec<_>) = std::mem::take(&mut g.waiters).into_iter().partition(|(_, t)| due(t));
            g.waiters = keep;
            (due, g.json())
        };
        for (req, _) in due {
            http::respond_json(req, &json);
        }
    }
}
