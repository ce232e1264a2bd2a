#include "indexer/import/entities.h"

#include <algorithm>
#include <cctype>

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "indexer/import/names.h"

namespace seedgraph {
namespace {

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "JP16ek0109114", "16EK0109114h0001" -> "JP16ek0109114"; "" if not AMED-shaped.
std::string AmedNumber(const std::string& compact) {
  std::string s = compact;
  if (s.size() >= 2 && std::toupper(static_cast<unsigned char>(s[0])) == 'J' &&
      std::toupper(static_cast<unsigned char>(s[1])) == 'P') {
    s = s.substr(2);
  }
  if (s.size() < 11 || !IsDigits(s.substr(0, 2)) || !std::isalpha(static_cast<unsigned char>(s[2])) ||
      !std::isalpha(static_cast<unsigned char>(s[3])) || !IsDigits(s.substr(4, 7))) {
    return "";
  }
  std::string rest = s.substr(11);
  bool fiscal_suffix = rest.size() == 5 && (rest[0] == 'h' || rest[0] == 'H') && IsDigits(rest.substr(1));
  if (!rest.empty() && !fiscal_suffix) return "";
  return "JP" + s.substr(0, 2) + LowerAscii(s.substr(2, 2)) + s.substr(4, 7);
}

bool AgencyIs(const std::string& agency_lower, std::initializer_list<const char*> words) {
  return std::any_of(words.begin(), words.end(),
                     [&](const char* w) { return agency_lower.find(w) != std::string::npos; });
}

}  // namespace

std::string NormaliseDoi(std::string_view raw) {
  std::string s = LowerAscii(CleanText(raw));
  size_t at = s.find("10.");
  if (at == std::string::npos) return "";
  std::string prefix = s.substr(0, at);
  // Accept only a bare DOI or one behind a resolver / "doi:" label: a DOI-like
  // string inside a publisher URL path is not known to be the DOI.
  bool resolver = prefix.empty() || prefix == "doi:" || prefix == "doi: " || prefix.find("doi.org/") != std::string::npos;
  if (!resolver) return "";
  std::string doi = s.substr(at);
  size_t slash = doi.find('/');
  if (slash == std::string::npos || slash + 1 == doi.size()) return "";
  while (!doi.empty() && (doi.back() == '.' || doi.back() == ' ')) doi.pop_back();
  if (doi.find(' ') != std::string::npos) return "";
  return doi;
}

GrantRef NormaliseGrant(std::string_view grant_id, std::string_view agency) {
  GrantRef g;
  std::string id = CleanText(grant_id);
  std::string compact;
  for (char c : id) if (c != ' ' && c != '-') compact += c;
  std::string agency_lower = LowerAscii(std::string(agency));
  std::string amed = AmedNumber(compact);
  bool amed_agency = AgencyIs(agency_lower, {"amed", "japan agency for medical research", "日本医療研究開発機構"});
  if (!amed.empty()) return {"topic:amed:" + amed, amed, "amed"};
  bool kaken = AgencyIs(agency_lower, {"kakenhi", "jsps", "科学研究費助成", "japan society for the promotion"});
  if (kaken) {
    std::string n = compact;
    if (n.size() > 2 && (n[0] == 'J' || n[0] == 'j') && (n[1] == 'P' || n[1] == 'p')) n = n.substr(2);
    for (char& c : n) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (!n.empty() && n.size() <= 32) return {"topic:kaken:" + n, n, "kaken"};
  }
  // A grant id made of words ("none", "Intramural NIH HHS") carries no
  // number; the normalised key keeps letters, digits and '-' only.
  std::string key;
  for (const std::string& part : {NormaliseName(id)}) {
    for (char c : part) {
      bool word = std::isalnum(static_cast<unsigned char>(c)) || (static_cast<unsigned char>(c) >= 0x80);
      if (word) key += c;
      else if (!key.empty() && key.back() != '-') key += '-';
    }
  }
  while (!key.empty() && key.back() == '-') key.pop_back();
  if (key.empty() || std::none_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; })) return g;
  if (key.size() > 100) key.resize(100);
  // NIH: "R01 DC008549-01A1" is year 1 (amended) of project R01 DC008549;
  // the project is the grant.
  if (agency_lower.find("nih") != std::string::npos) {
    size_t dash = key.find('-', 4);
    if (key.size() > 11 && key[3] == '-' && dash != std::string::npos && dash >= 10) key.resize(dash);
  }
  return {(amed_agency ? "topic:amed:" : "topic:grant:") + key, key, amed_agency ? "amed" : "grant"};
}

std::string GrantFiscalYear(const GrantRef& grant) {
  const std::string& n = grant.number;
  if (grant.scheme == "amed" && n.size() >= 4 && IsDigits(n.substr(2, 2))) return "20" + n.substr(2, 2);
  // MHLW 厚生労働科学研究費 numbers of the Heisei years: H22-難治-一般-058.
  if (grant.scheme == "grant" && n.size() > 4 && (n[0] == 'h' || n[0] == 'H') && IsDigits(n.substr(1, 2)) && n[3] == '-') {
    return std::to_string(1988 + std::stoi(n.substr(1, 2)));
  }
  if (grant.scheme != "kaken" || n.size() < 3 || !IsDigits(n.substr(0, 2))) return "";
  if (n.size() == 8 && IsDigits(n)) return std::to_string(1988 + std::stoi(n.substr(0, 2)));
  return std::isalpha(static_cast<unsigned char>(n[2])) ? "20" + n.substr(0, 2) : "";
}

bool EmittedSet::FirstTime(const std::string& id) {
  if (seen_.size() >= capacity_) seen_.clear();
  return seen_.insert(id).second;
}

Attrs& Attrs::Str(const char* key, const std::string& value) {
  if (value.empty()) return *this;
  writer_.Key(key);
  writer_.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
  return *this;
}

Attrs& Attrs::Strs(const char* key, const std::vector<std::string>& values) {
  if (values.empty()) return *this;
  writer_.Key(key);
  writer_.StartArray();
  for (const auto& v : values) writer_.String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
  writer_.EndArray();
  return *this;
}

Attrs& Attrs::Int(const char* key, long long value) {
  writer_.Key(key);
  writer_.Int64(value);
  return *this;
}

Attrs& Attrs::Bool(const char* key, bool value) {
  writer_.Key(key);
  writer_.Bool(value);
  return *this;
}

Attrs& Attrs::Double(const char* key, double value) {
  writer_.Key(key);
  writer_.Double(value);
  return *this;
}

Attrs& Attrs::RawList(const char* key, const std::vector<std::string>& json_values) {
  if (json_values.empty()) return *this;
  writer_.Key(key);
  writer_.StartArray();
  for (const auto& v : json_values) writer_.RawValue(v.c_str(), v.size(), rapidjson::kObjectType);
  writer_.EndArray();
  return *this;
}

Attrs& Attrs::Raw(const char* key, const std::string& json) {
  if (json.empty()) return *this;
  writer_.Key(key);
  writer_.RawValue(json.c_str(), json.size(), rapidjson::kObjectType);
  return *this;
}

std::string Attrs::Done() {
  writer_.EndObject();
  return buffer_.GetString();
}

Record PersonRecord(const std::string& id, const std::string& name_en, const std::string& name_ja,
                    const std::vector<std::string>& org_ids, const std::string& source) {
  Record r;
  r.id = id;
  r.type = "person";
  r.title.en = name_en;
  r.title.ja = name_ja;
  for (const auto& o : org_ids) AddLink(&r, "affiliation", o);
  r.attrs_json = Attrs().Str("source", source).Str("name_key", id.substr(id.find(':', 7) + 1)).Done();
  return r;
}

Record OrganizationRecord(const std::string& id, const std::string& name_en, const std::string& name_ja,
                          const std::string& source) {
  Record r;
  r.id = id;
  r.type = "organization";
  r.title.en = name_en;
  r.title.ja = name_ja;
  r.attrs_json = Attrs().Str("source", source).Done();
  return r;
}

Record NamedPartyRecord(const std::string& id, const std::vector<std::string>& names, const std::string& source,
                        const std::string& type_from) {
  Record r;
  r.id = id;
  r.type = id.substr(0, id.find(':'));
  if (!names.empty()) (HasJapanese(names.front()) ? r.title.ja : r.title.en) = names.front();
  r.attrs_json = Attrs().Str("source", source).Strs("names", names).Str("type_from", type_from).Done();
  return r;
}

std::string CleanText(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::UnicodeString out;
  bool space = false;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    UChar32 c = u.char32At(i);
    if (u_isUWhiteSpace(c) || c == 0xFEFF) {
      space = !out.isEmpty();
      continue;
    }
    if (space) out.append(static_cast<UChar32>(' '));
    space = false;
    out.append(c);
  }
  std::string r;
  out.toUTF8String(r);
  return r;
}

std::string TrimText(std::string_view s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  int32_t begin = 0, end = u.length();
  auto blank = [&u](int32_t at) { return u_isUWhiteSpace(u.char32At(at)) || u.char32At(at) == 0xFEFF; };
  while (begin < end && blank(begin)) begin = u.moveIndex32(begin, 1);
  while (end > begin && blank(u.moveIndex32(end, -1))) end = u.moveIndex32(end, -1);
  std::string r;
  u.tempSubStringBetween(begin, end).toUTF8String(r);
  return r;
}

bool HasJapanese(std::string_view s) {
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    unsigned char c = s[i];
    if ((c & 0xF0) != 0xE0) continue;  // every kana and common kanji is 3 bytes
    unsigned cp = ((c & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
    if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x9FFF)) return true;
  }
  return false;
}

std::string BaseName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

void AddUnique(std::vector<std::string>* list, const std::string& value) {
  if (!value.empty() && std::find(list->begin(), list->end(), value) == list->end()) list->push_back(value);
}

void AddLink(Record* r, const std::string& rel, const std::string& to, const std::string& date) {
  if (to.empty()) return;
  for (const auto& l : r->links) {
    if (l.rel == rel && l.to == to) return;
  }
  r->links.push_back(Link{rel, to, date});
}

}  // namespace seedgraph
