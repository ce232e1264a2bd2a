// The agency's own outcome records (a CSV it keeps) -> `outcome` records.
//
// Columns (header row, UTF-8; English names accepted too):
//   課題番号 (grant)   an AMED (JP16ek0109114) or KAKEN (19K23913) number
//   種別 (kind)        導出 | 治験 | 継続 | 論文
//   相手先 (partner)   導出: the company (a name, or its 13-digit 法人番号);
//                      治験: the registry id (jRCT2031190001, NCT04319445);
//                      継続: the next grant number; 論文: a DOI or PMID
//   日付 (date)        YYYY-MM-DD (Excel's YYYY/M/D too)
//   公開 (visibility)  optional: public | internal (default internal)
//   備考 (note)        optional, the outcome's text
//   top1pct           optional, 論文 only: 1 when the paper is among the
//                     top 1% cited
//
// Why a record of its own and not links on the topic: ingesting an id
// replaces the record, so links added to topic:kaken:19K23913 would be
// wiped by the next KAKEN import (and the KAKEN import by them); a link has
// no visibility of its own, so an internal handover on a public topic would
// show to everyone.  One `outcome` record per row has neither problem: it
// carries the row's visibility, survives any re-import of the topic, and
// importing the CSV again replaces each row's record (the id is made of
// topic, relation and partner, so a corrected date updates it).  It links
// `outcome_of` to the topic and, with the row's relation, to the partner:
//   導出 licensed_to company:name:<key> (names.h) or company:corp:<法人番号>
//   治験 registered_as trial:<registry id as the ictrp importer writes it>
//   継続 continued_as topic:amed:… / topic:kaken:…
//   論文 published_as paper:pmid:<PMID> / paper:doi:<doi>, attrs.top1pct
// query/outcomes.h reads them back as the topic's outcomes: indicators,
// company matching and pairing count them for the topic.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "indexer/import/csv.h"
#include "indexer/import/entities.h"
#include "indexer/import/importer.h"
#include "indexer/import/names.h"
#include "schema/record_json.h"

namespace seedgraph {
namespace {

enum Col { kGrant, kKind, kPartner, kDate, kVisibility, kNote, kTop1, kColCount };
const char* const kColNames[kColCount][2] = {{"課題番号", "grant"},     {"種別", "kind"},     {"相手先", "partner"},
                                             {"日付", "date"},          {"公開", "visibility"}, {"備考", "note"},
                                             {"top1pct", "top1pct"}};
constexpr int kRequiredCols = 4;  // grant, kind, partner, date

struct Kind {
  const char* ja;
  const char* en;   // also accepted in the CSV
  const char* rel;  // the link to the partner
  const char* title_en;
};
const Kind kKinds[] = {{"導出", "license", "licensed_to", "Licensed"},
                       {"治験", "trial", "registered_as", "Trial"},
                       {"継続", "continuation", "continued_as", "Continued"},
                       {"論文", "paper", "published_as", "Paper"}};

const Kind* FindKind(const std::string& s) {
  for (const Kind& k : kKinds) {
    if (s == k.ja || s == k.en || s == k.rel) return &k;
  }
  return nullptr;
}

bool AllDigits(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

// KAKEN award numbers: 8 digits (to FY2017, the first two the Heisei year)
// or two digits of the year, one or two letters and 4-6 digits (19K23913,
// 19KK0123, 24KJ0837).
bool KakenShaped(const std::string& n) {
  if (n.size() == 8 && AllDigits(n)) return true;
  size_t letters = 0;
  while (2 + letters < n.size() && std::isupper(static_cast<unsigned char>(n[2 + letters]))) ++letters;
  const std::string tail = n.size() > 2 + letters ? n.substr(2 + letters) : "";
  return n.size() >= 7 && AllDigits(n.substr(0, 2)) && (letters == 1 || letters == 2) && tail.size() >= 4 &&
         tail.size() <= 6 && AllDigits(tail);
}

// An AMED or KAKEN grant number as its topic; empty topic_id otherwise.
GrantRef GrantOf(const std::string& text) {
  GrantRef amed = NormaliseGrant(text, "");
  if (amed.scheme == "amed") return amed;
  std::string n;
  for (char c : text) if (c != ' ' && c != '-') n += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (n.size() > 2 && n.compare(0, 2, "JP") == 0) n = n.substr(2);
  return KakenShaped(n) ? NormaliseGrant(n, "KAKENHI") : GrantRef{};
}

// A registry id as the ictrp importer makes trial ids: Japanese registries
// under "JPRN-" (jRCT2031190001 -> trial:JPRN-jRCT2031190001).
std::string TrialTarget(const std::string& id) {
  if (id.empty() || id.find_first_of(" \t/") != std::string::npos) return "";
  if (!std::isalpha(static_cast<unsigned char>(id[0]))) return "";
  static const char* const kJapanese[] = {"jRCT", "UMIN", "JapicCTI", "JMA"};
  for (const char* prefix : kJapanese) {
    const std::string p = prefix;
    bool same = id.size() > p.size();
    for (size_t i = 0; same && i < p.size(); ++i) same = std::tolower(static_cast<unsigned char>(id[i])) == std::tolower(static_cast<unsigned char>(p[i]));
    if (same) return "trial:JPRN-" + p + id.substr(p.size());
  }
  return "trial:" + id;
}

// "PMID:123", "pmid 123", "123" -> paper:pmid:123; a DOI -> paper:doi:<doi>.
std::string PaperTarget(const std::string& text) {
  std::string s = text;
  for (const char* label : {"PMID:", "pmid:", "PMID", "pmid"}) {
    if (s.compare(0, std::string(label).size(), label) == 0) {
      s = CleanText(s.substr(std::string(label).size()));
      break;
    }
  }
  if (AllDigits(s) && s.size() <= 10) return "paper:pmid:" + s;
  const std::string doi = NormaliseDoi(text);
  return doi.empty() ? "" : "paper:doi:" + doi;
}

int DaysIn(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// "2021-03-01" or "2021/3/1" -> "2021-03-01"; "" when not a calendar date.
std::string NormaliseDate(const std::string& s) {
  const char sep = s.size() > 4 ? s[4] : '-';
  if (sep != '-' && sep != '/') return "";
  std::vector<std::string> parts;
  for (size_t i = 0, j; i <= s.size(); i = j + 1) {
    j = std::min(s.find(sep, i), s.size());
    parts.push_back(s.substr(i, j - i));
  }
  if (parts.size() != 3 || parts[0].size() != 4 || parts[1].empty() || parts[1].size() > 2 || parts[2].empty() ||
      parts[2].size() > 2 || !AllDigits(parts[0] + parts[1] + parts[2])) {
    return "";
  }
  if (sep == '-' && (parts[1].size() != 2 || parts[2].size() != 2)) return "";
  const int y = std::stoi(parts[0]), m = std::stoi(parts[1]), d = std::stoi(parts[2]);
  if (m < 1 || m > 12 || d < 1 || d > DaysIn(y, m)) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

// One row's cells, trimmed.
struct Row {
  std::string cell[kColCount];
};

class OutcomeReader {
 public:
  explicit OutcomeReader(RecordSink* sink) : sink_(sink) {}
  Status ReadFile(const std::string& file);

 private:
  bool Header(const std::vector<std::string>& header, const std::string& where);
  void Line(const std::vector<std::string>& fields, const std::string& where);
  std::string Partner(const Kind& kind, const Row& row, const GrantRef& grant, std::string* target) const;
  std::string Build(const Row& row, const std::string& where, Record* r) const;

  RecordSink* sink_;
  int cols_[kColCount];
  std::map<std::string, std::string> seen_;  // outcome id -> where it was read first
};

Status OutcomeReader::ReadFile(const std::string& file) {
  return ForEachCsvRow(
      file, sink_, [this](const std::vector<std::string>& h, const std::string& where) { return Header(h, where); },
      [this](const std::vector<std::string>& f, const std::string& where) { Line(f, where); });
}

bool OutcomeReader::Header(const std::vector<std::string>& header, const std::string& where) {
  std::vector<std::string> names;
  for (const auto& h : header) names.push_back(CleanText(h));
  std::string missing;
  for (int c = 0; c < kColCount; ++c) {
    cols_[c] = FindColumn(names, kColNames[c][0]);
    if (cols_[c] < 0) cols_[c] = FindColumn(names, kColNames[c][1]);
    if (cols_[c] < 0 && c < kRequiredCols) missing += std::string(missing.empty() ? "" : ", ") + kColNames[c][0];
  }
  if (missing.empty()) return true;
  sink_->Reject(where, "header: missing column " + missing +
                           " (an outcome CSV has 課題番号, 種別, 相手先, 日付 and optionally 公開, 備考, top1pct)");
  return false;
}

void OutcomeReader::Line(const std::vector<std::string>& fields, const std::string& where) {
  Row row;
  for (int c = 0; c < kColCount; ++c) {
    if (cols_[c] < 0) continue;
    const std::string& raw = fields[cols_[c]];
    if (!IsValidUtf8(raw)) {
      return sink_->Reject(where, std::string(kColNames[c][0]) + ": not UTF-8 (save the sheet as CSV UTF-8)");
    }
    row.cell[c] = CleanText(raw);
  }
  Record r;
  const std::string problem = Build(row, where, &r);
  if (!problem.empty()) return sink_->Reject(where, problem);
  auto [first, fresh] = seen_.emplace(r.id, where);
  if (!fresh) {
    return sink_->Reject(where, "相手先: the same outcome (topic, 種別, partner) as " + first->second +
                                    "; one row each, the later one is not imported");
  }
  sink_->Accept(std::move(r));
}

// The partner's record id in *target; "" or the reason it has none.
std::string OutcomeReader::Partner(const Kind& kind, const Row& row, const GrantRef& grant, std::string* target) const {
  const std::string& p = row.cell[kPartner];
  if (p.empty()) return "相手先: empty (導出: the company, 治験: the registry id, 継続: the next grant, 論文: a DOI or PMID)";
  const std::string rel = kind.rel;
  if (rel == "licensed_to") {
    *target = AllDigits(p) && p.size() == 13 ? "company:corp:" + p : CompanyId(p);
    return target->empty() ? "相手先: no company name in '" + p.substr(0, 60) + "'" : "";
  }
  if (rel == "registered_as") {
    *target = TrialTarget(p);
    return target->empty() ? "相手先: not a registry id (jRCT2031190001, NCT04319445): '" + p.substr(0, 60) + "'" : "";
  }
  if (rel == "continued_as") {
    *target = GrantOf(p).topic_id;
    if (target->empty()) return "相手先: not an AMED or KAKEN grant number: '" + p.substr(0, 60) + "'";
    return *target == grant.topic_id ? "相手先: the topic cannot continue as itself" : "";
  }
  *target = PaperTarget(p);
  return target->empty() ? "相手先: neither a DOI (10.1371/…) nor a PMID: '" + p.substr(0, 60) + "'" : "";
}

std::string OutcomeReader::Build(const Row& row, const std::string& where, Record* r) const {
  const GrantRef grant = GrantOf(row.cell[kGrant]);
  if (grant.topic_id.empty()) {
    return "課題番号: not an AMED (JP16ek0109114) or KAKEN (19K23913) grant number: '" + row.cell[kGrant].substr(0, 60) + "'";
  }
  const Kind* kind = FindKind(row.cell[kKind]);
  if (kind == nullptr) return "種別: expected 導出, 治験, 継続 or 論文, got '" + row.cell[kKind].substr(0, 40) + "'";
  std::string target;
  std::string problem = Partner(*kind, row, grant, &target);
  if (!problem.empty()) return problem;
  const std::string date = NormaliseDate(row.cell[kDate]);
  if (date.empty()) return "日付: expected a date YYYY-MM-DD, got '" + row.cell[kDate].substr(0, 40) + "'";
  const std::string& vis = row.cell[kVisibility];
  r->visibility = vis == "public" || vis == "公開" ? "public" : vis.empty() || vis == "internal" || vis == "内部" || vis == "非公開" ? "internal" : "";
  if (r->visibility.empty()) return "公開: expected public or internal (default internal), got '" + vis.substr(0, 40) + "'";
  const std::string& top = row.cell[kTop1];
  if (!top.empty() && top != "0" && top != "1") return "top1pct: expected 1 or 0, got '" + top.substr(0, 20) + "'";
  if (top == "1" && std::string(kind->rel) != "published_as") return "top1pct: only a 論文 row names a paper";
  r->type = "outcome";
  r->id = "outcome:" + grant.number + ":" + kind->rel + ":" + target;
  r->title.ja = std::string(kind->ja) + " " + grant.number + " → " + row.cell[kPartner];
  r->title.en = std::string(kind->title_en) + " " + grant.number + " → " + row.cell[kPartner];
  (HasJapanese(row.cell[kNote]) ? r->text.ja : r->text.en) = row.cell[kNote];
  r->date = date;
  AddLink(r, "outcome_of", grant.topic_id);
  AddLink(r, kind->rel, target, date);
  Attrs attrs;
  attrs.Str("source", "AMED outcome records (機関の成果記録)").Str("row", BaseName(where)).Str("kind", kind->ja)
      .Str("partner", row.cell[kPartner]);
  if (top == "1") attrs.Bool("top1pct", true);
  r->attrs_json = attrs.Done();
  return "";
}

}  // namespace

Status ImportOutcomes(const std::vector<std::string>& files, RecordSink* sink) {
  OutcomeReader reader(sink);
  for (const auto& f : files) {
    Status st = reader.ReadFile(f);
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

}  // namespace seedgraph
