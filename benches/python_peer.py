#!/usr/bin/env python3
"""The Python peer of `zhkg ingest` for `benches/ingest.rs`: what a user would write instead.

    python3 benches/python_peer.py CORPUS_DIR OUT.nq

jieba.posseg tags every sentence (names: nr person, ns place, nt organisation, plus words ending
in a company suffix), a few keyword rules relate the names of one sentence, and rdflib keeps the
triples (one named graph per article: entity types and labels, facts, one evidence node per fact
with the sentence, as zhkg stores them), written out as N-Quads at the end. Prints one line:
`articles=N triples=M`. Needs `pip install jieba rdflib` (scripts/bench.sh sets up a venv).
"""
import hashlib
import os
import re
import sys

import jieba
import jieba.posseg as pseg
from rdflib import Dataset, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, XSD

KG = Namespace("https://w3id.org/zhkg/ontology#")
ID = "https://w3id.org/zhkg/id/"
ARTICLE = "https://w3id.org/zhkg/article/"
SUFFIXES = ("科技", "智能", "机器人", "数据", "半导体", "动力", "公司", "集团")
SENTENCE_END = re.compile(r"(?<=[。！？!?\n])")
YEAR = re.compile(r"(\d{4})年")
# keyword → (property, subject kind, object kind)
RULES = [
    (("创立", "创办", "创始人", "联合创立"), "foundedBy", "org", "person"),
    (("总部位于", "总部设在"), "headquarteredIn", "org", "place"),
    (("推出", "发布", "研发"), "develops", "org", "product"),
    (("首席执行官", "CEO"), "ceo", "org", "person"),
    (("董事长",), "chairperson", "org", "person"),
    (("子公司",), "parentOrganization", "org", "org2"),
]
CLASSES = {"org": KG.Company, "person": KG.Person, "place": KG.City, "product": KG.Product}


def entity(name):
    return URIRef(ID + hashlib.sha1(name.encode("utf-8")).hexdigest()[:16])


def names_in(sentence):
    """Names by kind, in order of appearance."""
    found = {"org": [], "person": [], "place": [], "product": []}
    words = list(pseg.cut(sentence))
    for i, w in enumerate(words):
        if w.flag == "nr" and len(w.word) >= 2:
            found["person"].append(w.word)
        elif w.flag == "ns":
            found["place"].append(w.word)
        elif w.flag == "nt" or (w.word in SUFFIXES and i > 0):
            name = w.word if w.flag == "nt" else words[i - 1].word + w.word
            found["org"].append(name)
    for quoted in re.findall(r"“([^”]{1,20})”", sentence):
        found["product"].append(quoted)
    return found


def main():
    corpus, out = sys.argv[1], sys.argv[2]
    jieba.setLogLevel(60)
    jieba.initialize()
    ds = Dataset()
    articles = 0
    for root, _, files in os.walk(corpus):
        for name in sorted(files):
            if not name.endswith(".txt"):
                continue
            path = os.path.join(root, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            iri = URIRef(ARTICLE + hashlib.sha256(os.path.abspath(path).encode()).hexdigest()[:32])
            g = ds.graph(iri)
            g.add((iri, RDF.type, KG.Article))
            g.add((iri, KG.sourcePath, Literal(os.path.abspath(path))))
            n_evidence = 0
            for sentence in SENTENCE_END.split(text):
                if not sentence.strip():
                    continue
                found = names_in(sentence)
                for kind, names in found.items():
                    for n in names:
                        g.add((entity(n), RDF.type, CLASSES[kind]))
                        g.add((entity(n), RDFS.label, Literal(n, lang="zh-hans")))
                facts = []
                orgs = found["org"]
                for keywords, prop, skind, okind in RULES:
                    if not any(k in sentence for k in keywords) or not orgs:
                        continue
                    objects = orgs[1:2] if okind == "org2" else found[okind][:1]
                    for o in objects:
                        facts.append((entity(orgs[0]), KG[prop], entity(o), prop))
                year = YEAR.search(sentence)
                if year and orgs and ("成立" in sentence or "创立" in sentence):
                    facts.append((entity(orgs[0]), KG.foundingDate, Literal(year.group(1), datatype=XSD.gYear), "foundingDate"))
                for s, p, o, rule in facts:
                    g.add((s, p, o))
                    e = URIRef(f"{iri}#evidence-{n_evidence}")
                    n_evidence += 1
                    g.add((e, RDF.type, KG.Evidence))
                    g.add((e, RDF.subject, s))
                    g.add((e, RDF.predicate, p))
                    g.add((e, RDF.object, o))
                    g.add((e, KG.article, iri))
                    g.add((e, KG.sentence, Literal(sentence)))
                    g.add((e, KG.rule, Literal(rule)))
            articles += 1
    ds.serialize(destination=out, format="nquads")
    print(f"articles={articles} triples={len(ds)}")


if __name__ == "__main__":
    main()
