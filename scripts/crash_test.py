#!/usr/bin/env python3
"""Crash safety: kill `zhkg ingest` and `zhkg remove` with SIGKILL at random moments, many times,
and check after each kill that the store opens, that every article graph is either identical
to a clean run's or absent, and that the entity graph describes exactly the entities the stored
articles mention; then that a rerun completes the batch.

    scripts/crash_test.py                      # at length: 1,200 articles, 50 kills
    scripts/crash_test.py --articles 300 --kills 6     # the short form CI runs

Exit status 0 when every check passed, 1 otherwise. Needs target/release/zhkg (cargo build --release).
"""
import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict

SYLLABLES = "星云澜启明芯极元灵曜睿智光深远融拓峰恒宇"
SUFFIXES = ["科技", "智能", "机器人", "数据", "半导体", "动力"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡"
GIVEN = "伟芳敏静磊洋勇军杰涛明超秀霞平刚"
CITIES = ["北京", "上海", "深圳", "杭州", "苏州", "成都", "武汉", "南京"]


def write_corpus(directory, count, rng):
    """Deterministic articles about fictional companies: each gives several facts."""
    os.makedirs(directory)
    for n in range(count):
        org = rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + rng.choice(SUFFIXES)
        founder = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        ceo = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        text = (f"{org}发布新产品（第{n}期）\n发布日期：2025-04-{1 + n % 28:02d}\n\n"
                f"{org}由{founder}于{2000 + n % 25}年创立，总部位于{rng.choice(CITIES)}。"
                f"该公司推出了机器人“{rng.choice(SYLLABLES)}{rng.choice(SYLLABLES)}-{n}”。"
                f"{org}的首席执行官{ceo}表示，公司将继续加大研发投入。\n")
        with open(os.path.join(directory, f"{n:06d}.txt"), "w", encoding="utf-8") as f:
            f.write(text)


class Zhkg:
    def __init__(self, binary):
        self.binary = binary

    def run(self, *args, check=True):
        p = subprocess.run([self.binary, *args], capture_output=True, text=True)
        if check and p.returncode != 0:
            raise RuntimeError(f"zhkg {' '.join(args[:2])} exited {p.returncode}: {p.stderr[-500:]}")
        return p

    def graphs(self, store):
        """Every article graph's quads, as {graph: frozenset of lines}. Opening the store and
        reading it back is itself the first check."""
        out = self.run("query", "--store", store, "--format", "tsv",
                       "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
                       "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/zhkg/article/')) }").stdout
        graphs = defaultdict(set)
        for line in out.splitlines()[1:]:
            g, rest = line.split("\t", 1)
            graphs[g].add(rest)
        return {g: frozenset(q) for g, q in graphs.items()}

    def entities(self, store):
        """The entity graph's quads (every entity's classes and names, stated once per store)."""
        out = self.run("query", "--store", store, "--format", "tsv",
                       "SELECT ?s ?p ?o WHERE { GRAPH <https://w3id.org/zhkg/entities> { ?s ?p ?o } }").stdout
        return frozenset(out.splitlines()[1:])

    def kill_at_random(self, args, longest, rng):
        """Starts zhkg and SIGKILLs it at a random moment within `longest` seconds (if it is still
        running then). Returns whether the kill landed before the command finished."""
        process = subprocess.Popen([self.binary, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Most of a short run is start-up; aim most kills at the part that writes.
        time.sleep(rng.uniform(0.2 * longest, longest))
        finished = process.poll() is not None
        if not finished:
            process.send_signal(signal.SIGKILL)
        process.wait()
        return not finished


def check_whole_or_absent(clean, seen, label):
    """Each article graph in `seen` must equal the clean run's graph of the same IRI."""
    bad = [g for g, quads in seen.items() if clean.get(g) != quads]
    if bad:
        print(f"FAIL {label}: {len(bad)} article graph(s) differ from the clean run, e.g. {bad[0]}")
        return False
    return True


MENTIONS = "<https://w3id.org/zhkg/ontology#mentions>"


def check_entities(clean_entities, seen, entities, label):
    """The entity graph must describe exactly the entities the stored articles mention, as the
    clean run described them."""
    mentioned = {line.split("\t")[2] for quads in seen.values() for line in quads if line.split("\t")[1] == MENTIONS}
    described = {line.split("\t")[0] for line in entities}
    if not entities <= clean_entities or mentioned != described:
        print(f"FAIL {label}: the entity graph does not describe exactly the mentioned entities "
              f"({len(described - mentioned)} orphaned, {len(mentioned - described)} undescribed, "
              f"{len(entities - clean_entities)} quads unlike the clean run's)")
        return False
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1200)
    ap.add_argument("--kills", type=int, default=50)
    ap.add_argument("--bin", default=os.environ.get("ZHKG_BIN", "target/release/zhkg"))
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    z = Zhkg(args.bin)
    work = tempfile.mkdtemp(prefix="zhkg-crash-")
    failures = 0
    try:
        corpus = os.path.join(work, "corpus")
        write_corpus(corpus, args.articles, rng)

        clean_store = os.path.join(work, "clean")
        started = time.monotonic()
        z.run("ingest", "--quiet", "--store", clean_store, corpus)
        clean_seconds = time.monotonic() - started
        clean = z.graphs(clean_store)
        clean_entities = z.entities(clean_store)
        print(f"clean run: {len(clean)} articles, {len(clean_entities)} entity quads, in {clean_seconds:.1f} s")
        if len(clean) != args.articles:
            print(f"FAIL clean run stored {len(clean)} of {args.articles} articles")
            return 1

        # Ingest killed again and again. Even rounds start from an empty store (new articles go
        # through the bulk loader); odd rounds rewrite the survivors with --force (replacements
        # go through one transaction each), so both write paths are cut short.
        store = os.path.join(work, "killed")
        landed = 0
        for kill in range(args.kills):
            command = ["ingest", "--quiet", "--store", store, corpus]
            if kill % 2 == 0:
                shutil.rmtree(store, ignore_errors=True)
            else:
                command.insert(1, "--force")
            landed += z.kill_at_random(command, clean_seconds, rng)
            if os.path.isdir(store):
                seen = z.graphs(store)
                failures += not check_whole_or_absent(clean, seen, f"ingest kill {kill + 1}")
                failures += not check_entities(clean_entities, seen, z.entities(store), f"ingest kill {kill + 1}")
        z.run("ingest", "--quiet", "--store", store, corpus)
        if z.graphs(store) != clean or z.entities(store) != clean_entities:
            print("FAIL the rerun after the kills did not complete the batch to the clean run's graphs")
            failures += 1
        print(f"ingest: {args.kills} runs, {landed} killed mid-way, stores checked after each")

        # Remove, killed likewise: each article is still whole or gone.
        store = os.path.join(work, "remove-timed")
        shutil.copytree(clean_store, store)
        started = time.monotonic()
        z.run("remove", "--quiet", "--store", store, corpus)
        remove_seconds = time.monotonic() - started
        shutil.rmtree(store)
        landed = 0
        for kill in range(max(1, args.kills // 5)):
            store = os.path.join(work, f"remove-{kill}")
            shutil.copytree(clean_store, store)
            landed += z.kill_at_random(["remove", "--quiet", "--store", store, corpus], remove_seconds, rng)
            seen = z.graphs(store)
            failures += not check_whole_or_absent(clean, seen, f"remove kill {kill + 1}")
            failures += not check_entities(clean_entities, seen, z.entities(store), f"remove kill {kill + 1}")
            z.run("remove", "--quiet", "--store", store, corpus, check=False)
            if z.graphs(store) or z.entities(store):
                print(f"FAIL remove kill {kill + 1}: the rerun of remove left articles or entities behind")
                failures += 1
            shutil.rmtree(store)
        print(f"remove: {max(1, args.kills // 5)} runs, {landed} killed mid-way")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{args.kills + max(1, args.kills // 5) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
