#include "bench/vocab.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace seedgraph::bench {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Str(const rapidjson::Value& v, const char* key) {
  auto it = v.FindMember(key);
  return it != v.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

// Description sentences of 20..160 code points, split after 。
void AddSentences(const std::string& text, std::vector<std::string>* out) {
  static const std::string kStop = "。";
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(kStop, start);
    if (end == std::string::npos) break;
    std::string s = text.substr(start, end + kStop.size() - start);
    start = end + kStop.size();
    while (!s.empty() && (s[0] == ' ' || s[0] == '\n' || s[0] == '\r')) s.erase(0, 1);
    if (s.find('\n') != std::string::npos) continue;
    const size_t n = CodePoints(s);
    if (n >= 20 && n <= 160) out->push_back(std::move(s));
  }
}

void LoadNando(const std::string& path, bool pediatric, Vocab* v) {
  const std::string json = ReadFile(path);
  rapidjson::Document doc;
  doc.Parse(json.c_str(), json.size());
  if (!doc.IsArray()) throw std::runtime_error(path + ": not a JSON array");
  size_t count = 0;
  for (const auto& e : doc.GetArray()) {
    if (!e.IsObject()) continue;
    if (e.HasMember("obsolete") && e["obsolete"].IsBool() && e["obsolete"].GetBool()) continue;
    Disease d;
    d.name_ja = Str(e, "name_ja");
    d.name_en = Str(e, "name_en");
    d.description = Str(e, "description");
    d.pediatric = pediatric;
    if (d.name_ja.empty() || d.name_en.empty()) continue;
    // NANDO-style ids: the JSON's own ids ("3-1") are not NANDO numbers.
    const std::string n = std::to_string(++count);
    d.nando_id = std::string(pediatric ? "22" : "12") + std::string(5 - std::min<size_t>(5, n.size()), '0') + n;
    AddSentences(d.description, &v->sentences);
    v->diseases.push_back(std::move(d));
  }
}

// KAKEN-ATLAS shard: [[award, n, title, "kw、kw、..."], ...]
void LoadKaken(const std::string& path, Vocab* v) {
  const std::string json = ReadFile(path);
  rapidjson::Document doc;
  doc.Parse(json.c_str(), json.size());
  if (!doc.IsArray()) throw std::runtime_error(path + ": not a JSON array");
  std::set<std::string> seen;
  for (const auto& e : doc.GetArray()) {
    if (!e.IsArray() || e.Size() < 4 || !e[2].IsString() || !e[3].IsString()) continue;
    v->kaken_titles.push_back(e[2].GetString());
    const std::string kws = e[3].GetString();
    static const std::string kSep = "、";
    size_t start = 0;
    while (start <= kws.size()) {
      size_t end = kws.find(kSep, start);
      if (end == std::string::npos) end = kws.size();
      std::string k = kws.substr(start, end - start);
      if (!k.empty() && k.size() <= 60 && seen.insert(k).second) v->kaken_keywords.push_back(k);
      start = end + kSep.size();
    }
  }
}

// One CSV line with "quoted, fields".
std::vector<std::string> SplitCsv(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') { out.back() += '"'; ++i; }
      else if (c == '"') quoted = false;
      else out.back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

void LoadEdinet(const std::string& path, Vocab* v) {
  std::istringstream in(ReadFile(path));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    const auto f = SplitCsv(line);
    if (f.size() < 13 || f[6].empty()) continue;
    v->companies.push_back({f[6], f[7], f[12], f[10]});
  }
}

void LoadMesh(const std::string& path, Vocab* v) {
  std::istringstream in(ReadFile(path));
  std::string line;
  std::set<std::string> terms, words;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const size_t tab = line.rfind('\t');
    if (tab == std::string::npos) continue;
    const std::string term = line.substr(tab + 1);
    if (term.empty() || term.size() > 60) continue;
    terms.insert(term);
    std::string w;
    for (char c : term + " ") {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        w += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        continue;
      }
      if (w.size() >= 4) words.insert(w);
      w.clear();
    }
  }
  v->mesh_terms.assign(terms.begin(), terms.end());
  v->mesh_words.assign(words.begin(), words.end());
}

}  // namespace

size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::vector<std::string> SplitCodePoints(const std::string& s) {
  std::vector<std::string> out;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80 || out.empty()) out.emplace_back();
    out.back() += static_cast<char>(c);
  }
  return out;
}

// Han, Hiragana, Katakana (and the prolonged sound mark): the characters the
// analyzer turns into bigrams.
bool IsCjk(const std::string& cp) {
  if (cp.size() != 3) return false;
  const auto b0 = static_cast<unsigned char>(cp[0]), b1 = static_cast<unsigned char>(cp[1]);
  const unsigned u = ((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (static_cast<unsigned char>(cp[2]) & 0x3F);
  return (u >= 0x3041 && u <= 0x30FF) || (u >= 0x4E00 && u <= 0x9FFF) || (u >= 0x3400 && u <= 0x4DBF);
}

Vocab LoadVocab(const std::string& dir) {
  Vocab v;
  LoadNando(dir + "/nando-nanbyo-disease-ontology/nanbyo.json", false, &v);
  LoadNando(dir + "/nando-nanbyo-disease-ontology/shoman.json", true, &v);
  LoadKaken(dir + "/kaken-grants-sample/kaken_atlas_globe_shard000_first16000chars.json", &v);
  LoadEdinet(dir + "/edinet-healthcare-companies/edinetcode_pharma_devices_chem_elec.csv", &v);
  LoadMesh(dir + "/mesh-2017-tree/2017MeshTree.txt", &v);
  if (v.diseases.empty() || v.sentences.empty() || v.kaken_keywords.empty() || v.companies.empty() ||
      v.mesh_terms.empty()) {
    throw std::runtime_error("vocabularies in " + dir + " are incomplete");
  }
  return v;
}

}  // namespace seedgraph::bench
