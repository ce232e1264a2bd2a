#!/usr/bin/env python3
"""Judged officer queries: the relevance rules behind tests/eval/officer_queries.tsv.

    python3 tests/eval/officer_judge.py            # writes tests/eval/officer_queries.tsv
    python3 tests/eval/officer_judge.py --review   # per query: counts by type, and every judged title
    python3 tests/eval/officer_judge.py --check    # exit 1 if the TSV differs from the rules (corpus changed?)

Relevance is judged from the data (data/demo/*.jsonl), never from a search engine's output.
Each concept below is a rule: a regular expression over what a record is ABOUT, in both
languages, and the record types it may count for. A record is relevant when

  - the pattern matches its "about" fields: title (ja/en), names (synonyms_ja/en), keywords
    (a KAKEN grant's keywords, a paper's MeSH headings, a trial's conditions and interventions;
    not NANDO's hiragana reading), a trial's attrs.conditions/interventions and the
    Intervention / Primary outcome sections of its text (never its inclusion or exclusion
    criteria: "malignancy" and "antibody test" there say nothing about the trial); or
  - the pattern matches its body (abstract, claims, grant or dataset summary, the MHLW
    description of a disease) at least twice -- one passing mention is not aboutness.
    Rules with body=False look at the about fields only (抗体 in a disease's description
    is a lab finding, not the disease's topic).

plus the rule's explicit `include` ids and minus its `exclude` ids, each decided by reading
the record (the reason is next to it). A two-concept query is relevant where both concepts'
rules hold; when no record is about both (脊髄性筋萎縮症 遺伝子治療 in this corpus), the query
is judged by the union, the officer's next best, and marked so in the TSV comment.

TSV columns (tests/eval/queries.tsv layout plus one): category, query, relevant ids
(space-separated), en_only: the relevant ids whose record has no Japanese at all (no kana or
kanji in title, text or keywords), "-" when none. A Japanese query's cross-language recall is
computed on en_only (tests/eval/compare.py).

Python 3 standard library only.
"""
import argparse
import glob
import json
import os
import re
import sys
from collections import Counter, OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(HERE, "officer_queries.tsv")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
ALL_TYPES = ("disease", "topic", "paper", "patent", "trial", "dataset", "company", "organization", "person")
RESEARCH = ("disease", "topic", "paper", "patent", "trial", "dataset", "company", "organization")


def load(corpus):
    recs = OrderedDict()
    for path in sorted(glob.glob(os.path.join(corpus, "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                recs[r["id"]] = r
    return recs


def trial_sections(text):
    """Intervention and Primary outcome sections of an ICTRP trial text (not the criteria)."""
    keep = []
    for part in re.split(r"\n\s*\n", text or ""):
        if re.match(r"\s*(Intervention|Primary outcome|Secondary outcome)s?\s*:", part, re.I):
            keep.append(part)
    return "\n".join(keep)


def about(r):
    """(about text, body text) of a record."""
    t = r.get("title") or {}
    x = r.get("text") or {}
    a = r.get("attrs") or {}
    reading = a.get("reading")
    names = [t.get("ja", ""), t.get("en", "")] + list(a.get("synonyms_ja") or []) + list(a.get("synonyms_en") or [])
    kws = [k for k in (r.get("keywords") or []) if k != reading]
    extra = list(a.get("conditions") or []) + list(a.get("interventions") or [])
    if r["type"] == "trial":
        extra.append(trial_sections(x.get("en", "")))
        body = ""
    else:
        body = "\n".join(v for v in (x.get("ja", ""), x.get("en", "")) if v)
    return "\n".join(s for s in names + kws + extra if s), body


def english_only(r):
    t = r.get("title") or {}
    x = r.get("text") or {}
    s = " ".join(list(t.values()) + list(x.values()) + list(r.get("keywords") or []))
    return not CJK.search(s)


class Rule:
    def __init__(self, pattern, types=RESEARCH, body=True, include=(), exclude=(), case=False, min_body=2):
        self.rx = re.compile(pattern, 0 if case else re.I)
        self.types, self.body, self.min_body = types, body, min_body
        self.include, self.exclude = set(include), set(exclude)

    def judge(self, recs, cache):
        out = set()
        for rid, r in recs.items():
            if r["type"] not in self.types:
                continue
            a, b = cache[rid]
            if self.rx.search(a) or (self.body and len(self.rx.findall(b)) >= self.min_body):
                out.add(rid)
        missing = (self.include | self.exclude) - set(recs)
        if missing:
            sys.exit("officer_judge: ids not in the corpus: %s" % " ".join(sorted(missing)))
        return (out | self.include) - self.exclude


# ------------------------------------------------------------------ concepts
# Patterns name the concept the way the corpus writes it, in Japanese and English.
CANCER = Rule(
    r"がん(?!ばる|ばれ)|癌|悪性腫瘍|悪性新生物|腫瘍(?!随伴)|白血病|リンパ腫|肉腫|骨髄腫|黒色腫|芽腫|膠腫|中皮腫|"
    r"グリオーマ|グリオブラストーマ|"
    r"\bcancers?\b|carcinom|carcinoid|malignan(t|cy|cies)\b(?! hyperthermia)|\b(anti-?)?tumou?r(s|al|igenic|oid|oids)?\b"
    r"(?! necrosis)|tumoricidal|neoplas(m|ms|tic|ia)\b|oncolog|leuka?emi|lymphoma|sarcoma|melanoma|gliomas?\b|"
    r"glioblastoma|myeloma|blastoma|mesothelioma|metasta",
    exclude=[
        "trial:ChiCTR2000030003",  # "hospital metastasis rate" = spread of COVID-19, not cancer
        "trial:ChiCTR2000031176",  # home care of chronic patients; malignant tumour is one item of a list
    ])
ANTIBODY = Rule(r"抗体|\bantibod(y|ies)\b|\bmAbs?\b|monoclonal|nanobod|\bVNARs?\b", body=False)
# Only two records name gene therapy, each once, both about it (a pig model built to test AAV
# gene therapy for Usher syndrome, and its patent): one mention is enough here.
GENE_THERAPY = Rule(r"遺伝子治療|遺伝子療法|gene[- ]therap|gene replacement|gene transfer|AAV-based", min_body=1)
NUCLEIC_ACID = Rule(r"核酸医薬|アンチセンス|antisense|oligonucleotide|\bsiRNAs?\b|small interfering RNA|RNA interference|"
                    r"\bRNAi\b|aptamer|peptide nucleic acid|\bGPNA\b|oligomers?\b", body=True)
AI = Rule(r"人工知能|機械学習|深層学習|ディープラーニング|ニューラルネットワーク|artificial intelligence|\bAI\b|"
          r"machine[- ]learning|deep learning|neural network|\b(self-supervised|unsupervised|reinforcement|metric|"
          r"representation|few-shot|sequential|sparse) (representation )?learning|learning-based|pre-?training|"
          r"computer vision|natural language|language model|transformer-based|autoencoder|\bsummarization\b",
          types=RESEARCH, case=False,
          exclude=["patent:US20130164732"])  # AI = artificial insemination (inorganic pyrophosphate in semen)
COVID = Rule(r"新型コロナ|COVID|SARS-CoV-2|SARS CoV-2|2019-nCoV|novel coronavirus|coronavirus disease 2019|"
             r"\bNCP\b|Wuhan pneumonia|\bSARS-CoV2\b|nCoV",
             include=["disease:mesh:D018352"])  # MeSH 2017 "Coronavirus Infections", the class COVID-19 trials link to
CORONA = Rule(COVID.rx.pattern + r"|コロナウイルス|coronavirus", include=COVID.include)
# not diseases: live vaccines are a contraindication in immunodeficiency descriptions
VACCINE = Rule(r"ワクチン|予防接種|vaccin|immuni[sz]ation|\bBCG\b", types=tuple(t for t in RESEARCH if t != "disease"))
IMMUNOTHERAPY = Rule(r"免疫療法|免疫チェックポイント|輸注療法|immunotherap|immune[- ]checkpoint|checkpoint inhibit|"
                     r"\bPD-?1\b|\bPD-?L1\b|CAR-?T\b|CAR T\b|chimeric antigen receptor|adoptive (cell )?transfer|"
                     r"anti-tumou?r immunity|T-cell-redirecting")
REGEN = Rule(r"再生医療|再生医学|組織再生|骨再生|再生力|regenerative (medicine|therap)|tissue engineering|組織工学|"
             r"tissue regeneration|tooth regeneration|bone regeneration|\bregeneration\b",
             include=["company:corp:4180301011063"])  # Japan Tissue Engineering (J-TEC): regenerative medicine products
# not diseases: 造血幹細胞移植 in a disease's names is its cause (移植後TMA, GVHD), not a therapy topic
CELL_THERAPY = Rule(r"細胞治療|細胞療法|細胞移植|cell therap|cellular therap|cell-based therap|cell transplant|"
                    r"stem cells? (therapy|transplant|infusion|treatment)|mesenchymal (stem|stromal)|(?-i:\bMSCs?\b)|"
                    r"CAR-?T\b|NK cells? (therapy|infusion)|\bcell infusion",
                    types=tuple(t for t in RESEARCH if t != "disease"))
# not diseases: their descriptions name 造血幹細胞 as the affected cell or the transplant
STEM_CELL = Rule(r"幹細胞|stem cell|(?-i:\biPS|iPSCs?\b|\bMSCs?\b)|pluripotent|ES細胞|embryonic stem|mesenchymal stem",
                 types=tuple(t for t in RESEARCH if t != "disease"))
BIOMARKER = Rule(r"バイオマーカー|マーカー|生体指標|biomarker|\b(cancer|tumou?r|prognostic|predictive|diagnostic|disease|"
                 r"plasma|serum|urinary|blood|injury|clinical) (bio)?markers?\b|marker genes")
ANTIBODY_DRUG = Rule(r"抗体医薬|monoclonal antibod|therapeutic antibod|antibody (drug|therap)|bispecific|\bmAbs?\b|"
                     r"[a-z]+(zu|xi|mu|u)mab\b|tocilizumab|sarilumab|bevacizumab|nivolumab|pembrolizumab|camrelizumab|"
                     r"eculizumab|ravulizumab|leronlimab|meplazumab|adalimumab|emapalumab|lenzilumab|gimsilumab|"
                     r"mavrilimumab|siltuximab|itolizumab|ixekizumab|nanobod|\bVNARs?\b", body=False)
BISPECIFIC = Rule(r"二重特異性|バイスペシフィック|bispecific")
GENOME_EDITING = Rule(r"ゲノム編集|遺伝子編集|genome[- ]editing|gene[- ]editing|CRISPR|TALEN|zinc[- ]finger nuclease|"
                      r"genome engineering|programmable DNA|DNA[- ]binding domains?|engineered target specific nuclease|"
                      r"site-specific recombination",
                      exclude=["paper:openalex:W2190388875", "patent:US20170146519"])  # STING agonists, not editing
MSC = Rule(r"間葉系幹細胞|間葉系|mesenchymal (stem|stromal)|(?-i:\bMSCs?\b)")
NANO = Rule(r"ナノ粒子|nanoparticle|nano-particle|nanocarrier|liposom|nanosensor|quantum dot")
SEQUENCING = Rule(r"次世代シー?ク?ケンス|次世代シーケンサー|シーケンス解析|塩基配列決定|next[- ]generation sequencing|"
                  r"massively parallel|(?-i:\bNGS\b)|whole[- ](exome|genome)|exome sequencing|"
                  r"whole genome DNA sequence",
                  include=["dataset:DRA001273"])  # "MPS analysis": massively parallel sequencing (MPS is also
                                                  # mucopolysaccharidosis in NANDO, so not a pattern)
DRUG_DISCOVERY = Rule(r"創薬|ドラッグリポジショニング|drug discovery|drug development|drug design|drug repurposing|"
                      r"drug repositioning|drug screening|anticancer drug development")
DEVICE = Rule(r"医療機器|medical (device|equipment|instrument|application)s?|implant|stent|ステント|インプラント|"
              r"prosthe[st]|catheter|dosimeter|microneedle|oximet|pacemaker|wearable|stimulator|nerve stimulation|"
              r"electrode array|人工内耳|artificial (cervical|vertebra|joint)|ultrasound stimulation|"
              r"brain stimulation|glaucoma surgery|microfluidic meshwork",
              types=("topic", "paper", "patent", "trial", "dataset", "company"))
HEARING = Rule(r"難聴|聴覚障害|聴覚|hearing (loss|impairment)|\bdeaf(ness)?\b|Usher|cochlear|人工内耳|アッシャー",
               exclude=["disease:nando:1200233"])  # 紅斑性天疱瘡 = Senear-Usher syndrome (a skin disease)
PNEUMONIA = Rule(r"肺炎|pneumonia|pneumonitis",
                 exclude=["disease:nando:2200775"])  # 孤立性先天性無脾症: pneumococcal infections are a complication
DEMENTIA = Rule(r"認知症|痴呆|dementia|Alzheimer|アルツハイマー")
BREAST = Rule(r"乳がん|乳癌|乳腺腫瘍|breast (cancer|carcinoma|tumou?r)|mammary (carcinoma|tumou?r)|\bDCIS\b|"
              r"ductal carcinoma")  # not MCF-7 alone: a cell line used in unrelated assays
LUNG_CANCER = Rule(r"肺がん|肺癌|肺腺癌|lung (cancer|adenocarcinoma|carcinoma)|\bNSCLC\b|non-small[- ]cell")
INFLUENZA = Rule(r"インフルエンザ|influenza|\bH1N1\b|\bflu\b",
                 exclude=["trial:ACTRN12620000457943"])  # only an "InFLUenza Patient-Reported Outcome" score
NEURODEGEN = Rule(r"神経変性|neurodegenerat")
AUTISM = Rule(r"自閉|autism|autistic")
ALS = Rule(r"筋萎縮性側索硬化症|amyotrophic lateral sclerosis|\bALS\b", case=False,
           exclude=["disease:nando:1200008"])  # 原発性側索硬化症 (PLS): its description only contrasts it with ALS
SMA = Rule(r"脊髄性筋萎縮症|spinal muscular atrophy|\bSMA\b")
IPS = Rule(r"iPS|(?i:induced pluripotent)|iPSCs?\b|人工多能性幹細胞", case=True)
CAR_T = Rule(r"CAR-?T\b|CAR T\b|(?i:chimeric antigen receptor)|キメラ抗原受容体", case=True)
# mRNA is measured in most biology abstracts: about fields, or three mentions in the body
MRNA = Rule(r"\bmRNAs?\b|(?i:messenger RNA)|メッセンジャーRNA", case=True, min_body=3)
HCQ = Rule(r"hydroxychloroquine|hydroxy-chloroquine|\bHCQ\b|ヒドロキシクロロキン")
GAMMA_GLOBULIN = Rule(r"ガンマグロブリン|γグロブリン|gamma ?globulin|immunoglobulin|免疫グロブリン|\bIVIG\b", body=False)
LIGAND = Rule(r"リガンド|ligands?\b")
LYMPHOMA = Rule(r"リンパ腫|lymphoma", exclude=["disease:nando:2200335"])  # 橋本病: lymphoma is a risk named in passing
CANCER_STEM = Rule(r"がん幹細胞|癌幹細胞|cancer stem|tumou?r[- ]initiating|腫瘍幹細胞|glioblastoma stem|幹細胞性")


# ------------------------------------------------------------------- queries
# (category, query, rule, or a pair of rules for two_concept)
QUERIES = [
    ("concept_ja", "がん", CANCER),
    ("concept_ja", "抗体", ANTIBODY),
    ("concept_ja", "遺伝子治療", GENE_THERAPY),
    ("concept_ja", "核酸医薬", NUCLEIC_ACID),
    ("concept_ja", "人工知能", AI),
    ("concept_ja", "新型コロナウイルス", COVID),
    ("concept_ja", "ワクチン", VACCINE),
    ("concept_ja", "免疫療法", IMMUNOTHERAPY),
    ("concept_ja", "再生医療", REGEN),
    ("concept_ja", "細胞治療", CELL_THERAPY),
    ("concept_ja", "幹細胞", STEM_CELL),
    ("concept_ja", "バイオマーカー", BIOMARKER),
    ("concept_en", "cancer", CANCER),
    ("concept_en", "antibody", ANTIBODY),
    ("concept_en", "gene therapy", GENE_THERAPY),
    ("concept_en", "nucleic acid drug", NUCLEIC_ACID),
    ("concept_en", "artificial intelligence", AI),
    ("concept_en", "novel coronavirus", COVID),
    ("concept_en", "vaccine", VACCINE),
    ("concept_en", "immunotherapy", IMMUNOTHERAPY),
    ("concept_en", "regenerative medicine", REGEN),
    ("concept_en", "cell therapy", CELL_THERAPY),
    ("concept_en", "stem cell", STEM_CELL),
    ("concept_en", "biomarker", BIOMARKER),
    ("modality", "抗体医薬", ANTIBODY_DRUG),
    ("modality", "monoclonal antibody", ANTIBODY_DRUG),
    ("modality", "アンチセンス", NUCLEIC_ACID),
    ("modality", "二重特異性抗体", BISPECIFIC),
    ("modality", "ゲノム編集", GENOME_EDITING),
    ("modality", "間葉系幹細胞", MSC),
    ("modality", "ナノ粒子", NANO),
    ("modality", "次世代シーケンス", SEQUENCING),
    ("modality", "創薬", DRUG_DISCOVERY),
    ("modality", "医療機器", DEVICE),
    ("disease_area", "難聴", HEARING),
    ("disease_area", "hearing loss", HEARING),
    ("disease_area", "肺炎", PNEUMONIA),
    ("disease_area", "認知症", DEMENTIA),
    ("disease_area", "乳がん", BREAST),
    ("disease_area", "肺がん", LUNG_CANCER),
    ("disease_area", "インフルエンザ", INFLUENZA),
    ("disease_area", "神経変性疾患", NEURODEGEN),
    ("disease_area", "自閉症", AUTISM),
    ("acronym", "ALS", ALS),
    ("acronym", "SMA", SMA),
    ("acronym", "AI", AI),
    ("acronym", "iPS", IPS),
    ("acronym", "CAR-T", CAR_T),
    ("acronym", "mRNA", MRNA),
    ("acronym", "COVID-19", COVID),
    ("acronym", "HCQ", HCQ),
    ("acronym", "MSC", MSC),
    ("two_concept", "がん 抗体", (CANCER, ANTIBODY)),
    ("two_concept", "cancer antibody", (CANCER, ANTIBODY)),
    ("two_concept", "COVID-19 ワクチン", (COVID, VACCINE)),
    ("two_concept", "脊髄性筋萎縮症 遺伝子治療", (SMA, GENE_THERAPY)),
    ("two_concept", "spinal muscular atrophy gene therapy", (SMA, GENE_THERAPY)),
    ("two_concept", "新型コロナウイルス 人工知能", (COVID, AI)),
    ("two_concept", "がん 免疫療法", (CANCER, IMMUNOTHERAPY)),
    ("two_concept", "新型コロナウイルス 幹細胞", (COVID, STEM_CELL)),
    ("two_concept", "iPS細胞 がん", (IPS, CANCER)),
    ("two_concept", "がん バイオマーカー", (CANCER, BIOMARKER)),
    ("two_concept", "肺炎 人工知能", (PNEUMONIA, AI)),
    ("precision_kana", "ガン", CANCER),
    ("precision_kana", "コロナ", CORONA),
    ("precision_kana", "ガンマグロブリン", GAMMA_GLOBULIN),
    ("precision_kana", "リガンド", LIGAND),
    ("precision_kana", "リンパ腫", LYMPHOMA),
    ("precision_kana", "がん幹細胞", CANCER_STEM),
]


def judge_all(recs):
    cache = {rid: about(r) for rid, r in recs.items()}
    memo = {}

    def run(rule):
        if id(rule) not in memo:
            memo[id(rule)] = rule.judge(recs, cache)
        return memo[id(rule)]

    out = []
    for cat, q, rule in QUERIES:
        note = ""
        if isinstance(rule, tuple):
            a, b = run(rule[0]), run(rule[1])
            rel = a & b
            if not rel:
                rel, note = a | b, "union: no record is about both"
        else:
            rel = run(rule)
        if not rel:
            sys.exit("officer_judge: nothing relevant for %r" % q)
        order = {rid: i for i, rid in enumerate(recs)}
        ids = sorted(rel, key=order.get)
        en = [i for i in ids if english_only(recs[i])]
        out.append((cat, q, ids, en, note))
    return out


def render(rows, n_records):
    lines = ["# Officer-style judged queries: category<TAB>query<TAB>relevant ids<TAB>en_only ids (- when none).",
             "# Written by tests/eval/officer_judge.py from data/demo/*.jsonl (%d distinct ids): the script holds" % n_records,
             "# each query's relevance rule (patterns in both languages, record types, explicit includes and",
             "# excludes after reading); this file is the frozen judgment. Do not edit by hand: change the",
             "# rule and run the script again."]
    for cat, q, ids, en, note in rows:
        if note:
            lines.append("# %s: %s" % (q, note))
        lines.append("\t".join([cat, q, " ".join(ids), " ".join(en) or "-"]))
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.path.join(REPO, "data", "demo"))
    ap.add_argument("--out", default=OUT)
    ap.add_argument("--review", action="store_true", help="print counts and every judged title")
    ap.add_argument("--check", action="store_true", help="exit 1 if --out differs from the rules")
    args = ap.parse_args()
    recs = load(args.corpus)
    rows = judge_all(recs)
    text = render(rows, len(recs))
    if args.check:
        with open(args.out, encoding="utf-8") as f:
            same = f.read() == text
        print("officer_queries.tsv %s the rules" % ("matches" if same else "DIFFERS FROM"))
        return 0 if same else 1
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text)
    n_rel = sum(len(r[2]) for r in rows)
    print("%s: %d queries, %d judgments (%d English-only)" % (os.path.relpath(args.out, REPO), len(rows), n_rel,
                                                              sum(len(r[3]) for r in rows)))
    if args.review:
        for cat, q, ids, en, note in rows:
            types = Counter(recs[i]["type"] for i in ids)
            print("\n== %s  %s  %d relevant, %d en_only  %s %s" % (cat, q, len(ids), len(en), dict(types), note))
            for i in ids:
                t = recs[i].get("title") or {}
                print("   %-45s %s" % (i, (t.get("ja") or t.get("en") or "")[:100]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
