#!/usr/bin/env python3
"""Side-by-side search quality: seedgraph vs Groonga vs SQLite FTS5 (trigram).

Indexes the same records (data/demo/*.jsonl: title ja/en, text ja/en,
keywords, identifiers -- what seedgraph indexes as free text) into a
temporary Groonga database (TokenBigram + NormalizerAuto) and an in-memory
SQLite FTS5 table (tokenize='trigram'), runs the queries of queries.tsv on
both, reads seedgraph's rankings (`seedgraph eval --rankings FILE`), and
prints hit@10 / MRR@10 / nDCG@10 per category for the three, with ratios.

The metric code mirrors query/evaluate.cpp (binary relevance, ideal DCG
over min(|relevant|, 10)); run.sh prints both, so the seedgraph figures of
`seedgraph eval` and of this table can be compared by eye.

With --officer-queries (tests/eval/officer_queries.tsv, written by
officer_judge.py) it also runs that set on the three engines, 100 results
deep (seedgraph through `seedgraph search --json --per-page 100`, given
--seedgraph BIN --db DIR), and prints per category and overall:

  P@10    relevant records among the first 10, divided by 10
  R@100   relevant records among the first 100, divided by min(|relevant|, 100)
          (so a perfect ranking scores 1 even when a query has 300 relevant records)
  xR@100  cross-language recall, Japanese queries only (a query with kana or
          kanji): English-only relevant records (the TSV's 4th column: no
          Japanese in title, text or keywords) among the first 100, divided by
          min(|English-only relevant|, 100); `nx` is how many queries have one
  MRR@10, nDCG@10 as for queries.tsv

usage: compare.py --corpus DIR --queries FILE --seedgraph-rankings FILE
                  [--officer-queries FILE --seedgraph BIN --db DIR [--per-query]] [--json OUT]
"""
import argparse
import glob
import json
import math
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
from collections import OrderedDict

K = 10
DEEP = 100
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")


def load_queries(path, with_en_only=False):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            cat, q, ids = cols[:3]
            if with_en_only:
                en = cols[3].split() if len(cols) > 3 and cols[3] != "-" else []
                out.append((cat, q, ids.split(), en))
            else:
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


def groonga_rankings(docs, queries, limit=K):
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
    for q in queries:
        q = q[1]
        expr = " ".join(groonga_escape(t) for t in q.split())
        cmds.append("select Docs --match_columns " + groonga_escape("title * 2 || body") +
                    " --query " + groonga_escape(expr) +
                    " --output_columns _key --sortby -_score --limit %d" % limit)
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
def sqlite_rankings(docs, queries, limit=K):
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, tokenize='trigram')")
    con.executemany("INSERT INTO docs VALUES (?, ?, ?)", docs)
    out = []
    for q in queries:
        q = q[1]
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
        sql = "SELECT id FROM docs WHERE %s ORDER BY %s LIMIT %d" % (" AND ".join(where), order, limit)
        try:
            out.append([r[0] for r in con.execute(sql, args)])
        except sqlite3.OperationalError:
            out.append([])
    return out


# ------------------------------------------------------- the officer set
def seedgraph_rankings(binary, db, queries, limit=DEEP):
    """Top `limit` ids per query from `seedgraph search --json` (admin role, relevance order)."""
    out = []
    for q in queries:
        words = q[1].split()
        proc = subprocess.run([binary, "search", "--db", db, "--json", "--per-page", str(limit)] + words,
                              capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit("seedgraph search %r failed (%d): %s" % (q[1], proc.returncode, proc.stderr.strip()))
        out.append([h["id"] for h in json.loads(proc.stdout).get("hits", [])])
    return out


def officer_score(ranked, relevant, en_only, japanese):
    rel, en = set(relevant), set(en_only)
    top10, top100 = set(ranked[:K]), set(ranked[:DEEP])
    hit, rr, ndcg = score(ranked, relevant)
    p10 = len(top10 & rel) / K
    r100 = len(top100 & rel) / min(len(rel), DEEP) if rel else 0.0
    xr = len(top100 & en) / min(len(en), DEEP) if japanese and en else None
    return {"P@10": p10, "R@100": r100, "xR@100": xr, "hit@10": hit, "MRR@10": rr, "nDCG@10": ndcg}


OFFICER_METRICS = ("P@10", "R@100", "xR@100", "hit@10", "MRR@10", "nDCG@10")


def officer_summarize(queries, rankings):
    per_query, rows, order = [], {}, []
    for (cat, q, rel, en), ranked in zip(queries, rankings):
        sc = officer_score(ranked, rel, en, bool(CJK.search(q)))
        per_query.append({"category": cat, "query": q, "relevant": len(rel), "en_only": len(en),
                          "top100": ranked[:DEEP], **sc})
        for c in (cat, "overall"):
            if c not in rows:
                rows[c] = {"n": 0, "nx": 0, **{m: 0.0 for m in OFFICER_METRICS}}
                order.append(c)
            row = rows[c]
            row["n"] += 1
            for m in OFFICER_METRICS:
                if m == "xR@100":
                    if sc[m] is not None:
                        row["nx"] += 1
                        row[m] += sc[m]
                else:
                    row[m] += sc[m]
    order = [c for c in order if c != "overall"] + ["overall"]
    table = []
    for c in order:
        row = dict(rows[c])
        for m in OFFICER_METRICS:
            den = row["nx"] if m == "xR@100" else row["n"]
            row[m] = row[m] / den if den else None
        table.append((c, row))
    return table, per_query


def fmt(v):
    return "  -  " if v is None else "%.3f" % v


def print_officer_table(systems):
    names = list(systems)
    cols = ("P@10", "R@100", "xR@100", "MRR@10")
    print("%-14s %3s %3s  " % ("category", "n", "nx") + "  ".join("%-24s" % n for n in names))
    print("%-14s %3s %3s  " % ("", "", "") + "  ".join("%-24s" % "P@10  R@100 xR@100 MRR" for _ in names))
    base = systems[names[0]][0]
    for i, (cat, row) in enumerate(base):
        cells = []
        for n in names:
            r = systems[n][0][i][1]
            cells.append("%-24s" % " ".join(fmt(r[m]) for m in cols))
        print("%-14s %3d %3d  " % (cat, row["n"], row["nx"]) + "  ".join(cells))


def print_per_query(systems):
    names = list(systems)
    print("%-14s %-32s %5s %5s  " % ("category", "query", "rel", "en") +
          "  ".join("%-18s" % (n + " P/R/xR") for n in names))
    for i, q in enumerate(systems[names[0]][1]):
        cells = ["%-18s" % ("%.1f %.2f %s" % (systems[n][1][i]["P@10"], systems[n][1][i]["R@100"],
                                               fmt(systems[n][1][i]["xR@100"]))) for n in names]
        print("%-14s %-32s %5d %5d  " % (q["category"], q["query"][:32], q["relevant"], q["en_only"]) +
              "  ".join(cells))


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
    ap.add_argument("--officer-queries", help="also run this judged set (officer_queries.tsv), 100 deep")
    ap.add_argument("--seedgraph", help="seedgraph binary, for --officer-queries")
    ap.add_argument("--db", help="seedgraph index directory, for --officer-queries")
    ap.add_argument("--per-query", action="store_true", help="also print each officer query's figures")
    ap.add_argument("--json", help="also write the figures as JSON here")
    args = ap.parse_args()
    if args.officer_queries and not (args.seedgraph and args.db):
        ap.error("--officer-queries needs --seedgraph BIN and --db DIR")
    queries = load_queries(args.queries)
    docs = load_docs(args.corpus)
    systems = {"seedgraph": summarize(queries, load_rankings(args.seedgraph_rankings))}
    systems["groonga"] = summarize(queries, groonga_rankings(docs, queries))
    systems["sqlite-fts5"] = summarize(queries, sqlite_rankings(docs, queries))
    print("%d records, %d queries; SQLite %s; hit@10 MRR@10 nDCG@10\n" % (len(docs), len(queries),
                                                                          sqlite3.sqlite_version))
    print_table(systems)
    out = systems
    if args.officer_queries:
        oq = load_queries(args.officer_queries, with_en_only=True)
        officer = OrderedDict()
        officer["seedgraph"] = officer_summarize(oq, seedgraph_rankings(args.seedgraph, args.db, oq))
        officer["groonga"] = officer_summarize(oq, groonga_rankings(docs, oq, DEEP))
        officer["sqlite-fts5"] = officer_summarize(oq, sqlite_rankings(docs, oq, DEEP))
        print("\nofficer set %s: %d queries, %d judgments (%d English-only); P@10, R@100 (of min(|rel|,100)),\n"
              "xR@100 (Japanese queries: English-only relevant found in the top 100; nx = such queries), MRR@10\n"
              % (os.path.basename(args.officer_queries), len(oq), sum(len(q[2]) for q in oq),
                 sum(len(q[3]) for q in oq)))
        print_officer_table(officer)
        if args.per_query:
            print()
            print_per_query(officer)
        out = {"queries": systems,
               "officer": {n: {"categories": {c: r for c, r in t}, "queries": pq} for n, (t, pq) in officer.items()}}
    if args.json:
        with open(args.json, "w") as f:
            json.dump(out, f, indent=1, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
