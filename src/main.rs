// Rendering makes many small, short-lived allocations on two threads; mimalloc handles that pattern
// faster and with less fragmentation than the system allocator (figures in docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    hoclieu::cli::run()
}
