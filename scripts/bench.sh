#!/usr/bin/env bash
# The performance figures of README's "Performance" section, in one command:
#
#   scripts/bench.sh                         # 1k, 10k and 100k articles; Python peer on 1k and 10k
#   scripts/bench.sh --sizes 1000,10000      # other sizes (any arguments go to benches/ingest.rs)
#   scripts/bench.sh --python-up-to 100000   # the Python peer on 100k too (slow: about 20 minutes)
#
# Installs the Python peer's packages (jieba, rdflib) from PyPI into a venv of its own
# ($ZHKG_BENCH_VENV, default ~/.cache/zhkg-bench-venv), then runs `cargo bench --bench ingest`
# (the bench profile inherits release: nothing is compiled twice). Prints the table and ratios.
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${ZHKG_BENCH_VENV:-$HOME/.cache/zhkg-bench-venv}"
if ! "$venv/bin/python" -c 'import jieba, rdflib' 2>/dev/null; then
    echo "bench: installing jieba and rdflib into $venv" >&2
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet jieba rdflib
fi
export ZHKG_BENCH_PYTHON="$venv/bin/python"
echo "bench: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" >&2
# cargo takes $CARGO_TARGET_DIR as usual: point it at a target directory where RocksDB is built.
exec cargo bench --bench ingest -- "$@"
