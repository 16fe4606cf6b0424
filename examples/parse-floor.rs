//! `parse-floor`: the time a briefing's readers alone take on a state
//! directory, the floor under a full run.
//!
//! ```text
//! cargo build --release --bin briefing --example parse-floor
//! /usr/bin/time -f "%e s %U user %M KB" target/release/examples/parse-floor CONFIG
//! /usr/bin/time -f "%e s %U user %M KB" target/release/briefing --config CONFIG --today 2026-11-24 --json > /dev/null
//! ```
//!
//! Walks the state directory `CONFIG` names and reads, decodes and parses
//! every file with the same readers and threads as `briefing`, keeping
//! nothing ([`briefing::ingest::parse_only`]), then prints what it read.

// The binary's allocator, so the figures compare with the command's.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(path), None) = (args.next(), args.next()) else {
        eprintln!("usage: parse-floor CONFIG");
        return ExitCode::from(2);
    };
    let config = match briefing::config::Config::load(std::path::Path::new(&path)) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("parse-floor: {error:#}");
            return ExitCode::FAILURE;
        }
    };
    let started = std::time::Instant::now();
    match briefing::ingest::parse_only(&config) {
        Ok(parsed) => {
            println!(
                "parsed {} files, {} bytes, {} top-level values in {:.3} s",
                parsed.files,
                parsed.bytes,
                parsed.roots,
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("parse-floor: {error}");
            ExitCode::FAILURE
        }
    }
}
