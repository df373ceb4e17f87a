#!/usr/bin/env python3
"""Checks zhkg exports with readers that are not zhkg's: lxml (GEXF against Gephi's RelaxNG
schema, SVG well-formedness), networkx (GEXF and GraphML) and igraph (GraphML).

    validate_export.py [--schema gexf.rng] [--gexf F] [--graphml F] [--svg F]

Prints one JSON object: for GEXF whether it validates (null when no schema was given or found),
the schema's errors, the node and edge counts networkx reads and how many nodes lack viz:color or
viz:position; for GraphML the counts networkx and igraph read. Exits 3, printing
{"missing": [...]}, when a needed module is not installed, so that callers can skip rather than fail.
"""

import argparse
import json
import os
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schema", help="gexf.rng (its includes beside it)")
    parser.add_argument("--gexf")
    parser.add_argument("--graphml")
    parser.add_argument("--svg")
    args = parser.parse_args()

    missing = []
    for module in ("lxml", "networkx", "igraph"):
        try:
            __import__(module)
        except ImportError:
            missing.append(module)
    if missing:
        print(json.dumps({"missing": missing}))
        return 3

    from lxml import etree
    import networkx as nx
    import igraph

    report = {}
    if args.gexf:
        gexf = {}
        document = etree.parse(args.gexf)
        if args.schema and os.path.exists(args.schema):
            schema = etree.RelaxNG(etree.parse(args.schema))
            gexf["valid"] = bool(schema.validate(document))
            gexf["errors"] = [str(e) for e in list(schema.error_log)[:10]]
        else:
            gexf["valid"] = None
            gexf["errors"] = []
        ns = {"g": "http://gexf.net/1.3", "viz": "http://gexf.net/1.3/viz"}
        nodes = document.findall(".//g:nodes/g:node", ns)
        gexf["xml_nodes"] = len(nodes)
        gexf["nodes_without_viz"] = sum(
            1 for n in nodes if n.find("viz:color", ns) is None or n.find("viz:position", ns) is None
        )
        graph = nx.read_gexf(args.gexf)
        gexf["networkx_nodes"] = graph.number_of_nodes()
        gexf["networkx_edges"] = graph.number_of_edges()
        gexf["networkx_labels"] = sorted(str(d.get("label")) for _, d in graph.nodes(data=True))[:5]
        report["gexf"] = gexf
    if args.graphml:
        graphml = {}
        graph = nx.read_graphml(args.graphml)
        graphml["networkx_nodes"] = graph.number_of_nodes()
        graphml["networkx_edges"] = graph.number_of_edges()
        g = igraph.Graph.Read_GraphML(args.graphml)
        graphml["igraph_nodes"] = g.vcount()
        graphml["igraph_edges"] = g.ecount()
        graphml["igraph_has_label"] = "label" in g.vs.attributes()
        graphml["igraph_has_weight"] = "weight" in g.es.attributes()
        report["graphml"] = graphml
    if args.svg:
        document = etree.parse(args.svg)
        circles = document.findall(".//{http://www.w3.org/2000/svg}circle")
        report["svg"] = {"root": document.getroot().tag, "circles": len(circles)}
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
