#!/usr/bin/env bash
# Installs what building zhkg needs and a fresh Debian or Ubuntu machine lacks: libclang, which
# the RocksDB binding's bindgen loads at build time ("Unable to find libclang"), and a C++
# compiler for RocksDB itself. Does nothing when they are already there.
set -euo pipefail

have_libclang() {
    local lib
    for lib in /usr/lib/llvm-*/lib/libclang.so* /usr/lib/*-linux-gnu/libclang-*.so*; do
        [ -e "$lib" ] && return 0
    done
    return 1
}

missing=()
have_libclang || missing+=(libclang-dev)
command -v c++ >/dev/null 2>&1 || missing+=(g++)
command -v cargo >/dev/null 2>&1 || { echo "setup: cargo is missing; install Rust from https://rustup.rs first" >&2; exit 1; }

if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
