#!/usr/bin/env bash
# The main job on the bundled sample articles: installs what the build needs, builds zhkg,
# ingests data/samples into the embedded store ./zhkg-store, and prints the facts it found.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
cargo build --release --quiet
zhkg=target/release/zhkg
store=${ZHKG_STORE:-zhkg-store}

"$zhkg" ingest --store "$store" data/samples
echo
"$zhkg" query --store "$store" '
SELECT DISTINCT ?subject ?fact ?object WHERE {
  ?s ?p ?o .
  VALUES ?p { kg:foundedBy kg:headquarteredIn kg:develops kg:parentOrganization
              kg:ceo kg:chairperson kg:worksFor kg:locatedIn kg:foundingDate }
  ?s rdfs:label ?subject .
  OPTIONAL { ?o rdfs:label ?label }
  BIND(COALESCE(?label, STR(?o)) AS ?object)
  BIND(STRAFTER(STR(?p), "#") AS ?fact)
} ORDER BY ?subject ?fact ?object'
echo
"$zhkg" stats --store "$store"
