#include "schema/vocab.h"

namespace seedgraph {

bool Vocabulary::Contains(std::string_view code) const { return Find(code) != nullptr; }

const VocabEntry* Vocabulary::Find(std::string_view code) const {
  for (const auto& e : entries) {
    if (code == e.code) return &e;
  }
  return nullptr;
}

std::string Vocabulary::CodeList() const {
  std::string out;
  for (const auto& e : entries) {
    if (!out.empty()) out += ", ";
    out += e.code;
  }
  return out;
}

// Function-local statics: built once, on first use, thread-safe, and never
// mutated afterwards (constants, not global state).
const Vocabulary& RecordTypes() {
  static const Vocabulary v{"type",
                            {{"topic", "研究開発課題", "Research topic"},
                             {"paper", "論文", "Paper"},
                             {"patent", "特許", "Patent"},
                             {"trial", "臨床試験", "Clinical trial"},
                             {"dataset", "データセット", "Dataset"},
                             {"disease", "疾患", "Disease"},
                             {"organization", "機関", "Organization"},
                             {"company", "企業", "Company"},
                             {"person", "人物", "Person"},
                             {"drug", "医薬品", "Drug"},
                             {"outcome", "成果", "Outcome"}}};
  return v;
}

const Vocabulary& Projects() {
  static const Vocabulary v{"project",
                            {{"pharma", "医薬品", "Pharmaceuticals"},
                             {"device", "医療機器・ヘルスケア", "Medical devices and healthcare"},
                             {"regen_gene", "再生・細胞医療・遺伝子治療",
                              "Regenerative, cell and gene therapy"},
                             {"infection", "感染症", "Infectious diseases"},
                             {"data_lifecourse", "データ利活用・ライフコース", "Data and life course"},
                             {"seeds_basic", "シーズ開発・基礎研究", "Seeds and basic research"},
                             {"translational", "橋渡し・臨床加速化", "Translational and clinical"},
                             {"ecosystem", "イノベーション・エコシステム", "Innovation ecosystem"}}};
  return v;
}

const Vocabulary& DiseaseAreas() {
  static const Vocabulary v{"disease_areas",
                            {{"cancer", "がん", "Cancer"},
                             {"intractable", "難病", "Intractable diseases"},
                             {"lifestyle", "生活習慣病", "Lifestyle diseases"},
                             {"neuro_psych", "神経疾患・精神疾患", "Neurological and psychiatric"},
                             {"geriatric_dementia", "老年医学・認知症", "Geriatrics and dementia"},
                             {"child_maternal", "成育", "Child and maternal health"},
                             {"dental_oral", "歯科口腔保健", "Dental and oral health"},
                             {"infectious", "感染症", "Infectious diseases"}}};
  return v;
}

const Vocabulary& Modalities() {
  static const Vocabulary v{"modalities",
                            {{"small_molecule", "低分子", "Small molecule"},
                             {"biologic", "抗体・タンパク質・ペプチド", "Biologic"},
                             {"nucleic_acid", "核酸", "Nucleic acid"},
                             {"cell_therapy", "細胞治療", "Cell therapy"},
                             {"gene_therapy", "遺伝子治療", "Gene therapy"},
                             {"regenerative", "再生医療", "Regenerative"},
                             {"vaccine", "ワクチン", "Vaccine"},
                             {"device", "医療機器", "Device"},
                             {"diagnostic", "診断", "Diagnostic"},
                             {"digital", "デジタル・AI", "Digital"}}};
  return v;
}

const Vocabulary& Stages() {
  static const Vocabulary v{"stage",
                            {{"basic", "基礎", "Basic"},
                             {"applied", "応用", "Applied"},
                             {"nonclinical", "非臨床", "Nonclinical"},
                             {"clinical", "臨床", "Clinical"},
                             {"approved", "承認", "Approved"}}};
  return v;
}

const Vocabulary& Relations() {
  static const Vocabulary v{"rel",
                            {{"funded_by", "助成", "Funded by"},
                             {"cites", "引用", "Cites"},
                             {"author", "著者", "Author"},
                             {"investigator", "研究者", "Investigator"},
                             {"affiliation", "所属", "Affiliation"},
                             {"applicant", "出願人", "Applicant"},
                             {"inventor", "発明者", "Inventor"},
                             {"studies", "対象疾患", "Studies"},
                             {"registered_as", "治験登録", "Registered as"},
                             {"licensed_to", "導出先", "Licensed to"},
                             {"continued_as", "後継課題", "Continued as"},
                             {"published_as", "成果論文", "Published as"},
                             {"outcome_of", "成果元課題", "Outcome of"},
                             {"marketed_by", "製造販売元", "Marketed by"},
                             {"protected_by", "保護特許", "Protected by"},
                             {"part_of", "親組織", "Part of"},
                             {"same_as", "同一", "Same as"},
                             {"subclass_of", "上位概念", "Subclass of"}}};
  return v;
}

const Vocabulary& Visibilities() {
  static const Vocabulary v{"visibility",
                            {{"public", "公開", "Public"},
                             {"internal", "内部", "Internal"},
                             {"restricted", "制限", "Restricted"}}};
  return v;
}

int VisibilityRank(std::string_view visibility) {
  const auto& entries = Visibilities().entries;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (visibility == entries[i].code) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace seedgraph
