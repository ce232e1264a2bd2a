#!/usr/bin/env python3
"""Hidden-assignee recall of company matching (issue 12), next to a plain baseline.

A part of the shared USPTO patents (medical IPC classes, a company assignee
that has at least --min-patents grants in the file) is re-ingested into a
built demo index with its assignees, applicants and inventors removed, so the
index keeps the patent's text, classes and dates but nothing says who owns
it.  For each such patent, /api/match lists companies; the true assignee
companies are the `applicant` links the uspto importer makes from the
original line (the same ids the index uses).  A hit is a candidate whose id
or any same_as member is a true company.

Baseline (plain): BM25 over title + abstract of the other patents in the
same file; the 20 nearest vote (by BM25 score) for their assignees (any
party: companies and organizations alike, as a naive system would) and
companies-only (the same, organizations left out).

Usage: assignee_recall.py --seedgraph BIN --db INDEX --port P [--n 300]
(the index must be a demo index built with data/demo/uspto.jsonl; the
script re-ingests the hidden patents into it, so use a copy).
"""
import argparse, collections, json, math, os, random, re, subprocess, sys, tempfile, time, urllib.request

MEDICAL = re.compile(r'^(A61K|A61P|C07K|C12N|C12Q|G01N33)')
STOP = set('a an the of and or in to for with by on as is are be at from that this which wherein said such thereof '
           'method methods use uses compound compounds composition compositions provided provides present disclosure '
           'invention relates'.split())


def convert(sg, ipc_map, lines):
    with tempfile.NamedTemporaryFile('w', suffix='.jsonl', delete=False) as f:
        f.write('\n'.join(lines) + '\n')
        path = f.name
    out = subprocess.run([sg, 'convert', '--format', 'uspto', path, ipc_map], capture_output=True, text=True).stdout
    os.unlink(path)
    return [json.loads(l) for l in out.splitlines() if l.strip()]


def parties(rec, companies_only):
    return {l['to'] for l in rec.get('links', []) if l['rel'] == 'applicant'
            and (l['to'].startswith('company:') or not companies_only)}


def tokens(text):
    return [w for w in re.findall(r'[a-z0-9]+', text.lower()) if w not in STOP and len(w) > 1]


class Bm25:
    def __init__(self, docs):
        self.docs = docs
        self.n = len(docs)
        self.df = collections.Counter(t for d in docs.values() for t in set(d))
        self.avg = sum(len(d) for d in docs.values()) / max(1, self.n)
        self.inv = collections.defaultdict(list)
        for i, d in docs.items():
            for t, f in collections.Counter(d).items():
                self.inv[t].append((i, f, len(d)))

    def search(self, q, k):
        s = collections.Counter()
        for t in set(q):
            idf = math.log(1 + (self.n - self.df[t] + 0.5) / (self.df[t] + 0.5))
            for i, f, L in self.inv.get(t, ()):
                s[i] += idf * f * 2.2 / (f + 1.2 * (0.25 + 0.75 * L / self.avg))
        return s.most_common(k)


def match(port, pid, limit=10):
    url = f'http://127.0.0.1:{port}/api/match?seed={pid}&limit={limit}'
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.load(r)['candidates']


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--seedgraph', required=True)
    ap.add_argument('--db', required=True)
    ap.add_argument('--port', type=int, required=True)
    ap.add_argument('--grants', default=os.path.join(os.path.dirname(__file__), '../../../shared/data/uspto-pharma-patent-grants/uspto_pharma_grants_2023_2024.jsonl'))
    ap.add_argument('--ipc-map', default=os.path.join(os.path.dirname(__file__), '../../data/vocab/ipc_map.tsv'))
    ap.add_argument('--n', type=int, default=300)
    ap.add_argument('--min-patents', type=int, default=5)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--out', default='')
    a = ap.parse_args()
    lines = [l for l in open(a.grants, encoding='utf-8') if l.strip()]
    recs = convert(a.seedgraph, a.ipc_map, lines)
    patents = {r['id']: r for r in recs if r['type'] == 'patent'}
    raw = {}
    for l in lines:
        d = json.loads(l)
        raw['patent:US' + d['publication']['doc_number']] = d
    count = collections.Counter(c for r in patents.values() for c in parties(r, True))
    eligible = sorted(pid for pid, r in patents.items()
                      if any(MEDICAL.match(c) for c in r.get('attrs', {}).get('ipc_classes', []))
                      and any(count[c] >= a.min_patents for c in parties(r, True)) and pid in raw)
    random.seed(a.seed)
    hidden = sorted(random.sample(eligible, min(a.n, len(eligible))))
    # Re-ingest the hidden ones without assignees, applicants, inventors.
    stripped = []
    for pid in hidden:
        d = dict(raw[pid])
        d['assignees'] = d['applicants'] = d['inventors'] = []
        stripped.append(json.dumps(d))
    with tempfile.NamedTemporaryFile('w', suffix='.jsonl', delete=False) as f:
        f.write('\n'.join(stripped) + '\n')
        hidden_path = f.name
    subprocess.run([a.seedgraph, 'index', '--quiet', '--db', a.db, '--format', 'uspto', hidden_path, a.ipc_map], check=True)
    time.sleep(1)
    # Baseline over the other patents.
    hid = set(hidden)
    text = {pid: tokens((r['title'].get('en', '') + ' ' + r.get('text', {}).get('en', ''))) for pid, r in patents.items()}
    bm = Bm25({pid: t for pid, t in text.items() if pid not in hid})
    res = collections.defaultdict(lambda: [0, 0])
    per_query = []
    t0 = time.time()
    for pid in hidden:
        truth = parties(patents[pid], True)
        near = bm.search(text[pid], 20)
        for name, only in (('baseline: BM25-nearest 20 vote (any party)', False), ('baseline: BM25-nearest 20 vote (companies only)', True)):
            votes = collections.Counter()
            for other, s in near:
                for p in parties(patents[other], only):
                    votes[p] += s
            ranked = [p for p, _ in votes.most_common(10)]
            res[name][0] += bool(ranked[:1] and ranked[0] in truth)
            res[name][1] += bool(set(ranked) & truth)
        cands = match(a.port, pid)
        hit_rank = None
        for i, c in enumerate(cands):
            if ({c['id']} | set(c.get('members', []))) & truth:
                hit_rank = i + 1
                break
        res['seedgraph /api/match'][0] += hit_rank == 1
        res['seedgraph /api/match'][1] += hit_rank is not None
        per_query.append({'patent': pid, 'truth': sorted(truth), 'rank': hit_rank, 'top': [c['id'] for c in cands[:3]]})
    elapsed = time.time() - t0
    n = len(hidden)
    print(f'hidden patents: {n} (of {len(eligible)} eligible; seed {a.seed}; min {a.min_patents} patents per company)')
    print(f'{"system":52s} recall@1  recall@10')
    for name in ('baseline: BM25-nearest 20 vote (any party)', 'baseline: BM25-nearest 20 vote (companies only)', 'seedgraph /api/match'):
        r1, r10 = res[name]
        print(f'{name:52s} {r1 / n:8.3f}  {r10 / n:9.3f}')
    print(f'({elapsed:.1f} s for {n} queries of each)')
    if a.out:
        json.dump(per_query, open(a.out, 'w'), indent=1)
    os.unlink(hidden_path)


if __name__ == '__main__':
    main()
