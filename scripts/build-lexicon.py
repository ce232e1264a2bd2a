#!/usr/bin/env python3
"""Build data/vocab/lexicon.tsv: a bilingual (ja/en) concept lexicon for query
expansion, from real sources with provenance (data/vocab/LEXICON.md).

    python3 scripts/build-lexicon.py                  # writes data/vocab/lexicon.tsv
    python3 scripts/build-lexicon.py --stats          # also prints counts and a sample
    python3 scripts/build-lexicon.py --no-edict       # leave JMdict/EDICT out (licence: see LEXICON.md)

Sources ($SEEDGRAPH_SHARED_DATA, default ../shared/data next to the repository):
  nando     data/demo/nando.jsonl (NANDO, CC BY 4.0): title ja/en + synonyms_ja/en of each class
  icd10     MHLW DPC ICD-10 Japanese names (mhlw-dpc-icd10-ja/icd.csv) joined by code to
            ICD-10-CM 2019 English titles (icd10cm-2019-english, public domain)
  kitasato  Kitasato University medical glossary, UTX (kitasato-medical-glossary, CC BY 3.0)
  ejdict    EJDict-hand (ejdict-hand-en-ja, CC0), only senses that both glossaries call medical
  jmdict    Debian package `edict` (/usr/share/edict/edict, JMdict/EDICT, CC BY-SA 3.0)
  hand      data/vocab/concepts-hand.tsv (reviewed by hand, a reason on every line)
MEDIS 標準病名 (medis-byomei-icd10-ja) is NOT read: its licence is unclear.

Output: `concept_id<TAB>lang<TAB>term<TAB>source`, header comment block first.
Terms of one concept_id are equivalent for query expansion; a term may be in
several concepts (one concept per source entry: the consumer ORs all
concepts of a term). Kept: concepts with >= 2 terms after the junk filters
and at least one term found in the demo corpus (title/text/keywords/
synonyms of data/demo/*.jsonl; English by whole words, case-insensitive,
light plural folding; Japanese by substring after NFKC).

Deterministic: same inputs, same bytes. Python 3 standard library only.
"""

import argparse
import csv
import glob
import hashlib
import json
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict, OrderedDict

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("SEEDGRAPH_SHARED_DATA", os.path.join(os.path.dirname(REPO), "shared", "data"))
OUT = os.path.join(REPO, "data", "vocab", "lexicon.tsv")
HAND = os.path.join(REPO, "data", "vocab", "concepts-hand.tsv")
DEMO = os.path.join(REPO, "data", "demo")
EDICT = "/usr/share/edict/edict"

SOURCES = OrderedDict([
    ("hand", ("data/vocab/concepts-hand.tsv", "seedgraph's own (same licence as the repository)",
              "reviewed by hand; every line carries its reason")),
    ("NANDO", ("data/demo/nando.jsonl", "CC BY 4.0, DBCLS",
               "GitHub aidrd/nando 9af59ee203fabf7ca479a9a30e972d44124f1843 (via seedgraph's nando importer)")),
    ("ICD10", ("mhlw-dpc-icd10-ja/icd.csv + icd10cm-2019-english/icd10cm2019.tsv",
               "DPC table: MHLW government publication (compiled by code4fukui/dpc-words, MIT); "
               "ICD-10-CM: CDC/NCHS, public domain",
               "code4fukui/dpc-words 297dd38b90596a3056416d4ca8bc9e40043c7b7d; "
               "jackwasey/icd f200683642833d89d177ee53b880df1eab70d1cf (ICD-10-CM FY2019)")),
    ("Kitasato", ("kitasato-medical-glossary/medutx1.01.utx",
                  "CC BY 3.0, Medical Informatics, School of Allied Health Sciences, Kitasato University (2009)",
                  "medutx 1.01 (AAMT UTX), olanto/MYTERM d13381b8431459c528e8b113060309286a3b67fa")),
    ("EJDict", ("ejdict-hand-en-ja/ejdict.txt", "CC0 (public domain), kujirahand",
                "kujirahand/EJDict 5e1a630bfabb2791a78d14e4e356d85bb6437e34")),
    ("JMdict", ("/usr/share/edict/edict (Debian package edict)",
                "CC BY-SA 3.0, Electronic Dictionary Research and Development Group (EDRDG)",
                "EDICT file of the Debian package")),
])

# --------------------------------------------------------------- text helpers
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005]")
KANA = re.compile(r"^[\u3040-\u30ffー・]+$")
HIRA = re.compile(r"^[\u3040-\u309fー]+$")
LATIN = re.compile(r"[A-Za-z]")
WORD = re.compile(r"[a-z0-9]+")

STOP = set("""a an the and or nor but of in on at to for with by from as is are was were be been being
it its this that these those not no yes all any each every some such both either neither other another
also can could may might must shall should will would do does did done has have had having i me my we
our you your he him his she her they them their who whom whose which what when where why how than then
there here so too very via per into onto upon out over under up down off about above below after before
between during through against without within among again further once only own same few more most
less least much many several one two three four five six seven eight nine ten first second new old
use used using etc et al vs versus ok if else while until unless though although because since
""".split())


def nfkc(s):
    s = unicodedata.normalize("NFKC", s)
    return re.sub(r"\s+", " ", s).strip()


def lang_of(term):
    if CJK.search(term):
        return "ja"
    if LATIN.search(term):
        return "en"
    return None


def fold(tok):
    # light plural folding, the same on corpus and terms (antibodies = antibody)
    if len(tok) > 4 and tok.endswith("ies"):
        return tok[:-3] + "y"
    if len(tok) > 3 and tok.endswith("s") and not tok.endswith("ss") and not tok.endswith("us") \
            and not tok.endswith("is"):
        return tok[:-1]
    return tok


def en_tokens(s):
    return [fold(t) for t in WORD.findall(s.lower())]


def junk(term, lang, hand=False):
    """Why a term is unusable for expansion ('' when it is fine)."""
    if lang == "en":
        toks = WORD.findall(term.lower())
        if not toks:
            return "no letters"
        if len(re.sub(r"[^A-Za-z0-9]", "", term)) < 2:
            return "one character"
        if all(t in STOP for t in toks):
            return "stop word"
        if all(t.isdigit() or len(t) == 1 for t in toks):
            return "no word"
        if len(toks) > 12:
            return "too long"
        if re.search(r"[;:=<>\[\]{}|]|\.\.\.", term):
            return "punctuation"
        return ""
    if lang == "ja":
        if len(term) == 1 and KANA.match(term):
            return "one kana"
        if hand:
            return ""
        if len(term) == 1:
            return "one character"
        if HIRA.match(term) and len(term) <= 2:
            return "two hiragana"
        if KANA.match(term) and len(term) <= 2:
            return "two kana"
        if re.search(r"[～〜…;:=<>＜＞\[\]]", term) or term[0] in "・、，。(（" or term[-1] in "・、，(（":
            return "punctuation"
        if len(term) > 30:
            return "too long"
        if len(term) <= 4 and re.match(r"^[\u4e00-\u9fff]{1,2}[\u3041-\u3093]{0,2}(い|る|う|った|する|した|ない|な|に|く|て|た)$",
                                       term):
            return "adjective or verb (okurigana)"
        return ""
    return "no script"


# ------------------------------------------------------------ the demo corpus
class Corpus:
    """Where a term occurs: English as whole (folded) words, Japanese as a substring."""

    def __init__(self, demo_dir):
        en_parts, ja_parts = [], []
        self.records = 0
        for path in sorted(glob.glob(os.path.join(demo_dir, "*.jsonl"))):
            with open(path, encoding="utf-8") as f:
                for line in f:
                    r = json.loads(line)
                    self.records += 1
                    a = r.get("attrs") or {}
                    parts = list((r.get("title") or {}).values()) + list((r.get("text") or {}).values())
                    parts += list(r.get("keywords") or []) + list(a.get("synonyms_ja") or []) + \
                        list(a.get("synonyms_en") or [])
                    for p in parts:
                        if not p:
                            continue
                        p = nfkc(p)
                        en_parts.append(" ".join(en_tokens(p)))
                        if CJK.search(p):
                            ja_parts.append(p)
        self.en = " " + " \n ".join(en_parts) + " "
        self.ja = "\n".join(ja_parts)
        self.uni = set(self.en.split())
        self.bi = set()
        for part in en_parts:
            toks = part.split()
            self.bi.update(zip(toks, toks[1:]))
        self.ja_bi = set(self.ja[i:i + 2] for i in range(len(self.ja) - 1))
        self.ja_chars = set(self.ja)
        self._cache = {}

    def has(self, term, lang):
        key = (term, lang)
        if key in self._cache:
            return self._cache[key]
        if lang == "en":
            toks = en_tokens(term)
            ok = bool(toks) and all(t in self.uni for t in toks) and \
                all(p in self.bi for p in zip(toks, toks[1:])) and \
                (len(toks) <= 2 or (" " + " ".join(toks) + " ") in self.en)
        else:
            t = nfkc(term)
            if len(t) == 1:
                ok = t in self.ja_chars
            else:
                ok = all(t[i:i + 2] in self.ja_bi for i in range(len(t) - 1)) and t in self.ja
        self._cache[key] = ok
        return ok


# ------------------------------------------------------------------ concepts
class Lexicon:
    def __init__(self):
        self.concepts = OrderedDict()  # cid -> list of (lang, term, source)
        self.dropped = Counter()        # (source, reason) -> terms
        self.drop_samples = defaultdict(list)

    def drop(self, source, reason, term):
        self.dropped[(source, reason)] += 1
        if len(self.drop_samples[(source, reason)]) < int(os.environ.get("LEXICON_SAMPLES", "8")):
            self.drop_samples[(source, reason)].append(term)

    def add(self, cid, terms, source, hand=False, bilingual=False):
        """terms: [(lang or None, term)]; returns the kept list. bilingual: needs a ja and an en term."""
        seen, kept = set(), []
        for lang, term in terms:
            term = nfkc(term)
            if not term:
                continue
            lang = lang or lang_of(term)
            if lang not in ("ja", "en"):
                self.drop(source, "no script", term)
                continue
            why = junk(term, lang, hand)
            if why:
                self.drop(source, why, term)
                continue
            key = (lang, term.lower() if lang == "en" else term)
            if key in seen:
                continue
            seen.add(key)
            kept.append((lang, term, source))
        if len(kept) < 2:
            if kept:
                self.drop(source, "concept with one usable term", kept[0][1])
            return []
        if bilingual and len({l for l, _, _ in kept}) < 2:
            self.drop(source, "no usable term in one of the languages", kept[0][1])
            return []
        self.concepts.setdefault(cid, []).extend(kept)
        return kept

    def keep_in_corpus(self, corpus):
        out = OrderedDict()
        for cid, terms in self.concepts.items():
            if any(corpus.has(t, l) for l, t, _ in terms):
                out[cid] = terms
            else:
                self.dropped[(terms[0][2], "concept not in the demo corpus")] += 1
        self.concepts = out


def sha(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:16]


# --------------------------------------------------------------------- hand
def read_hand(path):
    """concepts-hand.tsv: concept_id<TAB>lang<TAB>term<TAB>reason."""
    concepts = OrderedDict()
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 4 or cols[1] not in ("ja", "en") or not cols[2] or not cols[3].strip():
                sys.exit("%s:%d: want concept_id<TAB>ja|en<TAB>term<TAB>reason" % (path, n))
            concepts.setdefault(cols[0], []).append((cols[1], cols[2]))
    return concepts


# -------------------------------------------------------------------- NANDO
NANDO_GENERIC = re.compile(r"^(成人|若年|小児|乳児|混合|古典|中間|成人発症|遅発|早発)?(発症)?型$")


def nando(lex, demo_dir):
    n = 0
    with open(os.path.join(demo_dir, "nando.jsonl"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if not r["id"].startswith("disease:nando:"):
                continue
            a = r.get("attrs") or {}
            t = r.get("title") or {}
            terms = [("ja", t.get("ja", "")), ("en", t.get("en", ""))]
            terms += [("ja", s) for s in a.get("synonyms_ja") or []]
            terms += [("en", s) for s in a.get("synonyms_en") or []]
            ok = []
            for lang, s in terms:
                if lang == "ja" and NANDO_GENERIC.match(nfkc(s)):
                    lex.drop("NANDO", "generic qualifier (成人発症型, 混合型)", s)
                    continue
                ok.append((lang, s))
            if lex.add("nando:" + r["id"].rsplit(":", 1)[1], ok, "NANDO"):
                n += 1
    return n


# -------------------------------------------------------------- ICD-10 join
def dpc_ja_names(name):
    """Usable Japanese forms of a DPC ICD-10 name, or [] for a qualified/residual one."""
    s = nfkc(name)
    if re.search(r"その他|他に分類|詳細不明の|明示|及び|又は|並びに|を除く|による|を伴う|における|続発|\d+度", s):
        return []
    s = re.sub(r",\s*(詳細不明|部位不明)$", "", s)
    if "," in s or " " in s or "、" in s:
        return []
    forms = [s]
    if "新生物<腫瘍>" in s:
        forms = [s.replace("新生物<腫瘍>", "新生物"), s.replace("新生物<腫瘍>", "腫瘍")]
    out = []
    for f in forms:
        f = re.sub(r"<[^<>]*<[^<>]*>[^<>]*>", "", f)  # nested: アテローム<じゅく<粥>状>
        f = re.sub(r"<[^<>]*>", "", f)               # のう<嚢>胞 -> のう胞 (the official mixed form)
        variants = {f}
        if "(" in f:
            variants = {re.sub(r"\(([^()]*)\)", r"\1", f), re.sub(r"\([^()]*\)", "", f)}
        out.extend(sorted(v for v in variants if v and "(" not in v and "<" not in v))
    return out


def cm_en_title(title):
    t = re.sub(r",? (unspecified|not elsewhere classified)$", "", title.strip())
    if re.search(r"\b(other|unspecified|elsewhere|without|with|due to|and|or|NOS|except)\b", t, re.I):
        return ""
    if "," in t or "(" in t or "[" in t:
        return ""
    return t


def icd10(lex, shared):
    cm = {}
    with open(os.path.join(shared, "icd10cm-2019-english", "icd10cm2019.tsv"), encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            cm[row["code"]] = row["long"]
    n = 0
    with open(os.path.join(shared, "mhlw-dpc-icd10-ja", "icd.csv"), encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            code = row["ICDコード"].rstrip("$")
            # 3- and 4-character codes only: there ICD-10-CM keeps the WHO meaning; 5-character
            # Japanese site codes (M2173) do not line up with ICD-10-CM's 5th character.
            if len(code) not in (3, 4) or code not in cm:
                continue
            ja = dpc_ja_names(row["ICD名称"])
            en = cm_en_title(cm[code])
            if not ja or not en:
                lex.drop("ICD10", "qualified or residual class (その他, 詳細不明の, Other ...)", row["ICD名称"])
                continue
            if lex.add("icd10:" + code, [("ja", j) for j in ja] + [("en", en)], "ICD10", bilingual=True):
                n += 1
    return n


# ----------------------------------------------------------------- glossaries
def gloss_clean(g):
    """EJDict gloss -> its plain forms: strip (…) 〈…〉 《…》 『』, expand 診断[書]."""
    g = unicodedata.normalize("NFKC", g)
    g = re.sub(r"《[^》]*》|〈[^〉]*〉|\([^()]*\)|\{[^{}]*\}", "", g)
    g = g.replace("『", "").replace("』", "").strip()
    if not g or LATIN.search(g) or "…" in g or "~" in g or "〜" in g or "(" in g or ")" in g or len(g) > 12 \
            or re.search(r"(する|した|な|の|い|る|に|て|出る病気)$", g):
        return []
    m = re.match(r"^([^\[\]]*)\[([^\[\]]*)\]([^\[\]]*)$", g)
    if m:
        return [nfkc(m.group(1) + m.group(3)), nfkc(m.group(1) + m.group(2) + m.group(3))]
    if "[" in g or "]" in g:
        return []
    return [nfkc(g)]


def read_ejdict(shared):
    """headword -> [(proper noun sense?, [gloss forms])], and lowercased headword -> raw glosses."""
    entries, body_of = OrderedDict(), {}
    with open(os.path.join(shared, "ejdict-hand-en-ja", "ejdict.txt"), encoding="utf-8") as f:
        for line in f:
            if "\t" not in line:
                continue
            head, body = line.rstrip("\n").split("\t", 1)
            head = nfkc(head)
            senses = []
            for sense in body.split(" / "):
                proper = "《" in sense and re.search(r"《[A-Z][^》]*》", sense)  # 《Cancer》(星座の)カニ座
                forms = []
                for part in re.split(r"[;,、；，]", sense):
                    forms += gloss_clean(part)
                senses.append((bool(proper), forms))
            entries.setdefault(head, []).extend(senses)
            body_of[head.lower()] = body_of.get(head.lower(), "") + " / " + body
    return entries, body_of


def read_kitasato(shared):
    rows = []
    with open(os.path.join(shared, "kitasato-medical-glossary", "medutx1.01.utx"), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 2:
                continue
            rows.append((n, nfkc(cols[0]), nfkc(cols[1]), (cols[3] if len(cols) > 3 else "").strip()))
    return rows


# Japanese characters/morphemes that make a term medical whatever its English is (創傷, 血管, 分娩後).
MED_MORPHEME = re.compile(r"[症炎腫癌菌剤薬血創傷膜腺骨筋脳肺肝腎胃腸娩胎疹瘍病療診臓]|細胞|ウイルス|ホルモン|酵素")


def kitasato(lex, rows, ej_body, en_strict, ja_med_strict):
    """One concept per (English, Japanese) pair. Left out: pairs with a usage comment (a sense
    in one context: 調節 'accommodation' 眼筋の), and pairs of an everyday English word -- one
    word, an EJDict headword that MeSH (medical trees), ICD-10-CM, NANDO and the hand list do not
    name -- whose EJDict entry does not contain the Japanese (identification 認知, index 人差指,
    labor 痛み, host 被移植体), unless NANDO, DPC, MedDic or the hand list know the Japanese or
    it has a medical morpheme (vessel 血管, wound 創傷: MED_MORPHEME)."""
    n = 0
    seen = set()
    for line, en, ja, comment in rows:
        if (en.lower(), ja) in seen:
            continue
        seen.add((en.lower(), ja))
        if comment:
            lex.drop("Kitasato", "usage comment (a sense in one context)", "%s %s (%s)" % (en, ja, comment))
            continue
        body = ej_body.get(en.lower())
        if body is not None and " " not in en and en.lower() not in en_strict and ja not in ja_med_strict \
                and ja not in body and not MED_MORPHEME.search(ja):
            lex.drop("Kitasato", "everyday English word, EJDict gives other senses",
                     "%s %s (EJDict: %s)" % (en, ja, body[:40]))
            continue
        if lex.add("kitasato:%d" % line, [("en", en), ("ja", ja)], "Kitasato", bilingual=True):
            n += 1
    return n


def ejdict(lex, entries, en_strict, ja_strict, kit_pairs):
    """Only (headword, gloss) pairs where the headword is a medical English term (MeSH
    anatomy/organisms/diseases/drugs/techniques, ICD-10-CM, NANDO, hand) and the gloss a
    medical Japanese term (a NANDO/DPC/MedDic/hand name, a medical morpheme, or Kitasato's
    translation of the same headword), never a sense marked as a proper noun (《Cancer》):
    cancer gives no かに座 and no 害悪, blood no 血統. One concept per headword."""
    n = 0
    for head, senses in entries.items():
        if head.lower() not in en_strict:
            continue
        ja = []
        for proper, forms in senses:
            if proper:
                continue
            for fm in forms:
                if fm in ja:
                    continue
                if fm in ja_strict or MED_MORPHEME.search(fm) or (head.lower(), fm) in kit_pairs:
                    ja.append(fm)
                else:
                    lex.drop("EJDict", "gloss not a medical term", "%s %s" % (head, fm))
        if ja and lex.add("ejdict:" + re.sub(r"\s+", "_", head.lower()), [("en", head)] + [("ja", j) for j in ja],
                          "EJDict"):
            n += 1
    return n


# ---------------------------------------------------------------- JMdict/EDICT
MED_FIELDS = {"med", "biol", "anat", "physiol", "genet", "biochem", "pharm", "chem", "zool", "bot"}
BAD_TAGS = {"arch", "obsc", "obs", "vulg", "sl", "derog", "joc", "col", "net-sl", "constellation", "astron",
            "Buddh", "Shinto", "Christn", "sumo", "baseb", "mahj", "shogi", "hanaf", "golf", "food", "music",
            "sports", "MA", "male", "fem", "fam", "hon", "hum", "pol", "poet", "proverb", "id", "yoji",
            "on-mim", "person", "place", "given", "surname", "company", "product", "work", "mil", "finc", "econ",
            "law", "archit", "engr", "ling", "math", "physics", "geol", "comp"}


def read_edict(path):
    """EDICT (EUC-JP): `KANJI [KANA] /(pos) (field) gloss/gloss/(2) gloss/.../`."""
    with open(path, "rb") as f:
        data = f.read().decode("euc_jp", errors="replace")
    lines = data.splitlines()
    header = lines[0] if lines else ""
    out = []
    for n, line in enumerate(lines[1:], 2):
        m = re.match(r"^(\S+)(?: \[([^\]]+)\])? /(.*)/$", line)
        if not m:
            continue
        head, reading, body = m.group(1), m.group(2), m.group(3)
        senses, cur_tags, cur = [], set(), []
        for g in body.split("/"):
            g = g.strip()
            if not g or g.startswith("EntL") or g == "(P)":
                continue
            tags = re.findall(r"^\(([^)]*)\)\s*", g)
            while True:
                m2 = re.match(r"^\(([^)]*)\)\s*", g)
                if not m2:
                    break
                g = g[m2.end():]
                for t in m2.group(1).split(","):
                    t = t.strip()
                    if t.isdigit():  # a new numbered sense
                        if cur:
                            senses.append((cur_tags, cur))
                        cur_tags, cur = set(), []
                    else:
                        cur_tags.add(t)
            del tags
            g = re.sub(r"\s*\([^()]*\)", "", g).strip()  # (esp. SARS-CoV-2), (of a ...)
            if g:
                cur.append(g)
        if cur:
            senses.append((cur_tags, cur))
        out.append((n, head, reading, senses))
    return header, out


def jmdict(lex, rows, corpus, en_strict, ja_med):
    """A sense is kept when the headword occurs in the Japanese demo text and the sense is medical:
    a med/biol/anat/... field tag, or a gloss that MeSH (medical trees), ICD-10-CM, NANDO or the
    hand list name (not an acronym) for a headword that a medical glossary has or that has a
    medical morpheme (土地 'soil', アルプス 'ALPS' are not); an untagged sense keeps only its
    medical glosses (骨格: skeleton; not build, frame; 発生: incidence, not spring forth).
    Senses tagged archaic, slang, Buddhist, sumo, computing ... are never kept."""
    n = 0
    for line, head, reading, senses in rows:
        if len(head) < 2 or not CJK.search(head) or not corpus.has(nfkc(head), "ja"):
            continue
        for i, (tags, glosses) in enumerate(senses, 1):
            if tags & BAD_TAGS:
                continue
            glosses = [g for g in glosses if not g.lower().startswith("to ") and not g.startswith("-")]
            low = [nfkc(g).lower() for g in glosses]
            tagged = bool(tags & MED_FIELDS)
            medical = tagged or any(g in en_strict for g in low) and \
                (nfkc(head) in ja_med or bool(MED_MORPHEME.search(head)))
            if not medical or not glosses:
                continue
            if not tagged:  # an untagged sense keeps its medical glosses only
                glosses = [g for g, lw in zip(glosses, low) if lw in en_strict]
            if lex.add("jmdict:%d.%d" % (line, i), [("ja", head)] + [("en", g) for g in glosses], "JMdict",
                       bilingual=True):
                n += 1
    return n


# --------------------------------------------------------- medical vocabularies
def medical_vocab(shared, demo_dir, kit_rows, hand):
    """English and Japanese medical vocabularies (filters only, never written out):
    en_strict = MeSH + ICD-10-CM + NANDO + hand English, en = en_strict + Kitasato English;
    ja_strict = NANDO + DPC names + MedDic drugs + hand Japanese, ja = ja_strict + Kitasato Japanese."""
    en_strict, ja_strict, acronyms = set(), set(), set()
    with open(os.path.join(shared, "mesh-2017-tree", "2017MeshTree.txt"), encoding="utf-8-sig") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            # anatomy, organisms, diseases, chemicals and drugs, techniques and equipment,
            # mental disorders, genetic phenomena; not places, behaviour, humanities (Family, Fear)
            if re.match(r"^([ABCDE]\d|F03|G05)", row["Tree Number"]):
                en_strict.add(nfkc(row["Term"]).lower())
    with open(os.path.join(shared, "icd10cm-2019-english", "icd10cm2019.tsv"), encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            t = cm_en_title(row["long"])
            if t:
                en_strict.add(t.lower())
    with open(os.path.join(demo_dir, "nando.jsonl"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            a = r.get("attrs") or {}
            t = r.get("title") or {}
            for s in [t.get("ja", "")] + list(a.get("synonyms_ja") or []):
                if s:
                    ja_strict.add(nfkc(s))
            for s in [t.get("en", "")] + list(a.get("synonyms_en") or []):
                if s:
                    en_strict.add(nfkc(s).lower())
                    if re.fullmatch(r"[A-Z0-9][A-Za-z0-9/-]{0,7}", s) and sum(c.isupper() for c in s) >= 2:
                        acronyms.add(s.lower())
    with open(os.path.join(shared, "mhlw-dpc-icd10-ja", "icd.csv"), encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            ja_strict.update(dpc_ja_names(row["ICD名称"]))
    with open(os.path.join(shared, "meddic-cancer-ja", "MedDic-CANCER-DRUG-JA_202306.csv"), encoding="utf-8-sig") as f:
        for row in csv.reader(f):
            if row and row[0] != "一般名":
                ja_strict.add(nfkc(row[0]))
    for terms in hand.values():
        for lang, t in terms:
            (ja_strict if lang == "ja" else en_strict).add(nfkc(t) if lang == "ja" else nfkc(t).lower())
            if lang == "en" and re.fullmatch(r"[A-Za-z0-9-]{1,8}", t) and sum(c.isupper() for c in t) >= 2:
                acronyms.add(t.lower())
    # acronyms (ALPS, SMA, AI) never make a dictionary sense medical: alps is not ALPS
    en_strict -= acronyms
    en = en_strict | {e.lower() for _, e, _, _ in kit_rows}
    ja = ja_strict | {j for _, _, j, _ in kit_rows}
    return en, en_strict, ja, ja_strict


# --------------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=OUT)
    ap.add_argument("--shared", default=SHARED)
    ap.add_argument("--demo", default=DEMO)
    ap.add_argument("--edict", default=EDICT, help="EDICT file (Debian package edict)")
    ap.add_argument("--no-edict", action="store_true", help="leave JMdict/EDICT out")
    ap.add_argument("--stats", action="store_true", help="print counts, dropped terms and a sample")
    args = ap.parse_args()

    use_edict = not args.no_edict
    if use_edict and not os.path.exists(args.edict):
        sys.exit("%s missing: apt-get install edict, or --no-edict" % args.edict)

    corpus = Corpus(args.demo)
    lex = Lexicon()
    hand = read_hand(HAND)
    kit_rows = read_kitasato(args.shared)
    en_med, en_strict, ja_med, ja_strict = medical_vocab(args.shared, args.demo, kit_rows, hand)
    ej_entries, ej_body = read_ejdict(args.shared)

    built = OrderedDict()
    built["hand"] = sum(1 for cid, t in hand.items() if lex.add(cid, t, "hand", hand=True))
    built["NANDO"] = nando(lex, args.demo)
    built["ICD10"] = icd10(lex, args.shared)
    built["Kitasato"] = kitasato(lex, kit_rows, ej_body, en_strict, ja_strict)
    kit_pairs = {(e.lower(), j) for _, e, j, _ in kit_rows}
    built["EJDict"] = ejdict(lex, ej_entries, en_strict, ja_strict, kit_pairs)
    edict_header = ""
    if use_edict:
        edict_header, edict_rows = read_edict(args.edict)
        built["JMdict"] = jmdict(lex, edict_rows, corpus, en_strict, ja_med)
    lex.keep_in_corpus(corpus)

    per_source = Counter(terms[0][2] for terms in lex.concepts.values())
    lines_per_source = Counter(s for terms in lex.concepts.values() for _, _, s in terms)
    inputs = [HAND, os.path.join(args.demo, "nando.jsonl"),
              os.path.join(args.shared, "mhlw-dpc-icd10-ja", "icd.csv"),
              os.path.join(args.shared, "icd10cm-2019-english", "icd10cm2019.tsv"),
              os.path.join(args.shared, "kitasato-medical-glossary", "medutx1.01.utx"),
              os.path.join(args.shared, "ejdict-hand-en-ja", "ejdict.txt")] + ([args.edict] if use_edict else [])

    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        w = out.write
        w("# seedgraph bilingual concept lexicon (ja/en) for query expansion; built by scripts/build-lexicon.py,\n")
        w("# documented in data/vocab/LEXICON.md.  Columns: concept_id<TAB>lang<TAB>term<TAB>source.\n")
        w("# Terms of one concept_id are equivalent; a term may be in several concepts (OR them all).\n")
        w("# Kept: concepts with >= 2 usable terms, at least one of them in the demo corpus (%d records).\n"
          % corpus.records)
        w("# Sources (source column: licence; version):\n")
        for s, (path, lic, ver) in SOURCES.items():
            if s == "JMdict" and not use_edict:
                continue
            if s == "JMdict":
                ver = "%s; %s" % (ver, edict_header.split("/")[-2] if "/" in edict_header else edict_header)
            w("#   %-8s %s: %s; %s -- %d concepts\n" % (s, path, lic, ver, per_source.get(s, 0)))
        if use_edict:
            w("# Licence of this file: it contains JMdict/EDICT material (rows with source JMdict), so it is\n")
            w("# distributed under CC BY-SA 3.0 (https://creativecommons.org/licenses/by-sa/3.0/). This\n")
            w("# publication has included material from the JMdict (EDICT, etc.) dictionary files in accordance\n")
            w("# with the licence provisions of the Electronic Dictionaries Research Group (https://www.edrdg.org/).\n")
            w("# Built with --no-edict it holds CC BY 4.0 / CC BY 3.0 / CC0 / public-domain rows only.\n")
        w("# Attribution: NANDO (DBCLS, CC BY 4.0); 北里大学 医療衛生学部 医療情報学研究室 医学用語集 / Medical\n")
        w("# Glossary, Kitasato University (CC BY 3.0, via AAMT UTX); EJDict-hand (kujirahand, CC0); MHLW DPC\n")
        w("# ICD-10 names; ICD-10-CM (CDC/NCHS).  Input checksums (sha256, first 16 hex):\n")
        for p in inputs:
            w("#   %s  %s\n" % (sha(p), os.path.relpath(p, args.shared) if p.startswith(args.shared)
                                 else os.path.relpath(p, REPO) if p.startswith(REPO) else p))
        w("# concept_id\tlang\tterm\tsource\n")
        for cid, terms in lex.concepts.items():
            for lang, term, source in terms:
                w("%s\t%s\t%s\t%s\n" % (cid, lang, term, source))

    size = os.path.getsize(args.out)
    print("%s: %d concepts, %d lines, %.2f MB" % (os.path.relpath(args.out, REPO), len(lex.concepts),
                                                  sum(lines_per_source.values()), size / 1e6))
    for s in SOURCES:
        if s in built:
            print("  %-8s built %6d  kept (in corpus) %6d concepts, %6d term lines" %
                  (s, built[s], per_source.get(s, 0), lines_per_source.get(s, 0)))
    if args.stats:
        print("\ndropped:")
        for (s, why), c in sorted(lex.dropped.items()):
            print("  %-8s %-55s %7d  e.g. %s" % (s, why, c, " | ".join(lex.drop_samples.get((s, why), [])[:int(os.environ.get("LEXICON_SHOW", "5"))])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
