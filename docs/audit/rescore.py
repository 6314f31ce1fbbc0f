#!/usr/bin/env python3
"""Scores an index's folds against the hand-judged Reuters samples in this folder.

Usage: copydesk dups --index IDX --json | python3 docs/audit/rescore.py
(IDX: the 18 Reuters-21578 files indexed by the build to score.)
"""
import csv
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
canonical_of = {}
for line in sys.stdin:
    cluster = json.loads(line)
    members = cluster["members"]
    canon = next(m for m in members if m["canonical"])
    at = lambda m: "%s#%d" % (m["article"], m["paragraph"])
    for m in members:
        if not m["canonical"]:
            canonical_of[at(m)] = at(canon)


def rows(name):
    with open(os.path.join(here, name), newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def folded(r):
    return canonical_of.get(r["copy"]) == r["canonical"]


sample = rows("reuters-folds-sample.tsv")
for verdict in ("R", "R?", "W", "W?"):
    picked = [r for r in sample if r["verdict"] == verdict]
    print("folds judged %-2s %3d, still folded %3d" % (verdict, len(picked), sum(map(folded, picked))))
misses = rows("reuters-near-misses.tsv")
for verdict in ("Y", "B", "N"):
    picked = [r for r in misses if r["verdict"] == verdict]
    print("near misses judged %s %3d, folded now %3d" % (verdict, len(picked), sum(map(folded, picked))))
