//! The `zhkg` binary: the command line and the glue between it and the library.

/// mimalloc rather than glibc's malloc: storing a batch allocates and frees a buffer per key and
/// index (the bulk loader's sort), where glibc's free and chunk consolidation cost a fifth of
/// ingest's CPU time (README, Performance).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cli;
mod commands;

fn main() -> std::process::ExitCode {
    cli::run()
}
