#!/usr/bin/env python3
"""Offline replica of company matching's scoring, for the hidden-assignee task
(docs/QUALITY.md, "Where the ceiling is"): tries scoring variants in a few
seconds each, without an index, on the same patents as assignee_recall.py.

Usage: assignee_offline.py --seedgraph BIN [--protocol hidden300|loo] [--seed 1]
  hidden300: the 300 patents assignee_recall.py hides, the others as evidence;
  loo: every eligible patent once, all others as evidence.
"""
import argparse, collections, json, math, os, random, re, sys

sys.path.insert(0, os.path.dirname(__file__))
import assignee_recall as ar  # noqa: E402

HERE = os.path.dirname(__file__)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--seedgraph', required=True)
    ap.add_argument('--grants', default=os.path.join(HERE, '../../../shared/data/uspto-pharma-patent-grants/uspto_pharma_grants_2023_2024.jsonl'))
    ap.add_argument('--ipc-map', default=os.path.join(HERE, '../../data/vocab/ipc_map.tsv'))
    ap.add_argument('--protocol', default='hidden300', choices=['hidden300', 'loo'])
    ap.add_argument('--seed', type=int, default=1)
    a = ap.parse_args()
    lines = [l for l in open(a.grants, encoding='utf-8') if l.strip()]
    recs = ar.convert(a.seedgraph, a.ipc_map, lines)
    patents = {r['id']: r for r in recs if r['type'] == 'patent'}
    raw = {'patent:US' + json.loads(l)['publication']['doc_number']: json.loads(l) for l in lines}
    comp = {p: ar.parties(r, True) for p, r in patents.items()}
    count = collections.Counter(c for cs in comp.values() for c in cs)
    elig = sorted(p for p, r in patents.items() if p in raw
                  and any(ar.MEDICAL.match(c) for c in r.get('attrs', {}).get('ipc_classes', []))
                  and any(count[c] >= 5 for c in comp[p]))
    random.seed(a.seed)
    hidden = set(random.sample(elig, 300)) if a.protocol == 'hidden300' else set()
    queries = sorted(hidden) if hidden else elig
    text = {p: ar.tokens(r['title'].get('en', '') + ' ' + r.get('text', {}).get('en', '')) for p, r in patents.items()}
    bm = ar.Bm25({p: t for p, t in text.items() if p not in hidden})
    cls = {}
    for p in patents:
        if p in raw:
            cls[p] = {c for x in raw[p]['cpc_classes'] + raw[p]['ipc_classes'] for c in (x, x.split('/')[0])}
    by_class = collections.defaultdict(list)
    for p, cs in cls.items():
        if p not in hidden:
            for c in cs:
                by_class[c].append(p)
    n_docs = len(patents)
    near_cache = {}

    def near(p, k):
        if (p, k) not in near_cache:
            near_cache[(p, k)] = [(o, s) for o, s in bm.search(text[p], k + 1) if o != p][:k]
        return near_cache[(p, k)]

    def baseline(p):
        v = collections.Counter()
        for o, s in near(p, 20):
            for c in comp[o]:
                v[c] += s
        return v

    def vote(p, k=300):  # query/match.cpp Vote: sim^2, the k-th record of a company 1/k
        v, n = collections.Counter(), collections.Counter()
        nr = near(p, k)
        for o, s in nr:
            s /= nr[0][1]
            if s < 0.3:
                continue
            for c in comp[o]:
                v[c] += s * s / (1 + n[c])
                n[c] += 1
        return v

    def profile(p):  # ClassProfile: idf(companies in the class) x ln(1 + records)
        v = collections.Counter()
        for c in cls.get(p, ()):
            members = [o for o in by_class.get(c, ()) if o != p]
            if not members or len(members) > 1000:
                continue
            n = collections.Counter(co for o in members for co in comp[o])
            idf = math.log(n_docs / len(members))
            for co, x in n.items():
                v[co] += idf * math.log(1 + x)
        return v

    def combo(*parts):
        def f(p):
            out = collections.Counter()
            for w, fn in parts:
                s = fn(p)
                m = max(s.values()) if s else 1
                for k, x in s.items():
                    out[k] += w * x / m
            return out
        return f

    print(f'{len(queries)} queries ({a.protocol}, seed {a.seed}); recall@1 recall@10')
    for name, fn in (('baseline: BM25-nearest 20 vote', baseline), ('vote', vote),
                     ('vote + 0.3 class profile (seedgraph)', combo((1, vote), (0.3, profile)))):
        r1 = r10 = 0
        for p in queries:
            ranked = [c for c, _ in fn(p).most_common(10)]
            r1 += bool(ranked and ranked[0] in comp[p])
            r10 += bool(set(ranked) & comp[p])
        print(f'{name:40s} {r1 / len(queries):.3f} {r10 / len(queries):.3f}', flush=True)


if __name__ == '__main__':
    main()
