#include "indexer/import/disease_dict.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <set>

#include "indexer/import/entities.h"
#include "indexer/import/names.h"

namespace seedgraph {
namespace {

constexpr size_t kMinNameBytes = 4;

// Latin text -> space-joined words, lower-case, accents off, plural -s off.
std::vector<std::string> Words(const std::string& text) {
  std::string s = NormaliseName(text);
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (cur.size() > 3 && cur.back() == 's' && cur[cur.size() - 2] != 's' && cur[cur.size() - 2] != 'u' &&
        cur[cur.size() - 2] != 'i') {
      cur.pop_back();
    }
    if (!cur.empty()) out.push_back(cur);
    cur.clear();
  };
  for (unsigned char c : s) {
    if (std::isalnum(c) || c >= 0x80) cur += static_cast<char>(c);
    else flush();
  }
  flush();
  return out;
}

std::string Join(const std::vector<std::string>& w, size_t from, size_t n) {
  std::string s;
  for (size_t i = from; i < from + n; ++i) s += (i > from ? " " : "") + w[i];
  return s;
}

std::string CjkKey(const std::string& text) {
  std::string s = NormaliseName(text), out;
  for (char c : s) if (c != ' ') out += c;
  return out;
}

// MeSH 2017 tree prefixes -> CONTRACT disease areas (C01-C03 were the
// infection branches before the 2018 reorganisation).
std::vector<std::string> MeshAreas(const std::vector<std::string>& trees) {
  std::vector<std::string> areas;
  for (const auto& t : trees) {
    if (t.rfind("C01", 0) == 0 || t.rfind("C02", 0) == 0 || t.rfind("C03", 0) == 0) AddUnique(&areas, "infectious");
    if (t.rfind("C04", 0) == 0) AddUnique(&areas, "cancer");
    if (t.rfind("C10", 0) == 0 || t.rfind("F03", 0) == 0) AddUnique(&areas, "neuro_psych");
    if (t.rfind("C07.465", 0) == 0 || t.rfind("C07.793", 0) == 0) AddUnique(&areas, "dental_oral");
  }
  return areas;
}

// Collects NANDO's disease records as ImportNando makes them.
class NandoCollector : public RecordSink {
 public:
  explicit NandoCollector(RecordSink* errors) : errors_(errors) {}
  void Accept(Record r) override { records.push_back(std::move(r)); }
  void Reject(const std::string& where, const std::string& message) override { errors_->Reject(where, message); }
  std::vector<Record> records;

 private:
  RecordSink* errors_;
};

}  // namespace

bool DiseaseDictionary::IsVocabularyFile(const std::string& path) {
  std::string b = BaseName(path);
  return b == "nando.ttl" || b == "nanbyo.json" || b == "shoman.json" || b.find("MeshTree") != std::string::npos;
}

void DiseaseDictionary::AddName(const std::string& name, size_t entry) {
  if (name.size() < kMinNameBytes) return;
  if (HasJapanese(name)) {
    std::string key = CjkKey(name);
    if (key.size() >= 6) cjk_.emplace_back(key, entry);  // two Han/kana characters at least
    return;
  }
  std::vector<std::string> w = Words(name);
  if (w.empty()) return;
  std::string key = Join(w, 0, w.size());
  if (key.size() < kMinNameBytes) return;
  // Category words name a class of diseases (NANDO's group headings, MeSH's
  // "Disease"), not a disease a condition field means when it says them.
  static constexpr const char* kGeneric[] = {"disease", "syndrome", "disorder", "infection", "condition", "illness",
                                             "injury", "lesion", "symptom", "abnormality", "deficiency", "tumor",
                                             "neoplasm", "cancer", "death"};
  if (w.size() == 1 && std::any_of(std::begin(kGeneric), std::end(kGeneric), [&](const char* g) { return key == g; })) return;
  latin_.emplace(key, entry);  // the first source to name it keeps it
  max_words_ = std::max(max_words_, w.size());
}

Status DiseaseDictionary::LoadMesh(const std::string& file, RecordSink* sink) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::IOError(file + ": cannot open");
  std::string line;
  int n = 0;
  std::vector<std::pair<std::string, size_t>> names;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (n == 1) continue;  // header (after a BOM)
    size_t t1 = line.find('\t'), t2 = t1 == std::string::npos ? t1 : line.find('\t', t1 + 1);
    if (t2 == std::string::npos) {
      sink->Reject(file + ":" + std::to_string(n), "mesh: expected Tree Number, Desc Ui, Term separated by tabs");
      continue;
    }
    std::string tree = line.substr(0, t1), ui = line.substr(t1 + 1, t2 - t1 - 1), term = line.substr(t2 + 1);
    if (tree.empty() || !(tree[0] == 'C' || tree.rfind("F03", 0) == 0)) continue;
    auto [it, fresh] = mesh_ui_.emplace(ui, entries_.size());
    if (fresh) entries_.push_back(DiseaseEntry{"disease:mesh:" + ui, term, "MeSH", {}, {}});
    entries_[it->second].trees.push_back(tree);
    if (fresh) names.emplace_back(term, it->second);
  }
  if (in.bad()) return Status::IOError(file + ": read error");
  for (auto& [term, i] : names) {
    entries_[i].areas = MeshAreas(entries_[i].trees);
    AddName(term, i);
    size_t comma = term.find(", ");
    if (comma != std::string::npos && term.find(", ", comma + 1) == std::string::npos) {
      AddName(term.substr(comma + 2) + " " + term.substr(0, comma), i);  // "Pneumonia, Viral"
    }
  }
  return Status::Ok();
}

Status DiseaseDictionary::Load(const std::vector<std::string>& files, RecordSink* sink) {
  std::vector<std::string> nando, mesh;
  for (const auto& f : files) {
    (BaseName(f).find("MeshTree") != std::string::npos ? mesh : nando).push_back(f);
  }
  if (!nando.empty()) {
    NandoCollector collector(sink);
    Status st = ImportNando(nando, &collector);
    if (!st.ok()) return st;
    for (Record& r : collector.records) {
      size_t i = entries_.size();
      entries_.push_back(DiseaseEntry{r.id, r.title.en.empty() ? r.title.ja : r.title.en, "NANDO", r.disease_areas, {}});
      AddName(r.title.en, i);
      AddName(r.title.ja, i);
      for (const auto& k : r.keywords) AddName(k, i);
    }
  }
  for (const auto& f : mesh) {
    Status st = LoadMesh(f, sink);
    if (!st.ok()) return st;
  }
  // Longest Han/kana names first, so a longer name claims its text first.
  std::stable_sort(cjk_.begin(), cjk_.end(), [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  return Status::Ok();
}

std::vector<DiseaseMatch> DiseaseDictionary::Find(const std::string& text) const {
  std::vector<DiseaseMatch> out;
  std::set<size_t> seen;
  std::vector<std::string> w = Words(text);
  for (size_t i = 0; i < w.size();) {
    size_t step = 1;
    for (size_t n = std::min(max_words_, w.size() - i); n >= 1; --n) {
      auto it = latin_.find(Join(w, i, n));
      if (it == latin_.end()) continue;
      if (seen.insert(it->second).second) out.push_back({&entries_[it->second], it->first});
      step = n;
      break;
    }
    i += step;
  }
  if (HasJapanese(text)) {
    std::string key = CjkKey(text);
    std::vector<std::string> claimed;
    for (const auto& [entry_name, i] : cjk_) {
      // A plain reference: clang before 16 cannot capture a structured binding
      // in the lambda below (a C++20 feature gcc already accepts).
      const std::string& name = entry_name;
      if (key.find(name) == std::string::npos) continue;
      bool inside = std::any_of(claimed.begin(), claimed.end(), [&](const std::string& c) { return c.find(name) != std::string::npos; });
      if (inside) continue;
      claimed.push_back(name);
      if (seen.insert(i).second) out.push_back({&entries_[i], name});
    }
  }
  return out;
}

}  // namespace seedgraph
