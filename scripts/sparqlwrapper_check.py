#!/usr/bin/env python3
"""Runs one query against a SPARQL endpoint through SPARQLWrapper and prints the W3C JSON results.

    scripts/sparqlwrapper_check.py ENDPOINT GET|POST QUERY

tests/cli/serve.rs compares what it prints with `zhkg query --format json`, to show that a stock
Python client reads `zhkg serve` as it reads any endpoint. Exit status 3 (with a message) when
SPARQLWrapper is not installed, so that the test can skip rather than fail.
"""
import json
import sys

try:
    from SPARQLWrapper import GET, JSON, POST, SPARQLWrapper
except ImportError:
    print("SPARQLWrapper is not installed (pip install SPARQLWrapper)", file=sys.stderr)
    sys.exit(3)


def main():
    if len(sys.argv) != 4 or sys.argv[2] not in ("GET", "POST"):
        print(__doc__, file=sys.stderr)
        return 2
    endpoint, method, query = sys.argv[1:]
    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setMethod(GET if method == "GET" else POST)
    client.setReturnFormat(JSON)
    results = client.query().convert()
    json.dump(results, sys.stdout, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
