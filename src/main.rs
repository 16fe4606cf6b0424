//! The `briefing` command line.

mod cli;

// A large briefing makes and frees millions of small values on several
// threads; jemalloc does that in less time than the system allocator and,
// with the single arena set in `.cargo/config.toml`, in less memory.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
