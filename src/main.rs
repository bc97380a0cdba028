// Rendering makes many small, short-lived allocations on two threads; mimalloc handles that pattern
// faster and with less fragmentation than the system allocator (figures in docs/performance.md).
#[cfg(not(feature = "system-alloc"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    no_huge_pages();
    hoclieu::cli::run()
}

/// mimalloc asks Linux for 2 MiB pages for its arenas; a build touches them sparsely, so each one costs a
/// whole 2 MiB of resident memory and of zeroing. Without them a 10,000-lesson build peaks about 35 MiB
/// lower, at the same speed (docs/performance.md).
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and only changes how this process's memory is mapped;
    // if the kernel refuses, nothing changes and the build goes on.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
