#!/usr/bin/env python3
"""Build data/vocab/tags.tsv: the term dictionary the indexer's Tagger uses to
derive `disease_areas` and `modalities` (CONTRACT.md §1) for records that lack
them.

Sources (all under $SEEDGRAPH_SHARED_DATA, default ../shared/data next to the
repository; see data/NOTICE.md for their licences):
  - NANDO nando.ttl (CC BY 4.0): 指定難病 diseases -> intractable; 小児慢性特定疾病
    diseases -> child_maternal, its 悪性新生物 group -> cancer.
  - MHLW DPC icd.csv (Japanese ICD-10 names): chapters/ranges -> areas.
  - MeSH 2017 tree (NLM): English descriptor names by tree prefix.
  - MedDic-CANCER-DRUG (NAIST sociocom, MIT): anticancer drugs -> cancer and
    biologic (-mab) / small_molecule.
  - hand-kept terms below (modalities mostly; vocabularies do not name them).

Decisions (so that a tag is more often right than merely present):
  - ICD-10: C00–D09 and D37–D48 -> cancer (benign D10–D36 left out);
    A00–B99, U07 -> infectious; F00–F03, G30 -> geriatric_dementia; other F, G
    -> neuro_psych; E10–E14, E66, E78, I10–I15 -> lifestyle; K00–K14 ->
    dental_oral; O, P and Q (congenital) -> child_maternal.  "Xの悪性新生物"
    becomes X癌 / Xがん, the way research titles say it.
  - NANDO: the category classes right under 指定難病 / 小児慢性特定疾病 are
    skipped; a 小慢 disease ICD names outside O/P/Q (心房細動, 気管支喘息) is
    kept only if its name is pediatric (先天性…, 乳児…).
  - MeSH: C04 (minus cysts, hamartoma) cancer; C01–C03 infectious; C10, F03
    neuro_psych, dementia subtrees geriatric_dementia instead; C07 (minus
    pharynx) dental_oral; C16 congenital/fetal/newborn and C13.703 pregnancy
    child_maternal (not C16.320 hereditary: not a child-health topic);
    diabetes, dyslipidemia, metabolic syndrome, obesity, hypertension
    lifestyle.  "Carcinoma, Renal Cell" is written "Renal Cell Carcinoma".
  - Size: CJK terms of 2–16 characters, Latin of >= 4 letters and <= 4
    words, no acronyms from the vocabularies (hand terms exempt); a long term
    that contains a shorter term of the same code is dropped (it could not
    change a result).

Output: TSV `term, field, code, source`, one row per (term, field, code),
sorted, so that a rebuild from the same sources gives the same bytes.

Python 3 standard library only.
"""

import csv
import os
import re
import sys
import unicodedata

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(REPO, "data", "vocab", "tags.tsv")

DA, MO = "disease_areas", "modalities"

# ---------------------------------------------------------------------------
# Hand-kept terms.  They are exempt from the length rule (癌, 歯, AAV, AI).
# Bare "protein"/"タンパク質" and "診断"/"mRNA"-like words that occur in most
# biomedical abstracts were narrowed to phrases that name a modality.
HAND = {
    DA: {
        "cancer": ["がん", "癌", "腫瘍", "cancer", "tumor", "tumour", "carcinoma",
                   "neoplasm", "悪性新生物", "白血病", "リンパ腫", "肉腫", "leukemia",
                   "lymphoma", "sarcoma"],
        "geriatric_dementia": ["認知症", "dementia", "アルツハイマー", "Alzheimer",
                               "軽度認知障害", "フレイル", "frailty", "老年医学", "高齢者医療"],
        "lifestyle": ["糖尿病", "高血圧", "肥満", "diabetes", "hypertension", "obesity",
                      "生活習慣病", "脂質異常症", "メタボリックシンドローム", "動脈硬化"],
        "dental_oral": ["歯", "口腔", "歯周", "歯科", "dental", "periodontal", "periodontitis",
                        "oral health"],
        "infectious": ["感染", "ウイルス", "virus", "COVID", "infection", "infectious",
                       "SARS-CoV-2", "細菌", "病原体", "pathogen", "結核", "マラリア",
                       "耐性菌", "antimicrobial resistance"],
        # 難治性疾患 is the official word (難治性疾患実用化研究事業, 難治性疾患政策研究事業):
        # a grant of those programmes names it where its title names a disease
        # NANDO does not list (遺伝性難聴).
        "intractable": ["難病", "希少疾患", "rare disease", "指定難病", "orphan disease",
                        "難治性疾患", "intractable disease"],
        "child_maternal": ["小児", "周産期", "妊娠", "新生児", "胎児", "母子", "成育",
                           "pediatric", "paediatric", "neonatal", "pregnancy", "perinatal",
                           "preterm", "早産", "乳児", "乳幼児", "産後", "母体", "不妊",
                           "infant", "maternal"],
        "neuro_psych": ["精神", "うつ病", "抑うつ", "統合失調", "神経", "depression",
                        "schizophrenia", "psychiatric", "neurological",
                        "neurodegenerative", "自閉症", "autism", "てんかん", "epilepsy",
                        "パーキンソン", "Parkinson"],
    },
    MO: {
        "biologic": ["抗体", "antibody", "ペプチド", "peptide", "タンパク質製剤",
                     "蛋白製剤", "組換えタンパク質", "recombinant protein",
                     "therapeutic protein", "fusion protein", "バイオ医薬",
                     "biologics", "monoclonal"],
        "cell_therapy": ["iPS", "iPS細胞", "細胞治療", "細胞療法", "cell therapy",
                         "CAR-T", "幹細胞移植", "stem cell therapy"],
        "gene_therapy": ["AAV", "遺伝子治療", "gene therapy", "ベクター", "vector",
                         "ゲノム編集", "genome editing", "CRISPR", "レンチウイルス"],
        "nucleic_acid": ["mRNA", "siRNA", "アンチセンス", "antisense", "核酸",
                         "oligonucleotide", "核酸医薬", "aptamer", "アプタマー"],
        "vaccine": ["ワクチン", "vaccine", "vaccination", "アジュバント", "adjuvant"],
        "device": ["医療機器", "デバイス", "device", "medical device", "インプラント",
                   "implant", "カテーテル", "catheter", "ウェアラブル", "wearable",
                   "ロボット", "robot"],
        "diagnostic": ["診断薬", "診断法", "診断技術", "診断システム", "診断機器",
                       "診断キット", "診断マーカー", "早期診断", "画像診断",
                       "コンパニオン診断", "体外診断", "diagnostic", "diagnosis",
                       "バイオマーカー", "biomarker", "検出法", "detection"],
        "digital": ["AI", "人工知能", "machine learning", "深層学習", "deep learning",
                    "アプリ", "software", "機械学習", "artificial intelligence",
                    "ソフトウェア", "digital health", "デジタルヘルス"],
        "small_molecule": ["低分子", "small molecule", "化合物", "inhibitor", "阻害剤",
                           "阻害薬", "compound"],
        "regenerative": ["再生医療", "オルガノイド", "organoid", "組織工学",
                         "tissue engineering", "regenerative", "再生医学",
                         "scaffold", "足場材料"],
    },
}

# Vocabulary terms that are too general to say anything about a record's area
# (category names, symptoms, words of everyday prose).
STOP = {
    "pain", "fever", "infection", "infections", "syndrome", "disease", "diseases",
    "carrier state", "cysts", "tremor", "sleep", "headache", "paralysis", "seizures",
    "fatigue", "obsession", "anxiety", "stress", "shock", "ataxia", "coma",
    "confusion", "delirium", "dyskinesias", "vertigo", "dizziness", "neoplasms",
    "syncope", "hearing loss", "pregnancy complications", "malocclusion",
    "recurrence", "necrosis", "inflammation", "metastasis", "hyperplasia",
    "mastication", "tooth", "dry eye", "weight loss",
    "症候群", "疾患", "欠損症", "奇形", "先天性代謝異常", "悪性新生物",
    "内分泌疾患", "血液疾患", "免疫疾患", "膠原病", "糖尿病", "骨系統疾患",
}

# ICD-10 ranges (3-character codes, inclusive) -> area.  Benign neoplasms
# D10–D36 are left out on purpose: a uterine fibroid is not "cancer" research.
# Q (congenital malformations) joins O/P as child_maternal: 成育 covers them.
ICD_RANGES = [
    ("C00", "C97", "cancer"), ("D00", "D09", "cancer"), ("D37", "D48", "cancer"),
    ("A00", "B99", "infectious"), ("U07", "U07", "infectious"),
    ("F00", "F03", "geriatric_dementia"), ("G30", "G30", "geriatric_dementia"),
    ("F04", "F99", "neuro_psych"), ("G00", "G29", "neuro_psych"),
    ("G31", "G99", "neuro_psych"),
    ("E10", "E14", "lifestyle"), ("I10", "I15", "lifestyle"),
    ("E66", "E66", "lifestyle"), ("E78", "E78", "lifestyle"),
    ("K00", "K14", "dental_oral"),
    ("O00", "O99", "child_maternal"), ("P00", "P96", "child_maternal"),
    ("Q00", "Q99", "child_maternal"),
]
DISEASE_CHAR = re.compile(r"[症病炎癌腫疹害全染痺損形痘熱核毒蝕瘍裂胞常患血瘤痢]|ウイルス|ヘルニア")
ICD_NOISE = ("その他", "詳細不明", "他に分類", "部位不明", "及び", "又は", "明示",
             "を伴う", "による", "性状不詳", "疑い", "除く", "続発", "既往", "ない")

# MeSH tree prefix -> area, first match wins; an empty code drops the subtree.
MESH_RULES = [
    ("C04.182", ""), ("C04.445", ""),                       # cysts, hamartoma
    ("C10.228.140.380", "geriatric_dementia"), ("F03.615.400", "geriatric_dementia"),
    ("C04", "cancer"),
    ("C02.330", ""),                                        # chronic fatigue
    ("C01", "infectious"), ("C02", "infectious"), ("C03", "infectious"),
    ("C10", "neuro_psych"), ("F03", "neuro_psych"),
    ("C07.550", ""), ("C07", "dental_oral"),                # pharynx is not oral
    ("C16.131", "child_maternal"), ("C16.300", "child_maternal"),
    ("C16.614", "child_maternal"), ("C13.703", "child_maternal"),
    ("C18.452.394.750", "lifestyle"), ("C18.452.584.500", "lifestyle"),
    ("C18.452.625", "lifestyle"), ("C18.654.726.500", "lifestyle"),
    ("C14.907.489", "lifestyle"),
]

# MedDic sub-classes that are anticancer drugs; generic names of whole drug
# groups and combination partners that mean something else on their own.
MEDDIC_CLASSES = {"抗がん剤", "分子標的薬"}
MEDDIC_SKIP = {"ウラシル", "腫瘍用薬"}
SALT = re.compile(r"(塩酸塩|酒石酸塩|メシル酸塩|トシル酸塩|クエン酸塩|硫酸塩|"
                  r"ナトリウム|カリウム|水和物)+$")

# NANDO catch-all entries: "1から15までに掲げるもののほか、白血病", "Other leukemia".
NANDO_NOISE = re.compile(r"掲げるもの|ほか|除く|その他|分類不能|^other\b", re.I)

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u3005\u3006]")
LATIN = re.compile(r"[A-Za-z]")


def norm(s):
    """The key two spellings share (approximates the indexer's NFKC_Casefold)."""
    return unicodedata.normalize("NFKC", s).casefold().strip()


def useful(term, hand=False):
    """Length rule of the brief, plus a cap on Latin length (long descriptor
    names never occur verbatim in text) and the stop list."""
    t = norm(term)
    if not t or t in STOP:
        return False
    if hand:
        return True
    if CJK.search(t):
        return len(CJK.findall(t)) >= 2 and len(t) <= 16
    # Acronyms (ALCL, B-NHL, AT/RT) mean different things in different
    # fields; a vocabulary's acronym is not a safe tag.
    if not re.search(r"[a-z]", unicodedata.normalize("NFKC", term)):
        return False
    words = re.findall(r"[a-z0-9]+", t)
    return len(LATIN.findall(t)) >= 4 and 1 <= len(words) <= 4


def contains_other(key, group):
    if CJK.search(key):
        if len(key) <= 4:
            return False
        for i in range(len(key)):
            for j in range(i + 1, len(key) + 1):
                sub = key[i:j]
                if sub == key or sub not in group:
                    continue
                # the tagger matches a Latin edge only at a word boundary
                if sub[0].isalnum() and sub[0].isascii() and i > 0 and key[i - 1].isalnum():
                    continue
                if sub[-1].isalnum() and sub[-1].isascii() and j < len(key) and key[j].isalnum():
                    continue
                return True
        return False
    words = re.findall(r"[a-z0-9]+", key)
    if len(words) <= 2:
        return False
    for i in range(len(words)):
        for j in range(i + 1, len(words) + 1):
            if j - i < len(words) and " ".join(words[i:j]) in group:
                return True
    return False


class Rows:
    """Collects (term, field, code, source); the first source for a normalised
    (term, field, code) wins, so sources are added in order of trust."""

    def __init__(self):
        self.rows = {}

    def prune(self):
        """Drops long terms that contain a shorter term of the same field and
        code: they can never change which codes a record gets, only which
        term is quoted, so they would only cost size.  Short terms (<= 4 CJK
        characters, <= 2 words: 肺癌, lung cancer) stay to be quoted."""
        groups = {}
        for (key, field, code) in self.rows:
            canon = key if CJK.search(key) else " ".join(re.findall(r"[a-z0-9]+", key))
            groups.setdefault((field, code), set()).add(canon)
        for (key, field, code) in list(self.rows):
            if self.rows[(key, field, code)][3] != "hand" and contains_other(key, groups[(field, code)]):
                del self.rows[(key, field, code)]

    def add(self, term, field, code, source, hand=False):
        term = unicodedata.normalize("NFKC", term).strip()
        if not code or not useful(term, hand):
            return
        self.rows.setdefault((norm(term), field, code), (term, field, code, source))


# --- NANDO ttl: a minimal Turtle reader (subjects, predicate lists, literals) -
TOKEN = re.compile(r'\s*(?:(#[^\n]*)|(<[^>]*>)|("(?:[^"\\]|\\.)*")(@[A-Za-z-]+|\^\^\S+)?'
                   r'|([;,.\[\]])|([^\s;,.<>"\[\]]+(?:\.[^\s;,.<>"\[\]]+)*))')


def read_turtle(path):
    """Yields (subject, {predicate: [(value, lang)]}) for each statement."""
    text = open(path, encoding="utf-8").read()
    pos, subject, pred, props = 0, None, None, {}
    while True:
        m = TOKEN.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
        comment, iri, lit, lang, punct, name = m.groups()
        if comment:
            continue
        if punct == ".":
            if subject is not None:
                yield subject, props
            subject, pred, props = None, None, {}
        elif punct == ";":
            pred = None
        elif punct:
            continue
        else:
            value = iri or name
            if lit is not None:
                value = lit[1:-1].replace('\\"', '"').replace("\\\\", "\\")
            if subject is None:
                subject = value
            elif pred is None:
                pred = value
            else:
                props.setdefault(pred, []).append((value, (lang or "").lstrip("@")))


# 小児慢性特定疾病 groups whose members are pediatric by nature.
SHOMAN_PEDIATRIC_GROUPS = {"2100159", "2100279", "2100291"}  # 先天性代謝異常, 染色体…, 骨系統
PEDIATRIC_CUE = re.compile(r"先天|乳児|小児|新生児|胎児|若年|幼児|早発|奇形|形成不全|異形成|"
                           r"低形成|欠損|閉鎖|遺残|離断|狭窄症")
ADULT_TOO = {"甲状腺機能亢進症", "甲状腺機能低下症", "慢性腎不全", "糖尿病", "肝硬変",
             "気管支喘息", "心房細動", "虚血性心疾患", "大動脈瘤", "多発性硬化症"}


def pediatric(cid, anc, labels, generic):
    """Whether a 小児慢性特定疾病 class says "child health".  The list also
    names diseases of all ages (心房細動, 気管支喘息, 糖尿病, 慢性腎不全):
    those are skipped when ICD names them (or a part of them) outside the
    O/P/Q chapters, unless the name itself is pediatric (先天性…, 乳児…)."""
    ja = [norm(v) for v, lang in labels if lang == "ja"]
    if anc & SHOMAN_PEDIATRIC_GROUPS or any(PEDIATRIC_CUE.search(v) for v in ja):
        return True
    for v in ja:
        if any(a in v for a in ADULT_TOO):
            return False
        if any(len(g) >= 2 and (g in v or v in g) for g in generic):
            return False
    return True


def nando_terms(path, rows, generic):
    classes = {}
    for subject, props in read_turtle(path):
        m = re.search(r"NANDO_(\d+)>?$", subject)
        if m and "owl:deprecated" not in props:
            parents = [re.search(r"NANDO_(\d+)", v).group(1)
                       for v, _ in props.get("rdfs:subClassOf", []) if "NANDO_" in v]
            classes[m.group(1)] = (parents, props)

    def ancestors(cid):
        seen, stack = set(), [cid]
        while stack:
            for p in classes.get(stack.pop(), ([], {}))[0]:
                if p not in seen:
                    seen.add(p)
                    stack.append(p)
        return seen

    for cid in sorted(classes):
        anc = ancestors(cid)
        parents, props = classes[cid]
        # Direct children of 指定難病 / 小児慢性特定疾病 are category names
        # (神経・筋疾患, 慢性心疾患): too broad to tag with.
        if "1000001" in anc and "1000001" not in parents:
            code = "intractable"
        elif "2100001" in anc:
            code = "cancer"
        elif "2000001" in anc and "2000001" not in parents:
            code = "child_maternal"
        else:
            continue
        labels = [(v, lang) for pred in ("rdfs:label", "skos:altLabel")
                  for v, lang in props.get(pred, []) if lang in ("ja", "en")]
        if code == "child_maternal" and not pediatric(cid, anc, labels, generic):
            continue
        for value, _ in labels:
            if not NANDO_NOISE.search(value):
                rows.add(value, DA, code, "NANDO:" + cid)


# --- DPC ICD-10 table --------------------------------------------------------
def clean_icd_name(name):
    name = unicodedata.normalize("NFKC", name)
    name = re.sub(r"<[^>]*>|\[[^\]]*\]|\([^)]*\)", "", name)
    return re.split(r"[,\s]", name)[0].strip()


def icd_rows(shared):
    path = os.path.join(shared, "mhlw-dpc-icd10-ja", "icd.csv")
    with open(path, encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            code = r["ICDコード"].rstrip("$")
            yield code, clean_icd_name(r["ICD名称"])


def icd_area(code):
    head = code[:3]
    for lo, hi, area in ICD_RANGES:
        if lo <= head <= hi:
            return area
    return ""


def icd_terms(shared, rows):
    """Adds the ICD terms; returns the names ICD files outside O/P/Q (diseases
    of adults as much as of children)."""
    generic = set()
    for code, name in icd_rows(shared):
        area = icd_area(code)
        if code[0] not in "OPQ" and len(name) >= 2 and not any(n in name for n in ICD_NOISE):
            generic.add(norm(re.sub(r"症$", "", name)))  # 肝硬変症 ~ 肝硬変
        if not area:
            continue
        label = code[:3] + ("." + code[3:] if len(code) > 3 else "")
        source = "ICD-10 %s (DPC)" % label
        m = re.fullmatch(r"(.+?)の悪性新生物", name)
        if m and "その他" not in name and "部位不明" not in name:
            # Text says 肺癌 / 肺がん, never 気管支及び肺の悪性新生物.
            for site in m.group(1).split("及び"):
                site = {"乳房": "乳"}.get(site, site)
                if len(site) <= 4:
                    rows.add(site + "癌", DA, area, source)
                    rows.add(site + "がん", DA, area, source)
            continue
        # The part before the first comma is sometimes a list of sites
        # (口腔，食道及び胃の上皮内癌 -> 口腔): keep it only if it names a disease.
        if not any(n in name for n in ICD_NOISE) and DISEASE_CHAR.search(name):
            rows.add(name, DA, area, source)
    return generic


# --- MeSH tree ---------------------------------------------------------------
def mesh_area(tree):
    for prefix, code in MESH_RULES:
        if tree == prefix or tree.startswith(prefix + "."):
            return code
    return None


def uninvert(name):
    """'Carcinoma, Non-Small-Cell Lung' -> 'Non-Small-Cell Lung Carcinoma'."""
    parts = [p.strip() for p in name.split(",")]
    if len(parts) == 1:
        return name
    if len(parts) == 2:
        return parts[1] + " " + parts[0]
    return ""


def mesh_terms(shared, rows):
    path = os.path.join(shared, "mesh-2017-tree", "2017MeshTree.txt")
    by_desc = {}
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f, delimiter="\t")
        next(reader)
        for tree, desc, term in reader:
            code = mesh_area(tree)
            if code is not None:
                by_desc.setdefault((desc, term), []).append((tree, code))
    for (desc, term), hits in sorted(by_desc.items()):
        if any(code == "" for _, code in hits):
            continue
        codes = {code for _, code in hits}
        if "geriatric_dementia" in codes:
            codes.discard("neuro_psych")  # Alzheimer Disease is also C10.574
        name = uninvert(term)
        for code in sorted(codes):
            tree = min(t for t, c in hits if c == code)
            rows.add(name, DA, code, "MeSH %s %s" % (tree, desc))


# --- MedDic anticancer drugs ---------------------------------------------------
def meddic_terms(shared, rows):
    path = os.path.join(shared, "meddic-cancer-ja", "MedDic-CANCER-DRUG-JA_202306.csv")
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        flag = header.index("<抗がん剤>")
        for r in reader:
            if r[1] not in MEDDIC_CLASSES and r[flag] != "1":
                continue
            for name in r[0].split(";"):
                if "株" in name or name in MEDDIC_SKIP:
                    continue
                base = SALT.sub("", name) or name
                rows.add(base, DA, "cancer", "MedDic")
                if base.endswith("マブ"):
                    rows.add(base, MO, "biologic", "MedDic")
                elif not base.endswith(("薬", "系")):
                    rows.add(base, MO, "small_molecule", "MedDic")


def main():
    default = os.path.join(os.path.dirname(REPO), "shared", "data")
    shared = os.environ.get("SEEDGRAPH_SHARED_DATA", default)
    if not os.path.isdir(shared):
        sys.exit("build-tag-dictionary: no data directory %s (set SEEDGRAPH_SHARED_DATA)" % shared)
    rows = Rows()
    for field, codes in HAND.items():
        for code, terms in sorted(codes.items()):
            for t in terms:
                rows.add(t, field, code, "hand", hand=True)
    # ICD first: it also collects the generic (adult) disease names NANDO's
    # 小児慢性特定疾病 list is checked against.
    generic = icd_terms(shared, rows)
    nando_terms(os.path.join(shared, "nando-nanbyo-disease-ontology", "nando.ttl"), rows, generic)
    mesh_terms(shared, rows)
    meddic_terms(shared, rows)
    rows.prune()

    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    out = sorted(rows.rows.values(), key=lambda r: (r[1], r[2], norm(r[0]), r[0]))
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write("# term\tfield\tcode\tsource  (built by scripts/build-tag-dictionary.py;"
                " sources and licences: data/NOTICE.md)\n")
        for term, field, code, source in out:
            f.write("%s\t%s\t%s\t%s\n" % (term, field, code, source))
    counts = {}
    for _, field, code, source in out:
        key = (field, source.split(" ")[0].split(":")[0])
        counts[key] = counts.get(key, 0) + 1
    for (field, src), n in sorted(counts.items()):
        print("%-14s %-7s %5d" % (field, src, n), file=sys.stderr)
    print("%d rows -> %s" % (len(out), os.path.relpath(OUT, REPO)), file=sys.stderr)


if __name__ == "__main__":
    main()
