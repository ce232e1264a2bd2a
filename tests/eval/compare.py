#!/usr/bin/env python3
"""Side-by-side search quality: seedgraph vs Groonga vs SQLite FTS5 (trigram).

Indexes the same records (data/demo/*.jsonl: title ja/en, text ja/en,
keywords, identifiers -- what seedgraph indexes as free text) into a
temporary Groonga database (TokenBigram + NormalizerAuto) and an in-memory
SQLite FTS5 table (tokenize='trigram'), runs the queries of queries.tsv on
both, reads seedgraph's rankings (`seedgraph eval --rankings FILE`), and
prints hit@10 / MRR@10 / nDCG@10 per category for the three, with ratios.

The metric code mirrors query/evaluate.cpp (binary relevance, ideal DCG
over min(|relevant|, 10)); run.sh checks that both print the same figures
for seedgraph.

usage: compare.py --corpus DIR --queries FILE --seedgraph-rankings FILE
"""
import argparse
import glob
import json
import math
import os
import sqlite3
import subprocess
import sys
import tempfile

K = 10


def load_queries(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line or line.startswith("#"):
                continue
            cat, q, ids = line.split("\t")[:3]
            out.append((cat, q, ids.split()))
    return out


def load_docs(corpus):
    docs = []
    for path in sorted(glob.glob(os.path.join(corpus, "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                title = " ".join(v for v in (r.get("title") or {}).values() if v)
                body = " ".join(v for v in (r.get("text") or {}).values() if v)
                extra = list(r.get("keywords") or []) + list((r.get("identifiers") or {}).values())
                docs.append((r["id"], title, " ".join([body] + extra)))
    return docs


def score(ranked, relevant):
    rel = set(relevant)
    first, dcg = 0, 0.0
    for i, d in enumerate(ranked[:K]):
        if d in rel:
            dcg += 1 / math.log2(i + 2)
            first = first or i + 1
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(rel), K)))
    return (1.0 if first else 0.0, 1 / first if first else 0.0, dcg / ideal if ideal else 0.0)


def summarize(queries, rankings):
    rows, order = {}, []
    for (cat, _, rel), ranked in zip(queries, rankings):
        for c in (cat, "overall"):
            if c not in rows:
                rows[c] = [0, 0.0, 0.0, 0.0]
                order.append(c)
            s = score(ranked, rel)
            rows[c][0] += 1
            for j in range(3):
                rows[c][j + 1] += s[j]
    order = [c for c in order if c != "overall"] + ["overall"]
    return [(c, rows[c][0], *(v / rows[c][0] for v in rows[c][1:])) for c in order]


# ---------------------------------------------------------------- Groonga
def groonga_escape(token):
    # A token becomes one quoted phrase: no query syntax reaches Groonga.
    return '"' + token.replace("\\", "\\\\").replace('"', '\\"') + '"'


def groonga_rankings(docs, queries):
    tmp = tempfile.mkdtemp(prefix="sg_groonga_")
    db = os.path.join(tmp, "db")
    schema = [
        "table_create Docs TABLE_HASH_KEY ShortText",
        "column_create Docs title COLUMN_SCALAR ShortText",
        "column_create Docs body COLUMN_SCALAR LongText",
        "table_create Terms TABLE_PAT_KEY ShortText --default_tokenizer TokenBigram --normalizer NormalizerAuto",
        "column_create Terms docs_title COLUMN_INDEX|WITH_POSITION Docs title",
        "column_create Terms docs_body COLUMN_INDEX|WITH_POSITION Docs body",
    ]
    load = json.dumps([{"_key": i, "title": t[:4000], "body": b} for i, t, b in docs], ensure_ascii=False)
    cmds = schema + ["load --table Docs", load]
    for _, q, _ in queries:
        expr = " ".join(groonga_escape(t) for t in q.split())
        cmds.append("select Docs --match_columns " + groonga_escape("title * 2 || body") +
                    " --query " + groonga_escape(expr) +
                    " --output_columns _key --sortby -_score --limit %d" % K)
    proc = subprocess.run(["groonga", "-n", db], input="\n".join(cmds) + "\n", capture_output=True,
                          text=True, check=True)
    lines = [l for l in proc.stdout.splitlines() if l.strip()]
    results = lines[-len(queries):]
    out = []
    for line in results:
        resp = json.loads(line)
        body = resp[1] if isinstance(resp, list) and len(resp) > 1 else None
        ids = []
        if body:
            rows = body[0][2:]  # [[count], [columns], row...]
            ids = [r[0] for r in rows]
        out.append(ids)
    subprocess.run(["rm", "-rf", tmp], check=False)
    return out


# ---------------------------------------------------------- SQLite FTS5
def sqlite_rankings(docs, queries):
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, tokenize='trigram')")
    con.executemany("INSERT INTO docs VALUES (?, ?, ?)", docs)
    out = []
    for _, q, _ in queries:
        tokens = q.split()
        long_ = [t for t in tokens if len(t) >= 3]
        short = [t for t in tokens if len(t) < 3]
        # Trigram MATCH needs 3+ characters; shorter tokens use LIKE (a scan,
        # as the SQLite documentation recommends).
        where, args = [], []
        if long_:
            where.append("docs MATCH ?")
            args.append(" AND ".join('"' + t.replace('"', '""') + '"' for t in long_))
        for t in short:
            where.append("(title LIKE ? OR body LIKE ?)")
            args += ["%" + t + "%", "%" + t + "%"]
        order = "bm25(docs, 0.0, 2.0, 1.0)" if long_ else "rowid"
        sql = "SELECT id FROM docs WHERE %s ORDER BY %s LIMIT %d" % (" AND ".join(where), order, K)
        try:
            out.append([r[0] for r in con.execute(sql, args)])
        except sqlite3.OperationalError:
            out.append([])
    return out


def load_rankings(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            out.append(cols[2].split() if len(cols) > 2 else [])
    return out


def print_table(systems):
    names = list(systems)
    print("%-12s %4s  " % ("category", "n") + "  ".join("%-22s" % n for n in names) +
          "  ratio seedgraph/peer (MRR@10)")
    print("%-12s %4s  " % ("", "") + "  ".join("%-22s" % "hit   MRR   nDCG" for _ in names))
    base = systems[names[0]]
    for i, row in enumerate(base):
        cells = []
        for n in names:
            r = systems[n][i]
            cells.append("%-22s" % ("%.3f %.3f %.3f" % (r[2], r[3], r[4])))
        ratios = []
        for n in names[1:]:
            peer = systems[n][i][3]
            ratios.append("%s %s" % (n, ("%.2fx" % (row[3] / peer)) if peer > 0 else "inf"))
        print("%-12s %4d  " % (row[0], row[1]) + "  ".join(cells) + "  " + ", ".join(ratios))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--queries", required=True)
    ap.add_argument("--seedgraph-rankings", required=True)
    ap.add_argument("--json", help="also write the figures as JSON here")
    args = ap.parse_args()
    queries = load_queries(args.queries)
    docs = load_docs(args.corpus)
    systems = {"seedgraph": summarize(queries, load_rankings(args.seedgraph_rankings))}
    systems["groonga"] = summarize(queries, groonga_rankings(docs, queries))
    systems["sqlite-fts5"] = summarize(queries, sqlite_rankings(docs, queries))
    print("%d records, %d queries; SQLite %s; hit@10 MRR@10 nDCG@10\n" % (len(docs), len(queries),
                                                                          sqlite3.sqlite_version))
    print_table(systems)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(systems, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
