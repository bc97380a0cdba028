//! Connections: accepting them, and the limits that keep one client (or a thousand) from taking
//! the preview away from the others.
//!
//! hyper speaks HTTP/1.1 with keep-alive on a small tokio runtime: a connection is a task, not a
//! thread, so the number of threads stays fixed however many clients connect. What bounds the
//! rest:
//! - [`max_connections`] open at once; beyond that, new ones wait in the listen queue;
//! - a connection that sends no complete request head for [`HEAD_TIMEOUT`] is closed (slow or
//!   idle clients, `slowloris`);
//! - a client that takes no bytes of a response for [`WRITE_STALL`] is dropped, so clients that
//!   stop reading cannot hold connections forever;
//! - request heads are limited to [`MAX_HEAD`] bytes.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::sync::Semaphore;
use tokio_io_timeout::TimeoutStream;
use tokio_util::sync::CancellationToken;

use super::http::{self, Shared};

/// Threads answering requests; long polls and slow clients are parked tasks, so these only ever
/// do short work.
pub const WORKERS: usize = 2;
/// Threads for disk work (resolving paths, reading files); started on demand, idle ones end.
pub const BLOCKING: usize = 8;
/// Connections waiting to be accepted, kept by the system.
const BACKLOG: u32 = 1024;
/// Open connections at most (fewer if the system allows this process fewer open files).
const MAX_CONNECTIONS: usize = 4096;
/// Open files kept for everything but connections: pages being read, the watcher, the build.
const FILES_KEPT: u64 = 256;
const HEAD_TIMEOUT: Duration = Duration::from_secs(15);
const WRITE_STALL: Duration = Duration::from_secs(30);
/// Large enough for the cookies other local apps leave on `localhost`.
const MAX_HEAD: usize = 64 * 1024;

/// Binds the listening socket (on the caller's runtime context).
pub fn bind(addr: SocketAddr) -> std::io::Result<TcpListener> {
    let socket = if addr.is_ipv4() { TcpSocket::new_v4()? } else { TcpSocket::new_v6()? };
    // A restarted preview gets its port back at once, as with any other server.
    #[cfg(not(windows))]
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(BACKLOG)
}

/// How many connections may be open at once: [`MAX_CONNECTIONS`], or fewer when the limit on
/// open files is lower. On Unix the soft limit is raised to the hard one first (macOS starts
/// processes at 256).
pub fn max_connections() -> usize {
    let files = open_file_limit();
    let room = files.saturating_sub(FILES_KEPT).max(16);
    usize::try_from(room).unwrap_or(MAX_CONNECTIONS).min(MAX_CONNECTIONS)
}

#[cfg(unix)]
fn open_file_limit() -> u64 {
    let mut lim = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    // SAFETY: `lim` is a valid rlimit for getrlimit to fill in.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) } != 0 {
        return 1024;
    }
    let wanted = (MAX_CONNECTIONS as u64 + FILES_KEPT) as libc::rlim_t;
    if lim.rlim_cur < wanted && lim.rlim_cur < lim.rlim_max {
        let raised = libc::rlimit { rlim_cur: wanted.min(lim.rlim_max), rlim_max: lim.rlim_max };
        // SAFETY: a valid rlimit no higher than the hard limit; failure leaves the old limit.
        if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &raised) } == 0 {
            lim.rlim_cur = raised.rlim_cur;
        }
    }
    #[allow(clippy::unnecessary_cast)] // `rlim_t` is not `u64` on every system
    let files = lim.rlim_cur as u64;
    files
}

#[cfg(not(unix))]
fn open_file_limit() -> u64 {
    (MAX_CONNECTIONS as u64) + FILES_KEPT
}

/// Accepts connections until `stop`, each served on its own task.
pub async fn accept(listener: TcpListener, shared: Arc<Shared>, limit: usize, stop: CancellationToken) {
    let slots = Arc::new(Semaphore::new(limit));
    loop {
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => slot,
            () = stop.cancelled() => return,
        };
        let Ok(slot) = slot else { return };
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = stop.cancelled() => return,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors or a connection reset before it was accepted: the error
                // is the client's or passes; a short pause keeps the loop from spinning on it.
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let shared = shared.clone();
        let stop = stop.clone();
        tokio::spawn(async move {
            tokio::select! {
                () = connection(stream, shared) => {}
                () = stop.cancelled() => {}
            }
            drop(slot);
        });
    }
}

async fn connection(stream: TcpStream, shared: Arc<Shared>) {
    // Small responses go out at once instead of waiting for the client's acknowledgement of the
    // last packet (Nagle's algorithm meeting delayed ACKs costs ~40 ms per kept-alive request).
    let _ = stream.set_nodelay(true);
    let mut io = TimeoutStream::new(stream);
    io.set_write_timeout(Some(WRITE_STALL));
    let io = TokioIo::new(Box::pin(io));
    let service = service_fn(move |req| http::handle(req, shared.clone()));
    let conn = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEAD_TIMEOUT)
        .max_buf_size(MAX_HEAD)
        .keep_alive(true)
        .serve_connection(io, service);
    // An error ends one client's connection (it went away, or sent something that is not HTTP);
    // hyper has answered what deserved an answer (400, 431) already.
    let _ = conn.await;
}
