//! Live reload: the state of the last build, and the page requests waiting until it changes.
//!
//! Pages long-poll `/__hoclieu/wait?v=N`. A waiting request is a parked task on the server's
//! runtime (no thread of its own), woken through a `watch` channel when a build brings news, so
//! many open tabs cost a few hundred bytes each and cannot starve the file server.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use serde::Serialize;
use tokio::sync::watch;

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
}

pub struct Live {
    inner: Mutex<Inner>,
    /// Carries the version: every change wakes the waiting requests.
    news: watch::Sender<u64>,
    /// The server is stopping: waits end at once.
    closed: AtomicBool,
}

impl Default for Live {
    fn default() -> Self {
        Live { inner: Mutex::default(), news: watch::Sender::new(0), closed: AtomicBool::new(false) }
    }
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

    /// Records a finished build. `changed`: the served files differ, so open pages are stale.
    /// Returns whether open pages were told (a reload, or other errors to show).
    pub fn publish(&self, ok: bool, changed: bool, diags: &Diagnostics) -> bool {
        // In the output's language, like the terminal's report.
        let lang = crate::diagnostics::language();
        let errors: Vec<Diagnostic> =
            diags.sorted().iter().filter(|d| d.severity == Severity::Error).map(|d| d.localized(lang)).collect();
        let errors_json = serde_json::to_string(&errors).unwrap_or_default();
        let version = {
            let mut g = self.lock();
            g.builds += 1;
            let news = changed || g.ok != ok || g.errors_json != errors_json;
            g.ok = ok;
            // Counted from the deduplicated list, so the number matches what pages show.
            g.summary = crate::diagnostics::plural(errors.len(), "error");
            g.errors = errors;
            g.errors_json = errors_json;
            if !news {
                return false;
            }
            g.version += 1;
            g.version
        };
        // Outside the lock: waking the waiters never holds up a request reading the status.
        self.news.send_replace(version);
        true
    }

    /// The status as soon as the page's version `seen` is stale (or unknown), else when the next
    /// news comes, or after [`POLL_TIMEOUT`] (the page then simply asks again).
    pub async fn wait(&self, seen: Option<u64>) -> String {
        // Subscribed before looking at the version, so news published in between is not missed.
        let mut rx = self.news.subscribe();
        if seen == Some(self.version()) && !self.closed.load(Ordering::Relaxed) {
            let _ = tokio::time::timeout(POLL_TIMEOUT, rx.changed()).await;
        }
        self.status_json()
    }

    /// Ends every long poll (the server is stopping).
    pub fn close(&self) {
        self.closed.store(true, Ordering::Relaxed);
        self.news.send_modify(|_| {});
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap()
    }

    #[test]
    fn a_stale_page_is_answered_at_once_and_a_current_one_waits_for_news() {
        let live = std::sync::Arc::new(Live::default());
        let rt = runtime();
        assert!(live.publish(true, true, &Diagnostics::new()));
        let v = live.version();
        let now: serde_json::Value = serde_json::from_str(&rt.block_on(live.wait(Some(v - 1)))).unwrap();
        assert_eq!(now["version"], v);
        let unknown: serde_json::Value = serde_json::from_str(&rt.block_on(live.wait(None))).unwrap();
        assert_eq!(unknown["version"], v);

        let waiting = rt.spawn({
            let live = live.clone();
            async move { live.wait(Some(v)).await }
        });
        // Lets the task run up to its wait.
        rt.block_on(async { tokio::time::sleep(Duration::from_millis(20)).await });
        assert!(!waiting.is_finished(), "a page that is up to date waits");
        // A build with nothing new does not wake it; the next one with news does.
        assert!(!live.publish(true, false, &Diagnostics::new()));
        rt.block_on(async { tokio::time::sleep(Duration::from_millis(20)).await });
        assert!(!waiting.is_finished(), "a build without news wakes no page");
        assert!(live.publish(true, true, &Diagnostics::new()));
        let woke: serde_json::Value = serde_json::from_str(&rt.block_on(waiting).unwrap()).unwrap();
        assert_eq!(woke["version"], v + 1);
        assert_eq!(woke["builds"], 3);
    }

    #[test]
    fn closing_ends_the_waits() {
        let live = std::sync::Arc::new(Live::default());
        let rt = runtime();
        let waiting = rt.spawn({
            let live = live.clone();
            async move { live.wait(Some(0)).await }
        });
        rt.block_on(async { tokio::time::sleep(Duration::from_millis(20)).await });
        assert!(!waiting.is_finished());
        live.close();
        let start = std::time::Instant::now();
        assert!(rt.block_on(waiting).unwrap().contains("\"version\":0"));
        assert!(start.elapsed() < Duration::from_secs(5));
        // Once closed, no new wait parks.
        assert!(rt.block_on(live.wait(Some(0))).contains("\"version\":0"));
    }
}
