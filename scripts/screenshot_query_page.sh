#!/usr/bin/env bash
# Screenshots of `zhkg serve`'s query page (with the results of its first example) and of an
# entity's explain page, taken in headless Chromium: docs/query-page.png and docs/explain-page.png.
#
#   scripts/screenshot_query_page.sh [ARTICLES...]
#
# ARTICLES default to data/samples and, when they are there, ../shared/corpus/seed and dev.
#
# Needs the release binary (cargo build --release) and Debian's chromium (apt-get install -y
# chromium). The machine needs no network: Chromium is started with everything that would call out
# switched off, and the page loads nothing but itself.
set -euo pipefail
cd "$(dirname "$0")/.."

zhkg=target/release/zhkg
[ -x "$zhkg" ] || { echo "screenshot: build first: cargo build --release" >&2; exit 1; }
chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || { echo "screenshot: chromium is missing (apt-get install -y chromium)" >&2; exit 1; }

work=$(mktemp -d)
server=""
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

articles=("$@")
if [ ${#articles[@]} -eq 0 ]; then
    articles=(data/samples)
    for extra in ../shared/corpus/seed ../shared/corpus/dev; do
        [ -d "$extra" ] && articles+=("$extra")
    done
fi
"$zhkg" ingest --quiet --store "$work/store" "${articles[@]}" || true

"$zhkg" serve --store "$work/store" --bind 127.0.0.1:0 2>"$work/serve.log" &
server=$!
address=""
for _ in $(seq 100); do
    address=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$work/serve.log" | head -n1 || true)
    [ -n "$address" ] && curl -sf "${address}health" >/dev/null && break
    sleep 0.1
done
[ -n "$address" ] || { cat "$work/serve.log" >&2; echo "screenshot: the server did not start" >&2; exit 1; }

shoot() { # URL FILE
    "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --disable-default-apps --hide-scrollbars \
        --user-data-dir="$work/profile" --virtual-time-budget=5000 --window-size=1280,900 \
        --screenshot="$2" "$1" >/dev/null 2>"$work/chromium.log" || { cat "$work/chromium.log" >&2; exit 1; }
    echo "screenshot: $2 ($1)"
}

mkdir -p docs
shoot "${address}?example=0" docs/query-page.png
# The explain page of the first company the first example finds.
entity=$(curl -sf -H 'Accept: text/csv' --data-urlencode 'query=SELECT ?c WHERE { ?c kg:foundedBy ?p } ORDER BY DESC(?c) LIMIT 1' "${address}sparql" | sed -n 2p | tr -d '\r')
if [ -n "$entity" ]; then
    encoded=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$entity")
    shoot "${address}explain?iri=$encoded" docs/explain-page.png
fi
