#include "indexer/import/trials.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "indexer/import/names.h"
#include "schema/record_json.h"

namespace seedgraph {
namespace {

bool AllDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A code point as UTF-8; "" for one that is not a character.
std::string Utf8(unsigned long cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return "";
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

// The character of one entity body ("amp", "#39", "#x27"); "" if unknown.
std::string EntityText(const std::string& body) {
  static constexpr const char* kNamed[][2] = {{"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", " "}};
  const std::string b = LowerAscii(body);
  for (const auto& n : kNamed) {
    if (b == n[0]) return n[1];
  }
  if (b.size() < 2 || b[0] != '#') return "";
  const bool hex = b[1] == 'x';
  const std::string digits = b.substr(hex ? 2 : 1);
  if (digits.empty() || digits.size() > 6) return "";
  for (char c : digits) {
    if (!(hex ? std::isxdigit(static_cast<unsigned char>(c)) : std::isdigit(static_cast<unsigned char>(c)))) return "";
  }
  return Utf8(std::stoul(digits, nullptr, hex ? 16 : 10));
}

// Sponsor texts that name nobody.
bool IsPlaceholderSponsor(const std::string& name) {
  const std::string n = LowerAscii(name);
  if (IsMissing(n) || n.rfind("no sponsor", 0) == 0 || n.rfind("none ", 0) == 0) return true;
  for (const char* p : {"n.a.", "-", "nil", "unknown", "cancelled", "canceled", "withdrawn", "not provided", "not applicable"}) {
    if (n == p) return true;
  }
  return false;
}

}  // namespace

std::string BreaksToNewlines(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '<' && i + 3 < s.size() && (s[i + 1] == 'b' || s[i + 1] == 'B') && (s[i + 2] == 'r' || s[i + 2] == 'R')) {
      size_t close = s.find('>', i);
      if (close != std::string::npos && close - i <= 5) {
        out += '\n';
        i = close + 1;
        continue;
      }
    }
    out += s[i++];
  }
  return out;
}

std::vector<std::string> SplitList(const std::string& field) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : BreaksToNewlines(field) + "\n") {
    if (c == '\n' || c == ';') {
      AddUnique(&out, CleanText(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

std::vector<std::string> SplitOn(const std::string& field, char sep) {
  std::vector<std::string> out;
  for (size_t i = 0; i <= field.size();) {
    size_t j = std::min(field.find(sep, i), field.size());
    AddUnique(&out, CleanText(field.substr(i, j - i)));
    i = j + 1;
  }
  return out;
}

std::string DecodeEntities(const std::string& s) {
  if (s.find('&') == std::string::npos) return s;
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    size_t semi = s[i] == '&' ? s.find(';', i) : std::string::npos;
    std::string text = semi != std::string::npos && semi - i <= 9 ? EntityText(s.substr(i + 1, semi - i - 1)) : "";
    if (text.empty()) {
      out += s[i];
      continue;
    }
    out += text;
    i = semi;
  }
  return out;
}

bool IsMissing(const std::string& value) {
  const std::string v = LowerAscii(CleanText(value));
  return v.empty() || v == "na" || v == "n/a" || v == "none" || v == "null" || v == "not available" || v == "no results";
}

std::pair<std::string, std::string> RegistryId(const std::string& id) {
  static constexpr const char* kSchemes[][2] = {
      {"JPRN-jRCT", "jrct"}, {"JPRN-UMIN", "umin"}, {"JPRN-JapicCTI", "japic"}, {"JPRN-JMA", "jma"},
      {"NCT", "nct"},        {"ChiCTR", "chictr"},  {"EUCTR", "euctr"},        {"ISRCTN", "isrctn"},
      {"IRCT", "irct"},      {"ACTRN", "anzctr"},   {"NTR", "ntr"},            {"NL", "ntr"},
      {"TCTR", "tctr"},      {"DRKS", "drks"},      {"CTRI", "ctri"},          {"KCT", "cris"},
      {"PACTR", "pactr"},    {"RBR-", "rebec"},     {"RPCEC", "rpcec"},        {"SLCTR", "slctr"},
      {"LBCTR", "lbctr"},    {"PER-", "repec"}};
  for (const auto& s : kSchemes) {
    if (id.rfind(s[0], 0) != 0) continue;
    std::string value = id.rfind("JPRN-", 0) == 0 ? id.substr(5) : id;
    return {s[1], value};
  }
  return {"registry_id", id};
}

bool IsRegistryId(const std::string& id) {
  return id.size() >= 4 && id.size() <= 60 && id.find(' ') == std::string::npos && IsValidUtf8(id);
}

bool StartTrial(const std::string& registry_id, const std::string& column, Record* r, std::string* error) {
  const std::string id = CleanText(registry_id);
  if (id.empty() || id.find(' ') != std::string::npos) {
    *error = column + ": missing or contains spaces ('" + id.substr(0, 40) + "')";
    return false;
  }
  r->id = "trial:" + id;
  r->type = "trial";
  r->stage = "clinical";
  auto [scheme, value] = RegistryId(id);
  r->identifiers[scheme] = value;
  return true;
}

std::string NormalisePhase(const std::string& raw) {
  std::string s = LowerAscii(CleanText(raw));
  if (s == "n/a" || s.find("not applicable") != std::string::npos) return "n/a";
  if (IsMissing(s)) return "";
  if (s.find("human pharmacology") != std::string::npos) {  // EU-CTR: four yes/no lines
    std::string out;
    const char* roman[] = {"(phase i):", "(phase ii):", "(phase iii):", "(phase iv):"};
    for (int i = 0; i < 4; ++i) {
      size_t at = s.find(roman[i]);
      if (at != std::string::npos && s.compare(at + std::strlen(roman[i]), 4, " yes") == 0) {
        out += (out.empty() ? "" : "/") + std::to_string(i + 1);
      }
    }
    return out.empty() ? "n/a" : out;
  }
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 4, "iii") == 0 || s.compare(i, 3, "iv") == 0 || s.compare(i, 2, "ii") == 0) {
      int n = s.compare(i, 3, "iii") == 0 ? 3 : s.compare(i, 2, "iv") == 0 ? 4 : 2;
      if (i > 0 && std::isalpha(static_cast<unsigned char>(s[i - 1]))) continue;
      out += (out.empty() ? "" : "/") + std::to_string(n);
      i += n == 3 ? 2 : 1;
    } else if (s[i] >= '0' && s[i] <= '4') {
      out += (out.empty() ? "" : "/") + std::string(1, s[i]);
    }
  }
  return out.empty() ? CleanText(raw) : out;
}

std::string StageOfPhase(const std::string& phase) { return phase == "4" ? "approved" : "clinical"; }

bool MentionsCovid(const std::string& text) {
  std::string s = LowerAscii(text);
  for (const char* w : {"covid", "coronavirus", "sars-cov-2", "2019-ncov", "ncov", "novel corona"}) {
    if (s.find(w) != std::string::npos) return true;
  }
  return false;
}

std::string DateColumn(const std::string& raw, const std::string& column, std::string* error) {
  if (IsMissing(raw)) return "";
  const std::string d = CleanText(raw);
  if (IsIsoDate(d) && d.size() <= 10) return d;
  *error = column + ": not an ISO 8601 date (YYYY-MM-DD): '" + d.substr(0, 40) + "'";
  return "";
}

Status LoadTrialVocabulary(const std::vector<std::string>& files, RecordSink* sink, DiseaseDictionary* dict,
                           std::vector<std::string>* data) {
  std::vector<std::string> vocab;
  for (const auto& f : files) (DiseaseDictionary::IsVocabularyFile(f) ? vocab : *data).push_back(f);
  return dict->Load(vocab, sink);
}

std::string TrialLinker::Conditions(const std::vector<std::string>& conditions, const std::string& title, Record* r) {
  std::string matches = "[", all = title;
  for (const std::string& cond : conditions) {
    all += " " + cond;
    if (cond.size() <= kMaxKeywordBytes) AddUnique(&r->keywords, cond);
    for (const DiseaseMatch& m : dict_.Find(cond)) {
      AddLink(r, "studies", m.entry->id);
      for (const auto& a : m.entry->areas) AddUnique(&r->disease_areas, a);
      matches += (matches.size() > 1 ? "," : "") +
                 Attrs().Str("condition", cond).Str("disease", m.entry->id).Str("name", m.matched).Str("vocabulary", m.entry->source).Done();
      if (m.entry->source != "MeSH" || !emitted_.FirstTime(m.entry->id)) continue;
      Record d;
      d.id = m.entry->id;
      d.type = "disease";
      d.title.en = m.entry->label;
      d.identifiers["mesh"] = d.id.substr(d.id.rfind(':') + 1);
      d.disease_areas = m.entry->areas;
      d.attrs_json = Attrs().Str("source", "MeSH 2017").Strs("tree_numbers", m.entry->trees).Done();
      sink_->Accept(std::move(d));
    }
  }
  if (MentionsCovid(all)) AddUnique(&r->disease_areas, "infectious");
  return matches.size() > 1 ? matches + "]" : "";
}

TrialLinker::Sponsored TrialLinker::Sponsor(const std::string& name, PartyKind kind, Record* r) {
  const std::string n = CleanText(name);
  if (IsPlaceholderSponsor(n)) return Sponsored::kNobody;
  if (kind == PartyKind::kPerson || (kind != PartyKind::kCompany && LooksLikePerson(n))) return Sponsored::kPerson;
  const bool company = kind == PartyKind::kCompany || (kind == PartyKind::kByName && HasCompanyMark(n));
  const std::string id = company ? CompanyId(n) : OrganizationId(n);
  if (id.empty()) return Sponsored::kNobody;
  AddLink(r, "applicant", id);
  if (!emitted_.FirstTime(id)) return Sponsored::kLinked;
  Record p;
  p.id = id;
  p.type = company ? "company" : "organization";
  (HasJapanese(n) ? p.title.ja : p.title.en) = n;
  p.attrs_json = Attrs().Str("source", source_).Str("type_from", kind == PartyKind::kByName ? "name" : "sponsor_class").Done();
  sink_->Accept(std::move(p));
  return Sponsored::kLinked;
}

void AddInterventionKeywords(const std::vector<std::string>& names, Record* r) {
  constexpr size_t kMaxInterventionKeywords = 10;
  size_t added = 0;
  for (const std::string& n : names) {
    const std::string lower = LowerAscii(n);
    if (added == kMaxInterventionKeywords) return;
    if (n.size() > kMaxKeywordBytes || lower == "placebo" || lower == "no intervention") continue;
    AddUnique(&r->keywords, n);
    ++added;
  }
}

bool AddCitation(const std::string& pmid, const std::string& doi, Record* r) {
  const std::string p = CleanText(pmid);
  if (AllDigits(p) && p.size() <= 9 && p.find_first_not_of('0') != std::string::npos) {
    AddLink(r, "cites", "paper:pmid:" + p.substr(p.find_first_not_of('0')));
    return true;
  }
  const std::string d = IsMissing(doi) ? "" : NormaliseDoi(doi);
  if (d.empty()) return false;
  AddLink(r, "cites", "paper:doi:" + d);
  return true;
}

}  // namespace seedgraph
