// Internal to bench_gen: the tables and the record builder shared by
// corpus_writer.cpp (plan, ids, text) and corpus_records.cpp (one function
// per record type).
#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "bench/corpus_writer.h"

namespace seedgraph::bench {
namespace corpus {

enum TypeIndex { kDisease, kOrg, kCompany, kPerson, kTopic, kTrial, kDataset, kPatent, kPaper };

inline const std::vector<std::string> kProjects = {"pharma",          "device",      "regen_gene",    "infection",
                                            "data_lifecourse", "seeds_basic", "translational", "ecosystem"};
inline const std::vector<std::string> kAreas = {"cancer",   "intractable",        "lifestyle",      "neuro_psych",
                                         "geriatric_dementia", "child_maternal", "dental_oral", "infectious"};

struct Modality {
  const char* code;
  const char* ja;
  const char* en;
  int weight;
};
inline const std::vector<Modality> kModalities = {
    {"small_molecule", "低分子化合物", "small-molecule compounds", 25},
    {"biologic", "抗体医薬", "therapeutic antibodies", 20},
    {"nucleic_acid", "核酸医薬", "antisense oligonucleotides", 8},
    {"cell_therapy", "細胞治療", "cell therapy", 8},
    {"gene_therapy", "遺伝子治療", "AAV gene therapy", 6},
    {"regenerative", "オルガノイドを用いた再生医療", "organoid-based regenerative medicine", 6},
    {"vaccine", "ワクチン", "vaccines", 5},
    {"device", "医療機器", "medical devices", 10},
    {"diagnostic", "診断薬", "companion diagnostics", 8},
    {"digital", "AI診断支援ソフトウェア", "AI diagnostic software", 4},
};

inline const Modality& ModalityByCode(const std::string& code) {
  for (const auto& m : kModalities) {
    if (code == m.code) return m;
  }
  return kModalities.front();
}

inline size_t WeightedModality(Rng& rng) {
  int total = 0;
  for (const auto& m : kModalities) total += m.weight;
  int r = static_cast<int>(rng.Below(static_cast<size_t>(total)));
  for (size_t i = 0; i < kModalities.size(); ++i) {
    if ((r -= kModalities[i].weight) < 0) return i;
  }
  return 0;
}

// A few common family and given names with their romanisations (people are
// synthetic; everything else is drawn from ../shared/data).
inline const std::vector<std::pair<const char*, const char*>> kFamily = {
    {"佐藤", "Sato"},     {"鈴木", "Suzuki"},  {"高橋", "Takahashi"}, {"田中", "Tanaka"}, {"伊藤", "Ito"},
    {"渡辺", "Watanabe"}, {"山本", "Yamamoto"}, {"中村", "Nakamura"},  {"小林", "Kobayashi"}, {"加藤", "Kato"},
    {"吉田", "Yoshida"},  {"山田", "Yamada"},  {"佐々木", "Sasaki"},  {"山口", "Yamaguchi"}, {"松本", "Matsumoto"},
    {"井上", "Inoue"},    {"木村", "Kimura"},  {"林", "Hayashi"},     {"清水", "Shimizu"},   {"森", "Mori"}};
inline const std::vector<std::pair<const char*, const char*>> kGiven = {
    {"健一", "Kenichi"}, {"美咲", "Misaki"}, {"大輔", "Daisuke"}, {"陽子", "Yoko"},   {"翔太", "Shota"},
    {"由美", "Yumi"},    {"誠", "Makoto"},   {"恵子", "Keiko"},   {"拓也", "Takuya"}, {"直子", "Naoko"},
    {"隆", "Takashi"},   {"彩", "Aya"},      {"浩二", "Koji"},    {"真由美", "Mayumi"}, {"亮", "Ryo"}};
inline const std::vector<std::pair<const char*, const char*>> kInstitutions = {
    {"東京大学", "The University of Tokyo"},       {"京都大学", "Kyoto University"},
    {"大阪大学", "Osaka University"},              {"東北大学", "Tohoku University"},
    {"九州大学", "Kyushu University"},             {"北海道大学", "Hokkaido University"},
    {"名古屋大学", "Nagoya University"},           {"慶應義塾大学", "Keio University"},
    {"国立がん研究センター", "National Cancer Center"},
    {"国立成育医療研究センター", "National Center for Child Health and Development"},
    {"国立精神・神経医療研究センター", "National Center of Neurology and Psychiatry"},
    {"理化学研究所", "RIKEN"}};
inline const std::vector<std::pair<const char*, const char*>> kDepartments = {
    {"医学部附属病院", "University Hospital"}, {"大学院医学系研究科", "Graduate School of Medicine"},
    {"薬学研究科", "Graduate School of Pharmaceutical Sciences"}, {"医科学研究所", "Institute of Medical Science"},
    {"臨床研究中核病院", "Core Clinical Research Hospital"}};
inline const std::vector<std::pair<const char*, const char*>> kAssays = {
    {"全ゲノムシーケンス", "whole-genome sequencing"}, {"全エクソーム解析", "whole-exome sequencing"},
    {"RNA-seq", "RNA-seq"}, {"メタボローム解析", "metabolomics"}, {"臨床情報", "clinical"}};

inline const char* const kEnTemplates[] = {
    "We investigated the role of %s in %s. ",
    "%s was associated with %s in a cohort of patients. ",
    "These findings suggest that %s may be a therapeutic target in %s. ",
    "Samples were analysed for %s and %s. ",
    "Changes in %s correlated with the severity of %s. ",
};

inline std::string Format(const char* fmt, const std::string& a, const std::string& b) {
  char buf[512];
  std::snprintf(buf, sizeof buf, fmt, a.c_str(), b.c_str());
  return buf;
}

inline std::string Padded(size_t v, int width) {
  std::string s = std::to_string(v);
  return s.size() >= static_cast<size_t>(width) ? s : std::string(width - s.size(), '0') + s;
}

}  // namespace corpus

// A record under construction: the contract's fields in a fixed order.
struct CorpusWriter::Rec {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w{buf};
  std::vector<std::pair<std::string, std::string>> links;  // rel, to
  std::vector<std::string> link_dates;

  Rec(const std::string& id, const char* type) {
    w.StartObject();
    Str("id", id);
    Str("type", type);
  }
  void Str(const char* key, const std::string& value) {
    if (value.empty()) return;
    w.Key(key);
    w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
  }
  void Lang(const char* key, const std::string& ja, const std::string& en) {
    if (ja.empty() && en.empty()) return;
    w.Key(key);
    w.StartObject();
    Str("ja", ja);
    Str("en", en);
    w.EndObject();
  }
  void List(const char* key, const std::vector<std::string>& values) {
    if (values.empty()) return;
    w.Key(key);
    w.StartArray();
    for (const auto& v : values) w.String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
    w.EndArray();
  }
  void Ids(const std::vector<std::pair<std::string, std::string>>& ids) {
    w.Key("identifiers");
    w.StartObject();
    for (const auto& [k, v] : ids) Str(k.c_str(), v);
    w.EndObject();
  }
  void Link(const std::string& rel, const std::string& to, const std::string& date = "") {
    links.emplace_back(rel, to);
    link_dates.push_back(date);
  }
  std::string Finish(const std::string& visibility = "public") {
    if (!links.empty()) {
      w.Key("links");
      w.StartArray();
      for (size_t i = 0; i < links.size(); ++i) {
        w.StartObject();
        Str("rel", links[i].first);
        Str("to", links[i].second);
        Str("date", link_dates[i]);
        w.EndObject();
      }
      w.EndArray();
    }
    if (visibility != "public") Str("visibility", visibility);
    w.EndObject();
    return std::string(buf.GetString(), buf.GetSize()) + "\n";
  }
};

}  // namespace seedgraph::bench
